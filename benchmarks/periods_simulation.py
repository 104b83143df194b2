"""How well the intervals and the flagged changes of framing.features.rates / periods work:
coverage of the rate intervals, false-positive rate and power of the changes, by simulation.

    python benchmarks/periods_simulation.py [--runs 200] [--no-real]

Two kinds of articles:
- synthetic: lognormal lengths (median 800 words), mentions Poisson around a gamma-distributed
  rate per article (shape 0.3: a few articles hold most mentions), three frames at 1.5, 0.5
  and 0.15 per 1,000 words, own voice and sentiment varying by article;
- real: articles drawn from ../shared/data/allsides (their words, mentions per lexicon, own-
  voice mentions and sentiment, as framing computes them; analysed once, then cached).

Coverage: the share of intervals holding the true rate (the pool's rate for real articles),
against a seeded percentile bootstrap over articles (what the sentiment interval uses).
Changes: four outlets, n articles each in a quarter and the quarter before, every article
drawn alike (null runs), or with one outlet's rate of the most frequent frame doubled in the
later quarter (planted runs). False-positive rate: flagged changes in null runs per change
tested, and the share of null runs with any; FDR: the mean share of a planted run's flags
that are false; power: the share of planted runs where the doubling is flagged (and, for
comparison, where its own test alone gives p < 0.05, without false-discovery control). A
doubled rate raises the share of articles with a mention too: that change is planted too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.features.periods import period_changes  # noqa: E402
from framing.features.rates import rate_intervals  # noqa: E402
from tests.features.simulated import (  # noqa: E402
    BASELINE,
    PERIOD,
    RATES,
    SHAPE,
    simulated_table,
)

SIZES = (30, 100, 300)
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA") or ROOT / ".." / "shared" / "data")


def real_pool() -> dict | None:
    """Per-article numbers of every AllSides article, as framing computes them."""
    import framing
    from framing.features.comparisons import ArticleTable

    path = SHARED / "allsides" / "articles.jsonl.gz"
    if not path.exists():
        print(f"no AllSides corpus at {path}: synthetic articles only")
        return None
    started = time.perf_counter()
    analysis = framing.analyse(framing.load(path))
    table = ArticleTable.of(analysis.features)
    scored = ~np.isnan(table.sentiment)
    print(f"AllSides: {scored.sum():,} articles with sentences, analysed in "
          f"{time.perf_counter() - started:.0f} s")
    return {"words": table.words[scored], "mentions": table.mentions[scored],
            "own": table.own[scored], "sentiment": table.sentiment[scored],
            "lexicons": table.lexicons}


def bootstrap_bounds(mentions, words, rng, resamples=1000):
    n = len(mentions)
    picks = rng.integers(0, n, (resamples, n))
    rates = mentions[picks].sum(axis=1) / words[picks].sum(axis=1)
    return np.percentile(rates, [2.5, 97.5])


def coverage(pool, runs: int, seed: int = 28) -> None:
    print("\nCoverage of the 95% interval of a rate (share of runs holding the true rate)")
    print(f"{'articles':>8}  {'frame':<28} {'rate/1k':>8}  {'framing':>8}  {'bootstrap':>9}")
    rng = np.random.default_rng(seed)
    cases = []
    for c, rate in enumerate(RATES):
        cases.append(("synthetic", f"synthetic {rate}/1k", c, rate / 1000))
    if pool is not None:
        for c, name in enumerate(pool["lexicons"]):
            truth = pool["mentions"][:, c].sum() / pool["words"].sum()
            cases.append(("real", f"AllSides {name}", c, truth))
    for n in SIZES:
        for kind, label, c, truth in cases:
            if kind == "synthetic":
                words = np.maximum(80, np.round(rng.lognormal(np.log(800), 0.6, (runs, n))))
                frailty = rng.gamma(SHAPE, 1 / SHAPE, (runs, n))
                mentions = rng.poisson(truth * words * frailty).astype(float)
            else:
                drawn = rng.integers(0, len(pool["words"]), (runs, n))
                words, mentions = pool["words"][drawn], pool["mentions"][drawn, c]
            groups = np.repeat(np.arange(runs), n)
            rates = rate_intervals(mentions.ravel(), words.ravel(), groups, runs)
            ours = np.mean((rates.low <= truth) & (truth <= rates.high))
            boot = np.mean([low <= truth <= high for low, high in
                            (bootstrap_bounds(mentions[r], words[r], rng) for r in range(runs))])
            print(f"{n:>8}  {label:<28} {1000 * truth:>8.3f}  {ours:>8.3f}  {boot:>9.3f}")


def changes(pool, runs: int) -> None:
    print("\nFlagged changes: 4 outlets, n articles each in 2024-Q2 and 2024-Q3 "
          "(Benjamini-Hochberg over every change); the doubling is of the most frequent frame")
    print(f"{'articles':>8}  {'articles drawn':<15} {'false-positive rate':>20} "
          f"{'runs with a false flag':>23} {'FDR (x2 runs)':>14} {'power (x2)':>11} "
          f"{'p < 0.05 alone':>15}")
    kinds = [("synthetic", None)] + ([("AllSides", pool)] if pool is not None else [])
    for n in SIZES:
        for label, source in kinds:
            frame = 0 if source is None else int(np.argmax(source["mentions"].sum(axis=0)))
            tested = false = false_runs = 0
            for seed in range(runs):
                table, now, then = simulated_table(np.random.default_rng(seed), articles=n,
                                                   pool=source)
                found = period_changes(table, PERIOD, now, BASELINE, then)
                tested += sum(c.p is not None for c in found)
                flagged = sum(c.flagged for c in found)
                false += flagged
                false_runs += flagged > 0
            hits, raw, proportions = 0, 0, []
            for seed in range(runs):
                table, now, then = simulated_table(np.random.default_rng(10_000 + seed),
                                                   articles=n, planted=(0, frame, 2.0),
                                                   pool=source)
                lexicon = table.lexicons[frame]
                planted = ("Outlet 0", f"{lexicon}_per_1k"), ("Outlet 0",
                                                              f"{lexicon}_article_share")
                found = period_changes(table, PERIOD, now, BASELINE, then)
                flags = [(c.outlet, c.measure) for c in found if c.flagged]
                hits += planted[0] in flags
                raw += any((c.outlet, c.measure) == planted[0] and c.p is not None
                           and c.p < 0.05 for c in found)
                wrong = sum(flag not in planted for flag in flags)
                proportions.append(wrong / len(flags) if flags else 0.0)
            print(f"{n:>8}  {label:<15} {false / tested:>20.4f} {false_runs / runs:>23.3f} "
                  f"{np.mean(proportions):>14.3f} {hits / runs:>11.3f} {raw / runs:>15.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="runs per size (default 200)")
    parser.add_argument("--no-real", action="store_true", help="synthetic articles only")
    options = parser.parse_args()
    started = time.perf_counter()
    pool = None if options.no_real else real_pool()
    coverage(pool, options.runs * 2)
    changes(pool, options.runs)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
