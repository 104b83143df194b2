"""Choosing which articles of a corpus a report covers: outlets, date range, metadata."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace

from framing.errors import FramingError
from framing.types import Article, Corpus, PublishedDate

ARTICLE_FIELDS = ("outlet", "author", "url", "headline", "id")


def _period(published: PublishedDate) -> tuple[dt.date, dt.date]:
    """The first and last day a date of its precision can mean."""
    d = published.date
    if published.precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if published.precision == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, last)
    return d, d


def _bound(value: str, option: str) -> PublishedDate:
    from framing.corpus.dates import parse_date

    parsed, _warning = parse_date(value)
    if parsed is None:
        raise FramingError(
            f"{option} {value!r}: not a date; write it as 2014-10-16, 2014-10 or 2014"
        )
    return parsed


def _field_value(article: Article, field: str) -> str | None:
    if field in ARTICLE_FIELDS:
        return str(getattr(article, field))
    return article.meta.get(field)


def select_articles(
    corpus: Corpus,
    *,
    outlets: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
    where: tuple[str, ...] = (),
) -> Corpus:
    """Keep the articles that match every filter.

    A date of month or year precision is kept when its period overlaps the range; articles
    with no date are left out as soon as a date bound is given (and said so in the warnings).
    `where` items are FIELD=VALUE, matched case-insensitively against an article field
    (outlet, author, url, headline, id) or a metadata column; the same field given twice
    means either value.
    """
    articles = corpus.articles
    warnings = list(corpus.warnings)

    if outlets:
        known = {a.outlet.casefold(): a.outlet for a in articles}
        missing = [o for o in outlets if o.casefold() not in known]
        if missing:
            raise FramingError(
                f"--outlet {', '.join(missing)}: no such outlet in the corpus; "
                f"it has: {_preview(sorted(set(known.values())))}"
            )
        wanted = {o.casefold() for o in outlets}
        articles = tuple(a for a in articles if a.outlet.casefold() in wanted)

    if since or until:
        low = _period(_bound(since, "--since"))[0] if since else dt.date.min
        high = _period(_bound(until, "--until"))[1] if until else dt.date.max
        undated = sum(1 for a in articles if a.published is None)
        articles = tuple(
            a
            for a in articles
            if a.published is not None
            and _period(a.published)[1] >= low
            and _period(a.published)[0] <= high
        )
        if undated:
            warnings.append(f"{undated} article(s) without a date left out by --since/--until")

    if where:
        wanted_values: dict[str, set[str]] = {}
        for item in where:
            field, sep, value = item.partition("=")
            if not sep or not field.strip():
                raise FramingError(
                    f'--where "{item}": write it as FIELD=VALUE, e.g. topic=immigration'
                )
            wanted_values.setdefault(field.strip(), set()).add(value.strip().casefold())
        available = set(ARTICLE_FIELDS)
        for article in corpus.articles:
            available.update(article.meta)
        unknown = sorted(f for f in wanted_values if f not in available)
        if unknown:
            raise FramingError(
                f"--where {', '.join(unknown)}: no such field; the articles have: "
                f"{_preview(sorted(available))}"
            )
        articles = tuple(
            a
            for a in articles
            if all(
                (_field_value(a, field) or "").casefold() in values
                for field, values in wanted_values.items()
            )
        )

    if not articles:
        raise FramingError(
            f"{corpus.source or 'the corpus'}: no article matches the filters "
            "(--outlet / --since / --until / --where); loosen them"
        )
    return replace(corpus, articles=articles, warnings=tuple(warnings))


def _preview(names: list[str], limit: int = 12) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
