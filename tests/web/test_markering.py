"""Marking the weighing words: never a stop word, punctuation or a number."""

from klachtclassificatie.web.markering import markeer, zegt_iets
from klachtclassificatie.web.suggestie import _betekenisvol


def _posities(tekst: str, paren: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    uit, vanaf = [], 0
    for woord, vorm in paren:
        start = tekst.index(woord, vanaf)
        uit.append((start, start + len(woord), vorm))
        vanaf = start + len(woord)
    return uit


def test_stop_words_in_a_word_pair_are_not_marked():
    tekst = "De werkcoach en een klantmanager zeiden dat het 12 euro was."
    posities = _posities(tekst, [("De", "de"), ("werkcoach", "werkcoach"), ("en", "en"), ("een", "een"),
                                 ("klantmanager", "klantmanager"), ("zeiden", "zeggen"), ("dat", "dat"),
                                 ("het", "het"), ("12", "12"), ("euro", "euro"), (".", ".")])
    html = str(markeer(tekst, posities, {"categorie": ["de werkcoach", "en een", "dat het 12", "euro ."],
                                         "programmaonderdeel": ["klantmanager", "12"]}))
    gemarkeerd = [w.split(">")[1] for w in html.split("<mark")[1:]]
    assert [w.split("<")[0] for w in gemarkeerd] == ["werkcoach", "klantmanager", "euro"]
    assert html.replace('<mark class="woord-categorie">', "").replace('<mark class="woord-programmaonderdeel">',
                                                                       "").replace("</mark>", "") == tekst


def test_which_words_say_something():
    assert [w for w in ["de", "En", "een", "dat", "niet", ",", "12", "2024-05-01", "uitkering", "Brief"]
            if zegt_iets(w)] == ["uitkering", "Brief"]


def test_the_listed_words_drop_stop_words_and_repeat_none():
    assert _betekenisvol(["de werkcoach", "werkcoach", "en een", "niet betalen", "12"]) == ["werkcoach", "betalen"]
