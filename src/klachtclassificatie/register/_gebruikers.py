"""Named accounts for the web app in team mode: adding, listing, blocking, and logging in with a limit.

Passwords are stored only as argon2id hashes (argon2-cffi's PasswordHasher). Failed logins are
counted per name and per client; after too many within a window, logging in is refused for a
while, whether or not the name exists, so the answer never tells which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from klachtclassificatie.fouten import GebruikerError, TeVeelPogingenError
from klachtclassificatie.register._database import Register
from klachtclassificatie.register._regels import zonder_onzichtbaar

MINIMALE_WACHTWOORDLENGTE = 12
#: Longer passwords are refused: hashing a megabyte on every attempt would be a cheap attack.
MAXIMALE_WACHTWOORDLENGTE = 256
#: Failed logins for one name, and from one client, within WEERVENSTER before logging in is refused.
#: A client may be an office behind one address, so it gets more room than a name.
MAX_MISLUKT_PER_NAAM = 5
MAX_MISLUKT_PER_CLIENT = 20
WEERVENSTER = timedelta(minutes=15)
_NAAM = re.compile(r"[^\W_][\w.@'-]*(?: [\w.@'-]+)*")
_MAX_NAAMLENGTE = 40


@dataclass(frozen=True)
class Gebruiker:
    """An account as listed: its name, when it was made and whether it is blocked."""

    naam: str
    aangemaakt: str
    geblokkeerd: bool


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _schijnhash() -> str:
    """A hash to verify against for unknown names, so that they take as long as known ones."""
    return _hasher().hash("geen-account-met-deze-naam")


def tijdstempel(moment: datetime) -> str:
    """`moment` in UTC, to the second, in one fixed format, so that stored times compare as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def lees_naam(naam: str) -> str:
    """An account name, trimmed; raises GebruikerError when it is empty, too long or has odd characters."""
    schoon = zonder_onzichtbaar(str(naam)).strip()
    if not schoon:
        raise GebruikerError("de naam van het account is leeg")
    if len(schoon) > _MAX_NAAMLENGTE or not _NAAM.fullmatch(schoon):
        raise GebruikerError(
            f"de naam '{schoon[:_MAX_NAAMLENGTE]}' kan geen accountnaam zijn: gebruik hoogstens "
            f"{_MAX_NAAMLENGTE} letters, cijfers, spaties, punten, koppeltekens of @ (bijvoorbeeld "
            "'anna.jansen')"
        )
    return schoon


def controleer_wachtwoord(wachtwoord: str) -> None:
    """Raise GebruikerError when `wachtwoord` is too short or too long to be used."""
    if len(wachtwoord) < MINIMALE_WACHTWOORDLENGTE:
        raise GebruikerError(f"het wachtwoord is te kort ({len(wachtwoord)} tekens); gebruik er minstens "
                             f"{MINIMALE_WACHTWOORDLENGTE}")
    if len(wachtwoord) > MAXIMALE_WACHTWOORDLENGTE:
        raise GebruikerError(f"het wachtwoord is te lang ({len(wachtwoord)} tekens); gebruik er hoogstens "
                             f"{MAXIMALE_WACHTWOORDLENGTE}")


def voeg_gebruiker_toe(register: Register, naam: str, wachtwoord: str, *, nu: datetime | None = None) -> str:
    """Add an account with a hashed password; returns its name as stored.

    Raises GebruikerError on a bad name or password, or a name already in use (in any case).
    """
    naam = lees_naam(naam)
    controleer_wachtwoord(wachtwoord)
    db = register._db  # the register's own connection; this module is part of the register
    with db:
        if bestaand := db.execute("SELECT naam FROM gebruiker WHERE naam = ?", (naam,)).fetchone():
            raise GebruikerError(f"er is al een account '{bestaand[0]}' in {register.pad}; kies een andere naam")
        db.execute("INSERT INTO gebruiker (naam, wachtwoord_hash, aangemaakt) VALUES (?, ?, ?)",
                   (naam, _hasher().hash(wachtwoord), tijdstempel(nu or datetime.now(UTC))))
    return naam


def gebruikers(register: Register) -> list[Gebruiker]:
    """Every account, by name."""
    rijen = register._db.execute("SELECT naam, aangemaakt, geblokkeerd FROM gebruiker ORDER BY naam COLLATE NOCASE")
    return [Gebruiker(naam, aangemaakt, bool(geblokkeerd)) for naam, aangemaakt, geblokkeerd in rijen]


def heeft_actieve_gebruikers(register: Register) -> bool:
    """Whether at least one account can log in."""
    return register._db.execute("SELECT 1 FROM gebruiker WHERE geblokkeerd = 0 LIMIT 1").fetchone() is not None


def bestaand_account(register: Register, naam: str) -> str:
    """The stored name of the account `naam` (in any case); raises GebruikerError when there is none."""
    rij = register._db.execute("SELECT naam FROM gebruiker WHERE naam = ?", (lees_naam(naam),)).fetchone()
    if rij is None:
        raise GebruikerError(f"geen account '{naam}' in {register.pad}; bekijk de accounts met "
                             "`klachten gebruiker lijst`")
    return rij[0]


def verwijder_gebruiker(register: Register, naam: str) -> str:
    """Remove an account and end its sessions; its name stays in the audit trail. Raises GebruikerError."""
    db = register._db
    with db:
        naam = bestaand_account(register, naam)
        db.execute("DELETE FROM sessie WHERE gebruiker = ? COLLATE NOCASE", (naam,))
        db.execute("DELETE FROM gebruiker WHERE naam = ?", (naam,))
    return naam


def blokkeer_gebruiker(register: Register, naam: str, *, geblokkeerd: bool = True) -> str:
    """Block an account (its sessions end at once) or, with `geblokkeerd=False`, allow it again."""
    db = register._db
    with db:
        naam = bestaand_account(register, naam)
        db.execute("UPDATE gebruiker SET geblokkeerd = ? WHERE naam = ?", (int(geblokkeerd), naam))
        if geblokkeerd:
            db.execute("DELETE FROM sessie WHERE gebruiker = ? COLLATE NOCASE", (naam,))
    return naam


def zet_wachtwoord(register: Register, naam: str, wachtwoord: str) -> str:
    """Give an account a new password; its sessions end. Raises GebruikerError."""
    controleer_wachtwoord(wachtwoord)
    db = register._db
    with db:
        naam = bestaand_account(register, naam)
        db.execute("UPDATE gebruiker SET wachtwoord_hash = ? WHERE naam = ?", (_hasher().hash(wachtwoord), naam))
        db.execute("DELETE FROM sessie WHERE gebruiker = ? COLLATE NOCASE", (naam,))
    return naam


def meld_aan(register: Register, naam: str, wachtwoord: str, *, client: str, nu: datetime) -> str | None:
    """The account's name when `naam` and `wachtwoord` belong to an unblocked account, else None.

    A failure is counted for the name and for `client` (the address the request came from).
    Raises TeVeelPogingenError, without looking at the password, after MAX_MISLUKT_PER_NAAM
    failures for the name or MAX_MISLUKT_PER_CLIENT from the client within WEERVENSTER.
    """
    db = register._db
    naam = zonder_onzichtbaar(str(naam)).strip()[:_MAX_NAAMLENGTE]
    sinds = tijdstempel(nu - WEERVENSTER)
    with db:  # count and record the attempt under one write lock: parallel tries cannot slip past
        db.execute("BEGIN IMMEDIATE")
        per_naam, per_client = db.execute(
            "SELECT SUM(naam = ? COLLATE NOCASE), SUM(client = ?) FROM inlogpoging WHERE tijdstip >= ?",
            (naam, client, sinds)).fetchone()
        if (per_naam or 0) >= MAX_MISLUKT_PER_NAAM or (per_client or 0) >= MAX_MISLUKT_PER_CLIENT:
            minuten = int(WEERVENSTER.total_seconds() // 60)
            raise TeVeelPogingenError(f"te veel mislukte pogingen om in te loggen met deze naam of vanaf "
                                      f"deze computer; probeer het over {minuten} minuten opnieuw")
        db.execute("DELETE FROM inlogpoging WHERE tijdstip < ?", (sinds,))
        # counted as failed until the password turns out right
        db.execute("INSERT INTO inlogpoging (naam, client, tijdstip) VALUES (?, ?, ?)",
                   (naam, client, tijdstempel(nu)))
    rij = db.execute("SELECT naam, wachtwoord_hash, geblokkeerd FROM gebruiker WHERE naam = ?", (naam,)).fetchone()
    juist = _klopt(rij[1] if rij else _schijnhash(), wachtwoord) and rij is not None and not rij[2]
    if not juist:
        return None
    with db:
        db.execute("DELETE FROM inlogpoging WHERE naam = ? COLLATE NOCASE", (naam,))
        if _hasher().check_needs_rehash(rij[1]):
            db.execute("UPDATE gebruiker SET wachtwoord_hash = ? WHERE naam = ?", (_hasher().hash(wachtwoord), rij[0]))
    return rij[0]


def _klopt(wachtwoordhash: str, wachtwoord: str) -> bool:
    if len(wachtwoord) > MAXIMALE_WACHTWOORDLENGTE:
        return False
    try:
        return _hasher().verify(wachtwoordhash, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False
