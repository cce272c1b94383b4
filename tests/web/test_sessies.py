"""Server-side sessions in team mode: the cookie, a new id at login, expiry, logout, blocked accounts."""

import sqlite3

from klachtclassificatie.register import Register, blokkeer_gebruiker
from klachtclassificatie.web.app import maak_app
from klachtclassificatie.web.sessies import COOKIE

from .conftest import csrf_van, log_in, team_client


def _sessies(pad) -> list[tuple]:
    with sqlite3.connect(pad) as verbinding:
        return verbinding.execute("SELECT sleutel_hash, gebruiker FROM sessie").fetchall()


def test_every_page_asks_for_login_and_the_cookie_is_httponly_and_lax(team_app):
    client = team_client(team_app)
    for pad in ("/nieuw", "/register", "/register/klacht/T-002", "/jaarverslag/2024"):
        assert client.get(pad).headers["location"] == "/inloggen"
    assert client.get("/static/stijl.css").status_code == 200
    pagina = client.get("/inloggen")
    assert "<h1>Inloggen</h1>" in pagina.text and 'name="wachtwoord"' in pagina.text
    koek = pagina.headers["set-cookie"]
    assert koek.startswith(f"{COOKIE}=") and "HttpOnly" in koek and "SameSite=Lax" in koek
    assert "Secure" not in koek and "Max-Age" not in koek and "expires" not in koek.lower()
    antwoord = log_in(client)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/"
    register = client.get("/register")
    assert register.status_code == 200
    assert "Ingelogd als anna" in register.text and 'action="/uitloggen"' in register.text


def test_logging_in_gives_a_new_session_id(team_app, team_register):
    """No fixation: an id someone planted before login stays a session without an account."""
    aanvaller = team_client(team_app)
    csrf_van(aanvaller)
    geplant = aanvaller.cookies[COOKIE]
    slachtoffer = team_client(team_app)
    slachtoffer.cookies.set(COOKIE, geplant, domain="klachten.intern")
    assert log_in(slachtoffer).status_code == 303
    assert slachtoffer.cookies[COOKIE] != geplant
    assert slachtoffer.get("/register").status_code == 200
    assert aanvaller.get("/register").headers["location"] == "/inloggen"
    assert [g for _, g in _sessies(team_register)] == ["anna"]  # the planted one is gone
    assert all(COOKIE not in h and geplant not in h for h, _ in _sessies(team_register))  # only hashes


def test_a_session_expires_after_thirty_minutes_without_a_request(team_app, klok):
    client = team_client(team_app)
    log_in(client)
    klok.verder(minutes=29)
    assert client.get("/register").status_code == 200
    klok.verder(minutes=29)  # 58 minutes after login, but 29 after the last request
    assert client.get("/register").status_code == 200
    klok.verder(minutes=30, seconds=1)
    assert client.get("/register").headers["location"] == "/inloggen"


def test_the_inactivity_period_is_an_option(team_register, klein_model, klok):
    from datetime import timedelta

    app = maak_app(team_register, klein_model, met_inloggen=True, klok=klok, inactief=timedelta(minutes=5))
    client = team_client(app)
    log_in(client)
    klok.verder(minutes=6)
    assert client.get("/register").headers["location"] == "/inloggen"


def test_logout_ends_the_session_on_the_server(team_app, team_register):
    client = team_client(team_app)
    log_in(client)
    oude_koek = client.cookies[COOKIE]
    antwoord = client.post("/uitloggen", data={"csrf": csrf_van(client, "/register")})
    assert antwoord.headers["location"] == "/inloggen"
    assert "Max-Age=0" in antwoord.headers["set-cookie"]
    assert _sessies(team_register) == []
    herhaling = team_client(team_app)
    herhaling.cookies.set(COOKIE, oude_koek, domain="klachten.intern")  # replaying the cookie from before logging out
    assert herhaling.get("/register").headers["location"] == "/inloggen"


def test_blocking_an_account_ends_its_sessions_at_once(team_app, team_register):
    anna, bram = team_client(team_app), team_client(team_app)
    log_in(anna)
    log_in(bram, "bram")
    with Register.open(team_register) as register:
        blokkeer_gebruiker(register, "anna")
    assert anna.get("/register").headers["location"] == "/inloggen"
    assert bram.get("/register").status_code == 200


def test_the_cookie_is_secure_over_https(team_app):
    client = team_client(team_app, base_url="https://klachten.intern")
    assert "Secure" in client.get("/inloggen").headers["set-cookie"]
    assert log_in(client).status_code == 303
    assert client.get("/register").status_code == 200


def test_x_forwarded_proto_counts_only_from_the_proxy_named_in_the_option(team_register, klein_model, klok):
    kop = {"x-forwarded-proto": "https"}
    zonder_proxy = maak_app(team_register, klein_model, met_inloggen=True, klok=klok)
    assert "Secure" not in team_client(zonder_proxy).get("/inloggen", headers=kop).headers["set-cookie"]
    andere_proxy = maak_app(team_register, klein_model, proxy="10.0.0.1", klok=klok)
    assert "Secure" not in team_client(andere_proxy).get("/inloggen", headers=kop).headers["set-cookie"]
    # the test client's requests come from the address "testclient"
    achter_proxy = maak_app(team_register, klein_model, proxy="testclient", klok=klok)
    client = team_client(achter_proxy, base_url="https://klachten.intern")
    assert "Secure" in client.get("/inloggen", headers=kop).headers["set-cookie"]
    assert achter_proxy.state.instellingen.met_inloggen  # behind a proxy, always with accounts
