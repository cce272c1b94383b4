"""Security of the web app: CSRF tokens on every form, loopback hosts, and in team mode login and Origin."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from klachtclassificatie.web.sessies import ingelogde

CSRF_VELD = "csrf"
CSRF_MELDING = ("Dit formulier is verlopen of komt niet van deze webapp (CSRF-controle); er is niets "
                "opgeslagen. Laad de pagina opnieuw en probeer het nog eens.")
#: Host names that reach only this computer; the app accepts no other Host header without login.
LOOPBACK_NAMEN = ("127.0.0.1", "localhost", "::1", "[::1]")
#: Paths reachable without logging in, in team mode.
OPEN_PADEN = ("/inloggen", "/static/")
HERKOMST_PAGINA = ('<!DOCTYPE html><html lang="nl"><meta charset="utf-8"><title>Geweigerd</title>'
                   "<h1>Geweigerd</h1><p>Dit formulier is niet verstuurd vanaf een pagina van deze webapp "
                   "(Origin-controle); er is niets opgeslagen. Open de webapp zelf en probeer het "
                   'opnieuw. <a href="/">Naar het begin</a>.</p></html>')


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


class InloggenVereist:
    """In team mode: send every request without a logged-in account to /inloggen (after the sessions)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["path"].startswith(OPEN_PADEN)
                or ingelogde(HTTPConnection(scope))):
            await self.app(scope, receive, send)
            return
        await RedirectResponse("/inloggen", status_code=303)(scope, receive, send)


def eigen_herkomst(scope: Scope) -> str:
    """The origin the app is served as for this request: scheme and Host header (`https://host:poort`)."""
    host = HTTPConnection(scope).headers.get("host", "").lower()
    return f"{scope.get('scheme', 'http')}://{host}"


def herkomst_van_verzoek(verbinding: HTTPConnection) -> str | None:
    """The Origin header, or the origin of the Referer when a browser sent no Origin; None without both."""
    origin = verbinding.headers.get("origin")
    if origin is not None:
        return origin.lower()
    referer = verbinding.headers.get("referer")
    if not referer:
        return None
    delen = urlsplit(referer)
    return f"{delen.scheme}://{delen.netloc}".lower()


class OriginVereist:
    """In team mode: refuse every POST whose Origin (or Referer) is not the app itself, with a Dutch 403.

    A second line next to the CSRF token: a form on another site cannot post here even with a
    session cookie. Browsers send Origin on every POST when the referrer policy allows it
    (Beveiligingskoppen asks for same-origin, not no-referrer, which would make it "null").
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        if herkomst_van_verzoek(HTTPConnection(scope)) == eigen_herkomst(scope):
            await self.app(scope, receive, send)
            return
        await HTMLResponse(HERKOMST_PAGINA, status_code=403)(scope, receive, send)


class Beveiligingskoppen:
    """Headers that stop scripts, framing and sniffing even if something slipped past escaping."""

    KOPPEN = [
        (b"content-security-policy", b"default-src 'self'; script-src 'none'; style-src 'self' "
                                     b"'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                                     b"form-action 'self'; base-uri 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
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
