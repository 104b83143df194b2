"""Wilson intervals, Krippendorff's alpha (against the package and by hand), adjusted rates."""

import math
from itertools import permutations

import pytest

from framing.review.stats import (
    Tally,
    confusion,
    nominal_alpha,
    pairwise_agreement,
    tally,
    wilson,
)

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four
# observers, twelve units, values 1-5, missing values as None. Nominal alpha = 0.743.
WORKED_EXAMPLE = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def units_of(table):
    n = len(next(iter(table.values())))
    return {u: {coder: values[u] for coder, values in table.items() if values[u] is not None}
            for u in range(n)}


def alpha_by_hand(units):
    """Krippendorff's coincidence matrix, worked out as in his paper: each pairable unit u
    with m_u values adds 1/(m_u - 1) for every ordered pair of its values from different
    coders; alpha = 1 - (n - 1) * sum of off-diagonal o_ck / sum over c != k of n_c * n_k."""
    coincidences = {}
    for values in units.values():
        if len(values) < 2:
            continue
        for a, b in permutations(values.values(), 2):
            coincidences[a, b] = coincidences.get((a, b), 0) + 1 / (len(values) - 1)
    n_c = {}
    for (a, _), o in coincidences.items():
        n_c[a] = n_c.get(a, 0) + o
    n = sum(n_c.values())
    observed = sum(o for (a, b), o in coincidences.items() if a != b)
    expected = sum(n_c[a] * n_c[b] for a in n_c for b in n_c if a != b)
    return 1 - (n - 1) * observed / expected


def test_krippendorffs_worked_example():
    import krippendorff
    import numpy as np

    units = units_of(WORKED_EXAMPLE)
    package = krippendorff.alpha(
        reliability_data=np.array([[np.nan if v is None else v for v in values]
                                   for values in WORKED_EXAMPLE.values()], dtype=float),
        level_of_measurement="nominal")
    assert round(package, 3) == 0.743
    assert nominal_alpha(units) == pytest.approx(package, abs=1e-12)
    assert alpha_by_hand(units) == pytest.approx(package, abs=1e-12)


def test_alpha_of_decisions_by_name():
    units = {"k1": {"ann": "relevant", "bob": "relevant"},
             "k2": {"ann": "not_relevant", "bob": "relevant"},
             "k3": {"ann": "unclear", "bob": "unclear"},
             "k4": {"ann": "relevant"}}
    assert nominal_alpha(units) == pytest.approx(alpha_by_hand(units))
    assert pairwise_agreement(units) == pytest.approx(2 / 3)
    values = ("relevant", "not_relevant", "unclear")
    assert confusion(units, "ann", "bob", values) == [[1, 0, 0], [1, 0, 0], [0, 0, 1]]


def test_alpha_is_undefined_with_one_value():
    assert nominal_alpha({"k1": {"a": "relevant", "b": "relevant"}}) is None


def test_wilson_interval():
    low, high = wilson(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(10, 10)[1] == pytest.approx(1.0) and wilson(0, 10)[0] == 0.0


def test_precision_leaves_unclear_aside():
    t = tally(["relevant"] * 3 + ["not_relevant"] + ["unclear"] * 2)
    assert t == Tally(3, 1, 2) and t.reviewed == 6 and t.precision == 0.75
    assert Tally().precision is None and math.isclose(t.interval[0], wilson(3, 4)[0])


def test_adjusted_rates_count_the_unjudged_at_the_precision(tmp_path, bundled):
    from framing.review import adjusted_rates, apply_decisions, read_review_file
    from tests.review.test_apply import review_file

    _, features = bundled
    # a sample of 20: every third judged not relevant, then unclear, then relevant
    path = review_file(tmp_path, features, sample=20, seed=1,
                       choose=lambda k, r: (("not_relevant", "unclear", "relevant")[k % 3], ""))
    reviewed = apply_decisions(features, [read_review_file(path)])
    rates = adjusted_rates(reviewed)
    judged = reviewed.review.judged
    for (lexicon, outlet), rate in rates.items():
        decisions = [r.decision for m, r in judged.items() if m.lexicon == lexicon]
        p = decisions.count("relevant") / (decisions.count("relevant")
                                           + decisions.count("not_relevant"))
        kept = [m for m in reviewed.mentions if m.lexicon == lexicon
                and next(a.outlet for a in reviewed.corpus.articles
                         if a.id == m.span.article_id) == outlet]
        sure = sum(1 for m in kept if m in judged and judged[m].decision == "relevant")
        assert rate.mentions == pytest.approx(sure + p * (len(kept) - sure))
        assert rate.low <= rate.mentions <= rate.high
        words = reviewed.outlet_words[outlet]
        assert rate.per_1k == pytest.approx(1000 * rate.mentions / words)
    # domestic_abuse has 4 mentions, all in the sample: reviewed in full, nothing to adjust
    assert {lexicon for lexicon, _ in rates} == {lx.name for lx in features.lexicons} - {
        "domestic_abuse"}
