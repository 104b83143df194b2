"""Which outlets clearly differ: every pair of outlets compared on each lexicon's rate, on the
share of its mentions in the outlet's own voice, and on mean sentiment, with intervals, and
false discoveries controlled over all the comparisons.

A difference is clear when its Benjamini-Hochberg adjusted p-value (over every comparison
made for one report) is at most 0.05 and its 95% interval excludes no difference (a ratio
of 1, a difference of 0). The statistics are in framing.features.rates.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np

from framing.types import Features, PublishedDate

FDR = 0.05
SENTIMENT = "sentiment_mean"


@dataclass(frozen=True, eq=False)
class ArticleTable:
    """The per-article numbers as columns, articles sorted by outlet then id (so nothing
    computed from it depends on the corpus's order).

    `outlet` indexes `outlets`; `sentiment` is NaN for an article without sentences;
    `mentions` and `own` (own-voice mentions) have one column per lexicon of `lexicons`."""

    ids: tuple[str, ...]
    outlets: tuple[str, ...]
    outlet: np.ndarray
    words: np.ndarray
    sentiment: np.ndarray
    lexicons: tuple[str, ...]
    mentions: np.ndarray
    own: np.ndarray
    published: tuple[PublishedDate | None, ...]

    @classmethod
    def of(cls, features: Features) -> ArticleTable:
        from framing.features.terms import outlet_order

        rows = {row.article_id: row for row in features.articles}
        articles = sorted(features.corpus.articles, key=lambda a: (outlet_order(a.outlet), a.id))
        outlets = tuple(sorted({a.outlet for a in articles}, key=outlet_order))
        outlet_index = {o: k for k, o in enumerate(outlets)}
        lexicons = tuple(lexicon.name for lexicon in features.lexicons)
        column = {name: c for c, name in enumerate(lexicons)}
        place = {a.id: r for r, a in enumerate(articles)}
        mentions = np.zeros((len(articles), len(lexicons)))
        own = np.zeros((len(articles), len(lexicons)))
        for mention in features.mentions:
            r, c = place.get(mention.span.article_id), column.get(mention.lexicon)
            if r is None or c is None:
                continue
            mentions[r, c] += 1
            if mention.voice == "own":
                own[r, c] += 1
        sentiment = [rows[a.id].sentiment for a in articles]
        return cls(
            ids=tuple(a.id for a in articles),
            outlets=outlets,
            outlet=np.fromiter((outlet_index[a.outlet] for a in articles), dtype=np.int64,
                               count=len(articles)),
            words=np.fromiter((rows[a.id].words for a in articles), dtype=float,
                              count=len(articles)),
            sentiment=np.array([np.nan if s is None else s for s in sentiment], dtype=float),
            lexicons=lexicons,
            mentions=mentions,
            own=own,
            published=tuple(a.published for a in articles),
        )


@dataclass(frozen=True)
class Difference:
    """Two outlets compared on one measure: `higher` has the higher value (rate or mean).

    `kind` "ratio": estimate = rate of higher / rate of lower (per 1,000 words);
    "difference": estimate = mean of higher - mean of lower. `clear` when the difference
    survives the false-discovery control and its interval excludes no difference."""

    measure: str  # "<lexicon>_per_1k", "<lexicon>_own_voice_share" or "sentiment_mean"
    lexicon: str | None
    kind: Literal["ratio", "difference"]
    higher: str
    lower: str
    higher_value: float
    lower_value: float
    estimate: float
    low: float
    high: float
    p: float
    q: float
    clear: bool


@dataclass(frozen=True)
class OutletDifferences:
    """Every pairwise comparison made for a report, and how many were made."""

    differences: tuple[Difference, ...]
    tested: int
    outlets: tuple[str, ...]

    def of(self, measure: str) -> list[Difference]:
        return [d for d in self.differences if d.measure == measure]

    def clear(self, measure: str) -> list[Difference]:
        """The clear differences in `measure`, the largest first (ties by p, then names)."""
        found = [d for d in self.of(measure) if d.clear]
        return sorted(found, key=_size_order)

    def between(self, measure: str, a: str, b: str) -> Difference | None:
        for difference in self.of(measure):
            if {difference.higher, difference.lower} == {a, b}:
                return difference
        return None


def _size_order(difference: Difference) -> tuple:
    size = (abs(np.log(difference.estimate)) if difference.kind == "ratio"
            else abs(difference.estimate))
    return (-size, difference.p, difference.higher.casefold(), difference.lower.casefold())


def outlet_differences(features: Features, outlets: Collection[str], *,
                       table: ArticleTable | None = None, fdr: float = FDR
                       ) -> OutletDifferences:
    """Every pair of `outlets` compared on each lexicon's rate per 1,000 words and share in
    the outlets' own voice, and on mean sentiment; outlets with fewer than two articles are
    not compared (no interval)."""
    from framing.features.rates import (
        benjamini_hochberg,
        compare_rates,
        compare_shares,
        dispersion,
    )

    table = table if table is not None else ArticleTable.of(features)
    counts = np.bincount(table.outlet, minlength=len(table.outlets))
    chosen = [k for k, o in enumerate(table.outlets) if o in outlets and counts[k] >= 2]
    pairs = list(combinations(chosen, 2))
    if not pairs:
        return OutletDifferences((), 0, tuple(table.outlets[k] for k in chosen))
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    found: list[tuple] = []  # (measure, lexicon, kind, a, b, value_a, value_b, est, low, high, p)
    n = len(table.outlets)
    for c, lexicon in enumerate(table.lexicons):
        spread = dispersion(table.mentions[:, c], table.words, table.outlet, n)
        compared = compare_rates(spread, a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = 1000 * spread.total / spread.size
        for k in range(len(pairs)):
            found.append((f"{lexicon}_per_1k", lexicon, "ratio", a[k], b[k], rate[a[k]],
                          rate[b[k]], compared.estimate[k], compared.low[k], compared.high[k],
                          compared.p[k]))
        voices = dispersion(table.own[:, c], table.mentions[:, c], table.outlet, n,
                            binomial=True)
        compared = compare_shares(voices, a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = voices.total / voices.size
        for k in range(len(pairs)):
            found.append((f"{lexicon}_own_voice_share", lexicon, "difference", a[k], b[k],
                          share[a[k]], share[b[k]], compared.estimate[k], compared.low[k],
                          compared.high[k], compared.p[k]))
    means, (estimate, low, high, p) = _sentiment_pairs(table, a, b)
    for k in range(len(pairs)):
        found.append((SENTIMENT, None, "difference", a[k], b[k], means[a[k]], means[b[k]],
                      estimate[k], low[k], high[k], p[k]))
    q = benjamini_hochberg(np.array([row[-1] for row in found], dtype=float))
    differences = []
    for row, q_value in zip(found, q, strict=True):
        measure, lexicon, kind, i, j, value_i, value_j, est, lo, hi, p_value = row
        if np.isnan(p_value):
            continue
        if kind == "ratio":
            excludes = lo > 1 or hi < 1
            if est < 1 or (est == 1 and table.outlets[j].casefold() < table.outlets[i].casefold()):
                i, j, value_i, value_j = j, i, value_j, value_i
                est, lo, hi = (np.inf if est == 0 else 1 / est), (
                    np.inf if hi == 0 else 1 / hi), (np.inf if lo == 0 else 1 / lo)
        else:
            excludes = lo > 0 or hi < 0
            if est < 0:
                i, j, value_i, value_j = j, i, value_j, value_i
                est, lo, hi = -est, -hi, -lo
        differences.append(Difference(
            measure=measure, lexicon=lexicon, kind=kind, higher=table.outlets[i],
            lower=table.outlets[j], higher_value=float(value_i), lower_value=float(value_j),
            estimate=float(est), low=float(lo), high=float(hi), p=float(p_value),
            q=float(q_value), clear=bool(q_value <= fdr and excludes)))
    tested = sum(not np.isnan(row[-1]) for row in found)
    return OutletDifferences(tuple(differences), int(tested),
                             tuple(table.outlets[k] for k in chosen))


def _sentiment_pairs(table: ArticleTable, a: np.ndarray, b: np.ndarray):
    """Per outlet mean sentiment; Welch's comparison of each pair (vectorised)."""
    from scipy.special import stdtr, stdtrit

    n_outlets = len(table.outlets)
    scored = ~np.isnan(table.sentiment)
    groups = table.outlet[scored]
    values = table.sentiment[scored]
    n = np.bincount(groups, minlength=n_outlets).astype(float)
    total = np.bincount(groups, weights=values, minlength=n_outlets)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
        deviation = (values - mean[groups]) ** 2
        variance = np.bincount(groups, weights=deviation, minlength=n_outlets) / (n - 1)
        va, vb = variance[a] / n[a], variance[b] / n[b]
        estimate = mean[a] - mean[b]
        se = np.sqrt(va + vb)
        df = (va + vb) ** 2 / (va ** 2 / (n[a] - 1) + vb ** 2 / (n[b] - 1))
        t = stdtrit(df, 0.975)
        low, high = estimate - t * se, estimate + t * se
        p = 2 * stdtr(df, -np.abs(estimate) / se)
    untested = (n[a] < 2) | (n[b] < 2)
    flat = se == 0  # no spread at all: a difference is certain, none is none
    p = np.where(flat, np.where(estimate == 0, 1.0, 0.0), p)
    low = np.where(flat, estimate, low)
    high = np.where(flat, estimate, high)
    p[untested] = np.nan
    return mean, (estimate, low, high, p)


def largest_outlets(features: Features, limit: int) -> Sequence[str]:
    """The `limit` outlets with most articles (ties by name)."""
    sizes: dict[str, int] = {}
    for article in features.corpus.articles:
        sizes[article.outlet] = sizes.get(article.outlet, 0) + 1
    return sorted(sizes, key=lambda o: (-sizes[o], o.casefold()))[:limit]
