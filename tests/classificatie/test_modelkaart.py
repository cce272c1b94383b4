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
