"""Spellings found missing on the independent check set, each now covered by a general pattern."""

import pytest

from klachtclassificatie.privacy import redigeer_snel


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Mijn BSN is 111-222-333.", "Mijn BSN is [BSN-1]."),
        ("bel 030 – 123 45 67 of 06 – 11 22 33 44", "bel [TELEFOON-1] of [TELEFOON-2]"),
        ("tel 06.48.93.21.07 graag", "tel [TELEFOON-1] graag"),
        ("Mevrouw belde (06-12345678) gisteren", "Mevrouw belde ([TELEFOON-1]) gisteren"),
        ("bel (030) 123 45 67 of (030)1234567", "bel [TELEFOON-1] of [TELEFOON-1]"),
        ("Klantnummer (indien bekend): 204518", "Klantnummer (indien bekend): [KLANTNUMMER-1]"),
    ],
)
def test_separators_and_asides(tekst, verwacht):
    assert redigeer_snel(tekst) == verwacht


def test_a_date_is_not_taken_for_a_phone_number():
    assert redigeer_snel("op 06-12-2023 belde ik") == "op [DATUM-1] belde ik"
