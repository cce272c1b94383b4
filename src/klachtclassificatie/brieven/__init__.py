"""Letters the Awb asks for: the acknowledgement of receipt (9:6) and the letter with the findings
and conclusion of a complaint (9:12), as DOCX made from templates the organisation can edit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from klachtclassificatie.brieven._sjabloon import als_bytes, open_sjabloon, vul_in
from klachtclassificatie.brieven._waarden import (
    AFHANDELING,
    ONTVANGSTBEVESTIGING,
    PLAATSHOUDERS,
    SOORTEN,
    waarden,
)
from klachtclassificatie.fouten import BestandError, RegisterError
from klachtclassificatie.register import Register

#: The templates shipped with the package; `sjablonen/` in the repository holds the same files.
STANDAARD_SJABLONEN = Path(__file__).parent / "sjablonen"
MEDIATYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = [
    "AFHANDELING",
    "MEDIATYPE",
    "ONTVANGSTBEVESTIGING",
    "PLAATSHOUDERS",
    "SOORTEN",
    "STANDAARD_SJABLONEN",
    "bestandsnaam",
    "controleer_sjablonen",
    "is_afgehandeld",
    "maak_brief",
]


def _sjabloonpad(soort: str, sjablonen: Path | None = None) -> Path:
    """The template file of a `soort` letter in the folder `sjablonen` (default: the shipped ones)."""
    if soort not in SOORTEN:
        raise ValueError(f"unknown kind of letter {soort!r}")
    return Path(sjablonen or STANDAARD_SJABLONEN) / f"{soort}.docx"


def controleer_sjablonen(sjablonen: Path) -> Path:
    """Check that the organisation's template folder exists; raises BestandError naming it."""
    sjablonen = Path(sjablonen)
    if not sjablonen.is_dir():
        raise BestandError(sjablonen, "map met sjablonen niet gevonden; geef bij --sjablonen de map met "
                                      "ontvangstbevestiging.docx en afhandeling.docx")
    return sjablonen


def is_afgehandeld(rij: dict) -> bool:
    """Whether a complaint (a register row) is closed: afhandeldatum and resultaat are known."""
    return bool(rij["afhandeldatum"] and rij["resultaat"])


def maak_brief(register: Register, nummer: str, soort: str, *, sjablonen: Path | None = None,
               vandaag: date | None = None) -> bytes:
    """The `soort` letter for complaint `nummer` as DOCX bytes, dated `vandaag` (default: today).

    `sjablonen` is the folder with the organisation's templates (default: the shipped ones).
    Raises RegisterError for an unknown complaint, or an afhandeling letter for an open one;
    BestandError naming the template when it is missing, damaged or holds an unknown placeholder;
    ValueError for a `soort` not in SOORTEN.
    """
    pad = _sjabloonpad(soort, sjablonen)
    rij = register.rij(nummer)
    if rij is None:
        raise RegisterError(f"klacht {nummer} staat niet in het register")
    ingevuld = waarden(rij, soort, vandaag=vandaag or date.today())
    if sjablonen is not None:
        controleer_sjablonen(sjablonen)
    document = open_sjabloon(pad)
    vul_in(document, ingevuld, pad=pad, soort=soort)
    return als_bytes(document)


def bestandsnaam(nummer: str, soort: str) -> str:
    """A safe file name for the letter: afhandeling-K2026-901.docx (other characters become -)."""
    return f"{soort}-{re.sub(r'[^A-Za-z0-9_-]+', '-', nummer).strip('-') or 'klacht'}.docx"
