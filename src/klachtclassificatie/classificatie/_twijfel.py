"""Doubtful annotations: labels that the cross-validated model disputes most (cleanlab)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from klachtclassificatie.classificatie._model import DOELEN
from klachtclassificatie.classificatie._recept import recept, voorbewerk_trainingsteksten
from klachtclassificatie.classificatie._voorbewerking import kies_spacy_model


def twijfelachtige_annotaties(frame: pd.DataFrame, *, spacy_model: str | None = None,
                              folds: int = 5) -> pd.DataFrame:
    """Rank annotations whose label the out-of-fold model disputes, with the label it suggests.

    Uses cleanlab's label-issue detection on out-of-fold probabilities. The files are never
    changed: the result is a list for a person to re-check.
    """
    from cleanlab.filter import find_label_issues

    _, lemmas, _ = voorbewerk_trainingsteksten(frame["tekst"].astype(str).tolist(),
                                               spacy_model=kies_spacy_model(spacy_model))
    rijen = []
    for doel in DOELEN:
        klassen, y = np.unique(frame[doel].to_numpy(), return_inverse=True)
        kansen = cross_val_predict(
            recept(y), lemmas, frame[doel].to_numpy(), method="predict_proba",
            cv=StratifiedKFold(folds, shuffle=True, random_state=3), n_jobs=2,
        )
        volgorde = find_label_issues(y, kansen, return_indices_ranked_by="self_confidence")
        for rang, i in enumerate(volgorde, start=1):
            rijen.append({
                "doel": doel, "rang": rang, "bestand": frame.loc[i, "bestand"], "rij": int(frame.loc[i, "rij"]),
                "id": frame.loc[i, "id"], "label": klassen[y[i]], "kans_label": round(float(kansen[i, y[i]]), 3),
                "suggestie": klassen[kansen[i].argmax()], "kans_suggestie": round(float(kansen[i].max()), 3),
            })
    return pd.DataFrame(rijen, columns=["doel", "rang", "bestand", "rij", "id", "label", "kans_label",
                                        "suggestie", "kans_suggestie"])
