"""The annual tables, checked against the published 2024 report cell for cell."""

import pandas as pd
import pytest

from klachtclassificatie.jaarverslag import OnbevestigdeLabelsError, maak_jaarverslag
from klachtclassificatie.register import laad_klachten, maak_frame

from ..conftest import PROJECTMAP

DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"

# From ../shared/seed/gepubliceerde-cijfers.md (the published report, empty cells restored).
GEPUBLICEERD_PER_ONDERDEEL = {
    "Inkomen": {"bejegening": 4, "informatie/nalatigheid": 3, "afhandelingsduur": 0},
    "SHV": {"bejegening": 5, "informatie/nalatigheid": 3, "afhandelingsduur": 0},
    "Inkomensondersteuning": {"bejegening": 0, "informatie/nalatigheid": 4, "afhandelingsduur": 1},
    "Werk": {"bejegening": 18, "informatie/nalatigheid": 2, "afhandelingsduur": 0},
    "Bedrijfsvoering": {"bejegening": 4, "informatie/nalatigheid": 3, "afhandelingsduur": 0},
}
GEPUBLICEERD_PER_GEMEENTE = {
    "IJsselstein": {"2024": 15, "2023": 10, "2022": 12, "2021": 8},
    "Houten": {"2024": 9, "2023": 7, "2022": 5, "2021": 9},
    "Nieuwegein": {"2024": 22, "2023": 22, "2022": 32, "2021": 17},
    "Lopik": {"2024": 1, "2023": 1, "2022": 3, "2021": 0},
}
GEPUBLICEERD_RESULTAAT = {
    "gegrond": {"2024": 3, "2023": 6, "2022": 5},
    "gedeeltelijk gegrond": {"2024": 6, "2023": 6, "2022": 2},
    "ongegrond": {"2024": 21, "2023": 7, "2022": 9},
    "wederzijdse overeenstemming": {"2024": 15, "2023": 19, "2022": 23},
    "ingetrokken": {"2024": 0, "2023": 2, "2022": 2},
    "niet ontvankelijk": {"2024": 2, "2023": 3, "2022": 9},
}
GEPUBLICEERDE_BULLETS = [
    "een verschil van inzicht over welke (privacygevoelige) gegevens moeten worden verstrekt aan een werkcoach.",
    "het niet afstemmen van de intensiteit van een gesprek over werk op door betrokkene vooraf aangegeven beperkingen.",
    "het ten onrechte (dwz.niet conform de wetgeving) opleggen van arbeidsverplichtingen aan een alleenstaand ouder.",
    "een ten onrechte verzonden ‘dreigbrief’ en oproep voor een hoorgesprek, terwijl eerdere correspondentie niet is ontvangen door klager.",
    "onduidelijkheid over de reden van een oproep voor een gesprek over werk.",
    "de vooringenomen houding van een shv consulent.",
    "het niet gehoord en gezien worden door de werkcoach.",
    "bejegening door medewerker klantenservice.",
    "een fout bij verlenging van een stadspas.",
]


@pytest.fixture(scope="module")
def verslag_2024():
    return maak_jaarverslag(laad_klachten(DEMO), 2024, strikt=True)


def test_per_programmaonderdeel_equals_published(verslag_2024):
    assert verslag_2024.per_programmaonderdeel == GEPUBLICEERD_PER_ONDERDEEL


def test_per_gemeente_equals_published(verslag_2024):
    assert verslag_2024.per_gemeente == GEPUBLICEERD_PER_GEMEENTE


def test_resultaat_equals_published(verslag_2024):
    assert verslag_2024.resultaat == GEPUBLICEERD_RESULTAAT


def test_procedure_and_termijn_equal_published(verslag_2024):
    assert verslag_2024.procedure == {"formeel": 4, "informeel": 43}
    assert verslag_2024.termijn == {"binnen": 47, "buiten": 0}
    assert verslag_2024.buiten_termijn == []


def test_gegronde_summaries_are_the_nine_bullets(verslag_2024):
    samenvattingen = [k["samenvatting"] for k in verslag_2024.gegronde_samenvattingen]
    assert sorted(samenvattingen) == sorted(GEPUBLICEERDE_BULLETS)


def test_demo_facts_from_the_report_text():
    klachten = laad_klachten(DEMO)
    ontvangen_2024 = klachten[klachten["ontvangstdatum"].dt.year == 2024]
    assert ontvangen_2024["klantnummer"].notna().all()
    afgehandeld_2024 = klachten[klachten["afhandeldatum"].dt.year == 2024]
    formeel = afgehandeld_2024[afgehandeld_2024["procedure"] == "formeel"]
    assert (formeel["behandelaar"] == "concernmanager").sum() == 1
    teksten = ontvangen_2024[ontvangen_2024["programmaonderdeel"] == "Inkomen"]["tekst"].str.lower()
    assert teksten.str.contains("spuk|toeslagenaffaire|kinderopvangtoeslag").sum() == 2
    assert teksten.str.contains("handhaving").sum() >= 1


def _klacht(nummer, ontvangen, afgehandeld=None, bevestigd=1, **velden):
    basis = dict(
        klachtnummer=nummer,
        ontvangstdatum=ontvangen,
        afhandeldatum=afgehandeld,
        gemeente="Houten",
        programmaonderdeel="Werk",
        categorie="bejegening",
        procedure="informeel",
        klantnummer="1",
        labels_bevestigd=bevestigd,
        resultaat="ongegrond" if afgehandeld else None,
    )
    basis.update(velden)
    return basis


def test_year_boundary_counts_incoming_and_handled_in_different_years():
    klachten = maak_frame(pd.DataFrame([_klacht("A", "2023-12-20", "2024-01-10")]))
    verslag_2023 = maak_jaarverslag(klachten, 2023)
    verslag_2024 = maak_jaarverslag(klachten, 2024)
    assert verslag_2023.per_gemeente["Houten"]["2023"] == 1
    assert verslag_2023.resultaat["ongegrond"]["2023"] == 0
    assert verslag_2024.per_programmaonderdeel["Werk"]["bejegening"] == 0
    assert verslag_2024.resultaat["ongegrond"] == {"2024": 1, "2023": 0, "2022": 0}
    assert verslag_2024.termijn == {"binnen": 1, "buiten": 0}


def test_unconfirmed_labels_are_left_out_and_counted():
    klachten = maak_frame(
        pd.DataFrame(
            [
                _klacht("A", "2024-02-01", "2024-02-20"),
                _klacht("B", "2024-03-01", "2024-03-20", bevestigd=0),
                _klacht("C", "2024-03-01", categorie=None),
            ]
        )
    )
    verslag = maak_jaarverslag(klachten, 2024)
    assert verslag.per_programmaonderdeel["Werk"]["bejegening"] == 1
    assert verslag.per_gemeente["Houten"]["2024"] == 1
    assert verslag.resultaat["ongegrond"]["2024"] == 1
    assert verslag.uitgesloten == {
        "labels niet bevestigd (alleen een suggestie)": 1,
        "categorie of programmaonderdeel ontbreekt": 1,
    }
    with pytest.raises(OnbevestigdeLabelsError, match="1 klachten: labels niet bevestigd"):
        maak_jaarverslag(klachten, 2024, strikt=True)


def test_late_complaint_is_listed_outside_the_term():
    klachten = maak_frame(
        pd.DataFrame(
            [
                _klacht("A", "2024-03-05", "2024-04-17"),
                _klacht("B", "2024-03-05", "2024-04-17", verlenging=1),
                _klacht("C", "2024-03-05", "2024-04-16"),
            ]
        )
    )
    verslag = maak_jaarverslag(klachten, 2024)
    assert verslag.termijn == {"binnen": 2, "buiten": 1}
    assert verslag.buiten_termijn[0]["klachtnummer"] == "A"
    assert verslag.buiten_termijn[0]["dagen_te_laat"] == 1


def test_complaints_without_klantnummer_are_listed():
    klachten = maak_frame(pd.DataFrame([_klacht("A", "2024-02-01", klantnummer=None)]))
    assert [k["klachtnummer"] for k in maak_jaarverslag(klachten, 2024).zonder_klantnummer] == ["A"]
