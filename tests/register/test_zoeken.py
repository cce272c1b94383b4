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
