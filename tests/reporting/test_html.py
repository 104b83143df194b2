import dataclasses
import html as html_lib
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from framing.errors import ReportError
from framing.reporting.html import (
    anchor_for,
    column_widths,
    isolate_bidi,
    render_html,
    shorten,
    write_html,
)
from framing.reporting.structure import Chart, Quote, Section, Series, Table
from tests.reporting.report_sample import (
    ARTICLE_TEXTS,
    HOSTILE_HEADLINE,
    HOSTILE_OUTLET,
    make_report,
)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each quote paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.quote_texts: list[str] = []
        self._in_quote_text = 0
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "p" and attributes.get("class") == "quote-text":
            self._in_quote_text = 1
            self._buffer = []
        elif self._in_quote_text:
            self._in_quote_text += 1

    def handle_endtag(self, tag):
        if self._in_quote_text:
            self._in_quote_text -= 1
            if self._in_quote_text == 0:
                self.quote_texts.append("".join(self._buffer))

    def handle_data(self, data):
        if self._in_quote_text:
            self._buffer.append(data)


def parse(document: str) -> Elements:
    parser = Elements()
    parser.feed(document)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def report():
    return make_report()


@pytest.fixture(scope="module")
def document(report):
    return render_html(report)


def test_a_complete_standalone_document(document, report):
    assert document.startswith("<!DOCTYPE html>")
    assert document.rstrip().endswith("</html>")
    assert f"<title>{html_lib.escape(report.title)}</title>" in document
    tags = [tag for tag, _attributes in parse(document).tags]
    assert "style" in tags and "link" not in tags and "script" not in tags
    assert "img" not in tags  # charts are inline SVG, nothing is loaded


def test_hostile_content_is_shown_as_text(document):
    # No markup from the corpus: only our own tags exist in the document.
    for tag, attributes in parse(document).tags:
        assert tag not in {"script", "img", "link", "b", "iframe", "object", "embed"}, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"src", "href", "xlink:href"}:
                assert value is not None and value.startswith("#"), (tag, name, value)
    # Our stylesheet and matplotlib's one per chart; the headline's "</style>" is text.
    assert document.count("</style>") == 1 + document.count("<svg")
    assert "&lt;/style&gt;" in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert str(escape(HOSTILE_OUTLET)) in document
    assert str(escape(HOSTILE_HEADLINE)) in document
    assert "&lt;img src=&#34;http://evil.example/x.png&#34;&gt;" in document
    assert "&lt;/blockquote&gt;&lt;b&gt;bold&lt;/b&gt;" in document
    assert "url(http://evil.example/y)" in document  # harmless as text, outside any style


def test_every_quote_carries_its_article_and_offsets(document, report):
    blockquotes = [attrs for tag, attrs in parse(document).tags if tag == "blockquote"]
    rendered = {(attrs["data-article"], int(attrs["data-start"]), int(attrs["data-end"]))
                for attrs in blockquotes}
    expected = {(quote.article_id, quote.start, quote.end) for quote in report.quotes}
    assert rendered == expected
    for article, start, end in rendered:
        assert end > start >= 0
        assert ARTICLE_TEXTS[article][start:end]


def test_quote_text_is_verbatim_with_ellipses_outside(document, report):
    shown = parse(document).quote_texts
    for quote in report.quotes:
        expected = ("…" if quote.lead else "") + quote.text + ("…" if quote.trail else "")
        assert expected in shown, quote.text


def test_citation_and_voice_badge(document):
    assert 'class="badge badge-own">own voice<' in document
    assert 'class="badge badge-quoted">quoted<' in document
    assert "paragraph 1" in document and "about 2014-08" in document
    assert "Rotherham child abuse: Cases in other towns" in document


def test_table_of_contents_links_to_section_ids(document, report):
    tags = parse(document).tags
    ids = {attrs.get("id") for _tag, attrs in tags if attrs.get("id")}
    links = [attrs["href"] for tag, attrs in tags if tag == "a"]
    sections = []

    def walk(children):
        for section in children:
            sections.append(section)
            walk(section.subsections)

    walk(report.sections)
    assert len(links) == len(sections)
    for link in links:
        assert link.startswith("#") and link[1:] in ids
    assert 'href="#s-frame-ethnicity-domestic"' in document  # "/" made safe


def test_charts_are_figures_with_caption_and_alt(document, report):
    chart_count = sum(isinstance(block, Chart) for section in report.sections
                      for block in section.blocks) + 1  # one in a subsection
    tags = parse(document).tags
    svgs = [attrs for tag, attrs in tags if tag == "svg"]
    assert len(svgs) == chart_count
    assert all(attrs.get("role") == "img" and attrs.get("aria-label") for attrs in svgs)
    assert document.count("<figcaption>") == chart_count
    assert ("<figcaption>Mentions of abuse in the home per 1,000 words, four outlets."
            "</figcaption>") in document


def test_a_script_in_a_chart_label_stays_text():
    chart = Chart(id="x", kind="bar", title="t", caption="c", alt="a",
                  categories=("<script>alert(2)</script>", "Plain"),
                  series=(Series("s", (1.0, 2.0)),))
    base = make_report()
    section = Section(id="c", title="Chart", blocks=(chart,))
    document = render_html(dataclasses.replace(base, sections=(section,), quotes=()))
    assert "<script" not in document
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in document


def test_every_section_and_block_type_is_rendered(document, report):
    assert "Who the perpetrators were" in document  # side by side
    assert 'class="side-by-side-columns columns-3"' in document
    assert "What is a frame?" in document and 'class="callout callout-definition"' in document
    assert "<ol class=\"list\">" in document and "<ul class=\"list\">" in document
    assert 'class="para para-finding"' in document
    assert document.count("<tr>") >= 300 + 25 + 2
    assert report.reproducibility in document
    assert "hostile &lt;b&gt;note&lt;/b&gt;" in document


def test_fields_added_to_structure_later_are_not_lost():
    @dataclasses.dataclass(frozen=True)
    class TranslatedQuote(Quote):
        translation: str = ""

    base = make_report()
    quote = TranslatedQuote(**dataclasses.asdict(base.quotes[1]), translation="<i>English</i>")
    section = Section(id="q", title="Quotes", blocks=(quote,))
    document = render_html(dataclasses.replace(base, sections=(section,)))
    assert "translation:" in document and "&lt;i&gt;English&lt;/i&gt;" in document
    assert 'data-article="bbc-2014"' in document


def test_profiles_and_determinism(report):
    handout = dataclasses.replace(report, profile="handout")
    assert 'class="profile-handout"' in render_html(handout)
    assert render_html(report) == render_html(report)


FSI, PDI, RLO, PDF = "\u2068", "\u2069", "\u202e", "\u202c"


@pytest.mark.parametrize(("text", "shown"), [
    ("Plain outlet", "Plain outlet"),
    (f"{RLO}Evil News", f"{FSI}{RLO}Evil News{PDI}"),  # the override ends with the isolate
    (f"a {RLO}b{PDF} c", f"{FSI}a {RLO}b{PDF} c{PDI}"),
    ("\u2067open isolate", f"{FSI}\u2067open isolate{PDI}{PDI}"),
    (f"{PDI}{RLO}closer first", f"{FSI}{FSI}{PDI}{RLO}closer first{PDI}"),
])
def test_bidi_controls_in_printed_values_are_isolated(text, shown):
    assert isolate_bidi(text) == shown
    opened = shown.count(FSI) + shown.count("\u2067") + shown.count("\u2066")
    assert opened == shown.count(PDI)  # every isolate closed, ours last
    assert isolate_bidi(escape(f"{RLO}markup")) == escape(f"{RLO}markup")  # ours: as it is
    assert isolate_bidi(3) == 3


def test_an_override_in_an_outlet_name_cannot_reorder_the_citation_after_it(report):
    outlet = f"{RLO}Evil News"
    quote = dataclasses.replace(report.quotes[0], outlet=outlet)
    section = Section(id="bidi", title="Bidi", blocks=(quote,))
    document = render_html(dataclasses.replace(report, sections=(section,)))
    assert f'<span class="cite-outlet">{FSI}{outlet}{PDI}</span>' in document
    assert f"{RLO}Evil News</" not in document


def test_metadata_in_head(document):
    assert '<meta name="author" content="framing test suite">' in document
    assert '<meta name="description" content="Framing of the Rotherham scandal">' in document
    assert '<meta name="keywords" content="framing, Rotherham, media studies">' in document


def test_column_widths_favour_long_text_and_keep_numbers_whole():
    table = Table(caption="", columns=("Outlet", "Articles", "Passage"),
                  rows=tuple(("Regional Outlet Number 12 (South Yorkshire edition)", "1,234",
                              "A passage " * 15) for _ in range(5)),
                  numeric=(False, True, False))
    widths = column_widths(table)
    assert sum(widths) == pytest.approx(100, abs=0.1)
    outlet, articles, passage = widths
    assert passage > outlet > articles
    assert articles >= 100 * (len("Articles") * 1.15 + 2) / 100 - 0.01  # header fits unsplit
    assert column_widths(Table(caption="", columns=(), rows=())) == ()


def test_helpers():
    assert anchor_for("frame/ethnicity <x>") == "s-frame-ethnicity-x"
    assert anchor_for("///") == "s-section"
    assert shorten("short", 60) == "short"
    long = shorten("How outlets framed the Rotherham child sexual exploitation scandal", 40)
    assert len(long) <= 40 and long.endswith("…") and not long.endswith(" …")


def test_write_html_is_atomic_and_reports_unwritable_places(tmp_path, report, monkeypatch):
    target = tmp_path / "out" / "report.html"
    assert write_html(report, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    target.write_text("previous", encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(ReportError, match="could not write the HTML: No space left on device"):
        write_html(report, target)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "previous"
    assert os.listdir(target.parent) == ["report.html"]

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ReportError, match="check the folder exists and is writable"):
        write_html(report, blocker / "report.html")
