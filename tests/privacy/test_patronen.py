"""Spellings found missing on the independent check set, each now covered by a general pattern."""

from pathlib import Path

import pytest

from klachtclassificatie.privacy import redigeer_snel

ANNOTATIES = Path(__file__).parents[2] / "data" / "annotaties"


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Mijn BSN is 111-222-333.", "Mijn BSN is [BSN-1]."),
        ("bel 030 – 123 45 67 of 06 – 11 22 33 44", "bel [TELEFOON-1] of [TELEFOON-2]"),
        ("tel 06.48.93.21.07 graag", "tel [TELEFOON-1] graag"),
        ("Mevrouw belde (06-12345678) gisteren", "Mevrouw belde ([TELEFOON-1]) gisteren"),
        ("bel (030) 123 45 67 of (030)1234567", "bel [TELEFOON-1] of [TELEFOON-1]"),
        ("Klantnummer (indien bekend): 204518", "Klantnummer (indien bekend): [KLANTNUMMER-1]"),
        ("klnr 204518 graag", "klnr [KLANTNUMMER-1] graag"),
    ],
)
def test_separators_and_asides(tekst, verwacht):
    assert redigeer_snel(tekst) == verwacht


def test_a_date_is_not_taken_for_a_phone_number():
    assert redigeer_snel("op 06-12-2023 belde ik") == "op [DATUM-1] belde ik"


def _zonder_voorselectie(tekst: str) -> list:
    """Every fast pattern on the whole text, none skipped: what `_snelle_vondsten` must equal."""
    from klachtclassificatie.privacy import _patronen as p

    vondsten = list(p._emails(tekst)) + list(p._klantnummers(tekst)) + list(p._ibans(tekst))
    vondsten += list(p._bsns(tekst)) + list(p._telefoons(tekst)) + list(p._datums(tekst))
    postcodes = list(p._postcodes(tekst))
    return vondsten + postcodes + list(p._adressen(tekst, met_postcode=bool(postcodes)))


RANDGEVALLEN = [
    "bel 0800-1234 of 0900 12 34", "BSN 1234 5678 9", "Dorpsstraat 12", "Kerkweg Oost 3a",
    "Stationsplein nr. 4", "Dorpsstraat\u00a012", "de straat 12 keer", "op 12-3 om 9 uur",
    "Koppeling 60, 3995 GB Houten", "+44 20 7946 0958", "NL91ABNA0417164300", "klantnr 12345", "klnr 12345",
    "١٢٣٤٥٦٧٨٩ en 12", "06-1234567", "mail a@b.nl", "",
    # each check that decides whether a pattern runs, on both sides of it
    "12 maart 2024", "3e mei", "1-jan-'24", "2024-03-12", "12.3.2024", "op 12/3", "€ 1.250", "per 1 mrt.",
    "NL 91 ABNA 0417 1643 00", "nl91abna0417164300", "DE89370400440532013000", "in 2023 en 91",
    "Dorpsstraat  12", "Kerkstraat Westzijde 4", "Kerkpad nr.4", "wegens 12 weken", "1234 AB", "1234ab",
    "Klantnummer bij ons is SHV 20451", "dossier: 12345", "kl. nr. 123", "huurdersnummer\n  5",
    "debiteurnr. AB-1234", "relatie-nummer #99", "cliëntnummer (zie brief) 7788", "de klant had 3 kinderen",
]


@pytest.mark.parametrize("tekst", RANDGEVALLEN)
def test_skipping_patterns_that_cannot_match_finds_the_same(tekst):
    from klachtclassificatie.privacy._patronen import _snelle_vondsten

    assert sorted(_snelle_vondsten(tekst), key=repr) == sorted(_zonder_voorselectie(tekst), key=repr)


def test_skipping_patterns_finds_the_same_on_the_corpus():
    import pandas as pd

    from klachtclassificatie.privacy._patronen import _snelle_vondsten

    teksten = pd.read_csv(ANNOTATIES / "train.csv", dtype=str, keep_default_na=False)["tekst"]
    verschillend = [t for t in teksten if sorted(_snelle_vondsten(t), key=repr) != sorted(_zonder_voorselectie(t), key=repr)]
    assert verschillend == []
    assert sum(bool(_zonder_voorselectie(t)) for t in teksten) > 100  # the corpus has findings
