"""The bundled corpus's features, computed once for the review tests, and helpers to decide."""

from __future__ import annotations

import csv
import io

import pytest

from framing.corpus import load
from framing.features.compute import compute
from framing.lexicons import load_lexicons
from framing.paths import DEFAULT_CORPUS


def features_of(corpus):
    return compute(corpus, lexicons=load_lexicons(), workers=1)


@pytest.fixture(scope="session")
def bundled():
    corpus = load(DEFAULT_CORPUS)
    return corpus, features_of(corpus)


def decide(data: bytes, choose) -> bytes:
    """An exported review file with `choose(k, row) -> (decision, note)` filled in."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for k, row in enumerate(rows):
        row["decision"], row["note"] = choose(k, row)
        row["reviewer"] = "ann"
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
