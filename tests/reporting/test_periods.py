"""The report's periodic parts: changes since the baseline, trends, and what was left out."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import framing
from framing.reporting.build import section_ids
from framing.reporting.charts import render_chart
from framing.reporting.periods import change_sentence, change_text, drawn_window
from framing.reporting.structure import Chart, QuoteGroup
from framing.types import Change
from tests.features.test_periods import dated_corpus, frame_corpus


def change(measure="ethnicity_per_1k", value=0.8, base=0.4, estimate=2.0, low=1.3, high=3.1,
           flagged=True):
    return Change("Alpha", measure, "2024-Q3", "2024-Q2", value, base, estimate, low, high,
                  0.001, 0.01, flagged)


def test_changes_are_written_with_their_intervals():
    lexicons = ["ethnicity"]
    assert change_text(change()) == "×2.00 [1.30, 3.10] ▲"
    assert change_sentence(change(), lexicons) == (
        "Alpha: ethnicity terms per 1,000 words rose from 0.40 to 0.80, 2.00 times the "
        "baseline's (95% CI 1.30 to 3.10)")
    share = change("ethnicity_article_share", 0.2, 0.5, -0.3, -0.45, -0.12)
    assert change_text(share) == "-30 pts [-45, -12] ▼"
    assert change_sentence(share, lexicons) == (
        "Alpha: share of articles with ethnicity terms fell from 50% to 20%, by 30 "
        "percentage points (95% CI -45 to -12 points)")
    assert change_text(change("sentiment_mean", -0.1, 0.0, -0.1, -0.2, 0.0, flagged=False)) == (
        "-0.10 [-0.20, +0.00]")
    assert change_text(change("articles", 5, 0, math.inf, 1.7, math.inf)) == "×∞ [1.70, ∞] ▲"
    assert change_text(change(estimate=None, low=None, high=None, flagged=False)) == "–"


@pytest.mark.parametrize(("totals", "window"), [
    ([1, 0, 0, 0, 100, 100, 100, 1], (4, 7)),  # stray articles at either end: not drawn
    ([1, 0, 0, 0, 50, 60, 40, 1], (4, 8)),  # more than 1% of the articles: drawn
    ([10, 20, 30], (0, 3)),
    ([0, 0, 5], (2, 3)),
    ([3], (0, 1)),
])
def test_the_trend_draws_the_periods_that_hold_the_articles(totals, window):
    assert drawn_window(totals) == window


@pytest.fixture(scope="module")
def periodic():
    corpus = frame_corpus(np.random.default_rng(7), planted=2.0, articles=40)
    analysis = framing.analyse(corpus, period="2024-Q3", trend="month", cache=False)
    return analysis, framing.report(analysis).report, framing.report(
        analysis, profile="handout").report


def test_the_analyst_report_leads_with_the_changes_and_draws_the_trend(periodic):
    analysis, report, _handout = periodic
    ids = section_ids(report.sections)
    assert ids.index("findings") < ids.index("changes") < ids.index("at-a-glance")
    assert ids.index("at-a-glance") < ids.index("trends")
    assert {"changes-domestic_abuse", "changes-outlets", "changes-terms"} <= set(ids)
    assert any(line.startswith("Period: 2024-Q3 (2024-07-01 to 2024-09-30), compared with "
                               "2024-Q2") for line in report.cover.scope)
    assert report.cover.subtitle.endswith(", 2024-Q3 against 2024-Q2")
    changes = next(s for s in report.sections if s.id == "changes")
    flagged = [b for b in changes.blocks if isinstance(b, QuoteGroup)]
    for group in flagged:  # each flagged change with a passage from the period
        assert group.quotes and all(q.published.startswith("2024-0") for q in group.quotes)
        assert re.search(r"2024-0[789]", group.quotes[0].published)
    trends = next(s for s in report.sections if s.id == "trends")
    chart = next(b for b in trends.blocks if isinstance(b, Chart))
    assert chart.kind == "trend" and chart.categories == ("2024-04", "2024-05", "2024-06",
                                                          "2024-07", "2024-08", "2024-09")
    assert chart.counts_panel and chart.highlight == ("2024-Q3", "2024-Q2")


def test_the_handout_keeps_the_flagged_changes_and_the_trend(periodic):
    _analysis, _report, handout = periodic
    ids = section_ids(handout.sections)
    assert "changes" in ids and "trends" in ids and "changes-ethnicity" not in ids


def test_the_trend_chart_is_drawn_with_gaps_for_empty_periods():
    analysis = framing.analyse(dated_corpus(), trend="quarter", cache=False)
    report = framing.report(analysis).report
    trends = next(s for s in report.sections if s.id == "trends")
    chart = next(b for b in trends.blocks if isinstance(b, Chart))
    beta = next(s for s in chart.series if s.name == "Beta" and s.panel != chart.counts_panel)
    assert any(math.isnan(v) for v in beta.values)  # a quarter without Beta's articles
    svg = render_chart(chart)
    assert svg.startswith("<svg") and svg == render_chart(chart)  # deterministic
    assert "Articles per period" in svg


def test_left_out_articles_are_counted_on_the_cover_and_in_the_findings():
    analysis = framing.analyse(dated_corpus(), period="2024-Q3", cache=False)
    report = framing.report(analysis).report
    expected = ("1 article without a date and 1 article dated only to a year, which cannot "
                "be placed in 2024-Q3 or 2024-Q2")
    assert any(expected in line for line in report.cover.scope)
    findings = next(s for s in report.sections if s.id == "findings")
    assert expected in findings.blocks[0].items[1]
