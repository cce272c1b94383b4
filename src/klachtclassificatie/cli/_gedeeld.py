"""What every command shares: the Typer apps, default paths, options and error handling."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._nederlands import NederlandseApp
from klachtclassificatie.fouten import KlachtError

PROJECTMAP = Path(__file__).resolve().parents[3]
DEMO_REGISTER = PROJECTMAP / "data" / "demo" / "register-demo.csv"
STANDAARD_REGISTER = Path(typer.get_app_dir("klachtclassificatie")) / "register.sqlite"

app = NederlandseApp(
    help="Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator.\n\n"
    "Voorbeeld: `klachten jaarverslag --jaar 2024 --demo`",
)
register_app = NederlandseApp(
    help="Het klachtenregister: importeren, exporteren en termijnen bewaken.\n\n"
    "Voorbeeld: `klachten register importeer klachten.xlsx`"
)
app.add_typer(register_app, name="register")
annotaties_app = NederlandseApp(
    help="Annotatiebestanden: gelabelde klachtteksten voor het model.\n\n"
    "Voorbeeld: `klachten annotaties controleer data/annotaties`"
)
app.add_typer(annotaties_app, name="annotaties")
ANNOTATIEMAP = PROJECTMAP / "data" / "annotaties"
STANDAARD_MODEL = PROJECTMAP / "models" / "klachtmodel.skops"

ModelOptie = Annotated[
    Path,
    typer.Option("--model", envvar="KLACHTEN_MODEL", help="Het modelbestand (.skops, met de modelkaart .json ernaast)."),
]

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
def meld_fouten() -> Iterator[None]:
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


def voortgang_op_stderr():
    """A progress callback that numbers the steps on standard error."""
    stap = iter(range(1, 100))
    return lambda tekst: typer.echo(f"[{next(stap)}] {tekst}...", err=True)


@contextmanager
def zonder_opruimen() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while objects are made that live as long as the
    command.

    Loading a model imports scikit-learn and spaCy and builds the model and spaCy's tokenizer:
    hundreds of thousands of objects and no garbage cycles, while every collection on the way
    walks all objects made so far once more (0.1 to 0.2 s of a cold `klachten suggereer`).
    Collection resumes afterwards; nothing it could free is kept.
    """
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def laad_model(modelpad: Path):
    """Load the model; the default model is trained from the shipped corpus on first use."""
    if modelpad == STANDAARD_MODEL and not modelpad.exists():
        from klachtclassificatie.classificatie import train_en_bewaar

        typer.echo("Nog geen model: het standaardmodel wordt eenmalig getraind op "
                   f"{ANNOTATIEMAP} (dit duurt enkele minuten).", err=True)
        return train_en_bewaar(ANNOTATIEMAP, modelpad, voortgang=voortgang_op_stderr())
    with zonder_opruimen():
        from klachtclassificatie.classificatie import laad

        return laad(modelpad)


def lees_annotaties(pad: Path):
    from klachtclassificatie.annotaties import lees_annotaties as lees

    return lees(pad)
