"""The training recipe: how texts and labels become a fitted pipeline, in one place.

Training, cross-validation, leave-one-voice-out, the doubtful-annotation check and the benchmarks
all call these functions, so a score measured by one of them is a score of the model that
`klachten train` ships.

The recipe has two halves:
- `voorbewerk_trainingsteksten`: full redaction (names too, with deduce) followed by spaCy
  preprocessing; done once per corpus, because it is the slow part;
- `recept`: the unfitted pipeline over preprocessed texts (word and character TF-IDF and a
  calibrated linear classifier), the unit that cross-validation clones and training fits.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from klachtclassificatie.classificatie._voorbewerking import BLANCO_MODEL, NederlandseVoorbewerker

#: Folds of the model-selection cross-validation; also sets the internal calibration folds.
FOLDS = 5
#: At most this many distinct words keep their character n-grams in memory while predicting.
NGRAMCACHE = 100_000
#: The settings used when none are chosen by cross-validation.
STANDAARD_KEUZE = {"classificator": "svm", "C": 1.0}


def keuze_uit_kaart(kaart: dict, doel: str) -> dict:
    """The recipe settings (classifier and C) a model card records for `doel`."""
    return {k: kaart["doelen"][doel]["hyperparameters"][k] for k in STANDAARD_KEUZE}


class TekenTfidf(TfidfVectorizer):
    """Character n-gram TF-IDF (`char_wb`) that computes the n-grams of each distinct word once.

    `char_wb` n-grams never cross a space, so a text's counts are the sum of its words' counts.
    Fitting is TfidfVectorizer's own; `transform` looks up the vocabulary columns of every word
    form once (word forms repeat across complaints) and gives the same matrix as TfidfVectorizer.
    """

    def transform(self, raw_documents):
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if self.analyzer != "char_wb" or not hasattr(self, "vocabulary_"):
            return super().transform(raw_documents)
        cache = self.__dict__.setdefault("_per_woord", {})
        analyseer = self.build_analyzer()
        woordenboek = self.vocabulary_
        kolommen: list[int] = []
        grenzen = [0]
        for tekst in raw_documents:
            for woord in tekst.split():
                rij = cache.get(woord)
                if rij is None:
                    rij = tuple(woordenboek[g] for g in analyseer(woord) if g in woordenboek)
                    if len(cache) < NGRAMCACHE:
                        cache[woord] = rij
                kolommen.extend(rij)
            grenzen.append(len(kolommen))
        tellingen = sp.csr_matrix(
            (np.ones(len(kolommen), dtype=self.dtype), np.asarray(kolommen, dtype=np.int32),
             np.asarray(grenzen, dtype=np.int64)),
            shape=(len(grenzen) - 1, len(woordenboek)),
        )
        tellingen.sum_duplicates()
        return self._tfidf.transform(tellingen, copy=False)

    def __getstate__(self):
        staat = super().__getstate__()
        staat.pop("_per_woord", None)
        return staat


def maak_kenmerken(*, woord_ngram: tuple[int, int] = (1, 2),
                   teken_ngram: tuple[int, int] = (3, 5)) -> FeatureUnion:
    """Word (lemma) and character TF-IDF, side by side."""
    return FeatureUnion(
        [
            ("woorden", TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=woord_ngram,
                                        min_df=2, sublinear_tf=True)),
            ("tekens", TekenTfidf(analyzer="char_wb", ngram_range=teken_ngram, min_df=2,
                                       sublinear_tf=True)),
        ]
    )


def basisclassificator(classificator: str, C: float, *, random_state: int = 0):
    """The linear model before calibration; classes are weighted by inverse frequency."""
    if classificator == "logreg":
        return LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    if classificator == "svm":
        return LinearSVC(C=C, class_weight="balanced", random_state=random_state)
    raise ValueError(f"unknown classificator {classificator!r}")


def kalibratie_folds(y, folds: int = FOLDS) -> int:
    """Internal calibration folds that the smallest class can fill inside one training fold."""
    kleinste = int(np.unique(np.asarray(y), return_counts=True)[1].min())
    return max(2, min(5, kleinste * (folds - 1) // folds))


def recept(y, *, classificator: str = STANDAARD_KEUZE["classificator"], C: float = STANDAARD_KEUZE["C"],
           folds: int = FOLDS, random_state: int = 0) -> Pipeline:
    """The unfitted pipeline over preprocessed texts for labels `y`: features and calibrated model.

    Calibration is temperature scaling fitted on internal cross-validated predictions (about 0.01
    calibration error on the training folds, against 0.05 to 0.09 for Platt scaling; see the
    README), on top of one classifier fitted on all training texts (`ensemble=False`: one model
    to run per target instead of one per internal fold). `y` only sets how many internal folds
    the smallest class can fill.
    """
    basis = basisclassificator(classificator, C, random_state=random_state)
    return Pipeline(
        [
            ("kenmerken", maak_kenmerken()),
            ("classificatie", CalibratedClassifierCV(basis, method="temperature",
                                                     cv=kalibratie_folds(y, folds), ensemble=False)),
        ]
    )


def build_pipeline(y=("a", "b"), *, spacy_model: str = BLANCO_MODEL, **keuze) -> Pipeline:
    """The whole pipeline for raw texts: spaCy preprocessing followed by `recept`."""
    return Pipeline([("voorbewerking", NederlandseVoorbewerker(spacy_model=spacy_model)),
                     *recept(y, **keuze).steps])


def redigeer_trainingsteksten(teksten: list[str]) -> list[str]:
    """Full redaction (names too) so that no personal data reaches the fitted vocabularies."""
    from klachtclassificatie.privacy import redigeer

    return [redigeer(str(t)).tekst for t in teksten]


class Voorbewerkt(NamedTuple):
    """Training texts after the recipe's preprocessing."""

    voorbewerker: NederlandseVoorbewerker
    lemmas: np.ndarray
    geredigeerd: list[str]


def voorbewerk_trainingsteksten(teksten: list[str], *, spacy_model: str = BLANCO_MODEL) -> Voorbewerkt:
    """Redact fully, then lemmatise: the fitted preprocessing step and the texts as it reads them."""
    voorbewerker = NederlandseVoorbewerker(spacy_model=spacy_model)
    geredigeerd = redigeer_trainingsteksten(teksten)
    lemmas = voorbewerker.fit(geredigeerd).transform(geredigeerd)
    return Voorbewerkt(voorbewerker, np.array(lemmas, dtype=object), geredigeerd)


def fit_recept(lemmas, y, **keuze) -> Pipeline:
    """Fit the recipe for one target on preprocessed texts (`keuze` may hold `gewichten`, a
    sample weight per text)."""
    keuze, gewichten = _splits_gewichten(keuze)
    return recept(y, **keuze).fit(lemmas, y, classificatie__sample_weight=gewichten)


def _splits_gewichten(keuze: dict) -> tuple[dict, np.ndarray | None]:
    """The recipe's settings and the sample weights (key `gewichten`, one per text) apart."""
    keuze = dict(keuze)
    gewichten = keuze.pop("gewichten", None)
    return keuze, None if gewichten is None else np.asarray(gewichten, dtype=float)


def fit_doelen(voorbewerker: NederlandseVoorbewerker, lemmas, labels: dict[str, np.ndarray],
               keuzes: dict[str, dict]) -> dict[str, Pipeline]:
    """Fit the recipe for every target, sharing one fitted feature step (TF-IDF is unsupervised).

    A target's `keuze` may hold `gewichten`, a sample weight per text for its classifier.
    Returns per target the whole pipeline for raw texts, with `voorbewerker` in front. Sharing the
    feature step makes the model file smaller and lets prediction compute the features once.
    """
    kenmerken = None
    matrix = None
    uit = {}
    for doel, y in labels.items():
        keuze, gewichten = _splits_gewichten(keuzes[doel])
        pipeline = recept(y, **keuze)
        if kenmerken is None:
            kenmerken = pipeline.named_steps["kenmerken"]
            matrix = kenmerken.fit_transform(lemmas)
        pipeline.steps[0] = ("kenmerken", kenmerken)
        pipeline.named_steps["classificatie"].fit(matrix, y, sample_weight=gewichten)
        uit[doel] = Pipeline([("voorbewerking", voorbewerker), *pipeline.steps])
    return uit


def _vouw(lemmas, labels: dict[str, np.ndarray], kandidaten: dict[str, list[dict]], train_i: np.ndarray,
          test_i: np.ndarray, *, kansen: bool) -> dict[str, list[np.ndarray]]:
    """One fold: the feature step fitted once on the training part, every candidate on top.

    Per candidate the probabilities of its calibrated classifier (`kansen`), or only the labels of
    the classifier without its calibration (which never changes the first label).
    """
    kenmerken = maak_kenmerken().fit(lemmas[train_i])
    x_train, x_test = kenmerken.transform(lemmas[train_i]), kenmerken.transform(lemmas[test_i])
    uit = {}
    for doel, y in labels.items():
        uit[doel] = []
        for kandidaat in kandidaten[doel]:
            keuze, gewichten = _splits_gewichten(kandidaat)
            model = recept(y[train_i], **keuze).named_steps["classificatie"]
            if not kansen:
                model = model.estimator  # the classifier without its calibration
            model.fit(x_train, y[train_i], sample_weight=None if gewichten is None else gewichten[train_i])
            uit[doel].append(model.predict_proba(x_test) if kansen else model.predict(x_test))
    return uit


def _over_vouwen(lemmas, labels, kandidaten, vouwen, *, kansen: bool, n_jobs: int) -> list[dict]:
    """`_vouw` for every fold, the folds in parallel."""
    from joblib import Parallel, delayed

    lemmas = np.asarray(lemmas, dtype=object)
    return Parallel(n_jobs=n_jobs)(
        delayed(_vouw)(lemmas, labels, kandidaten, train_i, test_i, kansen=kansen) for train_i, test_i in vouwen
    )


def voorspellingen_buiten_vouw(lemmas, labels: dict[str, np.ndarray], kandidaten: dict[str, list[dict]],
                               vouwen: list[tuple[np.ndarray, np.ndarray]], *, n_jobs: int = 2
                               ) -> dict[str, list[np.ndarray]]:
    """Out-of-fold predicted labels of the recipe, per target and candidate setting.

    The same labels as the argmax of `kansen_buiten_vouw`, at a sixth of the cost: the recipe's
    calibration is one temperature over the classifier fitted on the whole training part, which
    never changes which label comes first, so the classifier alone is fitted (not the internal
    calibration folds). For choosing settings by macro-F1 and accuracy.
    """
    per_vouw = _over_vouwen(lemmas, labels, kandidaten, vouwen, kansen=False, n_jobs=n_jobs)
    uit = {}
    for doel, y in labels.items():
        uit[doel] = []
        for k in range(len(kandidaten[doel])):
            voorspeld = np.empty(len(y), dtype=np.asarray(y).dtype)
            for (_, test_i), vouw in zip(vouwen, per_vouw, strict=True):
                voorspeld[test_i] = vouw[doel][k]
            uit[doel].append(voorspeld)
    return uit


def kansen_buiten_vouw(lemmas, labels: dict[str, np.ndarray], kandidaten: dict[str, list[dict]],
                       vouwen: list[tuple[np.ndarray, np.ndarray]], *, n_jobs: int = 2
                       ) -> dict[str, list[np.ndarray]]:
    """Out-of-fold probabilities of the recipe, per target and candidate setting.

    Exactly what fitting `recept(y, **keuze)` on each training part and predicting its held-out
    part gives (a candidate's `gewichten`, one per text, weight its training part); the feature
    step is unsupervised, so it is fitted once per fold and shared by all targets and candidates (the slow part, made once instead of once per candidate).
    Returns per target a list (one per candidate) of arrays with a row per text, columns in the
    order of np.unique(y).
    """
    per_vouw = _over_vouwen(lemmas, labels, kandidaten, vouwen, kansen=True, n_jobs=n_jobs)
    uit = {}
    for doel, y in labels.items():
        klassen = np.unique(y)
        uit[doel] = []
        for k in range(len(kandidaten[doel])):
            kansen = np.zeros((len(y), len(klassen)))
            for (train_i, test_i), vouw in zip(vouwen, per_vouw, strict=True):
                # a class missing from a training part gets probability 0 there
                kolommen = np.searchsorted(klassen, np.unique(y[train_i]))
                kansen[np.ix_(test_i, kolommen)] = vouw[doel][k]
            uit[doel].append(kansen)
    return uit


def maak_vouwen(y, groepen=None, *, folds: int = FOLDS, seed: int = 0) -> tuple[list, str]:
    """Folds for model selection, and how they were made.

    With groups (source or writer, see `annotaties.groepen`) no group is split over training and
    validation, so a score says how the model does on a writer or source it has not seen; without
    them (or with too few groups) the folds are stratified by label.
    """
    y = np.asarray(y)
    if groepen is not None and len(set(groepen)) >= folds:
        splitser = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
        return list(splitser.split(np.zeros(len(y)), y, np.asarray(groepen))), "gegroepeerd per bron of schrijver"
    splitser = StratifiedKFold(folds, shuffle=True, random_state=seed)
    return list(splitser.split(np.zeros(len(y)), y)), "gestratificeerd"
