"""Calibrating thresholds and prediction sets on the coordinator's own confirmed complaints.

The model's thresholds and sets are first calibrated on case-based texts the model did not see in
training. Once a register holds enough confirmed complaints (real texts of this organisation, which
the model never trained on), they are a better calibration set: `kalibreer` refits both on them and
records that in the model card, as a new model version.
"""

from __future__ import annotations

from datetime import datetime

from klachtclassificatie.classificatie._maten import (
    STANDAARD_NAUWKEURIGHEID,
    kies_drempel,
    setmaten,
)
from klachtclassificatie.classificatie._model import DOELEN, KlachtModel
from klachtclassificatie.classificatie._zekerheid import nonconformiteit, voorspellingssets
from klachtclassificatie.fouten import ModelError

#: Fewer confirmed complaints than this give thresholds and sets too uncertain to replace the card's.
MINIMUM_BEVESTIGD = 100


def kalibreer(model: KlachtModel, klachten, *, bron: str,
              nauwkeurigheid: float = STANDAARD_NAUWKEURIGHEID) -> KlachtModel:
    """The model with thresholds and prediction sets refitted on a register's confirmed complaints.

    `klachten` is a frame of the register's complaints; only those with confirmed labels and a
    text count. Raises ModelError when there are fewer than MINIMUM_BEVESTIGD, or when the model
    was trained on a register's complaints.
    """
    from klachtclassificatie.register import splits_bevestigd

    if getraind := model.kaart.get("register"):
        # its thresholds were already chosen on those complaints, held out; in-sample they would flatter
        raise ModelError(f"dit model is getraind met {getraind['n']} bevestigde klachten uit een register "
                         "(klachten train --register); drempels en sets zijn daarbij al op die klachten "
                         "afgesteld, buiten de vouw. Kalibreren op dezelfde klachten zou te rooskleurig zijn")

    bevestigd, _ = splits_bevestigd(klachten)
    bevestigd = bevestigd[bevestigd["tekst"].str.strip() != ""]
    if len(bevestigd) < MINIMUM_BEVESTIGD:
        raise ModelError(f"het register {bron} heeft {len(bevestigd)} bevestigde klachten met tekst; "
                         f"er zijn er minstens {MINIMUM_BEVESTIGD} nodig om op te kalibreren")
    ruw = model.met_labelmix(None)
    voorbewerkt = ruw.voorbewerk(bevestigd["tekst"].tolist())
    per_doel = ruw.alle_kansen(voorbewerkt)
    kaart = {**model.kaart, "doelen": {d: dict(info) for d, info in model.kaart["doelen"].items()}}
    drempels = dict(model.drempels)
    for doel in DOELEN:
        klassen, kansen = per_doel[doel]
        y = bevestigd[doel].to_numpy()
        drempel = kies_drempel(y, kansen, klassen, nauwkeurigheid=nauwkeurigheid)
        scores = nonconformiteit(y, kansen, klassen)
        sets = voorspellingssets(kansen, scores, betrouwbaarheid=model.betrouwbaarheid)
        drempels[doel] = drempel["drempel"]
        kaart["doelen"][doel]["drempel"] = drempel
        kaart["doelen"][doel]["conformeel"] = {
            "geijkt_op": f"{len(y)} bevestigde klachten uit register {bron}",
            "n": int(len(y)),
            "nonconformiteit": [round(float(a), 4) for a in scores],
            "gemeten": {"betrouwbaarheid": model.betrouwbaarheid, **setmaten(y, sets, klassen),
                        "let_op": "gemeten op dezelfde klachten als waarop geijkt is"},
        }
    # a recalibrated model decides "zeker" differently: it is a version of its own
    nu = datetime.now().astimezone()
    basis = (model.kaart.get("kalibratie") or {}).get("van", model.versie)
    kaart["versie"] = f"{basis}-k{nu:%Y%m%d-%H%M%S}"
    kaart["kalibratie"] = {"bron": bron, "n": int(len(bevestigd)), "van": basis,
                           "datum": nu.isoformat(timespec="seconds")}
    return KlachtModel(model.pipelines, drempels, kaart)
