"""How sure a suggestion may be: text the model cannot read, prediction sets, the real label mix.

Three things decide whether a suggestion is `zeker` besides its probability:
- `redenen_handmatig`: text the model cannot read (empty, only numbers or personal data, too short,
  not Dutch, mostly unknown words) always goes to manual review, with the reason;
- `voorspellingssets`: conformal prediction (crepes): per target the set of labels that contains
  the right one in at least the stated share of texts, calibrated on held-out predictions for texts
  of writers and sources the model did not see; a suggestion is only `zeker` when its set has one
  member;
- `pas_labelmix_aan`: probabilities moved from the training label mix to the mix of a register
  (Bayes' rule with the prior ratio), shrunk toward the training mix while a register holds few
  confirmed complaints.
"""

from __future__ import annotations

from functools import cache

import numpy as np

#: Below this share of words known to the model a text is never "zeker" (foreign, noise).
MINIMUM_BEKEND = 0.4
#: Fewer words than this (numbers and placeholders not counted) carry no complaint to recognise.
MINIMUM_WOORDEN = 3
#: An English text: at least this share English function words, and more than Dutch ones.
ENGELS_AANDEEL = 0.2
#: Coverage the prediction sets promise by default.
STANDAARD_BETROUWBAARHEID = 0.9
#: A register's confirmed labels count as this many complaints of the training mix (shrinkage).
GEWICHT_TRAININGSMIX = 20


def redenen_handmatig(voorbewerkt: list[str], bekendheid: np.ndarray) -> list[str | None]:
    """Per preprocessed text why it must be judged by hand, or None when the model can read it."""
    engelse, nederlandse = _functiewoorden()
    uit = []
    for tekst, bekend in zip(voorbewerkt, bekendheid, strict=True):
        woorden = tekst.split()
        inhoud = [w for w in woorden if not w.startswith("ph_")]
        engels = sum(w in engelse for w in inhoud) / max(len(inhoud), 1)
        nederlands = sum(w in nederlandse for w in inhoud) / max(len(inhoud), 1)
        if not woorden:
            uit.append("lege tekst")
        elif not inhoud:
            uit.append("alleen getallen of persoonsgegevens, geen woorden")
        elif len(inhoud) < MINIMUM_WOORDEN:
            uit.append(f"te kort om een klacht te herkennen ({len(inhoud)} woorden)")
        elif engels >= ENGELS_AANDEEL and engels > nederlands:
            uit.append("geen Nederlandse tekst (Engels)")
        elif bekend < MINIMUM_BEKEND:
            uit.append(f"het model kent maar {bekend:.0%} van de woorden (anderstalig of ongewoon)")
        else:
            uit.append(None)
    return uit


@cache
def _functiewoorden() -> tuple[frozenset[str], frozenset[str]]:
    """spaCy's English and Dutch stop words, without those on both lists ("over", "in", "is",
    "was"): they say nothing about the language. Made once, not per suggestion."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.nl.stop_words import STOP_WORDS as NL

    return frozenset(EN - NL), frozenset(NL - EN)


def nonconformiteit(y, kansen: np.ndarray, klassen) -> np.ndarray:
    """Non-conformity of held-out predictions: one minus the probability of the right label."""
    index = np.searchsorted(np.asarray(klassen), np.asarray(y))
    return 1.0 - kansen[np.arange(len(index)), index]


def voorspellingssets(kansen: np.ndarray, kalibratie: np.ndarray, *,
                      betrouwbaarheid: float = STANDAARD_BETROUWBAARHEID) -> np.ndarray:
    """Per text and label whether the label is in the text's prediction set (a boolean matrix).

    `kalibratie` holds the non-conformity scores of held-out texts; the sets contain the right
    label in at least `betrouwbaarheid` of texts like those (standard conformal classification).
    """
    from crepes import ConformalClassifier

    conformeel = ConformalClassifier()
    conformeel.fit(np.asarray(kalibratie, dtype=float))
    return conformeel.predict_set(1.0 - np.asarray(kansen), confidence=betrouwbaarheid,
                                  smoothing=False).astype(bool)


def pas_labelmix_aan(kansen: np.ndarray, klassen, trainingsmix: dict[str, float],
                     doelmix: dict[str, float]) -> np.ndarray:
    """Probabilities under another label mix: p'(c) ∝ p(c) · doelmix(c) / trainingsmix(c)."""
    klassen = [str(k) for k in klassen]
    verhouding = np.array([doelmix[k] / trainingsmix[k] for k in klassen])
    aangepast = np.asarray(kansen) * verhouding
    return aangepast / aangepast.sum(axis=1, keepdims=True)


def als_mix(aantallen: dict[str, int]) -> dict[str, float]:
    totaal = sum(aantallen.values())
    return {k: v / totaal for k, v in aantallen.items()}


def registermixen(klachten, trainingsmix: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per target the label mix to expect in a register (a frame of its complaints)."""
    from klachtclassificatie.register import splits_bevestigd

    bevestigd, _ = splits_bevestigd(klachten)
    return {doel: registermix(bevestigd[doel].value_counts().to_dict(), mix) for doel, mix in trainingsmix.items()}


def registermix(bevestigd: dict[str, int], trainingsmix: dict[str, float], *,
                gewicht: int = GEWICHT_TRAININGSMIX) -> dict[str, float]:
    """The label mix to expect in a register: its confirmed labels, shrunk toward the training mix.

    With no confirmed complaints this is the training mix; with many, the register's own mix.
    Every label keeps a share above zero, so no suggestion is ruled out.
    """
    totaal = sum(bevestigd.values())
    return {k: (bevestigd.get(k, 0) + gewicht * p) / (totaal + gewicht) for k, p in trainingsmix.items()}
