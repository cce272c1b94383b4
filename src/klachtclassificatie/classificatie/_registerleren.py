"""Learning from the coordinator: a register's confirmed complaints as extra, weighted training texts.

The coordinator's confirmed complaints are real texts of the organisation the model serves, which
the written corpus is not. They join the training texts with a sample weight chosen by
cross-validation from `GEWICHTEN`: each register complaint is its own group, so the folds spread
them, and each weight is scored on the register complaints held out (their pooled out-of-fold
predictions), the texts the weight is meant to help.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score

from klachtclassificatie.classificatie._model import DOELEN
from klachtclassificatie.classificatie._recept import kansen_buiten_vouw
from klachtclassificatie.fouten import ModelError

#: Candidate sample weights of a register complaint (a corpus text weighs 1).
GEWICHTEN = (1.0, 2.0, 4.0)
#: Fewer usable confirmed complaints than this say nothing about a weight: training is refused.
MINIMUM_REGISTER = 20
#: The column that marks register complaints among the training texts.
KOLOM = "uit_register"


def _vergelijkbaar(teksten: pd.Series) -> pd.Series:
    """Texts compared without case and whitespace differences."""
    return teksten.fillna("").astype(str).str.lower().str.split().str.join(" ")


def _komt_voor_in(teksten: pd.Series, andere: pd.DataFrame | None) -> pd.Series:
    """Which texts occur in `andere`, before or after redaction (exported annotations are redacted)."""
    if andere is None or not len(andere) or not len(teksten):
        return pd.Series(False, index=teksten.index)
    from klachtclassificatie.classificatie._recept import redigeer_trainingsteksten

    bekend = set(_vergelijkbaar(andere["tekst"]))
    geredigeerd = pd.Series(redigeer_trainingsteksten(teksten.tolist()), index=teksten.index)
    return _vergelijkbaar(teksten).isin(bekend) | _vergelijkbaar(geredigeerd).isin(bekend)


def registerteksten(klachten: pd.DataFrame, *, bron: str, test: pd.DataFrame | None = None,
                    training: pd.DataFrame | None = None,
                    minimum: int = MINIMUM_REGISTER) -> tuple[pd.DataFrame, dict[str, int]]:
    """The register's confirmed complaints with a text, as training rows, and what was left out.

    Complaints whose text (raw or redacted) also occurs in the test split are left out (the test
    split must stay unseen), and so are those already among the `training` texts (exported with
    `klachten annotaties exporteer`). Each complaint is its own group (`groep`), marked in the
    column `uit_register`. Raises ModelError when fewer than `minimum` remain.
    """
    from klachtclassificatie.register import splits_bevestigd

    bevestigd, weggelaten = splits_bevestigd(klachten)
    zonder_tekst = _vergelijkbaar(bevestigd["tekst"]) == ""
    if zonder_tekst.any():
        weggelaten["zonder tekst"] = int(zonder_tekst.sum())
    bevestigd = bevestigd[~zonder_tekst]
    for reden, andere in (("tekst staat in de testsplit", test), ("staat al in de annotaties", training)):
        dubbel = _komt_voor_in(bevestigd["tekst"], andere)
        if dubbel.any():
            weggelaten[reden] = int(dubbel.sum())
        bevestigd = bevestigd[~dubbel]
    if len(bevestigd) < minimum:
        raise ModelError(
            f"het register {bron} heeft {len(bevestigd)} bruikbare bevestigde klachten met tekst"
            + (f" (niet bruikbaar: {', '.join(f'{k} {v}' for k, v in weggelaten.items())})" if weggelaten else "")
            + f"; er zijn er minstens {minimum} nodig om mee te trainen. Bevestig eerst meer labels, of train "
            "zonder --register"
        )
    ids = (bevestigd["klachtnummer"].astype(str).to_numpy() if "klachtnummer" in bevestigd
           else np.arange(len(bevestigd)).astype(str))
    rijen = pd.DataFrame({
        "id": [f"register-{i}" for i in ids],
        "tekst": bevestigd["tekst"].astype(str).to_numpy(),
        **{doel: bevestigd[doel].astype(str).to_numpy() for doel in DOELEN},
        "bestand": bron,
        "groep": [f"register {i}" for i in ids],
        KOLOM: True,
    })
    return rijen, weggelaten


def uit_register(annotaties: pd.DataFrame) -> np.ndarray:
    """Which training texts are register complaints."""
    if KOLOM not in annotaties:
        return np.zeros(len(annotaties), dtype=bool)
    return annotaties[KOLOM].fillna(False).astype(bool).to_numpy()


def gewichtvector(register: np.ndarray, gewicht: float, basis: np.ndarray | None = None) -> np.ndarray:
    """Sample weights: `gewicht` for register complaints, 1 for the rest; times `basis` (the
    weights the texts already have) when given."""
    return np.where(register, float(gewicht), 1.0) * (1.0 if basis is None else np.asarray(basis, dtype=float))


def kies_gewicht(lemmas, labels: dict[str, np.ndarray], keuzes: dict[str, dict], vouwen: list,
                 register: np.ndarray, *, gewichten=GEWICHTEN, n_jobs: int = 2) -> dict[str, dict]:
    """Per target the register weight with the best macro-F1 on held-out register complaints.

    Ties go to the smaller weight. Returns per target the weight, every weight's scores and the
    chosen weight's out-of-fold probabilities (for thresholds and sets).
    """
    register = np.asarray(register, dtype=bool)
    kandidaten = {doel: [keuzes[doel] | {"gewichten": gewichtvector(register, w, keuzes[doel].get("gewichten"))}
                         for w in gewichten]
                  for doel in labels}
    kansen = kansen_buiten_vouw(lemmas, labels, kandidaten, vouwen, n_jobs=n_jobs)
    uit = {}
    for doel, y in labels.items():
        klassen = np.unique(y)
        scores = []
        for w, oof in zip(gewichten, kansen[doel], strict=True):
            voorspeld = klassen[oof[register].argmax(axis=1)]
            scores.append({"gewicht": float(w),
                           "macro_f1": round(float(f1_score(y[register], voorspeld, labels=np.unique(y[register]),
                                                            average="macro", zero_division=0)), 4),
                           "accuracy": round(float(accuracy_score(y[register], voorspeld)), 4)})
        beste = max(range(len(scores)), key=lambda i: (scores[i]["macro_f1"], -scores[i]["gewicht"]))
        uit[doel] = {"gewicht": scores[beste]["gewicht"], "scores": scores, "kansen": kansen[doel][beste]}
    return uit
