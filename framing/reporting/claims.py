"""Sentences that compare outlets, made only from what the data support.

A sentence says that one outlet used a frame more than another (or read more negative, or
used its own voice more) only for a clear difference (framing.features.comparisons): it
gives the ratio or the difference with its 95% interval, which excludes no difference;
otherwise it says that there is no clear difference. Every such claim is written as
"<ratio> times as often (95% CI <low> to <high>)" or "by <difference> (95% CI <low> to
<high>)", so that it can be checked.
"""

from __future__ import annotations

import math

from framing.features.comparisons import Difference, OutletDifferences
from framing.reporting.wording import decimal, percent, plural, possessive

MAX_DECIMALS = 4
# A ratio's upper bound above this is shown as "more than 10,000": one outlet's handful of
# mentions against another's one or none gives bounds in the quintillions, which say only this.
RATIO_SHOWN_MAX = 10_000.0


def bound(value: float, *, null: float, places: int | None = None) -> str:
    """An interval bound: two decimals below 10, one below 100, none above (or `places`),
    and as many more as it takes (up to MAX_DECIMALS) not to look equal to `null` (no
    difference) when it is not."""
    if math.isinf(value):
        return "∞"
    if places is None:
        places = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    text = decimal(value, places)
    while (places < MAX_DECIMALS and value != null
           and float(text.replace(",", "")) == null):
        places += 1
        text = decimal(value, places)
    return text


def ratio_text(difference: Difference) -> str:
    """ "2.3 times as often (95% CI 1.4 to 3.9)"; when the lower outlet has no mention,
    "with no upper bound to the ratio (95% CI 1.4 to ∞), as X made no mention"."""
    if math.isinf(difference.estimate):
        return (f"with no upper bound to the ratio ({interval(difference)}), as "
                f"{difference.lower} made no mention")
    return (f"{_ratio(difference.estimate)} times as often "
            f"({interval(difference)})")


def interval(difference: Difference) -> str:
    """ "95% CI 1.4 to 3.9" (ratios) or "95% CI 0.04 to 0.20" (differences)."""
    null = 1.0 if difference.kind == "ratio" else 0.0
    high = bound(difference.high, null=null)
    if difference.kind == "ratio" and RATIO_SHOWN_MAX < difference.high < math.inf:
        high = f"more than {decimal(RATIO_SHOWN_MAX, 0)}"
    return f"95% CI {bound(difference.low, null=null)} to {high}"


def _ratio(value: float) -> str:
    if math.isinf(value):
        return "∞"
    return decimal(value, 2 if value < 2 else 1 if value < 100 else 0)


def fdr_clause(differences: OutletDifferences) -> str:
    """ "after false-discovery control over 120 comparisons"."""
    return f"after false-discovery control over {plural(differences.tested, 'comparison')}"


def no_clear_difference(differences: OutletDifferences) -> str:
    """Why no difference is claimed, for the end of a sentence."""
    if not differences.tested:
        return "no two outlets have two articles or more each, so none can be compared"
    return ("no interval of a comparison between two outlets excludes no difference "
            + fdr_clause(differences))


def frame_claim(differences: OutletDifferences, measure: str, label: str,
                samples: dict[str, str]) -> str | None:
    """The clearest difference in the rate `measure` as a sentence (None if none is clear):
    "X used ethnicity terms more often than Y: 1.4 against 0.3 per 1,000 words, 4.7 times
    as often (95% CI 2.1 to 10.3; X: 40 articles, ...; Y: ...)"."""
    clear = differences.clear(measure)
    if not clear:
        return None
    best = clear[0]
    text = (f"{best.higher} used {label} more often than {best.lower}: "
            f"{decimal(best.higher_value, 2)} against {decimal(best.lower_value, 2)} per 1,000 "
            f"words, {ratio_text(best)}; {best.higher}: {samples[best.higher]}, "
            f"{best.lower}: {samples[best.lower]}")
    pairs = differences.pairs(measure)
    if len(clear) > 1:
        text += (f". {number_of(len(clear))} of {plural(pairs, 'pair')} of outlets differ "
                 "clearly in this")
    return text


def number_of(count: int) -> str:
    return f"{count:,}"


def sentiment_claim(differences: OutletDifferences, samples: dict[str, str]) -> str | None:
    """The clearest difference in mean sentiment (None if none is clear)."""
    clear = differences.clear("sentiment_mean")
    if not clear:
        return None
    best = clear[0]
    return (f"{possessive(best.lower)} articles read more negative by VADER than "
            f"{possessive(best.higher)}: a mean "
            f"of {_signed(best.lower_value)} against {_signed(best.higher_value)}, lower "
            f"by {decimal(best.estimate, 2)} ({interval(best)}; {best.lower}: "
            f"{samples[best.lower]}, {best.higher}: {samples[best.higher]})")


def voice_claim(difference: Difference | None) -> str | None:
    """ "more often in its own voice by 40 points (95% CI ...)" for a clear difference."""
    if difference is None or not difference.clear:
        return None
    return (f"{difference.higher} used them in its own voice more often than "
            f"{difference.lower}, by {percent(difference.estimate)} of mentions "
            f"({interval_points(difference)})")


def interval_points(difference: Difference) -> str:
    """A share difference's interval in percentage points."""
    return (f"95% CI {_points(difference.low)} to {_points(difference.high)} points")


def _points(share: float) -> str:
    text = decimal(100 * share, 0)
    if text in ("0", "-0") and share != 0:
        text = decimal(100 * share, 1)
    return text


def _signed(value: float) -> str:
    text = f"{value:+.2f}"
    return text.replace("-", "+", 1) if float(text) == 0 else text


def caption_clause(differences: OutletDifferences, measures: list[tuple[str, str]],
                   *, limit: int = 3) -> str:
    """What a chart's caption says of differences between outlets: the clearest ones (at
    most `limit`), or that none is clear. `measures` are (measure, label) pairs."""
    clear = sorted((d for measure, _ in measures for d in differences.clear(measure)),
                   key=lambda d: (d.p, d.measure, d.higher.casefold(), d.lower.casefold()))
    labels = dict(measures)
    if not differences.tested:
        return "No two outlets have two articles or more each, so none is compared."
    if not clear:
        return ("No two outlets differ clearly: " + no_clear_difference(differences) + ".")
    shown = []
    for difference in clear[:limit]:
        label = labels[difference.measure]
        if difference.kind == "ratio" and math.isinf(difference.estimate):
            shown.append(f"{difference.higher} used {label} and {difference.lower} did not "
                         f"(rate ratio {interval(difference)})")
        elif difference.kind == "ratio":
            shown.append(f"{difference.higher} used {label} {_ratio(difference.estimate)} "
                         f"times as often as {difference.lower} ({interval(difference)})")
        else:
            shown.append(f"{difference.lower} read more negative than {difference.higher} "
                         f"by {decimal(difference.estimate, 2)} ({interval(difference)})")
    more = len(clear) - len(shown)
    return ("Clear differences (" + fdr_clause(differences) + "): " + "; ".join(shown)
            + (f"; and {plural(more, 'other')}" if more else "") + ".")
