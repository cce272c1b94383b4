"""Two baselines the model must beat: the majority class and a hand-written keyword rule list."""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

#: Keyword rules in order of priority, per target: the first label whose pattern matches wins.
TREFWOORDEN: dict[str, list[tuple[str, str]]] = {
    "categorie": [
        ("afhandelingsduur", r"lang|wacht|weken|maanden|nog steeds|nog altijd|termijn|duurt"),
        ("bejegening", r"onbeschoft|grof|respect|toon|boos|schreeuw|uitgelachen|discrimin|neerbuigend|luister"),
        ("informatie/nalatigheid", r"informatie|uitleg|fout|onjuist|niet teruggebeld|terugbel|kwijt|reageert"),
    ],
    "programmaonderdeel": [
        ("SHV", r"schuld|budgetbeheer|betalingsvoorstel|schuldeiser|budgetcoach|wsnp|saner"),
        ("Inkomensondersteuning", r"bijzondere bijstand|stadspas|energietoeslag|kwijtschelding|toeslag|meedoen"),
        ("Werk", r"werkcoach|coach|re-integratie|reintegratie|sollicit|arbeidsplicht|taaleis|werkervaring"),
        ("Bedrijfsvoering", r"klantenservice|kcc|telefoon|mijn wil|digid|website|privacy|dossier|balie|post"),
        ("Inkomen", r"uitkering|bijstand|terugvordering|heronderzoek|inlichtingenplicht|handhaving|spuk"),
    ],
}


class TrefwoordRegels(BaseEstimator, ClassifierMixin):
    """Predict the first label whose keywords occur in the text, else the most frequent label."""

    def __init__(self, doel: str = "categorie"):
        self.doel = doel

    def fit(self, teksten, y):
        labels, aantallen = np.unique(np.asarray(y), return_counts=True)
        self.classes_ = labels
        self.standaard_ = labels[np.argmax(aantallen)]
        self.regels_ = [(label, re.compile(patroon)) for label, patroon in TREFWOORDEN[self.doel]]
        return self

    def predict(self, teksten):
        uit = []
        for tekst in teksten:
            tekst = str(tekst).lower()
            uit.append(next((label for label, regel in self.regels_ if regel.search(tekst)), self.standaard_))
        return np.array(uit)
