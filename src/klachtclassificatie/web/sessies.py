"""Server-side sessions in team mode: a random id in a cookie, the session itself in the register.

The cookie is HttpOnly and SameSite=Lax, and Secure when the app is served over https (directly,
or behind a trusted reverse proxy that says so). A session ends after `inactief` without a
request, at logout, and when its account is removed or blocked; logging in gives a new id.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from klachtclassificatie.register import (
    Register,
    Sessie,
    beeindig_sessie,
    begin_sessie,
    lees_sessie,
    werk_sessie_bij,
)

COOKIE = "klachten_sessie"
STANDAARD_INACTIEF = timedelta(minutes=30)
_STAND = "klachten.sessiestand"


@dataclass
class _Stand:
    """This request's session: its id (None for a new one), its content and what the page asked for."""

    sleutel: str | None
    sessie: Sessie
    inloggen_als: str | None = None
    uitloggen: bool = False


def ingelogde(verbinding: HTTPConnection) -> str | None:
    """The account logged in for this request, or None (also without server-side sessions)."""
    stand = verbinding.scope.get(_STAND)
    return stand.sessie.gebruiker if stand else None


def log_in(verbinding: HTTPConnection, naam: str) -> None:
    """Make this request's answer start a new session for `naam`, with a new id and empty data."""
    stand = verbinding.scope[_STAND]
    stand.sessie.gegevens.clear()  # a new CSRF token too
    stand.inloggen_als = naam


def log_uit(verbinding: HTTPConnection) -> None:
    """Make this request's answer delete the session, so that its cookie no longer works."""
    verbinding.scope[_STAND].uitloggen = True


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


class ServerSessies:
    """ASGI middleware giving each request `request.session` backed by the register at `registerpad`."""

    def __init__(self, app: ASGIApp, *, registerpad: Path, inactief: timedelta = STANDAARD_INACTIEF,
                 klok: Callable[[], datetime]):
        self.app = app
        self.registerpad = Path(registerpad)
        self.inactief = inactief
        self.klok = klok

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sleutel = HTTPConnection(scope).cookies.get(COOKIE)
        # the register may wait for another writer: off the event loop, so other requests go on
        sessie = await run_in_threadpool(self._lees, sleutel) if sleutel else None
        stand = _Stand(sleutel if sessie else None, sessie or Sessie())
        scope[_STAND] = stand
        scope["session"] = stand.sessie.gegevens

        async def met_sessie(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                cookie = await run_in_threadpool(self._bewaar, stand)
                if cookie is not None:
                    bericht["headers"] = [*bericht.get("headers", []), (b"set-cookie", self._cookie(scope, cookie))]
            await send(bericht)

        await self.app(scope, receive, met_sessie)

    def _lees(self, sleutel: str) -> Sessie | None:
        with Register.open(self.registerpad) as register:
            return lees_sessie(register, _hash(sleutel), nu=self.klok(), inactief=self.inactief)

    def _bewaar(self, stand: _Stand) -> str | None:
        """Store what the request did to its session; the cookie value to set ("" to delete), or None."""
        nu = self.klok()
        with Register.open(self.registerpad) as register:
            if stand.uitloggen or stand.inloggen_als:
                if stand.sleutel:
                    beeindig_sessie(register, _hash(stand.sleutel))
                if stand.uitloggen:
                    return ""
                stand.sleutel = None
                stand.sessie.gebruiker = stand.inloggen_als
            if stand.sleutel:
                werk_sessie_bij(register, _hash(stand.sleutel), stand.sessie, nu=nu)
                return None
            if not stand.sessie.gegevens and stand.sessie.gebruiker is None:
                return None  # nothing to remember: no session row for every passing request
            sleutel = secrets.token_urlsafe(32)
            begin_sessie(register, _hash(sleutel), stand.sessie, nu=nu, inactief=self.inactief)
            return sleutel

    @staticmethod
    def _cookie(scope: Scope, waarde: str) -> bytes:
        cookie = SimpleCookie()
        cookie[COOKIE] = waarde
        cookie[COOKIE].update({"path": "/", "httponly": True, "samesite": "Lax"})
        if not waarde:
            cookie[COOKIE]["max-age"] = 0
        if scope.get("scheme") == "https":
            cookie[COOKIE]["secure"] = True
        return cookie.output(header="").strip().encode("latin-1")
