"""The Dutch complaint classifier: preprocessing, the training recipe, the model and its evaluation."""

from klachtclassificatie.classificatie._basislijn import TrefwoordRegels
from klachtclassificatie.classificatie._evaluatie import (
    evalueer,
    evalueer_model,
    kruisvalideer,
    live_nauwkeurigheid,
    precisie_bij_mix,
)
from klachtclassificatie.classificatie._evaluatierapport import (
    dekking_svg,
    kalibratie_svg,
    schrijf_html,
    verwarringsmatrix_svg,
)
from klachtclassificatie.classificatie._kalibreren import MINIMUM_BEVESTIGD, kalibreer
from klachtclassificatie.classificatie._labelen import (
    LabelResultaat,
    label_bestand,
    label_register,
    suggestie_items,
    suggesties_als_frame,
)
from klachtclassificatie.classificatie._maten import (
    STANDAARD_NAUWKEURIGHEID,
    dekkingscurve,
    kalibratiecurve,
    kalibratiefout,
    kies_drempel,
    scores,
)
from klachtclassificatie.classificatie._model import (
    DOELEN,
    KlachtModel,
    Suggestie,
    bewaar,
    kaartpad,
    laad,
    lees_kaart,
    sha256,
)
from klachtclassificatie.classificatie._modelkaart import als_markdown
from klachtclassificatie.classificatie._recept import (
    FOLDS,
    build_pipeline,
    fit_doelen,
    fit_recept,
    recept,
    voorbewerk_trainingsteksten,
)
from klachtclassificatie.classificatie._trainen import RASTER, train, train_en_bewaar
from klachtclassificatie.classificatie._twijfel import twijfelachtige_annotaties
from klachtclassificatie.classificatie._versies import activeer, bewaar_versie, versiepad
from klachtclassificatie.classificatie._versies import lijst as versielijst
from klachtclassificatie.classificatie._voorbewerking import (
    BLANCO_MODEL,
    VOLLEDIG_MODEL,
    NederlandseVoorbewerker,
    kies_spacy_model,
)
from klachtclassificatie.classificatie._zekerheid import (
    MINIMUM_BEKEND,
    STANDAARD_BETROUWBAARHEID,
    redenen_handmatig,
    registermix,
    voorspellingssets,
)

__all__ = [
    "BLANCO_MODEL",
    "DOELEN",
    "FOLDS",
    "MINIMUM_BEKEND",
    "MINIMUM_BEVESTIGD",
    "RASTER",
    "STANDAARD_BETROUWBAARHEID",
    "STANDAARD_NAUWKEURIGHEID",
    "VOLLEDIG_MODEL",
    "KlachtModel",
    "LabelResultaat",
    "NederlandseVoorbewerker",
    "Suggestie",
    "TrefwoordRegels",
    "activeer",
    "als_markdown",
    "bewaar",
    "bewaar_versie",
    "build_pipeline",
    "dekking_svg",
    "dekkingscurve",
    "evalueer",
    "evalueer_model",
    "fit_doelen",
    "fit_recept",
    "kaartpad",
    "kalibratie_svg",
    "kalibratiecurve",
    "kalibreer",
    "kalibratiefout",
    "kies_drempel",
    "kies_spacy_model",
    "kruisvalideer",
    "label_bestand",
    "label_register",
    "laad",
    "lees_kaart",
    "live_nauwkeurigheid",
    "precisie_bij_mix",
    "recept",
    "redenen_handmatig",
    "registermix",
    "schrijf_html",
    "scores",
    "sha256",
    "suggestie_items",
    "suggesties_als_frame",
    "train",
    "train_en_bewaar",
    "verwarringsmatrix_svg",
    "versielijst",
    "versiepad",
    "twijfelachtige_annotaties",
    "voorbewerk_trainingsteksten",
    "voorspellingssets",
]
