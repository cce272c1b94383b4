"""Putting it together: overlaps, numbering, placeholders, and redacting until nothing changes."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from klachtclassificatie.privacy._behouden import _behouden_sleutels
from klachtclassificatie.privacy._lui import _Lui
from klachtclassificatie.privacy._naamvondsten import _deduce_vondsten
from klachtclassificatie.privacy._patronen import _snelle_vondsten
from klachtclassificatie.privacy._sleutels import _sleutel_tekst
from klachtclassificatie.privacy._typen import TYPES, Redactie, Vervanging, _Vondst

# ---------------------------------------------------------------------------------------------
# Putting it together

# Higher wins an overlap: validated and keyword-anchored values before guessed ones.
_PRIORITEIT = {
    "EMAIL": 9,
    "IBAN": 8,
    "KLANTNUMMER": 7,
    "BSN": 6,
    "TELEFOON": 5,
    "NUMMER": 4,
    "POSTCODE": 3,
    "DATUM": 2,
    "ADRES": 1,
    "PERSOON": 0,
}

_PLACEHOLDER = _Lui(r"\[(" + "|".join(TYPES) + r")-(\d+)\]")


def _maskeer_placeholders(tekst: str) -> tuple[str, bytearray, dict[str, int]]:
    """Hide existing placeholders from every detector.

    Returns the masked text, which characters were placeholders and the highest number per type.
    """
    hoogste: dict[str, int] = defaultdict(int)
    bezet = bytearray(len(tekst))
    for m in _PLACEHOLDER.finditer(tekst):
        hoogste[m[1]] = max(hoogste[m[1]], int(m[2]))
        bezet[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return _PLACEHOLDER.sub(_masker, tekst), bezet, hoogste


def _masker(m: re.Match) -> str:
    # Word characters, so patterns treat a placeholder like the value it replaced; a postcode
    # keeps its shape, so the place after it is still read as a place ("[POSTCODE-1] Langerak").
    if m[1] == "POSTCODE":
        return "_" * (len(m[0]) - 7) + "0000 AA"
    return "_" * len(m[0])


def _kies(
    vondsten: Iterable[_Vondst], behouden: frozenset[str], tekst: str, bezet: bytearray
) -> list[_Vondst]:
    """Non-overlapping spans outside placeholders: higher priority first, then the longer one."""
    vondsten = {v for v in vondsten if v.einde > v.start and not any(bezet[v.start : v.einde])}
    # A span inside a longer one is part of that value ("0417164300" inside an IBAN).
    binnen = {
        v
        for v in vondsten
        for w in vondsten
        if w.start <= v.start and v.einde <= w.einde and (w.einde - w.start) > (v.einde - v.start)
    }

    def rang(v: _Vondst) -> tuple[int, int, int]:
        return -_PRIORITEIT[v.type], -(v.einde - v.start), v.start

    # the contained ones get a second chance when the span around them lost to another
    volgorde = sorted(vondsten - binnen, key=rang) + sorted(binnen, key=rang)
    bezet = bytearray(bezet)
    gekozen = []
    for v in volgorde:
        if any(bezet[v.start : v.einde]):
            continue
        if _sleutel_tekst(tekst[v.start : v.einde]) in behouden:
            continue
        bezet[v.start : v.einde] = b"\x01" * (v.einde - v.start)
        gekozen.append(v)
    return sorted(gekozen, key=lambda v: v.start)


def _naamtokens(sleutel: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s.]+", sleutel) if t)


def _zelfde_persoon(kort: tuple[str, ...], lang: tuple[str, ...]) -> bool:
    """'Jansen', 'J. Jansen' and 'Jan Jansen' can be the same person as 'Jan Jansen'."""
    if not kort or len(kort) > len(lang):
        return False
    if len(kort) == 1 and kort[0] == lang[0] and len(lang) > 1 and len(kort[0]) > 1:
        return True  # a first name alone
    achternaam = [t for t in kort if len(t) > 1]
    if not achternaam or tuple(lang[-len(achternaam) :]) != tuple(achternaam):
        return False
    voorletters = [t for t in kort if len(t) == 1]
    return all(a[:1] == b for a, b in zip(lang, voorletters, strict=False))


def _personen_samenvoegen(sleutels: list[str]) -> dict[str, str]:
    """Map each name key to the key of the person it refers to (its longest spelling)."""
    langste_eerst = sorted(set(sleutels), key=lambda s: (-len(_naamtokens(s)), -len(s), s))
    naar: dict[str, str] = {}
    for sleutel in langste_eerst:
        tokens = _naamtokens(sleutel)
        kandidaten = {
            naar[ander]
            for ander in naar
            if naar[ander] == ander and _zelfde_persoon(tokens, _naamtokens(ander))
        }
        naar[sleutel] = kandidaten.pop() if len(kandidaten) == 1 else sleutel
    return naar


class _Nummering:
    """Placeholders handed out so far in one text: the same (type, value) keeps its number."""

    def __init__(self, hoogste: dict[str, int]):
        self.teller = Counter(hoogste)
        self.nummers: dict[tuple[str, str], str] = {}

    def placeholder(self, soort: str, sleutel: str) -> str:
        if (soort, sleutel) not in self.nummers:
            self.teller[soort] += 1
            self.nummers[soort, sleutel] = f"[{soort}-{self.teller[soort]}]"
        return self.nummers[soort, sleutel]


def _vervang(tekst: str, gekozen: list[_Vondst], nummering: _Nummering) -> Redactie:
    personen = _personen_samenvoegen([v.sleutel for v in gekozen if v.type == "PERSOON"])
    delen, vervangingen, positie = [], [], 0
    for v in gekozen:
        sleutel = personen[v.sleutel] if v.type == "PERSOON" else v.sleutel
        placeholder = nummering.placeholder(v.type, sleutel)
        delen += [tekst[positie : v.start], placeholder]
        vervangingen.append(
            Vervanging(v.type, tekst[v.start : v.einde], placeholder, v.start, v.einde)
        )
        positie = v.einde
    delen.append(tekst[positie:])
    return Redactie("".join(delen), vervangingen)


def _ronde(tekst: str, snel: bool, sleutels: frozenset[str], nummering: _Nummering) -> Redactie:
    gemaskeerd, bezet, _ = _maskeer_placeholders(tekst)
    vondsten = _snelle_vondsten(gemaskeerd)
    if not snel:
        vondsten += _deduce_vondsten(gemaskeerd, sleutels)
    return _vervang(tekst, _kies(vondsten, sleutels, gemaskeerd, bezet), nummering)


def _naar_origineel(eerder: list[Vervanging], later: list[Vervanging]) -> list[Vervanging]:
    """Spans found in a redacted text, moved back to the original text it came from."""
    verschuivingen = []
    verschil = 0
    for v in eerder:  # where each placeholder ended in the redacted text, and the shift after it
        verschil += (v.einde - v.start) - len(v.placeholder)
        verschuivingen.append((v.einde - verschil, verschil))
    uit = []
    for w in later:
        verschil = 0
        for einde_in_redactie, na in verschuivingen:
            if einde_in_redactie <= w.start:
                verschil = na
        uit.append(
            Vervanging(w.type, w.waarde, w.placeholder, w.start + verschil, w.einde + verschil)
        )
    return uit


_MAX_RONDES = 5


def redigeer(tekst: str, *, snel: bool = False, behouden: Iterable[str] | None = None) -> Redactie:
    """Replace the personal data in `tekst` by placeholders such as [PERSOON-1] and [BSN-1].

    The same value gets the same placeholder throughout the text, whatever its spelling. With
    `snel=True` only the fast patterns run (no deduce, so no names). `behouden` lists words that
    are never replaced (default STANDAARD_BEHOUDEN). Placeholders already in the text are left
    alone, so redacting twice changes nothing more.
    """
    sleutels = _behouden_sleutels(behouden)
    nummering = _Nummering(_maskeer_placeholders(tekst)[2])
    redactie = _ronde(tekst, snel, sleutels, nummering)
    # Replacing a value changes what its neighbours look like to the patterns; search the result
    # again until nothing new turns up, so that redacting the output changes nothing more.
    for _ in range(_MAX_RONDES):
        if not redactie.vervangingen:
            break
        volgende = _ronde(redactie.tekst, snel, sleutels, nummering)
        if not volgende.vervangingen:
            break
        nieuw = _naar_origineel(redactie.vervangingen, volgende.vervangingen)
        redactie = Redactie(
            volgende.tekst, sorted(redactie.vervangingen + nieuw, key=lambda v: v.start)
        )
    return redactie


def redigeer_snel(tekst: str) -> str:
    """The text with the fast patterns' findings replaced (no names); used before classification."""
    return redigeer(tekst, snel=True).tekst
