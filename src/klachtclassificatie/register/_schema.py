"""The register file: its SQLite schema and version, and which paths can be a register."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register._klacht import VELDEN

SCHEMA_VERSIE = 5
SQLITE_KOP = b"SQLite format 3\x00"

_SQL_SOORT = {
    "datum": "TEXT",
    "tekst": "TEXT",
    "vocabulaire": "TEXT",
    "janee": "INTEGER",
    "getal": "INTEGER",
}
STANDAARDWAARDEN = {"verlenging": 0, "opschorting_dagen": 0, "labels_bevestigd": 1}
#: Provenance of the labels, kept by the register itself (not imported or exported):
#: per label its source (historisch, suggestie or bevestigd) and who confirmed when.
HERKOMST = ("categorie_bron", "programmaonderdeel_bron", "bevestigd_door", "bevestigd_op")


def _schema() -> str:
    kolommen = []
    for veld in VELDEN:
        regel = f"{veld.naam} {_SQL_SOORT[veld.soort]}"
        if veld.naam == "klachtnummer":
            regel += " PRIMARY KEY"
        elif veld.verplicht:
            regel += " NOT NULL"
        if veld.naam in STANDAARDWAARDEN:
            regel += f" NOT NULL DEFAULT {STANDAARDWAARDEN[veld.naam]}"
        kolommen.append(regel)
    kolommen += [f"{naam} TEXT" for naam in HERKOMST]
    return f"""
    CREATE TABLE IF NOT EXISTS klacht ({", ".join(kolommen)});
    CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        klachtnummer TEXT NOT NULL,
        veld TEXT NOT NULL,
        oude_waarde TEXT,
        nieuwe_waarde TEXT,
        tijdstip TEXT NOT NULL,
        door TEXT NOT NULL,
        bron TEXT
    );
    CREATE INDEX IF NOT EXISTS klacht_nummer_zonder_hoofdletters ON klacht (klachtnummer COLLATE NOCASE);
    CREATE INDEX IF NOT EXISTS audit_klacht ON audit (klachtnummer);
    CREATE TABLE IF NOT EXISTS suggestie (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        klachtnummer TEXT NOT NULL REFERENCES klacht (klachtnummer),
        doel TEXT NOT NULL,
        label TEXT NOT NULL,
        kans REAL NOT NULL,
        tweede TEXT,
        kans_tweede REAL,
        zeker INTEGER NOT NULL,
        model_versie TEXT NOT NULL,
        tijdstip TEXT NOT NULL,
        kansen TEXT
    );
    CREATE INDEX IF NOT EXISTS suggestie_klacht ON suggestie (klachtnummer);
    -- one-time keys of the web form that made a complaint: a form sent twice finds the first one
    CREATE TABLE IF NOT EXISTS formulier (
        sleutel TEXT PRIMARY KEY,
        klachtnummer TEXT NOT NULL REFERENCES klacht (klachtnummer),
        tijdstip TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS gebruiker (
        naam TEXT PRIMARY KEY COLLATE NOCASE,
        wachtwoord_hash TEXT NOT NULL,
        aangemaakt TEXT NOT NULL,
        geblokkeerd INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS sessie (
        sleutel_hash TEXT PRIMARY KEY,
        gebruiker TEXT,
        gegevens TEXT NOT NULL,
        aangemaakt TEXT NOT NULL,
        laatst_gebruikt TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS inlogpoging (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        naam TEXT NOT NULL COLLATE NOCASE,
        client TEXT NOT NULL,
        tijdstip TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS inlogpoging_tijdstip ON inlogpoging (tijdstip);
    """


def controleer_registerpad(pad: Path, *, moet_bestaan: bool = True) -> Path:
    """Check that `pad` can be a register: not a folder, and present when it `moet_bestaan`.

    Raises RegisterError naming the path; a mistyped --register never creates an empty register.
    """
    pad = Path(pad)
    if pad.is_dir():
        raise RegisterError(f"{pad} is een map, geen registerbestand; geef het pad van het "
                            "registerbestand (bijvoorbeeld register.sqlite)")
    if moet_bestaan and not pad.is_file():
        raise RegisterError(f"register {pad} niet gevonden; controleer --register (een nieuw register "
                            "maakt u met `klachten register importeer` of `klachten web`)")
    return pad


def is_sqlite(pad: Path) -> bool:
    with pad.open("rb") as bestand:
        return bestand.read(len(SQLITE_KOP)) == SQLITE_KOP


def maak_schema(verbinding: sqlite3.Connection, pad: Path) -> None:
    versie = verbinding.execute("PRAGMA user_version").fetchone()[0]
    if versie > SCHEMA_VERSIE:
        raise RegisterError(
            f"{pad} is gemaakt met een nieuwere versie van klachtclassificatie "
            f"(schema {versie}, deze versie kent {SCHEMA_VERSIE}); werk het programma bij"
        )
    if versie == SCHEMA_VERSIE:
        return
    with verbinding:
        verbinding.executescript(_schema())  # creates what is missing
        for tabel, kolom in [*(("klacht", k) for k in HERKOMST), ("suggestie", "kansen")]:
            bestaand = {rij[1] for rij in verbinding.execute(f"PRAGMA table_info({tabel})")}
            if kolom not in bestaand:
                verbinding.execute(f"ALTER TABLE {tabel} ADD COLUMN {kolom} TEXT")
        if 0 < versie < 3:  # labels confirmed before provenance was kept are historical
            verbinding.execute(
                "UPDATE klacht SET categorie_bron = 'historisch', programmaonderdeel_bron = 'historisch'"
                " WHERE labels_bevestigd = 1 AND categorie IS NOT NULL"
            )
        verbinding.execute(f"PRAGMA user_version = {SCHEMA_VERSIE}")
