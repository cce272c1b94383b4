"""Calibrating thresholds and sets on a register's confirmed complaints."""

import shutil

import pytest

from klachtclassificatie.classificatie import kaartpad, kalibreer, laad
from klachtclassificatie.fouten import ModelError
from klachtclassificatie.register import laad_klachten

from ..conftest import PROJECTMAP

DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"


def test_calibration_on_the_demo_register_is_recorded_in_the_card(klein_model):
    nieuw = kalibreer(klein_model, laad_klachten(DEMO), bron="demo")
    assert nieuw.kaart["kalibratie"]["n"] == 173
    for doel in ("categorie", "programmaonderdeel"):
        conformeel = nieuw.kaart["doelen"][doel]["conformeel"]
        assert conformeel["geijkt_op"] == "173 bevestigde klachten uit register demo"
        assert len(conformeel["nonconformiteit"]) == 173
        assert nieuw.drempels[doel] == nieuw.kaart["doelen"][doel]["drempel"]["drempel"]
    assert klein_model.kaart["doelen"]["categorie"]["conformeel"]["n"] == 30  # the original is untouched


def test_too_few_confirmed_complaints_is_a_dutch_error(klein_model):
    with pytest.raises(ModelError, match="minstens 100 nodig"):
        kalibreer(klein_model, laad_klachten(DEMO).head(50), bron="klein")


def test_the_command_rewrites_model_and_card(klein_modelpad, tmp_path):
    from typer.testing import CliRunner

    from klachtclassificatie.cli import app
    from klachtclassificatie.register import importeer

    model = tmp_path / "klachtmodel.skops"
    shutil.copy(klein_modelpad, model)
    shutil.copy(kaartpad(klein_modelpad), kaartpad(model))
    importeer(tmp_path / "r.sqlite", DEMO, door="test")
    uitvoer = CliRunner().invoke(app, ["kalibreer", "--register", str(tmp_path / "r.sqlite"), "--model", str(model)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "173 bevestigde klachten" in uitvoer.stdout
    assert laad(model).kaart["kalibratie"]["n"] == 173  # the new card and hash load
