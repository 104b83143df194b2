"""From Features and Evidence to a Report: presentation choices only, no HTML.

Numbers are formatted here (never in features); sentences generated from them live in
framing.reporting.findings. Two profiles: "analyst" (the full report with an audit appendix)
and "handout" (a short course handout with passages side by side and discussion questions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterable, Sequence

from framing.corpus.outlet_furniture import MIN_ARTICLES, MIN_SHARE
from framing.errors import ReportError
from framing.evidence import Evidence, term_rank
from framing.features.terms import SPREAD_FROM, SPREAD_SHARE
from framing.held import any_matching, fetch_texts
from framing.reporting.claims import caption_clause
from framing.reporting.findings import (
    Z_CLEAR,
    OutletFacts,
    compared_differences,
    date_range,
    discussion_questions,
    frames_of,
    interval_text,
    key_findings,
    leading_terms,
    outlet_facts,
    rank_label,
    shown_terms,
    tie_note,
)
from framing.reporting.periods import (
    changes_section,
    comparison_methods,
    period_findings,
    trend_section,
)
from framing.reporting.periods import scope_lines as period_scope_lines
from framing.reporting.speakers import roles_methods, who_speaks_section
from framing.reporting.structure import (
    Block,
    BulletList,
    Callout,
    Chart,
    Cover,
    Paragraph,
    Quote,
    QuoteGroup,
    Report,
    Section,
    Series,
    SideBySide,
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
from framing.review.stats import adjusted_rates, excluded, lexicon_reviews
from framing.types import Article, Features, Lexicon, Mention, MentionReview
from framing.version import __version__

PROFILES = ("analyst", "handout")
CHART_OUTLETS = 25  # charts show the 25 outlets with most articles and group the rest
QUOTE_OUTLETS = 25  # outlets quoted per frame / sentiment section
TERM_OUTLETS = 40  # outlets given a distinctive-terms table
TERMS_SHOWN = 10
TERMS_QUOTED = 3
TERM_TABLE_OUTLETS = 6  # the handout gives a terms table to each, up to this many outlets
SIDE_BY_SIDE_FRAMES = 2
HANDOUT_FINDINGS = 6
SHORT_PASSAGE_WORDS = 40  # side-by-side columns are narrow: shorter passages first
SIDE_BY_SIDE_COLUMNS = 4
AUDIT_ROWS = 300
SOURCE_ROWS = 200  # more articles than this: the sources list those quoted
AUDIT_CONTEXT_WORDS = 12
WIDE_COLUMNS = 7

_SEXUAL_ABUSE = re.compile(
    r"sexual(?:ly)?\s+(?:abus|exploit)|child\s+(?:sex|abuse)|grooming", re.IGNORECASE)


def build(
    features: Features,
    evidence: Evidence,
    *,
    profile: str = "analyst",
    title: str | None = None,
    command: str = "",
    generated: dt.date | None = None,
    version: str = __version__,
) -> Report:
    """The Report for `profile` ("analyst" or "handout")."""
    if profile not in PROFILES:
        raise ReportError(f"unknown report profile {profile!r}: choose one of "
                          f"{', '.join(PROFILES)}")
    view = _View(features, evidence)
    generated = generated or dt.date.today()
    title = title or _default_title(features)
    cover = _cover(view, title, generated, version)
    sections = _analyst_sections(view) if profile == "analyst" else _handout_sections(view)
    lexicon_names = [lexicon_label(lx) for lx in features.lexicons]
    return Report(
        profile=profile,  # type: ignore[arg-type]
        title=title,
        cover=cover,
        sections=tuple(sections),
        reproducibility=reproducibility_line(features, version=version, command=command),
        author="framing",
        subject=(f"How {plural(len(view.facts), 'outlet')} framed the story: "
                 f"{plural(len(features.corpus.articles), 'article')}"),
        keywords=tuple(dict.fromkeys(["news framing", "media analysis", *lexicon_names,
                                      *list(view.facts)[:10]])),
        quotes=tuple(dict.fromkeys(quotes_in_sections(sections))),
    )


# --- shared views -----------------------------------------------------------------------


class _View:
    """Look-ups the sections share; computed once."""

    def __init__(self, features: Features, evidence: Evidence) -> None:
        self.features = features
        self.evidence = evidence
        self.facts: dict[str, OutletFacts] = outlet_facts(features)
        self.by_outlet = features.corpus.by_outlet()
        self.articles = {a.id: a for a in features.corpus.articles}
        # Outlets by size (articles, then words), ties by name: who is shown when space is short.
        self.by_size = sorted(self.facts.values(),
                              key=lambda f: (-f.articles, -f.words, f.outlet.casefold()))
        self.sentiment = {s.outlet: s for s in features.sentiment}
        # Review decisions applied (framing.review): per lexicon, and the adjusted rates.
        self.review = features.review
        self.lexicon_reviews = lexicon_reviews(features)
        self.adjusted = adjusted_rates(features)
        # Every comparison between outlets the report may state: one false-discovery family.
        self.differences = compared_differences(features)

    @property
    def outlets(self) -> list[str]:
        return list(self.facts)

    def chart_outlets(self) -> tuple[list[str], list[str]]:
        """(outlets drawn one by one, in name order; the rest, grouped)."""
        if len(self.facts) <= CHART_OUTLETS:
            return self.outlets, []
        shown = {f.outlet for f in self.by_size[:CHART_OUTLETS]}
        return ([o for o in self.outlets if o in shown],
                [o for o in self.outlets if o not in shown])

    def sample(self, outlet: str) -> str:
        return self.facts[outlet].sample


def _default_title(features: Features) -> str:
    outlets = len(features.corpus.outlets)
    name = features.corpus.name.strip()
    if name:
        name = name[0].upper() + name[1:]
        return f"{name}: how {plural(outlets, 'outlet')} framed the story"
    return f"How {plural(outlets, 'outlet')} framed the story"


def corpus_fingerprint(features: Features) -> str:
    """sha256 over the articles' ids and the sha256 of their analysed texts (sorted by id),
    first 12 hex digits: each text's digest can be worked out where the text is held."""
    digest = hashlib.sha256()
    for article in sorted(features.corpus.articles, key=lambda a: a.id):
        digest.update(f"{article.id}\0{article.content_digest}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:12]


def reproducibility_line(features: Features, *, version: str, command: str) -> str:
    lexicons = ", ".join(f"{lx.name} {lx.version} ({lx.fingerprint or 'no fingerprint'})"
                         for lx in (*features.lexicons, *filter(None, [features.roles])))
    lexicons = lexicons or "none"
    return (f"framing {version}; corpus {corpus_fingerprint(features)} "
            f"({plural(len(features.corpus.articles), 'article')}); lexicons: {lexicons}; "
            f"command: {command or 'framing report'}")


def quotes_in_sections(sections: Iterable[Section]) -> list[Quote]:
    """Every Quote in the sections and their subsections, in reading order."""
    found: list[Quote] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, QuoteGroup):
                found.extend(block.quotes)
            elif isinstance(block, SideBySide):
                for column in block.columns:
                    found.extend(column.quotes)
        found.extend(quotes_in_sections(section.subsections))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _published(article: Article) -> str:
    """A date with its precision spelt out: "2014-10-16", "about 2014-08 (month only)"."""
    if article.published is None:
        return "date unknown"
    shown = str(article.published)
    if article.published.precision != "day":
        shown += f" ({article.published.precision} only)"
    return shown


def _date_span(articles: Sequence[Article]) -> str:
    earliest, latest = date_range(articles)
    if not earliest:
        return "date unknown"
    return earliest if earliest == latest else f"{earliest} to {latest}"


def _table_kind(columns: int) -> str:
    return "wide" if columns > WIDE_COLUMNS else "standard"


# --- cover ------------------------------------------------------------------------------


def _left_out(corpus) -> list[str]:
    """"Left out, not in English: German 51 (the lexicons and VADER read English)", if any."""
    if not corpus.left_out_languages:
        return []
    from framing.corpus.language import language_counts

    total = sum(corpus.left_out_languages.values())
    return [f"Left out, not in English: {plural(total, 'article')} "
            f"({language_counts(corpus.left_out_languages)}); the lexicons and VADER read "
            "English"]


def _cover(view: _View, title: str, generated: dt.date, version: str) -> Cover:
    features = view.features
    articles = features.corpus.articles
    words = sum(f.words for f in view.facts.values())
    scope = [
        f"{plural(len(articles), 'article')} ({plural(words, 'word')}) from "
        f"{plural(len(view.facts), 'outlet')}",
        f"Published {_date_span(articles)}"
        + (f"; {plural(n, 'article')} undated"
           if (n := sum(a.published is None for a in articles)) else ""),
        *_left_out(features.corpus),
        *period_scope_lines(features),
        "Lexicons: " + (", ".join(f"{lexicon_label(lx)} (version {lx.version}, "
                                  f"{lx.fingerprint or 'no fingerprint'})"
                                  for lx in features.lexicons) or "none"),
        *([f"Roles lexicon: {features.roles.name} (version {features.roles.version}, "
           f"{features.roles.fingerprint or 'no fingerprint'})"] if features.roles else []),
        f"Generated {generated.isoformat()} by framing {version}",
    ]
    rows = [(f.outlet, number(f.articles), number(f.words), _date_span(view.by_outlet[f.outlet]))
            for f in view.by_size[:CHART_OUTLETS]]
    rest = view.by_size[CHART_OUTLETS:]
    if rest:
        rows.append((plural(len(rest), "other outlet"), number(sum(f.articles for f in rest)),
                     number(sum(f.words for f in rest)), ""))
    scope_table = Table(
        caption="Articles and words per outlet",
        columns=("Outlet", "Articles", "Words", "Published"),
        rows=tuple(rows),
        numeric=(False, True, True, False),
        note="Outlets with most articles first." if rest else "",
    )
    subtitle = (f"A comparison of {plural(len(view.facts), 'outlet')}" if len(view.facts) > 1
                else f"The coverage of one outlet, {next(iter(view.facts), 'none')}")
    if features.periods is not None and features.periods.period is not None:
        subtitle += f", {features.periods.period}" + (
            f" against {features.periods.baseline}" if features.periods.baseline else "")
    return Cover(title=title, subtitle=subtitle, generated=generated.isoformat(),
                 scope=tuple(scope), scope_table=scope_table)


# --- analyst ----------------------------------------------------------------------------


def _analyst_sections(view: _View) -> list[Section]:
    periodic = [changes_section(view.features, view.evidence)]
    shown, pooled = view.chart_outlets()
    who_speaks = who_speaks_section(view.features, view.evidence, facts=view.facts,
                                    shown=shown, pooled=pooled)
    sections = [
        _findings_section(view),
        *(s for s in periodic if s is not None),
        _glance_section(view),
        *(s for s in [trend_section(view.features)] if s is not None),
        *(_frame_section(view, lexicon) for lexicon in view.features.lexicons),
        *([who_speaks] if who_speaks is not None else []),
        _terms_section(view),
        _sentiment_section(view),
        _methods_section(view),
    ]
    return [*sections, _sources_section(view, quoted=_quoted_articles(sections)),
            _audit_section(view)]


def _findings_section(view: _View) -> Section:
    findings = key_findings(view.features, view.differences)
    findings[1:1] = period_findings(view.features)
    blocks: list[Block] = [BulletList(tuple(findings))]
    blocks.append(Paragraph(
        "Each finding gives the articles and words it rests on. A difference between outlets "
        "with few articles is a difference between those articles, not a habit of the outlet.",
        kind="small-print"))
    if view.review is not None:
        blocks.append(Paragraph(review_sentence(view), kind="small-print"))
    if view.features.corpus.description:
        blocks.append(Paragraph(f"About the corpus: {view.features.corpus.description}"))
    return Section("findings", "Key findings", tuple(blocks))


def review_sentence(view: _View) -> str:
    """How many mentions were reviewed and how many left out, for the reader."""
    review = view.review
    assert review is not None
    reviewers = {d.reviewer for r in review.judged.values() for d in r.decisions if d.reviewer}
    left_out = len(excluded(review))
    conflicts = sum(r.conflict for r in review.judged.values())
    return (f"Reviewed by hand: {number(len(review.judged))} of "
            f"{plural(len(review.mentions), 'lexicon mention')}"
            + (f", by {plural(len(reviewers), 'reviewer')}" if reviewers else "")
            + f" ({plural(len(review.files), 'review file')}). "
            f"{number(left_out)} judged not relevant {'is' if left_out == 1 else 'are'} left "
            "out of every count, rate, chart and quote"
            + (f"; {plural(conflicts, 'mention')} on which the reviewers disagree "
               f"{'counts' if conflicts == 1 else 'count'} as unclear" if conflicts else "")
            + ". Each lexicon's precision is under Methods.")


def _glance_section(view: _View) -> Section:
    lexicons = view.features.lexicons
    columns = ["Outlet", "Articles", "Words", "Published", "Sentiment mean [95% CI]"]
    columns += [f"{lexicon_label(lx)} /1k" for lx in lexicons]
    per_1k = {(f.lexicon, f.outlet): f.per_1k for f in view.features.frames}
    rows = []
    for outlet, fact in view.facts.items():
        row = [outlet, number(fact.articles), number(fact.words),
               _date_span(view.by_outlet[outlet]), _sentiment_cell(view, outlet)]
        row += [decimal(per_1k[(lx.name, outlet)]) if (lx.name, outlet) in per_1k else "–"
                for lx in lexicons]
        rows.append(tuple(row))
    table = Table(
        caption="Each outlet at a glance",
        columns=tuple(columns),
        rows=tuple(rows),
        numeric=(False, True, True, False, True, *([True] * len(lexicons))),
        note=("/1k: lexicon mentions per 1,000 words (their 95% intervals are in each "
              "frame's section and outlets.csv). Sentiment: mean VADER compound score of "
              "the outlet's articles (-1 to +1) with a 95% bootstrap interval over articles; "
              "one article gives no interval."),
        kind=_table_kind(len(columns)),  # type: ignore[arg-type]
    )
    return Section("at-a-glance", "At a glance", (table,))


def _sentiment_cell(view: _View, outlet: str) -> str:
    row = view.sentiment.get(outlet)
    if row is None:
        return "–"
    if row.n_articles <= 1:
        return f"{signed(row.mean)} (1 article)"
    return f"{signed(row.mean)} [{signed(row.ci_low)}, {signed(row.ci_high)}]"


def _frame_chart(view: _View, lexicon: Lexicon, *, prefix: str = "frame") -> Chart:
    frames = {f.outlet: f for f in frames_of(view.features, lexicon.name)}
    shown, rest = view.chart_outlets()
    categories = list(shown)
    rates = [frames[o].per_1k if o in frames else 0.0 for o in shown]
    lows, highs = _rate_bounds([frames.get(o) for o in shown])
    shares = [100 * frames[o].article_share if o in frames else 0.0 for o in shown]
    if rest:
        words = sum(view.facts[o].words for o in rest)
        articles = sum(view.facts[o].articles for o in rest)
        mentions = sum(frames[o].mentions for o in rest if o in frames)
        with_ = sum(frames[o].articles_with for o in rest if o in frames)
        categories.append(plural(len(rest), "other outlet"))
        rates.append(1000 * mentions / words if words else 0.0)
        low, high = pooled_rate_interval(view.features, rest, lexicon.name)
        lows.append(low)
        highs.append(high)
        shares.append(100 * with_ / articles if articles else 0.0)
    label = terms_of(lexicon)
    alt_items = "; ".join(f"{c}: {decimal(r)} per 1,000 words, {decimal(s, 0)}% of articles"
                          for c, r, s in list(zip(categories, rates, shares, strict=True))[:12])
    clause = caption_clause(view.differences, [(f"{lexicon.name}_per_1k", label)])
    return Chart(
        id=f"{prefix}-{_slug(lexicon.name)}",
        kind="bar",
        title=f"{label[0].upper() + label[1:]}: how often, and in how many articles",
        caption=(f"Left: mentions of {label} per 1,000 words, with 95% intervals (an outlet "
                 "with one article has none; an interval cut by the panel's edge ends in an "
                 "arrow). Right: the share of each outlet's articles with at least one "
                 "mention. Article and word counts per outlet are in the table below"
                 + (f"; the {len(rest)} outlets with fewest articles are pooled." if rest
                    else ".") + " " + clause),
        alt=f"Bar charts of {label} by outlet. {alt_items}.",
        categories=tuple(categories),
        series=(Series("Mentions per 1,000 words", tuple(rates), tuple(lows), tuple(highs)),
                Series("% of articles with a mention", tuple(shares))),
        x_label="per 1,000 words / % of articles",
    )


def _rate_bounds(frames) -> tuple[list[float], list[float]]:
    """The 95% bounds of each frame's rate (NaN where there is none: no interval drawn)."""
    lows = [f.per_1k_ci_low if f is not None and f.per_1k_ci_low is not None else math.nan
            for f in frames]
    highs = [f.per_1k_ci_high if f is not None and f.per_1k_ci_high is not None else math.nan
             for f in frames]
    return lows, highs


def pooled_rate_interval(features: Features, outlets: Sequence[str],
                         lexicon: str) -> tuple[float, float]:
    """The 95% interval of the rate per 1,000 words of `outlets`' articles pooled."""
    from framing.features.rates import rate_intervals

    chosen = set(outlets)
    counts: dict[str, int] = {}
    for mention in features.mentions:
        if mention.lexicon == lexicon:
            counts[mention.span.article_id] = counts.get(mention.span.article_id, 0) + 1
    rows = sorted((row.article_id, row.words) for row in features.articles
                  if row.outlet in chosen)
    rates = rate_intervals([counts.get(i, 0) for i, _ in rows], [w for _, w in rows],
                           [0] * len(rows), 1)
    return 1000 * float(rates.low[0]), 1000 * float(rates.high[0])


def _frame_section(view: _View, lexicon: Lexicon) -> Section:
    features = view.features
    frames = [f for f in frames_of(features, lexicon.name) if f.outlet in view.facts]
    mentions = [m for m in features.mentions if m.lexicon == lexicon.name]
    total = len(mentions)
    with_any = len({m.span.article_id for m in mentions})
    n_articles = len(features.corpus.articles)
    label = terms_of(lexicon)
    blocks: list[Block] = []
    about = lexicon.description.strip()
    if lexicon.sources:
        about += f" (Lexicon version {lexicon.version}; {plural(len(lexicon.sources), 'source')}"
        about += " listed under Methods.)"
    blocks.append(Paragraph(about))
    where = ("Every mention is listed with its passage in the audit appendix"
             + (f" (the first {number(AUDIT_ROWS)} mentions of all frames; every one in the "
                "data tables' mentions.csv)" if len(features.mentions) > AUDIT_ROWS else "")
             + ".")
    reviewed = ""
    if (lexicon_review := view.lexicon_reviews.get(lexicon.name)) is not None:
        t = lexicon_review.tally
        reviewed = (f" {number(t.reviewed)} of the {plural(lexicon_review.mentions, 'mention')} "
                    f"found were reviewed by hand; {number(t.not_relevant)} judged not relevant "
                    f"{'is' if t.not_relevant == 1 else 'are'} left out of these numbers."
                    ) if t.reviewed else (
                        " None of its mentions was reviewed by hand.")
    blocks.append(Paragraph(
        f"{plural(total, 'mention')} of {label} in {with_any} of "
        f"{plural(n_articles, 'article')}.{reviewed} {where}", kind="finding"))
    blocks.append(_frame_chart(view, lexicon))

    listed = frames if len(view.facts) <= CHART_OUTLETS else sorted(
        (f for f in frames if f.mentions), key=lambda f: (-f.mentions, f.outlet.casefold()))
    rows = [(f.outlet, number(view.facts[f.outlet].articles), number(f.mentions),
             _rate_cell(f), f"{f.articles_with} ({percent(f.article_share)})",
             percent(f.own_voice_share) if f.own_voice_share is not None else "–",
             f.first_position or "–") for f in listed]
    columns = ("Outlet", "Articles", "Mentions", "Per 1,000 words [95% CI]",
               "Articles with one", "Own voice", "First appears")
    silent = [f.outlet for f in frames if f.mentions == 0]
    note = ("Per 1,000 words: with a 95% interval that allows for mentions clustering in "
            "articles (none with one article). Own voice: share of mentions outside quotation "
            "marks and attributed speech.")
    if len(view.facts) > CHART_OUTLETS and silent:
        note += f" {plural(len(silent), 'outlet')} without a mention are not listed."
    adjusted = {o: a for (lx, o), a in view.adjusted.items() if lx == lexicon.name}
    if adjusted:  # a sample reviewed: the rate adjusted for the measured precision beside it
        columns = (*columns[:4], "Adjusted per 1,000 [95% CI]", *columns[4:])
        rows = [(*row[:4], _adjusted_cell(adjusted.get(row[0])), *row[4:]) for row in rows]
        t = view.lexicon_reviews[lexicon.name].tally
        low, high = t.interval  # type: ignore[misc]
        note += (f" Adjusted: only some mentions were reviewed, so the mentions not judged "
                 f"relevant (not reviewed, or unclear) count at the lexicon's precision, "
                 f"{percent(t.precision)} of {number(t.decided)} decided "  # type: ignore[arg-type]
                 f"[{percent(low)}, {percent(high)}]; the interval is that of the precision "
                 "(Wilson), not of the choice of articles.")
    blocks.append(Table(
        caption=f"{label[0].upper() + label[1:]} by outlet",
        columns=columns,
        rows=tuple(rows),
        numeric=(False, True, True, True, *([True] if adjusted else []), True, True, False),
        note=note,
        kind=_table_kind(len(columns)),  # type: ignore[arg-type]
    ))

    quoted = sorted((f for f in frames if (lexicon.name, f.outlet) in view.evidence.mentions),
                    key=lambda f: (-f.mentions, f.outlet.casefold()))[:QUOTE_OUTLETS]
    for frame in sorted(quoted, key=lambda f: f.outlet.casefold()):
        quotes = view.evidence.mentions[(lexicon.name, frame.outlet)]
        own = round((frame.own_voice_share or 0) * frame.mentions)
        blocks.append(QuoteGroup(
            title=frame.outlet,
            quotes=quotes,
            note=(f"{len(quotes)} of {plural(frame.mentions, 'mention')} shown; {own} in the "
                  f"outlet's own voice ({view.sample(frame.outlet)})."),
        ))
    if silent and len(silent) <= CHART_OUTLETS:
        blocks.append(Paragraph(
            "No mention in: " + "; ".join(f"{o} ({plural(view.facts[o].articles, 'article')})"
                                          for o in silent) + ".", kind="small-print"))
    elif silent:
        blocks.append(Paragraph(f"{plural(len(silent), 'outlet')} made no mention.",
                                kind="small-print"))
    more = len([f for f in frames if (lexicon.name, f.outlet) in view.evidence.mentions])
    if more > len(quoted):
        blocks.append(Paragraph(
            f"Passages are shown for the {len(quoted)} outlets with most mentions; the other "
            f"{more - len(quoted)} are in the audit appendix and mentions.csv.",
            kind="small-print"))
    return Section(f"frame-{_slug(lexicon.name)}",
                   f"Frame: {lexicon_label(lexicon)}", tuple(blocks), page_break=True)


def _rate_cell(frame) -> str:
    """ "0.41 [0.22, 0.70]", or the rate alone when there is no interval."""
    from framing.reporting.claims import bound

    if frame.per_1k_ci_low is None or frame.per_1k_ci_high is None:
        return decimal(frame.per_1k)
    return (f"{decimal(frame.per_1k, 2)} [{bound(frame.per_1k_ci_low, null=math.nan)}, "
            f"{bound(frame.per_1k_ci_high, null=math.nan)}]")


def _adjusted_cell(rate) -> str:
    if rate is None:
        return "–"
    return (f"{decimal(rate.per_1k)} [{decimal(rate.per_1k_low)}, "
            f"{decimal(rate.per_1k_high)}]")


def _terms_table(view: _View, outlet: str, *, limit: int = TERMS_SHOWN) -> Table:
    shown = shown_terms(view.features, outlet, limit)
    rows = tuple((rank_label(t, place), t.term, decimal(t.z), number(t.count),
                  number(t.count_rest), f"{t.docs} of {t.docs_total}", decimal(t.log_ratio, 2),
                  decimal(t.tfidf, 3))
                 for place, t in enumerate(shown.terms, start=1))
    notes = " ".join(n for n in (tie_note(shown), _terms_caveat(view, outlet)) if n)
    return Table(
        caption=f"Most distinctive terms of {outlet} ({view.sample(outlet)})",
        columns=("Rank", "Term", "z", "Count", "Count in others", "In articles", "Log ratio",
                 "TF-IDF"),
        rows=rows,
        numeric=(True, False, True, True, True, True, True, True),
        note=notes if rows or shown.tie else
        "No term is more frequent here than in the other outlets.",
        kind=_table_kind(8),  # type: ignore[arg-type]
    )


def _terms_caveat(view: _View, outlet: str) -> str:
    """Say when the top terms are not clearly distinctive: then they describe these
    articles, not the outlet's habits."""
    terms = leading_terms(view.features, outlet, 1)
    if not terms or terms[0].z >= Z_CLEAR:
        return ""
    articles = view.facts[outlet].articles
    these = "this article" if articles == 1 else f"these {number(articles)} articles"
    return (f"No term reaches z = {Z_CLEAR}: none is clearly distinctive. With so few "
            f"articles they describe {these}, not the outlet's habits.")


def _term_quotes(view: _View, outlet: str) -> QuoteGroup | None:
    """Passages for the leading terms, when they are clearly distinctive (z >= 1.96)."""
    scores = {t.term: t for t in view.features.terms_by_outlet.get(outlet, ())}
    held = sorted((term for (o, term) in view.evidence.terms if o == outlet and term in scores),
                  key=lambda term: term_rank(scores[term]))
    held = [term for term in held if scores[term].z >= Z_CLEAR]
    quotes = [view.evidence.terms[(outlet, term)] for term in held[:TERMS_QUOTED]]
    if not quotes:
        return None
    return QuoteGroup(title=f"{outlet}: its leading terms in context", quotes=tuple(quotes))


def _single_article_note(view: _View, outlet: str) -> Paragraph | None:
    if view.facts[outlet].articles != 1:
        return None
    return Paragraph(f"{outlet} has a single article here: its distinctive words are that "
                     "article's words, not a habit of the outlet.", kind="finding")


def _terms_section(view: _View) -> Section:
    intro = Paragraph(
        "Terms (single words and two-word phrases, stop words left out) that each outlet used "
        "more than all the other outlets together, ranked by z, the weighted log-odds ratio "
        "with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), then by count, "
        "then by how many of the outlet's articles use the term; terms that tie on all three "
        "share a rank (marked =). Beside z: the counts (every use, none capped), in how many "
        "of the outlet's articles, Hardie's Log Ratio (log2 of the ratio of relative "
        "frequencies; 1 means twice as frequent) and the outlet-level TF-IDF score. A z above "
        "about 2 is unlikely under the pooled rates; a term from one article is a fact about "
        "that article. An outlet's own name (\u201ccnn\u201d, \u201ctold cnn\u201d) is "
        "left out (it is flagged in terms.csv).")
    blocks: list[Block] = [intro]
    if len(view.facts) < 2:
        blocks.append(Paragraph("With one outlet there is nothing to compare its words with: "
                                "comparison needs two outlets or more.", kind="finding"))
        return Section("terms", "Distinctive terms", tuple(blocks), page_break=True)
    chosen = {f.outlet for f in view.by_size[:TERM_OUTLETS]}
    subsections = []
    for outlet in (o for o in view.outlets if o in chosen):
        parts: list[Block] = [_terms_table(view, outlet)]
        if (note := _single_article_note(view, outlet)) is not None:
            parts.append(note)
        if (group := _term_quotes(view, outlet)) is not None:
            parts.append(group)
        subsections.append(Section(f"terms-{_slug(outlet)}", outlet, tuple(parts)))
    if len(view.facts) > len(chosen):
        blocks.append(Paragraph(
            f"The {len(chosen)} outlets with most articles are shown; the terms of all "
            f"{len(view.facts)} outlets are in the data tables (terms.csv).", kind="small-print"))
    return Section("terms", "Distinctive terms", tuple(blocks), tuple(subsections),
                   page_break=True)


def _sentiment_chart(view: _View) -> Chart:
    shown, rest = view.chart_outlets()
    rows = [view.sentiment[o] for o in shown if o in view.sentiment]
    return Chart(
        id="sentiment-means",
        kind="interval",
        title="Mean sentiment of each outlet's articles",
        caption=("Mean VADER compound score of each outlet's articles (an article's score is "
                 "the mean of its sentences), with 95% bootstrap intervals over articles; an "
                 "outlet with one article has no interval. Below 0 reads negative."
                 + (f" The {len(rest)} outlets with fewest articles are not drawn; see the "
                    "table." if rest else "") + " "
                 + caption_clause(view.differences, [("sentiment_mean", "")])),
        alt=("Interval chart of mean sentiment by outlet. "
             + "; ".join(f"{r.outlet}: {signed(r.mean)} ({interval_text(r)})"
                         for r in rows[:12]) + "."),
        categories=tuple(r.outlet for r in rows),
        # One article gives no interval: none is drawn or labelled (NaN), as the caption says.
        series=(Series("Mean sentiment", tuple(r.mean for r in rows),
                       tuple(r.ci_low if r.n_articles > 1 else math.nan for r in rows),
                       tuple(r.ci_high if r.n_articles > 1 else math.nan for r in rows)),),
        x_label="VADER compound (-1 negative to +1 positive)",
        reference=0.0,
    )


def _extreme_quotes(view: _View, outlet: str) -> tuple[Quote, ...]:
    quotes = []
    negative = view.evidence.negative.get(outlet)
    positive = view.evidence.positive.get(outlet)
    if negative is not None:
        quotes.append(dataclasses.replace(
            negative, note=f"most negative sentence, {negative.note}".strip(", ")))
    if positive is not None and (negative is None or positive.start != negative.start
                                 or positive.article_id != negative.article_id):
        score = _score_of(positive.note)
        kind = ("least negative sentence" if score is not None and score < 0
                else "most positive sentence")
        quotes.append(dataclasses.replace(positive, note=f"{kind}, {positive.note}".strip(", ")))
    return tuple(quotes)


def _score_of(note: str) -> float | None:
    match = re.search(r"[-+]\d+(?:\.\d+)?", note)
    return float(match.group()) if match else None


def _sentiment_section(view: _View) -> Section:
    rows = []
    for outlet in view.outlets:
        row = view.sentiment.get(outlet)
        if row is None:
            continue
        interval = ("–" if row.n_articles <= 1
                    else f"{signed(row.ci_low)} to {signed(row.ci_high)}")
        rows.append((outlet, number(row.n_articles), number(row.n_sentences), signed(row.mean),
                     interval, percent(row.share_negative)))
    blocks: list[Block] = [
        Paragraph("Each sentence is scored by VADER (Hutto & Gilbert 2014) from -1 (negative) to "
                  "+1 (positive). Crime news reads negative whatever its stance, so a lower "
                  "score says the articles use more negative words, not that the outlet is "
                  "hostile to anyone."),
        _sentiment_chart(view),
        Table(caption="Sentiment by outlet",
              columns=("Outlet", "Articles", "Sentences", "Mean", "95% CI",
                       "Negative sentences"),
              rows=tuple(rows), numeric=(False, True, True, True, True, True),
              note="Negative sentences: share with a compound score of -0.05 or below."),
    ]
    quoted = {f.outlet for f in view.by_size[:QUOTE_OUTLETS]}
    for outlet in (o for o in view.outlets if o in quoted):
        quotes = _extreme_quotes(view, outlet)
        if quotes:
            blocks.append(QuoteGroup(title=outlet, quotes=quotes,
                                     note=f"The extremes of {view.sample(outlet)}."))
    if len(view.facts) > len(quoted):
        blocks.append(Paragraph(f"Sentences are quoted for the {len(quoted)} outlets with most "
                                "articles; all scores are in sentences.csv.", kind="small-print"))
    return Section("sentiment", "Sentiment", tuple(blocks), page_break=True)


def _lexicon_table(lexicon: Lexicon) -> Table:
    by_category: dict[str, list[str]] = {}
    for term in lexicon.terms:
        shown = term.text + (f" (suggested: {term.suggestion})" if term.suggestion else "")
        by_category.setdefault(term.category, []).append(shown)
    rows = tuple((category, "; ".join(terms)) for category, terms in by_category.items())
    exclusions = lexicon.exclusion_labels or lexicon.exclusions
    return Table(
        caption=f"Lexicon {lexicon.name} (version {lexicon.version}): "
                f"{plural(len(lexicon.terms), 'term')}",
        columns=("Category", "Terms"),
        rows=rows,
        note=("Not counted: " + "; ".join(exclusions) + ".") if exclusions else "",
    )


def _methods_section(view: _View) -> Section:
    roles_bullets, roles_blocks = roles_methods(view.features)
    methods = BulletList((
        "Text analysed: each article's headline, standfirst and body. " + _furniture_method(view),
        "Distinctive terms: weighted log-odds ratio with an informative Dirichlet prior (Monroe, "
        "Colaresi & Quinn 2008), each outlet i against all other outlets j: a_w = a0 · y_w / N "
        "(the prior from the pooled counts, a0 its total weight); d = ln((y_i + a_w) / (n_i + "
        "a0 - y_i - a_w)) - ln((y_j + a_w) / (n_j + a0 - y_j - a_w)); var = 1/(y_i + a_w) + "
        "1/(y_j + a_w); z = d / √var. Terms are counted every time they occur (one article's "
        "repeated words are its subject). Terms are ranked by z, then count, then the number "
        f"of the outlet's articles using them; from {SPREAD_FROM} articles on, a term used in "
        f"fewer than 2 of them, or than {SPREAD_SHARE:.0%} of them, comes after those that "
        "spread further (so one long article does not speak for a large outlet). Words are "
        "whole words: a contraction "
        "is one token or a stop word, and web or e-mail addresses, @handles and embed codes "
        "are not terms.",
        "Log Ratio (Hardie 2014): log2 of the term's relative frequency in the outlet divided "
        "by its relative frequency in the other outlets; an effect size beside z.",
        "TF-IDF: each outlet's articles pooled into one document, scored with scikit-learn. With "
        "few outlets there are few distinct IDF values, which is why terms are ranked by z.",
        "Sentiment: VADER compound score per sentence; an article's score is the mean of its "
        "sentences, an outlet's the mean of its articles with a seeded 95% bootstrap interval "
        "over articles.",
        "Frames: each lexicon's terms and patterns are matched in the text; per outlet the "
        "report gives mentions per 1,000 words, the share of articles with at least one "
        "mention, the share in the outlet's own voice and where the frame first appears.",
        *comparison_methods(view.features, view.differences),
        *roles_bullets,
    ))
    limits = BulletList((
        "VADER was built for social media. On news it is a rough guide: its scores correlate "
        "r = 0.49 with human ratings of New York Times editorial sentences (Hutto & Gilbert "
        "2014).",
        "Crime news reads negative whatever its stance: a negative score is not hostility.",
        "Frames are not bias. A frame selects and emphasises; counting one says what an "
        "outlet wrote about, not whether it was fair.",
        ("A mention count is not a judgement of relevance: a term may be quoted to be "
         "criticised, or be relevant to the story. " + (
             "The mentions reviewed by hand are judged in the audit appendix; those judged "
             "not relevant are left out of the counts." if view.review is not None else
             "The audit appendix leaves a column for a reader to judge each one.")),
        "Voice is detected by quotation marks and attributed speech; reported speech without "
        "quotation marks counts as the outlet's own voice.",
        *(["Who speaks is read by rules: a speaker named only after the quotation's "
           "paragraph, or tied to a role only in an earlier sentence, is left as written or "
           "given the role \"other\"; validation figures are under Methods."]
          if view.features.roles is not None else []),
        "Small samples: with few articles per outlet, differences between outlets are "
        "differences between articles.",
    ))
    blocks: list[Block] = [methods,
                           Callout("Limitations", tuple(limits.items), kind="warning")]
    if view.review is not None:
        blocks.extend(_review_methods(view))
    if view.features.corpus.furniture:
        blocks.append(_furniture_table(view))
    for lexicon in view.features.lexicons:
        blocks.append(_lexicon_table(lexicon))
        if lexicon.validation:
            blocks.append(Paragraph(f"Validation of {lexicon_label(lexicon)}: "
                                    f"{lexicon.validation}", kind="small-print"))
        if lexicon.sources:
            blocks.append(Paragraph(f"Sources of {lexicon.name}: " + " ".join(
                s.strip() for s in lexicon.sources), kind="small-print"))
    blocks.extend(roles_blocks)
    return Section("methods", "Methods and limitations", tuple(blocks), page_break=True)


def _review_methods(view: _View) -> list[Block]:
    """How the review was done, and each lexicon's precision in it."""
    rows = []
    for lexicon in view.features.lexicons:
        lexicon_review = view.lexicon_reviews[lexicon.name]
        t = lexicon_review.tally
        interval = ("–" if t.interval is None
                    else f"{percent(t.interval[0])} to {percent(t.interval[1])}")
        rows.append((lexicon_label(lexicon), number(lexicon_review.mentions), number(t.reviewed),
                     number(t.relevant), number(t.not_relevant), number(t.unclear),
                     percent(t.precision) if t.precision is not None else "–", interval))
    return [
        Paragraph(
            "Review: analysts judged lexicon mentions, each in its sentence, relevant to the "
            "frame, not relevant, or unclear (framing review). "
            + review_sentence(view).removesuffix(" Each lexicon's precision is under Methods.")
            + " Precision is the share judged relevant of the mentions decided relevant or not "
            "relevant (unclear ones aside), with a 95% Wilson interval. Where only a sample of "
            "a lexicon's mentions was reviewed, the frame's table adds a rate adjusted for it: "
            "the mentions judged relevant, plus the others still counted times the precision."),
        Table(caption="Precision of the lexicons in this review",
              columns=("Lexicon", "Mentions", "Reviewed", "Relevant", "Not relevant", "Unclear",
                       "Precision", "95% CI"),
              rows=tuple(rows), numeric=(False, *([True] * 7)),
              note="Review files: " + "; ".join(view.review.files) + "."),  # type: ignore[union-attr]
    ]


FURNITURE_OUTLETS = 25  # outlets whose furniture the methods list
FURNITURE_SHOWN = 3  # passages per outlet


def _furniture_method(view: _View) -> str:
    """The sentence that says what outlet furniture was removed before the analysis."""
    furniture = view.features.corpus.furniture
    if not furniture:
        return ("Outlet furniture (lines or runs of words repeated across an outlet's articles, "
                "datelines, credit lines, picture captions) is removed when a corpus is read; "
                "none was found in this one.")
    outlets = len({f.outlet for f in furniture})
    words = sum(f.words for f in furniture)
    return (f"Outlet furniture was removed when the corpus was read, so that it could not "
            f"pass for an outlet's words: {plural(len(furniture), 'passage')} of "
            f"{plural(outlets, 'outlet')} ({plural(words, 'word')}): lines and runs of words "
            f"repeated across an outlet's articles (in at least {MIN_ARTICLES} of them and "
            f"{MIN_SHARE:.0%}, unless mostly quoted speech or printed as often by the other "
            "outlets), datelines and "
            "credit lines (kept as metadata), picture captions and promotions. `framing "
            "corpus info` lists them all; --keep-furniture keeps them.")


def _furniture_table(view: _View) -> Table:
    by_outlet: dict[str, list] = {}
    for item in view.features.corpus.furniture:
        by_outlet.setdefault(item.outlet, []).append(item)
    order = sorted(by_outlet, key=lambda o: (-sum(f.words for f in by_outlet[o]), o.casefold()))
    rows = []
    for outlet in order[:FURNITURE_OUTLETS]:
        items = sorted(by_outlet[outlet], key=lambda f: (-f.articles, -f.words, f.text))
        shown = "; ".join(f"{f.kind}: “{_short(f.text)}” ({f.articles} of {f.outlet_articles})"
                          for f in items[:FURNITURE_SHOWN])
        if len(items) > FURNITURE_SHOWN:
            shown += f"; and {len(items) - FURNITURE_SHOWN} more"
        rows.append((outlet, number(sum(f.words for f in items)), shown))
    rest = order[FURNITURE_OUTLETS:]
    return Table(
        caption="Outlet furniture removed before the analysis",
        columns=("Outlet", "Words removed", "What (in how many of its articles)"),
        rows=tuple(rows),
        numeric=(False, True, False),
        note=(f"And {plural(len(rest), 'other outlet')}. " if rest else "")
        + "Each outlet's full list: framing corpus info.",
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _quoted_articles(sections: Iterable[Section]) -> set[str]:
    return {quote.article_id for quote in quotes_in_sections(sections)}


def _sources_section(view: _View, *, quoted: set[str], compact: bool = False) -> Section:
    """Every article; in a corpus of more than SOURCE_ROWS, every article quoted."""
    articles = sorted(view.features.corpus.articles,
                      key=lambda a: (a.outlet.casefold(),
                                     a.published.date if a.published else dt.date.max, a.id))
    shown = articles if len(articles) <= SOURCE_ROWS else [
        a for a in articles if a.id in quoted]
    if compact:
        columns: tuple[str, ...] = ("Outlet", "Published", "Headline")
        rows = tuple((a.outlet, _published(a), a.headline) for a in shown)
    else:
        columns = ("Outlet", "Published", "Headline", "Author", "URL", "Article id")
        rows = tuple((a.outlet, _published(a), a.headline, a.author or "–", a.url or "–", a.id)
                     for a in shown)
        if len(shown) < len(articles):  # quoted articles of a big corpus: what cites them
            columns, rows = columns[:3] + columns[4:5], tuple(r[:3] + r[4:5] for r in rows)
    everything = len(shown) == len(articles)
    note = ("" if everything else
            f"The {number(len(shown))} articles quoted in this report, of "
            f"{number(len(articles))} analysed; every article, with its author and URL, is in "
            "the data tables' articles.csv.")
    blocks: list[Block] = [Table(caption="Articles analysed" if everything else
                                 "Articles quoted", columns=columns, rows=rows,
                                 note=note, kind="standard" if compact else "wide")]
    notes = view.features.corpus.outlet_notes
    if notes and not compact:
        blocks.append(Table(caption="About the outlets", columns=("Outlet", "Note"),
                            rows=tuple((o, notes[o]) for o in sorted(notes, key=str.casefold))))
    return Section("sources", "Sources", tuple(blocks), page_break=not compact)


def _paragraph_label(mention: Mention) -> str:
    return mention.position if mention.paragraph == 0 else str(mention.paragraph)


def audit_passage(article: Article, mention: Mention,
                  words: int = AUDIT_CONTEXT_WORDS) -> str:
    """The mention with up to `words` words either side, within its line, cut at spaces."""
    text = article.analysed_text
    start, end = mention.span.start, mention.span.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = list(re.finditer(r"\S+", text[line_start:start]))
    after = list(re.finditer(r"\S+", text[end:line_end]))
    left, right, lead, trail = line_start, line_end, False, False
    if before:
        # A word the mention starts inside stays whole and does not count.
        keep = words + (before[-1].end() == start - line_start)
        lead = len(before) > keep
        left = line_start + before[max(0, len(before) - keep)].start()
    if after:
        keep = words + (after[0].start() == 0)
        trail = len(after) > keep
        right = end + after[min(len(after), keep) - 1].end() if keep else end
    return ("… " if lead else "") + text[left:right].strip() + (" …" if trail else "")


def _decision_cell(judged: MentionReview | None) -> str:
    """A mention's review decision and notes, for the audit appendix."""
    if judged is None:
        return ""
    shown = judged.decision.replace("_", " ")
    if judged.conflict:
        shown += " (reviewers disagree: " + ", ".join(
            sorted({d.decision.replace("_", " ") for d in judged.decisions})) + ")"
    notes = list(dict.fromkeys(d.note for d in judged.decisions if d.note))
    return shown + (": " + "; ".join(notes) if notes else "")


def _audit_section(view: _View) -> Section:
    features = view.features
    review = view.review
    mentions = sorted(features.mentions if review is None else review.mentions,
                      key=lambda m: (view.articles[m.span.article_id].outlet.casefold()
                                     if m.span.article_id in view.articles else "",
                                     m.span.article_id, m.span.start, m.lexicon))
    mentions = [m for m in mentions if m.span.article_id in view.articles]
    rows = []
    fetch_texts(view.articles[mention.span.article_id] for mention in mentions[:AUDIT_ROWS])
    for mention in mentions[:AUDIT_ROWS]:
        article = view.articles[mention.span.article_id]
        matched = " ".join(mention.text.split()) or mention.term
        rows.append((article.outlet, article.id, _paragraph_label(mention), mention.voice,
                     f"{matched} ({lexicon_label(mention.lexicon)})",
                     audit_passage(article, mention),
                     "" if review is None else _decision_cell(review.judged.get(mention))))
    note = ("Relevant?: for a reviewer to mark yes, no or unclear. " if review is None else
            "Review: the decision on each mention reviewed, with the reviewer's note; mentions "
            "judged not relevant are listed here but left out of every count. ")
    note += "Passages are verbatim, cut at word boundaries (…)."
    if len(mentions) > AUDIT_ROWS:
        note += (f" The first {number(AUDIT_ROWS)} of {number(len(mentions))} mentions are "
                 "listed here; the full list is in the data tables' mentions.csv.")
    intro = Paragraph(
        f"Every lexicon mention found ({plural(len(mentions), 'mention')}), by outlet and "
        "article, so that a reader can check whether each is genuinely relevant to the frame.")
    table = Table(
        caption="Audit: every lexicon mention",
        columns=("Outlet", "Article", "Para.", "Voice", "Term", "Passage",
                 "Relevant? yes / no / unclear" if review is None else "Review decision"),
        rows=tuple(rows), note=note, kind="audit")
    return Section("audit", "Appendix: audit of mentions", (intro, table), page_break=True)


# --- handout ----------------------------------------------------------------------------


def _handout_sections(view: _View) -> list[Section]:
    sections = [
        _content_note_section(view),
        _about_section(view),
        _side_by_side_section(view),
        _numbers_section(view),
        *(s for s in [changes_section(view.features, view.evidence, compact=True),
                      trend_section(view.features)] if s is not None),
        _cannot_tell_section(),
        _questions_section(view),
    ]
    return [*sections, _sources_section(view, quoted=_quoted_articles(sections), compact=True)]


def _content_note_section(view: _View) -> Section:
    if any_matching(view.features.corpus.articles, _SEXUAL_ABUSE):
        note = Callout("Content note", (
            "The articles quoted here report the sexual abuse and exploitation of children, "
            "including rape and trafficking. The passages are short and factual, but some "
            "readers may find them distressing.",
            "Quotations are reproduced as published, for criticism and review. Some use terms "
            "that current guidance advises against; they are quoted so that their use can be "
            "discussed.",
        ), kind="warning")
    else:
        note = Callout("Content note", (
            "The passages quoted here are reproduced as published, for criticism and review, "
            "including language some readers may find offensive.",
        ), kind="warning")
    frame_box = Callout("What is a frame?", (
        "To frame is to select some aspects of a perceived reality and make them more salient "
        "in a text (Entman 1993). Frames do four things: they define problems, diagnose "
        "causes, make moral judgements and suggest remedies.",
        "Frames are not bias. Every report selects and emphasises; the question is what it "
        "selects, whose words it uses, and what a reader is led to see as the cause and the "
        "remedy.",
    ), kind="definition")
    return Section("before-reading", "Before you read", (note, frame_box))


def _about_section(view: _View) -> Section:
    features = view.features
    findings = key_findings(features, view.differences)
    findings[1:1] = period_findings(features)
    blocks: list[Block] = []
    if features.corpus.description:
        blocks.append(Paragraph(features.corpus.description))
    blocks.append(BulletList(tuple(findings[:HANDOUT_FINDINGS])))
    if view.review is not None:
        blocks.append(Paragraph(review_sentence(view).removesuffix(
            " Each lexicon's precision is under Methods."), kind="small-print"))
    if features.corpus.furniture:
        blocks.append(Paragraph(_furniture_method(view), kind="small-print"))
    return Section("about", "What the corpus shows", tuple(blocks))


def _side_by_side_section(view: _View) -> Section:
    evidence = view.evidence
    # Frames used by most outlets first; among them, those whose voice differs most between
    # outlets (own words against quoted words is the comparison a class can discuss).
    candidates = []
    for lexicon in view.features.lexicons:
        outlets = [o for o in view.outlets if (lexicon.name, o) in evidence.mentions]
        if len(outlets) >= 2:
            frames_here = frames_of(view.features, lexicon.name)
            shares = [f.own_voice_share for f in frames_here if f.own_voice_share is not None]
            spread = round(max(shares) - min(shares), 6) if shares else 0.0
            total = sum(f.mentions for f in frames_here)
            candidates.append((-len(outlets), -spread, -total, lexicon.name, lexicon, outlets))
    candidates.sort(key=lambda c: c[:4])
    blocks: list[Block] = []
    frames = {(f.lexicon, f.outlet): f for f in view.features.frames}
    shown: list[Quote] = []
    for *_, lexicon, outlets in candidates[:SIDE_BY_SIDE_FRAMES]:
        chosen = sorted(outlets, key=lambda o: (-frames[(lexicon.name, o)].mentions
                                                if (lexicon.name, o) in frames else 0,
                                                o.casefold()))[:SIDE_BY_SIDE_COLUMNS]
        columns = []
        for outlet in sorted(chosen, key=str.casefold):
            frame = frames.get((lexicon.name, outlet))
            options = evidence.mentions[(lexicon.name, outlet)]
            # A passage already shown for another frame is passed over when there is another.
            # Show the outlet's usual voice: quoted words when most of its mentions are quoted.
            usual = "quoted" if frame and (frame.own_voice_share or 0) < 0.5 else "own"
            quote = min(options, key=lambda q: (any(_same_passage(q, s) for s in shown),
                                                q.voice != usual,
                                                len(q.text.split()) > SHORT_PASSAGE_WORDS,
                                                options.index(q)))
            shown.append(quote)
            note = (f"{plural(frame.mentions, 'mention')} in "
                    f"{plural(view.facts[outlet].articles, 'article')}" if frame else "")
            if frame and frame.own_voice_share is not None:
                note += f"; {percent(frame.own_voice_share)} in its own voice"
            columns.append(QuoteGroup(title=outlet, quotes=(quote,), note=note))
        label = terms_of(lexicon)
        blocks.append(SideBySide(title=f"{label[0].upper() + label[1:]}: one passage per outlet",
                                 columns=tuple(columns)))
    if not blocks:
        blocks.append(Paragraph("No frame is used by two outlets or more in this corpus, so "
                                "there are no passages to set side by side."))
    else:
        blocks.insert(0, Paragraph(
            "The same frame in different outlets' words. Each passage is marked own voice (the "
            "outlet's words) or quoted (a source's words)."))
    return Section("side-by-side", "Side by side", tuple(blocks))


def _same_passage(a: Quote, b: Quote) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _combined_frame_chart(view: _View) -> Chart:
    shown, rest = view.chart_outlets()
    frames = {(f.lexicon, f.outlet): f for f in view.features.frames}
    categories = list(shown) + ([plural(len(rest), "other outlet")] if rest else [])
    series = []
    for lexicon in view.features.lexicons:
        values = [frames[(lexicon.name, o)].per_1k if (lexicon.name, o) in frames else 0.0
                  for o in shown]
        lows, highs = _rate_bounds([frames.get((lexicon.name, o)) for o in shown])
        if rest:
            words = sum(view.facts[o].words for o in rest)
            mentions = sum(frames[(lexicon.name, o)].mentions for o in rest
                           if (lexicon.name, o) in frames)
            values.append(1000 * mentions / words if words else 0.0)
            low, high = pooled_rate_interval(view.features, rest, lexicon.name)
            lows.append(low)
            highs.append(high)
        series.append(Series(lexicon_label(lexicon), tuple(values), tuple(lows), tuple(highs)))
    clause = caption_clause(view.differences, [(f"{lx.name}_per_1k", terms_of(lx))
                                               for lx in view.features.lexicons])
    return Chart(
        id="frames-per-1k",
        kind="bar",
        title="How often each frame's terms appear",
        caption=("Lexicon mentions per 1,000 words, one panel per frame, with 95% intervals "
                 "(none for an outlet with one article). Outlets: "
                 + "; ".join(f"{o} ({view.sample(o)})" for o in shown[:8])
                 + ("; …" if len(shown) > 8 else "") + ". " + clause),
        alt="Bar charts of lexicon mentions per 1,000 words by outlet, one panel per frame: "
            + "; ".join(f"{s.name}: " + ", ".join(f"{c} {decimal(v)}" for c, v in
                                                   zip(categories, s.values, strict=True))
                        for s in series[:6]) + ".",
        categories=tuple(categories),
        series=tuple(series),
        x_label="mentions per 1,000 words",
    )


def _outlet_terms_table(view: _View, outlet: str) -> Table:
    """A small table of an outlet's top terms for the handout: rank, term, count and in how
    many of its articles."""
    shown = shown_terms(view.features, outlet, TERMS_SHOWN)
    rows = tuple((rank_label(t, place), t.term, number(t.count), f"{t.docs} of {t.docs_total}")
                 for place, t in enumerate(shown.terms, start=1))
    note = tie_note(shown) or ("No term is more frequent here than in the other outlets."
                               if not rows else "")
    return Table(
        caption=f"{outlet} ({view.sample(outlet)})",
        columns=("Rank", "Term", "Count", "In articles"),
        rows=rows,
        numeric=(True, False, True, True),
        note=note,
        kind="compact",
    )


def _terms_intro(view: _View, outlets: Sequence[str]) -> Paragraph:
    """One sentence on what the term tables can and cannot show."""
    few = all(view.facts[o].articles < 5 for o in outlets)
    clear = any(t.z >= Z_CLEAR for o in outlets for t in leading_terms(view.features, o, 1))
    what = ("The words each outlet used more than the other outlets did, most distinctive "
            "first (Count: uses here; In articles: how many of its articles use it; ties "
            "share a rank, marked =)")
    limit = (" They show what these articles were about and how they put it; with "
             "so few articles they cannot show an outlet's habits, and no word is clearly "
             f"distinctive (every z below {Z_CLEAR})." if few and not clear else
             " They show what each outlet's articles were about and how they put it; they "
             "cannot show why, and a word many articles quote counts for the outlet that "
             "quotes it." if not few else
             " They show what these articles were about and how they put it; with so few "
             "articles they cannot show an outlet's habits.")
    return Paragraph(what + "." + limit, kind="small-print")


def _numbers_section(view: _View) -> Section:
    blocks: list[Block] = []
    if len(view.facts) >= 2:
        if len(view.facts) <= TERM_TABLE_OUTLETS:
            blocks.append(_terms_intro(view, view.outlets))
            blocks.extend(_outlet_terms_table(view, o) for o in view.outlets)
        else:
            largest = [f.outlet for f in view.by_size[:12]]
            rows = tuple((f.outlet, ", ".join(t.term for t in
                                              leading_terms(view.features, f.outlet, 5)),
                          f.sample) for f in view.by_size[:12])
            blocks.append(_terms_intro(view, largest))
            blocks.append(Table(caption="Most distinctive terms of the 12 largest outlets",
                                columns=("Outlet", "Leading terms", "Sample"), rows=rows,
                                note="Each outlet's top terms with their counts are in the "
                                "data tables (terms.csv)."))
        singles = [o for o, f in view.facts.items() if f.articles == 1]
        if singles:
            blocks.append(Paragraph(
                f"{join_names(singles)} {'has' if len(singles) == 1 else 'have'} a single "
                "article each: their distinctive words are that article's words.",
                kind="small-print"))
    blocks.append(_combined_frame_chart(view))
    if view.sentiment:
        blocks.append(_sentiment_chart(view))
    return Section("numbers", "The numbers", tuple(blocks), page_break=True)


def _cannot_tell_section() -> Section:
    items = (
        "Whether an outlet is biased. Frames select and emphasise; counting them shows what was "
        "written about, not whether it was fair or accurate.",
        "Whether a mention was relevant. A term about ethnicity or the home may be quoted to be "
        "criticised, or be central to the story; the count cannot tell.",
        "An outlet's habits, from a handful of articles. With one or two articles per outlet, "
        "differences between outlets are differences between articles.",
        "Tone towards anyone. VADER scores words, not stances: crime news reads negative "
        "whatever its stance, and on news its scores agree only moderately with people's "
        "(r = 0.49 on newspaper editorials).",
        "Who is speaking, beyond quotation marks. Reported speech without quotation marks counts "
        "as the outlet's own voice, and speakers are found by rules that can miss or misread "
        "one.",
    )
    return Section("cannot-tell", "What the numbers can't tell you", (BulletList(items),))


def _questions_section(view: _View) -> Section:
    questions = discussion_questions(view.features, view.differences)
    return Section("questions", "Discussion questions",
                   (BulletList(tuple(questions), ordered=True),))


def section_ids(sections: Iterable[Section]) -> list[str]:
    """Ids of the sections and their subsections, in order (for tests and a table of contents)."""
    ids: list[str] = []
    for section in sections:
        ids.append(section.id)
        ids.extend(section_ids(section.subsections))
    return ids
