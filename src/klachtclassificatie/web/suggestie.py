"""A model suggestion as the pages show it: labels with probability, choices, marked text."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.classificatie import KlachtModel, Suggestie
from klachtclassificatie.web.markering import markeer, zegt_iets


@dataclass
class Keuze:
    label: str
    kans: float | None  # None for labels outside the model's top three


@dataclass
class DoelWeergave:
    """One target: the top suggestions with probability first, then the other labels."""

    doel: str
    keuzes: list[Keuze]
    voorstel: str
    zeker: bool
    woorden: list[str]
    drempel: float
    set: list[str]
    reden: str | None


def per_doel(model: KlachtModel, suggesties: dict[str, Suggestie]) -> dict[str, DoelWeergave]:
    uit = {}
    for doel, s in suggesties.items():
        top = [Keuze(label, kans) for label, kans in zip(s.labels, s.kansen, strict=True)]
        overig = [Keuze(label, None) for label in voc.LABELS[doel] if label not in s.labels]
        uit[doel] = DoelWeergave(doel, top + overig, s.labels[0], s.zeker, _betekenisvol(s.woorden),
                                 model.drempels[doel], s.set, s.reden)
    return uit


def _betekenisvol(kenmerken: list[str]) -> list[str]:
    """The weighing words as the page lists them: without stop words, punctuation and numbers,
    the same words `markeer` marks ('de werkcoach' is listed as 'werkcoach')."""
    uit: list[str] = []
    for kenmerk in kenmerken:
        woorden = " ".join(w for w in kenmerk.split() if zegt_iets(w))
        if woorden and woorden not in uit:
            uit.append(woorden)
    return uit


def gemarkeerd(model: KlachtModel, tekst: str, suggesties: dict[str, Suggestie]) -> Markup:
    """The text with the words that weighed for each target's first suggestion marked."""
    return markeer(tekst, model.woordposities(tekst), {d: s.woorden for d, s in suggesties.items()})
