"""Charts as SVG text: the only module that imports matplotlib.

`render_chart(chart)` draws a `structure.Chart` and returns an `<svg>` element ready to be
inlined in HTML: no XML prolog, no date, ids prefixed with the chart id (several charts share
one document), `role="img"`, `aria-label` and a `<title>` carrying the chart's alt text.
Output is deterministic: the same Chart gives byte-identical SVG.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from xml.sax.saxutils import escape, quoteattr

from framing.reporting.structure import Chart

# Okabe & Ito (2008) colour-blind safe palette, sober colours first.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
MARKERS = ("o", "s", "D", "^", "v", "P", "X")
WIDTH_INCHES = 6.3  # A4 text width with 20 mm margins is about 6.7 in
LABEL_WIDTH = 30  # characters per line of a category label
ROW_INCHES = 0.24
FONT_SIZE = 8.5
INTERVAL_COLOUR = "#333333"
INTERVAL_REACH = 3.0  # intervals are cut at this many times the longest bar


def render_chart(chart: Chart) -> str:
    """Draw `chart` ("bar", "interval", "trend" or "stacked") and return SVG text."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    style = {
        "svg.fonttype": "none",  # text stays text: selectable, searchable, escaped by matplotlib
        "svg.hashsalt": "framing",
        "font.family": "DejaVu Sans",
        "font.size": FONT_SIZE,
        "axes.edgecolor": "#555555",
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": "#333333",
        "ytick.color": "#222222",
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.0,
        "ytick.major.size": 0,
        "figure.dpi": 72,
    }
    with matplotlib.rc_context(style):
        if chart.kind == "bar":
            figure = _bar_figure(plt, chart)
        elif chart.kind == "interval":
            figure = _interval_figure(plt, chart)
        elif chart.kind == "trend":
            figure = _trend_figure(plt, chart)
        elif chart.kind == "stacked":
            figure = _stacked_figure(plt, chart)
        else:
            raise ValueError(f"chart {chart.id!r}: unknown kind {chart.kind!r}")
        buffer = io.StringIO()
        try:
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(figure)
    return _finish_svg(buffer.getvalue(), chart)


def wrap_label(label: str, *, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """Wrap a category label on at most `lines` lines, ending with "…" when cut."""
    label = " ".join(label.split())
    if len(label) <= width:
        return label
    wrapped = textwrap.wrap(label, width=width, break_long_words=True, break_on_hyphens=True)
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    if len(last) > width - 1:
        last = last[: width - 1].rstrip()
    kept[-1] = last + "…"
    return "\n".join(kept)


def panel_title(name: str, panels: int) -> str:
    """A panel's title wrapped to the panel's width, so neighbouring titles never overlap."""
    # About 70 characters of the font fit across the plotting area, shared by the panels.
    width = max(8, int(70 / panels) - 1)
    return "\n".join(textwrap.wrap(name, width=width, break_long_words=False)) or name


def format_value(value: float, *, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value:,.{decimals}f}"
    return text.replace("-", "\u2212")  # a real minus sign


def decimals_for(values: list[float]) -> int:
    finite = [abs(v) for v in values if v is not None and not math.isnan(v)]
    if finite and all(float(v).is_integer() for v in finite):
        return 0
    largest = max(finite, default=0.0)
    if largest >= 100:
        return 0
    if largest >= 10:
        return 1
    return 2


def _figure_height(n_categories: int, *, per_row: float = ROW_INCHES, extra: float = 0.9) -> float:
    return max(1.6, extra + per_row * max(n_categories, 1))


def plain(text: str) -> str:
    """Escape matplotlib's mathtext marker so a "$" in a label stays a dollar sign."""
    return text.replace("$", r"\$")


def _row_inches(chart: Chart) -> float:
    """Room per category: more when a label wraps onto two lines."""
    wrapped = any("\n" in wrap_label(category) for category in chart.categories)
    return ROW_INCHES * (1.25 if wrapped else 1.0)


def _labels(chart: Chart) -> list[str]:
    return [plain(wrap_label(category)) for category in chart.categories]


def _clean(values: tuple[float, ...], n: int) -> list[float]:
    cleaned = [float(v) if v is not None else math.nan for v in values[:n]]
    return cleaned + [math.nan] * (n - len(cleaned))


def _empty(plt, chart: Chart):
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 1.2))
    axes.axis("off")
    axes.text(0.5, 0.5, "No data to show.", ha="center", va="center", color="#555555",
              transform=axes.transAxes)
    return figure


def _bar_figure(plt, chart: Chart):
    """One panel per series (series may have different units), categories top to bottom."""
    n = len(chart.categories)
    series = chart.series
    if n == 0 or not series:
        return _empty(plt, chart)
    rows_per_category = 1
    height = _figure_height(n * rows_per_category, per_row=_row_inches(chart))
    if len(series) > 1:
        title_lines = max(panel_title(one.name, len(series)).count("\n") + 1 for one in series)
        height += 0.25 + 0.14 * (title_lines - 1)
    figure, axes_list = plt.subplots(
        1, len(series), figsize=(WIDTH_INCHES, height), sharey=True, squeeze=False
    )
    positions = list(range(n))
    labels = _labels(chart)
    for index, (axes, one) in enumerate(zip(axes_list[0], series, strict=True)):
        values = _clean(one.values, n)
        colour = PALETTE[index % len(PALETTE)]
        drawable = [0.0 if math.isnan(v) else v for v in values]
        axes.barh(positions, drawable, height=0.62, color=colour, edgecolor="none", zorder=2)
        largest = max((abs(v) for v in drawable), default=0.0)
        negative = min(drawable, default=0.0) < 0
        decimals = decimals_for(values)
        lows = _clean(one.low, n) if one.low else [math.nan] * n
        highs = _clean(one.high, n) if one.high else [math.nan] * n
        # An interval is drawn up to INTERVAL_REACH times the longest bar, and cut there
        # (marked with an arrow head), so one wide interval does not squash every bar.
        reach = max([largest, *(min(h, INTERVAL_REACH * largest) for h in highs
                                if not math.isnan(h))], default=0.0)
        span = reach if reach > 0 else (largest if largest > 0 else 1.0)
        label_at = []
        for position, low, high in zip(positions, lows, highs, strict=True):
            if math.isnan(low) or math.isnan(high):
                label_at.append(None)
                continue
            end = min(high, span)
            axes.plot([low, end], [position, position], color=INTERVAL_COLOUR, linewidth=0.9,
                      solid_capstyle="butt", zorder=3)
            axes.plot([low, low], [position - 0.16, position + 0.16], color=INTERVAL_COLOUR,
                      linewidth=0.9, zorder=3)
            if high > span:
                axes.plot([end], [position], marker=">", markersize=3.5, color=INTERVAL_COLOUR,
                          linestyle="none", zorder=3)
            else:
                axes.plot([end, end], [position - 0.16, position + 0.16],
                          color=INTERVAL_COLOUR, linewidth=0.9, zorder=3)
            label_at.append(end)
        for position, value, end in zip(positions, values, label_at, strict=True):
            label = format_value(value, decimals=decimals)
            if math.isnan(value):
                axes.text(0, position, " " + label, va="center", ha="left", color="#555555",
                          fontsize=FONT_SIZE - 1)
            elif value >= 0:
                x = max(value, end if end is not None else value)
                axes.text(x + span * 0.015, position, label, va="center", ha="left",
                          fontsize=FONT_SIZE - 1, color="#222222")
            else:
                axes.text(value - span * 0.015, position, label, va="center", ha="right",
                          fontsize=FONT_SIZE - 1, color="#222222")
        if chart.reference is not None:  # the reference line must be on the chart
            span = max(span, abs(chart.reference))
        right = span * (1.3 if one.high else 1.22) if reach > 0 or chart.reference else 1.0
        left = -span * 1.22 if negative else 0.0
        axes.set_xlim(left, right)
        axes.xaxis.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
        axes.set_axisbelow(True)
        if negative:
            axes.axvline(0, color="#555555", linewidth=0.6)
        if len(series) > 1:
            axes.set_title(plain(panel_title(one.name, len(series))), fontsize=FONT_SIZE,
                           loc="left", color="#222222")
        if chart.reference is not None:
            axes.axvline(chart.reference, color="#555555", linewidth=0.8, linestyle="--")
    first = axes_list[0][0]
    first.set_yticks(positions)
    first.set_yticklabels(labels)
    first.set_ylim(n - 0.5, -0.5)
    if chart.x_label:
        if len(series) == 1:
            first.set_xlabel(plain(chart.x_label))
        else:
            figure.supxlabel(plain(chart.x_label), fontsize=FONT_SIZE)
    figure.tight_layout(pad=0.4, w_pad=1.2)
    return figure


def _interval_figure(plt, chart: Chart):
    """A point and its 95% interval per category; a dashed reference line."""
    n = len(chart.categories)
    series = chart.series
    if n == 0 or not series:
        return _empty(plt, chart)
    figure, axes = plt.subplots(
        figsize=(WIDTH_INCHES, _figure_height(n, per_row=_row_inches(chart))))
    labels = _labels(chart)
    count = len(series)
    offsets = [0.0] if count == 1 else [(i - (count - 1) / 2) * 0.6 / count for i in range(count)]
    everything: list[float] = []
    for one in series:
        everything += [v for v in _clean(one.values, n) if not math.isnan(v)]
        everything += [v for v in _clean(one.low, n) if not math.isnan(v)]
        everything += [v for v in _clean(one.high, n) if not math.isnan(v)]
    if chart.reference is not None:
        everything.append(chart.reference)
    decimals = decimals_for(everything)
    for index, one in enumerate(series):
        values = _clean(one.values, n)
        low = _clean(one.low, n) if one.low else [math.nan] * n
        high = _clean(one.high, n) if one.high else [math.nan] * n
        colour = PALETTE[index % len(PALETTE)]
        marker = MARKERS[index % len(MARKERS)]
        for row in range(n):
            y = row + offsets[index]
            if not math.isnan(low[row]) and not math.isnan(high[row]):
                axes.plot([low[row], high[row]], [y, y], color=colour, linewidth=1.6,
                          solid_capstyle="butt", zorder=2)
                axes.plot([low[row], low[row]], [y - 0.12, y + 0.12], color=colour,
                          linewidth=1.0, zorder=2)
                axes.plot([high[row], high[row]], [y - 0.12, y + 0.12], color=colour,
                          linewidth=1.0, zorder=2)
            if not math.isnan(values[row]):
                axes.plot([values[row]], [y], marker=marker, color=colour, markersize=5,
                          linestyle="none", zorder=3,
                          label=plain(one.name) if row == 0 else None)
    if chart.reference is not None:
        axes.axvline(chart.reference, color="#555555", linewidth=0.8, linestyle="--", zorder=1)
    lowest = min(everything, default=-1.0)
    highest = max(everything, default=1.0)
    if lowest == highest:
        lowest, highest = lowest - 1, highest + 1
    margin = (highest - lowest) * 0.06
    axes.set_xlim(lowest - margin, highest + margin)
    axes.set_yticks(list(range(n)))
    axes.set_yticklabels(labels)
    axes.set_ylim(n - 0.5, -0.5)
    axes.xaxis.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    axes.set_axisbelow(True)
    if chart.x_label:
        axes.set_xlabel(plain(chart.x_label))
    if count == 1:
        # The numbers, in a column to the right of the plot: "mean [low, high]".
        one = series[0]
        values = _clean(one.values, n)
        low = _clean(one.low, n) if one.low else [math.nan] * n
        high = _clean(one.high, n) if one.high else [math.nan] * n
        transform = axes.get_yaxis_transform()
        for row in range(n):
            text = format_value(values[row], decimals=decimals)
            if not (math.isnan(low[row]) or math.isnan(high[row])):
                text += (f" [{format_value(low[row], decimals=decimals)}, "
                         f"{format_value(high[row], decimals=decimals)}]")
            axes.text(1.02, row, text, transform=transform, va="center", ha="left",
                      fontsize=FONT_SIZE - 1, color="#222222")
        figure.tight_layout(pad=0.4, rect=(0, 0, 0.80, 1))
    else:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.9 / _figure_height(n)),
                    ncol=min(count, 4), frameon=False, fontsize=FONT_SIZE - 0.5)
        figure.tight_layout(pad=0.4)
    return figure


TREND_COLUMNS = 2
TREND_PANEL_INCHES = 1.35
TREND_COUNTS_INCHES = 1.05
TREND_TICKS = 12  # period labels shown along the full-width x axis, at most
BAND_ALPHA = 0.09
POOLED_COLOUR = "#888888"


def _trend_figure(plt, chart: Chart):
    """Small multiples over periods: one panel per `Series.panel`, a line per series with
    its interval as a band (NaN: a gap, no data); the counts panel beneath, stacked bars."""
    n = len(chart.categories)
    panels = list(dict.fromkeys(s.panel for s in chart.series if s.panel != chart.counts_panel))
    counts = [s for s in chart.series if chart.counts_panel and s.panel == chart.counts_panel]
    if n == 0 or not panels:
        return _empty(plt, chart)
    rows = -(-len(panels) // TREND_COLUMNS)
    names = list(dict.fromkeys(s.name for s in chart.series))
    colour = {name: PALETTE[k % len(PALETTE)] for k, name in enumerate(names)}
    marker = {name: MARKERS[k % len(MARKERS)] for k, name in enumerate(names)}
    for name in names:
        if name.endswith(" other outlets"):  # the pooled rest, in grey
            colour[name], marker[name] = POOLED_COLOUR, "."
    height = rows * TREND_PANEL_INCHES + (TREND_COUNTS_INCHES if counts else 0) + 0.8
    figure = plt.figure(figsize=(WIDTH_INCHES, height))
    ratios = [TREND_PANEL_INCHES] * rows + ([TREND_COUNTS_INCHES] if counts else [])
    grid = figure.add_gridspec(len(ratios), TREND_COLUMNS, height_ratios=ratios)
    x = list(range(n))
    shaded = [k for k, category in enumerate(chart.categories) if category in chart.highlight]
    axes_all = []
    for index, panel in enumerate(panels):
        axes = figure.add_subplot(grid[index // TREND_COLUMNS, index % TREND_COLUMNS])
        axes_all.append(axes)
        top = 0.0
        for one in (s for s in chart.series if s.panel == panel):
            values = _clean(one.values, n)
            low = _clean(one.low, n) if one.low else [math.nan] * n
            high = _clean(one.high, n) if one.high else [math.nan] * n
            axes.fill_between(x, low, high, color=colour[one.name], alpha=BAND_ALPHA,
                              linewidth=0, zorder=1)
            axes.plot(x, values, color=colour[one.name], linewidth=1.1, marker=marker[one.name],
                      markersize=2.6, zorder=3)
            top = max([top, *(v for v in values if not math.isnan(v))])
        # Bands can be far wider than the lines: the axis follows the lines, bands are cut.
        axes.set_ylim(0, top * 1.3 if top > 0 else 1.0)
        axes.set_title(plain(panel_title(panel, TREND_COLUMNS)), fontsize=FONT_SIZE,
                       loc="left", color="#222222")
        _period_axis(axes, chart, shaded, ticks=TREND_TICKS // TREND_COLUMNS)
        axes.yaxis.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
        axes.tick_params(axis="y", labelsize=FONT_SIZE - 1.5)
    if counts:
        axes = figure.add_subplot(grid[rows, :])
        axes_all.append(axes)
        bottom = [0.0] * n
        for one in counts:
            values = [0.0 if math.isnan(v) else v for v in _clean(one.values, n)]
            axes.bar(x, values, bottom=bottom, color=colour[one.name], width=0.8,
                     edgecolor="none", zorder=2)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_title(plain(chart.counts_panel), fontsize=FONT_SIZE, loc="left",
                       color="#222222")
        axes.yaxis.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
        axes.set_axisbelow(True)
        axes.tick_params(axis="y", labelsize=FONT_SIZE - 1.5)
        _period_axis(axes, chart, shaded, ticks=TREND_TICKS)
    handles = [plt.Line2D([0], [0], color=colour[name], marker=marker[name], markersize=3,
                          linewidth=1.1) for name in names]
    figure.legend(handles, [plain(wrap_label(name, width=24, lines=1)) for name in names],
                  loc="lower center", ncol=min(4, len(names)), frameon=False,
                  fontsize=FONT_SIZE - 1)
    legend_rows = -(-len(names) // 4)
    figure.tight_layout(pad=0.4, h_pad=0.6, w_pad=1.0,
                        rect=(0, 0.045 + 0.035 * legend_rows * 6 / height, 1, 1))
    return figure


def _period_axis(axes, chart: Chart, shaded: list[int], *, ticks: int) -> None:
    """Period ticks (at most `ticks` labelled), shading for the highlighted periods."""
    n = len(chart.categories)
    step = max(1, -(-n // ticks))
    shown = list(range(0, n, step))
    axes.set_xlim(-0.6, n - 0.4)
    axes.set_xticks(shown)
    rotate = max(len(c) for c in chart.categories) > 4 and len(shown) > 3
    axes.set_xticklabels([chart.categories[k] for k in shown], fontsize=FONT_SIZE - 2,
                         rotation=30 if rotate else 0, ha="right" if rotate else "center")
    for k in shaded:
        axes.axvspan(k - 0.5, k + 0.5, color="#000000", alpha=0.06, linewidth=0, zorder=0)


# Colours of a stacked chart's last two series when they are "other" and "unattributed":
# greys, so that the roles proper stand out.
STACK_GREYS = {"other": "#999999", "unattributed": "#D9D9D9"}
STACK_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                 "#000000")
STACK_LABEL_SHARE = 7.0  # a segment this wide (in %) or wider is labelled with its value


def _stacked_figure(plt, chart: Chart):
    """One horizontal bar per category, the series stacked along it (shares in %), a legend
    below; segments wide enough carry their value."""
    n = len(chart.categories)
    series = [one for one in chart.series if any(v for v in _clean(one.values, n)
                                                 if not math.isnan(v))]
    if n == 0 or not series:
        return _empty(plt, chart)
    columns = min(len(series), 5)
    legend_rows = -(-len(series) // columns)
    height = _figure_height(n, per_row=_row_inches(chart) * 1.25, extra=0.9 + 0.2 * legend_rows)
    figure, axes = plt.subplots(figsize=(WIDTH_INCHES, height))
    positions = list(range(n))
    left = [0.0] * n
    colours = iter(STACK_PALETTE * (len(series) // len(STACK_PALETTE) + 1))
    for one in series:
        values = [0.0 if math.isnan(v) else v for v in _clean(one.values, n)]
        colour = STACK_GREYS.get(one.name) or next(colours)
        axes.barh(positions, values, left=left, height=0.62, color=colour, edgecolor="white",
                  linewidth=0.5, label=plain(one.name), zorder=2)
        dark = colour in ("#0072B2", "#009E73", "#CC79A7", "#D55E00", "#000000", "#999999")
        for position, value, start in zip(positions, values, left, strict=True):
            if value >= STACK_LABEL_SHARE:
                axes.text(start + value / 2, position, f"{value:.0f}%", va="center",
                          ha="center", fontsize=FONT_SIZE - 1.5,
                          color="white" if dark else "#222222", zorder=3)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlim(0, 100)
    axes.set_yticks(positions)
    axes.set_yticklabels(_labels(chart))
    axes.set_ylim(n - 0.5, -0.5)
    axes.xaxis.grid(True, color="#dddddd", linewidth=0.5, zorder=0)
    axes.set_axisbelow(True)
    if chart.x_label:
        axes.set_xlabel(plain(chart.x_label))
    # The legend at the foot of the figure, in room measured in inches: placed in axes
    # fractions it fell further below the axis the more bars the chart had.
    handles, labels = axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=columns, frameon=False,
                  fontsize=FONT_SIZE - 0.5, handlelength=1.2, columnspacing=1.0)
    figure.tight_layout(pad=0.4, rect=(0, (0.1 + 0.2 * legend_rows) / height, 1, 1))
    return figure


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_HREF = re.compile(r'(\b(?:xlink:)?href)="#([^"]+)"')
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def _finish_svg(svg: str, chart: Chart) -> str:
    """Inline-ready SVG: no prolog, ids made unique per chart, accessible name and title."""
    svg = _PROLOG.sub("", svg, count=1)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, count=1, flags=re.DOTALL)
    prefix = "chart-" + (_SAFE_ID.sub("-", chart.id) or "x")
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = _HREF.sub(lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)

    def opening(match: re.Match[str]) -> str:
        attributes = match.group(1)
        attributes = re.sub(r'\s(width|height)="[^"]*"', "", attributes)
        return (f'<svg{attributes} role="img" aria-label={quoteattr(chart.alt)} '
                f'class="chart-svg" preserveAspectRatio="xMidYMin meet">'
                f"<title>{escape(chart.alt)}</title>")

    svg = _SVG_OPEN.sub(opening, svg, count=1)
    # matplotlib's stylesheet says "*{...}": inline in HTML it would reach the whole page.
    svg = svg.replace("<style type=\"text/css\">*{", "<style type=\"text/css\">.chart-svg *{", 1)
    return svg.strip() + "\n"
