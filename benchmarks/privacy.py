"""Privacy redaction: recall and precision per type on the labelled set, and time per text.

Run: .venv/bin/python benchmarks/privacy.py [data/privacy/testset.jsonl]
Not part of the test suite; the timings depend on the machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from klachtclassificatie import privacy

STANDAARD_PAD = Path(__file__).resolve().parents[1] / "data" / "privacy" / "testset.jsonl"


def _procent(waarde: float | None) -> str:
    return "     -" if waarde is None else f"{100 * waarde:5.1f}%"


def toon_scores(pad: Path, *, snel: bool) -> None:
    uitkomst = privacy.evalueer(pad, snel=snel)
    print(f"\n{'snel (alleen patronen)' if snel else 'volledig (patronen + deduce)'}")
    print(
        f"  {'type':<12} {'n':>5} {'recall':>7} {'zelfde type':>12} {'vervangen':>10} {'precisie':>9}"
    )
    for soort, s in uitkomst.items():
        if soort == "domeinwoorden":
            continue
        print(
            f"  {soort:<12} {s['n']:>5} {_procent(s['recall']):>7} {_procent(s['recall_type']):>12}"
            f" {s['vervangen']:>10} {_procent(s['precisie']):>9}"
        )
    d = uitkomst["domeinwoorden"]
    print(
        f"  domeinwoorden en plaatsen: {d['n']} in de teksten, {_procent(d['behouden'])} behouden"
    )


def _ms_per_tekst(functie, teksten: list[str], herhalingen: int) -> list[float]:
    tijden = []
    for _ in range(herhalingen):
        for tekst in teksten:
            start = time.perf_counter()
            functie(tekst)
            tijden.append((time.perf_counter() - start) * 1000)
    return tijden


def toon_tijden(pad: Path) -> None:
    teksten = [
        json.loads(regel)["tekst"]
        for regel in pad.read_text(encoding="utf-8").splitlines()
        if regel.strip()
    ]
    woorden = statistics.mean(len(t.split()) for t in teksten)

    start = time.perf_counter()
    privacy.deduce_model()
    print(f"\ndeduce laden: {time.perf_counter() - start:.1f} s (eenmalig per proces)")

    print(f"tijd per tekst ({len(teksten)} teksten, gemiddeld {woorden:.0f} woorden):")
    for naam, functie, herhalingen in (
        ("redigeer_snel", privacy.redigeer_snel, 20),
        ("redigeer", privacy.redigeer, 3),
    ):
        functie(teksten[0])  # warm up: compile patterns
        tijden = _ms_per_tekst(functie, teksten, herhalingen)
        per_100 = statistics.mean(tijden) * 100 / woorden
        print(
            f"  {naam:<14} mediaan {statistics.median(tijden):6.2f} ms, gemiddeld {statistics.mean(tijden):6.2f} ms,"
            f" p95 {statistics.quantiles(tijden, n=20)[-1]:6.2f} ms, per 100 woorden {per_100:6.2f} ms"
        )


def main() -> None:
    pad = Path(sys.argv[1]) if len(sys.argv) > 1 else STANDAARD_PAD
    if not pad.exists():
        sys.exit(f"{pad} niet gevonden; geef het pad naar een gelabelde JSONL-set mee.")
    aantal = sum(1 for regel in pad.read_text(encoding="utf-8").splitlines() if regel.strip())
    print(f"testset: {pad} ({aantal} teksten)")
    toon_tijden(pad)
    toon_scores(pad, snel=False)
    toon_scores(pad, snel=True)


if __name__ == "__main__":
    main()
