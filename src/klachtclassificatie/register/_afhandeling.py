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


def _controleer(nummer: str, oud: dict, cellen: dict[str, str], vandaag: date | None) -> dict:
    """The typed fields in canonical form, checked alone and together with the rest of the complaint."""
    nieuw, fouten = lees_velden(cellen, vandaag=vandaag)
    if not fouten:
        samen = {**oud, **nieuw}
        fouten = dict(_controleer_samenhang(samen, set(samen)))
    if fouten:
        uitleg = "; ".join(melding if melding.startswith(veld) else f"{veld}: {melding}"
                           for veld, melding in fouten.items())
        raise RegisterError(f"klacht {oud['klachtnummer']} niet gewijzigd: {uitleg}")
    return nieuw


def wijzig(register: Register, nummer: str, velden: dict[str, str], *, door: str, bron: str,
           vandaag: date | None = None) -> Afhandelstand:
    """Change fields of a complaint, given as typed text ("" empties a field); audited, all or nothing.

    Also corrects a closed complaint. Raises RegisterError naming each wrong field; `vandaag`
    (default: today) is the latest date accepted.
    """
    onbekend = sorted(set(velden) - set(WIJZIGBAAR))
    if onbekend:
        raise RegisterError(f"veld {', '.join(onbekend)} kan zo niet worden gewijzigd; wel: {', '.join(WIJZIGBAAR)}")
    if not velden:
        raise RegisterError(f"geen veld om te wijzigen bij klacht {nummer}; noem er een, zoals behandelaar")
    rij, wijzigingen = register.werk_klacht_bij(
        nummer, lambda oud: _controleer(nummer, oud, velden, vandaag), door=door, bron=bron)
    return _stand(rij, wijzigingen)


def handel_af(register: Register, nummer: str, *, afhandeldatum: str, resultaat: str, samenvatting: str,
              procedure: str | None = None, behandelaar: str | None = None, door: str, bron: str,
              vandaag: date | None = None) -> Afhandelstand:
    """Close a complaint: date, resultaat and a summary of the findings, optionally procedure and
    behandelaar. Closing it again corrects it; both are audited."""
    if not samenvatting.strip():
        raise RegisterError(f"klacht {nummer} niet afgehandeld: de samenvatting van de bevindingen ontbreekt")
    velden = {"afhandeldatum": afhandeldatum, "resultaat": resultaat, "samenvatting": samenvatting}
    if not afhandeldatum.strip() or not resultaat.strip():
        raise RegisterError(f"klacht {nummer} niet afgehandeld: afhandeldatum en resultaat zijn verplicht")
    velden.update({k: v for k, v in (("procedure", procedure), ("behandelaar", behandelaar)) if v is not None})
    return wijzig(register, nummer, velden, door=door, bron=bron, vandaag=vandaag)


def verleng(register: Register, nummer: str, *, door: str, bron: str) -> Afhandelstand:
    """Extend the term of a complaint by four weeks (Awb 9:11); only once."""
    def zet(oud: dict) -> dict:
        if oud["verlenging"]:
            raise RegisterError(f"klacht {oud['klachtnummer']} is al verlengd; een klacht kan maar één keer "
                                "worden verlengd (verder uitstel: opschorten met toestemming van de klager)")
        return {"verlenging": 1}

    return _stand(*register.werk_klacht_bij(nummer, zet, door=door, bron=bron))


def schort_op(register: Register, nummer: str, dagen: int | str, *, toestemming: bool, door: str,
              bron: str) -> Afhandelstand:
    """Suspend the term by `dagen` more days with the complainant's consent, noted in the audit log.

    The total stays within MAX_OPSCHORTING_DAGEN.
    """
    if not toestemming:
        raise RegisterError(f"klacht {nummer} niet opgeschort: opschorten mag alleen met toestemming van "
                            "de klager; leg die vast en geef dat aan")
    try:
        extra = lees_dagen(str(dagen))
    except ValueError as fout:
        raise RegisterError(f"klacht {nummer} niet opgeschort: {fout}") from None
    if extra < 1:
        raise RegisterError(f"klacht {nummer} niet opgeschort: geef ten minste 1 dag")

    def zet(oud: dict) -> dict:
        totaal = (oud["opschorting_dagen"] or 0) + extra
        if totaal > MAX_OPSCHORTING_DAGEN:
            raise RegisterError(
                f"klacht {oud['klachtnummer']} niet opgeschort: samen met de {oud['opschorting_dagen']} dagen "
                f"eerder wordt het {totaal} dagen, meer dan het maximum van {MAX_OPSCHORTING_DAGEN}")
        return {"opschorting_dagen": totaal}

    bron = f"{bron} (met toestemming van de klager)"
    return _stand(*register.werk_klacht_bij(nummer, zet, door=door, bron=bron))
