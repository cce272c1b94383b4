"""The annual report's tables, computed from the confirmed complaints of a register."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.fouten import KlachtError
from klachtclassificatie.register import splits_bevestigd, uiterste_datum

#: How many earlier years the per-gemeente and resultaat tables show beside the report year.
JAREN_GEMEENTE = 4
JAREN_RESULTAAT = 3


@dataclass
class Jaarverslag:
    """Every table of the annual report for one year, with every cell present (zero as 0)."""

    jaar: int
    per_programmaonderdeel: dict[str, dict[str, int]]
    per_gemeente: dict[str, dict[str, int]]
    resultaat: dict[str, dict[str, int]]
    procedure: dict[str, int]
    termijn: dict[str, int]
    buiten_termijn: list[dict] = field(default_factory=list)
    gegronde_samenvattingen: list[dict] = field(default_factory=list)
    zonder_klantnummer: list[dict] = field(default_factory=list)
    uitgesloten: dict[str, int] = field(default_factory=dict)

    def als_dict(self) -> dict:
        return {
            "jaar": self.jaar,
            "per_programmaonderdeel": self.per_programmaonderdeel,
            "per_gemeente": self.per_gemeente,
            "resultaat": self.resultaat,
            "procedure": self.procedure,
            "termijn": self.termijn,
            "buiten_termijn": self.buiten_termijn,
            "gegronde_samenvattingen": self.gegronde_samenvattingen,
            "zonder_klantnummer": self.zonder_klantnummer,
            "uitgesloten": self.uitgesloten,
        }


class OnbevestigdeLabelsError(KlachtError):
    """Raised in strict mode when complaints with unconfirmed labels would be left out."""


def _ontvangen_in(klachten: pd.DataFrame, jaar: int) -> pd.DataFrame:
    return klachten[klachten["ontvangstdatum"].dt.year == jaar]


def _afgehandeld_in(klachten: pd.DataFrame, jaar: int) -> pd.DataFrame:
    return klachten[klachten["afhandeldatum"].dt.year == jaar]


def tel_per_programmaonderdeel(klachten: pd.DataFrame, jaar: int) -> dict[str, dict[str, int]]:
    """Incoming complaints of `jaar` per programmaonderdeel and categorie."""
    ontvangen = _ontvangen_in(klachten, jaar)
    return {
        onderdeel: {
            categorie: int(
                (
                    (ontvangen["programmaonderdeel"] == onderdeel)
                    & (ontvangen["categorie"] == categorie)
                ).sum()
            )
            for categorie in voc.CATEGORIEEN
        }
        for onderdeel in voc.PROGRAMMAONDERDELEN
    }


def tel_per_gemeente(klachten: pd.DataFrame, jaar: int) -> dict[str, dict[str, int]]:
    """Incoming complaints per gemeente for `jaar` and the years before it."""
    jaren = range(jaar, jaar - JAREN_GEMEENTE, -1)
    return {
        gemeente: {
            str(j): int((_ontvangen_in(klachten, j)["gemeente"] == gemeente).sum()) for j in jaren
        }
        for gemeente in voc.GEMEENTEN
    }


def tel_resultaat(klachten: pd.DataFrame, jaar: int) -> dict[str, dict[str, int]]:
    """Handled complaints per resultaat, by year of closing, for `jaar` and the years before it."""
    jaren = range(jaar, jaar - JAREN_RESULTAAT, -1)
    return {
        resultaat: {
            str(j): int((_afgehandeld_in(klachten, j)["resultaat"] == resultaat).sum())
            for j in jaren
        }
        for resultaat in voc.RESULTATEN
    }


def tel_procedure(klachten: pd.DataFrame, jaar: int) -> dict[str, int]:
    """Complaints closed in `jaar` per procedure (formeel, informeel)."""
    afgehandeld = _afgehandeld_in(klachten, jaar)
    return {p: int((afgehandeld["procedure"] == p).sum()) for p in ("formeel", "informeel")}


def _uiterste_datum(klacht) -> date:
    return uiterste_datum(
        klacht.ontvangstdatum.date(),
        verlenging=bool(klacht.verlenging),
        opschorting_dagen=int(klacht.opschorting_dagen),
    )


def beoordeel_termijn(klachten: pd.DataFrame, jaar: int) -> tuple[dict[str, int], list[dict]]:
    """Complaints closed in `jaar` within and outside the legal term, and those outside it."""
    buiten = []
    afgehandeld = _afgehandeld_in(klachten, jaar)
    for klacht in afgehandeld.itertuples():
        grens = _uiterste_datum(klacht)
        if klacht.afhandeldatum.date() > grens:
            buiten.append(
                {
                    "klachtnummer": klacht.klachtnummer,
                    "ontvangstdatum": klacht.ontvangstdatum.date().isoformat(),
                    "uiterste_datum": grens.isoformat(),
                    "afhandeldatum": klacht.afhandeldatum.date().isoformat(),
                    "dagen_te_laat": (klacht.afhandeldatum.date() - grens).days,
                }
            )
    return {"binnen": len(afgehandeld) - len(buiten), "buiten": len(buiten)}, buiten


def gegronde_samenvattingen(klachten: pd.DataFrame, jaar: int) -> list[dict]:
    """Summaries of the (partly) well-founded complaints closed in `jaar`."""
    afgehandeld = _afgehandeld_in(klachten, jaar)
    gegrond = afgehandeld[afgehandeld["resultaat"].isin(voc.GEGRONDE_RESULTATEN)]
    return [
        {
            "klachtnummer": k.klachtnummer,
            "resultaat": k.resultaat,
            "programmaonderdeel": k.programmaonderdeel,
            "samenvatting": k.samenvatting,
        }
        for k in gegrond.sort_values("afhandeldatum").itertuples()
    ]


def zonder_klantnummer(klachten: pd.DataFrame, jaar: int) -> list[dict]:
    """Incoming complaints of `jaar` registered without a klantnummer."""
    ontvangen = _ontvangen_in(klachten, jaar)
    zonder = ontvangen[ontvangen["klantnummer"] == ""]
    return [
        {
            "klachtnummer": k.klachtnummer,
            "ontvangstdatum": k.ontvangstdatum.date().isoformat(),
            "gemeente": k.gemeente,
            "programmaonderdeel": k.programmaonderdeel,
            "categorie": k.categorie,
        }
        for k in zonder.itertuples()
    ]


def maak_jaarverslag(klachten: pd.DataFrame, jaar: int, *, strikt: bool = False) -> Jaarverslag:
    """Compute every table of the annual report for `jaar` from the confirmed complaints.

    Complaints whose labels are missing or only suggested are left out and counted by reason.
    Raises OnbevestigdeLabelsError in strict mode when any would be left out.
    """
    relevant = klachten[
        (klachten["ontvangstdatum"].dt.year > jaar - JAREN_GEMEENTE)
        & (klachten["ontvangstdatum"].dt.year <= jaar)
        | klachten["afhandeldatum"].dt.year.between(jaar - JAREN_RESULTAAT + 1, jaar)
    ]
    bevestigd, uitgesloten = splits_bevestigd(relevant)
    if strikt and uitgesloten:
        redenen = "; ".join(f"{n} klachten: {reden}" for reden, n in uitgesloten.items())
        raise OnbevestigdeLabelsError(
            f"niet alle klachten tellen mee ({redenen}); bevestig de labels eerst of laat --strikt weg"
        )
    termijn, buiten = beoordeel_termijn(bevestigd, jaar)
    return Jaarverslag(
        jaar=jaar,
        per_programmaonderdeel=tel_per_programmaonderdeel(bevestigd, jaar),
        per_gemeente=tel_per_gemeente(bevestigd, jaar),
        resultaat=tel_resultaat(bevestigd, jaar),
        procedure=tel_procedure(bevestigd, jaar),
        termijn=termijn,
        buiten_termijn=buiten,
        gegronde_samenvattingen=gegronde_samenvattingen(bevestigd, jaar),
        zonder_klantnummer=zonder_klantnummer(bevestigd, jaar),
        uitgesloten=uitgesloten,
    )
