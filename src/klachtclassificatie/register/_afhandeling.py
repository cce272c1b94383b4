"""The life of a complaint after receipt: changing fields, extending, suspending and closing it.

One place for every entry route (import, CLI, web): each action checks its values by the rules
in `_regels` and `_klacht`, and changes the register in one audited transaction, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register._database import Register
from klachtclassificatie.register._klacht import _controleer_samenhang, lees_velden
from klachtclassificatie.register._regels import MAX_OPSCHORTING_DAGEN, lees_dagen
from klachtclassificatie.register._termijn import uiterste_datum

#: Fields `wijzig` may change. Labels go through confirmation, extension and suspension through
#: their own actions, the number never changes.
WIJZIGBAAR = ("ontvangstdatum", "gemeente", "kanaal", "klantnummer", "tekst", "procedure",
              "behandelaar", "afhandeldatum", "resultaat", "samenvatting")


class WijzigingGeweigerd(RegisterError):
    """An action refused for wrong values; `velden` holds per field its Dutch message, for a form."""

    def __init__(self, melding: str, velden: dict[str, str]):
        super().__init__(melding)
        self.velden = velden


def _weiger(nummer: str, actie: str, velden: dict[str, str]) -> WijzigingGeweigerd:
    uitleg = "; ".join(melding if melding.startswith(veld) else f"{veld}: {melding}"
                       for veld, melding in velden.items())
    return WijzigingGeweigerd(f"klacht {nummer} niet {actie}: {uitleg}", velden)


@dataclass(frozen=True)
class Afhandelstand:
    """A complaint after an action: what changed and where its legal term now ends."""

    klachtnummer: str
    wijzigingen: dict[str, tuple]
    uiterste_datum: date
    afhandeldatum: str | None
    resultaat: str | None


def _stand(rij: dict, wijzigingen: dict) -> Afhandelstand:
    termijn = uiterste_datum(date.fromisoformat(rij["ontvangstdatum"]), verlenging=bool(rij["verlenging"]),
                             opschorting_dagen=rij["opschorting_dagen"] or 0)
    return Afhandelstand(rij["klachtnummer"], wijzigingen, termijn, rij["afhandeldatum"], rij["resultaat"])


def _controleer(actie: str, oud: dict, cellen: dict[str, str], vandaag: date | None) -> dict:
    """The typed fields in canonical form, checked alone and together with the rest of the complaint."""
    nieuw, fouten = lees_velden(cellen, vandaag=vandaag)
    if not fouten:
        samen = {**oud, **nieuw}
        fouten = dict(_controleer_samenhang(samen, set(samen)))
    if fouten:
        raise _weiger(oud["klachtnummer"], actie, fouten)
    return nieuw


def wijzig(register: Register, nummer: str, velden: dict[str, str], *, door: str, bron: str,
           vandaag: date | None = None) -> Afhandelstand:
    """Change fields of a complaint, given as typed text ("" empties a field); audited, all or nothing.

    Also corrects a closed complaint. Raises WijzigingGeweigerd naming each wrong field; `vandaag`
    (default: today) is the latest date accepted.
    """
    return _wijzig(register, nummer, velden, door=door, bron=bron, vandaag=vandaag, actie="gewijzigd")


def _wijzig(register: Register, nummer: str, velden: dict[str, str], *, door: str, bron: str,
            vandaag: date | None, actie: str) -> Afhandelstand:
    onbekend = sorted(set(velden) - set(WIJZIGBAAR))
    if onbekend:
        raise RegisterError(f"veld {', '.join(onbekend)} kan zo niet worden gewijzigd; wel: {', '.join(WIJZIGBAAR)}")
    if not velden:
        raise RegisterError(f"geen veld om te wijzigen bij klacht {nummer}; noem er een, zoals behandelaar")
    rij, wijzigingen = register.werk_klacht_bij(
        nummer, lambda oud: _controleer(actie, oud, velden, vandaag), door=door, bron=bron)
    return _stand(rij, wijzigingen)


def handel_af(register: Register, nummer: str, *, afhandeldatum: str, resultaat: str, samenvatting: str,
              procedure: str | None = None, behandelaar: str | None = None, door: str, bron: str,
              vandaag: date | None = None) -> Afhandelstand:
    """Close a complaint: date, resultaat and a summary of the findings, optionally procedure and
    behandelaar. Closing it again corrects it; both are audited. Raises WijzigingGeweigerd."""
    velden = {"afhandeldatum": afhandeldatum, "resultaat": resultaat, "samenvatting": samenvatting}
    ontbreekt = {"afhandeldatum": "afhandeldatum is verplicht", "resultaat": "resultaat is verplicht",
                 "samenvatting": "samenvatting van de bevindingen ontbreekt"}
    leeg = {veld: melding for veld, melding in ontbreekt.items() if not velden[veld].strip()}
    if leeg:
        raise _weiger(nummer, "afgehandeld", leeg)
    velden.update({k: v for k, v in (("procedure", procedure), ("behandelaar", behandelaar)) if v is not None})
    return _wijzig(register, nummer, velden, door=door, bron=bron, vandaag=vandaag, actie="afgehandeld")


def verleng(register: Register, nummer: str, *, door: str, bron: str) -> Afhandelstand:
    """Extend the term of a complaint by four weeks (Awb 9:11); only once."""
    def zet(oud: dict) -> dict:
        if oud["verlenging"]:
            raise WijzigingGeweigerd(
                f"klacht {oud['klachtnummer']} is al verlengd; een klacht kan maar één keer worden verlengd "
                "(verder uitstel: opschorten met toestemming van de klager)",
                {"verlenging": "deze klacht is al verlengd; een klacht kan maar één keer worden verlengd"})
        return {"verlenging": 1}

    return _stand(*register.werk_klacht_bij(nummer, zet, door=door, bron=bron))


def schort_op(register: Register, nummer: str, dagen: int | str, *, toestemming: bool, door: str,
              bron: str, eerder: int | None = None) -> Afhandelstand:
    """Suspend the term by `dagen` more days with the complainant's consent, noted in the audit log.

    The total stays within MAX_OPSCHORTING_DAGEN. With `eerder`, the days suspended as the person
    saw them: when they differ now (a form sent twice, or someone else suspended meanwhile)
    nothing changes. Raises WijzigingGeweigerd.
    """
    if not toestemming:
        raise _weiger(nummer, "opgeschort", {"toestemming": "opschorten mag alleen met toestemming van de "
                                                            "klager; leg die vast en geef dat aan"})
    try:
        extra = lees_dagen(str(dagen))
    except ValueError as fout:
        raise _weiger(nummer, "opgeschort", {"dagen": str(fout)}) from None
    if extra < 1:
        raise _weiger(nummer, "opgeschort", {"dagen": "geef ten minste 1 dag"})

    def zet(oud: dict) -> dict:
        nu = oud["opschorting_dagen"] or 0
        if eerder is not None and nu != eerder:
            raise _weiger(oud["klachtnummer"], "opgeschort", {"dagen": (
                f"de opschorting is intussen gewijzigd van {eerder} naar {nu} dagen (dubbel verstuurd of door "
                "iemand anders); bekijk de klacht opnieuw")})
        totaal = nu + extra
        if totaal > MAX_OPSCHORTING_DAGEN:
            raise _weiger(oud["klachtnummer"], "opgeschort", {"dagen": (
                f"samen met de {nu} dagen eerder wordt het {totaal} dagen, meer dan het maximum van "
                f"{MAX_OPSCHORTING_DAGEN}")})
        return {"opschorting_dagen": totaal}

    bron = f"{bron} (met toestemming van de klager)"
    return _stand(*register.werk_klacht_bij(nummer, zet, door=door, bron=bron))
