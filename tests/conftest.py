from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTMAP = Path(__file__).parents[1]


@pytest.fixture
def klachten_csv() -> Path:
    return FIXTURES / "klachten.csv"


@pytest.fixture
def register_pad(tmp_path) -> Path:
    return tmp_path / "register.sqlite"
