"""Page 1, Nieuwe klacht: paste a complaint, see suggestions, fill in the fields, confirm, save."""

from __future__ import annotations

import secrets

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.classificatie import DOELEN, suggestie_items
from klachtclassificatie.fouten import RegisterError, VocabulaireError
from klachtclassificatie.register import lees_velden
from klachtclassificatie.web import suggestie
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import (
    BRON,
    gebruiker,
    instellingen,
    klachtlink,
    meld,
    model_voor_register,
    naar,
    open_register,
    toon,
    veld,
)

#: Register fields the form asks for besides the text and the labels.
VELDEN = ("ontvangstdatum", "gemeente", "kanaal", "klantnummer")
#: The hidden field with the form's one-time key: sent twice, it finds the complaint made the first time.
SLEUTELVELD = "formuliersleutel"


async def nieuwe_klacht(request: Request) -> Response:
    if request.method == "GET":
        waarden = dict.fromkeys(("tekst", "klachtnummer", *VELDEN, *DOELEN), "")
        waarden["ontvangstdatum"] = instellingen(request).vandaag().isoformat()
        waarden[SLEUTELVELD] = secrets.token_urlsafe(16)
        return toon(request, "nieuw.html", _context(waarden, {}, None))
    form = await formulier(request)
    waarden = {naam: veld(form, naam).strip() for naam in ("klachtnummer", *VELDEN, *DOELEN)}
    # a form without a key (an old page) gets one now: it can no longer be recognised when sent twice
    waarden[SLEUTELVELD] = veld(form, SLEUTELVELD)[:64] or secrets.token_urlsafe(16)
    # browsers send a textarea with CRLF line ends
    waarden["tekst"] = veld(form, "tekst").replace("\r\n", "\n").strip()
    return await run_in_threadpool(_verwerk, request, waarden, veld(form, "actie"))


def _context(waarden: dict, fouten: dict, voorstel) -> dict:
    weergave, tekst_html = voorstel if voorstel else (None, None)
    return {"waarden": waarden, "fouten": fouten, "weergave": weergave, "tekst_html": tekst_html,
            "gemeenten": voc.GEMEENTEN.waarden, "kanalen": voc.KANALEN.waarden,
            "vocabulaires": voc.LABELS, "actief": "nieuw"}


def _verwerk(request: Request, waarden: dict, actie: str) -> Response:
    with open_register(request) as register:
        model = model_voor_register(request, register)
    fouten = {}
    voorstel = None
    if not waarden["tekst"]:
        fouten["tekst"] = "vul de tekst van de klacht in"
    else:
        [suggesties] = model.suggereer([waarden["tekst"]])
        voorstel = (suggestie.per_doel(model, suggesties), suggestie.gemarkeerd(model, waarden["tekst"], suggesties))
        for doel in DOELEN:  # a label not chosen yet starts at the first suggestion
            waarden[doel] = waarden[doel] or suggesties[doel].labels[0]
    if actie != "opslaan":
        return toon(request, "nieuw.html", _context(waarden, fouten, voorstel), status=400 if fouten else 200)
    klacht, labels = _controleer(request, waarden, fouten)
    if fouten:
        return toon(request, "nieuw.html", _context(waarden, fouten, voorstel), status=400)
    inst = instellingen(request)
    # keep the suggestion shown beside the decision, for the live accuracy
    [getoond] = suggestie_items(model, pd.DataFrame({"klachtnummer": [""], "tekst": [waarden["tekst"]]}))
    try:
        with inst.schrijfslot, open_register(request) as register:
            if eerder := register.klacht_bij_formulier(waarden[SLEUTELVELD]):
                meld(request, f"Dit formulier was al verstuurd en is toen opgeslagen als klacht {eerder}; "
                              "er is niets dubbel opgeslagen.")
                return naar(klachtlink(eerder))
            nummer = register.registreer_nieuwe_klacht(
                {**klacht, "tekst": waarden["tekst"]}, labels, door=gebruiker(request),
                bron=f"{BRON} nieuwe klacht", suggestie=getoond, model_versie=model.versie,
                formuliersleutel=waarden[SLEUTELVELD])
    except RegisterError as fout:
        fouten["klachtnummer"] = str(fout)
        return toon(request, "nieuw.html", _context(waarden, fouten, voorstel), status=400)
    meld(request, f"Klacht {nummer} is opgeslagen met bevestigde labels: {labels['categorie']}, "
                  f"{labels['programmaonderdeel']}.")
    return naar(klachtlink(nummer))


def _controleer(request: Request, waarden: dict, fouten: dict) -> tuple[dict, dict]:
    """The register fields and labels of the form, read by the register's rules (as an import
    and the CLI are); a Dutch message per wrong field in `fouten`. An empty klachtnummer stays
    empty: the register gives the next one."""
    velden = (*VELDEN, "klachtnummer") if waarden["klachtnummer"] else VELDEN
    klacht, veldfouten = lees_velden({naam: waarden[naam] for naam in velden},
                                     vandaag=instellingen(request).vandaag())
    fouten.update(veldfouten)
    labels = {}
    for doel in DOELEN:
        try:
            labels[doel] = voc.LABELS[doel].normaliseer(waarden[doel])
        except VocabulaireError as fout:
            fouten[doel] = str(fout) if waarden[doel] else f"kies een {doel}"
    return klacht, labels
