"""The fast, validated patterns: BSN, IBAN, phone, e-mail, postcode, klantnummer, date, address."""

from __future__ import annotations

import re
from collections.abc import Iterable

from stdnum import iban as _iban
from stdnum.nl import bsn as _bsn

from klachtclassificatie.privacy._lui import _Lui, _woordenset
from klachtclassificatie.privacy._sleutels import (
    _cijfers,
    _sleutel_compact,
    _sleutel_tekst,
    _sleutel_telefoon,
)
from klachtclassificatie.privacy._typen import _Vondst

# ---------------------------------------------------------------------------------------------
# Patterns

_SP = r"[ \t\u00a0]"  # spacing inside one value; a newline ends it
_SEP = rf"(?:{_SP}*[-./\u2013\u2014]{_SP}*|{_SP}+|{_SP}*\){_SP}*)?"  # also en and em dashes

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
_DATUMVORM = _Lui(r"\(?(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.]\d{2,4}")

_EMAIL = _Lui(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")

_IBAN_NL = _Lui(rf"(?<!\w)NL{_SP}?\d{{2}}{_SP}?[A-Z]{{4}}(?:{_SP}?\d){{10}}(?!\w)", re.IGNORECASE)
_IBAN_ANDER = _Lui(rf"(?<!\w)(?!NL)[A-Z]{{2}}\d{{2}}(?:{_SP}?[A-Z0-9]){{11,30}}(?!\w)")

_NEGEN_CIJFERS = _Lui(r"(?<![\w.,])\d{9}(?![\w]|[.,]\d)")
_NEGEN_GESCHEIDEN = _Lui(rf"(?<![\w.,€-])\d(?:[ .-]?\d){{8}}(?![\w]|[.,-]\d|{_SP}\d)")
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
    (?:[ \t]*\([^()\d\n]{1,30}\))?                      # "(indien bekend)"
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

# ---------------------------------------------------------------------------------------------
# Fast patterns


def _telefoons(tekst: str) -> Iterable[_Vondst]:
    for m in _TELEFOON.finditer(tekst):
        if m["nul"] is not None and _DATUMVORM.match(tekst, m.start()):
            continue  # "06-12-2023 12" is a date and a time, not a number
        # "(030) 123 45 67" keeps its bracket; in "(06-12345678)" the bracket is the text's own
        begin = m.start() + 1 if m[0].startswith("(") and ")" not in m[0] else m.start()
        yield _Vondst(begin, m.end(), "TELEFOON", _sleutel_telefoon(tekst[begin : m.end()]))
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


def _datums(tekst: str, *, in_cijfers: bool = True, met_maandnaam: bool = True) -> Iterable[_Vondst]:
    """Dates; `in_cijfers=False` skips the all-digit forms, `met_maandnaam=False` "12 maart"."""
    patronen = (_DATUM_CIJFERS, _DATUM_ISO) if in_cijfers else ()
    for patroon in (*patronen, _DATUM_WOORD) if met_maandnaam else patronen:
        for m in patroon.finditer(tekst):
            yield _Vondst(
                m.start(), m.end(), "DATUM", _datumsleutel(m["dag"], m["maand"], m["jaar"])
            )
    if not in_cijfers:
        return
    for m in _DATUM_ZONDER_JAAR.finditer(tekst):
        ervoor = _DATUMWOORD_ERVOOR.search(tekst, max(0, m.start() - 12), m.start())
        if ervoor and not _GEEN_DATUM_ERNA.match(tekst, m.end()):
            yield _Vondst(m.start(), m.end(), "DATUM", _datumsleutel(m["dag"], m["maand"], None))


def _adressen(tekst: str, *, met_postcode: bool = True) -> Iterable[_Vondst]:
    for patroon in (_ADRES, _ADRES_VOOR_POSTCODE) if met_postcode else (_ADRES,):
        for m in patroon.finditer(tekst):
            yield _Vondst(m.start(), m.end(), "ADRES", _sleutel_tekst(m[0]))


_CIJFER = _Lui(r"[0-9]")
_ELK_CIJFER = _Lui(r"\d")
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
    "klnr",
)
#: Fewer digits than this in a whole text and no phone number or BSN can match in it: a phone
#: number has at least 8 (a service number, or the check in `_telefoons`), a BSN 9.
_MINSTE_CIJFERS_TELEFOON_BSN = 8
#: Parts every match of a pattern contains, written to start with a digit: the regex engine skips
#: quickly to the next digit, where the patterns themselves (which start with a look-behind) are
#: tried at every position. A text without the part cannot hold a match, so skipping the pattern
#: there changes nothing.
_KERN_DATUM_IN_CIJFERS = _Lui(r"\d[-/.]\d")  # day, separator, month: 12-3, 12/03/2024, 2024-03-12
_KERN_DATUM_MET_MAANDNAAM = _Lui(
    rf"\d(?:e|ste|de)?{_SP}*[-.]?{_SP}*(?:{'|'.join(sorted(_MAANDEN, key=len, reverse=True))})",
    re.IGNORECASE,
)
_KERN_IBAN = _Lui(rf"\d(?:(?<=[a-z]{{2}}\d)|(?<=nl{_SP}\d))", re.IGNORECASE)  # NL91, NL 91, DE89
_KERN_POSTCODE = _Lui(rf"[1-9]\d{{3}}{_SP}?[A-Za-z]{{2}}")


def _achterstevoren(alternatieven: str) -> str:
    return "|".join(woord[::-1] for woord in alternatieven.split("|"))


#: A part every street address of `_ADRES` contains: a street suffix, then a house number
#: ("straat 12", "weg Oost 3", "plein nr. 4"). Written backwards and searched in the reversed
#: text, so that it too starts with a digit; `\b` reads the same in both directions.
_ADRESKERN_ACHTERSTEVOREN = _Lui(
    rf"\d(?:{_SP}*\.?rn)?{_SP}+(?:\b(?:{_achterstevoren('Oost|West|Noord|Zuid')}|edjiz\w+){_SP}+)?"
    rf"(?:{_achterstevoren(_STRAATSUFFIX)})"
)

#: What every `_KLANTNUMMER` match holds, backwards in the same way: the first digit of the
#: value, what may stand between it and the keyword (separators, an aside in brackets, up to four
#: words), then "nummer", "nr" or "no" after a keyword, "kl nr" or "dossier". The look-arounds of
#: the pattern are left out, so this finds at least every text the pattern finds something in.
_KLANTNUMMERKERN_ACHTERSTEVOREN = _Lui(
    r"\d(?:-?[A-Z]{1,4})?(?:[ \t]*\n)?(?:[ \t]*[:#.])?[ \t]*(?:\)[^()\d\n]{1,30}\([ \t]*)?"
    r"(?:\.?[^\W\d_]+[ \t]+){0,4}"
    r"(?:(?:remmun|\.?rn|\.?on)[\s-]?(?:tnalk|reissod|eitaler|\w*ruetibed|\w*ruuh|tn[eë]ilc)\b"
    r"|\.?rn\s?\.?lk\b|reissod\b)",
    re.IGNORECASE,
)


def _snelle_vondsten(tekst: str) -> list[_Vondst]:
    """All fast patterns' findings in `tekst`.

    Each pattern runs only where it can match: most need a digit, phone numbers and BSNs eight
    or nine of them, dates a separator or a month name after a digit, an IBAN two letters before
    one, addresses a street suffix before a number, klantnummers a keyword before one. These checks look for what every match
    contains, so they skip work without changing what is found (tested on the corpus).
    """
    vondsten = list(_emails(tekst)) if "@" in tekst else []
    if _CIJFER.search(tekst) is None:
        return vondsten
    laag, omgekeerd = tekst.casefold(), tekst[::-1]
    if any(w in laag for w in _KLANTNUMMER_WOORDEN) and _KLANTNUMMERKERN_ACHTERSTEVOREN.search(omgekeerd):
        vondsten += _klantnummers(tekst)
    if _KERN_IBAN.search(tekst):
        vondsten += _ibans(tekst)
    if len(_ELK_CIJFER.findall(tekst)) >= _MINSTE_CIJFERS_TELEFOON_BSN:
        vondsten += _bsns(tekst)
        vondsten += _telefoons(tekst)
    in_cijfers = _KERN_DATUM_IN_CIJFERS.search(tekst) is not None
    met_maandnaam = _KERN_DATUM_MET_MAANDNAAM.search(tekst) is not None
    if in_cijfers or met_maandnaam:
        vondsten += _datums(tekst, in_cijfers=in_cijfers, met_maandnaam=met_maandnaam)
    postcodes = list(_postcodes(tekst)) if _KERN_POSTCODE.search(tekst) else []
    vondsten += postcodes
    if postcodes or _ADRESKERN_ACHTERSTEVOREN.search(omgekeerd):
        vondsten += _adressen(tekst, met_postcode=bool(postcodes))
    return vondsten
