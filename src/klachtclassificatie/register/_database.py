"""The complaint register: a SQLite database with an audit trail of every change."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from klachtclassificatie.bestanden import schrijf_tabelbestand
from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register._klacht import VELDEN, VELDNAMEN, lees_klachten
from klachtclassificatie.register._regels import lees_klachtnummer, zonder_onzichtbaar
from klachtclassificatie.register._schema import (
    HERKOMST,
    STANDAARDWAARDEN,
    controleer_registerpad,
    is_sqlite,
    maak_schema,
)

#: How long to wait for another process that is writing to the register before giving up.
WACHTTIJD_SECONDEN = 10.0
def huidige_gebruiker() -> str:
    """Who is making changes: KLACHTEN_GEBRUIKER, else the operating-system user."""
    return os.environ.get("KLACHTEN_GEBRUIKER") or getpass.getuser()


@dataclass
class ImportResultaat:
    """What an import did, per complaint number."""

    nieuw: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: list[str] = field(default_factory=list)
    auditregels: int = 0


class Register:
    """An open register database. Use `Register.open(pad)` as a context manager."""

    def __init__(self, verbinding: sqlite3.Connection, pad: Path):
        self._db = verbinding
        self.pad = pad

    @classmethod
    @contextmanager
    def open(cls, pad: Path, *, aanmaken: bool = True,
             wachttijd: float = WACHTTIJD_SECONDEN) -> Iterator[Register]:
        """Open the register at `pad`; a missing one is created with `aanmaken`, else refused.

        Commands that only read or label an existing register pass `aanmaken=False`, so a
        mistyped path is an error instead of a new, empty register.

        While another process writes, each statement waits up to `wachttijd` seconds. Raises
        RegisterError when the path is a folder, the file is missing (without `aanmaken`) or not
        a register database, or the register stays locked.
        """
        pad = Path(pad)
        controleer_registerpad(pad, moet_bestaan=not aanmaken)
        if pad.is_file() and pad.stat().st_size and not is_sqlite(pad):
            raise RegisterError(f"{pad} is geen registerdatabase (SQLite)")
        try:
            pad.parent.mkdir(parents=True, exist_ok=True)
            verbinding = sqlite3.connect(pad, timeout=wachttijd)
        except (OSError, sqlite3.Error) as fout:
            raise RegisterError(f"register {pad} kan niet worden geopend of aangemaakt ({fout})") from None
        try:
            verbinding.execute("PRAGMA foreign_keys = ON")
            maak_schema(verbinding, pad)
            yield cls(verbinding, pad)
        except sqlite3.OperationalError as fout:
            if "locked" not in str(fout) and "busy" not in str(fout):
                raise
            raise RegisterError(
                f"register {pad} is bezet: een ander programma schrijft erin en na {wachttijd:g} seconden "
                "wachten is het nog niet klaar; probeer het straks opnieuw (er is niets gewijzigd)"
            ) from None
        finally:
            verbinding.close()

    def klachten(self) -> pd.DataFrame:
        """All complaints as a DataFrame with the register's columns, ordered by number."""
        frame = pd.read_sql_query(
            f"SELECT {', '.join(VELDNAMEN)} FROM klacht ORDER BY klachtnummer", self._db
        )
        return maak_frame(frame)

    def audit(self, klachtnummer: str | None = None) -> pd.DataFrame:
        """The audit trail, oldest first, for one complaint or for all."""
        sql = (
            "SELECT klachtnummer, veld, oude_waarde, nieuwe_waarde, tijdstip, door, bron FROM audit"
        )
        params: tuple = ()
        if klachtnummer is not None:
            sql += " WHERE klachtnummer = ?"
            params = (klachtnummer,)
        return pd.read_sql_query(sql + " ORDER BY id", self._db, params=params)

    def aantal(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM klacht").fetchone()[0]

    def importeer_klachten(self, klachten: list[dict], *, door: str, bron: str) -> ImportResultaat:
        """Insert new complaints and update changed ones in one transaction, auditing each change."""
        with self._db:  # one transaction: all or nothing
            return self._importeer(klachten, door=door, bron=bron)

    def _importeer(self, klachten: list[dict], *, door: str, bron: str) -> ImportResultaat:
        resultaat = ImportResultaat()
        tijdstip = datetime.now().isoformat(timespec="seconds")
        for klacht in klachten:
            nummer = klacht["klachtnummer"]
            oud = self._rij(nummer)
            if oud is not None:  # the same complaint, whatever the case of its number in the file
                nummer = oud["klachtnummer"]
                klacht = {**klacht, "klachtnummer": nummer}
            if oud is None:
                klacht = {**klacht, **_herkomst_bij_import(klacht, {})}
                wijzigingen = {k: (None, v) for k, v in klacht.items() if v is not None}
                self._voeg_toe(klacht)
                resultaat.nieuw.append(nummer)
            else:
                wijzigingen = {
                    k: (oud[k], v) for k, v in klacht.items() if _verschilt(oud[k], v, k)
                }
                if not wijzigingen:
                    resultaat.ongewijzigd.append(nummer)
                    continue
                herkomst = _herkomst_bij_import({**oud, **klacht}, wijzigingen)
                wijzigingen.update({k: (oud[k], v) for k, v in herkomst.items() if oud[k] != v})
                self._werk_bij(nummer, {k: nieuw for k, (_, nieuw) in wijzigingen.items()})
                resultaat.gewijzigd.append(nummer)
            resultaat.auditregels += self._schrijf_audit(nummer, wijzigingen, tijdstip, door, bron)
        return resultaat

    def volgend_klachtnummer(self, jaar: int) -> str:
        """K<jaar>-<volgnummer>, one past the highest number of that year in the register."""
        voorvoegsel = f"K{jaar}-"
        nummers = self._db.execute(
            "SELECT klachtnummer FROM klacht WHERE klachtnummer LIKE ?", (f"{voorvoegsel}%",)
        ).fetchall()
        volgnummers = [int(n[len(voorvoegsel):]) for (n,) in nummers if n[len(voorvoegsel):].isdigit()]
        return f"{voorvoegsel}{max(volgnummers, default=0) + 1:03d}"

    def registreer_nieuwe_klacht(self, klacht: dict, labels: dict[str, str], *, door: str, bron: str,
                                 suggestie: dict | None = None, model_versie: str | None = None,
                                 formuliersleutel: str | None = None) -> str:
        """Add one new complaint with confirmed labels, in one transaction; returns its number.

        `klacht` holds register fields in canonical form; without a klachtnummer the next number
        of the year of receipt is assigned (under the write lock, so two writers never get the
        same one). `suggestie` is the model's suggestion the person saw (an item as
        `zet_suggesties` takes), kept beside the decision for the live accuracy. A
        `formuliersleutel` (the one-time key of a form) is stored with the complaint: the same key
        again stores nothing and returns the number of the complaint made with it. Raises
        RegisterError when the number is not allowed or already in the register, in any case;
        nothing is stored then.
        """
        gegeven = klacht.get("klachtnummer")
        try:
            gegeven = lees_klachtnummer(gegeven) if gegeven and gegeven.strip() else None
        except ValueError as fout:
            raise RegisterError(str(fout)) from None
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")  # take the write lock before choosing a number
            if formuliersleutel and (eerder := self.klacht_bij_formulier(formuliersleutel)):
                return eerder
            nummer = gegeven or self.volgend_klachtnummer(int(str(klacht["ontvangstdatum"])[:4]))
            if (bestaand := self._rij(nummer)) is not None:
                als = "" if bestaand["klachtnummer"] == nummer else f" (als {bestaand['klachtnummer']})"
                raise RegisterError(f"klachtnummer {nummer} staat al in het register{als}; kies een ander "
                                    "of laat het veld leeg voor een nieuw nummer")
            self._importeer([{**klacht, "klachtnummer": nummer, "labels_bevestigd": 0}], door=door, bron=bron)
            if suggestie is not None:
                self._zet_suggesties([{**suggestie, "klachtnummer": nummer}], model_versie=model_versie,
                                     door=door)
            self._bevestig(nummer, labels, door=door, bron=bron)
            if formuliersleutel:
                self._db.execute("INSERT INTO formulier (sleutel, klachtnummer, tijdstip) VALUES (?, ?, ?)",
                                 (formuliersleutel, nummer, datetime.now().isoformat(timespec="seconds")))
        return nummer

    def klacht_bij_formulier(self, sleutel: str) -> str | None:
        """The number of the complaint made with this one-time form key, or None."""
        rij = self._db.execute("SELECT klachtnummer FROM formulier WHERE sleutel = ?", (sleutel,)).fetchone()
        return None if rij is None else rij[0]

    def werk_klacht_bij(self, nummer: str, wijzig: Callable[[dict], dict], *, door: str, bron: str) -> tuple[dict, dict]:
        """Change one complaint in one transaction under the write lock, auditing each changed field.

        `wijzig` gets the current row and returns the new values (or raises, and nothing changes).
        Returns the row after the change and the changes as field to (old, new).
        """
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")  # read and write under one lock: no lost updates
            oud = self._rij(nummer)
            if oud is None:
                raise RegisterError(f"klacht {nummer} staat niet in het register")
            nieuw = wijzig(oud)
            wijzigingen = {k: (oud[k], v) for k, v in nieuw.items() if oud[k] != v}
            if wijzigingen:
                tijdstip = datetime.now().isoformat(timespec="seconds")
                self._werk_bij(oud["klachtnummer"], {k: v for k, (_, v) in wijzigingen.items()})
                self._schrijf_audit(oud["klachtnummer"], wijzigingen, tijdstip, door, bron)
        return {**oud, **nieuw}, wijzigingen

    def zonder_bevestigde_labels(self) -> pd.DataFrame:
        """Complaints whose labels are missing or only suggested: klachtnummer and tekst."""
        return _tekst_als_tekst(pd.read_sql_query(
            "SELECT klachtnummer, tekst FROM klacht WHERE labels_bevestigd = 0"
            " OR categorie IS NULL OR programmaonderdeel IS NULL ORDER BY klachtnummer",
            self._db,
        ))

    def zet_suggesties(self, suggesties: list[dict], *, model_versie: str, door: str) -> int:
        """Store model suggestions as unconfirmed labels, in one transaction.

        Each item has klachtnummer and, per target, label, kans, tweede, kans_tweede and zeker.
        A complaint whose labels are confirmed is never changed. Returns how many were labelled.
        """
        with self._db:
            return self._zet_suggesties(suggesties, model_versie=model_versie, door=door)

    def _zet_suggesties(self, suggesties: list[dict], *, model_versie: str, door: str) -> int:
        tijdstip = datetime.now().isoformat(timespec="seconds")
        bron = f"suggestie model {model_versie}"
        aantal = 0
        for item in suggesties:
            oud = self._rij(item["klachtnummer"])
            if oud is None or _is_bevestigd(oud):
                continue
            nummer = oud["klachtnummer"]
            nieuw = {doel: item[doel]["label"] for doel in ("categorie", "programmaonderdeel")}
            nieuw.update(labels_bevestigd=0, categorie_bron="suggestie",
                         programmaonderdeel_bron="suggestie")
            wijzigingen = {k: (oud[k], v) for k, v in nieuw.items() if oud[k] != v}
            if wijzigingen:
                self._werk_bij(nummer, {k: v for k, (_, v) in wijzigingen.items()})
                self._schrijf_audit(nummer, wijzigingen, tijdstip, door, bron)
            for doel in ("categorie", "programmaonderdeel"):
                s = item[doel]
                self._db.execute(
                    "INSERT INTO suggestie (klachtnummer, doel, label, kans, tweede, kans_tweede,"
                    " zeker, model_versie, tijdstip, kansen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (nummer, doel, s["label"], s["kans"], s["tweede"], s["kans_tweede"],
                     int(s["zeker"]), model_versie, tijdstip,
                     json.dumps(s.get("kansen"), ensure_ascii=False) if s.get("kansen") else None),
                )
            aantal += 1
        return aantal

    def suggesties(self) -> pd.DataFrame:
        """Every stored suggestion, oldest first."""
        return pd.read_sql_query("SELECT * FROM suggestie ORDER BY id", self._db)

    def rij(self, nummer: str) -> dict | None:
        """One complaint with its provenance columns, or None; the number compared without regard
        to case or invisible characters."""
        return self._rij(nummer)

    def _rij(self, nummer: str) -> dict | None:
        kolommen = (*VELDNAMEN, *HERKOMST)
        cursor = self._db.execute(
            f"SELECT {', '.join(kolommen)} FROM klacht WHERE klachtnummer = ? COLLATE NOCASE"
            " ORDER BY klachtnummer = ? DESC", (zonder_onzichtbaar(nummer), nummer)
        )
        rij = cursor.fetchone()
        return None if rij is None else dict(zip(kolommen, rij, strict=True))

    def herkomst(self) -> pd.DataFrame:
        """Per complaint the source of its labels and who confirmed them when."""
        return pd.read_sql_query(
            f"SELECT klachtnummer, {', '.join(HERKOMST)} FROM klacht ORDER BY klachtnummer", self._db
        )

    def auditstand(self, nummer: str) -> int:
        """The id of the latest audit line of a complaint (0 without any): the state a page shows."""
        return self._db.execute("SELECT COALESCE(MAX(id), 0) FROM audit WHERE klachtnummer = ?",
                                (nummer,)).fetchone()[0]

    def bevestig(self, nummer: str, labels: dict[str, str], *, door: str, bron: str,
                 getoond: int | None = None) -> None:
        """Confirm (or correct) both labels of a complaint in one transaction, audited.

        `getoond` is the `auditstand` of the complaint as the person saw it: labels confirmed
        since then by any route (web, `klachten beoordeel`, an import) are not overwritten, and
        RegisterError says who confirmed them, when and how.
        """
        with self._db:
            self._bevestig(nummer, labels, door=door, bron=bron, getoond=getoond)

    def bevestig_alle(self, beslissingen: list[tuple[str, dict[str, str]]], *, door: str, bron: str,
                      bevestigde_overslaan: bool = False) -> list[dict]:
        """Confirm many complaints in one transaction: all or nothing.

        With `bevestigde_overslaan`, complaints whose labels are already confirmed keep them; their
        rows (checked under the same write lock) are returned, with who confirmed them and when.
        """
        overgeslagen = []
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")  # read and write under one lock
            for nummer, labels in beslissingen:
                oud = self._rij(nummer)
                if bevestigde_overslaan and oud is not None and _is_bevestigd(oud):
                    overgeslagen.append(oud)
                    continue
                self._bevestig(nummer, labels, door=door, bron=bron)
        return overgeslagen

    def _bevestig(self, nummer: str, labels: dict[str, str], *, door: str, bron: str,
                  getoond: int | None = None) -> None:
        tijdstip = datetime.now().isoformat(timespec="seconds")
        oud = self._rij(nummer)
        if oud is None:
            raise RegisterError(f"klacht {nummer} staat niet in het register")
        nummer = oud["klachtnummer"]
        if getoond is not None and _is_bevestigd(oud):
            sinds = self._db.execute(
                "SELECT door, tijdstip, bron FROM audit WHERE klachtnummer = ? AND id > ? AND veld IN"
                " ('labels_bevestigd', 'categorie', 'programmaonderdeel') ORDER BY id DESC LIMIT 1",
                (nummer, getoond)).fetchone()
            if sinds is not None:
                wie, wanneer, hoe = sinds
                raise RegisterError(f"klacht {nummer} is intussen al bevestigd door {wie} op "
                                    f"{wanneer.replace('T', ' ')} (via {hoe}); er is niets gewijzigd")
        nieuw = {**labels, "labels_bevestigd": 1, "categorie_bron": "bevestigd",
                 "programmaonderdeel_bron": "bevestigd", "bevestigd_door": door,
                 "bevestigd_op": tijdstip}
        wijzigingen = {k: (oud[k], v) for k, v in nieuw.items() if oud[k] != v}
        self._werk_bij(nummer, {k: v for k, (_, v) in wijzigingen.items()})
        self._schrijf_audit(nummer, wijzigingen, tijdstip, door, bron)

    def te_beoordelen(self) -> pd.DataFrame:
        """Complaints without confirmed labels with their latest suggestion per target."""
        frame = pd.read_sql_query(
            "SELECT klachtnummer, ontvangstdatum, gemeente, tekst, categorie, programmaonderdeel"
            " FROM klacht WHERE labels_bevestigd = 0 OR categorie IS NULL OR programmaonderdeel IS NULL"
            " ORDER BY ontvangstdatum, klachtnummer",
            self._db,
        )
        frame = _tekst_als_tekst(frame)
        laatste = pd.read_sql_query(
            "SELECT s.* FROM suggestie s JOIN (SELECT klachtnummer, doel, MAX(id) AS id FROM suggestie"
            " GROUP BY klachtnummer, doel) m ON s.id = m.id",
            self._db,
        )
        for doel in ("categorie", "programmaonderdeel"):
            deel = laatste[laatste["doel"] == doel].set_index("klachtnummer")
            frame[f"{doel}_kansen"] = frame["klachtnummer"].map(deel["kansen"])
            frame[f"{doel}_kans"] = frame["klachtnummer"].map(deel["kans"])
            frame[f"{doel}_model"] = frame["klachtnummer"].map(deel["model_versie"])
        return frame

    def _voeg_toe(self, klacht: dict) -> None:
        waarden = {k: v for k, v in klacht.items() if v is not None}
        kolommen = ", ".join(waarden)
        vraagtekens = ", ".join("?" for _ in waarden)
        self._db.execute(
            f"INSERT INTO klacht ({kolommen}) VALUES ({vraagtekens})", tuple(waarden.values())
        )

    def _werk_bij(self, nummer: str, waarden: dict) -> None:
        toewijzing = ", ".join(f"{k} = ?" for k in waarden)
        self._db.execute(
            f"UPDATE klacht SET {toewijzing} WHERE klachtnummer = ?", (*waarden.values(), nummer)
        )

    def _schrijf_audit(self, nummer, wijzigingen: dict, tijdstip: str, door: str, bron: str) -> int:
        regels = [
            (nummer, veld, _als_tekst(oud), _als_tekst(nieuw), tijdstip, door, bron)
            for veld, (oud, nieuw) in wijzigingen.items()
        ]
        self._db.executemany(
            "INSERT INTO audit (klachtnummer, veld, oude_waarde, nieuwe_waarde, tijdstip, door, bron)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            regels,
        )
        return len(regels)


def _herkomst_bij_import(klacht: dict, wijzigingen: dict) -> dict:
    """Imported labels are historical when confirmed, without source when not."""
    if wijzigingen and not {"categorie", "programmaonderdeel", "labels_bevestigd"} & set(wijzigingen):
        return {}
    bevestigd = klacht.get("labels_bevestigd", 1) in (1, None)
    return {f"{doel}_bron": ("historisch" if bevestigd and klacht.get(doel) else None)
            for doel in ("categorie", "programmaonderdeel")}


def _is_bevestigd(rij: dict) -> bool:
    """Whether a complaint's labels are confirmed: the flag set and both labels present."""
    return rij["labels_bevestigd"] == 1 and bool(rij["categorie"]) and bool(rij["programmaonderdeel"])


def _verschilt(oud, nieuw, veld: str) -> bool:
    if nieuw is None and veld in STANDAARDWAARDEN:
        nieuw = STANDAARDWAARDEN[veld]  # an empty cell means the default, not a change
    return oud != nieuw


def _als_tekst(waarde) -> str | None:
    return None if waarde is None else str(waarde)


#: Free-text fields: always strings in a frame of complaints, "" when empty (never NaN or None).
TEKSTVELDEN = tuple(v.naam for v in VELDEN if v.soort == "tekst")


def _tekst_als_tekst(frame: pd.DataFrame) -> pd.DataFrame:
    for kolom in TEKSTVELDEN:
        if kolom in frame:
            frame[kolom] = frame[kolom].astype(object).where(frame[kolom].notna(), "").astype(str)
    return frame


def maak_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of complaints the register's columns and types.

    Dates are datetime64 (NaT when empty), yes/no fields and days are int, free-text fields
    (TEKSTVELDEN) are strings ("" when empty); vocabulary fields are a value or None.
    """
    frame = _tekst_als_tekst(frame.reindex(columns=list(VELDNAMEN)))
    for kolom, standaard in STANDAARDWAARDEN.items():
        frame[kolom] = frame[kolom].fillna(standaard).astype(int)
    for kolom in ("ontvangstdatum", "afhandeldatum"):
        frame[kolom] = pd.to_datetime(frame[kolom], format="ISO8601")
    return frame


def importeer(pad_register: Path, bestand: Path, *, door: str, vandaag: date | None = None) -> ImportResultaat:
    """Validate `bestand` completely, then import it into the register at `pad_register`.

    A rejected file raises BestandError before the register is opened, so nothing changes; a
    missing register is created. `vandaag` (default: today) is the latest date accepted.
    """
    klachten = lees_klachten(bestand, vandaag=vandaag)
    with Register.open(pad_register, aanmaken=True) as register:
        return register.importeer_klachten(klachten, door=door, bron=f"import {Path(bestand).name}")


def laad_klachten(pad: Path) -> pd.DataFrame:
    """Complaints from a register database or from a CSV/XLSX export of one."""
    pad = controleer_registerpad(pad)
    if is_sqlite(pad):
        with Register.open(pad, aanmaken=False) as register:
            return register.klachten()
    return maak_frame(pd.DataFrame(lees_klachten(pad)))


#: Columns of a Woo export: no klantnummer or behandelaar, dates reduced to the month.
WOO_KOLOMMEN = ("klachtnummer", "ontvangstmaand", "gemeente", "kanaal", "programmaonderdeel",
                "categorie", "procedure", "verlenging", "opschorting_dagen", "afhandelmaand",
                "resultaat", "tekst", "samenvatting")


def woo_frame(klachten: pd.DataFrame) -> pd.DataFrame:
    """The complaints as published under the Woo: texts and summaries redacted, no personal fields."""
    from klachtclassificatie.privacy import redigeer

    uit = klachten.copy()
    uit["ontvangstmaand"] = uit["ontvangstdatum"].dt.strftime("%Y-%m")
    uit["afhandelmaand"] = uit["afhandeldatum"].dt.strftime("%Y-%m")
    for kolom in ("tekst", "samenvatting"):
        uit[kolom] = [redigeer(t).tekst for t in uit[kolom]]
    uit["verlenging"] = uit["verlenging"].map({1: "ja", 0: "nee"})
    return uit[list(WOO_KOLOMMEN)]


def schrijf_tabel(frame: pd.DataFrame, bestand: Path, *, scheidingsteken: str = ";") -> None:
    """Write a frame to CSV (UTF-8 with BOM, for Excel) or XLSX, atomically, without formulas.

    See `bestanden.veilig_frame`: formula-like texts get an apostrophe in a CSV and are text cells
    in an XLSX, and `importeer` reads both back unchanged.
    """
    schrijf_tabelbestand(frame, bestand, scheidingsteken=scheidingsteken, blad="klachten")


def exporteer(klachten: pd.DataFrame, bestand: Path, *, scheidingsteken: str = ";") -> None:
    """Write complaints to CSV (UTF-8 with BOM, for Excel) or XLSX, in a form `importeer` reads back."""
    bestand = Path(bestand)
    uit = klachten.copy()
    for kolom in ("ontvangstdatum", "afhandeldatum"):
        uit[kolom] = uit[kolom].dt.strftime("%Y-%m-%d")
    for kolom in ("verlenging", "labels_bevestigd"):
        uit[kolom] = uit[kolom].map({1: "ja", 0: "nee"})
    schrijf_tabel(uit, bestand, scheidingsteken=scheidingsteken)
