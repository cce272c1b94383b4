"""Page 3, Register: search and filter, a complaint with its audit trail, the termijnbewaking."""

from __future__ import annotations

from datetime import date

import pandas as pd
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.register import (
    FILTERS,
    FILTERVOCABULAIRES,
    HERKOMST,
    STATUSSEN,
    VELDNAMEN,
    bewaak,
    controleer_filters,
    splits_bevestigd,
    uiterste_datum,
    zoek,
)
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import instellingen, open_register, toon, veld

#: How many complaints the result list shows at most.
MAX_RIJEN = 200


async def zoeken(request: Request) -> Response:
    keuzes = dict.fromkeys(FILTERS, "")
    if request.method == "POST":  # a search term can be complaint text: never in the URL
        form = await formulier(request)
        keuzes = {naam: veld(form, naam).strip() for naam in FILTERS}
    return await run_in_threadpool(_zoeken, request, keuzes)


def _zoeken(request: Request, keuzes: dict[str, str]) -> Response:
    with open_register(request) as register:
        klachten = register.klachten()
    fouten = controleer_filters(keuzes)
    gevonden = klachten if fouten else zoek(klachten, keuzes)
    gevonden = gevonden.sort_values(["ontvangstdatum", "klachtnummer"], ascending=False)
    bewaking = bewaak(klachten, peildatum=instellingen(request).vandaag())
    jaren = sorted(set(klachten["ontvangstdatum"].dt.year.dropna().astype(int)), reverse=True)
    context = {
        "keuzes": keuzes, "fouten": fouten, "rijen": _rijen(gevonden.head(MAX_RIJEN)),
        "aantal": len(gevonden), "totaal": len(klachten), "max_rijen": MAX_RIJEN, "jaren": jaren,
        "vocabulaires": FILTERVOCABULAIRES, "statussen": STATUSSEN, "bewaking": bewaking,
        "actief": "register",
    }
    return toon(request, "register.html", context, status=400 if fouten else 200)


def _rijen(klachten: pd.DataFrame) -> list[dict]:
    bevestigd = set(splits_bevestigd(klachten)[0]["klachtnummer"])
    return [
        {
            "klachtnummer": k.klachtnummer,
            "ontvangstdatum": k.ontvangstdatum.date().isoformat(),
            "gemeente": k.gemeente,
            "programmaonderdeel": _tekst(k.programmaonderdeel),
            "categorie": _tekst(k.categorie),
            "labels": "bevestigd" if k.klachtnummer in bevestigd else "te beoordelen",
            "afgehandeld": "open" if pd.isna(k.afhandeldatum) else k.afhandeldatum.date().isoformat(),
            "resultaat": _tekst(k.resultaat),
            "begin": _begin(k.tekst),
        }
        for k in klachten.itertuples()
    ]


def _tekst(waarde) -> str:
    return waarde if isinstance(waarde, str) else ""


def _begin(tekst: str, lengte: int = 90) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


#: The choices of the handling forms on the complaint page.
KEUZES = {"gemeente": voc.GEMEENTEN.waarden, "kanaal": voc.KANALEN.waarden,
          "procedure": voc.PROCEDURES.waarden, "resultaat": voc.RESULTATEN.waarden}


async def klacht(request: Request) -> Response:
    return await run_in_threadpool(toon_klacht, request, request.path_params["nummer"])


def toon_klacht(request: Request, nummer: str, *, formulier: dict | None = None, status: int = 200) -> Response:
    """The complaint page; `formulier` is a refused handling form (actie, waarden, fouten, melding)."""
    with open_register(request) as register:
        rij = register.rij(nummer)
        if rij is None:
            raise HTTPException(status_code=404, detail=f"Klacht {nummer} staat niet in het register.")
        audit = register.audit(nummer)
        klachten = register.klachten()
    ontvangen = date.fromisoformat(rij["ontvangstdatum"])
    vandaag = instellingen(request).vandaag()
    bewaking = bewaak(klachten[klachten["klachtnummer"] == rij["klachtnummer"]], peildatum=vandaag)
    termijn = uiterste_datum(ontvangen, verlenging=bool(rij["verlenging"]),
                             opschorting_dagen=int(rij["opschorting_dagen"] or 0))
    context = {
        "nummer": nummer,
        "velden": [(naam.replace("_", " "), _waarde(naam, rij[naam])) for naam in VELDNAMEN if naam != "tekst"],
        "herkomst": [(naam.replace("_", " "), _waarde(naam, rij[naam])) for naam in HERKOMST],
        "tekst": rij["tekst"] or "",
        "uiterste_datum": termijn,
        "open": bewaking.klachten[0] if bewaking.klachten else None,
        "dagen_na_termijn": (date.fromisoformat(rij["afhandeldatum"]) - termijn).days if rij["afhandeldatum"] else None,
        "audit": audit.fillna("").to_dict("records"),
        "actief": "register",
        "rij": {naam: "" if rij[naam] is None else str(rij[naam]) for naam in VELDNAMEN},
        "formulier": formulier or {"actie": None, "waarden": {}, "fouten": {}, "melding": None},
        "keuzes": KEUZES, "vandaag": vandaag.isoformat(),
    }
    return toon(request, "klacht.html", context, status=status)


def _waarde(naam: str, waarde) -> str:
    if waarde is None:
        return ""
    if naam in ("verlenging", "labels_bevestigd"):
        return "ja" if waarde == 1 else "nee"
    return str(waarde)


async def termijnen(request: Request) -> Response:
    return await run_in_threadpool(_termijnen, request)


def _termijnen(request: Request) -> Response:
    with open_register(request) as register:
        klachten = register.klachten()
    bewaking = bewaak(klachten, peildatum=instellingen(request).vandaag())
    return toon(request, "termijnen.html", {"bewaking": bewaking, "actief": "termijnen"})
