"""Reporting periods: which articles a period holds, each outlet's figures per period, and
what changed between a period and its baseline.

A period is whole months: "2024" (a year), "2024-Q3" (a quarter), "2024-07" (a month), or a
range of them, "2024-07..2024-09". The baseline is by default the period of the same length
just before. An article belongs to a period when its date, at the precision it has, lies
inside it: "2024-07" (month precision) is in 2024-Q3, "2024" (year precision) is in 2024 but
in no quarter or month of it. An article whose date cannot place it (no date, or a date
coarser than the period that overlaps it) is left out of the period figures and counted.

The work, in order (framing.pipeline runs it):
- plan_periods(corpus, period=, compare=, trend=) reads the options, places the articles
  and says which ones need analysing (the period's and the baseline's; every placeable one
  for a trend), with what was left out;
- analyse_periods(features, plan) makes each outlet's figures per period, the changes
  between period and baseline (framing.features.rates), the terms that became distinctive,
  and restricts the features to the period's articles (the report describes the period).

Deterministic: sums are taken over articles in a fixed order (by outlet, then id), and the
sentiment bootstrap is seeded by outlet and period.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framing.errors import FramingError
from framing.features.comparisons import ArticleTable
from framing.types import (
    Change,
    Corpus,
    Features,
    LeftOut,
    OutletPeriod,
    Period,
    PeriodAnalysis,
    PeriodFrame,
    PublishedDate,
    Review,
    SentenceScores,
    TermScore,
)

UNITS = ("month", "quarter", "year")
TREND_OUTLETS = 4  # outlets drawn one by one in the trend; the others are pooled
FDR = 0.05
NEW_TERMS = 20  # terms listed as newly distinctive, at most
Z_CLEAR = 1.96
PERIOD_FORMS = "2024, 2024-Q3, 2024-07 or a range such as 2024-07..2024-09"

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-?[Qq]([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


# --- periods ----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def year(number: int) -> Period:
    return Period(f"{number:04d}", dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def quarter(number: int, which: int) -> Period:
    first = 3 * (which - 1) + 1
    return Period(f"{number:04d}-Q{which}", dt.date(number, first, 1),
                  _month_end(number, first + 2), "quarter")


def month(number: int, which: int) -> Period:
    return Period(f"{number:04d}-{which:02d}", dt.date(number, which, 1),
                  _month_end(number, which), "month")


def parse_period(text: str, *, option: str = "--period") -> Period:
    """A period from "2024", "2024-Q3", "2024-07" or a range "2024-07..2024-09" (its ends
    any of those forms)."""
    value = text.strip()
    if ".." in value:
        first, _, last = value.partition("..")
        start, end = _single(first, option, text), _single(last, option, text)
        if end.end < start.start:
            raise FramingError(f"{option} {text!r}: the range ends before it starts; write "
                               "the earlier end first, e.g. 2024-07..2024-09")
        return spanning(start.start, end.end)
    return _single(value, option, text)


def _single(value: str, option: str, text: str) -> Period:
    value = value.strip()
    try:
        if match := _YEAR.fullmatch(value):
            return year(int(match[1]))
        if match := _QUARTER.fullmatch(value):
            return quarter(int(match[1]), int(match[2]))
        if (match := _MONTH.fullmatch(value)) and 1 <= int(match[2]) <= 12:
            return month(int(match[1]), int(match[2]))
    except ValueError:
        pass
    raise FramingError(f"{option} {text!r}: not a period; write {PERIOD_FORMS}")


def spanning(start: dt.date, end: dt.date) -> Period:
    """The whole months from `start`'s to `end`'s, labelled as simply as they allow: a year,
    a quarter or a month when they are one; otherwise a range of years, quarters or months."""
    first = dt.date(start.year, start.month, 1)
    last = _month_end(end.year, end.month)
    if first.month == 1 and last.month == 12:
        if first.year == last.year:
            return year(first.year)
        return Period(f"{first.year:04d}..{last.year:04d}", first, last, "range")
    if first.month % 3 == 1 and last.month % 3 == 0:
        q1, q2 = (first.month + 2) // 3, last.month // 3
        if (first.year, q1) == (last.year, q2):
            return quarter(first.year, q1)
        return Period(f"{first.year:04d}-Q{q1}..{last.year:04d}-Q{q2}", first, last, "range")
    if (first.year, first.month) == (last.year, last.month):
        return month(first.year, first.month)
    return Period(f"{first.year:04d}-{first.month:02d}..{last.year:04d}-{last.month:02d}",
                  first, last, "range")


def previous(period: Period) -> Period:
    """The period of the same length just before `period`."""
    start = _shift(period.start, -period.months)
    return spanning(start, period.start - dt.timedelta(days=1))


def period_of(day: dt.date, unit: str) -> Period:
    """The month, quarter or year that holds `day`."""
    if unit == "year":
        return year(day.year)
    if unit == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return month(day.year, day.month)


def periods_between(first: Period, last: Period, unit: str) -> tuple[Period, ...]:
    """Every `unit` period from `first` to `last`, both included."""
    found, current = [], first
    while current.start <= last.start:
        found.append(current)
        current = period_of(_shift(current.start, {"month": 1, "quarter": 3, "year": 12}[unit]),
                            unit)
    return tuple(found)


def date_span(published: PublishedDate) -> tuple[dt.date, dt.date]:
    """The first and last day a date of its precision can mean."""
    day = published.date
    if published.precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if published.precision == "month":
        return dt.date(day.year, day.month, 1), _month_end(day.year, day.month)
    return day, day


def placement(published: PublishedDate | None, period: Period) -> str:
    """"in" (the date lies inside the period), "out" (outside it) or "unplaced" (no date, or
    a date too coarse to tell: it overlaps the period but is not inside it)."""
    if published is None:
        return "unplaced"
    first, last = date_span(published)
    if first >= period.start and last <= period.end:
        return "in"
    if last < period.start or first > period.end:
        return "out"
    return "unplaced"


def _tally(left: list[PublishedDate | None]) -> LeftOut:
    return LeftOut(no_date=sum(p is None for p in left),
                   year_only=sum(p is not None and p.precision == "year" for p in left),
                   month_only=sum(p is not None and p.precision == "month" for p in left))


# --- the plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodPlan:
    """What the period options ask for, and which articles that takes.

    `corpus` holds the articles to analyse (the period's and the baseline's, or every
    article a trend can place); `period_ids` and `baseline_ids` the articles of each;
    `trend_of` maps an article id to its trend period; `left_out` counts the articles whose
    dates cannot place them in the period or the baseline, `left_out_of_trend` those the
    trend cannot place."""

    period: Period | None
    baseline: Period | None
    trend: str | None
    corpus: Corpus
    period_ids: frozenset[str]
    baseline_ids: frozenset[str]
    trend_periods: tuple[Period, ...]
    trend_of: dict
    left_out: LeftOut
    left_out_of_trend: LeftOut


def plan_periods(corpus: Corpus, *, period: str | Period | None = None,
                 compare: str | Period | None = None, trend: str | None = None
                 ) -> PeriodPlan | None:
    """The plan for `period` (a period or its text; None: the whole corpus), `compare` (the
    baseline: None for the period just before, "none" for no baseline) and `trend` ("month",
    "quarter" or "year"); None when none of them is asked for."""
    if period is None and trend is None:
        if compare is not None:
            raise FramingError(f"--compare {compare}: a baseline needs a period; give --period "
                               f"too ({PERIOD_FORMS})")
        return None
    if trend is not None and trend not in UNITS:
        raise FramingError(f"--trend {trend!r}: choose month, quarter or year")
    chosen = parse_period(period) if isinstance(period, str) else period
    baseline = None
    if chosen is not None:
        if compare is None:
            baseline = previous(chosen)
        elif isinstance(compare, Period):
            baseline = compare
        elif compare.strip().casefold() != "none":
            baseline = parse_period(compare, option="--compare")
        if baseline is not None and baseline.start <= chosen.end and chosen.start <= baseline.end:
            raise FramingError(f"--compare {baseline}: the baseline overlaps the period "
                               f"{chosen}; choose a baseline before or after it, or none")
    articles = corpus.articles
    period_ids: set[str] = set()
    baseline_ids: set[str] = set()
    unplaced: list[PublishedDate | None] = []
    if chosen is not None:
        for article in articles:
            where = placement(article.published, chosen)
            then = placement(article.published, baseline) if baseline is not None else "out"
            if where == "in":
                period_ids.add(article.id)
            elif then == "in":
                baseline_ids.add(article.id)
            elif "unplaced" in (where, then):
                unplaced.append(article.published)
        if not period_ids:
            earliest, latest = _dates(corpus)
            raise FramingError(
                f"--period {chosen}: no article falls in it"
                + (f" (the dated articles run from {earliest} to {latest})" if earliest else
                   " (no article has a date)")
                + "; choose another period")
    trend_periods: tuple[Period, ...] = ()
    trend_of: dict[str, Period] = {}
    trend_unplaced: list[PublishedDate | None] = []
    if trend is not None:
        for article in articles:
            published = article.published
            if published is None or _coarser(published.precision, trend):
                trend_unplaced.append(published)
            else:
                trend_of[article.id] = period_of(published.date, trend)
        if trend_of:
            ordered = sorted(set(trend_of.values()), key=lambda p: p.start)
            trend_periods = periods_between(ordered[0], ordered[-1], trend)
    wanted = set(trend_of) | period_ids | baseline_ids
    kept = tuple(a for a in articles if a.id in wanted)
    if not kept:
        raise FramingError(f"--trend {trend}: no article has a date that places it in a "
                           f"{trend}; there is nothing to draw")
    return PeriodPlan(
        period=chosen, baseline=baseline, trend=trend,
        corpus=dataclasses.replace(corpus, articles=kept),
        period_ids=frozenset(period_ids), baseline_ids=frozenset(baseline_ids),
        trend_periods=trend_periods, trend_of=trend_of, left_out=_tally(unplaced),
        left_out_of_trend=_tally(trend_unplaced))


def _coarser(precision: str, unit: str) -> bool:
    """Whether a date of `precision` cannot say which `unit` period it is in."""
    order = {"day": 0, "month": 1, "quarter": 2, "year": 3}
    return order[precision] > order[unit]


def _dates(corpus: Corpus) -> tuple[str, str]:
    dated = sorted(a.published.date for a in corpus.articles if a.published is not None)
    return (dated[0].isoformat(), dated[-1].isoformat()) if dated else ("", "")


# --- figures per period -----------------------------------------------------------------


def analyse_periods(features: Features, plan: PeriodPlan, *, top_terms: int = 50,
                    seed: int = 0) -> Features:
    """`features` (of plan.corpus) with its PeriodAnalysis; with a period, restricted to the
    period's articles (the report and the tables describe the period)."""
    table = ArticleTable.of(features)
    periods: list[tuple[Period, np.ndarray]] = []
    if plan.period is not None:
        periods.append((plan.period, _mask(table, plan.period_ids)))
        if plan.baseline is not None:
            periods.append((plan.baseline, _mask(table, plan.baseline_ids)))
    labels = {p.label for p, _ in periods}
    trend_index = _trend_index(table, plan)
    for k, trend_period in enumerate(plan.trend_periods):
        if trend_period.label not in labels:
            periods.append((trend_period, trend_index == k))
    rows = outlet_periods(table, periods, seed=seed)
    rows = tuple(sorted(rows, key=lambda r: (r.period.start, r.period.end,
                                             table.outlets.index(r.outlet))))
    trend_outlets, trend_rest = _trend_groups(table, plan, trend_index, seed=seed)
    changes: tuple[Change, ...] = ()
    new_terms: tuple[TermScore, ...] = ()
    if plan.period is not None and plan.baseline is not None:
        now, then = periods[0][1], periods[1][1]
        changes = period_changes(table, plan.period, now, plan.baseline, then)
        new_terms = distinctive_in_period(features, plan)
    restricted = (restrict(features, plan.period_ids, top_terms=top_terms, seed=seed)
                  if plan.period is not None else features)
    analysis = PeriodAnalysis(
        period=plan.period, baseline=plan.baseline, trend=plan.trend,
        trend_periods=plan.trend_periods, rows=rows, changes=changes, new_terms=new_terms,
        left_out=plan.left_out, left_out_of_trend=plan.left_out_of_trend,
        baseline_articles=len(plan.baseline_ids), trend_outlets=trend_outlets,
        trend_rest=trend_rest)
    return dataclasses.replace(restricted, periods=analysis)


def _trend_index(table: ArticleTable, plan: PeriodPlan) -> np.ndarray:
    """Each article's place in plan.trend_periods; -1 when the trend cannot place it."""
    place = {p: k for k, p in enumerate(plan.trend_periods)}
    return np.fromiter((place.get(plan.trend_of.get(i), -1) for i in table.ids),
                       dtype=np.int64, count=len(table.ids))


def _trend_groups(table: ArticleTable, plan: PeriodPlan, trend_index: np.ndarray, *,
                  seed: int, shown: int = TREND_OUTLETS
                  ) -> tuple[tuple[str, ...], tuple[OutletPeriod, ...]]:
    """The outlets with most articles in the trend (ties by name), and a row per trend
    period for the other outlets pooled ("N other outlets")."""
    if not plan.trend_periods:
        return (), ()
    in_trend = trend_index >= 0
    counts = np.bincount(table.outlet[in_trend], minlength=len(table.outlets))
    order = sorted((k for k in range(len(table.outlets)) if counts[k]),
                   key=lambda k: (-counts[k], table.outlets[k].casefold()))
    largest = tuple(table.outlets[k] for k in order[:shown])
    rest = order[shown:]
    if not rest:
        return largest, ()
    label = f"{len(rest)} other outlets"
    pooled = dataclasses.replace(
        table, outlets=(label,), outlet=np.zeros(len(table.ids), dtype=np.int64))
    members = np.isin(table.outlet, rest)
    periods = [(p, (trend_index == k) & members) for k, p in enumerate(plan.trend_periods)]
    return largest, outlet_periods(pooled, periods, seed=seed)


def _mask(table: ArticleTable, ids) -> np.ndarray:
    wanted = set(ids)
    return np.fromiter((i in wanted for i in table.ids), dtype=bool, count=len(table.ids))


def outlet_periods(table: ArticleTable, periods: Sequence[tuple[Period, np.ndarray]], *,
                   seed: int = 0) -> tuple[OutletPeriod, ...]:
    """One OutletPeriod per outlet and period (outlets by name, periods as given): an
    outlet without articles in a period gets an empty row (no rate, no mean)."""
    from framing.features.rates import dispersion, rates_of

    n_outlets = len(table.outlets)
    rows: list[OutletPeriod] = []
    for period, mask in periods:
        groups = table.outlet[mask]
        words = table.words[mask]
        articles = np.bincount(groups, minlength=n_outlets)
        total_words = np.bincount(groups, weights=words, minlength=n_outlets)
        frames: list[list[PeriodFrame]] = [[] for _ in range(n_outlets)]
        for c, lexicon in enumerate(table.lexicons):
            mentions = table.mentions[mask, c]
            rates = rates_of(dispersion(mentions, words, groups, n_outlets))
            own = np.bincount(groups, weights=table.own[mask, c], minlength=n_outlets)
            reach = np.bincount(groups, weights=(mentions > 0).astype(float),
                                minlength=n_outlets)
            for k in range(n_outlets):
                if not articles[k]:
                    frames[k].append(PeriodFrame(lexicon, None, None, None, None, None, None))
                    continue
                frames[k].append(PeriodFrame(
                    lexicon=lexicon, mentions=int(rates.total[k]),
                    per_1k=_number(1000 * rates.rate[k]) if total_words[k] else 0.0,
                    per_1k_ci_low=_number(1000 * rates.low[k]),
                    per_1k_ci_high=_number(1000 * rates.high[k]),
                    article_share=float(reach[k] / articles[k]),
                    own_voice_share=(float(own[k] / rates.total[k]) if rates.total[k]
                                     else None)))
        sentiment = _sentiment_by_outlet(table, mask, period, seed=seed)
        for k, outlet in enumerate(table.outlets):
            mean, low, high = sentiment.get(k, (None, None, None))
            rows.append(OutletPeriod(outlet=outlet, period=period, articles=int(articles[k]),
                                     words=int(total_words[k]), sentiment_mean=mean,
                                     sentiment_ci_low=low, sentiment_ci_high=high,
                                     frames=tuple(frames[k])))
    return tuple(rows)


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _sentiment_by_outlet(table: ArticleTable, mask: np.ndarray, period: Period, *,
                         seed: int) -> dict[int, tuple]:
    """outlet index -> (mean, low, high) of its articles' sentiment in the period, with the
    seeded bootstrap interval of framing.features.sentiment (None bounds with one article)."""
    from framing.features.sentiment import bootstrap_interval

    found = {}
    rows = np.flatnonzero(mask & ~np.isnan(table.sentiment))  # by outlet, as the table is
    groups = table.outlet[rows]
    bounds = np.searchsorted(groups, np.arange(len(table.outlets) + 1))
    for k in np.flatnonzero(bounds[1:] > bounds[:-1]):
        values = np.sort(table.sentiment[rows[bounds[k]:bounds[k + 1]]])
        mean = math.fsum(values) / len(values)
        if len(values) < 2:
            found[int(k)] = (mean, None, None)
            continue
        outlet = table.outlets[k]
        low, high = bootstrap_interval(values, seed=[seed, zlib.crc32(outlet.encode("utf-8")),
                                                     zlib.crc32(period.label.encode())])
        found[int(k)] = (mean, low, high)
    return found


# --- changes ----------------------------------------------------------------------------


def _daily_counts(table: ArticleTable, period: Period, mask: np.ndarray) -> np.ndarray:
    """Articles per outlet (rows) and day of the period (columns), of the articles with a
    day-precise date: what the dispersion of the number of articles is measured on."""
    counts = np.zeros((len(table.outlets), period.days))
    for r in np.flatnonzero(mask):
        published = table.published[r]
        if published is not None and published.precision == "day":
            counts[table.outlet[r], (published.date - period.start).days] += 1
    return counts


def _article_effects(table: ArticleTable, period: Period, now: np.ndarray, baseline: Period,
                     then: np.ndarray, a: np.ndarray) -> np.ndarray:
    """The design effect of the number of articles of outlets `a`, pooled over the days of
    both periods (coverage comes in bursts: articles per day vary more than Poisson)."""
    from framing.features.rates import dispersion

    n = len(table.outlets)
    daily_now = _daily_counts(table, period, now)
    daily_then = _daily_counts(table, baseline, then)
    values = np.concatenate([daily_now.ravel(), daily_then.ravel()])
    groups = np.concatenate([np.repeat(np.arange(n), period.days),
                             np.repeat(np.arange(n, 2 * n), baseline.days)])
    per_day = dispersion(values, np.ones(values.size), groups, 2 * n)
    return per_day.pooled_effects(a, a + n)


def period_changes(table: ArticleTable, period: Period, now: np.ndarray, baseline: Period,
                   then: np.ndarray, *, fdr: float = FDR) -> tuple[Change, ...]:
    """Each outlet's change in every measure from `baseline` (articles `then`) to `period`
    (articles `now`), tested, with false discoveries controlled over all of them.

    Measures: per lexicon its rate per 1,000 words (a ratio; effective counts with a design
    effect pooled from both periods), its share of articles with a mention (a difference;
    Newcombe) and its share of mentions in the outlet's own voice (a difference on effective
    counts); the mean sentiment (a difference; Welch); the number of articles (a ratio of
    articles per day, with the design effect of the articles per day in the period)."""
    from framing.features.rates import (
        benjamini_hochberg,
        compare_rates,
        compare_shares,
        dispersion,
        mean_difference,
        rate_ratios,
        share_differences,
    )

    n = len(table.outlets)
    present = np.bincount(table.outlet[now], minlength=n) + np.bincount(table.outlet[then],
                                                                         minlength=n)
    outlets = [k for k in range(n) if present[k]]
    # Groups 0..n-1 are the outlets now, n..2n-1 the same outlets in the baseline.
    chosen = now | then
    groups = table.outlet[chosen] + np.where(now[chosen], 0, n)
    a = np.array(outlets, dtype=np.int64)
    b = a + n
    words = table.words[chosen]
    articles = np.bincount(groups, minlength=2 * n)
    pending: list[list] = []  # [outlet, measure, value, baseline_value, change, low, high, p]

    def share(x, size):
        return [float(x[g] / size[g]) if size[g] else None for g in range(2 * n)]

    for c, lexicon in enumerate(table.lexicons):
        mentions = table.mentions[chosen, c]
        spread = dispersion(mentions, words, groups, 2 * n)
        rates = compare_rates(spread, a, b)
        per_1k = [1000 * spread.total[g] / spread.size[g] if spread.size[g] else None
                  for g in range(2 * n)]
        reach = np.bincount(groups, weights=(mentions > 0).astype(float), minlength=2 * n)
        shares = share_differences(reach[a], articles[a], reach[b], articles[b])
        article_share = share(reach, articles)
        voices = dispersion(table.own[chosen, c], mentions, groups, 2 * n, binomial=True)
        voice = compare_shares(voices, a, b)
        own_share = share(voices.total, voices.size)
        for j, k in enumerate(outlets):
            pending.append([k, f"{lexicon}_per_1k", per_1k[k], per_1k[k + n],
                            *_ratio_row(rates, j)])
            pending.append([k, f"{lexicon}_article_share", article_share[k],
                            article_share[k + n], *_row(shares, j)])
            pending.append([k, f"{lexicon}_own_voice_share", own_share[k], own_share[k + n],
                            *_row(voice, j)])
    for k in outlets:
        values_now = table.sentiment[now & (table.outlet == k)]
        values_then = table.sentiment[then & (table.outlet == k)]
        values_now = np.sort(values_now[~np.isnan(values_now)])
        values_then = np.sort(values_then[~np.isnan(values_then)])
        mean_now = float(values_now.mean()) if len(values_now) else None
        mean_then = float(values_then.mean()) if len(values_then) else None
        estimate, low, high, p = mean_difference(values_now, values_then)
        pending.append([k, "sentiment_mean", mean_now, mean_then,
                        *(None if math.isnan(v) else float(v) for v in (estimate, low, high, p))])
    effect = _article_effects(table, period, now, baseline, then, a)
    counted = rate_ratios(articles[a], period.days, effect, articles[b], baseline.days, effect)
    for j, k in enumerate(outlets):
        pending.append([k, "articles", float(articles[k]), float(articles[k + n]),
                        *_ratio_row(counted, j)])
    q = benjamini_hochberg(np.array([np.nan if row[7] is None else row[7] for row in pending]))
    changes = []
    for row, q_value in zip(pending, q, strict=True):
        k, measure, value, base, change, low, high, p = row
        null = 1.0 if measure.endswith("_per_1k") or measure == "articles" else 0.0
        q_number = None if math.isnan(q_value) else float(q_value)
        flagged = (q_number is not None and q_number <= fdr and low is not None
                   and high is not None and (low > null or high < null))
        changes.append(Change(
            outlet=table.outlets[k], measure=measure, period=period.label,
            baseline=baseline.label, value=value, baseline_value=base, change=change,
            ci_low=low, ci_high=high, p=p, q=q_number, flagged=bool(flagged)))
    order = {m: i for i, m in enumerate(measure_names(table.lexicons))}
    changes.sort(key=lambda c: (not c.flagged, c.q if c.flagged else 0.0,
                                c.outlet.casefold(), c.outlet, order[c.measure]))
    return tuple(changes)


def measure_names(lexicons: Sequence[str]) -> list[str]:
    """The measures of changes.csv, in their order."""
    names = []
    for lexicon in lexicons:
        names += [f"{lexicon}_per_1k", f"{lexicon}_article_share", f"{lexicon}_own_voice_share"]
    return [*names, "sentiment_mean", "articles"]


def _row(comparison, j: int) -> list:
    """[change, low, high, p] of comparison j; None where nothing was tested."""
    values = (comparison.estimate[j], comparison.low[j], comparison.high[j], comparison.p[j])
    if math.isnan(values[3]):
        estimate = values[0]
        return [None if math.isnan(estimate) else float(estimate), None, None, None]
    return [float(v) for v in values]


def _ratio_row(comparison, j: int) -> list:
    """As _row, a ratio: an infinite change or bound (a baseline of 0) is kept as inf."""
    return _row(comparison, j)


# --- terms ------------------------------------------------------------------------------


def distinctive_in_period(features: Features, plan: PeriodPlan, *,
                          limit: int = NEW_TERMS) -> tuple[TermScore, ...]:
    """The terms that set the period's articles apart from the baseline's, all outlets
    pooled: framing.features.terms's log-odds with the period and the baseline as the two
    sides (TermScore.outlet is the period's label, count_rest the baseline's count); only
    those with z >= 1.96, at most `limit`."""
    from framing.features.compute import documents
    from framing.features.terms import count_terms, score_terms

    assert plan.period is not None and plan.baseline is not None
    now = [a for a in features.corpus.articles if a.id in plan.period_ids]
    then = [a for a in features.corpus.articles if a.id in plan.baseline_ids]
    if not now or not then:
        return ()
    labelled = ([(plan.period.label, text) for _, text in documents(now)]
                + [(plan.baseline.label, text) for _, text in documents(then)])
    scores = score_terms(count_terms(labelled), top=limit)
    return tuple(s for s in scores if s.outlet == plan.period.label and s.z >= Z_CLEAR)


# --- restricting features to the period -------------------------------------------------


def restrict(features: Features, ids, *, top_terms: int = 50, seed: int = 0) -> Features:
    """`features` for the articles `ids` only: per-article results kept, per-outlet figures
    (sentiment, frames, distinctive terms) made again from them."""
    from framing.features.compute import NEGATIVE, documents
    from framing.features.mentions import outlet_frames
    from framing.features.sentiment import outlet_sentiment
    from framing.features.terms import count_terms, score_terms

    keep = set(ids)
    corpus = dataclasses.replace(features.corpus, articles=tuple(
        a for a in features.corpus.articles if a.id in keep))
    articles = tuple(row for row in features.articles if row.article_id in keep)
    sentences = SentenceScores.of(features.sentences)
    kept = [(i, s) for i, s in zip(sentences.article_ids, sentences.scored, strict=True)
            if i in keep]
    scores: dict[str, list[tuple[float, int, int]]] = {}
    outlet_of = {a.id: a.outlet for a in corpus.articles}
    for article_id, scored in kept:
        compounds = scored.compounds
        if len(compounds):
            scores.setdefault(outlet_of[article_id], []).append(
                (sum(compounds) / len(compounds), len(compounds),
                 sum(c <= NEGATIVE for c in compounds)))
    mentions = tuple(m for m in features.mentions if m.span.article_id in keep)
    words = {row.article_id: row.words for row in articles}
    outlet_words: dict[str, int] = {}
    for row in articles:
        outlet_words[row.outlet] = outlet_words.get(row.outlet, 0) + row.words
    review = features.review
    if review is not None:
        review = Review(
            files=review.files,
            mentions=tuple(m for m in review.mentions if m.span.article_id in keep),
            judged={m: r for m, r in review.judged.items() if m.span.article_id in keep},
            content={i: c for i, c in review.content.items() if i in keep},
            warnings=review.warnings,
            keys=tuple(k for m, k in zip(review.mentions, review.keys, strict=True)
                       if m.span.article_id in keep))
    return dataclasses.replace(
        features,
        corpus=corpus,
        articles=articles,
        sentences=SentenceScores(tuple(i for i, _ in kept), tuple(s for _, s in kept)),
        mentions=mentions,
        quotations=tuple(q for q in features.quotations if q.span.article_id in keep),
        terms=score_terms(count_terms(documents(corpus.articles)), top=top_terms),
        sentiment=outlet_sentiment(scores, seed=seed),
        frames=outlet_frames(corpus, features.lexicons, mentions, words=words),
        outlet_words=dict(sorted(outlet_words.items())),
        review=review,
    )
