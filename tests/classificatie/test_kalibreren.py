"""Calibrating probabilities on held-out text, and thresholds and sets on a register's confirmed complaints."""

import shutil

import numpy as np
import pytest

from klachtclassificatie.classificatie import kaartpad, kalibreer, laad
from klachtclassificatie.classificatie._kalibreren import herschaal, met_temperatuur, temperatuur
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


def _eerlijk_en_te_zeker(n=4000, te_zeker=2.0, seed=0):
    """Labels drawn from honest probabilities, and the same probabilities made too sure."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=1.5, size=(n, 3))
    eerlijk = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    klassen = np.array(["a", "b", "c"])
    y = klassen[[rng.choice(3, p=rij) for rij in eerlijk]]
    return y, herschaal(eerlijk, 1 / te_zeker), eerlijk, klassen


def test_the_temperature_of_too_sure_probabilities_is_found_and_undone():
    y, te_zeker, eerlijk, klassen = _eerlijk_en_te_zeker(te_zeker=2.0)
    t = temperatuur(y, te_zeker, klassen)
    assert t == pytest.approx(2.0, rel=0.1)
    assert np.abs(herschaal(te_zeker, t) - eerlijk).max() < 0.05
    assert temperatuur(y, eerlijk, klassen) == pytest.approx(1.0, rel=0.1)


def test_rescaling_at_temperature_one_changes_nothing():
    _, te_zeker, _, _ = _eerlijk_en_te_zeker(n=50)
    assert herschaal(te_zeker, 1.0) == pytest.approx(te_zeker)


def test_a_pipeline_at_another_temperature_gives_rescaled_probabilities_and_leaves_the_original(klein_model):
    teksten = ["De uitkering kwam te laat.", "De medewerker aan de balie schreeuwde."]
    pipeline = klein_model.pipelines["categorie"]
    voor = pipeline.predict_proba(teksten)
    nieuw = met_temperatuur(pipeline, 1.7)
    assert nieuw.predict_proba(teksten) == pytest.approx(herschaal(voor, 1.7))
    assert pipeline.predict_proba(teksten) == pytest.approx(voor)
    assert nieuw.steps[0][1] is pipeline.steps[0][1] and nieuw.steps[1][1] is pipeline.steps[1][1]


def test_training_refits_the_temperature_on_held_out_predictions_and_records_it(klein_model):
    for doel in ("categorie", "programmaonderdeel"):
        kalibratie = klein_model.kaart["doelen"][doel]["kalibratie"]
        assert kalibratie["temperatuur"] > 0 and kalibratie["n"] == 30
        assert kalibratie["geijkt_op"].startswith("alle teksten, buiten de vouw")
        assert {"kalibratiefout_voor", "kalibratiefout_na"} <= set(kalibratie)


def test_calibration_on_a_register_refits_the_temperature_too(klein_model):
    nieuw = kalibreer(klein_model, laad_klachten(DEMO), bron="demo")
    tekst = ["Niemand neemt de telefoon op en mijn uitkering is nog niet betaald."]
    for doel in ("categorie", "programmaonderdeel"):
        t = nieuw.kaart["kalibratie"]["temperatuur"][doel]
        assert nieuw.pipelines[doel].predict_proba(tekst) == pytest.approx(
            herschaal(klein_model.pipelines[doel].predict_proba(tekst), t), abs=1e-4)  # t is rounded in the card


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
    geladen = laad(model)  # the new card and hash load
    assert geladen.kaart["kalibratie"]["n"] == 173
    assert f"categorie: temperatuur ×{geladen.kaart['kalibratie']['temperatuur']['categorie']:.2f}" in uitvoer.stdout
