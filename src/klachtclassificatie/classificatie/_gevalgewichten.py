"""Sample weights that balance the labels among the texts written from real cases.

The written corpus has every label about equally often; the real cases do not (most are about the
bijstand, and most are informatie/nalatigheid). With one class weight over all texts, the model
learns that a text which sounds real is probably about the cases' majority label: on the test
split of real cases it sent 29 of the 128 SHV, Werk and Inkomensondersteuning complaints to
Inkomen (9 of the 27 about SHV). Weighting the case
texts so that each label has the same total weight among them (written texts keep weight 1)
takes that shortcut away; the label mix a coordinator's register really has is brought back at
prediction time by the prior correction (`_zekerheid.pas_labelmix_aan`).
"""

from __future__ import annotations

import numpy as np

#: Weights are kept within these bounds, so that a label with very few case texts cannot dominate.
GRENZEN = (0.1, 10.0)
#: What the card says the weights do.
METHODE = "labels in evenwicht binnen de teksten uit echte gevallen; geschreven teksten gewicht 1"


def uit_gevallen(frame) -> np.ndarray:
    """Which texts of an annotation frame were written from real cases (they name a geval_id)."""
    if "geval_id" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["geval_id"].fillna("").astype(str).str.strip().ne("").to_numpy()


def gevalgewichten(y, gevallen) -> np.ndarray | None:
    """Per text: n / (k · n_label) among the case texts (n of them, k labels), 1 for the others.

    None when there are no case texts (nothing to balance).
    """
    y, gevallen = np.asarray(y), np.asarray(gevallen, dtype=bool)
    if not gevallen.any():
        return None
    labels, aantallen = np.unique(y[gevallen], return_counts=True)
    per_label = dict(zip(labels, np.clip(gevallen.sum() / (len(labels) * aantallen), *GRENZEN), strict=True))
    return np.array([per_label[label] if geval else 1.0 for label, geval in zip(y, gevallen, strict=True)])


def per_label(y, gewichten: np.ndarray, gevallen) -> dict[str, float]:
    """The weight each label's case texts get, for the card."""
    y, gevallen = np.asarray(y), np.asarray(gevallen, dtype=bool)
    return {str(label): round(float(gewichten[gevallen & (y == label)][0]), 3)
            for label in np.unique(y[gevallen])}


def met_gewichten(keuze: dict, gewichten: np.ndarray | None) -> dict:
    """A recipe setting with its sample weights (`gewichten`), unchanged when there are none."""
    return keuze if gewichten is None else keuze | {"gewichten": gewichten}


def zoals_bij_training(info: dict, y, gevallen) -> np.ndarray | None:
    """The weights training gave these texts for a target whose card entry is `info` (None when
    it trained without them, as older models did)."""
    return gevalgewichten(y, gevallen) if "gewichten" in info else None
