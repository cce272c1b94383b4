"""Estimated annual tables for complaints that carry only suggestions (adjusted classify-and-count).

The model's suggestions are counted per label and corrected with its cross-validated confusion
matrix: if P[i, j] is the chance that a complaint of true label i is suggested as j, then the
suggested counts c satisfy c ≈ Pᵀ n for the true counts n, which is solved for n ≥ 0. The 95%
interval per cell comes from a bootstrap over both the confusion matrix (its rows are counts) and
the suggested counts. For the cross table of programmaonderdeel × categorie the two targets'
errors are assumed independent given the true labels (the joint matrix is their Kronecker product).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import nnls

from klachtclassificatie import vocabulaire as voc

BOOTSTRAPS = 1000


def _overgangen(verwarring: np.ndarray) -> np.ndarray:
    rijen = verwarring.sum(axis=1, keepdims=True)
    return np.divide(verwarring, rijen, out=np.eye(len(verwarring)), where=rijen > 0)


def corrigeer(voorspeld: np.ndarray, overgangen: np.ndarray) -> np.ndarray:
    """True counts n >= 0 with Pᵀ n closest to the suggested counts, scaled to the same total."""
    n, _ = nnls(overgangen.T, voorspeld.astype(float))
    totaal = voorspeld.sum()
    return n * (totaal / n.sum()) if n.sum() > 0 else n


def schat(voorspeld: np.ndarray, verwarringen: list[np.ndarray], *, bootstraps: int = BOOTSTRAPS,
          seed: int = 0) -> dict[str, np.ndarray]:
    """Estimate true counts from suggested counts; `verwarringen` are one or more confusion matrices
    (rows true, columns suggested) whose Kronecker product matches the order of `voorspeld`."""
    rng = np.random.default_rng(seed)
    overgang = _kronecker([_overgangen(v) for v in verwarringen])
    schatting = corrigeer(voorspeld, overgang)
    totaal = int(voorspeld.sum())
    trekkingen = np.empty((bootstraps, len(voorspeld)))
    for b in range(bootstraps):
        herbemonsterd = [_herbemonster_rijen(v, rng) for v in verwarringen]
        c = rng.multinomial(totaal, voorspeld / totaal) if totaal else voorspeld
        trekkingen[b] = corrigeer(c, _kronecker([_overgangen(v) for v in herbemonsterd]))
    return {"schatting": schatting, "laag": np.percentile(trekkingen, 2.5, axis=0),
            "hoog": np.percentile(trekkingen, 97.5, axis=0)}


def _herbemonster_rijen(verwarring: np.ndarray, rng) -> np.ndarray:
    uit = np.zeros_like(verwarring)
    for i, rij in enumerate(verwarring):
        if rij.sum():
            uit[i] = rng.multinomial(int(rij.sum()), rij / rij.sum())
    return uit


def _kronecker(matrices: list[np.ndarray]) -> np.ndarray:
    uit = matrices[0]
    for m in matrices[1:]:
        uit = np.kron(uit, m)
    return uit


def _verwarring(kaart: dict, doel: str, volgorde: list[str]) -> np.ndarray:
    kv = kaart["doelen"][doel]["kruisvalidatie"]
    index = [kv["klassen"].index(k) for k in volgorde]
    return np.asarray(kv["verwarring"], dtype=float)[np.ix_(index, index)]


def schat_jaar(klachten: pd.DataFrame, jaar: int, kaart: dict, *, bootstraps: int = BOOTSTRAPS) -> dict:
    """Estimated incoming table of `jaar` from the complaints whose labels are only suggestions.

    Confirmed complaints are not part of the estimate (they are counted in the normal report).
    """
    onderdelen, categorieen = list(voc.PROGRAMMAONDERDELEN), list(voc.CATEGORIEEN)
    ontvangen = klachten[(klachten["ontvangstdatum"].dt.year == jaar) & (klachten["labels_bevestigd"] != 1)
                         & klachten["categorie"].notna() & klachten["programmaonderdeel"].notna()]
    paren = [(o, c) for o in onderdelen for c in categorieen]
    voorspeld = np.array([((ontvangen["programmaonderdeel"] == o) & (ontvangen["categorie"] == c)).sum()
                          for o, c in paren])
    uit = {"jaar": jaar, "n": int(len(ontvangen)), "model": kaart.get("versie"),
           "methode": "aangepast tellen (adjusted classify-and-count) met de verwarringsmatrix uit "
                      "kruisvalidatie; 95%-interval met bootstrap"}
    if not len(ontvangen):
        uit["per_programmaonderdeel"] = {}
        return uit
    verwarringen = [_verwarring(kaart, "programmaonderdeel", onderdelen),
                    _verwarring(kaart, "categorie", categorieen)]
    resultaat = schat(voorspeld, verwarringen, bootstraps=bootstraps)
    uit["per_programmaonderdeel"] = {
        o: {c: {"voorgesteld": int(voorspeld[i]), "schatting": round(float(resultaat["schatting"][i]), 1),
                "laag": round(float(resultaat["laag"][i]), 1), "hoog": round(float(resultaat["hoog"][i]), 1)}
            for i, (o2, c) in enumerate(paren) if o2 == o}
        for o in onderdelen
    }
    return uit


