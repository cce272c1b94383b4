"""One complaint as the register stores it, and reading complaints from a spreadsheet row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.bestanden import Tabel, kolomsleutel, lees_tabel
from klachtclassificatie.fouten import BestandError, Probleem, VocabulaireError
from klachtclassificatie.register._regels import (
    controleer_datum,
    lees_dagen,
    lees_datum,
    lees_klachtnummer,
    lees_klantnummer,
    nummersleutel,
    zonder_onzichtbaar,
)


@dataclass(frozen=True)
class Veld:
    """A column of the register: its name and how a typed cell is read."""

    naam: str
    soort: str  # tekst, datum, vocabulaire, janee, getal
    verplicht: bool = False
    vocabulaire: voc.Vocabulaire | None = None


VELDEN: tuple[Veld, ...] = (
    Veld("klachtnummer", "tekst", verplicht=True),
    Veld("ontvangstdatum", "datum", verplicht=True),
    Veld("gemeente", "vocabulaire", verplicht=True, vocabulaire=voc.GEMEENTEN),
    Veld("kanaal", "vocabulaire", vocabulaire=voc.KANALEN),
    Veld("klantnummer", "tekst"),
    Veld("tekst", "tekst"),
    Veld("programmaonderdeel", "vocabulaire", vocabulaire=voc.PROGRAMMAONDERDELEN),
    Veld("categorie", "vocabulaire", vocabulaire=voc.CATEGORIEEN),
    Veld("procedure", "vocabulaire", vocabulaire=voc.PROCEDURES),
    Veld("behandelaar", "tekst"),
    Veld("verlenging", "janee"),
    Veld("opschorting_dagen", "getal"),
    Veld("afhandeldatum", "datum"),
    Veld("resultaat", "vocabulaire", vocabulaire=voc.RESULTATEN),
    Veld("samenvatting", "tekst"),
    Veld("labels_bevestigd", "janee"),
)
VELDNAMEN = tuple(v.naam for v in VELDEN)
_PER_NAAM = {v.naam: v for v in VELDEN}

#: Header spellings seen in real registrations, mapped to register fields.
KOLOM_ALIASSEN = {
    "nummer": "klachtnummer",
    "klacht_nummer": "klachtnummer",
    "ontvangen": "ontvangstdatum",
    "datum_ontvangst": "ontvangstdatum",
    "klant_nummer": "klantnummer",
    "omschrijving": "tekst",
    "klacht": "tekst",
    "klachttekst": "tekst",
    "onderdeel": "programmaonderdeel",
    "afdeling": "programmaonderdeel",
    "soort_klacht": "categorie",
    "opschorting": "opschorting_dagen",
    "opgeschort_dagen": "opschorting_dagen",
    "afgehandeld": "afhandeldatum",
    "datum_afhandeling": "afhandeldatum",
    "oordeel": "resultaat",
    "bevindingen": "samenvatting",
    "bevestigd": "labels_bevestigd",
}

#: Free-text fields with a rule of their own.
_NUMMERREGELS = {"klachtnummer": lees_klachtnummer, "klantnummer": lees_klantnummer}


def koppel_kolommen(tabel: Tabel) -> tuple[dict[str, str], list[Probleem]]:
    """Map the file's column names to register fields; unknown and doubled columns are problems."""
    koppeling: dict[str, str] = {}
    problemen = []
    for kolom in tabel.kolommen:
        sleutel = kolomsleutel(kolom)
        veld = sleutel if sleutel in _PER_NAAM else KOLOM_ALIASSEN.get(sleutel)
        if veld is None:
            problemen.append(
                Probleem(1, kolom, "onbekende kolom; toegestaan: " + ", ".join(VELDNAMEN))
            )
        elif veld in koppeling.values():
            problemen.append(Probleem(1, kolom, f"kolom '{veld}' staat er twee keer in"))
        else:
            koppeling[kolom] = veld
    for veld in VELDEN:
        if veld.verplicht and veld.naam not in koppeling.values():
            problemen.append(Probleem(1, veld.naam, "verplichte kolom ontbreekt"))
    return koppeling, problemen


def _lees_cel(veld: Veld, cel: str, vandaag: date):
    if veld.naam in _NUMMERREGELS:  # invisible characters alone make an empty cell
        cel = _NUMMERREGELS[veld.naam](cel) if zonder_onzichtbaar(cel) else ""
    if cel == "":
        if veld.verplicht:
            raise ValueError("verplichte waarde ontbreekt")
        return None
    if veld.soort == "datum":
        return controleer_datum(lees_datum(cel), vandaag=vandaag).isoformat()
    if veld.soort == "vocabulaire":
        return veld.vocabulaire.normaliseer(cel)
    if veld.soort == "janee":
        return int(voc.ja_nee(cel))
    if veld.soort == "getal":
        return lees_dagen(cel)
    return cel


def _controleer_samenhang(klacht: dict, aanwezig: set[str]) -> list[tuple[str, str]]:
    """Checks across fields of one complaint: (kolom, melding) pairs."""
    fouten = []
    ontvangen, afgehandeld = klacht.get("ontvangstdatum"), klacht.get("afhandeldatum")
    if ontvangen and afgehandeld and afgehandeld < ontvangen:
        fouten.append(("afhandeldatum", "afhandeldatum ligt vóór de ontvangstdatum"))
    if "resultaat" in aanwezig and afgehandeld and not klacht.get("resultaat"):
        fouten.append(("resultaat", "afgehandelde klacht zonder resultaat"))
    if "afhandeldatum" in aanwezig and klacht.get("resultaat") and not afgehandeld:
        fouten.append(("afhandeldatum", "resultaat ingevuld maar afhandeldatum ontbreekt"))
    return fouten


def lees_velden(cellen: dict[str, str], *, vandaag: date | None = None) -> tuple[dict, dict[str, str]]:
    """Read one complaint typed in a form or command, field name to text, by the same rules as an import.

    Returns the values in canonical form and, per wrong field, a Dutch message. `vandaag` (default:
    today) is the latest date accepted.
    """
    vandaag = vandaag or date.today()
    klacht, fouten = {}, {}
    for naam, cel in cellen.items():
        try:
            klacht[naam] = _lees_cel(_PER_NAAM[naam], cel.strip(), vandaag)
        except (ValueError, VocabulaireError) as fout:
            fouten[naam] = str(fout)
    for naam, melding in _controleer_samenhang(klacht, set(cellen)):
        fouten.setdefault(naam, melding)
    return klacht, fouten


def lees_klachten(pad: Path, *, vandaag: date | None = None) -> list[dict]:
    """Read and validate every complaint in a CSV/XLSX file by the rules in `_regels`.

    Returns one dict per row with only the file's columns, values in canonical form. Raises
    BestandError listing every problem (row and column) when anything is wrong. Klachtnummers
    that differ only in case or invisible characters are the same complaint, so a file may hold
    each only once. `vandaag` (default: today) is the latest date accepted.
    """
    vandaag = vandaag or date.today()
    tabel = lees_tabel(pad)
    koppeling, problemen = koppel_kolommen(tabel)
    if problemen:
        raise BestandError(pad, problemen)
    aanwezig = set(koppeling.values())
    klachten, gezien = [], {}
    for rijnummer, cellen in tabel.rijen:
        klacht, fout = {}, set()
        for kolom, veldnaam in koppeling.items():
            try:
                klacht[veldnaam] = _lees_cel(_PER_NAAM[veldnaam], cellen[kolom].strip(), vandaag)
            except (ValueError, VocabulaireError) as melding:
                problemen.append(Probleem(rijnummer, kolom, str(melding)))
                fout.add(veldnaam)
        for veldnaam, melding in _controleer_samenhang(klacht, aanwezig):
            if veldnaam not in fout:  # a refused value is not also reported as missing
                problemen.append(Probleem(rijnummer, veldnaam, melding))
        nummer = klacht.get("klachtnummer")
        if nummer and nummersleutel(nummer) in gezien:
            eerder, rij = gezien[nummersleutel(nummer)]
            als = "" if eerder == nummer else f" als '{eerder}' (hoofdletters en onzichtbare tekens tellen niet)"
            problemen.append(Probleem(rijnummer, "klachtnummer", f"'{nummer}' staat ook op rij {rij}{als}"))
        elif nummer:
            gezien[nummersleutel(nummer)] = (nummer, rijnummer)
        klachten.append(klacht)
    if problemen:
        raise BestandError(pad, problemen)
    if not klachten:
        raise BestandError(pad, "het bestand bevat geen klachten")
    return klachten
