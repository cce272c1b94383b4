"""Calibrating probabilities, thresholds and prediction sets on text the model did not see.

Each target's probabilities come from temperature scaling fitted inside training on folds of the
same voices, where everything is easy: on a new organisation's texts they are too sure. So the
temperature is refitted on held-out predictions for organisations and writers the model did not
see (case-based texts, see `_trainen.train`), and the thresholds and sets are chosen on the same
predictions. Once a register holds enough confirmed complaints (real texts of this organisation,
which the model never trained on), they are a better calibration set: `kalibreer` refits the
temperature, thresholds and sets on them and records that in the model card, as a new model
version.
"""

from __future__ import annotations

import copy
from datetime import datetime

import numpy as np

from klachtclassificatie.classificatie._maten import (
    STANDAARD_NAUWKEURIGHEID,
    kies_drempel,
    setmaten,
)
from klachtclassificatie.classificatie._model import DOELEN, KlachtModel
from klachtclassificatie.classificatie._zekerheid import nonconformiteit, voorspellingssets
from klachtclassificatie.fouten import ModelError

#: Fewer confirmed complaints than this give thresholds and sets too uncertain to replace the card's.
MINIMUM_BEVESTIGD = 100


def log_kansen(kansen: np.ndarray) -> np.ndarray:
    """The logarithm of probabilities, a zero (a class a fold never saw) as a very small one."""
    return np.log(np.clip(kansen, 1e-12, 1.0))


def temperatuur(y_waar, kansen: np.ndarray, klassen) -> float:
    """The temperature T that makes held-out probabilities honest: `herschaal(kansen, T)` has
    the lowest log loss on `y_waar`. Above 1 the model was too sure, below 1 too unsure."""
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    juist = np.searchsorted(np.asarray(klassen), np.asarray(y_waar))
    logits = log_kansen(kansen)

    def verlies(log_t: float) -> float:
        return float(-log_softmax(logits / np.exp(log_t), axis=1)[np.arange(len(juist)), juist].mean())

    return float(np.exp(minimize_scalar(verlies, bounds=(-3.0, 3.0), method="bounded").x))


def herschaal(kansen: np.ndarray, temperatuur: float) -> np.ndarray:
    """Probabilities at temperature `temperatuur`: softmax(log p / T)."""
    from scipy.special import softmax

    return softmax(log_kansen(kansen) / temperatuur, axis=1)


def met_aangepaste_kalibratie(pipeline, pas_aan):
    """A new pipeline whose calibrated classifier is a copy, changed in place by `pas_aan` for
    each of its fitted (model, temperature-scaling calibrator) pairs.

    Only the calibrated classifier is copied; the other steps are the same objects (the feature
    step stays shared between targets).
    """
    from sklearn.pipeline import Pipeline

    kalibratie = copy.deepcopy(pipeline.steps[-1][1])
    for gekalibreerd in kalibratie.calibrated_classifiers_:
        if gekalibreerd.method != "temperature":
            raise ValueError(f"kalibratie {gekalibreerd.method!r} is geen temperature scaling")
        for kalibrator in gekalibreerd.calibrators:
            pas_aan(gekalibreerd.estimator, kalibrator)
    return Pipeline([*pipeline.steps[:-1], (pipeline.steps[-1][0], kalibratie)])


def met_temperatuur(pipeline, temperatuur: float):
    """A new pipeline whose probabilities are `herschaal(pipeline's, temperatuur)`.

    The pipeline's calibrator is temperature scaling, softmax(beta * decision), so dividing its
    beta by T does exactly that.
    """
    def deel_beta(_, kalibrator) -> None:
        kalibrator.beta_ = kalibrator.beta_ / temperatuur

    return met_aangepaste_kalibratie(pipeline, deel_beta)


def kalibreer(model: KlachtModel, klachten, *, bron: str,
              nauwkeurigheid: float = STANDAARD_NAUWKEURIGHEID) -> KlachtModel:
    """The model with its temperature, thresholds and prediction sets refitted on a register's
    confirmed complaints.

    `klachten` is a frame of the register's complaints; only those with confirmed labels and a
    text count. Raises ModelError when there are fewer than MINIMUM_BEVESTIGD, or when the model
    was trained on a register's complaints.
    """
    from klachtclassificatie.register import splits_bevestigd

    if getraind := model.kaart.get("register"):
        # its thresholds were already chosen on those complaints, held out; in-sample they would flatter
        raise ModelError(f"dit model is getraind met {getraind['n']} bevestigde klachten uit een register "
                         "(klachten train --register); drempels en sets zijn daarbij al op die klachten "
                         "afgesteld, buiten de vouw. Kalibreren op dezelfde klachten zou te rooskleurig zijn")

    bevestigd, _ = splits_bevestigd(klachten)
    bevestigd = bevestigd[bevestigd["tekst"].str.strip() != ""]
    if len(bevestigd) < MINIMUM_BEVESTIGD:
        raise ModelError(f"het register {bron} heeft {len(bevestigd)} bevestigde klachten met tekst; "
                         f"er zijn er minstens {MINIMUM_BEVESTIGD} nodig om op te kalibreren")
    ruw = model.met_labelmix(None)
    voorbewerkt = ruw.voorbewerk(bevestigd["tekst"].tolist())
    per_doel = ruw.alle_kansen(voorbewerkt)
    kaart = {**model.kaart, "doelen": {d: dict(info) for d, info in model.kaart["doelen"].items()}}
    drempels, pipelines, temperaturen = dict(model.drempels), dict(model.pipelines), {}
    for doel in DOELEN:
        klassen, kansen = per_doel[doel]
        y = bevestigd[doel].to_numpy()
        temperaturen[doel] = temperatuur(y, kansen, klassen)
        kansen = herschaal(kansen, temperaturen[doel])
        pipelines[doel] = met_temperatuur(model.pipelines[doel], temperaturen[doel])
        drempel = kies_drempel(y, kansen, klassen, nauwkeurigheid=nauwkeurigheid)
        scores = nonconformiteit(y, kansen, klassen)
        sets = voorspellingssets(kansen, scores, betrouwbaarheid=model.betrouwbaarheid)
        drempels[doel] = drempel["drempel"]
        kaart["doelen"][doel]["drempel"] = drempel
        kaart["doelen"][doel]["conformeel"] = {
            "geijkt_op": f"{len(y)} bevestigde klachten uit register {bron}",
            "n": int(len(y)),
            "nonconformiteit": [round(float(a), 4) for a in scores],
            "gemeten": {"betrouwbaarheid": model.betrouwbaarheid, **setmaten(y, sets, klassen),
                        "let_op": "gemeten op dezelfde klachten als waarop geijkt is"},
        }
    # a recalibrated model decides "zeker" differently: it is a version of its own
    nu = datetime.now().astimezone()
    basis = (model.kaart.get("kalibratie") or {}).get("van", model.versie)
    kaart["versie"] = f"{basis}-k{nu:%Y%m%d-%H%M%S}"
    kaart["kalibratie"] = {"bron": bron, "n": int(len(bevestigd)), "van": basis,
                           "datum": nu.isoformat(timespec="seconds"),
                           "temperatuur": {d: round(t, 4) for d, t in temperaturen.items()}}
    return KlachtModel(pipelines, drempels, kaart)
