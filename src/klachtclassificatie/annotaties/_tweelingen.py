"""Scenario twins: written test texts that retell a situation a training text already tells.

A reader judged, for each written test text, the training texts a similarity search found
closest: is it the same concrete situation (`zelfde_scenario` ja) or only the same theme (nee)?
A test text with a twin measures recognition of a familiar situation, not generalisation, so
the scores are reported for the test texts without one as well.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klachtclassificatie.annotaties._gevallen import lees_rijen
from klachtclassificatie.fouten import Probleem

#: File name of the twin judgements inside an annotation folder (it is not an annotation file).
TWEELINGEN = "scenariotweelingen.csv"
VERPLICHTE_KOLOMMEN = ("test_id", "train_id", "zelfde_scenario", "twijfel", "lezer")
JANEE = ("ja", "nee")


def lees_tweelingen(pad: Path) -> tuple[pd.DataFrame, list[Probleem]]:
    """Read and check the twin judgements; returns the pairs and every problem (row and column)."""
    sleutels, rijen, problemen = lees_rijen(pad, VERPLICHTE_KOLOMMEN, "de scenariotweelingen")
    gezien = {}
    for rij in rijen:
        rijnummer = rij["rij"]
        problemen += [Probleem(rijnummer, sleutels[k], "leeg") for k in ("test_id", "train_id", "lezer")
                      if not rij[k]]
        problemen += [Probleem(rijnummer, sleutels[k], f"vul ja of nee in, niet '{rij[k]}'")
                      for k in ("zelfde_scenario", "twijfel") if rij[k] not in JANEE]
        paar = (rij["test_id"], rij["train_id"])
        if paar in gezien:
            problemen.append(Probleem(rijnummer, sleutels["train_id"],
                                      f"het paar {paar[0]}–{paar[1]} staat ook op rij {gezien[paar]}"))
        gezien.setdefault(paar, rijnummer)
    return pd.DataFrame(rijen), problemen


def met_tweeling(paren: pd.DataFrame) -> set[str]:
    """The test ids judged to retell the situation of at least one training text."""
    if paren.empty:
        return set()
    return set(paren.loc[paren["zelfde_scenario"] == "ja", "test_id"])


def onbekende_ids(paren: pd.DataFrame, test_ids: set[str], train_ids: set[str]) -> list[Probleem]:
    """Pairs that name a test or training id no annotation file has."""
    problemen = []
    for rij in paren.itertuples():
        if rij.test_id not in test_ids:
            problemen.append(Probleem(rij.rij, "test_id", f"'{rij.test_id}' staat in geen testbestand"))
        if rij.train_id not in train_ids:
            problemen.append(Probleem(rij.rij, "train_id",
                                      f"'{rij.train_id}' staat in geen trainingsbestand"))
    return problemen
