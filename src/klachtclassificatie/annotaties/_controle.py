"""Checking annotation files: errors, warnings, counts, duplicates and annotator agreement."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.annotaties._bestanden import (
    ANNOTATOREN,
    _lees_met_problemen,
    annotatiebestanden,
    annotatorkolom,
)
from klachtclassificatie.annotaties._gevallen import GEVALLEN, beschrijf_gevallen, lees_gevallen
from klachtclassificatie.annotaties._tweelingen import (
    TWEELINGEN,
    lees_tweelingen,
    met_tweeling,
    onbekende_ids,
)
from klachtclassificatie.fouten import BestandError

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
    #: What the case register says about the real cases (see `beschrijf_gevallen`), if there is one.
    gevallen: dict | None = None
    #: Per doubly annotated file and target: texts, share of equal labels and Cohen's kappa.
    overeenstemming: dict[str, dict[str, dict]] = field(default_factory=dict)
    #: What the scenario twins say: pairs judged, test texts with and without a twin, if judged.
    tweelingen: dict | None = None

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


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
    """Validate annotation files and count their labels; every finding is returned as data.

    A folder's case register (gevallen.csv) is checked too, and every case-based text must name a
    case in it; given the case register alone, only that is checked.
    """
    controle = Controle()
    pad = Path(pad)
    register = (pad if pad.is_dir() else pad.parent) / GEVALLEN
    gevallen = _controleer_gevallen(register, controle) if register.is_file() else None
    if pad.name == GEVALLEN:
        return controle
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
            _controleer_gevalkoppeling(frame, bestand.name, gevallen, controle)
            if all(annotatorkolom(d, a) in frame for d in voc.DOELEN for a in ANNOTATOREN):
                controle.overeenstemming[bestand.name] = overeenstemming(frame)
    if not delen:
        return controle
    alles = pd.concat(delen, ignore_index=True)
    _controleer_dubbelen(alles, controle)
    if pad.is_dir() and (pad / TWEELINGEN).is_file():
        _controleer_tweelingen(pad / TWEELINGEN, alles, controle)
    geldig = alles[alles["categorie"].isin(list(voc.CATEGORIEEN))
                   & alles["programmaonderdeel"].isin(list(voc.PROGRAMMAONDERDELEN))]
    _tel(geldig, controle)
    return controle


def _controleer_gevallen(register: Path, controle: Controle) -> pd.DataFrame | None:
    try:
        gevallen, problemen = lees_gevallen(register)
    except BestandError as fout:
        problemen, gevallen = fout.problemen, pd.DataFrame()
    controle.fouten += [f"{register.name}: {p}" for p in problemen]
    if problemen or gevallen.empty:
        return None
    controle.gevallen = beschrijf_gevallen(gevallen)
    return gevallen


def _controleer_gevalkoppeling(frame: pd.DataFrame, naam: str, gevallen: pd.DataFrame | None,
                               controle: Controle) -> None:
    """Every case-based text names a case of the register."""
    if "geval_id" not in frame:
        return
    if gevallen is None:
        controle.waarschuwingen.append(f"{naam}: teksten met geval_id, maar geen geldig {GEVALLEN} "
                                       "in dezelfde map om ze aan te koppelen")
        return
    bekend = set(gevallen["geval_id"])
    for rij in frame.itertuples():
        if rij.geval_id not in bekend:
            controle.fouten.append(f"{naam}: rij {rij.rij}, kolom 'geval_id': geval '{rij.geval_id}' "
                                   f"staat niet in {GEVALLEN}")


def _controleer_tweelingen(bestand: Path, alles: pd.DataFrame, controle: Controle) -> None:
    """The twin judgements are well formed and name texts of this folder's test and training files."""
    try:
        paren, problemen = lees_tweelingen(bestand)
    except BestandError as fout:
        paren, problemen = pd.DataFrame(), fout.problemen
    if not problemen:
        is_test = alles["split"].str.startswith("test")
        problemen = onbekende_ids(paren, set(alles.loc[is_test, "id"]), set(alles.loc[~is_test, "id"]))
    controle.fouten += [f"{bestand.name}: {p}" for p in problemen]
    if problemen or paren.empty:
        return
    beoordeeld = set(paren["test_id"])
    controle.tweelingen = {"paren": int(len(paren)), "zelfde_scenario": int((paren["zelfde_scenario"] == "ja").sum()),
                           "testteksten": len(beoordeeld), "met_tweeling": len(met_tweeling(paren)),
                           "lezers": int(paren["lezer"].nunique())}


def overeenstemming(frame: pd.DataFrame) -> dict[str, dict]:
    """Agreement of the two annotators per target: texts, share equal, Cohen's kappa.

    Kappa is None when it is undefined (both annotators used one and the same label throughout).
    """
    from sklearn.metrics import cohen_kappa_score

    uit = {}
    for doel in voc.DOELEN:
        een, twee = (frame[annotatorkolom(doel, a)] for a in ANNOTATOREN)
        kappa = (round(float(cohen_kappa_score(een, twee)), 3)
                 if len(set(een) | set(twee)) > 1 else None)
        uit[doel] = {"n": int(len(frame)), "gelijk": round(float((een == twee).mean()), 3), "kappa": kappa}
    return uit


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


