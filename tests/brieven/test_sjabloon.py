import docx
import pytest
from docx.oxml import OxmlElement

from klachtclassificatie.brieven._sjabloon import als_bytes, open_sjabloon, vul_in
from klachtclassificatie.fouten import BestandError

from .conftest import tekst_van

WAARDEN = {"klachtnummer": "K2026-901", "uiterste_datum": "12 november 2026", "bevindingen": "Regel 1\nRegel 2"}


def _vul(document, tmp_path):
    vul_in(document, WAARDEN, pad=tmp_path / "brief.docx", soort="ontvangstbevestiging")
    return tekst_van(als_bytes(document))


def test_a_placeholder_split_over_runs_is_filled_with_the_format_of_its_first_run(tmp_path):
    document = docx.Document()
    alinea = document.add_paragraph()
    alinea.add_run("Nummer {{klacht")
    alinea.add_run("nummer}}, uiterlijk ").bold = True
    alinea.add_run("{{ Uiterste")
    alinea.add_run(" datum }}").italic = True
    alinea.add_run(".")
    assert _vul(document, tmp_path).strip() == "Nummer K2026-901, uiterlijk 12 november 2026."
    runs = alinea.runs
    assert [r.text for r in runs] == ["Nummer K2026-901", ", uiterlijk ", "12 november 2026", "", "."]
    assert runs[1].bold and not runs[0].bold


def test_tables_headers_footers_and_line_breaks_are_filled(tmp_path):
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Kenmerk {{klachtnummer}}"
    document.sections[0].header.paragraphs[0].text = "Klacht {{klachtnummer}}"
    document.sections[0].footer.paragraphs[0].text = "{{klachtnummer}} / {{klachtnummer}}"
    document.add_paragraph("{{bevindingen}}")
    tekst = _vul(document, tmp_path)
    assert "Kenmerk K2026-901" in tekst and "Klacht K2026-901" in tekst and "K2026-901 / K2026-901" in tekst
    assert "Regel 1\nRegel 2" in tekst
    assert "{{" not in tekst


def test_an_unknown_placeholder_is_named_with_the_template(tmp_path):
    document = docx.Document()
    document.add_paragraph("Geachte {{naam_klager}}, {{klachtnummer}} {{}}")
    with pytest.raises(BestandError) as fout:
        _vul(document, tmp_path)
    assert str(fout.value).startswith(f"{tmp_path / 'brief.docx'}: onbekende plaatshouder {{{{naam_klager}}}}, {{{{}}}} ")
    assert "wel te gebruiken: {{klachtnummer}}, {{uiterste_datum}}" in str(fout.value)


@pytest.mark.parametrize("tekst", ["Nummer {{klachtnummer", "Nummer klachtnummer}}"])
def test_an_unclosed_placeholder_is_refused(tmp_path, tekst):
    document = docx.Document()
    document.add_paragraph(tekst)
    with pytest.raises(BestandError, match="brief.docx: een {{ of }} zonder tegenhanger bij 'Nummer"):
        _vul(document, tmp_path)


def test_a_placeholder_inside_a_hyperlink_is_refused_not_left_behind(tmp_path):
    document = docx.Document()
    alinea = document.add_paragraph("Zie ")
    koppeling = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    tekst = OxmlElement("w:t")
    tekst.text = "{{klachtnummer}}"
    run.append(tekst)
    koppeling.append(run)
    alinea._p.append(koppeling)
    assert alinea.text == "Zie {{klachtnummer}}"
    with pytest.raises(BestandError, match="plaatshouder {{klachtnummer}} staat in een koppeling, veld of bijgehouden"):
        _vul(document, tmp_path)


def test_a_missing_template_is_named(tmp_path):
    with pytest.raises(BestandError, match=r"afhandeling.docx: sjabloon niet gevonden"):
        open_sjabloon(tmp_path / "afhandeling.docx")


@pytest.mark.parametrize("inhoud", [b"geen Word-document", b"PK\x03\x04kapot", b""])
def test_a_damaged_template_is_named(tmp_path, inhoud):
    pad = tmp_path / "afhandeling.docx"
    pad.write_bytes(inhoud)
    with pytest.raises(BestandError, match=r"afhandeling.docx: geen bruikbaar Word-document"):
        open_sjabloon(pad)


def test_a_template_without_placeholders_passes_unchanged(tmp_path):
    document = docx.Document()
    document.add_paragraph("Een vaste tekst met [in te vullen] velden.")
    assert _vul(document, tmp_path).strip() == "Een vaste tekst met [in te vullen] velden."


def test_a_fill_in_field_the_tool_puts_in_gets_a_yellow_background(tmp_path):
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document()
    alinea = document.add_paragraph()
    alinea.add_run("Door {{behandelaar}}, ook {{ behandelaar }}.").bold = True
    vul_in(document, {"behandelaar": "[naam behandelaar]"}, pad=tmp_path / "b.docx", soort="ontvangstbevestiging")
    runs = [(r.text, r.bold, r.font.highlight_color) for r in alinea.runs]
    geel = WD_COLOR_INDEX.YELLOW
    assert runs == [("Door ", True, None), ("[naam behandelaar]", True, geel), (", ook ", True, None),
                    ("[naam behandelaar]", True, geel), (".", True, None)]


def test_a_value_with_braces_is_filled_in_as_it_is(tmp_path):
    document = docx.Document()
    document.add_paragraph("{{bevindingen}}")
    vul_in(document, {"bevindingen": "Klager schreef {{ en }}."}, pad=tmp_path / "b.docx", soort="afhandeling")
    assert document.paragraphs[0].text == "Klager schreef {{ en }}."
