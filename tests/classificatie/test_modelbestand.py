import io
import json
import zipfile

import pytest

from klachtclassificatie.classificatie import _modelbestand
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


TEKST = "De uitkering is te laat betaald en niemand belt terug."


def _suggestie_in_vers_proces(modelpad, *, voor: str = "", na: str = "") -> dict:
    """Load the model at `modelpad` in a fresh process and suggest labels for TEKST; the code
    `voor` runs before loading, `na` after suggesting. Returns labels and probabilities per target."""
    import subprocess
    import sys

    programma = ("import json, sys\n" + voor
                 + "from klachtclassificatie.classificatie import laad\n"
                 "m = laad(__import__('pathlib').Path(sys.argv[1]))\n"
                 "s = m.suggereer([sys.argv[2]])[0]\n" + na
                 + "print(json.dumps({d: [s[d].labels, s[d].kansen] for d in sorted(s)}))\n")
    uit = subprocess.run([sys.executable, "-c", programma, str(modelpad), TEKST],
                         capture_output=True, text=True, check=True)
    return json.loads(uit.stdout)


def test_skops_imported_without_its_estimator_scan_loads_the_same_model(klein_model, klein_modelpad):
    """In a fresh process (here skops.io may already be imported): the scan is skipped, restored
    afterwards, and the model gives the same probabilities."""
    voor = ("import sklearn.utils\n"
            "echte = sklearn.utils.all_estimators\n"
            "from klachtclassificatie.classificatie._modelbestand import skops_io\n"
            "sio = skops_io()\n"
            "assert sklearn.utils.all_estimators is echte\n"
            "import skops.io._trusted_types as t\n"
            "assert t.SKLEARN_ESTIMATOR_TYPE_NAMES == []\n")
    geladen = _suggestie_in_vers_proces(klein_modelpad, voor=voor)
    verwacht = klein_model.suggereer([TEKST])[0]
    assert sorted(geladen) == sorted(verwacht)
    for doel, (labels, kansen) in geladen.items():
        assert labels == verwacht[doel].labels
        assert kansen == pytest.approx(verwacht[doel].kansen)


def _gelijk(eigen, door_skops, pad="", gezien=None) -> None:
    """The same objects: types, values, arrays (with dtype) and attributes, all the way down, and
    objects shared in one shared the same way in the other."""
    import numpy as np

    gezien = {} if gezien is None else gezien
    assert type(eigen) is type(door_skops), pad
    if id(eigen) in gezien:
        assert gezien[id(eigen)] is door_skops, pad
        return
    gezien[id(eigen)] = door_skops
    if isinstance(eigen, np.ndarray):
        assert (eigen.dtype, eigen.shape) == (door_skops.dtype, door_skops.shape), pad
        if eigen.dtype == object:
            for i, (a, b) in enumerate(zip(eigen.ravel(), door_skops.ravel(), strict=True)):
                _gelijk(a, b, f"{pad}[{i}]", gezien)
        else:
            assert np.array_equal(eigen, door_skops, equal_nan=True), pad
    elif isinstance(eigen, dict):
        assert list(eigen) == list(door_skops), pad
        for sleutel in eigen:
            _gelijk(eigen[sleutel], door_skops[sleutel], f"{pad}.{sleutel}", gezien)
    elif isinstance(eigen, list | tuple):
        assert len(eigen) == len(door_skops), pad
        for i, (a, b) in enumerate(zip(eigen, door_skops, strict=True)):
            _gelijk(a, b, f"{pad}[{i}]", gezien)
    elif hasattr(eigen, "__dict__") and not isinstance(eigen, type):
        _gelijk(vars(eigen), vars(door_skops), f"{pad}.__dict__", gezien)
    else:
        assert eigen == door_skops or (eigen != eigen and door_skops != door_skops), pad


def test_a_model_file_is_built_into_the_same_objects_as_skops_builds(klein_modelpad):
    ruw = klein_modelpad.read_bytes()
    door_skops = _modelbestand.skops_io().loads(ruw, trusted=list(VERTROUWDE_TYPEN))
    _modelbestand._zet_woordenlijsten_terug(door_skops, klein_modelpad)
    eigen = lees_modelbestand(ruw, klein_modelpad)
    _gelijk(eigen, door_skops)
    assert eigen["pipelines"]["categorie"].named_steps["voorbewerking"] is not None


def test_loading_a_model_does_not_import_skops(klein_model, klein_modelpad):
    """In a fresh process: skops is only needed to write a model; the probabilities are the same."""
    na = "assert not [n for n in sys.modules if n.startswith('skops')], 'skops geimporteerd'\n"
    geladen = _suggestie_in_vers_proces(klein_modelpad, na=na)
    verwacht = klein_model.suggereer([TEKST])[0]
    assert geladen == {d: [verwacht[d].labels, verwacht[d].kansen] for d in sorted(verwacht)}


def test_a_file_of_another_skops_protocol_is_read_by_skops(klein_modelpad, monkeypatch):
    with zipfile.ZipFile(klein_modelpad) as archief:
        delen = {naam: archief.read(naam) for naam in archief.namelist()}
    schema = json.loads(delen["schema.json"])
    schema["protocol"] = 1
    delen["schema.json"] = json.dumps(schema).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud in delen.items():
            archief.writestr(naam, inhoud)

    def niet_zelf(self, knoop):
        raise AssertionError("protocol 1 hoort bij skops")

    monkeypatch.setattr(_modelbestand._Bouwer, "bouw", niet_zelf)
    inhoud = lees_modelbestand(buffer.getvalue(), klein_modelpad)
    assert set(inhoud) == {"pipelines", "drempels"}


def _bouw(knoop):
    return _modelbestand._Bouwer(zipfile.ZipFile(io.BytesIO(_skops(knoop)))).bouw(knoop)


def test_the_builder_checks_every_node_itself():
    """Even without the check of the whole description first, nothing untrusted is imported."""
    with pytest.raises(ValueError, match="os.system"):
        _bouw(_knoop("builtins", "list", "ListNode", content=[{**_knoop("os", "system", "TypeNode"), "__id__": 2}]))
    with pytest.raises(ValueError, match=r"sklearn.pipeline.Pipeline \(ReduceNode\)"):
        _bouw(_knoop("sklearn.pipeline", "Pipeline", "ReduceNode"))


def test_one_object_saved_twice_is_one_object_and_an_object_inside_itself_is_refused():
    def lijst(ident, inhoud):
        return {**_knoop("builtins", "list", "ListNode", content=inhoud), "__id__": ident}

    binnen = lijst(7, [{**_knoop("builtins", "int", "JsonNode", content="1"), "__id__": 8}])
    buiten = _bouw(lijst(6, [binnen, binnen]))
    assert buiten == [[1], [1]] and buiten[0] is buiten[1]
    with pytest.raises(ValueError, match="bevat zichzelf"):
        _bouw(lijst(6, [lijst(6, [])]))


def test_a_model_file_with_a_damaged_node_is_a_dutch_error(klein_modelpad):
    with zipfile.ZipFile(klein_modelpad) as archief:
        delen = {naam: archief.read(naam) for naam in archief.namelist()}
    schema = json.loads(delen["schema.json"])
    del schema["content"]["drempels"]["key_types"]
    delen["schema.json"] = json.dumps(schema).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud in delen.items():
            archief.writestr(naam, inhoud)
    with pytest.raises(ModelError, match="m.skops kan niet worden geladen"):
        lees_modelbestand(buffer.getvalue(), "m.skops")
