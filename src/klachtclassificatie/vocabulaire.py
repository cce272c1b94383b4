"""The domain vocabulary: canonical spellings of every coded field and the variants people type."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from klachtclassificatie.fouten import VocabulaireError


def _sleutel(waarde: str) -> str:
    """Reduce a typed value to a comparison key: case, accents, spacing and punctuation ignored."""
    tekst = unicodedata.normalize("NFKD", waarde)
    tekst = "".join(c for c in tekst if not unicodedata.combining(c)).lower()
    tekst = re.sub(r"[\s_\-.]+", " ", tekst)
    tekst = re.sub(r"\s*/\s*", "/", tekst)
    return tekst.strip()


@dataclass(frozen=True)
class Vocabulaire:
    """A closed list of canonical values with the variants that normalise to each of them."""

    naam: str
    waarden: tuple[str, ...]
    varianten: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lookup = {_sleutel(w): w for w in self.waarden}
        for variant, canoniek in self.varianten.items():
            if canoniek not in self.waarden:
                raise ValueError(f"variant {variant!r} points at unknown value {canoniek!r}")
            lookup[_sleutel(variant)] = canoniek
        object.__setattr__(self, "_lookup", lookup)

    def normaliseer(self, waarde: str) -> str:
        """Return the canonical spelling of `waarde`.

        Raises VocabulaireError naming the allowed values when it is unknown.
        """
        canoniek = self._lookup.get(_sleutel(str(waarde)))
        if canoniek is None:
            toegestaan = ", ".join(self.waarden)
            raise VocabulaireError(
                f"onbekende {self.naam} '{str(waarde).strip()}'; toegestaan: {toegestaan}"
            )
        return canoniek

    def __contains__(self, waarde: object) -> bool:
        return isinstance(waarde, str) and _sleutel(waarde) in self._lookup

    def __iter__(self):
        return iter(self.waarden)

    def __len__(self) -> int:
        return len(self.waarden)


BEJEGENING = "bejegening"
INFORMATIE = "informatie/nalatigheid"
AFHANDELINGSDUUR = "afhandelingsduur"

CATEGORIEEN = Vocabulaire(
    "categorie",
    (BEJEGENING, INFORMATIE, AFHANDELINGSDUUR),
    {
        "Gebrekkige informatie/nalatigheid": INFORMATIE,
        "gebrekkige informatie": INFORMATIE,
        "informatie": INFORMATIE,
        "nalatigheid": INFORMATIE,
        "informatie nalatigheid": INFORMATIE,
        "informatie en nalatigheid": INFORMATIE,
        "onjuiste informatie": INFORMATIE,
        "bejegenen": BEJEGENING,
        "behandelingsduur": AFHANDELINGSDUUR,
        "afhandeltermijn": AFHANDELINGSDUUR,
        "duur": AFHANDELINGSDUUR,
    },
)

PROGRAMMAONDERDELEN = Vocabulaire(
    "programmaonderdeel",
    ("Inkomen", "SHV", "Inkomensondersteuning", "Werk", "Bedrijfsvoering"),
    {
        "schuldhulpverlening": "SHV",
        "schuldhulp": "SHV",
        "schulddienstverlening": "SHV",
        "inkomens ondersteuning": "Inkomensondersteuning",
        "minimabeleid": "Inkomensondersteuning",
        "werk en participatie": "Werk",
        "afdeling werk": "Werk",
        "bedrijfs voering": "Bedrijfsvoering",
    },
)

#: The two things the classifier suggests, and per target the labels it may take.
DOELEN = ("categorie", "programmaonderdeel")
LABELS = {"categorie": CATEGORIEEN, "programmaonderdeel": PROGRAMMAONDERDELEN}

GEMEENTEN = Vocabulaire(
    "gemeente",
    ("IJsselstein", "Houten", "Nieuwegein", "Lopik"),
    {"Ysselstein": "IJsselstein", "Ijselstein": "IJsselstein", "IJselstein": "IJsselstein"},
)

GEGROND = "gegrond"
GEDEELTELIJK_GEGROND = "gedeeltelijk gegrond"

RESULTATEN = Vocabulaire(
    "resultaat",
    (
        GEGROND,
        GEDEELTELIJK_GEGROND,
        "ongegrond",
        "wederzijdse overeenstemming",
        "ingetrokken",
        "niet ontvankelijk",
    ),
    {
        "deels gegrond": GEDEELTELIJK_GEGROND,
        "gedeeltelijk": GEDEELTELIJK_GEGROND,
        "niet-ontvankelijk": "niet ontvankelijk",
        "nietontvankelijk": "niet ontvankelijk",
        "onontvankelijk": "niet ontvankelijk",
        "overeenstemming": "wederzijdse overeenstemming",
        "wederzijds overeenstemming": "wederzijdse overeenstemming",
        "opgelost": "wederzijdse overeenstemming",
    },
)

#: Results whose summaries the annual report lists.
GEGRONDE_RESULTATEN = (GEGROND, GEDEELTELIJK_GEGROND)

PROCEDURES = Vocabulaire(
    "procedure",
    ("informeel", "formeel"),
    {"informele procedure": "informeel", "formele procedure": "formeel"},
)

KANALEN = Vocabulaire(
    "kanaal",
    (
        "webformulier",
        "e-mail",
        "telefoon",
        "brief",
        "balie",
        "via medewerker",
        "via wethouder",
        "via ombudsman",
    ),
    {
        "klachtenformulier": "webformulier",
        "digitaal klachtenformulier": "webformulier",
        "website": "webformulier",
        "formulier": "webformulier",
        "email": "e-mail",
        "mail": "e-mail",
        "telefonisch": "telefoon",
        "post": "brief",
        "per brief": "brief",
        "loket": "balie",
        "medewerker": "via medewerker",
        "wethouder": "via wethouder",
        "ombudsman": "via ombudsman",
        "sociaal ombudsman": "via ombudsman",
        "nationale ombudsman": "via ombudsman",
    },
)

JA_NEE = Vocabulaire(
    "ja/nee-waarde",
    ("ja", "nee"),
    {
        "j": "ja",
        "y": "ja",
        "yes": "ja",
        "true": "ja",
        "waar": "ja",
        "1": "ja",
        "x": "ja",
        "n": "nee",
        "no": "nee",
        "false": "nee",
        "onwaar": "nee",
        "0": "nee",
    },
)


def ja_nee(waarde: str) -> bool:
    """Read a yes/no cell as typed in a spreadsheet; raises VocabulaireError otherwise."""
    return JA_NEE.normaliseer(waarde) == "ja"
