"""Saved web pages (.html, .htm, also gzipped): the article's main text through trafilatura.

Offline only: nothing is fetched. The page title becomes the headline, the page's
publication date the date, and the site name the outlet; a well-known domain (from the page's
canonical URL) names the outlet first, so pages agree with other sources on outlet names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from framing.corpus.dates import parse_date
from framing.corpus.encoding import encoding_warning, read_text
from framing.corpus.folder import DATE_PROBLEM, UNKNOWN_OUTLET
from framing.corpus.outlets import KNOWN_OUTLETS, outlet_from_url, registered_domain
from framing.errors import CorpusError, located
from framing.types import Article

PAGE_SUFFIXES = (".html", ".htm")

# Chosen on ../shared/data/html (benchmarks/html_extraction.py): see that script's docstring.
EXTRACTION: Mapping[str, object] = MappingProxyType({
    "include_comments": False,
    "favor_precision": True,
})

_LINE_BREAKS = re.compile(r"\n+")
MIN_ARTICLE_WORDS = 10  # fewer words than this after the headline: no article on the page


@dataclass(frozen=True)
class Page:
    """What trafilatura found on a page."""

    text: str
    title: str = ""
    date: str = ""
    sitename: str = ""
    url: str = ""
    author: str = ""
    description: str = ""


def extract_page(
    html: str, *, url: str = "", settings: Mapping[str, object] = EXTRACTION
) -> Page | None:
    """Main text and metadata of an HTML page; None when no article text is found.

    Paragraphs of the text are separated by blank lines, as in the canonical format.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        # Dates from the page's metadata and markup only: an extensive search takes any
        # year in the text ("between 1997 and 2013") for the publication date.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "outputformat": "%Y-%m-%d",
            "max_date": dt.date.today().isoformat(),
        },
        **settings,
    )
    if document is None:
        return None
    data = document if isinstance(document, dict) else document.as_dict()
    title = " ".join((data.get("title") or "").split())
    paragraphs = [p.strip() for p in _LINE_BREAKS.split((data.get("text") or "").strip())]
    # trafilatura keeps the page's <h1> as the first paragraph: it is the headline already.
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    text = "\n\n".join(p for p in paragraphs if p)
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a heading, a section front, a 404 page
        return None
    return Page(
        text=text,
        title=title,
        date=_as_precise_as_the_page(data.get("date") or "", html),
        sitename=" ".join((data.get("sitename") or "").split()),
        url=data.get("url") or "",
        author=" ".join((data.get("author") or "").split()),
        description=(data.get("description") or "").strip(),
    )


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _as_precise_as_the_page(date: str, html: str) -> str:
    """`2015-02` for a page that gives only the month, though htmldate gives a day (the 1st,
    or today's day of the month, depending on how it parsed the date)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    if not match:
        return date
    year, month, day = match.groups()
    if re.search(rf"{year}[-/.]{month}[-/.]{day}(?!\d)", html):
        return date  # the whole date, written out
    if re.search(rf"[\"'>\s]{year}-{month}[\"'<\s]", html):
        return f"{year}-{month}"
    return date


def read_pages(path: Path, *, options: object = None) -> tuple[list[Article], list[str]]:
    """read_page in the shape of the other readers: `(articles, warnings)`."""
    article, warnings = read_page(path)
    return ([article] if article is not None else []), warnings


def read_page(path: Path) -> tuple[Article | None, list[str]]:
    """Read one saved page: `(article, warnings)`; None when the page has no article text."""
    html, encoding = read_text(path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    try:
        page = extract_page(html)
    except (ValueError, TypeError) as error:  # lxml on a document that is not HTML
        raise CorpusError(
            located(path, f"cannot be read as a web page ({error}); remove it or save it again")
        ) from None
    if page is None:
        warnings.append(located(path, "no article text found on the page; skipped"))
        return None, warnings
    outlet = _outlet(page)
    if not outlet:
        warnings.append(located(path, "no site name or URL on the page; outlet unknown (set it "
                                "with `framing corpus import` and a metadata file)"))
        outlet = UNKNOWN_OUTLET
    published, problem = parse_date(page.date)
    meta = {"page_description": page.description} if page.description else {}
    if problem:
        warnings.append(located(path, problem))
        meta[DATE_PROBLEM] = problem
    if page.sitename:
        meta["site_name"] = page.sitename
    article = Article(
        id=page_id(path),
        outlet=outlet,
        published=published,
        headline=page.title,
        standfirst="",
        text=page.text,
        author=page.author,
        url=page.url,
        meta=meta,
        source=str(path),
    )
    return article, warnings


def is_page(path: Path) -> bool:
    """True for .html/.htm files, gzipped or not."""
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(PAGE_SUFFIXES)


def page_id(path: Path) -> str:
    """The file name without .html/.htm and .gz."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def _outlet(page: Page) -> str:
    if page.url:
        host_outlet = outlet_from_url(page.url)
        if host_outlet in KNOWN_OUTLETS.values():
            return host_outlet
    if page.sitename and not _looks_like_domain(page.sitename):
        return page.sitename
    return outlet_from_url(page.url) if page.url else ""


def _looks_like_domain(name: str) -> bool:
    return " " not in name and "." in name and registered_domain(name) != ""
