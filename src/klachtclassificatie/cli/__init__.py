"""The `klachten` command: a thin Dutch command line over the library, one module per concept.

Heavy libraries (pandas, scikit-learn, spaCy) are imported inside the commands, so that
`klachten --help` stays quick.
"""

import typer  # noqa: F401  (tests patch typer.prompt through this module)

from klachtclassificatie.cli import annotaties, beoordeel, jaarverslag, model, privacy, register  # noqa: F401
from klachtclassificatie.cli._gedeeld import app, register_app
from klachtclassificatie.web.commando import termijnen, web

app.command("web")(web)
register_app.command("termijnen")(termijnen)

__all__ = ["app"]
