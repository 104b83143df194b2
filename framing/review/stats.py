"""The numbers a review gives: precision with Wilson intervals, precision-adjusted rates,
and agreement between reviewers (Krippendorff's alpha, with the `krippendorff` package).

Precision is the share of the mentions reviewed and decided (relevant or not relevant) that
are relevant; mentions judged unclear (and those the reviewers disagreed on) are counted
beside it, not in it: "unclear" is no evidence either way.

Precision-adjusted rates, where only some of a lexicon's mentions were reviewed: an outlet's
adjusted count is its mentions judged relevant plus p times those still counted but not
judged relevant (not reviewed, or unclear), p being the lexicon's precision over the
reviewed sample (pooled over outlets: a stratified sample has too few mentions per outlet
for a precision of its own). Its 95% interval puts the ends of p's Wilson interval in
place of p (the adjusted count rises with p, so that is the interval of the count). It
gives the uncertainty of the precision, not that of which articles were published.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from framing.types import Features, Judgement, Mention, Review

Z95 = 1.959963984540054


def wilson(successes: int, n: int, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion (95% by default); (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


@dataclass(frozen=True)
class Tally:
    """Decisions on a set of mentions: reviewed = relevant + not_relevant + unclear."""

    relevant: int = 0
    not_relevant: int = 0
    unclear: int = 0

    @property
    def reviewed(self) -> int:
        return self.relevant + self.not_relevant + self.unclear

    @property
    def decided(self) -> int:
        return self.relevant + self.not_relevant

    @property
    def precision(self) -> float | None:
        return self.relevant / self.decided if self.decided else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.relevant, self.decided) if self.decided else None

    def add(self, decision: Judgement) -> Tally:
        return Tally(self.relevant + (decision == "relevant"),
                     self.not_relevant + (decision == "not_relevant"),
                     self.unclear + (decision == "unclear"))


def tally(decisions: Iterable[Judgement]) -> Tally:
    counts = {"relevant": 0, "not_relevant": 0, "unclear": 0}
    for decision in decisions:
        counts[decision] += 1
    return Tally(**counts)


@dataclass(frozen=True)
class LexiconReview:
    """One lexicon's review in one corpus: its mentions and the decisions on them."""

    lexicon: str
    mentions: int  # found, those judged not relevant too
    tally: Tally

    @property
    def complete(self) -> bool:
        """Every mention reviewed."""
        return self.tally.reviewed >= self.mentions


def lexicon_reviews(features: Features) -> dict[str, LexiconReview]:
    """Per lexicon of `features` (reviewed or not), in the lexicons' order; empty when no
    decisions were applied."""
    review = features.review
    if review is None:
        return {}
    found: dict[str, int] = {}
    decisions: dict[str, list[Judgement]] = {}
    for mention in review.mentions:
        found[mention.lexicon] = found.get(mention.lexicon, 0) + 1
        judged = review.judged.get(mention)
        if judged is not None:
            decisions.setdefault(mention.lexicon, []).append(judged.decision)
    return {lx.name: LexiconReview(lx.name, found.get(lx.name, 0),
                                   tally(decisions.get(lx.name, ())))
            for lx in features.lexicons}


@dataclass(frozen=True)
class AdjustedRate:
    """An outlet's precision-adjusted mentions of one lexicon (see the module's docstring)."""

    outlet: str
    lexicon: str
    mentions: float
    low: float
    high: float
    per_1k: float
    per_1k_low: float
    per_1k_high: float


def adjusted_rates(features: Features) -> dict[tuple[str, str], AdjustedRate]:
    """(lexicon, outlet) -> the adjusted rate, for the lexicons reviewed in part (some
    mentions decided, some counted but not judged relevant)."""
    review = features.review
    if review is None:
        return {}
    reviews = lexicon_reviews(features)
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    relevant: dict[tuple[str, str], int] = {}
    open_: dict[tuple[str, str], int] = {}  # counted, not judged relevant
    for mention in features.mentions:
        place = (mention.lexicon, outlet_of[mention.span.article_id])
        judged = review.judged.get(mention)
        if judged is not None and judged.decision == "relevant":
            relevant[place] = relevant.get(place, 0) + 1
        else:
            open_[place] = open_.get(place, 0) + 1
    adjusted = {}
    for frame in features.frames:
        lexicon = reviews.get(frame.lexicon)
        if lexicon is None or lexicon.tally.precision is None or lexicon.complete:
            continue
        place = (frame.lexicon, frame.outlet)
        p = lexicon.tally.precision
        low, high = lexicon.tally.interval  # type: ignore[misc]
        sure, rest = relevant.get(place, 0), open_.get(place, 0)
        words = features.outlet_words.get(frame.outlet, 0)

        def rate(count: float, words: int = words) -> float:
            return 1000 * count / words if words else 0.0

        counts = (sure + p * rest, sure + low * rest, sure + high * rest)
        adjusted[place] = AdjustedRate(frame.outlet, frame.lexicon, *counts,
                                       *(rate(c) for c in counts))
    return adjusted


def excluded(review: Review) -> list[Mention]:
    """The mentions judged not relevant, in the order found."""
    return [m for m in review.mentions
            if (r := review.judged.get(m)) is not None and r.decision == "not_relevant"]


# --- agreement --------------------------------------------------------------------------

Units = Mapping[Hashable, Mapping[str, Hashable]]  # unit -> coder -> value


def nominal_alpha(units: Units) -> float | None:
    """Krippendorff's alpha, nominal, over units coded by two coders or more (the
    `krippendorff` package); None when it is undefined (fewer than two values in all)."""
    import krippendorff
    import numpy as np

    coded = {unit: values for unit, values in units.items() if len(values) >= 2}
    coders = sorted({coder for values in coded.values() for coder in values})
    domain = sorted({value for values in coded.values() for value in values.values()}, key=str)
    if len(domain) < 2:
        return None
    code = {value: k for k, value in enumerate(domain)}
    data = np.full((len(coders), len(coded)), np.nan)
    for j, values in enumerate(coded.values()):
        for i, coder in enumerate(coders):
            if coder in values:
                data[i, j] = code[values[coder]]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                    value_domain=list(range(len(domain)))))


def pairwise_agreement(units: Units) -> float | None:
    """The share of pairs of coders' values on a unit that are the same, over all units
    coded twice or more (for two coders: the share of units they agree on)."""
    agree = pairs = 0
    for values in units.values():
        for a, b in combinations(list(values.values()), 2):
            pairs += 1
            agree += a == b
    return agree / pairs if pairs else None


def confusion(units: Units, first: str, second: str,
              values: Sequence[Hashable]) -> list[list[int]]:
    """Counts of (first coder's value, second coder's value) over units both coded."""
    where = {value: k for k, value in enumerate(values)}
    table = [[0] * len(values) for _ in values]
    for coded in units.values():
        if first in coded and second in coded:
            table[where[coded[first]]][where[coded[second]]] += 1
    return table
