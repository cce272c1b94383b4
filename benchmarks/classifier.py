"""Benchmark of the classifier (run by hand; prints figures, asserts nothing).

    .venv/bin/python benchmarks/classifier.py [--rijen 200000] [--zonder-training]

Measures: training time on the shipped corpus; warm `suggereer` latency (median, p99); cold
start of `klachten suggereer` and `klachten --help`; batch-label throughput and peak memory on
complaints made by resampling the corpus, next to a bare scikit-learn baseline (the same TF-IDF
and classifier on raw text, no spaCy, no redaction) timed in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT = Path(__file__).resolve().parents[1]
KLACHTEN = Path(sys.executable).with_name("klachten")


def meet_training(modelpad: Path) -> float:
    from klachtclassificatie.annotaties import trainingssplit
    from klachtclassificatie.classificatie import bewaar, train

    begin = time.perf_counter()
    model = train(trainingssplit(PROJECT / "data" / "annotaties"))
    duur = time.perf_counter() - begin
    bewaar(model, modelpad)
    return duur


def meet_suggestie(modelpad: Path, teksten: list[str]) -> tuple[float, float]:
    from klachtclassificatie.classificatie import laad

    model = laad(modelpad)
    model.suggereer(teksten[:5])  # warm up: spaCy, caches
    tijden = []
    for tekst in teksten[:500]:
        begin = time.perf_counter()
        model.suggereer([tekst])
        tijden.append(time.perf_counter() - begin)
    tijden.sort()
    return statistics.median(tijden) * 1000, tijden[int(0.99 * len(tijden))] * 1000


def meet_koude_start(argumenten: list[str], keer: int = 3) -> float:
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        subprocess.run([str(KLACHTEN), *argumenten], check=True, capture_output=True)
        tijden.append(time.perf_counter() - begin)
    return min(tijden)


def maak_invoer(teksten: list[str], rijen: int, map_: Path) -> Path:
    rng = np.random.default_rng(0)
    gekozen = rng.choice(len(teksten), size=rijen)
    pad = map_ / "klachten.csv"
    pd.DataFrame({"nummer": np.arange(rijen), "tekst": np.asarray(teksten, dtype=object)[gekozen]}).to_csv(
        pad, index=False
    )
    return pad


def _rss_boom_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    totaal, te_doen = 0, [pid]
    while te_doen:
        huidig = te_doen.pop()
        try:
            status = Path(f"/proc/{huidig}/status").read_text()
            totaal += next(int(r.split()[1]) for r in status.splitlines() if r.startswith("VmRSS:"))
            for taak in Path(f"/proc/{huidig}/task").iterdir():
                te_doen += [int(k) for k in (taak / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return totaal / 1024


def meet_labelen(modelpad: Path, invoer: Path, rijen: int) -> tuple[float, float]:
    """Run the batch labelling in a child process: (complaints per second, peak MiB).

    The peak is the largest sum of resident memory over the labelling process and its worker
    processes, sampled every 0.1 s (ru_maxrss would count the parent's memory at fork time).
    """
    uitvoer = invoer.with_name("gelabeld.csv")
    code = (
        "import time; from pathlib import Path;"
        "from klachtclassificatie.classificatie import label_bestand;"
        "t = time.perf_counter();"
        f"label_bestand(Path({str(modelpad)!r}), Path({str(invoer)!r}), Path({str(uitvoer)!r}));"
        "print(time.perf_counter() - t)"
    )
    proces = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    piek = 0.0
    while proces.poll() is None:
        piek = max(piek, _rss_boom_mib(proces.pid))
        time.sleep(0.1)
    uitvoer, _ = proces.communicate()
    if proces.returncode:
        raise SystemExit(f"labelen mislukt (exitcode {proces.returncode})")
    return rijen / float(uitvoer), piek


def meet_basislijn(teksten: list[str], invoer: Path, rijen: int) -> float:
    """The same features and classifier on raw text (no spaCy, no redaction), one process per core."""
    from joblib import Parallel, delayed

    from klachtclassificatie.annotaties import lees_annotaties
    from klachtclassificatie.classificatie import DOELEN, fit_recept

    frame = lees_annotaties(PROJECT / "data" / "annotaties" / "train.csv")
    pipelines = {d: fit_recept(frame["tekst"], frame[d], classificator="svm", C=1.0) for d in DOELEN}

    def label_stuk(stuk: list[str]) -> int:
        for pipeline in pipelines.values():
            pipeline.predict_proba(stuk)
        return len(stuk)

    begin = time.perf_counter()
    stukken = pd.read_csv(invoer, chunksize=2000)
    Parallel(n_jobs=2)(delayed(label_stuk)(s["tekst"].tolist()) for s in stukken)
    return rijen / (time.perf_counter() - begin)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=200_000)
    parser.add_argument("--zonder-training", action="store_true",
                        help="gebruik models/klachtmodel.skops in plaats van opnieuw te trainen")
    args = parser.parse_args()
    teksten = pd.read_csv(PROJECT / "data" / "annotaties" / "train.csv")["tekst"].tolist()
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        if args.zonder_training:
            modelpad = PROJECT / "models" / "klachtmodel.skops"
        else:
            modelpad = map_ / "klachtmodel.skops"
            print(f"training op het corpus:           {meet_training(modelpad):8.1f} s", flush=True)
        mediaan, p99 = meet_suggestie(modelpad, teksten)
        print(f"suggereer (warm) mediaan:         {mediaan:8.1f} ms   p99 {p99:.1f} ms", flush=True)
        help_tijd = meet_koude_start(["--help"])
        print(f"klachten --help (koud):           {help_tijd:8.2f} s", flush=True)
        koud = meet_koude_start(["suggereer", "Mijn werkcoach luistert niet", "--model", str(modelpad)])
        print(f"klachten suggereer (koud):        {koud:8.2f} s", flush=True)
        invoer = maak_invoer(teksten, args.rijen, map_)
        snelheid, piek = meet_labelen(modelpad, invoer, args.rijen)
        print(f"labelen {args.rijen} klachten:       {snelheid:8.0f} per s, piekgeheugen {piek:.0f} MiB",
              flush=True)
        basis = meet_basislijn(teksten, invoer, args.rijen)
        print(f"basislijn scikit-learn (ruwe tekst): {basis:6.0f} per s; verhouding {snelheid / basis:.0%}")


if __name__ == "__main__":
    main()
