"""framing.held: articles whose texts are fetched from elsewhere, by id, when first read."""

from __future__ import annotations

import re

from framing.held import any_matching, excerpts, fetch_texts, held_article, is_held, matching
from framing.types import Article

ARTICLES = [Article(id=f"a{k}", outlet="Outlet", published=None, headline=f"Headline {k}",
                    standfirst="A standfirst." if k % 2 else "",
                    text=f"Body {k} about the council." + (" Grooming gangs." if k == 7 else ""))
            for k in range(20)]


class Source:
    """A TextSource over ARTICLES that counts what it is asked."""

    def __init__(self) -> None:
        self.fetched: list[list[str]] = []
        self.searched: list[list[str]] = []

    def texts(self, articles):
        self.fetched.append([a.id for a in articles])
        return [(ARTICLES[a.__dict__["_where"]].standfirst, ARTICLES[a.__dict__["_where"]].text)
                for a in articles]

    def excerpts(self, articles, spans):
        self.fetched.append([a.id for a in articles])
        return [[ARTICLES[a.__dict__["_where"]].excerpt(*span) for span in wanted]
                for a, wanted in zip(articles, spans, strict=True)]

    def matching(self, articles, pattern):
        self.searched.append([a.id for a in articles])
        return [pattern.search(ARTICLES[a.__dict__["_where"]].analysed_text) is not None
                for a in articles]


def held(source: Source) -> list:
    return [held_article(id=a.id, outlet=a.outlet, published=a.published, headline=a.headline,
                         author=a.author, url=a.url, meta=a.meta, source=a.source,
                         sections=a.sections, content_digest=a.content_digest,
                         held_by=source, where=k)
            for k, a in enumerate(ARTICLES)]


def test_a_held_article_reads_as_the_article_and_fetches_its_text_once():
    source = Source()
    articles = held(source)
    first = articles[1]
    assert first.headline == "Headline 1" and first.sections == ARTICLES[1].sections
    assert first.content_digest == ARTICLES[1].content_digest
    assert source.fetched == [] and is_held(first)
    assert first.analysed_text == ARTICLES[1].analysed_text
    assert first.text == ARTICLES[1].text and first.standfirst == "A standfirst."
    assert source.fetched == [["a1"]] and not is_held(first)
    assert first.excerpt(0, 8) == "Headline"


def test_excerpts_that_came_with_the_results_need_no_text():
    from framing.held import add_excerpts

    source = Source()
    article = held(source)[3]
    add_excerpts(article, {(5, 9): "wxyz"})
    assert article.excerpt(5, 9) == "wxyz"
    assert source.fetched == []
    assert article.excerpt(0, 8) == "Headline"  # the headline is here
    assert source.fetched == []
    body = article.sections[-1].start
    assert article.excerpt(body, body + 4) == "Body"  # any other span: the text is fetched
    assert source.fetched == [["a3"]]


def test_fetch_texts_asks_once_for_all_the_held_articles_not_fetched_yet():
    source = Source()
    articles = held(source)
    fetch_texts([articles[2], articles[5], ARTICLES[0], articles[2]])
    fetch_texts(articles[:3])
    assert source.fetched == [["a2", "a5"], ["a0", "a1"]]


def test_matching_searches_held_texts_where_they_are_and_keeps_plain_articles():
    source = Source()
    pattern = re.compile("grooming", re.IGNORECASE)
    found = list(matching(held(source), pattern))
    assert [a.id for a in found] == ["a7"]
    assert sum(len(batch) for batch in source.searched) == 20
    assert source.fetched == []  # texts are fetched as they are read
    assert "Grooming" in found[0].analysed_text and source.fetched == [["a7"]]
    assert list(matching(ARTICLES, pattern)) == ARTICLES  # plain articles: all of them


def test_any_matching_is_one_request_for_the_held_ones():
    source = Source()
    assert any_matching(held(source), re.compile("Grooming"))
    assert not any_matching(held(source), re.compile("nowhere"))
    assert len(source.searched) == 2 and source.fetched == []
    assert any_matching(ARTICLES, re.compile("Grooming"))


def test_held_articles_compare_and_hash_without_their_texts():
    source = Source()
    one, other = held(source), held(source)
    assert one[4] == other[4] and hash(one[4]) == hash(other[4]) and one[4] != one[5]
    assert len({*one, *other}) == 20
    assert "text held elsewhere" in repr(one[4])
    assert source.fetched == []


def test_excerpts_of_many_held_articles_come_in_one_request_and_are_not_kept():
    source = Source()
    articles = held(source)
    mixed = [articles[2], ARTICLES[5], articles[9]]
    spans = [[(0, 8), (12, 16)], [(0, 8)], [(12, 18)]]
    found = excerpts(mixed, spans)
    assert found == [[ARTICLES[2].excerpt(0, 8), ARTICLES[2].excerpt(12, 16)],
                     [ARTICLES[5].excerpt(0, 8)], [ARTICLES[9].excerpt(12, 18)]]
    assert source.fetched == [["a2", "a9"]]  # the plain article is sliced here
    assert is_held(articles[2]) and is_held(articles[9])  # no text kept
    assert excerpts([], []) == []
