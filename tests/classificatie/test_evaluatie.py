"""Evaluation as data: the result that the CLI and the web render."""

import pytest

from klachtclassificatie.classificatie import evalueer

from ..conftest import FIXTURES

SLEUTELS = {"accuracy", "macro_f1", "n", "dekking", "accuracy_zeker", "kalibratiefout", "dekkingscurve",
            "per_klasse", "verwarring", "fouten", "basislijnen"}


def test_evaluating_a_file_gives_every_key_per_target(klein_model):
    resultaat = evalueer(klein_model, data=FIXTURES / "annotaties-klein.csv")
    assert resultaat["model"] == klein_model.versie
    for doel in ("categorie", "programmaonderdeel"):
        assert set(resultaat[doel]) >= SLEUTELS
        assert resultaat[doel]["n"] == 30
        assert all("tekst" not in fout for fout in resultaat[doel]["fouten"])  # no texts in output


def test_cross_validation_on_a_folder(klein_model, tmp_path):
    (tmp_path / "train.csv").write_bytes((FIXTURES / "annotaties-klein.csv").read_bytes())
    resultaat = evalueer(klein_model, annotatiemap=tmp_path, herhalingen=1)
    kv = resultaat["kruisvalidatie"]["categorie"]
    assert kv["n"] == 30 and kv["herhalingen"] == 1
    assert 0 <= kv["model.macro_f1"]["gemiddeld"] <= 1
    assert "categorie" not in resultaat  # no test split in this folder


def test_data_or_folder_is_required(klein_model):
    with pytest.raises(ValueError):
        evalueer(klein_model)


def test_precision_at_a_register_mix_follows_bayes_rule():
    from klachtclassificatie.classificatie import precisie_bij_mix

    # held out: of 100 'a' texts 90 were suggested 'a'; of 100 'b' texts 20 were suggested 'a'
    kaart = {"doelen": {"categorie": {"kruisvalidatie": {"klassen": ["a", "b"],
                                                         "verwarring": [[90, 10], [20, 80]]}}}}
    gelijk = precisie_bij_mix(kaart, {"categorie": {"a": 0.5, "b": 0.5}})["categorie"]
    zeldzaam = precisie_bij_mix(kaart, {"categorie": {"a": 0.1, "b": 0.9}})["categorie"]
    assert gelijk["a"] == pytest.approx(0.9 / 1.1, abs=0.001)
    assert zeldzaam["a"] == pytest.approx(0.09 / (0.09 + 0.18), abs=0.001)  # a rare label: 1 in 3 right
