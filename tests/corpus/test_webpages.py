"""Saved web pages: the article text through trafilatura, page metadata, and bad input."""

import datetime as dt
import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import load, webpages
from framing.corpus.folder import UNKNOWN_OUTLET
from framing.corpus.webpages import extract_page, is_page, page_id, read_page
from framing.errors import CorpusError
from framing.types import PublishedDate

HEADLINE = "Council apologises to Rotherham survivors"
PARAGRAPHS = (
    "The council has issued a formal apology to survivors of child sexual exploitation in the "
    "town, after an independent inspection found that senior officers had failed to act on "
    "repeated warnings.",
    "The inspection said that many survivors were disbelieved when they asked for help from the "
    "police and social services, and that some were treated as if they had brought the abuse "
    "on themselves.",
    "A spokesperson for a survivors' group said the apology was welcome but came years too late, "
    "and called for the officers responsible to be held to account.",
    "The government has appointed commissioners to take over the running of the council's "
    "children's services while a new leadership team is recruited over the coming months.",
)
NAV = ("Home", "News", "Sport", "Business", "Weather")
FURNITURE = (
    "Sign up to our newsletter for the latest headlines every morning.",
    "We use cookies to improve your experience on our site. By continuing to browse you accept "
    "our cookie policy.",
    "Copyright The Northern Herald",
)
CANONICAL = "https://www.northernherald.co.uk/news/council-apologises"

NO_ARTICLE = ("<html><head><title>Live: latest updates</title></head><body><nav><a href='/'>"
              "Home</a></nav><footer><p>Sign up to our newsletter</p></footer></body></html>")


def page(
    *,
    site_name: str | None = "The Northern Herald",
    published: str | None = "2015-02-04T09:30:00+00:00",
    canonical: str | None = CANONICAL,
    author: str | None = "Jane Smith",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    h1: bool = True,
) -> str:
    """A news page as a CMS writes it: metadata in <head>, furniture around the <article>."""
    head = [f"<title>{HEADLINE} | The Northern Herald</title>",
            f'<meta property="og:title" content="{HEADLINE}">']
    if site_name is not None:
        head.append(f'<meta property="og:site_name" content="{site_name}">')
    if published is not None:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if author is not None:
        head.append(f'<meta name="author" content="{author}">')
    if canonical is not None:
        head.append(f'<link rel="canonical" href="{canonical}">')
    nav = "".join(f'<li><a href="/{item.lower()}">{item}</a></li>' for item in NAV)
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head><body>\n"
        + f'<header><nav><ul>{nav}</ul></nav></header>\n<main><article>\n'
        + (f"<h1>{HEADLINE}</h1>\n" if h1 else "")
        + (f'<p class="byline">By {author}</p>\n' if author else "")
        + body
        + "</article></main>\n<footer>"
        + "".join(f"<p>{line}</p>" for line in FURNITURE)
        + "</footer>\n</body></html>\n"
    )


def write(path, html: str):
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(html.encode("utf-8")))
    else:
        path.write_text(html, encoding="utf-8")
    return path


def pages_folder(tmp_path: Path) -> Path:
    """A folder of saved pages holding one: herald.html."""
    folder = tmp_path / "pages"
    folder.mkdir()
    write(folder / "herald.html", page())
    return folder


def assert_one_line_naming(message: str, path) -> None:
    assert "\n" not in message
    assert message.startswith(f"{path}: ")


def test_text_is_the_article_paragraphs_without_the_furniture():
    extracted = extract_page(page())
    assert extracted is not None
    body = extracted.text.split("\n\n")
    assert body[-len(PARAGRAPHS):] == list(PARAGRAPHS)
    for furniture in (*FURNITURE, "Sign up to our newsletter", "cookie", "By Jane Smith"):
        assert furniture.casefold() not in extracted.text.casefold()
    assert not set(NAV) & set(body)


def test_read_page_maps_page_metadata_to_the_article(tmp_path):
    path = write(tmp_path / "herald-apology.html", page())
    article, warnings = read_page(path)
    assert warnings == []
    assert article.id == "herald-apology"
    assert article.outlet == "The Northern Herald"
    assert article.published == PublishedDate(dt.date(2015, 2, 4), "day")
    assert article.headline == HEADLINE  # og:title, without the site name of <title>
    assert article.standfirst == ""
    assert article.author == "Jane Smith"
    assert article.url == CANONICAL
    assert article.meta == {"site_name": "The Northern Herald"}
    assert article.source == str(path)
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)


def test_page_description_is_kept_in_meta(tmp_path):
    description = "An inspection found that officers ignored repeated warnings."
    html = page().replace("<head>", f'<head><meta name="description" content="{description}">')
    article, _ = read_page(write(tmp_path / "p.html", html))
    assert article.meta["page_description"] == description


def test_gzipped_page_reads_as_the_plain_one(tmp_path):
    plain, _ = read_page(write(tmp_path / "p.html", page()))
    zipped, warnings = read_page(write(tmp_path / "p.html.gz", page()))
    assert warnings == []
    assert (zipped.id, zipped.source) == ("p", str(tmp_path / "p.html.gz"))
    assert zipped.text == plain.text
    assert (zipped.outlet, zipped.published, zipped.headline, zipped.url) == (
        plain.outlet, plain.published, plain.headline, plain.url)


@pytest.mark.parametrize(
    ("site_name", "canonical", "outlet"),
    [
        # A well-known domain names the outlet, whatever the page calls itself.
        ("BBC", "https://www.bbc.co.uk/news/uk-england-south-yorkshire-31119567", "BBC News"),
        ("Independent", "https://www.independent.co.uk/news/uk/rotherham.html",
         "The Independent"),
        # Otherwise the page's own site name.
        ("The Northern Herald", CANONICAL, "The Northern Herald"),
        # A site name that is only a domain gives way to the canonical URL's domain.
        ("herald.example.org", "https://news.northernherald.co.uk/a", "northernherald.co.uk"),
        # No site name: the canonical URL's registered domain.
        (None, "https://news.northernherald.co.uk/a", "northernherald.co.uk"),
        (None, "https://www.theguardian.com/uk-news/2015/feb/04/rotherham", "The Guardian"),
    ],
)
def test_outlet_from_site_name_and_canonical_url(tmp_path, site_name, canonical, outlet):
    article, warnings = read_page(
        write(tmp_path / "p.html", page(site_name=site_name, canonical=canonical)))
    assert article.outlet == outlet
    assert warnings == []


def test_page_without_site_name_or_url_has_unknown_outlet_and_a_warning(tmp_path):
    path = write(tmp_path / "p.html", page(site_name=None, canonical=None))
    article, warnings = read_page(path)
    assert article.outlet == UNKNOWN_OUTLET
    assert article.url == ""
    assert len(warnings) == 1
    assert_one_line_naming(warnings[0], path)
    assert "outlet unknown" in warnings[0]


def test_page_with_no_date_anywhere_is_undated(tmp_path):
    article, warnings = read_page(write(tmp_path / "p.html", page(published=None)))
    assert article.published is None
    assert warnings == []


def test_a_year_in_the_article_text_is_not_taken_as_the_publication_date(tmp_path):
    paragraphs = (*PARAGRAPHS, "The inspection covered the years between 1997 and 2013.")
    article, _ = read_page(
        write(tmp_path / "p.html", page(published=None, paragraphs=paragraphs)))
    assert article.published is None


def test_a_page_dated_to_the_month_keeps_month_precision(tmp_path):
    article, _ = read_page(write(tmp_path / "p.html", page(published="2015-02")))
    assert article.published == PublishedDate(dt.date(2015, 2, 1), "month")


def test_headline_is_not_repeated_as_the_first_paragraph(tmp_path):
    article, _ = read_page(write(tmp_path / "p.html", page()))
    assert article.headline == HEADLINE
    assert article.text.split("\n\n")[0] != HEADLINE


def test_page_without_h1_has_exactly_the_paragraphs_as_text(tmp_path):
    article, _ = read_page(write(tmp_path / "p.html", page(h1=False)))
    assert article.headline == HEADLINE
    assert article.text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\n  ",
        NO_ARTICLE,
    ],
    ids=["empty", "blank", "furniture only"],
)
def test_page_with_no_article_text_is_skipped_with_a_warning(tmp_path, html):
    path = write(tmp_path / "live.html", html)
    assert extract_page(html) is None
    article, warnings = read_page(path)
    assert article is None
    assert len(warnings) == 1
    assert_one_line_naming(warnings[0], path)
    assert "no article text" in warnings[0]


def shell_page(h1: str) -> str:
    """A page with an <h1> and furniture but no article: a section front, a missing page."""
    nav = "".join(f'<li><a href="/{item.lower()}">{item}</a></li>' for item in NAV)
    teasers = "".join(f'<li><a href="/news/{n}">Council news story number {n}</a></li>'
                      for n in range(8))
    return (f"<html><head><title>{h1} | The Northern Herald</title></head><body><header><nav>"
            f"<ul>{nav}</ul></nav></header><main><h1>{h1}</h1><ul>{teasers}</ul></main><footer>"
            + "".join(f"<p>{line}</p>" for line in FURNITURE[:2]) + "</footer></body></html>")


@pytest.mark.parametrize("h1", ["News", "Page not found"])
def test_page_whose_only_text_is_its_heading_has_no_article(tmp_path, h1):
    path = write(tmp_path / "front.html", shell_page(h1))
    article, warnings = read_page(path)
    assert article is None
    assert any("no article text" in w for w in warnings)


@pytest.mark.parametrize(
    ("name", "payload", "says"),
    [
        ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
        ("scan.html", b"%PDF-1.4\n" + bytes(range(256)) * 4, "a PDF"),
        ("noise.htm", bytes(range(256)) * 4, "binary file"),
        ("cut.html.gz", gzip.compress(b"<html><body><p>Text</p></body></html>" * 50)[:60],
         "not a valid gzip file"),
        ("plain.html.gz", b"<html><body><p>Not compressed.</p></body></html>",
         "not a valid gzip file"),
    ],
)
def test_unreadable_page_is_a_one_line_error_naming_the_file(tmp_path, name, payload, says):
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(CorpusError) as caught:
        read_page(path)
    assert_one_line_naming(str(caught.value), path)
    assert says in str(caught.value)


def test_page_in_windows_1252_is_read_with_a_warning(tmp_path):
    paragraphs = (PARAGRAPHS[0].replace("formal", "‘formal’"), *PARAGRAPHS[1:])
    path = tmp_path / "p.html"
    path.write_bytes(page(paragraphs=paragraphs).replace('<meta charset="utf-8">', "")
                     .encode("cp1252"))
    article, warnings = read_page(path)
    assert "‘formal’ apology" in article.text
    assert len(warnings) == 1
    assert_one_line_naming(warnings[0], path)
    assert "not UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.html", True), ("a.HTM", True), ("a.html.gz", True), ("a.Htm.GZ", True),
     ("a.txt", False), ("a.gz", False), ("a.jsonl.gz", False), ("a.shtml", False),
     ("html", False)],
)
def test_is_page(tmp_path, name, expected):
    assert is_page(tmp_path / name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("story.html", "story"), ("story.htm", "story"), ("story.html.gz", "story"),
     ("Story.HTML.GZ", "Story"), ("2015.02.04-apology.html", "2015.02.04-apology")],
)
def test_page_id_is_the_name_without_page_suffixes(tmp_path, name, expected):
    assert page_id(tmp_path / name) == expected


def test_folder_of_pages_through_load(tmp_path):
    folder = pages_folder(tmp_path)
    write(folder / "bbc.html.gz", page(site_name="BBC", canonical="https://www.bbc.co.uk/news/1"))
    write(folder / "live.html", NO_ARTICLE)
    (folder / "README.md").write_text("Pages saved from the browser.\n", encoding="utf-8")
    corpus = load(folder)
    assert sorted((a.id, a.outlet) for a in corpus.articles) == [
        ("bbc", "BBC News"), ("herald", "The Northern Herald")]
    no_text = [w for w in corpus.warnings if "no article text" in w]
    assert len(no_text) == 1
    assert_one_line_naming(no_text[0], folder / "live.html")


def test_single_page_through_load_is_a_corpus_named_after_the_file(tmp_path):
    corpus = load(write(tmp_path / "herald.html.gz", page()))
    assert corpus.name == "herald"
    assert [a.id for a in corpus.articles] == ["herald"]


def test_single_page_with_no_text_through_load_is_a_one_line_error(tmp_path):
    path = write(tmp_path / "empty.html", "")
    with pytest.raises(CorpusError) as caught:
        load(path)
    assert_one_line_naming(str(caught.value), path)
    assert "no article" in str(caught.value)


def test_binary_page_in_a_folder_stops_the_load_naming_it(tmp_path):
    folder = pages_folder(tmp_path)
    bad = folder / "photo.html"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    with pytest.raises(CorpusError) as caught:
        load(folder)
    assert_one_line_naming(str(caught.value), bad)
    assert "a JPEG image" in str(caught.value)


def test_corpus_info_on_a_folder_of_pages(tmp_path):
    folder = pages_folder(tmp_path)
    result = CliRunner().invoke(app, ["corpus", "info", str(folder)])
    if isinstance(result.exception, TypeError):
        raise result.exception  # what the user sees as a traceback
    assert result.exit_code == 0, result.output
    assert "The Northern Herald" in result.stdout


def test_real_pages_are_read_with_headlines(shared_data):
    folder = shared_data / "html" / "pages"
    pages = sorted(p for p in folder.iterdir() if is_page(p))
    assert len(pages) == 181
    read, failures = [], []
    for path in pages:
        try:
            article, _warnings = read_page(path)
        except CorpusError as error:
            failures.append(str(error))
            continue
        if article is not None:
            read.append(article)
    assert len(read) >= 170, failures
    assert all(article.headline.strip() for article in read)
    assert all(article.text.strip() for article in read)


# htmldate fills in a missing day with the 1st or with today's day of the month: whichever
# it is, a page that gives only the month keeps month precision.
@pytest.mark.parametrize("day", ["01", "02", "17", "31"])
def test_a_month_only_date_whatever_day_htmldate_fills_in(day):
    month_only = '<meta property="article:published_time" content="2015-02">'
    assert webpages._as_precise_as_the_page(f"2015-02-{day}", month_only) == "2015-02"
    written = f'<time datetime="2015-02-{day}">2015-02</time>'
    assert webpages._as_precise_as_the_page(f"2015-02-{day}", written) == f"2015-02-{day}"
    assert webpages._as_precise_as_the_page("2015", month_only) == "2015"
