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
        order = {o: outlet_order(o) for o in {a.outlet for a in features.corpus.articles}}
        articles = sorted(features.corpus.articles, key=lambda a: (order[a.outlet], a.id))
        outlets = tuple(sorted(order, key=order.__getitem__))
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


@dataclass(frozen=True, eq=False)
class _Compared:
    """One measure's comparisons, as arrays over the pairs tested (a[k] against b[k])."""

    measure: str
    lexicon: str | None
    kind: Literal["ratio", "difference"]
    a: np.ndarray
    b: np.ndarray
    values: np.ndarray  # per outlet
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    p: np.ndarray
    q: np.ndarray
    clear: np.ndarray


@dataclass(frozen=True, eq=False)
class OutletDifferences:
    """Every pairwise comparison made for a report (as arrays, by measure), how many were
    tested (the false-discovery family), and the outlets compared."""

    compared: dict[str, _Compared]
    tested: int
    outlets: tuple[str, ...]
    names: tuple[str, ...] = ()  # every outlet of the table, by index

    def pairs(self, measure: str) -> int:
        """How many pairs of outlets were compared on `measure`."""
        found = self.compared.get(measure)
        return 0 if found is None else len(found.a)

    def clear(self, measure: str) -> list[Difference]:
        """The clear differences in `measure`, the largest first (ties by p, then names)."""
        found = self.compared.get(measure)
        if found is None:
            return []
        return sorted((self._difference(found, k) for k in np.flatnonzero(found.clear)),
                      key=_size_order)

    def between(self, measure: str, a: str, b: str) -> Difference | None:
        """The comparison of outlets `a` and `b` on `measure`, if one was made."""
        found = self.compared.get(measure)
        if found is None or a not in self.names or b not in self.names:
            return None
        i, j = self.names.index(a), self.names.index(b)
        hits = np.flatnonzero(((found.a == i) & (found.b == j)) | ((found.a == j)
                                                                    & (found.b == i)))
        return self._difference(found, int(hits[0])) if len(hits) else None

    def _difference(self, found: _Compared, k: int) -> Difference:
        i, j = int(found.a[k]), int(found.b[k])
        estimate, low, high = float(found.estimate[k]), float(found.low[k]), float(found.high[k])
        value_i, value_j = float(found.values[i]), float(found.values[j])
        if found.kind == "ratio":
            if estimate < 1 or (estimate == 1 and self.names[j].casefold()
                                < self.names[i].casefold()):
                i, j, value_i, value_j = j, i, value_j, value_i
                estimate, low, high = _inverse(estimate), _inverse(high), _inverse(low)
        elif estimate < 0:
            i, j, value_i, value_j = j, i, value_j, value_i
            estimate, low, high = -estimate, -high, -low
        return Difference(
            measure=found.measure, lexicon=found.lexicon, kind=found.kind,
            higher=self.names[i], lower=self.names[j], higher_value=value_i,
            lower_value=value_j, estimate=estimate, low=low, high=high,
            p=float(found.p[k]), q=float(found.q[k]), clear=bool(found.clear[k]))


def _inverse(value: float) -> float:
    return np.inf if value == 0 else 0.0 if np.isinf(value) else 1 / value


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
    n = len(table.outlets)
    counts = np.bincount(table.outlet, minlength=n)
    chosen = [k for k, o in enumerate(table.outlets) if o in outlets and counts[k] >= 2]
    if len(chosen) < 2:
        return OutletDifferences({}, 0, tuple(table.outlets[k] for k in chosen), table.outlets)
    first, second = np.triu_indices(len(chosen), k=1)
    a, b = np.array(chosen)[first], np.array(chosen)[second]
    found: list[tuple] = []  # (measure, lexicon, kind, values, Comparison)
    with np.errstate(divide="ignore", invalid="ignore"):
        for c, lexicon in enumerate(table.lexicons):
            spread = dispersion(table.mentions[:, c], table.words, table.outlet, n)
            found.append((f"{lexicon}_per_1k", lexicon, "ratio",
                          1000 * spread.total / spread.size, compare_rates(spread, a, b)))
            voices = dispersion(table.own[:, c], table.mentions[:, c], table.outlet, n,
                                binomial=True)
            found.append((f"{lexicon}_own_voice_share", lexicon, "difference",
                          voices.total / voices.size, compare_shares(voices, a, b)))
    means, sentiment = _sentiment_pairs(table, a, b)
    found.append((SENTIMENT, None, "difference", means, sentiment))
    q = benjamini_hochberg(np.concatenate([compared.p for *_, compared in found]))
    measures: dict[str, _Compared] = {}
    offset = 0
    for measure, lexicon, kind, values, compared in found:
        q_part = q[offset:offset + len(a)]
        offset += len(a)
        tested = ~np.isnan(compared.p)
        null = 1.0 if kind == "ratio" else 0.0
        excludes = (compared.low > null) | (compared.high < null)
        clear = tested & (np.nan_to_num(q_part, nan=1.0) <= fdr) & excludes
        measures[measure] = _Compared(
            measure, lexicon, kind, a[tested], b[tested], values,
            compared.estimate[tested], compared.low[tested], compared.high[tested],
            compared.p[tested], q_part[tested], clear[tested])
    tested_total = sum(len(m.a) for m in measures.values())
    return OutletDifferences(measures, tested_total, tuple(table.outlets[k] for k in chosen),
                             table.outlets)


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
    from framing.features.rates import Comparison

    return mean, Comparison(estimate, low, high, p)


def largest_outlets(features: Features, limit: int) -> Sequence[str]:
    """The `limit` outlets with most articles (ties by name)."""
    sizes: dict[str, int] = {}
    for article in features.corpus.articles:
        sizes[article.outlet] = sizes.get(article.outlet, 0) + 1
    return sorted(sizes, key=lambda o: (-sizes[o], o.casefold()))[:limit]
