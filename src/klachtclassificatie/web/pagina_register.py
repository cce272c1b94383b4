"""Page 3, Register: search and filter, a complaint with its audit trail, the termijnbewaking."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

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
    SORTEERKOLOMMEN,
    STATUSSEN,
    VELDNAMEN,
    bewaak,
    controleer_filters,
    exporteer,
    sorteer,
    splits_bevestigd,
    uiterste_datum,
    veldlabel,
    waardetekst,
    zoek,
)
from klachtclassificatie.web import pagina_brieven
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import instellingen, naar, open_register, toon, veld

#: How many complaints one page of the result list shows.
PER_PAGINA = 50
#: Export formats of the result list: media type.
EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STANDAARDSORTERING = ("ontvangstdatum", "af")


@dataclass
class Weergave:
    """What a GET of the result list asks for: whose search, which page, which order."""

    keuzes: dict[str, str]
    zoekopdracht: str
    pagina: int
    sorteer: str
    richting: str
    verlopen: bool = False

    def adres(self, pad: str = "/register", **anders) -> str:
        """The URL of this view with some parameters changed; defaults are left out."""
        waarden = {"zoekopdracht": self.zoekopdracht, "pagina": self.pagina, "sorteer": self.sorteer,
                   "richting": self.richting, **anders}
        if (waarden["sorteer"], waarden["richting"]) == STANDAARDSORTERING:
            del waarden["sorteer"], waarden["richting"]
        query = urlencode({k: v for k, v in waarden.items() if v not in ("", 1)})
        return pad + ("?" + query if query else "")


async def zoeken(request: Request) -> Response:
    if request.method == "POST":
        # a search term can be complaint text: never in the URL. The server keeps the criteria and
        # the browser goes to a GET page with an opaque id, so Back and reload work without posting.
        form = await formulier(request)
        keuzes = {naam: veld(form, naam).strip() for naam in FILTERS}
        sorteer, richting = _sortering(veld(form, "sorteer"), veld(form, "richting"))
        fouten = controleer_filters(keuzes)
        if fouten:
            weergave = Weergave(keuzes, "", 1, sorteer, richting)
            return await run_in_threadpool(_zoeken, request, weergave, fouten)
        sleutel = instellingen(request).zoekopdrachten.bewaar(request, keuzes)
        return naar(Weergave(keuzes, sleutel, 1, sorteer, richting).adres())
    return await run_in_threadpool(_zoeken, request, _weergave(request), {})


def _weergave(request: Request) -> Weergave:
    """The view a GET asks for; unknown values fall back to the defaults."""
    parameters = request.query_params
    sleutel = parameters.get("zoekopdracht", "")
    keuzes = instellingen(request).zoekopdrachten.haal(request, sleutel) if sleutel else None
    verlopen = bool(sleutel) and keuzes is None
    if keuzes is None:
        keuzes, sleutel = dict.fromkeys(FILTERS, ""), ""
    pagina = parameters.get("pagina", "1")
    sorteer, richting = _sortering(parameters.get("sorteer", ""), parameters.get("richting", ""))
    return Weergave(keuzes, sleutel, int(pagina) if pagina.isdigit() and int(pagina) > 0 else 1,
                    sorteer, richting, verlopen)


def _sortering(sorteer: str, richting: str) -> tuple[str, str]:
    if sorteer not in SORTEERKOLOMMEN:
        return STANDAARDSORTERING
    return sorteer, richting if richting in ("op", "af") else "op"


def _gevonden(klachten: pd.DataFrame, weergave: Weergave) -> pd.DataFrame:
    gevonden = zoek(klachten, weergave.keuzes)
    return sorteer(gevonden, weergave.sorteer, oplopend=weergave.richting == "op")


def _zoeken(request: Request, weergave: Weergave, fouten: dict[str, str]) -> Response:
    with open_register(request) as register:
        klachten = register.klachten()
    gevonden = sorteer(klachten) if fouten else _gevonden(klachten, weergave)
    paginas = max(1, -(-len(gevonden) // PER_PAGINA))
    weergave.pagina = min(weergave.pagina, paginas)
    begin = (weergave.pagina - 1) * PER_PAGINA
    bewaking = bewaak(klachten, peildatum=instellingen(request).vandaag())
    jaren = sorted(set(klachten["ontvangstdatum"].dt.year.dropna().astype(int)), reverse=True)
    kolommen = [{"naam": naam, "kop": kop,
                 "sortering": ({"op": "ascending", "af": "descending"}[weergave.richting]
                               if naam == weergave.sorteer else None),
                 "adres": weergave.adres(sorteer=naam, pagina=1, richting=(
                     ("af" if weergave.richting == "op" else "op") if naam == weergave.sorteer
                     else "af" if naam in ("ontvangstdatum", "afhandeldatum") else "op"))}
                for naam, kop in SORTEERKOLOMMEN.items()]
    context = {
        "keuzes": weergave.keuzes, "fouten": fouten, "weergave": weergave, "kolommen": kolommen,
        "rijen": _rijen(gevonden.iloc[begin : begin + PER_PAGINA]), "eerste": begin + 1,
        "aantal": len(gevonden), "totaal": len(klachten), "paginas": paginas,
        "paginalinks": [(n, weergave.adres(pagina=n)) for n in _paginanummers(weergave.pagina, paginas)],
        "vorige": weergave.adres(pagina=weergave.pagina - 1) if weergave.pagina > 1 else None,
        "volgende": weergave.adres(pagina=weergave.pagina + 1) if weergave.pagina < paginas else None,
        "exports": {formaat: weergave.adres(f"/register/export/{formaat}", pagina=1) for formaat in EXPORTS},
        "jaren": jaren, "vocabulaires": FILTERVOCABULAIRES, "statussen": STATUSSEN, "bewaking": bewaking,
        "actief": "register",
    }
    return toon(request, "register.html", context, status=400 if fouten else 200)


def _paginanummers(pagina: int, paginas: int) -> list[int | None]:
    """The page numbers to link: first, last and two around the current one; None for a gap."""
    nummers = sorted({1, paginas, *range(max(1, pagina - 2), min(paginas, pagina + 2) + 1)})
    uit: list[int | None] = []
    for n in nummers:
        if uit and n - uit[-1] > 1:
            uit.append(None)
        uit.append(n)
    return uit


async def export(request: Request) -> Response:
    """The result list as the register's export (CSV or XLSX), for the search in the URL."""
    formaat = request.path_params["formaat"]
    if formaat not in EXPORTS:
        raise HTTPException(status_code=404, detail=f"Onbekend formaat '{formaat}'; kies uit {', '.join(EXPORTS)}.")
    return await run_in_threadpool(_export, request, _weergave(request), formaat)


def _export(request: Request, weergave: Weergave, formaat: str) -> Response:
    if weergave.verlopen:
        raise HTTPException(status_code=404, detail="Deze zoekopdracht is niet meer bekend; zoek opnieuw en "
                                                    "exporteer dan.")
    with open_register(request) as register:
        gevonden = _gevonden(register.klachten(), weergave)
    naam = f"klachten-{instellingen(request).vandaag().isoformat()}.{formaat}"
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / naam
        exporteer(gevonden, pad)  # the register's own export: formulas protected, importeer reads it back
        inhoud = pad.read_bytes()
    return Response(inhoud, media_type=EXPORTS[formaat],
                    headers={"content-disposition": f'attachment; filename="{naam}"'})


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
        "velden": [(veldlabel(naam), waardetekst(naam, rij[naam])) for naam in VELDNAMEN if naam != "tekst"],
        "herkomst": [(veldlabel(naam), waardetekst(naam, rij[naam])) for naam in HERKOMST],
        "tekst": rij["tekst"] or "",
        "brieven": pagina_brieven.brieven(rij),
        "uiterste_datum": termijn,
        "open": bewaking.klachten[0] if bewaking.klachten else None,
        "dagen_na_termijn": (date.fromisoformat(rij["afhandeldatum"]) - termijn).days if rij["afhandeldatum"] else None,
        "audit": _auditregels(audit),
        "actief": "register",
        "rij": {naam: "" if rij[naam] is None else str(rij[naam]) for naam in VELDNAMEN},
        "formulier": formulier or {"actie": None, "waarden": {}, "fouten": {}, "melding": None},
        "keuzes": KEUZES, "vandaag": vandaag.isoformat(),
    }
    return toon(request, "klacht.html", context, status=status)


def _auditregels(audit: pd.DataFrame) -> list[dict]:
    """The audit trail as a person reads it: Dutch field labels, ja/nee instead of 1/0."""
    return [{**regel, "veld": veldlabel(regel["veld"]),
             "oude_waarde": waardetekst(regel["veld"], regel["oude_waarde"]),
             "nieuwe_waarde": waardetekst(regel["veld"], regel["nieuwe_waarde"]),
             "door": regel["door"] or "", "bron": regel["bron"] or ""}
            for regel in audit.astype(object).where(audit.notna(), None).to_dict("records")]


async def termijnen(request: Request) -> Response:
    return await run_in_threadpool(_termijnen, request)


def _termijnen(request: Request) -> Response:
    with open_register(request) as register:
        klachten = register.klachten()
    bewaking = bewaak(klachten, peildatum=instellingen(request).vandaag())
    return toon(request, "termijnen.html", {"bewaking": bewaking, "actief": "termijnen"})
