"""Dutch preprocessing with spaCy: lemmas in lower case, personal data and numbers as placeholders."""

from __future__ import annotations

import os
import re
import string
import threading
from importlib.metadata import PackageNotFoundError, version

from sklearn.base import BaseEstimator, TransformerMixin

from klachtclassificatie.fouten import ModelError

#: The trained Dutch pipeline used when it is installed (it is published on GitHub, not PyPI).
VOLLEDIG_MODEL = "nl_core_news_sm"
#: Name under which the fallback pipeline is recorded in model cards.
BLANCO_MODEL = "blank:nl"
BATCHGROOTTE = 256
#: At most this many distinct word forms are remembered by the fast blank-pipeline path.
VORMENCACHE = 200_000

_PLAATSHOUDER = re.compile(r"\[([A-Z]+)-\d+\]")
_CIJFERS = re.compile(r"\d")
_LEESTEKENS = string.punctuation + "‘’“”„‚…–—«»·•°€£"


def volledig_model_beschikbaar() -> bool:
    """Whether nl_core_news_sm is installed in this environment."""
    try:
        version(VOLLEDIG_MODEL)
    except PackageNotFoundError:
        return False
    return True


def kies_spacy_model(gevraagd: str | None = None) -> str:
    """The spaCy pipeline to use: the one asked for, else nl_core_news_sm if installed, else blank."""
    if gevraagd:
        return gevraagd
    return VOLLEDIG_MODEL if volledig_model_beschikbaar() else BLANCO_MODEL


def laad_spacy(naam: str):
    """Load a spaCy pipeline by package name or path, or the blank Dutch one with lookup lemmas.

    Raises ModelError with a Dutch message when it cannot be loaded; never downloads anything.
    """
    import spacy

    if naam == BLANCO_MODEL:
        nlp = spacy.blank("nl")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        try:
            nlp.initialize()
        except (ValueError, OSError) as fout:
            raise ModelError(
                "de opzoektabellen voor Nederlandse lemma's ontbreken; installeer spacy-lookups-data"
            ) from fout
        return nlp
    try:
        nlp = spacy.load(naam, exclude=["parser", "ner", "senter"])
    except OSError as fout:
        raise ModelError(
            f"spaCy-pipeline '{naam}' niet gevonden; installeer hem (zie README) "
            f"of gebruik de standaard zonder --spacy-model"
        ) from fout
    return nlp


def beschrijf_spacy(naam: str) -> dict[str, str]:
    """What a model card records about the spaCy pipeline: name and versions."""
    import spacy

    beschrijving = {"naam": naam, "spacy": spacy.__version__}
    if naam == BLANCO_MODEL:
        beschrijving["lemmatizer"] = "lookup (spacy-lookups-data " + version("spacy-lookups-data") + ")"
    else:
        nlp = laad_spacy(naam)
        beschrijving["versie"] = nlp.meta.get("version", "onbekend")
        beschrijving["lemmatizer"] = "pipeline: " + ", ".join(nlp.pipe_names)
    return beschrijving


#: Tokenizers and lemma tables of this process that are made in part (see `_maak_volledig_voor_fork`).
_DEELS_GEMAAKT = None


def _maak_volledig_voor_fork(deels) -> None:
    """Have `deels` (a `BlancoTokenizer` or `Lemmatabel`) made whole when this process forks.

    Worker processes that fork from a process with the model (batch labelling) then share its
    special cases and dict, as they shared the whole tokenizer before it was made in part,
    instead of each making them in its own memory.
    """
    global _DEELS_GEMAAKT
    if _DEELS_GEMAAKT is None:
        import weakref

        _DEELS_GEMAAKT = weakref.WeakSet()
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(before=_voor_fork)
    _DEELS_GEMAAKT.add(deels)


def _voor_fork() -> None:
    for deels in list(_DEELS_GEMAAKT):
        deels.maak_volledig()
    _DEELS_GEMAAKT.clear()


#: The loading tokenizer adds only the special cases the texts could need for this many texts,
#: then all of them (finding them costs some 0.06 ms per text; adding them all 0.2 s).
LOSSE_TEKSTEN = 100


class BlancoTokenizer:
    """The tokenizer of spaCy's blank Dutch pipeline, made without the pipeline, whose special
    cases (the 4670 tokenizer exceptions, mostly abbreviations) are added when a text could need
    them.

    Made as spaCy's own tokenizer factory makes it (same prefix, suffix and infix patterns, token
    and URL matches). Adding all special cases takes most of the 0.3 s a blank pipeline takes to
    make, and spaCy does that again when it reads a saved tokenizer. A special case can only
    change how a text is split when its characters, spaces aside, occur in the text (spaCy looks
    it up by the exact chunk or affix-stripped part, and its phrase matcher compares token texts),
    so a text is tokenized after adding the cases whose spaceless form occurs in its spaceless
    form: the tokens are those of the whole tokenizer. Adding a case clears spaCy's cache of split
    chunks, so no chunk keeps a split made without it. After `LOSSE_TEKSTEN` texts all cases are
    added, as batch labelling needs them anyway. Only the lexical flags the forms use
    (punctuation, space) are computed for each word, as tokenizing does not depend on the others.
    """

    def __init__(self):
        from spacy.attrs import IS_PUNCT, IS_SPACE
        from spacy.lang.lex_attrs import LEX_ATTRS
        from spacy.lang.nl import Dutch
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
        from spacy.vocab import Vocab

        standaard = Dutch.Defaults
        self.vocab = Vocab(lex_attr_getters={a: LEX_ATTRS[a] for a in (IS_PUNCT, IS_SPACE)})
        self._spacy = Tokenizer(
            self.vocab,
            rules={},
            prefix_search=compile_prefix_regex(standaard.prefixes).search if standaard.prefixes else None,
            suffix_search=compile_suffix_regex(standaard.suffixes).search if standaard.suffixes else None,
            infix_finditer=compile_infix_regex(standaard.infixes).finditer if standaard.infixes else None,
            token_match=standaard.token_match,
            url_match=standaard.url_match,
        )
        self._regels = standaard.tokenizer_exceptions
        #: The special cases not added yet by their characters without spaces, and per last
        #: character the lengths of those, to find them in a text with one pass over its characters.
        self._open: dict[str, list[str]] = {}
        self._lengtes: dict[str, set[int]] = {}
        for tekst in self._regels:
            kaal = "".join(tekst.split())
            self._open.setdefault(kaal, []).append(tekst)
            if kaal:
                self._lengtes.setdefault(kaal[-1], set()).add(len(kaal))
        self._gelezen = 0
        # Threads of the web app share a model: a text is split only after the cases it needs are
        # all added, not while another thread is adding them.
        self._slot = threading.Lock()
        self._voeg_toe(self._open.pop("", []))  # spaces and tabs: any text could need them
        _maak_volledig_voor_fork(self)

    def maak_volledig(self) -> None:
        """Add every special case not added yet."""
        with self._slot:
            self._voeg_alles_toe()

    def _voeg_alles_toe(self) -> None:
        self._voeg_toe([tekst for gevallen in self._open.values() for tekst in gevallen])
        self._open = {}

    def _voeg_toe(self, gevallen: list[str]) -> None:
        for tekst in sorted(gevallen):
            self._spacy.add_special_case(tekst, self._regels[tekst])

    def _voeg_toe_voor(self, teksten: list[str]) -> None:
        """Add the special cases any of `teksten` could need (all of them once enough texts were read)."""
        if not self._open:
            return
        self._gelezen += len(teksten)
        if self._gelezen > LOSSE_TEKSTEN:
            self._voeg_alles_toe()
            return
        nodig = []
        for tekst in teksten:
            kaal = "".join(tekst.split())
            for eind, teken in enumerate(kaal, 1):
                for lengte in self._lengtes.get(teken, ()):
                    if lengte <= eind and (gevallen := self._open.pop(kaal[eind - lengte:eind], None)):
                        nodig += gevallen
        self._voeg_toe(nodig)

    def __call__(self, tekst: str):
        return self._docs([tekst])[0]

    def pipe(self, teksten, batch_size: int = BATCHGROOTTE):
        """The Docs of `teksten`, as spaCy's `Tokenizer.pipe` gives them."""
        stuk = []
        for tekst in teksten:
            stuk.append(tekst)
            if len(stuk) == batch_size:
                yield from self._docs(stuk)
                stuk = []
        yield from self._docs(stuk)

    def _docs(self, teksten: list[str]) -> list:
        with self._slot:
            self._voeg_toe_voor(teksten)
            return [self._spacy(tekst) for tekst in teksten]


def _vorm(tekst: str, lemma: str) -> str:
    """The form the model sees for one word token: placeholder, ph_getal or lower-case lemma.

    Punctuation at either end is dropped ("bijv." and "bijv" are one word), so that reading the
    output again gives the same output.
    """
    if tekst.startswith("ph_"):
        return tekst
    if _CIJFERS.search(tekst):
        return "ph_getal"
    return (lemma or tekst).lower().strip(_LEESTEKENS)


def _vormen(doc) -> str:
    """Lower-case lemmas of the word tokens, digits as ph_getal, placeholders kept."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, ORTH

    strings = doc.vocab.strings
    uit = []
    for lemma, orth, punct, spatie in doc.to_array([LEMMA, ORTH, IS_PUNCT, IS_SPACE]).tolist():
        if punct or spatie:
            continue
        vorm = _vorm(strings[orth], strings[lemma] if lemma else "")
        if vorm:
            uit.append(vorm)
    return " ".join(uit)


def _compacte_tabel(tabel) -> tuple:
    """spaCy's lemma lookup table as (hash keys, lemmas joined by newlines), quick to unpickle.

    Entries whose lemma is the word itself are left out: looking up gives the word either way.
    """
    import numpy as np
    from spacy.strings import get_string_id

    paren = [(sleutel, lemma) for sleutel, lemma in tabel.items()
             if get_string_id(lemma) != sleutel and "\n" not in lemma]
    return np.array([p[0] for p in paren], dtype=np.uint64), "\n".join(p[1] for p in paren)


#: The stored lemma table is searched entry by entry for this many words, then made into a dict.
LOSSE_WOORDEN = 200


class Lemmatabel:
    """The lemma table stored in the model (`_compacte_tabel`) to look words up in by hash key.

    Making a dict of its 212 933 entries takes 0.05 s; a cold suggestion looks up a few dozen
    words. So the first `LOSSE_WOORDEN` words are searched in the array of keys (0.04 ms each),
    and only then the dict is made, as batch labelling looks up many thousands.
    """

    def __init__(self, sleutels, lemmas: str):
        self._sleutels, self._lemmas = sleutels, lemmas
        self._tabel: dict[int, str] | None = None
        self._regeleinden = None
        self._gezocht = 0
        _maak_volledig_voor_fork(self)

    def maak_volledig(self) -> None:
        """Make the dict, if it is not made yet."""
        if self._tabel is None:
            self._tabel = dict(zip(self._sleutels.tolist(), self._lemmas.split("\n"), strict=True))

    def get(self, sleutel: int, standaard: str) -> str:
        if self._tabel is not None:
            return self._tabel.get(sleutel, standaard)
        self._gezocht += 1
        if self._gezocht > LOSSE_WOORDEN:
            self.maak_volledig()
            return self._tabel.get(sleutel, standaard)
        import numpy as np

        gevonden = np.flatnonzero(self._sleutels == np.uint64(sleutel))
        if not len(gevonden):
            return standaard
        if self._regeleinden is None:
            self._bytes = self._lemmas.encode("utf-8")
            self._regeleinden = np.flatnonzero(np.frombuffer(self._bytes, dtype=np.uint8) == ord("\n"))
        i = int(gevonden[0])
        begin = int(self._regeleinden[i - 1]) + 1 if i else 0
        eind = int(self._regeleinden[i]) if i < len(self._regeleinden) else len(self._bytes)
        return self._bytes[begin:eind].decode("utf-8")


def _vormen_opzoeken(doc, lemmatiseer, cache: dict) -> str:
    """`_vormen` for the blank pipeline: tokenizer output and the lemma lookup table, per word form.

    With the blank pipeline a token's form depends only on its text (lookup lemmas, lexical
    punctuation flags), so each distinct form is computed once with the lemmatizer's own method
    and remembered; the result equals running the lemmatizer on the whole document.
    """
    from spacy.attrs import ORTH

    uit = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        vorm = cache.get(orth)
        if vorm is None:
            token = doc[i]
            if token.is_punct or token.is_space:
                vorm = ""
            else:
                lemma = token.lemma_ if token.lemma else lemmatiseer(token)[0]
                vorm = _vorm(token.text, lemma)
            if len(cache) < VORMENCACHE:
                cache[orth] = vorm
        if vorm:
            uit.append(vorm)
    return " ".join(uit)


class NederlandseVoorbewerker(BaseEstimator, TransformerMixin):
    """Turn complaint texts into space-separated lower-case lemmas.

    Personal data found by the fast patterns of `privacy.redigeer_snel` (e-mail, phone, BSN-like
    numbers, postcodes, IBAN, klantnummers) and every number become placeholder tokens
    (`ph_email`, `ph_getal`...), so no fitted vocabulary can contain them.
    """

    def __init__(self, spacy_model: str = BLANCO_MODEL, batchgrootte: int = BATCHGROOTTE):
        self.spacy_model = spacy_model
        self.batchgrootte = batchgrootte

    def fit(self, teksten, y=None):
        nlp = self._pipeline()
        if self.spacy_model == BLANCO_MODEL:
            # Stored with the model, so that loading it needs only spaCy's tokenizer (the table of
            # spacy-lookups-data takes longer to read than the rest of a cold start's spaCy part).
            self.lemmatabel_ = _compacte_tabel(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))
        return self

    def _pipeline(self):
        """The whole spaCy pipeline (the blank one with its lookup lemmatizer), loaded once."""
        if getattr(self, "_nlp", None) is None:
            self._nlp = laad_spacy(self.spacy_model)
        return self._nlp

    def _per_vorm(self):
        """(tokenizer, lemmatizer of a token) when forms can be made per word form (the blank
        pipeline), or None when the whole pipeline must run (it lemmatises by part of speech).

        With the table stored in the model, the tokenizer is `BlancoTokenizer` (unless the
        pipeline is loaded already, as after fitting) and the lemmatizer does what spaCy's Dutch
        lookup lemmatizer does: look up the lower-case text, else keep it.
        """
        if self.spacy_model != BLANCO_MODEL:
            return None
        if getattr(self, "lemmatabel_", None) is None:
            nlp = self._pipeline()
            return (nlp.tokenizer, nlp.get_pipe("lemmatizer").lemmatize) if nlp.pipe_names == ["lemmatizer"] else None
        tokenizer = getattr(self, "_nlp", None)
        if tokenizer is not None:
            tokenizer = tokenizer.tokenizer
        else:
            tokenizer = self.__dict__.get("_tokenizer")
            if tokenizer is None:
                tokenizer = self._tokenizer = BlancoTokenizer()
        from spacy.strings import get_string_id

        tabel = self.__dict__.get("_tabel")
        if tabel is None:
            tabel = self._tabel = Lemmatabel(*self.lemmatabel_)

        def opzoeken(token) -> list[str]:
            tekst = token.text.lower()
            return [tabel.get(get_string_id(tekst), tekst)]

        return tokenizer, opzoeken

    def transform(self, teksten) -> list[str]:
        from klachtclassificatie.privacy import redigeer_snel

        voorbereid = (_PLAATSHOUDER.sub(lambda m: f" ph_{m.group(1).lower()} ", redigeer_snel(str(t)))
                      for t in teksten)
        per_vorm = self._per_vorm()
        if per_vorm is not None:
            # Tokenizer plus lookup table: the same forms as the pipeline, without a Doc pass.
            tokenizer, lemmatiseer = per_vorm
            cache = self.__dict__.setdefault("_vormen", {})
            return [_vormen_opzoeken(doc, lemmatiseer, cache)
                    for doc in tokenizer.pipe(voorbereid, batch_size=self.batchgrootte)]
        return [_vormen(doc) for doc in self._pipeline().pipe(voorbereid, batch_size=self.batchgrootte)]

    def posities(self, tekst: str) -> list[tuple[int, int, str]]:
        """(start, end, form) of each word token of the unredacted `tekst`, to show words in place."""
        per_vorm = self._per_vorm()
        if per_vorm is None:
            doc = self._pipeline()(str(tekst))
            return [(t.idx, t.idx + len(t.text), _vorm(t.text, t.lemma_))
                    for t in doc if not (t.is_punct or t.is_space)]
        tokenizer, lemmatiseer = per_vorm
        return [(t.idx, t.idx + len(t.text), _vorm(t.text, t.lemma_ if t.lemma else lemmatiseer(t)[0]))
                for t in tokenizer(str(tekst)) if not (t.is_punct or t.is_space)]

    def __getstate__(self):
        # The spaCy pipeline or tokenizer is made again on first use; it is not part of the model file.
        staat = self.__dict__.copy()
        staat.pop("_nlp", None)
        staat.pop("_tokenizer", None)
        staat.pop("_vormen", None)
        staat.pop("_tabel", None)
        return staat
