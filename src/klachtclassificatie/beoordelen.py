"""Reviewing suggestions: the queue of unconfirmed complaints, confirming, and the Excel round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.bestanden import atomair_pad, xlsx_cel
from klachtclassificatie.classificatie import DOELEN, KlachtModel, Suggestie, suggestie_items
from klachtclassificatie.fouten import BestandError, Probleem, VocabulaireError
from klachtclassificatie.register import Register

VOLGORDES = ("twijfel", "oudste")
#: Columns of the review workbook the coordinator fills in.
IN_TE_VULLEN = {doel: f"{doel}_bevestigd" for doel in DOELEN}


@dataclass
class Voorstel:
    """One complaint in the review queue with its suggestions per target."""

    klachtnummer: str
    ontvangstdatum: str
    gemeente: str
    tekst: str
    suggesties: dict[str, Suggestie]
    model_versie: str

    @property
    def twijfel(self) -> float:
        """The lowest top probability over both targets: lower is more doubtful."""
        return min(s.kansen[0] for s in self.suggesties.values())


def wachtrij(register: Register, model: KlachtModel, *, volgorde: str = "twijfel",
             door: str) -> list[Voorstel]:
    """The unconfirmed complaints, most doubtful (or oldest) first, each with suggestions.

    Complaints that have no suggestion from this model yet get one, stored in the register first,
    so what the coordinator saw is kept beside what they decide.
    """
    if volgorde not in VOLGORDES:
        raise ValueError(f"onbekende volgorde {volgorde!r}")
    frame = register.te_beoordelen()
    nieuw = frame[frame["categorie_model"] != model.versie]
    if len(nieuw):
        register.zet_suggesties(suggestie_items(model, nieuw), model_versie=model.versie, door=door)
        frame = register.te_beoordelen()
    voorstellen = []
    teksten = frame["tekst"].tolist()
    uitleg = model.suggereer(teksten) if teksten else []
    for rij, suggesties in zip(frame.itertuples(index=False), uitleg, strict=True):
        voorstellen.append(Voorstel(rij.klachtnummer, rij.ontvangstdatum, rij.gemeente, rij.tekst,
                                    suggesties, model.versie))
    if volgorde == "twijfel":
        voorstellen.sort(key=lambda v: v.twijfel)
    return voorstellen


def exporteer_te_beoordelen(register: Register, model: KlachtModel | None, bestand: Path, *,
                            door: str, toon_persoonsgegevens: bool = False) -> int:
    """Write the unconfirmed complaints to an XLSX with suggestions and drop-down columns to fill in."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from klachtclassificatie.privacy import redigeer

    bestand = Path(bestand)
    if bestand.suffix.lower() != ".xlsx":
        raise BestandError(bestand, "de beoordelingslijst is een Excel-bestand: gebruik .xlsx")
    if model is not None:
        wachtrij(register, model, door=door)  # make sure every row has a current suggestion
    frame = register.te_beoordelen()
    kop = ["klachtnummer", "ontvangstdatum", "gemeente", "tekst"]
    for doel in DOELEN:
        kop += [f"{doel}_suggestie", f"{doel}_kans", f"{doel}_tweede", IN_TE_VULLEN[doel]]
    boek = Workbook()
    blad = boek.active
    blad.title = "te beoordelen"
    blad.append([xlsx_cel(blad, k) for k in kop])
    for rij in frame.itertuples(index=False):
        tekst = rij.tekst
        waarden = [rij.klachtnummer, rij.ontvangstdatum, rij.gemeente,
                   tekst if toon_persoonsgegevens else redigeer(tekst).tekst]
        for doel in DOELEN:
            verdeling = sorted(json.loads(getattr(rij, f"{doel}_kansen") or "{}").items(), key=lambda p: -p[1])
            eerste = verdeling[0] if verdeling else ("", None)
            tweede = verdeling[1][0] if len(verdeling) > 1 else ""
            waarden += [eerste[0], eerste[1], tweede, None]
        blad.append([xlsx_cel(blad, w) for w in waarden])  # a text is never a formula
    for doel in DOELEN:
        kolom = kop.index(IN_TE_VULLEN[doel]) + 1
        letter = blad.cell(row=1, column=kolom).column_letter
        keuze = DataValidation(type="list", formula1='"' + ",".join(voc.LABELS[doel]) + '"',
                               allow_blank=True, showErrorMessage=True,
                               errorTitle="Onbekend label", error="Kies een label uit de lijst.")
        keuze.add(f"{letter}2:{letter}{max(len(frame) + 1, 2)}")
        blad.add_data_validation(keuze)
        blad.column_dimensions[letter].width = 24
    blad.column_dimensions["D"].width = 80
    blad.freeze_panes = "B2"
    with atomair_pad(bestand) as tijdelijk:
        boek.save(tijdelijk)
    return len(frame)


def is_beoordelingslijst(kolommen: list[str]) -> bool:
    return all(k in kolommen for k in IN_TE_VULLEN.values())


def lees_beoordelingen(pad: Path) -> list[tuple[str, dict[str, str]]]:
    """The filled-in rows of a review workbook: (klachtnummer, labels). Empty rows are skipped.

    Raises BestandError naming every row with an unknown label or only one label filled in.
    """
    from klachtclassificatie.bestanden import lees_tabel

    tabel = lees_tabel(pad)
    problemen, uit = [], []
    for rijnummer, cellen in tabel.rijen:
        ingevuld = {doel: cellen.get(kolom, "").strip() for doel, kolom in IN_TE_VULLEN.items()}
        if not any(ingevuld.values()):
            continue
        labels = {}
        for doel, waarde in ingevuld.items():
            if not waarde:
                problemen.append(Probleem(rijnummer, IN_TE_VULLEN[doel],
                                          "vul beide labels in (of geen van beide)"))
                continue
            try:
                labels[doel] = voc.LABELS[doel].normaliseer(waarde)
            except VocabulaireError as fout:
                problemen.append(Probleem(rijnummer, IN_TE_VULLEN[doel], str(fout)))
        if len(labels) == len(DOELEN):
            uit.append((cellen["klachtnummer"], labels))
    if problemen:
        raise BestandError(pad, problemen)
    return uit


def importeer_beoordelingen(register: Register, pad: Path, *, door: str) -> tuple[int, list[str]]:
    """Confirm the labels filled in on a review workbook, all in one transaction.

    The workbook lists complaints that were unconfirmed when it was made. A complaint confirmed
    since (in the web app, with `beoordeel`, by an import) keeps its labels: its row is skipped.
    Returns the number confirmed and, per skipped complaint, who confirmed it and when.
    """
    beoordelingen = lees_beoordelingen(pad)
    onbekend = [n for n, _ in beoordelingen if register.rij(n) is None]
    if onbekend:
        raise BestandError(pad, f"klachtnummer(s) niet in het register: {', '.join(onbekend)}")
    overgeslagen = register.bevestig_alle(beoordelingen, door=door, bron=f"beoordeling {Path(pad).name}",
                                          bevestigde_overslaan=True)
    return len(beoordelingen) - len(overgeslagen), [_wie_bevestigde(rij) for rij in overgeslagen]


def _wie_bevestigde(rij: dict) -> str:
    wanneer = f" op {str(rij['bevestigd_op']).replace('T', ' ')}" if rij["bevestigd_op"] else ""
    return f"{rij['klachtnummer']} (al bevestigd door {rij['bevestigd_door'] or 'onbekend'}{wanneer})"
