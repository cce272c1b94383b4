"""The Brieven block on the complaint page and its DOCX downloads."""

import io
import re
import shutil
import warnings
from datetime import date

import docx
import pytest

from klachtclassificatie.brieven import MEDIATYPE, STANDAARD_SJABLONEN
from klachtclassificatie.fouten import BestandError
from klachtclassificatie.register import importeer
from klachtclassificatie.web.app import maak_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

VANDAAG = date(2024, 6, 12)


@pytest.fixture
def register(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="test")
    return register_pad


def _client(register, model, **opties) -> TestClient:
    app = maak_app(register, model, door="coördinator", vandaag=lambda: VANDAAG, **opties)
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


@pytest.fixture
def client(register, klein_model):
    return _client(register, klein_model)


def _brieven(pagina: str) -> str:
    return re.search(r'<section class="brieven".*?</section>', pagina, re.S).group(0)


def _tekst(inhoud: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(inhoud)).paragraphs)


def test_a_closed_complaint_offers_both_letters_before_the_audit_log(client):
    pagina = client.get("/register/klacht/T-002").text
    blok = _brieven(pagina)
    assert 'href="/register/brief/ontvangstbevestiging/T-002"' in blok
    assert 'href="/register/brief/afhandeling/T-002"' in blok
    assert pagina.index('id="brieven"') < pagina.index("<h2>Auditlog</h2>")


def test_an_open_complaint_offers_only_the_acknowledgement(client):
    blok = _brieven(client.get("/register/klacht/T-004").text)
    assert "/register/brief/ontvangstbevestiging/T-004" in blok
    assert "/register/brief/afhandeling/" not in blok
    assert "zodra de klacht is afgehandeld" in blok


def test_the_download_is_a_filled_docx_with_a_safe_file_name(client):
    antwoord = client.get("/register/brief/afhandeling/t-002")
    assert antwoord.status_code == 200
    assert antwoord.headers["content-type"] == MEDIATYPE
    assert antwoord.headers["content-disposition"] == 'attachment; filename="afhandeling-T-002.docx"'
    tekst = _tekst(antwoord.content)
    assert "Datum\t12 juni 2024" in tekst and "Ons kenmerk\tT-002" in tekst
    assert "Wij vinden uw klacht gegrond." in tekst and "uw klacht op 10 juni 2024 afgesloten" in tekst
    assert "{{" not in tekst
    tekst = _tekst(client.get("/register/brief/ontvangstbevestiging/T-004").content)
    assert "uiterlijk op 16 december 2024" in tekst


def test_refusals_are_dutch_pages(client):
    antwoord = client.get("/register/brief/afhandeling/T-004")
    assert antwoord.status_code == 400
    assert "klacht T-004 is nog niet afgehandeld" in antwoord.text
    antwoord = client.get("/register/brief/afhandeling/T-999")
    assert antwoord.status_code == 404 and "Klacht T-999 staat niet in het register." in antwoord.text
    antwoord = client.get("/register/brief/bezwaar/T-002")
    assert antwoord.status_code == 404 and "Onbekende brief &#39;bezwaar&#39;" in antwoord.text


def test_a_number_with_a_slash_gets_a_quoted_link_and_a_safe_file_name(register_pad, klein_model, tmp_path):
    bestand = tmp_path / "k.csv"
    bestand.write_text("klachtnummer,ontvangstdatum,gemeente\nK2024/7.b,2024-05-01,Houten\n", encoding="utf-8")
    importeer(register_pad, bestand, door="test")
    client = _client(register_pad, klein_model)
    assert "/register/brief/ontvangstbevestiging/K2024%2F7.b" in _brieven(client.get("/register/klacht/K2024%2F7.b").text)
    antwoord = client.get("/register/brief/ontvangstbevestiging/K2024%2F7.b")
    assert antwoord.headers["content-disposition"] == 'attachment; filename="ontvangstbevestiging-K2024-7-b.docx"'


def test_the_organisations_templates_are_used_and_a_missing_folder_refused_at_start(register, klein_model, tmp_path):
    map_ = tmp_path / "eigen"
    shutil.copytree(STANDAARD_SJABLONEN, map_)
    document = docx.Document(map_ / "ontvangstbevestiging.docx")
    document.add_paragraph("Gemeente {{gemeente}}")
    document.save(map_ / "ontvangstbevestiging.docx")
    client = _client(register, klein_model, briefsjablonen=map_)
    assert "Gemeente Lopik" in _tekst(client.get("/register/brief/ontvangstbevestiging/T-004").content)
    with pytest.raises(BestandError, match="map met sjablonen niet gevonden"):
        _client(register, klein_model, briefsjablonen=tmp_path / "nergens")


def test_klachten_web_passes_the_template_folder(register, klein_modelpad, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from klachtclassificatie.cli import app
    from klachtclassificatie.web import server

    gestart = []
    monkeypatch.setattr(server, "draai", lambda app, **kw: gestart.append(app))
    argumenten = ["web", "--register", str(register), "--model", str(klein_modelpad), "--sjablonen"]
    uitvoer = CliRunner().invoke(app, [*argumenten, str(STANDAARD_SJABLONEN)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert gestart[0].state.instellingen.briefsjablonen == STANDAARD_SJABLONEN
    uitvoer = CliRunner().invoke(app, [*argumenten, str(tmp_path / "nergens")])
    assert uitvoer.exit_code == 1 and "map met sjablonen niet gevonden" in uitvoer.output
