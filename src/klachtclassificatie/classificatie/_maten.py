"""Metrics of a classifier's predictions: scores, confidence thresholds, calibration and coverage."""

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
#: ... and that must hold with this confidence, given how many held-out texts show it (a lower
#: bound, not the observed accuracy: on a new organisation's texts the accuracy of "zeker"
#: suggestions falls below what held-out texts show; see the README).
STANDAARD_DREMPELBETROUWBAARHEID = 0.95
#: Training aims this far above the target on held-out organisations: one new group of
#: organisations lands a few points under what the held-out texts show on average. Measured by
#: benchmarks/zekerheid_genest.py with --seed 11 and 23 (10 groups of about 95 organisations):
#: with no margin 2 of 10 groups fell under 90% right when zeker for each target (lowest 86.5%
#: and 88.3%), with 0.03 none for categorie and one at 89.9% for programmaonderdeel.
MARGE_NIEUWE_ORGANISATIES = 0.03
#: Resamples of the organisations for the lower bound when texts come in groups.
BOOTSTRAPS = 1000
#: ... done only with at least this many groups (fewer say too little about a new one).
MINIMUM_GROEPEN = 20


def _hoogste_en_goed(y_waar, kansen: np.ndarray, klassen) -> tuple[np.ndarray, np.ndarray]:
    """Per text the top probability and whether the top suggestion is right."""
    return kansen.max(axis=1), np.asarray(klassen)[kansen.argmax(axis=1)] == np.asarray(y_waar)


def _zekerste_eerst(hoogste: np.ndarray, goed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order texts by top probability, highest first, with the accuracy of each leading part."""
    volgorde = np.argsort(-hoogste, kind="stable")
    return volgorde, np.cumsum(goed[volgorde]) / np.arange(1, len(goed) + 1)


def ondergrens_accuracy(juist: np.ndarray, aantal: np.ndarray, betrouwbaarheid: float) -> np.ndarray:
    """One-sided Clopper-Pearson lower bound of an accuracy seen as `juist` right of `aantal`."""
    from scipy.stats import beta

    juist, aantal = np.asarray(juist, dtype=float), np.asarray(aantal, dtype=float)
    with np.errstate(invalid="ignore"):
        grens = beta.ppf(1 - betrouwbaarheid, juist, aantal - juist + 1)
    return np.where(juist > 0, grens, 0.0)


def ondergrens_over_groepen(goed: np.ndarray, groepen: np.ndarray, betrouwbaarheid: float,
                            *, bootstraps: int = BOOTSTRAPS, seed: int = 0) -> np.ndarray:
    """Lower bound of the accuracy of every leading part of `goed` (texts in order), resampling groups.

    Texts of one organisation are not independent: what one of its texts gets wrong, the next
    often does too. Drawing whole organisations with replacement (the cluster bootstrap) gives
    the spread a new organisation's accuracy really has; the bound is the (1 - betrouwbaarheid)
    quantile of the resampled accuracies.
    """
    codes = np.unique(np.asarray(groepen), return_inverse=True)[1].ravel()
    aantal_groepen = int(codes.max()) + 1
    rng = np.random.default_rng(seed)
    gewichten = rng.multinomial(aantal_groepen, np.full(aantal_groepen, 1 / aantal_groepen),
                                size=bootstraps)[:, codes].astype(float)
    juist = np.cumsum(gewichten * np.asarray(goed, dtype=float), axis=1)
    aantal = np.cumsum(gewichten, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = np.where(aantal > 0, juist / aantal, 0.0)
    return np.quantile(accuracy, 1 - betrouwbaarheid, axis=0)


def kies_drempel(y_waar, kansen: np.ndarray, klassen, *, nauwkeurigheid: float = STANDAARD_NAUWKEURIGHEID,
                 betrouwbaarheid: float | None = STANDAARD_DREMPELBETROUWBAARHEID,
                 groepen: np.ndarray | None = None, marge: float = 0.0) -> dict:
    """The lowest top-probability threshold at which suggestions are right >= `nauwkeurigheid`.

    Chosen on held-out (out-of-fold) predictions. With `betrouwbaarheid` (the default, 95%) the
    accuracy that must reach the target is the lower confidence bound of what the texts at or
    above the threshold show, so a threshold seen on few texts needs a higher accuracy; with
    None the observed accuracy itself. With `groepen` (the organisation or source of each text,
    at least MINIMUM_GROEPEN of them) the bound is also computed by resampling whole groups, and
    the lower of the two counts. With `marge` the bound must reach `nauwkeurigheid + marge`
    (for text from organisations none of the held-out texts came from). Returns the threshold with
    the coverage (share of texts at or above it), the accuracy there and its lower bound; when no
    threshold reaches the target, the threshold is 1.0 (everything goes to manual review).
    """
    hoogste, goed = _hoogste_en_goed(y_waar, kansen, klassen)
    volgorde, nauwkeurig = _zekerste_eerst(hoogste, goed)
    aantal = np.arange(1, len(goed) + 1)
    toets = (nauwkeurig if betrouwbaarheid is None
             else ondergrens_accuracy(np.cumsum(goed[volgorde]), aantal, betrouwbaarheid))
    per_groep = (betrouwbaarheid is not None and groepen is not None
                 and len(np.unique(np.asarray(groepen))) >= MINIMUM_GROEPEN)
    if per_groep:
        toets = np.minimum(toets, ondergrens_over_groepen(goed[volgorde], np.asarray(groepen)[volgorde],
                                                          betrouwbaarheid))
    # a threshold may only sit where the probability changes, so ties go together
    grenzen = np.r_[hoogste[volgorde][1:] < hoogste[volgorde][:-1], True]
    kandidaten = np.flatnonzero(grenzen & (toets >= nauwkeurigheid + marge))
    uit = {"doel": nauwkeurigheid, "marge": marge, "betrouwbaarheid": betrouwbaarheid,
           "ondergrens_methode": ("waargenomen" if betrouwbaarheid is None else
                                  "Clopper-Pearson en bootstrap over organisaties, de laagste" if per_groep
                                  else "Clopper-Pearson")}
    if len(kandidaten) == 0:
        return {"drempel": 1.0, "dekking": 0.0, "accuracy_zeker": None, "ondergrens": None, **uit}
    k = kandidaten[-1]
    return {
        "drempel": round(float(hoogste[volgorde][k]), 4),
        "dekking": round(float((k + 1) / len(volgorde)), 4),
        "accuracy_zeker": round(float(nauwkeurig[k]), 4),
        "ondergrens": round(float(toets[k]), 4),
        **uit,
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


def setmaten(y_waar, sets: np.ndarray, klassen) -> dict[str, float]:
    """How often prediction sets (a boolean per text and class) hold the right label, and their mean size."""
    juist = sets[np.arange(len(y_waar)), np.searchsorted(np.asarray(klassen), np.asarray(y_waar))]
    return {"set_dekking": round(float(juist.mean()), 4), "set_grootte": round(float(sets.sum(axis=1).mean()), 4)}


def scores(y_waar, y_voorspeld, klassen, *, kansen: np.ndarray | None = None,
           drempel: float | None = None, zeker: np.ndarray | None = None,
           sets: np.ndarray | None = None) -> dict:
    """Accuracy, macro-F1, per-class scores and confusion matrix; with probabilities also the
    coverage and accuracy of the suggestions marked zeker (by `zeker` when given, else by the
    threshold) and the calibration error; with prediction sets their coverage and mean size.

    Macro-F1 averages over the classes present in `y_waar` only: a class the data does not hold
    has no F1 to speak of, and counting it as 0 would punish the model for the data. Those
    classes are listed under `afwezig`.
    """
    y_waar, y_voorspeld = np.asarray(y_waar), np.asarray(y_voorspeld)
    klassen = [str(k) for k in klassen]
    in_data = {str(k) for k in y_waar}
    aanwezig = [k for k in klassen if k in in_data]
    precisie, recall, f1, steun = precision_recall_fscore_support(
        y_waar, y_voorspeld, labels=klassen, zero_division=0
    )
    uit = {
        "n": int(len(y_waar)),
        "accuracy": round(float(accuracy_score(y_waar, y_voorspeld)), 4),
        "macro_f1": round(float(f1_score(y_waar, y_voorspeld, labels=aanwezig, average="macro",
                                         zero_division=0)), 4) if aanwezig else 0.0,
        "afwezig": [k for k in klassen if k not in in_data],
        "per_klasse": {
            k: {"precisie": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
                "n": int(s)}
            for k, p, r, f, s in zip(klassen, precisie, recall, f1, steun, strict=True)
        },
        "klassen": klassen,
        "verwarring": confusion_matrix(y_waar, y_voorspeld, labels=klassen).tolist(),
    }
    if kansen is not None and drempel is not None:
        zeker = kansen.max(axis=1) >= drempel if zeker is None else np.asarray(zeker, dtype=bool)
        uit["drempel"] = drempel
        uit["dekking"] = round(float(zeker.mean()), 4)
        uit["accuracy_zeker"] = (round(float((y_voorspeld[zeker] == y_waar[zeker]).mean()), 4)
                                 if zeker.any() else None)
        uit["kalibratiefout"] = round(kalibratiefout(y_waar, kansen, klassen), 4)
    if sets is not None:
        uit.update(setmaten(y_waar, sets, klassen))
    return uit
