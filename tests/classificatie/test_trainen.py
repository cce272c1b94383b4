"""Training: model selection, the one-standard-error rule and what the card records."""

from klachtclassificatie.classificatie._maten import MARGE_NIEUWE_ORGANISATIES
from klachtclassificatie.classificatie._trainen import data_hash, kies_eenvoudigste


def test_one_standard_error_rule_prefers_the_smaller_c_of_the_best_family():
    resultaten = [
        {"classificator": "svm", "C": 1.0, "macro_f1": 0.950, "sd": 0.010},
        {"classificator": "svm", "C": 3.0, "macro_f1": 0.953, "sd": 0.010},
        {"classificator": "logreg", "C": 10.0, "macro_f1": 0.952, "sd": 0.010},
    ]
    gekozen = kies_eenvoudigste(resultaten, folds=5)
    assert (gekozen["classificator"], gekozen["C"]) == ("svm", 1.0)


def test_a_clearly_better_c_wins():
    resultaten = [
        {"classificator": "svm", "C": 1.0, "macro_f1": 0.90, "sd": 0.005},
        {"classificator": "svm", "C": 3.0, "macro_f1": 0.95, "sd": 0.005},
    ]
    assert kies_eenvoudigste(resultaten, folds=5)["C"] == 3.0


def test_data_hash_changes_with_a_label(kleine_annotaties):
    gewijzigd = kleine_annotaties.copy()
    gewijzigd.loc[0, "categorie"] = "bejegening" if gewijzigd.loc[0, "categorie"] != "bejegening" else "afhandelingsduur"
    assert data_hash(kleine_annotaties) != data_hash(gewijzigd)
    assert data_hash(kleine_annotaties) == data_hash(kleine_annotaties.copy())


def test_card_has_format_and_every_candidate(klein_model):
    kaart = klein_model.kaart
    assert kaart["formaat"] == 4
    for doel in ("categorie", "programmaonderdeel"):
        assert len(kaart["doelen"][doel]["vergelijking"]) == 2  # the quick grid of the tests
        assert 0 < kaart["doelen"][doel]["drempel"]["drempel"] <= 1
        # the threshold aims above the target, for text from organisations it was not chosen on
        assert kaart["doelen"][doel]["drempel"]["marge"] == MARGE_NIEUWE_ORGANISATIES > 0


def test_card_keeps_what_prediction_sets_need(klein_model):
    for doel in ("categorie", "programmaonderdeel"):
        conformeel = klein_model.kaart["doelen"][doel]["conformeel"]
        assert len(conformeel["nonconformiteit"]) == conformeel["n"] == 30
        assert all(0 <= a <= 1 for a in conformeel["nonconformiteit"])
        assert 0 <= conformeel["gemeten"]["set_dekking"] <= 1
