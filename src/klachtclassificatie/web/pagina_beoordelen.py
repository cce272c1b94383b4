"""Page 2, Te beoordelen: the queue of unconfirmed complaints, most doubtful first."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.beoordelen import VOLGORDES, wachtrij
from klachtclassificatie.classificatie import DOELEN
from klachtclassificatie.fouten import RegisterError, VocabulaireError
from klachtclassificatie.web import suggestie
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import (
    BRON,
    gebruiker,
    instellingen,
    meld,
    model_voor_register,
    naar,
    open_register,
    toon,
    veld,
)

#: How many complaints of the queue one page shows.
PER_PAGINA = 10
#: How many skipped complaints a session remembers (klachtnummers only, never text).
MAX_OVERGESLAGEN = 200


async def te_beoordelen(request: Request) -> Response:
    if request.method == "GET":
        volgorde = request.query_params.get("volgorde", VOLGORDES[0])
        if volgorde not in VOLGORDES:
            volgorde = VOLGORDES[0]
        toon_pg = request.query_params.get("persoonsgegevens") == "toon"
        vanaf = request.query_params.get("vanaf", "")
        if vanaf.isdigit():  # the batch shown; a confirmation returns to it
            request.session["wachtrij_vanaf"] = int(vanaf)
        return await run_in_threadpool(_toon_wachtrij, request, volgorde, toon_persoonsgegevens=toon_pg)
    form = await formulier(request)
    nummer = veld(form, "klachtnummer")
    keuzes = {doel: veld(form, doel) for doel in DOELEN}
    volgorde = veld(form, "volgorde") if veld(form, "volgorde") in VOLGORDES else VOLGORDES[0]
    # the state the page showed; a form without it saw nothing, so any confirmation since counts
    getoond = int(veld(form, "getoond")) if veld(form, "getoond").isdigit() else 0
    return await run_in_threadpool(_bevestig, request, nummer, keuzes, volgorde, getoond)


def _toon_wachtrij(request: Request, volgorde: str, *, fout: str | None = None, status: int = 200,
                   toon_persoonsgegevens: bool = False) -> Response:
    """The queue page; texts are shown with personal data masked unless asked for, as in the CLI."""
    from klachtclassificatie.privacy import redigeer

    inst = instellingen(request)
    with inst.schrijfslot, open_register(request) as register:  # the queue stores new suggestions
        model = model_voor_register(request, register)
        rij = wachtrij(register, model, volgorde=volgorde, door=gebruiker(request))
        totaal = register.aantal()
        overgeslagen = request.session.get("overgeslagen", [])
        rij = _overgeslagen_achteraan(rij, overgeslagen)
        vanaf = min(request.session.get("wachtrij_vanaf", 0), max(0, len(rij) - 1)) // PER_PAGINA * PER_PAGINA
        getoond = {v.klachtnummer: register.auditstand(v.klachtnummer) for v in rij[vanaf : vanaf + PER_PAGINA]}
    kaarten = [{"voorstel": v, "getoond": getoond[v.klachtnummer],
                "weergave": suggestie.per_doel(model, v.suggesties),
                "tekst_html": suggestie.gemarkeerd(
                    model, v.tekst if toon_persoonsgegevens else redigeer(v.tekst).tekst, v.suggesties)}
               for v in rij[vanaf : vanaf + PER_PAGINA]]
    context = {"kaarten": kaarten, "open": len(rij), "totaal": totaal, "bevestigd": totaal - len(rij),
               "volgorde": volgorde, "volgordes": VOLGORDES, "fout": fout, "actief": "beoordelen",
               "toon_persoonsgegevens": toon_persoonsgegevens, "vanaf": vanaf, "per_pagina": PER_PAGINA,
               "overgeslagen": len({v.klachtnummer for v in rij} & set(overgeslagen))}
    return toon(request, "beoordelen.html", context, status=status)


def _bevestig(request: Request, nummer: str, keuzes: dict[str, str], volgorde: str, getoond: int) -> Response:
    inst = instellingen(request)
    try:
        labels = {doel: voc.LABELS[doel].normaliseer(keuzes[doel]) for doel in DOELEN}
    except VocabulaireError as fout:
        return _toon_wachtrij(request, volgorde, fout=f"Klacht {nummer}: {fout}; er is niets opgeslagen.",
                              status=400)
    try:
        with inst.schrijfslot, open_register(request) as register:
            register.bevestig(nummer, labels, door=gebruiker(request), bron=f"{BRON} beoordelen", getoond=getoond)
    except RegisterError as fout:  # confirmed meanwhile: another tab or person, the CLI, an import
        return _toon_wachtrij(request, volgorde, fout=f"Niet opgeslagen: {fout}.", status=409)
    meld(request, f"Klacht {nummer} bevestigd: {labels['categorie']}, {labels['programmaonderdeel']}.")
    return naar("/beoordelen" + ("" if volgorde == VOLGORDES[0] else f"?volgorde={volgorde}"))


def _overgeslagen_achteraan(rij: list, overgeslagen: list[str]) -> list:
    """The queue with the complaints skipped in this session at the end, in the order skipped."""
    plek = {nummer: i for i, nummer in enumerate(overgeslagen)}
    return sorted(rij, key=lambda v: plek.get(v.klachtnummer, -1))  # stable: the rest keeps its order


async def overslaan(request: Request) -> Response:
    """Skip a complaint: it goes to the end of this session's queue and the next one comes first."""
    form = await formulier(request)
    nummer = veld(form, "klachtnummer")
    volgorde = veld(form, "volgorde") if veld(form, "volgorde") in VOLGORDES else VOLGORDES[0]
    overgeslagen = [n for n in request.session.get("overgeslagen", []) if n != nummer]
    request.session["overgeslagen"] = [*overgeslagen, nummer][-MAX_OVERGESLAGEN:]
    meld(request, f"Klacht {nummer} overgeslagen; die staat nu achteraan in de wachtrij.")
    return naar("/beoordelen" + ("" if volgorde == VOLGORDES[0] else f"?volgorde={volgorde}"))
