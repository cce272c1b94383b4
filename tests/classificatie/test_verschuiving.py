"""A shift per label, chosen where it helps on organisations the choice did not see."""

import numpy as np
import pytest

from klachtclassificatie.classificatie._verschuiving import (
    beste_verschuiving,
    kies_verschuiving,
    met_verschuiving,
    verschuif,
)

KLASSEN = np.array(["a", "b", "c"])


def _scheef(n=900, seed=0):
    """Honest probabilities for labels a, b, c, then made to lean away from c (as the model leans
    towards Inkomen): c is under-suggested."""
    rng = np.random.default_rng(seed)
    y = KLASSEN[rng.integers(0, 3, n)]
    logits = rng.normal(scale=0.8, size=(n, 3)) + 1.6 * (KLASSEN[None, :] == y[:, None])
    logits[:, 2] -= 1.2
    kansen = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    groepen = rng.integers(0, 40, n)
    return y, kansen, groepen


def _macro_f1(y, kansen):
    from sklearn.metrics import f1_score

    return f1_score(y, KLASSEN[kansen.argmax(axis=1)], average="macro")


def test_no_shift_changes_nothing_and_a_shift_favours_its_label():
    _, kansen, _ = _scheef(n=20)
    assert verschuif(kansen, [0, 0, 0]) == pytest.approx(kansen)
    assert (verschuif(kansen, [0, 0, 1])[:, 2] > kansen[:, 2]).all()


def test_the_best_shift_undoes_a_lean_against_a_label():
    y, kansen, _ = _scheef()
    verschuiving = beste_verschuiving(y, kansen, KLASSEN)
    assert verschuiving.mean() == pytest.approx(0.0)
    assert verschuiving[2] > verschuiving[0] and verschuiving[2] > verschuiving[1]
    assert _macro_f1(y, verschuif(kansen, verschuiving)) > _macro_f1(y, kansen) + 0.05


def test_a_shift_that_helps_on_held_out_groups_is_kept_with_its_nested_scores():
    y, kansen, groepen = _scheef()
    keuze = kies_verschuiving(y, kansen, KLASSEN, groepen)
    assert keuze["verschuiving"] is not None
    assert keuze["genest_macro_f1_met"] > keuze["genest_macro_f1_zonder"]


def test_the_nested_check_is_averaged_over_partitions_and_repeatable():
    from klachtclassificatie.classificatie import _verschuiving

    y, kansen, groepen = _scheef(n=300, seed=1)
    keuze = kies_verschuiving(y, kansen, KLASSEN, groepen)
    assert keuze["genest_herhalingen"] == _verschuiving.HERHALINGEN > 1
    assert kies_verschuiving(y, kansen, KLASSEN, groepen)["genest_macro_f1_met"] == keuze["genest_macro_f1_met"]


def test_a_shift_that_does_not_help_on_held_out_groups_is_not_used():
    rng = np.random.default_rng(2)
    y = KLASSEN[rng.integers(0, 3, 600)]
    logits = rng.normal(scale=0.8, size=(600, 3)) + 1.6 * (KLASSEN[None, :] == y[:, None])  # no lean
    kansen = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    keuze = kies_verschuiving(y, kansen, KLASSEN, rng.integers(0, 40, 600))
    assert (keuze["verschuiving"] is None) is (keuze["genest_macro_f1_met"] <= keuze["genest_macro_f1_zonder"])
    assert keuze["verschuiving"] is None


def test_too_few_groups_to_test_means_no_shift():
    y, kansen, _ = _scheef(n=60)
    keuze = kies_verschuiving(y, kansen, KLASSEN, np.arange(60) % 3)
    assert keuze["verschuiving"] is None and "te weinig groepen" in keuze["reden"]


def test_a_shifted_pipeline_gives_shifted_probabilities_and_leaves_the_original(klein_model):
    teksten = ["Mijn schuldhulpverlener reageert niet.", "De werkcoach kwam niet opdagen bij het gesprek."]
    pipeline = klein_model.pipelines["programmaonderdeel"]
    voor = pipeline.predict_proba(teksten)
    verschuiving = np.array([0.3, -0.5, 0.0, 0.4, -0.2])
    nieuw = met_verschuiving(pipeline, verschuiving)
    assert nieuw.predict_proba(teksten) == pytest.approx(verschuif(voor, verschuiving), abs=1e-9)
    assert pipeline.predict_proba(teksten) == pytest.approx(voor)
    assert nieuw.steps[1][1] is pipeline.steps[1][1]  # the feature step stays shared


def test_training_records_whether_a_shift_was_used(klein_model):
    for doel in ("categorie", "programmaonderdeel"):
        verschuiving = klein_model.kaart["doelen"][doel]["verschuiving"]
        assert verschuiving["toegepast"] is ("per_label" in verschuiving)
        assert verschuiving["gekozen_op"].startswith("alle teksten, buiten de vouw")
