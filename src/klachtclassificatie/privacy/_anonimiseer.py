"""Redacting documents: text files, a column of a CSV/XLSX file, or a folder of them."""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from klachtclassificatie.bestanden import (
    XLSX_EXTENSIES,
    atomair_pad,
    decodeer,
    lees_tabel,
    schrijf_atomair,
    schrijf_csv,
    schrijf_xlsx,
)
from klachtclassificatie.fouten import BestandError
from klachtclassificatie.privacy._redactie import redigeer

ACHTERVOEGSEL = "-geanonimiseerd"
SOORTEN = {".txt", ".csv", ".xlsx"}


@dataclass
class Verslag:
    """What was redacted per file: counts per type, never the values."""

    per_bestand: dict[Path, dict[str, int]] = field(default_factory=dict)
    #: Entries of a folder that were not read, with the reason (links, special files, no access).
    overgeslagen: dict[Path, str] = field(default_factory=dict)

    @property
    def totaal(self) -> dict[str, int]:
        som: Counter = Counter()
        for tellingen in self.per_bestand.values():
            som.update(tellingen)
        return dict(som)


def uitvoerpad(pad: Path) -> Path:
    """Where the redacted copy of `pad` goes: beside it, with -geanonimiseerd in the name."""
    return pad.with_name(f"{pad.stem}{ACHTERVOEGSEL}{pad.suffix}")


def _tel(redacties) -> dict[str, int]:
    som: Counter = Counter()
    for r in redacties:
        som.update(r.tellingen())
    return dict(som)


def anonimiseer_tekstbestand(pad: Path) -> tuple[Path, dict[str, int]]:

    tekst, _ = decodeer(pad, pad.read_bytes())
    redactie = redigeer(tekst)
    doel = uitvoerpad(pad)
    schrijf_atomair(doel, redactie.tekst)
    return doel, redactie.tellingen()


def anonimiseer_tabel(pad: Path, kolommen: list[str]) -> tuple[Path, dict[str, int]]:
    """Redact the given columns of a CSV/XLSX file; other columns are copied unchanged."""
    tabel = lees_tabel(pad)
    ontbrekend = [k for k in kolommen if k not in tabel.kolommen]
    if ontbrekend:
        raise BestandError(pad, f"kolom '{ontbrekend[0]}' niet gevonden; aanwezig: "
                                f"{', '.join(tabel.kolommen)}. Kies een andere met --kolom")
    frame = pd.DataFrame([cellen for _, cellen in tabel.rijen], columns=tabel.kolommen)
    redacties = []
    for kolom in kolommen:
        resultaat = [redigeer(t) for t in frame[kolom]]
        frame[kolom] = [r.tekst for r in resultaat]
        redacties += resultaat
    doel = uitvoerpad(pad)
    with atomair_pad(doel) as tijdelijk:  # formulas neutralised, see bestanden.veilig_frame
        if doel.suffix.lower() in XLSX_EXTENSIES:
            schrijf_xlsx(tijdelijk, {"Sheet1": frame})
        else:
            schrijf_csv(frame, tijdelijk, scheidingsteken=tabel.scheidingsteken or ",")
    return doel, _tel(redacties)


def _niet_lezen(pad: Path) -> str | None:
    """Why an entry of a folder is not read, or None: only plain, readable files inside it are."""
    if pad.is_symlink():
        return "een koppeling (symlink) wordt niet gevolgd"
    if not stat.S_ISREG(pad.lstat().st_mode):
        return "geen gewoon bestand (een map, pijp of apparaat)"
    if not os.access(pad, os.R_OK):
        return "geen leesrechten"
    return None


def anonimiseer_pad(pad: Path, *, kolommen: list[str]) -> Verslag:
    """Redact a file, or every .txt/.csv/.xlsx in a folder (earlier output is skipped)."""
    pad = Path(pad)
    verslag = Verslag()
    if pad.is_symlink():
        raise BestandError(pad, "dit is een koppeling (symlink); geef het bestand of de map zelf")
    if pad.is_dir():
        bestanden = []
        for kandidaat in sorted(pad.iterdir()):
            if kandidaat.suffix.lower() not in SOORTEN or kandidaat.stem.endswith(ACHTERVOEGSEL):
                continue
            if reden := _niet_lezen(kandidaat):
                verslag.overgeslagen[kandidaat] = reden
            else:
                bestanden.append(kandidaat)
    elif reden := _niet_lezen(pad) if pad.exists() else "bestand of map niet gevonden":
        raise BestandError(pad, reden)
    else:
        bestanden = [pad]
    for bestand in bestanden:
        if bestand.suffix.lower() == ".txt":
            doel, tellingen = anonimiseer_tekstbestand(bestand)
        elif bestand.suffix.lower() in SOORTEN:
            doel, tellingen = anonimiseer_tabel(bestand, kolommen)
        else:
            raise BestandError(bestand, f"onbekend bestandstype '{bestand.suffix}'; gebruik .txt, .csv of .xlsx")
        verslag.per_bestand[doel] = tellingen
    return verslag
