"""Dutch labels and readable values for the register's columns."""

import math

from klachtclassificatie.register import HERKOMST, VELDLABELS, VELDNAMEN, veldlabel, waardetekst


def test_every_column_has_a_dutch_label_without_underscores():
    assert set(VELDLABELS) == set(VELDNAMEN) | set(HERKOMST)
    assert not [label for label in VELDLABELS.values() if "_" in label]
    assert veldlabel("opschorting_dagen") == "opschorting (dagen)"
    assert veldlabel("labels_bevestigd") == "labels bevestigd"
    assert veldlabel("iets_nieuws") == "iets nieuws"  # a column added later still reads as words


def test_yes_no_fields_read_ja_nee_from_a_row_and_from_the_audit_trail():
    assert [waardetekst("labels_bevestigd", w) for w in (1, 0, "1", "0")] == ["ja", "nee", "ja", "nee"]
    assert waardetekst("verlenging", 1) == "ja"
    assert waardetekst("opschorting_dagen", "1") == "1"  # a number stays a number
    assert waardetekst("resultaat", None) == "" and waardetekst("resultaat", math.nan) == ""
