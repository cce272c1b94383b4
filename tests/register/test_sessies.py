"""Sessions in the register: found by the hash of their id, ended by inactivity, logout or the account."""

from datetime import UTC, datetime, timedelta

import pytest

from klachtclassificatie.register import (
    Register,
    Sessie,
    beeindig_sessie,
    begin_sessie,
    lees_sessie,
    voeg_gebruiker_toe,
    werk_sessie_bij,
)

NU = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HALF_UUR = timedelta(minutes=30)


@pytest.fixture
def register(register_pad):
    with Register.open(register_pad) as register:
        voeg_gebruiker_toe(register, "anna", "een lang wachtwoord")
        yield register


def test_a_session_lives_while_it_is_used(register):
    begin_sessie(register, "h1", Sessie("anna", {"csrf": "abc"}), nu=NU, inactief=HALF_UUR)
    assert lees_sessie(register, "h1", nu=NU + HALF_UUR, inactief=HALF_UUR) == Sessie("anna", {"csrf": "abc"})
    werk_sessie_bij(register, "h1", Sessie("anna", {"csrf": "abc", "melding": "x"}), nu=NU + HALF_UUR)
    later = NU + 2 * HALF_UUR
    assert lees_sessie(register, "h1", nu=later, inactief=HALF_UUR).gegevens["melding"] == "x"
    assert lees_sessie(register, "h1", nu=later + timedelta(seconds=1), inactief=HALF_UUR) is None
    assert register._db.execute("SELECT COUNT(*) FROM sessie").fetchone()[0] == 0  # the expired one is gone


def test_an_ended_session_is_not_brought_back_by_a_request_still_under_way(register):
    begin_sessie(register, "h1", Sessie("anna", {}), nu=NU, inactief=HALF_UUR)
    beeindig_sessie(register, "h1")  # logout in one tab
    werk_sessie_bij(register, "h1", Sessie("anna", {"csrf": "abc"}), nu=NU)  # the other tab's answer
    assert lees_sessie(register, "h1", nu=NU, inactief=HALF_UUR) is None


def test_a_session_of_a_blocked_or_unknown_account_is_no_session(register):
    begin_sessie(register, "h1", Sessie("anna", {}), nu=NU, inactief=HALF_UUR)
    begin_sessie(register, "h2", Sessie("verzonnen", {}), nu=NU, inactief=HALF_UUR)
    begin_sessie(register, "h3", Sessie(None, {"csrf": "abc"}), nu=NU, inactief=HALF_UUR)  # before login
    assert lees_sessie(register, "h2", nu=NU, inactief=HALF_UUR) is None
    assert lees_sessie(register, "h3", nu=NU, inactief=HALF_UUR) == Sessie(None, {"csrf": "abc"})
    register._db.execute("UPDATE gebruiker SET geblokkeerd = 1")
    assert lees_sessie(register, "h1", nu=NU, inactief=HALF_UUR) is None


def test_starting_a_session_clears_away_expired_ones(register):
    begin_sessie(register, "oud", Sessie(None, {"csrf": "a"}), nu=NU, inactief=HALF_UUR)
    begin_sessie(register, "nieuw", Sessie(None, {"csrf": "b"}), nu=NU + 2 * HALF_UUR, inactief=HALF_UUR)
    assert [r[0] for r in register._db.execute("SELECT sleutel_hash FROM sessie")] == ["nieuw"]
