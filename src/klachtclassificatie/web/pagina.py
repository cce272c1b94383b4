"""What every page shares: the app's settings, the open register, rendering and messages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from klachtclassificatie.classificatie import KlachtModel
from klachtclassificatie.register import Register
from klachtclassificatie.web.sessies import ingelogde
from klachtclassificatie.web.zoekopdracht import Zoekopdrachten

#: Who made a change made through the web app, in the audit trail.
BRON = "webapp"


@dataclass
class Instellingen:
    """What the pages need: the register file, the loaded model and who is working.

    `door` is the coordinator on this computer; in team mode (`met_inloggen`) it is not used and
    every change is by the logged-in account.
    """

    registerpad: Path
    model: KlachtModel
    door: str
    vandaag: Callable[[], date]
    met_inloggen: bool = False
    #: The time for sessions and failed logins.
    klok: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    #: One writer at a time: numbering a new complaint and confirming are check-then-write.
    schrijfslot: threading.Lock = field(default_factory=threading.Lock)
    #: matplotlib's pyplot is not thread-safe.
    grafiekslot: threading.Lock = field(default_factory=threading.Lock)
    #: The organisation's letter templates; None: the shipped ones.
    briefsjablonen: Path | None = None
    #: The register's search criteria, kept out of URLs.
    zoekopdrachten: Zoekopdrachten = field(default_factory=Zoekopdrachten)


def instellingen(request: Request) -> Instellingen:
    return request.app.state.instellingen


def gebruiker(request: Request) -> str:
    """Who makes a change through this request, for the audit trail: the one place pages ask.

    In team mode the logged-in account (a request without one never reaches a page); on this
    computer alone, the coordinator the app was started for.
    """
    inst = instellingen(request)
    if not inst.met_inloggen:
        return inst.door
    naam = ingelogde(request)
    if naam is None:  # InloggenVereist sends these to /inloggen; never fall back to a shared name
        raise HTTPException(status_code=403)
    return naam


@contextmanager
def open_register(request: Request) -> Iterator[Register]:
    """The register, opened for this request only (SQLite connections stay in their thread)."""
    with Register.open(instellingen(request).registerpad) as register:
        yield register


def model_voor_register(request: Request, register: Register) -> KlachtModel:
    """The model expecting the label mix of this register's confirmed complaints."""
    return instellingen(request).model.voor_register(register.klachten())


def toon(request: Request, sjabloon: str, context: dict | None = None, *, status: int = 200) -> Response:
    """Render a page; a message left by the previous request is shown once."""
    context = {"melding": request.session.pop("melding", None), **(context or {})}
    return request.app.state.sjablonen.TemplateResponse(request, sjabloon, context, status_code=status)


def meld(request: Request, tekst: str, soort: str = "goed") -> None:
    """Leave a message for the next page (no complaint text: it goes into the session cookie)."""
    request.session["melding"] = {"tekst": tekst, "soort": soort}


def naar(pad: str) -> RedirectResponse:
    """After a POST: go to a page with GET, so reloading does not post again."""
    return RedirectResponse(pad, status_code=303)


def klachtlink(nummer: str) -> str:
    return "/register/klacht/" + quote(str(nummer), safe="")


def veld(form: FormData, naam: str) -> str:
    """A text field of a posted form; missing fields and uploaded files count as empty."""
    waarde = form.get(naam)
    return waarde if isinstance(waarde, str) else ""


def hoofdletter(tekst: str) -> str:
    """First letter upper case, the rest untouched (Jinja's capitalize would lower 'IJsselstein')."""
    tekst = str(tekst)
    return tekst[:1].upper() + tekst[1:]


def procent(kans: float | None) -> str:
    return "—" if kans is None else f"{100 * kans:.0f}%"
