"""Learning curve: what confirming 0, 25, 50, 100, 200 complaints of new organisations buys (run by hand).

    .venv/bin/python benchmarks/leercurve.py [--volgordes 3] [--stappen 0 25 50 100 200] [--folds 5]
                                             [--gewicht W] [--model PAD]

Simulates a coordinator whose organisations the model does not know. The held-out test split of
case-based texts (data/annotaties/test-gevallen-teksten.csv, 260 texts of 72 organisations, none of
them in the training split) is too small to hold both a register of 200 and an evaluation set, so:
- the evaluation set is that whole test split, the same at every step;
- "the register" is the case-based texts of training organisations drawn in a random order until
  it holds the largest step; those organisations are taken out of the training corpus at every
  step (also at 0), and their texts are confirmed one by one in a random order.
After each step the model is trained as `klachten train --register` trains it (`kies_gewicht`: a
weight from {1, 2, 4} chosen by cross-validation on the register texts held out, a case's texts
kept in one fold, or with --gewicht a fixed weight, one candidate per fold instead of three;
thresholds, with the margin for new organisations, and prediction sets calibrated on the
out-of-fold predictions of the case-based texts and the register) and scored the way `suggereer` decides "zeker"
(`KlachtModel.kansen_en_zekerheid`). Repeated over --volgordes orderings (another draw of
organisations and another confirmation order each time).

To keep it affordable the slow part is done once: redaction and spaCy preprocessing of every
text; the settings (classifier and C) are read from the model card (--model), not chosen again at
every step. Prints a Markdown table per target (mean over the orderings, with the range).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from klachtclassificatie.annotaties import lees_annotaties, trainingssplit
from klachtclassificatie.classificatie import DOELEN, KlachtModel, laad
from klachtclassificatie.classificatie._gevalgewichten import (
    gevalgewichten,
    met_gewichten,
    uit_gevallen,
)
from klachtclassificatie.classificatie._maten import (
    MARGE_NIEUWE_ORGANISATIES,
    STANDAARD_NAUWKEURIGHEID,
    kies_drempel,
    scores,
)
from klachtclassificatie.classificatie._recept import (
    fit_doelen,
    kansen_buiten_vouw,
    keuze_uit_kaart,
    maak_vouwen,
    voorbewerk_trainingsteksten,
)
from klachtclassificatie.classificatie._registerleren import gewichtvector, kies_gewicht
from klachtclassificatie.classificatie._zekerheid import nonconformiteit

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data" / "annotaties"
TESTGEVALLEN = "test-gevallen-teksten"


def _splits(groepen: np.ndarray, grootste: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the register (in confirmation order) and of the evaluation set."""
    rng = np.random.default_rng(seed)
    register: list[int] = []
    for groep in rng.permutation(np.unique(groepen)):
        if len(register) >= grootste:
            break
        register.extend(np.flatnonzero(groepen == groep))
    register_i = rng.permutation(np.array(register))
    return register_i, np.setdiff1d(np.arange(len(groepen)), register_i)


def _ijk(labels, oof, ijk, klassen_per_doel) -> tuple[dict, dict]:
    """Thresholds and conformal scores from out-of-fold probabilities, as `train` sets them."""
    drempels, conformeel = {}, {}
    for doel, y in labels.items():
        klassen = klassen_per_doel[doel]
        drempels[doel] = kies_drempel(y[ijk], oof[doel][ijk], klassen,
                                      nauwkeurigheid=STANDAARD_NAUWKEURIGHEID,
                                      marge=MARGE_NIEUWE_ORGANISATIES)["drempel"]
        conformeel[doel] = {"conformeel": {"nonconformiteit": nonconformiteit(y[ijk], oof[doel][ijk], klassen)}}
    return drempels, conformeel


def train_stap(voorbewerker, lemmas, labels, groepen, gevallen, register, keuzes, *, folds: int = 5,
               gewicht: float | None = None) -> tuple[KlachtModel, dict]:
    """Train as `klachten train --register` would; the model and the register weight per target.

    With `gewicht` the register weight is fixed instead of chosen by cross-validation (cheaper).
    """
    vouwen, _ = maak_vouwen(labels[DOELEN[0]], groepen, folds=folds)
    klassen = {doel: np.unique(y) for doel, y in labels.items()}
    # the case texts' labels balanced, as training does
    keuzes = {doel: met_gewichten(keuze, gevalgewichten(labels[doel], gevallen)) for doel, keuze in keuzes.items()}
    if register.any() and gewicht is not None:
        fit = {doel: keuzes[doel] | {"gewichten": gewichtvector(register, gewicht, keuzes[doel].get("gewichten"))}
               for doel in keuzes}
        oof = {doel: k[0] for doel, k in kansen_buiten_vouw(lemmas, labels, {d: [fit[d]] for d in fit},
                                                            vouwen).items()}
        gewichten = {doel: gewicht for doel in keuzes}
    elif register.any():
        gewogen = kies_gewicht(lemmas, labels, keuzes, vouwen, register)
        oof = {doel: g["kansen"] for doel, g in gewogen.items()}
        gewichten = {doel: g["gewicht"] for doel, g in gewogen.items()}
        fit = {doel: keuzes[doel] | {"gewichten": gewichtvector(register, gewichten[doel],
                                                                 keuzes[doel].get("gewichten"))}
               for doel in keuzes}
    else:
        oof = {doel: k[0] for doel, k in kansen_buiten_vouw(lemmas, labels, {d: [keuzes[d]] for d in keuzes},
                                                            vouwen).items()}
        gewichten, fit = {doel: None for doel in keuzes}, keuzes
    drempels, doelen = _ijk(labels, oof, gevallen | register, klassen)
    return KlachtModel(fit_doelen(voorbewerker, lemmas, labels, fit), drempels, {"doelen": doelen}), gewichten


def scoor(model: KlachtModel, gewichten: dict, evaluatie) -> dict:
    """Scores on the evaluation texts, "zeker" decided as `suggereer` decides it."""
    eval_lemmas, eval_labels = evaluatie
    per_doel, zekerheid = model.kansen_en_zekerheid(eval_lemmas)
    uit = {}
    for doel, (kl, kansen) in per_doel.items():
        s = scores(eval_labels[doel], kl[kansen.argmax(axis=1)], kl, kansen=kansen, drempel=model.drempels[doel],
                   zeker=zekerheid.zeker[doel], sets=zekerheid.sets[doel])
        uit[doel] = {"accuracy": s["accuracy"], "macro_f1": s["macro_f1"], "kalibratiefout": s["kalibratiefout"],
                     "zeker": s["dekking"], "juist_zeker": s["accuracy_zeker"], "set_dekking": s["set_dekking"],
                     "gewicht": gewichten[doel]}
    return uit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--volgordes", type=int, default=3)
    parser.add_argument("--stappen", type=int, nargs="+", default=[0, 25, 50, 100, 200])
    parser.add_argument("--folds", type=int, default=5, help="folds of the cross-validation per step")
    parser.add_argument("--gewicht", type=float, default=None,
                        help="fix the register weight instead of choosing it by cross-validation (cheaper)")
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "klachtmodel.skops",
                        help="model whose card names the settings per target")
    args = parser.parse_args()
    begin = time.perf_counter()

    kaart = laad(args.model).kaart
    keuzes = {doel: keuze_uit_kaart(kaart, doel) for doel in DOELEN}
    training = trainingssplit(DATA)
    alles = lees_annotaties(DATA)
    test = alles[alles["split"] == TESTGEVALLEN].reset_index(drop=True)
    voorbewerker, train_lemmas, _ = voorbewerk_trainingsteksten(training["tekst"].tolist())
    # the evaluation texts are read as `suggereer` reads them
    evaluatie = (voorbewerker.transform(test["tekst"].tolist()), {d: test[d].to_numpy() for d in DOELEN})
    gevallen = uit_gevallen(training)
    print(f"Kruisvalidatie per stap: {args.folds} vouwen; gewicht "
          f"{'vast op ' + format(args.gewicht, 'g') if args.gewicht else 'gekozen uit 1, 2, 4'}")
    print(f"Voorbewerkt: {len(training)} trainingsteksten ({gevallen.sum()} uit gevallen), evaluatie "
          f"{len(test)} teksten uit gevallen ({test['groep'].nunique()} organisaties, niet in de training) "
          f"in {time.perf_counter() - begin:.0f} s; instellingen {keuzes}")

    resultaten = []
    for volgorde in range(args.volgordes):
        kandidaten = np.flatnonzero(gevallen)
        pool_i, _ = _splits(training["groep"].to_numpy()[kandidaten], max(args.stappen), seed=volgorde)
        pool = kandidaten[pool_i]  # in confirmation order
        rest = np.setdiff1d(np.arange(len(training)), pool)
        print(f"Volgorde {volgorde}: register van {len(pool)} teksten uit "
              f"{training['groep'].iloc[pool].nunique()} organisaties, uit de training gehaald", flush=True)
        for n in args.stappen:
            t = time.perf_counter()
            kies = np.r_[rest, pool[:n]]
            register = np.r_[np.zeros(len(rest), dtype=bool), np.ones(n, dtype=bool)]
            # a case's texts (several text types of one complaint) stay together, as one complaint would
            groepen = np.where(register, ("register " + training["geval_id"].astype(str)).to_numpy()[kies],
                               training["groep"].to_numpy()[kies])
            model, gewichten = train_stap(voorbewerker, train_lemmas[kies],
                                          {d: training[d].to_numpy()[kies] for d in DOELEN}, groepen,
                                          gevallen[kies] & ~register, register, keuzes, folds=args.folds,
                                          gewicht=args.gewicht)
            uit = scoor(model, gewichten, evaluatie)
            for doel, s in uit.items():
                resultaten.append({"volgorde": volgorde, "n": n, "doel": doel, **s})
            print(f"  {n:>3} bevestigd: " + "; ".join(
                f"{d} acc {s['accuracy']:.3f} F1 {s['macro_f1']:.3f} kal {s['kalibratiefout']:.3f} "
                f"zeker {s['zeker']:.0%} juist {s['juist_zeker']} gewicht {s['gewicht']}" for d, s in uit.items())
                + f" ({time.perf_counter() - t:.0f} s)", flush=True)
        toon_tabel(pd.DataFrame(resultaten))  # after every ordering: a long run can be stopped early

    print(f"\nTotale tijd {time.perf_counter() - begin:.0f} s")


def toon_tabel(frame: pd.DataFrame) -> None:
    """Markdown table per target: mean over the orderings so far, with the range."""
    volgordes = frame["volgorde"].nunique()
    for doel in DOELEN:
        print(f"\n{doel} (gemiddelde over {volgordes} volgorde(s), tussen haakjes min–max)\n")
        print("| bevestigd | accuracy | macro-F1 | kalibratiefout | zeker | juist als zeker | gewicht |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        for n, deel in frame[frame["doel"] == doel].groupby("n"):
            cellen = []
            for kolom in ("accuracy", "macro_f1", "kalibratiefout", "zeker", "juist_zeker"):
                w = deel[kolom].astype(float)
                fmt = _procent if kolom in ("accuracy", "zeker", "juist_zeker") else _getal
                cellen.append(f"{fmt(w.mean())} ({fmt(w.min())}–{fmt(w.max())})")
            gewichten = ", ".join("—" if pd.isna(g) else f"{g:g}" for g in deel["gewicht"])
            print(f"| {n} | " + " | ".join(cellen) + f" | {gewichten} |")


def _procent(waarde: float) -> str:
    return "—" if pd.isna(waarde) else f"{waarde:.0%}"


def _getal(waarde: float) -> str:
    return f"{waarde:.3f}"


if __name__ == "__main__":
    main()
