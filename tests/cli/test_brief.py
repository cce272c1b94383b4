import io

import docx
import pytest
from typer.testing import CliRunner

from klachtclassificatie.brieven import STANDAARD_SJABLONEN
from klachtclassificatie.cli import app
from klachtclassificatie.register import importeer

runner = CliRunner()


@pytest.fixture
def register(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="test")
    return register_pad


def _brief(*argumenten):
    return runner.invoke(app, ["brief", *map(str, argumenten)])


def _tekst(pad) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(pad.read_bytes())).paragraphs)


def test_the_acknowledgement_is_written_under_a_name_from_the_klachtnummer(register, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uitvoer = _brief("ontvangstbevestiging", "t-004", "--register", register)
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "ontvangstbevestiging-T-004.docx: ontvangstbevestiging voor klacht T-004" in uitvoer.output
    tekst = _tekst(tmp_path / "ontvangstbevestiging-T-004.docx")
    assert "Ons kenmerk\tT-004" in tekst and "uiterlijk op 16 december 2024" in tekst
    assert "{{" not in tekst


def test_the_afhandeling_goes_to_the_file_given_and_is_not_overwritten_without_asking(register, tmp_path):
    doel = tmp_path / "brief.docx"
    assert _brief("afhandeling", "T-002", "--register", register, "--uit", doel).exit_code == 0
    assert "Wij vinden uw klacht gegrond." in _tekst(doel)
    doel.write_bytes(b"al ingevuld")
    uitvoer = _brief("afhandeling", "T-002", "--register", register, "--uit", doel)
    assert uitvoer.exit_code == 1
    assert f"Fout: {doel}: bestaat al" in uitvoer.output and "--overschrijf" in uitvoer.output
    assert doel.read_bytes() == b"al ingevuld"
    assert _brief("afhandeling", "T-002", "--register", register, "--uit", doel, "--overschrijf").exit_code == 0
    assert "gegrond" in _tekst(doel)


@pytest.mark.parametrize(("argumenten", "melding"), [
    (["afhandeling", "T-999"], "Fout: klacht T-999 staat niet in het register"),
    (["afhandeling", "T-004"], "Fout: klacht T-004 is nog niet afgehandeld (afhandeldatum en resultaat ontbreken)"),
    (["ontvangstbevestiging", "T-004", "--sjablonen", "{map}/nergens"], "nergens: map met sjablonen niet gevonden"),
    (["ontvangstbevestiging", "T-004", "--uit", "{map}/geen/map/brief.docx"], "geen/map bestaat niet"),
])
def test_refusals_are_one_dutch_line_and_write_nothing(register, tmp_path, monkeypatch, argumenten, melding):
    monkeypatch.chdir(tmp_path)
    argumenten = [a.format(map=tmp_path) for a in argumenten]
    uitvoer = _brief(*argumenten, "--register", register)
    assert uitvoer.exit_code == 1
    assert melding.format(map=tmp_path) in uitvoer.output
    assert len(uitvoer.output.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.docx"))


def test_a_damaged_or_edited_template_in_the_organisations_folder_is_named(register, tmp_path, monkeypatch):
    map_ = tmp_path / "eigen"
    map_.mkdir()
    (map_ / "afhandeling.docx").write_bytes(b"geen docx")
    monkeypatch.setenv("KLACHTEN_SJABLONEN", str(map_))
    uitvoer = _brief("afhandeling", "T-002", "--register", register, "--uit", tmp_path / "a.docx")
    assert uitvoer.exit_code == 1
    assert f"{map_ / 'afhandeling.docx'}: geen bruikbaar Word-document" in uitvoer.output
    document = docx.Document(STANDAARD_SJABLONEN / "afhandeling.docx")
    document.add_paragraph("Met {{naam klager}}")
    document.save(map_ / "afhandeling.docx")
    uitvoer = _brief("afhandeling", "T-002", "--register", register, "--uit", tmp_path / "a.docx")
    assert uitvoer.exit_code == 1
    assert "afhandeling.docx: onbekende plaatshouder {{naam klager}} in het sjabloon voor de afhandeling" in uitvoer.output
    assert not (tmp_path / "a.docx").exists()
