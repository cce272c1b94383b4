"""The review queue: batches of ten, skipping a complaint, and focus on the next one."""

import re

import pytest

from klachtclassificatie.register import Register, importeer

from .test_web import _client, _csrf

TEKSTEN = ["Mijn uitkering is niet betaald.", "De werkcoach was onbeschoft.", "Niemand belt terug over schulden."]


@pytest.fixture
def register_vol(register_pad, klachten_csv):
    """T-004 and twelve more complaints without confirmed labels: thirteen in the queue."""
    importeer(register_pad, klachten_csv, door="test")
    with Register.open(register_pad) as register:
        register.importeer_klachten(
            [{"klachtnummer": f"W-{i:02d}", "ontvangstdatum": f"2024-05-{i:02d}", "gemeente": "Lopik",
              "tekst": TEKSTEN[i % 3] + f" Zaak {i}.", "labels_bevestigd": 0} for i in range(1, 13)],
            door="test", bron="test")
    return register_pad


@pytest.fixture
def client(register_vol, klein_model):
    return _client(register_vol, klein_model)


def _kaarten(pagina: str) -> list[str]:
    return re.findall(r'<article class="kaart" id="klacht-\d+" data-klachtnummer="([^"]+)">', pagina)


def test_more_than_ten_are_reachable_in_batches(client):
    eerste = client.get("/beoordelen?volgorde=oudste").text
    assert len(_kaarten(eerste)) == 10
    assert "Klachten 1 tot en met 10 van 13." in eerste
    assert 'href="/beoordelen?vanaf=10&amp;volgorde=oudste" rel="next">Volgende 3</a>' in eerste
    tweede = client.get("/beoordelen?vanaf=10&volgorde=oudste").text
    assert _kaarten(tweede) == ["W-11", "W-12", "T-004"]  # oldest first: May, then November
    assert set(_kaarten(eerste)) | set(_kaarten(tweede)) == {f"W-{i:02d}" for i in range(1, 13)} | {"T-004"}
    assert 'rel="prev">Vorige 10</a>' in tweede
    assert _kaarten(client.get("/beoordelen?vanaf=500&volgorde=oudste").text) == _kaarten(tweede)


def test_a_confirmation_returns_to_the_batch_shown(client, register_vol):
    client.get("/beoordelen?vanaf=10&volgorde=oudste")
    antwoord = client.post("/beoordelen", data={"csrf": _csrf(client), "klachtnummer": "W-11", "volgorde": "oudste",
                                                "categorie": "bejegening", "programmaonderdeel": "Werk"})
    assert antwoord.status_code == 303
    pagina = client.get(antwoord.headers["location"]).text
    assert "Klacht W-11 bevestigd" in pagina
    assert _kaarten(pagina) == ["W-12", "T-004"]


def test_skipping_moves_a_complaint_to_the_end_and_changes_nothing(client, register_vol):
    eerste = _kaarten(client.get("/beoordelen?volgorde=oudste").text)[0]
    with Register.open(register_vol) as register:
        voor = (register.klachten().to_csv(), len(register.audit()))
    antwoord = client.post("/beoordelen/overslaan", data={"csrf": _csrf(client), "klachtnummer": eerste,
                                                           "volgorde": "oudste"})
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/beoordelen?volgorde=oudste"
    pagina = client.get(antwoord.headers["location"]).text
    assert f"Klacht {eerste} overgeslagen; die staat nu achteraan in de wachtrij." in pagina
    assert eerste not in _kaarten(pagina) and len(_kaarten(pagina)) == 10
    assert "1 overgeslagen staan achteraan" in pagina
    assert _kaarten(client.get("/beoordelen?vanaf=10&volgorde=oudste").text)[-1] == eerste
    with Register.open(register_vol) as register:
        assert (register.klachten().to_csv(), len(register.audit())) == voor
    zonder_csrf = client.post("/beoordelen/overslaan", data={"klachtnummer": eerste})
    assert zonder_csrf.status_code == 403


def test_the_first_complaint_shown_gets_the_focus(client):
    pagina = client.get("/beoordelen").text
    assert pagina.count(" autofocus") == 1
    eerste_kaart = pagina.split('<article class="kaart"')[1]
    assert re.search(r'<select name="categorie" id="categorie-1-[^"]+" autofocus>', eerste_kaart)
    assert eerste_kaart.count('action="/beoordelen/overslaan"') == 1
