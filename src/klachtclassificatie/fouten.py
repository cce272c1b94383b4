"""Exception hierarchy: every error a user can cause is a KlachtError with a Dutch message."""

from __future__ import annotations

from dataclasses import dataclass


class KlachtError(Exception):
    """Base class for errors caused by input, files or models; the CLI shows them as one line."""


class VocabulaireError(KlachtError):
    """A value that is not in the domain vocabulary."""


@dataclass(frozen=True)
class Probleem:
    """One problem found in an input file: where it is and what is wrong."""

    rij: int | None
    kolom: str | None
    melding: str

    def __str__(self) -> str:
        plaats = []
        if self.rij is not None:
            plaats.append(f"rij {self.rij}")
        if self.kolom:
            plaats.append(f"kolom '{self.kolom}'")
        return f"{', '.join(plaats)}: {self.melding}" if plaats else self.melding


class BestandError(KlachtError):
    """A file that cannot be read or is rejected; carries every problem found, not only the first."""

    def __init__(self, bestand, problemen: list[Probleem] | str):
        if isinstance(problemen, str):
            problemen = [Probleem(None, None, problemen)]
        self.bestand = bestand
        self.problemen = list(problemen)
        super().__init__(self._tekst())

    def _tekst(self) -> str:
        if len(self.problemen) == 1:
            return f"{self.bestand}: {self.problemen[0]}"
        regels = [f"{self.bestand}: {len(self.problemen)} problemen gevonden, niets opgeslagen:"]
        regels += [f"  - {p}" for p in self.problemen]
        return "\n".join(regels)


class RegisterError(KlachtError):
    """The register database cannot be opened or is inconsistent."""


class GebruikerError(KlachtError):
    """An account that cannot be added, found or used (web app in team mode)."""


class TeVeelPogingenError(GebruikerError):
    """Logging in is refused for a while after too many failed attempts."""


class AnnotatieError(KlachtError):
    """Annotation files that fail validation."""


class ModelError(KlachtError):
    """A model file that is missing, tampered with or incompatible."""


class ClusterError(KlachtError):
    """A Dask cluster for `klachten label --dask` cannot be reached or used."""
