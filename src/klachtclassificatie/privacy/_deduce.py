"""deduce: loading its model and word lists once per process, and which of its findings count.

deduce (Dutch, rule-based, offline) finds names and the street addresses and phone numbers the
patterns miss. Loading it is slow (its lookup tables), so nothing here runs at import time.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from klachtclassificatie.privacy._lui import _woordenset

_LOG = logging.getLogger(__package__)

# Processors whose findings are not personal data here (places, institutions, ages) or that the
# patterns in _patronen do better (BSN, e-mail, postcode, dates: deduce reads "1 juli 16 uur" as a
# date); the redactor is ours.
_DEDUCE_UIT = frozenset(
    {
        "placename", "postal_code", "postbus", "hospital", "institution", "age", "bsn",
        "identifier", "email", "url", "dates", "clean_street_tags", "merge_adjacent_annotations",
        "redactor",
    }
)  # fmt: skip
_DEDUCE_TYPE = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "straat+huisnummer": "ADRES",
    "straat+huisnummer+huisnummerletter": "ADRES",
    "telefoonnummer": "TELEFOON",
}

# Capitalised non-names that deduce's name lists contain (months, weekdays, languages).
_GEEN_NAMEN = _woordenset(
    "januari februari maart april mei juni juli augustus september oktober november december",
    "january february march may june july august october",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "nederlands engels arabisch turks pools berbers frans duits spaans tigrinya somalisch",
    "my can will",
)
@dataclass(frozen=True)
class _Lijsten:
    """deduce's word lists, lowercased, for the checks deduce itself does not make."""

    voornamen: frozenset[str]
    achternamen: frozenset[str]
    gewone_woorden: frozenset[str]
    stopwoorden: frozenset[str]


def _deduce_cachemap(deduce) -> Path:
    """Where deduce keeps its lookup cache: its own data folder, or a user folder if read-only."""
    eigen = Path(deduce.__file__).parent / "data" / "lookup"
    if os.access(eigen / "cache", os.W_OK):
        return eigen  # deduce's default
    basis = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return basis / "klachtclassificatie" / f"deduce-{deduce.__version__}"


def _importeer_deduce():
    # deduce calls logging.basicConfig(level=DEBUG) on stdout when imported; undo that so the
    # application's own logging and output stay as they were.
    root = logging.getLogger()
    handlers, niveau = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(niveau)
    return deduce


@functools.cache
def deduce_model():
    """The deduce model, built once per process (seconds; the very first time a minute or more).

    deduce reads its lookup tables from a pickle cache (about 80 MB) that it builds and writes
    on first use, in its own package folder (or under ~/.cache when that is read-only).
    """
    deduce = _importeer_deduce()
    cachemap = _deduce_cachemap(deduce)
    if not (cachemap / "cache" / "lookup_structs.pickle").exists():
        _LOG.warning(
            "deduce bouwt eenmalig zijn opzoektabellen in %s; dat duurt 1-2 minuten", cachemap
        )
    # Unpickling millions of small objects is three times faster without the cycle collector
    # (about 2 instead of 7 seconds).
    was_aan = gc.isenabled()
    gc.disable()
    try:
        model = deduce.Deduce(cache_path=cachemap)
    finally:
        if was_aan:
            gc.enable()
    # The tables live as long as the process; without this every full collection would walk
    # them again (3-4 seconds each).
    gc.freeze()
    return model


@functools.cache
def _lijsten() -> _Lijsten:
    deduce = _importeer_deduce()
    from deduce.lookup_structs import load_raw_itemsets

    basis = Path(deduce.__file__).parent / "data" / "lookup"
    namen = {
        "first_name": "names/lst_first_name",
        "surname": "names/lst_surname",
        "interfix_surname": "names/lst_interfix_surname",
        "common_word": "whitelist/lst_common_word",
        "stop_word": "whitelist/lst_stop_word",
    }
    ruw = load_raw_itemsets(base_path=basis, subdirs=list(namen.values()))

    def klein(naam: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in ruw[naam])

    return _Lijsten(
        voornamen=klein("first_name"),
        achternamen=klein("surname") | klein("interfix_surname"),
        gewone_woorden=klein("common_word") | _GEEN_NAMEN,
        stopwoorden=klein("stop_word"),
    )
