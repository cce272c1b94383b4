import io
import json
import zipfile

import pytest

from klachtclassificatie.classificatie._modelbestand import (
    VERTROUWDE_TYPEN,
    lees_modelbestand,
    onvertrouwde_typen,
)
from klachtclassificatie.fouten import ModelError


def _skops(schema) -> bytes:
    """A zip holding only a skops description, as a forger would write it by hand."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("schema.json", json.dumps(schema))
    return buffer.getvalue()


def _knoop(module, klasse, lader="ObjectNode", **rest):
    return {"__module__": module, "__class__": klasse, "__loader__": lader, "__id__": 1, **rest}


def test_a_saved_model_holds_only_trusted_types(klein_modelpad):
    assert onvertrouwde_typen(klein_modelpad.read_bytes(), klein_modelpad) == []


def test_the_trusted_types_are_scikit_learn_numpy_builtins_and_this_package():
    assert {t.split(".")[0] for t in VERTROUWDE_TYPEN} == {"builtins", "numpy", "sklearn",
                                                           "klachtclassificatie"}
    assert not {"builtins.eval", "builtins.exec", "builtins.getattr"} & set(VERTROUWDE_TYPEN)


def test_a_hand_written_description_is_checked_deep_inside():
    binnenin = _knoop("builtins", "dict", "DictNode", content={
        "pipelines": _knoop("sklearn.pipeline", "Pipeline", content=_knoop(
            "builtins", "dict", "DictNode", content={"steps": _knoop("os", "system", "TypeNode")}))})
    assert onvertrouwde_typen(_skops(binnenin), "m.skops") == ["os.system"]


@pytest.mark.parametrize(("knoop", "verwacht"), [
    (_knoop("sklearn.pipeline", "Pipeline", "ReduceNode"), "sklearn.pipeline.Pipeline (ReduceNode)"),
    (_knoop("sklearn.pipeline", "Pipeline", "MethodNode"), "sklearn.pipeline.Pipeline (MethodNode)"),
    ({"__module__": "os", "__class__": "system"}, "onvolledige beschrijving os.system"),
    ({"__class__": ["builtins", "dict"], "__module__": "x", "__loader__": "DictNode"},
     "onvolledige beschrijving x.['builtins', 'dict']"),
])
def test_other_kinds_of_node_and_incomplete_nodes_are_untrusted(knoop, verwacht):
    assert onvertrouwde_typen(_skops(knoop), "m.skops") == [verwacht]


def test_an_untrusted_file_is_refused_with_the_types_named():
    ruw = _skops(_knoop("builtins", "list", "ListNode", content=[
        _knoop("subprocess", "Popen"), _knoop("os", "system", "TypeNode")]))
    with pytest.raises(ModelError, match=r"m.skops bevat typen die niet in een klachtmodel horen "
                                         r"\(os.system, subprocess.Popen\)"):
        lees_modelbestand(ruw, "m.skops")


@pytest.mark.parametrize("ruw", [b"", b"\x80\x04K\x01.", _skops(None)[:30]])
def test_bytes_that_are_no_skops_file_are_a_dutch_error(ruw):
    with pytest.raises(ModelError, match="m.skops is geen modelbestand in het skops-formaat"):
        onvertrouwde_typen(ruw, "m.skops")


def test_a_zip_without_description_or_with_a_broken_one_is_a_dutch_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("anders.txt", "x")
    with pytest.raises(ModelError, match="geen modelbestand in het skops-formaat"):
        onvertrouwde_typen(buffer.getvalue(), "m.skops")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("schema.json", "{kapot")
    with pytest.raises(ModelError, match="m.skops kan niet worden gelezen"):
        onvertrouwde_typen(buffer.getvalue(), "m.skops")


def test_vocabularies_are_written_as_one_list_each_and_put_back(klein_model, klein_modelpad):
    with zipfile.ZipFile(klein_modelpad) as archief:
        schema = archief.read("schema.json").decode("utf-8")
    woorden = klein_model.pipelines["categorie"].named_steps["kenmerken"].transformer_list[0][1].vocabulary_
    # skops would write every word as a key with a node (its type, its id) as value
    assert not [w for w in woorden if f'"{w}": {{' in schema]
    from klachtclassificatie.classificatie import laad

    geladen = laad(klein_modelpad).pipelines["categorie"].named_steps["kenmerken"].transformer_list[0][1]
    assert geladen.vocabulary_ == woorden
    assert "vocabulary_" in vars(klein_model.pipelines["categorie"].named_steps["kenmerken"].transformer_list[1][1])


def test_a_word_list_that_is_not_a_list_of_words_is_a_dutch_error(klein_model, tmp_path):
    import skops.io as sio

    pad = tmp_path / "m.skops"
    sio.dump({"pipelines": klein_model.pipelines,
              "drempels": klein_model.drempels, "woordenlijsten": {"categorie/woorden": "[1, 2]"}}, pad)
    with pytest.raises(ModelError, match="m.skops bevat geen bruikbaar klachtmodel"):
        lees_modelbestand(pad.read_bytes(), pad)


def test_a_compressed_description_that_is_damaged_is_a_dutch_error(klein_modelpad):
    ruw = bytearray(klein_modelpad.read_bytes())
    with zipfile.ZipFile(klein_modelpad) as archief:
        info = archief.getinfo("schema.json")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    midden = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    ruw[midden:midden + 8] = b"\xff" * 8
    with pytest.raises(ModelError, match="m.skops (kan niet worden gelezen|is geen modelbestand)"):
        onvertrouwde_typen(bytes(ruw), "m.skops")


def test_skops_imported_without_its_estimator_scan_loads_the_same_model(klein_model, klein_modelpad):
    """In a fresh process (here skops.io may already be imported): the scan is skipped, restored
    afterwards, and the model gives the same probabilities."""
    import subprocess
    import sys

    tekst = "De uitkering is te laat betaald en niemand belt terug."
    programma = (
        "import json, sys, sklearn.utils\n"
        "echte = sklearn.utils.all_estimators\n"
        "from klachtclassificatie.classificatie._modelbestand import skops_io\n"
        "sio = skops_io()\n"
        "assert sklearn.utils.all_estimators is echte\n"
        "import skops.io._trusted_types as t\n"
        "assert t.SKLEARN_ESTIMATOR_TYPE_NAMES == []\n"
        "from klachtclassificatie.classificatie import laad\n"
        "m = laad(__import__('pathlib').Path(sys.argv[1]))\n"
        "s = m.suggereer([sys.argv[2]])[0]\n"
        "print(json.dumps({d: [s[d].labels, s[d].kansen] for d in sorted(s)}))\n"
    )
    uit = subprocess.run([sys.executable, "-c", programma, str(klein_modelpad), tekst],
                         capture_output=True, text=True, check=True)
    verwacht = klein_model.suggereer([tekst])[0]
    geladen = json.loads(uit.stdout)
    assert sorted(geladen) == sorted(verwacht)
    for doel, (labels, kansen) in geladen.items():
        assert labels == verwacht[doel].labels
        assert kansen == pytest.approx(verwacht[doel].kansen)
