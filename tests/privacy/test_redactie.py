import json
import logging
import subprocess
import sys
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import iban
from stdnum.nl import bsn

from klachtclassificatie import privacy
from klachtclassificatie.fouten import BestandError
from klachtclassificatie.privacy import STANDAARD_BEHOUDEN, _deduce, redigeer, redigeer_snel

GELDIG_BSN = "123456782"
GELDIG_IBAN = "NL91ABNA0417164300"


@pytest.fixture(scope="module")
def deduce_geladen():
    """Build the deduce model once for this module (seconds; a minute on a fresh install)."""
    root = logging.getLogger()
    voor = (list(root.handlers), root.level)
    privacy.deduce_model()
    # deduce configures logging when imported; privacy must have undone that
    assert (list(root.handlers), root.level) == voor


def test_test_data_is_what_it_claims():
    assert bsn.is_valid(GELDIG_BSN) and not bsn.is_valid("123456789")
    assert iban.is_valid(GELDIG_IBAN) and not iban.is_valid("NL92ABNA0417164300")


def test_every_type_is_replaced(deduce_geladen):
    tekst = (
        "Mevrouw Fatima El Amrani (BSN 123456782, geboren 12-03-1985) woont op de Dorpsstraat 12a, "
        "3431 AB Nieuwegein. Bel haar op 06-12345678 of mail fatima.elamrani@gmail.com. "
        "Rekening NL91 ABNA 0417 1643 00, klantnummer 204518. Polisnummer 123456789."
    )
    r = redigeer(tekst)
    assert r.tekst == (
        "Mevrouw [PERSOON-1] (BSN [BSN-1], geboren [DATUM-1]) woont op de [ADRES-1], "
        "[POSTCODE-1] Nieuwegein. Bel haar op [TELEFOON-1] of mail [EMAIL-1]. "
        "Rekening [IBAN-1], klantnummer [KLANTNUMMER-1]. Polisnummer [NUMMER-1]."
    )
    assert set(r.tellingen()) == set(privacy.TYPES)


def test_replacements_index_the_original_text(deduce_geladen):
    tekst = "Jan de Vries (06 1234 5678) belde over Jan de Vries en 3431ab."
    r = redigeer(tekst)
    assert r.vervangingen
    for v in r.vervangingen:
        assert tekst[v.start : v.einde] == v.waarde


@pytest.mark.parametrize(
    "telefoon",
    [
        "06-12345678",
        "0612345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "0031 6 12345678",
        "+316-12345678",
    ],
)
def test_mobile_number_spellings_are_one_number(telefoon):
    assert redigeer_snel(f"Bel {telefoon} of 06-12345678.") == "Bel [TELEFOON-1] of [TELEFOON-1]."


@pytest.mark.parametrize(
    "telefoon", ["030-1234567", "(030) 123 45 67", "030 - 123 45 67", "0301234567"]
)
def test_landline_spellings_are_one_number(telefoon):
    assert redigeer_snel(f"{telefoon} / 030-1234567") == "[TELEFOON-1] / [TELEFOON-1]"


def test_other_phone_numbers():
    r = redigeer("Bel 0348-441902, 0800-1234 of +48 512 345 678.", snel=True)
    assert [v.type for v in r.vervangingen] == ["TELEFOON"] * 3


def test_dates_and_times_are_not_phone_numbers():
    assert redigeer_snel("Op 06-12-2023 12:30 en om 10.15 uur, 14.00 uur.") == (
        "Op [DATUM-1] 12:30 en om 10.15 uur, 14.00 uur."
    )


def test_same_value_same_placeholder_across_spellings(deduce_geladen):
    r = redigeer(
        "Mevrouw De Wit belde. Later belde mevr. de wit weer. "
        "BSN 123456782, ook als 1234.56.782. IBAN NL91ABNA0417164300 = nl91 abna 0417 1643 00. "
        "Postcode 3431 AB of 3431ab. Mail Piet@Example.nl of piet@example.nl."
    )
    assert r.tellingen() == {"PERSOON": 1, "BSN": 1, "EMAIL": 1, "POSTCODE": 1, "IBAN": 1}
    assert len(r.vervangingen) == 10


def test_a_surname_alone_is_the_same_person_as_the_full_name(deduce_geladen):
    r = redigeer("Ik sprak Jan de Vries. Later zei J. de Vries dat meneer De Vries terugbelt.")
    assert (
        r.tekst == "Ik sprak [PERSOON-1]. Later zei [PERSOON-1] dat meneer [PERSOON-1] terugbelt."
    )


def test_elfproef_decides_between_bsn_and_nummer():
    r = redigeer("BSN 123456782, fout overgetypt 123456789.", snel=True)
    assert r.tekst == "BSN [BSN-1], fout overgetypt [NUMMER-1]."


@pytest.mark.parametrize(
    "schrijfwijze", ["123456782", "1234.56.782", "123 456 782", "12 34 56 782"]
)
def test_bsn_in_every_spelling(schrijfwijze):
    assert redigeer_snel(f"mijn bsn: {schrijfwijze}.") == "mijn bsn: [BSN-1]."


def test_an_invalid_spaced_number_is_only_redacted_after_the_word_bsn():
    assert (
        redigeer_snel("BSN 1234.56.789 en bedrag 100 200 300.")
        == "BSN [NUMMER-1] en bedrag 100 200 300."
    )


def test_iban_check_digits():
    r = redigeer(
        "Goed NL91ABNA0417164300, typfout NL92ABNA0417164300, Duits DE89 3704 0044 0532 0130 00, "
        "geen DE12 3456 7890 1234 5678 90.",
        snel=True,
    )
    assert (
        r.tekst
        == "Goed [IBAN-1], typfout [NUMMER-1], Duits [IBAN-2], geen DE12 3456 7890 1234 5678 90."
    )


def test_postcodes_and_not_words_after_numbers():
    assert redigeer_snel("3431 AB, 3431AB en 3431ab; maar 2023 en 1500 km.") == (
        "[POSTCODE-1], [POSTCODE-1] en [POSTCODE-1]; maar 2023 en 1500 km."
    )


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("klantnummer 204518", "klantnummer [KLANTNUMMER-1]"),
        ("klantnr. 123456", "klantnr. [KLANTNUMMER-1]"),
        ("(kl.nr 654321)", "(kl.nr [KLANTNUMMER-1])"),
        ("dossiernummer 2023-0456", "dossiernummer [KLANTNUMMER-1]"),
        ("Uw klantnummer bij ons is 883014.", "Uw klantnummer bij ons is [KLANTNUMMER-1]."),
        ("klantnummer staat niet op de brief", "klantnummer staat niet op de brief"),
    ],
)
def test_klantnummers(tekst, verwacht):
    assert redigeer_snel(tekst) == verwacht


def test_dates_with_and_without_year():
    assert redigeer_snel(
        "Geboren 3/4/1990, aangevraagd op 12 mrt. 1985, gebeld op 14-3, 3-4 keer."
    ) == ("Geboren [DATUM-1], aangevraagd op [DATUM-2], gebeld op [DATUM-3], 3-4 keer.")
    assert redigeer_snel("12 maart 2024 is 12-03-2024") == "[DATUM-1] is [DATUM-1]"


def test_addresses_without_place():
    assert redigeer_snel(
        "Van Limburg Stirumstraat 112-II, Kerkweg 3 bis en marktstraat 14 in houten"
    ) == ("[ADRES-1], [ADRES-2] en [ADRES-3] in houten")


DOMEINTEKST = (
    "Mijn werkcoach en de klantmanager van WIL in Nieuwegein zeggen dat de Participatiewet dat niet "
    "toestaat. Via Mijn WIL en DigiD kon ik niets. Het KCC in IJsselstein verwees me naar SHV in "
    "Houten voor de stadspas, bijzondere bijstand en energietoeslag. Mijn consulent in Lopik wees op "
    "de Awb. Ik woon in Vreeswijk."
)


def test_domain_words_and_gemeenten_are_kept(deduce_geladen):
    assert redigeer(DOMEINTEKST).tekst == DOMEINTEKST
    assert redigeer_snel(DOMEINTEKST) == DOMEINTEKST


def test_kept_words_are_configurable(deduce_geladen):
    tekst = "Mail info@wil-lekstroom.nl of piet@gmail.com."
    assert redigeer(tekst).tekst == "Mail [EMAIL-1] of [EMAIL-2]."
    behouden = STANDAARD_BEHOUDEN | {"info@wil-lekstroom.nl"}
    assert redigeer(tekst, behouden=behouden).tekst == "Mail info@wil-lekstroom.nl of [EMAIL-1]."


def test_a_place_inside_a_name_is_redacted_with_it(deduce_geladen):
    assert (
        redigeer("Ik sprak Kees van Houten in Houten.").tekst == "Ik sprak [PERSOON-1] in Houten."
    )


def test_common_words_and_organisations_are_not_names(deduce_geladen):
    tekst = "Pas in maart kwam er post. Kern: geen antwoord. In het Engels graag.\nBewindvoering Dijkhuizen"
    assert redigeer(tekst).tekst == tekst


def test_tellingen_counts_distinct_values():
    r = redigeer("0612345678, 06-12345678, 030-1234567 en BSN 123456782.", snel=True)
    assert r.tellingen() == {"BSN": 1, "TELEFOON": 2}
    assert redigeer("niets", snel=True).tellingen() == {}


IDEMPOTENT = [
    "Mevrouw De Wit (06-12345678) woont op de Dorpsstraat 12a, 3431 AB Nieuwegein.",
    "[PERSOON-1] belde met Jan Koster over [ADRES-1] en 0612345678.",
    "klantnummer 204518, NL91 ABNA 0417 1643 00, 1234.56.782, geboren 12 maart 1980.",
    "0010000000/000000000 en 0@0.AA@0.AA",
]


@pytest.mark.parametrize("tekst", IDEMPOTENT)
def test_redacting_twice_changes_nothing_more(tekst, deduce_geladen):
    een = redigeer(tekst).tekst
    assert redigeer(een).tekst == een
    snel = redigeer_snel(tekst)
    assert redigeer_snel(snel) == snel


def test_new_values_next_to_placeholders_get_new_numbers():
    assert redigeer_snel("[TELEFOON-1] en 0612345678") == "[TELEFOON-1] en [TELEFOON-2]"


FRAGMENTEN = st.sampled_from(
    [
        "0612345678", "06-1234 5678", "+31 6 1234 5678", "(030) 123 45 67", GELDIG_BSN, "123456789",
        "1234.56.782", GELDIG_IBAN, "NL92ABNA0417164300", "a@b.nl", "3431 AB", "3431ab",
        "Dorpsstraat 12a", "klantnummer 204518", "12-03-1985", "op 14-3", "3 maart", "[PERSOON-1]",
        "[BSN-2]", "[", "]", "-", " ", "\n", ".", ",", "/", "(", ")", "+", "0", "1", "9", "a", "AB",
        "@", "NL", "straat", "€",
    ]
)  # fmt: skip
TEKSTEN = st.one_of(st.text(), st.lists(FRAGMENTEN, max_size=20).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEKSTEN)
def test_redigeer_snel_is_idempotent(tekst):
    een = redigeer_snel(tekst)
    assert redigeer_snel(een) == een


@st.composite
def geldige_bsns(draw) -> str:
    eerste = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    controle = sum((9 - i) * c for i, c in enumerate(eerste)) % 11
    if controle == 10:
        eerste[0] = (eerste[0] + 1) % 10
        controle = sum((9 - i) * c for i, c in enumerate(eerste)) % 11
    nummer = "".join(map(str, eerste)) + str(controle)
    return nummer if controle != 10 and bsn.is_valid(nummer) else GELDIG_BSN


@settings(max_examples=300, deadline=None)
@given(st.text(), geldige_bsns(), st.text())
def test_a_valid_bsn_is_always_redacted(voor, nummer, na):
    assert nummer not in redigeer_snel(f"{voor} {nummer} {na}")


def test_snel_does_not_use_deduce(monkeypatch):
    def verboden():
        raise AssertionError("deduce gebruikt")

    monkeypatch.setattr(_deduce, "deduce_model", verboden)
    monkeypatch.setattr(_deduce, "_lijsten", verboden)
    assert redigeer("Jan de Vries, 0612345678", snel=True).tekst == "Jan de Vries, [TELEFOON-1]"


def test_importing_does_not_load_deduce_or_touch_logging():
    code = (
        "import logging, sys; import klachtclassificatie.privacy as p; "
        "p.redigeer_snel('06-12345678'); "
        "assert 'deduce' not in sys.modules; assert not logging.getLogger().handlers"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_deduce_cache_goes_to_the_user_folder_when_the_package_is_read_only(tmp_path, monkeypatch):
    pakket = tmp_path / "site-packages" / "deduce"
    (pakket / "data" / "lookup" / "cache").mkdir(parents=True)
    nep = SimpleNamespace(__file__=str(pakket / "__init__.py"), __version__="3.0.6")
    assert _deduce._deduce_cachemap(nep) == pakket / "data" / "lookup"
    monkeypatch.setattr(_deduce.os, "access", lambda pad, modus: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert (
        _deduce._deduce_cachemap(nep) == tmp_path / "cache" / "klachtclassificatie" / "deduce-3.0.6"
    )


def _schrijf(pad, rijen):
    pad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rijen), encoding="utf-8")
    return pad


def test_evalueer_counts_recall_and_precision(tmp_path):
    pad = _schrijf(
        tmp_path / "set.jsonl",
        [
            {
                "id": "P-1",
                "tekst": "Bel 06-12345678 of 06-12345678; BSN 123456789. Om 10.15 uur in Nieuwegein.",
                "entiteiten": [
                    {"type": "TELEFOON", "waarde": "06-12345678"},
                    {"type": "BSN", "waarde": "123456789"},
                ],
            },
            {"id": "P-2", "tekst": "Mijn postcode is 3431 AB.", "entiteiten": []},
        ],
    )
    uitkomst = privacy.evalueer(pad, snel=True)
    assert uitkomst["TELEFOON"] == {
        "n": 2,
        "recall": 1.0,
        "recall_type": 1.0,
        "vervangen": 2,
        "precisie": 1.0,
    }
    # labelled BSN that fails the elfproef: redacted (recall) but as NUMMER (not recall_type)
    assert uitkomst["BSN"]["recall"] == 1.0 and uitkomst["BSN"]["recall_type"] == 0.0
    assert uitkomst["POSTCODE"] == {
        "n": 0,
        "recall": None,
        "recall_type": None,
        "vervangen": 1,
        "precisie": 0.0,
    }
    assert uitkomst["domeinwoorden"] == {"n": 1, "behouden": 1.0}


def test_evalueer_rejects_a_bad_file(tmp_path):
    with pytest.raises(BestandError, match="niet gevonden"):
        privacy.evalueer(tmp_path / "ontbreekt.jsonl")
    pad = _schrijf(
        tmp_path / "fout.jsonl",
        [{"id": "P-1", "tekst": "abc", "entiteiten": [{"type": "BSN", "waarde": "x"}]}],
    )
    with pytest.raises(BestandError, match="'x' staat niet in de tekst"):
        privacy.evalueer(pad)


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("ik wacht al weken. groetjes hanneke van der molen", "groetjes [PERSOON-1]"),
        ("bel me terug. gr. wouter", "gr. [PERSOON-1]"),
        ("IK WIL MIJN GELD. MIJN NAAM IS PIETER DE BRUIN", "MIJN NAAM IS [PERSOON-1]"),
        ("ik ben mirjam ter horst, klantnr 55012", "ik ben [PERSOON-1], klantnr"),
        ("naam gerrit v.d. veen tel onbekend", "naam [PERSOON-1] tel"),
        ("mijn budgetcoach heet sjoerd en belt nooit", "heet [PERSOON-1] en"),
        ("het gaat om mijn zoon thijs die hier woont", "mijn zoon [PERSOON-1] die"),
        ("gesproken met mw van der wal-bakker over de brief", "mw [PERSOON-1] over"),
        ("Terugbelverzoek (mevr. anja de boer) doorgezet.", "(mevr. [PERSOON-1])"),
        ("Geachte heer El Mansouri,\n\nUw aanvraag", "heer [PERSOON-1],"),
        ("dhr belde (henk) over zijn toeslag", "dhr belde ([PERSOON-1])"),
        ("Bezwaar doorgestuurd.\n/Wendy B.", "/[PERSOON-1]"),
        ("geen actie nodig. /joris kcc", "/[PERSOON-1] kcc"),
        ("Besproken in het team. — Maarten D., handhaving", "— [PERSOON-1], handhaving"),
        ("Hoogachtend,\nBo de Ruiter", "Hoogachtend,\n[PERSOON-1]"),
    ],
)
def test_names_after_cue_words_in_any_case(tekst, verwacht, deduce_geladen):
    assert verwacht in redigeer(tekst).tekst


def test_a_nickname_in_brackets_is_the_same_person(deduce_geladen):
    tekst = "Gesproken met Magdalena Kowalczyk (Magda) over de aanvraag."
    assert redigeer(tekst).tekst == "Gesproken met [PERSOON-1] ([PERSOON-1]) over de aanvraag."
    tekst = "Gesproken met Sophie de Graaf (Wmo) en (Handhaving)."
    assert redigeer(tekst).tekst == "Gesproken met [PERSOON-1] (Wmo) en (Handhaving)."


def test_a_gemeente_after_a_first_name_and_van_is_a_surname(deduce_geladen):
    tekst = "Mijn naam is Fleur van Nieuwegein en ik woon in Nieuwegein."
    assert redigeer(tekst).tekst == "Mijn naam is [PERSOON-1] en ik woon in Nieuwegein."
    tekst = "Met vriendelijke groet,\nF. van Nieuwegein"
    assert redigeer(tekst).tekst == "Met vriendelijke groet,\n[PERSOON-1]"


@pytest.mark.parametrize(
    "tekst",
    [
        "Groet uit Houten, en ik ben boos.",
        "Mijn naam is bekend bij jullie. Ik ben klaar ermee.",
        "ik ben werkcoach bij WIL en ik ben al 3 keer gebeld.",
        "Mijn klantmanager heet Inkomen, zegt de gemeente.",
        "Dat vond mijn dochter erin niet leuk en mijn vriend is ziek.",
        "Het staat op naam van de klant.",
        "Vriendelijke groet,\nTeam Inkomen",
        "Met vriendelijke groet,\nGemeente Houten",
        "groet, de klantmanager\n/ afdeling Handhaving\n- inkomen loopt door",
    ],
)
def test_cue_words_before_ordinary_words_are_no_names(tekst, deduce_geladen):
    assert redigeer(tekst).tekst == tekst
