"""Search criteria kept on the server, so that a result page has a URL without the search terms.

A search term can be complaint text or a name: it never goes into a URL (browser history, the
access log) nor into the session cookie. The server keeps the criteria under a random id; the
session keeps only the ids it made, so one session cannot open another's search.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from starlette.requests import Request

#: Searches the server keeps in all (the oldest are forgotten first), and per session.
MAX_ZOEKOPDRACHTEN = 1000
MAX_PER_SESSIE = 20
_SESSIESLEUTEL = "zoekopdrachten"


class Zoekopdrachten:
    """Search criteria in memory, each under an opaque id; bounded, thread-safe."""

    def __init__(self, maximum: int = MAX_ZOEKOPDRACHTEN):
        self._opdrachten: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._maximum = maximum
        self._slot = threading.Lock()

    def bewaar(self, request: Request, keuzes: dict[str, str]) -> str:
        """Keep `keuzes` for this session; returns the id to put in the URL."""
        sleutel = secrets.token_urlsafe(12)
        with self._slot:
            self._opdrachten[sleutel] = dict(keuzes)
            while len(self._opdrachten) > self._maximum:
                self._opdrachten.popitem(last=False)
        eigen = [s for s in request.session.get(_SESSIESLEUTEL, []) if s in self._opdrachten]
        request.session[_SESSIESLEUTEL] = [*eigen, sleutel][-MAX_PER_SESSIE:]
        return sleutel

    def haal(self, request: Request, sleutel: str) -> dict[str, str] | None:
        """The criteria of this session's search `sleutel`; None when unknown or forgotten."""
        if sleutel not in request.session.get(_SESSIESLEUTEL, []):
            return None
        with self._slot:
            keuzes = self._opdrachten.get(sleutel)
        return None if keuzes is None else dict(keuzes)
