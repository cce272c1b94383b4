"""Security of the web app: CSRF tokens on every form, the optional access token, loopback hosts."""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

CSRF_VELD = "csrf"
CSRF_MELDING = ("Dit formulier is verlopen of komt niet van deze webapp (CSRF-controle); er is niets "
                "opgeslagen. Laad de pagina opnieuw en probeer het nog eens.")
#: Host names that reach only this computer; the app accepts no other Host header without a token.
LOOPBACK_NAMEN = ("127.0.0.1", "localhost", "::1", "[::1]")
#: Paths reachable without logging in when an access token is set.
OPEN_PADEN = ("/inloggen", "/static/")
MINIMALE_TOKENLENGTE = 12


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or address to bind to) is reachable only from this computer."""
    if host.strip("[]").lower() in ("localhost", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(32)
    return request.session["csrf"]


async def formulier(request: Request) -> FormData:
    """The posted form after checking its CSRF token against the session; 403 otherwise.

    Every POST handler reads its form through here, before it looks at any value.
    """
    form = await request.form()
    verwacht = request.session.get("csrf")
    gekregen = form.get(CSRF_VELD)
    if not verwacht or not isinstance(gekregen, str) or not hmac.compare_digest(gekregen, verwacht):
        raise HTTPException(status_code=403, detail=CSRF_MELDING)
    return form


def token_klopt(gegeven: str, token: str) -> bool:
    return hmac.compare_digest(gegeven.encode(), token.encode())


class TokenVereist:
    """Send every request of a session that has not logged in with the access token to /inloggen."""

    def __init__(self, app: ASGIApp, token: str | None):
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or self.token is None
                or scope["path"].startswith(OPEN_PADEN) or scope.get("session", {}).get("ingelogd")):
            await self.app(scope, receive, send)
            return
        await RedirectResponse("/inloggen", status_code=303)(scope, receive, send)


class Beveiligingskoppen:
    """Headers that stop scripts, framing and sniffing even if something slipped past escaping."""

    KOPPEN = [
        (b"content-security-policy", b"default-src 'self'; script-src 'none'; style-src 'self' "
                                     b"'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                                     b"form-action 'self'; base-uri 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cache-control", b"no-store"),
    ]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def met_koppen(bericht):
            if bericht["type"] == "http.response.start":
                bestaand = {naam for naam, _ in bericht.get("headers", [])}
                bericht["headers"] = [*bericht.get("headers", []),
                                      *((n, w) for n, w in self.KOPPEN if n not in bestaand)]
            await send(bericht)

        await self.app(scope, receive, met_koppen)
