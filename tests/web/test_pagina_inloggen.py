"""Logging in with a named account: one answer for every failure, a limit on failures, the audit name."""

import pytest

from klachtclassificatie.fouten import GebruikerError
from klachtclassificatie.register import Register, blokkeer_gebruiker
from klachtclassificatie.web.app import maak_app
from klachtclassificatie.web.pagina_inloggen import ONJUIST

from .conftest import WACHTWOORD, csrf_van, log_in, team_client


def test_a_wrong_password_an_unknown_name_and_a_blocked_account_get_the_same_answer(team_app, team_register):
    with Register.open(team_register) as register:
        blokkeer_gebruiker(register, "bram")
    antwoorden = [log_in(team_client(team_app), "anna", "niet-het-wachtwoord"),
                  log_in(team_client(team_app), "niemand", "niet-het-wachtwoord"),
                  log_in(team_client(team_app), "bram")]
    for antwoord in antwoorden:
        assert antwoord.status_code == 401
        assert ONJUIST in antwoord.text
    assert 'value="niemand"' in antwoorden[1].text  # the name stays filled in, the password not
    assert "niet-het-wachtwoord" not in antwoorden[1].text


def test_the_name_is_compared_without_regard_to_case(team_app):
    client = team_client(team_app)
    assert log_in(client, "ANNA", WACHTWOORD["anna"]).status_code == 303
    assert "Ingelogd als anna" in client.get("/register").text


def test_five_failures_for_a_name_refuse_it_for_fifteen_minutes_known_or_not(team_app, klok):
    for naam in ("anna", "niemand"):
        for _ in range(5):
            assert log_in(team_client(team_app), naam, "fout-fout-fout").status_code == 401
        geweigerd = log_in(team_client(team_app), naam)  # even the right password, for anna
        assert geweigerd.status_code == 429
        assert "Te veel mislukte pogingen om in te loggen" in geweigerd.text
        assert "probeer het over 15 minuten opnieuw" in geweigerd.text
    assert log_in(team_client(team_app), "bram").status_code == 303  # other names are not affected
    klok.verder(minutes=15, seconds=1)
    assert log_in(team_client(team_app), "anna").status_code == 303


def test_a_success_clears_the_count_for_the_name(team_app):
    for _ in range(4):
        log_in(team_client(team_app), "anna", "fout-fout-fout")
    assert log_in(team_client(team_app), "anna").status_code == 303
    for _ in range(4):
        log_in(team_client(team_app), "anna", "fout-fout-fout")
    assert log_in(team_client(team_app), "anna").status_code == 303


def test_twenty_failures_from_one_client_refuse_it_for_every_name(team_app):
    client = team_client(team_app)
    for nummer in range(20):
        assert log_in(client, f"naam{nummer}", "fout-fout-fout").status_code == 401
    assert log_in(client, "anna").status_code == 429


def test_changes_through_the_web_are_audited_under_the_account_name(team_app, team_register):
    anna = team_client(team_app)
    log_in(anna)
    antwoord = anna.post("/nieuw", data={
        "csrf": csrf_van(anna, "/nieuw"), "tekst": "Mijn werkcoach schreeuwde tegen mij.",
        "ontvangstdatum": "2024-05-01", "gemeente": "Houten", "kanaal": "e-mail", "klantnummer": "",
        "klachtnummer": "", "categorie": "bejegening", "programmaonderdeel": "Werk", "actie": "opslaan"})
    assert antwoord.status_code == 303, antwoord.text
    bram = team_client(team_app)
    log_in(bram, "bram")
    antwoord = bram.post("/beoordelen", data={"csrf": csrf_van(bram, "/beoordelen"), "klachtnummer": "T-004",
                                              "categorie": "bejegening", "programmaonderdeel": "Werk"})
    assert antwoord.status_code == 303, antwoord.text
    with Register.open(team_register) as register:
        audit = register.audit()
    door = dict(zip(audit["bron"], audit["door"], strict=True))
    assert door["webapp nieuwe klacht"] == "anna"
    assert door["webapp beoordelen"] == "bram"
    assert "servergebruiker" not in set(audit["door"])


def test_team_mode_refuses_to_start_without_an_account_that_can_log_in(register_pad, klein_model):
    with pytest.raises(GebruikerError, match="geen account om mee in te loggen.*klachten gebruiker toevoegen"):
        maak_app(register_pad, klein_model, met_inloggen=True)


def test_on_this_computer_alone_there_is_no_login(register_pad, klein_model):
    app = maak_app(register_pad, klein_model, door="coördinator")
    client = team_client(app, base_url="http://127.0.0.1:8000")
    assert client.get("/register").status_code == 200
    assert client.get("/inloggen").headers["location"] == "/"
    assert "Uitloggen" not in client.get("/register").text
