"""What the placeholders of a letter stand for, and their values for one complaint."""

from __future__ import annotations

from datetime import date

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register import uiterste_datum

ONTVANGSTBEVESTIGING = "ontvangstbevestiging"
AFHANDELING = "afhandeling"
#: The kinds of letter, each with its template file `<soort>.docx`.
SOORTEN = (ONTVANGSTBEVESTIGING, AFHANDELING)

#: A field the organisation fills in by hand; in the templates such fields stand between square
#: brackets on a yellow background.
ZONDER_BEHANDELAAR = "[naam behandelaar]"
ZONDER_BEVINDINGEN = "[bevindingen: in het register staat geen samenvatting; beschrijf hier wat is onderzocht]"

_GEMEENSCHAPPELIJK = {
    "klachtnummer": "het klachtnummer, zoals K2026-901",
    "datum": "de datum van de brief: de dag waarop hij wordt gemaakt, zoals 4 december 2026",
    "ontvangstdatum": "de datum waarop de klacht is ontvangen",
    "uiterste_datum": "de laatste dag van de wettelijke termijn: zes weken na ontvangst, vier weken "
                      "langer bij verlenging, plus de dagen van opschorting",
    "behandelaar": f"de behandelaar uit het register; zonder behandelaar het in te vullen veld {ZONDER_BEHANDELAAR}",
    "gemeente": "de gemeente waar de klacht over gaat",
}
#: Per kind of letter: the placeholders its template may hold, with what each stands for.
PLAATSHOUDERS: dict[str, dict[str, str]] = {
    ONTVANGSTBEVESTIGING: dict(_GEMEENSCHAPPELIJK),
    AFHANDELING: {
        **_GEMEENSCHAPPELIJK,
        "afhandeldatum": "de datum waarop de klacht is afgehandeld",
        "resultaat": "het resultaat in één woord of woordgroep, zoals gegrond of gedeeltelijk gegrond",
        "oordeel": "het oordeel als zin, passend bij het resultaat",
        "bevindingen": "de samenvatting van de bevindingen uit het register",
    },
}

_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december")

#: The oordeel in words, per resultaat: what the complainant reads.
OORDELEN = {
    voc.GEGROND: "Wij vinden uw klacht gegrond. U heeft gelijk: wij hebben ons niet gedragen zoals u "
                 "dat van ons mag verwachten.",
    voc.GEDEELTELIJK_GEGROND: "Wij vinden uw klacht gedeeltelijk gegrond. Op een deel van de punten "
                              "geven wij u gelijk, op een ander deel niet. Hierboven leest u welke punten "
                              "dat zijn.",
    "ongegrond": "Wij vinden uw klacht ongegrond. Wij hebben ons in deze zaak gedragen zoals u dat van "
                 "ons mag verwachten.",
    "wederzijdse overeenstemming": "Wij hebben uw klacht in overleg met u opgelost. Daarom geven wij geen "
                                   "oordeel over de vraag of uw klacht gegrond is.",
    "ingetrokken": "U heeft uw klacht ingetrokken. Wij hebben de behandeling daarom beëindigd en geven "
                   "geen oordeel over uw klacht.",
    "niet ontvankelijk": "Wij behandelen uw klacht niet inhoudelijk. Hierboven leest u waarom. Wij geven "
                         "daarom geen oordeel over uw klacht.",
}


def datum_voluit(dag: date) -> str:
    """A date as a Dutch letter writes it: 4 december 2026."""
    return f"{dag.day} {_MAANDEN[dag.month - 1]} {dag.year}"


def waarden(rij: dict, soort: str, *, vandaag: date) -> dict[str, str]:
    """The value of every placeholder of a `soort` letter for the complaint `rij` (a register row).

    Raises RegisterError when an afhandeling letter is asked for an open complaint.
    """
    ontvangen = date.fromisoformat(rij["ontvangstdatum"])
    termijn = uiterste_datum(ontvangen, verlenging=bool(rij["verlenging"]),
                             opschorting_dagen=int(rij["opschorting_dagen"] or 0))
    uit = {
        "klachtnummer": rij["klachtnummer"],
        "datum": datum_voluit(vandaag),
        "ontvangstdatum": datum_voluit(ontvangen),
        "uiterste_datum": datum_voluit(termijn),
        "behandelaar": (rij["behandelaar"] or "").strip() or ZONDER_BEHANDELAAR,
        "gemeente": rij["gemeente"],
    }
    if soort == AFHANDELING:
        ontbreekt = [veld for veld in ("afhandeldatum", "resultaat") if not rij[veld]]
        if ontbreekt:
            raise RegisterError(
                f"klacht {rij['klachtnummer']} is nog niet afgehandeld ({' en '.join(ontbreekt)} "
                f"{'ontbreken' if len(ontbreekt) > 1 else 'ontbreekt'}); "
                "een brief met de afhandeling kan pas als afhandeldatum en resultaat in het register staan")
        uit.update(
            afhandeldatum=datum_voluit(date.fromisoformat(rij["afhandeldatum"])),
            resultaat=rij["resultaat"],
            oordeel=OORDELEN[rij["resultaat"]],
            bevindingen=(rij["samenvatting"] or "").strip() or ZONDER_BEVINDINGEN,
        )
    return uit
