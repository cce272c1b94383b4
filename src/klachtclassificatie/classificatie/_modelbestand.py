"""The model file in skops' secure format: written and read without pickle.

A pickle (or joblib) file runs whatever code it names when it is loaded, so whoever can replace
the model file and its card could run code on the coordinator's machine. A skops file is a zip
with a JSON description of the objects and plain numpy arrays. Before anything in it is built,
every type it names is compared with `VERTROUWDE_TYPEN`, the types a model of this package really
contains; a file naming any other type, or using another kind of skops node (functions, methods,
`__reduce__`), is refused. skops then audits the file once more while loading (its own trusted
types and this list).
"""

from __future__ import annotations

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


def skops_io():
    """The module `skops.io`, imported without skops' scan of every scikit-learn estimator.

    Importing skops.io builds its default list of trusted types with
    `sklearn.utils.all_estimators()`, which imports every module of scikit-learn: about 0.6 s, a
    fifth of a cold `klachten suggereer`. This package never relies on that default list: every
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
            if not isinstance(woorden, list) or not all(isinstance(w, str) for w in woorden):
                raise ValueError("een woordenlijst bevat iets anders dan tekst")
            stap.vocabulary_ = {woord: i for i, woord in enumerate(woorden)}
    except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as fout:
        raise ModelError(f"{pad} bevat geen bruikbaar klachtmodel ({fout}); train opnieuw met "
                         "'klachten train'") from fout


def onvertrouwde_typen(ruw: bytes, pad: Path) -> list[str]:
    """The types and node kinds in a skops file that are not trusted, read from its description.

    Only the JSON description is read; no module is imported and no object is built.
    Raises ModelError when the bytes are not a skops file.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(ruw)) as archief:
            schema = json.loads(archief.read(_SCHEMA))
    except (zipfile.BadZipFile, KeyError) as fout:
        raise ModelError(
            f"{pad} is geen modelbestand in het skops-formaat van deze versie (een ouder "
            "joblib-model wordt om veiligheidsredenen niet meer geladen); train opnieuw met "
            "'klachten train'"
        ) from fout
    except (ValueError, RecursionError, OSError, EOFError, RuntimeError, NotImplementedError,
            zlib.error) as fout:
        raise ModelError(f"{pad} kan niet worden gelezen ({fout}); train opnieuw met 'klachten train'") from fout
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
    onbekend = onvertrouwde_typen(ruw, pad)
    if onbekend:
        raise ModelError(
            f"{pad} bevat {'een type dat' if len(onbekend) == 1 else 'typen die'} niet in een "
            f"klachtmodel {'hoort' if len(onbekend) == 1 else 'horen'} "
            f"({', '.join(onbekend[:5])}{', …' if len(onbekend) > 5 else ''}); "
            "het bestand wordt niet geladen. Train opnieuw met 'klachten train'"
        )
    sio = skops_io()
    try:
        inhoud = sio.loads(ruw, trusted=list(VERTROUWDE_TYPEN))
    except Exception as fout:  # a damaged file can fail in many ways
        raise ModelError(f"{pad} kan niet worden geladen ({fout}); train opnieuw met 'klachten train'") from fout
    if isinstance(inhoud, dict):
        _zet_woordenlijsten_terug(inhoud, pad)
    return inhoud
