import pytest

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.fouten import VocabulaireError


@pytest.mark.parametrize(
    ("getypt", "canoniek"),
    [
        ("Gebrekkige informatie/ nalatigheid", "informatie/nalatigheid"),
        ("informatie / nalatigheid", "informatie/nalatigheid"),
        ("  Bejegening ", "bejegening"),
        ("AFHANDELINGSDUUR", "afhandelingsduur"),
    ],
)
def test_categorie_variants_normalise(getypt, canoniek):
    assert voc.CATEGORIEEN.normaliseer(getypt) == canoniek


@pytest.mark.parametrize(
    ("getypt", "canoniek"),
    [
        ("schuldhulpverlening", "SHV"),
        ("shv", "SHV"),
        ("inkomens ondersteuning", "Inkomensondersteuning"),
        ("werk", "Werk"),
    ],
)
def test_programmaonderdeel_variants_normalise(getypt, canoniek):
    assert voc.PROGRAMMAONDERDELEN.normaliseer(getypt) == canoniek


@pytest.mark.parametrize(
    ("getypt", "canoniek"),
    [
        ("niet-ontvankelijk", "niet ontvankelijk"),
        ("Niet Ontvankelijk", "niet ontvankelijk"),
        ("Gedeeltelijk  gegrond", "gedeeltelijk gegrond"),
        ("wederzijdse overeenstemming", "wederzijdse overeenstemming"),
    ],
)
def test_resultaat_variants_normalise(getypt, canoniek):
    assert voc.RESULTATEN.normaliseer(getypt) == canoniek


def test_gemeenten_kanalen_and_procedures_normalise():
    assert voc.GEMEENTEN.normaliseer("ijsselstein") == "IJsselstein"
    assert voc.KANALEN.normaliseer("E-mail") == "e-mail"
    assert voc.KANALEN.normaliseer("klachtenformulier") == "webformulier"
    assert voc.KANALEN.normaliseer("Wethouder") == "via wethouder"
    assert voc.PROCEDURES.normaliseer("Formele procedure") == "formeel"


def test_unknown_value_lists_the_allowed_values():
    with pytest.raises(VocabulaireError) as fout:
        voc.PROGRAMMAONDERDELEN.normaliseer("Zorg")
    melding = str(fout.value)
    assert "onbekende programmaonderdeel 'Zorg'" in melding
    for waarde in voc.PROGRAMMAONDERDELEN:
        assert waarde in melding


def test_ja_nee():
    assert voc.ja_nee("Ja") and voc.ja_nee("1") and not voc.ja_nee("nee")
    with pytest.raises(VocabulaireError):
        voc.ja_nee("misschien")
