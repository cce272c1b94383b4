"""Confirmed register complaints, redacted, added to the annotations so that training learns them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klachtclassificatie.annotaties._bestanden import lees_annotaties
from klachtclassificatie.annotaties._controle import _normaal
from klachtclassificatie.bestanden import atomair_pad, beschermd, schoon


def exporteer_bevestigde(klachten: pd.DataFrame, doelbestand: Path, *, annotatiemap: Path) -> int:
    """Append confirmed register complaints, redacted, to an annotation file so training learns them.

    Only complaints whose labels are confirmed and that have a text. A complaint already in any
    annotation file of `annotatiemap`, test splits included (same id, or the same text before or
    after redaction), is never added: a test text must not reach training through the register.
    Returns how many were added; the file is rewritten atomically.
    """
    import csv

    from klachtclassificatie.privacy import redigeer

    doelbestand = Path(doelbestand)
    kandidaten = klachten[(klachten["labels_bevestigd"] == 1) & klachten["tekst"].str.strip().ne("")
                          & klachten["categorie"].notna() & klachten["programmaonderdeel"].notna()]
    bekend_id, bekende_tekst = set(), set()
    if Path(annotatiemap).is_dir() and any(Path(annotatiemap).glob("*.csv")):
        bestaand = lees_annotaties(annotatiemap)
        bekend_id = set(bestaand["id"].astype(str))
        bekende_tekst = {_normaal(t) for t in bestaand["tekst"]}
    nieuw = []
    for klacht in kandidaten.itertuples():
        ident = f"register-{klacht.klachtnummer}"
        tekst = redigeer(klacht.tekst).tekst
        # redaction changes a text that holds a name or number, so compare it both ways
        vormen = {_normaal(klacht.tekst), _normaal(tekst)}
        if ident in bekend_id or vormen & bekende_tekst:
            continue
        bekend_id.add(ident)
        bekende_tekst |= vormen
        nieuw.append({"id": ident, "tekst": tekst, "categorie": klacht.categorie,
                      "programmaonderdeel": klacht.programmaonderdeel,
                      "kanaal": klacht.kanaal if isinstance(klacht.kanaal, str) else "", "moeilijk": ""})
    if not nieuw:
        return 0
    oud = doelbestand.read_text(encoding="utf-8-sig") if doelbestand.exists() else ""
    # keep the column order of an existing file
    velden = (next(csv.reader([oud.splitlines()[0]])) if oud.strip()
              else ["id", "tekst", "categorie", "programmaonderdeel", "kanaal", "moeilijk"])
    with atomair_pad(doelbestand) as tijdelijk, tijdelijk.open("w", encoding="utf-8", newline="") as uit:
        if oud:
            uit.write(oud if oud.endswith("\n") else oud + "\n")
        schrijver = csv.DictWriter(uit, velden, extrasaction="ignore", restval="")
        if not oud:
            schrijver.writeheader()
        # as every CSV the project writes: no formulas (lees_tabel removes the apostrophe again)
        schrijver.writerows({k: beschermd(schoon(v)) if isinstance(v, str) else v for k, v in rij.items()}
                            for rij in nieuw)
    return len(nieuw)
