"""The training recipe: one definition of the pipeline that training ships and CV scores."""

import numpy as np
import pytest

from klachtclassificatie.classificatie import (
    DOELEN,
    build_pipeline,
    fit_doelen,
    fit_recept,
    recept,
    voorbewerk_trainingsteksten,
)
from klachtclassificatie.classificatie._recept import kalibratie_folds, keuze_uit_kaart


def test_recipe_is_features_then_calibrated_classifier():
    pipeline = recept(["a", "b"] * 10, classificator="logreg", C=10.0)
    assert [naam for naam, _ in pipeline.steps] == ["kenmerken", "classificatie"]
    assert pipeline.named_steps["classificatie"].method == "temperature"
    assert pipeline.named_steps["classificatie"].estimator.C == 10.0
    assert [naam for naam, _ in build_pipeline(["a", "b"]).steps] == ["voorbewerking", "kenmerken",
                                                                        "classificatie"]


@pytest.mark.parametrize(("per_klasse", "verwacht"), [(2, 2), (5, 4), (7, 5), (100, 5)])
def test_calibration_folds_fit_the_smallest_class(per_klasse, verwacht):
    y = ["a"] * per_klasse + ["b"] * 50
    assert kalibratie_folds(y) == verwacht


def test_unknown_classifier_is_refused():
    with pytest.raises(ValueError):
        recept(["a", "b"], classificator="boom")


def test_the_shipped_pipeline_has_the_settings_the_card_names(klein_model, kleine_annotaties):
    """Cross-validation scores `recept(y, **keuze)`; training must ship exactly that."""
    for doel in DOELEN:
        keuze = klein_model.kaart["doelen"][doel]["hyperparameters"]
        verwacht = recept(kleine_annotaties[doel].to_numpy(), classificator=keuze["classificator"],
                          C=keuze["C"], folds=3).named_steps["classificatie"].get_params()
        geleverd = klein_model.pipelines[doel].named_steps["classificatie"].get_params()
        for sleutel in ("cv", "method", "estimator__C", "estimator__class_weight"):
            assert geleverd[sleutel] == verwacht[sleutel], sleutel


def test_targets_share_one_fitted_feature_step(kleine_annotaties):
    voorbewerker, lemmas, _ = voorbewerk_trainingsteksten(kleine_annotaties["tekst"].tolist())
    labels = {doel: kleine_annotaties[doel].to_numpy() for doel in DOELEN}
    pipelines = fit_doelen(voorbewerker, lemmas, labels, dict.fromkeys(DOELEN, {"folds": 3}))
    eerste, tweede = (pipelines[d].named_steps["kenmerken"] for d in DOELEN)
    assert eerste is tweede
    # the same recipe fitted for one target alone gives the same probabilities
    los = fit_recept(lemmas, labels["categorie"], folds=3)
    assert np.allclose(los.predict_proba(lemmas[:5]),
                       pipelines["categorie"].named_steps["classificatie"].predict_proba(
                           pipelines["categorie"].named_steps["kenmerken"].transform(lemmas[:5])))


def test_training_texts_are_redacted_before_preprocessing():
    _, lemmas, geredigeerd = voorbewerk_trainingsteksten(["Mevrouw Jansen belde met 0612345678."])
    assert "Jansen" not in geredigeerd[0]
    assert "jansen" not in lemmas[0] and "ph_persoon" in lemmas[0]


def test_grouped_folds_never_split_a_group():
    from klachtclassificatie.classificatie._recept import maak_vouwen

    y = np.array(["a", "b"] * 30)
    groepen = np.repeat([f"g{i}" for i in range(12)], 5)
    vouwen, soort = maak_vouwen(y, groepen, folds=4)
    assert soort == "gegroepeerd per bron of schrijver"
    for train_i, test_i in vouwen:
        assert not set(groepen[train_i]) & set(groepen[test_i])
    assert maak_vouwen(y, None, folds=4)[1] == "gestratificeerd"


def test_out_of_fold_probabilities_are_the_recipe_fitted_per_fold(kleine_annotaties):
    from klachtclassificatie.classificatie._recept import kansen_buiten_vouw, maak_vouwen

    _, lemmas, _ = voorbewerk_trainingsteksten(kleine_annotaties["tekst"].tolist())
    y = kleine_annotaties["categorie"].to_numpy()
    vouwen, _ = maak_vouwen(y, folds=3)
    kansen = kansen_buiten_vouw(lemmas, {"categorie": y}, {"categorie": [{"C": 1.0, "folds": 3}]}, vouwen,
                                n_jobs=1)["categorie"][0]
    train_i, test_i = vouwen[0]
    los = fit_recept(lemmas[train_i], y[train_i], C=1.0, folds=3).predict_proba(lemmas[test_i])
    assert np.allclose(kansen[test_i], los)


def test_one_classifier_and_one_calibrator_per_target():
    teksten = np.array(["werkcoach boos", "uitkering laat", "werkcoach grof", "uitkering te laat"] * 5)
    y = np.array(["Bejegening", "Termijnen"] * 10)
    pipeline = fit_recept(teksten, y)
    assert len(pipeline.named_steps["classificatie"].calibrated_classifiers_) == 1


def test_character_ngrams_per_word_are_the_tfidf_vectorizer_features():
    import pickle

    from sklearn.feature_extraction.text import TfidfVectorizer

    from klachtclassificatie.classificatie._recept import TekenTfidf

    teksten = ["de werkcoach ph_getal keer bellen", "werkcoach niet bellen", "uitkering te laat",
               "de uitkering  werkcoach", "", "ÉÉN woord éénmaal"]
    instellingen = {"analyzer": "char_wb", "ngram_range": (3, 5), "min_df": 2, "sublinear_tf": True}
    nieuw, oud = TekenTfidf(**instellingen).fit(teksten), TfidfVectorizer(**instellingen).fit(teksten)
    vreemd = ["werkcoach werkcoach onbekendwoord", "niet te laat", "bellen"]
    for _ in range(2):  # the second pass reads the remembered words
        verschil = nieuw.transform(teksten + vreemd) - oud.transform(teksten + vreemd)
        assert abs(verschil).max() == 0
    assert nieuw._per_woord and "_per_woord" not in pickle.loads(pickle.dumps(nieuw)).__dict__


def test_sample_weights_reach_the_classifier_in_folds_and_in_the_final_fit():
    from klachtclassificatie.classificatie._recept import kansen_buiten_vouw

    # "boete" occurs with both labels; weighting the three "b" texts that hold it moves it to "b"
    lemmas = np.array(["boete brief", "boete brief laat", "boete brief te laat", "loket dicht",
                       "loket te dicht", "loket nooit open", "boete coach", "boete coach boos",
                       "boete coach schreeuwt", "coach boos", "coach te boos", "coach schreeuwt hard"],
                      dtype=object)
    y = np.array(["a"] * 6 + ["b"] * 6)
    zwaar = np.ones(12)
    zwaar[6:9] = 20.0
    keuze = {"classificator": "logreg", "C": 1.0}
    vouwen = [(np.arange(12)[np.arange(12) % 2 == 0], np.arange(12)[np.arange(12) % 2 == 1]),
              (np.arange(12)[np.arange(12) % 2 == 1], np.arange(12)[np.arange(12) % 2 == 0])]
    [gelijk, gewogen, geen] = kansen_buiten_vouw(
        lemmas, {"doel": y}, {"doel": [keuze | {"gewichten": np.ones(12)}, keuze | {"gewichten": zwaar}, keuze]},
        vouwen, n_jobs=1)["doel"]
    np.testing.assert_allclose(gelijk, geen)
    assert not np.allclose(gewogen, geen)
    van = {naam: fit_doelen(None, lemmas, {"doel": y}, {"doel": k})["doel"]
           for naam, k in (("gewogen", keuze | {"gewichten": zwaar}), ("geen", keuze))}
    boete_b = [p.named_steps["classificatie"].predict_proba(p.named_steps["kenmerken"].transform(["boete"]))[0, 1]
               for p in van.values()]
    assert boete_b[0] > boete_b[1]


@pytest.mark.parametrize("classificator", ["logreg", "svm"])
def test_out_of_fold_labels_are_the_first_label_of_the_calibrated_recipe(kleine_annotaties, classificator):
    from klachtclassificatie.classificatie._recept import (
        kansen_buiten_vouw,
        maak_vouwen,
        voorspellingen_buiten_vouw,
    )

    _, lemmas, _ = voorbewerk_trainingsteksten(kleine_annotaties["tekst"].tolist())
    labels = {doel: kleine_annotaties[doel].to_numpy() for doel in ("categorie", "programmaonderdeel")}
    vouwen, _ = maak_vouwen(labels["categorie"], folds=3)
    gewichten = np.linspace(0.5, 2.0, len(lemmas))
    kandidaten = {doel: [{"classificator": classificator, "C": 1.0, "folds": 3},
                         {"classificator": classificator, "C": 10.0, "gewichten": gewichten}] for doel in labels}
    kansen = kansen_buiten_vouw(lemmas, labels, kandidaten, vouwen, n_jobs=1)
    voorspeld = voorspellingen_buiten_vouw(lemmas, labels, kandidaten, vouwen, n_jobs=1)
    for doel, y in labels.items():
        for k in range(2):
            assert voorspeld[doel][k].tolist() == np.unique(y)[kansen[doel][k].argmax(axis=1)].tolist()


def test_the_settings_of_a_card_are_the_recipe_arguments_only():
    kaart = {"doelen": {"categorie": {"hyperparameters": {"classificator": "logreg", "C": 10.0, "folds": 5,
                                                           "kalibratie": "temperature"}}}}
    assert keuze_uit_kaart(kaart, "categorie") == {"classificator": "logreg", "C": 10.0}
