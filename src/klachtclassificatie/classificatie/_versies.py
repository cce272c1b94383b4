"""Model versions: every trained model is kept beside the active one, so a worse one can be rolled back.

The active model stays at its own path (models/klachtmodel.skops), which every other command
reads. Each model written by training or calibration is first saved as a version in the folder
`versies` beside it (versies/klachtmodel-<versie>.skops, with its card), then copied over the
active model. Activating a version copies it back; the model it replaces is kept as a version
when it was not one yet (a model from before versions existed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from klachtclassificatie.bestanden import atomair_pad, schrijf_atomair
from klachtclassificatie.classificatie._model import KlachtModel, bewaar, kaartpad, laad, lees_kaart
from klachtclassificatie.fouten import ModelError

VERSIEMAP = "versies"


def versiemap(modelpad: Path) -> Path:
    return Path(modelpad).parent / VERSIEMAP


def versiepad(modelpad: Path, versie: str) -> Path:
    modelpad = Path(modelpad)
    return versiemap(modelpad) / f"{modelpad.stem}-{versie}{modelpad.suffix}"


def _versie_van(pad: Path, modelpad: Path) -> str:
    return pad.stem.removeprefix(f"{Path(modelpad).stem}-")


def bewaar_versie(model: KlachtModel, modelpad: Path) -> Path:
    """Save `model` as a version beside `modelpad` and make it the active model; returns the version's path."""
    pad = versiepad(modelpad, model.versie)
    bewaar(model, pad)
    _kopieer(pad, Path(modelpad))
    return pad


def _kopieer(bron: Path, doel: Path) -> None:
    """Copy a model file and its card (naming the new file) to `doel`, atomically, as `bewaar` writes."""
    from klachtclassificatie.classificatie._modelkaart import als_markdown

    kaart = json.loads(kaartpad(bron).read_text(encoding="utf-8")) | {"bestand": doel.name}
    doel.parent.mkdir(parents=True, exist_ok=True)
    with atomair_pad(doel) as tijdelijk:
        shutil.copyfile(bron, tijdelijk)
        schrijf_atomair(kaartpad(doel), json.dumps(kaart, ensure_ascii=False, indent=2) + "\n")
        schrijf_atomair(doel.with_suffix(".md"), als_markdown(kaart))


def _actieve_kaart(modelpad: Path) -> dict | None:
    try:
        return lees_kaart(modelpad) if Path(modelpad).is_file() else None
    except ModelError:
        return None


def lijst(modelpad: Path) -> list[dict]:
    """Every stored version, newest first: version, date, data, key scores and whether it is active.

    A version whose card cannot be read is listed with `fout`; an active model that is not stored
    as a version (trained before versions existed) is listed too, with `bewaard` false.
    """
    modelpad = Path(modelpad)
    actief = _actieve_kaart(modelpad)
    rijen = []
    map_ = versiemap(modelpad)
    paden = sorted(map_.glob(f"{modelpad.stem}-*{modelpad.suffix}")) if map_.is_dir() else []
    for pad in paden:
        try:
            kaart = lees_kaart(pad)
        except ModelError as fout:
            rijen.append({"versie": _versie_van(pad, modelpad), "pad": str(pad), "actief": False,
                          "bewaard": True, "fout": str(fout)})
            continue
        rijen.append(_rij(kaart, _versie_van(pad, modelpad), pad,
                          actief=actief is not None and actief.get("sha256") == kaart["sha256"]))
    if actief is not None and not any(r["actief"] for r in rijen):
        rijen.append(_rij(actief, actief["versie"], modelpad, actief=True) | {"bewaard": False})
    return sorted(rijen, key=lambda r: r.get("datum", ""), reverse=True)


def _rij(kaart: dict, versie: str, pad: Path, *, actief: bool) -> dict:
    scores = {}
    for doel, info in kaart["doelen"].items():
        test = (kaart.get("testsplit") or {}).get(doel)
        scores[doel] = {"kruisvalidatie_macro_f1": info["kruisvalidatie"].get("macro_f1"),
                        "testsplit_macro_f1": test.get("macro_f1") if test else None,
                        "dekking": info["drempel"].get("dekking")}
    register = kaart.get("register") or {}
    return {"versie": versie, "pad": str(pad), "actief": actief, "bewaard": True, "datum": kaart["datum"],
            "teksten": kaart["trainingsdata"].get("n"), "registerklachten": register.get("n", 0),
            "gekalibreerd_op": (kaart.get("kalibratie") or {}).get("bron"), "scores": scores}


def activeer(modelpad: Path, versie: str) -> dict:
    """Make a stored version the active model; returns its card.

    The version is loaded first (card, hash, versions, trusted types), so a damaged file is never
    activated. The active model it replaces is stored as a version first when it is not one yet.
    Raises ModelError for an unknown or damaged version.
    """
    modelpad = Path(modelpad)
    pad = versiepad(modelpad, versie)
    if not pad.is_file():
        bekend = [r["versie"] for r in lijst(modelpad) if r["bewaard"]]
        raise ModelError(f"versie {versie} niet gevonden in {versiemap(modelpad)}; bewaarde versies: "
                         f"{', '.join(bekend) or 'geen'} (zie 'klachten model lijst')")
    try:
        model = laad(pad)
    except ModelError as fout:
        raise ModelError(f"versie {versie} wordt niet geactiveerd: {fout}") from fout
    actief = _actieve_kaart(modelpad)
    if actief is not None and not any(r["actief"] and r["bewaard"] for r in lijst(modelpad)):
        # never lose the active model: keep it as a version before it is replaced
        bewaren = versiepad(modelpad, actief["versie"])
        if bewaren.exists():
            bewaren = versiepad(modelpad, f"{actief['versie']}-{actief['sha256'][:8]}")
        _kopieer(modelpad, bewaren)
    _kopieer(pad, modelpad)
    return model.kaart
