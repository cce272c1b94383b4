"""The keyword-rule baseline the model must beat."""

from klachtclassificatie.classificatie import TrefwoordRegels


def test_first_matching_rule_wins_and_the_majority_is_the_fallback():
    regels = TrefwoordRegels("programmaonderdeel").fit(["x"], ["Inkomen"])
    voorspeld = regels.predict([
        "Mijn budgetcoach reageert niet",       # SHV before Werk: "coach" comes later in the list
        "De stadspas is niet verlengd",
        "Mijn werkcoach was onbeschoft",
        "Ik kom niet in Mijn WIL met DigiD",
        "Iets heel anders",
    ])
    assert list(voorspeld) == ["SHV", "Inkomensondersteuning", "Werk", "Bedrijfsvoering", "Inkomen"]


def test_duration_words_make_afhandelingsduur():
    regels = TrefwoordRegels("categorie").fit(["x"], ["informatie/nalatigheid"])
    assert list(regels.predict(["Het duurt al weken", "Hij was onbeschoft", "Niets"])) == [
        "afhandelingsduur", "bejegening", "informatie/nalatigheid"]
