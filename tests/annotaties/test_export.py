"""Confirmed register complaints appended to the annotations."""

import pandas as pd

from klachtclassificatie.annotaties import exporteer_bevestigde
from klachtclassificatie.bestanden import lees_tabel


def test_appended_texts_hold_no_formulas_and_read_back_unchanged(tmp_path):
    klachten = pd.DataFrame({
        "klachtnummer": ["K1"], "tekst": ["=HYPERLINK(\"http://x\") kwam niet aan"],
        "categorie": ["bejegening"], "programmaonderdeel": ["Werk"], "kanaal": ["-"],
        "labels_bevestigd": [1],
    })
    doel = tmp_path / "bevestigd.csv"
    assert exporteer_bevestigde(klachten, doel, annotatiemap=tmp_path / "leeg") == 1
    assert "'=HYPERLINK" in doel.read_text(encoding="utf-8") and ",'-," in doel.read_text(encoding="utf-8")
    [(_, rij)] = lees_tabel(doel).rijen
    assert (rij["tekst"], rij["kanaal"]) == ("=HYPERLINK(\"http://x\") kwam niet aan", "-")
