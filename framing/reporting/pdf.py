"""The Report as an A4 PDF: the only module that imports WeasyPrint.

SAFETY: WeasyPrint is given `LocalOnlyFetcher`, which serves only files inside the package's
templates/ and assets/ folders and matplotlib's bundled fonts, plus data: URIs. Anything
else (http, https, ftp, file:// elsewhere, paths escaping with "..") is refused before any
network or file access. Article text never becomes markup (html.py autoescapes it), so a
crafted article cannot even ask for a URL; the fetcher is the second lock.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import mimetypes
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from framing.errors import FramingError, ReportError
from framing.reporting.html import ASSETS_DIR, TEMPLATES_DIR, render_html
from framing.reporting.structure import Report
from framing.runtime import collector_paused

# (family, weight, style, file) of the DejaVu fonts matplotlib ships in mpl-data/fonts/ttf.
FONT_FILES = (
    ("DejaVu Serif", "normal", "normal", "DejaVuSerif.ttf"),
    ("DejaVu Serif", "bold", "normal", "DejaVuSerif-Bold.ttf"),
    ("DejaVu Serif", "normal", "italic", "DejaVuSerif-Italic.ttf"),
    ("DejaVu Serif", "bold", "italic", "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVu Sans", "normal", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", "DejaVuSans-Bold.ttf"),
    ("DejaVu Sans", "normal", "italic", "DejaVuSans-Oblique.ttf"),
    ("DejaVu Sans", "bold", "italic", "DejaVuSans-BoldOblique.ttf"),
)
CONTENT_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".svg": "image/svg+xml",
                 ".png": "image/png", ".otf": "font/otf", ".woff": "font/woff",
                 ".woff2": "font/woff2"}
# A tagged PDF with the PDF/UA-1 identifier: structure tree, /Alt on figures, document language.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


class RefusedURL(ValueError):
    """A URL the report renderer will not fetch."""


def font_dir() -> Path:
    """matplotlib's bundled TrueType fonts (found without importing matplotlib)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise ReportError("matplotlib is not installed; reinstall framing with its dependencies")
    return Path(spec.origin).resolve().parent / "mpl-data" / "fonts" / "ttf"


def allowed_roots() -> tuple[Path, ...]:
    return (TEMPLATES_DIR.resolve(), ASSETS_DIR.resolve(), font_dir())


def resolve_local(url: str, roots: tuple[Path, ...]) -> Path:
    """The file a `file:` URL names, if it lies inside one of `roots`; else RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise RefusedURL(f"refused to fetch {url!r}: only the report's own files are used")
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"refused to fetch {url!r}: remote file host")
    path = Path(url2pathname(unquote(parts.path)))
    if not path.is_absolute():
        raise RefusedURL(f"refused to fetch {url!r}: not an absolute path")
    # Resolve "..", symlinks and the like *before* checking where the file is.
    resolved = Path(os.path.realpath(path))
    for root in roots:
        if resolved.is_relative_to(root) and resolved != root:
            return resolved
    raise RefusedURL(f"refused to fetch {url!r}: outside the report's templates, assets and fonts")


def decode_data_url(url: str) -> tuple[bytes, str]:
    """The bytes and media type of a `data:` URL."""
    header, comma, payload = url[len("data:"):].partition(",")
    if not comma:
        raise RefusedURL("malformed data: URL")
    parameters = header.split(";")
    media_type = parameters[0] or "text/plain"
    if "base64" in parameters[1:]:
        try:
            return base64.b64decode(unquote(payload), validate=False), media_type
        except ValueError as error:
            raise RefusedURL(f"malformed data: URL ({error})") from None
    return unquote_to_bytes(payload), media_type


def make_url_fetcher():
    """A WeasyPrint URL fetcher that reads only our own files and data: URIs."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = allowed_roots()

    class LocalOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.refused: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):  # noqa: ARG002 - WeasyPrint's signature
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            try:
                if scheme == "data":
                    body, media_type = decode_data_url(url)
                    self.served.append("data:")
                    return URLFetcherResponse(url, body, {"Content-Type": media_type})
                path = resolve_local(url, roots)
            except RefusedURL:
                self.refused.append(url)
                raise
            if not path.is_file():
                self.refused.append(url)
                raise RefusedURL(f"refused to fetch {url!r}: no such file")
            media_type = CONTENT_TYPES.get(path.suffix.lower()) or (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            self.served.append(str(path))
            return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                      {"Content-Type": media_type})

        def open(self, url, data=None, timeout=None):  # never the urllib machinery
            target = url.full_url if hasattr(url, "full_url") else url
            return self.fetch(target)

        def __call__(self, url):
            return self.fetch(url)

    return LocalOnlyFetcher()


def font_face_css() -> str:
    """@font-face rules for the DejaVu fonts matplotlib ships, by file:// URL."""
    folder = font_dir()
    rules = []
    for family, weight, style, name in FONT_FILES:
        path = folder / name
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{path.as_uri()}"); }}'
            )
    return "\n".join(rules)


def render_pdf_bytes(report: Report) -> bytes:
    """Render `report` to PDF and return the bytes."""
    with collector_paused():
        document = _document(report)
        with _quiet_weasyprint(), _memoised_page_references():
            return document.write_pdf(**PDF_OPTIONS)


def render_pdf(report: Report, path: Path, *, html: str | None = None) -> Path:
    """Render `report` to the PDF `path`, whole or not at all; return `path`.

    `html` is `render_html(report)` when the caller has it already (for the HTML file too)."""
    from framing.atomic import atomic_path

    path = Path(path)
    try:
        with collector_paused():
            document = layout_html(render_html(report) if html is None else html)
            with (atomic_path(path) as temporary, _quiet_weasyprint(),
                  _memoised_page_references()):
                document.write_pdf(target=str(temporary), **PDF_OPTIONS)
    except ReportError:
        raise
    except FramingError as error:  # already says where and what to do
        raise ReportError(str(error)) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportError(
            f"{path}: could not write the PDF: {reason}; check the folder exists and is writable"
        ) from None
    except Exception as error:  # WeasyPrint's own failures: not the user's doing
        raise ReportError(
            f"{path}: could not write the PDF: {type(error).__name__}: {error} (a fault in "
            "laying out the report, not in your input: the HTML report has the same content; "
            "please report this with the command you ran)"
        ) from error
    return path


def _document(report: Report):
    """Lay out the report (HTML + our CSS + fonts) with the local-only fetcher."""
    return layout_html(render_html(report))


def layout_html(html_text: str):
    """Lay out an HTML document for print with the local-only fetcher and our fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = make_url_fetcher()
    fonts = FontConfiguration()
    base_url = ASSETS_DIR.resolve().as_uri() + "/"
    with _quiet_weasyprint():
        fonts_css = CSS(string=font_face_css(), base_url=base_url, url_fetcher=fetcher,
                        font_config=fonts)
        html = HTML(string=html_text, base_url=base_url, url_fetcher=fetcher,
                    media_type="print")
        try:
            return html.render(stylesheets=[fonts_css], font_config=fonts)
        except (RecursionError, MemoryError) as error:
            raise ReportError(f"the report is too large to lay out ({type(error).__name__}); "
                              "render fewer articles or outlets") from None


@contextlib.contextmanager
def _memoised_page_references() -> Iterator[None]:
    """pydyf builds `PDF.page_references` (one reference per page) afresh on every access,
    and the PDF/UA tagger reads it once per tagged box: 16 million steps for a 200-page
    report. While writing, it is built once per page count; the bytes written are the same."""
    import pydyf

    built = pydyf.PDF.page_references

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        memo = pdf.__dict__.get("_framing_page_references")
        if memo is None or memo[0] != count:
            memo = pdf._framing_page_references = (count, built.fget(pdf))
        return memo[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = built


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """WeasyPrint's warnings (unsupported CSS, refused URLs) are not the user's business."""
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
