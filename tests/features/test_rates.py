"""Intervals and tests for rates, shares and means: coverage by simulation, agreement of
intervals with p-values, and the reference computations they stand on."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from framing.features.rates import (
    benjamini_hochberg,
    compare_rates,
    dispersion,
    mean_difference,
    rate_intervals,
    rate_ratios,
    share_differences,
    wilson,
)


def clustered_articles(rng, n_groups: int, n: int, rate: float, *, shape: float = 0.3,
                       factor: np.ndarray | None = None):
    """Articles of realistic length whose mentions cluster: each article's expected count is
    its words x rate x a gamma frailty of mean 1 (small `shape`: a few articles hold most
    mentions). `factor` multiplies the rate of each group."""
    words = np.maximum(80, np.round(rng.lognormal(np.log(800), 0.6, (n_groups, n))))
    frailty = rng.gamma(shape, 1 / shape, (n_groups, n))
    scale = np.ones((n_groups, 1)) if factor is None else factor.reshape(-1, 1)
    mentions = rng.poisson(rate / 1000 * words * frailty * scale)
    groups = np.repeat(np.arange(n_groups), n)
    return mentions.ravel().astype(float), words.ravel(), groups


@pytest.mark.parametrize("n", [30, 100, 300])
@pytest.mark.parametrize("rate", [0.3, 1.5])
def test_rate_intervals_cover_about_95_percent(n, rate):
    rng = np.random.default_rng(n * 10 + int(rate * 10))
    reps = 600
    mentions, words, groups = clustered_articles(rng, reps, n, rate)
    rates = rate_intervals(mentions, words, groups, reps)
    covered = np.mean((rates.low * 1000 <= rate) & (rate <= rates.high * 1000))
    # A standard error of about 0.009 at 600 repetitions: at least 0.92 is "about 95%" or
    # more. With a handful of mentions (30 articles at 0.3 per 1,000 words: about 7) an exact
    # interval on counts is conservative, as any is; with more it is close to 95%.
    assert covered >= 0.92, covered
    assert covered <= (1.0 if n * rate < 20 else 0.985), covered


def test_intervals_widen_with_clustering_and_hold_the_rate():
    rng = np.random.default_rng(1)
    spread_out, words, groups = clustered_articles(rng, 1, 200, 1.0, shape=50)
    clustered, _, _ = clustered_articles(rng, 1, 200, 1.0, shape=0.1)
    plain = rate_intervals(spread_out, words, groups, 1)
    heavy = rate_intervals(clustered, words, groups, 1)
    assert plain.low[0] <= plain.rate[0] <= plain.high[0]
    assert heavy.effect[0] > plain.effect[0] >= 1
    assert (heavy.high[0] - heavy.low[0]) / heavy.rate[0] > (
        (plain.high[0] - plain.low[0]) / plain.rate[0])


def test_no_interval_with_one_article_and_a_bound_with_no_mention():
    rates = rate_intervals([3, 0, 0, 0], [500, 400, 300, 200], [0, 1, 1, 2], 3)
    assert np.isnan(rates.low[0]) and np.isnan(rates.high[0])  # one article
    assert rates.low[1] == 0 and rates.high[1] == pytest.approx(
        stats.chi2.ppf(0.975, 2) / 2 / 700)  # no mention: the exact Poisson upper bound
    assert np.isnan(rates.low[2])


def test_rates_do_not_depend_on_the_order_of_the_articles():
    rng = np.random.default_rng(2)
    mentions, words, groups = clustered_articles(rng, 3, 50, 1.0)
    order = rng.permutation(len(mentions))
    first = rate_intervals(mentions, words, groups, 3)
    second = rate_intervals(mentions[order], words[order], groups[order], 3)
    np.testing.assert_allclose(first.low, second.low, rtol=1e-12)
    np.testing.assert_allclose(first.high, second.high, rtol=1e-12)


def test_rate_ratio_interval_excludes_one_exactly_when_p_is_below_005():
    rng = np.random.default_rng(3)
    total_a, total_b = rng.integers(0, 40, 400), rng.integers(0, 40, 400)
    size_a, size_b = rng.uniform(5e3, 5e4, 400), rng.uniform(5e3, 5e4, 400)
    effect_a = effect_b = rng.uniform(1, 3, 400)
    found = rate_ratios(total_a, size_a, effect_a, total_b, size_b, effect_b)
    tested = ~np.isnan(found.p)
    excludes = (found.low > 1) | (found.high < 1)
    assert np.array_equal(excludes[tested], found.p[tested] < 0.05)
    both = (total_a > 0) & (total_b > 0)
    estimate = np.where(both, total_a / size_a, 1.0) / np.where(both, total_b / size_b, 1.0)
    assert np.all((found.low[both] <= estimate[both]) & (estimate[both] <= found.high[both]))


def test_rate_ratio_matches_the_exact_conditional_test_for_poisson_counts():
    # With a design effect of 1 the test is the binomial test of 12 of 15 at p0 = 1/2.
    found = rate_ratios([12], [1000], [1], [3], [1000], [1])
    assert found.p[0] == pytest.approx(stats.binomtest(12, 15, 0.5).pvalue, rel=1e-6)
    expected = stats.binomtest(12, 15).proportion_ci(method="exact")
    assert found.low[0] == pytest.approx(expected.low / (1 - expected.low), rel=1e-6)
    assert found.high[0] == pytest.approx(expected.high / (1 - expected.high), rel=1e-6)


def test_rate_comparisons_keep_false_positives_below_5_percent_under_clustering():
    rng = np.random.default_rng(4)
    reps, n = 800, 100
    mentions, words, groups = clustered_articles(rng, 2 * reps, n, 0.8)
    spread = dispersion(mentions, words, groups, 2 * reps)
    found = compare_rates(spread, np.arange(reps), np.arange(reps, 2 * reps))
    assert np.nanmean(found.p < 0.05) <= 0.05


def test_share_differences_agree_with_their_p_values_and_newcombe():
    # Newcombe (1998), Table II, example (a): 56/70 against 48/80, hybrid score interval
    # 0.0524 to 0.3339.
    found = share_differences([56], [70], [48], [80])
    assert found.low[0] == pytest.approx(0.0524, abs=1e-4)
    assert found.high[0] == pytest.approx(0.3339, abs=1e-4)
    rng = np.random.default_rng(5)
    n_a, n_b = rng.integers(5, 200, 300), rng.integers(5, 200, 300)
    x_a, x_b = rng.binomial(n_a, 0.3), rng.binomial(n_b, 0.35)
    found = share_differences(x_a, n_a, x_b, n_b)
    excludes = (found.low > 0) | (found.high < 0)
    close = np.abs(found.p - 0.05) < 1e-6  # at the boundary, bisection may land either side
    assert np.array_equal(excludes[~close], (found.p < 0.05)[~close])


def test_wilson_is_the_textbook_interval():
    low, high = wilson([8], [20])
    assert (low[0], high[0]) == pytest.approx((0.2188, 0.6134), abs=1e-4)


def test_mean_difference_is_welchs_t():
    rng = np.random.default_rng(6)
    a, b = rng.normal(0, 1, 30), rng.normal(0.5, 2, 12)
    difference, low, high, p = mean_difference(a, b)
    reference = stats.ttest_ind(a, b, equal_var=False)
    assert p == pytest.approx(reference.pvalue)
    interval = reference.confidence_interval()
    assert (low, high) == pytest.approx((interval.low, interval.high))
    assert difference == pytest.approx(a.mean() - b.mean())
    assert np.isnan(mean_difference([1.0], [1.0, 2.0])[3])


def test_benjamini_hochberg_adjusts_as_the_reference_does():
    p = np.array([0.01, 0.04, np.nan, 0.03, 0.2, 0.001])
    expected = stats.false_discovery_control(p[~np.isnan(p)], method="bh")
    q = benjamini_hochberg(p)
    assert np.isnan(q[2])
    np.testing.assert_allclose(q[~np.isnan(p)], expected)
