import dataclasses
import datetime as dt
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.evidence import (
    MAX_WORDS,
    SLACK_SHARE,
    Evidence,
    paragraph_spans,
    quote_for,
    select,
    term_rank,
)
from framing.types import Article, Mention, PublishedDate, ScoredSentences, SentenceScore, Span
from tests.reporting.sample import ARTICLES, make_features, sentence_spans


def articles_by_id(features):
    return {a.id: a for a in features.corpus.articles}


def assert_clean_cut(text, quote):
    """Exact slice, no surrounding whitespace, no word cut at either end."""
    assert quote.text == text[quote.start:quote.end]
    assert quote.text == quote.text.strip()
    if quote.start > 0:
        assert not (text[quote.start - 1].isalnum() and text[quote.start].isalnum())
    if quote.end < len(text):
        assert not (text[quote.end - 1].isalnum() and text[quote.end].isalnum())


@pytest.fixture(scope="module")
def features():
    return make_features()


@pytest.fixture(scope="module")
def evidence(features):
    return select(features)


def test_every_quote_is_an_exact_slice_and_cuts_no_word(features, evidence):
    articles = articles_by_id(features)
    quotes = evidence.all_quotes()
    assert len(quotes) > 20
    for quote in quotes:
        assert_clean_cut(articles[quote.article_id].analysed_text, quote)
        assert len(quote.text.split()) <= MAX_WORDS * (1 + SLACK_SHARE)


def test_mention_quotes_hold_the_mention_and_its_voice(features, evidence):
    articles = articles_by_id(features)
    for (lexicon, outlet), quotes in evidence.mentions.items():
        assert 1 <= len(quotes) <= 3
        for quote in quotes:
            assert quote.outlet == outlet
            assert articles[quote.article_id].outlet == outlet
            inside = [m for m in features.mentions
                      if m.lexicon == lexicon and m.span.article_id == quote.article_id
                      and quote.start <= m.span.start and m.span.end <= quote.end]
            assert inside, quote
            assert quote.voice in ("own", "quoted")
            assert quote.note.startswith('term "')


def test_choice_prefers_own_voice_first_then_other_articles(evidence):
    # The Independent's ethnicity mentions: own voice in ind-2014 (twice), quoted in ind-2022.
    quotes = evidence.mentions[("ethnicity", "The Independent")]
    assert [q.voice for q in quotes] == ["own", "quoted"]
    assert [q.article_id for q in quotes] == ["ind-2014", "ind-2022"]
    # Two ind-2014 mentions ("ethnicity", "Asian") sit in one sentence: it is shown once.
    assert len({(q.article_id, q.start) for q in quotes}) == len(quotes)


def test_choice_prefers_different_articles_and_terms(evidence):
    quotes = evidence.mentions[("perpetrator_labels", "The Independent")]
    assert quotes[0].location == "headline"  # earliest position first
    assert len({q.article_id for q in quotes[:2]}) == 2
    # The note shows the words matched, as printed.
    assert [q.note for q in quotes] == ['term "Grooming gangs"', 'term "paedophile gangs"',
                                        'term "gangs"']


def test_per_outlet_caps_the_quotes(features):
    evidence = select(features, per_outlet=1)
    assert all(len(quotes) == 1 for quotes in evidence.mentions.values())


def test_selection_is_deterministic_whatever_the_input_order(features, evidence):
    shuffled = list(features.mentions)
    random.Random(7).shuffle(shuffled)
    sentences = list(features.sentences)
    random.Random(8).shuffle(sentences)
    reordered = dataclasses.replace(features, mentions=tuple(shuffled),
                                    sentences=tuple(sentences))
    again = select(reordered)
    assert again == evidence
    assert select(features) == evidence


def test_most_negative_and_positive_sentences(features, evidence):
    articles = articles_by_id(features)
    for outlet in features.corpus.outlets:
        ids = {a.id for a in features.corpus.by_outlet()[outlet]}
        scores = [s for s in features.sentences if s.article_id in ids
                  and len(articles[s.article_id].analysed_text[s.start:s.end].split()) >= 5]
        lowest = min(scores, key=lambda s: (s.compound, s.article_id, s.start))
        highest = max(scores, key=lambda s: (s.compound, s.article_id, -s.start))
        negative, positive = evidence.negative[outlet], evidence.positive[outlet]
        assert (negative.article_id, negative.start) == (lowest.article_id, lowest.start)
        assert negative.note == f"VADER {lowest.compound:+.2f}"
        assert positive.note == f"VADER {highest.compound:+.2f}"


def test_term_quotes_contain_their_term(features, evidence):
    assert evidence.terms
    for (outlet, term), quote in evidence.terms.items():
        assert quote.outlet == outlet
        words = r"\W+".join(re.escape(w) for w in term.split())
        assert re.search(words, quote.text, re.IGNORECASE), (term, quote.text)
    leading = [t for (o, t) in evidence.terms if o == "Breitbart"]
    assert sorted(leading) == ["investigation", "misconduct notices", "officers"]


def test_quote_for_cites_outlet_date_headline_and_location():
    bbc = next(a for a in ARTICLES if a.id == "bbc-2014")
    text = bbc.analysed_text
    start = text.index("Professor Alexis Jay")
    quote = quote_for(bbc, start - 2, start + len("Professor Alexis Jay") + 1, voice="own")
    assert quote.text == "Professor Alexis Jay"  # surrounding whitespace moved out
    assert quote.published == "about 2014-08"
    assert quote.headline == "Rotherham child abuse: Cases in other towns"
    assert quote.location == "paragraph 2"
    assert quote.voice == "own" and not quote.lead and not quote.trail
    assert quote_for(bbc, 0, 9).location == "headline"
    yp = next(a for a in ARTICLES if a.id == "yp-2021")
    assert quote_for(yp, len(yp.headline) + 2, len(yp.headline) + 20).location == "standfirst"
    undated = dataclasses.replace(bbc, published=None)
    assert quote_for(undated, 0, 9).published == "date unknown"
    # A mention's own paragraph number is used when given.
    assert quote_for(bbc, start, start + 5, paragraph=7).location == "paragraph 7"
    with pytest.raises(ValueError):
        quote_for(bbc, 0, len(text) + 1)


def test_paragraph_numbering_matches_body_paragraphs():
    article = next(a for a in ARTICLES if a.id == "ind-2014")
    spans = paragraph_spans(article)
    assert [n for _, _, n in spans] == [0, 0, 1, 2, 3]
    text = article.analysed_text
    assert text[spans[3][0]:].startswith("He said that some of the media")


def _one_article(body, mentions_at, *, headline="A headline", published=None):
    article = Article(id="a1", outlet="Outlet", published=published, headline=headline,
                      standfirst="", text=body)
    text = article.analysed_text
    from framing.types import Corpus, Features

    sentences = tuple(SentenceScore("a1", i, s, e, -0.1)
                      for i, (s, e) in enumerate(sentence_spans(text)))
    mentions = []
    for term in mentions_at:
        start = text.index(term)
        mentions.append(Mention("lex", "cat", term, Span("a1", start, start + len(term)), term,
                                "own", 1, 0, "first paragraph"))
    return Features(Corpus((article,)), (), (), sentences, tuple(mentions), (), (), (), {})


def test_long_sentence_is_cut_at_word_boundaries_around_the_mention():
    words = [f"word{i}" for i in range(120)]
    words[60] = "Pakistani"
    body = " ".join(words) + "."
    features = _one_article(body, ["Pakistani"])
    quote = select(features).mentions[("lex", "Outlet")][0]
    text = features.corpus.articles[0].analysed_text
    assert_clean_cut(text, quote)
    assert "Pakistani" in quote.text
    assert len(quote.text.split()) == MAX_WORDS
    assert quote.lead and quote.trail
    assert quote.text.startswith("word") and not quote.text.startswith("ord")


def test_mention_near_the_end_of_a_long_sentence_keeps_the_budget_before_it():
    words = [f"w{i}" for i in range(80)] + ["Asian", "men."]
    features = _one_article(" ".join(words), ["Asian"])
    quote = select(features).mentions[("lex", "Outlet")][0]
    assert quote.text.endswith("Asian men.")
    assert quote.lead and not quote.trail
    assert len(quote.text.split()) == MAX_WORDS


def test_short_sentence_is_joined_with_the_next_within_its_paragraph():
    body = ("Police named the gangs. The inquiry said the failures were blatant and lasted "
            "years.\n\nA new paragraph follows here.")
    features = _one_article(body, ["gangs"])
    quote = select(features).mentions[("lex", "Outlet")][0]
    assert quote.text == ("Police named the gangs. The inquiry said the failures were blatant "
                          "and lasted years.")
    lone = _one_article("Police named the gangs.\n\nA new paragraph follows here.", ["gangs"])
    assert select(lone).mentions[("lex", "Outlet")][0].text == "Police named the gangs."


def test_sentence_falls_back_to_framing_text_when_features_have_none():
    features = _one_article("Mr Smith spoke. He named Asian men in the report today and more.",
                            ["Asian"])
    features = dataclasses.replace(features, sentences=())
    quote = select(features).mentions[("lex", "Outlet")][0]
    assert "Asian men" in quote.text
    assert_clean_cut(features.corpus.articles[0].analysed_text, quote)


def test_empty_features_give_empty_evidence():
    features = _one_article("Nothing to see.", [])
    features = dataclasses.replace(features, sentences=())
    evidence = select(features)
    assert evidence == Evidence()
    assert evidence.all_quotes() == ()


_word = st.text(alphabet="abcdefghijkl’'-é", min_size=1, max_size=9)
_gap = st.sampled_from([" ", " ", " ", "  ", "\n", ". ", ", ", "\n\n", " “", "” "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_word, _gap), min_size=1, max_size=140), st.data())
def test_any_text_gives_exact_slices_that_hold_the_mention(pieces, data):
    body = "".join(w + g for w, g in pieces).strip() or "x"
    article = Article(id="p", outlet="O", published=PublishedDate(dt.date(2020, 1, 1)),
                      headline="H", standfirst="", text=body)
    text = article.analysed_text
    tokens = [m.span() for m in re.finditer(r"\w+", text)]
    start, end = data.draw(st.sampled_from(tokens))
    from framing.types import Corpus, Features

    sentences = tuple(SentenceScore("p", i, s, e, 0.0)
                      for i, (s, e) in enumerate(sentence_spans(text)))
    mention = Mention("lex", "c", text[start:end], Span("p", start, end), text[start:end],
                      "own", 1, 0, "later")
    max_words = data.draw(st.integers(min_value=3, max_value=60))
    features = Features(Corpus((article,)), (), (), sentences, (mention,), (), (), (), {})
    quote = select(features, max_words=max_words).mentions[("lex", "O")][0]
    assert_clean_cut(text, quote)
    assert quote.start <= start and end <= quote.end
    limit = max_words + int(max_words * SLACK_SHARE)
    assert len(quote.text.split()) <= max(limit, len(text[start:end].split()))


def test_sentence_a_little_over_the_limit_is_kept_whole():
    words = [f"w{i}" for i in range(55)] + ["Asian", "men."]
    features = _one_article(" ".join(words), ["Asian"])
    quote = select(features).mentions[("lex", "Outlet")][0]
    assert quote.text == " ".join(words) and not quote.lead and not quote.trail


def test_term_passages_are_not_repeated_for_tied_terms(features):
    # "active" and "active cases" would both quote the same sentence: the second is skipped.
    from framing.types import TermScore

    article = next(a for a in features.corpus.articles if a.outlet == "The Yorkshire Post")
    terms = tuple(TermScore("The Yorkshire Post", term, 0.1, 1.0, 3.1, 1, 0, 1, 1)
                  for term in ("active", "active men", "night", "quiet"))
    text = ("Witnesses said that older active men were seen in the town centre that week. "
            "It was late at night and the streets of the town were almost empty then. "
            "Quiet places were used, the councillors said in the report they published.")
    article = dataclasses.replace(article, text=text, standfirst="")
    changed = dataclasses.replace(
        features, corpus=dataclasses.replace(features.corpus, articles=(article,)),
        terms=terms, mentions=(), sentences=())
    chosen = select(changed).terms
    assert sorted(term for _, term in chosen) == ["active", "night", "quiet"]
    assert len({(q.article_id, q.start) for q in chosen.values()}) == 3


def test_term_rank_orders_by_z_then_count_then_term():
    from framing.types import TermScore

    scores = [TermScore("o", t, 0.1, z, 1.0, count, 0, 1, 1)
              for t, z, count in [("b", 1.0, 1), ("a", 1.0, 1), ("c", 1.0, 3), ("d", 2.0, 1)]]
    assert [s.term for s in sorted(scores, key=term_rank)] == ["d", "c", "a", "b"]


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_the_extremes_are_heapq_nsmallest_s_with_ties_by_article_and_offset(sign):
    import heapq

    from framing.evidence import _OutletSentences

    rng = random.Random(7)
    group, everything = _OutletSentences(), []
    for k in range(60):
        article_id = f"a{rng.randrange(30):02d}-{k}"
        rows = tuple((10 * i, 10 * i + 5, rng.choice([-0.5, -0.25, 0.0, 0.25, 0.5, 0.7351]))
                     for i in range(rng.randrange(0, 12)))
        group.add(article_id, ScoredSentences.of(rows))
        everything += [SentenceScore(article_id, i, s, e, c) for i, (s, e, c) in enumerate(rows)]
    assert group.size == len(everything)
    for wanted in (1, 3, 8, 64, len(everything), 10 * len(everything)):
        expected = heapq.nsmallest(wanted, everything,
                                   key=lambda s: (sign * s.compound, s.article_id, s.start))
        assert group.smallest(wanted, sign=sign) == expected


def test_speaker_quotes_are_the_quotations_own_words_cut_to_thirty(bundled):
    from framing.evidence import SPEAKER_WORDS, select
    from framing.features.sources import outlet_speakers

    corpus, features = bundled
    texts = {a.id: a.analysed_text for a in corpus.articles}
    evidence = select(features)
    speakers = outlet_speakers(features)
    assert set(evidence.speakers) == {(o, s.speaker) for o, rows in speakers.items()
                                      for s in rows[:3]}
    for (outlet, speaker), quote in evidence.speakers.items():
        assert quote.outlet == outlet and quote.note.startswith(f"{speaker} (")
        assert texts[quote.article_id][quote.start:quote.end] == quote.text
        assert len(quote.text.split()) <= SPEAKER_WORDS * 1.2
        quoted = next(s for s in speakers[outlet] if s.speaker == speaker).quoted
        # inside one of the speaker's quotations, from its start
        assert any(q.span.article_id == quote.article_id and q.span.start == quote.start
                   and quote.end <= q.span.end for q in quoted)
    nspcc = evidence.speakers[("BBC News", "NSPCC")]
    assert nspcc.text == "systematic failure"  # its quotations are all short
    assert set(evidence.all_quotes()) >= set(evidence.speakers.values())


def test_a_long_quotation_is_cut_after_its_first_thirty_words():
    from framing.evidence import SPEAKER_WORDS, select
    from framing.features.compute import compute
    from framing.features.roles import load_roles
    from framing.lexicons import load_lexicons
    from framing.types import Corpus

    words = " ".join(f"word{k}" for k in range(60))
    body = f"Ann Smith said: “Short.”\n\nAnn Smith added: “{words}.”"
    item = Article("a1", "Outlet", None, "Headline", "", body)
    features = compute(Corpus((item,)), lexicons=load_lexicons(), roles=load_roles(), workers=1)
    quote = select(features).speakers[("Outlet", "Ann Smith")]
    assert quote.text == " ".join(f"word{k}" for k in range(SPEAKER_WORDS))  # not "Short."
    assert quote.trail and not quote.lead
    assert item.analysed_text[quote.start:quote.end] == quote.text
