"""Commands for annotation files: checking them and adding confirmed complaints."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    ANNOTATIEMAP,
    STANDAARD_REGISTER,
    RegisterOptie,
    annotaties_app,
    lees_annotaties,
    meld_fouten,
)


@annotaties_app.command("controleer")
def annotaties_controleer(
    pad: Annotated[
        Path, typer.Argument(help="Een annotatiebestand of een map met CSV/XLSX-bestanden.")
    ] = ANNOTATIEMAP,
    twijfel: Annotated[
        bool, typer.Option("--twijfel", help="Toon ook de annotaties waarvan het model het label "
                                             "het sterkst betwist (cleanlab).")
    ] = False,
    aantal: Annotated[int, typer.Option(help="Hoeveel twijfelgevallen per doel tonen.")] = 20,
) -> None:
    """Controleer annotatiebestanden en tel de labels.

    Fouten (exitcode 1): onbekende of ontbrekende labels, lege teksten, ontbrekende kolommen,
    dubbele id's, exact dubbele teksten, en in het gevallenregister (gevallen.csv) ontbrekende
    bronnen, onbekende soorten en teksten die naar een onbekend geval verwijzen. Toont ook wat
    de echte gevallen kenmerkt en hoe vaak twee annotatoren het eens waren (Cohen's kappa). Waarschuwingen: bijna dubbele teksten (binnen en
    tussen splits) en labels met weinig voorbeelden. Leest dezelfde bestanden als de
    registerimport (komma of puntkomma, UTF-8 of Windows-1252, XLSX).

    Met --twijfel: een gerangschikte lijst van annotaties waarvan het gekruisvalideerde model het
    label betwist, met het label dat het voorstelt. De bestanden worden nooit gewijzigd.

    Voorbeeld: `klachten annotaties controleer data/annotaties --twijfel`
    """
    from klachtclassificatie.annotaties import controleer

    with meld_fouten():
        controle = controleer(pad)
    _toon_controle(controle)
    if not controle.geslaagd:
        raise typer.Exit(1)
    if twijfel:
        from klachtclassificatie.classificatie import twijfelachtige_annotaties

        with meld_fouten():
            lijst = twijfelachtige_annotaties(lees_annotaties(pad))
        for doel, groep in lijst.groupby("doel", sort=False):
            typer.secho(f"\nTwijfelachtige annotaties ({doel}): {len(groep)} gevonden, "
                        f"de eerste {min(aantal, len(groep))}:", bold=True)
            for r in groep.head(aantal).itertuples():
                typer.echo(f"  {r.rang:>3}. {r.bestand} rij {r.rij} (id {r.id}): '{r.label}' "
                           f"({r.kans_label:.0%}); model zegt '{r.suggestie}' ({r.kans_suggestie:.0%})")


def _toon_controle(controle) -> None:
    for naam, aantal in controle.per_bestand.items():
        typer.echo(f"{naam}: {aantal} annotaties")
    if controle.gevallen:
        _toon_gevallen(controle.gevallen)
    for naam, per_doel in controle.overeenstemming.items():
        typer.echo(f"\nOvereenstemming van de twee annotatoren in {naam}:")
        for doel, o in per_doel.items():
            kappa = "niet te berekenen" if o["kappa"] is None else f"{o['kappa']:.2f}"
            typer.echo(f"  {doel:<19} kappa {kappa}, gelijk {o['gelijk']:.0%} (n={o['n']})")
    if t := controle.tweelingen:
        typer.echo(f"\nScenariotweelingen: {t['paren']} paren beoordeeld door {t['lezers']} lezers; "
                   f"{t['met_tweeling']} van {t['testteksten']} testteksten vertellen een situatie na "
                   f"die ook in de training staat ({t['zelfde_scenario']} paren).")
    for doel, tellingen in controle.aantallen.items():
        typer.echo(f"\nPer {doel}:")
        for waarde, aantal in tellingen.items():
            typer.echo(f"  {waarde:<24} {aantal:>5}")
    if controle.combinaties is not None:
        typer.echo("\nPer combinatie (programmaonderdeel × categorie):")
        typer.echo(controle.combinaties.to_string())
    if controle.lengtes:
        typer.echo("\nLengte in woorden:")
        for split, maten in controle.lengtes.items():
            typer.echo(
                f"  {split}: n={maten['n']}, min {maten['min']}, mediaan {maten['mediaan']:.0f}, "
                f"90% onder {maten['p90']:.0f}, max {maten['max']}"
            )
    if controle.waarschuwingen:
        typer.secho(f"\n{len(controle.waarschuwingen)} waarschuwingen:", fg="yellow")
        for regel in controle.waarschuwingen:
            typer.echo(f"  - {regel}")
    if controle.fouten:
        typer.secho(f"\n{len(controle.fouten)} fouten:", fg="red", err=True)
        for regel in controle.fouten:
            typer.secho(f"  - {regel}", fg="red", err=True)
    else:
        typer.secho("\nGeen fouten gevonden.", fg="green")


def _toon_gevallen(g: dict) -> None:
    typer.echo(f"\nGevallenregister: {g['n']} echte gevallen uit {g['bronnen']} bronnen over "
               f"{g['organisaties']} organisaties ({g['jaren'][0]}-{g['jaren'][1]})")
    typer.echo("  per soort bron: " + ", ".join(f"{k} {v}" for k, v in g["per_brontype"].items()))
    typer.echo("  per thema: " + ", ".join(f"{k} {v}" for k, v in g["per_thema"].items()))
    kenmerken = [("in de ik-vorm", "ik_vorm"), ("over meer dan één kwestie", "meerdere_kwesties"),
                 ("onderdeel alleen uit de situatie", "onderdeel_impliciet"),
                 ("duur genoemd, klacht niet over afhandelingsduur", "duur_genoemd_buiten_afhandelingsduur")]
    for tekst, sleutel in kenmerken:
        if sleutel in g:
            typer.echo(f"  {tekst}: {g[sleutel]:.0%}")


@annotaties_app.command("exporteer")
def annotaties_exporteer(
    register: RegisterOptie = STANDAARD_REGISTER,
    uit: Annotated[Path, typer.Option(help="Annotatiebestand om aan toe te voegen.")] = ANNOTATIEMAP / "bevestigd.csv",
) -> None:
    """Voeg bevestigde klachten uit het register toe aan de annotaties, zonder persoonsgegevens.

    Een klacht die al in een annotatiebestand staat (zelfde id of zelfde tekst) wordt niet nog eens
    toegevoegd. Daarna leert `klachten train` van de bevestigde klachten.

    Voorbeeld: `klachten annotaties exporteer --register wil.sqlite`
    """
    from klachtclassificatie.annotaties import exporteer_bevestigde
    from klachtclassificatie.register import laad_klachten

    with meld_fouten():
        aantal = exporteer_bevestigde(laad_klachten(register), uit, annotatiemap=uit.parent)
    typer.echo(f"{aantal} bevestigde klachten toegevoegd aan {uit}.")
