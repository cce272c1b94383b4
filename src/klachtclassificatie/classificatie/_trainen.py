"""Training: model selection by stratified cross-validation, thresholds, and the model card."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_predict

from klachtclassificatie.classificatie import _maten
from klachtclassificatie.classificatie._model import (
    DOELEN,
    KAARTFORMAAT,
    MODELNAAM,
    KlachtModel,
    bibliotheekversies,
)
from klachtclassificatie.classificatie._recept import (
    FOLDS,
    basisclassificator,
    fit_doelen,
    recept,
    voorbewerk_trainingsteksten,
)
from klachtclassificatie.classificatie._voorbewerking import beschrijf_spacy, kies_spacy_model

#: Candidate settings compared by cross-validation: two model families, three strengths each.
RASTER = [
    {"classificatie__estimator": ["logreg"], "classificatie__estimator__C": [10.0, 30.0, 100.0]},
    {"classificatie__estimator": ["svm"], "classificatie__estimator__C": [1.0, 3.0, 10.0]},
]
Voortgang = Callable[[str], None]


def _geen_voortgang(_: str) -> None:
    pass


def data_hash(frame: pd.DataFrame) -> str:
    """SHA-256 over the training texts and labels, in order."""
    h = hashlib.sha256()
    for rij in frame[["id", "tekst", *DOELEN]].itertuples(index=False):
        h.update("\x1f".join(map(str, rij)).encode("utf-8") + b"\x1e")
    return h.hexdigest()


def _kandidaten(raster: list[dict]) -> list[dict]:
    """Expand the grid into GridSearchCV form: classifier families become estimator objects."""
    uit = []
    for blok in raster:
        familie = blok["classificatie__estimator"][0]
        basis = basisclassificator(familie, 1.0)
        uit.append({"classificatie__estimator": [basis],
                    "classificatie__estimator__C": blok["classificatie__estimator__C"]})
    return uit


def _beschrijf(params: dict) -> dict:
    schatter = params["classificatie__estimator"]
    return {"classificator": "logreg" if type(schatter).__name__ == "LogisticRegression" else "svm",
            "C": float(params["classificatie__estimator__C"])}


def selecteer(lemmas: list[str], y: np.ndarray, *, raster: list[dict] = RASTER, folds: int = FOLDS,
              n_jobs: int = 2) -> tuple[dict, list[dict]]:
    """Pick hyper-parameters by stratified CV on macro-F1; returns the best and every candidate's score."""
    zoeker = GridSearchCV(
        recept(y, folds=folds), _kandidaten(raster), scoring="f1_macro",
        cv=StratifiedKFold(folds, shuffle=True, random_state=0), n_jobs=n_jobs, refit=False,
    )
    zoeker.fit(lemmas, y)
    resultaten = [
        {**_beschrijf(p), "macro_f1": round(float(m), 4), "sd": round(float(s), 4)}
        for p, m, s in zip(zoeker.cv_results_["params"], zoeker.cv_results_["mean_test_score"],
                           zoeker.cv_results_["std_test_score"], strict=True)
    ]
    return kies_eenvoudigste(resultaten, folds), resultaten


def kies_eenvoudigste(resultaten: list[dict], folds: int) -> dict:
    """The one-standard-error rule: the best family's most regularised C within one SE of the best.

    Differences smaller than the fold-to-fold noise say nothing; a smaller C generalises better
    to texts written by others.
    """
    beste = max(resultaten, key=lambda r: r["macro_f1"])
    grens = beste["macro_f1"] - beste["sd"] / np.sqrt(folds)
    familie = [r for r in resultaten if r["classificator"] == beste["classificator"]
               and r["macro_f1"] >= grens]
    gekozen = min(familie, key=lambda r: r["C"])
    return {"classificator": gekozen["classificator"], "C": gekozen["C"],
            "regel": "kleinste C binnen één standaardfout van de beste kandidaat"}


def train(
    annotaties: pd.DataFrame,
    *,
    spacy_model: str | None = None,
    nauwkeurigheid: float = _maten.STANDAARD_NAUWKEURIGHEID,
    raster: list[dict] = RASTER,
    folds: int = FOLDS,
    voortgang: Voortgang = _geen_voortgang,
) -> KlachtModel:
    """Train both targets on `annotaties` (columns id, tekst, categorie, programmaonderdeel)."""
    spacy_naam = kies_spacy_model(spacy_model)
    voortgang(f"Persoonsgegevens verwijderen en voorbewerken met spaCy ({spacy_naam}), "
              f"{len(annotaties)} teksten")
    voorbewerker, lemmas, _ = voorbewerk_trainingsteksten(annotaties["tekst"].tolist(),
                                                          spacy_model=spacy_naam)
    labels = {doel: annotaties[doel].to_numpy() for doel in DOELEN}
    keuzes, drempels, per_doel = {}, {}, {}
    for doel, y in labels.items():
        voortgang(f"{doel}: hyperparameters kiezen met {folds}-voudige kruisvalidatie")
        beste, vergelijking = selecteer(lemmas, y, raster=raster, folds=folds)
        keuzes[doel] = {"classificator": beste["classificator"], "C": beste["C"], "folds": folds}
        voortgang(f"{doel}: drempel kiezen op voorspellingen buiten de trainingsvouw")
        oof = cross_val_predict(recept(y, **keuzes[doel]), lemmas, y, method="predict_proba",
                                cv=StratifiedKFold(folds, shuffle=True, random_state=1), n_jobs=2)
        klassen = np.unique(y)
        drempel = _maten.kies_drempel(y, oof, klassen, nauwkeurigheid=nauwkeurigheid)
        oof_scores = _maten.scores(y, klassen[oof.argmax(axis=1)], klassen, kansen=oof,
                                   drempel=drempel["drempel"])
        drempels[doel] = drempel["drempel"]
        per_doel[doel] = {"hyperparameters": beste, "vergelijking": vergelijking,
                          "drempel": drempel, "kruisvalidatie": oof_scores}
    voortgang(f"Eindmodel trainen op alle {len(annotaties)} teksten")
    pipelines = fit_doelen(voorbewerker, lemmas, labels, keuzes)
    kaart = maak_kaart(annotaties, spacy_naam, per_doel)
    return KlachtModel(pipelines, drempels, kaart)


def maak_kaart(annotaties: pd.DataFrame, spacy_naam: str, per_doel: dict) -> dict:
    """The model card's contents (the file hash is added when the model is saved)."""
    nu = datetime.now().astimezone()
    h = data_hash(annotaties)
    return {
        "formaat": KAARTFORMAAT,
        "model": MODELNAAM,
        "versie": f"{nu:%Y%m%d-%H%M}-{h[:8]}",
        "datum": nu.isoformat(timespec="seconds"),
        "trainingsdata": {
            "bestanden": sorted(annotaties["bestand"].unique().tolist()) if "bestand" in annotaties else [],
            "sha256": h,
            "n": int(len(annotaties)),
            "per_label": {d: annotaties[d].value_counts().sort_index().to_dict() for d in DOELEN},
            "persoonsgegevens": "verwijderd vóór training (privacy.redigeer); getallen en "
                                "patronen als plaatshouder",
        },
        "spacy": beschrijf_spacy(spacy_naam),
        "bibliotheken": bibliotheekversies(),
        "doelen": per_doel,
        "testsplit": None,
    }


def train_en_bewaar(data: Path, modelpad: Path, *, spacy_model: str | None = None,
                    nauwkeurigheid: float = _maten.STANDAARD_NAUWKEURIGHEID,
                    voortgang: Voortgang = _geen_voortgang) -> KlachtModel:
    """Train on the training split of `data`, score its test split into the card, and save."""
    from klachtclassificatie.annotaties import testsplit, trainingssplit
    from klachtclassificatie.classificatie import _evaluatie
    from klachtclassificatie.classificatie._model import bewaar

    klachtmodel = train(trainingssplit(data), spacy_model=spacy_model,
                        nauwkeurigheid=nauwkeurigheid, voortgang=voortgang)
    test = testsplit(data)
    if test is not None:
        voortgang(f"Testsplit scoren ({len(test)} teksten)")
        scores = _evaluatie.evalueer_model(klachtmodel, test)
        klachtmodel.kaart["testsplit"] = {
            doel: {k: s[k] for k in ("n", "accuracy", "macro_f1", "dekking", "accuracy_zeker",
                                     "kalibratiefout", "basislijnen")}
            for doel, s in scores.items()
        }
    bewaar(klachtmodel, modelpad)
    return klachtmodel
