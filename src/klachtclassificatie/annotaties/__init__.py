"""Annotations: labelled complaint texts, the case register behind the case-based texts, their checks."""

from klachtclassificatie.annotaties._bestanden import (
    ANNOTATOREN,
    VERPLICHTE_KOLOMMEN,
    annotatiebestanden,
    groepen,
    lees_annotaties,
    testsplit,
    trainingssplit,
)
from klachtclassificatie.annotaties._controle import (
    BIJNA_DUBBEL_DREMPEL,
    MINIMUM_PER_COMBINATIE,
    MINIMUM_PER_LABEL,
    Controle,
    controleer,
    overeenstemming,
    zoek_dubbelen,
)
from klachtclassificatie.annotaties._export import exporteer_bevestigde
from klachtclassificatie.annotaties._gevallen import GEVALLEN, beschrijf_gevallen, lees_gevallen

__all__ = [
    "ANNOTATOREN",
    "BIJNA_DUBBEL_DREMPEL",
    "GEVALLEN",
    "MINIMUM_PER_COMBINATIE",
    "MINIMUM_PER_LABEL",
    "VERPLICHTE_KOLOMMEN",
    "Controle",
    "annotatiebestanden",
    "beschrijf_gevallen",
    "controleer",
    "exporteer_bevestigde",
    "groepen",
    "lees_annotaties",
    "lees_gevallen",
    "overeenstemming",
    "testsplit",
    "trainingssplit",
    "zoek_dubbelen",
]
