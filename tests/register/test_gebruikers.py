"""Accounts in the register: argon2 hashes, name and password rules, blocking, the login limit."""

from datetime import UTC, datetime, timedelta

import pytest

from klachtclassificatie.fouten import GebruikerError, TeVeelPogingenError
from klachtclassificatie.register import (
    MAX_MISLUKT_PER_NAAM,
    Register,
    Sessie,
    _gebruikers,
    begin_sessie,
    blokkeer_gebruiker,
    gebruikers,
    heeft_actieve_gebruikers,
    meld_aan,
    verwijder_gebruiker,
    voeg_gebruiker_toe,
    zet_wachtwoord,
)

NU = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WACHTWOORD = "correct paard batterij"


@pytest.fixture
def register(register_pad):
    with Register.open(register_pad) as register:
        voeg_gebruiker_toe(register, "anna", WACHTWOORD, nu=NU)
        yield register


def test_the_password_is_stored_only_as_an_argon2id_hash(register, register_pad):
    (opgeslagen,) = register._db.execute("SELECT wachtwoord_hash FROM gebruiker").fetchone()
    assert opgeslagen.startswith("$argon2id$")
    assert WACHTWOORD not in opgeslagen
    assert WACHTWOORD.encode() not in register_pad.read_bytes()


def test_the_real_hasher_is_argon2id_with_at_least_the_owasp_minimum_of_work(monkeypatch):
    monkeypatch.undo()  # the suite's quick hasher out of the way
    echt = _gebruikers._hasher()
    assert echt.type.name == "ID" and echt.memory_cost >= 19 * 1024 and echt.time_cost >= 2


def test_names_are_trimmed_unique_without_regard_to_case_and_plain(register):
    assert voeg_gebruiker_toe(register, "  bram.de-vries@wil ", "nog een lang wachtwoord") == "bram.de-vries@wil"
    with pytest.raises(GebruikerError, match="er is al een account 'anna'"):
        voeg_gebruiker_toe(register, "ANNA", "nog een lang wachtwoord")
    for naam, melding in [("", "is leeg"), ("<script>", "kan geen accountnaam zijn"),
                          ("a" * 41, "hoogstens 40"), ("=1+1", "kan geen accountnaam zijn")]:
        with pytest.raises(GebruikerError, match=melding):
            voeg_gebruiker_toe(register, naam, "nog een lang wachtwoord")
    assert [g.naam for g in gebruikers(register)] == ["anna", "bram.de-vries@wil"]


def test_a_password_needs_twelve_characters(register):
    with pytest.raises(GebruikerError, match=r"te kort \(11 tekens\); gebruik er minstens 12"):
        voeg_gebruiker_toe(register, "bram", "elf-tekens!")
    assert [g.naam for g in gebruikers(register)] == ["anna"]


def test_logging_in_with_the_right_password_only(register):
    assert meld_aan(register, "anna", WACHTWOORD, client="10.0.0.5", nu=NU) == "anna"
    assert meld_aan(register, "Anna ", WACHTWOORD, client="10.0.0.5", nu=NU) == "anna"
    assert meld_aan(register, "anna", WACHTWOORD.upper(), client="10.0.0.5", nu=NU) is None
    assert meld_aan(register, "niemand", WACHTWOORD, client="10.0.0.5", nu=NU) is None


def test_a_blocked_account_cannot_log_in_until_it_is_allowed_again(register):
    blokkeer_gebruiker(register, "anna")
    assert meld_aan(register, "anna", WACHTWOORD, client="10.0.0.5", nu=NU) is None
    assert not heeft_actieve_gebruikers(register)
    assert gebruikers(register)[0].geblokkeerd
    blokkeer_gebruiker(register, "ANNA", geblokkeerd=False)
    assert meld_aan(register, "anna", WACHTWOORD, client="10.0.0.5", nu=NU) == "anna"


def test_after_five_failures_the_name_is_refused_for_fifteen_minutes(register):
    for minuut in range(MAX_MISLUKT_PER_NAAM):
        assert meld_aan(register, "anna", "fout", client=f"10.0.0.{minuut}", nu=NU + timedelta(minutes=minuut)) is None
    with pytest.raises(TeVeelPogingenError, match="probeer het over 15 minuten opnieuw"):
        meld_aan(register, "anna", WACHTWOORD, client="10.0.0.99", nu=NU + timedelta(minutes=5))
    # the first failure is older than fifteen minutes: four remain, one more try is allowed
    assert meld_aan(register, "anna", WACHTWOORD, client="10.0.0.99", nu=NU + timedelta(minutes=15, seconds=1)) == "anna"


def test_removing_blocking_or_a_new_password_ends_the_accounts_sessions(register):
    for sleutel in ("s1", "s2", "s3"):
        begin_sessie(register, sleutel, Sessie("anna", {}), nu=NU, inactief=timedelta(minutes=30))
    zet_wachtwoord(register, "anna", "een heel nieuw wachtwoord")
    assert register._db.execute("SELECT COUNT(*) FROM sessie").fetchone()[0] == 0
    assert meld_aan(register, "anna", "een heel nieuw wachtwoord", client="x", nu=NU) == "anna"
    begin_sessie(register, "s4", Sessie("anna", {}), nu=NU, inactief=timedelta(minutes=30))
    assert verwijder_gebruiker(register, "ANNA") == "anna"
    assert register._db.execute("SELECT COUNT(*) FROM sessie").fetchone()[0] == 0
    with pytest.raises(GebruikerError, match="geen account 'anna'.*klachten gebruiker lijst"):
        blokkeer_gebruiker(register, "anna")
