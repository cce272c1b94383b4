"""The case register and the case-based, doubly annotated texts."""

import csv

import pytest

from klachtclassificatie.annotaties import (
    controleer,
    groepen,
    lees_annotaties,
    lees_gevallen,
    overeenstemming,
    trainingssplit,
)
from klachtclassificatie.annotaties._bestanden import organisatiesleutel

GEVAL = {"geval_id": "G-1", "bron": "https://www.nationaleombudsman.nl/rapporten/2017064",
         "brontype": "nationale ombudsman", "organisatie": "Sociale Dienst Drechtsteden", "jaar": "2017",
         "teksttype_origineel": "institutionele samenvatting", "thema": "klachtbehandeling",
         "feiten": "Na een klacht over een gemiste afspraak is de gemachtigde niet gehoord.",
         "woorden_origineel": "300", "meerdere_kwesties": "ja", "onderdeel_impliciet": "nee",
         "duur_genoemd": "nee", "categorie_bron": "informatie/nalatigheid",
         "programmaonderdeel_bron": "Bedrijfsvoering"}
TEKST = {"id": "G-1-1", "geval_id": "G-1", "teksttype": "samenvatting ombudsman",
         "tekst": "Verzoeker klaagt erover dat hij na zijn klacht niet is gehoord.",
         "categorie": "informatie/nalatigheid", "programmaonderdeel": "Bedrijfsvoering",
         "categorie_a1": "informatie/nalatigheid", "programmaonderdeel_a1": "Bedrijfsvoering",
         "categorie_a2": "bejegening", "programmaonderdeel_a2": "Bedrijfsvoering",
         "moeilijk": "ja", "twijfel": "ja"}


def _schrijf(pad, rijen):
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.DictWriter(f, list(rijen[0]))
        schrijver.writeheader()
        schrijver.writerows(rijen)


@pytest.fixture
def map_(tmp_path):
    _schrijf(tmp_path / "gevallen.csv", [GEVAL, {**GEVAL, "geval_id": "G-2", "organisatie": "gemeente Dordrecht"}])
    _schrijf(tmp_path / "gevallen-teksten.csv", [TEKST, {**TEKST, "id": "G-2-1", "geval_id": "G-2",
                                                        "tekst": "Klager wacht al lang op zijn stadspas.",
                                                        "categorie": "afhandelingsduur",
                                                        "categorie_a1": "afhandelingsduur",
                                                        "categorie_a2": "afhandelingsduur",
                                                        "programmaonderdeel": "Inkomensondersteuning",
                                                        "programmaonderdeel_a1": "Inkomensondersteuning",
                                                        "programmaonderdeel_a2": "Inkomensondersteuning"}])
    return tmp_path


def test_a_valid_folder_passes_and_reports_cases_and_agreement(map_):
    controle = controleer(map_)
    assert controle.fouten == []
    assert controle.gevallen["n"] == 2 and controle.gevallen["per_brontype"] == {"nationale ombudsman": 2}
    assert controle.gevallen["meerdere_kwesties"] == 1.0
    assert controle.overeenstemming["gevallen-teksten.csv"]["categorie"]["gelijk"] == 0.5
    assert controle.overeenstemming["gevallen-teksten.csv"]["programmaonderdeel"]["kappa"] == 1.0


def test_the_case_register_is_not_read_as_annotations(map_):
    assert set(trainingssplit(map_)["bestand"]) == {"gevallen-teksten.csv"}


def test_a_text_that_names_an_unknown_case_is_an_error(map_):
    _schrijf(map_ / "gevallen-teksten.csv", [{**TEKST, "geval_id": "G-9"}])
    fouten = controleer(map_).fouten
    assert fouten == ["gevallen-teksten.csv: rij 2, kolom 'geval_id': geval 'G-9' staat niet in gevallen.csv"]


def test_case_register_problems_name_row_and_column(map_):
    _schrijf(map_ / "gevallen.csv", [{**GEVAL, "bron": "", "brontype": "blog", "jaar": "2099"}])
    fouten = controleer(map_ / "gevallen.csv").fouten
    assert any("rij 2, kolom 'bron': leeg" in f for f in fouten)
    assert any("kolom 'brontype': onbekende waarde 'blog'" in f for f in fouten)
    assert any("kolom 'jaar'" in f for f in fouten)


def test_an_unknown_annotator_label_is_an_error(map_):
    _schrijf(map_ / "gevallen-teksten.csv", [{**TEKST, "programmaonderdeel_a2": "Zorg"}])
    assert any("programmaonderdeel_a2" in f for f in controleer(map_).fouten)


def test_texts_are_grouped_by_organisation_or_writer(map_):
    frame = lees_annotaties(map_)
    assert list(frame["groep"]) == ["bron sociale dienst drechtsteden", "bron dordrecht"]
    assert list(groepen(frame.drop(columns="geval_id").assign(id=["TA-001", "XG-002"]))) == [
        "schrijver TA", "schrijver XG"]


def test_organisation_spellings_are_one_key():
    assert organisatiesleutel("Gemeente Groningen, sociale dienst", "u") == organisatiesleutel("groningen (SoZaWe)", "u")
    assert organisatiesleutel("(niet genoemd)", "https://x.nl/a, casus 2") == "document https://x.nl/a"


def test_kappa_of_perfect_and_chance_agreement():
    import pandas as pd

    frame = pd.DataFrame({"categorie_a1": ["bejegening", "afhandelingsduur"] * 4,
                          "categorie_a2": ["bejegening", "afhandelingsduur"] * 4,
                          "programmaonderdeel_a1": ["Werk", "Werk", "SHV", "SHV"] * 2,
                          "programmaonderdeel_a2": ["Werk", "SHV", "Werk", "SHV"] * 2})
    uit = overeenstemming(frame)
    assert uit["categorie"]["kappa"] == 1.0
    assert uit["programmaonderdeel"]["kappa"] == 0.0


def test_the_shipped_case_register_passes():
    from ..conftest import PROJECTMAP

    gevallen, problemen = lees_gevallen(PROJECTMAP / "data" / "annotaties" / "gevallen.csv")
    assert problemen == []
    assert len(gevallen) >= 300 and gevallen["bron"].str.len().gt(0).all()
