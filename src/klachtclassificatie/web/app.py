"""The app factory: routes, templates, sessions, CSRF, the access token and Dutch error pages."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from klachtclassificatie.brieven import controleer_sjablonen
from klachtclassificatie.classificatie import KlachtModel, laad
from klachtclassificatie.fouten import KlachtError
from klachtclassificatie.register import Register, huidige_gebruiker
from klachtclassificatie.web import (
    pagina_afhandeling,
    pagina_beoordelen,
    pagina_brieven,
    pagina_jaarverslag,
    pagina_model,
    pagina_nieuw,
    pagina_register,
)
from klachtclassificatie.web.beveiliging import (
    LOOPBACK_NAMEN,
    Beveiligingskoppen,
    TokenVereist,
    csrf_token,
    formulier,
    token_klopt,
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
    toon,
    veld,
)

MAP = Path(__file__).parent


def maak_app(
    registerpad: Path,
    model: KlachtModel | Path,
    *,
    token: str | None = None,
    door: str | None = None,
    vandaag: Callable[[], date] = date.today,
    briefsjablonen: Path | None = None,
) -> Starlette:
    """The web app over the register at `registerpad`, with a loaded model or the path of one.

    With `token`, every page asks for it first. Without one, only requests addressed to a loopback
    name are served (against DNS rebinding). `vandaag` gives today's date to the pages;
    `briefsjablonen` is the folder with the organisation's letter templates (default: the shipped ones).
    Raises ModelError or RegisterError when either cannot be opened, BestandError for a missing
    template folder.
    """
    if briefsjablonen is not None:
        controleer_sjablonen(briefsjablonen)
    if not isinstance(model, KlachtModel):
        model = laad(Path(model))
    with Register.open(registerpad):
        pass  # create it, or fail now on a file that is no register
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
        Route("/register/brief/{soort}/{nummer:path}", pagina_brieven.download),
        Route("/register/klacht/{nummer:path}", pagina_afhandeling.verwerk, methods=["POST"]),
        Route("/jaarverslag", pagina_jaarverslag.kies_jaar),
        Route("/jaarverslag/{jaar:int}", pagina_jaarverslag.jaarverslag),
        Route("/jaarverslag/{jaar:int}/download/{formaat}", pagina_jaarverslag.download),
        Route("/model", pagina_model.model),
        Route("/inloggen", _inloggen, methods=["GET", "POST"]),
        Route("/uitloggen", _uitloggen, methods=["POST"]),
        Mount("/static", StaticFiles(directory=MAP / "static"), name="static"),
    ]
    middleware = [
        Middleware(Beveiligingskoppen),
        Middleware(NederlandseFoutteksten),
        Middleware(TrustedHostMiddleware, allowed_hosts=["*"] if token else list(LOOPBACK_NAMEN)),
        Middleware(Verzoeklimiet, maximum=MAX_VERZOEK),
        Middleware(SessionMiddleware, secret_key=secrets.token_urlsafe(32), session_cookie="klachten_sessie",
                   same_site="lax", max_age=None),
        Middleware(TokenVereist, token=token),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: http_fout, KlachtError: klachtfout, 500: serverfout})
    app.state.sjablonen = sjablonen
    app.state.instellingen = Instellingen(Path(registerpad), model, door or huidige_gebruiker(), vandaag,
                                          token, briefsjablonen=briefsjablonen)
    return app


def _gemeenschappelijk(request: Request) -> dict:
    inst = instellingen(request)
    return {"csrf": csrf_token(request), "registernaam": inst.registerpad.name,
            "modelversie": inst.model.versie, "met_token": inst.token is not None}


async def _inloggen(request: Request) -> Response:
    token = instellingen(request).token
    form = await formulier(request) if request.method == "POST" else None
    if token is None or request.session.get("ingelogd"):
        return naar("/")
    if form is None:
        return toon(request, "inloggen.html", {"fout": None})
    if not token_klopt(veld(form, "token"), token):
        return toon(request, "inloggen.html", {"fout": "Dit token klopt niet."}, status=401)
    request.session.clear()  # a new session after logging in, with a new CSRF token
    request.session["ingelogd"] = True
    return naar("/")


async def _uitloggen(request: Request) -> Response:
    await formulier(request)
    request.session.clear()
    return naar("/inloggen")
