import numpy as np
import pytest

from klachtclassificatie.classificatie import kalibratiefout, kies_drempel, scores

KLASSEN = np.array(["a", "b"])


def test_with_a_confidence_level_the_lower_bound_must_reach_the_target():
    # all right: the 95% lower bound of n out of n is 0.05 ** (1 / n), at least 0.9 from n = 29
    for n, haalbaar in ((28, False), (29, True)):
        kansen_a = np.linspace(0.99, 0.6, n)
        keuze = kies_drempel(np.array(["a"] * n), np.c_[kansen_a, 1 - kansen_a], KLASSEN,
                             nauwkeurigheid=0.9, betrouwbaarheid=0.95)
        assert (keuze["drempel"] < 1.0) is haalbaar
        if haalbaar:
            assert keuze["ondergrens"] == pytest.approx(0.05 ** (1 / 29), abs=1e-4)
            assert keuze["accuracy_zeker"] == 1.0


def test_the_threshold_is_the_lowest_that_keeps_90_percent_right():
    # ten texts, most confident first; the two least confident are wrong
    kansen_a = np.array([0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55])
    kansen = np.c_[kansen_a, 1 - kansen_a]
    y = np.array(["a"] * 8 + ["b"] * 2)
    keuze = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9, betrouwbaarheid=None)
    # at 0.6 nine texts qualify of which eight are right (88.9%): too few; at 0.65 all eight are
    assert keuze["drempel"] == 0.65
    assert keuze["dekking"] == 0.8
    assert keuze["accuracy_zeker"] == 1.0
    assert kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.85, betrouwbaarheid=None)["drempel"] == 0.6


def test_a_margin_asks_that_much_more_of_the_held_out_texts():
    kansen_a = np.array([0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55])
    kansen = np.c_[kansen_a, 1 - kansen_a]
    y = np.array(["a"] * 8 + ["b"] * 2)
    zonder = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.85, betrouwbaarheid=None)
    met = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.85, betrouwbaarheid=None, marge=0.05)
    # 0.85 lets in the ninth text (8 of 9 right, 88.9%); 0.85 + 0.05 does not
    assert (zonder["drempel"], met["drempel"]) == (0.6, 0.65)
    assert met["doel"] == 0.85 and met["marge"] == 0.05 and zonder["marge"] == 0.0


def test_threshold_never_splits_tied_probabilities():
    kansen = np.c_[[0.9, 0.7, 0.7, 0.7], [0.1, 0.3, 0.3, 0.3]]
    y = np.array(["a", "a", "b", "b"])
    keuze = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9, betrouwbaarheid=None)
    assert keuze["drempel"] == 0.9 and keuze["dekking"] == 0.25


def test_no_threshold_reaches_the_target():
    kansen = np.c_[[0.9, 0.8], [0.1, 0.2]]
    keuze = kies_drempel(np.array(["b", "b"]), kansen, KLASSEN)
    assert keuze["drempel"] == 1.0 and keuze["dekking"] == 0.0


def test_calibration_error_is_zero_for_honest_probabilities():
    kansen = np.c_[[0.5, 0.5, 1.0, 1.0], [0.5, 0.5, 0.0, 0.0]]
    y = np.array(["a", "b", "a", "a"])
    assert kalibratiefout(y, kansen, KLASSEN) == pytest.approx(0.0)
    assert kalibratiefout(np.array(["b", "b", "b", "b"]), kansen, KLASSEN) > 0.5


def test_scores_report_every_class_and_the_confusion_matrix():
    s = scores(["a", "a", "b"], ["a", "b", "b"], ["a", "b"], kansen=np.array([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]]),
               drempel=0.7)
    assert s["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert s["verwarring"] == [[1, 1], [0, 1]]
    assert s["per_klasse"]["b"]["precisie"] == 0.5
    assert s["dekking"] == pytest.approx(0.6667, abs=1e-4)
    assert s["accuracy_zeker"] == 1.0


def test_macro_f1_averages_only_the_classes_in_the_data():
    # three classes known to the model, the data holds only a and b, all predicted right
    y = np.array(["a", "a", "b"])
    s = scores(y, y, ["a", "b", "c"])
    assert s["macro_f1"] == 1.0  # not (1 + 1 + 0) / 3
    assert s["afwezig"] == ["c"]
    # one b predicted as c: F1 a = 1, F1 b = 0; c is absent from the data and not averaged in
    s = scores(y, np.array(["a", "a", "c"]), ["a", "b", "c"])
    assert s["macro_f1"] == 0.5 and s["afwezig"] == ["c"]
    assert scores(y, y, ["a", "b"])["afwezig"] == []


def _organisaties(fout_in_enkele: bool):
    """40 organisations of 10 texts, probabilities falling; 24 of the 240 less confident texts wrong,
    all of them from 4 organisations or each from another one."""
    kansen_a = np.linspace(0.99, 0.55, 400)
    groepen = np.tile(np.arange(40), 10)  # every organisation at every level of confidence
    if fout_in_enkele:
        fout = (np.arange(400) >= 160) & np.isin(groepen, [3, 17, 29, 31])
    else:  # one in ten of the less confident texts, from 20 organisations
        fout = np.isin(np.arange(400), 160 + 10 * np.arange(24) + np.arange(24) % 10)
    return np.where(fout, "b", "a"), np.c_[kansen_a, 1 - kansen_a], groepen


def test_errors_clustered_in_a_few_organisations_lower_the_bound():
    y, kansen, groepen = _organisaties(fout_in_enkele=True)
    los = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9)
    gegroepeerd = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9, groepen=groepen)
    assert los["ondergrens_methode"] == "Clopper-Pearson"
    assert gegroepeerd["ondergrens_methode"].startswith("Clopper-Pearson en bootstrap")
    # three whole organisations wrong: a new organisation may be one of them, so the bound drops
    assert gegroepeerd["drempel"] > los["drempel"]
    assert gegroepeerd == kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9, groepen=groepen)


def test_errors_spread_over_organisations_keep_the_threshold():
    y, kansen, groepen = _organisaties(fout_in_enkele=False)
    los = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9)
    gegroepeerd = kies_drempel(y, kansen, KLASSEN, nauwkeurigheid=0.9, groepen=groepen)
    # errors spread like independent texts: the text bound is the lower one, nothing changes
    assert (gegroepeerd["drempel"], gegroepeerd["dekking"]) == (los["drempel"], los["dekking"])


def test_too_few_organisations_fall_back_to_the_text_bound():
    y, kansen, _ = _organisaties(fout_in_enkele=True)
    weinig = np.arange(400) % 5
    assert (kies_drempel(y, kansen, KLASSEN, groepen=weinig)
            == kies_drempel(y, kansen, KLASSEN))
