"""Logging in with a named account and logging out, in team mode."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie.fouten import TeVeelPogingenError
from klachtclassificatie.register import meld_aan
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import instellingen, naar, open_register, toon, veld
from klachtclassificatie.web.sessies import ingelogde, log_in, log_uit

#: The same answer for an unknown name, a wrong password and a blocked account.
ONJUIST = "Naam of wachtwoord klopt niet, of het account is geblokkeerd."


async def inloggen(request: Request) -> Response:
    form = await formulier(request) if request.method == "POST" else None
    if not instellingen(request).met_inloggen or ingelogde(request):
        return naar("/")
    if form is None:
        return toon(request, "inloggen.html", {"fout": None, "naam": ""})
    naam = veld(form, "naam")
    client = request.client.host if request.client else "onbekend"
    try:  # argon2 takes a while on purpose: not on the event loop
        account = await run_in_threadpool(_meld_aan, request, naam, veld(form, "wachtwoord"), client)
    except TeVeelPogingenError as fout:
        melding = str(fout)
        return toon(request, "inloggen.html", {"fout": melding[:1].upper() + melding[1:] + ".", "naam": naam},
                    status=429)
    if account is None:
        return toon(request, "inloggen.html", {"fout": ONJUIST, "naam": naam}, status=401)
    log_in(request, account)  # a new session id: nothing from before logging in is kept
    return naar("/")


def _meld_aan(request: Request, naam: str, wachtwoord: str, client: str) -> str | None:
    with open_register(request) as register:
        return meld_aan(register, naam, wachtwoord, client=client, nu=instellingen(request).klok())


async def uitloggen(request: Request) -> Response:
    await formulier(request)
    if instellingen(request).met_inloggen:
        log_uit(request)
    else:
        request.session.clear()
    return naar("/inloggen")
