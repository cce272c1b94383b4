"""Does "zeker" hold for organisations the final model never saw? The whole procedure, nested (run by hand).

    .venv/bin/python benchmarks/zekerheid_genest.py [--folds 5] [--seed 11] [--model PAD]

`klachten train` chooses the temperature and the "zeker" threshold on out-of-fold predictions of
models fitted on four fifths of the texts, and then ships a model fitted on all of them, which can
be surer than the models the threshold was chosen on. This benchmark measures what that gives on
new organisations: the training split's organisations are divided into --folds groups; for each,
the rest is treated as the whole training corpus and exactly what training does is done on it
(grouped out-of-fold probabilities of the recipe with the case-text weights, temperature and
threshold on the case-based texts, final fit on everything), after which the case-based texts of
the left-out organisations are scored with that final fit. Prediction sets are left out: "zeker"
here is a top probability at or above the threshold (`suggereer` also asks for a set of one, so
it is marked zeker slightly less often).

The settings (classifier and C) are read from the model card (--model), not chosen again. Prints
per fold and per target the threshold, what the out-of-fold predictions promised and what the new
organisations got, and the totals over all folds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from klachtclassificatie.annotaties import trainingssplit
from klachtclassificatie.classificatie import DOELEN, laad
from klachtclassificatie.classificatie._gevalgewichten import gevalgewichten, uit_gevallen
from klachtclassificatie.classificatie._kalibreren import herschaal, temperatuur
from klachtclassificatie.classificatie._maten import (
    MARGE_NIEUWE_ORGANISATIES,
    kalibratiefout,
    kies_drempel,
)
from klachtclassificatie.classificatie._recept import (
    fit_recept,
    kansen_buiten_vouw,
    keuze_uit_kaart,
    maak_vouwen,
    voorbewerk_trainingsteksten,
)

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data" / "annotaties"


def binnen_de_vouw(lemmas, labels: dict, gevallen: np.ndarray, groepen: np.ndarray, keuzes: dict,
                   marge: float) -> dict:
    """What training does on one training part: per target the temperature, the threshold choice
    and the final fit (with the case-text weights)."""
    vouwen, _ = maak_vouwen(labels[DOELEN[0]], groepen)
    kandidaten = {doel: [{**keuzes[doel], "gewichten": gevalgewichten(y, gevallen)}] for doel, y in labels.items()}
    oof = kansen_buiten_vouw(lemmas, labels, kandidaten, vouwen)
    uit = {}
    for doel, y in labels.items():
        klassen = np.unique(y)
        t = temperatuur(y[gevallen], oof[doel][0][gevallen], klassen)
        keuze = kies_drempel(y[gevallen], herschaal(oof[doel][0], t)[gevallen], klassen,
                             groepen=groepen[gevallen], marge=marge)
        uit[doel] = (t, keuze, fit_recept(lemmas, y, **kandidaten[doel][0]))
    return uit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="groups of organisations (outer folds)")
    parser.add_argument("--seed", type=int, default=11, help="how the organisations are divided")
    parser.add_argument("--marge", type=float, default=MARGE_NIEUWE_ORGANISATIES,
                        help="how far above 90%% the threshold aims on held-out organisations (as train)")
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "klachtmodel.skops",
                        help="model whose card names the settings per target")
    args = parser.parse_args()
    begin = time.perf_counter()

    kaart = laad(args.model).kaart
    keuzes = {doel: keuze_uit_kaart(kaart, doel) for doel in DOELEN}
    training = trainingssplit(DATA)
    _, lemmas, _ = voorbewerk_trainingsteksten(training["tekst"].tolist())
    gevallen = uit_gevallen(training)
    groepen = training["groep"].to_numpy()
    labels = {doel: training[doel].to_numpy() for doel in DOELEN}
    print(f"Voorbewerkt: {len(training)} teksten ({gevallen.sum()} uit gevallen) in "
          f"{time.perf_counter() - begin:.0f} s; instellingen {keuzes}", flush=True)

    totaal = {doel: {"zeker": [], "juist": [], "kansen": [], "waar": []} for doel in DOELEN}
    for vouw, (deel, nieuw) in enumerate(maak_vouwen(labels[DOELEN[0]], groepen, folds=args.folds,
                                                     seed=args.seed)[0]):
        nieuw = nieuw[gevallen[nieuw]]
        gekozen = binnen_de_vouw(lemmas[deel], {d: y[deel] for d, y in labels.items()}, gevallen[deel],
                                 groepen[deel], keuzes, args.marge)
        for doel, (t, keuze, pipeline) in gekozen.items():
            klassen = np.unique(labels[doel][deel])
            kansen = herschaal(pipeline.predict_proba(lemmas[nieuw]), t)
            waar = labels[doel][nieuw]
            zeker = kansen.max(axis=1) >= keuze["drempel"]
            juist = klassen[kansen.argmax(axis=1)] == waar
            for naam, waarde in (("zeker", zeker), ("juist", juist), ("kansen", kansen), ("waar", waar)):
                totaal[doel][naam].append(waarde)
            print(f"vouw {vouw} {doel}: temperatuur {t:.2f}, drempel {keuze['drempel']:.2f}; buiten de vouw "
                  f"{keuze['dekking']:.0%} zeker, {keuze['accuracy_zeker']:.1%} juist | nieuwe organisaties "
                  f"({len(nieuw)} teksten): {zeker.mean():.0%} zeker, {juist[zeker].mean():.1%} juist, "
                  f"kalibratiefout {kalibratiefout(waar, kansen, klassen):.3f}", flush=True)

    print()
    for doel, t in totaal.items():
        zeker, juist = np.concatenate(t["zeker"]), np.concatenate(t["juist"])
        per_vouw = [j[z].mean() for z, j in zip(t["zeker"], t["juist"], strict=True)]
        fout = kalibratiefout(np.concatenate(t["waar"]), np.concatenate(t["kansen"]), np.unique(labels[doel]))
        print(f"{doel}: {len(zeker)} teksten; {zeker.mean():.1%} zeker, daarvan {juist[zeker].mean():.1%} juist "
              f"(per vouw {min(per_vouw):.1%} tot {max(per_vouw):.1%}); accuracy {juist.mean():.1%}; "
              f"kalibratiefout {fout:.3f}")
    print(f"Duur: {time.perf_counter() - begin:.0f} s")


if __name__ == "__main__":
    main()
