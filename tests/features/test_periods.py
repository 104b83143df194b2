"""Reporting periods: parsing, placing articles, figures per period, changes (planted and
null simulations), the terms that became distinctive, and the features restricted."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import framing
from framing.errors import FramingError
from framing.features.periods import (
    parse_period,
    period_changes,
    placement,
    plan_periods,
    previous,
)
from framing.types import Article, Corpus, PublishedDate
from tests.features.simulated import BASELINE, PERIOD, simulated_table

# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(("text", "label", "start", "end", "before"), [
    ("2024", "2024", "2024-01-01", "2024-12-31", "2023"),
    ("2024-Q3", "2024-Q3", "2024-07-01", "2024-09-30", "2024-Q2"),
    ("2024q1", "2024-Q1", "2024-01-01", "2024-03-31", "2023-Q4"),
    ("2024-07", "2024-07", "2024-07-01", "2024-07-31", "2024-06"),
    ("2024-02", "2024-02", "2024-02-01", "2024-02-29", "2024-01"),
    ("2024-07..2024-09", "2024-Q3", "2024-07-01", "2024-09-30", "2024-Q2"),
    ("2024-11..2025-02", "2024-11..2025-02", "2024-11-01", "2025-02-28", "2024-07..2024-10"),
    ("2023..2024", "2023..2024", "2023-01-01", "2024-12-31", "2021..2022"),
    ("2024-Q1..2024-Q2", "2024-Q1..2024-Q2", "2024-01-01", "2024-06-30",
     "2023-Q3..2023-Q4"),
])
def test_periods_are_read_and_the_one_before_has_the_same_length(text, label, start, end,
                                                                  before):
    period = parse_period(text)
    assert (period.label, period.start.isoformat(), period.end.isoformat()) == (
        label, start, end)
    assert previous(period).label == before
    assert previous(period).months == period.months


@pytest.mark.parametrize("text", ["2024-13", "24-Q3", "Q3", "2024-Q5", "last month",
                                  "2024-07-01"])
def test_a_bad_period_is_one_line_saying_the_forms(text):
    with pytest.raises(FramingError, match="2024, 2024-Q3, 2024-07"):
        parse_period(text)
    with pytest.raises(FramingError, match="ends before it starts; write the earlier end"):
        parse_period("2024-09..2024-07")


def day(text: str) -> PublishedDate:
    return PublishedDate(dt.date.fromisoformat(text))


@pytest.mark.parametrize(("published", "where"), [
    (day("2024-07-01"), "in"),
    (day("2024-06-30"), "out"),
    (PublishedDate(dt.date(2024, 8, 1), "month"), "in"),  # a month-only date: that month
    (PublishedDate(dt.date(2024, 8, 1), "month", approximate=True), "in"),
    (PublishedDate(dt.date(2024, 1, 1), "year"), "unplaced"),  # a year, not a quarter
    (PublishedDate(dt.date(2023, 1, 1), "year"), "out"),
    (None, "unplaced"),
])
def test_an_article_is_placed_by_its_date_at_its_precision(published, where):
    assert placement(published, parse_period("2024-Q3")) == where


def article(id: str, outlet: str, published: PublishedDate | None, text: str) -> Article:
    return Article(id=id, outlet=outlet, published=published, headline=f"Headline {id}",
                   standfirst="", text=text)


def dated_corpus() -> Corpus:
    text = "The council ignored warnings about Asian men. Police failed the girls."
    return Corpus((
        article("a1", "Alpha", day("2024-07-03"), text),
        article("a2", "Alpha", PublishedDate(dt.date(2024, 8, 1), "month"), text),
        article("a3", "Alpha", day("2024-05-10"), text),
        article("b1", "Beta", day("2024-09-30"), text),
        article("b2", "Beta", PublishedDate(dt.date(2024, 1, 1), "year"), text),
        article("b3", "Beta", None, text),
        article("b4", "Beta", day("2023-02-01"), text),
    ))


def test_the_plan_says_what_is_left_out_and_why():
    plan = plan_periods(dated_corpus(), period="2024-Q3")
    assert plan.period.label == "2024-Q3" and plan.baseline.label == "2024-Q2"
    assert plan.period_ids == {"a1", "a2", "b1"} and plan.baseline_ids == {"a3"}
    assert (plan.left_out.no_date, plan.left_out.year_only) == (1, 1)
    assert {a.id for a in plan.corpus.articles} == {"a1", "a2", "a3", "b1"}
    assert plan_periods(dated_corpus(), period="2024-Q3", compare="none").baseline is None
    assert plan_periods(dated_corpus(), period="2024-Q3",
                        compare="2023-Q1").baseline_ids == {"b4"}


def test_a_trend_places_what_its_unit_allows():
    plan = plan_periods(dated_corpus(), trend="quarter")
    assert [p.label for p in plan.trend_periods][:2] == ["2023-Q1", "2023-Q2"]
    assert plan.trend_periods[-1].label == "2024-Q3" and len(plan.trend_periods) == 7
    assert (plan.left_out_of_trend.no_date, plan.left_out_of_trend.year_only) == (1, 1)
    assert plan_periods(dated_corpus(), trend="year").left_out_of_trend.year_only == 0


@pytest.mark.parametrize(("options", "message"), [
    ({"compare": "2024-Q2"}, "needs a period"),
    ({"period": "2024-Q3", "compare": "2024-08"}, "overlaps the period"),
    ({"period": "2019"}, "no article falls in it"),
    ({"trend": "week"}, "choose month, quarter or year"),
])
def test_period_options_fail_early_and_say_what_to_do(options, message):
    with pytest.raises(FramingError, match=message):
        plan_periods(dated_corpus(), **options)


def test_no_period_option_no_plan():
    assert plan_periods(dated_corpus()) is None


# --------------------------------------------------------------------------- through analyse


def test_analyse_describes_the_period_and_keeps_empty_periods_empty():
    analysis = framing.analyse(dated_corpus(), period="2024-Q3", trend="quarter", cache=False)
    features = analysis.features
    assert {a.id for a in features.corpus.articles} == {"a1", "a2", "b1"}
    assert list(analysis.outlets["articles"]) == [2, 1]
    periods = analysis.periods
    assert set(periods["period"]) >= {"2024-Q3", "2024-Q2", "2023-Q1"}
    beta_q2 = periods[(periods.outlet == "Beta") & (periods.period == "2024-Q2")].iloc[0]
    assert beta_q2["articles"] == 0
    assert pd.isna(beta_q2["ethnicity_per_1k"]) and pd.isna(beta_q2["ethnicity_mentions"])
    changes = analysis.changes
    assert set(changes["baseline"]) == {"2024-Q2"} and not changes["flagged"].any()
    assert {"ethnicity_per_1k", "ethnicity_article_share", "ethnicity_own_voice_share",
            "sentiment_mean", "articles"} <= set(changes["measure"])
    assert features.periods.left_out.total == 2


def frame_corpus(rng, *, planted: float, articles: int = 150) -> Corpus:
    """Four outlets; every article 300 words of filler with a Poisson number of mentions of
    "domestic abuse" (3 per 1,000 words), except that Outlet 0's articles of 2024-Q3 have
    `planted` times as many. Dated at random in 2024-Q2 and 2024-Q3."""
    sentence = ("The committee met on Tuesday to discuss the annual budget and the plans for "
                "the new library, the roads and the parks in the town.")
    filler = sentence.split()
    items = []
    for k in range(4):
        for period in (PERIOD, BASELINE):
            rate = 3.0 * (planted if k == 0 and period == PERIOD else 1.0)
            for r in range(articles):
                words = [filler[i % len(filler)] for i in range(300)]
                for _ in range(rng.poisson(rate * 0.3)):
                    words.insert(int(rng.integers(0, len(words))), "domestic abuse")
                published = PublishedDate(period.start + dt.timedelta(
                    days=int(rng.integers(0, period.days))))
                items.append(article(f"o{k}-{period.label}-{r}", f"Outlet {k}", published,
                                     " ".join(words) + "."))
    return Corpus(tuple(items))


def test_a_planted_doubling_is_flagged_through_the_whole_analysis():
    corpus = frame_corpus(np.random.default_rng(7), planted=2.0)
    analysis = framing.analyse(corpus, period="2024-Q3", cache=False)
    changes = analysis.changes
    flagged = changes[changes.flagged]
    planted = flagged[(flagged.outlet == "Outlet 0")
                      & (flagged.measure == "domestic_abuse_per_1k")]
    assert len(planted) == 1
    row = planted.iloc[0]
    assert row["ci_low"] > 1 and row["change"] == pytest.approx(2, abs=0.5)
    assert set(flagged.outlet) == {"Outlet 0"}  # nothing else changed, nothing else flagged
    assert list(changes.flagged[:len(flagged)]) == [True] * len(flagged)  # flagged lead


# --------------------------------------------------------------------------- simulations


def count_flags(rng_seeds, articles, planted=None):
    """(changes tested, flagged where nothing was planted, planted rate flagged) over the runs.

    A planted doubling of a frame's rate raises the share of articles with a mention too:
    that change is planted as well."""
    tested = false = found = 0
    for seed in rng_seeds:
        table, now, then = simulated_table(np.random.default_rng(seed), articles=articles,
                                           planted=planted)
        for change in period_changes(table, PERIOD, now, BASELINE, then):
            is_planted = (planted is not None and change.outlet == f"Outlet {planted[0]}"
                          and change.measure in ("frame_a_per_1k", "frame_a_article_share"))
            tested += change.p is not None
            false += change.flagged and not is_planted
            found += change.flagged and change.measure == "frame_a_per_1k" and is_planted
    return tested, false, found


def test_null_simulations_flag_at_most_5_percent_of_changes():
    """Exchangeable articles (clustered mentions): a flag is always a false one. The full
    figures at 30, 100 and 300 articles are benchmarks/periods_simulation.py's."""
    tested, false, _ = count_flags(range(60), articles=60)
    assert false / tested <= 0.05
    assert false <= 0.05 * 60 * 2  # about one run in twenty with a false flag, at most


def test_planted_doublings_are_found_and_false_flags_stay_rare():
    tested, false, found = count_flags(range(100, 120), articles=300, planted=(0, 0, 2.0))
    assert found >= 10  # power is about 0.6 to 0.7 here (clustered mentions)
    assert false / max(1, false + found) <= 0.05
