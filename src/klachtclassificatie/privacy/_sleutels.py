"""Normalisation: one key per value, so every spelling of it gets the same placeholder."""

from __future__ import annotations

import re
import unicodedata


def _zonder_accenten(tekst: str) -> str:
    tekst = unicodedata.normalize("NFKD", tekst)
    return "".join(c for c in tekst if not unicodedata.combining(c))


def _cijfers(tekst: str) -> str:
    return re.sub(r"\D", "", tekst)


def _sleutel_telefoon(waarde: str) -> str:
    cijfers = _cijfers(waarde)
    if re.match(r"\s*(?:\+|00)\s*31", waarde):
        return "0" + cijfers[4 if waarde.lstrip().startswith("00") else 2 :].lstrip("0")
    if waarde.lstrip().startswith(("+", "00")):
        return "+" + cijfers.removeprefix("00")
    return cijfers


def _sleutel_tekst(waarde: str) -> str:
    return " ".join(_zonder_accenten(waarde).casefold().replace(".", " ").split())


def _sleutel_compact(waarde: str) -> str:
    return re.sub(r"[\s.\-]", "", waarde).upper()
