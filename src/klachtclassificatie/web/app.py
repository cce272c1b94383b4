"""The app factory: routes, templates, sessions, CSRF, login in team mode and Dutch error pages."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from klachtclassificatie.brieven import controleer_sjablonen
from klachtclassificatie.classificatie import KlachtModel, laad
from klachtclassificatie.fouten import GebruikerError, KlachtError
from klachtclassificatie.register import Register, heeft_actieve_gebruikers, huidige_gebruiker
from klachtclassificatie.web import (
    pagina_afhandeling,
    pagina_beoordelen,
    pagina_brieven,
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
from klachtclassificatie.web.foutpaginas import (
    MAX_VERZOEK,
    NederlandseFoutteksten,
    Verzoeklimiet,
    http_fout,
    klachtfout,
    serverfout,
)
from klachtclassificatie.web.pagina import (
    Instellingen,
    hoofdletter,
    instellingen,
    klachtlink,
    naar,
    procent,
)
from klachtclassificatie.web.sessies import STANDAARD_INACTIEF, ServerSessies, ingelogde

MAP = Path(__file__).parent


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
    briefsjablonen: Path | None = None,
) -> Starlette:
    """The web app over the register at `registerpad`, with a loaded model or the path of one.

    Without `met_inloggen`, only requests addressed to a loopback name are served (against DNS
    rebinding), all by the coordinator `door`. With it (team mode), any host name is served, but
    every page asks for an account of the register first, sessions live in the register and end
    after `inactief` without a request, and every POST must come from the app's own origin.
    `proxy` names the reverse proxies (addresses, or "*") whose X-Forwarded-Proto and -For are
    believed; behind a proxy the app is always in team mode. `vandaag` gives today's date to the
    pages, `klok` the time to sessions and logins; `briefsjablonen` is the folder with the
    organisation's letter templates (default: the shipped ones).
    Raises ModelError or RegisterError when either cannot be opened, GebruikerError in team mode
    when the register has no account that can log in, BestandError for a missing template folder.
    """
    met_inloggen = met_inloggen or proxy is not None
    if briefsjablonen is not None:
        controleer_sjablonen(briefsjablonen)
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
        Route("/beoordelen/overslaan", pagina_beoordelen.overslaan, methods=["POST"]),
        Route("/register", pagina_register.zoeken, methods=["GET", "POST"]),
        Route("/register/termijnen", pagina_register.termijnen),
        Route("/register/export/{formaat}", pagina_register.export),
        Route("/register/klacht/{nummer:path}", pagina_register.klacht),
        Route("/register/klacht/{nummer:path}", pagina_afhandeling.verwerk, methods=["POST"]),
        Route("/register/brief/{soort}/{nummer:path}", pagina_brieven.download),
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
        Middleware(Beveiligingskoppen),
        Middleware(NederlandseFoutteksten),
        Middleware(TrustedHostMiddleware, allowed_hosts=["*"] if met_inloggen else list(LOOPBACK_NAMEN)),
        Middleware(Verzoeklimiet, maximum=MAX_VERZOEK),
    ]
    if met_inloggen:
        middleware += [Middleware(OriginVereist),
                       Middleware(ServerSessies, registerpad=Path(registerpad), inactief=inactief, klok=klok),
                       Middleware(InloggenVereist)]
    else:  # one coordinator on this computer: a signed cookie, valid until the app stops
        middleware.append(Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32),
                                     session_cookie="klachten_sessie", same_site="lax", max_age=None))
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: http_fout, KlachtError: klachtfout, 500: serverfout})
    app.state.sjablonen = sjablonen
    app.state.instellingen = Instellingen(Path(registerpad), model, door or huidige_gebruiker(), vandaag,
                                          met_inloggen, klok, briefsjablonen=briefsjablonen)
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

