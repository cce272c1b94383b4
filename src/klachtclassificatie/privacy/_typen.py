"""The placeholder types and the results of a redaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

#: Placeholder types, in the order reports list them.
TYPES = (
    "PERSOON",
    "BSN",
    "NUMMER",
    "TELEFOON",
    "EMAIL",
    "ADRES",
    "POSTCODE",
    "IBAN",
    "DATUM",
    "KLANTNUMMER",
)

# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Vervanging:
    """One replaced span; `start` and `einde` index the original text."""

    type: str
    waarde: str
    placeholder: str
    start: int
    einde: int


@dataclass
class Redactie:
    """A redacted text with every replacement made in it."""

    tekst: str
    vervangingen: list[Vervanging]

    def tellingen(self) -> dict[str, int]:
        """Distinct values (placeholders) per type, only the types that occur."""
        per_type: dict[str, set[str]] = defaultdict(set)
        for v in self.vervangingen:
            per_type[v.type].add(v.placeholder)
        return {t: len(per_type[t]) for t in TYPES if per_type[t]}


@dataclass(frozen=True)
class _Vondst:
    """A candidate span before overlaps are resolved; `sleutel` identifies the value."""

    start: int
    einde: int
    type: str
    sleutel: str
