import json

import numpy as np
import pytest

from klachtclassificatie.classificatie import DOELEN, bewaar, kaartpad, laad
from klachtclassificatie.fouten import ModelError


def test_suggestions_are_sorted_probabilities(klein_model):
    [s] = klein_model.suggereer(["Mijn werkcoach schreeuwde tegen mij en luisterde niet."])
    for doel in DOELEN:
        kansen = s[doel].kansen
        assert kansen == sorted(kansen, reverse=True)
        assert 0 <= sum(kansen) <= 1 + 1e-9
        assert len(s[doel].labels) == 3


@pytest.mark.parametrize("tekst", ["", "   ", "Lorem ipsum dolor sit amet, consectetur adipiscing elit",
                                   "My benefit payment is late and nobody answers the phone", "123456782",
                                   "[PERSOON-1] [TELEFOON-1]"])
def test_empty_foreign_number_and_placeholder_text_goes_to_manual_review(klein_model, tekst):
    [s] = klein_model.suggereer([tekst])
    assert not s["categorie"].zeker and not s["programmaonderdeel"].zeker
    assert s["categorie"].reden


def test_a_register_label_mix_moves_the_probabilities(klein_model):
    tekst = ["Mijn werkcoach schreeuwde tegen mij en luisterde niet."]
    [gewoon] = klein_model.suggereer(tekst)
    mix = {"categorie": {"bejegening": 0.01, "informatie/nalatigheid": 0.98, "afhandelingsduur": 0.01},
           "programmaonderdeel": klein_model.trainingsmix["programmaonderdeel"]}
    [verschoven] = klein_model.met_labelmix(mix).suggereer(tekst)
    kans = dict(zip(gewoon["categorie"].labels, gewoon["categorie"].kansen, strict=True))
    verschoven_kans = dict(zip(verschoven["categorie"].labels, verschoven["categorie"].kansen, strict=True))
    assert verschoven_kans["informatie/nalatigheid"] > kans["informatie/nalatigheid"]
    assert verschoven["programmaonderdeel"].kansen == pytest.approx(gewoon["programmaonderdeel"].kansen)


def test_json_shape(klein_model):
    [s] = klein_model.suggereer(["Niemand belt terug over mijn uitkering."])
    uit = {doel: sug.als_dict() for doel, sug in s.items()}
    assert set(uit) == {"categorie", "programmaonderdeel"}
    for waarde in uit.values():
        assert set(waarde) == {"suggesties", "zeker", "set", "reden", "woorden"}
        assert waarde["set"] and set(waarde["set"]) <= {s["label"] for s in waarde["suggesties"]} | set(waarde["set"])
        assert not waarde["zeker"] or len(waarde["set"]) == 1
        assert set(waarde["suggesties"][0]) == {"label", "kans"}
        assert isinstance(waarde["zeker"], bool)


def test_save_and_load_give_identical_predictions(klein_model, klein_modelpad):
    geladen = laad(klein_modelpad)
    teksten = ["De stadspas is verkeerd verlengd.", "Mijn klacht ligt al maanden stil."]
    for doel in DOELEN:
        verwacht = klein_model.kansen(klein_model.voorbewerk(teksten), doel)[1]
        assert np.allclose(geladen.kansen(geladen.voorbewerk(teksten), doel)[1], verwacht)
    assert geladen.drempels == klein_model.drempels
    assert (klein_modelpad.with_suffix(".md")).read_text(encoding="utf-8").startswith("# Modelkaart")


def _kopie(klein_modelpad, tmp_path):
    doel = tmp_path / "klachtmodel.joblib"
    doel.write_bytes(klein_modelpad.read_bytes())
    kaartpad(doel).write_bytes(kaartpad(klein_modelpad).read_bytes())
    return doel


def test_a_tampered_model_file_is_refused(klein_modelpad, tmp_path):
    pad = _kopie(klein_modelpad, tmp_path)
    inhoud = bytearray(pad.read_bytes())
    inhoud[len(inhoud) // 2] ^= 0xFF
    pad.write_bytes(bytes(inhoud))
    with pytest.raises(ModelError, match="SHA-256"):
        laad(pad)


def test_a_model_without_card_is_refused(klein_modelpad, tmp_path):
    pad = _kopie(klein_modelpad, tmp_path)
    kaartpad(pad).unlink()
    with pytest.raises(ModelError, match="modelkaart .* ontbreekt"):
        laad(pad)


def test_incompatible_library_versions_are_refused(klein_modelpad, tmp_path):
    pad = _kopie(klein_modelpad, tmp_path)
    kaart = json.loads(kaartpad(pad).read_text(encoding="utf-8"))
    kaart["bibliotheken"]["scikit-learn"] = "0.24.2"
    kaartpad(pad).write_text(json.dumps(kaart), encoding="utf-8")
    with pytest.raises(ModelError, match="scikit-learn 0.24.2 bij training"):
        laad(pad)


def test_a_corrupt_file_with_matching_card_is_a_dutch_error(klein_model, tmp_path):
    pad = tmp_path / "klachtmodel.joblib"
    bewaar(klein_model, pad)
    pad.write_bytes(b"geen joblib")
    kaart = json.loads(kaartpad(pad).read_text(encoding="utf-8"))
    from klachtclassificatie.classificatie import sha256

    kaart["sha256"] = sha256(pad)
    kaartpad(pad).write_text(json.dumps(kaart), encoding="utf-8")
    with pytest.raises(ModelError, match="kan niet worden geladen"):
        laad(pad)


def test_card_records_what_the_issue_asks(klein_modelpad):
    kaart = json.loads(kaartpad(klein_modelpad).read_text(encoding="utf-8"))
    assert kaart["spacy"]["naam"] in ("blank:nl", "nl_core_news_sm")
    assert {"scikit-learn", "spacy", "numpy"} <= set(kaart["bibliotheken"])
    assert kaart["trainingsdata"]["n"] == 30 and len(kaart["trainingsdata"]["sha256"]) == 64
    for doel in DOELEN:
        info = kaart["doelen"][doel]
        assert {"hyperparameters", "vergelijking", "drempel", "kruisvalidatie"} <= set(info)
        assert {v["classificator"] for v in info["vergelijking"]} == {"logreg", "svm"}


def test_no_personal_data_in_the_vocabulary(tmp_path):
    """A model trained on texts with personal data keeps none of the values in its vocabularies."""
    import pandas as pd

    from klachtclassificatie.classificatie import train

    from ..conftest import FIXTURES, KLEIN_RASTER

    frame = pd.read_csv(FIXTURES / "annotaties-klein.csv")
    geplant = {
        "k01": "Groet, Johanna de Vries-Bakker, tel 06-48213377",
        "k07": "Mail me: h.oudshoorn@voorbeeldmail.nl of bel 030-6045512",
        "k13": "Mijn BSN is 111222333 en klantnummer 560312",
        "k19": "Ik woon op de Kerkstraat 14, 3431 BK Nieuwegein, IBAN NL91ABNA0417164300",
        "k25": "Met vriendelijke groet, Mustafa Yilmaz",
    }
    for nummer, toevoeging in geplant.items():
        frame.loc[frame["id"] == nummer, "tekst"] += " " + toevoeging
        # the same value twice, so min_df=2 would keep it if it reached the vectorizer
        frame.loc[frame["id"] == nummer.replace("0", "1", 1), "tekst"] += " " + toevoeging
    model = train(frame, raster=KLEIN_RASTER, folds=3)
    waarden = ["johanna", "vries-bakker", "bakker", "48213377", "oudshoorn", "voorbeeldmail", "6045512",
               "111222333", "560312", "kerkstraat", "3431", "abna", "0417164300", "mustafa", "yilmaz"]
    for doel in DOELEN:
        kenmerken = model.pipelines[doel].named_steps["kenmerken"]
        woorden = " ".join(kenmerken.transformer_list[0][1].vocabulary_)
        tekens = set(kenmerken.transformer_list[1][1].vocabulary_)
        for waarde in waarden:
            assert waarde not in woorden, waarde
            assert not any(waarde in t for t in tekens if len(t) >= 5), waarde
