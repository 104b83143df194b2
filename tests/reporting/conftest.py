import pytest

from tests.reporting.sample import make_features


@pytest.fixture(scope="session")
def features():
    return make_features()
