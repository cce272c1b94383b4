"""Team mode: a register with two accounts, a clock the tests move, and logging in."""

import re
import warnings
from datetime import UTC, datetime, timedelta

import pytest

from klachtclassificatie.register import Register, importeer, voeg_gebruiker_toe
from klachtclassificatie.web.app import maak_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette prefers httpx2 for its test client; httpx still works
    from starlette.testclient import TestClient

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
