from datetime import date

import pytest

from klachtclassificatie.register._regels import (
    MAX_OPSCHORTING_DAGEN,
    ONDERGRENS_DATUM,
    controleer_datum,
    lees_dagen,
    lees_datum,
    lees_klachtnummer,
    lees_klantnummer,
    nummersleutel,
)

VANDAAG = date(2025, 6, 30)
ZWSP = "\u200b"


@pytest.mark.parametrize("tekst", ["2025-03-05 onzin", "2025-03-05x", "05-03-2025 12:00", "2025-03-05 25:00"])
def test_nothing_may_follow_a_date_but_a_time(tekst):
    with pytest.raises(ValueError, match="ongeldige"):
        lees_datum(tekst)


def test_a_date_with_a_time_of_day_is_that_day():
    assert lees_datum("2025-03-05 00:00:00") == date(2025, 3, 5)
    assert lees_datum("2025-03-05T14:30") == date(2025, 3, 5)


@pytest.mark.parametrize("dag, melding", [
    (date(1, 1, 1), "ligt vóór 2000-01-01"),
    (date(1999, 12, 31), "ligt vóór 2000-01-01"),
    (date(2025, 7, 1), "ligt in de toekomst"),
    (date(2099, 1, 1), "ligt in de toekomst"),
    (date(9999, 12, 31), "ligt in de toekomst"),
])
def test_dates_outside_the_bounds_are_refused(dag, melding):
    with pytest.raises(ValueError, match=melding):
        controleer_datum(dag, vandaag=VANDAAG)


def test_the_bounds_themselves_are_allowed():
    assert controleer_datum(ONDERGRENS_DATUM, vandaag=VANDAAG) == ONDERGRENS_DATUM
    assert controleer_datum(VANDAAG, vandaag=VANDAAG) == VANDAAG


def test_days_of_suspension_are_bounded():
    assert lees_dagen("0") == 0
    assert lees_dagen(str(MAX_OPSCHORTING_DAGEN)) == 365
    with pytest.raises(ValueError, match="meer dan het maximum van 365"):
        lees_dagen("3000000")
    with pytest.raises(ValueError, match="getal van 20 cijfers is te lang"):
        lees_dagen("12345678901234567890")
    with pytest.raises(ValueError, match="geen geheel aantal dagen"):
        lees_dagen("-3")


def test_a_klachtnummer_loses_spaces_and_invisible_characters_and_keeps_its_case():
    assert lees_klachtnummer(f"  K2025-D01{ZWSP} ") == "K2025-D01"
    assert lees_klachtnummer("\ufeffk2025-d01\u00ad") == "k2025-d01"


def test_numbers_differing_in_case_or_invisible_characters_compare_equal():
    assert nummersleutel("K2025-D01") == nummersleutel("k2025-d01") == nummersleutel(f"K2025{ZWSP}-D01")
    assert nummersleutel("K2025-D01") != nummersleutel("K2025-D02")


@pytest.mark.parametrize("tekst", ["abc def", "=1+1", "<b>K1</b>", "-K1", "K" * 41])
def test_odd_klachtnummers_are_refused(tekst):
    with pytest.raises(ValueError, match="klachtnummer"):
        lees_klachtnummer(tekst)


def test_klantnummer_is_letters_digits_dash_and_slash():
    assert lees_klantnummer(" AB-123/4 ") == "AB-123/4"
    for tekst in ("123 456", "=1+1", "<script>", "a=b", "12345678901234567890" * 3):
        with pytest.raises(ValueError, match="klantnummer"):
            lees_klantnummer(tekst)
