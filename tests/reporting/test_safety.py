"""Rendering fetches nothing, whatever the articles contain.

A local HTTP server counts every connection made to it. Articles whose text, headline,
standfirst, author, URL and outlet name carry markup pointing at that server (and at files
outside the project) go through the whole pipeline to HTML and PDF in both profiles; the
server must see nothing, the markup must come out as text, and no outside file may be read.
"""

from __future__ import annotations

import datetime as dt
import http.server
import io
import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from framing.evidence import select  # noqa: E402
from framing.features.compute import compute  # noqa: E402
from framing.lexicons import load_lexicons  # noqa: E402
from framing.reporting import pdf  # noqa: E402
from framing.reporting.build import build  # noqa: E402
from framing.reporting.html import render_html  # noqa: E402
from framing.types import Article, Corpus, PublishedDate  # noqa: E402

PROFILES = ("analyst", "handout")
SECRET = "framing-secret-5e1f0c"  # the content of a file outside the project

# Every element the templates write, and those matplotlib's SVG charts are made of.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "h4",
    "h5", "h6", "p", "ul", "ol", "li", "nav", "a", "span", "main", "section", "blockquote",
    "footer", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "aside", "wbr",
}
SVG_TAGS = {"svg", "defs", "g", "path", "use", "clippath", "rect", "text", "tspan", "line",
            "polyline", "polygon", "circle", "style", "title"}
# Attributes the templates and matplotlib write; none of them may come from an article.
OWN_ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "id", "href", "style", "aria-labelledby",
    "aria-hidden", "aria-label", "data-article", "data-start", "data-end", "scope", "role",
    "viewbox", "version", "xmlns", "xmlns:xlink", "preserveaspectratio", "d", "transform",
    "x", "y", "width", "height", "xlink:href", "clip-path", "type", "points",
    "stroke-dasharray", "fill", "stroke", "x1", "x2", "y1", "y2", "cx", "cy", "r",
}


class CountingServer:
    """An HTTP server on 127.0.0.1 that counts every connection it handles."""

    def __init__(self) -> None:
        owner = self
        self.requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle(self) -> None:
                owner.requests.append(self.client_address[0])
                super().handle()

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = b"body { color: red }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def server():
    with CountingServer() as running:
        yield running


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    """A stylesheet outside the project: if it were read, SECRET would be printed."""
    path = tmp_path_factory.mktemp("outside") / "secret.css"
    path.write_text(f'body::after {{ content: "{SECRET}" }}', encoding="utf-8")
    return path


def hostile_strings(port: int, secret: Path) -> dict[str, str]:
    base = f"http://127.0.0.1:{port}"
    return {
        "img": f'<img src="{base}/x">',
        "link": f'<link rel="stylesheet" href="{base}/s.css">',
        "import": f"<style>@import url({base}/i.css)</style>",
        "url": f"url({base}/u)",
        "passwd": "file:///etc/passwd",
        "secret": f'<link rel="stylesheet" href="{secret.as_uri()}">',
        "iframe": f'<iframe src="{base}/f"></iframe>',
        "script": f'<script>fetch("{base}/js")</script>',
    }


def hostile_corpus(port: int, secret: Path) -> Corpus:
    """Two outlets; lexicon terms sit next to the markup so that evidence quotes it."""
    h = hostile_strings(port, secret)
    base = f"http://127.0.0.1:{port}"
    gazette = f'Gazette <img src="{base}/outlet.png">'
    herald = f"Herald <script>fetch('{base}/outlet')</script>"
    first = Article(
        id="hostile-1", outlet=gazette, published=PublishedDate(dt.date(2021, 3, 4)),
        headline=f"Council failings left survivors unheard {h['img']}",
        standfirst=f"A grooming gang went unchallenged for years {h['link']}",
        text=(
            f"The review found that police failings {h['import']} let abuse continue.\n\n"
            f"Survivors said the grooming gang was described as mainly Asian men {h['url']} "
            "by officers at the time.\n\n"
            f"Officers wrote of child prostitution {h['passwd']} rather than of abuse.\n\n"
            f"Campaigners said the council had ignored victims {h['iframe']} for a decade."
        ),
        author=f"A. Writer {h['script']}",
        url=f"{base}/article?q={h['img']}",
    )
    second = Article(
        id="hostile-2", outlet=herald, published=PublishedDate(dt.date(2022, 5, 6)),
        headline=f"Grooming gang case: officers ignored victims {h['iframe']}",
        standfirst=f"Police failings {h['url']} are criticised in the report",
        text=(
            f"Officers ignored victims {h['script']} who reported abuse.\n\n"
            f"The report described a grooming gang {h['secret']} of mainly Asian men.\n\n"
            f"Failings by the council {h['passwd']} were listed in the review.\n\n"
            f"Survivors said their complaints were ignored {h['img']} by police."
        ),
        author=f"B. Reporter {h['link']}",
        url=f"file:///etc/passwd#{h['url']}",
    )
    return Corpus(articles=(first, second), name="hostile <b>corpus</b>",
                  description=f"A corpus that tries to fetch {h['import']}")


class Document(HTMLParser):
    """Start tags with attributes, the text of <style> elements, and all other text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(document: str) -> Document:
    parser = Document()
    parser.feed(document)
    parser.close()
    return parser


def squash(text: str) -> str:
    """Text without white space, soft hyphens, zero-width spaces or hyphens (line breaks)."""
    return re.sub(r"[\s\u00ad\u200b\-\u2010]+", "", text)


def passwd_lines() -> list[str]:
    path = Path("/etc/passwd")
    if not path.is_file():
        return []
    return [line for line in path.read_text(errors="replace").splitlines() if line.count(":") >= 6]


@pytest.fixture(scope="module")
def rendered(server, secret_file):
    """(report, html, pdf text) per profile, and the corpus, rendered with the server up."""
    corpus = hostile_corpus(server.port, secret_file)
    features = compute(corpus, lexicons=load_lexicons())
    evidence = select(features)
    outputs = {}
    for profile in PROFILES:
        report = build(features, evidence, profile=profile, generated=dt.date(2026, 1, 1))
        html = render_html(report)
        data = pdf.render_pdf_bytes(report)
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() for page in reader.pages)
        outputs[profile] = (report, html, text)
    return corpus, outputs


def test_the_hostile_markup_lands_in_quoted_passages(rendered, server, secret_file):
    corpus, outputs = rendered
    quoted = " ".join(q.text for q in outputs["analyst"][0].quotes)
    for name, hostile in hostile_strings(server.port, secret_file).items():
        assert hostile in quoted, name


def test_rendering_makes_no_request(rendered, server):
    assert server.requests == []
    # The server does count: one request of our own shows up.
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/probe", timeout=5) as reply:
        assert reply.status == 200
    assert len(server.requests) == 1
    server.requests.clear()


@pytest.mark.parametrize("profile", PROFILES)
def test_no_markup_from_the_corpus_reaches_the_html(rendered, profile, server):
    _corpus, outputs = rendered
    _report, html, _text = outputs[profile]
    document = parse(html)
    for tag, attributes in document.tags:
        assert tag in TEMPLATE_TAGS | SVG_TAGS, tag
        assert set(attributes) <= OWN_ATTRIBUTES, (tag, attributes)
        href = attributes.get("href") or attributes.get("xlink:href")
        assert href is None or href.startswith("#"), href
        assert not any("127.0.0.1" in (value or "") or "file:" in (value or "")
                       for name, value in attributes.items()
                       if name not in {"content", "aria-label"}), (tag, attributes)
    # One stylesheet of ours in <head>, one per chart from matplotlib; none from an article.
    assert all("127.0.0.1" not in style and "@import" not in style for style in document.styles)
    for needle in ("<img", "<link", "<iframe", "<script", "<style>@import", "<b>corpus"):
        assert needle not in html


@pytest.mark.parametrize("profile", PROFILES)
def test_the_markup_is_shown_as_text(rendered, profile, server, secret_file):
    corpus, outputs = rendered
    report, html, pdf_text = outputs[profile]
    text = "".join(parse(html).text)
    hostile = hostile_strings(server.port, secret_file)
    # The handout quotes fewer passages: check what it shows, and that it shows several.
    shown = " ".join([q.text for q in report.quotes] + [a.headline for a in corpus.articles])
    hostile = {name: string for name, string in hostile.items() if string in shown}
    assert len(hostile) >= (8 if profile == "analyst" else 4)
    for name, string in hostile.items():
        assert string in text, name  # escaped in the markup, text once parsed
        assert squash(string) in squash(pdf_text), name
    for article in corpus.articles:
        assert article.outlet in text and squash(article.outlet) in squash(pdf_text)
        assert article.headline in text
    if profile == "analyst":  # the sources table shows author and URL
        for article in corpus.articles:
            assert article.author in text and squash(article.author) in squash(pdf_text)
            assert article.url in text


@pytest.mark.parametrize("profile", PROFILES)
def test_no_outside_file_is_read(rendered, profile):
    _corpus, outputs = rendered
    _report, html, pdf_text = outputs[profile]
    assert SECRET not in pdf_text and SECRET not in html
    for line in passwd_lines():
        assert line not in html and squash(line) not in squash(pdf_text)


def _document_with_references(port: int, secret: Path) -> str:
    base = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html><html lang="en"><head>
<link rel="stylesheet" href="{base}/s.css">
<link rel="stylesheet" href="{secret.as_uri()}">
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url({base}/i.css); p {{ background: url({base}/u) }}</style>
</head><body>
<p>Text with <img src="{base}/x"> and <img src="file:///etc/passwd">.</p>
<p style="background-image: url({base}/inline)">An inline style.</p>
<object data="{base}/object"></object><embed src="{base}/embed">
<iframe src="{base}/f"></iframe>
<img src="{"%2e%2e/" * 12}etc/passwd">
</body></html>"""


def test_the_fetcher_refuses_what_markup_asks_for(server, secret_file, monkeypatch):
    """The second lock: markup that got through still fetches nothing outside the project."""
    made = []
    original = pdf.make_url_fetcher

    def recording_fetcher():
        fetcher = original()
        made.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdf, "make_url_fetcher", recording_fetcher)
    server.requests.clear()
    document = pdf.layout_html(_document_with_references(server.port, secret_file))
    with pdf._quiet_weasyprint():
        data = document.write_pdf()
    assert server.requests == []
    (fetcher,) = made
    base = f"http://127.0.0.1:{server.port}"
    refused = set(fetcher.refused)
    for url in (f"{base}/s.css", f"{base}/i.css", f"{base}/u", f"{base}/x", f"{base}/inline",
                secret_file.as_uri(), "file:///etc/passwd"):
        assert url in refused, url
    assert any(url.endswith("/etc/passwd") and url != "file:///etc/passwd" for url in refused)
    # Only our own fonts (and nothing else) were served.
    assert fetcher.served and all(path.endswith(".ttf") for path in fetcher.served)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert SECRET not in text
    for line in passwd_lines():
        assert squash(line) not in squash(text)


def test_without_the_fetcher_the_same_document_does_make_requests(server, secret_file):
    """Control: WeasyPrint's own fetcher would have called the server for that document."""
    from weasyprint import HTML

    server.requests.clear()
    html = _document_with_references(server.port, secret_file)
    with pdf._quiet_weasyprint():
        HTML(string=html).render()
    assert len(server.requests) >= 3
    server.requests.clear()
