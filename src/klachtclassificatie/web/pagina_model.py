"""Page 5, Model: the model card, its evaluation scores and the live accuracy in this register."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie.classificatie import als_markdown, live_nauwkeurigheid
from klachtclassificatie.web.pagina import instellingen, open_register, toon


async def model(request: Request) -> Response:
    return await run_in_threadpool(_model, request)


def _model(request: Request) -> Response:
    kaart = instellingen(request).model.kaart
    with open_register(request) as register:
        live = live_nauwkeurigheid(register)
    context = {"kaart": kaart, "kaart_markdown": als_markdown(kaart), "doelen": kaart.get("doelen", {}),
               "testsplit": kaart.get("testsplit") or {}, "live": live, "actief": "model"}
    return toon(request, "model.html", context)
