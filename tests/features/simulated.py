"""Simulated corpora of exchangeable articles for the tests of changes between periods (and
benchmarks/periods_simulation.py): per article its words, mentions per lexicon (clustered,
as real mentions are), own-voice mentions, sentiment and date, as an ArticleTable."""

from __future__ import annotations

import datetime as dt

import numpy as np

from framing.features.comparisons import ArticleTable
from framing.features.periods import quarter
from framing.types import Period, PublishedDate

LEXICONS = ("frame_a", "frame_b", "frame_c")
RATES = (1.5, 0.5, 0.15)  # per 1,000 words: a common frame, a middling one, a rare one
SHAPE = 0.3  # gamma frailty of an article's rate: small, so a few articles hold most mentions
PERIOD, BASELINE = quarter(2024, 3), quarter(2024, 2)


def _dates(rng, period: Period, n: int) -> list[PublishedDate]:
    days = rng.integers(0, period.days, n)
    return [PublishedDate(period.start + dt.timedelta(days=int(d))) for d in days]


def simulated_table(rng: np.random.Generator, *, outlets: int = 4, articles: int = 100,
                    planted: tuple[int, int, float] | None = None,
                    pool: dict | None = None) -> tuple[ArticleTable, np.ndarray, np.ndarray]:
    """(table, articles of PERIOD, articles of BASELINE): `articles` per outlet and period,
    every article drawn alike, except that `planted` = (outlet, lexicon, factor) multiplies
    that outlet's expected mentions of that lexicon in PERIOD by `factor`.

    Without `pool`, articles are synthetic: lognormal lengths, mentions Poisson around a
    gamma-distributed rate (shape SHAPE), own voice binomial around a beta-distributed share,
    sentiment normal. With `pool` (arrays words, mentions, own, sentiment of real articles),
    each article is a real one drawn at random; a planted factor of 2 adds to each of the
    outlet's articles the mentions of another article drawn at random."""
    rows = []  # (outlet, period, words, mentions, own, sentiment)
    lexicons = LEXICONS if pool is None else tuple(pool["lexicons"])
    for k in range(outlets):
        for which, period in ((0, PERIOD), (1, BASELINE)):
            boost = np.ones(len(lexicons))
            if planted is not None and planted[0] == k and which == 0:
                boost[planted[1]] = planted[2]
            if pool is None:
                words = np.maximum(80, np.round(rng.lognormal(np.log(800), 0.6, articles)))
                frailty = rng.gamma(SHAPE, 1 / SHAPE, (articles, len(lexicons)))
                expected = np.array(RATES) / 1000 * boost * words[:, None] * frailty
                mentions = rng.poisson(expected).astype(float)
                own = rng.binomial(mentions.astype(int),
                                   rng.beta(4, 1.5, mentions.shape)).astype(float)
                sentiment = rng.normal(-0.1, 0.15, articles)
            else:
                drawn = rng.integers(0, len(pool["words"]), articles)
                words = pool["words"][drawn].astype(float)
                mentions = pool["mentions"][drawn].astype(float)
                own = pool["own"][drawn].astype(float)
                sentiment = pool["sentiment"][drawn].astype(float)
                for c in np.flatnonzero(boost != 1):
                    if boost[c] != 2:
                        raise ValueError("a real pool plants a doubling only")
                    extra = rng.integers(0, len(pool["words"]), articles)
                    mentions[:, c] += pool["mentions"][extra, c]
                    own[:, c] += pool["own"][extra, c]
            dates = _dates(rng, period, articles)
            for r in range(articles):
                rows.append((k, which, words[r], mentions[r], own[r], sentiment[r], dates[r]))
    ids = tuple(f"o{k}-p{which}-{r}" for r, (k, which, *_rest) in enumerate(rows))
    table = ArticleTable(
        ids=ids,
        outlets=tuple(f"Outlet {k}" for k in range(outlets)),
        outlet=np.array([row[0] for row in rows], dtype=np.int64),
        words=np.array([row[2] for row in rows]),
        sentiment=np.array([row[5] for row in rows]),
        lexicons=lexicons,
        mentions=np.array([row[3] for row in rows]),
        own=np.array([row[4] for row in rows]),
        published=tuple(row[6] for row in rows),
    )
    now = np.array([row[1] == 0 for row in rows])
    return table, now, ~now
