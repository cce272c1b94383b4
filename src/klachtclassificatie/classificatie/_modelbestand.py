"""The model file in skops' secure format: written and read without pickle.

A pickle (or joblib) file runs whatever code it names when it is loaded, so whoever can replace
the model file and its card could run code on the coordinator's machine. A skops file is a zip
with a JSON description of the objects and plain numpy arrays. Before anything in it is built,
every type it names is compared with `VERTROUWDE_TYPEN`, the types a model of this package really
contains; a file naming any other type, or using another kind of skops node (functions, methods,
`__reduce__`), is refused.

Such a file is built by `_Bouwer`, which does what skops' own loader does for those seven kinds
of node and checks every node against the same lists once more while it builds. Importing
`skops.io` costs more than a cold suggestion's whole model (it lists every ufunc of numpy and
scipy by scanning all imported modules, and imports parts of scikit-learn a model never uses), so
skops itself is only needed to write a model, and to read a file of another skops protocol.
"""

from __future__ import annotations

import importlib
import io
import json
import sys
import zipfile
import zlib
from pathlib import Path

from klachtclassificatie.fouten import ModelError

#: Every type a saved model may contain: the scikit-learn steps of the recipe (both classifiers
#: of the grid), numpy arrays and scalars, JSON values and containers, and this package's
#: preprocessing step. Nothing else is built from a model file.
VERTROUWDE_TYPEN = (
    "builtins.bool",
    "builtins.dict",
    "builtins.float",
    "builtins.int",
    "builtins.list",
    "builtins.NoneType",
    "builtins.str",
    "builtins.tuple",
    "numpy.float64",
    "numpy.int32",
    "numpy.int64",
    "numpy.ndarray",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._TemperatureScaling",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.svm._classes.LinearSVC",
    "klachtclassificatie.classificatie._recept.TekenTfidf",
    "klachtclassificatie.classificatie._voorbewerking.NederlandseVoorbewerker",
)
#: The kinds of skops node such a model is made of. Nodes that name a function or method, or
#: rebuild an object through `__reduce__`, are not among them.
VERTROUWDE_NODES = frozenset(
    {"DictNode", "JsonNode", "ListNode", "NdArrayNode", "ObjectNode", "TupleNode", "TypeNode"}
)
_SCHEMA = "schema.json"
#: The skops protocol `_Bouwer` reads (skops 0.16 writes protocol 2); other files go through skops.
SKOPS_PROTOCOL = 2


def skops_io():
    """The module `skops.io`, imported without skops' scan of every scikit-learn estimator.

    Needed to write a model (and to read a file of another skops protocol). Importing skops.io
    builds its default list of trusted types with `sklearn.utils.all_estimators()`, which imports
    every module of scikit-learn: about 0.6 s. This package never relies on that default list: every
    file is checked against `VERTROUWDE_TYPEN` before skops reads it, and the same list is given to
    skops as trusted. So the scan answers "no estimators" while skops is imported, which can only
    make skops stricter. When skops.io is already imported, it is used as it is.
    """
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils

    alle_schatters = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda *args, **kwargs: []
    try:
        import skops.io
    finally:
        sklearn.utils.all_estimators = alle_schatters
    return skops.io


def _woordvectoren(pipelines: dict) -> dict[str, object]:
    """Every fitted TF-IDF step of the pipelines by place ("doel/naam"), shared steps once."""
    uit, gezien = {}, set()
    for doel, pipeline in pipelines.items():
        for naam, stap in pipeline.named_steps["kenmerken"].transformer_list:
            if id(stap) not in gezien and hasattr(stap, "vocabulary_"):
                gezien.add(id(stap))
                uit[f"{doel}/{naam}"] = stap
    return uit


def schrijf_modelbestand(inhoud: dict, pad: Path) -> None:
    """Write `inhoud` (pipelines and thresholds) to `pad` in skops' format, compressed.

    skops writes a dict entry by entry, with its type beside every key and value: for the
    vocabularies (tens of thousands of words and character n-grams) that made a file of 80 MB
    of description that took seconds to read. Each vocabulary is written instead as one JSON
    list of its terms in column order, and put back when the file is read.
    """
    sio = skops_io()
    vectoren = _woordvectoren(inhoud["pipelines"])
    woordenlijsten = {plaats: json.dumps(sorted(v.vocabulary_, key=v.vocabulary_.__getitem__),
                                         ensure_ascii=False)
                      for plaats, v in vectoren.items()}
    bewaard = {plaats: v.__dict__.pop("vocabulary_") for plaats, v in vectoren.items()}
    try:
        sio.dump({**inhoud, "woordenlijsten": woordenlijsten}, pad,
                 compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    finally:
        for plaats, woorden in bewaard.items():
            vectoren[plaats].vocabulary_ = woorden


def _zet_woordenlijsten_terug(inhoud: dict, pad: Path) -> None:
    woordenlijsten = inhoud.pop("woordenlijsten", {})
    try:
        for plaats, lijst in woordenlijsten.items():
            doel, naam = plaats.split("/")
            stap = dict(inhoud["pipelines"][doel].named_steps["kenmerken"].transformer_list)[naam]
            woorden = json.loads(lijst)
            # set(map(type, ...)) and dict(zip(...)): the same checks and dict as a loop and a
            # comprehension, in half the time for the 565 000 terms of the default model
            if not isinstance(woorden, list) or not set(map(type, woorden)) <= {str}:
                raise ValueError("een woordenlijst bevat iets anders dan tekst")
            stap.vocabulary_ = dict(zip(woorden, range(len(woorden)), strict=True))
    except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as fout:
        raise ModelError(f"{pad} bevat geen bruikbaar klachtmodel ({fout}); train opnieuw met "
                         "'klachten train'") from fout


def _lees_schema(ruw: bytes, pad: Path) -> tuple[zipfile.ZipFile, object]:
    """The opened skops file and its parsed description; raises ModelError when it is none."""
    try:
        archief = zipfile.ZipFile(io.BytesIO(ruw))
        return archief, json.loads(archief.read(_SCHEMA))
    except (zipfile.BadZipFile, KeyError) as fout:
        raise ModelError(
            f"{pad} is geen modelbestand in het skops-formaat van deze versie (een ouder "
            "joblib-model wordt om veiligheidsredenen niet meer geladen); train opnieuw met "
            "'klachten train'"
        ) from fout
    except (ValueError, RecursionError, OSError, EOFError, RuntimeError, NotImplementedError,
            zlib.error) as fout:
        raise ModelError(f"{pad} kan niet worden gelezen ({fout}); train opnieuw met 'klachten train'") from fout


def onvertrouwde_typen(ruw: bytes, pad: Path) -> list[str]:
    """The types and node kinds in a skops file that are not trusted, read from its description.

    Only the JSON description is read; no module is imported and no object is built.
    Raises ModelError when the bytes are not a skops file.
    """
    return _onvertrouwd(_lees_schema(ruw, pad)[1])


def _onvertrouwd(schema) -> list[str]:
    gevonden: set[str] = set()
    stapel: list[object] = [schema]
    while stapel:
        knoop = stapel.pop()
        if isinstance(knoop, list):
            stapel.extend(knoop)
            continue
        if not isinstance(knoop, dict):
            continue
        stapel.extend(knoop.values())
        if not {"__class__", "__module__", "__loader__"} & set(knoop):
            continue  # the keys of a dict's content, not a node
        module, klasse, lader = (knoop.get(k) for k in ("__module__", "__class__", "__loader__"))
        if not all(isinstance(w, str) for w in (module, klasse, lader)):
            gevonden.add(f"onvolledige beschrijving {module}.{klasse}")
            continue
        if lader not in VERTROUWDE_NODES:
            gevonden.add(f"{module}.{klasse} ({lader})")
        elif f"{module}.{klasse}" not in VERTROUWDE_TYPEN:
            gevonden.add(f"{module}.{klasse}")
    return sorted(gevonden)


def lees_modelbestand(ruw: bytes, pad: Path) -> dict:
    """The object in a skops model file, built only when every type in it is trusted.

    Raises ModelError naming the file and the untrusted types, before anything is built.
    """
    archief, schema = _lees_schema(ruw, pad)
    onbekend = _onvertrouwd(schema)
    if onbekend:
        raise ModelError(
            f"{pad} bevat {'een type dat' if len(onbekend) == 1 else 'typen die'} niet in een "
            f"klachtmodel {'hoort' if len(onbekend) == 1 else 'horen'} "
            f"({', '.join(onbekend[:5])}{', …' if len(onbekend) > 5 else ''}); "
            "het bestand wordt niet geladen. Train opnieuw met 'klachten train'"
        )
    try:
        if isinstance(schema, dict) and schema.get("protocol") == SKOPS_PROTOCOL:
            inhoud = _Bouwer(archief).bouw(schema)
        else:
            inhoud = skops_io().loads(ruw, trusted=list(VERTROUWDE_TYPEN))
    except Exception as fout:  # a damaged file can fail in many ways
        raise ModelError(f"{pad} kan niet worden geladen ({fout}); train opnieuw met 'klachten train'") from fout
    if isinstance(inhoud, dict):
        _zet_woordenlijsten_terug(inhoud, pad)
    return inhoud


class _Bouwer:
    """Builds the objects of a skops file (protocol 2) as skops' loader does, for the node kinds
    in `VERTROUWDE_NODES` only, checking each node's kind and type before it is built.

    Objects that were one object when saved (the same `__id__`) are one object again.
    """

    def __init__(self, archief: zipfile.ZipFile):
        self.archief = archief
        self.gebouwd: dict[object, object] = {}

    def bouw(self, knoop):
        if not isinstance(knoop, dict):
            raise ValueError(f"verwacht een beschrijving, gevonden: {type(knoop).__name__}")
        sleutel = knoop.get("__id__")
        if sleutel and sleutel in self.gebouwd:
            waarde = self.gebouwd[sleutel]
            if waarde is _BEZIG:
                raise ValueError("een object bevat zichzelf")
            return waarde
        lader, module, klasse = knoop["__loader__"], knoop["__module__"], knoop["__class__"]
        if lader not in VERTROUWDE_NODES or f"{module}.{klasse}" not in VERTROUWDE_TYPEN:
            raise ValueError(f"type {module}.{klasse} ({lader}) hoort niet in een klachtmodel")
        if sleutel:
            self.gebouwd[sleutel] = _BEZIG
        waarde = getattr(self, lader)(knoop, getattr(importlib.import_module(module), klasse))
        if sleutel:
            self.gebouwd[sleutel] = waarde
        return waarde

    # One method per kind of node, each as its namesake in skops.io._general and _numpy.

    def JsonNode(self, knoop, soort):
        return json.loads(knoop["content"])

    def TypeNode(self, knoop, soort):
        return soort

    def ListNode(self, knoop, soort):
        return soort([self.bouw(k) for k in knoop["content"]])

    def TupleNode(self, knoop, soort):
        inhoud = tuple(self.bouw(k) for k in knoop["content"])
        basis = soort.__bases__
        if (len(basis) == 1 and basis[0] is tuple and isinstance(velden := getattr(soort, "_fields", None), tuple)
                and all(isinstance(n, str) for n in velden)):
            return soort(*inhoud)  # a named tuple
        return inhoud

    def DictNode(self, knoop, soort):
        sleutelsoorten = self.bouw(knoop["key_types"])
        uit = soort()
        for sleutelsoort, (sleutel, waarde) in zip(sleutelsoorten, knoop["content"].items(), strict=True):
            uit[sleutelsoort(sleutel)] = self.bouw(waarde)
        return uit

    def ObjectNode(self, knoop, soort):
        # __new__ without __init__, then the saved attributes, as skops does
        instantie = soort.__new__(soort)
        if knoop.get("content") is not None:
            attributen = self.bouw(knoop["content"])
            if attributen is not None:
                if hasattr(instantie, "__setstate__"):
                    instantie.__setstate__(attributen)
                else:
                    instantie.__dict__.update(attributen)
        return instantie

    def NdArrayNode(self, knoop, soort):
        import numpy as np

        if knoop["type"] == "numpy":
            array = np.load(io.BytesIO(self.archief.read(knoop["file"])), allow_pickle=False)
            return array if soort is np.ndarray else soort(array)
        if knoop["type"] != "json":
            raise ValueError(f"onbekende soort array {knoop['type']!r}")
        vorm = self.bouw(knoop["shape"])
        elementen = [self.bouw(k) for k in knoop["content"]]
        if len(vorm) == 1:
            array = np.ndarray(shape=len(elementen), dtype="O")
            for i, element in enumerate(elementen):
                array[i] = element
            return array
        return np.array(elementen, dtype="O")


_BEZIG = object()
