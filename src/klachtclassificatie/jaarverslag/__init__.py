"""The annual report: its tables from confirmed labels, their renderings, and estimated tables."""

from klachtclassificatie.jaarverslag._schatting import schat, schat_jaar
from klachtclassificatie.jaarverslag._tabellen import (
    Jaarverslag,
    OnbevestigdeLabelsError,
    maak_jaarverslag,
)
from klachtclassificatie.jaarverslag._weergave import (
    FORMATEN,
    als_html,
    als_json,
    als_markdown,
    lijsten,
    schrijf_xlsx,
    staafdiagram_svg,
    tabellen,
    toon_in_terminal,
)

__all__ = [
    "FORMATEN",
    "Jaarverslag",
    "OnbevestigdeLabelsError",
    "als_html",
    "als_json",
    "als_markdown",
    "lijsten",
    "maak_jaarverslag",
    "schat",
    "schat_jaar",
    "schrijf_xlsx",
    "staafdiagram_svg",
    "tabellen",
    "toon_in_terminal",
]
