"""The app factory: routes, templates, sessions, CSRF, login in team mode and Dutch error pages."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from klachtclassificatie.classificatie import KlachtModel, laad
from klachtclassificatie.fouten import GebruikerError, KlachtError
from klachtclassificatie.register import Register, heeft_actieve_gebruikers, huidige_gebruiker
from klachtclassificatie.web import (
    pagina_beoordelen,
    pagina_inloggen,
    pagina_jaarverslag,
    pagina_model,
    pagina_nieuw,
    pagina_register,
)
from klachtclassificatie.web.beveiliging import (
    LOOPBACK_NAMEN,
    Beveiligingskoppen,
    InloggenVereist,
    OriginVereist,
    csrf_token,
)
from klachtclassificatie.web.pagina import (
    Instellingen,
    hoofdletter,
    instellingen,
    klachtlink,
    naar,
    procent,
    toon,
)
from klachtclassificatie.web.sessies import STANDAARD_INACTIEF, ServerSessies, ingelogde

MAP = Path(__file__).parent
FOUTMELDINGEN = {
    400: "Deze aanvraag klopt niet.",
    403: "Dit mag niet.",
    404: "Deze pagina bestaat niet.",
    405: "Deze actie kan hier niet.",
}
#: Largest request body accepted: a complaint text and some fields, never a file.
MAX_VERZOEK = 1_000_000


def maak_app(
    registerpad: Path,
    model: KlachtModel | Path,
    *,
    met_inloggen: bool = False,
    proxy: str | None = None,
    inactief: timedelta = STANDAARD_INACTIEF,
    door: str | None = None,
    vandaag: Callable[[], date] = date.today,
    klok: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Starlette:
    """The web app over the register at `registerpad`, with a loaded model or the path of one.

    Without `met_inloggen`, only requests addressed to a loopback name are served (against DNS
    rebinding), all by the coordinator `door`. With it (team mode), any host name is served, but
    every page asks for an account of the register first, sessions live in the register and end
    after `inactief` without a request, and every POST must come from the app's own origin.
    `proxy` names the reverse proxies (addresses, or "*") whose X-Forwarded-Proto and -For are
    believed; behind a proxy the app is always in team mode. `vandaag` gives today's date to the pages, `klok` the time to sessions and logins.
    Raises ModelError or RegisterError when either cannot be opened, GebruikerError in team mode
    when the register has no account that can log in.
    """
    met_inloggen = met_inloggen or proxy is not None
    controleer_register(registerpad, met_inloggen=met_inloggen)
    if not isinstance(model, KlachtModel):
        model = laad(Path(model))
    omgeving = jinja2.Environment(loader=jinja2.FileSystemLoader(MAP / "templates"), autoescape=True)
    sjablonen = Jinja2Templates(env=omgeving, context_processors=[_gemeenschappelijk])
    sjablonen.env.filters.update(hoofdletter=hoofdletter, procent=procent, klachtlink=klachtlink)
    routes = [
        Route("/", lambda request: naar("/nieuw")),
        Route("/nieuw", pagina_nieuw.nieuwe_klacht, methods=["GET", "POST"]),
        Route("/beoordelen", pagina_beoordelen.te_beoordelen, methods=["GET", "POST"]),
        Route("/register", pagina_register.zoeken, methods=["GET", "POST"]),
        Route("/register/termijnen", pagina_register.termijnen),
        Route("/register/klacht/{nummer:path}", pagina_register.klacht),
        Route("/jaarverslag", pagina_jaarverslag.kies_jaar),
        Route("/jaarverslag/{jaar:int}", pagina_jaarverslag.jaarverslag),
        Route("/jaarverslag/{jaar:int}/download/{formaat}", pagina_jaarverslag.download),
        Route("/model", pagina_model.model),
        Route("/inloggen", pagina_inloggen.inloggen, methods=["GET", "POST"]),
        Route("/uitloggen", pagina_inloggen.uitloggen, methods=["POST"]),
        Mount("/static", StaticFiles(directory=MAP / "static"), name="static"),
    ]
    middleware = [
        *([Middleware(ProxyHeadersMiddleware, trusted_hosts=proxy)] if proxy else []),
        Middleware(TrustedHostMiddleware, allowed_hosts=["*"] if met_inloggen else list(LOOPBACK_NAMEN)),
        Middleware(Beveiligingskoppen),
    ]
    if met_inloggen:
        middleware += [Middleware(OriginVereist),
                       Middleware(ServerSessies, registerpad=Path(registerpad), inactief=inactief, klok=klok),
                       Middleware(InloggenVereist)]
    else:  # one coordinator on this computer: a signed cookie, valid until the app stops
        middleware.append(Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32),
                                     session_cookie="klachten_sessie", same_site="lax", max_age=None))
    app = Starlette(routes=routes, middleware=middleware, max_body_size=MAX_VERZOEK,
                    exception_handlers={HTTPException: _fout, KlachtError: _klachtfout, 500: _serverfout})
    app.state.sjablonen = sjablonen
    app.state.instellingen = Instellingen(Path(registerpad), model, door or huidige_gebruiker(), vandaag,
                                          met_inloggen, klok)
    return app


def controleer_register(registerpad: Path, *, met_inloggen: bool) -> None:
    """Create the register if needed, or fail on a file that is no register; in team mode it needs an account.

    In team mode a missing register is not created: adding the first account makes it.
    Raises RegisterError, or GebruikerError naming the command that adds an account.
    """
    if met_inloggen and not Path(registerpad).exists():
        accounts = False
    else:
        with Register.open(registerpad) as register:
            accounts = heeft_actieve_gebruikers(register)
    if met_inloggen and not accounts:
        raise GebruikerError(f"het register {registerpad} heeft geen account om mee in te loggen, en vanaf "
                             "andere computers kan de webapp alleen met inloggen; maak eerst een account met "
                             f"`klachten gebruiker toevoegen NAAM --register {registerpad}`")


def _gemeenschappelijk(request: Request) -> dict:
    inst = instellingen(request)
    return {"csrf": csrf_token(request), "registernaam": inst.registerpad.name,
            "modelversie": inst.model.versie, "ingelogd_als": ingelogde(request)}


async def _fout(request: Request, fout: HTTPException) -> Response:
    # Starlette's own errors carry the English phrase; ours carry a Dutch sentence
    eigen = fout.detail and fout.detail != HTTPStatus(fout.status_code).phrase
    melding = fout.detail if eigen else FOUTMELDINGEN.get(fout.status_code, "Er ging iets mis.")
    return toon(request, "fout.html", {"fout": melding}, status=fout.status_code)


async def _klachtfout(request: Request, fout: KlachtError) -> Response:
    return toon(request, "fout.html", {"fout": str(fout)}, status=400)


async def _serverfout(request: Request, fout: Exception) -> Response:
    # outside the session middleware: a plain page, the details stay in the server's log
    return HTMLResponse('<!DOCTYPE html><html lang="nl"><meta charset="utf-8"><title>Fout</title>'
                        "<h1>Er ging iets mis</h1><p>De webapp kon deze pagina niet maken. Er is niets "
                        'opgeslagen dat niet af was. <a href="/">Terug naar het begin</a>.</p></html>',
                        status_code=500)
