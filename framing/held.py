"""Articles whose text is held elsewhere: on the workers of a Dask cluster that read the
corpus's shards themselves (framing.cluster), so that this process never holds every text.

A HeldArticle is an Article in every respect but one: its id, outlet, date, headline,
author, url, metadata, sections and content digest are here, while its standfirst and body
are fetched, by id, from where they are held the first time either is read (and then kept).
Excerpts the features already need (the words of each mention) come with its results.

Code that reads the texts of many articles asks for them in batches: `fetch_texts` before a
loop over a few articles, `excerpts` for the words at given offsets of many, `matching` and
`any_matching` to search many (the search runs where the texts are). With ordinary articles
they are the plain loops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from framing.types import Article, PublishedDate, Section

FIRST_BATCH = 16  # articles searched at once by `matching`, doubling up to LAST_BATCH
LAST_BATCH = 4096


class TextSource(Protocol):
    """Where held articles' texts are (framing.cluster.Cluster)."""

    def texts(self, articles: Sequence[HeldArticle]) -> list[tuple[str, str]]:
        """(standfirst, body) of each article."""

    def matching(self, articles: Sequence[HeldArticle], pattern: re.Pattern[str]) -> list[bool]:
        """Whether `pattern` is found in each article's analysed text."""

    def excerpts(self, articles: Sequence[HeldArticle], spans: Sequence[Sequence[tuple[int, int]]]
                 ) -> list[list[str]]:
        """The words at `spans` of each article's analysed text, in order."""


class HeldArticle(Article):
    """An Article whose standfirst and body are fetched from a TextSource when first read.

    Made by `held_article`, never by the dataclass's __init__ (which would want the texts).
    Equal to another when their fields and content digests are."""

    def __getattr__(self, name: str):
        # Only called for what the instance lacks: the texts, until they are fetched.
        if name in ("standfirst", "text"):
            fetch_texts([self])
            return self.__dict__[name]
        raise AttributeError(name)

    def excerpt(self, start: int, end: int) -> str:
        excerpts = self.__dict__.get("_excerpts")
        if excerpts and (start, end) in excerpts:
            return excerpts[(start, end)]
        return super().excerpt(start, end)

    def _key(self) -> tuple:
        return (self.id, self.outlet, self.published, self.headline, self.author, self.url,
                dict(self.meta), self.source, self.content_digest)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HeldArticle):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.id, self.content_digest))

    def __repr__(self) -> str:
        return f"HeldArticle(id={self.id!r}, outlet={self.outlet!r}, text held elsewhere)"


def held_article(*, id: str, outlet: str, published: PublishedDate | None, headline: str,
                 author: str, url: str, meta: Mapping[str, str], source: str,
                 sections: tuple[Section, ...], content_digest: str, held_by: TextSource,
                 where: object) -> HeldArticle:
    """A HeldArticle: `sections` and `content_digest` as the Article with its texts has
    them; `held_by` fetches its texts, given `where` (its place there)."""
    article = object.__new__(HeldArticle)
    article.__dict__.update(id=id, outlet=outlet, published=published, headline=headline,
                            author=author, url=url, meta=meta, source=source, sections=sections,
                            content_digest=content_digest, _held_by=held_by, _where=where)
    return article


def add_excerpts(article: Article, excerpts: Mapping[tuple[int, int], str]) -> None:
    """Keep, with a held article, the words at these (start, end) offsets of its text."""
    if isinstance(article, HeldArticle) and excerpts:
        article.__dict__.setdefault("_excerpts", {}).update(excerpts)


def is_held(article: Article) -> bool:
    """Whether the article's texts are elsewhere, not fetched yet."""
    return isinstance(article, HeldArticle) and "text" not in article.__dict__


def fetch_texts(articles: Iterable[Article]) -> None:
    """Fetch the texts of the held articles among `articles` not fetched yet: one request
    per source for them all."""
    wanted: dict[int, tuple[TextSource, dict[int, HeldArticle]]] = {}
    for article in articles:
        if is_held(article):
            source = article.__dict__["_held_by"]
            wanted.setdefault(id(source), (source, {}))[1][id(article)] = article
    for source, batch in wanted.values():
        group = list(batch.values())
        for article, (standfirst, text) in zip(group, source.texts(group), strict=True):
            article.__dict__.update(standfirst=standfirst, text=text)


def excerpts(articles: Sequence[Article], spans: Sequence[Sequence[tuple[int, int]]]
             ) -> list[list[str]]:
    """The words at each of `spans` of each article's analysed text, in order: those of held
    articles fetched in one request per source (and not kept), the others sliced here."""
    found = [[article.excerpt(start, end) for start, end in article_spans]
             if not is_held(article) else None
             for article, article_spans in zip(articles, spans, strict=True)]
    by_source: dict[int, list[int]] = {}
    for k, article in enumerate(articles):
        if found[k] is None:
            by_source.setdefault(id(article.__dict__["_held_by"]), []).append(k)
    for group in by_source.values():
        source = articles[group[0]].__dict__["_held_by"]
        fetched = source.excerpts([articles[k] for k in group], [spans[k] for k in group])
        for k, words in zip(group, fetched, strict=True):
            found[k] = words
    return found


def matching(articles: Iterable[Article], pattern: re.Pattern[str]) -> Iterator[Article]:
    """The articles, in order, less the held ones whose analysed text `pattern` is not found
    in (searched where they are held, in batches). The caller searches the texts as before:
    with ordinary articles this is `articles` itself."""
    batch: list[Article] = []
    size = FIRST_BATCH
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield from _matching_batch(batch, pattern)
            batch, size = [], min(size * 2, LAST_BATCH)
    yield from _matching_batch(batch, pattern)


def _matching_batch(batch: list[Article], pattern: re.Pattern[str]) -> list[Article]:
    held = [article for article in batch if is_held(article)]
    if not held:
        return batch
    found: set[int] = set()
    by_source: dict[int, list[HeldArticle]] = {}
    for article in held:
        by_source.setdefault(id(article.__dict__["_held_by"]), []).append(article)
    for group in by_source.values():
        flags = group[0].__dict__["_held_by"].matching(group, pattern)
        found.update(id(article) for article, flag in zip(group, flags, strict=True) if flag)
    # The texts of those found are fetched as they are read: a caller often needs one.
    return [article for article in batch if not is_held(article) or id(article) in found]


def any_matching(articles: Iterable[Article], pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` is found in the analysed text of any of the articles (the held ones
    searched where they are, all in one request per source)."""
    held: dict[int, list[HeldArticle]] = {}
    for article in articles:
        if is_held(article):
            held.setdefault(id(article.__dict__["_held_by"]), []).append(article)
        elif pattern.search(article.analysed_text) is not None:
            return True
    return any(any(group[0].__dict__["_held_by"].matching(group, pattern))
               for group in held.values())
