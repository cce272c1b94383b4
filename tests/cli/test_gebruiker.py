"""The `klachten gebruiker` commands: the password asked twice and hidden, Dutch errors, nothing half done."""

from datetime import datetime

from typer.testing import CliRunner

from klachtclassificatie.cli import app
from klachtclassificatie.register import Register, gebruikers, meld_aan

runner = CliRunner()
WACHTWOORD = "een lang wachtwoord"


def _gebruiker(*argumenten, invoer=None):
    return runner.invoke(app, ["gebruiker", *argumenten], input=invoer)


def test_adding_an_account_asks_the_password_twice_without_showing_it(register_pad):
    uitvoer = _gebruiker("toevoegen", "anna", "--register", str(register_pad), invoer=f"{WACHTWOORD}\n{WACHTWOORD}\n")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Wachtwoord: \nHerhaal het wachtwoord: \n" in uitvoer.output
    assert WACHTWOORD not in uitvoer.output
    assert f"nieuw register aangemaakt: {register_pad}" in uitvoer.output
    assert "Account 'anna' toegevoegd" in uitvoer.output
    with Register.open(register_pad) as register:
        assert meld_aan(register, "anna", WACHTWOORD, client="cli", nu=datetime.now()) == "anna"


def test_two_different_or_a_short_password_add_nothing(register_pad):
    uitvoer = _gebruiker("toevoegen", "anna", "--register", str(register_pad), invoer=f"{WACHTWOORD}\nanders maar lang\n")
    assert uitvoer.exit_code == 1
    assert "de twee wachtwoorden verschillen; er is niets opgeslagen" in uitvoer.output
    uitvoer = _gebruiker("toevoegen", "anna", "--register", str(register_pad), invoer="kort\n")
    assert uitvoer.exit_code == 1
    assert "Fout: het wachtwoord is te kort (4 tekens); gebruik er minstens 12" in uitvoer.output
    uitvoer = _gebruiker("toevoegen", "<b>", "--register", str(register_pad))
    assert uitvoer.exit_code == 1 and "kan geen accountnaam zijn" in uitvoer.output
    assert "Wachtwoord" not in uitvoer.output  # a wrong name is refused before the password is asked
    assert not register_pad.exists()


def test_list_block_and_remove(register_pad):
    for naam in ("bram", "anna"):
        _gebruiker("toevoegen", naam, "--register", str(register_pad), invoer=f"{WACHTWOORD}\n{WACHTWOORD}\n")
    uitvoer = _gebruiker("lijst", "--register", str(register_pad))
    assert uitvoer.exit_code == 0
    regels = uitvoer.output.splitlines()
    assert [r.split("\t")[:2] for r in regels] == [["anna", "actief"], ["bram", "actief"]]
    uitvoer = _gebruiker("blokkeer", "Bram", "--register", str(register_pad))
    assert uitvoer.exit_code == 0 and "Account 'bram' geblokkeerd" in uitvoer.output
    assert "bram\tgeblokkeerd" in _gebruiker("lijst", "--register", str(register_pad)).output
    uitvoer = _gebruiker("blokkeer", "bram", "--opheffen", "--register", str(register_pad))
    assert "Account 'bram' kan weer inloggen." in uitvoer.output
    uitvoer = _gebruiker("verwijder", "anna", "--register", str(register_pad))
    assert uitvoer.exit_code == 0 and "Account 'anna' verwijderd" in uitvoer.output
    with Register.open(register_pad) as register:
        assert [(g.naam, g.geblokkeerd) for g in gebruikers(register)] == [("bram", False)]
    uitvoer = _gebruiker("verwijder", "anna", "--register", str(register_pad))
    assert uitvoer.exit_code == 1 and "Fout: geen account 'anna'" in uitvoer.output


def test_a_new_password_replaces_the_old_one(register_pad):
    _gebruiker("toevoegen", "anna", "--register", str(register_pad), invoer=f"{WACHTWOORD}\n{WACHTWOORD}\n")
    nieuw = "een ander lang wachtwoord"
    uitvoer = _gebruiker("wachtwoord", "anna", "--register", str(register_pad), invoer=f"{nieuw}\n{nieuw}\n")
    assert uitvoer.exit_code == 0 and "Nieuw wachtwoord voor 'anna' opgeslagen" in uitvoer.output
    uitvoer = _gebruiker("wachtwoord", "carla", "--register", str(register_pad))
    assert uitvoer.exit_code == 1 and "Fout: geen account 'carla'" in uitvoer.output
    assert "Wachtwoord" not in uitvoer.output
    with Register.open(register_pad) as register:
        assert meld_aan(register, "anna", WACHTWOORD, client="cli", nu=datetime.now()) is None
        assert meld_aan(register, "anna", nieuw, client="cli", nu=datetime.now()) == "anna"


def test_listing_a_register_that_does_not_exist_creates_none(register_pad):
    uitvoer = _gebruiker("lijst", "--register", str(register_pad))
    assert uitvoer.exit_code == 1 and "niet gevonden" in uitvoer.output
    assert not register_pad.exists()
