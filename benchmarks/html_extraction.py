"""How well framing's web-page reader finds the article text: precision, recall and F1.

Runs `framing.corpus.webpages.extract_page` (trafilatura with framing's settings) on the
181 pages of the article-extraction-benchmark (../shared/data/html, or
$FRAMING_SHARED_DATA/html) and compares each extracted body with the human-extracted
`articleBody` in ground-truth.json, as that benchmark does:

- text is split into tokens with the regex `\\w+`;
- for each page, true positives, false positives and false negatives are counted over a bag
  (multiset) of items and divided by their sum, so long pages weigh no more than short ones;
  items are single tokens ("tokens") or the benchmark's own 4-token shingles ("shingles");
- precision is the mean over pages of tp / (tp + fp), recall the mean of tp / (tp + fn),
  and F1 = 2PR / (P + R) of those two means. As in the benchmark, a page with nothing
  extracted counts in recall (as 0) but not in precision; the "empty" column counts them.

Usage: python benchmarks/html_extraction.py [--compare]
(--compare also scores a few other trafilatura settings, to show why the default was chosen.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.corpus.encoding import read_text  # noqa: E402
from framing.corpus.webpages import EXTRACTION, extract_page  # noqa: E402

TOKEN = re.compile(r"\w+")
ALTERNATIVES = {
    "trafilatura defaults": {},
    "no comments": {"include_comments": False},
    "no comments, recall": {"include_comments": False, "favor_recall": True},
    "no comments, precision, no tables": {
        "include_comments": False, "favor_precision": True, "include_tables": False},
    "no comments, precision, fast": {
        "include_comments": False, "favor_precision": True, "fast": True},
    "no comments, precision, dedup": {
        "include_comments": False, "favor_precision": True, "deduplicate": True},
}


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    return Path(os.environ.get("FRAMING_SHARED_DATA", default))


def bag(text: str, n: int) -> Counter:
    """Token n-grams of `text` as a multiset (n = 1: tokens)."""
    tokens = TOKEN.findall(text or "")
    if n == 1:
        return Counter(tokens)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_counts(true: str, predicted: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over bags of n-grams, normalised to sum to 1 (all 0 when both are empty)."""
    expected, found = bag(true, n), bag(predicted, n)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall_f1(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, and the F1 of those means."""
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts
                  if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts
               if tp + fn > 0]
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(pages: dict[str, str], truth: dict[str, dict], settings) -> dict[str, object]:
    token_counts, shingle_counts, empty = [], [], 0
    started = time.perf_counter()
    for key, html in pages.items():
        page = extract_page(html, settings=settings)
        predicted = page.text if page else ""
        empty += not predicted
        expected = truth[key].get("articleBody", "")
        token_counts.append(page_counts(expected, predicted, 1))
        shingle_counts.append(page_counts(expected, predicted, 4))
    return {
        "tokens": precision_recall_f1(token_counts),
        "shingles": precision_recall_f1(shingle_counts),
        "empty": empty,
        "seconds": time.perf_counter() - started,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="also score other settings")
    args = parser.parse_args()
    folder = shared_data() / "html"
    if not (folder / "ground-truth.json").is_file():
        print(f"no benchmark data at {folder}; set FRAMING_SHARED_DATA", file=sys.stderr)
        return 1
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: read_text(folder / "pages" / f"{key}.html.gz")[0] for key in sorted(truth)}
    runs = {"framing (EXTRACTION)": dict(EXTRACTION)}
    if args.compare:
        runs.update(ALTERNATIVES)
    print(f"{len(pages)} pages; P / R / F1 as means over pages")
    print(f"{'settings':<34} {'tokens P':>8} {'R':>6} {'F1':>6}   {'4-shingles P':>12} "
          f"{'R':>6} {'F1':>6}  empty  seconds")
    for name, settings in runs.items():
        result = evaluate(pages, truth, settings)
        (tp, tr, tf), (sp, sr, sf) = result["tokens"], result["shingles"]
        print(f"{name:<34} {tp:8.3f} {tr:6.3f} {tf:6.3f}   {sp:12.3f} {sr:6.3f} {sf:6.3f}"
              f"  {result['empty']:5d}  {result['seconds']:7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
