import pandas as pd
import pytest

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
