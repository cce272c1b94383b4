"""The value rules of a complaint, the same for every entry route: import, web form and CLI edits.

Each rule reads one typed value and returns it in canonical form, or raises ValueError with a
Dutch message that the caller places at its row, column or form field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

#: No complaint in a register is older than this; earlier dates are typing errors (1900, year 1).
ONDERGRENS_DATUM = date(2000, 1, 1)
#: A suspension longer than a year is not a suspension but a typing error.
MAX_OPSCHORTING_DAGEN = 365
#: Longest klachtnummer and klantnummer.
MAX_NUMMERLENGTE = 40
#: Longest number of days accepted before its value is looked at (a 20-digit number is refused).
_MAX_CIJFERS = 9

_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")
_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_KLACHTNUMMER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*")
_KLANTNUMMER = re.compile(r"[A-Za-z0-9/-]+")


def lees_datum(tekst: str) -> date:
    """Read 2024-03-05 or 05-03-2024 (also with / or .), nothing after it but a time of day.

    Raises ValueError with a Dutch message. Bounds are checked by `controleer_datum`.
    """
    tekst = tekst.strip()
    if m := _DATUM_ISO.match(tekst):
        jaar, maand, dag = (int(g) for g in m.groups()[:3])
        uur, minuut, seconde = (int(g or 0) for g in m.groups()[3:])
        if uur > 23 or minuut > 59 or seconde > 59:
            raise ValueError(f"ongeldige tijd in datum '{tekst}'; gebruik 2024-03-05 of 05-03-2024")
    elif m := _DATUM_NL.match(tekst):
        dag, maand, jaar = (int(g) for g in m.groups())
    else:
        raise ValueError(f"ongeldige datum '{tekst}'; gebruik 2024-03-05 of 05-03-2024")
    try:
        return date(jaar, maand, dag)
    except ValueError:
        raise ValueError(f"datum '{tekst}' bestaat niet") from None


def controleer_datum(dag: date, *, vandaag: date) -> date:
    """A register date lies between ONDERGRENS_DATUM and `vandaag`; raises ValueError otherwise."""
    if dag < ONDERGRENS_DATUM:
        raise ValueError(f"datum {dag.isoformat()} ligt vóór {ONDERGRENS_DATUM.isoformat()}; "
                         "controleer het jaartal")
    if dag > vandaag:
        raise ValueError(f"datum {dag.isoformat()} ligt in de toekomst (vandaag is {vandaag.isoformat()})")
    return dag


def lees_dagen(tekst: str) -> int:
    """A number of suspended days: 0 to MAX_OPSCHORTING_DAGEN; raises ValueError otherwise."""
    tekst = tekst.strip()
    if not re.fullmatch(r"\d+", tekst):
        raise ValueError(f"'{tekst[:20]}' is geen geheel aantal dagen (0 of meer)")
    if len(tekst.lstrip("0")) > _MAX_CIJFERS:
        raise ValueError(f"getal van {len(tekst)} cijfers is te lang; hoogstens {MAX_OPSCHORTING_DAGEN} dagen")
    dagen = int(tekst)
    if dagen > MAX_OPSCHORTING_DAGEN:
        raise ValueError(f"{dagen} dagen opschorting is meer dan het maximum van {MAX_OPSCHORTING_DAGEN}")
    return dagen


def zonder_onzichtbaar(tekst: str) -> str:
    """The text with invisible characters (zero-width space, BOM, soft hyphen, controls) removed, trimmed."""
    tekst = unicodedata.normalize("NFKC", tekst)
    return "".join(t for t in tekst if unicodedata.category(t) not in ("Cf", "Cc")).strip()


def nummersleutel(nummer: str) -> str:
    """The form in which two klachtnummers are compared: normalised and without regard to case."""
    return zonder_onzichtbaar(nummer).upper()


def _lees_nummer(tekst: str, patroon: re.Pattern, soort: str, toegestaan: str) -> str:
    nummer = zonder_onzichtbaar(tekst)
    if len(nummer) > MAX_NUMMERLENGTE:
        raise ValueError(f"een {soort} heeft hoogstens {MAX_NUMMERLENGTE} tekens (dit heeft er {len(nummer)})")
    if not patroon.fullmatch(nummer):
        raise ValueError(f"ongeldig {soort} '{nummer[:MAX_NUMMERLENGTE]}'; toegestaan: {toegestaan}")
    return nummer


def lees_klachtnummer(tekst: str) -> str:
    """A klachtnummer, trimmed and without invisible characters; raises ValueError when not allowed."""
    return _lees_nummer(tekst, _KLACHTNUMMER, "klachtnummer",
                        "letters, cijfers en - / _ . (geen spaties), beginnend met een letter of cijfer")


def lees_klantnummer(tekst: str) -> str:
    """A klantnummer, trimmed and without invisible characters; raises ValueError when not allowed."""
    return _lees_nummer(tekst, _KLANTNUMMER, "klantnummer", "letters, cijfers, - en / (geen spaties)")
