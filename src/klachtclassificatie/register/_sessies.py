"""Server-side sessions of the web app in team mode, kept in the register next to the accounts.

A session is found by the hash of its id (the cookie's value), so that someone who can read the
register file still cannot take over a session. It ends after a period of inactivity, at logout,
and when its account is removed, blocked or gets a new password.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from klachtclassificatie.register._database import Register
from klachtclassificatie.register._gebruikers import tijdstempel


@dataclass
class Sessie:
    """What a session carries: the logged-in account (None before logging in) and its data."""

    gebruiker: str | None = None
    gegevens: dict = field(default_factory=dict)


def lees_sessie(register: Register, sleutel_hash: str, *, nu: datetime, inactief: timedelta) -> Sessie | None:
    """The session, or None when there is none, it was idle longer than `inactief` or its account is gone.

    An expired session, or one whose account was removed or blocked, is deleted.
    """
    db = register._db  # the register's own connection; this module is part of the register
    rij = db.execute(
        "SELECT s.gebruiker, s.gegevens, s.laatst_gebruikt, g.naam, g.geblokkeerd FROM sessie s "
        "LEFT JOIN gebruiker g ON g.naam = s.gebruiker WHERE s.sleutel_hash = ?", (sleutel_hash,)).fetchone()
    if rij is None:
        return None
    gebruiker, gegevens, laatst_gebruikt, account, geblokkeerd = rij
    verlopen = laatst_gebruikt < tijdstempel(nu - inactief)
    if verlopen or (gebruiker is not None and (account is None or geblokkeerd)):
        with db:
            db.execute("DELETE FROM sessie WHERE sleutel_hash = ?", (sleutel_hash,))
        return None
    return Sessie(account, json.loads(gegevens))


def begin_sessie(register: Register, sleutel_hash: str, sessie: Sessie, *, nu: datetime,
                 inactief: timedelta) -> None:
    """Store a new session; sessions idle longer than `inactief` are cleared away on the way."""
    db = register._db
    with db:
        db.execute("DELETE FROM sessie WHERE laatst_gebruikt < ?", (tijdstempel(nu - inactief),))
        db.execute("INSERT INTO sessie (sleutel_hash, gebruiker, gegevens, aangemaakt, laatst_gebruikt) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (sleutel_hash, sessie.gebruiker, json.dumps(sessie.gegevens), tijdstempel(nu), tijdstempel(nu)))


def werk_sessie_bij(register: Register, sleutel_hash: str, sessie: Sessie, *, nu: datetime) -> None:
    """Store the session's data and mark it used now; a session ended meanwhile stays ended."""
    db = register._db
    with db:
        db.execute("UPDATE sessie SET gegevens = ?, laatst_gebruikt = ? WHERE sleutel_hash = ?",
                   (json.dumps(sessie.gegevens), tijdstempel(nu), sleutel_hash))


def beeindig_sessie(register: Register, sleutel_hash: str) -> None:
    """Delete the session, so that its cookie no longer works."""
    db = register._db
    with db:
        db.execute("DELETE FROM sessie WHERE sleutel_hash = ?", (sleutel_hash,))
