"""All names, and the addresses and phone numbers deduce adds, in one text.

Combines deduce's findings (cleaned by the name rules of `_namen`) with the names found after
cue words, merges adjacent parts of one name, keeps what the caller wants kept, and finds later
mentions of a name found once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from klachtclassificatie.privacy import _deduce
from klachtclassificatie.privacy._deduce import _Lijsten
from klachtclassificatie.privacy._lui import _Lui
from klachtclassificatie.privacy._namen import (
    _bijnamen,
    _met_voornaam_ervoor,
    _namen_na_aanwijzing,
    _namen_uit_context,
    _opschonen_naam,
    _voeg_namen_samen,
)
from klachtclassificatie.privacy._patronen import _TOEVOEGING
from klachtclassificatie.privacy._sleutels import _sleutel_tekst, _sleutel_telefoon
from klachtclassificatie.privacy._typen import _Vondst

_TOEVOEGING_RE = _Lui(_TOEVOEGING)


def _deduce_vondsten(tekst: str, behouden: frozenset[str]) -> list[_Vondst]:
    lijsten = _deduce._lijsten()
    document = _deduce.deduce_model().deidentify(tekst, disabled=set(_deduce._DEDUCE_UIT))
    namen = list(_namen_uit_context(tekst, behouden, lijsten))
    vondsten = []
    for annotatie in document.annotations:
        soort = _deduce._DEDUCE_TYPE.get(annotatie.tag)
        start, einde = annotatie.start_char, annotatie.end_char
        if soort == "PERSOON":
            span = _opschonen_naam(tekst, start, einde, behouden, lijsten)
            if span is not None:
                namen.append(
                    _met_voornaam_ervoor(tekst, _Vondst(*span, "PERSOON", ""), behouden, lijsten)
                )
        elif soort == "ADRES":
            toevoeging = _TOEVOEGING_RE.match(tekst, einde)
            einde = toevoeging.end() if toevoeging else einde
            vondsten.append(_Vondst(start, einde, "ADRES", _sleutel_tekst(tekst[start:einde])))
        elif soort == "TELEFOON":
            vondsten.append(
                _Vondst(start, einde, "TELEFOON", _sleutel_telefoon(tekst[start:einde]))
            )
    namen += _namen_na_aanwijzing(tekst, behouden, lijsten)
    namen = _buiten_behouden_zinnen(tekst, _voeg_namen_samen(tekst, namen), behouden)
    # a nickname is the same person: "Katarzyna Nowak (Kasia)" gets one placeholder
    bijnamen = list(_bijnamen(tekst, namen, behouden, lijsten))
    plekken = {(b.start, b.einde) for b in bijnamen}
    namen = [v for v in namen if (v.start, v.einde) not in plekken] + bijnamen
    return vondsten + namen + list(_elders_genoemd(tekst, namen, lijsten))


def _elders_genoemd(tekst: str, namen: list[_Vondst], lijsten: _Lijsten) -> Iterable[_Vondst]:
    """Other mentions of a name found once ("ik ben samira ... groetjes samira")."""
    gezien = set()
    for v in namen:
        naam = tekst[v.start : v.einde]
        if naam in gezien or len(naam) < 3 or re.fullmatch(r"(?:\w\.\s*)+", naam):
            continue
        gezien.add(naam)
        # a name that is also a word ("Roos", "Post") only where it is spelled the same
        gewoon = naam.casefold() in lijsten.gewone_woorden or naam.casefold() in lijsten.stopwoorden
        vlaggen = 0 if gewoon else re.IGNORECASE
        for m in re.finditer(rf"(?<![\w.-]){re.escape(naam)}(?![\w-])", tekst, vlaggen):
            yield _Vondst(m.start(), m.end(), "PERSOON", v.sleutel)


@functools.lru_cache(maxsize=8)
def _zinnen_patroon(behouden: frozenset[str]) -> re.Pattern | None:
    zinnen = sorted((z for z in behouden if " " in z), key=len, reverse=True)
    if not zinnen:
        return None
    delen = [r"[\s.]+".join(map(re.escape, z.split())) for z in zinnen]
    return re.compile(r"(?<!\w)(?:" + "|".join(delen) + r")(?!\w)", re.IGNORECASE)


def _buiten_behouden_zinnen(
    tekst: str, namen: list[_Vondst], behouden: frozenset[str]
) -> list[_Vondst]:
    """Drop names inside a kept phrase ("'t Waal" in "Tull en 't Waal")."""
    patroon = _zinnen_patroon(behouden)
    if patroon is None:
        return namen
    plekken = [(m.start(), m.end()) for m in patroon.finditer(tekst)]
    return [v for v in namen if not any(a <= v.start and v.einde <= b for a, b in plekken)]
