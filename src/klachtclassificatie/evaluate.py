"""How accurate the classifier is: metrics, confidence thresholds, calibration and baselines."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

#: Suggestions above the threshold must be right at least this often (configurable).
STANDAARD_NAUWKEURIGHEID = 0.90


def _hoogste_en_goed(y_waar, kansen: np.ndarray, klassen) -> tuple[np.ndarray, np.ndarray]:
    """Per text the top probability and whether the top suggestion is right."""
    return kansen.max(axis=1), np.asarray(klassen)[kansen.argmax(axis=1)] == np.asarray(y_waar)


def _zekerste_eerst(hoogste: np.ndarray, goed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order texts by top probability, highest first, with the accuracy of each leading part."""
    volgorde = np.argsort(-hoogste, kind="stable")
    return volgorde, np.cumsum(goed[volgorde]) / np.arange(1, len(goed) + 1)


def kies_drempel(y_waar, kansen: np.ndarray, klassen, *, nauwkeurigheid: float = STANDAARD_NAUWKEURIGHEID) -> dict:
    """The lowest top-probability threshold at which suggestions are right >= `nauwkeurigheid`.

    Chosen on held-out (out-of-fold) predictions. Returns the threshold with the coverage (share
    of texts at or above it) and the accuracy there; when no threshold reaches the target, the
    threshold is 1.0 (everything goes to manual review).
    """
    hoogste, goed = _hoogste_en_goed(y_waar, kansen, klassen)
    volgorde, nauwkeurig = _zekerste_eerst(hoogste, goed)
    # a threshold may only sit where the probability changes, so ties go together
    grenzen = np.r_[hoogste[volgorde][1:] < hoogste[volgorde][:-1], True]
    kandidaten = np.flatnonzero(grenzen & (nauwkeurig >= nauwkeurigheid))
    if len(kandidaten) == 0:
        return {"drempel": 1.0, "dekking": 0.0, "accuracy_zeker": None, "doel": nauwkeurigheid}
    k = kandidaten[-1]
    return {
        "drempel": round(float(hoogste[volgorde][k]), 4),
        "dekking": round(float((k + 1) / len(volgorde)), 4),
        "accuracy_zeker": round(float(nauwkeurig[k]), 4),
        "doel": nauwkeurigheid,
    }


def kalibratiecurve(y_waar, kansen: np.ndarray, klassen, *, bakken: int = 10) -> list[dict]:
    """Per bin of top probability (equal width): mean probability, observed accuracy and count."""
    hoogste, goed = _hoogste_en_goed(y_waar, kansen, klassen)
    randen = np.linspace(0, 1, bakken + 1)
    uit = []
    for laag, hoog in zip(randen[:-1], randen[1:], strict=True):
        in_bak = (hoogste > laag) & (hoogste <= hoog)
        if in_bak.any():
            uit.append({"kans": float(hoogste[in_bak].mean()), "juist": float(goed[in_bak].mean()),
                        "n": int(in_bak.sum())})
    return uit


def kalibratiefout(y_waar, kansen: np.ndarray, klassen, *, bakken: int = 10) -> float:
    """Expected calibration error of the top probability: the bins' gaps, weighted by size."""
    curve = kalibratiecurve(y_waar, kansen, klassen, bakken=bakken)
    totaal = sum(b["n"] for b in curve)
    return float(sum(b["n"] / totaal * abs(b["juist"] - b["kans"]) for b in curve)) if totaal else 0.0


def dekkingscurve(y_waar, kansen: np.ndarray, klassen) -> list[dict]:
    """Accuracy against coverage when only the most confident suggestions are kept."""
    hoogste, goed = _hoogste_en_goed(y_waar, kansen, klassen)
    volgorde, nauwkeurig = _zekerste_eerst(hoogste, goed)
    stappen = np.unique(np.linspace(0, len(goed) - 1, min(len(goed), 50)).astype(int))
    return [{"dekking": float((i + 1) / len(goed)), "accuracy": float(nauwkeurig[i]),
             "drempel": float(hoogste[volgorde][i])} for i in stappen]


def scores(y_waar, y_voorspeld, klassen, *, kansen: np.ndarray | None = None,
           drempel: float | None = None) -> dict:
    """Accuracy, macro-F1, per-class scores and confusion matrix; with probabilities also the
    coverage and accuracy at the threshold and the calibration error."""
    y_waar, y_voorspeld = np.asarray(y_waar), np.asarray(y_voorspeld)
    klassen = [str(k) for k in klassen]
    precisie, recall, f1, steun = precision_recall_fscore_support(
        y_waar, y_voorspeld, labels=klassen, zero_division=0
    )
    uit = {
        "n": int(len(y_waar)),
        "accuracy": round(float(accuracy_score(y_waar, y_voorspeld)), 4),
        "macro_f1": round(float(f1_score(y_waar, y_voorspeld, labels=klassen, average="macro",
                                         zero_division=0)), 4),
        "per_klasse": {
            k: {"precisie": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
                "n": int(s)}
            for k, p, r, f, s in zip(klassen, precisie, recall, f1, steun, strict=True)
        },
        "klassen": klassen,
        "verwarring": confusion_matrix(y_waar, y_voorspeld, labels=klassen).tolist(),
    }
    if kansen is not None and drempel is not None:
        zeker = kansen.max(axis=1) >= drempel
        uit["drempel"] = drempel
        uit["dekking"] = round(float(zeker.mean()), 4)
        uit["accuracy_zeker"] = (round(float((y_voorspeld[zeker] == y_waar[zeker]).mean()), 4)
                                 if zeker.any() else None)
        uit["kalibratiefout"] = round(kalibratiefout(y_waar, kansen, klassen), 4)
    return uit


def _basislijnen(doel: str, y_waar, teksten: list[str], meest: str) -> dict:
    from klachtclassificatie.baseline import TrefwoordRegels

    klassen = sorted(set(y_waar) | {meest})
    regels = TrefwoordRegels(doel).fit(teksten, [meest])  # falls back on the majority class
    return {
        "meest_voorkomend": _kort(scores(y_waar, [meest] * len(y_waar), klassen)),
        "trefwoorden": _kort(scores(y_waar, regels.predict(teksten), klassen)),
    }


def _kort(s: dict) -> dict:
    return {k: s[k] for k in ("accuracy", "macro_f1", "n")}


def evalueer_model(model, frame) -> dict:
    """Score a trained model on labelled texts (columns tekst, categorie, programmaonderdeel)."""
    from klachtclassificatie.model import DOELEN

    teksten = frame["tekst"].astype(str).tolist()
    per_doel = model.alle_kansen(model.voorbewerk(teksten))
    uit = {}
    for doel in DOELEN:
        y = frame[doel].to_numpy()
        klassen, kansen = per_doel[doel]
        voorspeld = klassen[kansen.argmax(axis=1)]
        s = scores(y, voorspeld, klassen, kansen=kansen, drempel=model.drempels[doel])
        s["kalibratiecurve"] = kalibratiecurve(y, kansen, klassen)
        s["dekkingscurve"] = dekkingscurve(y, kansen, klassen)
        s["fouten"] = _zekerste_fouten(frame, y, voorspeld, kansen)
        per_label = model.kaart.get("trainingsdata", {}).get("per_label", {}).get(doel, {})
        meest = max(per_label, key=per_label.get) if per_label else str(klassen[0])
        s["basislijnen"] = _basislijnen(doel, y, teksten, meest)
        uit[doel] = s
    return uit


def _zekerste_fouten(frame, y, voorspeld, kansen, aantal: int = 15) -> list[dict]:
    """The most confident mistakes: id, true label, suggestion and probability (no text)."""
    hoogste = kansen.max(axis=1)
    fout = [i for i in range(len(y)) if voorspeld[i] != y[i]]
    fout.sort(key=lambda i: -hoogste[i])
    ids = frame["id"].astype(str).tolist() if "id" in frame else [str(i) for i in range(len(y))]
    return [{"id": ids[i], "label": str(y[i]), "suggestie": str(voorspeld[i]),
             "kans": round(float(hoogste[i]), 4)} for i in fout[:aantal]]


def kruisvalideer(frame, kaart: dict, *, herhalingen: int = 3, folds: int = 5) -> dict:
    """Repeated stratified cross-validation of the chosen settings and both baselines."""
    from sklearn.base import clone
    from sklearn.model_selection import RepeatedStratifiedKFold

    from klachtclassificatie.model import DOELEN, build_pipeline
    from klachtclassificatie.preprocess import NederlandseVoorbewerker
    from klachtclassificatie.train import redigeer_trainingsteksten

    teksten = redigeer_trainingsteksten(frame["tekst"].astype(str).tolist())
    lemmas = np.array(NederlandseVoorbewerker(spacy_model=kaart["spacy"]["naam"]).fit_transform(teksten),
                      dtype=object)
    ruw = np.array(teksten, dtype=object)
    uit = {}
    for doel in DOELEN:
        y = frame[doel].to_numpy()
        keuze = kaart["doelen"][doel]["hyperparameters"]
        pipeline = build_pipeline(classificator=keuze["classificator"], C=keuze["C"])[1:]
        metingen: dict[str, list[float]] = {}
        splitser = RepeatedStratifiedKFold(n_splits=folds, n_repeats=herhalingen, random_state=2)
        for train_i, test_i in splitser.split(lemmas, y):
            model = clone(pipeline).fit(lemmas[train_i], y[train_i])
            voorspeld = model.predict(lemmas[test_i])
            waarden, aantallen = np.unique(y[train_i], return_counts=True)
            basis = _basislijnen(doel, y[test_i], ruw[test_i].tolist(), waarden[aantallen.argmax()])
            for naam, s in [("model", scores(y[test_i], voorspeld, np.unique(y))),
                            ("meest_voorkomend", basis["meest_voorkomend"]),
                            ("trefwoorden", basis["trefwoorden"])]:
                for maat in ("accuracy", "macro_f1"):
                    metingen.setdefault(f"{naam}.{maat}", []).append(s[maat])
        uit[doel] = {sleutel: {"gemiddeld": round(float(np.mean(v)), 4), "sd": round(float(np.std(v)), 4)}
                     for sleutel, v in metingen.items()}
        uit[doel]["n"] = int(len(y))
        uit[doel]["herhalingen"], uit[doel]["folds"] = herhalingen, folds
    return uit


def live_nauwkeurigheid(register) -> dict:
    """How often confirmed complaints agreed with the suggestion shown before confirmation.

    For every complaint confirmed by a person that had a suggestion: top-1 and top-3 agreement,
    the share above the threshold and the accuracy there, per target, per model version and per
    quarter of receipt, so that a drop (drift) is visible.
    """
    import json

    import pandas as pd

    from klachtclassificatie.model import DOELEN

    klachten = register.klachten().set_index("klachtnummer")
    herkomst = register.herkomst().set_index("klachtnummer")
    suggesties = register.suggesties()
    bevestigd = herkomst[herkomst["categorie_bron"] == "bevestigd"]
    uit: dict = {}
    for doel in DOELEN:
        deel = suggesties[(suggesties["doel"] == doel) & suggesties["klachtnummer"].isin(bevestigd.index)]
        deel = deel[deel["tijdstip"] <= deel["klachtnummer"].map(bevestigd["bevestigd_op"])]
        laatste = deel.sort_values("id").groupby("klachtnummer").tail(1).set_index("klachtnummer")
        if laatste.empty:
            uit[doel] = {"n": 0, "per_model": [], "per_kwartaal": []}
            continue
        waar = klachten.loc[laatste.index, doel]
        top3 = [
            sorted(json.loads(k), key=json.loads(k).get, reverse=True)[:3] if isinstance(k, str)
            else [lab, tweede]
            for k, lab, tweede in zip(laatste["kansen"], laatste["label"], laatste["tweede"], strict=True)
        ]
        rijen = pd.DataFrame({
            "model": laatste["model_versie"],
            "kwartaal": klachten.loc[laatste.index, "ontvangstdatum"].dt.to_period("Q").astype(str),
            "top1": laatste["label"] == waar,
            "top3": [w in t for w, t in zip(waar, top3, strict=True)],
            "zeker": laatste["zeker"] == 1,
        })
        uit[doel] = {"n": len(rijen), **_samenvatting(rijen),
                     "per_model": _per_groep(rijen, "model"), "per_kwartaal": _per_groep(rijen, "kwartaal")}
    return uit


def _samenvatting(rijen) -> dict:
    zeker = rijen[rijen["zeker"]]
    return {
        "top1": round(float(rijen["top1"].mean()), 4),
        "top3": round(float(rijen["top3"].mean()), 4),
        "dekking": round(float(rijen["zeker"].mean()), 4),
        "accuracy_zeker": round(float(zeker["top1"].mean()), 4) if len(zeker) else None,
    }


def _per_groep(rijen, kolom: str) -> list[dict]:
    return [{kolom: str(waarde), "n": len(groep), **_samenvatting(groep)}
            for waarde, groep in rijen.groupby(kolom, sort=True)]
