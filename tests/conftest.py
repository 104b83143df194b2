"""Shared test helpers. Keep this small: fixtures used by more than one test module only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    """A CLI job run in-process leaves the cyclic collector paused (the real CLI ends the
    process next): the next test gets it back as it was."""
    import gc

    was = gc.isenabled()
    yield
    if was:
        gc.enable()


@pytest.fixture(scope="session")
def bundled():
    """The bundled corpus and its features (no cache, quotations with the bundled roles), for
    the review tests and the report's."""
    from framing.corpus import load
    from framing.features.compute import compute
    from framing.features.roles import load_roles
    from framing.lexicons import load_lexicons
    from framing.paths import DEFAULT_CORPUS

    corpus = load(DEFAULT_CORPUS)
    return corpus, compute(corpus, lexicons=load_lexicons(), roles=load_roles(), workers=1)


@pytest.fixture
def shared_data() -> Path:
    """The real data folder (../shared/data or $FRAMING_SHARED_DATA); skips when absent."""
    folder = Path(os.environ.get("FRAMING_SHARED_DATA") or PROJECT / ".." / "shared" / "data")
    if not folder.is_dir():
        pytest.skip(f"no shared data at {folder}")
    return folder
