"""A register's confirmed complaints as weighted training texts."""

import numpy as np
import pandas as pd
import pytest

from klachtclassificatie.classificatie import kalibreer, train
from klachtclassificatie.classificatie._registerleren import (
    GEWICHTEN,
    gewichtvector,
    registerteksten,
    uit_register,
)
from klachtclassificatie.fouten import ModelError
from klachtclassificatie.register import laad_klachten

from ..conftest import KLEIN_RASTER, PROJECTMAP

DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"


@pytest.fixture(scope="module")
def demo():
    return laad_klachten(DEMO)


@pytest.fixture(scope="module")
def registermodel(kleine_annotaties, demo):
    """The 30-text fixture (each text its own writer) with 40 confirmed demo complaints."""
    rijen, _ = registerteksten(demo.head(40), bron="demo.sqlite")
    return train(pd.concat([kleine_annotaties.assign(groep=kleine_annotaties["id"]), rijen], ignore_index=True),
                 raster=KLEIN_RASTER[:1], folds=3)


def test_only_confirmed_complaints_with_a_text_become_training_rows(demo):
    klachten = demo.head(30).copy()
    klachten.loc[klachten.index[:4], "labels_bevestigd"] = 0  # suggestions only
    klachten.loc[klachten.index[4], "tekst"] = "   "
    rijen, weggelaten = registerteksten(klachten, bron="r.sqlite")
    assert len(rijen) == 25
    assert weggelaten == {"labels niet bevestigd (alleen een suggestie)": 4, "zonder tekst": 1}
    assert rijen["uit_register"].all()
    assert rijen["groep"].nunique() == 25  # each complaint its own group: the folds spread them
    assert rijen["id"].iloc[0] == f"register-{klachten['klachtnummer'].iloc[5]}"


def test_texts_of_the_test_split_are_left_out(demo):
    test = pd.DataFrame({"tekst": ["  " + demo["tekst"].iloc[0].upper() + " ", "iets anders"]})
    rijen, weggelaten = registerteksten(demo.head(30), bron="r.sqlite", test=test)
    assert len(rijen) == 29
    assert weggelaten == {"tekst staat in de testsplit": 1}
    assert demo["tekst"].iloc[0] not in set(rijen["tekst"])


def test_complaints_already_exported_to_the_annotations_are_left_out(demo):
    from klachtclassificatie.privacy import redigeer

    tekst = demo["tekst"].iloc[3]  # a text with a name or number to redact
    geexporteerd = pd.DataFrame({"tekst": [redigeer(tekst).tekst]})  # the export stores redacted text
    assert geexporteerd["tekst"].iloc[0] != tekst
    rijen, weggelaten = registerteksten(demo.head(30), bron="r.sqlite", training=geexporteerd)
    assert weggelaten == {"staat al in de annotaties": 1}
    assert tekst not in set(rijen["tekst"])


def test_too_few_confirmed_complaints_is_a_dutch_refusal(demo):
    with pytest.raises(ModelError, match=r"r.sqlite heeft 19 bruikbare bevestigde klachten met tekst; .*minstens 20"):
        registerteksten(demo.head(19), bron="r.sqlite")
    klachten = demo.head(21).copy()
    klachten.loc[klachten.index[:2], "labels_bevestigd"] = 0
    with pytest.raises(ModelError, match=r"heeft 19 .* \(niet bruikbaar: labels niet bevestigd \(alleen een "
                                         r"suggestie\) 2\); er zijn er minstens 20 nodig"):
        registerteksten(klachten, bron="r.sqlite")


def test_weights_are_one_for_the_corpus():
    register = np.array([False, True, False, True])
    assert gewichtvector(register, 4.0).tolist() == [1.0, 4.0, 1.0, 4.0]
    assert uit_register(pd.DataFrame({"id": [1, 2]})).tolist() == [False, False]


def test_the_card_records_the_register_the_weight_and_the_scores_per_weight(registermodel):
    register = registermodel.kaart["register"]
    assert register["n"] == 40
    assert register["bron"] == ["demo.sqlite"]
    for doel in ("categorie", "programmaonderdeel"):
        scores = register["scores"][doel]
        assert [s["gewicht"] for s in scores] == list(GEWICHTEN)
        beste = max(s["macro_f1"] for s in scores)
        # the best score wins; a tie goes to the smallest weight
        assert register["gewicht"][doel] == min(s["gewicht"] for s in scores if s["macro_f1"] == beste)
        assert registermodel.kaart["doelen"][doel]["kruisvalidatie_register"]["n"] == 40
    assert sum(registermodel.kaart["trainingsdata"]["per_label"]["categorie"].values()) == 70


def test_a_model_trained_on_a_register_is_not_calibrated_on_it_again(registermodel, demo):
    with pytest.raises(ModelError, match="getraind met 40 bevestigde klachten"):
        kalibreer(registermodel, demo, bron="demo")


def test_register_weight_multiplies_the_weights_texts_already_have():
    register = np.array([True, False, True])
    assert gewichtvector(register, 2.0, np.array([0.5, 3.0, 1.0])).tolist() == [1.0, 3.0, 2.0]
