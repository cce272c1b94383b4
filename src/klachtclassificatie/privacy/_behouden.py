"""Words that are never redacted, and the keys they are compared by."""

from __future__ import annotations

from collections.abc import Iterable

from klachtclassificatie.privacy._sleutels import _sleutel_tekst
from klachtclassificatie.vocabulaire import GEMEENTEN

#: Words never redacted by default: the gemeenten and their villages, the organisation, its
#: services and the laws complaints are about. Pass `behouden=` to replace the list.
STANDAARD_BEHOUDEN = frozenset(
    {
        *GEMEENTEN.waarden,
        *GEMEENTEN.varianten,
        "Vreeswijk", "Jutphaas", "Galecop", "Batau", "Doorslag", "Fokkesteeg", "Zuilenstein",
        "Hoogzandveld", "Schalkwijk", "'t Goy", "Tull en 't Waal", "Benschop", "Polsbroek",
        "Cabauw", "Jaarsveld", "Lopikerkapel", "Willige Langerak", "Uitweg", "Lopikerwaard",
        "Utrecht", "Lekstroom",
        "WIL", "Mijn WIL", "WIL Lekstroom", "Werk en Inkomen Lekstroom", "KCC", "Klantcontactcentrum",
        "Werkplein", "Geldloket", "Wijkteam", "Sociaal Team", "DigiD", "SHV", "Stadspas",
        "werkcoach", "klantmanager", "consulent", "teamleider", "bewindvoerder", "budgetcoach",
        "jobcoach", "klachtencoördinator", "ombudsman", "wethouder", "gemeente", "kantonrechter",
        "Participatiewet", "Awb", "Bbz", "Tozo", "IOAW", "IOAZ", "SPUK", "WSNP", "Wmo", "Wsnp",
        "bijzondere bijstand", "energietoeslag", "schuldhulpverlening", "Inkomen", "Werk",
        "Inkomensondersteuning", "Bedrijfsvoering", "Handhaving",
        "UWV", "SVB", "CAK", "DUO", "IND", "Belastingdienst", "Toeslagen", "CJIB", "LBIO",
    }
)  # fmt: skip

_STANDAARD_SLEUTELS = frozenset(_sleutel_tekst(w) for w in STANDAARD_BEHOUDEN)


def _behouden_sleutels(behouden: Iterable[str] | None) -> frozenset[str]:
    if behouden is None:
        return _STANDAARD_SLEUTELS
    return frozenset(_sleutel_tekst(w) for w in behouden)
