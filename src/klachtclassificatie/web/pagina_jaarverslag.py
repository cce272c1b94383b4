"""Page 4, Jaarverslag: the annual tables with charts for a chosen year, and the downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie import jaarverslag as weergave
from klachtclassificatie.jaarverslag import Jaarverslag, maak_jaarverslag
from klachtclassificatie.web.pagina import instellingen, naar, open_register, toon

#: Download formats: file extension and media type.
DOWNLOADS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
JAREN = range(1990, 2100)


async def kies_jaar(request: Request) -> Response:
    """Without a year: the last full year, as `klachten jaarverslag` does."""
    return naar(f"/jaarverslag/{instellingen(request).vandaag().year - 1}")


def _verslag(request: Request, jaar: int) -> tuple[Jaarverslag, list[int]]:
    if jaar not in JAREN:
        raise HTTPException(status_code=404, detail=f"Geen jaarverslag voor het jaar {jaar}.")
    with open_register(request) as register:
        klachten = register.klachten()
    jaren = set(klachten["ontvangstdatum"].dt.year.dropna().astype(int))
    jaren |= set(klachten["afhandeldatum"].dt.year.dropna().astype(int)) | {jaar}
    return maak_jaarverslag(klachten, jaar), sorted(jaren)


async def jaarverslag(request: Request) -> Response:
    return await run_in_threadpool(_jaarverslag, request, request.path_params["jaar"])


def _jaarverslag(request: Request, jaar: int) -> Response:
    verslag, jaren = _verslag(request, jaar)
    tabellen = []
    with instellingen(request).grafiekslot:
        for nummer, (titel, frame) in enumerate(weergave.tabellen(verslag).items(), start=1):
            # the SVG is made by matplotlib from the fixed labels and numbers of the table
            svg = weergave.staafdiagram_svg(titel, frame, sleutel=f"grafiek-{nummer}")
            tabellen.append({"titel": titel, "frame": frame, "grafiek": Markup(svg)})
    context = {"jaar": jaar, "jaren": jaren, "tabellen": tabellen, "lijsten": weergave.lijsten(verslag),
               "uitgesloten": verslag.uitgesloten, "downloads": DOWNLOADS, "actief": "jaarverslag"}
    return toon(request, "jaarverslag.html", context)


async def download(request: Request) -> Response:
    formaat = request.path_params["formaat"]
    if formaat not in DOWNLOADS:
        raise HTTPException(status_code=404, detail=f"Onbekend formaat '{formaat}'; kies uit {', '.join(DOWNLOADS)}.")
    return await run_in_threadpool(_download, request, request.path_params["jaar"], formaat)


def _download(request: Request, jaar: int, formaat: str) -> Response:
    verslag, _ = _verslag(request, jaar)
    naam = f"jaarverslag-klachten-{jaar}.{formaat}"
    if formaat == "xlsx":
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / naam
            weergave.schrijf_xlsx(verslag, pad)
            inhoud = pad.read_bytes()
    elif formaat == "md":
        inhoud = weergave.als_markdown(verslag).encode("utf-8")
    else:
        with instellingen(request).grafiekslot:
            inhoud = weergave.als_html(verslag).encode("utf-8")
    return Response(inhoud, media_type=DOWNLOADS[formaat],
                    headers={"content-disposition": f'attachment; filename="{naam}"'})
