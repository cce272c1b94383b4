"""Reading and writing the CSV and XLSX files people actually have, safely.

Reading: the file's content decides what it is (an XLSX renamed .csv is still read as XLSX), the
whole file decides its encoding (UTF-8 with or without BOM, UTF-16, or Windows-1252 only when that
cannot be UTF-8 mojibake), comma, semicolon or tab. Writing: every CSV and XLSX the project writes
goes through `veilig_frame`, so no cell becomes a spreadsheet formula, and reading undoes it.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from pathlib import Path

from klachtclassificatie.fouten import BestandError

CSV_EXTENSIES = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIES = {".xlsx", ".xlsm"}
BLOKGROOTTE = 1 << 20
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Well-formed UTF-8 sequences of a non-ASCII character. In a Windows-1252 file they are
#: mojibake of UTF-8 ("Ã©" for "é", "â€™" for "’"), so a file holding one is never read as 1252.
_UTF8_TEKEN = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
#: The five bytes Windows-1252 leaves undefined.
_GEEN_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
#: How binary formats people mistake for a spreadsheet begin, and what to call them.
_HANDTEKENINGEN = (
    (b"%PDF", "een PDF-document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "een ouder Office-bestand (.xls of .doc)"),
    (b"SQLite format 3\x00", "een SQLite-database (zoals het klachtenregister zelf)"),
    (b"{\\rtf", "een RTF-document (Word)"),
    (b"\x89PNG", "een PNG-afbeelding"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding"),
)
_UTF8_ADVIES = ("open het bestand in een teksteditor (zoals Notepad++), verbeter of verwijder het teken "
                "op die plek en sla het op als UTF-8; of exporteer het opnieuw als 'CSV UTF-8'")


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


def _wat_is(bron, begin: bytes) -> str | None:
    """A Dutch description of a binary file (path or open file) by its first bytes, else None."""
    if begin.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(bron) as archief:
                namen = archief.namelist()
        except (zipfile.BadZipFile, OSError):
            return "een beschadigd ZIP-archief"
        if any(n.startswith("xl/") for n in namen):
            return "een Excel-bestand"
        if any(n.startswith("word/") for n in namen):
            return "een Word-document (.docx)"
        if any(n.startswith("ppt/") for n in namen):
            return "een PowerPoint-presentatie"
        if "content.xml" in namen:
            return "een OpenDocument-bestand (LibreOffice)"
        return "een ZIP-archief"
    for handtekening, beschrijving in _HANDTEKENINGEN:
        if begin.startswith(handtekening):
            return beschrijving
    return None


def _eerste_bytes(pad: Path, aantal: int = 16) -> bytes:
    if pad.is_dir():
        raise BestandError(pad, "dit is een map, geen bestand")
    if not pad.is_file():
        raise BestandError(pad, "bestand niet gevonden")
    try:
        with pad.open("rb") as bestand:
            return bestand.read(aantal)
    except OSError as fout:
        raise BestandError(pad, f"kan het bestand niet lezen ({fout.strerror or fout})") from fout


def bestandssoort(pad: Path) -> str:
    """'xlsx' or 'csv' for a table file, decided by its content, not its name.

    Raises BestandError saying what the file is when it is neither (a PDF, an old .xls, a Word
    document, the register database...), or when it is missing or of an unknown extension.
    """
    pad = Path(pad)
    begin = _eerste_bytes(pad)
    wat = _wat_is(pad, begin)
    extensie = pad.suffix.lower()
    if extensie not in CSV_EXTENSIES | XLSX_EXTENSIES:
        rest = f"; het is {wat}" if wat else ""
        raise BestandError(pad, f"onbekend bestandstype '{pad.suffix}'{rest}; gebruik .csv of .xlsx")
    if wat == "een Excel-bestand":
        return "xlsx"
    if wat:
        raise BestandError(pad, f"dit is {wat}, geen CSV- of Excel-bestand; sla het op als .xlsx "
                                "of als 'CSV UTF-8'")
    if extensie in XLSX_EXTENSIES:
        if not begin:
            raise BestandError(pad, "het bestand is leeg")
        raise BestandError(pad, f"heeft de extensie {pad.suffix} maar is geen Excel-bestand (de inhoud "
                                "lijkt tekst); is het een CSV-bestand, geef het dan de extensie .csv")
    return "csv"


def _blokken(pad: Path) -> Iterator[bytes]:
    try:
        with pad.open("rb") as bestand:
            while blok := bestand.read(BLOKGROOTTE):
                yield blok
    except OSError as fout:
        raise BestandError(pad, f"kan het bestand niet lezen ({fout.strerror or fout})") from fout


def _utf16_zonder_bom(begin: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the first bytes are plainly UTF-16 text without a BOM."""
    paren = len(begin) // 2
    even, oneven = begin[0 : 2 * paren : 2].count(0), begin[1 : 2 * paren : 2].count(0)
    if paren >= 2 and oneven >= 0.9 * paren and even <= 0.1 * paren:
        return "utf-16-le"
    return "utf-16-be" if paren >= 2 and even >= 0.9 * paren and oneven <= 0.1 * paren else None


def _volledige_utf8(buffer: bytes) -> int:
    """How much of `buffer` to decode now: all but a multibyte character cut off at its end."""
    for terug in range(1, min(4, len(buffer)) + 1):
        byte = buffer[-terug]
        if byte < 0x80:
            return len(buffer)
        if byte >= 0xC0:  # a lead byte: is its sequence complete?
            nodig = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(buffer) if terug >= nodig else len(buffer) - terug
    return len(buffer)


def _codering(pad: Path, blokken: Iterable[bytes], bron=None) -> str:
    """Decide the encoding of the whole file from its blocks; raises BestandError in Dutch."""
    blokken = iter(blokken)
    eerste = next(blokken, b"")
    if wat := _wat_is(pad if bron is None else bron, eerste[:16]):
        raise BestandError(pad, f"dit is {wat}, geen tekst- of CSV-bestand")
    utf16 = ("utf-16" if eerste.startswith(_UTF16_BOMS) else _utf16_zonder_bom(eerste[:4096]))
    if utf16:
        return _controleer_utf16(pad, utf16, eerste, blokken)
    if eerste[:4096].count(b"\x00") > len(eerste[:4096]) // 10:
        raise BestandError(pad, "dit is geen tekstbestand (het bevat binaire gegevens); "
                                "gebruik .csv of .xlsx")
    regels = kolom = 0  # line breaks before `deel`, and bytes since the last one
    breuk = None  # (line, byte value, position in that line) where UTF-8 breaks
    utf8_regel = None  # first line holding a well-formed non-ASCII UTF-8 character
    cp1252 = True
    gelezen = b""
    for blok in chain([eerste], blokken):
        cp1252 = cp1252 and not _GEEN_CP1252.search(blok)
        buffer = gelezen + blok
        grens = _volledige_utf8(buffer)
        deel, gelezen = buffer[:grens], buffer[grens:]
        if utf8_regel is None and (m := _UTF8_TEKEN.search(deel)):
            utf8_regel = regels + deel.count(b"\n", 0, m.start()) + 1
        if breuk is None:
            try:
                deel.decode("utf-8")
            except UnicodeDecodeError as fout:
                regelbegin = deel.rfind(b"\n", 0, fout.start) + 1
                breuk = (regels + deel.count(b"\n", 0, fout.start) + 1, deel[fout.start],
                         fout.start - regelbegin + 1 + (kolom if regelbegin == 0 else 0))
        regels += deel.count(b"\n")
        kolom = len(deel) - deel.rfind(b"\n") - 1 if b"\n" in deel else kolom + len(deel)
    if gelezen and breuk is None:  # the file ends inside a character
        breuk = (regels + 1, gelezen[0], len(gelezen))
    if breuk is None:
        return "utf-8-sig" if eerste.startswith(codecs.BOM_UTF8) else "utf-8"
    regel, byte, positie = breuk
    plaats = f"regel {regel}, byte 0x{byte:02X} op positie {positie} van die regel"
    if utf8_regel is not None:
        raise BestandError(pad, f"geen geldige UTF-8 op {plaats}, terwijl het bestand verder UTF-8 is "
                                f"(zoals regel {utf8_regel}): er staat een teken in een andere codering "
                                f"tussen. Niets ingelezen; {_UTF8_ADVIES}")
    if not cp1252:
        raise BestandError(pad, f"tekstcodering niet herkend: geen UTF-8 ({plaats}) en ook geen "
                                "Windows-1252; sla het bestand op als 'CSV UTF-8'")
    return "cp1252"


def _controleer_utf16(pad: Path, codering: str, eerste: bytes, blokken: Iterator[bytes]) -> str:
    decoder = codecs.getincrementaldecoder(codering)()
    gelezen = 0
    try:
        for blok in chain([eerste], blokken):
            decoder.decode(blok)
            gelezen += len(blok)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as fout:
        raise BestandError(pad, f"het bestand is UTF-16, maar byte {gelezen + max(fout.start, 0) + 1} "
                                "is geen geldige UTF-16; sla het bestand op als 'CSV UTF-8'") from fout
    return codering


def bepaal_codering(pad: Path) -> str:
    """The encoding of a whole text file, read block by block (memory stays flat).

    UTF-8 (with or without BOM) and UTF-16 (with BOM, or plainly without) are read as such;
    Windows-1252 only when the file is not UTF-8 and holds no UTF-8 character that would turn
    into mojibake. Raises BestandError naming the line and byte where UTF-8 breaks, or saying
    what the file is when it is not text.
    """
    return _codering(Path(pad), _blokken(Path(pad)))


def decodeer(pad: Path, ruw: bytes) -> tuple[str, str]:
    """Decode the bytes of a whole file by the rules of `bepaal_codering`; returns (text, encoding)."""
    blokken = [ruw[i : i + BLOKGROOTTE] for i in range(0, len(ruw), BLOKGROOTTE)]
    codering = _codering(Path(pad), blokken, io.BytesIO(ruw))
    return ruw.decode(codering), codering


def raad_scheidingsteken(kopregel: str) -> str:
    """Guess the delimiter from the header line: the most frequent of ; , and tab."""
    kandidaten = [";", ",", "\t"]
    return max(kandidaten, key=lambda teken: (kopregel.count(teken), -kandidaten.index(teken)))


#: A cell a spreadsheet would run as a formula: =, +, - or @ first, also after spaces, tabs,
#: line breaks or apostrophes (so an apostrophe written to protect a cell is itself protected).
_FORMULE = re.compile(r"'*\s*[=+\-@]")
_REGELEINDE = re.compile(r"\r\n?")
#: Word's soft line break (vertical tab) and the page break become a line break.
_ALS_REGELEINDE = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
#: What an XLSX cell (XML) cannot hold: other C0 controls, lone surrogates, U+FFFE and U+FFFF.
_ONGELDIG = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TE_SCHONEN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def schoon(tekst: str) -> str:
    """Text as every file the project writes or reads holds it.

    Line breaks become \\n (also \\r\\n, \\r, vertical tab and form feed), and control characters an
    XLSX cannot hold (NUL and the other C0 controls except tab) are removed.
    """
    if not _TE_SCHONEN.search(tekst):
        return tekst  # nearly every cell: no need to build a new string
    return _ONGELDIG.sub("", _REGELEINDE.sub("\n", tekst).translate(_ALS_REGELEINDE))


def beschermd(tekst: str) -> str:
    """A CSV value a spreadsheet will not run: an apostrophe before what looks like a formula."""
    return "'" + tekst if _FORMULE.match(tekst) else tekst


def onbeschermd(tekst: str) -> str:
    """The inverse of `beschermd`: drop the apostrophe that protects a formula-like value."""
    return tekst[1:] if tekst.startswith("'") and _FORMULE.match(tekst, 1) else tekst


def leescel(waarde: str, *, uit_csv: bool) -> str:
    """A cell as read: clean, stripped and, in a CSV, without the apostrophe that protected it."""
    waarde = schoon(waarde).strip()
    return onbeschermd(waarde).strip() if uit_csv else waarde


def veilig_frame(frame, *, soort: str):
    """A copy of a DataFrame that is safe to write as `soort` ('csv' or 'xlsx').

    Texts (cells and column names) are cleaned (`schoon`); in a CSV a formula-like text
    gets an apostrophe (`beschermd`). An XLSX needs no apostrophe: `schrijf_xlsx` writes texts as
    text cells, which never run. Numbers stay numbers. Reading (`lees_tabel`) undoes this.
    """
    if soort not in ("csv", "xlsx"):
        raise ValueError(f"onbekende soort {soort!r}")

    def veilig(waarde):
        if not isinstance(waarde, str):
            return waarde
        return beschermd(schoon(waarde)) if soort == "csv" else schoon(waarde)

    uit = frame.copy()
    for kolom in uit.columns:
        if uit[kolom].dtype == object or str(uit[kolom].dtype) in ("str", "string"):
            uit[kolom] = uit[kolom].map(veilig)
    uit.columns = [veilig(k) for k in uit.columns]
    return uit


def lees_tabel(pad: Path) -> Tabel:
    """Read a CSV or XLSX file into a Tabel (see `lees_records` for what is accepted).

    Raises BestandError when the file is missing, empty, not a table or undecodable.
    """
    pad = Path(pad)
    records, codering, scheiding = lees_records(pad)
    return _maak_tabel(pad, list(records), codering, scheiding)


def lees_records(pad: Path) -> tuple[Iterator[list[str]], str, str]:
    """The rows of a CSV or XLSX file as lists of cells, streamed: (records, encoding, delimiter).

    The content decides CSV or XLSX (`bestandssoort`), the whole file the encoding
    (`bepaal_codering`); cells are read by `leescel`. Encoding is 'xlsx' and delimiter '' for an
    Excel file. Raises BestandError (also while iterating, naming the line) in Dutch.
    """
    pad = Path(pad)
    if bestandssoort(pad) == "xlsx":
        return _xlsx_records(pad), "xlsx", ""
    codering = bepaal_codering(pad)
    with pad.open(encoding=codering, newline="") as bestand:
        kopregel = bestand.readline().split("\n", 1)[0]
        if not kopregel.strip() and not bestand.read(1 << 16).strip():
            raise BestandError(pad, "het bestand is leeg")
    scheiding = raad_scheidingsteken(kopregel)
    return _csv_records(pad, codering, scheiding), codering, scheiding


def _csv_records(pad: Path, codering: str, scheiding: str) -> Iterator[list[str]]:
    with pad.open(encoding=codering, newline="") as bestand:
        lezer = csv.reader(bestand, delimiter=scheiding)
        try:
            for record in lezer:
                yield [leescel(c, uit_csv=True) for c in record]
        except csv.Error as fout:
            raise BestandError(pad, f"regel {lezer.line_num}: {_csv_melding(fout)}") from fout


def _csv_melding(fout: csv.Error) -> str:
    if "field larger than field limit" in str(fout):
        return (f"een cel is langer dan {csv.field_size_limit()} tekens; staat er een aanhalingsteken "
                "(\") zonder afsluitend aanhalingsteken?")
    return f"ongeldige CSV ({fout})"


def celtekst(waarde: object) -> str:
    """A cell value from openpyxl as text: dates as 2024-03-05, whole numbers without .0."""
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


def _xlsx_records(pad: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    melding = "kan het Excel-bestand niet lezen; is het beschadigd? Open het in Excel en sla het opnieuw op"
    # an open file, not the name: openpyxl refuses a workbook whose name does not end in .xlsx
    with pad.open("rb") as bestand:
        try:
            boek = load_workbook(bestand, read_only=True, data_only=True)
        except Exception as fout:  # openpyxl raises many types for a damaged file
            raise BestandError(pad, melding) from fout
        try:
            for rij in boek.worksheets[0].iter_rows(values_only=True):
                yield [leescel(celtekst(c), uit_csv=False) for c in rij]
        except Exception as fout:  # a damaged sheet inside a readable archive
            raise BestandError(pad, melding) from fout
        finally:
            boek.close()


def _maak_tabel(pad: Path, records: list[list[str]], codering: str, scheiding: str) -> Tabel:
    if not records or not any(c for c in records[0]):
        raise BestandError(pad, "het bestand is leeg" if not records
                           else "geen kopregel met kolomnamen gevonden")
    kolommen = list(records[0])
    while kolommen and not kolommen[-1]:
        kolommen.pop()
    rijen = []
    for index, record in enumerate(records[1:], start=2):
        if not any(record):
            continue  # blank lines at the end of an export
        cellen = {k: (record[i] if i < len(record) else "") for i, k in enumerate(kolommen)}
        rijen.append((index, cellen))
    return Tabel(pad, kolommen, rijen, codering, scheiding)


def schrijf_csv(frame, doel, *, scheidingsteken: str = ",", kop: bool = True) -> None:
    """Write a DataFrame as CSV made safe by `veilig_frame`, to a path (UTF-8 with BOM, for
    Excel) or to an open text file. Not atomic by itself: pass `atomair_pad`'s path."""
    veilig = veilig_frame(frame, soort="csv")
    if isinstance(doel, (str, Path)):
        veilig.to_csv(doel, index=False, sep=scheidingsteken, encoding="utf-8-sig", header=kop)
    else:
        veilig.to_csv(doel, index=False, sep=scheidingsteken, header=kop)


def xlsx_cel(blad, waarde):
    """An openpyxl cell for `blad` holding `waarde`; a text is always a text cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if waarde is not None and not isinstance(waarde, (str, int, float, date)):
        waarde = str(waarde)
    cel = WriteOnlyCell(blad, value=schoon(waarde) if isinstance(waarde, str) else waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # openpyxl would store a text starting with = as a formula
    return cel


def schrijf_xlsx(doel: Path, bladen: dict) -> None:
    """Write DataFrames (sheet name to frame, index left out) as a new workbook, texts as text
    cells (never formulas). Not atomic by itself: pass `atomair_pad`'s path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook(write_only=True)
    for naam, frame in bladen.items():
        blad = boek.create_sheet(schoon(str(naam)))
        frame = veilig_frame(frame, soort="xlsx")
        frame = frame.astype(object).where(frame.notna(), None)  # NaN and NaT: empty cells
        koppen = [xlsx_cel(blad, str(kolom)) for kolom in frame.columns]
        for cel in koppen:
            cel.font = Font(bold=True)
        blad.append(koppen)
        for rij in frame.itertuples(index=False, name=None):
            blad.append([xlsx_cel(blad, w) for w in rij])
    boek.save(doel)


def schrijf_tabelbestand(frame, bestand: Path, *, scheidingsteken: str = ";", blad: str = "Sheet1") -> None:
    """Write a frame to CSV (UTF-8 with BOM, for Excel) or XLSX by its extension, safely and atomically.

    Raises BestandError for another extension.
    """
    bestand = Path(bestand)
    extensie = bestand.suffix.lower()
    if extensie not in (".csv", ".xlsx"):
        raise BestandError(bestand, f"onbekend bestandstype '{bestand.suffix}'; gebruik .csv of .xlsx")
    with atomair_pad(bestand) as tijdelijk:
        if extensie == ".csv":
            schrijf_csv(frame, tijdelijk, scheidingsteken=scheidingsteken)
        else:
            schrijf_xlsx(tijdelijk, {blad: frame})


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
