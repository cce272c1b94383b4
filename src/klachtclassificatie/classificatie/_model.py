"""The classifier: one scikit-learn Pipeline per target, saved with a verified model card."""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.pipeline import Pipeline

from klachtclassificatie.bestanden import atomair_pad, schrijf_atomair
from klachtclassificatie.fouten import ModelError
from klachtclassificatie.vocabulaire import DOELEN

MODELNAAM = "klachtmodel"
#: Version of the model card's layout; a card of another version is refused with advice to retrain.
KAARTFORMAAT = 2
#: Below this share of words known to the model a text is never "zeker" (empty, foreign, noise).
MINIMUM_BEKEND = 0.4
#: Libraries whose (major, minor) version must match between training and loading.
BIBLIOTHEKEN = ("scikit-learn", "numpy", "scipy", "spacy", "joblib")


@dataclass
class Suggestie:
    """The model's answer for one text and one target."""

    labels: list[str]
    kansen: list[float]
    zeker: bool
    woorden: list[str] = field(default_factory=list)

    def als_dict(self, top: int = 3) -> dict:
        return {
            "suggesties": [{"label": lab, "kans": round(float(k), 4)}
                           for lab, k in zip(self.labels[:top], self.kansen[:top], strict=True)],
            "zeker": self.zeker,
            "woorden": self.woorden,
        }


@dataclass
class KlachtModel:
    """Both fitted pipelines, their confidence thresholds and the model card."""

    pipelines: dict[str, Pipeline]
    drempels: dict[str, float]
    kaart: dict = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

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
        """(classes, probabilities) per target; features shared between targets are made once."""
        return self._kansen_en_kenmerken(voorbewerkt)[0]

    def _kansen_en_kenmerken(self, voorbewerkt: list[str]) -> tuple[dict, dict]:
        """`alle_kansen` and the feature matrices it made, keyed by the feature step's id.

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
                    matrices[id(kenmerken)] = kenmerken.transform(voorbewerkt).tocsr()
                kalibratie = pipeline.named_steps["classificatie"]
                uit[doel] = (pipeline.classes_, kalibratie.predict_proba(matrices[id(kenmerken)]))
        return uit, matrices

    def zeker(self, voorbewerkt: list[str], per_doel: dict, *, bekend: np.ndarray | None = None
              ) -> dict[str, np.ndarray]:
        """Per target whether each top suggestion may be trusted: the text is known enough to the
        model and the top probability reaches the target's threshold (`bekend`: the texts known
        enough, when the caller has already computed it)."""
        if bekend is None:
            bekend = self.bekendheid(voorbewerkt) >= MINIMUM_BEKEND
        return {doel: bekend & (kansen.max(axis=1) >= self.drempels[doel])
                for doel, (_, kansen) in per_doel.items()}

    def suggereer(self, teksten: list[str], *, uitleg: bool = True, top: int = 3) -> list[dict[str, Suggestie]]:
        """Suggestions per target for each text: top labels with probability, certainty, words."""
        voorbewerkt = self.voorbewerk(teksten)
        per_doel, matrices = self._kansen_en_kenmerken(voorbewerkt)
        zeker = self.zeker(voorbewerkt, per_doel)
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
                suggesties[doel] = Suggestie(labels[:top], [float(kansen[i][j]) for j in volgorde[:top]],
                                             bool(zeker[doel][i]), woorden)
            uit.append(suggesties)
        return uit

    def _woordvectoren(self, doel: str):
        return self.pipelines[doel].named_steps["kenmerken"].transformer_list[0][1]

    def _woordnamen(self, doel: str) -> np.ndarray:
        sleutel = ("namen", id(self._woordvectoren(doel)))
        if sleutel not in self._cache:
            self._cache[sleutel] = self._woordvectoren(doel).get_feature_names_out()
        return self._cache[sleutel]

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
        if x.nnz == 0:
            return []
        bijdrage = x.multiply(self._gewichten(doel, label)).tocsr()
        namen = self._woordnamen(doel)
        paren = sorted(zip(bijdrage.data, bijdrage.indices, strict=True), reverse=True)
        woorden = [namen[j] for waarde, j in paren if waarde > 0 and _zegt_iets(namen[j])]
        return woorden[:aantal]


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
    """Write the joblib file, its JSON card (with the file's SHA-256) and a Markdown rendering."""
    import joblib

    from klachtclassificatie.classificatie._modelkaart import als_markdown

    modelpad = Path(modelpad)
    modelpad.parent.mkdir(parents=True, exist_ok=True)
    with atomair_pad(modelpad) as tijdelijk:
        joblib.dump({"pipelines": model.pipelines, "drempels": model.drempels}, tijdelijk, compress=3)
        model.kaart["bestand"] = modelpad.name
        model.kaart["sha256"] = sha256(tijdelijk)
        schrijf_atomair(kaartpad(modelpad), json.dumps(model.kaart, ensure_ascii=False, indent=2) + "\n")
        schrijf_atomair(modelpad.with_suffix(".md"), als_markdown(model.kaart))


def lees_kaart(modelpad: Path) -> dict:
    """The model card beside `modelpad`; raises ModelError when it is missing or unreadable."""
    pad = kaartpad(modelpad)
    if not pad.is_file():
        raise ModelError(
            f"modelkaart {pad} ontbreekt; zonder kaart wordt {Path(modelpad).name} niet geladen. "
            f"Train opnieuw met 'klachten train'"
        )
    try:
        return json.loads(pad.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as fout:
        raise ModelError(f"modelkaart {pad} is beschadigd ({fout}); train opnieuw") from fout


def _controleer_formaat(kaart: dict, modelpad: Path) -> None:
    formaat = kaart.get("formaat", 1)
    if formaat != KAARTFORMAAT:
        ouder = "een oudere" if isinstance(formaat, int) and formaat < KAARTFORMAAT else "een andere"
        raise ModelError(
            f"{modelpad} is gemaakt met {ouder} versie van klachtclassificatie (kaartformaat {formaat}, "
            f"deze versie leest {KAARTFORMAAT}); train opnieuw met 'klachten train'"
        )


def _controleer_versies(kaart: dict, modelpad: Path) -> None:
    nu = bibliotheekversies()
    verschillen = []
    for naam in BIBLIOTHEKEN:
        toen = kaart.get("bibliotheken", {}).get(naam)
        if toen is None or toen.split(".")[:2] != nu[naam].split(".")[:2]:
            verschillen.append(f"{naam} {toen} bij training, nu {nu[naam]}")
    if verschillen:
        raise ModelError(
            f"{modelpad} past niet bij de geïnstalleerde bibliotheken ({'; '.join(verschillen)}); "
            "train opnieuw met 'klachten train'"
        )


def laad(modelpad: Path) -> KlachtModel:
    """Load a model after checking its card: SHA-256 of the file and library versions.

    The file is only unpickled when its hash matches the card (joblib files execute code when
    loaded). Raises ModelError otherwise.
    """
    import joblib

    modelpad = Path(modelpad)
    if not modelpad.is_file():
        raise ModelError(f"model {modelpad} niet gevonden; train eerst met 'klachten train'")
    kaart = lees_kaart(modelpad)
    if sha256(modelpad) != kaart.get("sha256"):
        raise ModelError(
            f"{modelpad} komt niet overeen met de SHA-256 in {kaartpad(modelpad).name}: het bestand "
            "is gewijzigd of beschadigd en wordt niet geladen. Train opnieuw met 'klachten train'"
        )
    _controleer_formaat(kaart, modelpad)
    _controleer_versies(kaart, modelpad)
    try:
        inhoud = joblib.load(modelpad)
    except Exception as fout:  # a damaged file can fail in many ways
        raise ModelError(f"{modelpad} kan niet worden geladen ({fout}); train opnieuw") from fout
    return KlachtModel(inhoud["pipelines"], inhoud["drempels"], kaart)
