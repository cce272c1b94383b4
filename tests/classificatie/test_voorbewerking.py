import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klachtclassificatie.classificatie import BLANCO_MODEL, NederlandseVoorbewerker
from klachtclassificatie.classificatie import _voorbewerking as preprocess
from klachtclassificatie.fouten import ModelError
from klachtclassificatie.privacy import redigeer_snel

from ..conftest import FIXTURES, PROJECTMAP


@pytest.fixture(scope="module")
def blanco():
    return NederlandseVoorbewerker(spacy_model=BLANCO_MODEL).fit([])


@pytest.fixture(scope="module")
def kleine_pipeline(tmp_path_factory):
    """A tiny saved spaCy pipeline standing in for nl_core_news_sm (loaded by path)."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "klein_test"
    nlp.meta["version"] = "0.0.1"
    pad = tmp_path_factory.mktemp("spacy") / "klein_test"
    nlp.to_disk(pad)
    return pad


def test_lemmas_in_lower_case(blanco):
    [uit] = blanco.transform(["De Uitkeringen werden NIET betaald, ik belde drie keer."])
    assert uit.split() == ["de", "uitkering", "werden", "niet", "betaald", "ik", "bellen", "drie", "keer"]


def test_personal_data_and_numbers_become_placeholders(blanco):
    [uit] = blanco.transform(
        ["Bel me op 06-12345678 of mail jan.jansen@example.nl, klantnummer 204518, ik kreeg 250 euro."]
    )
    assert "ph_telefoon" in uit.split() and "ph_email" in uit.split()
    assert "ph_getal" in uit.split()
    for waarde in ("12345678", "jan.jansen", "204518", "250"):
        assert waarde not in uit


def test_empty_text_gives_empty_lemmas(blanco):
    assert blanco.transform(["", "   "]) == ["", ""]


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_preprocessing_never_crashes(tekst):
    uit = NEDERLANDS.transform([tekst])
    assert isinstance(uit[0], str)


#: The words (with their punctuation) of the small fixture corpus.
WOORDEN = sorted({w for tekst in pd.read_csv(FIXTURES / "annotaties-klein.csv")["tekst"] for w in tekst.split()})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WOORDEN), max_size=40), st.sampled_from([" ", "\n", "  "]))
def test_preprocessing_is_idempotent(woorden, scheiding):
    """Reading the model's own output again changes nothing (lemmas are their own lemma)."""
    eenmaal = NEDERLANDS.transform([scheiding.join(woorden)])[0]
    assert NEDERLANDS.transform([eenmaal])[0] == eenmaal


def test_punctuation_around_a_word_is_dropped():
    assert NEDERLANDS.transform(["bijv. (uitkering) 'kwijt'"])[0] == "bijv uitkering kwijt"


NEDERLANDS = NederlandseVoorbewerker(spacy_model=BLANCO_MODEL)


def test_a_saved_pipeline_is_loaded_by_path(kleine_pipeline):
    voorbewerker = NederlandseVoorbewerker(spacy_model=str(kleine_pipeline)).fit([])
    assert voorbewerker.transform(["Uitkeringen"]) == ["uitkering"]
    beschrijving = preprocess.beschrijf_spacy(str(kleine_pipeline))
    assert beschrijving["versie"] == "0.0.1"


def test_nl_core_news_sm_is_preferred_when_installed(monkeypatch):
    monkeypatch.setattr(preprocess, "volledig_model_beschikbaar", lambda: True)
    assert preprocess.kies_spacy_model() == "nl_core_news_sm"
    monkeypatch.setattr(preprocess, "volledig_model_beschikbaar", lambda: False)
    assert preprocess.kies_spacy_model() == BLANCO_MODEL
    assert preprocess.kies_spacy_model("/pad/naar/model") == "/pad/naar/model"


def test_an_unknown_pipeline_is_a_dutch_error():
    with pytest.raises(ModelError, match="spaCy-pipeline 'bestaat_niet' niet gevonden"):
        preprocess.laad_spacy("bestaat_niet")


def test_the_spacy_pipeline_is_not_pickled(blanco):
    import pickle

    assert "_nlp" not in pickle.loads(pickle.dumps(blanco)).__dict__


def test_blank_fast_path_gives_the_forms_of_the_whole_pipeline(blanco):
    teksten = ["De Uitkeringen werden NIET betaald, ik belde drie keer!", "Bijv. de kinderen...",
               "Mail naar a@b.nl of bel 06-12345678 (bijv. morgen).", "", "  \n  liepen liepen Liepen"]
    nlp = blanco._pipeline()
    verwacht = [preprocess._vormen(doc) for doc in nlp.pipe(
        preprocess._PLAATSHOUDER.sub(lambda m: f" ph_{m.group(1).lower()} ", redigeer_snel(t))
        for t in teksten)]
    assert blanco.transform(teksten) == verwacht
    assert blanco.transform(teksten) == verwacht  # again, from the remembered forms


def test_a_loaded_blank_preprocessor_needs_only_the_tokenizer_and_its_stored_table(blanco):
    import pickle

    teksten = ["De Uitkeringen werden NIET betaald, ik belde drie keer!", "Wij liepen naar de kinderen."]
    geladen = pickle.loads(pickle.dumps(blanco))
    assert geladen.transform(teksten) == blanco.transform(teksten)
    assert geladen.posities(teksten[1]) == blanco.posities(teksten[1])
    assert "_nlp" not in vars(geladen)  # no pipeline, no lemmatizer, no lookup tables read
    assert isinstance(geladen._tokenizer, preprocess.BlancoTokenizer)


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.idx, t.whitespace_, t.is_punct, t.is_space) for t in doc]


#: Texts where special cases meet affixes, spaces between their parts, and each other.
LASTIGE_TEKSTEN = [
    "Zie www.wil-lekstroom.nl/klacht, bijv. t.a.v. mw. De Vries!!",
    "O.a. 't huis z'n  kinderen\t:-) 12-03-2024 €250,- en/of...", "😡 NIEMAND belt terug?!",
    "bijv . en a. s. ma . t .a.v. (bijv.) \"bijv.\" bijv.. z.o.z.:-)", "BIJV. Bijv. bIjv. ,'s-Hertogenbosch",
    "a.s.\na.s. a.s.a.s. :) :-) :-)) <3 </3 ^_^ o_O", "", "   ", "\n\n", "nr. 5, art. 3 lid 2 Pw.",
]


def test_the_loading_tokenizer_splits_and_flags_tokens_as_spacy_does(kleine_annotaties):
    import spacy

    teksten = [*kleine_annotaties["tekst"], *LASTIGE_TEKSTEN]
    volledig, snel = spacy.blank("nl"), preprocess.BlancoTokenizer()
    for doc_volledig, doc_snel in zip(volledig.tokenizer.pipe(teksten), snel.pipe(teksten), strict=True):
        assert _tokens(doc_snel) == _tokens(doc_volledig)


def test_the_loading_tokenizer_adds_the_special_cases_a_text_could_need_then_all():
    import spacy

    volledig, snel = spacy.blank("nl").tokenizer, preprocess.BlancoTokenizer()
    for tekst in LASTIGE_TEKSTEN:  # each in a tokenizer of its own: only its own special cases
        alleen = preprocess.BlancoTokenizer()
        assert _tokens(alleen(tekst)) == _tokens(volledig(tekst))
    snel("Mijn uitkering is te laat")
    assert 0 < len(snel._spacy.rules) < 10  # the whitespace cases, none of the abbreviations
    snel("Zie bijv. de brief")
    assert {"bijv.", "Bijv.", "BIJV."} - set(snel._spacy.rules) == {"Bijv.", "BIJV."}
    list(snel.pipe(["tekst"] * preprocess.LOSSE_TEKSTEN))
    assert snel._spacy.rules == volledig.rules


def test_the_loading_tokenizer_gives_spacys_tokens_on_the_whole_corpus(monkeypatch):
    """Every text of the annotations and fixtures, each with only the special cases added so far
    (none are added all at once here), against spaCy's blank Dutch tokenizer."""
    import spacy

    teksten = [t for pad in sorted([*PROJECTMAP.glob("data/annotaties/*.csv"), *FIXTURES.glob("*.csv")])
               if "tekst" in (frame := pd.read_csv(pad, dtype=str, keep_default_na=False))
               for t in frame["tekst"]]
    assert len(teksten) > 2500
    monkeypatch.setattr(preprocess, "LOSSE_TEKSTEN", len(teksten) + 1)
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SPACY

    volledig, snel = spacy.blank("nl").tokenizer, preprocess.BlancoTokenizer()
    velden = [ORTH, IDX, SPACY, IS_PUNCT, IS_SPACE]
    for tekst, doc in zip(teksten, snel.pipe(teksten), strict=True):
        assert doc.to_array(velden).tolist() == volledig(tekst).to_array(velden).tolist(), tekst
    assert len(snel._spacy.rules) < len(volledig.rules)


def test_the_stored_lemma_table_looks_up_as_a_dict_before_and_after_it_becomes_one(blanco, monkeypatch):
    sleutels, lemmas = blanco.lemmatabel_
    verwacht = dict(zip(sleutels.tolist(), lemmas.split("\n"), strict=True))
    vragen = [*sleutels[[0, 1, 2, len(sleutels) // 2, -2, -1]].tolist(), 12345, 0]
    monkeypatch.setattr(preprocess, "LOSSE_WOORDEN", len(vragen))
    tabel = preprocess.Lemmatabel(sleutels, lemmas)
    assert [tabel.get(s, "?") for s in vragen] == [verwacht.get(s, "?") for s in vragen]
    assert tabel._tabel is None  # searched, no dict made
    assert [tabel.get(s, "?") for s in vragen] == [verwacht.get(s, "?") for s in vragen]
    assert tabel._tabel == verwacht


def test_a_process_that_forks_makes_its_tokenizer_and_lemma_table_whole_first(blanco):
    """Forked workers then share them instead of each making them."""
    import os

    tokenizer = preprocess.BlancoTokenizer()
    tabel = preprocess.Lemmatabel(*blanco.lemmatabel_)
    tokenizer("Mijn uitkering is te laat")
    tabel.get(int(blanco.lemmatabel_[0][0]), "?")
    assert tokenizer._open and tabel._tabel is None
    kind = os.fork()
    if kind == 0:
        os._exit(0)
    os.waitpid(kind, 0)
    assert not tokenizer._open and tabel._tabel is not None
    assert len(tokenizer._spacy.rules) == len(tokenizer._regels)
