"""The anonimiseer command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    app,
    meld_fouten,
)


@app.command("anonimiseer")
def anonimiseer(
    invoer: Annotated[str, typer.Argument(help="Een tekst, '-' voor standaardinvoer, of een bestand "
                                               "of map (.txt, .csv, .xlsx).")],
    kolom: Annotated[list[str], typer.Option(help="Tekstkolom(men) van CSV/XLSX.")] = ["tekst"],  # noqa: B006
    controle: Annotated[
        bool, typer.Option("--controle", help="Toon origineel en geanonimiseerd naast elkaar om na "
                                              "te kijken (toont dus persoonsgegevens).")
    ] = False,
) -> None:
    """Vervang persoonsgegevens door genummerde plaatshouders ([PERSOON-1], [BSN-1], ...).

    Een tekst of standaardinvoer: de geanonimiseerde tekst op standaarduitvoer. Een bestand of map:
    een kopie naast elk bestand (naam-geanonimiseerd.txt/.csv/.xlsx) en een verslag met het aantal
    vervangingen per soort, nooit de waarden zelf. Domeinwoorden en de vier gemeenten blijven staan.

    Voorbeeld: `klachten anonimiseer "Mevrouw De Wit belde vanaf 06-12345678"` of
    `klachten anonimiseer dossier/ --kolom omschrijving`
    """
    from klachtclassificatie.privacy import redigeer

    pad = Path(invoer)
    if invoer != "-" and (pad.exists() or pad.is_symlink()):
        from klachtclassificatie.privacy import anonimiseer_pad

        with meld_fouten():
            verslag = anonimiseer_pad(pad, kolommen=kolom)
        for doel, tellingen in verslag.per_bestand.items():
            typer.echo(f"{doel}: {_tellingen_tekst(tellingen)}")
        for overgeslagen, reden in verslag.overgeslagen.items():
            typer.secho(f"Overgeslagen: {overgeslagen}: {reden}", fg="yellow", err=True)
        typer.echo(f"Totaal: {_tellingen_tekst(verslag.totaal)}")
        return
    tekst = sys.stdin.read() if invoer == "-" else invoer
    redactie = redigeer(tekst)
    if controle:
        _toon_naast_elkaar(tekst, redactie)
    else:
        sys.stdout.write(redactie.tekst + ("" if redactie.tekst.endswith("\n") else "\n"))
    typer.echo(f"Vervangen: {_tellingen_tekst(redactie.tellingen())}", err=True)


def _tellingen_tekst(tellingen: dict[str, int]) -> str:
    return ", ".join(f"{soort} {aantal}" for soort, aantal in tellingen.items()) or "niets"


def _toon_naast_elkaar(origineel: str, redactie) -> None:
    from rich.console import Console
    from rich.table import Table

    tabel = Table("soort", "origineel", "vervangen door", title="Controle: wat is vervangen")
    for v in redactie.vervangingen:
        tabel.add_row(v.type, v.waarde, v.placeholder)
    console = Console()
    console.print(tabel)
    console.print(redactie.tekst, highlight=False, markup=False)
