"""Reading the CSV and XLSX files people actually have: any common encoding, comma or semicolon."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from klachtclassificatie.fouten import BestandError

CSV_EXTENSIES = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIES = {".xlsx", ".xlsm"}
#: Tried in this order: UTF-8 (with or without BOM), then what Excel on Windows writes.
CODERINGEN = ("utf-8-sig", "cp1252")


@dataclass
class Tabel:
    """The rows of a file as text cells, keyed by the header's column names.

    `rijen` holds (rijnummer, cellen) with rijnummer as a spreadsheet shows it: the header is
    row 1, the first record row 2.
    """

    pad: Path
    kolommen: list[str]
    rijen: list[tuple[int, dict[str, str]]]
    codering: str = "utf-8"
    scheidingsteken: str = ","


def lees_tabel(pad: Path) -> Tabel:
    """Read a CSV or XLSX file into a Tabel.

    Raises BestandError when the file is missing, empty, of an unknown type or undecodable.
    """
    pad = Path(pad)
    if not pad.is_file():
        raise BestandError(pad, "bestand niet gevonden")
    extensie = pad.suffix.lower()
    if extensie in XLSX_EXTENSIES:
        return _lees_xlsx(pad)
    if extensie in CSV_EXTENSIES:
        return _lees_csv(pad)
    raise BestandError(pad, f"onbekend bestandstype '{pad.suffix}'; gebruik .csv of .xlsx")


def decodeer(pad: Path, ruw: bytes) -> tuple[str, str]:
    """Decode file bytes as UTF-8 or Windows-1252; returns (text, encoding name)."""
    for codering in CODERINGEN:
        try:
            return ruw.decode(codering), codering
        except UnicodeDecodeError:
            continue
    raise BestandError(pad, "tekstcodering niet herkend; sla het bestand op als UTF-8")


def raad_scheidingsteken(kopregel: str) -> str:
    """Guess the delimiter from the header line: the most frequent of ; , and tab."""
    kandidaten = [";", ",", "\t"]
    return max(kandidaten, key=lambda teken: (kopregel.count(teken), -kandidaten.index(teken)))


def _lees_csv(pad: Path) -> Tabel:
    tekst, codering = decodeer(pad, pad.read_bytes())
    if not tekst.strip():
        raise BestandError(pad, "het bestand is leeg")
    kopregel = tekst.splitlines()[0]
    scheiding = raad_scheidingsteken(kopregel)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        records = list(lezer)
    except csv.Error as fout:
        raise BestandError(pad, f"ongeldige CSV: {fout}") from fout
    return _maak_tabel(pad, records, codering, scheiding)


def celtekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return (
            waarde.date().isoformat()
            if waarde.time() == datetime.min.time()
            else waarde.isoformat()
        )
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def _lees_xlsx(pad: Path) -> Tabel:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(pad, read_only=True, data_only=True)
    except Exception as fout:  # openpyxl raises many types for a damaged file
        raise BestandError(pad, f"kan het Excel-bestand niet lezen ({fout})") from fout
    try:
        blad = boek.worksheets[0]
        records = [[celtekst(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    finally:
        boek.close()
    return _maak_tabel(pad, records, "xlsx", "")


def _maak_tabel(pad: Path, records: list[list[str]], codering: str, scheiding: str) -> Tabel:
    if not records or not any(c.strip() for c in records[0]):
        raise BestandError(pad, "geen kopregel met kolomnamen gevonden")
    kolommen = [c.strip() for c in records[0]]
    while kolommen and not kolommen[-1]:
        kolommen.pop()
    rijen = []
    for index, record in enumerate(records[1:], start=2):
        if not any(str(c).strip() for c in record):
            continue  # blank lines at the end of an export
        cellen = {k: (record[i].strip() if i < len(record) else "") for i, k in enumerate(kolommen)}
        rijen.append((index, cellen))
    return Tabel(pad, kolommen, rijen, codering, scheiding)


def kolomsleutel(naam: str) -> str:
    """Normalise a column name as typed in a header: case, spaces and hyphens ignored."""
    return "_".join(naam.strip().lower().replace("-", " ").split())


@contextmanager
def atomair_pad(doel: Path) -> Iterator[Path]:
    """A temporary path beside `doel` to write to; on success it replaces `doel`.

    The temporary file is in the target folder (so the rename is atomic), synced to disk before
    the rename, and removed on any failure: a reader sees the old file or the whole new one,
    never half a file, and nothing is left behind.
    """
    doel = Path(doel)
    tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.tmp")
    try:
        yield tijdelijk
        with tijdelijk.open("rb+") as bestand:
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, doel)
    finally:
        tijdelijk.unlink(missing_ok=True)


def schrijf_atomair(doel: Path, inhoud: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write text or bytes to `doel` atomically (see `atomair_pad`)."""
    with atomair_pad(doel) as tijdelijk:
        if isinstance(inhoud, bytes):
            tijdelijk.write_bytes(inhoud)
        else:
            tijdelijk.write_text(inhoud, encoding=encoding)
