"""Does QuaPy estimate the label mix better than `jaarverslag --schatting`? (run by hand; prints figures)

    PYTHONPATH=/pad/naar/quapy .venv/bin/python benchmarks/schatting_quapy.py [--model PAD]

QuaPy is not a dependency of this package; install it apart (for instance
`pip install --target /tmp/qp quapy abstention ucimlrepo xlrd --no-deps`) and put it on the path.
On the demo register, per year 2021-2024 and per target, the confirmed labels are hidden and the
label counts are estimated from the model's suggestions by:
- tellen: counting the suggestions (classify and count);
- schatting: this package's adjusted count (`jaarverslag._schatting.corrigeer`, the card's
  cross-validated confusion matrix, non-negative least squares);
- quapy ACC: `ACC.solve_adjustment` with the same confusion matrix (QuaPy's default solver and
  clipping, as `ACC.aggregate` does);
- quapy EMQ: `EMQ.EM` (Saerens-Latinne-Decaestecker) on the model's probabilities, starting from
  the training label mix on the card.
Prints the mean absolute error per label (complaints) against the confirmed counts.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from klachtclassificatie.classificatie import DOELEN, laad
from klachtclassificatie.jaarverslag._schatting import _overgangen, _verwarring, corrigeer
from klachtclassificatie.register import laad_klachten

PROJECT = Path(__file__).resolve().parents[1]
DEMO = PROJECT / "data" / "demo" / "register-demo.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "klachtmodel.skops")
    args = parser.parse_args()
    begin = time.perf_counter()
    from quapy.functional import normalize_prevalence
    from quapy.method.aggregative import ACC, EMQ

    print(f"import quapy: {time.perf_counter() - begin:.1f} s")
    model = laad(args.model)
    klachten = laad_klachten(DEMO)
    per_doel = model.met_labelmix(None).alle_kansen(model.voorbewerk(klachten["tekst"].tolist()))
    fouten: dict[str, dict[str, list[float]]] = {}
    for doel in DOELEN:
        klassen, kansen = per_doel[doel]
        klassen = [str(k) for k in klassen]
        overgang = _overgangen(_verwarring(model.kaart, doel, klassen))
        per_label = model.kaart["trainingsdata"]["per_label"][doel]
        trainingsmix = np.array([per_label.get(k, 0) for k in klassen], dtype=float)
        trainingsmix /= trainingsmix.sum()
        for jaar, rijen in klachten.groupby(klachten["ontvangstdatum"].dt.year).groups.items():
            i = klachten.index.get_indexer(rijen)
            waar = np.array([(klachten[doel].iloc[i] == k).sum() for k in klassen], dtype=float)
            geteld = np.bincount(kansen[i].argmax(axis=1), minlength=len(klassen)).astype(float)
            n = geteld.sum()
            schattingen = {
                "tellen": geteld,
                "schatting": corrigeer(geteld, overgang),
                "quapy ACC": normalize_prevalence(ACC.solve_adjustment(
                    class_conditional_rates=overgang.T, unadjusted_counts=geteld / n, solver="minimize",
                    method="inversion"), method="clip") * n,
                "quapy EMQ": EMQ.EM(trainingsmix, kansen[i])[0] * n,
            }
            for naam, s in schattingen.items():
                fouten.setdefault(doel, {}).setdefault(naam, []).append(float(np.abs(s - waar).mean()))
            print(f"{doel} {jaar} (n={int(n)}): " + "; ".join(
                f"{naam} {np.abs(s - waar).mean():.2f}" for naam, s in schattingen.items()))
    for doel, per_methode in fouten.items():
        print(f"{doel}: gemiddelde afwijking per label over de jaren: " + "; ".join(
            f"{naam} {np.mean(w):.2f}" for naam, w in per_methode.items()))


if __name__ == "__main__":
    main()
