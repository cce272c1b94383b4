"""The `klachten gebruiker` commands: accounts for the web app in team mode."""

from __future__ import annotations

from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import STANDAARD_REGISTER, RegisterOptie, app, meld_fouten
from klachtclassificatie.cli._nederlands import NederlandseApp

gebruiker_app = NederlandseApp(
    help="Accounts voor de webapp op een server (`klachten web --host`): toevoegen, bekijken, blokkeren.\n\n"
    "Voorbeeld: `klachten gebruiker toevoegen anna --register /srv/klachten/register.sqlite`"
)
app.add_typer(gebruiker_app, name="gebruiker")

NaamArgument = Annotated[str, typer.Argument(help="De naam van het account, bijvoorbeeld anna.jansen.",
                                             show_default=False)]


def _vraag_wachtwoord() -> str:
    """The password, typed twice without showing it; exit 1 when the two differ or it is too short."""
    from klachtclassificatie.register import controleer_wachtwoord

    wachtwoord = typer.prompt("Wachtwoord", hide_input=True)
    with meld_fouten():
        controleer_wachtwoord(wachtwoord)
    if typer.prompt("Herhaal het wachtwoord", hide_input=True) != wachtwoord:
        typer.secho("Fout: de twee wachtwoorden verschillen; er is niets opgeslagen. Probeer het opnieuw.",
                    fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    return wachtwoord


@gebruiker_app.command("toevoegen")
def toevoegen(naam: NaamArgument, register: RegisterOptie = STANDAARD_REGISTER) -> None:
    """Voeg een account toe; het wachtwoord wordt twee keer gevraagd en niet getoond.

    Het wachtwoord heeft minstens 12 tekens en wordt alleen als argon2-hash in het register
    bewaard. Bestaat het register nog niet, dan wordt het aangemaakt.

    Voorbeeld: `klachten gebruiker toevoegen anna --register /srv/klachten/register.sqlite`
    """
    from klachtclassificatie.register import (
        Register,
        controleer_registerpad,
        lees_naam,
        voeg_gebruiker_toe,
    )

    with meld_fouten():
        controleer_registerpad(register, moet_bestaan=False)
        lees_naam(naam)  # a wrong name is refused before the password is asked
        wachtwoord = _vraag_wachtwoord()
        nieuw_register = not register.exists()
        with Register.open(register) as open_register:
            naam = voeg_gebruiker_toe(open_register, naam, wachtwoord)
    if nieuw_register:
        typer.echo(f"nieuw register aangemaakt: {register}")
    typer.echo(f"Account '{naam}' toegevoegd aan {register}.")


@gebruiker_app.command("lijst")
def lijst(register: RegisterOptie = STANDAARD_REGISTER) -> None:
    """Toon de accounts van het register, met de datum waarop ze zijn gemaakt en of ze geblokkeerd zijn.

    Voorbeeld: `klachten gebruiker lijst --register /srv/klachten/register.sqlite`
    """
    from klachtclassificatie.register import Register, gebruikers

    with meld_fouten(), Register.open(register, aanmaken=False) as open_register:
        accounts = gebruikers(open_register)
    if not accounts:
        typer.echo(f"Geen accounts in {register}. Voeg er een toe met `klachten gebruiker toevoegen NAAM`.")
        return
    for account in accounts:
        stand = "geblokkeerd" if account.geblokkeerd else "actief"
        typer.echo(f"{account.naam}\t{stand}\taangemaakt {account.aangemaakt[:10]}")


@gebruiker_app.command("verwijder")
def verwijder(naam: NaamArgument, register: RegisterOptie = STANDAARD_REGISTER) -> None:
    """Verwijder een account; wie ermee is ingelogd, is meteen uitgelogd.

    De naam blijft staan in de wijzigingsgeschiedenis van de klachten die het account veranderde.

    Voorbeeld: `klachten gebruiker verwijder anna --register /srv/klachten/register.sqlite`
    """
    from klachtclassificatie.register import Register, verwijder_gebruiker

    with meld_fouten(), Register.open(register, aanmaken=False) as open_register:
        naam = verwijder_gebruiker(open_register, naam)
    typer.echo(f"Account '{naam}' verwijderd; de sessies ervan zijn beëindigd.")


@gebruiker_app.command("blokkeer")
def blokkeer(
    naam: NaamArgument,
    register: RegisterOptie = STANDAARD_REGISTER,
    opheffen: Annotated[bool, typer.Option("--opheffen", help="Hef de blokkade op: het account mag weer inloggen.")]
    = False,
) -> None:
    """Blokkeer een account (meteen uitgelogd, kan niet meer inloggen), of hef dat op met --opheffen.

    Voorbeeld: `klachten gebruiker blokkeer anna` of `klachten gebruiker blokkeer anna --opheffen`
    """
    from klachtclassificatie.register import Register, blokkeer_gebruiker

    with meld_fouten(), Register.open(register, aanmaken=False) as open_register:
        naam = blokkeer_gebruiker(open_register, naam, geblokkeerd=not opheffen)
    if opheffen:
        typer.echo(f"Account '{naam}' kan weer inloggen.")
    else:
        typer.echo(f"Account '{naam}' geblokkeerd; de sessies ervan zijn beëindigd.")


@gebruiker_app.command("wachtwoord")
def wachtwoord(naam: NaamArgument, register: RegisterOptie = STANDAARD_REGISTER) -> None:
    """Geef een account een nieuw wachtwoord (twee keer gevraagd); wie ermee is ingelogd, is uitgelogd.

    Voorbeeld: `klachten gebruiker wachtwoord anna --register /srv/klachten/register.sqlite`
    """
    from klachtclassificatie.register import Register, bestaand_account, zet_wachtwoord

    with meld_fouten(), Register.open(register, aanmaken=False) as open_register:
        naam = bestaand_account(open_register, naam)  # before the password is asked
        naam = zet_wachtwoord(open_register, naam, _vraag_wachtwoord())
    typer.echo(f"Nieuw wachtwoord voor '{naam}' opgeslagen; de sessies ervan zijn beëindigd.")
