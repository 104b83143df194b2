"""Speed and memory of `framing` on the AllSides corpus, against a naive baseline, in one run.

    python benchmarks/run.py [--data ../shared/data/allsides/articles.jsonl.gz]
                             [--sample 2000] [--skip-full] [--json out/benchmark.json]

Measures, each in its own process: wall seconds, the peak RSS of the largest process of
the tree ("peak MB") and the peak of the tree's summed PSS ("all MB": memory the run holds
in all, pages shared by forked workers counted once), sampled every 0.25 s:
- the naive baseline over the seeded sample: nltk Punkt sentences + nltk VADER per sentence
  + regex lexicon counts + scikit-learn TfidfVectorizer (unigrams and bigrams);
- `framing features` and `framing report` on the sample and on the full corpus (cold cache);
- an incremental run: cold on 99% of the corpus, then the whole corpus with the same cache;
and checks, sentence for sentence on the sample, that framing's VADER scores equal nltk's.
This machine's speed varies from hour to hour (by up to 1.5x): a fixed pure-Python loop is
timed at the start and at the end, so that runs on different days can be compared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
DEFAULT_DATA = PROJECT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"

MEASURE = r"""
import json, os, resource, subprocess, sys, time

def tree(pid):
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found

def pss_kb(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except OSError:
            pass
    return total

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak_pss = 0
while child.poll() is None:
    peak_pss = max(peak_pss, pss_kb(tree(child.pid)))
    time.sleep(0.25)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": child.returncode, "seconds": seconds, "peak_mb": peak_kb / 1024,
                  "total_mb": peak_pss / 1024}))
"""


def measure(command: list[str], env: dict[str, str] | None = None, *, repeat: int = 1,
            before=None) -> dict:
    """Run a command in a fresh process `repeat` times (calling `before()` first each time);
    the fastest run's wall seconds and memory, with every run's seconds in "runs"."""
    results = []
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                             text=True, env=env, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if result["code"] != 0:
            raise SystemExit(f"failed ({result['code']}): {' '.join(command)}")
        results.append(result)
    best = min(results, key=lambda r: r["seconds"])
    return best | {"runs": [r["seconds"] for r in results]}


CALIBRATION = r"""
import time
start = time.perf_counter()
total = 0
for i in range(10_000_000):
    total += i
print(time.perf_counter() - start)
"""


def machine_seconds(runs: int = 5) -> list[float]:
    """Seconds a fixed pure-Python loop takes, in fresh processes: how fast this machine
    is just now (its speed varies from hour to hour), so that runs can be compared."""
    return [float(subprocess.run([sys.executable, "-c", CALIBRATION], capture_output=True,
                                 text=True, check=True).stdout) for _ in range(runs)]


def read_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def write_rows(rows: list[dict], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row) + "\n")


def text_megabytes(rows: list[dict]) -> float:
    return sum(len((r.get("text") or "").encode("utf-8")) for r in rows) / 1e6


NAIVE = r"""
import gzip, json, re, sys, time, resource
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from nltk.tokenize.punkt import PunktSentenceTokenizer
from nltk.sentiment.vader import SentimentIntensityAnalyzer
from sklearn.feature_extraction.text import TfidfVectorizer
from framing.features.sentiment import nltk_reference_analyzer
from framing.lexicons import load_lexicons

rows = [json.loads(l) for l in gzip.open(sys.argv[1], "rt", encoding="utf-8") if l.strip()]
punkt = PunktSentenceTokenizer()
vader = nltk_reference_analyzer()
patterns = {lx.name: re.compile("|".join(t.pattern for t in lx.terms)) for lx in load_lexicons()}
texts = [(r.get("headline") or "") + "\n\n" + (r.get("text") or "") for r in rows]
scores, counts = [], []
parts = {"sentences and VADER": 0.0, "regex lexicon counts": 0.0}
for text in texts:
    t = time.perf_counter()
    scores.append([vader.polarity_scores(s)["compound"] for s in punkt.tokenize(text)])
    parts["sentences and VADER"] += time.perf_counter() - t
    t = time.perf_counter()
    counts.append({name: len(p.findall(text)) for name, p in patterns.items()})
    parts["regex lexicon counts"] += time.perf_counter() - t
t = time.perf_counter()
TfidfVectorizer(ngram_range=(1, 2), stop_words="english").fit_transform(texts)
parts["TF-IDF"] = time.perf_counter() - t
Path(sys.argv[3]).write_text(json.dumps(parts))
"""


def naive_baseline(sample: Path, *, repeat: int = 1) -> dict:
    """The naive pipeline, timed as a whole process like framing's runs, with its parts
    (those of the last run)."""
    parts = sample.with_name("naive-parts.json")
    result = measure([sys.executable, "-c", NAIVE, str(sample), str(PROJECT), str(parts)],
                     repeat=repeat)
    return result | {"parts": json.loads(parts.read_text())}


def vader_equality(sample: Path, limit: int | None = None) -> tuple[int, int]:
    """(sentences compared, sentences that differ) between framing's VADER and nltk's."""
    sys.path.insert(0, str(PROJECT))
    from framing.corpus import load
    from framing.features.sentiment import VaderScorer, nltk_reference_analyzer
    from framing.text import text_units

    reference = nltk_reference_analyzer()
    scorer = VaderScorer()
    compared = differ = 0
    for article in load(sample).articles[:limit]:
        text = article.analysed_text
        sentences = [text[s:e] for s, e in text_units(text).sentences]
        ours = scorer.compound_many(sentences)
        for sentence, score in zip(sentences, ours, strict=True):
            compared += 1
            if score != reference.polarity_scores(sentence)["compound"]:
                differ += 1
    return compared, differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20141016)
    parser.add_argument("--skip-full", action="store_true", help="only the sample")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement this many times and report the fastest "
                        "(this machine's speed varies from run to run: up to 2x for two "
                        "processes at once)")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: not found; pass --data")

    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    framing = [sys.executable, "-m", "framing"]
    env = dict(os.environ, FRAMING_CACHE_DIR=str(work / "cache"))
    figures: dict[str, dict] = {}
    machine = {"start": machine_seconds()}
    try:
        rows = read_rows(args.data)
        rng = random.Random(args.seed)
        sample_rows = rng.sample(rows, min(args.sample, len(rows)))
        sample = work / "sample.jsonl.gz"
        write_rows(sample_rows, sample)
        sample_mb, full_mb = text_megabytes(sample_rows), text_megabytes(rows)

        figures["naive (sample)"] = naive_baseline(sample, repeat=args.repeat) | {"mb": sample_mb}
        figures["features (sample)"] = measure(
            [*framing, "features", str(sample), "-o", str(work / "f-sample"), "--no-cache",
             "--quiet"], env, repeat=args.repeat) | {"mb": sample_mb}
        figures["report (sample)"] = measure(
            [*framing, "report", str(sample), "-o", str(work / "r-sample/report.pdf"),
             "--no-cache", "--quiet"], env, repeat=args.repeat) | {"mb": sample_mb}
        if not args.skip_full:
            figures["features (full)"] = measure(
                [*framing, "features", str(args.data), "-o", str(work / "f-full"), "--no-cache",
                 "--quiet"], env, repeat=args.repeat) | {"mb": full_mb}
            figures["report (full, analyst)"] = measure(
                [*framing, "report", str(args.data), "-o", str(work / "r-full/report.pdf"),
                 "--profile", "analyst", "--no-cache", "--quiet"], env,
                repeat=args.repeat) | {"mb": full_mb}
            held_out = max(1, len(rows) // 100)
            most = work / "most.jsonl.gz"
            write_rows(rows[:-held_out], most)
            cold_runs, warm_runs = [], []
            for _ in range(max(1, args.repeat)):  # each pair from an empty cache
                shutil.rmtree(work / "cache", ignore_errors=True)
                cold_runs.append(measure(
                    [*framing, "features", str(most), "-o", str(work / "f-most"), "--quiet"],
                    env) | {"mb": text_megabytes(rows[:-held_out])})
                warm_runs.append(measure(
                    [*framing, "features", str(args.data), "-o", str(work / "f-all"),
                     "--quiet"], env) | {"mb": full_mb})
            ratios = sorted(range(len(cold_runs)),
                            key=lambda k: warm_runs[k]["seconds"] / cold_runs[k]["seconds"])
            pair = ratios[len(ratios) // 2]  # the median pair (of two, the costlier)
            figures["features (99%, cold cache)"] = cold_runs[pair] | {
                "runs": [r["seconds"] for r in cold_runs]}
            figures["features (100%, warm cache)"] = warm_runs[pair] | {
                "runs": [r["seconds"] for r in warm_runs]}
        compared, differ = vader_equality(sample)
        machine["end"] = machine_seconds()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    naive = figures["naive (sample)"]["seconds"]
    print(f"{'run':32} {'MB':>8} {'seconds':>9} {'MB/s':>7} {'peak MB':>8} {'all MB':>7} "
          f"{'vs naive':>9}")
    for name, f in figures.items():
        speed = f["mb"] / f["seconds"]
        ratio = f"{naive / f['seconds']:.1f}x" if "sample" in name else ""
        peak = f"{f['peak_mb']:.0f}" if "peak_mb" in f else ""
        total = f"{f['total_mb']:.0f}" if f.get("total_mb") else ""
        runs = f.get("runs", [])
        spread = (" (runs: " + ", ".join(f"{r:.1f}" for r in runs) + ")") if len(runs) > 1 else ""
        print(f"{name:32} {f['mb']:8.1f} {f['seconds']:9.1f} {speed:7.2f} {peak:>8} {total:>7} "
              f"{ratio:>9}{spread}")
    parts = figures["naive (sample)"].get("parts", {})
    print("naive baseline, in parts: " + ", ".join(f"{k} {v:.1f} s" for k, v in parts.items()))
    if "features (100%, warm cache)" in figures:
        cold = figures["features (99%, cold cache)"]["seconds"]
        warm = figures["features (100%, warm cache)"]["seconds"]
        pairs = [w / c for w, c in zip(figures["features (100%, warm cache)"]["runs"],
                                       figures["features (99%, cold cache)"]["runs"],
                                       strict=True)]
        every = f" (each pair: {', '.join(f'{p:.1%}' for p in pairs)})" if len(pairs) > 1 else ""
        print(f"incremental: adding 1% costs {warm / cold:.1%} of the cold run{every}")
    print(f"VADER: {compared} sentences compared with nltk, {differ} differ")
    print("machine: a fixed pure-Python loop took " + " and ".join(
        f"{min(runs):.2f}-{max(runs):.2f} s (median {statistics.median(runs):.2f}) at the {when}"
        for when, runs in machine.items()) + "; lower is faster")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"figures": figures, "vader_compared": compared,
                                         "vader_differ": differ, "machine_seconds": machine},
                                        indent=2))


if __name__ == "__main__":
    main()
