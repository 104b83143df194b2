import pytest

from tests.report.sample import make_features


@pytest.fixture(scope="session")
def features():
    return make_features()
