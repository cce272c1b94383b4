"""Dutch wording for the help screens Typer and its bundled Click render in English."""

from __future__ import annotations

import typer
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup

_VERTALINGEN = {
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Commando's",
    "ERRORS_PANEL_TITLE": "Fout",
    "ABORTED_TEXT": "Afgebroken.",
    "RICH_HELP": "Probeer [blue]'{command_path} {help_option}'[/] voor hulp.",
    "DEFAULT_STRING": "[standaard: {}]",
    "ENVVAR_STRING": "[omgevingsvariabele: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
    "DEPRECATED_STRING": "(verouderd) ",
}
HULPTEKST = "Toon deze hulp en stop."


def zet_nederlands() -> None:
    """Replace Typer's English panel titles and fixed strings by Dutch ones."""
    for naam, tekst in _VERTALINGEN.items():
        setattr(rich_utils, naam, tekst)


class _Nederlands:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPTIES]"
        if getattr(self, "subcommand_metavar", None):
            self.subcommand_metavar = "COMMANDO [ARGUMENTEN]..."

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Gebruik: "
        )

    def get_help_option(self, ctx):
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = HULPTEKST
        return optie


class NederlandseGroep(_Nederlands, TyperGroup):
    """A Typer group whose usage line and help option read in Dutch."""


class NederlandsCommando(_Nederlands, TyperCommand):
    """A Typer command whose usage line and help option read in Dutch."""


class NederlandseApp(typer.Typer):
    """A Typer app (or sub-command group) whose commands have Dutch help screens."""

    def __init__(self, **kwargs):
        super().__init__(
            cls=NederlandseGroep,
            no_args_is_help=True,
            add_completion=False,
            rich_markup_mode="markdown",
            **kwargs,
        )

    def command(self, *args, **kwargs):
        kwargs.setdefault("cls", NederlandsCommando)
        return super().command(*args, **kwargs)
