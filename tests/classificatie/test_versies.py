"""Model versions: kept beside the active model, listed, activated (rolled back)."""

import json
from dataclasses import replace

import pytest

from klachtclassificatie.classificatie import (
    activeer,
    bewaar,
    bewaar_versie,
    kaartpad,
    laad,
    versielijst,
    versiepad,
)
from klachtclassificatie.fouten import ModelError


def _versie(model, naam: str, datum: str):
    """The same fitted model under another version name and date (a fresh card dict)."""
    return replace(model, kaart={**model.kaart, "versie": naam, "datum": datum}, _cache={})


@pytest.fixture
def twee_versies(klein_model, tmp_path):
    modelpad = tmp_path / "models" / "klachtmodel.skops"
    bewaar_versie(_versie(klein_model, "oud", "2026-01-01T10:00:00+01:00"), modelpad)
    bewaar_versie(_versie(klein_model, "nieuw", "2026-02-01T10:00:00+01:00"), modelpad)
    return modelpad


def test_training_output_is_kept_as_a_version_and_made_active(twee_versies):
    assert versiepad(twee_versies, "oud") == twee_versies.parent / "versies" / "klachtmodel-oud.skops"
    assert versiepad(twee_versies, "oud").is_file() and kaartpad(versiepad(twee_versies, "oud")).is_file()
    assert laad(twee_versies).versie == "nieuw"
    assert json.loads(kaartpad(twee_versies).read_text())["bestand"] == "klachtmodel.skops"


def test_the_list_is_newest_first_and_marks_the_active_one(twee_versies):
    rijen = versielijst(twee_versies)
    assert [(r["versie"], r["actief"]) for r in rijen] == [("nieuw", True), ("oud", False)]
    assert rijen[0]["teksten"] == 30 and rijen[0]["registerklachten"] == 0
    assert set(rijen[0]["scores"]) == {"categorie", "programmaonderdeel"}


def test_activating_an_older_version_rolls_back(twee_versies):
    kaart = activeer(twee_versies, "oud")
    assert kaart["versie"] == "oud"
    assert laad(twee_versies).versie == "oud"  # hash and card agree after the copy
    assert [(r["versie"], r["actief"]) for r in versielijst(twee_versies)] == [("nieuw", False), ("oud", True)]


def test_an_unknown_version_names_the_stored_ones(twee_versies):
    with pytest.raises(ModelError, match="versie bestaat-niet niet gevonden.*bewaarde versies: nieuw, oud"):
        activeer(twee_versies, "bestaat-niet")


def test_a_damaged_version_is_not_activated(twee_versies):
    pad = versiepad(twee_versies, "oud")
    pad.write_bytes(pad.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="versie oud wordt niet geactiveerd.*SHA-256"):
        activeer(twee_versies, "oud")
    assert laad(twee_versies).versie == "nieuw"
    kaartpad(pad).write_text("{kapot", encoding="utf-8")
    [oud] = [r for r in versielijst(twee_versies) if r["versie"] == "oud"]
    assert "beschadigd" in oud["fout"]


def test_an_active_model_from_before_versions_is_kept_when_another_is_activated(klein_model, tmp_path):
    modelpad = tmp_path / "klachtmodel.skops"
    bewaar(_versie(klein_model, "ouder", "2025-12-01T10:00:00+01:00"), modelpad)  # no versions folder
    [rij] = versielijst(modelpad)
    assert (rij["versie"], rij["actief"], rij["bewaard"]) == ("ouder", True, False)
    bewaar(_versie(klein_model, "nieuw", "2026-02-01T10:00:00+01:00"), versiepad(modelpad, "nieuw"))
    activeer(modelpad, "nieuw")
    assert laad(versiepad(modelpad, "ouder")).versie == "ouder"
    assert [(r["versie"], r["actief"]) for r in versielijst(modelpad)] == [("nieuw", True), ("ouder", False)]
