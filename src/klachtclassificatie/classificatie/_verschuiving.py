"""A shift per label, for text from elsewhere: where the model draws its borders on real complaints.

Trained on written texts and texts from real cases, the model leans towards some labels on a new
organisation's texts (measured: it suggests Inkomen for many SHV, Werk and
Inkomensondersteuning complaints, because nearly every real complaint mentions the benefit). A
shift per label, added to the log-probabilities, moves those borders. It is chosen on held-out
predictions for organisations the model did not see, to give the highest macro-F1 there, and it
is only used when that helps on organisations the choice itself did not see (nested: the shift is
chosen on four fifths of the organisations and scored on the rest, over several random
partitions of the organisations, because one partition's verdict flips with a few texts more).
"""

from __future__ import annotations

import numpy as np

from klachtclassificatie.classificatie._kalibreren import log_kansen, met_aangepaste_kalibratie

#: The shifts tried per label (in log-probability), in coordinate rounds over the labels.
RASTER = np.round(np.linspace(-1.5, 1.5, 31), 2)
RONDES = 3
FOLDS = 5
#: Random partitions of the organisations the nested check is averaged over.
HERHALINGEN = 3


def verschuif(kansen: np.ndarray, verschuiving) -> np.ndarray:
    """Probabilities with `verschuiving` (one value per label) added to their logarithms."""
    from scipy.special import softmax

    return softmax(log_kansen(kansen) + np.asarray(verschuiving, dtype=float), axis=1)


def _macro_f1(y_waar, kansen: np.ndarray, klassen) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y_waar, np.asarray(klassen)[kansen.argmax(axis=1)], average="macro"))


def beste_verschuiving(y_waar, kansen: np.ndarray, klassen) -> np.ndarray:
    """The shift per label with the highest macro-F1 on these predictions (coordinate search).

    Only the differences between labels matter, so the result has mean 0.
    """
    logits = log_kansen(kansen)
    klassen = np.asarray(klassen)
    verschuiving = np.zeros(len(klassen))
    for _ in range(RONDES):
        for k in range(len(klassen)):
            scores = []
            for waarde in RASTER:
                poging = verschuiving.copy()
                poging[k] = waarde
                scores.append(_macro_f1(y_waar, logits + poging, klassen))
            verschuiving[k] = RASTER[int(np.argmax(scores))]  # the first best: smallest shift on ties
    return verschuiving - verschuiving.mean()


def kies_verschuiving(y_waar, kansen: np.ndarray, klassen, groepen) -> dict:
    """Whether a shift per label helps on organisations it was not chosen on, and which shift.

    Nested: for each of FOLDS folds of whole groups the shift is chosen on the other groups and
    the held-out groups are scored with and without it, over HERHALINGEN random partitions of
    the groups. The shift chosen on all texts is used (`verschuiving`) only when the mean nested
    macro-F1 with it is higher; otherwise it is None.
    """
    from sklearn.model_selection import GroupKFold

    y_waar, groepen = np.asarray(y_waar), np.asarray(groepen)
    if len(np.unique(groepen)) < FOLDS or len(np.unique(y_waar)) < 3:
        return {"verschuiving": None, "reden": "te weinig groepen of labels om te toetsen"}
    zonder, met = [], []
    for herhaling in range(HERHALINGEN):
        vouwen = GroupKFold(FOLDS, shuffle=True, random_state=herhaling).split(kansen, y_waar, groepen)
        for binnen, buiten in vouwen:
            keuze = beste_verschuiving(y_waar[binnen], kansen[binnen], klassen)
            zonder.append(_macro_f1(y_waar[buiten], kansen[buiten], klassen))
            met.append(_macro_f1(y_waar[buiten], verschuif(kansen[buiten], keuze), klassen))
    helpt = float(np.mean(met)) > float(np.mean(zonder))
    return {
        "verschuiving": beste_verschuiving(y_waar, kansen, klassen) if helpt else None,
        "genest_macro_f1_zonder": round(float(np.mean(zonder)), 4),
        "genest_macro_f1_met": round(float(np.mean(met)), 4),
        "genest_herhalingen": HERHALINGEN,
    }


def met_verschuiving(pipeline, verschuiving):
    """A new pipeline whose probabilities are `verschuif(pipeline's, verschuiving)`.

    The calibrated probability is softmax(beta * (X @ coef + intercept)); adding
    `verschuiving / beta` to the linear model's intercept adds `verschuiving` to the logits.
    """
    verschuiving = np.asarray(verschuiving, dtype=float)

    def verschuif_intercept(model, kalibrator) -> None:
        if np.ndim(model.intercept_) != 1 or len(model.intercept_) != len(verschuiving):
            raise ValueError("een verschuiving per label vraagt temperature scaling en minstens drie labels")
        model.intercept_ = model.intercept_ + verschuiving / kalibrator.beta_

    return met_aangepaste_kalibratie(pipeline, verschuif_intercept)
