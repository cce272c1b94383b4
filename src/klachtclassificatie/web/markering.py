"""Showing the words that weighed most for a suggestion, marked in the complaint text."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape


def zegt_iets(woord: str) -> bool:
    """Whether a word is worth marking: it has a letter and is not a Dutch stop word."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return any(teken.isalpha() for teken in woord) and woord.casefold() not in STOP_WORDS


def markeer(tekst: str, posities: list[tuple[int, int, str]], woorden: dict[str, list[str]]) -> Markup:
    """The text as HTML with the weighing words marked per target; all of the text is escaped.

    `posities` are the (start, end, form) of the words as the model reads them
    (`KlachtModel.woordposities`); `woorden` per target the features of `Suggestie.woorden`, a
    lemma or a pair of lemmas. A pair marks both its words, except a stop word (de, en, een, dat:
    spaCy's Dutch list) or a word without letters (punctuation, numbers), which is never marked.
    Only the <mark> tags are markup.
    """
    vormen = [vorm for _, _, vorm in posities]
    doelen_per_woord: dict[int, set[str]] = defaultdict(set)
    for doel, kenmerken in woorden.items():
        for kenmerk in kenmerken:
            delen = kenmerk.split()
            for i in range(len(vormen) - len(delen) + 1):
                if delen and vormen[i : i + len(delen)] == delen:
                    for j in range(i, i + len(delen)):
                        doelen_per_woord[j].add(doel)
    stukken, vorige = [], 0
    for i, (start, einde, vorm) in enumerate(posities):
        if i not in doelen_per_woord or not zegt_iets(vorm) or not zegt_iets(tekst[start:einde]):
            continue
        klassen = " ".join(f"woord-{doel}" for doel in sorted(doelen_per_woord[i]))
        stukken.append(escape(tekst[vorige:start]))
        stukken.append(Markup('<mark class="{}">{}</mark>').format(klassen, tekst[start:einde]))
        vorige = einde
    stukken.append(escape(tekst[vorige:]))
    return Markup("").join(stukken)
