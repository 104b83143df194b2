"""The shared types' derived views."""

from __future__ import annotations

import pytest

from framing.types import (
    Article,
    PackedQuotations,
    Quotation,
    QuotationPacker,
    ScoredSentences,
    SentenceColumns,
    SentenceScore,
    SentenceScores,
    Span,
)

SCORES = SentenceScores(("a", "b", "c"), tuple(map(ScoredSentences.of, (
    ((0, 4, 0.5), (5, 9, -0.25)), (), ((0, 3, 0.0),)))))
AS_OBJECTS = (SentenceScore("a", 0, 0, 4, 0.5), SentenceScore("a", 1, 5, 9, -0.25),
              SentenceScore("c", 0, 0, 3, 0.0))


def test_sentence_scores_read_as_the_sentence_objects():
    assert len(SCORES) == 3
    assert tuple(SCORES) == AS_OBJECTS
    assert [SCORES[k] for k in range(3)] == list(AS_OBJECTS)
    assert SCORES[-1] == AS_OBJECTS[-1] and SCORES[1:] == AS_OBJECTS[1:]
    assert list(SCORES.rows()) == [(s.article_id, s.index, s.start, s.end, s.compound)
                                   for s in AS_OBJECTS]
    with pytest.raises(IndexError):
        SCORES[3]


def test_sentence_scores_equal_what_holds_the_same_sentences():
    scores = SCORES
    assert scores == AS_OBJECTS and scores == SentenceScores(scores.article_ids, scores.scored)
    assert scores != AS_OBJECTS[:2] and scores != SentenceScores(("a",), ((),))
    assert hash(scores) == hash(AS_OBJECTS)
    assert len(SentenceScores((), ())) == 0 and list(SentenceScores((), ())) == []


def test_scored_sentences_are_three_columns():
    import pickle

    rows = ((0, 4, 0.5), (5, 9, -0.25), (10, 2**31 - 1, 0.123456789))  # offsets in 32 bits
    scored = ScoredSentences.of(rows)
    assert len(scored) == 3 and tuple(scored) == rows
    assert (list(scored.starts), list(scored.ends)) == ([0, 5, 10], [4, 9, 2**31 - 1])
    assert list(scored.compounds) == [0.5, -0.25, 0.123456789]  # the same doubles
    assert [column.typecode for column in (scored.starts, scored.ends, scored.compounds)] == [
        "i", "i", "d"]
    assert pickle.loads(pickle.dumps(scored)) == scored
    assert len(ScoredSentences.of(())) == 0
    with pytest.raises(AttributeError):
        scored.starts = scored.ends


def test_sentence_columns_give_back_each_article_s_sentences():
    columns = SentenceColumns()
    for rows in SCORES.scored:
        columns.add(rows)
    assert len(columns) == 3 and list(columns) == list(SCORES.scored)
    assert columns[1] == ScoredSentences.of(()) and columns[-1] == SCORES.scored[2]
    assert columns[0:2] == tuple(SCORES.scored[:2])
    assert list(columns.bounds) == [0, 2, 2, 3] and len(columns.compounds) == 3
    with pytest.raises(IndexError):
        columns[3]
    held = SentenceScores(SCORES.article_ids, columns)
    assert held == AS_OBJECTS and len(held) == 3 and held[2] == AS_OBJECTS[2]
    assert list(held.rows()) == list(SCORES.rows()) and held[-2] == AS_OBJECTS[1]
    assert len(SentenceScores((), SentenceColumns())) == 0


def test_sentence_scores_of_sentence_objects_keep_each_article_s_rows():
    assert SentenceScores.of(AS_OBJECTS) == AS_OBJECTS
    assert [tuple(rows) for rows in SentenceScores.of(AS_OBJECTS).scored] == [
        ((0, 4, 0.5), (5, 9, -0.25)), ((0, 3, 0.0),)]


def test_excerpt_is_the_slice_of_the_analysed_text():
    import dataclasses
    import itertools

    for headline, standfirst, text in itertools.product(("", "Inquiry"), ("", "A report"),
                                                        ("", "Survivors 😀 spoke.\n\nLater.")):
        made = Article(id="a", outlet="O", published=None, headline=headline,
                       standfirst=standfirst, text=text)
        whole = made.analysed_text
        for start in range(len(whole) + 1):
            for end in range(start, len(whole) + 1):
                fresh = dataclasses.replace(made)  # its analysed text not made yet
                assert fresh.excerpt(start, end) == whole[start:end], (start, end)
                within_a_part = any(s.start <= start and end <= s.end for s in fresh.sections)
                assert ("analysed_text" in fresh.__dict__) == (not within_a_part)


def test_analysed_text_utf8_is_the_analysed_text_encoded_without_making_it():
    import itertools

    for headline, standfirst, text in itertools.product(("", "Inquiry"), ("", "A report"),
                                                        ("", "Survivors 😀 spoke.\n\nLater.")):
        made = Article(id="a", outlet="O", published=None, headline=headline,
                       standfirst=standfirst, text=text)
        utf8 = b"".join(made.analysed_text_utf8())
        assert "analysed_text" not in made.__dict__
        assert utf8 == made.analysed_text.encode("utf-8")


QUOTATION_ROWS = {
    "a": ((3, 40, "direct", "Professor Alexis Jay", "experts", "said", 41, 45, 2, 46, 66, 7),
          (70, 71, "scare", "", "", "", None, None, 2, None, None, 1)),
    "b": (),
    "c": ((0, 2_000_000, "according_to", "the council", "officials", "according to", 5, 17,
           0, 18, 29, None),),
}


def test_packed_quotations_read_as_the_quotations_they_pack():
    packer = QuotationPacker()
    for article_id, rows in QUOTATION_ROWS.items():
        packer.add(article_id, rows)
    packed = packer.packed()
    objects = tuple(Quotation(Span(article_id, row[0], row[1]), *row[2:])
                    for article_id, rows in QUOTATION_ROWS.items() for row in rows)
    assert isinstance(packed, PackedQuotations) and len(packed) == 3
    assert tuple(packed) == objects and packed == objects and objects == packed
    assert packed[0] == objects[0] and packed[-1] == objects[-1] and packed[1:] == objects[1:]
    assert packed[1].cue_start is None and packed[2].words is None  # None survives packing
    assert packed.article_ids == ("a", "c")  # an article without quotations takes no room
    assert packed != objects[:2]
    with pytest.raises(IndexError):
        packed[3]
    empty = QuotationPacker().packed()
    assert len(empty) == 0 and list(empty) == [] and empty == ()
