"""When a suggestion may be called zeker: readable text, prediction sets, the real label mix."""

import numpy as np
import pytest

from klachtclassificatie.classificatie import NederlandseVoorbewerker
from klachtclassificatie.classificatie._zekerheid import (
    nonconformiteit,
    pas_labelmix_aan,
    redenen_handmatig,
    registermix,
    voorspellingssets,
)

VOORBEWERKER = NederlandseVoorbewerker()


@pytest.mark.parametrize(("tekst", "reden"), [
    ("", "lege tekst"),
    ("123456782", "alleen getallen"),
    ("jan@voorbeeld.nl 06-12345678", "alleen getallen of persoonsgegevens"),
    ("werkcoach onbeschoft", "te kort"),
    ("My benefit payment is late and nobody answers the phone", "geen Nederlandse tekst"),
])
def test_text_the_model_cannot_read_goes_to_manual_review_with_a_reason(tekst, reden):
    [uit] = redenen_handmatig(VOORBEWERKER.transform([tekst]), np.array([1.0]))
    assert uit is not None and uit.startswith(reden)


def test_unknown_words_are_a_reason_and_ordinary_complaints_are_read():
    teksten = ["Mijn uitkering is al twee keer te laat en niemand belt terug.",
               "Klant belt: stadspas nog niet ontvangen, wil weten waarom.",
               "Bijz. bijstand wasmachine afgewezen; klant betwist draagkracht.",
               # telegraphic, with "via" and "over" (on the English stop list too) and no Dutch article
               "Onjuist advies via telefoon over doorgeven vrijwilligersvergoeding; gesprek verliep moeizaam."]
    assert redenen_handmatig(VOORBEWERKER.transform(teksten), np.ones(4)) == [None, None, None, None]
    [uit] = redenen_handmatig(VOORBEWERKER.transform(["Mein Geld kommt nicht, niemand ruft zurück"]),
                              np.array([0.29]))
    assert "29%" in uit


def test_prediction_sets_reach_their_coverage_on_exchangeable_data():
    rng = np.random.default_rng(3)
    klassen = np.array(["a", "b", "c"])

    def trek(n):
        y = rng.integers(0, 3, n)
        ruis = rng.dirichlet([1, 1, 1], n)
        kansen = 0.6 * np.eye(3)[y] + 0.4 * ruis
        return klassen[y], kansen

    y_kal, k_kal = trek(2000)
    y_test, k_test = trek(2000)
    sets = voorspellingssets(k_test, nonconformiteit(y_kal, k_kal, klassen), betrouwbaarheid=0.9)
    gedekt = sets[np.arange(2000), np.searchsorted(klassen, y_test)].mean()
    assert 0.88 <= gedekt <= 0.93
    assert sets.sum(axis=1).mean() < 3  # not everything in every set


def test_a_higher_coverage_gives_larger_sets():
    kansen = np.array([[0.7, 0.2, 0.1], [0.4, 0.35, 0.25]])
    kalibratie = np.linspace(0, 0.8, 50)
    klein = voorspellingssets(kansen, kalibratie, betrouwbaarheid=0.5).sum()
    groot = voorspellingssets(kansen, kalibratie, betrouwbaarheid=0.95).sum()
    assert groot > klein


def test_label_mix_moves_probabilities_by_bayes_rule():
    kansen = np.array([[0.5, 0.5]])
    uit = pas_labelmix_aan(kansen, ["a", "b"], {"a": 0.5, "b": 0.5}, {"a": 0.9, "b": 0.1})
    assert uit[0] == pytest.approx([0.9, 0.1])
    assert pas_labelmix_aan(kansen, ["a", "b"], {"a": 0.5, "b": 0.5}, {"a": 0.5, "b": 0.5})[0] == pytest.approx([0.5, 0.5])


def test_a_register_with_few_confirmed_labels_stays_near_the_training_mix():
    training = {"a": 0.5, "b": 0.5}
    assert registermix({}, training) == training
    assert registermix({"a": 2}, training)["a"] == pytest.approx((2 + 10) / 22)
    veel = registermix({"a": 2000}, training)
    assert veel["a"] > 0.99 and veel["b"] > 0
