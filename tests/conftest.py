from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTMAP = Path(__file__).parents[1]
#: Fixtures that make a test slow: training on the shipped corpus, and deduce's tables (built
#: on the first use after installing, a minute or two). `pytest -m "not slow"` skips them.
TRAGE_FIXTURES = {"corpusmodel", "deduce_geladen"}


def pytest_collection_modifyitems(items):
    for item in items:
        if TRAGE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def klachten_csv() -> Path:
    return FIXTURES / "klachten.csv"


@pytest.fixture
def register_pad(tmp_path) -> Path:
    return tmp_path / "register.sqlite"


@pytest.fixture(scope="session")
def kleine_annotaties():
    from klachtclassificatie.annotaties import lees_annotaties

    return lees_annotaties(FIXTURES / "annotaties-klein.csv")


#: A quick grid for unit tests: one candidate per model family.
KLEIN_RASTER = [{"classificator": "logreg", "C": 10.0}, {"classificator": "svm", "C": 1.0}]


@pytest.fixture(scope="session")
def klein_model(kleine_annotaties):
    """A model trained on the 30-text fixture (seconds), for tests of behaviour, not accuracy."""
    from klachtclassificatie.classificatie import train

    return train(kleine_annotaties, raster=KLEIN_RASTER, folds=3)


@pytest.fixture(scope="session")
def klein_modelpad(klein_model, tmp_path_factory):
    from klachtclassificatie.classificatie import bewaar

    pad = tmp_path_factory.mktemp("model") / "klachtmodel.skops"
    bewaar(klein_model, pad)
    return pad


@pytest.fixture(scope="session")
def corpusmodel():
    """The default model trained once per test run on the shipped training split."""
    from klachtclassificatie.annotaties import trainingssplit
    from klachtclassificatie.classificatie import train

    return train(trainingssplit(PROJECTMAP / "data" / "annotaties"))


@pytest.fixture(autouse=True)
def snelle_wachtwoordhashes(monkeypatch):
    """argon2 with the least work (half a second per hash otherwise): tests check what, not how long."""
    from argon2 import PasswordHasher

    from klachtclassificatie.register import _gebruikers

    snel = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(_gebruikers, "_hasher", lambda: snel)
