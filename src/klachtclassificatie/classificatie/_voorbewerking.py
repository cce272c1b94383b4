"""Dutch preprocessing with spaCy: lemmas in lower case, personal data and numbers as placeholders."""

from __future__ import annotations

import re
import string
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


def _blanco_tokenizer():
    """The blank Dutch pipeline, for its tokenizer only, with the two lexical flags forms use.

    Making the tokenizer creates a lexeme for every word of its 4670 exceptions, and computes each
    lexeme's attributes (shape, stop word, number-like...): half of the 0.3 s it takes. The forms
    the model sees need only the punctuation and space flags, and tokenization does not depend on
    lexical attributes, so only those two are computed.
    """
    import spacy
    from spacy.attrs import IS_PUNCT, IS_SPACE
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.vocab import Vocab

    return spacy.blank("nl", vocab=Vocab(lex_attr_getters={a: LEX_ATTRS[a] for a in (IS_PUNCT, IS_SPACE)}))


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
        nlp = getattr(self, "_nlp", None)
        if nlp is None or (self.spacy_model == BLANCO_MODEL and "lemmatizer" not in nlp.pipe_names):
            self._nlp = laad_spacy(self.spacy_model)
        if self.spacy_model == BLANCO_MODEL:
            # Stored with the model, so that loading it needs only spaCy's tokenizer (the table of
            # spacy-lookups-data takes longer to read than the rest of a cold start's spaCy part).
            self.lemmatabel_ = _compacte_tabel(
                self._nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))
        return self

    def _laad(self):
        if getattr(self, "_nlp", None) is None:
            if self.spacy_model == BLANCO_MODEL and getattr(self, "lemmatabel_", None) is not None:
                self._nlp = _blanco_tokenizer()  # tokenizer only; lemmas from lemmatabel_
            else:
                self._nlp = laad_spacy(self.spacy_model)
        return self._nlp

    def _lemmatiseerder(self, nlp):
        """The blank pipeline's lookup lemmatizer as a function of a token; None for a full pipeline.

        With the stored table it does what spaCy's Dutch lookup lemmatizer does: look up the
        lower-case text, else keep it.
        """
        if self.spacy_model != BLANCO_MODEL:
            return None
        if getattr(self, "lemmatabel_", None) is not None:
            from spacy.strings import get_string_id

            tabel = self.__dict__.get("_tabel")
            if tabel is None:
                sleutels, lemmas = self.lemmatabel_
                tabel = self._tabel = dict(zip(sleutels.tolist(), lemmas.split("\n"), strict=True))

            def opzoeken(token) -> list[str]:
                tekst = token.text.lower()
                return [tabel.get(get_string_id(tekst), tekst)]

            return opzoeken
        if nlp.pipe_names == ["lemmatizer"]:
            return nlp.get_pipe("lemmatizer").lemmatize
        return None

    def transform(self, teksten) -> list[str]:
        from klachtclassificatie.privacy import redigeer_snel

        nlp = self._laad()
        voorbereid = (_PLAATSHOUDER.sub(lambda m: f" ph_{m.group(1).lower()} ", redigeer_snel(str(t)))
                      for t in teksten)
        lemmatiseer = self._lemmatiseerder(nlp)
        if lemmatiseer is not None:
            # Tokenizer plus lookup table: the same forms as the pipeline, without a Doc pass.
            cache = self.__dict__.setdefault("_vormen", {})
            return [_vormen_opzoeken(doc, lemmatiseer, cache)
                    for doc in nlp.tokenizer.pipe(voorbereid, batch_size=self.batchgrootte)]
        return [_vormen(doc) for doc in nlp.pipe(voorbereid, batch_size=self.batchgrootte)]

    def posities(self, tekst: str) -> list[tuple[int, int, str]]:
        """(start, end, form) of each word token of the unredacted `tekst`, to show words in place."""
        nlp = self._laad()
        lemmatiseer = self._lemmatiseerder(nlp)
        if lemmatiseer is None:
            doc = nlp(str(tekst))
            return [(t.idx, t.idx + len(t.text), _vorm(t.text, t.lemma_))
                    for t in doc if not (t.is_punct or t.is_space)]
        return [(t.idx, t.idx + len(t.text), _vorm(t.text, t.lemma_ if t.lemma else lemmatiseer(t)[0]))
                for t in nlp.tokenizer(str(tekst)) if not (t.is_punct or t.is_space)]

    def __getstate__(self):
        # The spaCy pipeline is reloaded on first use; it is not part of the model file.
        staat = self.__dict__.copy()
        staat.pop("_nlp", None)
        staat.pop("_vormen", None)
        staat.pop("_tabel", None)
        return staat
