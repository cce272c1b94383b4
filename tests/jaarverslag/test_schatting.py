"""The estimator of true counts from suggested counts (adjusted classify-and-count)."""

import numpy as np
import pytest

from klachtclassificatie.jaarverslag import schat


def test_estimator_recovers_known_counts():
    """On synthetic data with a known truth, the 95% intervals cover the truth in most cells."""
    rng = np.random.default_rng(7)
    verwarring = np.array([[80, 12, 8], [10, 85, 5], [6, 9, 85]], dtype=float)
    overgang = verwarring / verwarring.sum(axis=1, keepdims=True)
    gedekt = totaal = 0
    for _ in range(30):
        waar = rng.multinomial(120, [0.6, 0.3, 0.1])
        voorspeld = sum(rng.multinomial(n, overgang[i]) for i, n in enumerate(waar))
        resultaat = schat(voorspeld, [verwarring], bootstraps=300, seed=int(rng.integers(1000)))
        gedekt += int(((resultaat["laag"] <= waar) & (waar <= resultaat["hoog"])).sum())
        totaal += len(waar)
        assert resultaat["schatting"].sum() == pytest.approx(120)
    assert gedekt / totaal >= 0.85


def test_estimator_corrects_a_biased_classifier():
    verwarring = np.array([[50, 50], [0, 100]], dtype=float)  # half of class 0 suggested as 1
    resultaat = schat(np.array([20, 80]), [verwarring], bootstraps=200)
    assert resultaat["schatting"][0] == pytest.approx(40, abs=0.5)
