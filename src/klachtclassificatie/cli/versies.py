"""Commands for model versions: list the stored versions and activate one (roll back)."""

from __future__ import annotations

from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import STANDAARD_MODEL, ModelOptie, app, meld_fouten
from klachtclassificatie.cli._nederlands import NederlandseApp

model_app = NederlandseApp(
    help="Modelversies: elk getraind model wordt bewaard, zodat u een slechter model kunt terugdraaien.\n\n"
    "Voorbeeld: `klachten model lijst`"
)
app.add_typer(model_app, name="model")


def _f1(waarde) -> str:
    return "—" if waarde is None else f"{waarde:.3f}"


@model_app.command("lijst")
def lijst(
    model: ModelOptie = STANDAARD_MODEL,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de bewaarde modelversies, nieuwste eerst, en welke actief is.

    Per versie: datum, aantal trainingsteksten (waarvan registerklachten), macro-F1 in de
    kruisvalidatie en op de testsplit per doel, en het register waarop is gekalibreerd.

    Voorbeeld: `klachten model lijst`
    """
    import json

    from klachtclassificatie.classificatie import versielijst

    with meld_fouten():
        rijen = versielijst(model)
    if json_uitvoer:
        typer.echo(json.dumps(rijen, ensure_ascii=False, indent=2))
        return
    if not rijen:
        typer.echo(f"Geen modelversies bij {model}; train er een met 'klachten train'.")
        return
    for rij in rijen:
        teken = "*" if rij["actief"] else " "
        if "fout" in rij:
            typer.secho(f"{teken} {rij['versie']}  beschadigd: {rij['fout']}", fg="red")
            continue
        data = f"{rij['teksten']} teksten" + (f", waarvan {rij['registerklachten']} uit een register"
                                              if rij["registerklachten"] else "")
        scores = "; ".join(f"{doel} macro-F1 {_f1(s['kruisvalidatie_macro_f1'])} (kv), "
                           f"{_f1(s['testsplit_macro_f1'])} (test)" for doel, s in rij["scores"].items())
        extra = (f"; gekalibreerd op {rij['gekalibreerd_op']}" if rij["gekalibreerd_op"] else "") + (
            "; niet als versie bewaard (wordt bewaard bij de eerste activering)" if not rij["bewaard"] else "")
        typer.echo(f"{teken} {rij['versie']}  {rij['datum'][:16].replace('T', ' ')}  {data}; {scores}{extra}")
    typer.echo("(* = actief)")


@model_app.command("activeer")
def activeer(
    versie: Annotated[str, typer.Argument(help="De versie, zoals 'klachten model lijst' die toont.")],
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Maak een bewaarde versie weer het actieve model (bijvoorbeeld om een slechter model terug te draaien).

    De versie wordt eerst volledig gecontroleerd (kaart, SHA-256, bibliotheekversies); een
    beschadigde versie wordt niet geactiveerd. Het model dat actief was blijft bewaard.

    Voorbeeld: `klachten model activeer 20261204-2245-1a2b3c4d`
    """
    from klachtclassificatie.classificatie import activeer as activeer_versie

    with meld_fouten():
        kaart = activeer_versie(model, versie)
    typer.echo(f"Versie {versie} ({kaart['datum'][:16].replace('T', ' ')}, {kaart['trainingsdata']['n']} "
               f"teksten) is nu het actieve model in {model}.")
