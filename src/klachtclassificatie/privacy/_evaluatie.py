"""Evaluation on a labelled set: recall and precision per type."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from klachtclassificatie.fouten import BestandError, Probleem
from klachtclassificatie.privacy._behouden import STANDAARD_BEHOUDEN, _behouden_sleutels
from klachtclassificatie.privacy._redactie import redigeer
from klachtclassificatie.privacy._sleutels import _sleutel_tekst
from klachtclassificatie.privacy._typen import TYPES, Vervanging


def _lees_testset(pad: Path) -> list[dict]:
    if not pad.exists():
        raise BestandError(
            pad, "bestand niet gevonden; verwacht een JSONL-bestand met gelabelde teksten"
        )
    rijen, problemen = [], []
    for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
        if not regel.strip():
            continue
        try:
            rij = json.loads(regel)
            tekst, entiteiten = rij["tekst"], rij["entiteiten"]
        except (json.JSONDecodeError, KeyError, TypeError) as fout:
            problemen.append(
                Probleem(nummer, None, f"geen geldige regel met 'tekst' en 'entiteiten' ({fout})")
            )
            continue
        for e in entiteiten:
            if e.get("type") not in TYPES:
                problemen.append(
                    Probleem(
                        nummer,
                        "type",
                        f"onbekend type {e.get('type')!r}; toegestaan: {', '.join(TYPES)}",
                    )
                )
            elif e.get("waarde", "") not in tekst or not e.get("waarde"):
                problemen.append(
                    Probleem(nummer, "waarde", f"{e.get('waarde')!r} staat niet in de tekst")
                )
        rijen.append(rij)
    if problemen:
        raise BestandError(pad, problemen)
    return rijen


def _gelabelde_spans(tekst: str, entiteiten: list[dict]) -> list[tuple[int, int, str]]:
    """Every occurrence of every labelled value, longest value first, without overlap."""
    bezet = bytearray(len(tekst))
    spans = []
    for e in sorted(entiteiten, key=lambda e: -len(e["waarde"])):
        for m in re.finditer(re.escape(e["waarde"]), tekst):
            if not any(bezet[m.start() : m.end()]):
                bezet[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                spans.append((m.start(), m.end(), e["type"]))
    return spans


def evalueer(
    pad: Path, *, snel: bool = False, behouden: Iterable[str] | None = None
) -> dict[str, dict[str, float | None]]:
    """Recall and precision per type on a labelled JSONL set ({"id", "tekst", "entiteiten"}).

    Per type: `n` labelled occurrences; `recall` the share fully covered by replaced spans of any
    type, `recall_type` by spans of the same type; `vervangen` the spans replaced with that type;
    `precisie` the share of those that overlap a labelled value (None when nothing was replaced).
    "totaal" sums all types; "domeinwoorden" counts the kept words found in the texts and the
    share left intact. Raises BestandError when the file is missing or a line is invalid.
    """
    sleutels = _behouden_sleutels(behouden)
    woorden = sorted(
        STANDAARD_BEHOUDEN if behouden is None else set(behouden), key=len, reverse=True
    )
    domein = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, woorden)) + r")(?!\w)")
        if woorden
        else None
    )
    tel: dict[str, Counter] = defaultdict(Counter)
    for rij in _lees_testset(pad):
        tekst = rij["tekst"]
        redactie = redigeer(tekst, snel=snel, behouden=behouden)
        gelabeld = _gelabelde_spans(tekst, rij["entiteiten"])
        for start, einde, soort in gelabeld:
            for naam in (soort, "totaal"):
                tel[naam]["n"] += 1
                tel[naam]["gedekt"] += _volledig_gedekt(tekst, start, einde, redactie.vervangingen)
                tel[naam]["gedekt_type"] += _volledig_gedekt(
                    tekst, start, einde, [v for v in redactie.vervangingen if v.type == soort]
                )
        for v in redactie.vervangingen:
            raak = any(v.start < einde and start < v.einde for start, einde, _ in gelabeld)
            for naam in (v.type, "totaal"):
                tel[naam]["vervangen"] += 1
                tel[naam]["raak"] += raak
        if domein is not None:
            for m in domein.finditer(tekst):
                # a kept word inside a labelled value ("Kees van Houten") is personal data there
                binnen_label = any(s < m.end() and m.start() < e for s, e, _ in gelabeld)
                if _sleutel_tekst(m[0]) in sleutels and not binnen_label:
                    tel["domeinwoorden"]["n"] += 1
                    tel["domeinwoorden"]["weg"] += any(
                        v.start < m.end() and m.start() < v.einde for v in redactie.vervangingen
                    )
    uitkomst: dict[str, dict[str, float | None]] = {}
    for naam in (*TYPES, "totaal"):
        t = tel[naam]
        if not t["n"] and not t["vervangen"]:
            continue
        uitkomst[naam] = {
            "n": t["n"],
            "recall": t["gedekt"] / t["n"] if t["n"] else None,
            "recall_type": t["gedekt_type"] / t["n"] if t["n"] else None,
            "vervangen": t["vervangen"],
            "precisie": t["raak"] / t["vervangen"] if t["vervangen"] else None,
        }
    d = tel["domeinwoorden"]
    uitkomst["domeinwoorden"] = {
        "n": d["n"],
        "behouden": (d["n"] - d["weg"]) / d["n"] if d["n"] else None,
    }
    return uitkomst


def _volledig_gedekt(
    tekst: str, start: int, einde: int, vervangingen: Iterable[Vervanging]
) -> bool:
    """Every non-space character of tekst[start:einde] lies inside some replaced span."""
    bedekt = bytearray(einde - start)
    for v in vervangingen:
        a, b = max(start, v.start), min(einde, v.einde)
        if a < b:
            bedekt[a - start : b - start] = b"\x01" * (b - a)
    return all(bedekt[i] or tekst[start + i].isspace() for i in range(einde - start))
