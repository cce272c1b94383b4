"""Every error gets a Dutch page: ours, Starlette's (Host header, body size, bad form) and crashes."""

import re
import warnings

import pytest

from klachtclassificatie.web import pagina_model
from klachtclassificatie.web.app import maak_app
from klachtclassificatie.web.foutpaginas import MAX_VERZOEK

from .conftest import VANDAAG, _csrf, _nieuw, _toestand

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ENGELS = re.compile(r"Content Too Large|Not Found|Method Not Allowed|Invalid host header|Internal Server Error|"
                    r"Bad Request|Missing boundary", re.I)


def _nederlands(antwoord, status: int, tekst: str) -> None:
    assert antwoord.status_code == status
    assert antwoord.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in antwoord.text and tekst in antwoord.text
    assert not ENGELS.search(antwoord.text), antwoord.text


def test_a_body_over_1_mb_gets_a_dutch_page_and_nothing_is_stored(client, register_klein):
    voor = _toestand(register_klein)
    groot = {**_nieuw(tekst="klacht " * (MAX_VERZOEK // 6)), "csrf": _csrf(client)}
    _nederlands(client.post("/nieuw", data=groot), 413, "Wat u verstuurde is te groot (meer dan 1 MB)")
    assert _toestand(register_klein) == voor


def test_a_large_body_without_length_is_cut_off_with_the_same_page(client, register_klein):
    voor = _toestand(register_klein)
    csrf = _csrf(client)

    def stukken():  # sent chunked: no Content-Length to refuse it by
        yield f"csrf={csrf}&actie=opslaan&tekst=".encode()
        for _ in range(MAX_VERZOEK // 10_000 + 2):
            yield b"x" * 10_000

    antwoord = client.post("/nieuw", content=stukken(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    _nederlands(antwoord, 413, "te groot")
    assert "content-length" not in {k.lower() for k in antwoord.request.headers}
    assert _toestand(register_klein) == voor


@pytest.mark.parametrize(("methode", "pad", "status", "tekst"), [
    ("GET", "/bestaat-niet", 404, "Deze pagina bestaat niet."),
    ("GET", "/static/bestaat-niet.css", 404, "Deze pagina bestaat niet."),
    ("GET", "/register/klacht/T-999", 404, "Klacht T-999 staat niet in het register."),
    ("GET", "/uitloggen", 405, "Deze actie kan hier niet."),
    ("DELETE", "/register", 405, "Deze actie kan hier niet."),
])
def test_not_found_and_method_not_allowed_are_dutch(client, methode, pad, status, tekst):
    _nederlands(client.request(methode, pad), status, tekst)


def test_a_form_starlette_cannot_read_gets_a_dutch_page(client):
    antwoord = client.post("/nieuw", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    _nederlands(antwoord, 400, "Deze aanvraag klopt niet.")


def test_a_foreign_host_name_gets_a_dutch_page(register_klein, klein_model):
    app = maak_app(register_klein, klein_model, vandaag=lambda: VANDAAG)
    antwoord = TestClient(app, base_url="http://aanvaller.example").get("/nieuw")
    _nederlands(antwoord, 400, "Deze aanvraag klopt niet.")
    assert "script-src 'none'" in antwoord.headers["content-security-policy"]


def test_a_crash_gets_a_dutch_page_without_details(register_klein, klein_model, monkeypatch):
    def stuk(request):
        raise RuntimeError("geheime details uit de server")

    monkeypatch.setattr(pagina_model, "_model", stuk)
    app = maak_app(register_klein, klein_model, vandaag=lambda: VANDAAG)
    antwoord = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False).get("/model")
    _nederlands(antwoord, 500, "De webapp kon deze pagina niet maken.")
    assert "geheime details" not in antwoord.text
