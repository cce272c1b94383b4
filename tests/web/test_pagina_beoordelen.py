"""The review queue never overwrites labels confirmed after the page was shown, by any route."""

import re

import pytest

from klachtclassificatie.register import Register, importeer

from .test_web import _client, _csrf, _toestand


@pytest.fixture
def register_klein(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="test")
    return register_pad


@pytest.fixture
def client(register_klein, klein_model):
    return _client(register_klein, klein_model)


def _kaart(client, nummer="T-004") -> dict:
    """The confirmation form of one complaint as the queue page shows it."""
    pagina = client.get("/beoordelen").text
    blok = pagina.split(f'data-klachtnummer="{nummer}"')[1].split("</form>")[0]
    velden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', blok))
    return {**velden, "categorie": "bejegening", "programmaonderdeel": "Werk"}


def test_labels_confirmed_by_an_import_after_the_page_was_shown_stay(client, register_klein, tmp_path):
    formulier = _kaart(client)
    assert formulier["getoond"].isdigit()
    bestand = tmp_path / "labels.csv"
    bestand.write_text("klachtnummer,ontvangstdatum,gemeente,categorie,programmaonderdeel,labels_bevestigd\n"
                       "T-004,2024-11-02,Lopik,afhandelingsduur,SHV,ja\n", encoding="utf-8")
    importeer(register_klein, bestand, door="importeur")
    voor = _toestand(register_klein)
    antwoord = client.post("/beoordelen", data=formulier)
    assert antwoord.status_code == 409
    assert re.search(r"Niet opgeslagen: klacht T-004 is intussen al bevestigd door importeur op "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(via import labels.csv\)", antwoord.text)
    assert _toestand(register_klein) == voor


def test_labels_confirmed_with_the_cli_after_the_page_was_shown_stay(client, register_klein):
    formulier = _kaart(client)
    with Register.open(register_klein) as register:  # as `klachten beoordeel` confirms
        register.bevestig("T-004", {"categorie": "afhandelingsduur", "programmaonderdeel": "SHV"}, door="anna",
                          bron="beoordeel")
    antwoord = client.post("/beoordelen", data=formulier)
    assert antwoord.status_code == 409 and "al bevestigd door anna op" in antwoord.text
    assert "(via beoordeel)" in antwoord.text
    with Register.open(register_klein) as register:
        assert register.rij("T-004")["categorie"] == "afhandelingsduur"


def test_a_form_without_the_state_shown_does_not_overwrite_confirmed_labels(client, register_klein):
    formulier = {**_kaart(client), "getoond": ""}
    with Register.open(register_klein) as register:
        register.bevestig("T-004", {"categorie": "afhandelingsduur", "programmaonderdeel": "SHV"}, door="anna",
                          bron="beoordeel")
    assert client.post("/beoordelen", data=formulier).status_code == 409


def test_a_new_suggestion_meanwhile_does_not_block_the_confirmation(client, register_klein):
    formulier = _kaart(client)
    with Register.open(register_klein) as register:  # another model suggests other labels: still unconfirmed
        register.zet_suggesties([{"klachtnummer": "T-004", **{
            doel: {"label": label, "kans": 0.6, "tweede": None, "kans_tweede": 0.2, "zeker": False}
            for doel, label in (("categorie", "afhandelingsduur"), ("programmaonderdeel", "SHV"))}}],
            model_versie="ander", door="test")
        assert register.rij("T-004")["categorie"] == "afhandelingsduur"
    antwoord = client.post("/beoordelen", data={**formulier, "csrf": _csrf(client)})
    assert antwoord.status_code == 303
    with Register.open(register_klein) as register:
        assert register.rij("T-004")["categorie"] == "bejegening"
