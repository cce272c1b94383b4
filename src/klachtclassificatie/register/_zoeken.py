"""Searching the register: free text and filters over a frame of complaints, and label status."""

from __future__ import annotations

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.fouten import VocabulaireError

STATUSSEN = {
    "open": "open (niet afgehandeld)",
    "afgehandeld": "afgehandeld",
    "te beoordelen": "labels niet bevestigd",
}
FILTERVOCABULAIRES = {"gemeente": voc.GEMEENTEN, "programmaonderdeel": voc.PROGRAMMAONDERDELEN,
                      "categorie": voc.CATEGORIEEN}
FILTERS = ("zoek", "jaar", *FILTERVOCABULAIRES, "status")
#: Columns searched by the free text field.
ZOEKKOLOMMEN = ("klachtnummer", "klantnummer", "tekst", "samenvatting", "behandelaar")



def splits_bevestigd(klachten: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Keep complaints whose labels are present and confirmed; count the others by reason."""
    zonder_label = klachten["categorie"].isna() | klachten["programmaonderdeel"].isna()
    onbevestigd = ~zonder_label & (klachten["labels_bevestigd"] != 1)
    redenen = {
        "labels niet bevestigd (alleen een suggestie)": int(onbevestigd.sum()),
        "categorie of programmaonderdeel ontbreekt": int(zonder_label.sum()),
    }
    return klachten[~zonder_label & ~onbevestigd], {k: v for k, v in redenen.items() if v}


def controleer_filters(keuzes: dict[str, str]) -> dict[str, str]:
    """Put each filter value (FILTERS) in canonical form, in place; a Dutch message per unknown value."""
    fouten = {}
    for naam, vocabulaire in FILTERVOCABULAIRES.items():
        if keuzes[naam]:
            try:
                keuzes[naam] = vocabulaire.normaliseer(keuzes[naam])
            except VocabulaireError as fout:
                fouten[naam] = str(fout)
    if keuzes["jaar"] and not (keuzes["jaar"].isdigit() and len(keuzes["jaar"]) == 4):
        fouten["jaar"] = f"'{keuzes['jaar']}' is geen jaartal; gebruik bijvoorbeeld 2024"
    if keuzes["status"] and keuzes["status"] not in STATUSSEN:
        fouten["status"] = f"onbekende status '{keuzes['status']}'; toegestaan: {', '.join(STATUSSEN)}"
    return fouten


def zoek(klachten: pd.DataFrame, keuzes: dict[str, str]) -> pd.DataFrame:
    """The complaints that match every filter given (checked by `controleer_filters`)."""
    masker = pd.Series(True, index=klachten.index)
    if keuzes["zoek"]:
        gevonden = pd.Series(False, index=klachten.index)
        for kolom in ZOEKKOLOMMEN:
            gevonden |= klachten[kolom].str.contains(keuzes["zoek"], case=False,
                                                                            regex=False)
        masker &= gevonden
    if keuzes["jaar"]:
        masker &= klachten["ontvangstdatum"].dt.year == int(keuzes["jaar"])
    for naam in FILTERVOCABULAIRES:
        if keuzes[naam]:
            masker &= klachten[naam] == keuzes[naam]
    status = keuzes["status"]
    if status in ("open", "afgehandeld"):
        masker &= klachten["afhandeldatum"].isna() == (status == "open")
    elif status == "te beoordelen":
        bevestigd, _ = splits_bevestigd(klachten)
        masker &= ~klachten.index.isin(bevestigd.index)
    return klachten[masker]


#: Columns the result list can be sorted by, with the Dutch header.
SORTEERKOLOMMEN = {
    "klachtnummer": "Klachtnummer",
    "ontvangstdatum": "Ontvangen",
    "gemeente": "Gemeente",
    "programmaonderdeel": "Programmaonderdeel",
    "categorie": "Categorie",
    "labels_bevestigd": "Labels",
    "afhandeldatum": "Afgehandeld",
}


def sorteer(klachten: pd.DataFrame, kolom: str = "ontvangstdatum", *, oplopend: bool = False) -> pd.DataFrame:
    """The complaints sorted by one of SORTEERKOLOMMEN, then by klachtnummer; empty values last.

    Texts are compared without regard to case. Raises ValueError for another column.
    """
    if kolom not in SORTEERKOLOMMEN:
        raise ValueError(f"onbekende kolom '{kolom}' om op te sorteren; kies uit {', '.join(SORTEERKOLOMMEN)}")
    sleutels = [kolom] if kolom == "klachtnummer" else [kolom, "klachtnummer"]

    def sleutel(reeks: pd.Series) -> pd.Series:
        return reeks.str.casefold() if reeks.dtype == object or str(reeks.dtype) in ("str", "string") else reeks

    return klachten.sort_values(sleutels, ascending=oplopend, na_position="last", key=sleutel, kind="stable")
