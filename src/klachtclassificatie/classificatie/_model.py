"""The classifier: one scikit-learn Pipeline per target, saved with a verified model card."""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.pipeline import Pipeline

from klachtclassificatie.bestanden import atomair_pad, schrijf_atomair
from klachtclassificatie.classificatie._modelbestand import lees_modelbestand, schrijf_modelbestand
from klachtclassificatie.classificatie._zekerheid import (
    STANDAARD_BETROUWBAARHEID,
    als_mix,
    pas_labelmix_aan,
    redenen_handmatig,
    registermixen,
    voorspellingssets,
)
from klachtclassificatie.fouten import ModelError
from klachtclassificatie.vocabulaire import DOELEN

MODELNAAM = "klachtmodel"
#: Version of the model card's layout; a card of another version is refused with advice to retrain.
KAARTFORMAAT = 4
#: Libraries whose (major, minor) version must match between training and loading.
BIBLIOTHEKEN = ("scikit-learn", "numpy", "scipy", "spacy", "skops")


@dataclass
class Suggestie:
    """The model's answer for one text and one target."""

    labels: list[str]
    kansen: list[float]
    zeker: bool
    woorden: list[str] = field(default_factory=list)
    #: The prediction set: the labels that together contain the right one with the stated coverage.
    set: list[str] = field(default_factory=list)
    #: Why the text must be judged by hand regardless of the probabilities, if it must.
    reden: str | None = None

    def als_dict(self, top: int = 3) -> dict:
        return {
            "suggesties": [{"label": lab, "kans": round(float(k), 4)}
                           for lab, k in zip(self.labels[:top], self.kansen[:top], strict=True)],
            "zeker": self.zeker,
            "set": self.set,
            "reden": self.reden,
            "woorden": self.woorden,
        }


@dataclass
class KlachtModel:
    """Both fitted pipelines, their confidence thresholds and the model card."""

    pipelines: dict[str, Pipeline]
    drempels: dict[str, float]
    kaart: dict = field(default_factory=dict)
    #: Per target the label mix to expect (e.g. a register's), or None for the training mix.
    labelmix: dict[str, dict[str, float]] | None = None
    #: Share of texts whose prediction set contains the right label.
    betrouwbaarheid: float = STANDAARD_BETROUWBAARHEID
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def met_labelmix(self, labelmix: dict[str, dict[str, float]] | None) -> KlachtModel:
        """The same model expecting another label mix (see `_zekerheid.registermix`)."""
        return replace(self, labelmix=labelmix, _cache=self._cache)

    def voor_register(self, klachten) -> KlachtModel:
        """The same model expecting the label mix of a register's confirmed complaints (a frame),
        shrunk toward the training mix while there are few."""
        return self.met_labelmix(registermixen(klachten, self.trainingsmix))

    @property
    def trainingsmix(self) -> dict[str, dict[str, float]]:
        """Per target the label mix of the training data, from the card."""
        return {doel: als_mix(aantallen) for doel, aantallen in self.kaart["trainingsdata"]["per_label"].items()}

    @property
    def versie(self) -> str:
        return self.kaart.get("versie", "onbekend")

    def voorbewerk(self, teksten: list[str]) -> list[str]:
        """Lemmatise once; both targets share the same preprocessing step."""
        return self.pipelines[DOELEN[0]].named_steps["voorbewerking"].transform(teksten)

    def woordposities(self, tekst: str) -> list[tuple[int, int, str]]:
        """(start, end, form) of each word of `tekst` as the model reads it, to highlight `woorden`."""
        return self.pipelines[DOELEN[0]].named_steps["voorbewerking"].posities(tekst)

    def bekendheid(self, voorbewerkt: list[str]) -> np.ndarray:
        """Share of each text's words that occur in the model's vocabulary (0 for empty texts)."""
        woordenboek = self.pipelines[DOELEN[0]].named_steps["kenmerken"].transformer_list[0][1].vocabulary_
        uit = np.zeros(len(voorbewerkt))
        for i, tekst in enumerate(voorbewerkt):
            woorden = tekst.split()
            if woorden:
                uit[i] = sum(w in woordenboek for w in woorden) / len(woorden)
        return uit

    def kansen(self, voorbewerkt: list[str], doel: str) -> tuple[np.ndarray, np.ndarray]:
        """(classes, probabilities) for preprocessed texts, for one target."""
        return self.alle_kansen(voorbewerkt)[doel]

    def alle_kansen(self, voorbewerkt: list[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """(classes, probabilities) per target, moved to the expected label mix when one is set."""
        return self._met_labelmix(self._kansen_en_kenmerken(voorbewerkt)[0])

    def _met_labelmix(self, per_doel: dict) -> dict:
        if self.labelmix is None:
            return per_doel
        return {doel: (klassen, pas_labelmix_aan(kansen, klassen, self.trainingsmix[doel], self.labelmix[doel]))
                for doel, (klassen, kansen) in per_doel.items()}

    def _kansen_en_kenmerken(self, voorbewerkt: list[str]) -> tuple[dict, dict]:
        """Probabilities per target at the training mix and the feature matrices they were made
        from, keyed by the feature step's id.

        Input checks of scikit-learn are skipped here (the matrices are the model's own output);
        for one text they cost more than the prediction itself.
        """
        from sklearn import config_context

        matrices: dict[int, object] = {}
        uit = {}
        with config_context(assume_finite=True, skip_parameter_validation=True):
            for doel in DOELEN:
                pipeline = self.pipelines[doel]
                kenmerken = pipeline.named_steps["kenmerken"]
                if id(kenmerken) not in matrices:
                    matrices[id(kenmerken)] = _kenmerkmatrix(kenmerken, voorbewerkt)
                kalibratie = pipeline.named_steps["classificatie"]
                uit[doel] = (pipeline.classes_, _gekalibreerde_kansen(kalibratie, matrices[id(kenmerken)]))
        return uit, matrices

    def kansen_en_zekerheid(self, voorbewerkt: list[str]) -> tuple[dict, Zekerheid]:
        """`alle_kansen` and, for the same texts, the `Zekerheid` of each suggestion."""
        ruw = self._kansen_en_kenmerken(voorbewerkt)[0]
        per_doel = self._met_labelmix(ruw)
        return per_doel, self._zekerheid(voorbewerkt, ruw, per_doel)

    def _zekerheid(self, voorbewerkt: list[str], ruw: dict, per_doel: dict) -> Zekerheid:
        """Reasons for manual review, prediction sets and per target whether each suggestion is
        `zeker`: the model can read the text, its prediction set holds one label, that label is
        the top suggestion and its probability reaches the target's threshold. The sets come from
        the probabilities at the training mix (`ruw`), on which they were calibrated."""
        redenen = redenen_handmatig(voorbewerkt, self.bekendheid(voorbewerkt))
        leesbaar = np.array([r is None for r in redenen], dtype=bool)
        sets, zeker = {}, {}
        for doel, (_, kansen) in per_doel.items():
            conformeel = self.kaart["doelen"][doel]["conformeel"]["nonconformiteit"]
            sets[doel] = voorspellingssets(ruw[doel][1], conformeel, betrouwbaarheid=self.betrouwbaarheid)
            top = kansen.argmax(axis=1)
            enkel = (sets[doel].sum(axis=1) == 1) & sets[doel][np.arange(len(top)), top]
            zeker[doel] = leesbaar & enkel & (kansen.max(axis=1) >= self.drempels[doel])
        return Zekerheid(zeker, sets, redenen)

    def suggereer(self, teksten: list[str], *, uitleg: bool = True, top: int = 3) -> list[dict[str, Suggestie]]:
        """Suggestions per target for each text: top labels with probability, certainty, words."""
        voorbewerkt = self.voorbewerk(teksten)
        ruw, matrices = self._kansen_en_kenmerken(voorbewerkt)
        per_doel = self._met_labelmix(ruw)
        zekerheid = self._zekerheid(voorbewerkt, ruw, per_doel)
        uit = []
        for i, lemmas in enumerate(voorbewerkt):
            suggesties = {}
            for doel, (klassen, kansen) in per_doel.items():
                volgorde = np.argsort(-kansen[i])
                labels = [str(klassen[j]) for j in volgorde]
                woorden = []
                if uitleg:
                    # the word TF-IDF columns come first in the shared feature matrix
                    matrix = matrices[id(self.pipelines[doel].named_steps["kenmerken"])]
                    x = matrix[i, : len(self._woordnamen(doel))]
                    woorden = self.verklaar(lemmas, doel, labels[0], x=x)
                in_set = [str(klassen[j]) for j in volgorde if zekerheid.sets[doel][i, j]]
                suggesties[doel] = Suggestie(labels[:top], [float(kansen[i][j]) for j in volgorde[:top]],
                                             bool(zekerheid.zeker[doel][i]), woorden, in_set,
                                             zekerheid.redenen[i])
            uit.append(suggesties)
        return uit

    def _woordvectoren(self, doel: str):
        return self.pipelines[doel].named_steps["kenmerken"].transformer_list[0][1]

    def _woordnamen(self, doel: str) -> np.ndarray:
        sleutel = ("namen", id(self._woordvectoren(doel)))
        if sleutel not in self._cache:
            self._cache[sleutel] = self._woordvectoren(doel).get_feature_names_out()
        return self._cache[sleutel]

    def _toonbaar(self, doel: str, kolom: int) -> bool:
        """Whether word feature `kolom` is worth showing (`_zegt_iets`), remembered per model.

        Worked out per feature when first needed, not for the whole vocabulary at once: a cold
        `suggereer` looks at a handful of features."""
        gezien = self._cache.setdefault(("toonbaar", id(self._woordvectoren(doel))), {})
        if kolom not in gezien:
            gezien[kolom] = _zegt_iets(self._woordnamen(doel)[kolom])
        return gezien[kolom]

    def _gewichten(self, doel: str, label: str) -> np.ndarray:
        sleutel = ("gewichten", doel, label)
        if sleutel not in self._cache:
            self._cache[sleutel] = _woordgewichten(self.pipelines[doel], label,
                                                   len(self._woordnamen(doel)))
        return self._cache[sleutel]

    def woorden_per_klasse(self, doel: str, aantal: int = 12) -> dict[str, list[str]]:
        """Per label the words (lemmas, word pairs) with the largest positive weight in the model."""
        namen = self._woordnamen(doel)
        uit = {}
        for label in self.pipelines[doel].classes_:
            gewichten = self._gewichten(doel, str(label))
            volgorde = np.argsort(-gewichten)
            uit[str(label)] = [namen[j] for j in volgorde if _zegt_iets(namen[j])][:aantal]
        return uit

    def verklaar(self, lemmas: str, doel: str, label: str, aantal: int = 6, *, x=None) -> list[str]:
        """The words (lemmas and word pairs) that weighed most towards `label` in this text.

        `x`: the text's word TF-IDF row when the caller already has it.
        """
        if x is None:
            x = self._woordvectoren(doel).transform([lemmas])
        x = x.tocsr()
        if x.nnz == 0:
            return []
        bijdrage = x.data * self._gewichten(doel, label)[x.indices]
        namen = self._woordnamen(doel)
        woorden = []
        for k in np.lexsort((-x.indices, -bijdrage)):  # largest first; ties: last column first
            if bijdrage[k] <= 0 or len(woorden) == aantal:
                break
            if self._toonbaar(doel, int(x.indices[k])):
                woorden.append(namen[x.indices[k]])
        return woorden


@dataclass
class Zekerheid:
    """For a batch of texts: per target whether each suggestion is zeker, and the prediction sets
    (a boolean per text and label, columns in the order of the classes); per text the reason for
    manual review, if any."""

    zeker: dict[str, np.ndarray]
    sets: dict[str, np.ndarray]
    redenen: list[str | None]


def _kenmerkmatrix(kenmerken, voorbewerkt: list[str]):
    """What `FeatureUnion.transform` gives (its parts side by side, as CSR), without its joblib
    dispatch, which costs more than the features of one text."""
    import scipy.sparse as sp

    if kenmerken.transformer_weights is not None or any(
            isinstance(t, str) for _, t in kenmerken.transformer_list):
        return kenmerken.transform(voorbewerkt).tocsr()
    return sp.hstack([t.transform(voorbewerkt) for _, t in kenmerken.transformer_list]).tocsr()


def _gekalibreerde_kansen(kalibratie, x) -> np.ndarray:
    """`CalibratedClassifierCV.predict_proba` for one linear model with temperature scaling.

    The same arithmetic as scikit-learn (decision function, temperature, clipping just above 1),
    without the input checks that cost more than the prediction of one text; any other
    calibration goes through scikit-learn itself.
    """
    gekalibreerd = getattr(kalibratie, "calibrated_classifiers_", [])
    if (len(gekalibreerd) != 1 or gekalibreerd[0].method != "temperature"
            or len(kalibratie.classes_) < 3 or not hasattr(gekalibreerd[0].estimator, "coef_")):
        return kalibratie.predict_proba(x)
    model = gekalibreerd[0].estimator
    beslissing = x @ model.coef_.T + model.intercept_
    kansen = gekalibreerd[0].calibrators[0].predict(np.asarray(beslissing))
    kansen[(kansen > 1.0) & (kansen <= 1.0 + 1e-5)] = 1.0
    return kansen


def _zegt_iets(kenmerk: str) -> bool:
    """Whether a word feature is worth showing: not only stop words or placeholders."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return any(w not in STOP_WORDS and not w.startswith("ph_") for w in kenmerk.split())


def _woordgewichten(pipeline: Pipeline, label: str, aantal_woorden: int) -> np.ndarray:
    """Mean coefficient of the word features for `label` over the calibration folds."""
    kalibratie = pipeline.named_steps["classificatie"]
    klasse = list(kalibratie.classes_).index(label)
    coefs = [c.estimator.coef_ for c in kalibratie.calibrated_classifiers_]
    gemiddeld = np.mean(coefs, axis=0)
    rij = gemiddeld[klasse] if gemiddeld.shape[0] > 1 else (gemiddeld[0] if klasse == 1 else -gemiddeld[0])
    return rij[:aantal_woorden]


def bibliotheekversies() -> dict[str, str]:
    versies = {naam: version(naam) for naam in BIBLIOTHEKEN}
    versies["python"] = platform.python_version()
    return versies


def sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with Path(pad).open("rb") as bestand:
        for blok in iter(lambda: bestand.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def kaartpad(modelpad: Path) -> Path:
    return Path(modelpad).with_suffix(".json")


def bewaar(model: KlachtModel, modelpad: Path) -> None:
    """Write the skops file, its JSON card (with the file's SHA-256) and a Markdown rendering."""
    from klachtclassificatie.classificatie._modelkaart import als_markdown

    modelpad = Path(modelpad)
    modelpad.parent.mkdir(parents=True, exist_ok=True)
    with atomair_pad(modelpad) as tijdelijk:
        schrijf_modelbestand({"pipelines": model.pipelines, "drempels": model.drempels}, tijdelijk)
        model.kaart["bestand"] = modelpad.name
        model.kaart["sha256"] = sha256(tijdelijk)
        schrijf_atomair(kaartpad(modelpad), json.dumps(model.kaart, ensure_ascii=False, indent=2) + "\n")
        schrijf_atomair(modelpad.with_suffix(".md"), als_markdown(model.kaart))


#: What a card must hold for loading, evaluation and the card's renderings to work: key and type.
VERPLICHT = {"formaat": int, "model": str, "versie": str, "datum": str, "sha256": str, "bibliotheken": dict,
             "spacy": dict, "trainingsdata": dict, "doelen": dict}
VERPLICHT_PER_DOEL = {"hyperparameters": dict, "drempel": dict, "kruisvalidatie": dict,
                      "vergelijking": list, "conformeel": dict}
_JSON_TYPEN = {dict: "een object", list: "een lijst", str: "tekst", int: "een getal", float: "een getal",
               bool: "waar/onwaar", type(None): "null"}


def _soort(waarde) -> str:
    return _JSON_TYPEN.get(type(waarde), type(waarde).__name__)


def _controleer_kaart(kaart, pad: Path, modelpad: Path) -> dict:
    """The card itself when it has the shape a card has; raises ModelError naming what is wrong."""
    if not isinstance(kaart, dict):
        raise ModelError(f"modelkaart {pad} is geen JSON-object maar {_soort(kaart)}; train opnieuw "
                         "met 'klachten train'")
    _controleer_formaat(kaart, modelpad)
    onderdelen = [(kaart, VERPLICHT, "")]
    doelen = kaart.get("doelen")
    if isinstance(doelen, dict):
        onderdelen += [(doelen, {doel: dict for doel in DOELEN}, "doelen.")]
        onderdelen += [(doelen[doel], VERPLICHT_PER_DOEL, f"doelen.{doel}.") for doel in DOELEN
                       if isinstance(doelen.get(doel), dict)]
    problemen = []
    for deel, verplicht, voorvoegsel in onderdelen:
        for sleutel, soort in verplicht.items():
            if sleutel not in deel:
                problemen.append(f"'{voorvoegsel}{sleutel}' ontbreekt")
            elif not isinstance(deel[sleutel], soort) or isinstance(deel[sleutel], bool):
                problemen.append(f"'{voorvoegsel}{sleutel}' is {_soort(deel[sleutel])}, "
                                 f"verwacht {_JSON_TYPEN[soort]}")
    if problemen:
        raise ModelError(f"modelkaart {pad} is onvolledig of onjuist ({'; '.join(problemen)}); train opnieuw "
                         "met 'klachten train'")
    return kaart


def lees_kaart(modelpad: Path) -> dict:
    """The model card beside `modelpad`; raises ModelError when it is missing, unreadable or
    not shaped like a card."""
    pad = kaartpad(modelpad)
    if not pad.is_file():
        raise ModelError(
            f"modelkaart {pad} ontbreekt; zonder kaart wordt {Path(modelpad).name} niet geladen. "
            f"Train opnieuw met 'klachten train'"
        )
    try:
        kaart = json.loads(pad.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as fout:
        raise ModelError(f"modelkaart {pad} is beschadigd ({fout}); train opnieuw met 'klachten train'") from fout
    except OSError as fout:
        raise ModelError(f"modelkaart {pad} kan niet worden gelezen ({fout.strerror})") from fout
    return _controleer_kaart(kaart, pad, Path(modelpad))


def _controleer_formaat(kaart: dict, modelpad: Path) -> None:
    formaat = kaart.get("formaat", 1)  # cards before the format was recorded
    if formaat != KAARTFORMAAT:
        ouder = "een oudere" if type(formaat) is int and formaat < KAARTFORMAAT else "een andere"
        raise ModelError(
            f"{modelpad} is gemaakt met {ouder} versie van klachtclassificatie (kaartformaat {formaat}, "
            f"deze versie leest {KAARTFORMAAT}); train opnieuw met 'klachten train'"
        )


def _controleer_versies(kaart: dict, modelpad: Path) -> None:
    nu = bibliotheekversies()
    verschillen = []
    for naam in BIBLIOTHEKEN:
        toen = kaart["bibliotheken"].get(naam)
        if not isinstance(toen, str) or toen.split(".")[:2] != nu[naam].split(".")[:2]:
            verschillen.append(f"{naam} {toen} bij training, nu {nu[naam]}")
    if verschillen:
        raise ModelError(
            f"{modelpad} past niet bij de geïnstalleerde bibliotheken ({'; '.join(verschillen)}); "
            "train opnieuw met 'klachten train'"
        )


def _niet_gevonden(modelpad: Path) -> ModelError:
    oud = modelpad.with_suffix(".joblib")
    if modelpad.suffix != ".joblib" and oud.is_file():
        return ModelError(
            f"model {modelpad} niet gevonden; {oud.name} ernaast is een model in het oude "
            "joblib-formaat, dat om veiligheidsredenen niet meer wordt geladen. Train opnieuw met "
            "'klachten train'"
        )
    return ModelError(f"model {modelpad} niet gevonden; train eerst met 'klachten train'")


def _controleer_inhoud(inhoud, modelpad: Path) -> None:
    pipelines = inhoud.get("pipelines") if isinstance(inhoud, dict) else None
    drempels = inhoud.get("drempels") if isinstance(inhoud, dict) else None
    if not (isinstance(pipelines, dict) and isinstance(drempels, dict)
            and all(isinstance(pipelines.get(doel), Pipeline) for doel in DOELEN)
            and all(isinstance(drempels.get(doel), float) for doel in DOELEN)):
        raise ModelError(f"{modelpad} bevat geen klachtmodel (pijplijn en drempel per doel); "
                         "train opnieuw met 'klachten train'")


def laad(modelpad: Path) -> KlachtModel:
    """Load a model after checking its card: shape and format, the file's SHA-256, library versions.

    The file is read once; its bytes are hashed, and only built when every type named in them is
    trusted (see `_modelbestand`). Raises ModelError otherwise.
    """
    modelpad = Path(modelpad)
    if not modelpad.is_file():
        raise _niet_gevonden(modelpad)
    kaart = lees_kaart(modelpad)
    try:
        ruw = modelpad.read_bytes()
    except OSError as fout:
        raise ModelError(f"{modelpad} kan niet worden gelezen ({fout.strerror})") from fout
    if hashlib.sha256(ruw).hexdigest() != kaart["sha256"]:
        raise ModelError(
            f"{modelpad} komt niet overeen met de SHA-256 in {kaartpad(modelpad).name}: het bestand "
            "is gewijzigd of beschadigd en wordt niet geladen. Train opnieuw met 'klachten train'"
        )
    _controleer_versies(kaart, modelpad)
    inhoud = lees_modelbestand(ruw, modelpad)
    _controleer_inhoud(inhoud, modelpad)
    return KlachtModel(inhoud["pipelines"], inhoud["drempels"], kaart)
