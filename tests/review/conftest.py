"""Helpers for the review tests: features of a corpus, and review files decided."""

from __future__ import annotations

import csv
import io

from framing.features.compute import compute
from framing.lexicons import load_lexicons


def features_of(corpus):
    return compute(corpus, lexicons=load_lexicons(), workers=1)


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
