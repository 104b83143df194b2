"""framing.features.sources: quotations counted per outlet and role, speakers, the speaker of
a quoted mention, and frames by voice; on Features written for the tests and on the bundled
corpus."""

from __future__ import annotations

import pytest

from framing.features.roles import load_roles
from framing.features.sources import (
    OWN_VOICE,
    SCARE,
    frames_by_voice,
    is_named,
    mention_speakers,
    outlet_sources,
    outlet_speakers,
    quotation_words,
    role_names,
)
from framing.text import word_count
from framing.types import Article, Corpus, Features, Mention, Quotation, Span

ROLES = load_roles()


def quotation(article_id, start, end, kind="direct", speaker="Ann Smith", role="police"):
    return Quotation(Span(article_id, start, end), kind, speaker, role, "said", None, None, 1)


def features_of(articles, quotations, mentions=(), *, roles=ROLES.lexicon) -> Features:
    words = {}
    for a in articles:
        words[a.outlet] = words.get(a.outlet, 0) + word_count(a.analysed_text)
    return Features(Corpus(tuple(articles)), (), (), (), tuple(mentions), (), (), (), words,
                    quotations=tuple(quotations), roles=roles)


A = Article("a", "Daily", None, "", "", 'Ann Smith said: "We failed the girls." It was "grim".')
B = Article("b", "Daily", None, "", "", '"No comment," a spokesman said. Later: "Yes."')
C = Article("c", "Weekly", None, "", "", "Nothing quoted here at all.")


def test_role_names_follow_the_lexicon_then_other_and_unattributed():
    features = features_of([A], [quotation("a", 17, 36, role="campaigners")])
    names = role_names(features)
    assert names[:7] == ("police", "officials", "politicians", "victims", "advocates", "experts",
                         "legal")
    assert names[-3:] == ("campaigners", "other", "unattributed")  # found, not in the lexicon


def test_outlet_sources_count_direct_quotations_by_role():
    quotations = [quotation("a", 17, 36), quotation("a", 46, 50, "scare", "", ""),
                  quotation("b", 1, 11, speaker="a spokesman", role="other"),
                  quotation("b", 39, 43, speaker="unattributed", role="unattributed")]
    sources = outlet_sources(features_of([A, B, C], quotations))
    daily, weekly = sources["Daily"], sources["Weekly"]
    assert (daily.articles, daily.quotations, daily.articles_with) == (2, 3, 2)
    assert daily.quoted_words == 4 + 2 + 1  # "We failed the girls." "No comment," "Yes."
    assert daily.by_role == {"police": 1, "other": 1, "unattributed": 1}
    # Roles are shares of the attributed quotations; unattributed is a share of all of them.
    assert daily.attributed == 2
    assert daily.share("police") == pytest.approx(1 / 2) and daily.share("legal") == 0
    assert daily.share("unattributed") == pytest.approx(1 / 3)
    assert (weekly.quotations, weekly.quoted_words, weekly.share("police")) == (0, 0, None)
    # Every quotation unattributed: no role has a share, unattributed has all of them.
    only_unattributed = outlet_sources(features_of([B], quotations[3:]))["Daily"]
    assert only_unattributed.share("police") is None
    assert only_unattributed.share("unattributed") == 1.0
    assert quotation_words(features_of([A, B, C], quotations)) == [4, 1, 2, 1]


def test_speakers_are_named_ones_most_quoted_first():
    assert is_named("Ann Smith") and is_named("NSPCC")
    assert not is_named("a spokesman") and not is_named("unattributed") and not is_named("")
    quotations = [quotation("a", 17, 36), quotation("b", 1, 11, speaker="Bob Jones"),
                  quotation("b", 39, 43, speaker="Bob Jones", role="experts"),
                  quotation("b", 1, 5, speaker="a spokesman", role="other")]
    (daily,) = outlet_speakers(features_of([A, B, C], quotations)).values()
    assert [(s.speaker, s.quotations, s.articles) for s in daily] == [
        ("Bob Jones", 2, 1), ("Ann Smith", 1, 1)]  # ties: more quotations first
    assert daily[0].role == "experts"  # ties between roles: by name
    assert daily[0].first.span.start == 1


def test_a_quoted_mention_gets_the_speaker_of_its_quotation():
    quotations = [quotation("a", 17, 36), quotation("a", 46, 50, "scare", "", "")]
    mentions = [Mention("x", "c", "girls", Span("a", 30, 35), "girls", "quoted", 1, 0, "later"),
                Mention("x", "c", "grim", Span("a", 46, 50), "grim", "quoted", 1, 1, "later"),
                Mention("x", "c", "Smith", Span("a", 4, 9), "Smith", "own", 1, 0, "later"),
                Mention("x", "c", "No", Span("b", 1, 3), "No", "quoted", 1, 0, "later")]
    features = features_of([A, B], quotations, mentions)
    holders = mention_speakers(features)
    assert [h.speaker if h else None for h in holders] == ["Ann Smith", "", None, None]
    voices = frames_by_voice(features)
    daily = {row.voice: row for row in voices["Daily"]}
    assert list(daily) == [OWN_VOICE, "police", "unattributed", SCARE]
    assert daily["police"].words == 4 and daily["police"].mentions == {"x": 1}
    assert daily[SCARE].mentions == {"x": 1} and daily["unattributed"].mentions == {"x": 1}
    assert daily[OWN_VOICE].words == features.outlet_words["Daily"] - 4 - 1


def test_packed_quotations_give_the_same_speakers():
    """A cluster's packed quotations (PackedQuotations) hold the same mentions as a tuple."""
    import dataclasses

    from framing.types import QuotationPacker

    quotations = [quotation("a", 17, 36), quotation("a", 46, 50, "scare", "", ""),
                  quotation("b", 0, 14, speaker="a spokesman", role="officials"),
                  quotation("b", 38, 44, "according_to", "Sam Roe", "experts")]
    mentions = [Mention("x", "c", "girls", Span("a", 30, 35), "girls", "quoted", 1, 0, "later"),
                Mention("x", "c", "said", Span("a", 38, 42), "said", "quoted", 1, 0, "later"),
                Mention("x", "c", "grim", Span("a", 46, 50), "grim", "quoted", 1, 1, "later"),
                Mention("x", "c", "No", Span("b", 1, 3), "No", "quoted", 1, 0, "later"),
                Mention("x", "c", "Yes", Span("b", 39, 42), "Yes", "quoted", 2, 1, "later")]
    features = features_of([A, B], quotations, mentions)
    packer = QuotationPacker()
    for article_id in ("a", "b"):
        packer.add(article_id, [(q.span.start, q.span.end, *(
            getattr(q, f.name) for f in dataclasses.fields(q)[1:]))
            for q in quotations if q.span.article_id == article_id])
    packed = dataclasses.replace(features, quotations=packer.packed())
    holders = mention_speakers(features)
    assert [h.speaker if h else None for h in holders] == [
        "Ann Smith", None, "", "a spokesman", None]  # past an end; in a claim: none
    assert mention_speakers(packed) == holders
    assert mention_speakers(packed, mentions[3:]) == holders[3:]


def test_the_bundled_corpus(bundled):
    _corpus, features = bundled
    sources = outlet_sources(features)
    assert sum(s.quotations for s in sources.values()) == sum(
        q.kind == "direct" for q in features.quotations)
    assert all(s.quotations and sum(s.by_role.values()) == s.quotations
               for s in sources.values())
    speakers = outlet_speakers(features)
    assert speakers["The Independent"][0].speaker == "Professor Alexis Jay"  # in 2 articles
    for outlet, rows in frames_by_voice(features).items():
        own = next(row for row in rows if row.voice == OWN_VOICE)
        assert 0 < own.words <= features.outlet_words[outlet]


def test_quotation_words_are_counted_where_found_as_in_their_excerpts(bundled):
    """Each quotation carries its word count from the analysis (no text needed later): the
    count word_count gives its excerpt, as for a quotation made without one."""
    import dataclasses

    from framing.features.sources import quotation_words
    from framing.text import word_count

    _corpus, features = bundled
    articles = {a.id: a for a in features.corpus.articles}
    assert features.quotations and all(q.words is not None for q in features.quotations)
    expected = [word_count(articles[q.span.article_id].excerpt(q.span.start, q.span.end))
                for q in features.quotations]
    assert [q.words for q in features.quotations] == expected
    uncounted = dataclasses.replace(features, quotations=tuple(
        dataclasses.replace(q, words=None) for q in features.quotations))
    assert quotation_words(uncounted) == expected
    assert outlet_sources(uncounted) == outlet_sources(features)
