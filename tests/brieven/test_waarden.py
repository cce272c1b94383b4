from datetime import date

import pytest

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.brieven._waarden import (
    AFHANDELING,
    ONTVANGSTBEVESTIGING,
    OORDELEN,
    PLAATSHOUDERS,
    ZONDER_BEHANDELAAR,
    datum_voluit,
    waarden,
)
from klachtclassificatie.fouten import RegisterError

RIJ = {"klachtnummer": "K2026-901", "ontvangstdatum": "2026-10-01", "gemeente": "Houten", "verlenging": 0,
       "opschorting_dagen": 0, "behandelaar": None, "afhandeldatum": None, "resultaat": None,
       "samenvatting": None}


def test_dates_are_written_out_in_dutch():
    assert datum_voluit(date(2026, 3, 1)) == "1 maart 2026"
    assert datum_voluit(date(2024, 12, 16)) == "16 december 2024"


def test_every_resultaat_has_an_oordeel_in_words():
    assert set(OORDELEN) == set(voc.RESULTATEN.waarden)


def test_the_acknowledgement_has_the_term_and_a_field_for_an_unknown_behandelaar():
    uit = waarden(RIJ, ONTVANGSTBEVESTIGING, vandaag=date(2026, 10, 2))
    assert uit["ontvangstdatum"] == "1 oktober 2026"
    assert uit["uiterste_datum"] == "12 november 2026"  # six weeks, a Thursday
    assert uit["behandelaar"] == ZONDER_BEHANDELAAR
    assert uit["datum"] == "2 oktober 2026"
    assert set(uit) == set(PLAATSHOUDERS[ONTVANGSTBEVESTIGING])


def test_the_term_counts_extension_and_suspension():
    rij = {**RIJ, "verlenging": 1, "opschorting_dagen": 3, "behandelaar": "P. de Vries"}
    uit = waarden(rij, ONTVANGSTBEVESTIGING, vandaag=date(2026, 10, 2))
    assert uit["uiterste_datum"] == "14 december 2026"  # 12 November + 4 weeks + 3 days is a Sunday
    assert uit["behandelaar"] == "P. de Vries"


def test_an_open_complaint_has_no_afhandeling_letter():
    with pytest.raises(RegisterError, match="K2026-901 is nog niet afgehandeld .afhandeldatum en resultaat ontbreken"):
        waarden(RIJ, AFHANDELING, vandaag=date(2026, 12, 4))
    with pytest.raises(RegisterError, match="resultaat ontbreekt"):
        waarden({**RIJ, "afhandeldatum": "2026-11-02"}, AFHANDELING, vandaag=date(2026, 12, 4))


def test_the_afhandeling_has_resultaat_oordeel_and_findings():
    rij = {**RIJ, "afhandeldatum": "2026-11-02", "resultaat": "gedeeltelijk gegrond",
           "samenvatting": "Te laat teruggebeld.\nExcuses gemaakt."}
    uit = waarden(rij, AFHANDELING, vandaag=date(2026, 12, 4))
    assert uit["afhandeldatum"] == "2 november 2026"
    assert uit["resultaat"] == "gedeeltelijk gegrond"
    assert uit["oordeel"].startswith("Wij vinden uw klacht gedeeltelijk gegrond.")
    assert uit["bevindingen"] == "Te laat teruggebeld.\nExcuses gemaakt."
    assert set(uit) == set(PLAATSHOUDERS[AFHANDELING])
