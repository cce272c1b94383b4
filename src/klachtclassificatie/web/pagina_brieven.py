"""The letters of a complaint as downloads: the acknowledgement of receipt and the afhandeling (DOCX)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie.brieven import (
    AFHANDELING,
    MEDIATYPE,
    ONTVANGSTBEVESTIGING,
    SOORTEN,
    bestandsnaam,
    is_afgehandeld,
    maak_brief,
)
from klachtclassificatie.web.pagina import instellingen, open_register

TITELS = {ONTVANGSTBEVESTIGING: "Ontvangstbevestiging (Awb 9:6)",
          AFHANDELING: "Brief met de afhandeling (Awb 9:12)"}


def brieflink(nummer: str, soort: str) -> str:
    return f"/register/brief/{soort}/{quote(str(nummer), safe='')}"


def brieven(rij: dict) -> dict:
    """The Brieven block of a complaint page: its links, the afhandeling only for a closed complaint."""
    afgehandeld = is_afgehandeld(rij)
    soorten = SOORTEN if afgehandeld else (ONTVANGSTBEVESTIGING,)
    return {"afgehandeld": afgehandeld,
            "links": [{"titel": TITELS[soort], "url": brieflink(rij["klachtnummer"], soort),
                       "bestand": bestandsnaam(rij["klachtnummer"], soort)} for soort in soorten]}


async def download(request: Request) -> Response:
    soort = request.path_params["soort"]
    if soort not in SOORTEN:
        raise HTTPException(status_code=404, detail=f"Onbekende brief '{soort}'; kies uit {', '.join(SOORTEN)}.")
    return await run_in_threadpool(_download, request, soort, request.path_params["nummer"])


def _download(request: Request, soort: str, nummer: str) -> Response:
    inst = instellingen(request)
    with open_register(request) as register:
        rij = register.rij(nummer)
        if rij is None:
            raise HTTPException(status_code=404, detail=f"Klacht {nummer} staat niet in het register.")
        inhoud = maak_brief(register, nummer, soort, sjablonen=inst.briefsjablonen, vandaag=inst.vandaag())
    naam = bestandsnaam(rij["klachtnummer"], soort)  # letters, digits, - and _ only: safe in the header
    return Response(inhoud, media_type=MEDIATYPE,
                    headers={"content-disposition": f'attachment; filename="{naam}"', "cache-control": "no-store"})
