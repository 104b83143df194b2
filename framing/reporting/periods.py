"""The report's periodic parts: "Changes since <baseline>" and "Trends", from the
PeriodAnalysis of framing.features.periods. Presentation only: numbers are formatted here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from framing.evidence import Evidence, quote_for
from framing.reporting.claims import bound
from framing.reporting.structure import (
    Block,
    BulletList,
    Chart,
    Paragraph,
    Quote,
    QuoteGroup,
    Section,
    Series,
    Table,
)
from framing.reporting.wording import (
    decimal,
    join_names,
    lexicon_label,
    number,
    percent,
    plural,
    signed,
    terms_of,
)
from framing.types import Change, Features, LeftOut, OutletPeriod, PeriodAnalysis

FLAGGED_SHOWN = 12  # flagged changes quoted in the report; all are in changes.csv
OUTLYING_SHARE = 0.01  # periods at either end holding this share of articles are not drawn
CHANGE_OUTLETS = 25  # outlets in each table of changes
COUNTS_PANEL = "Articles per period"
UP, DOWN = "▲", "▼"
RATIO_SHOWN = 1000


# --- words for the measures -------------------------------------------------------------


def _lexicon_of(measure: str, lexicons: Sequence[str]) -> tuple[str | None, str]:
    """(lexicon, what is measured) of a measure name: ("ethnicity", "per_1k")."""
    for lexicon in lexicons:
        if measure.startswith(lexicon + "_"):
            return lexicon, measure[len(lexicon) + 1:]
    return None, measure


def measure_label(measure: str, lexicons: Sequence[str]) -> str:
    """ "ethnicity terms per 1,000 words", "mean sentiment", ..."""
    lexicon, what = _lexicon_of(measure, lexicons)
    if lexicon is None:
        return "mean sentiment (VADER)" if what == "sentiment_mean" else "number of articles"
    label = terms_of(lexicon)
    return {"per_1k": f"{label} per 1,000 words",
            "article_share": f"share of articles with {label}",
            "own_voice_share": f"share of {lexicon_label(lexicon)} mentions in its own voice",
            }[what]


def value_text(measure: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if measure.endswith("_per_1k"):
        return decimal(value, 2)
    if measure.endswith("_share"):
        return percent(value)
    if measure == "sentiment_mean":
        return signed(value)
    return number(int(value))


def is_ratio(measure: str) -> bool:
    return measure.endswith("_per_1k") or measure == "articles"


def change_text(change: Change) -> str:
    """ "×2.05 [1.31, 3.40]", "+12 pts [+3, +21]", "+0.12 [+0.03, +0.21]" or "–"."""
    if change.change is None:
        return "–"
    if is_ratio(change.measure):
        text = f"×{_times(change.change)}"
        if change.ci_low is not None and change.ci_high is not None:
            text += f" [{_ratio_bound(change.ci_low)}, {_ratio_bound(change.ci_high)}]"
    elif change.measure.endswith("_share"):
        text = f"{_points(change.change)} pts"
        if change.ci_low is not None and change.ci_high is not None:
            text += f" [{_points(change.ci_low)}, {_points(change.ci_high)}]"
    else:
        text = signed(change.change)
        if change.ci_low is not None and change.ci_high is not None:
            text += f" [{signed(change.ci_low)}, {signed(change.ci_high)}]"
    if change.flagged:
        text += " " + (UP if _rose(change) else DOWN)
    return text


def _ratio_bound(value: float) -> str:
    """A ratio's bound for a table: above RATIO_SHOWN only said to be (the exact figure is
    in changes.csv): with two or three articles a bound can run to millions."""
    if RATIO_SHOWN < value < math.inf:
        return f">{number(RATIO_SHOWN)}"
    return bound(value, null=1.0)


def _rose(change: Change) -> bool:
    assert change.change is not None
    return change.change > 1 if is_ratio(change.measure) else change.change > 0


def _times(value: float) -> str:
    return "∞" if math.isinf(value) else decimal(value, 2 if value < 10 else 1)


def _points(share: float) -> str:
    text = f"{100 * share:+.0f}"
    return text.replace("-", "+", 1) if text in ("-0", "+0") else text


def change_sentence(change: Change, lexicons: Sequence[str]) -> str:
    """ "Fox News: ethnicity terms per 1,000 words rose from 0.41 to 0.83, 2.03 times the
    baseline's (95% CI 1.31 to 3.40)"."""
    label = measure_label(change.measure, lexicons)
    then, now = (value_text(change.measure, change.baseline_value),
                 value_text(change.measure, change.value))
    rose = _rose(change)
    verb = "rose" if rose else "fell"
    low, high = change.ci_low, change.ci_high
    assert change.change is not None and low is not None and high is not None
    if is_ratio(change.measure):
        size = ("from none" if change.baseline_value == 0 else
                f"{_times(change.change)} times the baseline's")
        interval = f"95% CI {bound(low, null=1.0)} to {bound(high, null=1.0)}"
    elif change.measure.endswith("_share"):
        size = f"by {abs(round(100 * change.change))} percentage points"
        interval = f"95% CI {_points(low)} to {_points(high)} points"
    else:
        size = f"by {decimal(abs(change.change), 2)}"
        interval = f"95% CI {signed(low)} to {signed(high)}"
    return f"{change.outlet}: {label} {verb} from {then} to {now}, {size} ({interval})"


# --- the period on the cover and in the key findings ------------------------------------


def left_out_text(left: LeftOut, where: str) -> str:
    """ "12 articles without a date and 3 dated only to a year, which cannot be placed in
    2016 or 2015" (or "")."""
    if not left.total:
        return ""
    parts = []
    if left.no_date:
        parts.append(f"{plural(left.no_date, 'article')} without a date")
    if left.year_only:
        parts.append(f"{plural(left.year_only, 'article')} dated only to a year")
    if left.month_only:
        parts.append(f"{plural(left.month_only, 'article')} dated only to a month")
    return join_names(parts) + f", which cannot be placed in {where}"


def _where(periods: PeriodAnalysis) -> str:
    if periods.baseline is None:
        return str(periods.period)
    return f"{periods.period} or {periods.baseline}"


def scope_lines(features: Features) -> list[str]:
    """Cover lines: the period, its baseline and what was left out."""
    periods = features.periods
    if periods is None:
        return []
    lines = []
    if periods.period is not None:
        line = f"Period: {periods.period} ({_period_dates(periods.period)})"
        if periods.baseline is not None:
            line += (f", compared with {periods.baseline} "
                     f"({plural(periods.baseline_articles, 'article')})")
        lines.append(line)
        if periods.left_out.total:
            lines.append("Left out of the period figures: "
                         + left_out_text(periods.left_out, _where(periods)))
    if periods.trend is not None:
        lines.append(f"Trends by {periods.trend}"
                     + (f"; {left_out_text(periods.left_out_of_trend, 'a ' + periods.trend)}"
                        if periods.left_out_of_trend.total else ""))
    return lines


def _period_dates(period) -> str:
    return f"{period.start.isoformat()} to {period.end.isoformat()}"


def period_findings(features: Features) -> list[str]:
    """Key findings about the period: what it covers, and the clearest changes."""
    periods = features.periods
    if periods is None or periods.period is None:
        return []
    n = len(features.corpus.articles)
    text = f"This report covers {periods.period} ({_period_dates(periods.period)}): "
    text += f"{plural(n, 'article')}"
    if periods.baseline is not None:
        text += (f", compared with {plural(periods.baseline_articles, 'article')} in "
                 f"{periods.baseline}")
    if periods.left_out.total:
        text += "; left out: " + left_out_text(periods.left_out, _where(periods))
    findings = [text + "."]
    if periods.baseline is None:
        return findings
    tested = [c for c in periods.changes if c.p is not None]
    flagged = [c for c in periods.changes if c.flagged]
    lexicons = [lx.name for lx in features.lexicons]
    if flagged:
        shown = "; ".join(change_sentence(c, lexicons) for c in flagged[:3])
        findings.append(
            f"{plural(len(flagged), 'change')} since {periods.baseline} "
            f"{'is' if len(flagged) == 1 else 'are'} clear, of {number(len(tested))} tested "
            f"(false-discovery control): {shown}"
            + ("; the others under “Changes”." if len(flagged) > 3 else "."))
    else:
        findings.append(
            f"No change since {periods.baseline} is clear: no interval of the "
            f"{number(len(tested))} changes tested excludes no change after false-discovery "
            "control.")
    return findings


# --- changes ----------------------------------------------------------------------------


def changes_section(features: Features, evidence: Evidence, *, compact: bool = False
                    ) -> Section | None:
    """ "Changes since <baseline>": flagged changes first, each with a passage from the
    period; then the tables of every outlet's changes (not when `compact`); then the terms
    that became distinctive."""
    periods = features.periods
    if periods is None or periods.period is None or periods.baseline is None:
        return None
    lexicons = [lx.name for lx in features.lexicons]
    tested = [c for c in periods.changes if c.p is not None]
    flagged = [c for c in periods.changes if c.flagged]
    blocks: list[Block] = [Paragraph(
        f"{periods.period} against {periods.baseline}, outlet by outlet: for each frame its "
        "rate per 1,000 words, the share of articles with a mention and the share of its "
        "mentions in the outlet's own voice; the mean sentiment; the number of articles. "
        "A change is a ratio (now ÷ then) for rates and numbers of articles, a difference "
        "for shares (percentage points) and sentiment, with its 95% interval. A change is "
        "flagged when its interval excludes no change after false-discovery control "
        f"(Benjamini-Hochberg) over all {number(len(tested))} changes tested.")]
    if periods.left_out.total:
        blocks.append(Paragraph("Left out: " + left_out_text(periods.left_out,
                                                              _where(periods)) + ".",
                                kind="small-print"))
    if flagged:
        blocks.append(Paragraph(
            f"{plural(len(flagged), 'flagged change')}"
            + (f"; the first {FLAGGED_SHOWN} are shown, all are in changes.csv"
               if len(flagged) > FLAGGED_SHOWN else "") + ":", kind="finding"))
        for change in flagged[:FLAGGED_SHOWN]:
            quote = _change_quote(features, evidence, change)
            blocks.append(QuoteGroup(
                title=change_sentence(change, lexicons),
                quotes=(quote,) if quote is not None else (),
                note=("A passage from this period." if quote is not None else
                      "No article of this outlet in this period to quote.")))
    else:
        blocks.append(Paragraph(
            f"No change is flagged: no interval of the {number(len(tested))} changes tested "
            "excludes no change after false-discovery control. Small samples give wide "
            "intervals; the tables below give every change with its interval.",
            kind="finding"))
    subsections = []
    if not compact:
        subsections = _change_tables(features, periods, lexicons)
    terms = _new_terms_table(periods)
    if terms is not None:
        subsections.append(Section("changes-terms", "Terms that became distinctive", terms))
    return Section("changes", f"Changes since {periods.baseline}", tuple(blocks),
                   tuple(subsections), page_break=True)


def _outlets_by_size(periods: PeriodAnalysis) -> list[str]:
    """Outlets with articles in the period or the baseline, most articles first."""
    sizes: dict[str, int] = {}
    for row in periods.rows:
        if row.period in (periods.period, periods.baseline):
            sizes[row.outlet] = sizes.get(row.outlet, 0) + row.articles
    return sorted((o for o in sizes if sizes[o]), key=lambda o: (-sizes[o], o.casefold()))


def _change_tables(features: Features, periods: PeriodAnalysis,
                   lexicons: list[str]) -> list[Section]:
    outlets = _outlets_by_size(periods)
    shown = sorted(outlets[:CHANGE_OUTLETS], key=str.casefold)
    changes = {(c.outlet, c.measure): c for c in periods.changes}
    note_more = (f" The {len(outlets) - len(shown)} outlets with fewest articles are in "
                 "changes.csv." if len(outlets) > len(shown) else "")
    marks = f" {UP} / {DOWN}: a flagged rise or fall."

    def pair(outlet: str, measure: str) -> str:
        change = changes.get((outlet, measure))
        if change is None:
            return "–"
        return (f"{value_text(measure, change.baseline_value)} → "
                f"{value_text(measure, change.value)}")

    def cell(outlet: str, measure: str) -> str:
        change = changes.get((outlet, measure))
        return "–" if change is None else change_text(change)

    sections = []
    for lexicon in lexicons:
        rows = tuple((o, pair(o, "articles"), pair(o, f"{lexicon}_per_1k"),
                      cell(o, f"{lexicon}_per_1k"), pair(o, f"{lexicon}_article_share"),
                      cell(o, f"{lexicon}_article_share"),
                      pair(o, f"{lexicon}_own_voice_share"),
                      cell(o, f"{lexicon}_own_voice_share")) for o in shown)
        label = terms_of(lexicon)
        table = Table(
            caption=f"{label[0].upper() + label[1:]}: {periods.baseline} → {periods.period}",
            columns=("Outlet", "Articles", "Per 1,000 words", "Change ×[95% CI]",
                     "Articles with one", "Change, points", "Own voice", "Change, points"),
            rows=rows, numeric=(False, *([True] * 7)),
            note=("Each cell: then → now. Rates change as a ratio, shares as a difference in "
                  "percentage points, each with its 95% interval; – where there is nothing to "
                  "compare (no mention in either period, or no article)." + marks + note_more),
            kind="wide")
        sections.append(Section(f"changes-{lexicon}", f"{lexicon_label(lexicon)}".capitalize(),
                                (table,)))
    rows = tuple((o, pair(o, "articles"), cell(o, "articles"), pair(o, "sentiment_mean"),
                  cell(o, "sentiment_mean")) for o in shown)
    sections.append(Section("changes-outlets", "Articles and sentiment", (Table(
        caption=f"Articles and mean sentiment: {periods.baseline} → {periods.period}",
        columns=("Outlet", "Articles", "Change ×[95% CI]", "Mean sentiment", "Change [95% CI]"),
        rows=rows, numeric=(False, True, True, True, True),
        note=("Articles: the change is the ratio of articles per day, its interval allowing "
              "for coverage coming in bursts (articles per day vary more than chance). "
              "Sentiment: difference of mean VADER scores, Welch's interval; none with fewer "
              "than two articles in either period." + marks + note_more)),)))
    return sections


def _new_terms_table(periods: PeriodAnalysis) -> tuple[Block, ...] | None:
    if not periods.new_terms:
        return (Paragraph(f"No term is clearly more frequent in {periods.period} than in "
                          f"{periods.baseline} (every z below 1.96)."),)
    rows = tuple((t.term, decimal(t.z), f"{number(t.count)} (in {t.docs} of {t.docs_total})",
                  number(t.count_rest), decimal(t.log_ratio, 2)) for t in periods.new_terms)
    return (Paragraph(
        f"Terms used more in {periods.period} than in {periods.baseline}, all outlets "
        "together: the weighted log-odds z of the distinctive terms, with the period and the "
        "baseline as the two sides (z of 1.96 or more)."),
        Table(caption=f"Terms that became distinctive in {periods.period}",
              columns=("Term", "z", f"Uses in {periods.period} (articles)",
                       f"Uses in {periods.baseline}", "Log ratio"),
              rows=rows, numeric=(False, True, True, True, True),
              note="Log ratio: log2 of the ratio of the term's relative frequencies."))


def _change_quote(features: Features, evidence: Evidence, change: Change) -> Quote | None:
    """A passage from the period behind a flagged change: a mention of the frame, the most
    negative or positive sentence, or a headline."""
    lexicon, what = _lexicon_of(change.measure, [lx.name for lx in features.lexicons])
    if lexicon is not None:
        quotes = evidence.mentions.get((lexicon, change.outlet), ())
        if what == "own_voice_share":
            wanted = "own" if _rose(change) else "quoted"
            quotes = tuple(sorted(quotes, key=lambda q: q.voice != wanted))
        if quotes:
            return quotes[0]
    elif change.measure == "sentiment_mean":
        quote = (evidence.positive if _rose(change) else evidence.negative).get(change.outlet)
        if quote is not None:
            return quote
    return _headline(features, change.outlet)


def _headline(features: Features, outlet: str) -> Quote | None:
    """The headline of the outlet's latest article in the period."""
    articles = [a for a in features.corpus.articles if a.outlet == outlet and a.headline]
    if not articles:
        return None
    article = max(articles, key=lambda a: (a.published.date if a.published else dt.date.min,
                                           a.id))
    section = next(s for s in article.sections if s.name == "headline")
    return quote_for(article, section.start, section.end)


# --- methods ----------------------------------------------------------------------------


def comparison_methods(features: Features, differences) -> list[str]:
    """Methods items: the rates' intervals, how outlets are compared, and the periods."""
    items = [
        "Intervals on rates: mentions cluster in articles (an article on the topic mentions "
        "it many times, most articles never), so a rate's 95% interval is an exact Poisson "
        "interval on an effective count: the mentions divided by their design effect, the "
        "variance of the rate across the outlet's articles over the variance independent "
        "mentions would have (after Korn & Graubard 1998), widened for how few articles it "
        "is estimated from. An outlet with one article has no interval. In simulations "
        "drawing articles from a real corpus these intervals held the true rate about 95% "
        "of the time at 30 to 300 articles; a bootstrap over articles did not.",
        "Comparing outlets: two outlets' rates are compared by their ratio, with the exact "
        "(Clopper-Pearson) interval of the conditional test of two rates on the same "
        "effective counts; shares in the own voice by their difference (Newcombe's "
        "interval); mean sentiment by Welch's t. A finding, question or caption says that "
        "one outlet differs from another only when the 95% interval excludes no difference "
        "and the difference survives false-discovery control (Benjamini-Hochberg, 5%) over "
        f"all {number(differences.tested)} comparisons made for this report; otherwise it "
        "says that no difference is clear.",
    ]
    periods = features.periods
    if periods is not None:
        text = ("Periods: an article belongs to a period when its date, at the precision it "
                "has, lies inside it (a month-only date belongs to that month); an article "
                "without a date, or with a date too coarse to place (a year-only date in a "
                "quarter), is left out of the period figures and counted.")
        if periods.baseline is not None:
            text += (" Changes since the baseline: rates as a ratio (a design effect pooled "
                     "from both periods), shares of articles as a difference (Newcombe), "
                     "own-voice shares as a difference on effective counts, mean sentiment "
                     "by Welch's t, the number of articles as a ratio of articles per day "
                     "(its design effect from the articles per day); flagged when the 95% "
                     "interval excludes no change after Benjamini-Hochberg control over all "
                     "the changes tested.")
        items.append(text)
    return items


# --- trends -----------------------------------------------------------------------------


def trend_section(features: Features) -> Section | None:
    """ "Trends by <unit>": the small multiples and what they rest on."""
    periods = features.periods
    if periods is None or periods.trend is None or not periods.trend_periods:
        return None
    blocks: list[Block] = [Paragraph(
        f"Each frame's rate per 1,000 words by {periods.trend}, for the "
        f"{plural(len(periods.trend_outlets), 'outlet')} with most articles"
        + (" and the other outlets pooled" if periods.trend_rest else "")
        + ", with 95% intervals as bands. A gap is a period without articles from that "
        "outlet (no data, not zero). Beneath, the articles per period: a dip in coverage "
        "makes intervals wide, and is not a change in framing.")]
    if periods.left_out_of_trend.total:
        blocks.append(Paragraph(
            "Left out: " + left_out_text(periods.left_out_of_trend, f"a {periods.trend}") + ".",
            kind="small-print"))
    blocks.append(trend_chart(features, periods))
    groups = _trend_rows(periods)
    totals = [sum(rows[k].articles for rows in groups.values())
              for k in range(len(periods.trend_periods))]
    blocks.append(BulletList((
        f"{plural(len(periods.trend_periods), periods.trend)} from "
        f"{periods.trend_periods[0]} to {periods.trend_periods[-1]}; articles per "
        f"{periods.trend}: from {number(min(totals))} to {number(max(totals))}"
        + (f"; {plural(sum(t == 0 for t in totals), periods.trend)} without any article"
           if any(t == 0 for t in totals) else "") + ".",
        "Every outlet's figures per period are in periods.csv.")))
    return Section("trends", f"Trends by {periods.trend}", tuple(blocks), page_break=True)


def _trend_rows(periods: PeriodAnalysis) -> dict[str, list[OutletPeriod]]:
    """Group name -> its row for each trend period, in order."""
    index = {p: k for k, p in enumerate(periods.trend_periods)}
    groups: dict[str, list] = {o: [None] * len(index) for o in periods.trend_outlets}
    for row in periods.rows:
        if row.outlet in groups and row.period in index:
            groups[row.outlet][index[row.period]] = row
    if periods.trend_rest:
        groups[periods.trend_rest[0].outlet] = list(periods.trend_rest)
    return groups  # type: ignore[return-value]


def drawn_window(totals: Sequence[int], share: float = OUTLYING_SHARE) -> tuple[int, int]:
    """The periods the trend chart draws, [first, last): the fewest at either end are cut
    as long as they hold no more than `share` of the articles together (a stray article
    dated years before the others would squash the chart)."""
    allowed = share * sum(totals)
    first, last, cut = 0, len(totals), 0
    while first < last - 1 and cut + totals[first] <= allowed:
        cut += totals[first]
        first += 1
    while last - 1 > first and cut + totals[last - 1] <= allowed:
        cut += totals[last - 1]
        last -= 1
    return first, last


def trend_chart(features: Features, periods: PeriodAnalysis) -> Chart:
    groups = _trend_rows(periods)
    totals = [sum(rows[k].articles for rows in groups.values())
              for k in range(len(periods.trend_periods))]
    first, last = drawn_window(totals)
    groups = {name: rows[first:last] for name, rows in groups.items()}
    cut = sum(totals[:first]) + sum(totals[last:])
    series = []
    for c, lexicon in enumerate(features.lexicons):
        panel = f"{terms_of(lexicon)[0].upper() + terms_of(lexicon)[1:]} per 1,000 words"
        for name, rows in groups.items():
            frames = [row.frames[c] for row in rows]
            series.append(Series(
                name, tuple(_nan(f.per_1k) for f in frames),
                tuple(_nan(f.per_1k_ci_low) for f in frames),
                tuple(_nan(f.per_1k_ci_high) for f in frames), panel=panel))
    for name, rows in groups.items():
        series.append(Series(name, tuple(float(row.articles) for row in rows),
                             panel=COUNTS_PANEL))
    highlight = tuple(p.label for p in (periods.period, periods.baseline) if p is not None)
    labels = [p.label for p in periods.trend_periods[first:last]]
    outlying = "" if not cut else (
        f" Not drawn: {plural(cut, 'article')} dated "
        + join_names([p.label for k, p in enumerate(periods.trend_periods)
                      if (k < first or k >= last) and totals[k]], limit=6)
        + ", far from the others (they are in periods.csv).")
    alt = (f"Line charts by {periods.trend}, {labels[0]} to {labels[-1]}, one panel per frame, "
           f"one line per outlet ({join_names(list(groups), limit=8)}), and the articles per "
           f"{periods.trend} beneath.")
    return Chart(
        id=f"trend-{periods.trend}",
        kind="trend",
        title=f"Frames by {periods.trend}",
        caption=(f"Mentions per 1,000 words by {periods.trend}: a line per outlet, its 95% "
                 "interval as a band (cut at the panel's top when wider; none for a period "
                 "with one article); a gap is a period without articles. Beneath: articles "
                 "per period, stacked by outlet."
                 + (" Shaded: the report's period and its baseline." if
                    any(h in labels for h in highlight) else "")
                 + outlying
                 + " The chart shows intervals, not tests: changes are tested under "
                 "“Changes”, when a period is given."),
        alt=alt,
        categories=tuple(labels),
        series=tuple(series),
        counts_panel=COUNTS_PANEL,
        highlight=highlight,
    )


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)
