"""Dutch error pages for everything that can go wrong, also where Starlette answers by itself.

Errors raised while a page is made get the site's own page (with menu). What Starlette's
middleware answers in plain English text (a wrong Host header, a body that is too large) and an
error outside the session middleware get a plain Dutch page with the same stylesheet.
"""

from __future__ import annotations

from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from klachtclassificatie.fouten import KlachtError
from klachtclassificatie.web.pagina import toon

#: Largest request body accepted: a complaint text and some fields, never a file.
MAX_VERZOEK = 1_000_000
FOUTMELDINGEN = {
    400: "Deze aanvraag klopt niet.",
    403: "Dit mag niet.",
    404: "Deze pagina bestaat niet.",
    405: "Deze actie kan hier niet.",
    413: ("Wat u verstuurde is te groot (meer dan 1 MB); er is niets opgeslagen. Een klacht met haar "
          "gegevens is veel kleiner: plak alleen de tekst, geen bestanden of afbeeldingen."),
    500: "De webapp kon deze pagina niet maken. Er is niets opgeslagen dat niet af was.",
}
_ALGEMEEN = "Er ging iets mis."


def melding(status: int) -> str:
    """The Dutch sentence for an HTTP status."""
    return FOUTMELDINGEN.get(status, _ALGEMEEN)


def kale_pagina(status: int, tekst: str | None = None) -> HTMLResponse:
    """A Dutch error page that needs no session or template: for errors outside the app's pages."""
    return HTMLResponse(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>Fout · Klachtenregister</title>'
        '<link rel="stylesheet" href="/static/stijl.css"></head><body><main id="inhoud"><h1>Dat lukte niet</h1>'
        f'<p class="melding melding-fout" role="alert">{escape(tekst or melding(status))}</p>'
        '<p><a href="/">Terug naar het begin</a></p></main></body></html>',
        status_code=status)


def _van_ons(fout: BaseException) -> bool:
    """Whether an exception was raised by this package (its detail is a Dutch sentence) and not
    by Starlette (whose detail is English, such as 'Missing boundary in multipart.')."""
    tb = fout.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and str(tb.tb_frame.f_globals.get("__name__", "")).startswith("klachtclassificatie")


async def http_fout(request: Request, fout: HTTPException) -> Response:
    tekst = fout.detail if fout.detail and _van_ons(fout) else melding(fout.status_code)
    return toon(request, "fout.html", {"fout": tekst}, status=fout.status_code)


async def klachtfout(request: Request, fout: KlachtError) -> Response:
    return toon(request, "fout.html", {"fout": str(fout)}, status=400)


async def serverfout(request: Request, fout: Exception) -> Response:
    # outside the session middleware: a plain page, the details stay in the server's log
    return kale_pagina(500)


class _TeGroot(Exception):
    pass


class Verzoeklimiet:
    """Refuse a request body over `maximum` bytes with a Dutch 413 page, before the app reads it all."""

    def __init__(self, app: ASGIApp, maximum: int = MAX_VERZOEK):
        self.app = app
        self.maximum = maximum

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lengte = next((w for n, w in scope.get("headers", []) if n == b"content-length"), b"")
        if lengte.isdigit() and int(lengte) > self.maximum:
            await kale_pagina(413)(scope, receive, send)
            return
        gelezen, begonnen = 0, False

        async def beperkt() -> Message:
            nonlocal gelezen
            bericht = await receive()
            gelezen += len(bericht.get("body", b""))
            if gelezen > self.maximum:
                raise _TeGroot
            return bericht

        async def volg(bericht: Message) -> None:
            nonlocal begonnen
            begonnen = begonnen or bericht["type"] == "http.response.start"
            await send(bericht)

        try:
            await self.app(scope, beperkt, volg)
        except _TeGroot:
            if begonnen:
                raise
            await kale_pagina(413)(scope, receive, send)


class NederlandseFoutteksten:
    """Replace an error answered in plain text (Starlette's middleware speaks English) by a Dutch page."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        vervangen = False

        async def vertaal(bericht: Message) -> None:
            nonlocal vervangen
            if bericht["type"] == "http.response.start":
                soort = dict(bericht.get("headers", [])).get(b"content-type", b"")
                if bericht["status"] >= 400 and soort.startswith(b"text/plain"):
                    vervangen = True
                    pagina = kale_pagina(bericht["status"])
                    await send({"type": "http.response.start", "status": bericht["status"],
                                "headers": pagina.raw_headers})
                    await send({"type": "http.response.body", "body": pagina.body})
                    return
            if not vervangen:
                await send(bericht)

        await self.app(scope, receive, vertaal)

