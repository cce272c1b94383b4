"""Renderings of the annual report: Markdown, JSON, XLSX, HTML with charts."""

import json
import re

import openpyxl

from klachtclassificatie.jaarverslag import (
    als_html,
    als_json,
    als_markdown,
    maak_jaarverslag,
    schrijf_xlsx,
    staafdiagram_svg,
    tabellen,
)
from klachtclassificatie.register import laad_klachten

from ..conftest import PROJECTMAP


def _verslag_2024():
    return maak_jaarverslag(laad_klachten(PROJECTMAP / "data" / "demo" / "register-demo.csv"), 2024)


def test_markdown_and_json_carry_the_same_cells():
    verslag = _verslag_2024()
    markdown = als_markdown(verslag)
    gegevens = json.loads(als_json(verslag))
    assert "| Werk | 18 | 2 | 0 | 20 |" in markdown
    assert "| Totaal | 31 | 15 | 1 | 47 |" in markdown
    assert gegevens["per_programmaonderdeel"]["Werk"] == {
        "bejegening": 18, "informatie/nalatigheid": 2, "afhandelingsduur": 0}
    for titel in tabellen(verslag):
        assert f"## {titel}" in markdown


def test_xlsx_has_a_sheet_per_table_and_no_temporary_file(tmp_path):
    verslag = _verslag_2024()
    pad = tmp_path / "verslag.xlsx"
    schrijf_xlsx(verslag, pad)
    boek = openpyxl.load_workbook(pad)
    assert len(boek.sheetnames) >= len(tabellen(verslag))
    assert [p.name for p in tmp_path.iterdir()] == ["verslag.xlsx"]


def test_html_is_self_contained_with_a_chart_per_table():
    verslag = _verslag_2024()
    html = als_html(verslag)
    assert html.count("<svg") == len(tabellen(verslag))
    # nothing is fetched when the file is opened: no external stylesheets, images or scripts
    assert not re.search(r'(?:src|href)="https?:', html)


def test_a_chart_has_a_bar_per_row():
    titel, frame = next(iter(tabellen(_verslag_2024()).items()))
    assert staafdiagram_svg(titel, frame).count("<rect") >= 1


def test_charts_have_a_text_alternative_and_share_no_id():
    verslag = _verslag_2024()
    html = als_html(verslag)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 0, [i for i in set(ids) if ids.count(i) > 1][:5]
    for titel, frame in tabellen(verslag).items():
        svg = staafdiagram_svg(titel, frame, sleutel="g1")
        assert svg.startswith("<svg") and ' role="img" aria-labelledby="g1-titel g1-beschrijving"' in svg
        assert f'<title id="g1-titel">{titel}</title>' in svg
        assert "De getallen staan in de tabel." in svg
        eigen = set(re.findall(r'\bid="([^"]+)"', svg))
        assert all(i.startswith("g1-") for i in eigen)
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= eigen  # every reference stays inside the chart


def test_xlsx_writes_a_summary_that_looks_like_a_formula_as_text(tmp_path):
    verslag = _verslag_2024()
    verslag.gegronde_samenvattingen = [{"samenvatting": "=HYPERLINK(\"http://x\")\x0b", "resultaat": "gegrond",
                                        "klachtnummer": "K1"}]
    schrijf_xlsx(verslag, tmp_path / "v.xlsx")
    boek = openpyxl.load_workbook(tmp_path / "v.xlsx")
    assert not [c for blad in boek for rij in blad.iter_rows() for c in rij if c.data_type == "f"]
    waarden = [c.value for blad in boek for rij in blad.iter_rows() for c in rij]
    assert '=HYPERLINK("http://x")\n (gegrond, K1)' in waarden
