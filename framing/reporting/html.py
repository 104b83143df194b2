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
from framing.reporting.structure import (
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
# Characters of a table's font across the line, at the CSS font sizes (wide: 7.5pt, dense: 6.8pt;
# a compact table takes half the line).
LINE_CHARACTERS = {"standard": 100, "wide": 115, "audit": 125, "dense": 127, "compact": 47}
BOLD = 1.15  # a bold header character, in characters of the table's font
HEADER_WORD_KEPT = 7  # header words this long or shorter are never hyphenated
SHORT_COLUMN = 24  # a text column this wide (in characters) or less is kept on one line
_ISOLATE_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_ISOLATE_CLOSER = "\u2069"  # PDI
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BREAK_POINT = re.compile(r"(?<=[_/])(?=[^\s_/])|(?<=[^\W\d_]-)(?=\d)")
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

    from framing.reporting.charts import render_chart

    anchors, toc = _number_sections(report.sections)
    numbers = {id(section): entry.number
               for (section, _depth), entry in zip(_walk(report.sections), toc, strict=True)}
    charts = {id(chart): Markup(render_chart(chart)) for chart in _charts(report.sections)}
    template = _environment().get_template("report.html.j2")
    html = template.render(
        report=report,
        toc=toc,
        section_anchor=lambda section: anchors[id(section)],
        section_number=lambda section: numbers[id(section)],
        chart_svg=lambda chart: charts[id(chart)],
        stylesheet=Markup(_stylesheet()),
        running_title=shorten(report.title, RUNNING_TITLE_LENGTH),
        keywords=", ".join(report.keywords),
    )
    return html


def write_html(report: Report, path: Path, *, html: str | None = None) -> Path:
    """Write the HTML report to `path` whole or not at all; return `path`.

    `html` is `render_html(report)` when the caller has it already (for the PDF too)."""
    from framing.atomic import atomic_path
    from framing.errors import FramingError

    path = Path(path)
    try:
        if html is None:
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


@dataclass(frozen=True)
class TableLayout:
    """How a table is set: column widths in percent, and what had to give for them to fit."""

    widths: tuple[float, ...]
    dense: bool = False  # a smaller font: the columns' longest words do not fit otherwise
    hyphenated_headers: bool = False  # the longest header words may break, with a hyphen


def column_widths(table: Table) -> tuple[float, ...]:
    """Percent widths for a fixed-layout table (see `table_layout`)."""
    return table_layout(table).widths


def table_layout(table: Table) -> TableLayout:
    """Column widths for a fixed-layout table, from what each column holds.

    Each column first gets room for its longest word (numbers never wrap, headers are not
    split mid-word); what is left of the line goes to the columns with long text.
    Widths are in characters of the table's font; `LINE_CHARACTERS` says how many fit.
    When the longest words do not fit, the table is set in a smaller font, and if they
    still do not fit, the longest header words (never a cell) are left to be hyphenated.
    """
    count = len(table.columns)
    if count == 0:
        return TableLayout(())
    minimum: list[float] = []
    floor: list[float] = []  # the least a column can take once its header may hyphenate
    desired: list[float] = []
    text_columns: set[int] = set()  # columns holding text (not left empty to fill in)
    for index, header in enumerate(table.columns):
        cells = [row[index] for row in table.rows if index < len(row)]
        numeric = index < len(table.numeric) and table.numeric[index]
        header_word = BOLD * max((len(word) for word in header.split()), default=1)
        header_floor = min(header_word, BOLD * HEADER_WORD_KEPT)
        if numeric:
            longest = max((len(cell) for cell in cells), default=1)
            least = max(longest, header_word, 2) + 2
            minimum.append(least)
            floor.append(max(longest, header_floor, 2) + 2)
            desired.append(least)
            continue
        words = [len(word) for cell in cells for word in cell.split()]
        content = max(min(max(words, default=1), 12), 3)
        least = max(content, min(header_word, 12)) + 2
        lengths = sorted(len(cell) for cell in cells) or [0]
        typical = lengths[int(0.9 * (len(lengths) - 1))]  # 90th percentile, not the outlier
        minimum.append(least)
        floor.append(max(content, min(header_floor, 12)) + 2)
        if not any(cells):
            typical = 14  # an empty column to fill in by hand
        desired.append(max(least, min(typical, 80) + 2))
        if any(cells):
            text_columns.add(index)
    budget = LINE_CHARACTERS.get(table.kind, 100)
    if count > 7:
        budget = max(budget, LINE_CHARACTERS["wide"])
    dense = hyphenated = False
    if sum(minimum) > budget and table.kind != "audit":
        dense = True
        budget = budget * LINE_CHARACTERS["dense"] / LINE_CHARACTERS["wide"]
    if sum(minimum) > budget:
        lowered = _lower_to_fit(minimum, floor, budget)
        hyphenated = lowered != minimum
        minimum = lowered
    widths = list(minimum)
    spare = budget - sum(minimum)
    # Short text (an outlet's name, an author) gets its whole line first when the others
    # keep room for their longest words: the long-text columns wrap anyway.
    short = [max(want - have, 0.0) if index in text_columns and want <= SHORT_COLUMN else 0.0
             for index, (want, have) in enumerate(zip(desired, widths, strict=True))]
    if 0 < sum(short) <= spare:
        widths = [have + extra for have, extra in zip(widths, short, strict=True)]
        spare -= sum(short)
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
    return TableLayout(tuple(round(100 * width / total, 2) for width in widths), dense,
                       hyphenated)


def _lower_to_fit(minimum: list[float], floor: list[float], budget: float) -> list[float]:
    """Lower the widest columns first, none below its floor, until they fit in `budget`.

    A water level: every column keeps min(its minimum, max(its floor, level)), with the
    highest level that fits (or every column at its floor when even that does not fit).
    """
    def total(level: float) -> float:
        return sum(min(m, max(f, level)) for m, f in zip(minimum, floor, strict=True))

    low, high = 0.0, max(minimum)
    if total(low) >= budget:
        return list(floor)
    for _step in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) <= budget else (low, middle)
    return [min(m, max(f, low)) for m, f in zip(minimum, floor, strict=True)]


def isolate_bidi(value: object) -> object:
    """A string holding explicit bidirectional controls, isolated (FSI ... PDI, as <bdi>
    does), so that an override left open in a headline or outlet name cannot reorder what
    the report prints after it. Anything else, and markup, unchanged."""
    from markupsafe import Markup

    if not isinstance(value, str) or isinstance(value, Markup) or not (
            _BIDI_CONTROLS.search(value)):
        return value
    depth = unmatched = 0
    for char in value:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER:
            if depth:
                depth -= 1
            else:
                unmatched += 1  # would close our isolate: give it one of its own to close
    return "\u2068" * (unmatched + 1) + value + _ISOLATE_CLOSER * (depth + 1)


def breakable(text: str) -> str:
    """`text` escaped, with a line-break opportunity after "_" and "/" and before the digits
    after a letter's hyphen ("independent-2014"), so ids, URLs and category names break
    there rather than at any letter."""
    from markupsafe import Markup, escape

    return Markup("<wbr>").join(escape(part) for part in _BREAK_POINT.split(isolate_bidi(text)))


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
        finalize=isolate_bidi,  # every printed value
    )
    environment.filters["kind"] = block_kind
    environment.filters["voice_label"] = quote_voice
    environment.filters["widths"] = column_widths
    environment.filters["layout"] = table_layout
    environment.filters["breakable"] = breakable
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
              "reference", "counts_panel", "highlight"},
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
        if kind.__module__ == "framing.reporting.structure" and kind.__name__ in _KNOWN_FIELDS:
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
