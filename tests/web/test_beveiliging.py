"""In team mode every POST must come from the app's own origin; browsers are told to send it."""

import pytest

from klachtclassificatie.register import Register

from .conftest import ADRES, csrf_van, log_in, team_client


def _zoek(client, **koppen):
    return client.post("/register", data={"csrf": csrf_van(client, "/register"), "zoek": "werkcoach"},
                       headers=koppen)


@pytest.mark.parametrize("koppen", [
    {"origin": "https://aanvaller.example"},
    {"origin": "null"},
    {"origin": "http://klachten.intern:9999"},  # another port is another origin
    {"origin": "https://klachten.intern:8000"},  # and so is another scheme
])
def test_a_post_from_another_origin_is_refused_with_a_dutch_page(team_app, koppen):
    client = team_client(team_app)
    log_in(client)
    antwoord = _zoek(client, **koppen)
    assert antwoord.status_code == 403
    assert "Origin-controle" in antwoord.text and 'lang="nl"' in antwoord.text


def test_without_origin_a_post_needs_a_referer_of_the_app(team_app):
    client = team_client(team_app)
    log_in(client)
    del client.headers["origin"]
    assert _zoek(client).status_code == 403
    assert _zoek(client, referer="http://aanvaller.example/klachten.intern:8000/register").status_code == 403


def test_a_referer_of_the_app_itself_stands_in_for_a_missing_origin(team_app):
    client = team_client(team_app)
    log_in(client)
    del client.headers["origin"]
    for koppen in ({"referer": f"{ADRES}/register?pagina=2"}, {"origin": ADRES}):
        antwoord = _zoek(client, **koppen)  # accepted: the search is stored and shown by a GET
        assert antwoord.status_code == 303, koppen
        assert antwoord.headers["location"].startswith("/register?zoekopdracht=")


def test_the_login_form_itself_is_protected_and_nothing_is_counted(team_app, team_register):
    client = team_client(team_app)
    csrf = csrf_van(client)
    antwoord = client.post("/inloggen", data={"csrf": csrf, "naam": "anna", "wachtwoord": "fout-fout-fout"},
                           headers={"origin": "https://aanvaller.example"})
    assert antwoord.status_code == 403
    with Register.open(team_register) as register:
        assert register._db.execute("SELECT COUNT(*) FROM inlogpoging").fetchone()[0] == 0


def test_browsers_are_asked_for_a_referrer_policy_that_keeps_the_origin(team_app):
    """With no-referrer, Chromium sends `Origin: null` on every form and nothing could be posted."""
    assert team_client(team_app).get("/inloggen").headers["referrer-policy"] == "same-origin"
