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


async def te_beoordelen(request: Request) -> Response:
    if request.method == "GET":
        volgorde = request.query_params.get("volgorde", VOLGORDES[0])
        if volgorde not in VOLGORDES:
            volgorde = VOLGORDES[0]
        toon_pg = request.query_params.get("persoonsgegevens") == "toon"
        return await run_in_threadpool(_toon_wachtrij, request, volgorde, toon_persoonsgegevens=toon_pg)
    form = await formulier(request)
    nummer = veld(form, "klachtnummer")
    keuzes = {doel: veld(form, doel) for doel in DOELEN}
    volgorde = veld(form, "volgorde") if veld(form, "volgorde") in VOLGORDES else VOLGORDES[0]
    return await run_in_threadpool(_bevestig, request, nummer, keuzes, volgorde)


def _toon_wachtrij(request: Request, volgorde: str, *, fout: str | None = None, status: int = 200,
                   toon_persoonsgegevens: bool = False) -> Response:
    """The queue page; texts are shown with personal data masked unless asked for, as in the CLI."""
    from klachtclassificatie.privacy import redigeer

    inst = instellingen(request)
    with inst.schrijfslot, open_register(request) as register:  # the queue stores new suggestions
        model = model_voor_register(request, register)
        rij = wachtrij(register, model, volgorde=volgorde, door=gebruiker(request))
        totaal = register.aantal()
    kaarten = [{"voorstel": v, "weergave": suggestie.per_doel(model, v.suggesties),
                "tekst_html": suggestie.gemarkeerd(
                    model, v.tekst if toon_persoonsgegevens else redigeer(v.tekst).tekst, v.suggesties)}
               for v in rij[:PER_PAGINA]]
    context = {"kaarten": kaarten, "open": len(rij), "totaal": totaal, "bevestigd": totaal - len(rij),
               "volgorde": volgorde, "volgordes": VOLGORDES, "fout": fout, "actief": "beoordelen",
               "toon_persoonsgegevens": toon_persoonsgegevens}
    return toon(request, "beoordelen.html", context, status=status)


def _bevestig(request: Request, nummer: str, keuzes: dict[str, str], volgorde: str) -> Response:
    inst = instellingen(request)
    try:
        labels = {doel: voc.LABELS[doel].normaliseer(keuzes[doel]) for doel in DOELEN}
    except VocabulaireError as fout:
        return _toon_wachtrij(request, volgorde, fout=f"Klacht {nummer}: {fout}; er is niets opgeslagen.",
                              status=400)
    try:
        with inst.schrijfslot, open_register(request) as register:
            register.bevestig(nummer, labels, door=gebruiker(request), bron=f"{BRON} beoordelen", alleen_onbevestigd=True)
    except RegisterError as fout:  # confirmed in another tab or by someone else meanwhile
        return _toon_wachtrij(request, volgorde, fout=f"Niet opgeslagen: {fout}.", status=409)
    meld(request, f"Klacht {nummer} bevestigd: {labels['categorie']}, {labels['programmaonderdeel']}.")
    return naar("/beoordelen" + ("" if volgorde == VOLGORDES[0] else f"?volgorde={volgorde}"))
