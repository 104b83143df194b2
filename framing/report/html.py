"""The Report as one standalone HTML document: the only module that imports Jinja2.

Everything that comes from the corpus (quotes, headlines, outlet names, table cells) goes
through Jinja2's autoescaping; the only markup not escaped is the SVG that charts.py
generated (matplotlib escapes the text in it) and the package's own CSS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from framing.errors import ReportError
from framing.report.structure import (
    BulletList,
    Callout,
    Chart,
    Paragraph,
    Quote,
    QuoteGroup,
    Report,
    Section,
    SideBySide,
    Table,
)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
RUNNING_TITLE_LENGTH = 60
VOICE_LABELS = {"own": "own voice", "quoted": "quoted"}
LINE_CHARACTERS = {"standard": 100, "wide": 115, "audit": 125}  # at the CSS font sizes
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    number: str
    title: str
    level: int


def render_html(report: Report) -> str:
    """Render `report` to a complete standalone HTML document (CSS and charts inline)."""
    from markupsafe import Markup

    from framing.report.charts import render_chart

    anchors, toc = _number_sections(report.sections)
    numbers = {id(section): entry.number
               for (section, _depth), entry in zip(_walk(report.sections), toc, strict=True)}
    charts = {id(chart): Markup(render_chart(chart)) for chart in _charts(report.sections)}
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        toc=toc,
        section_anchor=lambda section: anchors[id(section)],
        section_number=lambda section: numbers[id(section)],
        chart_svg=lambda chart: charts[id(chart)],
        stylesheet=Markup(_stylesheet()),
        running_title=shorten(report.title, RUNNING_TITLE_LENGTH),
        keywords=", ".join(report.keywords),
    )


def write_html(report: Report, path: Path) -> Path:
    """Write the HTML report to `path` whole or not at all; return `path`."""
    from framing.atomic import atomic_path
    from framing.errors import FramingError

    path = Path(path)
    try:
        html = render_html(report)
        with atomic_path(path) as temporary:
            temporary.write_text(html, encoding="utf-8")
    except ReportError:
        raise
    except (OSError, FramingError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ReportError(
            f"{path}: could not write the HTML: {reason}; "
            "check the folder exists and is writable"
        ) from None
    return path


def shorten(text: str, length: int) -> str:
    """`text` on one line, cut at a word boundary with "…" when longer than `length`."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def anchor_for(section_id: str) -> str:
    """An HTML id that is always safe in an attribute and in `href="#..."`."""
    return "s-" + (_UNSAFE_ID.sub("-", section_id).strip("-") or "section")


def column_widths(table: Table) -> tuple[float, ...]:
    """Percent widths for a fixed-layout table, from what each column holds.

    Each column first gets room for its longest word (numbers never wrap, headers are not
    split mid-word); what is left of the line goes to the columns with long text.
    Widths are in characters of the table's font; `LINE_CHARACTERS` says how many fit.
    """
    count = len(table.columns)
    if count == 0:
        return ()
    minimum: list[float] = []
    desired: list[float] = []
    for index, header in enumerate(table.columns):
        cells = [row[index] for row in table.rows if index < len(row)]
        numeric = index < len(table.numeric) and table.numeric[index]
        header_word = 1.15 * max((len(word) for word in header.split()), default=1)  # bold
        if numeric:
            longest = max((len(cell) for cell in cells), default=1)
            least = max(longest, header_word, 2) + 2
            minimum.append(least)
            desired.append(least)
            continue
        words = [len(word) for cell in cells for word in cell.split()]
        least = max(min(max(words, default=1), 12), min(header_word, 12), 3) + 2
        lengths = sorted(len(cell) for cell in cells) or [0]
        typical = lengths[int(0.9 * (len(lengths) - 1))]  # 90th percentile, not the outlier
        minimum.append(least)
        if not any(cells):
            typical = 14  # an empty column to fill in by hand
        desired.append(max(least, min(typical, 80) + 2))
    budget = LINE_CHARACTERS.get(table.kind, 100)
    if count > 7:
        budget = max(budget, LINE_CHARACTERS["wide"])
    widths = list(minimum)
    spare = budget - sum(minimum)
    # Share what is left in proportion to the square of each column's unmet need, so the
    # long-text column (passages, outlet names) gets most of it.
    for _round in range(4):
        needs = [max(want - have, 0.0) for want, have in zip(desired, widths, strict=True)]
        weights = [need * need for need in needs]
        if spare <= 0.01 or sum(weights) == 0:
            break
        total_weight = sum(weights)
        given = [min(need, spare * weight / total_weight)
                 for need, weight in zip(needs, weights, strict=True)]
        widths = [have + extra for have, extra in zip(widths, given, strict=True)]
        spare -= sum(given)
    total = sum(widths)
    return tuple(round(100 * width / total, 2) for width in widths)


def block_kind(block: object) -> str:
    kinds = {
        Paragraph: "paragraph",
        BulletList: "list",
        Table: "table",
        Chart: "chart",
        QuoteGroup: "quotes",
        SideBySide: "side_by_side",
        Callout: "callout",
        Quote: "quote",
    }
    for kind, name in kinds.items():
        if isinstance(block, kind):
            return name
    return "unknown"


def quote_voice(quote: Quote) -> str:
    return VOICE_LABELS.get(quote.voice or "", "")


def _environment():
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["kind"] = block_kind
    environment.filters["voice_label"] = quote_voice
    environment.filters["widths"] = column_widths
    environment.filters["anchor"] = anchor_for
    environment.globals["extra_fields"] = _extra_fields
    return environment


def _stylesheet() -> str:
    css = (ASSETS_DIR / "report.css").read_text(encoding="utf-8")
    # The stylesheet is ours, but never let it close the <style> element early.
    return css.replace("</", "<\\/")


def _walk(sections: tuple[Section, ...], depth: int = 1):
    for section in sections:
        yield section, depth
        yield from _walk(section.subsections, depth + 1)


def _number_sections(sections: tuple[Section, ...]) -> tuple[dict[int, str], list[TocEntry]]:
    """Unique anchors (keyed by id() of the Section) and the table of contents, numbered 1, 1.2."""
    anchors: dict[int, str] = {}
    toc: list[TocEntry] = []
    used: set[str] = set()

    def visit(children: tuple[Section, ...], prefix: str, level: int) -> None:
        for position, section in enumerate(children, start=1):
            anchor = anchor_for(section.id)
            candidate, suffix = anchor, 2
            while candidate in used:
                candidate, suffix = f"{anchor}-{suffix}", suffix + 1
            used.add(candidate)
            anchors[id(section)] = candidate
            number = f"{prefix}{position}"
            toc.append(TocEntry(candidate, number, section.title, level))
            visit(section.subsections, number + ".", level + 1)

    visit(sections, "", 1)
    return anchors, toc


def _charts(sections: tuple[Section, ...]):
    for section, _depth in _walk(sections):
        for block in section.blocks:
            if isinstance(block, Chart):
                yield block


_KNOWN_FIELDS = {
    "Quote": {"article_id", "start", "end", "text", "outlet", "published", "headline",
              "location", "voice", "note", "lead", "trail"},
    "Paragraph": {"text", "kind"},
    "BulletList": {"items", "ordered"},
    "Table": {"caption", "columns", "rows", "numeric", "note", "kind"},
    "Chart": {"id", "kind", "title", "caption", "alt", "categories", "series", "x_label",
              "reference"},
    "QuoteGroup": {"title", "quotes", "note"},
    "SideBySide": {"title", "columns"},
    "Callout": {"title", "paragraphs", "kind"},
    "Section": {"id", "title", "blocks", "subsections", "page_break"},
    "Cover": {"title", "subtitle", "generated", "scope", "scope_table"},
}


def _extra_fields(item: object) -> list[tuple[str, str]]:
    """Text fields added to structure.py after this renderer was written, so none is lost."""
    if not is_dataclass(item):
        return []
    known: set[str] = set()
    for kind in type(item).__mro__:
        if kind.__module__ == "framing.report.structure" and kind.__name__ in _KNOWN_FIELDS:
            known = _KNOWN_FIELDS[kind.__name__]
            break
    extra = []
    for field in fields(item):
        if field.name in known:
            continue
        value = getattr(item, field.name)
        if isinstance(value, str) and value:
            extra.append((field.name.replace("_", " "), value))
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            extra.append((field.name.replace("_", " "), "; ".join(value)))
    return extra
