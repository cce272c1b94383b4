"""Annotation files: reading, validating and counting the labelled complaint texts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.bestanden import atomair_pad, kolomsleutel, lees_tabel
from klachtclassificatie.fouten import AnnotatieError, BestandError, Probleem, VocabulaireError

VERPLICHTE_KOLOMMEN = ("id", "tekst", "categorie", "programmaonderdeel")
#: Share of a text's word 5-grams found in another text above which the two are near duplicates.
BIJNA_DUBBEL_DREMPEL = 0.5
SHINGLE = 5
#: Minimums the shipped corpus meets; a file below them gets a warning, not an error.
MINIMUM_PER_LABEL = 120
MINIMUM_PER_COMBINATIE = 12


@dataclass
class Controle:
    """What `controleer` found: errors, warnings and counts, per file and over all files."""

    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    aantallen: dict[str, dict[str, int]] = field(default_factory=dict)
    combinaties: pd.DataFrame | None = None
    lengtes: dict[str, dict[str, float]] = field(default_factory=dict)
    per_bestand: dict[str, int] = field(default_factory=dict)

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


def annotatiebestanden(pad: Path) -> list[Path]:
    """The annotation files at `pad`: the file itself, or every CSV/XLSX in the folder."""
    pad = Path(pad)
    if pad.is_dir():
        bestanden = sorted(p for p in pad.iterdir() if p.suffix.lower() in {".csv", ".xlsx"})
        if not bestanden:
            raise AnnotatieError(f"geen annotatiebestanden (.csv, .xlsx) gevonden in {pad}")
        return bestanden
    if not pad.exists():
        raise AnnotatieError(f"{pad} niet gevonden")
    return [pad]


def _lees_met_problemen(pad: Path) -> tuple[pd.DataFrame, list[Probleem]]:
    tabel = lees_tabel(pad)
    sleutels = {kolomsleutel(k): k for k in tabel.kolommen}
    ontbrekend = [k for k in VERPLICHTE_KOLOMMEN if k not in sleutels]
    if ontbrekend:
        aanwezig = ", ".join(tabel.kolommen)
        return pd.DataFrame(), [
            Probleem(1, k, f"verplichte kolom ontbreekt; aanwezig: {aanwezig}") for k in ontbrekend
        ]
    problemen, rijen = [], []
    for rijnummer, cellen in tabel.rijen:
        rij = {kolomsleutel(k): v for k, v in cellen.items()}
        rij["rij"] = rijnummer
        if not rij["tekst"].strip():
            problemen.append(Probleem(rijnummer, sleutels["tekst"], "lege tekst"))
        if not rij["id"].strip():
            problemen.append(Probleem(rijnummer, sleutels["id"], "leeg id"))
        for doel, vocabulaire in voc.LABELS.items():
            if not rij[doel].strip():
                problemen.append(Probleem(rijnummer, sleutels[doel], f"{doel} ontbreekt"))
                continue
            try:
                rij[doel] = vocabulaire.normaliseer(rij[doel])
            except VocabulaireError as fout:
                problemen.append(Probleem(rijnummer, sleutels[doel], str(fout)))
        rijen.append(rij)
    frame = pd.DataFrame(rijen)
    for nummer, groep in frame.groupby("id") if len(frame) else []:
        if nummer and len(groep) > 1:
            regels = ", ".join(str(r) for r in groep["rij"])
            problemen.append(Probleem(None, "id", f"id '{nummer}' staat op meer rijen: {regels}"))
    return frame, problemen


def lees_annotaties(pad: Path) -> pd.DataFrame:
    """Read one or more annotation files into one frame with canonical labels.

    Adds the columns `bestand`, `split` (the file name without extension) and `rij`. Raises
    BestandError listing every problem in a file.
    """
    delen = []
    for bestand in annotatiebestanden(pad):
        frame, problemen = _lees_met_problemen(bestand)
        if problemen:
            raise BestandError(bestand, problemen)
        delen.append(frame.assign(bestand=bestand.name, split=bestand.stem))
    return pd.concat(delen, ignore_index=True)


def trainingssplit(pad: Path) -> pd.DataFrame:
    """The annotations used for training: every file except test splits (test*.csv)."""
    alles = lees_annotaties(pad)
    return alles[~alles["split"].str.startswith("test")].reset_index(drop=True)


def testsplit(pad: Path) -> pd.DataFrame | None:
    """The test split of an annotation folder (files test*.csv), or None when it has none."""
    if not Path(pad).is_dir():
        return None
    alles = lees_annotaties(pad)
    test = alles[alles["split"].str.startswith("test")]
    return test.reset_index(drop=True) if len(test) else None


def _normaal(tekst: str) -> str:
    return " ".join(re.findall(r"\w+", tekst.lower()))


def _shingles(tekst: str) -> set[tuple[str, ...]]:
    woorden = _normaal(tekst).split()
    return {tuple(woorden[i : i + SHINGLE]) for i in range(len(woorden) - SHINGLE + 1)}


def zoek_dubbelen(frame: pd.DataFrame) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]]]:
    """Exact duplicates (same words) and near duplicates (shared word 5-grams) as index pairs."""
    exact: list[tuple[int, int]] = []
    eerste: dict[str, int] = {}
    for index, tekst in frame["tekst"].items():
        sleutel = _normaal(tekst)
        if sleutel in eerste:
            exact.append((eerste[sleutel], index))
        else:
            eerste[sleutel] = index
    exact_paren = set(exact)
    shingles = {i: _shingles(t) for i, t in frame["tekst"].items()}
    index_per_shingle: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, verzameling in shingles.items():
        for s in verzameling:
            index_per_shingle[s].append(i)
    gedeeld: Counter = Counter()
    for documenten in index_per_shingle.values():
        if len(documenten) > 1:
            for a_pos, a in enumerate(documenten):
                for b in documenten[a_pos + 1 :]:
                    gedeeld[(a, b)] += 1
    bijna = []
    for (a, b), aantal in gedeeld.items():
        kleinste = min(len(shingles[a]), len(shingles[b]))
        overlap = aantal / kleinste if kleinste else 0.0
        if overlap >= BIJNA_DUBBEL_DREMPEL and (a, b) not in exact_paren:
            bijna.append((a, b, overlap))
    return exact, sorted(bijna, key=lambda p: -p[2])


def _plaats(frame: pd.DataFrame, index: int) -> str:
    rij = frame.loc[index]
    return f"{rij['bestand']} rij {rij['rij']} (id {rij['id']})"


def controleer(pad: Path) -> Controle:
    """Validate annotation files and count their labels; every finding is returned as data."""
    controle = Controle()
    delen = []
    for bestand in annotatiebestanden(pad):
        try:
            frame, problemen = _lees_met_problemen(bestand)
        except BestandError as fout:
            controle.fouten += [f"{bestand.name}: {p}" for p in fout.problemen]
            continue
        controle.fouten += [f"{bestand.name}: {p}" for p in problemen]
        controle.per_bestand[bestand.name] = len(frame)
        if len(frame):
            delen.append(frame.assign(bestand=bestand.name, split=bestand.stem))
    if not delen:
        return controle
    alles = pd.concat(delen, ignore_index=True)
    _controleer_dubbelen(alles, controle)
    geldig = alles[alles["categorie"].isin(list(voc.CATEGORIEEN))
                   & alles["programmaonderdeel"].isin(list(voc.PROGRAMMAONDERDELEN))]
    _tel(geldig, controle)
    return controle


def _controleer_dubbelen(alles: pd.DataFrame, controle: Controle) -> None:
    exact, bijna = zoek_dubbelen(alles)
    for a, b in exact:
        controle.fouten.append(
            f"exact dubbel: {_plaats(alles, a)} en {_plaats(alles, b)} hebben dezelfde tekst"
        )
    for a, b, overlap in bijna:
        soort = "tussen splits" if alles.loc[a, "split"] != alles.loc[b, "split"] else "binnen split"
        controle.waarschuwingen.append(
            f"bijna dubbel ({soort}, {overlap:.0%} gedeelde 5-grammen): "
            f"{_plaats(alles, a)} en {_plaats(alles, b)}"
        )


def _tel(geldig: pd.DataFrame, controle: Controle) -> None:
    for doel, vocabulaire in voc.LABELS.items():
        tellingen = geldig[doel].value_counts()
        controle.aantallen[doel] = {w: int(tellingen.get(w, 0)) for w in vocabulaire}
        for waarde, aantal in controle.aantallen[doel].items():
            if aantal < MINIMUM_PER_LABEL:
                controle.waarschuwingen.append(
                    f"weinig voorbeelden: {doel} '{waarde}' heeft er {aantal} (minimum {MINIMUM_PER_LABEL})"
                )
    combinaties = pd.crosstab(geldig["programmaonderdeel"], geldig["categorie"]).reindex(
        index=list(voc.PROGRAMMAONDERDELEN), columns=list(voc.CATEGORIEEN), fill_value=0
    )
    controle.combinaties = combinaties
    for onderdeel, rij in combinaties.iterrows():
        for categorie, aantal in rij.items():
            if aantal < MINIMUM_PER_COMBINATIE:
                controle.waarschuwingen.append(
                    f"weinig voorbeelden: {onderdeel} × {categorie} heeft er {aantal} "
                    f"(minimum {MINIMUM_PER_COMBINATIE})"
                )
    woorden = geldig["tekst"].str.split().str.len()
    for split, groep in woorden.groupby(geldig["split"]):
        controle.lengtes[split] = {
            "n": int(groep.count()), "min": int(groep.min()), "mediaan": float(groep.median()),
            "p90": float(groep.quantile(0.9)), "max": int(groep.max()),
        }


def exporteer_bevestigde(klachten: pd.DataFrame, doelbestand: Path, *, annotatiemap: Path) -> int:
    """Append confirmed register complaints, redacted, to an annotation file so training learns them.

    Only complaints whose labels are confirmed and that have a text. A complaint already in any
    annotation file (same id, or the same redacted text) is never added twice. Returns how many
    were added; the file is rewritten atomically.
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
        if ident in bekend_id or _normaal(tekst) in bekende_tekst:
            continue
        bekend_id.add(ident)
        bekende_tekst.add(_normaal(tekst))
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
        schrijver.writerows(nieuw)
    return len(nieuw)
