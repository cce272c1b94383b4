import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klachtclassificatie.bestanden import lees_tabel
from klachtclassificatie.fouten import BestandError


def _varianten(bron, map_):
    """The same rows as comma CSV, semicolon CSV, UTF-8 with BOM, Windows-1252 and XLSX."""
    frame = pd.read_csv(bron, dtype=str, keep_default_na=False)
    paden = {}
    paden["komma"] = map_ / "komma.csv"
    frame.to_csv(paden["komma"], index=False)
    paden["puntkomma-bom"] = map_ / "puntkomma-bom.csv"
    frame.to_csv(paden["puntkomma-bom"], index=False, sep=";", encoding="utf-8-sig")
    paden["windows-1252"] = map_ / "windows.csv"
    frame.to_csv(paden["windows-1252"], index=False, sep=";", encoding="cp1252")
    paden["xlsx"] = map_ / "klachten.xlsx"
    frame.to_excel(paden["xlsx"], index=False)
    return paden


def test_every_encoding_and_delimiter_loads_identical_rows(klachten_csv, tmp_path):
    verwacht = lees_tabel(klachten_csv)
    for naam, pad in _varianten(klachten_csv, tmp_path).items():
        tabel = lees_tabel(pad)
        assert tabel.kolommen == verwacht.kolommen, naam
        assert [cellen for _, cellen in tabel.rijen] == [c for _, c in verwacht.rijen], naam
    assert lees_tabel(tmp_path / "windows.csv").codering == "cp1252"
    assert lees_tabel(tmp_path / "puntkomma-bom.csv").scheidingsteken == ";"


def test_row_numbers_count_the_header_as_row_one(klachten_csv):
    assert [nummer for nummer, _ in lees_tabel(klachten_csv).rijen] == [2, 3, 4, 5]


def test_missing_empty_and_unknown_files_are_refused(tmp_path):
    with pytest.raises(BestandError, match="niet gevonden"):
        lees_tabel(tmp_path / "weg.csv")
    leeg = tmp_path / "leeg.csv"
    leeg.write_text("")
    with pytest.raises(BestandError, match="leeg"):
        lees_tabel(leeg)
    pdf = tmp_path / "klachten.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(BestandError, match="onbekend bestandstype"):
        lees_tabel(pdf)


def test_damaged_xlsx_is_refused_with_its_name(tmp_path):
    kapot = tmp_path / "kapot.xlsx"
    kapot.write_bytes(b"dit is geen excel")
    with pytest.raises(BestandError, match="kapot.xlsx"):
        lees_tabel(kapot)


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    from klachtclassificatie.bestanden import atomair_pad, schrijf_atomair

    doel = tmp_path / "uit.csv"
    schrijf_atomair(doel, "oud\n")
    with pytest.raises(RuntimeError), atomair_pad(doel) as tijdelijk:
        tijdelijk.write_text("half", encoding="utf-8")
        raise RuntimeError("schrijver faalt halverwege")
    assert doel.read_text(encoding="utf-8") == "oud\n"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.csv"]  # no temporary file left
    schrijf_atomair(doel, b"nieuw")
    assert doel.read_bytes() == b"nieuw"


# --- strict decoding: the whole file decides, and a file is what its content says

REGELS = "nummer;tekst\nK1;De uitkering van één maand is te laat\nK2;Geen reactie op mijn brief\n"


def _schrijf(map_, naam, inhoud: bytes):
    pad = map_ / naam
    pad.write_bytes(inhoud)
    return pad


def _cellen(pad):
    return [cellen for _, cellen in lees_tabel(pad).rijen]


@pytest.mark.parametrize("codering", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_supported_encoding_reads_the_same_cells(tmp_path, codering):
    pad = _schrijf(tmp_path, "k.csv", REGELS.encode(codering))
    assert _cellen(pad)[0] == {"nummer": "K1", "tekst": "De uitkering van één maand is te laat"}
    assert lees_tabel(pad).codering == codering


def test_one_stray_windows_byte_in_utf8_is_refused_with_line_and_byte(tmp_path):
    # 'financiële' typed in a Windows program and pasted into a UTF-8 file: ë is the single byte 0xEB
    inhoud = REGELS.encode("utf-8") + "K3;financiële hulp\n".encode("cp1252")
    pad = _schrijf(tmp_path, "k.csv", inhoud)
    with pytest.raises(BestandError) as fout:
        lees_tabel(pad)
    melding = str(fout.value)
    assert "regel 4, byte 0xEB op positie 11 van die regel" in melding
    assert "UTF-8" in melding and "teksteditor" in melding  # says how to fix it
    assert "Ã" not in melding and "financi" not in melding  # no mojibake, no complaint text


@pytest.mark.parametrize("blokgrootte", [16, 1723])  # 1723: the stray byte starts a block
def test_the_encoding_is_decided_on_the_whole_file_not_its_beginning(tmp_path, monkeypatch, blokgrootte):
    import klachtclassificatie.bestanden as bestanden

    monkeypatch.setattr(bestanden, "BLOKGROOTTE", blokgrootte)  # the stray byte lies blocks further
    inhoud = REGELS.encode("utf-8") * 20 + "K9;ë\n".encode("cp1252")
    with pytest.raises(BestandError, match="regel 61, byte 0xEB op positie 4 van die regel"):
        lees_tabel(_schrijf(tmp_path, "k.csv", inhoud))
    # a character cut in two by a block boundary is not a break
    assert bestanden.bepaal_codering(_schrijf(tmp_path, "goed.csv", "é".encode() * 40)) == "utf-8"


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(tmp_path):
    with pytest.raises(BestandError, match="geen UTF-8 .regel 2, byte 0x81.* ook geen Windows-1252"):
        lees_tabel(_schrijf(tmp_path, "k.csv", b"nummer;tekst\nK1;\x81\n"))


def test_an_excel_file_renamed_csv_is_read_as_excel(tmp_path):
    frame = pd.DataFrame({"nummer": ["K1"], "tekst": ["Tekst uit Excel"]})
    frame.to_excel(tmp_path / "echt.xlsx", index=False)
    pad = _schrijf(tmp_path, "hernoemd.csv", (tmp_path / "echt.xlsx").read_bytes())
    assert lees_tabel(pad).codering == "xlsx"
    assert _cellen(pad) == [{"nummer": "K1", "tekst": "Tekst uit Excel"}]


@pytest.mark.parametrize(("naam", "inhoud", "melding"), [
    ("k.csv", b"%PDF-1.7\n...", "dit is een PDF-document, geen CSV- of Excel-bestand"),
    ("k.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "ouder Office-bestand"),
    ("k.csv", b"SQLite format 3\x00" + bytes(100), "SQLite-database"),
    ("k.xlsx", b"nummer;tekst\nK1;x\n", "extensie .xlsx maar is geen Excel-bestand"),
    ("k.csv", b"\x01\x00\x00\x00\x02\x00\x03\x00\x00\x00" * 50, "binaire gegevens"),
    ("k.pdf", b"%PDF-1.7", "onbekend bestandstype '.pdf'; het is een PDF-document"),
])
def test_a_file_that_is_not_a_table_is_named_for_what_it_is(tmp_path, naam, inhoud, melding):
    with pytest.raises(BestandError, match=re.escape(melding)):
        lees_tabel(_schrijf(tmp_path, naam, inhoud))


def test_a_word_document_renamed_csv_is_called_a_word_document(tmp_path):
    import zipfile

    pad = tmp_path / "brief.csv"
    with zipfile.ZipFile(pad, "w") as archief:
        archief.writestr("word/document.xml", "<w/>")
    with pytest.raises(BestandError, match="Word-document"):
        lees_tabel(pad)


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "map.csv").mkdir()
    with pytest.raises(BestandError, match="dit is een map"):
        lees_tabel(tmp_path / "map.csv")


def test_decodeer_refuses_an_excel_file_as_text(tmp_path):
    from klachtclassificatie.bestanden import decodeer

    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "x.xlsx", index=False)
    with pytest.raises(BestandError, match="dit is een Excel-bestand, geen tekst"):
        decodeer(tmp_path / "brief.txt", (tmp_path / "x.xlsx").read_bytes())


# --- control characters and formulas: one rule for writing, undone on reading

def test_control_characters_become_line_breaks_or_disappear():
    from klachtclassificatie.bestanden import schoon

    # Word's soft line break (vertical tab) and a page break become a line break, as do \r\n and
    # \r; NUL and the other C0 controls an XLSX cannot hold are removed; tab stays.
    assert schoon("regel\x0bnieuw\x0cpagina\r\nwin\rmac") == "regel\nnieuw\npagina\nwin\nmac"
    assert schoon("a\x00b\x01c\x1fd\te\ufffe") == "abcd\te"


@pytest.mark.parametrize(("waarde", "in_csv"), [
    ("=SOM(A1:A9)", "'=SOM(A1:A9)"),
    ("+31 6 12345678", "'+31 6 12345678"),
    ("-5", "'-5"),
    ("@gemeente", "'@gemeente"),
    ("  =1+1", "'  =1+1"),
    ("\t=1+1", "'\t=1+1"),
    ("'=al beschermd", "''=al beschermd"),
    ("'s-Hertogenbosch", "'s-Hertogenbosch"),
    ("gewone tekst = prima", "gewone tekst = prima"),
])
def test_formula_like_csv_values_get_an_apostrophe_that_reading_removes(waarde, in_csv):
    from klachtclassificatie.bestanden import beschermd, onbeschermd

    assert beschermd(waarde) == in_csv
    assert onbeschermd(in_csv) == waarde


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_protection_is_undone_exactly_and_leaves_nothing_a_spreadsheet_runs(tekst):
    from klachtclassificatie.bestanden import beschermd, onbeschermd

    assert onbeschermd(beschermd(tekst)) == tekst
    assert not re.match(r"\s*[=+\-@]", beschermd(tekst))


def test_written_files_hold_no_formulas_and_read_back_unchanged(tmp_path):
    import openpyxl

    from klachtclassificatie.bestanden import schrijf_tabelbestand

    waarden = ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", " =1", "'=2", "gewoon", "regel\x0bnieuw",
               "nul\x00teken"]
    frame = pd.DataFrame({"=kop": waarden, "getal": range(len(waarden))})
    # as read: control characters cleaned, surrounding spaces stripped (as for every cell read)
    verwacht = [w.replace("\x0b", "\n").replace("\x00", "").strip() for w in waarden]
    for naam in ("uit.csv", "uit.xlsx"):
        schrijf_tabelbestand(frame, tmp_path / naam)
        tabel = lees_tabel(tmp_path / naam)
        assert tabel.kolommen == ["=kop", "getal"]
        assert [c["=kop"] for _, c in tabel.rijen] == verwacht, naam
        assert [c["getal"] for _, c in tabel.rijen] == [str(i) for i in range(len(waarden))]
    boek = openpyxl.load_workbook(tmp_path / "uit.xlsx")
    assert {c.data_type for rij in boek.active.iter_rows() for c in rij} == {"s", "n"}  # no "f"
    regels = (tmp_path / "uit.csv").read_text(encoding="utf-8-sig").splitlines()
    assert regels[0] == "'=kop;getal" and regels[1].startswith('"\'=HYPERLINK')
