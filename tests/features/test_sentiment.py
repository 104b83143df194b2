"""framing's VADER must give nltk's compound scores to the last digit."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import math
import os
import pickle
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.features import sentiment
from framing.features.sentiment import (
    VaderScorer,
    article_score,
    bootstrap_interval,
    compound_scores,
    is_negative,
    nltk_reference_analyzer,
    outlet_sentiment,
    strip_token,
    vader_tokens,
)

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / ".." / "shared" / "seeds"
SHARED_DATA = Path(os.environ.get("FRAMING_SHARED_DATA") or PROJECT / ".." / "shared" / "data")


@pytest.fixture(scope="module")
def reference():
    return nltk_reference_analyzer()


def nltk_compound(reference, text: str) -> float:
    return reference.polarity_scores(text)["compound"]


def assert_same_scores(reference, texts) -> None:
    scorer = VaderScorer()
    ours = scorer.compound_many(texts)
    for text, got in zip(texts, ours, strict=True):
        expected = nltk_compound(reference, text)
        # repr as well as ==: the same float to the last digit, and the same sign of zero
        assert (got, repr(got)) == (expected, repr(expected)), text


# --- the parts that must be nltk's ------------------------------------------------------

def test_constants_are_nltks():
    from nltk.sentiment.vader import VaderConstants

    assert set(VaderConstants.NEGATE) == sentiment.NEGATE
    assert dict(VaderConstants.BOOSTER_DICT) == dict(sentiment.BOOSTERS)
    assert dict(VaderConstants.SPECIAL_CASE_IDIOMS) == dict(sentiment.SPECIAL_CASE_IDIOMS)
    assert tuple(VaderConstants.PUNC_LIST) == sentiment.PUNC_LIST
    constants = (VaderConstants.B_INCR, VaderConstants.B_DECR, VaderConstants.C_INCR,
                 VaderConstants.N_SCALAR)
    assert constants == (sentiment.B_INCR, sentiment.B_DECR, sentiment.C_INCR,
                         sentiment.N_SCALAR)


def test_lexicon_is_vadersentiments_as_nltk_reads_it(reference):
    lexicon = sentiment.default_lexicon()
    assert lexicon == reference.lexicon
    assert len(lexicon) == 7506  # 7,520 lines, some words twice
    assert lexicon["good"] == 1.9 and lexicon["abuse"] == -3.2


@pytest.mark.parametrize("token, expected", [
    ("cat,", "cat"), (",cat", "cat"), ("cat!!!", "cat"), ("?!?!cat", "cat"),
    ("cat...", "cat..."),  # "..." is not in nltk's list
    ("'cat'", "'cat'"),  # punctuation on both sides stays
    ("a,", "a,"),  # one letter left: nltk keeps the token as it is
    ("don't", "don't"), ("don't.", "don't."),  # the word holds punctuation: kept
    (":)", ":)"), (":-(", ":-("), ("!!", "!!"),
    ("“good”", "“good”"), ("good”.", "good”"),  # curly quotes are not ASCII punctuation
    ("http://x.org/a", "http://x.org/a"), ("x.org.", "x.org."),
])
def test_strip_token(token, expected):
    assert strip_token(token) == expected


TRICKY = [
    "",
    " ",
    "...",
    "!!!",
    "? ? ?",
    "a",
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The book was kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as such as 💘 and 💋 and 😁",
    "Not bad at all",
    "It was the least bad option.",
    "It was the very least bad option.",
    "least bad",
    "He is never so happy. Never so happy. never this good",
    "Never so happy",
    "It was Never this good, NEVER so bad",
    "it was never so very good",
    "Never so much good, never so much good",
    "It is not the bomb. It is the bomb! The BOMB.",
    "He can't cut the mustard, yeah right.",
    "They lived hand to mouth; the kiss of death for the bad ass plan.",
    "It is sort of nice and just enough fun",
    "GOOD GOOD GOOD",
    "good good bad good but bad",
    "good, good, bad; good - but BAD",
    "Is this good?? Is it?",
    "Is this good???? Really????",
    "What a terrible, horrible, no good, very bad day!!!!!!",
    "This isn't good, it's not good, it wasn't good.",
    "I don't hate it, I didnt hate it, I do not dislike it",
    "He was hardly happy and barely sad, somewhat pleased, slightly upset.",
    "kind of kind of kind",
    "'Abuse' in the home was ignored, the inquiry said.",
    "“Abuse in the home” was ignored, the inquiry said.",
    "Victims were failed by police, who dismissed them – a cover-up.",
    "See https://example.org/good-news?q=bad&x=1 for details!",
    "Email me at good@example.com :-) or :-(",
    "No, no, NO! Not again...",
    "The survivors were not believed, but they were brave.",
    "But it was great.",
    "It was great but.",
    "nothing good, nowhere nice, none happy, without hope, despite love",
    "uh-uh good, uhuh good, n't good",
    "He said 'I love it' and 'I hate it'!",
    "LOL WTF OMG",
    "love\tlove\nhate\r\nhate\u00a0ok\u2003fine",
    "Extremely, incredibly, unbelievably good!",
    "The crime was not that bad but the response was truly awful.",
    "So good. So very good. Not so good.",
    "the shit",
    "the the the good",
    "at least good, at very least good",
]


def test_tricky_sentences(reference):
    assert_same_scores(reference, TRICKY)


def test_tokens_are_sentitexts():
    from nltk.sentiment.vader import SentiText, VaderConstants

    for text in TRICKY:
        expected = SentiText(text, VaderConstants.PUNC_LIST,
                             VaderConstants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons
        assert vader_tokens(text) == expected, text


# --- property-based: random text built from VADER's own vocabulary ----------------------

VOCABULARY = sorted({
    "good", "bad", "great", "love", "hate", "kind", "nice", "happy", "sad", "abuse",
    "failed", "ignored", "brave", "no", "yes", "lol", ":)", ":(", ":-)", "<3", "ass", "shit",
    "bomb", "mustard", "death", "right", "yeah", "hand", "mouth", "cut", "kiss", "the", "of",
    "to", "sort", "just", "enough", "at", "least", "very", "so", "this", "never", "not",
    "isn't", "dont", "without", "but", "BUT", "It", "police", "children", "survivors",
    *sorted(sentiment.BOOSTERS)[:12], "kinda", "somewhat", "barely", "extremely",
})
AFFIXES = ["", "", "", ".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "???", "?!?",
           "...", "“", "”", "(", ")"]


@st.composite
def vader_text(draw):
    words = []
    for _ in range(draw(st.integers(0, 14))):
        word = draw(st.sampled_from(VOCABULARY))
        case = draw(st.sampled_from(["as is", "as is", "upper", "title"]))
        word = word.upper() if case == "upper" else word.title() if case == "title" else word
        words.append(draw(st.sampled_from(AFFIXES)) + word + draw(st.sampled_from(AFFIXES)))
        words.append(draw(st.sampled_from([" ", " ", "  ", "\n", "\t", " ! ", " ? "])))
    return "".join(words)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=vader_text())
def test_property_same_as_nltk_on_vader_vocabulary(reference, text):
    assert_same_scores(reference, [text])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=120))
def test_property_same_as_nltk_on_any_text(reference, text):
    assert_same_scores(reference, [text])


# --- real text ---------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [part for line in text.splitlines() for part in line.split(".") if part.strip()]


def test_every_seed_sentence(reference):
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip(f"no seed articles in {SEEDS}")
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        texts += _sentences(text) + [line for line in text.splitlines() if line.strip()]
    assert len(texts) > 300
    assert_same_scores(reference, texts)


def test_allsides_sentences(reference):
    path = SHARED_DATA / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if count >= 150:
                break
            texts += re.split(r"(?<=[.!?])\s+|\n+", json.loads(line)["text"])
    assert len(texts) > 3000
    assert_same_scores(reference, texts)


# --- the API -----------------------------------------------------------------------------

def test_memo_and_caches_do_not_change_scores():
    texts = TRICKY * 3
    assert VaderScorer(memo_size=0).compound_many(texts) == compound_scores(texts)
    scorer = VaderScorer()
    first = scorer.compound_many(texts)
    assert scorer.compound_many(list(reversed(texts))) == list(reversed(first))
    assert scorer.compound.cache_info().hits >= len(TRICKY) * 2


def test_scorer_survives_pickling():
    scorer = pickle.loads(pickle.dumps(VaderScorer()))
    assert scorer.compound("The book was good.") == 0.4404


def test_scorer_with_another_lexicon():
    scorer = VaderScorer({"grand": 3.0})
    assert scorer.compound("grand") == round(3.0 / math.sqrt(9 + 15), 4)
    assert scorer.compound("good") == 0.0


def test_is_negative_threshold():
    assert is_negative(-0.05) and is_negative(-0.9)
    assert not is_negative(-0.0499) and not is_negative(0.0)


def test_article_score():
    assert article_score([]) is None
    assert article_score([0.5, -0.25, 0.0]) == pytest.approx(0.25 / 3, abs=1e-15)
    assert article_score([0.1] * 10) == 0.1  # fsum: no drift


# --- outlet summaries ------------------------------------------------------------------

def test_outlet_sentiment_by_hand():
    (bbc,) = outlet_sentiment({"BBC": [(0.5, 2, 0), (-0.5, 4, 3)]})
    assert (bbc.outlet, bbc.n_articles, bbc.n_sentences) == ("BBC", 2, 6)
    assert bbc.mean == 0.0
    assert bbc.share_negative == 0.5
    # Resample means are -0.5, 0 or 0.5 with chances 1/4, 1/2, 1/4: among 2,000 resamples
    # both extremes occur far more than 50 times, so the 2.5 and 97.5 percentiles are them.
    assert (bbc.ci_low, bbc.ci_high) == (-0.5, 0.5)


def test_outlet_with_one_article_has_its_mean_as_interval():
    (only,) = outlet_sentiment({"Breitbart": [(-0.3125, 16, 9)]})
    assert (only.mean, only.ci_low, only.ci_high) == (-0.3125, -0.3125, -0.3125)
    assert only.n_articles == 1 and only.share_negative == 9 / 16


def test_outlets_sorted_and_empty_ones_left_out():
    result = outlet_sentiment({"the Times": [(0.1, 1, 0)], "BBC": [(0.2, 1, 0)],
                               "Guardian": [], "bbc": [(0.3, 1, 0)]})
    assert [o.outlet for o in result] == ["BBC", "bbc", "the Times"]


def test_outlet_sentiment_deterministic_and_independent_of_order_and_company():
    rows = [(round(math.sin(k), 4), 3 + k % 5, k % 3) for k in range(40)]
    first = outlet_sentiment({"A": rows, "B": rows[:7]}, seed=3)
    again = outlet_sentiment({"B": list(reversed(rows[:7])), "A": list(reversed(rows))},
                             seed=3)
    alone = outlet_sentiment({"A": rows}, seed=3)
    assert first == again
    assert first[0] == alone[0]
    other_seed = outlet_sentiment({"A": rows}, seed=4)
    assert other_seed[0].ci_low != alone[0].ci_low
    assert other_seed[0].mean == alone[0].mean


def test_bootstrap_interval_has_the_textbook_width():
    import numpy as np

    values = np.random.default_rng(7).normal(0.0, 1.0, 400)
    low, high = bootstrap_interval(values, seed=1, resamples=4000)
    standard_error = values.std(ddof=1) / math.sqrt(len(values))
    assert low < values.mean() < high
    assert high - low == pytest.approx(2 * 1.96 * standard_error, rel=0.1)


def test_bootstrap_in_blocks_is_still_a_bootstrap(monkeypatch):
    values = [float(k % 7) for k in range(300)]
    monkeypatch.setattr(sentiment, "_BOOTSTRAP_BLOCK", 1000)  # three resamples a block
    low, high = bootstrap_interval(values, seed=5, resamples=2000)
    assert low < sum(values) / 300 < high
    assert high - low == pytest.approx(2 * 1.96 * 2.0 / math.sqrt(300), rel=0.15)


def test_many_outlets_are_quick():
    import time

    scores = {f"outlet {k:03d}": [((j * 37 % 101) / 101 - 0.5, 10, 3) for j in range(80)]
              for k in range(500)}
    started = time.perf_counter()
    result = outlet_sentiment(scores)
    assert len(result) == 500
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("row", [(0.1, 0, 0), (0.1, 2, 3), (0.1, 2, -1), (math.nan, 2, 0)])
def test_bad_article_rows_are_refused(row):
    with pytest.raises(ValueError, match="outlet 'X'"):
        outlet_sentiment({"X": [row]})


# --- validation against the VADER paper ---------------------------------------------------

@functools.cache
def _validation_module():
    path = PROJECT / "benchmarks" / "vader_validation.py"
    spec = importlib.util.spec_from_file_location("vader_validation", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_pearson_r_by_hand():
    # x = 1, 2, 3 and y = 1, 2, 4: r = 3 / sqrt(2 * 42/9)
    assert _validation_module().pearson_r([1, 2, 3], [1, 2, 4]) == pytest.approx(
        3 / math.sqrt(2 * 42 / 9), abs=1e-12)


def test_ground_truth_reader(tmp_path):
    path = tmp_path / "truth.txt"
    path.write_bytes(b"1_1\t0.4\tIt was fine.\r\n1_2\t-1.15\tIt was 'awful'.")
    rows = _validation_module().read_ground_truth(path)
    assert rows == [("1_1", 0.4, "It was fine."), ("1_2", -1.15, "It was 'awful'.")]


def test_agrees_with_human_ratings_as_published():
    validation = _validation_module()
    try:
        result = validation.validate()
    except validation.DataUnavailable as error:
        pytest.skip(str(error))
    assert result.n == 5190
    assert 0.49 <= result.r <= 0.51  # published: 0.492
