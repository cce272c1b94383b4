"""Building blocks of the patterns: regular expressions compiled on first use, and word sets."""

from __future__ import annotations

import functools
import re


def _woordenset(*regels: str) -> frozenset[str]:
    return frozenset(" ".join(regels).split())


class _Lui:
    """A regular expression compiled on first use, so importing this module stays cheap."""

    def __init__(self, patroon: str, vlaggen: int = 0):
        self.patroon, self.vlaggen = patroon, vlaggen

    @functools.cached_property
    def _re(self) -> re.Pattern:
        return re.compile(self.patroon, self.vlaggen)

    def __getattr__(self, naam: str):
        return getattr(self._re, naam)
