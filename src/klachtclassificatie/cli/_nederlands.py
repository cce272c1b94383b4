"""Dutch wording for the help screens Typer and its bundled Click render in English.

Typer renders help screens and errors with its `rich_utils`, whose import (Rich's Markdown,
tracebacks, pretty printing) costs 0.05 s that a command which runs fine never needs. So the Dutch
wording is put in place just before Typer renders anything: when help is formatted and when
parsing or running a command fails.
"""

from __future__ import annotations

import re

import typer
from typer.core import TyperCommand, TyperGroup, _TyperParameter
from typer.exceptions import Exit

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
#: Click's usage errors (a wrong option, a missing argument...) in Dutch.
_FOUTMELDINGEN = [
    (r"No such option: (\S+)", r"onbekende optie \1"),
    (r"\(Possible options: (.+)\)", r"(bedoelt u \1?)"),
    (r"No such command '(.+?)'\.", r"onbekend commando '\1'."),
    (r"Missing argument '(.+?)'\.", r"argument '\1' ontbreekt."),
    (r"Missing option '(.+?)'\.", r"optie '\1' ontbreekt."),
    (r"Missing parameter: (.+)", r"waarde ontbreekt: \1"),
    (r"Option '(.+?)' requires an argument\.", r"optie '\1' heeft een waarde nodig."),
    (r"Got unexpected extra arguments? \((.+)\)", r"onverwacht extra argument: \1"),
    (r"Invalid value for '?([^':]+?)'?: ", r"ongeldige waarde voor '\1': "),
    (r"(?:File|Directory|Path) '(.+?)' does not exist\.", r"'\1' bestaat niet."),
    (r"(?:File|Directory|Path) '(.+?)' is a directory\.", r"'\1' is een map, geen bestand."),
    (r"(?:File|Directory|Path) '(.+?)' is a file\.", r"'\1' is een bestand, geen map."),
    (r"(?:File|Directory|Path) '(.+?)' is not readable\.", r"'\1' is niet leesbaar (geen toegang)."),
    (r"(?:File|Directory|Path) '(.+?)' is not writable\.", r"in '\1' kan niet worden geschreven (geen toegang)."),
    (r"Input should be a valid integer.*", "geef een geheel getal."),
    (r"Input should be a valid number.*", "geef een getal."),
    (r"(\S+) is not in the range (.+?)\.?$", r"\1 valt niet binnen \2."),
    (r"Input should be greater than or equal to (\S+)", r"de waarde moet minstens \1 zijn"),
    (r"Input should be less than or equal to (\S+)", r"de waarde mag hoogstens \1 zijn"),
    (r"Did you mean '(.+?)'\?", r"Bedoelt u '\1'?"),
]


#: The value kinds Typer shows in help screens ("<path>"), in Dutch; flags show none.
_SOORTEN = {"path": "PAD", "str": "TEKST", "int": "GETAL", "float": "GETAL", "int range": "GETAL",
            "float range": "GETAL", "list[str]": "TEKST...", "bool": ""}


def _nederlandse_soort(origineel):
    def display_type(self, ctx):
        soort = origineel(self, ctx)
        kaal = soort[1:-1] if soort.startswith("<") and soort.endswith(">") else soort
        return _SOORTEN.get(kaal, kaal.upper())

    display_type.nederlands = True
    return display_type


def vertaal_foutmelding(melding: str) -> str:
    """Click's English usage error in Dutch (unknown messages are left as they are)."""
    for patroon, vervanging in _FOUTMELDINGEN:
        melding = re.sub(patroon, vervanging, melding)
    return melding


def zet_nederlands() -> None:
    """Replace Typer's English panel titles, fixed strings and usage errors by Dutch ones."""
    from typer import rich_utils

    for naam, tekst in _VERTALINGEN.items():
        setattr(rich_utils, naam, tekst)
    if not getattr(_TyperParameter.display_type, "nederlands", False):
        _TyperParameter.display_type = _nederlandse_soort(_TyperParameter.display_type)
    if not getattr(rich_utils.rich_format_error, "nederlands", False):
        origineel = rich_utils.rich_format_error

        def rich_format_error(fout) -> None:
            tekst = vertaal_foutmelding(fout.format_message())
            fout.format_message = lambda: tekst
            origineel(fout)

        rich_format_error.nederlands = True
        rich_utils.rich_format_error = rich_format_error


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

    def format_help(self, ctx, formatter) -> None:
        zet_nederlands()
        super().format_help(ctx, formatter)

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except Exception as fout:
            _voor_de_melding(fout)
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as fout:
            _voor_de_melding(fout)
            raise

    def get_help_option(self, ctx):
        optie = super().get_help_option(ctx)
        if optie is not None:
            optie.help = HULPTEKST
        return optie


def _voor_de_melding(fout: Exception) -> None:
    """Dutch wording for the usage error or "Afgebroken." Typer is about to show."""
    if not isinstance(fout, Exit):
        zet_nederlands()


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
