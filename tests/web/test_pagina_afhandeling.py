"""The handling forms on the complaint page, with Starlette's test client."""

import re
from datetime import date

import pytest

from klachtclassificatie.register import Register, uiterste_datum

from .conftest import _client, _toestand

#: T-004 (received 2024-11-02, open) is due on Monday 2024-12-16.
IN_DECEMBER = date(2024, 12, 2)
T004 = "/register/klacht/T-004"


@pytest.fixture
def client(register_klein, klein_model):
    return _client(register_klein, klein_model, vandaag=lambda: IN_DECEMBER)


def _formulier(client, actie: str, pad: str = T004) -> dict:
    """The fields of one form on the complaint page as the browser would send them, unchanged."""
    pagina = client.get(pad).text
    blok = pagina.split(f'id="form-{actie}"')[1].split("</form>")[0]
    velden = dict(re.findall(r'<input type="(?:hidden|text|date|number)" (?:id="[^"]*" )?name="([^"]+)" '
                             r'value="([^"]*)"', blok))
    for naam, opties in re.findall(r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', blok, re.S):
        gekozen = re.search(r"<option selected>([^<]*)</option>", opties)
        velden[naam] = gekozen.group(1) if gekozen else ""
    if (tekst := re.search(r'<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', blok)) is not None:
        velden[tekst.group(1)] = tekst.group(2)
    return velden


def _rij(pad, nummer="T-004"):
    with Register.open(pad) as register:
        return register.rij(nummer)


def _veldfout(pagina: str, veld: str) -> str:
    gevonden = re.search(rf'<p class="veldfout" id="fout-{veld}">([^<]*)</p>', pagina)
    assert gevonden, pagina
    return gevonden.group(1)


def test_the_page_shows_the_four_forms_and_the_remaining_term(client):
    pagina = client.get(T004).text
    for actie in ("afhandelen", "wijzigen", "verlengen", "opschorten"):
        assert f'id="form-{actie}"' in pagina
    assert 'id="afhandeling"' in pagina
    assert "Open: op tijd (nog 14 dagen). De termijn loopt tot en met 2024-12-16." in pagina
    gesloten = client.get("/register/klacht/T-002").text  # closed 2024-06-10, due 2024-06-14
    assert "Afgehandeld op 2024-06-10, binnen de termijn." in gesloten
    assert "Afhandeling corrigeren" in gesloten


def test_a_late_complaint_says_the_term_has_passed(register_klein, klein_model):
    pagina = _client(register_klein, klein_model, vandaag=lambda: date(2024, 12, 19)).get(T004).text
    assert "Open: te laat (3 dagen te laat). De termijn is verstreken op 2024-12-16." in pagina


def test_termijnbewaking_links_each_open_complaint_to_the_form(client):
    pagina = client.get("/register/termijnen").text
    assert '<a href="/register/klacht/T-004#afhandeling"' in pagina


def test_closing_in_the_browser_stores_audits_and_redirects_with_a_message(client, register_klein):
    velden = {**_formulier(client, "afhandelen"), "afhandeldatum": "2024-11-29", "resultaat": "gegrond",
              "samenvatting": "Brief\r\nonvoldoende uitgelegd; excuses.", "behandelaar": "P. de Vries"}
    antwoord = client.post(T004, data=velden)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == T004
    pagina = client.get(T004).text
    assert "Klacht T-004 is afgehandeld op 2024-11-29: gegrond." in pagina
    assert "Afgehandeld op 2024-11-29, binnen de termijn." in pagina
    rij = _rij(register_klein)
    assert (rij["afhandeldatum"], rij["resultaat"], rij["behandelaar"]) == ("2024-11-29", "gegrond", "P. de Vries")
    assert rij["samenvatting"] == "Brief\nonvoldoende uitgelegd; excuses."
    with Register.open(register_klein) as register:
        audit = register.audit("T-004").query("bron == 'webapp afhandelen'")
    assert set(audit["veld"]) == {"afhandeldatum", "resultaat", "samenvatting", "behandelaar"}
    assert set(audit["door"]) == {"coördinator"}


@pytest.mark.parametrize(("waarden", "veld", "melding"), [
    ({"afhandeldatum": "2024-11-01"}, "afhandeldatum", "Afhandeldatum ligt vóór de ontvangstdatum"),
    ({"afhandeldatum": "2024-12-03"}, "afhandeldatum", "Datum 2024-12-03 ligt in de toekomst (vandaag is 2024-12-02)"),
    ({"afhandeldatum": "1900-01-01"}, "afhandeldatum", "Datum 1900-01-01 ligt vóór 2000-01-01"),
    ({"resultaat": ""}, "resultaat", "Resultaat is verplicht"),
    ({"samenvatting": "  "}, "samenvatting", "Samenvatting van de bevindingen ontbreekt"),
    ({"procedure": "snel"}, "procedure", "Onbekende procedure 'snel'"),
])
def test_a_wrong_closing_gets_a_message_at_its_field_and_changes_nothing(client, register_klein, waarden, veld,
                                                                         melding):
    velden = {**_formulier(client, "afhandelen"), "afhandeldatum": "2024-11-29", "resultaat": "gegrond",
              "samenvatting": "Excuses gemaakt.", **waarden}
    voor = _toestand(register_klein)
    antwoord = client.post(T004, data=velden)
    assert antwoord.status_code == 400
    assert _veldfout(antwoord.text, veld).startswith(melding.replace("'", "&#39;"))
    assert 'role="alert">Niet opgeslagen: klacht T-004 niet afgehandeld' in antwoord.text
    assert "Excuses gemaakt." in antwoord.text or veld == "samenvatting"  # what was typed stays
    assert _toestand(register_klein) == voor


def test_changing_fields_sends_only_what_the_person_changed(client, register_klein):
    velden = _formulier(client, "wijzigen")
    assert velden["getoond_kanaal"] == velden["kanaal"] == "brief"
    with Register.open(register_klein) as register:  # someone else changes the channel meanwhile
        register.werk_klacht_bij("T-004", lambda oud: {"kanaal": "telefoon"}, door="collega", bron="test")
    antwoord = client.post(T004, data={**velden, "behandelaar": "Anna", "procedure": "formeel"})
    assert antwoord.status_code == 303
    assert "Klacht T-004 is gewijzigd: procedure, behandelaar." in client.get(T004).text
    rij = _rij(register_klein)
    assert (rij["behandelaar"], rij["procedure"], rij["kanaal"]) == ("Anna", "formeel", "telefoon")
    assert "Er is niets gewijzigd aan klacht T-004" in client.get(
        client.post(T004, data=_formulier(client, "wijzigen")).headers["location"]).text


@pytest.mark.parametrize(("waarden", "veld", "melding"), [
    ({"klantnummer": "=1+1"}, "klantnummer", "Ongeldig klantnummer &#39;=1+1&#39;"),
    ({"klantnummer": "<b>12</b>"}, "klantnummer", "Ongeldig klantnummer &#39;&lt;b&gt;12&lt;/b&gt;&#39;"),
    ({"ontvangstdatum": "1900-01-01"}, "ontvangstdatum", "Datum 1900-01-01 ligt vóór 2000-01-01"),
    ({"gemeente": ""}, "gemeente", "Verplichte waarde ontbreekt"),
])
def test_a_wrong_change_is_refused_by_the_register_rules(client, register_klein, waarden, veld, melding):
    voor = _toestand(register_klein)
    antwoord = client.post(T004, data={**_formulier(client, "wijzigen"), "behandelaar": "Anna", **waarden})
    assert antwoord.status_code == 400
    assert _veldfout(antwoord.text, veld).startswith(melding)
    assert _toestand(register_klein) == voor


def test_extending_works_once(client, register_klein):
    verlengen = _formulier(client, "verlengen")
    antwoord = client.post(T004, data=verlengen)
    assert antwoord.status_code == 303
    nieuw = uiterste_datum(date(2024, 11, 2), verlenging=True, opschorting_dagen=0)
    assert f"met vier weken verlengd; de uiterste datum is nu {nieuw.isoformat()}." in client.get(T004).text
    voor = _toestand(register_klein)
    tweede = client.post(T004, data=verlengen)  # the same form again, e.g. after Back
    assert tweede.status_code == 400
    assert _veldfout(tweede.text, "verlenging").startswith("Deze klacht is al verlengd")
    assert _toestand(register_klein) == voor
    with Register.open(register_klein) as register:
        assert register.audit("T-004").query("bron == 'webapp verlengen'")["veld"].tolist() == ["verlenging"]


def test_suspending_needs_consent_and_a_form_sent_twice_adds_nothing(client, register_klein):
    opschorten = _formulier(client, "opschorten")
    voor = _toestand(register_klein)
    zonder = client.post(T004, data={**opschorten, "dagen": "14"})
    assert zonder.status_code == 400
    assert _veldfout(zonder.text, "toestemming").startswith("Opschorten mag alleen met toestemming van de klager")
    onzin = client.post(T004, data={**opschorten, "dagen": "twee weken", "toestemming": "ja"})
    assert _veldfout(onzin.text, "dagen").startswith("&#39;twee weken&#39; is geen geheel aantal dagen")
    assert _toestand(register_klein) == voor

    assert client.post(T004, data={**opschorten, "dagen": "14", "toestemming": "ja"}).status_code == 303
    assert "14 dagen opgeschort met toestemming van de klager" in client.get(T004).text
    assert _rij(register_klein)["opschorting_dagen"] == 14
    nogmaals = client.post(T004, data={**opschorten, "dagen": "14", "toestemming": "ja"})
    assert nogmaals.status_code == 400
    assert "De opschorting is intussen gewijzigd van 0 naar 14 dagen" in _veldfout(nogmaals.text, "dagen")
    assert _rij(register_klein)["opschorting_dagen"] == 14
    with Register.open(register_klein) as register:
        [bron] = set(register.audit("T-004").query("veld == 'opschorting_dagen' and door == 'coördinator'")["bron"])
    assert bron == "webapp opschorten (met toestemming van de klager)"


def test_an_unknown_action_or_complaint_changes_nothing(client, register_klein):
    velden = _formulier(client, "verlengen")
    voor = _toestand(register_klein)
    antwoord = client.post(T004, data={**velden, "actie": "verwijderen"})
    assert antwoord.status_code == 400 and "Onbekende actie voor deze klacht" in antwoord.text
    onbekend = client.post("/register/klacht/T-999", data=velden)
    assert onbekend.status_code == 400 and "klacht T-999 staat niet in het register" in onbekend.text
    assert _toestand(register_klein) == voor
