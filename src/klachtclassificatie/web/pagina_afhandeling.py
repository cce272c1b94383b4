"""The handling forms on the complaint page: change fields, extend, suspend and close a complaint.

Every action goes through the register library (`register.wijzig`, `verleng`, `schort_op`,
`handel_af`), so the web refuses what the CLI and an import refuse, with the same messages.
After a change the browser is sent back to the complaint page (Post/Redirect/Get) with a message;
a refused form is shown again with a message at each wrong field, and nothing is changed.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from klachtclassificatie.register import WijzigingGeweigerd, handel_af, schort_op, verleng, wijzig
from klachtclassificatie.web.beveiliging import formulier
from klachtclassificatie.web.pagina import (
    BRON,
    gebruiker,
    instellingen,
    klachtlink,
    meld,
    naar,
    open_register,
    veld,
)
from klachtclassificatie.web.pagina_register import toon_klacht

#: Fields of the form "Gegevens wijzigen".
WIJZIG_VELDEN = ("ontvangstdatum", "gemeente", "kanaal", "klantnummer", "procedure", "behandelaar")
#: Fields of the form "Afhandelen"; the first three are required.
AFHANDEL_VELDEN = ("afhandeldatum", "resultaat", "samenvatting", "procedure", "behandelaar")
ACTIES = ("afhandelen", "wijzigen", "verlengen", "opschorten")


async def verwerk(request: Request) -> Response:
    """POST on the complaint page: one of ACTIES, named by the form's `actie` field."""
    form = await formulier(request)
    actie = veld(form, "actie")
    if actie not in ACTIES:
        raise HTTPException(status_code=400, detail="Onbekende actie voor deze klacht; er is niets gewijzigd.")
    # browsers send a textarea with CRLF line ends
    waarden = {naam: veld(form, naam).replace("\r\n", "\n").strip()
               for naam in (*WIJZIG_VELDEN, *AFHANDEL_VELDEN, "dagen")}
    # the values the page showed: only what the person changed is sent, so a change made by
    # someone else meanwhile in another field is not undone
    getoond = {naam: veld(form, f"getoond_{naam}") for naam in (*WIJZIG_VELDEN, "opschorting_dagen")}
    waarden["toestemming"] = "ja" if veld(form, "toestemming") == "ja" else ""
    return await run_in_threadpool(_verwerk, request, request.path_params["nummer"], actie, waarden, getoond)


def _gewijzigd(waarden: dict, getoond: dict, namen: tuple[str, ...]) -> dict[str, str]:
    return {naam: waarden[naam] for naam in namen if waarden[naam] != getoond[naam].strip()}


def _verwerk(request: Request, nummer: str, actie: str, waarden: dict, getoond: dict) -> Response:
    inst = instellingen(request)
    wie, bron = gebruiker(request), f"{BRON} {actie}"
    try:
        with inst.schrijfslot, open_register(request) as register:
            if actie == "afhandelen":
                anders = _gewijzigd(waarden, getoond, ("procedure", "behandelaar"))
                stand = handel_af(register, nummer, afhandeldatum=waarden["afhandeldatum"],
                                  resultaat=waarden["resultaat"], samenvatting=waarden["samenvatting"],
                                  procedure=anders.get("procedure"), behandelaar=anders.get("behandelaar"),
                                  door=wie, bron=bron, vandaag=inst.vandaag())
                tekst = f"Klacht {stand.klachtnummer} is afgehandeld op {stand.afhandeldatum}: {stand.resultaat}."
            elif actie == "wijzigen":
                velden = _gewijzigd(waarden, getoond, WIJZIG_VELDEN)
                if not velden:
                    meld(request, f"Er is niets gewijzigd aan klacht {nummer}: elk veld had al deze waarde.")
                    return naar(klachtlink(nummer))
                stand = wijzig(register, nummer, velden, door=wie, bron=bron, vandaag=inst.vandaag())
                tekst = (f"Klacht {stand.klachtnummer} is gewijzigd: {', '.join(stand.wijzigingen)}."
                         if stand.wijzigingen else f"Er is niets gewijzigd aan klacht {stand.klachtnummer}.")
            elif actie == "verlengen":
                stand = verleng(register, nummer, door=wie, bron=bron)
                tekst = (f"Klacht {stand.klachtnummer} is met vier weken verlengd; de uiterste datum is nu "
                         f"{stand.uiterste_datum.isoformat()}.")
            else:
                eerder = getoond["opschorting_dagen"]
                stand = schort_op(register, nummer, waarden["dagen"], toestemming=bool(waarden["toestemming"]),
                                  door=wie, bron=bron, eerder=int(eerder) if eerder.isdigit() else None)
                tekst = (f"Klacht {stand.klachtnummer} is {waarden['dagen']} dagen opgeschort met toestemming van "
                         f"de klager; de uiterste datum is nu {stand.uiterste_datum.isoformat()}.")
    except WijzigingGeweigerd as fout:
        geweigerd = {"actie": actie, "waarden": waarden, "fouten": fout.velden,
                     "melding": f"Niet opgeslagen: {fout}."}
        return toon_klacht(request, nummer, formulier=geweigerd, status=400)
    meld(request, tekst)
    return naar(klachtlink(stand.klachtnummer))
