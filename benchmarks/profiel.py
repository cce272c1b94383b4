"""Where the time per text goes (run by hand; prints figures, asserts nothing).

    .venv/bin/python benchmarks/profiel.py [--model PAD] [--teksten 5000] [--herhaal 3] [--cprofile]

Times each step of batch labelling (`suggesties_als_frame`) on one core, in milliseconds per
text (median over --herhaal runs), and the steps of one warm suggestion (median over 300 texts).
With --cprofile also prints the 25 most expensive functions of one batch.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

import pandas as pd

PROJECT = Path(__file__).resolve().parents[1]
TRAINING = PROJECT / "data" / "annotaties" / "train.csv"


def _tijd(functie, *args):
    begin = time.perf_counter()
    uit = functie(*args)
    return time.perf_counter() - begin, uit


def stappen(model, teksten: list[str]) -> dict[str, float]:
    """Seconds per step for one batch, the steps run one after the other as labelling runs them."""
    from klachtclassificatie.classificatie._labelen import suggesties_als_frame
    from klachtclassificatie.privacy import redigeer_snel

    voorbewerker = model.pipelines["categorie"].named_steps["voorbewerking"]
    uit = {}
    uit["snelle privacypatronen"], _ = _tijd(lambda: [redigeer_snel(t) for t in teksten])
    uit["voorbewerking (patronen + spaCy)"], voorbewerkt = _tijd(voorbewerker.transform, teksten)
    uit["spaCy (tokenizer en lemma's)"] = uit["voorbewerking (patronen + spaCy)"] - uit["snelle privacypatronen"]
    kenmerken = model.pipelines["categorie"].named_steps["kenmerken"]
    uit["kenmerken (woord- en teken-TF-IDF)"], matrix = _tijd(lambda: kenmerken.transform(voorbewerkt).tocsr())
    uit["classificatie, beide doelen"], _ = _tijd(
        lambda: [model.pipelines[d].named_steps["classificatie"].predict_proba(matrix) for d in model.pipelines])
    ruw = model._kansen_en_kenmerken(voorbewerkt)[0]
    uit["zekerheid (redenen, sets)"], _ = _tijd(model._zekerheid, voorbewerkt, ruw, ruw)
    uit["hele stuk (suggesties_als_frame)"], _ = _tijd(suggesties_als_frame, model, teksten)
    gemeten = ("snelle privacypatronen", "spaCy (tokenizer en lemma's)", "kenmerken (woord- en teken-TF-IDF)",
               "classificatie, beide doelen", "zekerheid (redenen, sets)")
    uit["uitvoerkolommen (rest)"] = uit["hele stuk (suggesties_als_frame)"] - sum(uit[s] for s in gemeten)
    return uit


def main() -> None:
    from klachtclassificatie.classificatie import laad

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "klachtmodel.skops")
    parser.add_argument("--teksten", type=int, default=5000)
    parser.add_argument("--herhaal", type=int, default=3)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    corpus = pd.read_csv(TRAINING, dtype=str, keep_default_na=False)["tekst"].tolist()
    teksten = (corpus * (args.teksten // len(corpus) + 1))[: args.teksten]
    model = laad(args.model)
    model.suggereer(corpus[:5])  # warm up spaCy and the caches, as a running labeller is
    runs = [stappen(model, teksten) for _ in range(args.herhaal)]
    print(f"Batch, {args.teksten} teksten, één kern, ms per tekst (mediaan van {args.herhaal}):")
    for stap in runs[0]:
        print(f"  {stap:38s} {statistics.median(r[stap] for r in runs) / args.teksten * 1000:7.3f}")
    if args.cprofile:
        from klachtclassificatie.classificatie._labelen import suggesties_als_frame

        profiel = cProfile.Profile()
        profiel.runcall(suggesties_als_frame, model, teksten)
        pstats.Stats(profiel).sort_stats("cumulative").print_stats(25)

    voorbewerker = model.pipelines["categorie"].named_steps["voorbewerking"]
    per_stap: dict[str, list[float]] = {}
    for tekst in corpus[:300]:
        totaal, _ = _tijd(model.suggereer, [tekst])
        voor, voorbewerkt = _tijd(voorbewerker.transform, [tekst])
        kansen, (ruw, _) = _tijd(model._kansen_en_kenmerken, voorbewerkt)
        zeker, _ = _tijd(model._zekerheid, voorbewerkt, ruw, ruw)
        for naam, waarde in (("hele suggestie", totaal), ("voorbewerking", voor),
                             ("kenmerken en kansen", kansen), ("zekerheid (redenen, sets)", zeker)):
            per_stap.setdefault(naam, []).append(waarde)
    print("Warme suggestie, één tekst, mediaan over 300 teksten, ms:")
    for naam, tijden in per_stap.items():
        print(f"  {naam:38s} {statistics.median(tijden) * 1000:7.2f}")


if __name__ == "__main__":
    main()
