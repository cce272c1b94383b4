"""The new-complaint form: one complaint per form, and the register's rules for every value."""

import re

import pytest

from klachtclassificatie.register import Register, lees_velden

from .conftest import VANDAAG, _csrf, _nieuw, _toestand


def _sleutel(client) -> str:
    return re.search(r'name="formuliersleutel" value="([^"]+)"', client.get("/nieuw").text).group(1)


@pytest.mark.parametrize("klachtnummer", ["", "K-DUBBEL-1"])
def test_a_form_sent_twice_makes_one_complaint(client, register_klein, klachtnummer):
    velden = {**_nieuw(klachtnummer=klachtnummer), "csrf": _csrf(client), "formuliersleutel": _sleutel(client)}
    eerste = client.post("/nieuw", data=velden)
    tweede = client.post("/nieuw", data=velden)  # a double click, or sent again after Back
    assert eerste.status_code == tweede.status_code == 303
    assert eerste.headers["location"] == tweede.headers["location"]
    nummer = eerste.headers["location"].rsplit("/", 1)[1]
    assert nummer == (klachtnummer or "K2024-001")
    assert (f"Dit formulier was al verstuurd en is toen opgeslagen als klacht {nummer}; er is niets dubbel "
            "opgeslagen.") in client.get(tweede.headers["location"]).text
    with Register.open(register_klein) as register:
        assert register.aantal() == 5
    # a new form has a new key and makes a new complaint
    nog_een = client.post("/nieuw", data={**velden, "klachtnummer": "", "formuliersleutel": _sleutel(client)})
    assert nog_een.headers["location"] != eerste.headers["location"]


def test_the_key_survives_asking_for_suggestions(client):
    sleutel = _sleutel(client)
    pagina = client.post("/nieuw", data={**_nieuw(actie="suggesties"), "csrf": _csrf(client),
                                         "formuliersleutel": sleutel}).text
    assert f'name="formuliersleutel" value="{sleutel}"' in pagina


@pytest.mark.parametrize(("veld", "waarde"), [
    ("klachtnummer", "abc def"),
    ("klachtnummer", "=1+1"),
    ("klachtnummer", "<b>K1</b>"),
    ("klachtnummer", "K" * 41),
    ("klantnummer", "=1+1"),
    ("klantnummer", "12 34"),
    ("klantnummer", "<script>"),
    ("ontvangstdatum", "1900-01-01"),
    ("ontvangstdatum", "2024-06-13"),
])
def test_the_form_refuses_what_an_import_refuses_with_the_same_message(client, register_klein, veld, waarde):
    voor = _toestand(register_klein)
    antwoord = client.post("/nieuw", data={**_nieuw(**{veld: waarde}), "csrf": _csrf(client)})
    assert antwoord.status_code == 400
    _, fouten = lees_velden({veld: waarde}, vandaag=VANDAAG)  # the register's rule, as the import uses it
    verwacht = fouten[veld][:1].upper() + fouten[veld][1:]
    gevonden = re.search(rf'<p class="veldfout" id="fout-{veld}">([^<]*)</p>', antwoord.text).group(1)
    assert gevonden == verwacht.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;").replace('"', "&#34;")
    assert _toestand(register_klein) == voor


def test_a_klachtnummer_is_normalised_and_unique_without_regard_to_case(client, register_klein):
    dubbel = client.post("/nieuw", data={**_nieuw(klachtnummer=" t-001\u200b"), "csrf": _csrf(client)})
    assert dubbel.status_code == 400
    assert "Klachtnummer t-001 staat al in het register (als T-001)" in dubbel.text
    nieuw = client.post("/nieuw", data={**_nieuw(klachtnummer=" K2024-x9\u200b "), "csrf": _csrf(client)})
    assert nieuw.headers["location"] == "/register/klacht/K2024-x9"
