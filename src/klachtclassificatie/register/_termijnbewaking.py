"""Watching the legal handling term of open complaints: which are overdue, which are due soon."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import pandas as pd

from klachtclassificatie.register._termijn import uiterste_datum

#: A complaint whose last day falls within this many days (today included) is due soon.
WAARSCHUWING = timedelta(days=7)

TE_LAAT = "te laat"
BINNEN_EEN_WEEK = "binnen een week"
OP_TIJD = "op tijd"


@dataclass(frozen=True)
class OpenKlacht:
    """An open complaint with its legal deadline as of `peildatum`.

    `dagen_over` counts the days past the legal term on `peildatum`: positive when late, 0 on the
    last day, negative for the days still left.
    """

    klachtnummer: str
    ontvangstdatum: date
    gemeente: str
    programmaonderdeel: str | None
    categorie: str | None
    behandelaar: str | None
    verlenging: bool
    opschorting_dagen: int
    uiterste_datum: date
    dagen_over: int
    stand: str

    @property
    def dagen_tekst(self) -> str:
        """How many days are left, or how many days it is late, in words."""
        if self.dagen_over > 0:
            return f"{self.dagen_over} {'dag' if self.dagen_over == 1 else 'dagen'} te laat"
        if self.dagen_over == 0:
            return "vandaag de laatste dag"
        return f"nog {-self.dagen_over} {'dag' if self.dagen_over == -1 else 'dagen'}"

    def als_dict(self) -> dict:
        uit = asdict(self)
        uit["ontvangstdatum"] = self.ontvangstdatum.isoformat()
        uit["uiterste_datum"] = self.uiterste_datum.isoformat()
        return uit


@dataclass(frozen=True)
class Termijnbewaking:
    """The open complaints on `peildatum`, the most urgent first."""

    peildatum: date
    klachten: list[OpenKlacht]

    def met_stand(self, stand: str) -> list[OpenKlacht]:
        return [k for k in self.klachten if k.stand == stand]

    @property
    def te_laat(self) -> list[OpenKlacht]:
        return self.met_stand(TE_LAAT)

    @property
    def binnen_een_week(self) -> list[OpenKlacht]:
        return self.met_stand(BINNEN_EEN_WEEK)

    def als_dict(self) -> dict:
        return {
            "peildatum": self.peildatum.isoformat(),
            "open": len(self.klachten),
            "te_laat": len(self.te_laat),
            "binnen_een_week": len(self.binnen_een_week),
            "klachten": [k.als_dict() for k in self.klachten],
        }


def stand(uiterlijk: date, peildatum: date) -> str:
    """te laat after the last day; binnen een week from a week before it up to the day itself."""
    if peildatum > uiterlijk:
        return TE_LAAT
    if uiterlijk - peildatum <= WAARSCHUWING:
        return BINNEN_EEN_WEEK
    return OP_TIJD


def _tekst(waarde) -> str | None:
    return waarde if isinstance(waarde, str) and waarde else None


def bewaak(klachten: pd.DataFrame, *, peildatum: date) -> Termijnbewaking:
    """The complaints open on `peildatum` with their legal deadline and how it stands.

    Open on `peildatum`: received on or before it and not closed by then (no afhandeldatum, or
    one after `peildatum`), so a past peildatum judges the register as it was on that day.
    `klachten` has the register's columns (as `Register.klachten` or `laad_klachten` give them).
    The deadline is `termijn.uiterste_datum`: six weeks, four more when extended, plus the days
    suspended, moved past weekends and holidays; extension and suspension as registered now.
    """
    peil = pd.Timestamp(peildatum)
    open_ = klachten[(klachten["ontvangstdatum"] <= peil)
                     & (klachten["afhandeldatum"].isna() | (klachten["afhandeldatum"] > peil))]
    uit = []
    for k in open_.itertuples():
        ontvangen = k.ontvangstdatum.date()
        grens = uiterste_datum(ontvangen, verlenging=bool(k.verlenging),
                               opschorting_dagen=int(k.opschorting_dagen))
        uit.append(OpenKlacht(
            klachtnummer=k.klachtnummer, ontvangstdatum=ontvangen, gemeente=k.gemeente,
            programmaonderdeel=_tekst(k.programmaonderdeel), categorie=_tekst(k.categorie),
            behandelaar=_tekst(k.behandelaar), verlenging=bool(k.verlenging),
            opschorting_dagen=int(k.opschorting_dagen), uiterste_datum=grens,
            dagen_over=(peildatum - grens).days, stand=stand(grens, peildatum),
        ))
    uit.sort(key=lambda k: (k.uiterste_datum, k.klachtnummer))
    return Termijnbewaking(peildatum, uit)
