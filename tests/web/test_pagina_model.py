"""The model page speaks plain Dutch and shows the measured figures of the model card."""

import copy
import re

from .conftest import _client

#: Words of the data scientist that the coordinator should not need.
JARGON = re.compile(r"accuracy|macro|f1\b|top-?\d|recall|precision|kalibratie|conformal|coverage|"
                    r"threshold|split|cross|hyperparam", re.I)


def _zichtbaar(pagina: str) -> str:
    """The text a reader sees in the page's main part, without tags."""
    inhoud = pagina.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inhoud))


def _met_testsplit(model):
    kopie = copy.copy(model)
    kopie.kaart = {**model.kaart, "testsplit": {
        "categorie": {"n": 295, "accuracy": 0.9119, "dekking": 0.9119, "accuracy_zeker": 0.9368,
                      "set_dekking": 0.9356, "basislijnen": {"trefwoorden": {"accuracy": 0.5932}}},
        "programmaonderdeel": {"n": 295, "accuracy": 0.9254, "dekking": 0.8542, "accuracy_zeker": 0.9762,
                               "set_dekking": 0.9695, "basislijnen": {"trefwoorden": {"accuracy": 0.6915}}}}}
    return kopie


def test_the_page_explains_percentage_set_and_zeker_without_jargon_or_markdown(register_klein, klein_model):
    tekst = _zichtbaar(_client(register_klein, _met_testsplit(klein_model)).get("/model").text)
    for kop in ('De kans, bijvoorbeeld "bejegening 72%"', "De set, bijvoorbeeld", '"Zeker" of "handmatig beoordelen"',
                "Hoe goed het model is", "Op apart gehouden teksten", "In dit register"):
        assert kop in tekst.replace("&#34;", '"'), kop
    voor_techniek = tekst.split("Modelkaart klachtmodel")[0]
    assert not JARGON.search(voor_techniek), JARGON.search(voor_techniek)
    assert not re.search(r"(^|\s)#{1,3} |\*\*|\|\s*-{3}", tekst)  # no raw Markdown
    assert "in 9 van de 10 gevallen" in tekst


def test_the_figures_are_those_of_the_model_card(register_klein, klein_model):
    pagina = _client(register_klein, _met_testsplit(klein_model)).get("/model").text
    kruis = klein_model.kaart["doelen"]["categorie"]["kruisvalidatie"]
    rij = re.search(r'<th scope="row">Categorie</th>(.*?)</tr>', pagina.split('id="scores"')[1], re.S).group(1)
    cellen = re.findall(r"<td>([^<]*)</td>", rij)
    assert cellen[:3] == [f"{100 * kruis['accuracy']:.0f}%", f"{100 * kruis['dekking']:.0f}%",
                          "—" if kruis["accuracy_zeker"] is None else f"{100 * kruis['accuracy_zeker']:.0f}%"]
    test = pagina.split('id="testsplit"')[1].split("</table>")[0]
    assert re.findall(r"<td>([^<]*)</td>", test)[:5] == ["91%", "91%", "94%", "94%", "59%"]
    assert "295 teksten die bij het trainen nooit zijn gebruikt" in pagina


def test_without_held_out_texts_the_page_says_so(register_klein, klein_model):
    pagina = _client(register_klein, klein_model).get("/model").text
    assert "Niet gemeten: bij het trainen waren er geen apart gehouden teksten." in pagina
    assert 'id="testsplit"' not in pagina
