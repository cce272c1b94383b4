"""Page 5, Model: what the model's suggestions mean for the coordinator, in plain Dutch, with the
measured figures from its card and how often it agreed with the coordinator in this register."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie.classificatie import live_nauwkeurigheid
from klachtclassificatie.web.pagina import instellingen, open_register, toon

#: The learning methods of the card, named for a reader who is no data scientist.
METHODEN = {"logreg": "logistische regressie", "svm": "lineaire scheidingsvlakken (SVM)"}


async def model(request: Request) -> Response:
    return await run_in_threadpool(_model, request)


def _model(request: Request) -> Response:
    kaart = instellingen(request).model.kaart
    with open_register(request) as register:
        live = live_nauwkeurigheid(register)
    doelen = kaart.get("doelen", {})
    testsplit = kaart.get("testsplit") or {}
    betrouwbaarheid = next((d.get("conformeel", {}).get("gemeten", {}).get("betrouwbaarheid")
                            for d in doelen.values()), None)
    context = {
        "kaart": kaart, "datum": str(kaart.get("datum", ""))[:10] or "onbekende datum",
        "n_training": (kaart.get("trainingsdata") or {}).get("n"),
        "betrouwbaarheid": betrouwbaarheid,
        "scores": [_scores(doel, info.get("kruisvalidatie", {}), info) for doel, info in doelen.items()],
        "testscores": [_scores(doel, s) for doel, s in testsplit.items()],
        "n_test": next((s.get("n") for s in testsplit.values()), None),
        "kalibratie": kaart.get("kalibratie"), "techniek": _techniek(kaart), "live": live, "actief": "model",
    }
    return toon(request, "model.html", context)


def _scores(doel: str, meting: dict, info: dict | None = None) -> dict:
    """One target's measured figures as the page shows them (percentages as 0..1, or None)."""
    info = info or {}
    gemeten = info.get("conformeel", {}).get("gemeten", {})
    trefwoorden = meting.get("basislijnen", {}).get("trefwoorden", {})
    return {
        "doel": doel,
        "juist": meting.get("accuracy"),
        "zeker": meting.get("dekking"),
        "zeker_juist": meting.get("accuracy_zeker"),
        "set_juist": meting.get("set_dekking", gemeten.get("set_dekking")),
        "set_grootte": _komma(meting.get("set_grootte", gemeten.get("set_grootte"))),
        "afwijking": meting.get("kalibratiefout"),
        "trefwoorden": trefwoorden.get("accuracy"),
        "drempel": info.get("drempel", {}).get("drempel"),
    }


def _komma(getal: float | None) -> str:
    return "—" if getal is None else f"{getal:.1f}".replace(".", ",")


def _techniek(kaart: dict) -> list[tuple[str, str]]:
    """The card's technical facts for whoever maintains the model, as label and value."""
    data = kaart.get("trainingsdata") or {}
    regels = [("Naam en versie", f"{kaart.get('model', 'klachtmodel')} {kaart.get('versie', 'onbekend')}"),
              ("Getraind op", str(kaart.get("datum", "onbekend"))),
              ("Trainingsbestanden", ", ".join(data.get("bestanden", [])) or "onbekend"),
              ("Controlegetal van de trainingsdata (SHA-256)", str(data.get("sha256", "onbekend"))),
              ("Persoonsgegevens", str(data.get("persoonsgegevens", "onbekend")))]
    for doel, info in kaart.get("doelen", {}).items():
        keuze = info.get("hyperparameters", {})
        methode = METHODEN.get(keuze.get("classificator"), str(keuze.get("classificator", "onbekend")))
        regel = f" ({keuze['regel']})" if keuze.get("regel") else ""
        regels.append((f"Methode {doel}", f"{methode}, C={keuze.get('C')}{regel}"))
    regels.append(("Bibliotheken", ", ".join(f"{naam} {versie}"
                                            for naam, versie in (kaart.get("bibliotheken") or {}).items())))
    return regels
