"""What finding quotations costs: CPU time with and without them, measured in one process.

    python benchmarks/quote_speed.py                     # 3,000 AllSides articles, 3 rounds
    python benchmarks/quote_speed.py --articles 5000 --rounds 5 --exclude held-out-ids.txt
    python benchmarks/quote_speed.py --full              # also the whole corpus, features run

Per article: framing.features.compute.analyse_article with and without a roles lexicon,
alternating round by round on the same seeded sample (this machine's speed varies by the
minute; alternating spreads that over both), the garbage collector on as in the pool's
workers. With --full: the whole corpus analysed (framing.features.compute.compute, the pool of
processes, no cache) and its CSV tables written, with and without quotations, alternating;
CPU time includes the workers'. Articles whose ids are listed in --exclude files (one id a
line) are never read: keep held-out annotation sets out of the measurement.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("FRAMING_SHARED_DATA") or HERE.parent.parent / "shared" / "data"
            ) / "allsides" / "articles.jsonl.gz"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def per_article(articles, rounds: int) -> tuple[float, float]:
    """Mean CPU seconds per article of analyse_article without and with quotations."""
    from framing.features.compute import analyse_article
    from framing.features.mentions import compile_lexicons
    from framing.features.roles import load_roles
    from framing.features.sentiment import VaderScorer
    from framing.lexicons import load_lexicons

    compiled, scorer, roles = compile_lexicons(load_lexicons()), VaderScorer(), load_roles()
    for article in articles[:50]:  # warm up: caches, lazily built tables
        analyse_article(article, compiled, scorer, roles)
    gc.collect()
    gc.freeze()  # as in the pool's workers: the corpus is never walked by the collector
    totals = [0.0, 0.0]
    for _ in range(rounds):
        for k, with_roles in enumerate((None, roles)):
            start = time.process_time()
            for article in articles:
                analyse_article(article, compiled, scorer, with_roles)
            totals[k] += time.process_time() - start
    gc.unfreeze()
    return totals[0] / rounds / len(articles), totals[1] / rounds / len(articles)


def whole_run(corpus, rounds: int) -> list[tuple[str, float, float]]:
    """(label, wall seconds, CPU seconds) of each features run, alternating."""
    from framing.features.compute import compute
    from framing.features.output_tables import write_tables
    from framing.features.roles import load_roles
    from framing.lexicons import load_lexicons
    from framing.runtime import collector_paused

    lexicons, roles = load_lexicons(), load_roles()
    runs = []
    for _ in range(rounds):
        for label, with_roles in (("without", None), ("with", roles)):
            with tempfile.TemporaryDirectory() as folder, collector_paused():
                wall, cpu = time.perf_counter(), cpu_seconds()
                features = compute(corpus, lexicons=lexicons, roles=with_roles)
                write_tables(features, Path(folder))
                runs.append((label, time.perf_counter() - wall, cpu_seconds() - cpu))
            del features
            gc.collect()
            print(f"  {label:8} quotations: {runs[-1][1]:7.1f} s wall, {runs[-1][2]:7.1f} s CPU",
                  flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--full", action="store_true", help="also time whole features runs")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found (the AllSides corpus of ../shared/data)")

    import dataclasses

    import framing

    excluded = {line.strip() for path in args.exclude
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    corpus = framing.load(args.data)
    kept = tuple(a for a in corpus.articles if a.id not in excluded)
    corpus = dataclasses.replace(corpus, articles=kept)
    sample = random.Random(args.seed).sample(kept, min(args.articles, len(kept)))
    print(f"{len(kept):,} articles ({len(excluded)} ids excluded); sample of {len(sample):,}; "
          f"{os.cpu_count()} CPUs")
    without, with_ = per_article(sample, args.rounds)
    print(f"analyse_article: {1000 * without:.3f} ms without quotations, {1000 * with_:.3f} ms "
          f"with ({100 * (with_ / without - 1):+.1f}%), CPU per article, {args.rounds} rounds")
    if args.full:
        runs = whole_run(corpus, args.rounds)
        for measure, index in (("wall", 1), ("CPU", 2)):
            base = sum(r[index] for r in runs if r[0] == "without")
            more = sum(r[index] for r in runs if r[0] == "with")
            print(f"whole features run, {measure}: {base / args.rounds:.1f} s without quotations, "
                  f"{more / args.rounds:.1f} s with ({100 * (more / base - 1):+.1f}%)")


if __name__ == "__main__":
    main()
