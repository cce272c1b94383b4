import sqlite3

import pytest

from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register import (
    SCHEMA_VERSIE,
    Register,
    controleer_registerpad,
    gebruikers,
    importeer,
    voeg_gebruiker_toe,
)


def test_a_register_path_must_be_a_file(tmp_path):
    with pytest.raises(RegisterError, match="is een map, geen registerbestand"):
        controleer_registerpad(tmp_path)
    with pytest.raises(RegisterError, match="niet gevonden; controleer --register"):
        controleer_registerpad(tmp_path / "regsiter.sqlite")
    assert controleer_registerpad(tmp_path / "nieuw.sqlite", moet_bestaan=False) == tmp_path / "nieuw.sqlite"


def test_an_older_register_gets_the_index_for_numbers_without_regard_to_case(register_pad):
    with Register.open(register_pad):
        pass
    with sqlite3.connect(register_pad) as verbinding:  # as a register of schema 3 was
        verbinding.execute("DROP INDEX klacht_nummer_zonder_hoofdletters")
        verbinding.execute("PRAGMA user_version = 3")
    with Register.open(register_pad):
        pass
    with sqlite3.connect(register_pad) as verbinding:
        indexen = {r[0] for r in verbinding.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        versie = verbinding.execute("PRAGMA user_version").fetchone()[0]
    assert "klacht_nummer_zonder_hoofdletters" in indexen and versie == SCHEMA_VERSIE == 5


def test_a_version_4_register_gets_the_table_of_form_keys(register_pad, klachten_csv):
    from klachtclassificatie.register import importeer

    importeer(register_pad, klachten_csv, door="test")
    with sqlite3.connect(register_pad) as verbinding:  # as a register of schema 4 was
        verbinding.execute("DROP TABLE formulier")
        verbinding.execute("PRAGMA user_version = 4")
    with Register.open(register_pad) as register:
        assert register.aantal() == 4 and register.klacht_bij_formulier("sleutel") is None
    with sqlite3.connect(register_pad) as verbinding:
        kolommen = [r[1] for r in verbinding.execute("PRAGMA table_info(formulier)")]
        versie = verbinding.execute("PRAGMA user_version").fetchone()[0]
    assert kolommen == ["sleutel", "klachtnummer", "tijdstip"] and versie == 5


def test_a_version_4_register_gets_the_tables_for_accounts_and_keeps_its_complaints(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="test")
    with sqlite3.connect(register_pad) as verbinding:  # as a register of schema 4 was
        for tabel in ("gebruiker", "sessie", "inlogpoging"):
            verbinding.execute(f"DROP TABLE {tabel}")
        verbinding.execute("PRAGMA user_version = 4")
    with Register.open(register_pad) as register:
        assert register.aantal() == 4
        voeg_gebruiker_toe(register, "anna", "een lang wachtwoord")
        assert [g.naam for g in gebruikers(register)] == ["anna"]
    with sqlite3.connect(register_pad) as verbinding:
        tabellen = {r[0] for r in verbinding.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"gebruiker", "sessie", "inlogpoging"} <= tabellen
        assert verbinding.execute("PRAGMA user_version").fetchone()[0] == 5
