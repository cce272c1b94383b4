"""Annotation files: reading and validating the labelled complaint texts, and their splits."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.annotaties._gevallen import GEVALLEN, lees_gevallen
from klachtclassificatie.annotaties._tweelingen import TWEELINGEN, lees_tweelingen, met_tweeling
from klachtclassificatie.bestanden import kolomsleutel, lees_tabel
from klachtclassificatie.fouten import AnnotatieError, BestandError, Probleem, VocabulaireError

VERPLICHTE_KOLOMMEN = ("id", "tekst", "categorie", "programmaonderdeel")
#: A doubly annotated file keeps each annotator's labels beside the settled ones:
#: `categorie_a1`, `programmaonderdeel_a1`, `categorie_a2`, `programmaonderdeel_a2`.
ANNOTATOREN = ("a1", "a2")


def annotatorkolom(doel: str, annotator: str) -> str:
    return f"{doel}_{annotator}"


def annotatiebestanden(pad: Path) -> list[Path]:
    """The annotation files at `pad`: the file itself, or every CSV/XLSX in the folder.

    A folder's case register (gevallen.csv) and scenario twins (scenariotweelingen.csv) are not
    annotation files and are left out.
    """
    pad = Path(pad)
    if pad.is_dir():
        bestanden = sorted(p for p in pad.iterdir()
                           if p.suffix.lower() in {".csv", ".xlsx"} and p.name not in (GEVALLEN, TWEELINGEN))
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
            kolommen = {doel: f"{doel} ontbreekt"} | {
                annotatorkolom(doel, a): f"label van annotator {a} ontbreekt"
                for a in ANNOTATOREN if annotatorkolom(doel, a) in rij}
            for kolom, ontbreekt in kolommen.items():
                if probleem := _lees_label(rij, kolom, vocabulaire, ontbreekt):
                    problemen.append(Probleem(rijnummer, sleutels[kolom], probleem))
        rijen.append(rij)
    frame = pd.DataFrame(rijen)
    for nummer, groep in frame.groupby("id") if len(frame) else []:
        if nummer and len(groep) > 1:
            regels = ", ".join(str(r) for r in groep["rij"])
            problemen.append(Probleem(None, "id", f"id '{nummer}' staat op meer rijen: {regels}"))
    return frame, problemen


def _lees_label(rij: dict, kolom: str, vocabulaire, ontbreekt: str) -> str | None:
    """Put the label in `kolom` in canonical form, in place; a Dutch problem when it is empty or unknown."""
    if not rij[kolom].strip():
        return ontbreekt
    try:
        rij[kolom] = vocabulaire.normaliseer(rij[kolom])
    except VocabulaireError as fout:
        return str(fout)
    return None


def groepen(frame: pd.DataFrame, gevallen: pd.DataFrame | None = None) -> pd.Series:
    """Per text who or what it comes from, for cross-validation grouped by source or writer.

    A case-based text belongs to the organisation its case is about (texts about one organisation
    are never split over training and validation); a written text to its writer's voice (the id
    prefix).
    """
    schrijver = "schrijver " + frame["id"].astype(str).str.extract(r"^([A-Za-z]+)", expand=False).fillna("")
    if "geval_id" not in frame:
        return schrijver
    geval = frame["geval_id"].fillna("").astype(str)
    bron = {}
    if gevallen is not None and len(gevallen):
        bron = {g: organisatiesleutel(o, b) for g, o, b in
                zip(gevallen["geval_id"], gevallen["organisatie"], gevallen["bron"], strict=True)}
    return ("bron " + geval.map(lambda g: bron.get(g, g))).where(geval != "", schrijver)


def organisatiesleutel(organisatie: str, bron: str) -> str:
    """One name per organisation: "Gemeente Groningen, sociale dienst" and "groningen" are one.

    A case whose organisation is unknown is grouped by its source document instead.
    """
    sleutel = re.split(r"[,(]", organisatie.strip().lower())[0].strip()
    sleutel = re.sub(r"^(?:de\s+)?gemeente\s+", "", sleutel)
    if not sleutel or re.search(r"onbekend|niet genoemd", organisatie.lower()):
        return "document " + re.split(r"[,\s]", bron.strip())[0]
    return sleutel


def lees_annotaties(pad: Path) -> pd.DataFrame:
    """Read one or more annotation files into one frame with canonical labels.

    Adds the columns `bestand`, `split` (the file name without extension), `rij` and `groep`
    (source or writer, see `groepen`). Raises BestandError listing every problem in a file.
    """
    delen = []
    for bestand in annotatiebestanden(pad):
        frame, problemen = _lees_met_problemen(bestand)
        if problemen:
            raise BestandError(bestand, problemen)
        delen.append(frame.assign(bestand=bestand.name, split=bestand.stem))
    alles = pd.concat(delen, ignore_index=True)
    alles["groep"] = groepen(alles, _gevallen_naast(Path(pad)))
    return alles


def _gevallen_naast(pad: Path) -> pd.DataFrame | None:
    """The case register in the folder of `pad` (or `pad` itself), if there is one."""
    register = (pad if pad.is_dir() else pad.parent) / GEVALLEN
    if not register.is_file():
        return None
    gevallen, problemen = lees_gevallen(register)
    if problemen:
        raise BestandError(register, problemen)
    return gevallen


def trainingssplit(pad: Path) -> pd.DataFrame:
    """The annotations used for training: every file except test splits (test*.csv)."""
    alles = lees_annotaties(pad)
    return alles[~alles["split"].str.startswith("test")].reset_index(drop=True)


def testsplit(pad: Path) -> pd.DataFrame | None:
    """The test split of an annotation folder (files test*.csv), or None when it has none.

    With the folder's scenario twins (scenariotweelingen.csv), the column `scenariotweeling` says
    which test texts retell a situation of a training text.
    """
    if not Path(pad).is_dir():
        return None
    alles = lees_annotaties(pad)
    test = alles[alles["split"].str.startswith("test")].reset_index(drop=True)
    if not len(test):
        return None
    tweelingen = Path(pad) / TWEELINGEN
    if tweelingen.is_file():
        paren, problemen = lees_tweelingen(tweelingen)
        if problemen:
            raise BestandError(tweelingen, problemen)
        test["scenariotweeling"] = test["id"].isin(met_tweeling(paren))
    return test


