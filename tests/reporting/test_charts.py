import re
import xml.etree.ElementTree as ET

import pytest

from framing.reporting.charts import decimals_for, format_value, render_chart, wrap_label
from framing.reporting.structure import Chart, Series

SVG = "{http://www.w3.org/2000/svg}"


def bar(categories, values, *, chart_id="rate", series_name="Per 1,000 words",
        alt="Bar chart of mentions per 1,000 words by outlet."):
    return Chart(id=chart_id, kind="bar", title="Rate", caption="Mentions per 1,000 words.",
                 alt=alt, categories=tuple(categories),
                 series=(Series(series_name, tuple(values)),))


def interval():
    return Chart(id="tone", kind="interval", title="Tone", caption="Mean with 95% interval.",
                 alt="Interval chart of tone.", categories=("BBC News", "Breitbart"),
                 series=(Series("Mean", (-0.31, 0.12), low=(-0.5, -0.05), high=(-0.1, 0.3)),),
                 x_label="VADER compound", reference=0.0)


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")]


def view_height(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))


def test_bar_chart_is_well_formed_accessible_svg_with_values_labelled():
    svg = render_chart(bar(["The Independent", "BBC News"], [1.9, 0.0]))
    root = ET.fromstring(svg)  # well-formed XML, no prolog
    assert svg.startswith("<svg")
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Bar chart of mentions per 1,000 words by outlet."
    assert root.find(f"{SVG}title").text == "Bar chart of mentions per 1,000 words by outlet."
    labels = texts(svg)
    assert "The Independent" in labels and "BBC News" in labels
    assert "1.90" in labels and "0.00" in labels


def test_output_is_deterministic_and_undated():
    chart = bar(["A", "B", "C"], [3.0, 1.5, 2.25])
    first = render_chart(chart)
    assert first == render_chart(chart)
    assert "<dc:date" not in first and "<metadata" not in first


def test_ids_are_prefixed_so_two_charts_can_share_a_page():
    one = render_chart(bar(["A", "B"], [1, 2], chart_id="one"))
    two = render_chart(bar(["A", "B"], [1, 2], chart_id="two"))
    ids_one = set(re.findall(r'id="([^"]+)"', one))
    ids_two = set(re.findall(r'id="([^"]+)"', two))
    assert ids_one and not ids_one & ids_two
    assert all(identifier.startswith("chart-one-") for identifier in ids_one)
    for reference in re.findall(r"url\(#([^)]+)\)", one):
        assert reference in ids_one


def test_hostile_labels_stay_text():
    hostile = "<script>alert(1)</script>"
    svg = render_chart(bar([hostile, "Cost: $5 and $10"], [1, 2],
                           series_name="<b>rate</b>", alt='Alt "with" <tags>'))
    assert "<script" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == 'Alt "with" <tags>'
    joined = " ".join(texts(svg))
    assert "<script>alert(1)</script>" in joined  # shown as text, escaped in the markup
    assert "Cost: $5 and $10" in joined  # "$" is not read as mathtext


def test_height_grows_with_categories():
    two = render_chart(bar(["A", "B"], [1, 2]))
    thirty = render_chart(bar([f"Outlet {i}" for i in range(30)], list(range(30))))
    assert view_height(thirty) > 4 * view_height(two)
    assert len([t for t in texts(thirty) if t.startswith("Outlet ")]) == 30


def test_long_labels_are_wrapped_and_cut_with_an_ellipsis():
    label = ("The Sunday Telegraph and Daily Telegraph incorporating the Morning Post "
             "(Weekend Edition, North of England and Scotland)")
    wrapped = wrap_label(label, width=30, lines=2)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and all(len(line) <= 30 for line in lines)
    assert wrapped.endswith("…")
    assert wrap_label("BBC News") == "BBC News"
    unbroken = wrap_label("x" * 100, width=30, lines=2)
    assert unbroken.split("\n") == ["x" * 30, "x" * 29 + "…"]


def test_interval_chart_shows_point_interval_and_reference():
    svg = render_chart(interval())
    labels = texts(svg)
    assert "\u22120.31 [\u22120.50, \u22120.10]" in labels
    assert "0.12 [\u22120.05, 0.30]" in labels
    assert "stroke-dasharray" in svg  # the dashed reference line
    ET.fromstring(svg)


def test_several_series_get_one_panel_each_with_its_name():
    chart = Chart(id="two", kind="bar", title="t", caption="c", alt="a", categories=("A", "B"),
                  series=(Series("Per 1,000 words", (1.5, 2.5)),
                          Series("Share of articles (%)", (40.0, 60.0))))
    labels = texts(render_chart(chart))
    assert "Per 1,000 words" in labels and "Share of articles (%)" in labels
    assert "40" in labels and "2.50" in labels


def test_missing_values_and_empty_charts():
    svg = render_chart(bar(["A", "B"], [float("nan"), 2.0]))
    assert "n/a" in texts(svg)
    empty = render_chart(bar([], []))
    assert "No data to show." in texts(empty)


def test_unknown_kind_is_refused():
    chart = Chart(id="x", kind="pie", title="", caption="", alt="", categories=("A",),  # type: ignore[arg-type]
                  series=(Series("s", (1.0,)),))
    with pytest.raises(ValueError, match="unknown kind"):
        render_chart(chart)


def test_number_formatting():
    assert format_value(-0.5, decimals=2) == "\u22120.50"
    assert format_value(float("nan"), decimals=1) == "n/a"
    assert format_value(12345.0, decimals=0) == "12,345"
    assert decimals_for([0.5, 3.25]) == 2
    assert decimals_for([12.5, 3.25]) == 1
    assert decimals_for([150.5]) == 0
    assert decimals_for([13.0, 40.0]) == 0


def stacked(categories, series, alt="Stacked bar chart of quotations by role."):
    return Chart(id="roles", kind="stacked", title="Whose words", caption="Shares by role.",
                 alt=alt, categories=tuple(categories),
                 series=tuple(Series(name, tuple(values)) for name, values in series),
                 x_label="% of the outlet's direct quotations")


def test_stacked_chart_stacks_shares_labels_wide_segments_and_has_a_legend():
    svg = render_chart(stacked(["BBC News (n = 19)", "Breitbart (n = 4)"], [
        ("police", (37.0, 0.0)), ("officials", (3.0, 50.0)), ("other", (60.0, 25.0)),
        ("unattributed", (0.0, 25.0)), ("victims", (0.0, 0.0))]))
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "Stacked bar chart of quotations by role."
    shown = texts(svg)
    assert "BBC News (n = 19)" in shown and "Breitbart (n = 4)" in shown
    assert {"37%", "60%", "50%", "25%"} <= set(shown)
    assert "3%" not in shown  # too narrow to label
    assert {"police", "officials", "other", "unattributed"} <= set(shown)  # the legend
    assert "victims" not in shown  # a series with no share is left out
    assert render_chart(stacked(["BBC News (n = 19)", "Breitbart (n = 4)"], [
        ("police", (37.0, 0.0))])) == render_chart(stacked(
            ["BBC News (n = 19)", "Breitbart (n = 4)"], [("police", (37.0, 0.0))]))


def test_stacked_chart_without_data_says_so():
    assert "No data to show." in texts(render_chart(stacked([], [])))
