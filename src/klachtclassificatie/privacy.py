"""Personal data (AVG) in complaint texts: find it and replace it by typed, numbered placeholders.

Two layers. Fast, validated patterns find what has a fixed shape: BSN (elfproef), IBAN (check
digits), phone numbers, e-mail, postcodes, klantnummers, dates and street addresses. The `deduce`
library (Dutch, rule-based, offline) adds names and the street addresses and phone numbers the
patterns miss. deduce was built for medical records, so its findings are filtered here: places,
domain words, organisation names and ordinary words at the start of a sentence are kept.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stdnum import iban as _iban
from stdnum.nl import bsn as _bsn

from klachtclassificatie.errors import BestandError, Probleem
from klachtclassificatie.vocabulary import GEMEENTEN

_LOG = logging.getLogger(__name__)

#: Placeholder types, in the order reports list them.
TYPES = (
    "PERSOON",
    "BSN",
    "NUMMER",
    "TELEFOON",
    "EMAIL",
    "ADRES",
    "POSTCODE",
    "IBAN",
    "DATUM",
    "KLANTNUMMER",
)

#: Words never redacted by default: the gemeenten and their villages, the organisation, its
#: services and the laws complaints are about. Pass `behouden=` to replace the list.
STANDAARD_BEHOUDEN = frozenset(
    {
        *GEMEENTEN.waarden,
        *GEMEENTEN.varianten,
        "Vreeswijk", "Jutphaas", "Galecop", "Batau", "Doorslag", "Fokkesteeg", "Zuilenstein",
        "Hoogzandveld", "Schalkwijk", "'t Goy", "Tull en 't Waal", "Benschop", "Polsbroek",
        "Cabauw", "Jaarsveld", "Lopikerkapel", "Willige Langerak", "Uitweg", "Lopikerwaard",
        "Utrecht", "Lekstroom",
        "WIL", "Mijn WIL", "WIL Lekstroom", "Werk en Inkomen Lekstroom", "KCC", "Klantcontactcentrum",
        "Werkplein", "Geldloket", "Wijkteam", "Sociaal Team", "DigiD", "SHV", "Stadspas",
        "werkcoach", "klantmanager", "consulent", "teamleider", "bewindvoerder", "budgetcoach",
        "jobcoach", "klachtencoördinator", "ombudsman", "wethouder", "gemeente", "kantonrechter",
        "Participatiewet", "Awb", "Bbz", "Tozo", "IOAW", "IOAZ", "SPUK", "WSNP", "Wmo", "Wsnp",
        "bijzondere bijstand", "energietoeslag", "schuldhulpverlening", "Inkomen", "Werk",
        "Inkomensondersteuning", "Bedrijfsvoering", "Handhaving",
        "UWV", "SVB", "CAK", "DUO", "IND", "Belastingdienst", "Toeslagen", "CJIB", "LBIO",
    }
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Vervanging:
    """One replaced span; `start` and `einde` index the original text."""

    type: str
    waarde: str
    placeholder: str
    start: int
    einde: int


@dataclass
class Redactie:
    """A redacted text with every replacement made in it."""

    tekst: str
    vervangingen: list[Vervanging]

    def tellingen(self) -> dict[str, int]:
        """Distinct values (placeholders) per type, only the types that occur."""
        per_type: dict[str, set[str]] = defaultdict(set)
        for v in self.vervangingen:
            per_type[v.type].add(v.placeholder)
        return {t: len(per_type[t]) for t in TYPES if per_type[t]}


@dataclass(frozen=True)
class _Vondst:
    """A candidate span before overlaps are resolved; `sleutel` identifies the value."""

    start: int
    einde: int
    type: str
    sleutel: str


# Higher wins an overlap: validated and keyword-anchored values before guessed ones.
_PRIORITEIT = {
    "EMAIL": 9,
    "IBAN": 8,
    "KLANTNUMMER": 7,
    "BSN": 6,
    "TELEFOON": 5,
    "NUMMER": 4,
    "POSTCODE": 3,
    "DATUM": 2,
    "ADRES": 1,
    "PERSOON": 0,
}


def _woordenset(*regels: str) -> frozenset[str]:
    return frozenset(" ".join(regels).split())


class _Lui:
    """A regular expression compiled on first use, so importing this module stays cheap."""

    def __init__(self, patroon: str, vlaggen: int = 0):
        self.patroon, self.vlaggen = patroon, vlaggen

    @functools.cached_property
    def _re(self) -> re.Pattern:
        return re.compile(self.patroon, self.vlaggen)

    def __getattr__(self, naam: str):
        return getattr(self._re, naam)


# ---------------------------------------------------------------------------------------------
# Patterns

_PLACEHOLDER = _Lui(r"\[(" + "|".join(TYPES) + r")-(\d+)\]")

_SP = r"[ \t\u00a0]"  # spacing inside one value; a newline ends it
_SEP = rf"(?:{_SP}*[-./]{_SP}*|{_SP}+|{_SP}*\){_SP}*)?"

_TELEFOON = _Lui(
    rf"""(?<![\w+])
    (?:(?P<int>(?:\+|00){_SP}?31){_SP}?[-.]?{_SP}?(?:\(0\){_SP}?)?|\(?(?P<nul>0))
    (?P<rest>[1-9](?:{_SEP}\d){{8}})
    (?![\w]|[-.]\d|{_SP}\d)""",
    re.VERBOSE,
)
_TELEFOON_SERVICE = _Lui(
    rf"(?<![\w+])0[89]0[069]{_SP}?[-.]?{_SP}?\d{{2}}(?:{_SEP}\d){{2,5}}(?![\w]|[-.]\d)"
)
_TELEFOON_BUITENLAND = _Lui(
    rf"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{{0,2}}(?:{_SEP}\(?\d{{1,4}}\)?){{2,6}}(?![\w]|[-.]\d)"
)
_DATUMVORM = _Lui(r"\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")

_EMAIL = _Lui(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")

_IBAN_NL = _Lui(rf"(?<!\w)NL{_SP}?\d{{2}}{_SP}?[A-Z]{{4}}(?:{_SP}?\d){{10}}(?!\w)", re.IGNORECASE)
_IBAN_ANDER = _Lui(rf"(?<!\w)(?!NL)[A-Z]{{2}}\d{{2}}(?:{_SP}?[A-Z0-9]){{11,30}}(?!\w)")

_NEGEN_CIJFERS = _Lui(r"(?<![\w.,])\d{9}(?![\w]|[.,]\d)")
_NEGEN_GESCHEIDEN = _Lui(rf"(?<![\w.,€])\d(?:[ .]?\d){{8}}(?![\w]|[.,]\d|{_SP}\d)")
_BSN_WOORD = _Lui(r"(?:bsn|burgerservicenummer|sofi-?nummer)[\w-]*\W{0,6}$", re.IGNORECASE)

_POSTCODE = _Lui(
    rf"(?<![\w€.,])(?<!\d )(?P<cijfers>[1-9]\d{{3}})(?:{_SP}?(?P<hoofd>[A-Z]{{2}})|(?P<klein>[a-z]{{2}})|{_SP}(?P<los>[a-z]{{2}}))(?!\w)"
)
# Two lowercase letters after four digits are usually a unit or a word, not a postcode.
_GEEN_POSTCODELETTERS = _woordenset(
    "km kg mg ml cl dl cm mm gb mb kb kw pk st uu ct pp eu nl",
    "en of in op om te is ik je we ze al na nu zo er de ex tm tv",
)
_NIET_POSTCODE_HOOFD = frozenset({"SA", "SD", "SS"})

_KLANTNUMMER = _Lui(
    r"""(?:\b(?:klant|dossier|relatie|debiteur\w*|huur\w*|cli[eë]nt)[\s-]?(?:nummer|nr\.?|no\.?)
    |\bkl\.?\s?nr\.?|(?P<zwak>\bdossier(?=\s*:)))
    (?P<tussen>(?:[ \t]+(?!\d)[^\W\d_]+\.?){0,4}?)     # "bij ons is", "zoon", "SHV"
    [ \t]*(?:[:#.][ \t]*)?(?:\n[ \t]*)?
    (?P<waarde>(?:[A-Z]{1,4}-?)?\d+(?:[-/.]\d+)*)(?![\w]|[-/.]\d)""",
    re.IGNORECASE | re.VERBOSE,
)

_MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_DAG = r"(?P<dag>0?[1-9]|[12]\d|3[01])"
_DATUM_CIJFERS = _Lui(
    rf"(?<![\w.,/-]){_DAG}(?P<sep>[-/.])(?P<maand>0?[1-9]|1[0-2])(?P=sep)(?P<jaar>(?:19|20)\d{{2}}|\d{{2}})(?![\w]|[-/.,]\d)"
)
_DATUM_ZONDER_JAAR = _Lui(rf"(?<![\w.,/-]){_DAG}[-/](?P<maand>0?[1-9]|1[0-2])(?![\w]|[-/.,]\d)")
_DATUM_WOORD = _Lui(
    rf"(?<![\w.,]){_DAG}(?:e|ste|de)?{_SP}*[-.]?{_SP}*(?P<maand>{'|'.join(sorted(_MAANDEN, key=len, reverse=True))})\b"
    rf"(?:(?<=[a-z]{{4}})|\.)?"  # the dot of "mrt." but not the full stop after "april."
    rf"(?:{_SP}*[-.]?{_SP}*(?P<jaar>(?:19|20)\d{{2}}|'\d{{2}})(?!\w))?",
    re.IGNORECASE,
)
_DATUM_ISO = _Lui(
    r"(?<![\w.-])(?P<jaar>(?:19|20)\d{2})-(?P<maand>0[1-9]|1[0-2])-(?P<dag>0[1-9]|[12]\d|3[01])(?!\w)"
)
# A day-month without a year ("14-3") is only a date after a word that introduces one.
_DATUMWOORD_ERVOOR = _Lui(
    r"(?:\b(?:op|van|per|sinds|tot|vanaf|voor|na|tussen|en|of|t/m|tm|dd|d\.d|datum|geboren|geb"
    r"|ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\.?:?|[(:])\s*$",
    re.IGNORECASE,
)
_GEEN_DATUM_ERNA = _Lui(
    r"\s*(?:keer|x|dagen|dag|weken|week|maanden|maand|jaar|jaren|uur|min|personen|kinderen|%|euro|procent)\b",
    re.IGNORECASE,
)

_STRAATSUFFIX = (
    r"straat|str|laan|weg|plein|singel|gracht|kade|dijk|dreef|steeg|plantsoen|boulevard|allee"
    r"|hof|park|pad|baan|markt|dam|wal|erf|oord|haven|veld|ring|gaarde|poort|vaart|wetering|brink"
    r"|akker|weide|kamp|zoom|hoeve|burg|tuin|lei|berg|hoek|rade|donk|zijde|eind|polder|wetering"
)
_STERKE_SUFFIX = r"straat|laan|weg|plein|singel|gracht|kade|dijk|dreef|steeg|plantsoen|boulevard"
_TOEVOEGING = (
    rf"(?:[a-zA-Z]\b|{_SP}[A-Z]\b|-\d{{1,4}}|-[a-zA-Z]{{1,3}}\b"
    rf"|{_SP}?-?{_SP}?(?:I{{1,3}}|bis|hs|bg|h|zw|rd|rood|zwart|boven|beneden|huis)\b)"
)
_HUISNUMMER = rf"\d{{1,5}}{_TOEVOEGING}?"
_STRAATWOORDEN = (  # words before the last one of a street name: "Graaf Florisstraat", "Van de ..."
    rf"(?:(?!(?:Op|In|Aan|Naar|Bij|Mijn|Ik|Wij|Ons|Onze|Uit|Via|Te|Over|Voor|Postbus)\b)"
    rf"[A-Z][\w'.]*(?:-|{_SP})+(?:(?:de|der|den|het|'t|ter|ten){_SP}+)*){{0,3}}"
)
_NIET_GETAL_ERNA = rf"(?![\w]|[-/.,]\d|{_SP}*(?:uur|km|min|jaar|euro|%))"
_ADRES = _Lui(
    rf"""(?<![\w.-])
    (?:{_STRAATWOORDEN}[A-Z][^\W\d_]*(?:{_STRAATSUFFIX})|[a-z][^\W\d_]+(?:{_STERKE_SUFFIX}))
    (?:{_SP}+(?:Oost|West|Noord|Zuid|\w+zijde)\b)?
    {_SP}+(?:nr\.?{_SP}*)?{_HUISNUMMER}{_NIET_GETAL_ERNA}""",
    re.VERBOSE,
)
# Any name with a number right before a postcode is a street address ("Koppeling 60, 3995 GB").
_ADRES_VOOR_POSTCODE = _Lui(
    rf"""(?<![\w.-]){_STRAATWOORDEN}(?!Postbus\b|Antwoordnummer\b)[A-Z][^\W\d_]*
    {_SP}+{_HUISNUMMER}(?={_SP}*,?{_SP}*\n?{_SP}*[1-9]\d{{3}}{_SP}?[A-Za-z]{{2}}(?!\w))""",
    re.VERBOSE,
)
_TOEVOEGING_RE = _Lui(_TOEVOEGING)

# ---------------------------------------------------------------------------------------------
# Normalisation: one key per value, so every spelling of it gets the same placeholder


def _zonder_accenten(tekst: str) -> str:
    tekst = unicodedata.normalize("NFKD", tekst)
    return "".join(c for c in tekst if not unicodedata.combining(c))


def _cijfers(tekst: str) -> str:
    return re.sub(r"\D", "", tekst)


def _sleutel_telefoon(waarde: str) -> str:
    cijfers = _cijfers(waarde)
    if re.match(r"\s*(?:\+|00)\s*31", waarde):
        return "0" + cijfers[4 if waarde.lstrip().startswith("00") else 2 :].lstrip("0")
    if waarde.lstrip().startswith(("+", "00")):
        return "+" + cijfers.removeprefix("00")
    return cijfers


def _sleutel_tekst(waarde: str) -> str:
    return " ".join(_zonder_accenten(waarde).casefold().replace(".", " ").split())


def _sleutel_compact(waarde: str) -> str:
    return re.sub(r"[\s.\-]", "", waarde).upper()


# ---------------------------------------------------------------------------------------------
# Fast patterns


def _telefoons(tekst: str) -> Iterable[_Vondst]:
    for m in _TELEFOON.finditer(tekst):
        if m["nul"] is not None and _DATUMVORM.match(tekst, m.start()):
            continue  # "06-12-2023 12" is a date and a time, not a number
        yield _Vondst(m.start(), m.end(), "TELEFOON", _sleutel_telefoon(m[0]))
    for patroon in (_TELEFOON_SERVICE, _TELEFOON_BUITENLAND):
        for m in patroon.finditer(tekst):
            if 8 <= len(_cijfers(m[0])) <= 15:
                yield _Vondst(m.start(), m.end(), "TELEFOON", _sleutel_telefoon(m[0]))


def _emails(tekst: str) -> Iterable[_Vondst]:
    for m in _EMAIL.finditer(tekst):
        yield _Vondst(m.start(), m.end(), "EMAIL", m[0].casefold())


def _ibans(tekst: str) -> Iterable[_Vondst]:
    for m in _IBAN_NL.finditer(tekst):
        sleutel = _sleutel_compact(m[0])
        # A Dutch account number with a typo in it is still someone's account number.
        soort = "IBAN" if _iban.is_valid(sleutel) else "NUMMER"
        yield _Vondst(m.start(), m.end(), soort, sleutel)
    for m in _IBAN_ANDER.finditer(tekst):
        # Foreign formats are loose, so only a valid checksum makes one; try shorter endings too.
        for einde in range(m.end(), m.start() + 14, -1):
            if tekst[einde - 1] != " " and _iban.is_valid(tekst[m.start() : einde]):
                yield _Vondst(m.start(), einde, "IBAN", _sleutel_compact(tekst[m.start() : einde]))
                break


def _bsns(tekst: str) -> Iterable[_Vondst]:
    for m in _NEGEN_CIJFERS.finditer(tekst):
        soort = "BSN" if _bsn.is_valid(m[0]) else "NUMMER"
        yield _Vondst(m.start(), m.end(), soort, m[0])
    for m in _NEGEN_GESCHEIDEN.finditer(tekst):
        cijfers = _cijfers(m[0])
        if cijfers == m[0]:
            continue
        if _bsn.is_valid(cijfers):
            yield _Vondst(m.start(), m.end(), "BSN", cijfers)
        elif _BSN_WOORD.search(tekst, max(0, m.start() - 40), m.start()):
            yield _Vondst(m.start(), m.end(), "NUMMER", cijfers)


def _postcodes(tekst: str) -> Iterable[_Vondst]:
    for m in _POSTCODE.finditer(tekst):
        letters = m["hoofd"] or m["klein"] or m["los"]
        if m["hoofd"] and letters in _NIET_POSTCODE_HOOFD:
            continue
        if not m["hoofd"] and letters in _GEEN_POSTCODELETTERS:
            continue
        yield _Vondst(m.start(), m.end(), "POSTCODE", m["cijfers"] + letters.upper())


def _klantnummers(tekst: str) -> Iterable[_Vondst]:
    for m in _KLANTNUMMER.finditer(tekst):
        if m["tussen"] and len(_cijfers(m["waarde"])) < 4:
            continue  # "klantnummer staat niet op de brief van 12 maart"
        if m["zwak"] and _bsn.is_valid(m["waarde"]):
            continue  # "BSN in dossier: 197060821"
        yield _Vondst(
            m.start("waarde"), m.end("waarde"), "KLANTNUMMER", _sleutel_compact(m["waarde"])
        )


def _datumsleutel(dag: str, maand: str | int, jaar: str | None) -> str:
    if isinstance(maand, str) and not maand.isdigit():
        maand = _MAANDEN[maand.casefold()]
    jaar = (jaar or "").lstrip("'")
    if len(jaar) == 2:
        jaar = ("19" if int(jaar) > 50 else "20") + jaar
    return f"{int(dag):02d}-{int(maand):02d}-{jaar or '?'}"


def _datums(tekst: str) -> Iterable[_Vondst]:
    for patroon in (_DATUM_CIJFERS, _DATUM_WOORD, _DATUM_ISO):
        for m in patroon.finditer(tekst):
            yield _Vondst(
                m.start(), m.end(), "DATUM", _datumsleutel(m["dag"], m["maand"], m["jaar"])
            )
    for m in _DATUM_ZONDER_JAAR.finditer(tekst):
        ervoor = _DATUMWOORD_ERVOOR.search(tekst, max(0, m.start() - 12), m.start())
        if ervoor and not _GEEN_DATUM_ERNA.match(tekst, m.end()):
            yield _Vondst(m.start(), m.end(), "DATUM", _datumsleutel(m["dag"], m["maand"], None))


def _adressen(tekst: str, *, met_postcode: bool = True) -> Iterable[_Vondst]:
    for patroon in (_ADRES, _ADRES_VOOR_POSTCODE) if met_postcode else (_ADRES,):
        for m in patroon.finditer(tekst):
            yield _Vondst(m.start(), m.end(), "ADRES", _sleutel_tekst(m[0]))


_CIJFER = _Lui(r"[0-9]")
_KLANTNUMMER_WOORDEN = (
    "klant",
    "dossier",
    "relatie",
    "debiteur",
    "huur",
    "client",
    "cliënt",
    "kl.",
    "kl ",
)
# Everything but e-mail needs a digit; a cheap look first skips most patterns in most texts.
_CIJFERZOEKERS = (_ibans, _bsns, _telefoons, _datums)


def _snelle_vondsten(tekst: str) -> list[_Vondst]:
    vondsten = list(_emails(tekst)) if "@" in tekst else []
    if _CIJFER.search(tekst) is None:
        return vondsten
    laag = tekst.casefold()
    if any(w in laag for w in _KLANTNUMMER_WOORDEN):
        vondsten += _klantnummers(tekst)
    for zoeker in _CIJFERZOEKERS:
        vondsten += zoeker(tekst)
    postcodes = list(_postcodes(tekst))
    return vondsten + postcodes + list(_adressen(tekst, met_postcode=bool(postcodes)))


# ---------------------------------------------------------------------------------------------
# deduce: names, and the addresses and dates the patterns miss

# Processors whose findings are not personal data here (places, institutions, ages) or that the
# patterns above do better (BSN, e-mail, postcode, dates: deduce reads "1 juli 16 uur" as a date);
# the redactor is ours.
_DEDUCE_UIT = frozenset(
    {
        "placename", "postal_code", "postbus", "hospital", "institution", "age", "bsn",
        "identifier", "email", "url", "dates", "clean_street_tags", "merge_adjacent_annotations",
        "redactor",
    }
)  # fmt: skip
_DEDUCE_TYPE = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "straat+huisnummer": "ADRES",
    "straat+huisnummer+huisnummerletter": "ADRES",
    "telefoonnummer": "TELEFOON",
}

_TITELS = {"de heer"} | _woordenset(
    "mevrouw mevr mw mvr meneer mijnheer dhr heer mr drs dr ir ing ds prof fam familie",
    "collega zuster broer juffrouw",
)
_GROETEN = _woordenset("groet groeten groetjes gr hoogachtend namens door vriendelijke met")
_TUSSENVOEGSELS = _woordenset("van de der den het 't ter ten te op in el al la le da di du del von")
# Organisation words next to a name make it a company name, which is not personal data.
_ORGANISATIE = _Lui(
    r"^(?:b\.?v\.?|bv|n\.?v\.?|vof|bewind\w*|beschermingsbewind\w*|\w*bewindvoering|\w*beheer|incasso\w*"
    r"|\w*advies|\w*diensten|\w*dienstverlening|\w*techniek|\w*bouw|\w*wonen|\w*energie|\w*kantoor"
    r"|\w*deurwaarder\w*|advocaten|kapsalon|bakkerij|stichting|schoonmaak\w*|installatie\w*"
    r"|tuinen|catering|facilitair|financi\w*|loopbaan\w*|vertaalbureau|hoveniers\w*|transport\w*"
    r"|administratie\w*|holding|groep|zonen|\w+werken|\w+praktijk|fysiotherapie|\w*verzekeraar"
    r"|\w*verzekering(?:en)?|zorgcentrum|verpleeghuis|ziekenhuis|inloophuis|\w*centrum)$",
    re.IGNORECASE,
)
# Capitalised non-names that deduce's name lists contain (months, weekdays, languages).
_GEEN_NAMEN = _woordenset(
    "januari februari maart april mei juni juli augustus september oktober november december",
    "january february march may june july august october",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "nederlands engels arabisch turks pools berbers frans duits spaans tigrinya somalisch",
    "my can will",
)
_WOORD = _Lui(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?\.?|\d+")
_ZINSBEGIN = _Lui(r"(?:^|[.!?:;]\s*|\n\s*)[\"'“‘]?$")
# A capitalised word here is a place: "te Gouda", "3925 KL Scherpenzeel", "gemeente Hoorn".
_PLAATS_ERVOOR = _Lui(r"(?:\bte|\bgemeente|\d{4}[ \t]?[A-Z]{2})[ \t]+$", re.IGNORECASE)
_GROETREGEL = _Lui(
    r"(?:groet|groeten|groetjes|gr\.|hoogachtend|dank u wel|bedankt)\W*\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Lijsten:
    """deduce's word lists, lowercased, for the checks deduce itself does not make."""

    voornamen: frozenset[str]
    achternamen: frozenset[str]
    gewone_woorden: frozenset[str]
    stopwoorden: frozenset[str]


def _deduce_cachemap(deduce) -> Path:
    """Where deduce keeps its lookup cache: its own data folder, or a user folder if read-only."""
    eigen = Path(deduce.__file__).parent / "data" / "lookup"
    if os.access(eigen / "cache", os.W_OK):
        return eigen  # deduce's default
    basis = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return basis / "klachtclassificatie" / f"deduce-{deduce.__version__}"


def _importeer_deduce():
    # deduce calls logging.basicConfig(level=DEBUG) on stdout when imported; undo that so the
    # application's own logging and output stay as they were.
    root = logging.getLogger()
    handlers, niveau = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(niveau)
    return deduce


@functools.cache
def deduce_model():
    """The deduce model, built once per process (seconds; the very first time a minute or more).

    deduce reads its lookup tables from a pickle cache (about 80 MB) that it builds and writes
    on first use, in its own package folder (or under ~/.cache when that is read-only).
    """
    deduce = _importeer_deduce()
    cachemap = _deduce_cachemap(deduce)
    if not (cachemap / "cache" / "lookup_structs.pickle").exists():
        _LOG.warning(
            "deduce bouwt eenmalig zijn opzoektabellen in %s; dat duurt 1-2 minuten", cachemap
        )
    # Unpickling millions of small objects is three times faster without the cycle collector
    # (about 2 instead of 7 seconds).
    was_aan = gc.isenabled()
    gc.disable()
    try:
        model = deduce.Deduce(cache_path=cachemap)
    finally:
        if was_aan:
            gc.enable()
    # The tables live as long as the process; without this every full collection would walk
    # them again (3-4 seconds each).
    gc.freeze()
    return model


@functools.cache
def _lijsten() -> _Lijsten:
    deduce = _importeer_deduce()
    from deduce.lookup_structs import load_raw_itemsets

    basis = Path(deduce.__file__).parent / "data" / "lookup"
    namen = {
        "first_name": "names/lst_first_name",
        "surname": "names/lst_surname",
        "interfix_surname": "names/lst_interfix_surname",
        "common_word": "whitelist/lst_common_word",
        "stop_word": "whitelist/lst_stop_word",
    }
    ruw = load_raw_itemsets(base_path=basis, subdirs=list(namen.values()))

    def klein(naam: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in ruw[naam])

    return _Lijsten(
        voornamen=klein("first_name"),
        achternamen=klein("surname") | klein("interfix_surname"),
        gewone_woorden=klein("common_word") | _GEEN_NAMEN,
        stopwoorden=klein("stop_word"),
    )


def _woorden(tekst: str, start: int, einde: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WOORD.finditer(tekst[start:einde])]


def _is_naamwoord(woord: str, lijsten: _Lijsten) -> bool:
    kaal = woord.rstrip(".").casefold()
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?", woord):
        return True  # initials
    delen = re.split(r"[-'’]", kaal)
    return any(d in lijsten.voornamen or d in lijsten.achternamen for d in delen if d)


def _is_achternaam_plaats(vorige: list[str], woord: str, lijsten: _Lijsten) -> bool:
    """A kept place word that is part of a name: "Kees van Houten", "Joost Vreeswijk"."""
    if not vorige or not woord[:1].isupper() or woord.isupper():
        return False
    if vorige[-1].casefold() in {"van", "de", "der", "den", "ter", "ten"}:
        vorige = vorige[:-1]
    return bool(
        vorige
        and vorige[-1][:1].isupper()
        and vorige[-1].rstrip(".").casefold() not in _TITELS
        and _is_naamwoord(vorige[-1], lijsten)
    )


def _opschonen_naam(
    tekst: str,
    start: int,
    einde: int,
    behouden: frozenset[str],
    lijsten: _Lijsten,
    *,
    zeker: bool = False,
) -> tuple[int, int] | None:
    """Trim a candidate name to the name itself, or None when it is not a name.

    `zeker` is for spans whose context already says "name" (a form field), so a lone word at
    the start of a line is not doubted.
    """
    woorden = _woorden(tekst, start, einde)
    # a name does not continue on the next line ("mevr. A.\nKanaal: e-mail")
    for i in range(1, len(woorden)):
        if "\n" in tekst[woorden[i - 1][1] : woorden[i][0]]:
            woorden = woorden[:i]
            break
    # cut at the first kept word, unless it is a surname here
    for i, (a, b) in enumerate(woorden):
        woord = tekst[a:b]
        if _sleutel_tekst(woord) in behouden:
            vorige = [tekst[x:y] for x, y in woorden[:i]]
            if not _is_achternaam_plaats(vorige, woord, lijsten):
                woorden = woorden[:i]
                break
    had_titel = False
    while woorden:
        eerste = tekst[woorden[0][0] : woorden[0][1]].rstrip(".").casefold()
        if eerste == "de" and len(woorden) > 1:
            eerste = "de " + tekst[woorden[1][0] : woorden[1][1]].casefold()
        if eerste not in _TITELS and eerste not in _GROETEN:
            break
        had_titel = had_titel or eerste in _TITELS
        woorden = woorden[len(eerste.split()) :]
    while woorden and (
        tekst[woorden[-1][0] : woorden[-1][1]].casefold() in _TUSSENVOEGSELS
        or tekst[woorden[-1][0]].islower()
    ):
        woorden = woorden[:-1]
    if not woorden:
        return None
    delen = [tekst[a:b] for a, b in woorden]
    if any(_ORGANISATIE.match(d) for d in delen) or _naast_organisatie(tekst, woorden):
        return None
    if not had_titel and _PLAATS_ERVOOR.search(tekst, max(0, woorden[0][0] - 20), woorden[0][0]):
        return None
    if not any(_is_naamwoord(d, lijsten) for d in delen) and not (had_titel or zeker):
        return None
    if (
        len(delen) == 1
        and not (had_titel or zeker)
        and _los_woord_geen_naam(tekst, woorden[0], lijsten)
    ):
        return None
    start, einde = woorden[0][0], woorden[-1][1]
    # deduce stops at a hyphen: "Sharon Tjin-A-Fo"
    verder = re.match(r"(?:-[^\W\d_]+)+", tekst[einde:])
    return start, einde + (verder.end() if verder else 0)


def _los_woord_geen_naam(tekst: str, woord: tuple[int, int], lijsten: _Lijsten) -> bool:
    """Whether a lone capitalised word without a title is more likely an ordinary word."""
    klein = tekst[woord[0] : woord[1]].casefold()
    ervoor = tekst[max(0, woord[0] - 40) : woord[0]]
    if klein in lijsten.gewone_woorden or klein in lijsten.stopwoorden:
        return True
    if re.search(r"\b(?:het|een|de)\s+$", ervoor, re.IGNORECASE):
        return True  # "in het Engels": a name takes no article
    # a capital at the start of a sentence says nothing, unless it is a first name or a signature
    return bool(
        _ZINSBEGIN.search(ervoor)
        and klein not in lijsten.voornamen
        and not _GROETREGEL.search(ervoor)
    )


def _naast_organisatie(tekst: str, woorden: list[tuple[int, int]]) -> bool:
    erna = tekst[woorden[-1][1] : woorden[-1][1] + 40]
    if erna.lstrip(" ").startswith("&"):
        return True  # "Lammers & Vos"
    volgende = re.match(r" (\S+)", erna)
    if volgende and volgende[1][:1].isupper() and _ORGANISATIE.match(volgende[1].rstrip(".,;:")):
        return True
    vorige = re.search(
        r"(\S+) (?:(?:de|het) )?$", tekst[max(0, woorden[0][0] - 40) : woorden[0][0]], re.I
    )
    return bool(vorige and _ORGANISATIE.match(vorige[1]))


_AANSPREEKVORM = r"mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de[ \t]+heer|familie|fam\."
_FUNCTIE = r"klantmanager|werkcoach|consulent|jobcoach|budgetcoach|bewindvoerder|teamleider|collega|medewerker"
_ZELF = r"ik[ \t]+ben|ik[ \t]+heet|mijn[ \t]+naam[ \t]+is"
_NAAM_NA_WOORD = _Lui(
    rf"\b(?:(?P<titel>{_AANSPREEKVORM})|(?P<functie>{_FUNCTIE})|(?P<zelf>{_ZELF}))[ \t]+"
    r"(?P<naam>(?P<voorletters>(?:[a-z]\.[ \t]*){0,4})"
    r"(?P<achternaam>(?:(?:van|de|der|den|ter|ten|te|el|al)[ \t]+){0,3}[^\W\d_](?:[\w'-]*[^\W\d_])?))",
    re.IGNORECASE,
)
# Words that follow a form of address but are no name ("meneer belt", "mevrouw wilde").
_GEEN_NAAM_NA_TITEL = _woordenset(
    "is was wordt werd heeft had hebben zegt zei zeg geeft gaf belt belde bel wil wilde kan kon",
    "moet moest gaat ging komt kwam vindt vond vraagt vroeg ligt lag staat stond ontvangt ontving",
    "ontvang vertelt vertelde wel niet nog ook zelf en of die dat",
)
_FORMULIERVELD = _Lui(
    r"^[ \t]*(?:naam|voornaam|achternaam|naam[ \t]+klant|klantnaam|klager|cli[eë]nt|inzake|namens"
    r"|contactpersoon|ondertekend|aanvrager|verzoeker)[ \t]*:[ \t]*(?P<naam>[^\n,;()\d]{2,60})",
    re.IGNORECASE | re.MULTILINE,
)


def _slordig(tekst: str) -> bool:
    """A text typed without capitals, where a lowercase word can still be a name."""
    beginnen = re.findall(r"(?:^|[.!?]\s+|\n\s*)([^\W\d_])", tekst)
    return sum(b.islower() for b in beginnen) * 2 >= len(beginnen)


def _naam_na_woord_ok(m: re.Match, slordig: bool, lijsten: _Lijsten) -> bool:
    woord = m["achternaam"].split()[-1].casefold()
    if woord in lijsten.stopwoorden or woord in _TUSSENVOEGSELS or woord in _TITELS:
        return False
    if woord in _GEEN_NAAM_NA_TITEL or woord in _GEEN_NAMEN:
        return False
    if m["achternaam"][:1].islower():
        lijst = lijsten.voornamen if m["zelf"] else lijsten.achternamen | lijsten.voornamen
        if m["titel"] and len(m["achternaam"].split()) > 1:
            return woord in lijst  # "mevr. de wit": an interfix makes it a name
        # Otherwise only in a text typed without capitals; after a title an adjective cannot
        # follow, so "meneer groen" is a name even though "groen" is a common word.
        gewoon = not m["titel"] and woord in lijsten.gewone_woorden  # "consulent weg"
        return slordig and woord in lijst and not gewoon
    return bool(m["titel"]) or _is_naamwoord(m["achternaam"].split()[-1], lijsten)


def _namen_uit_context(
    tekst: str, behouden: frozenset[str], lijsten: _Lijsten
) -> Iterable[_Vondst]:
    """Names the context announces: after a title or function, "ik ben ...", a form field."""
    slordig = _slordig(tekst)
    for m in _NAAM_NA_WOORD.finditer(tekst):
        if _sleutel_tekst(m["achternaam"]) in behouden:
            continue
        if _naam_na_woord_ok(m, slordig, lijsten):
            start, einde = m.start("naam"), m.end("naam")
        elif m["voorletters"].strip():
            start, einde = (
                m.start("voorletters"),
                m.start("voorletters") + len(m["voorletters"].rstrip()),
            )
        else:
            continue
        yield _Vondst(start, einde, "PERSOON", _sleutel_tekst(tekst[start:einde]))
    for m in _FORMULIERVELD.finditer(tekst):
        span = _opschonen_naam(tekst, m.start("naam"), m.end("naam"), behouden, lijsten, zeker=True)
        if span and len(_woorden(tekst, *span)) <= 6:
            yield _Vondst(*span, "PERSOON", _sleutel_tekst(tekst[span[0] : span[1]]))


_VOORLETTERS_ERVOOR = _Lui(r"(?<![\w.])(?:[A-Z]\.){1,4}[ \t]*\(?[ \t]*$")


def _voeg_namen_samen(tekst: str, namen: list[_Vondst]) -> list[_Vondst]:
    """One span for a name found in pieces: "Jan" "Koster", "Catharina (Ina) Boerma"."""
    spans: list[list[int]] = []
    for v in sorted(namen, key=lambda v: (v.start, -v.einde)):
        voorletters = _VOORLETTERS_ERVOOR.search(tekst, max(0, v.start - 12), v.start)
        start = voorletters.start() if voorletters else v.start  # "G.J. (Gerrit) van Vliet"
        tussen = tekst[spans[-1][1] : start] if spans else ""
        open_haakje = bool(spans) and tekst[spans[-1][0] : spans[-1][1]].count("(") > tekst[
            spans[-1][0] : spans[-1][1]
        ].count(")")
        if spans and (
            start <= spans[-1][1]
            or re.fullmatch(r"[ \t]+", tussen)
            or (open_haakje and re.fullmatch(r"\)[ \t]*", tussen))
        ):
            spans[-1][1] = max(spans[-1][1], v.einde)
        else:
            spans.append([start, v.einde])
    samen: list[list[int]] = []
    for span in spans:
        if (
            len(samen) >= 2
            and re.fullmatch(r"[ \t]*\([ \t]*", tekst[samen[-2][1] : samen[-1][0]])
            and re.fullmatch(r"[ \t]*\)[ \t]*", tekst[samen[-1][1] : span[0]])
        ):
            samen[-2:] = [[samen[-2][0], span[1]]]
        else:
            samen.append(span)
    return [_Vondst(a, b, "PERSOON", _sleutel_tekst(tekst[a:b])) for a, b in samen]


def _deduce_vondsten(tekst: str, behouden: frozenset[str]) -> list[_Vondst]:
    lijsten = _lijsten()
    document = deduce_model().deidentify(tekst, disabled=set(_DEDUCE_UIT))
    namen = list(_namen_uit_context(tekst, behouden, lijsten))
    vondsten = []
    for annotatie in document.annotations:
        soort = _DEDUCE_TYPE.get(annotatie.tag)
        start, einde = annotatie.start_char, annotatie.end_char
        if soort == "PERSOON":
            span = _opschonen_naam(tekst, start, einde, behouden, lijsten)
            if span is not None:
                namen.append(_Vondst(*span, "PERSOON", ""))
        elif soort == "ADRES":
            toevoeging = _TOEVOEGING_RE.match(tekst, einde)
            einde = toevoeging.end() if toevoeging else einde
            vondsten.append(_Vondst(start, einde, "ADRES", _sleutel_tekst(tekst[start:einde])))
        elif soort == "TELEFOON":
            vondsten.append(
                _Vondst(start, einde, "TELEFOON", _sleutel_telefoon(tekst[start:einde]))
            )
    namen = _buiten_behouden_zinnen(tekst, _voeg_namen_samen(tekst, namen), behouden)
    return vondsten + namen + list(_elders_genoemd(tekst, namen, lijsten))


def _elders_genoemd(tekst: str, namen: list[_Vondst], lijsten: _Lijsten) -> Iterable[_Vondst]:
    """Other mentions of a name found once ("ik ben samira ... groetjes samira")."""
    gezien = set()
    for v in namen:
        naam = tekst[v.start : v.einde]
        if naam in gezien or len(naam) < 3 or re.fullmatch(r"(?:\w\.\s*)+", naam):
            continue
        gezien.add(naam)
        # a name that is also a word ("Roos", "Post") only where it is spelled the same
        gewoon = naam.casefold() in lijsten.gewone_woorden or naam.casefold() in lijsten.stopwoorden
        vlaggen = 0 if gewoon else re.IGNORECASE
        for m in re.finditer(rf"(?<![\w.-]){re.escape(naam)}(?![\w-])", tekst, vlaggen):
            yield _Vondst(m.start(), m.end(), "PERSOON", v.sleutel)


@functools.lru_cache(maxsize=8)
def _zinnen_patroon(behouden: frozenset[str]) -> re.Pattern | None:
    zinnen = sorted((z for z in behouden if " " in z), key=len, reverse=True)
    if not zinnen:
        return None
    delen = [r"[\s.]+".join(map(re.escape, z.split())) for z in zinnen]
    return re.compile(r"(?<!\w)(?:" + "|".join(delen) + r")(?!\w)", re.IGNORECASE)


def _buiten_behouden_zinnen(
    tekst: str, namen: list[_Vondst], behouden: frozenset[str]
) -> list[_Vondst]:
    """Drop names inside a kept phrase ("'t Waal" in "Tull en 't Waal")."""
    patroon = _zinnen_patroon(behouden)
    if patroon is None:
        return namen
    plekken = [(m.start(), m.end()) for m in patroon.finditer(tekst)]
    return [v for v in namen if not any(a <= v.start and v.einde <= b for a, b in plekken)]


# ---------------------------------------------------------------------------------------------
# Putting it together


def _maskeer_placeholders(tekst: str) -> tuple[str, bytearray, dict[str, int]]:
    """Hide existing placeholders from every detector.

    Returns the masked text, which characters were placeholders and the highest number per type.
    """
    hoogste: dict[str, int] = defaultdict(int)
    bezet = bytearray(len(tekst))
    for m in _PLACEHOLDER.finditer(tekst):
        hoogste[m[1]] = max(hoogste[m[1]], int(m[2]))
        bezet[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return _PLACEHOLDER.sub(_masker, tekst), bezet, hoogste


def _masker(m: re.Match) -> str:
    # Word characters, so patterns treat a placeholder like the value it replaced; a postcode
    # keeps its shape, so the place after it is still read as a place ("[POSTCODE-1] Langerak").
    if m[1] == "POSTCODE":
        return "_" * (len(m[0]) - 7) + "0000 AA"
    return "_" * len(m[0])


def _kies(
    vondsten: Iterable[_Vondst], behouden: frozenset[str], tekst: str, bezet: bytearray
) -> list[_Vondst]:
    """Non-overlapping spans outside placeholders: higher priority first, then the longer one."""
    vondsten = {v for v in vondsten if v.einde > v.start and not any(bezet[v.start : v.einde])}
    # A span inside a longer one is part of that value ("0417164300" inside an IBAN).
    binnen = {
        v
        for v in vondsten
        for w in vondsten
        if w.start <= v.start and v.einde <= w.einde and (w.einde - w.start) > (v.einde - v.start)
    }

    def rang(v: _Vondst) -> tuple[int, int, int]:
        return -_PRIORITEIT[v.type], -(v.einde - v.start), v.start

    # the contained ones get a second chance when the span around them lost to another
    volgorde = sorted(vondsten - binnen, key=rang) + sorted(binnen, key=rang)
    bezet = bytearray(bezet)
    gekozen = []
    for v in volgorde:
        if any(bezet[v.start : v.einde]):
            continue
        if _sleutel_tekst(tekst[v.start : v.einde]) in behouden:
            continue
        bezet[v.start : v.einde] = b"\x01" * (v.einde - v.start)
        gekozen.append(v)
    return sorted(gekozen, key=lambda v: v.start)


def _naamtokens(sleutel: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s.]+", sleutel) if t)


def _zelfde_persoon(kort: tuple[str, ...], lang: tuple[str, ...]) -> bool:
    """'Jansen', 'J. Jansen' and 'Jan Jansen' can be the same person as 'Jan Jansen'."""
    if not kort or len(kort) > len(lang):
        return False
    if len(kort) == 1 and kort[0] == lang[0] and len(lang) > 1 and len(kort[0]) > 1:
        return True  # a first name alone
    achternaam = [t for t in kort if len(t) > 1]
    if not achternaam or tuple(lang[-len(achternaam) :]) != tuple(achternaam):
        return False
    voorletters = [t for t in kort if len(t) == 1]
    return all(a[:1] == b for a, b in zip(lang, voorletters, strict=False))


def _personen_samenvoegen(sleutels: list[str]) -> dict[str, str]:
    """Map each name key to the key of the person it refers to (its longest spelling)."""
    langste_eerst = sorted(set(sleutels), key=lambda s: (-len(_naamtokens(s)), -len(s), s))
    naar: dict[str, str] = {}
    for sleutel in langste_eerst:
        tokens = _naamtokens(sleutel)
        kandidaten = {
            naar[ander]
            for ander in naar
            if naar[ander] == ander and _zelfde_persoon(tokens, _naamtokens(ander))
        }
        naar[sleutel] = kandidaten.pop() if len(kandidaten) == 1 else sleutel
    return naar


class _Nummering:
    """Placeholders handed out so far in one text: the same (type, value) keeps its number."""

    def __init__(self, hoogste: dict[str, int]):
        self.teller = Counter(hoogste)
        self.nummers: dict[tuple[str, str], str] = {}

    def placeholder(self, soort: str, sleutel: str) -> str:
        if (soort, sleutel) not in self.nummers:
            self.teller[soort] += 1
            self.nummers[soort, sleutel] = f"[{soort}-{self.teller[soort]}]"
        return self.nummers[soort, sleutel]


def _vervang(tekst: str, gekozen: list[_Vondst], nummering: _Nummering) -> Redactie:
    personen = _personen_samenvoegen([v.sleutel for v in gekozen if v.type == "PERSOON"])
    delen, vervangingen, positie = [], [], 0
    for v in gekozen:
        sleutel = personen[v.sleutel] if v.type == "PERSOON" else v.sleutel
        placeholder = nummering.placeholder(v.type, sleutel)
        delen += [tekst[positie : v.start], placeholder]
        vervangingen.append(
            Vervanging(v.type, tekst[v.start : v.einde], placeholder, v.start, v.einde)
        )
        positie = v.einde
    delen.append(tekst[positie:])
    return Redactie("".join(delen), vervangingen)


def _ronde(tekst: str, snel: bool, sleutels: frozenset[str], nummering: _Nummering) -> Redactie:
    gemaskeerd, bezet, _ = _maskeer_placeholders(tekst)
    vondsten = _snelle_vondsten(gemaskeerd)
    if not snel:
        vondsten += _deduce_vondsten(gemaskeerd, sleutels)
    return _vervang(tekst, _kies(vondsten, sleutels, gemaskeerd, bezet), nummering)


def _naar_origineel(eerder: list[Vervanging], later: list[Vervanging]) -> list[Vervanging]:
    """Spans found in a redacted text, moved back to the original text it came from."""
    verschuivingen = []
    verschil = 0
    for v in eerder:  # where each placeholder ended in the redacted text, and the shift after it
        verschil += (v.einde - v.start) - len(v.placeholder)
        verschuivingen.append((v.einde - verschil, verschil))
    uit = []
    for w in later:
        verschil = 0
        for einde_in_redactie, na in verschuivingen:
            if einde_in_redactie <= w.start:
                verschil = na
        uit.append(
            Vervanging(w.type, w.waarde, w.placeholder, w.start + verschil, w.einde + verschil)
        )
    return uit


def _behouden_sleutels(behouden: Iterable[str] | None) -> frozenset[str]:
    if behouden is None:
        return _STANDAARD_SLEUTELS
    return frozenset(_sleutel_tekst(w) for w in behouden)


_STANDAARD_SLEUTELS = frozenset(_sleutel_tekst(w) for w in STANDAARD_BEHOUDEN)
_MAX_RONDES = 5


def redigeer(tekst: str, *, snel: bool = False, behouden: Iterable[str] | None = None) -> Redactie:
    """Replace the personal data in `tekst` by placeholders such as [PERSOON-1] and [BSN-1].

    The same value gets the same placeholder throughout the text, whatever its spelling. With
    `snel=True` only the fast patterns run (no deduce, so no names). `behouden` lists words that
    are never replaced (default STANDAARD_BEHOUDEN). Placeholders already in the text are left
    alone, so redacting twice changes nothing more.
    """
    sleutels = _behouden_sleutels(behouden)
    nummering = _Nummering(_maskeer_placeholders(tekst)[2])
    redactie = _ronde(tekst, snel, sleutels, nummering)
    # Replacing a value changes what its neighbours look like to the patterns; search the result
    # again until nothing new turns up, so that redacting the output changes nothing more.
    for _ in range(_MAX_RONDES):
        if not redactie.vervangingen:
            break
        volgende = _ronde(redactie.tekst, snel, sleutels, nummering)
        if not volgende.vervangingen:
            break
        nieuw = _naar_origineel(redactie.vervangingen, volgende.vervangingen)
        redactie = Redactie(
            volgende.tekst, sorted(redactie.vervangingen + nieuw, key=lambda v: v.start)
        )
    return redactie


def redigeer_snel(tekst: str) -> str:
    """The text with the fast patterns' findings replaced (no names); used before classification."""
    return redigeer(tekst, snel=True).tekst


# ---------------------------------------------------------------------------------------------
# Evaluation on a labelled set


def _lees_testset(pad: Path) -> list[dict]:
    if not pad.exists():
        raise BestandError(
            pad, "bestand niet gevonden; verwacht een JSONL-bestand met gelabelde teksten"
        )
    rijen, problemen = [], []
    for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
        if not regel.strip():
            continue
        try:
            rij = json.loads(regel)
            tekst, entiteiten = rij["tekst"], rij["entiteiten"]
        except (json.JSONDecodeError, KeyError, TypeError) as fout:
            problemen.append(
                Probleem(nummer, None, f"geen geldige regel met 'tekst' en 'entiteiten' ({fout})")
            )
            continue
        for e in entiteiten:
            if e.get("type") not in TYPES:
                problemen.append(
                    Probleem(
                        nummer,
                        "type",
                        f"onbekend type {e.get('type')!r}; toegestaan: {', '.join(TYPES)}",
                    )
                )
            elif e.get("waarde", "") not in tekst or not e.get("waarde"):
                problemen.append(
                    Probleem(nummer, "waarde", f"{e.get('waarde')!r} staat niet in de tekst")
                )
        rijen.append(rij)
    if problemen:
        raise BestandError(pad, problemen)
    return rijen


def _gelabelde_spans(tekst: str, entiteiten: list[dict]) -> list[tuple[int, int, str]]:
    """Every occurrence of every labelled value, longest value first, without overlap."""
    bezet = bytearray(len(tekst))
    spans = []
    for e in sorted(entiteiten, key=lambda e: -len(e["waarde"])):
        for m in re.finditer(re.escape(e["waarde"]), tekst):
            if not any(bezet[m.start() : m.end()]):
                bezet[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                spans.append((m.start(), m.end(), e["type"]))
    return spans


def evalueer(
    pad: Path, *, snel: bool = False, behouden: Iterable[str] | None = None
) -> dict[str, dict[str, float | None]]:
    """Recall and precision per type on a labelled JSONL set ({"id", "tekst", "entiteiten"}).

    Per type: `n` labelled occurrences; `recall` the share fully covered by replaced spans of any
    type, `recall_type` by spans of the same type; `vervangen` the spans replaced with that type;
    `precisie` the share of those that overlap a labelled value (None when nothing was replaced).
    "totaal" sums all types; "domeinwoorden" counts the kept words found in the texts and the
    share left intact. Raises BestandError when the file is missing or a line is invalid.
    """
    sleutels = _behouden_sleutels(behouden)
    woorden = sorted(
        STANDAARD_BEHOUDEN if behouden is None else set(behouden), key=len, reverse=True
    )
    domein = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, woorden)) + r")(?!\w)")
        if woorden
        else None
    )
    tel: dict[str, Counter] = defaultdict(Counter)
    for rij in _lees_testset(pad):
        tekst = rij["tekst"]
        redactie = redigeer(tekst, snel=snel, behouden=behouden)
        gelabeld = _gelabelde_spans(tekst, rij["entiteiten"])
        for start, einde, soort in gelabeld:
            for naam in (soort, "totaal"):
                tel[naam]["n"] += 1
                tel[naam]["gedekt"] += _volledig_gedekt(tekst, start, einde, redactie.vervangingen)
                tel[naam]["gedekt_type"] += _volledig_gedekt(
                    tekst, start, einde, [v for v in redactie.vervangingen if v.type == soort]
                )
        for v in redactie.vervangingen:
            raak = any(v.start < einde and start < v.einde for start, einde, _ in gelabeld)
            for naam in (v.type, "totaal"):
                tel[naam]["vervangen"] += 1
                tel[naam]["raak"] += raak
        if domein is not None:
            for m in domein.finditer(tekst):
                # a kept word inside a labelled value ("Kees van Houten") is personal data there
                binnen_label = any(s < m.end() and m.start() < e for s, e, _ in gelabeld)
                if _sleutel_tekst(m[0]) in sleutels and not binnen_label:
                    tel["domeinwoorden"]["n"] += 1
                    tel["domeinwoorden"]["weg"] += any(
                        v.start < m.end() and m.start() < v.einde for v in redactie.vervangingen
                    )
    uitkomst: dict[str, dict[str, float | None]] = {}
    for naam in (*TYPES, "totaal"):
        t = tel[naam]
        if not t["n"] and not t["vervangen"]:
            continue
        uitkomst[naam] = {
            "n": t["n"],
            "recall": t["gedekt"] / t["n"] if t["n"] else None,
            "recall_type": t["gedekt_type"] / t["n"] if t["n"] else None,
            "vervangen": t["vervangen"],
            "precisie": t["raak"] / t["vervangen"] if t["vervangen"] else None,
        }
    d = tel["domeinwoorden"]
    uitkomst["domeinwoorden"] = {
        "n": d["n"],
        "behouden": (d["n"] - d["weg"]) / d["n"] if d["n"] else None,
    }
    return uitkomst


def _volledig_gedekt(
    tekst: str, start: int, einde: int, vervangingen: Iterable[Vervanging]
) -> bool:
    """Every non-space character of tekst[start:einde] lies inside some replaced span."""
    bedekt = bytearray(einde - start)
    for v in vervangingen:
        a, b = max(start, v.start), min(einde, v.einde)
        if a < b:
            bedekt[a - start : b - start] = b"\x01" * (b - a)
    return all(bedekt[i] or tekst[start + i].isspace() for i in range(einde - start))
