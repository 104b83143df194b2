"""The Report: what a report says, as data. No HTML here; templates see only these types.

A Report is a title page (`Cover`) and a list of `Section`s, each a sequence of blocks.
Every quotation is a `Quote` whose `text` is exactly `article.analysed_text[start:end]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Profile = Literal["analyst", "handout"]


@dataclass(frozen=True)
class Quote:
    """A verbatim passage with everything needed to cite it."""

    article_id: str
    start: int
    end: int
    text: str
    outlet: str
    published: str  # as precise as known, e.g. "2014-10-16" or "about 2014-08"
    headline: str
    location: str  # "headline", "standfirst" or "paragraph 3"
    voice: Literal["own", "quoted"] | None = None
    note: str = ""  # why it is shown, e.g. 'term "Asian men"' or "VADER -0.83"
    # The passage was cut from a longer sentence: show "…" before / after `text` (outside it).
    lead: bool = False
    trail: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: Literal["text", "finding", "small-print"] = "text"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table of already formatted cells; `numeric[i]` right-aligns column i."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""
    kind: Literal["standard", "wide", "audit", "compact"] = "standard"  # compact: two abreast


@dataclass(frozen=True)
class Series:
    """One series of a chart; `low`/`high` are interval bounds (same length as values) or empty.

    In a "trend" chart, `panel` names the small multiple the series is drawn in (NaN values:
    no data there, drawn as a gap)."""

    name: str
    values: tuple[float, ...]
    low: tuple[float, ...] = ()
    high: tuple[float, ...] = ()
    panel: str = ""


@dataclass(frozen=True)
class Chart:
    """Data for one chart. charts.py draws it; `caption` says what it shows, `alt` describes it.

    "bar": one panel per series; "interval": points with intervals; "stacked": one bar per
    category, the series' values (shares, in %) stacked along it, with a legend."""

    id: str
    kind: Literal["bar", "interval", "trend", "stacked"]
    title: str
    caption: str
    alt: str
    categories: tuple[str, ...]  # one per bar / row, e.g. outlets
    series: tuple[Series, ...]
    x_label: str = ""
    reference: float | None = None  # a vertical reference line (e.g. 0 for sentiment)
    # "trend": categories are periods; the panel named `counts_panel` is drawn beneath the
    # others as stacked bars (articles per period); `highlight` are categories shaded.
    counts_panel: str = ""
    highlight: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteGroup:
    """Quotes under a heading, e.g. one outlet's passages on one frame."""

    title: str
    quotes: tuple[Quote, ...]
    note: str = ""


@dataclass(frozen=True)
class SideBySide:
    """Passages from different outlets on the same theme, laid out in columns."""

    title: str
    columns: tuple[QuoteGroup, ...]


@dataclass(frozen=True)
class Callout:
    """A boxed aside: content note, "what is a frame", limitations."""

    title: str
    paragraphs: tuple[str, ...]
    kind: Literal["note", "warning", "definition"] = "note"


Block = Paragraph | BulletList | Table | Chart | QuoteGroup | SideBySide | Callout


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()
    page_break: bool = False


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    generated: str  # ISO date
    scope: tuple[str, ...]  # short lines: articles, outlets, date range, lexicons
    scope_table: Table | None = None


@dataclass(frozen=True)
class Report:
    profile: Profile
    title: str
    cover: Cover
    sections: tuple[Section, ...]
    reproducibility: str
    author: str = "framing"
    subject: str = ""
    keywords: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())  # every quote in the report, for checks
