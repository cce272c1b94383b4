"""The package's structure: layers, no import cycles, one recipe, one way to write files."""

import ast
import re
from pathlib import Path

import pytest

PAKKET = Path(__file__).parents[1] / "src" / "klachtclassificatie"
#: Lowest first; a package may import from its own layer or a lower one, never from a higher one.
LAGEN = [
    {"fouten", "vocabulaire", "bestanden"},
    {"privacy"},
    {"register"},
    {"jaarverslag", "annotaties", "brieven"},
    {"classificatie"},
    {"beoordelen"},
    {"web"},
    {"cli"},
]


def _modules() -> dict[str, Path]:
    uit = {}
    for pad in PAKKET.rglob("*.py"):
        delen = pad.relative_to(PAKKET).with_suffix("").parts
        if delen[-1] == "__init__":
            delen = delen[:-1]
        uit[".".join(("klachtclassificatie", *delen))] = pad
    return uit


MODULES = _modules()


def _imports(pad: Path) -> set[str]:
    """Every klachtclassificatie module `pad` imports, at the top or inside functions."""
    gevonden = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.module.startswith("klachtclassificatie"):
            for alias in knoop.names:
                volledig = f"{knoop.module}.{alias.name}"
                gevonden.add(volledig if volledig in MODULES else knoop.module)
        elif isinstance(knoop, ast.Import):
            gevonden |= {a.name for a in knoop.names if a.name.startswith("klachtclassificatie")}
    return gevonden


GRAAF = {naam: _imports(pad) - {naam} for naam, pad in MODULES.items()}


def _laag(module: str) -> int | None:
    delen = module.split(".")
    if len(delen) < 2:
        return None
    return next(i for i, laag in enumerate(LAGEN) if delen[1] in laag)


def test_every_package_is_in_a_layer():
    bovenste = {m.split(".")[1] for m in MODULES if "." in m}
    assert bovenste == set().union(*LAGEN)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if "." in m))
def test_no_package_imports_one_above_it(module):
    hoger = [doel for doel in GRAAF[module] if _laag(doel) is not None and _laag(doel) > _laag(module)]
    assert hoger == [], f"{module} importeert een hogere laag: {hoger}"


def test_no_import_cycle():
    """Depth-first search over module imports (lazy imports inside functions count too)."""
    bezig, klaar, cycli = [], set(), []

    def bezoek(module):
        if module in klaar:
            return
        if module in bezig:
            cycli.append(bezig[bezig.index(module):] + [module])
            return
        bezig.append(module)
        for doel in sorted(GRAAF.get(module, ())):
            bezoek(doel)
        bezig.pop()
        klaar.add(module)

    for module in sorted(GRAAF):
        bezoek(module)
    assert cycli == []


def test_modules_stay_under_500_lines():
    lang = {naam: n for naam, pad in MODULES.items() if (n := len(pad.read_text().splitlines())) > 500}
    assert lang == {}


def test_the_pipeline_is_never_cut_outside_the_recipe():
    for naam, pad in MODULES.items():
        if naam.endswith("._recept"):
            continue
        assert not re.search(r"(?:pipeline|\))\[1:\]", pad.read_text()), naam


def test_files_are_replaced_only_by_the_atomic_write_helper():
    for naam, pad in MODULES.items():
        if naam == "klachtclassificatie.bestanden":
            continue
        tekst = pad.read_text()
        assert "os.replace(" not in tekst and ".write_text(" not in tekst and ".write_bytes(" not in tekst, naam
