"""Sample weights that balance the labels among the texts written from real cases."""

import numpy as np
import pandas as pd
import pytest

from klachtclassificatie.classificatie import als_markdown, train
from klachtclassificatie.classificatie._gevalgewichten import (
    GRENZEN,
    gevalgewichten,
    per_label,
    uit_gevallen,
    zoals_bij_training,
)

from ..conftest import KLEIN_RASTER


def test_each_label_weighs_the_same_among_case_texts_and_written_texts_weigh_one():
    y = np.array(["Inkomen"] * 6 + ["SHV"] * 2 + ["Werk"] * 4 + ["SHV"] * 3)
    gevallen = np.array([True] * 12 + [False] * 3)
    w = gevalgewichten(y, gevallen)
    totalen = {label: w[gevallen & (y == label)].sum() for label in ("Inkomen", "SHV", "Werk")}
    assert totalen["Inkomen"] == pytest.approx(totalen["SHV"]) == pytest.approx(totalen["Werk"]) == pytest.approx(4)
    assert (w[~gevallen] == 1).all()
    assert per_label(y, w, gevallen) == {"Inkomen": pytest.approx(0.667, abs=1e-3), "SHV": 2.0, "Werk": 1.0}


def test_no_case_texts_no_weights_and_a_rare_label_is_capped():
    y = np.array(["a"] * 200 + ["b"])
    assert gevalgewichten(y, np.zeros(len(y), dtype=bool)) is None
    w = gevalgewichten(y, np.ones(len(y), dtype=bool))
    assert w.max() == GRENZEN[1] and w.min() >= GRENZEN[0]


def test_case_texts_are_the_rows_with_a_geval_id():
    frame = pd.DataFrame({"geval_id": ["GA-001", "", None, " GB-002 "]})
    assert uit_gevallen(frame).tolist() == [True, False, False, True]
    assert not uit_gevallen(pd.DataFrame({"tekst": ["x"]})).any()


def test_evaluation_uses_the_weights_only_when_the_card_says_training_did():
    y, gevallen = np.array(["a", "a", "b"]), np.array([True, True, True])
    assert zoals_bij_training({}, y, gevallen) is None  # an older model, trained without them
    assert zoals_bij_training({"gewichten": {}}, y, gevallen).tolist() == [0.75, 0.75, 1.5]


@pytest.fixture(scope="module")
def model_met_gevallen(kleine_annotaties):
    """The 30-text fixture with its first 12 texts marked as written from real cases."""
    frame = kleine_annotaties.assign(groep=kleine_annotaties["id"],
                                     geval_id=[f"GX-{i:03d}" if i < 12 else "" for i in range(len(kleine_annotaties))])
    return train(frame, raster=KLEIN_RASTER[:1], folds=3), frame


def test_training_weighs_the_case_texts_and_the_card_says_how(model_met_gevallen):
    model, frame = model_met_gevallen
    for doel, info in model.kaart["doelen"].items():
        gevallen = frame.head(12)[doel]
        assert set(info["gewichten"]["per_label"]) == set(gevallen)
        zeldzaamste = gevallen.value_counts().idxmin()
        assert info["gewichten"]["per_label"][zeldzaamste] == max(info["gewichten"]["per_label"].values())
    assert "Gewichten: labels in evenwicht binnen de teksten uit echte gevallen" in als_markdown(model.kaart)


def test_without_case_texts_the_card_has_no_weights(klein_model):
    assert all("gewichten" not in info for info in klein_model.kaart["doelen"].values())
