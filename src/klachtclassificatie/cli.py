"""The `klachten` command: a thin Dutch command line over the library.

Heavy libraries (pandas, scikit-learn, spaCy) are imported inside the commands, so that
`klachten --help` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie._nederlands import NederlandseApp, zet_nederlands
from klachtclassificatie.errors import KlachtError

zet_nederlands()

PROJECTMAP = Path(__file__).resolve().parents[2]
DEMO_REGISTER = PROJECTMAP / "data" / "demo" / "register-demo.csv"
STANDAARD_REGISTER = Path(typer.get_app_dir("klachtclassificatie")) / "register.sqlite"

app = NederlandseApp(
    help="Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator.\n\n"
    "Voorbeeld: `klachten jaarverslag --jaar 2024 --demo`",
)
register_app = NederlandseApp(
    help="Het klachtenregister: importeren en exporteren.\n\n"
    "Voorbeeld: `klachten register importeer klachten.xlsx`"
)
app.add_typer(register_app, name="register")

RegisterOptie = Annotated[
    Path,
    typer.Option(
        "--register",
        envvar="KLACHTEN_REGISTER",
        help="Het registerbestand (SQLite).",
        show_default=True,
    ),
]


@contextmanager
def _meld_fouten() -> Iterator[None]:
    """Show domain errors as a red Dutch message and exit 1; other errors keep their traceback."""
    try:
        yield
    except KlachtError as fout:
        typer.secho(f"Fout: {fout}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _versie(waarde: bool) -> None:
    if waarde:
        typer.echo(f"klachtclassificatie {version('klachtclassificatie')}")
        raise typer.Exit()


@app.callback()
def hoofd(
    versie: Annotated[
        bool,
        typer.Option("--versie", callback=_versie, is_eager=True, help="Toon de versie en stop."),
    ] = False,
) -> None:
    """Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator."""


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
    ongewijzigd.

    Voorbeeld: `klachten register importeer klachten-2024.csv --register wil.sqlite`
    """
    from klachtclassificatie.register import huidige_gebruiker, importeer

    with _meld_fouten():
        resultaat = importeer(register, bestand, door=door or huidige_gebruiker())
    typer.echo(
        f"{bestand}: {len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd, "
        f"{len(resultaat.ongewijzigd)} ongewijzigd ({resultaat.auditregels} auditregels) "
        f"in {register}"
    )


@register_app.command("exporteer")
def register_exporteer(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand: .csv of .xlsx.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    scheidingsteken: Annotated[
        str, typer.Option(help="Scheidingsteken voor CSV (Excel in het Nederlands verwacht ;).")
    ] = ";",
) -> None:
    """Exporteer het register naar CSV (UTF-8, leesbaar in Excel) of XLSX.

    Het bestand kan zonder aanpassing weer worden geïmporteerd.

    Voorbeeld: `klachten register exporteer register.xlsx`
    """
    from klachtclassificatie.register import exporteer, laad_klachten

    with _meld_fouten():
        klachten = laad_klachten(register)
        exporteer(klachten, bestand, scheidingsteken=scheidingsteken)
    typer.echo(f"{len(klachten)} klachten geëxporteerd naar {bestand}")


@app.command("jaarverslag")
def jaarverslag(
    jaar: Annotated[int, typer.Option(help="Het verslagjaar.")] = date.today().year - 1,
    register: RegisterOptie = STANDAARD_REGISTER,
    demo: Annotated[
        bool, typer.Option("--demo", help="Gebruik het meegeleverde demoregister (alleen lezen).")
    ] = False,
    formaat: Annotated[str, typer.Option(help="tabel, markdown, json, xlsx of html.")] = "tabel",
    uit: Annotated[
        Path | None, typer.Option(help="Schrijf naar dit bestand (verplicht bij xlsx).")
    ] = None,
    strikt: Annotated[
        bool,
        typer.Option("--strikt", help="Fout als er klachten met onbevestigde labels zijn."),
    ] = False,
) -> None:
    """Maak de tabellen van het jaarverslag klachten.

    Alleen klachten met bevestigde labels tellen mee; het verslag meldt hoeveel er buiten
    beschouwing bleven. --register mag ook een CSV- of XLSX-export zijn.

    Voorbeeld: `klachten jaarverslag --jaar 2024 --demo --formaat json`
    """
    from klachtclassificatie import render
    from klachtclassificatie.register import laad_klachten
    from klachtclassificatie.report import maak_jaarverslag

    if formaat not in render.FORMATEN:
        typer.secho(
            f"Fout: onbekend formaat '{formaat}'; kies uit {', '.join(render.FORMATEN)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    if formaat == "xlsx" and uit is None:
        typer.secho("Fout: geef bij --formaat xlsx een bestand op met --uit", fg="red", err=True)
        raise typer.Exit(2)
    with _meld_fouten():
        klachten = laad_klachten(DEMO_REGISTER if demo else register)
        verslag = maak_jaarverslag(klachten, jaar, strikt=strikt)
    if formaat == "tabel" and uit is None:
        from rich.console import Console

        render.toon_in_terminal(verslag, Console())
        return
    if formaat == "xlsx":
        render.schrijf_xlsx(verslag, uit)
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")
        return
    tekst = {
        "json": render.als_json,
        "markdown": render.als_markdown,
        "html": render.als_html,
        "tabel": render.als_markdown,
    }[formaat](verslag)
    if uit is None:
        sys.stdout.write(tekst + "\n")
    else:
        uit.write_text(tekst + "\n", encoding="utf-8")
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")
