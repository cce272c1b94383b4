"""How accurate the classifier is: on labelled files, by cross-validation, and live in the register."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from klachtclassificatie.classificatie._maten import (
    dekkingscurve,
    kalibratiecurve,
    scores,
)
from klachtclassificatie.classificatie._model import DOELEN


def _basislijnen(doel: str, y_waar, teksten: list[str], meest: str) -> dict:
    from klachtclassificatie.classificatie._basislijn import TrefwoordRegels

    klassen = sorted(set(y_waar) | {meest})
    regels = TrefwoordRegels(doel).fit(teksten, [meest])  # falls back on the majority class
    return {
        "meest_voorkomend": _kort(scores(y_waar, [meest] * len(y_waar), klassen)),
        "trefwoorden": _kort(scores(y_waar, regels.predict(teksten), klassen)),
    }


def _kort(s: dict) -> dict:
    return {k: s[k] for k in ("accuracy", "macro_f1", "n")}


def evalueer_model(model, frame) -> dict:
    """Score a trained model on labelled texts (columns tekst, categorie, programmaonderdeel)."""
    teksten = frame["tekst"].astype(str).tolist()
    voorbewerkt = model.voorbewerk(teksten)
    per_doel, zekerheid = model.kansen_en_zekerheid(voorbewerkt)
    uit = {}
    for doel in DOELEN:
        y = frame[doel].to_numpy()
        klassen, kansen = per_doel[doel]
        voorspeld = klassen[kansen.argmax(axis=1)]
        s = scores(y, voorspeld, klassen, kansen=kansen, drempel=model.drempels[doel],
                   zeker=zekerheid.zeker[doel], sets=zekerheid.sets[doel])
        s["handmatig_om_de_tekst"] = int(sum(r is not None for r in zekerheid.redenen))
        s["kalibratiecurve"] = kalibratiecurve(y, kansen, klassen)
        s["dekkingscurve"] = dekkingscurve(y, kansen, klassen)
        s["fouten"] = _zekerste_fouten(frame, y, voorspeld, kansen)
        per_label = model.kaart.get("trainingsdata", {}).get("per_label", {}).get(doel, {})
        meest = max(per_label, key=per_label.get) if per_label else str(klassen[0])
        s["basislijnen"] = _basislijnen(doel, y, teksten, meest)
        uit[doel] = s
    return uit


def _zekerste_fouten(frame, y, voorspeld, kansen, aantal: int = 15) -> list[dict]:
    """The most confident mistakes: id, true label, suggestion and probability (no text)."""
    hoogste = kansen.max(axis=1)
    fout = [i for i in range(len(y)) if voorspeld[i] != y[i]]
    fout.sort(key=lambda i: -hoogste[i])
    ids = frame["id"].astype(str).tolist() if "id" in frame else [str(i) for i in range(len(y))]
    return [{"id": ids[i], "label": str(y[i]), "suggestie": str(voorspeld[i]),
             "kans": round(float(hoogste[i]), 4)} for i in fout[:aantal]]


def kruisvalideer(frame, kaart: dict, *, herhalingen: int = 3, folds: int = 5) -> dict:
    """Repeated stratified cross-validation of the chosen settings and both baselines."""
    from sklearn.model_selection import RepeatedStratifiedKFold

    from klachtclassificatie.classificatie._gevalgewichten import uit_gevallen, zoals_bij_training
    from klachtclassificatie.classificatie._recept import (
        fit_recept,
        keuze_uit_kaart,
        voorbewerk_trainingsteksten,
    )

    _, lemmas, geredigeerd = voorbewerk_trainingsteksten(frame["tekst"].astype(str).tolist(),
                                                         spacy_model=kaart["spacy"]["naam"])
    ruw = np.array(geredigeerd, dtype=object)  # the baselines read the redacted texts
    uit = {}
    gevallen = uit_gevallen(frame)
    for doel in DOELEN:
        y = frame[doel].to_numpy()
        keuze = keuze_uit_kaart(kaart, doel)
        gewichten = zoals_bij_training(kaart["doelen"][doel], y, gevallen)
        metingen: dict[str, list[float]] = {}
        splitser = RepeatedStratifiedKFold(n_splits=folds, n_repeats=herhalingen, random_state=2)
        for train_i, test_i in splitser.split(lemmas, y):
            model = fit_recept(lemmas[train_i], y[train_i], **keuze,
                               gewichten=None if gewichten is None else gewichten[train_i])
            voorspeld = model.predict(lemmas[test_i])
            waarden, aantallen = np.unique(y[train_i], return_counts=True)
            basis = _basislijnen(doel, y[test_i], ruw[test_i].tolist(), waarden[aantallen.argmax()])
            for naam, s in [("model", scores(y[test_i], voorspeld, np.unique(y))),
                            ("meest_voorkomend", basis["meest_voorkomend"]),
                            ("trefwoorden", basis["trefwoorden"])]:
                for maat in ("accuracy", "macro_f1"):
                    metingen.setdefault(f"{naam}.{maat}", []).append(s[maat])
        uit[doel] = {sleutel: {"gemiddeld": round(float(np.mean(v)), 4), "sd": round(float(np.std(v)), 4)}
                     for sleutel, v in metingen.items()}
        uit[doel]["n"] = int(len(y))
        uit[doel]["herhalingen"], uit[doel]["folds"] = herhalingen, folds
    return uit


def gegroepeerd(frame, kaart: dict, *, folds: int = 5) -> dict:
    """Cross-validation that holds out whole sources and writers, scored per kind of text.

    Per target macro-F1 and accuracy of the model's settings on written texts of a writer the
    model has not seen (`schrijvers`) and on case-based texts about an organisation it has not seen
    (`gevallen`). This is the score that says how the model does on text from elsewhere. The
    probabilities are shifted and rescaled as training chose on these same held-out predictions
    (see `_verschuiving` and `_kalibreren`), so they are the model's probabilities, not the recipe's.
    """
    from klachtclassificatie.classificatie._gevalgewichten import (
        met_gewichten,
        uit_gevallen,
        zoals_bij_training,
    )
    from klachtclassificatie.classificatie._kalibreren import herschaal
    from klachtclassificatie.classificatie._recept import (
        kansen_buiten_vouw,
        keuze_uit_kaart,
        maak_vouwen,
        voorbewerk_trainingsteksten,
    )
    from klachtclassificatie.classificatie._verschuiving import verschuif

    _, lemmas, _ = voorbewerk_trainingsteksten(frame["tekst"].astype(str).tolist(),
                                               spacy_model=kaart["spacy"]["naam"])
    labels = {doel: frame[doel].to_numpy() for doel in DOELEN}
    groepen = frame["groep"].to_numpy() if "groep" in frame else None
    vouwen, soort = maak_vouwen(labels[DOELEN[0]], groepen, folds=folds)
    gevallen = uit_gevallen(frame)
    keuzes = {doel: [met_gewichten(keuze_uit_kaart(kaart, doel),
                                   zoals_bij_training(kaart["doelen"][doel], labels[doel], gevallen))]
              for doel in DOELEN}
    kansen = kansen_buiten_vouw(lemmas, labels, keuzes, vouwen)
    uit = {"vouwen": soort, "folds": folds}
    for doel, y in labels.items():
        klassen = np.unique(y)
        info = kaart["doelen"][doel]
        oof = kansen[doel][0]
        if verschuiving := info.get("verschuiving", {}).get("per_label"):
            oof = verschuif(oof, [verschuiving[str(k)] for k in klassen])
        oof = herschaal(oof, info.get("kalibratie", {}).get("temperatuur", 1.0))
        uit[doel] = {}
        for naam, rijen in (("schrijvers", ~gevallen), ("gevallen", gevallen)):
            if rijen.any():
                s = scores(y[rijen], klassen[oof[rijen].argmax(axis=1)], klassen, kansen=oof[rijen],
                           drempel=kaart["doelen"][doel]["drempel"]["drempel"])
                uit[doel][naam] = {k: s[k] for k in ("n", "accuracy", "macro_f1", "dekking",
                                                     "accuracy_zeker", "kalibratiefout")}
    return uit


def evalueer(model, *, data: Path | None = None, annotatiemap: Path | None = None,
             herhalingen: int = 3) -> dict:
    """How accurate `model` is: on the labelled file `data`, or on an annotation folder.

    With `data`: the model scored on that file. Otherwise cross-validation of the model's settings
    on the folder's training split (grouped by source and writer, and repeated stratified), and the
    model's scores on its test splits (each test file apart under `testsplits`). Returns the
    result as data (per target the keys of `evalueer_model`); the CLI and web only render it.
    """
    from klachtclassificatie.annotaties import lees_annotaties, testsplit, trainingssplit

    if data is not None:
        return {"data": str(data), "model": model.versie, **evalueer_model(model, lees_annotaties(data))}
    if annotatiemap is None:
        raise ValueError("give data or annotatiemap")
    training = trainingssplit(annotatiemap)
    resultaat = {"model": model.versie, "gegroepeerd": gegroepeerd(training, model.kaart),
                 "kruisvalidatie": kruisvalideer(training, model.kaart, herhalingen=herhalingen)}
    test = testsplit(annotatiemap)
    if test is not None:
        resultaat.update(evalueer_model(model, test))
        resultaat["testsplits"] = per_testbestand(model, test)
    return resultaat


#: The scores a model card and an overview keep per target.
KERNMATEN = ("n", "accuracy", "macro_f1", "dekking", "accuracy_zeker", "kalibratiefout", "set_dekking",
             "set_grootte")


def per_testbestand(model, test) -> dict[str, dict[str, dict]]:
    """The model's main scores on each test file apart (written texts, case-based texts...).

    A file with scenario twins (test texts retelling a training text's situation) is also scored
    on its texts without one, as "<file> zonder scenariotweeling".
    """
    uit = {}
    for split, deel in test.groupby("split", sort=True):
        uit[split] = _kernscores(model, deel)
        tweeling = deel.get("scenariotweeling")
        if tweeling is not None and tweeling.any() and not tweeling.all():
            uit[f"{split} zonder scenariotweeling"] = _kernscores(model, deel[~tweeling.astype(bool)])
    return uit


def _kernscores(model, deel) -> dict[str, dict]:
    return {doel: {k: s[k] for k in (*KERNMATEN, "basislijnen")}
            for doel, s in evalueer_model(model, deel).items()}


def precisie_bij_mix(kaart: dict, mix: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per target and label the expected precision of a suggestion at another label mix.

    From the confusion matrix of held-out predictions in the card (case-based texts when there
    were any): P(right | suggested c) = mix(c)·P(c | c) / Σ_k mix(k)·P(c | k). A rare label whose
    suggestions are often wrong elsewhere gets a low precision in a register where it is rare.
    """
    uit = {}
    for doel, info in kaart["doelen"].items():
        kv = info.get("kruisvalidatie_gevallen") or info["kruisvalidatie"]
        klassen = kv["klassen"]
        verwarring = np.asarray(kv["verwarring"], dtype=float)
        per_rij = verwarring.sum(axis=1, keepdims=True)
        overgang = np.divide(verwarring, per_rij, out=np.zeros_like(verwarring), where=per_rij > 0)
        gewicht = np.array([mix[doel].get(k, 0.0) for k in klassen])
        gesuggereerd = gewicht @ overgang
        uit[doel] = {k: (round(float(gewicht[i] * overgang[i, i] / gesuggereerd[i]), 3) if gesuggereerd[i] else None)
                     for i, k in enumerate(klassen)}
    return uit


def live_nauwkeurigheid(register) -> dict:
    """How often confirmed complaints agreed with the suggestion shown before confirmation.

    For every complaint confirmed by a person that had a suggestion: top-1 and top-3 agreement,
    the share above the threshold and the accuracy there, per target, per model version and per
    quarter of receipt, so that a drop (drift) is visible.
    """
    import json

    import pandas as pd

    klachten = register.klachten().set_index("klachtnummer")
    herkomst = register.herkomst().set_index("klachtnummer")
    suggesties = register.suggesties()
    bevestigd = herkomst[herkomst["categorie_bron"] == "bevestigd"]
    uit: dict = {}
    for doel in DOELEN:
        deel = suggesties[(suggesties["doel"] == doel) & suggesties["klachtnummer"].isin(bevestigd.index)]
        deel = deel[deel["tijdstip"] <= deel["klachtnummer"].map(bevestigd["bevestigd_op"])]
        laatste = deel.sort_values("id").groupby("klachtnummer").tail(1).set_index("klachtnummer")
        if laatste.empty:
            uit[doel] = {"n": 0, "per_model": [], "per_kwartaal": []}
            continue
        waar = klachten.loc[laatste.index, doel]
        top3 = [
            sorted(json.loads(k), key=json.loads(k).get, reverse=True)[:3] if isinstance(k, str)
            else [lab, tweede]
            for k, lab, tweede in zip(laatste["kansen"], laatste["label"], laatste["tweede"], strict=True)
        ]
        rijen = pd.DataFrame({
            "model": laatste["model_versie"],
            "kwartaal": klachten.loc[laatste.index, "ontvangstdatum"].dt.to_period("Q").astype(str),
            "top1": laatste["label"] == waar,
            "top3": [w in t for w, t in zip(waar, top3, strict=True)],
            "zeker": laatste["zeker"] == 1,
        })
        uit[doel] = {"n": len(rijen), **_samenvatting(rijen),
                     "per_model": _per_groep(rijen, "model"), "per_kwartaal": _per_groep(rijen, "kwartaal")}
    return uit


def _samenvatting(rijen) -> dict:
    zeker = rijen[rijen["zeker"]]
    return {
        "top1": round(float(rijen["top1"].mean()), 4),
        "top3": round(float(rijen["top3"].mean()), 4),
        "dekking": round(float(rijen["zeker"].mean()), 4),
        "accuracy_zeker": round(float(zeker["top1"].mean()), 4) if len(zeker) else None,
    }


def _per_groep(rijen, kolom: str) -> list[dict]:
    return [{kolom: str(waarde), "n": len(groep), **_samenvatting(groep)}
            for waarde, groep in rijen.groupby(kolom, sort=True)]
