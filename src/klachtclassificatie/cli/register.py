"""Commands for the register: import, export and handling a complaint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    STANDAARD_MODEL,
    STANDAARD_REGISTER,
    ModelOptie,
    RegisterOptie,
    laad_model,
    meld_fouten,
    register_app,
)


@register_app.command("importeer")
def register_importeer(
    bestand: Annotated[Path, typer.Argument(help="CSV- of XLSX-bestand met klachten.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    door: Annotated[
        str | None,
        typer.Option(help="Naam voor het auditlog; standaard KLACHTEN_GEBRUIKER of de inlognaam."),
    ] = None,
) -> None:
    """Importeer klachten uit CSV (komma of puntkomma; UTF-8 of Windows-1252) of XLSX.

    Nieuwe klachtnummers worden toegevoegd, gewijzigde rijen bijgewerkt; elke wijziging komt in
    het auditlog. Een bestand met fouten wordt in zijn geheel geweigerd: het register blijft
    ongewijzigd. Een ingevulde beoordelingslijst (van `register exporteer --te-beoordelen`)
    bevestigt de ingevulde labels.

    Voorbeeld: `klachten register importeer klachten-2024.csv --register wil.sqlite`
    """
    from klachtclassificatie.beoordelen import importeer_beoordelingen, is_beoordelingslijst
    from klachtclassificatie.bestanden import lees_tabel
    from klachtclassificatie.register import Register, huidige_gebruiker, importeer

    nieuw_register = not register.exists()
    with meld_fouten():
        if bestand.is_file() and is_beoordelingslijst(lees_tabel(bestand).kolommen):
            with Register.open(register) as open_register:
                aantal, overgeslagen = importeer_beoordelingen(open_register, bestand,
                                                               door=door or huidige_gebruiker())
            _meld_nieuw_register(register, nieuw_register)
            typer.echo(f"{bestand}: {aantal} klachten bevestigd in {register}; "
                       "niet ingevulde rijen blijven onbevestigd.")
            if overgeslagen:
                typer.echo(f"Overgeslagen, want intussen al bevestigd (de labels blijven zoals ze zijn): "
                           f"{'; '.join(overgeslagen)}.")
            return
        resultaat = importeer(register, bestand, door=door or huidige_gebruiker())
    _meld_nieuw_register(register, nieuw_register)
    typer.echo(
        f"{bestand}: {len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd, "
        f"{len(resultaat.ongewijzigd)} ongewijzigd ({resultaat.auditregels} auditregels) "
        f"in {register}"
    )


def _meld_nieuw_register(register: Path, nieuw: bool) -> None:
    if nieuw and register.is_file():
        typer.echo(f"nieuw register aangemaakt: {register}")


def _één_teken(waarde: str) -> str:
    if waarde.lower() == "tab":
        return "\t"
    if len(waarde) != 1 or waarde in "\"\r\n" or waarde.isalnum():
        raise typer.BadParameter(f"'{waarde}' is geen bruikbaar scheidingsteken; geef één teken zoals ; of , "
                                 "(of 'tab')")
    return waarde


@register_app.command("exporteer")
def register_exporteer(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand: .csv of .xlsx.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    scheidingsteken: Annotated[
        str, typer.Option(help="Scheidingsteken voor CSV: één teken, of 'tab' (Excel in het Nederlands "
                               "verwacht ;).", callback=_één_teken)
    ] = ";",
    woo: Annotated[
        bool, typer.Option("--woo", help="Geanonimiseerde export voor publicatie (Woo).")
    ] = False,
    te_beoordelen: Annotated[
        bool, typer.Option("--te-beoordelen", help="Alleen onbevestigde klachten, met suggesties en "
                                                   "keuzelijsten om in te vullen (XLSX).")
    ] = False,
    toon_persoonsgegevens: Annotated[
        bool, typer.Option("--toon-persoonsgegevens", help="Bij --te-beoordelen: teksten niet maskeren.")
    ] = False,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Exporteer het register naar CSV (UTF-8, leesbaar in Excel) of XLSX.

    Het bestand kan zonder aanpassing weer worden geïmporteerd. Met --woo: een export om te
    publiceren, met teksten en samenvattingen zonder persoonsgegevens, zonder klantnummer en
    behandelaar, en datums alleen als maand.

    Met --te-beoordelen: de onbevestigde klachten met de suggesties van het model en twee lege
    kolommen met keuzelijsten, om in Excel te beoordelen en daarna te importeren.

    Voorbeeld: `klachten register exporteer register.xlsx`,
    `klachten register exporteer klachten-woo.csv --woo` of
    `klachten register exporteer beoordelen.xlsx --te-beoordelen`
    """
    from klachtclassificatie.register import exporteer, laad_klachten, schrijf_tabel, woo_frame

    if te_beoordelen:
        from klachtclassificatie.beoordelen import exporteer_te_beoordelen
        from klachtclassificatie.register import Register, controleer_registerpad, huidige_gebruiker

        with meld_fouten():
            controleer_registerpad(register)
            klachtmodel = laad_model(model)
            with Register.open(register, aanmaken=False) as open_register:
                aantal = exporteer_te_beoordelen(open_register, klachtmodel, bestand, door=huidige_gebruiker(),
                                                 toon_persoonsgegevens=toon_persoonsgegevens)
        typer.echo(f"{aantal} te beoordelen klachten geschreven naar {bestand}; vul de kolommen "
                   "categorie_bevestigd en programmaonderdeel_bevestigd in en importeer het bestand.")
        return
    with meld_fouten():
        klachten = laad_klachten(register)
        if woo:
            schrijf_tabel(woo_frame(klachten), bestand, scheidingsteken=scheidingsteken)
        else:
            exporteer(klachten, bestand, scheidingsteken=scheidingsteken)
    soort = "geanonimiseerd (Woo) " if woo else ""
    typer.echo(f"{len(klachten)} klachten {soort}geëxporteerd naar {bestand}")


DoorOptie = Annotated[
    str | None,
    typer.Option("--door", help="Naam voor het auditlog; standaard KLACHTEN_GEBRUIKER of de inlognaam."),
]
NummerArgument = Annotated[str, typer.Argument(help="Het klachtnummer, zoals K2026-901 (hoofdletters tellen niet).")]


def _voer_uit(register: Path, actie: str, uitvoeren):
    """Open the existing register and run one action on it; refusals are one red Dutch line."""
    from klachtclassificatie.register import Register

    with meld_fouten(), Register.open(register, aanmaken=False) as open_register:
        return uitvoeren(open_register, f"opdrachtregel: register {actie}")


def _meld_wijzigingen(stand) -> str:
    from klachtclassificatie.register import veldlabel

    if not stand.wijzigingen:
        return "er is niets gewijzigd (de waarden stonden er al)"
    return f"gewijzigd: {', '.join(map(veldlabel, stand.wijzigingen))} (in het auditlog)"


@register_app.command("afhandelen")
def register_afhandelen(
    klachtnummer: NummerArgument,
    afhandeldatum: Annotated[str, typer.Option(help="Datum van afhandeling (2026-11-02 of 02-11-2026); "
                                                    "niet vóór de ontvangstdatum, niet na vandaag.")],
    resultaat: Annotated[str, typer.Option(help="gegrond, gedeeltelijk gegrond, ongegrond, wederzijdse "
                                                "overeenstemming, ingetrokken of niet ontvankelijk.")],
    samenvatting: Annotated[str, typer.Option(help="Samenvatting van de bevindingen.")],
    procedure: Annotated[str | None, typer.Option(help="informeel of formeel.")] = None,
    behandelaar: Annotated[str | None, typer.Option(help="Wie de klacht behandelde.")] = None,
    register: RegisterOptie = STANDAARD_REGISTER,
    door: DoorOptie = None,
) -> None:
    """Handel een klacht af: afhandeldatum, resultaat en samenvatting van de bevindingen.

    Een afgehandelde klacht opnieuw afhandelen is een correctie; ook die komt in het auditlog.
    Een fout (zoals een afhandeldatum vóór de ontvangstdatum) wordt geweigerd en dan verandert er
    niets.

    Voorbeeld: `klachten register afhandelen K2026-901 --afhandeldatum 2026-11-02 --resultaat gegrond
    --samenvatting "Excuses gemaakt; uitkering alsnog betaald."`
    """
    from klachtclassificatie.register import handel_af, huidige_gebruiker

    stand = _voer_uit(register, "afhandelen", lambda r, bron: handel_af(
        r, klachtnummer, afhandeldatum=afhandeldatum, resultaat=resultaat, samenvatting=samenvatting,
        procedure=procedure, behandelaar=behandelaar, door=door or huidige_gebruiker(), bron=bron))
    typer.echo(f"{stand.klachtnummer} afgehandeld op {stand.afhandeldatum}: {stand.resultaat}; "
               f"{_meld_wijzigingen(stand)}")


@register_app.command("wijzig")
def register_wijzig(
    klachtnummer: NummerArgument,
    ontvangstdatum: Annotated[str | None, typer.Option(help="Ontvangstdatum.")] = None,
    gemeente: Annotated[str | None, typer.Option(help="IJsselstein, Houten, Nieuwegein of Lopik.")] = None,
    kanaal: Annotated[str | None, typer.Option(help="Hoe de klacht binnenkwam, zoals e-mail of telefoon.")] = None,
    klantnummer: Annotated[str | None, typer.Option(help="Letters, cijfers, - en /.")] = None,
    tekst: Annotated[str | None, typer.Option(help="De klachttekst.")] = None,
    procedure: Annotated[str | None, typer.Option(help="informeel of formeel.")] = None,
    behandelaar: Annotated[str | None, typer.Option(help="Wie de klacht behandelt.")] = None,
    afhandeldatum: Annotated[str | None, typer.Option(help="Afhandeldatum.")] = None,
    resultaat: Annotated[str | None, typer.Option(help="Resultaat van de afhandeling.")] = None,
    samenvatting: Annotated[str | None, typer.Option(help="Samenvatting van de bevindingen.")] = None,
    register: RegisterOptie = STANDAARD_REGISTER,
    door: DoorOptie = None,
) -> None:
    """Wijzig velden van een klacht; een lege waarde ("") maakt een veld leeg.

    Dezelfde regels als bij de import; alle wijzigingen samen of geen. Labels bevestigt u met
    `klachten beoordeel`, verlengen en opschorten hebben een eigen commando.

    Voorbeeld: `klachten register wijzig K2026-901 --behandelaar "P. de Vries" --procedure formeel`
    """
    from klachtclassificatie.register import huidige_gebruiker, wijzig

    velden = {naam: waarde for naam, waarde in (
        ("ontvangstdatum", ontvangstdatum), ("gemeente", gemeente), ("kanaal", kanaal),
        ("klantnummer", klantnummer), ("tekst", tekst), ("procedure", procedure), ("behandelaar", behandelaar),
        ("afhandeldatum", afhandeldatum), ("resultaat", resultaat), ("samenvatting", samenvatting),
    ) if waarde is not None}
    stand = _voer_uit(register, "wijzig", lambda r, bron: wijzig(
        r, klachtnummer, velden, door=door or huidige_gebruiker(), bron=bron))
    typer.echo(f"{stand.klachtnummer}: {_meld_wijzigingen(stand)}")


@register_app.command("verleng")
def register_verleng(
    klachtnummer: NummerArgument,
    register: RegisterOptie = STANDAARD_REGISTER,
    door: DoorOptie = None,
) -> None:
    """Verleng de behandeltermijn van een klacht met vier weken (Awb 9:11); dat kan één keer.

    Toont de nieuwe uiterste datum.

    Voorbeeld: `klachten register verleng K2026-901`
    """
    from klachtclassificatie.register import huidige_gebruiker, verleng

    stand = _voer_uit(register, "verleng", lambda r, bron: verleng(
        r, klachtnummer, door=door or huidige_gebruiker(), bron=bron))
    typer.echo(f"{stand.klachtnummer} verlengd met vier weken; uiterste datum nu {stand.uiterste_datum.isoformat()}")


@register_app.command("opschort")
def register_opschort(
    klachtnummer: NummerArgument,
    dagen: Annotated[int, typer.Option(help="Aantal dagen dat de termijn langer wordt (samen hoogstens 365).")],
    toestemming: Annotated[bool, typer.Option("--toestemming", help="De klager heeft ingestemd (verplicht).")]
    = False,
    register: RegisterOptie = STANDAARD_REGISTER,
    door: DoorOptie = None,
) -> None:
    """Schort de behandeltermijn op met een aantal dagen, met toestemming van de klager.

    De toestemming komt in het auditlog; dagen tellen op bij eerdere opschortingen. Toont de
    nieuwe uiterste datum.

    Voorbeeld: `klachten register opschort K2026-901 --dagen 14 --toestemming`
    """
    from klachtclassificatie.register import huidige_gebruiker, schort_op

    if not toestemming:
        typer.secho(f"Fout: klacht {klachtnummer} niet opgeschort: opschorten mag alleen met toestemming van "
                    "de klager; geef --toestemming als de klager heeft ingestemd", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    stand = _voer_uit(register, "opschort", lambda r, bron: schort_op(
        r, klachtnummer, dagen, toestemming=toestemming, door=door or huidige_gebruiker(), bron=bron))
    typer.echo(f"{stand.klachtnummer} opgeschort met {dagen} dagen met toestemming van de klager; "
               f"uiterste datum nu {stand.uiterste_datum.isoformat()}")
