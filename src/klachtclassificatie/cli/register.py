"""Commands for the register: import and export."""

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
                aantal = importeer_beoordelingen(open_register, bestand, door=door or huidige_gebruiker())
            _meld_nieuw_register(register, nieuw_register)
            typer.echo(f"{bestand}: {aantal} klachten bevestigd in {register}; "
                       "niet ingevulde rijen blijven onbevestigd.")
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
