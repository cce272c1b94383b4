"""Shared by the web tests: a test client over a small register or the demo register; and team mode:
a register with two accounts, a clock the tests move, and logging in."""

import re
import warnings
from datetime import UTC, date, datetime, timedelta

import pytest

from klachtclassificatie.register import Register, importeer, voeg_gebruiker_toe
from klachtclassificatie.web.app import maak_app

from ..conftest import PROJECTMAP

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette prefers httpx2 for its test client; httpx still works
    from starlette.testclient import TestClient

DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"
VANDAAG = date(2024, 6, 12)


def _client(registerpad, model, **opties) -> TestClient:
    opties.setdefault("vandaag", lambda: VANDAAG)
    app = maak_app(registerpad, model, door="coördinator", **opties)
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


def _csrf(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/nieuw").text).group(1)


def _toestand(pad):
    """Everything a request could have changed: complaints, audit trail and suggestions."""
    with Register.open(pad) as register:
        return (register.klachten().to_csv(), len(register.audit()), len(register.suggesties()))


def _nieuw(**velden) -> dict:
    return {"tekst": "Mijn werkcoach schreeuwde tegen mij en luisterde niet.", "ontvangstdatum": "2024-05-01",
            "gemeente": "Houten", "kanaal": "e-mail", "klantnummer": "", "klachtnummer": "",
            "categorie": "bejegening", "programmaonderdeel": "Werk", "actie": "opslaan", **velden}


@pytest.fixture
def register_klein(register_pad, klachten_csv):
    """Four complaints: T-001 to T-003 confirmed and closed, T-004 open with unconfirmed labels."""
    importeer(register_pad, klachten_csv, door="test")
    return register_pad


@pytest.fixture
def client(register_klein, klein_model):
    return _client(register_klein, klein_model)


@pytest.fixture(scope="module")
def demo_register(tmp_path_factory):
    pad = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    importeer(pad, DEMO, door="test")
    return pad


WACHTWOORD = {"anna": "anna-haar-wachtwoord", "bram": "bram-zijn-wachtwoord"}
#: The address the team uses for the app in these tests.
ADRES = "http://klachten.intern:8000"


class Klok:
    """A clock that stands still until a test moves it."""

    def __init__(self):
        self.nu = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.nu

    def verder(self, **tijd) -> None:
        self.nu += timedelta(**tijd)


@pytest.fixture
def klok():
    return Klok()


@pytest.fixture
def team_register(register_pad, klachten_csv):
    """The four test complaints and the accounts anna and bram."""
    importeer(register_pad, klachten_csv, door="test")
    with Register.open(register_pad) as register:
        for naam, wachtwoord in WACHTWOORD.items():
            voeg_gebruiker_toe(register, naam, wachtwoord)
    return register_pad


@pytest.fixture
def team_app(team_register, klein_model, klok):
    return maak_app(team_register, klein_model, met_inloggen=True, klok=klok, door="servergebruiker")


def team_client(app, base_url: str = ADRES, **opties) -> TestClient:
    """A browser on the team's address: it sends the Origin of that address, as browsers do on POST."""
    herkomst = re.match(r"https?://[^/]+", base_url).group(0)
    return TestClient(app, base_url=base_url, follow_redirects=False, headers={"origin": herkomst}, **opties)


def csrf_van(client: TestClient, pad: str = "/inloggen") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(pad).text).group(1)


def log_in(client: TestClient, naam: str = "anna", wachtwoord: str | None = None):
    """Log in through the form; the answer of the POST."""
    return client.post("/inloggen", data={"csrf": csrf_van(client), "naam": naam,
                                          "wachtwoord": WACHTWOORD.get(naam, "") if wachtwoord is None else wachtwoord})
