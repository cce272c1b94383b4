"""The case register: real public complaint cases whose facts the case-based texts carry.

The register holds no text of the sources, only where each case was published and its facts in
the project's own words. The case-based annotation files link every text to a case by `geval_id`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.bestanden import kolomsleutel, lees_tabel
from klachtclassificatie.fouten import Probleem, VocabulaireError

#: File name of the case register inside an annotation folder (it is not an annotation file).
GEVALLEN = "gevallen.csv"
VERPLICHTE_KOLOMMEN = ("geval_id", "bron", "brontype", "organisatie", "jaar", "teksttype_origineel",
                       "thema", "feiten")
BRONTYPEN = ("nationale ombudsman", "gemeentelijke ombudsman", "klachtencommissie",
             "klachtbesluit gemeente", "jaarverslag klachten", "woo-publicatie", "rechtspraak",
             "raadsvragen", "nieuws of forum", "overig")
TEKSTTYPEN_ORIGINEEL = ("ik-vorm", "institutionele samenvatting", "notitie medewerker", "titel")
THEMAS = ("bijstand", "handhaving", "terugvordering", "schuldhulpverlening", "budgetbeheer",
          "bijzondere bijstand", "minimaregelingen", "kwijtschelding", "re-integratie", "telefoon",
          "balie", "post", "betalingen", "privacy", "klachtbehandeling", "overig")
JANEE_KOLOMMEN = ("meerdere_kwesties", "onderdeel_impliciet", "duur_genoemd")
KEUZES = {"brontype": BRONTYPEN, "teksttype_origineel": TEKSTTYPEN_ORIGINEEL, "thema": THEMAS}
EERSTE_JAAR = 1980


def lees_rijen(pad: Path, verplicht: tuple[str, ...], wat: str
               ) -> tuple[dict[str, str], list[dict], list[Probleem]]:
    """The rows of a small checked table beside the annotations (the case register, the twins).

    Returns the column names by key (`kolomsleutel`), the rows (cells stripped, keyed by column
    key, with their row number under `rij`), and a problem per missing required column (then
    there are no rows). `wat` names the table in those problems.
    """
    tabel = lees_tabel(pad)
    sleutels = {kolomsleutel(k): k for k in tabel.kolommen}
    ontbrekend = [k for k in verplicht if k not in sleutels]
    if ontbrekend:
        return sleutels, [], [Probleem(1, k, f"verplichte kolom van {wat} ontbreekt; "
                                             f"aanwezig: {', '.join(tabel.kolommen)}") for k in ontbrekend]
    rijen = [{**{kolomsleutel(k): v.strip() for k, v in cellen.items()}, "rij": rijnummer}
             for rijnummer, cellen in tabel.rijen]
    return sleutels, rijen, []


def lees_gevallen(pad: Path) -> tuple[pd.DataFrame, list[Probleem]]:
    """Read and check a case register; returns the cases and every problem (row and column)."""
    sleutels, rijen, problemen = lees_rijen(pad, VERPLICHTE_KOLOMMEN, "het gevallenregister")
    if not rijen:
        return pd.DataFrame(), problemen
    gezien = {}
    for rij in rijen:
        rijnummer = rij["rij"]
        problemen += [Probleem(rijnummer, sleutels[k], "leeg") for k in ("geval_id", "bron", "feiten")
                      if not rij[k]]
        for kolom, keuzes in KEUZES.items():
            if rij[kolom] not in keuzes:
                problemen.append(Probleem(rijnummer, sleutels[kolom], f"onbekende waarde '{rij[kolom]}'; "
                                                                      f"toegestaan: {', '.join(keuzes)}"))
        if not (rij["jaar"].isdigit() and EERSTE_JAAR <= int(rij["jaar"]) <= date.today().year):
            problemen.append(Probleem(rijnummer, sleutels["jaar"], f"'{rij['jaar']}' is geen jaartal "
                                                                   f"tussen {EERSTE_JAAR} en nu"))
        for kolom in JANEE_KOLOMMEN:
            if kolom in rij and rij[kolom] not in ("ja", "nee"):
                problemen.append(Probleem(rijnummer, sleutels[kolom], "vul ja of nee in"))
        for doel, vocabulaire in voc.LABELS.items():
            kolom = f"{doel}_bron"
            if rij.get(kolom):
                try:
                    rij[kolom] = vocabulaire.normaliseer(rij[kolom])
                except VocabulaireError as fout:
                    problemen.append(Probleem(rijnummer, sleutels[kolom], str(fout)))
        if rij["geval_id"] in gezien:
            problemen.append(Probleem(rijnummer, sleutels["geval_id"],
                                      f"'{rij['geval_id']}' staat ook op rij {gezien[rij['geval_id']]}"))
        gezien.setdefault(rij["geval_id"], rijnummer)
    return pd.DataFrame(rijen), problemen


def beschrijf_gevallen(gevallen: pd.DataFrame) -> dict:
    """What the real cases are like, as the data card reports it (shares over all cases)."""
    def aandeel(masker) -> float:
        return round(float(masker.mean()), 3) if len(masker) else 0.0

    uit = {
        "n": int(len(gevallen)),
        "bronnen": int(gevallen["bron"].nunique()),
        "organisaties": int(gevallen["organisatie"].str.lower().nunique()),
        "per_brontype": gevallen["brontype"].value_counts().to_dict(),
        "per_thema": gevallen["thema"].value_counts().to_dict(),
        "per_teksttype": gevallen["teksttype_origineel"].value_counts().to_dict(),
        "jaren": [int(gevallen["jaar"].astype(int).min()), int(gevallen["jaar"].astype(int).max())],
        "ik_vorm": aandeel(gevallen["teksttype_origineel"] == "ik-vorm"),
    }
    if "woorden_origineel" in gevallen:
        woorden = pd.to_numeric(gevallen["woorden_origineel"], errors="coerce").dropna()
        uit["woorden_origineel"] = {"mediaan": float(woorden.median()), "p10": float(woorden.quantile(0.1)),
                                    "p90": float(woorden.quantile(0.9))}
    for kolom in ("meerdere_kwesties", "onderdeel_impliciet"):
        if kolom in gevallen:
            uit[kolom] = aandeel(gevallen[kolom] == "ja")
    if {"duur_genoemd", "categorie_bron"} <= set(gevallen.columns):
        ander = gevallen[gevallen["categorie_bron"] != voc.AFHANDELINGSDUUR]
        uit["duur_genoemd_buiten_afhandelingsduur"] = aandeel(ander["duur_genoemd"] == "ja")
    for doel in voc.DOELEN:
        if f"{doel}_bron" in gevallen:
            uit[f"{doel}_bron"] = gevallen[f"{doel}_bron"].value_counts().to_dict()
    return uit
