"""The Markdown rendering of the model card."""

import copy

from klachtclassificatie.classificatie import als_markdown


def test_markdown_names_every_target_and_candidate(klein_model):
    tekst = als_markdown(klein_model.kaart)
    assert tekst.startswith(f"# Modelkaart klachtmodel {klein_model.versie}")
    for doel in ("categorie", "programmaonderdeel"):
        assert f"## {doel}" in tekst
    assert "| logreg C=10.0 |" in tekst and "| svm C=1.0 |" in tekst


def test_a_missing_test_split_is_said_not_left_out(klein_model):
    kaart = copy.deepcopy(klein_model.kaart)
    kaart["testsplit"] = None
    assert "Niet gemeten (geen testsplit gevonden bij het trainen)." in als_markdown(kaart)


def test_the_shift_per_label_and_the_temperature_are_told(klein_model):
    kaart = copy.deepcopy(klein_model.kaart)
    kaart["doelen"]["programmaonderdeel"]["verschuiving"] = {
        "toegepast": True, "gekozen_op": "teksten uit echte gevallen", "genest_macro_f1_zonder": 0.786,
        "genest_macro_f1_met": 0.808, "per_label": {"Inkomen": -0.52, "Werk": 0.68}}
    kaart["doelen"]["categorie"]["verschuiving"] = {
        "toegepast": False, "gekozen_op": "teksten uit echte gevallen", "genest_macro_f1_zonder": 0.753,
        "genest_macro_f1_met": 0.742}
    tekst = als_markdown(kaart)
    assert ("Verschuiving per label (Inkomen -0.52, Werk +0.68), gekozen op teksten uit echte gevallen; "
            "genest gemeten macro-F1 0.786 zonder, 0.808 met.") in tekst
    assert "Geen verschuiving per label: die hielp niet op organisaties buiten de keuze" in tekst
    assert "temperatuur ×" in tekst


def test_the_margin_above_the_target_is_told(klein_model):
    tekst = als_markdown(klein_model.kaart)
    assert "(doel: 90.0% juist boven de drempel" in tekst
    assert "gemikt op 93.0% buiten de vouw" in tekst
