"""Generalisation to a writer the model has not seen: leave one voice of the corpus out.

    .venv/bin/python benchmarks/generalisatie.py

Each voice of the written corpus (id prefix: TA web form, TB letters, TC employee notes, TD
professionals, TE second-language Dutch, TF old ombudsman summaries, TI committees, TJ citizens
without department names, TK shortcut-breaking texts) is left out in turn; the recipe (linear SVM,
C=1) is trained on the other voices and on all case-based texts, and scored on the voice left out.
Prints macro-F1 per voice and target. Not part of the test suite.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.metrics import f1_score

from klachtclassificatie.annotaties import trainingssplit
from klachtclassificatie.classificatie import DOELEN, fit_recept, voorbewerk_trainingsteksten

PROJECT = Path(__file__).resolve().parents[1]


def main() -> None:
    frame = trainingssplit(PROJECT / "data" / "annotaties")
    lemmas = voorbewerk_trainingsteksten(frame["tekst"].tolist()).lemmas
    stem = frame["id"].str.slice(0, 2).where(frame["geval_id"].fillna("") == "", "gevallen")
    rijen = []
    for weggelaten in sorted(set(stem) - {"gevallen"}):
        train, test = (stem != weggelaten).to_numpy(), (stem == weggelaten).to_numpy()
        rij = {"stem": weggelaten, "n": int(test.sum())}
        for doel in DOELEN:
            y = frame[doel].to_numpy()
            pipeline = fit_recept(lemmas[train], y[train], classificator="svm", C=1.0)
            rij[doel] = round(f1_score(y[test], pipeline.predict(lemmas[test]), average="macro"), 3)
        rijen.append(rij)
    uitkomst = pd.DataFrame(rijen)
    print("macro-F1 op de weggelaten stem (getraind op de andere stemmen)")
    print(uitkomst.to_string(index=False))
    print(f"laagste: categorie {uitkomst['categorie'].min():.3f}, "
          f"programmaonderdeel {uitkomst['programmaonderdeel'].min():.3f}")


if __name__ == "__main__":
    main()
