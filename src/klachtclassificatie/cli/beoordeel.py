"""The interactive review of suggestions in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    STANDAARD_MODEL,
    STANDAARD_REGISTER,
    ModelOptie,
    RegisterOptie,
    app,
    laad_model,
    meld_fouten,
)


@app.command("beoordeel")
def beoordeel(
    register: RegisterOptie = STANDAARD_REGISTER,
    model: ModelOptie = STANDAARD_MODEL,
    volgorde: Annotated[str, typer.Option(help="twijfel (meest twijfelachtige eerst) of oudste.")] = "twijfel",
    toon_persoonsgegevens: Annotated[
        bool, typer.Option("--toon-persoonsgegevens", help="Toon de tekst zonder maskering.")
    ] = False,
    door: Annotated[str | None, typer.Option(help="Naam voor het auditlog.")] = None,
) -> None:
    """Beoordeel de suggesties voor onbevestigde klachten, één voor één.

    Per label: Enter neemt de suggestie over, een nummer kiest een ander label, o slaat de klacht
    over, s stopt. Elke beslissing wordt meteen opgeslagen: stoppen of een onderbreking verliest
    niets, en een volgende keer gaat het verder waar het bleef.

    Voorbeeld: `klachten beoordeel --register wil.sqlite --volgorde oudste`
    """
    from klachtclassificatie import vocabulaire as voc
    from klachtclassificatie.beoordelen import VOLGORDES, wachtrij
    from klachtclassificatie.fouten import RegisterError
    from klachtclassificatie.register import Register, controleer_registerpad, huidige_gebruiker

    if volgorde not in VOLGORDES:
        raise typer.BadParameter(f"kies uit {', '.join(VOLGORDES)}", param_hint="--volgorde")
    wie = door or huidige_gebruiker()
    beslist = 0
    with meld_fouten():
        controleer_registerpad(register)
        klachtmodel = laad_model(model)
        with Register.open(register, aanmaken=False) as open_register:
            klachtmodel = klachtmodel.voor_register(open_register.klachten())
            rij = wachtrij(open_register, klachtmodel, volgorde=volgorde, door=wie)
            if not rij:
                typer.echo("Niets te beoordelen: alle klachten hebben bevestigde labels.")
                return
            try:
                for positie, voorstel in enumerate(rij, start=1):
                    # what the person sees now: labels confirmed after this (web, import) are kept
                    getoond = open_register.auditstand(voorstel.klachtnummer)
                    _toon_voorstel(voorstel, positie, len(rij), toon_persoonsgegevens)
                    keuzes = {}
                    for doel, suggestie in voorstel.suggesties.items():
                        keuze = _vraag_label(doel, suggestie.labels[0], list(voc.LABELS[doel]))
                        if keuze in ("overslaan", "stoppen"):
                            break
                        keuzes[doel] = keuze
                    if keuze == "stoppen":
                        break
                    if keuze == "overslaan":
                        typer.echo("Overgeslagen.\n")
                        continue
                    try:
                        open_register.bevestig(voorstel.klachtnummer, keuzes, door=wie, bron="beoordeel",
                                               getoond=getoond)
                    except RegisterError as fout:
                        typer.secho(f"Niet opgeslagen: {fout}.\n", fg="yellow")
                        continue
                    beslist += 1
                    typer.secho(f"Opgeslagen: {keuzes['categorie']}, {keuzes['programmaonderdeel']}.\n",
                                fg="green")
            except (KeyboardInterrupt, EOFError, typer.Abort):
                typer.echo(f"\nOnderbroken. {beslist} beslissingen zijn opgeslagen.")
                raise typer.Exit(130) from None
    typer.echo(f"Klaar voor nu: {beslist} klachten bevestigd.")


def _toon_voorstel(voorstel, positie: int, totaal: int, toon_persoonsgegevens: bool) -> None:
    from klachtclassificatie.privacy import redigeer

    tekst = voorstel.tekst if toon_persoonsgegevens else redigeer(voorstel.tekst).tekst
    typer.secho(f"Klacht {voorstel.klachtnummer} ({positie} van {totaal}; ontvangen "
                f"{voorstel.ontvangstdatum}, {voorstel.gemeente})", bold=True)
    typer.echo(tekst.strip() or "(geen tekst)")
    for doel, suggestie in voorstel.suggesties.items():
        kansen = " | ".join(f"{lab} {k:.0%}" for lab, k in zip(suggestie.labels, suggestie.kansen, strict=True))
        typer.echo(f"  {doel}: {kansen}   waarschijnlijk: {' of '.join(suggestie.set)}"
                   + ("" if suggestie.zeker else f"  (handmatig beoordelen{': ' + suggestie.reden if suggestie.reden else ''})"))
        if suggestie.woorden:
            typer.echo(f"    woorden: {', '.join(suggestie.woorden)}")


def _vraag_label(doel: str, voorstel: str, labels: list[str]) -> str:
    """Ask for one label: Enter accepts, a number picks, o skips, s stops."""
    opties = ", ".join(f"{i} {lab}" for i, lab in enumerate(labels, start=1))
    while True:
        antwoord = typer.prompt(f"{doel} [Enter = {voorstel}; {opties}; o = overslaan; s = stoppen]",
                                default="", show_default=False).strip().lower()
        if antwoord in ("", "j", "ja"):
            return voorstel
        if antwoord in ("o", "s"):
            return {"o": "overslaan", "s": "stoppen"}[antwoord]
        if antwoord.isdigit() and 1 <= int(antwoord) <= len(labels):
            return labels[int(antwoord) - 1]
        typer.echo(f"Onbekende keuze '{antwoord}'.")
