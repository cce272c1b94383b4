import json

import numpy as np
import pytest

from klachtclassificatie.classificatie import DOELEN, kaartpad, laad
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
    doel = tmp_path / "klachtmodel.skops"
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


def _met_kloppende_kaart(pad, klein_modelpad, **wijzigingen):
    """Give `pad` a card like the fixture's with its own SHA-256, as someone replacing both would."""
    from klachtclassificatie.classificatie import sha256

    kaart = json.loads(kaartpad(klein_modelpad).read_text(encoding="utf-8"))
    kaart.update(sha256=sha256(pad), **wijzigingen)
    kaartpad(pad).write_text(json.dumps(kaart), encoding="utf-8")


def test_a_file_that_is_not_a_skops_file_is_a_dutch_error(klein_modelpad, tmp_path):
    pad = tmp_path / "klachtmodel.skops"
    pad.write_bytes(b"geen skops")
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match="klachtmodel.skops is geen modelbestand in het skops-formaat"):
        laad(pad)


def test_a_damaged_skops_file_with_matching_card_is_a_dutch_error(klein_modelpad, tmp_path):
    import zipfile

    pad = tmp_path / "klachtmodel.skops"
    with zipfile.ZipFile(klein_modelpad) as bron, zipfile.ZipFile(pad, "w") as doel:
        for naam in bron.namelist():
            # the description survives, one array is cut short
            inhoud = bron.read(naam)
            doel.writestr(naam, inhoud if naam == "schema.json" else inhoud[: len(inhoud) // 2])
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match="klachtmodel.skops kan niet worden geladen"):
        laad(pad)


class Sabotage:
    """An object whose loading leaves a trace: what a forged model file would run."""

    def __init__(self, spoor):
        self.spoor = str(spoor)

    def __setstate__(self, staat):
        from pathlib import Path

        Path(staat["spoor"]).write_text("uitgevoerd")
        self.__dict__.update(staat)


def test_a_forged_skops_file_with_another_type_is_refused_before_it_runs(klein_model, klein_modelpad,
                                                                          tmp_path):
    import skops.io as sio

    spoor = tmp_path / "uitgevoerd.txt"
    pad = tmp_path / "klachtmodel.skops"
    sio.dump({"pipelines": {"categorie": Sabotage(spoor), "programmaonderdeel": klein_model.pipelines[
        "programmaonderdeel"]}, "drempels": klein_model.drempels}, pad)
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match=r"klachtmodel.skops bevat een type dat niet in een klachtmodel "
                                         r"hoort \(.*test_model.Sabotage\)") as fout:
        laad(pad)
    assert "klachten train" in str(fout.value)
    assert not spoor.exists()
    # the forgery is real: trusting its type does run its code
    sio.load(pad, trusted=sio.get_untrusted_types(file=pad))
    assert spoor.read_text() == "uitgevoerd"


@pytest.mark.parametrize(("gevaarlijk", "melding"), [
    ("os.system", r"\((posix|nt)\.system\)"),
    ("shutil.rmtree", r"shutil\.rmtree \(FunctionNode\)"),
    ("partial", r"functools\.partial \(PartialNode\), shutil\.rmtree \(FunctionNode\)"),
])
def test_a_skops_file_naming_a_function_is_refused(klein_model, klein_modelpad, tmp_path, gevaarlijk,
                                                   melding):
    import functools
    import os
    import shutil

    import skops.io as sio

    functie = {"os.system": os.system, "shutil.rmtree": shutil.rmtree,
               "partial": functools.partial(shutil.rmtree, str(tmp_path))}[gevaarlijk]
    pad = tmp_path / "klachtmodel.skops"
    sio.dump({"pipelines": {"categorie": functie}, "drempels": klein_model.drempels}, pad)
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match=rf"klachtmodel.skops bevat .*{melding}"):
        laad(pad)
    assert pad.exists()


def test_a_pickle_renamed_to_skops_is_refused_without_running_it(klein_modelpad, tmp_path):
    import os

    import joblib

    spoor = tmp_path / "uitgevoerd"

    class Boos:
        def __reduce__(self):
            return os.mkdir, (str(spoor),)

    pad = tmp_path / "klachtmodel.skops"
    joblib.dump({"pipelines": Boos(), "drempels": {}}, pad)
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match="geen modelbestand in het skops-formaat"):
        laad(pad)
    assert not spoor.exists()
    joblib.load(pad)  # the file does run code when unpickled
    assert spoor.is_dir()


def test_an_old_joblib_model_beside_the_default_path_gets_advice_to_retrain(tmp_path):
    (tmp_path / "klachtmodel.joblib").write_bytes(b"oud")
    with pytest.raises(ModelError, match="klachtmodel.joblib ernaast is een model in het oude "
                                         "joblib-formaat.*'klachten train'"):
        laad(tmp_path / "klachtmodel.skops")


def test_a_card_of_the_previous_format_gets_advice_to_retrain(klein_modelpad, tmp_path):
    pad = _kopie(klein_modelpad, tmp_path)
    _met_kloppende_kaart(pad, klein_modelpad, formaat=2)
    with pytest.raises(ModelError, match="oudere versie .*kaartformaat 2.*'klachten train'"):
        laad(pad)


@pytest.mark.parametrize(("inhoud", "melding"), [
    ("[]", "is geen JSON-object maar een lijst"),
    ("42", "is geen JSON-object maar een getal"),
    ('"klachtmodel"', "is geen JSON-object maar tekst"),
    ("null", "is geen JSON-object maar null"),
    ("{kapot", "is beschadigd"),
    ("[" * 100_000, "is beschadigd"),
    ("", "is beschadigd"),
    ('{"formaat": 4}', "onvolledig .*'sha256' ontbreekt"),
    ('{"formaat": "drie"}', "andere versie"),
])
def test_a_card_that_is_not_a_card_is_a_dutch_error(klein_modelpad, tmp_path, inhoud, melding):
    pad = _kopie(klein_modelpad, tmp_path)
    kaartpad(pad).write_text(inhoud, encoding="utf-8")
    with pytest.raises(ModelError, match=rf"modelkaart .*klachtmodel.json {melding}|{melding}"):
        laad(pad)


@pytest.mark.parametrize(("wijziging", "melding"), [
    ({"doelen": []}, "'doelen' is een lijst, verwacht een object"),
    ({"doelen": {"categorie": {}}}, "'doelen.programmaonderdeel' ontbreekt; 'doelen.categorie.hyperparameters' ontbreekt"),
    ({"bibliotheken": "scikit-learn"}, "'bibliotheken' is tekst, verwacht een object"),
    ({"sha256": None}, "'sha256' is null, verwacht tekst"),
])
def test_a_card_with_missing_or_wrong_keys_is_a_dutch_error(klein_modelpad, tmp_path, wijziging, melding):
    pad = _kopie(klein_modelpad, tmp_path)
    kaart = json.loads(kaartpad(pad).read_text(encoding="utf-8"))
    kaart.update(wijziging)
    kaartpad(pad).write_text(json.dumps(kaart), encoding="utf-8")
    with pytest.raises(ModelError, match="modelkaart .*klachtmodel.json is onvolledig") as fout:
        laad(pad)
    assert melding in str(fout.value)


def test_a_library_version_that_is_not_text_is_a_dutch_error(klein_modelpad, tmp_path):
    pad = _kopie(klein_modelpad, tmp_path)
    kaart = json.loads(kaartpad(pad).read_text(encoding="utf-8"))
    kaart["bibliotheken"]["skops"] = 16
    kaartpad(pad).write_text(json.dumps(kaart), encoding="utf-8")
    with pytest.raises(ModelError, match="skops 16 bij training"):
        laad(pad)


def test_a_trusted_file_without_a_model_in_it_is_refused(klein_modelpad, tmp_path):
    import skops.io as sio

    pad = tmp_path / "klachtmodel.skops"
    sio.dump({"pipelines": [], "drempels": {}}, pad)
    _met_kloppende_kaart(pad, klein_modelpad)
    with pytest.raises(ModelError, match="bevat geen klachtmodel"):
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


def test_the_fast_prediction_path_gives_exactly_the_pipelines_probabilities(klein_model):
    teksten = ["Mijn werkcoach schreeuwde tegen mij en luisterde niet.", "", "De stadspas is verkeerd verlengd.",
               "Al 12 weken geen reactie op mijn aanvraag bijzondere bijstand, bel 06-12345678."]
    ruw, _ = klein_model._kansen_en_kenmerken(klein_model.voorbewerk(teksten))
    for doel in DOELEN:
        np.testing.assert_array_equal(ruw[doel][1], klein_model.pipelines[doel].predict_proba(teksten))
        np.testing.assert_array_equal(ruw[doel][0], klein_model.pipelines[doel].classes_)


def test_the_explaining_words_are_the_largest_positive_contributions(klein_model):
    tekst = "Mijn werkcoach schreeuwde tegen mij en luisterde niet, de werkcoach was onbeschoft."
    [lemmas] = klein_model.voorbewerk([tekst])
    doel, label = "categorie", "bejegening"
    x = klein_model._woordvectoren(doel).transform([lemmas]).toarray()[0]
    bijdrage = x * klein_model._gewichten(doel, label)
    namen = klein_model._woordnamen(doel)
    verwacht = [namen[j] for j in np.argsort(-bijdrage, kind="stable")
                if bijdrage[j] > 0 and any(w not in {"de", "en", "mij", "mijn", "niet", "was", "tegen"}
                                           for w in namen[j].split())][:6]
    uit = klein_model.verklaar(lemmas, doel, label)
    assert uit and uit == verwacht
