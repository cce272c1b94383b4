"""Searching and filtering the register."""

from klachtclassificatie.register import controleer_filters, laad_klachten, splits_bevestigd, zoek

LEEG = {"zoek": "", "jaar": "", "gemeente": "", "programmaonderdeel": "", "categorie": "", "status": ""}


def test_free_text_and_filters_combine(klachten_csv):
    klachten = laad_klachten(klachten_csv)
    keuzes = {**LEEG, "zoek": "WERKCOACH", "gemeente": "nieuwegein"}
    assert controleer_filters(keuzes) == {}
    assert keuzes["gemeente"] == "Nieuwegein"  # put in canonical form
    assert list(zoek(klachten, keuzes)["klachtnummer"]) == ["T-001"]


def test_unknown_filter_values_are_named():
    fouten = controleer_filters({**LEEG, "jaar": "24", "gemeente": "Utrecht", "status": "klaar"})
    assert set(fouten) == {"jaar", "gemeente", "status"}
    assert "Utrecht" in fouten["gemeente"]


def test_status_open_and_unconfirmed(klachten_csv):
    klachten = laad_klachten(klachten_csv)
    klachten.loc[klachten["klachtnummer"] == "T-004", "labels_bevestigd"] = 0
    open_ = zoek(klachten, {**LEEG, "status": "open"})
    assert open_["afhandeldatum"].isna().all()
    te_beoordelen = zoek(klachten, {**LEEG, "status": "te beoordelen"})
    assert list(te_beoordelen["klachtnummer"]) == ["T-004"]
    bevestigd, redenen = splits_bevestigd(klachten)
    assert "T-004" not in set(bevestigd["klachtnummer"])
    assert redenen == {"labels niet bevestigd (alleen een suggestie)": 1}


def test_sorting_by_a_column_then_by_number_with_empty_values_last(klachten_csv):
    from klachtclassificatie.register import sorteer

    klachten = laad_klachten(klachten_csv)  # Houten T-003, IJsselstein T-002, Lopik T-004, Nieuwegein T-001
    assert list(sorteer(klachten, "gemeente", oplopend=True)["klachtnummer"]) == ["T-003", "T-002", "T-004", "T-001"]
    assert list(sorteer(klachten, "gemeente")["klachtnummer"]) == ["T-001", "T-004", "T-002", "T-003"]
    # T-004 is open: no afhandeldatum, last in both directions
    assert list(sorteer(klachten, "afhandeldatum")["klachtnummer"]) == ["T-003", "T-002", "T-001", "T-004"]
    assert list(sorteer(klachten, "afhandeldatum", oplopend=True)["klachtnummer"])[-1] == "T-004"
    assert list(sorteer(klachten)["klachtnummer"]) == ["T-003", "T-004", "T-002", "T-001"]  # newest first


def test_sorting_texts_ignores_case_and_refuses_other_columns(klachten_csv):
    import pytest

    from klachtclassificatie.register import sorteer

    klachten = laad_klachten(klachten_csv)
    klachten.loc[klachten["klachtnummer"] == "T-002", "klachtnummer"] = "t-002"
    assert list(sorteer(klachten, "klachtnummer", oplopend=True)["klachtnummer"]) == ["T-001", "t-002", "T-003",
                                                                                     "T-004"]
    with pytest.raises(ValueError, match="onbekende kolom 'tekst'"):
        sorteer(klachten, "tekst")
