"""Personal data (AVG) in complaint texts: find it and replace it by typed, numbered placeholders.

Two layers. Fast, validated patterns find what has a fixed shape: BSN (elfproef), IBAN (check
digits), phone numbers, e-mail, postcodes, klantnummers, dates and street addresses. The `deduce`
library (Dutch, rule-based, offline) adds names and the street addresses and phone numbers the
patterns miss. deduce was built for medical records, so its findings are filtered here: places,
domain words, organisation names and ordinary words at the start of a sentence are kept.
"""

from klachtclassificatie.privacy._anonimiseer import Verslag, anonimiseer_pad
from klachtclassificatie.privacy._behouden import STANDAARD_BEHOUDEN
from klachtclassificatie.privacy._deduce import deduce_model
from klachtclassificatie.privacy._evaluatie import evalueer
from klachtclassificatie.privacy._redactie import redigeer, redigeer_snel
from klachtclassificatie.privacy._typen import TYPES, Redactie, Vervanging

__all__ = [
    "STANDAARD_BEHOUDEN",
    "TYPES",
    "Redactie",
    "Verslag",
    "Vervanging",
    "anonimiseer_pad",
    "deduce_model",
    "evalueer",
    "redigeer",
    "redigeer_snel",
]
