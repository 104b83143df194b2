"""The report on the bundled Rotherham corpus, end to end, in both profiles.

The pipeline runs once per profile (module-scoped fixtures; about 10 s each). Every check
goes back to the corpus itself: quotes against the articles' text, citations against their
metadata, and the page furniture listed in ../shared/seeds/SOURCES.md.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest

pypdf = pytest.importorskip("pypdf")

from framing.corpus import load  # noqa: E402
from framing.evidence import select  # noqa: E402
from framing.features.compute import compute  # noqa: E402
from framing.features.roles import load_roles  # noqa: E402
from framing.lexicons import load_lexicons  # noqa: E402
from framing.reporting.build import build  # noqa: E402
from framing.reporting.html import render_html  # noqa: E402
from framing.reporting.pdf import render_pdf_bytes  # noqa: E402
from framing.reporting.structure import QuoteGroup, SideBySide, Table  # noqa: E402

OUTLETS = {"BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}
# Page furniture of the raw pages, as SOURCES.md lists it (and as the seed files spell it).
FURNITURE = (
    "Stay up to date with notifications", "Notifications can be managed",
    "Thank you for registering", "Please refresh", "logged in", "(Getty Images)", "(PA)",
    "Getty", "image caption", "image source", "Related Internet Links",
    "The BBC is not responsible", "Hide Ad", "Read More", "Andrew Gale", "racist tweets",
    "Yorkshire CCC", "Follow Simon Kent", "e-mail to", "skent@breitbart.com", "COMMENTS",
    "issues with commenting", "Christopher Furlong", "CommissionerDr",
    "Children walk down a street", "archive footage", "(pictured)",
)
# The dates as the publishers' pages (SOURCES.md) give them; approximate ones say so.
PUBLISHED = {
    "The Independent": {"2014-10-16", "2022-02-01"},
    "BBC News": {"about 2014-08"},
    "The Yorkshire Post": {"about 2021-11"},
    "Breitbart": {"2015-08-27"},
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_paragraph(article, offset: int) -> int:
    """The 1-based body paragraph (blocks between blank lines) holding `offset`."""
    body_start = len(article.analysed_text) - len(article.text)
    blocks = re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\Z)", article.text, re.DOTALL)
    for number, match in enumerate(blocks, start=1):
        if body_start + match.start() <= offset < body_start + match.end():
            return number
    raise AssertionError(f"{article.id}: offset {offset} is in no body paragraph")


class Quotes(HTMLParser):
    """Each <blockquote class="quote">: its attributes, its text and its citation spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes: list[dict] = []
        self._depth = 0
        self._stack: list[str] = []  # classes of the open elements inside the quote

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "blockquote" and "quote" in classes:
            self.quotes.append({"attributes": attributes, "parts": [], "cite": {}})
            self._depth = 1
            self._stack = []
            return
        if self._depth:
            self._depth += 1
            self._stack.append(" ".join(classes))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._stack:
                self._stack.pop()

    def handle_data(self, data):
        if not self._depth or not self._stack:
            return
        quote = self.quotes[-1]
        inside = self._stack
        if "quote-text" in inside:
            kind = "ellipsis" if "ellipsis" in inside[-1] else "text"
            quote["parts"].append((kind, data))
        else:
            for name in ("cite-outlet", "cite-date", "cite-headline", "cite-location"):
                if name in inside[-1]:
                    quote["cite"][name] = quote["cite"].get(name, "") + data


def html_quotes(document: str) -> list[dict]:
    parser = Quotes()
    parser.feed(document)
    parser.close()
    return parser.quotes


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def articles(corpus):
    return {a.id: a for a in corpus.articles}


@pytest.fixture(scope="module")
def features(corpus):
    return compute(corpus, lexicons=load_lexicons(), roles=load_roles())


@pytest.fixture(scope="module")
def evidence(features):
    return select(features)


def _render(features, evidence, profile):
    report = build(features, evidence, profile=profile, generated=dt.date(2026, 1, 1),
                   command=f"framing report --profile {profile}")
    data = render_pdf_bytes(report)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return report, render_html(report), reader


@pytest.fixture(scope="module")
def analyst(features, evidence):
    return _render(features, evidence, "analyst")


@pytest.fixture(scope="module")
def handout(features, evidence):
    return _render(features, evidence, "handout")


@pytest.fixture(scope="module", params=["analyst", "handout"])
def rendered(request):
    return request.getfixturevalue(request.param)


def pdf_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_bundled_corpus_is_what_sources_md_describes(corpus):
    assert len(corpus.articles) == 5
    assert set(corpus.outlets) == OUTLETS


def test_every_quote_is_verbatim(rendered, articles):
    report, _html, _reader = rendered
    assert len(report.quotes) >= 8
    for quote in report.quotes:
        text = articles[quote.article_id].analysed_text
        assert text[quote.start:quote.end] == quote.text, quote
        assert quote.text == quote.text.strip() and quote.text


def test_every_quote_cites_outlet_date_headline_and_paragraph(rendered, articles):
    report, _html, _reader = rendered
    for quote in report.quotes:
        article = articles[quote.article_id]
        assert quote.outlet == article.outlet
        assert quote.headline == article.headline
        assert quote.published in PUBLISHED[article.outlet]
        headline_end = len(article.headline)
        standfirst_end = headline_end + 2 + len(article.standfirst) if article.standfirst else 0
        if quote.start < headline_end:
            assert quote.location == "headline"
        elif article.standfirst and quote.start < standfirst_end:
            assert quote.location == "standfirst"
        else:
            assert quote.location == f"paragraph {body_paragraph(article, quote.start)}", quote


def test_the_pdf_holds_every_quote_and_every_outlet(rendered):
    report, _html, reader = rendered
    text = squash(pdf_text(reader))
    for quote in report.quotes:
        assert squash(quote.text) in text, quote.text  # no automatic hyphens in quotes
    for outlet in OUTLETS:
        assert squash(outlet) in text, outlet


def test_html_quotes_carry_their_offsets_and_the_corpus_text(rendered, articles):
    report, html, _reader = rendered
    found = html_quotes(html)
    assert len(found) >= len(report.quotes) > 0  # a passage may be shown in two sections
    flags = {(q.article_id, q.start, q.end): (q.lead, q.trail) for q in report.quotes}
    seen = set()
    for quote in found:
        attributes = quote["attributes"]
        article = articles[attributes["data-article"]]
        start, end = int(attributes["data-start"]), int(attributes["data-end"])
        seen.add((article.id, start, end))
        expected = article.analysed_text[start:end]
        parts = [(kind, data) for kind, data in quote["parts"] if data.strip()]
        # Ellipses only before or after the passage, never inside it, and only when cut.
        layout = re.sub("t+", "t", "".join("e" if kind == "ellipsis" else "t" for kind, _ in parts))
        lead, trail = flags[(article.id, start, end)]
        assert layout == ("e" if lead else "") + "t" + ("e" if trail else ""), parts
        assert all(data.strip() == "…" for kind, data in parts if kind == "ellipsis")
        shown = "".join(data for kind, data in parts if kind == "text")
        assert " ".join(shown.split()) == " ".join(expected.split())
        cite = quote["cite"]
        assert cite["cite-outlet"] == article.outlet
        assert cite["cite-date"] in PUBLISHED[article.outlet]
        assert cite["cite-headline"] == f"“{article.headline}”"
        assert re.fullmatch(r"headline|standfirst|paragraph \d+", cite["cite-location"])
    assert seen == {(q.article_id, q.start, q.end) for q in report.quotes}


def broken_words(text: str, words) -> list[str]:
    """Words of `words` that `text` shows split across two lines with no hyphen."""
    return [f"{word[:k]}|{word[k:]}" for word in words for k in range(1, len(word))
            if f"{word[:k]}\n{word[k:]}" in text]


def test_no_outlet_name_or_date_is_split_mid_word(rendered, corpus):
    # Tables once gave "Independe|nt" and "2015-08-2|7" when their columns did not fit.
    _report, _html, reader = rendered
    words = {word for outlet in OUTLETS for word in outlet.split() if len(word) > 3}
    words |= {a.published.date.isoformat()[:len(a.published.iso())] for a in corpus.articles}
    assert {"Independent", "Yorkshire", "2014-10-16", "2014-08"} <= words
    assert broken_words(pdf_text(reader), words) == []


def test_the_split_word_check_can_fail():
    from framing.reporting.pdf import layout_html

    document = layout_html('<table style="width: 14mm; table-layout: fixed">'
                           '<tr><td style="overflow-wrap: anywhere">The Independent 2015-08-27'
                           "</td></tr></table>")
    data = document.write_pdf()
    text = pdf_text(pypdf.PdfReader(io.BytesIO(data)))
    assert broken_words(text, {"Independent", "2015-08-27"})


def test_the_handout_is_at_most_ten_pages(handout):
    _report, _html, reader = handout
    assert 4 <= len(reader.pages) <= 10


def test_the_analyst_pdf_has_metadata(analyst):
    report, _html, reader = analyst
    metadata = reader.metadata
    assert metadata.title == report.title == "Rotherham: how 4 outlets framed the story"
    assert metadata.author == "framing"
    assert metadata.subject == "How 4 outlets framed the story: 5 articles"
    keywords = metadata["/Keywords"]
    assert keywords == ", ".join(report.keywords)
    for word in ("ethnicity", "BBC News", "The Yorkshire Post"):
        assert word in keywords


def test_ethnicity_quotes_come_from_at_least_four_outlets(analyst, handout, articles):
    report, _html, _reader = analyst
    section = next(s for s in report.sections if s.id == "frame-ethnicity")
    quotes = [q for b in section.blocks if isinstance(b, QuoteGroup) for q in b.quotes]
    assert len({articles[q.article_id].outlet for q in quotes}) >= 4
    for quote in quotes:
        term = re.fullmatch(r'term "(.+)"', quote.note).group(1)
        assert term in quote.text
    handout_report = handout[0]
    pair = next(b for s in handout_report.sections for b in s.blocks
                if isinstance(b, SideBySide) and b.title.startswith("Ethnicity"))
    assert {c.title for c in pair.columns} == OUTLETS


def test_no_quote_or_audit_passage_holds_page_furniture(analyst, handout):
    passages = [q.text for q in analyst[0].quotes + handout[0].quotes]
    audit = next(s for s in analyst[0].sections if s.id == "audit")
    table = next(b for b in audit.blocks if isinstance(b, Table))
    passages += [row[5] for row in table.rows]
    assert len(table.rows) > 50
    for passage in passages:
        for furniture in FURNITURE:
            assert furniture not in passage, (furniture, passage)


def test_the_furniture_check_would_see_furniture(corpus):
    """Control: the raw seed pages do hold the furniture the check looks for."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("no ../shared/seeds")
    raw = "\n".join(path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt")))
    assert all(furniture in raw for furniture in FURNITURE)
    analysed = "\n".join(a.analysed_text for a in corpus.articles)
    assert not [furniture for furniture in FURNITURE if furniture in analysed]
