"""How the register's fields and values read for a person: Dutch labels instead of column names."""

from __future__ import annotations

import math

from klachtclassificatie.register._klacht import VELDEN

#: Per column of the register (fields and label provenance), the label a person reads.
VELDLABELS: dict[str, str] = {
    "klachtnummer": "klachtnummer",
    "ontvangstdatum": "ontvangstdatum",
    "gemeente": "gemeente",
    "kanaal": "kanaal",
    "klantnummer": "klantnummer",
    "tekst": "tekst",
    "programmaonderdeel": "programmaonderdeel",
    "categorie": "categorie",
    "procedure": "procedure",
    "behandelaar": "behandelaar",
    "verlenging": "verlenging",
    "opschorting_dagen": "opschorting (dagen)",
    "afhandeldatum": "afhandeldatum",
    "resultaat": "resultaat",
    "samenvatting": "samenvatting van de bevindingen",
    "labels_bevestigd": "labels bevestigd",
    "categorie_bron": "herkomst categorie",
    "programmaonderdeel_bron": "herkomst programmaonderdeel",
    "bevestigd_door": "labels bevestigd door",
    "bevestigd_op": "labels bevestigd op",
}
_JANEE = {v.naam for v in VELDEN if v.soort == "janee"}


def veldlabel(naam: str) -> str:
    """The Dutch label of a register column; an unknown name is shown with spaces for underscores."""
    return VELDLABELS.get(naam, naam.replace("_", " "))


def waardetekst(naam: str, waarde) -> str:
    """A stored value as a person reads it: yes/no fields as ja/nee, nothing as an empty text.

    Works for the values of a row (1, 0, None) and of the audit trail (the texts '1', '0', None).
    """
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ""
    if naam in _JANEE and str(waarde) in ("0", "1"):
        return "ja" if str(waarde) == "1" else "nee"
    return str(waarde)
