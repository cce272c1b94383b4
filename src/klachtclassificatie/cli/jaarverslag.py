"""The annual report command, with the estimate for unconfirmed years."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    DEMO_REGISTER,
    STANDAARD_MODEL,
    STANDAARD_REGISTER,
    ModelOptie,
    RegisterOptie,
    app,
    laad_model,
    meld_fouten,
)


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
    schatting: Annotated[
        bool, typer.Option("--schatting", help="Schat de tabel per programmaonderdeel en categorie uit "
                                               "alleen-gesuggereerde labels, met 95%-intervallen.")
    ] = False,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Maak de tabellen van het jaarverslag klachten.

    Alleen klachten met bevestigde labels tellen mee; het verslag meldt hoeveel er buiten
    beschouwing bleven. --register mag ook een CSV- of XLSX-export zijn.

    Met --schatting: voor klachten die alleen een suggestie van het model hebben (bijvoorbeeld
    historische klachten die in één keer zijn gelabeld) een geschatte tabel per programmaonderdeel
    en categorie, gecorrigeerd met de verwarringsmatrix van het model, met een 95%-interval per
    cel. Een schatting wordt nooit met bevestigde aantallen gemengd.

    Voorbeeld: `klachten jaarverslag --jaar 2024 --demo --formaat json` of
    `klachten jaarverslag --jaar 2019 --register wil.sqlite --schatting`
    """
    from klachtclassificatie import jaarverslag as weergave
    from klachtclassificatie.bestanden import schrijf_atomair
    from klachtclassificatie.jaarverslag import maak_jaarverslag
    from klachtclassificatie.register import laad_klachten

    if formaat not in weergave.FORMATEN:
        typer.secho(
            f"Fout: onbekend formaat '{formaat}'; kies uit {', '.join(weergave.FORMATEN)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    if formaat == "xlsx" and uit is None:
        typer.secho("Fout: geef bij --formaat xlsx een bestand op met --uit", fg="red", err=True)
        raise typer.Exit(2)
    if schatting:
        _toon_schatting(DEMO_REGISTER if demo else register, jaar, model, formaat)
        return
    with meld_fouten():
        klachten = laad_klachten(DEMO_REGISTER if demo else register)
        verslag = maak_jaarverslag(klachten, jaar, strikt=strikt)
    _meld_leeg_jaar(klachten, jaar)
    if formaat == "tabel" and uit is None:
        from rich.console import Console

        weergave.toon_in_terminal(verslag, Console())
        return
    if formaat == "xlsx":
        weergave.schrijf_xlsx(verslag, uit)
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")
        return
    tekst = {
        "json": weergave.als_json,
        "markdown": weergave.als_markdown,
        "html": weergave.als_html,
        "tabel": weergave.als_markdown,
    }[formaat](verslag)
    if uit is None:
        sys.stdout.write(tekst + "\n")
    else:
        schrijf_atomair(uit, tekst + "\n")
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")


def _meld_leeg_jaar(klachten, jaar: int) -> None:
    """Say so when no complaint was received or closed in the year (the tables are all zero)."""
    jaren = set(klachten["ontvangstdatum"].dt.year.dropna().astype(int)) | set(
        klachten["afhandeldatum"].dt.year.dropna().astype(int))
    if jaar not in jaren:
        bereik = f"; het register loopt van {min(jaren)} tot en met {max(jaren)}" if jaren else "; het register is leeg"
        typer.secho(f"Let op: geen enkele klacht ontvangen of afgehandeld in {jaar}{bereik}. "
                    "De tabellen hieronder zijn daarom leeg.", fg="yellow", err=True)


def _toon_schatting(registerpad: Path, jaar: int, modelpad: Path, formaat: str) -> None:
    import json

    from klachtclassificatie.jaarverslag import schat_jaar
    from klachtclassificatie.register import laad_klachten

    with meld_fouten():
        klachtmodel = laad_model(modelpad)
        resultaat = schat_jaar(laad_klachten(registerpad), jaar, klachtmodel.kaart)
    if formaat == "json":
        typer.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
        return
    typer.secho(f"SCHATTING, niet bevestigd: ingekomen klachten {jaar} per programmaonderdeel", bold=True)
    typer.echo(f"Op basis van {resultaat['n']} klachten met alleen een suggestie (model {resultaat['model']}); "
               f"{resultaat['methode']}. Bevestigde klachten staan hier niet in.")
    for onderdeel, cellen in resultaat["per_programmaonderdeel"].items():
        typer.echo(f"  {onderdeel}:")
        for categorie, c in cellen.items():
            typer.echo(f"    {categorie:<24} {c['schatting']:6.1f}  (95%: {c['laag']:.1f} – {c['hoog']:.1f}; "
                       f"voorgesteld {c['voorgesteld']})")
