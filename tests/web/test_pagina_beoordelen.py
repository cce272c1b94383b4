"""The review queue: batches of ten, skipping, focus on the next one, and never overwriting labels
confirmed after the page was shown, by any route."""

import re

import pytest

from klachtclassificatie.register import Register, importeer

from .conftest import _client, _csrf, _toestand

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


@pytest.fixture
def client_klein(register_klein, klein_model):
    return _client(register_klein, klein_model)


def _kaart(client, nummer="T-004") -> dict:
    """The confirmation form of one complaint as the queue page shows it."""
    pagina = client.get("/beoordelen").text
    blok = pagina.split(f'data-klachtnummer="{nummer}"')[1].split("</form>")[0]
    velden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', blok))
    return {**velden, "categorie": "bejegening", "programmaonderdeel": "Werk"}


def test_labels_confirmed_by_an_import_after_the_page_was_shown_stay(client_klein, register_klein, tmp_path):
    formulier = _kaart(client_klein)
    assert formulier["getoond"].isdigit()
    bestand = tmp_path / "labels.csv"
    bestand.write_text("klachtnummer,ontvangstdatum,gemeente,categorie,programmaonderdeel,labels_bevestigd\n"
                       "T-004,2024-11-02,Lopik,afhandelingsduur,SHV,ja\n", encoding="utf-8")
    importeer(register_klein, bestand, door="importeur")
    voor = _toestand(register_klein)
    antwoord = client_klein.post("/beoordelen", data=formulier)
    assert antwoord.status_code == 409
    assert re.search(r"Niet opgeslagen: klacht T-004 is intussen al bevestigd door importeur op "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(via import labels.csv\)", antwoord.text)
    assert _toestand(register_klein) == voor


def test_labels_confirmed_with_the_cli_after_the_page_was_shown_stay(client_klein, register_klein):
    formulier = _kaart(client_klein)
    with Register.open(register_klein) as register:  # as `klachten beoordeel` confirms
        register.bevestig("T-004", {"categorie": "afhandelingsduur", "programmaonderdeel": "SHV"}, door="anna",
                          bron="beoordeel")
    antwoord = client_klein.post("/beoordelen", data=formulier)
    assert antwoord.status_code == 409 and "al bevestigd door anna op" in antwoord.text
    assert "(via beoordeel)" in antwoord.text
    with Register.open(register_klein) as register:
        assert register.rij("T-004")["categorie"] == "afhandelingsduur"


def test_a_form_without_the_state_shown_does_not_overwrite_confirmed_labels(client_klein, register_klein):
    formulier = {**_kaart(client_klein), "getoond": ""}
    with Register.open(register_klein) as register:
        register.bevestig("T-004", {"categorie": "afhandelingsduur", "programmaonderdeel": "SHV"}, door="anna",
                          bron="beoordeel")
    assert client_klein.post("/beoordelen", data=formulier).status_code == 409


def test_a_new_suggestion_meanwhile_does_not_block_the_confirmation(client_klein, register_klein):
    formulier = _kaart(client_klein)
    with Register.open(register_klein) as register:  # another model suggests other labels: still unconfirmed
        register.zet_suggesties([{"klachtnummer": "T-004", **{
            doel: {"label": label, "kans": 0.6, "tweede": None, "kans_tweede": 0.2, "zeker": False}
            for doel, label in (("categorie", "afhandelingsduur"), ("programmaonderdeel", "SHV"))}}],
            model_versie="ander", door="test")
        assert register.rij("T-004")["categorie"] == "afhandelingsduur"
    antwoord = client_klein.post("/beoordelen", data={**formulier, "csrf": _csrf(client_klein)})
    assert antwoord.status_code == 303
    with Register.open(register_klein) as register:
        assert register.rij("T-004")["categorie"] == "bejegening"
