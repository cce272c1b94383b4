"""The `klachten` command: a thin Dutch command line over the library, one module per concept.

Heavy libraries (pandas, scikit-learn, spaCy) are imported inside the commands, so that
`klachten --help` stays quick.
"""

import typer  # noqa: F401  (tests patch typer.prompt through this module)

from klachtclassificatie.cli import (  # noqa: F401
    annotaties,
    beoordeel,
    brief,
    gebruiker,
    jaarverslag,
    model,
    privacy,
    register,
    versies,
    web,
)
from klachtclassificatie.cli._gedeeld import app

__all__ = ["app"]
