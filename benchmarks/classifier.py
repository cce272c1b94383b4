"""Benchmark of the classifier (run by hand; prints figures, asserts nothing).

    .venv/bin/python benchmarks/classifier.py [--model PAD] [--rijen 20000] [--geheugen-rijen 1000000]
                                              [--herhaal 3] [--oude-code ../main/src] [--alleen-koude-start]
                                              [--eerste-commando]

Measures in one run, on this machine:
- batch labelling: the whole `klachten label` command (start-up, model loading, reading and
  writing included) against plain scikit-learn (word TF-IDF 1-2 and logistic regression per
  target on raw text, fitted beforehand, both cores, also a whole command with start-up) on the
  same rows; with --herhaal N taking turns N times (medians), with --oude-code SRC also the same
  command run with another source folder first on the path (before/after in one run);
- cold `klachten suggereer` against a process that only imports scikit-learn, joblib and spaCy,
  seven times in turn (medians; with --oude-code also with that source folder), with the
  package's bytecode compiled first as an installation would have it;
- warm suggestion for one text in a running process (median and p99);
- peak memory of `klachten label` at --geheugen-rijen rows, summed over its processes (resident
  memory, which counts pages the forked workers share with their parent once per process, and
  proportional memory, which shares them out);
- with --eerste-commando: the README's first command after installation (`klachten train` with
  the default model, then `klachten jaarverslag --jaar 2024 --demo`).
"""

from __future__ import annotations

import argparse
import os
import resource
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
TRAINING = PROJECT / "data" / "annotaties" / "train.csv"
DOELEN = ("categorie", "programmaonderdeel")

#: The plain scikit-learn labelling command: load a fitted pipeline per target, read in chunks,
#: predict over both cores, write the top label and its probability per target.
BASISLIJN_COMMANDO = """
import sys
import joblib, pandas as pd
from joblib import Parallel, delayed
pipelines = joblib.load(sys.argv[1])
def label(stuk):
    for doel, pipeline in pipelines.items():
        kansen = pipeline.predict_proba(stuk["tekst"].tolist())
        stuk[doel + "_suggestie"] = pipeline.classes_[kansen.argmax(axis=1)]
        stuk[doel + "_kans"] = kansen.max(axis=1).round(4)
    return stuk
stukken = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False, chunksize=2000)
with open(sys.argv[3], "w", encoding="utf-8") as uit:
    for i, stuk in enumerate(Parallel(n_jobs=2, return_as="generator")(delayed(label)(s) for s in stukken)):
        stuk.to_csv(uit, index=False, header=i == 0)
"""


def _kinderen(pid: int) -> list[int]:
    uit = []
    for taak in Path(f"/proc/{pid}/task").iterdir():
        uit += [int(k) for k in (taak / "children").read_text().split()]
    return uit


def _geheugen_boom_mib(pid: int) -> tuple[float, float]:
    """(resident, proportional) memory of a process and all its descendants, from /proc (Linux)."""
    rss = pss = 0
    te_doen = [pid]
    while te_doen:
        huidig = te_doen.pop()
        try:
            for regel in Path(f"/proc/{huidig}/smaps_rollup").read_text().splitlines():
                if regel.startswith("Rss:"):
                    rss += int(regel.split()[1])
                elif regel.startswith("Pss:"):
                    pss += int(regel.split()[1])
            te_doen += _kinderen(huidig)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss / 1024, pss / 1024


def meet_commando(argumenten: list[str], omgeving: dict | None = None) -> tuple[float, float, float, float]:
    """Run a command: (seconds, peak resident MiB, peak proportional MiB, CPU seconds) over its
    process tree (the CPU time of workers counts once they have been waited for)."""
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    proces = subprocess.Popen(argumenten, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=omgeving)
    piek_rss = piek_pss = 0.0
    while proces.poll() is None:
        rss, pss = _geheugen_boom_mib(proces.pid)
        piek_rss, piek_pss = max(piek_rss, rss), max(piek_pss, pss)
        time.sleep(0.1)
    duur = time.perf_counter() - begin
    _, fouten = proces.communicate()
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = na.ru_utime - voor.ru_utime + na.ru_stime - voor.ru_stime
    if proces.returncode:
        raise SystemExit(f"{' '.join(argumenten[:3])} mislukt (exitcode {proces.returncode}): {fouten[-500:]}")
    return duur, piek_rss, piek_pss, cpu


def maak_invoer(teksten: list[str], rijen: int, pad: Path) -> Path:
    """`rijen` complaints drawn with replacement from the corpus, written in pieces (flat memory)."""
    rng = np.random.default_rng(0)
    teksten = np.asarray(teksten, dtype=object)
    with pad.open("w", encoding="utf-8", newline="") as bestand:
        for begin in range(0, rijen, 100_000):
            aantal = min(100_000, rijen - begin)
            pd.DataFrame({"nummer": np.arange(begin, begin + aantal),
                          "tekst": teksten[rng.choice(len(teksten), size=aantal)]}).to_csv(
                bestand, index=False, header=begin == 0)
    return pad


def bewaar_basislijn(pad: Path) -> Path:
    """Fit the plain scikit-learn baseline on the raw training texts and save it."""
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    frame = pd.read_csv(TRAINING, dtype=str, keep_default_na=False)
    pipelines = {
        doel: make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                            LogisticRegression(max_iter=2000)).fit(frame["tekst"], frame[doel])
        for doel in DOELEN
    }
    joblib.dump(pipelines, pad)
    return pad


def meet_labelen(modelpad: Path, basislijn: Path, invoer: Path, rijen: int, *, herhaal: int = 1,
                 oude_code: Path | None = None) -> None:
    """`klachten label` against the baseline, `herhaal` times in turn (and, with `oude_code`, the
    same command with that source folder first on the path); medians when repeated."""
    commando = [str(KLACHTEN), "label", str(invoer), "--uit", str(invoer.with_name("gelabeld.csv")),
                "--model", str(modelpad)]
    varianten = {"klachten label": (commando, None)}
    if oude_code is not None:
        varianten["oude code"] = (commando, {**os.environ, "PYTHONPATH": str(oude_code)})
    varianten["scikit-learn"] = ([sys.executable, "-c", BASISLIJN_COMMANDO, str(basislijn), str(invoer),
                                  str(invoer.with_name("basislijn.csv"))], None)
    metingen: dict[str, list[tuple[float, float, float, float]]] = {naam: [] for naam in varianten}
    belasting = []
    for ronde in range(herhaal):
        for naam, (argumenten, omgeving) in varianten.items():
            belasting.append(os.getloadavg()[0])
            metingen[naam].append(meet_commando(argumenten, omgeving))
            if herhaal > 1:
                duur, _, _, cpu = metingen[naam][-1]
                print(f"  ronde {ronde + 1}, {naam:15s} {rijen / duur:6.0f} per s ({duur:.1f} s, "
                      f"CPU {cpu:.1f} s; belasting {belasting[-1]:.1f})", flush=True)
    duur, rss, pss, cpu = (statistics.median(m[i] for m in metingen["klachten label"]) for i in range(4))
    basis = statistics.median(m[0] for m in metingen["scikit-learn"])
    mediaan = "mediaan, " if herhaal > 1 else ""
    print(f"klachten label, {rijen} rijen (hele commando):   {rijen / duur:8.0f} per s  ({mediaan}{duur:.1f} s, "
          f"CPU {cpu:.1f} s; piek {rss:.0f} MiB resident, {pss:.0f} MiB proportioneel)", flush=True)
    if oude_code is not None:
        oud = statistics.median(m[0] for m in metingen["oude code"])
        oud_cpu = statistics.median(m[3] for m in metingen["oude code"])
        print(f"  dezelfde opdracht met {oude_code}: {rijen / oud:8.0f} per s  ({mediaan}{oud:.1f} s, "
              f"CPU {oud_cpu:.1f} s)")
    print(f"scikit-learn woord-TF-IDF + LR (hele commando): {rijen / basis:8.0f} per s  ({mediaan}{basis:.1f} s)")
    print(f"verhouding:                                     {basis / duur:8.0%}  (belasting "
          f"{min(belasting):.1f} tot {max(belasting):.1f})", flush=True)


def _zorg_voor_bytecode(*bronmappen: Path) -> None:
    """Compile the package's modules once, as pip does when it installs: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) an editable install never writes its .pyc
    files, and every start compiles the package again (0.05 s)."""
    import compileall
    import importlib.util

    mappen = [map_ / "klachtclassificatie" for map_ in bronmappen]
    mappen.append(Path(importlib.util.find_spec("klachtclassificatie").origin).parent)
    for map_ in mappen:
        compileall.compile_dir(map_, quiet=1)


def _duur(argumenten: list[str], omgeving: dict | None = None) -> float:
    begin = time.perf_counter()
    subprocess.run(argumenten, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=omgeving, check=True)
    return time.perf_counter() - begin


def meet_koude_start(modelpad: Path, keer: int = 7, *, oude_code: Path | None = None) -> None:
    """Cold `klachten suggereer` and a process that only imports scikit-learn, joblib and spaCy,
    `keer` times in turn so both see the same load (and, with `oude_code`, the same command with
    that source folder first on the path); medians, with the bytecode of the package present."""
    _zorg_voor_bytecode(*([oude_code] if oude_code else []))
    suggereer = [str(KLACHTEN), "suggereer", "Mijn uitkering is te laat", "--model", str(modelpad)]
    varianten = {"klachten suggereer (koud)": (suggereer, None)}
    if oude_code is not None:
        varianten[f"  dezelfde met {oude_code}"] = (suggereer, {**os.environ, "PYTHONPATH": str(oude_code)})
    varianten["alleen scikit-learn, joblib en spaCy importeren"] = (
        [sys.executable, "-c", "import sklearn, joblib, spacy"], None)
    tijden: dict[str, list[float]] = {naam: [] for naam in varianten}
    belasting = []
    for _ in range(keer):
        belasting.append(os.getloadavg()[0])
        for naam, (argumenten, omgeving) in varianten.items():
            tijden[naam].append(_duur(argumenten, omgeving))
    imports = statistics.median(tijden["alleen scikit-learn, joblib en spaCy importeren"])
    for naam, waarden in tijden.items():
        mediaan = statistics.median(waarden)
        print(f"{naam + ':':48s} {mediaan:5.2f} s (mediaan van {keer}; {min(waarden):.2f} tot "
              f"{max(waarden):.2f}); {mediaan / imports:.2f}x de imports", flush=True)
    print(f"  belasting {min(belasting):.1f} tot {max(belasting):.1f}", flush=True)


def meet_suggestie(modelpad: Path, teksten: list[str]) -> None:
    from klachtclassificatie.classificatie import laad

    model = laad(modelpad)
    model.suggereer(teksten[:5])  # warm up: spaCy, caches
    tijden = []
    for tekst in teksten[:500]:
        begin = time.perf_counter()
        model.suggereer([tekst])
        tijden.append(time.perf_counter() - begin)
    tijden.sort()
    print(f"suggereer (warm), één tekst:                    {statistics.median(tijden) * 1000:8.1f} ms mediaan"
          f"  (p99 {tijden[int(0.99 * len(tijden))] * 1000:.1f} ms)", flush=True)


def meet_eerste_commando(map_: Path) -> None:
    """The README's first command after `pip install`: train the default model, then the tables."""
    modelpad = map_ / "eerste" / "klachtmodel.skops"
    train, *_ = meet_commando([str(KLACHTEN), "train", "--model", str(modelpad)])
    jaarverslag, *_ = meet_commando([str(KLACHTEN), "jaarverslag", "--jaar", "2024", "--demo"])
    print(f"eerste README-commando na installatie:          {train + jaarverslag:8.0f} s "
          f"(train {train:.0f} s, jaarverslag {jaarverslag:.1f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "models" / "klachtmodel.skops",
                        help="getraind model (standaard models/klachtmodel.skops)")
    parser.add_argument("--rijen", type=int, default=20_000, help="rijen voor de snelheidsvergelijking (0: alleen het geheugen meten)")
    parser.add_argument("--geheugen-rijen", type=int, default=1_000_000,
                        help="rijen voor het piekgeheugen van label (0: overslaan)")
    parser.add_argument("--herhaal", type=int, default=1,
                        help="meet label en de basislijn zo vaak om en om (medianen; de machine is gedeeld)")
    parser.add_argument("--oude-code", type=Path, metavar="SRC",
                        help="meet label en de koude start ook met deze bronmap vooraan op het pad "
                             "(bijvoorbeeld ../main/src), om en om met de huidige code")
    parser.add_argument("--alleen-koude-start", action="store_true",
                        help="meet alleen de koude start van suggereer (en met --oude-code die van de oude code)")
    parser.add_argument("--eerste-commando", action="store_true",
                        help="meet ook het eerste README-commando (traint opnieuw: enkele minuten)")
    args = parser.parse_args()
    if args.alleen_koude_start:
        meet_koude_start(args.model, oude_code=args.oude_code)
        return
    teksten = pd.read_csv(TRAINING, dtype=str, keep_default_na=False)["tekst"].tolist()
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        if args.rijen:
            basislijn = bewaar_basislijn(map_ / "basislijn.joblib")
            meet_labelen(args.model, basislijn, maak_invoer(teksten, args.rijen, map_ / "klachten.csv"),
                         args.rijen, herhaal=args.herhaal, oude_code=args.oude_code)
            meet_koude_start(args.model, oude_code=args.oude_code)
            meet_suggestie(args.model, teksten)
        if args.geheugen_rijen:
            (map_ / "groot").mkdir()
            invoer = maak_invoer(teksten, args.geheugen_rijen, map_ / "groot" / "klachten.csv")
            duur, rss, pss, _ = meet_commando([str(KLACHTEN), "label", str(invoer), "--uit",
                                            str(invoer.with_name("gelabeld.csv")), "--model", str(args.model)])
            print(f"klachten label, {args.geheugen_rijen} rijen:          {duur:8.0f} s; piekgeheugen "
                  f"{rss:.0f} MiB resident, {pss:.0f} MiB proportioneel (som van alle processen)",
                  flush=True)
        if args.eerste_commando:
            meet_eerste_commando(map_)


if __name__ == "__main__":
    main()
