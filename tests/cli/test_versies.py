"""The `klachten model` commands and `train --register`'s refusal."""

from dataclasses import replace

from typer.testing import CliRunner

from klachtclassificatie.classificatie import bewaar_versie, laad
from klachtclassificatie.cli import app
from klachtclassificatie.register import importeer

from ..conftest import FIXTURES

runner = CliRunner()


def _twee_versies(klein_model, modelpad):
    for naam, datum in (("oud", "2026-01-01T10:00:00+01:00"), ("nieuw", "2026-02-01T10:00:00+01:00")):
        bewaar_versie(replace(klein_model, kaart={**klein_model.kaart, "versie": naam, "datum": datum}, _cache={}),
                      modelpad)


def test_lijst_and_activeer_roll_back(klein_model, tmp_path):
    modelpad = tmp_path / "klachtmodel.skops"
    _twee_versies(klein_model, modelpad)
    uitvoer = runner.invoke(app, ["model", "lijst", "--model", str(modelpad)], terminal_width=200)
    assert uitvoer.exit_code == 0, uitvoer.output
    regels = uitvoer.stdout.splitlines()
    assert regels[0].startswith("* nieuw  2026-02-01 10:00  30 teksten; categorie macro-F1")
    assert regels[1].startswith("  oud")
    uitvoer = runner.invoke(app, ["model", "activeer", "oud", "--model", str(modelpad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Versie oud (2026-01-01 10:00, 30 teksten) is nu het actieve model" in uitvoer.stdout
    assert laad(modelpad).versie == "oud"


def test_an_unknown_version_is_one_red_dutch_line(klein_model, tmp_path):
    modelpad = tmp_path / "klachtmodel.skops"
    _twee_versies(klein_model, modelpad)
    uitvoer = runner.invoke(app, ["model", "activeer", "1999", "--model", str(modelpad)])
    assert uitvoer.exit_code == 1
    assert uitvoer.stderr.strip().startswith("Fout: versie 1999 niet gevonden")
    assert "bewaarde versies: nieuw, oud" in uitvoer.stderr


def test_lijst_without_models_says_how_to_get_one(tmp_path):
    uitvoer = runner.invoke(app, ["model", "lijst", "--model", str(tmp_path / "klachtmodel.skops")])
    assert uitvoer.exit_code == 0
    assert "Geen modelversies" in uitvoer.stdout


def test_train_with_too_few_confirmed_complaints_refuses_before_training(tmp_path):
    register = tmp_path / "r.sqlite"
    importeer(register, FIXTURES / "klachten.csv", door="test")
    uitvoer = runner.invoke(app, ["train", "--data", str(FIXTURES / "annotaties-klein.csv"), "--register",
                                  str(register), "--model", str(tmp_path / "m.skops")])
    assert uitvoer.exit_code == 1
    assert "minstens 20 nodig om mee te trainen" in uitvoer.stderr
    assert not (tmp_path / "m.skops").exists()
