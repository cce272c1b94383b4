"""Training: model selection on folds grouped by source or writer, thresholds, prediction sets, the card."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from klachtclassificatie.classificatie import _gevalgewichten, _maten
from klachtclassificatie.classificatie._kalibreren import herschaal, met_temperatuur, temperatuur
from klachtclassificatie.classificatie._model import (
    DOELEN,
    KAARTFORMAAT,
    MODELNAAM,
    KlachtModel,
    bibliotheekversies,
)
from klachtclassificatie.classificatie._recept import (
    FOLDS,
    fit_doelen,
    kansen_buiten_vouw,
    maak_vouwen,
    voorbewerk_trainingsteksten,
    voorspellingen_buiten_vouw,
)
from klachtclassificatie.classificatie._registerleren import (
    GEWICHTEN,
    gewichtvector,
    kies_gewicht,
    uit_register,
)
from klachtclassificatie.classificatie._verschuiving import (
    kies_verschuiving,
    met_verschuiving,
    verschuif,
)
from klachtclassificatie.classificatie._voorbewerking import beschrijf_spacy, kies_spacy_model
from klachtclassificatie.classificatie._zekerheid import nonconformiteit, voorspellingssets

#: Candidate settings compared by cross-validation: two model families, three strengths each.
RASTER = [
    *({"classificator": "logreg", "C": c} for c in (10.0, 30.0, 100.0)),
    *({"classificator": "svm", "C": c} for c in (1.0, 3.0, 10.0)),
]
Voortgang = Callable[[str], None]
#: Thresholds and prediction sets are calibrated on case-based texts when there are at least this many.
MINIMUM_IJKTEKSTEN = 100


def _geen_voortgang(_: str) -> None:
    pass


def data_hash(frame: pd.DataFrame) -> str:
    """SHA-256 over the training texts and labels, in order."""
    h = hashlib.sha256()
    for rij in frame[["id", "tekst", *DOELEN]].itertuples(index=False):
        h.update("\x1f".join(map(str, rij)).encode("utf-8") + b"\x1e")
    return h.hexdigest()


def _vouwscores(y, voorspeld, vouwen, meetrijen) -> list[float]:
    """Macro-F1 of each fold's held-out texts that count (meetrijen), skipping folds without any."""
    uit = []
    for _, test_i in vouwen:
        tellen = test_i[meetrijen[test_i]]
        if len(tellen):
            # macro over the classes this fold's texts hold (as `_maten.scores` does)
            uit.append(f1_score(y[tellen], voorspeld[tellen], labels=np.unique(y[tellen]), average="macro",
                                zero_division=0))
    return uit


def selecteer(lemmas, labels: dict[str, np.ndarray], *, raster: list[dict] = RASTER, vouwen: list,
              meetrijen: np.ndarray | None = None, gewichten: dict[str, np.ndarray] | None = None,
              n_jobs: int = 2) -> dict[str, dict]:
    """Pick settings per target by cross-validated macro-F1 on the texts that count.

    `meetrijen` marks the texts whose held-out predictions are scored (the case-based texts, when
    there are any: the model must generalise to real situations, not to the corpus's voices).
    `gewichten` (per target a sample weight per text) weigh every candidate's training texts.
    Returns per target the choice (one-standard-error rule), every candidate's score and the
    chosen candidate's out-of-fold probabilities. Candidates are scored on their predicted labels
    (`voorspellingen_buiten_vouw`, the calibration does not change them); only the chosen one is
    fitted with its calibration, for its probabilities.
    """
    meetrijen = np.ones(len(lemmas), dtype=bool) if meetrijen is None else np.asarray(meetrijen)
    gewichten = gewichten or {}
    kandidaten = {doel: [_gevalgewichten.met_gewichten(keuze, gewichten.get(doel)) for keuze in raster]
                  for doel in labels}
    voorspellingen = voorspellingen_buiten_vouw(lemmas, labels, kandidaten, vouwen, n_jobs=n_jobs)
    uit, gekozen_kandidaat = {}, {}
    for doel, y in labels.items():
        vergelijking = []
        for keuze, voorspeld in zip(raster, voorspellingen[doel], strict=True):
            per_vouw = _vouwscores(y, voorspeld, vouwen, meetrijen)
            vergelijking.append({"classificator": keuze["classificator"], "C": float(keuze["C"]),
                                 "macro_f1": round(float(np.mean(per_vouw)), 4),
                                 "sd": round(float(np.std(per_vouw)), 4)})
        beste = kies_eenvoudigste(vergelijking, len(vouwen))
        gekozen = next(i for i, r in enumerate(vergelijking)
                       if (r["classificator"], r["C"]) == (beste["classificator"], beste["C"]))
        uit[doel] = {"hyperparameters": beste, "vergelijking": vergelijking}
        gekozen_kandidaat[doel] = [kandidaten[doel][gekozen]]
    kansen = kansen_buiten_vouw(lemmas, labels, gekozen_kandidaat, vouwen, n_jobs=n_jobs)
    for doel, keuze in uit.items():
        keuze["kansen"] = kansen[doel][0]
    return uit


def kies_eenvoudigste(resultaten: list[dict], folds: int) -> dict:
    """The one-standard-error rule: the best family's most regularised C within one SE of the best.

    Differences smaller than the fold-to-fold noise say nothing; a smaller C generalises better
    to texts written by others.
    """
    beste = max(resultaten, key=lambda r: r["macro_f1"])
    grens = beste["macro_f1"] - beste["sd"] / np.sqrt(folds)
    familie = [r for r in resultaten if r["classificator"] == beste["classificator"]
               and r["macro_f1"] >= grens]
    gekozen = min(familie, key=lambda r: r["C"])
    return {"classificator": gekozen["classificator"], "C": gekozen["C"],
            "regel": "kleinste C binnen één standaardfout van de beste kandidaat"}


def train(
    annotaties: pd.DataFrame,
    *,
    spacy_model: str | None = None,
    nauwkeurigheid: float = _maten.STANDAARD_NAUWKEURIGHEID,
    marge: float = _maten.MARGE_NIEUWE_ORGANISATIES,
    raster: list[dict] = RASTER,
    folds: int = FOLDS,
    voortgang: Voortgang = _geen_voortgang,
) -> KlachtModel:
    """Train both targets on `annotaties` (columns id, tekst, categorie, programmaonderdeel).

    With a column `groep` (source or writer) the settings and thresholds are chosen on folds that
    hold out whole sources and writers; texts with a `geval_id` (written from real cases) are the
    ones the choice is scored on. Rows marked `uit_register` (a register's confirmed complaints,
    see `_registerleren.registerteksten`) count as real texts too, and get a sample weight chosen
    by cross-validation on them. The "zeker" threshold aims at `nauwkeurigheid + marge` on the
    held-out texts, so that text from a new organisation is still right `nauwkeurigheid` of the time.
    """
    spacy_naam = kies_spacy_model(spacy_model)
    voortgang(f"Persoonsgegevens verwijderen en voorbewerken met spaCy ({spacy_naam}), "
              f"{len(annotaties)} teksten")
    voorbewerker, lemmas, _ = voorbewerk_trainingsteksten(annotaties["tekst"].tolist(),
                                                          spacy_model=spacy_naam)
    labels = {doel: annotaties[doel].to_numpy() for doel in DOELEN}
    groepen = annotaties["groep"].to_numpy() if "groep" in annotaties else None
    vouwen, soort = maak_vouwen(labels[DOELEN[0]], groepen, folds=folds)
    register = uit_register(annotaties)
    gevallen = _gevalgewichten.uit_gevallen(annotaties)
    echt = gevallen | register  # real situations: what the model must generalise to
    meetrijen = echt if echt.any() else None
    gewichten = {doel: w for doel, y in labels.items()
                 if (w := _gevalgewichten.gevalgewichten(y, gevallen)) is not None}
    voortgang(f"Instellingen kiezen met {folds}-voudige kruisvalidatie ({soort}"
              f"{', gescoord op teksten uit echte gevallen' if meetrijen is not None else ''})")
    selectie = selecteer(lemmas, labels, raster=raster, vouwen=vouwen, meetrijen=meetrijen, gewichten=gewichten)
    keuzes = {}
    for doel in labels:
        instellingen = {k: selectie[doel]["hyperparameters"][k] for k in ("classificator", "C")} | {"folds": folds}
        keuzes[doel] = _gevalgewichten.met_gewichten(instellingen, gewichten.get(doel))
    gewogen = {}
    if register.any():
        voortgang(f"Gewicht van de {int(register.sum())} registerklachten kiezen met kruisvalidatie "
                  f"({', '.join(f'{w:g}' for w in GEWICHTEN)})")
        gewogen = kies_gewicht(lemmas, labels, keuzes, vouwen, register)
    drempels, per_doel, temperaturen, verschuivingen = {}, {}, {}, {}
    for doel, y in labels.items():
        gekozen = selectie[doel]
        oof, klassen = gewogen[doel]["kansen"] if gewogen else gekozen["kansen"], np.unique(y)
        # probabilities, thresholds and prediction sets expect a stranger's text: they are fitted
        # on held-out predictions for sources and writers the model did not see, on real cases
        # when there are enough
        ijk = echt if echt.sum() >= MINIMUM_IJKTEKSTEN else np.ones(len(y), dtype=bool)
        geijkt_op = ((("teksten uit echte gevallen en registerklachten" if register.any()
                       else "teksten uit echte gevallen") if ijk is echt else "alle teksten")
                     + f", buiten de vouw ({soort})")
        oof, verschuiving, temperaturen[doel], afstelling = _stel_af(
            y[ijk], oof, klassen, ijk, groepen[ijk] if groepen is not None else np.arange(int(ijk.sum())),
            geijkt_op)
        if verschuiving is not None:
            verschuivingen[doel] = verschuiving
        drempel = _maten.kies_drempel(y[ijk], oof[ijk], klassen, nauwkeurigheid=nauwkeurigheid, marge=marge,
                                      groepen=groepen[ijk] if groepen is not None else None)
        drempels[doel] = drempel["drempel"]
        per_doel[doel] = {
            "hyperparameters": gekozen["hyperparameters"], "vergelijking": gekozen["vergelijking"],
            "drempel": drempel, "vouwen": soort, **afstelling,
            **({"gewichten": {"methode": _gevalgewichten.METHODE,
                              "per_label": _gevalgewichten.per_label(y, gewichten[doel], gevallen)}}
               if doel in gewichten else {}),
            "conformeel": {
                "geijkt_op": geijkt_op,
                "n": int(ijk.sum()),
                "nonconformiteit": [round(float(a), 4) for a in nonconformiteit(y[ijk], oof[ijk], klassen)],
                "gemeten": _setdekking_over_groepen(y[ijk], oof[ijk], klassen, groepen[ijk] if groepen is not None
                                                    else np.arange(int(ijk.sum()))),
            },
            "kruisvalidatie": _maten.scores(y, klassen[oof.argmax(axis=1)], klassen, kansen=oof,
                                            drempel=drempel["drempel"]),
        }
        # the kinds of text apart: the card keeps each calibration error
        for naam, rijen in (("kruisvalidatie_gevallen", gevallen), ("kruisvalidatie_geschreven", ~echt),
                            ("kruisvalidatie_register", register)):
            if echt.any() and rijen.any():
                per_doel[doel][naam] = _maten.scores(y[rijen], klassen[oof[rijen].argmax(axis=1)], klassen,
                                                     kansen=oof[rijen], drempel=drempel["drempel"])
    voortgang(f"Eindmodel trainen op alle {len(annotaties)} teksten")
    if gewogen:
        keuzes = {doel: keuze | {"gewichten": gewichtvector(register, gewogen[doel]["gewicht"], keuze.get("gewichten"))}
                  for doel, keuze in keuzes.items()}
    pipelines = fit_doelen(voorbewerker, lemmas, labels, keuzes)
    for doel, verschuiving in verschuivingen.items():
        pipelines[doel] = met_verschuiving(pipelines[doel], verschuiving)
    pipelines = {doel: met_temperatuur(pipeline, temperaturen[doel]) for doel, pipeline in pipelines.items()}
    kaart = maak_kaart(annotaties, spacy_naam, per_doel)
    if gewogen:
        kaart["register"] = {
            "n": int(register.sum()),
            "bron": sorted(annotaties.loc[register, "bestand"].unique().tolist()) if "bestand" in annotaties else [],
            "gewicht": {doel: g["gewicht"] for doel, g in gewogen.items()},
            "scores": {doel: g["scores"] for doel, g in gewogen.items()},
            "gescoord_op": "de registerklachten buiten de vouw (elke klacht een eigen groep)",
        }
    return KlachtModel(pipelines, drempels, kaart)


def _stel_af(y_ijk, oof, klassen, ijk, ijkgroepen, geijkt_op: str):
    """Shift per label and temperature for a stranger's text, chosen on the held-out predictions
    `oof[ijk]` (labels `y_ijk`, grouped by `ijkgroepen`).

    Returns all held-out predictions adjusted, the shift (None when it does not help on
    organisations it was not chosen on), the temperature, and what the card records of both.
    """
    keuze = kies_verschuiving(y_ijk, oof[ijk], klassen, ijkgroepen)
    verschuiving = keuze.pop("verschuiving")
    if verschuiving is not None:
        oof = verschuif(oof, verschuiving)
    t = temperatuur(y_ijk, oof[ijk], klassen)
    fout_voor = _maten.kalibratiefout(y_ijk, oof[ijk], klassen)
    oof = herschaal(oof, t)
    afstelling = {
        "verschuiving": {"toegepast": verschuiving is not None, "gekozen_op": geijkt_op, **keuze,
                         **({"per_label": {str(k): round(float(v), 2) for k, v in zip(klassen, verschuiving,
                                                                                      strict=True)}}
                            if verschuiving is not None else {})},
        "kalibratie": {"methode": "temperature scaling, temperatuur opnieuw geschat", "temperatuur": round(t, 4),
                       "geijkt_op": geijkt_op, "n": int(ijk.sum()), "kalibratiefout_voor": round(fout_voor, 4),
                       "kalibratiefout_na": round(_maten.kalibratiefout(y_ijk, oof[ijk], klassen), 4)},
    }
    return oof, verschuiving, t, afstelling


def _setdekking_over_groepen(y, oof, klassen, groepen, *, betrouwbaarheid: float = 0.9) -> dict:
    """How often 90% prediction sets hold the right label for sources they were not calibrated on.

    The held-out predictions are split in two halves by group; each half's sets are calibrated on
    the other half.
    """
    groepen = np.asarray(groepen)
    if len(np.unique(groepen)) < 2:  # one source only: split the texts themselves
        groepen = np.arange(len(y))
    uniek = np.unique(groepen)
    helft = np.isin(groepen, uniek[np.random.default_rng(0).permutation(len(uniek))[: len(uniek) // 2]])
    sets = np.zeros(oof.shape, dtype=bool)
    for kalibratie, toets in ((helft, ~helft), (~helft, helft)):
        if kalibratie.any() and toets.any():
            sets[toets] = voorspellingssets(oof[toets], nonconformiteit(y[kalibratie], oof[kalibratie], klassen),
                                            betrouwbaarheid=betrouwbaarheid)
    return {"betrouwbaarheid": betrouwbaarheid, **_maten.setmaten(y, sets, klassen)}


def maak_kaart(annotaties: pd.DataFrame, spacy_naam: str, per_doel: dict) -> dict:
    """The model card's contents (the file hash is added when the model is saved)."""
    nu = datetime.now().astimezone()
    h = data_hash(annotaties)
    return {
        "formaat": KAARTFORMAAT,
        "model": MODELNAAM,
        "versie": f"{nu:%Y%m%d-%H%M}-{h[:8]}",
        "datum": nu.isoformat(timespec="seconds"),
        "trainingsdata": {
            "bestanden": sorted(annotaties["bestand"].unique().tolist()) if "bestand" in annotaties else [],
            "sha256": h,
            "n": int(len(annotaties)),
            "per_label": {d: annotaties[d].value_counts().sort_index().to_dict() for d in DOELEN},
            "persoonsgegevens": "verwijderd vóór training (privacy.redigeer); getallen en "
                                "patronen als plaatshouder",
        },
        "spacy": beschrijf_spacy(spacy_naam),
        "bibliotheken": bibliotheekversies(),
        "doelen": per_doel,
        "testsplit": None,
    }


def train_en_bewaar(data: Path, modelpad: Path, *, register: Path | None = None, spacy_model: str | None = None,
                    nauwkeurigheid: float = _maten.STANDAARD_NAUWKEURIGHEID,
                    marge: float = _maten.MARGE_NIEUWE_ORGANISATIES,
                    voortgang: Voortgang = _geen_voortgang) -> KlachtModel:
    """Train on the training split of `data` (and a register's confirmed complaints), score its
    test split into the card, and save it as a new version that becomes the active model.

    Raises ModelError when the register has too few usable confirmed complaints.
    """
    from klachtclassificatie.annotaties import testsplit, trainingssplit
    from klachtclassificatie.classificatie import _evaluatie
    from klachtclassificatie.classificatie._versies import bewaar_versie

    annotaties = trainingssplit(data)
    test = testsplit(data)
    weggelaten = None
    if register is not None:
        from klachtclassificatie.classificatie._registerleren import registerteksten
        from klachtclassificatie.register import Register, controleer_registerpad

        controleer_registerpad(register)
        with Register.open(register, aanmaken=False) as open_register:
            klachten = open_register.klachten()
        rijen, weggelaten = registerteksten(klachten, bron=Path(register).name, test=test, training=annotaties)
        annotaties = pd.concat([annotaties, rijen], ignore_index=True)
    klachtmodel = train(annotaties, spacy_model=spacy_model, nauwkeurigheid=nauwkeurigheid, marge=marge,
                        voortgang=voortgang)
    if weggelaten is not None:
        klachtmodel.kaart["register"]["weggelaten"] = weggelaten
    if test is not None:
        voortgang(f"Testsplit scoren ({len(test)} teksten)")
        scores = _evaluatie.evalueer_model(klachtmodel, test)
        klachtmodel.kaart["testsplit"] = {
            doel: {k: s[k] for k in (*_evaluatie.KERNMATEN, "basislijnen")} for doel, s in scores.items()
        }
        klachtmodel.kaart["testsplits"] = _evaluatie.per_testbestand(klachtmodel, test)
    bewaar_versie(klachtmodel, modelpad)
    return klachtmodel
