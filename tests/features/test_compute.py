"""compute(): offsets of sentences and mentions, determinism, the process pool, progress,
article sentiment and word counts."""

from __future__ import annotations

import dataclasses
import math
import os
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.corpus import load as load_corpus
from framing.features import compute as compute_module
from framing.features.compute import compute
from framing.features.mentions import compile_lexicons, find_mentions
from framing.features.sentiment import nltk_reference_analyzer
from framing.lexicons import load_lexicons
from framing.types import Article, Corpus

LEXICONS = load_lexicons()
LEXICON_NAMES = sorted(lexicon.name for lexicon in LEXICONS)


def article(text: str, *, headline: str = "", standfirst: str = "", id: str = "a",
            outlet: str = "Outlet") -> Article:
    return Article(id=id, outlet=outlet, published=None, headline=headline,
                   standfirst=standfirst, text=text)


@pytest.fixture(scope="module")
def rotherham():
    corpus = load_corpus()
    return corpus, compute(corpus, lexicons=LEXICONS)


def check_offsets(corpus: Corpus, features) -> None:
    """Every mention and sentence points at exactly its text; sentences are in order."""
    texts = {a.id: a.analysed_text for a in corpus.articles}
    sentences: dict[str, list] = {}
    for sentence in features.sentences:
        sentences.setdefault(sentence.article_id, []).append(sentence)
    for article_id, rows in sentences.items():
        text = texts[article_id]
        assert [row.index for row in rows] == list(range(len(rows)))
        previous_end = 0
        for row in rows:
            assert previous_end <= row.start < row.end <= len(text), row
            piece = text[row.start:row.end]
            assert piece == piece.strip() and piece, row
            assert -1 <= row.compound <= 1
            previous_end = row.end
    for mention in features.mentions:
        text = texts[mention.span.article_id]
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert text[mention.span.start:mention.span.end] == mention.text
        rows = sentences[mention.span.article_id]
        # The mention's sentence is the last one starting at or before it.
        assert rows[mention.sentence].start <= mention.span.start
        if mention.sentence + 1 < len(rows):
            assert mention.span.start < rows[mention.sentence + 1].start


def check_positions(corpus: Corpus, features) -> None:
    """Position and paragraph agree with where the mention is, found from the parts' lengths."""
    by_id = {a.id: a for a in corpus.articles}
    for mention in features.mentions:
        item = by_id[mention.span.article_id]
        start = mention.span.start
        headline_end = len(item.headline)
        standfirst_end = (headline_end + 2 if item.headline else 0) + len(item.standfirst)
        if item.headline and start < headline_end:
            expected = "headline"
        elif item.standfirst and start < standfirst_end:
            expected = "standfirst"
        else:
            expected = None  # body
        if expected:
            assert (mention.position, mention.paragraph) == (expected, 0), mention
        else:
            assert mention.position in ("first paragraph", "later"), mention
            assert mention.paragraph >= 1
            assert (mention.paragraph == 1) == (mention.position == "first paragraph")


# --------------------------------------------------------------------------- offsets


def test_offsets_on_the_bundled_corpus(rotherham):
    corpus, features = rotherham
    assert features.mentions and features.sentences
    check_offsets(corpus, features)
    check_positions(corpus, features)


_PIECES = [
    "abuse in the home", "mainly Asian men", "Home Office", "takes place in the home",
    "grooming gangs", "failures", "child prostitutes", "of Pakistani origin", "victims",
    "“", "”", "‘", "’", "'", '"', "«", "»", "\n", "\n\n", "\n \n", " ", ". ", "? ", "Mr. ",
    "e.g. ", "\u00a0", "\t", "é", "İ", "ß", "ſ", "😀", "\u0301", "Ω",
]
_CHUNK = st.one_of(st.sampled_from(_PIECES), st.text(max_size=6))
_PART = st.lists(_CHUNK, max_size=12).map("".join)
ARTICLES = st.lists(
    st.builds(
        lambda n, headline, standfirst, body, outlet: article(
            body, headline=headline, standfirst=standfirst, id=f"a{n}", outlet=outlet),
        st.integers(0, 5), _PART, _PART, _PART, st.sampled_from(["X", "Y", "Z"]),
    ),
    min_size=1, max_size=3, unique_by=lambda a: a.id,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles=ARTICLES)
def test_offsets_of_generated_articles(articles):
    corpus = Corpus(tuple(articles))
    features = compute(corpus, lexicons=LEXICONS)
    check_offsets(corpus, features)
    check_positions(corpus, features)


# Paragraphs separated by blank lines only.
_LINE = st.lists(st.one_of(st.sampled_from([p for p in _PIECES if "\n" not in p]),
                           st.text(st.characters(exclude_characters="\n"), max_size=6)),
                 max_size=8).map("".join)
_BLOCK = st.lists(_LINE, max_size=3).map("\n\n".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headline=_LINE, standfirst=_LINE, body=_BLOCK)
def test_compute_gives_the_mentions_find_mentions_gives(headline, standfirst, body):
    item = article(body, headline=headline, standfirst=standfirst)
    features = compute(Corpus((item,)), lexicons=LEXICONS)
    assert features.mentions == find_mentions(item, compile_lexicons(LEXICONS))


def test_compute_splits_single_newline_body_paragraphs_like_find_mentions():
    item = article("Para one.\nPara two: abuse in the home.", headline="Headline")
    (direct,) = find_mentions(item, compile_lexicons(LEXICONS))
    assert (direct.paragraph, direct.position) == (2, "later")
    (computed,) = compute(Corpus((item,)), lexicons=LEXICONS).mentions
    assert (computed.paragraph, computed.position) == (2, "later")


# --------------------------------------------------------------------------- determinism


def test_compute_is_deterministic(rotherham):
    corpus, features = rotherham
    again = compute(corpus, lexicons=load_lexicons())
    assert again == features
    assert again.frames == features.frames and again.sentiment == features.sentiment


def small_corpus(n: int, *, seed: int = 1) -> Corpus:
    """n short articles over four outlets, built from sentences on the subject."""
    rng = random.Random(seed)
    sentences = [
        "Survivors said the council ignored their warnings.",
        "“It was abuse in the home,” she said.",
        "Gangs of mainly Asian men were jailed in 2016.",
        "The inquiry found failures by police and social workers.",
        "Officers were contemptuous of the victims, the report said.",
        "The hearing was adjourned until Monday.",
        "She said: ‘We were not believed.’",
    ]
    articles = []
    for i in range(n):
        body = "\n\n".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
        articles.append(article(body, headline=f"Report {i} on the inquiry", id=f"a{i:04d}",
                                outlet=f"Outlet {i % 4}"))
    return Corpus(tuple(articles))


@pytest.mark.parametrize("chunk", [70, 299, 300])  # chunks of articles per job
def test_process_pool_gives_exactly_the_serial_features(monkeypatch, chunk):
    corpus = small_corpus(300)
    serial = compute(corpus, lexicons=LEXICONS, workers=1)

    parent = os.getpid()
    analyse = compute_module.analyse_article

    def in_a_worker_only(*args):
        assert os.getpid() != parent, "analysed in the parent process: no pool was used"
        return analyse(*args)

    monkeypatch.setattr(compute_module, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(compute_module, "CHUNK_ARTICLES", chunk)
    if chunk < 300:  # one chunk is run here, with no pool
        monkeypatch.setattr(compute_module, "analyse_article", in_a_worker_only)
    calls: list[tuple[int, int]] = []
    pooled = compute(corpus, lexicons=LEXICONS, workers=2,
                     progress=lambda done, total: calls.append((done, total)))
    assert pooled == serial
    assert calls[0] == (0, 300) and calls[-1] == (300, 300)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_chunks_of_work_cover_the_work_once_in_order():
    from framing.features.compute import Chunk, chunks_of_work

    chunks = chunks_of_work(10, [1, 2, 5, 9], range(4, 10), size=3)
    assert chunks == [Chunk((1, 2), (4,)), Chunk((5,), (5, 6, 7)), Chunk((9,), (8, 9))]
    assert chunks_of_work(10, [], [], size=3) == []


def test_progress_reaches_the_total(monkeypatch):
    monkeypatch.setattr(compute_module, "CHUNK_ARTICLES", 50)
    for n, expected in [(7, [(0, 7), (7, 7)]),
                        (120, [(0, 120), (50, 120), (100, 120), (120, 120)])]:
        calls: list[tuple[int, int]] = []
        compute(small_corpus(n), lexicons=LEXICONS, workers=1,
                progress=lambda done, total, calls=calls: calls.append((done, total)))
        assert calls == expected


def test_empty_corpus_reports_progress_and_gives_empty_tables():
    calls: list[tuple[int, int]] = []
    features = compute(Corpus(()), lexicons=LEXICONS,
                       progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]
    assert features.articles == () and features.mentions == () and features.frames == ()


# --------------------------------------------------------------------------- per-article numbers


def test_sentence_scores_are_nltk_vader_of_the_sentence_text(rotherham):
    corpus, features = rotherham
    reference = nltk_reference_analyzer()
    texts = {a.id: a.analysed_text for a in corpus.articles}
    for sentence in features.sentences:
        piece = texts[sentence.article_id][sentence.start:sentence.end]
        assert sentence.compound == reference.polarity_scores(piece)["compound"], piece


def test_article_sentiment_is_the_mean_of_its_sentences(rotherham):
    _, features = rotherham
    compounds: dict[str, list[float]] = {}
    for sentence in features.sentences:
        compounds.setdefault(sentence.article_id, []).append(sentence.compound)
    assert len(features.articles) == 5
    for row in features.articles:
        scores = compounds[row.article_id]
        assert row.n_sentences == len(scores)
        assert row.sentiment == pytest.approx(math.fsum(scores) / len(scores), abs=1e-12)


def test_article_without_sentences_has_no_sentiment():
    features = compute(Corpus((article("", headline="   "), article("Abuse.", id="b"))),
                       lexicons=LEXICONS)
    empty, other = features.articles
    assert (empty.sentiment, empty.n_sentences, empty.words) == (None, 0, 0)
    assert other.n_sentences == 1
    assert [s.n_articles for s in features.sentiment] == [1]


def test_word_counts_by_hand():
    corpus = Corpus((
        # co-op, don't, 1, 400, girls, survivors: a dash and a closing apostrophe are no words.
        article("co-op don't 1,400 girls' – survivors", id="a", outlet="X"),
        # Headline (3) + standfirst (2) + body (4).
        article("It was not investigated.", headline="A hidden crime",
                standfirst="Survivors speak", id="b", outlet="X"),
        article("Five men jailed.", id="c", outlet="Y"),
    ))
    features = compute(corpus, lexicons=LEXICONS)
    assert {row.article_id: row.words for row in features.articles} == {"a": 6, "b": 9, "c": 3}
    assert features.outlet_words == {"X": 15, "Y": 3}


def test_outlet_words_are_the_sums_of_article_words(rotherham):
    corpus, features = rotherham
    sums: Counter[str] = Counter()
    for row in features.articles:
        sums[row.outlet] += row.words
    assert dict(sums) == dict(features.outlet_words)
    assert set(features.outlet_words) == set(corpus.outlets)
    assert list(features.outlet_words) == sorted(features.outlet_words)


def test_article_mention_counts_match_the_mentions(rotherham):
    _, features = rotherham
    counted = Counter((m.span.article_id, m.lexicon) for m in features.mentions)
    for row in features.articles:
        assert sorted(row.mentions) == LEXICON_NAMES
        for name in LEXICON_NAMES:
            assert row.mentions[name] == counted[(row.article_id, name)]
    frames = {(f.outlet, f.lexicon): f.mentions for f in features.frames}
    for (outlet, name), count in frames.items():
        assert count == sum(row.mentions[name] for row in features.articles
                            if row.outlet == outlet)


def test_quotations_are_found_with_a_roles_lexicon_and_only_then(rotherham):
    from framing.features.quotes import find_quotations
    from framing.features.roles import load_roles
    from framing.text import article_units

    corpus, without = rotherham
    assert without.quotations == () and without.roles is None
    roles = load_roles()
    features = compute(corpus, lexicons=LEXICONS, roles=roles, workers=1)
    assert features.roles == roles.lexicon
    expected = tuple(q for a in corpus.articles
                     for q in find_quotations(a, units=article_units(a), roles=roles))
    assert features.quotations == expected  # in article order, then text order
    texts = {a.id: a.analysed_text for a in corpus.articles}
    for quotation in features.quotations:
        quoted = texts[quotation.span.article_id][quotation.span.start:quotation.span.end]
        assert quoted and quoted == quoted.strip()
    # Everything else is as without quotations.
    assert dataclasses.replace(features, quotations=(), roles=None) == without


def test_the_pool_finds_the_serial_quotations(monkeypatch):
    from framing.features.roles import load_roles

    corpus = small_corpus(240)
    roles = load_roles()
    serial = compute(corpus, lexicons=LEXICONS, roles=roles, workers=1)
    assert sum(q.kind == "direct" for q in serial.quotations) > 50
    monkeypatch.setattr(compute_module, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(compute_module, "CHUNK_ARTICLES", 70)
    assert compute(corpus, lexicons=LEXICONS, roles=roles, workers=2) == serial
