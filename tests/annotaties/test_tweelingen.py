"""Scenario twins: test texts that retell a training text's situation."""

import csv

import pytest

from klachtclassificatie import annotaties
from klachtclassificatie.annotaties import annotatiebestanden, controleer
from klachtclassificatie.annotaties._tweelingen import lees_tweelingen, met_tweeling
from klachtclassificatie.classificatie._evaluatie import per_testbestand
from tests.conftest import FIXTURES

KOLOMMEN = ["test_id", "train_id", "zelfde_scenario", "twijfel", "lezer", "toelichting"]


def _schrijf(pad, rijen, kolommen=KOLOMMEN):
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.writer(f)
        schrijver.writerow(kolommen)
        schrijver.writerows(rijen)


@pytest.fixture
def map_(tmp_path):
    """An annotation folder: the small fixture split into training and test, with twin judgements."""
    regels = (FIXTURES / "annotaties-klein.csv").read_text(encoding="utf-8").splitlines()
    kop, rijen = regels[0], regels[1:]
    (tmp_path / "train.csv").write_text("\n".join([kop, *rijen[:20]]) + "\n", encoding="utf-8")
    (tmp_path / "test.csv").write_text("\n".join([kop, *rijen[20:]]) + "\n", encoding="utf-8")
    _schrijf(tmp_path / "scenariotweelingen.csv",
             [["k21", "k01", "ja", "nee", "lezer-1", "zelfde gesprek"],
              ["k21", "k02", "nee", "nee", "lezer-1", ""],
              ["k22", "k03", "nee", "ja", "lezer-2", "twijfel"]])
    return tmp_path


def test_twins_file_is_no_annotation_file(map_):
    assert [p.name for p in annotatiebestanden(map_)] == ["test.csv", "train.csv"]


def test_test_split_marks_texts_with_a_twin(map_):
    test = annotaties.testsplit(map_)
    assert set(test.loc[test["scenariotweeling"], "id"]) == {"k21"}
    assert test["scenariotweeling"].sum() == 1


def test_only_judged_same_scenario_counts_as_twin(map_):
    paren, problemen = lees_tweelingen(map_ / "scenariotweelingen.csv")
    assert problemen == []
    assert met_tweeling(paren) == {"k21"}


def test_bad_values_and_repeated_pairs_are_named_by_row_and_column(map_):
    _schrijf(map_ / "scenariotweelingen.csv",
             [["k21", "k01", "misschien", "nee", "lezer-1", ""],
              ["k21", "k01", "ja", "nee", "lezer-1", ""]])
    _, problemen = lees_tweelingen(map_ / "scenariotweelingen.csv")
    meldingen = [str(p) for p in problemen]
    assert any("rij 2" in m and "zelfde_scenario" in m and "ja of nee" in m for m in meldingen)
    assert any("rij 3" in m and "ook op rij 2" in m for m in meldingen)


def test_check_reports_twins_and_refuses_unknown_ids(map_):
    controle = controleer(map_)
    assert controle.geslaagd
    assert controle.tweelingen == {"paren": 3, "zelfde_scenario": 1, "testteksten": 2, "met_tweeling": 1,
                                   "lezers": 2}
    _schrijf(map_ / "scenariotweelingen.csv", [["k99", "k21", "ja", "nee", "lezer-1", ""]])
    controle = controleer(map_)
    assert any("'k99' staat in geen testbestand" in f for f in controle.fouten)
    assert any("'k21' staat in geen trainingsbestand" in f for f in controle.fouten)


def test_missing_column_is_an_error(map_):
    _schrijf(map_ / "scenariotweelingen.csv", [["k21", "k01", "ja"]], KOLOMMEN[:3])
    assert any("twijfel" in f and "ontbreekt" in f for f in controleer(map_).fouten)


def test_test_files_are_also_scored_without_their_twins(map_, klein_model):
    scores = per_testbestand(klein_model, annotaties.testsplit(map_))
    assert set(scores) == {"test", "test zonder scenariotweeling"}
    assert scores["test"]["categorie"]["n"] == 10
    assert scores["test zonder scenariotweeling"]["categorie"]["n"] == 9


def test_folder_without_twins_file_has_no_twin_column(map_):
    (map_ / "scenariotweelingen.csv").unlink()
    assert "scenariotweeling" not in annotaties.testsplit(map_)
