import datetime as dt

import pytest

from framing.errors import FramingError
from framing.selection import select_articles
from framing.types import Article, Corpus, PublishedDate


def article(id, outlet, date=None, precision="day", **meta):
    published = PublishedDate(dt.date.fromisoformat(date), precision) if date else None
    return Article(
        id=id,
        outlet=outlet,
        published=published,
        headline=id,
        standfirst="",
        text="text",
        meta=meta,
    )


CORPUS = Corpus(
    articles=(
        article("a", "BBC News", "2014-08-01", "month", topic="immigration"),
        article("b", "The Independent", "2014-10-16", topic="crime"),
        article("c", "Breitbart", "2015-08-27", topic="Immigration"),
        article("d", "Breitbart", None, topic="crime"),
    ),
    source="test",
)


def ids(corpus):
    return [a.id for a in corpus.articles]


def test_outlet_filter_is_case_insensitive():
    assert ids(select_articles(CORPUS, outlets=("breitbart",))) == ["c", "d"]


def test_unknown_outlet_lists_the_known_ones():
    with pytest.raises(FramingError, match="Fox.*BBC News"):
        select_articles(CORPUS, outlets=("Fox",))


def test_month_precision_overlaps_a_day_range():
    # "2014-08" covers the whole month, so a range starting mid-August keeps it.
    selected = select_articles(CORPUS, since="2014-08-15", until="2014-12-31")
    assert ids(selected) == ["a", "b"]
    assert any("without a date" in w for w in selected.warnings)


def test_where_matches_metadata_case_insensitively_and_ors_repeats():
    assert ids(select_articles(CORPUS, where=("topic=immigration",))) == ["a", "c"]
    assert ids(select_articles(CORPUS, where=("topic=crime", "outlet=Breitbart"))) == ["d"]
    both = select_articles(CORPUS, where=("outlet=BBC News", "outlet=Breitbart"))
    assert ids(both) == ["a", "c", "d"]


def test_where_unknown_field_and_bad_syntax():
    with pytest.raises(FramingError, match="no such field.*topic"):
        select_articles(CORPUS, where=("bias=left",))
    with pytest.raises(FramingError, match="FIELD=VALUE"):
        select_articles(CORPUS, where=("topic",))


def test_nothing_left_is_an_error():
    with pytest.raises(FramingError, match="no article matches"):
        select_articles(CORPUS, since="2020-01-01")


def test_bad_date_bound():
    with pytest.raises(FramingError, match="--since 'soon'"):
        select_articles(CORPUS, since="soon")
