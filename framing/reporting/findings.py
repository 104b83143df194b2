"""Sentences generated from the numbers: key findings (analyst) and discussion questions (handout).

Each sentence carries the n it rests on; small samples are called small; nothing is said
that the numbers do not carry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.evidence import term_rank
from framing.reporting.wording import (
    decimal,
    join_names,
    number,
    percent,
    plural,
    possessive,
    signed,
    terms_of,
)
from framing.types import Article, Features, Lexicon, OutletFrame, OutletSentiment, TermScore

if TYPE_CHECKING:
    from framing.features.comparisons import OutletDifferences

# Below this many articles an outlet's figures describe those articles, not the outlet.
SMALL_SAMPLE = 5
MAX_TERM_FINDINGS = 4
# A z below this is within what chance gives (two-sided 5%): no term is called distinctive.
Z_CLEAR = 1.96
_QUOTED_PHRASE = re.compile(r"(?<!\w)['‘\"“]([^'‘’\"“”\n]{3,80}?)['’\"”](?!\w)")


# --- per-outlet facts -------------------------------------------------------------------


@dataclass(frozen=True)
class OutletFacts:
    """What the report says about an outlet's sample: how many articles and words."""

    outlet: str
    articles: int
    words: int

    @property
    def sample(self) -> str:
        """ "1 article, 489 words"."""
        return f"{plural(self.articles, 'article')}, {plural(self.words, 'word')}"


def outlet_facts(features: Features) -> dict[str, OutletFacts]:
    """Outlets in corpus order (sorted by name) with their article and word counts."""
    words = dict(features.outlet_words)
    if not words:
        for row in features.articles:
            words[row.outlet] = words.get(row.outlet, 0) + row.words
    return {
        outlet: OutletFacts(outlet, len(articles), int(words.get(outlet, 0)))
        for outlet, articles in features.corpus.by_outlet().items()
    }


def frames_of(features: Features, lexicon: str) -> list[OutletFrame]:
    return sorted((f for f in features.frames if f.lexicon == lexicon),
                  key=lambda f: f.outlet.casefold())


# --- key findings -----------------------------------------------------------------------


def key_findings(features: Features, differences: OutletDifferences | None = None) -> list[str]:
    """Short sentences from the numbers, each with the n behind it. A difference between
    outlets is claimed only when clear (`differences`: outlet_differences, made if None)."""
    facts = outlet_facts(features)
    differences = differences if differences is not None else compared_differences(features)
    articles = features.corpus.articles
    findings = [_scope_finding(articles, facts)]
    if len(facts) == 1:
        only = next(iter(facts.values()))
        findings.append(
            (f"The one article comes from {only.outlet}. " if only.articles == 1 else
             f"All {plural(only.articles, 'article')} come from one outlet, {only.outlet}. ")
            +
            "Comparison needs two outlets or more: the figures below describe this outlet’s "
            "articles only.")
    small = [f for f in facts.values() if f.articles < SMALL_SAMPLE]
    if small and len(facts) > 1:
        singles = [f.outlet for f in small if f.articles == 1]
        detail = f" ({join_names(singles)} with a single article)" if singles else ""
        if len(small) == len(facts):
            findings.append(
                f"Every outlet has fewer than {SMALL_SAMPLE} articles here{detail}: the "
                "differences below are differences between a few articles, not established "
                "habits of the outlets.")
        else:
            findings.append(
                f"{len(small)} of {len(facts)} outlets have fewer than {SMALL_SAMPLE} "
                f"articles{detail}; figures for them rest on very little text.")
    for lexicon in features.lexicons:
        findings.extend(_frame_findings(features, lexicon, facts, differences))
    findings.extend(who_speaks_findings(features))
    findings.extend(_sentiment_findings(features, facts, differences))
    findings.extend(_term_findings(features, facts))
    return findings


def _scope_finding(articles: Sequence[Article], facts: dict[str, OutletFacts]) -> str:
    words = sum(f.words for f in facts.values())
    text = (f"The corpus holds {plural(len(articles), 'article')} ({plural(words, 'word')}) "
            f"from {plural(len(facts), 'outlet')}")
    earliest, latest = date_range(articles)
    if earliest and latest and earliest != latest:
        text += f", published between {earliest} and {latest}"
    elif earliest:
        text += f", published {earliest}"
    undated = sum(a.published is None for a in articles)
    if undated:
        text += f" ({plural(undated, 'article')} without a date)"
    return text + "."


def date_range(articles: Iterable[Article]) -> tuple[str, str]:
    """The earliest and latest publication dates as shown ("about 2014-08"), or ("", "")."""
    dated = sorted((a.published for a in articles if a.published is not None),
                   key=lambda p: (p.date, p.precision))
    if not dated:
        return "", ""
    return str(dated[0]), str(dated[-1])


def compared_outlets(facts: dict[str, OutletFacts]) -> tuple[set[str], str]:
    """The outlets whose extremes a finding may name, and how to say which they are.

    When two or more outlets have SMALL_SAMPLE articles or more, "most" and "least" are
    looked for among them only: an outlet with one article tops every ranking by chance.
    """
    enough = {f.outlet for f in facts.values() if f.articles >= SMALL_SAMPLE}
    if len(enough) >= 2 and len(enough) < len(facts):
        return enough, f"Among the {len(enough)} outlets with {SMALL_SAMPLE} articles or more, "
    return set(facts), ""


def compared_differences(features: Features) -> OutletDifferences:
    """The pairwise comparisons of the outlets compared_outlets chooses, made once per report:
    the family the false-discovery control is over."""
    from framing.features.comparisons import outlet_differences

    compared, _ = compared_outlets(outlet_facts(features))
    return outlet_differences(features, compared)


def _frame_findings(features: Features, lexicon: Lexicon,
                    facts: dict[str, OutletFacts], differences: OutletDifferences) -> list[str]:
    label = terms_of(lexicon)
    frames = [f for f in frames_of(features, lexicon.name) if f.outlet in facts]
    total = sum(f.mentions for f in frames)
    n_articles = sum(f.articles for f in facts.values())
    if total == 0:
        return [f"No article used {label} (0 mentions in "
                f"{plural(n_articles, 'article')})."]
    with_mentions = [f for f in frames if f.mentions]
    sentences = []
    if len(facts) == 1:
        frame = with_mentions[0]
        sentences.append(
            f"{frame.outlet} used {label} {number(frame.mentions)} times: "
            f"{decimal(frame.per_1k)} per 1,000 words, in {frame.articles_with} of "
            f"{plural(facts[frame.outlet].articles, 'article')}.")
    elif len(with_mentions) == 1:
        frame = with_mentions[0]
        sentences.append(
            f"Only {frame.outlet} used {label}: {plural(frame.mentions, 'mention')}, "
            f"{decimal(frame.per_1k)} per 1,000 words ({facts[frame.outlet].sample}).")
    else:
        sentences.append(_rate_comparison(frames, lexicon, facts, differences))
    mentions = [m for m in features.mentions if m.lexicon == lexicon.name]
    own = sum(m.voice == "own" for m in mentions)
    if mentions:
        sentences.append(
            f"Of {plural(len(mentions), 'mention')} of {label}, {number(own)} "
            f"{'was' if own == 1 else 'were'} in the outlets’ own voice and "
            f"{number(len(mentions) - own)} inside quotation marks or attributed speech.")
    return sentences


def _rate_comparison(frames: list[OutletFrame], lexicon: Lexicon,
                     facts: dict[str, OutletFacts], differences: OutletDifferences) -> str:
    """The clearest difference between two outlets' rates, or that none is clear, with the
    range of the rates."""
    from framing.reporting.claims import frame_claim, no_clear_difference

    label = terms_of(lexicon)
    compared, among = compared_outlets(facts)
    samples = {outlet: fact.sample for outlet, fact in facts.items()}
    claim = frame_claim(differences, f"{lexicon.name}_per_1k", label, samples)
    if claim is not None:
        return among + claim + "."
    ranked = sorted((f for f in frames if f.outlet in compared),
                    key=lambda f: (-f.per_1k, f.outlet.casefold()))
    high, low = ranked[0], ranked[-1]
    lead = "no outlet clearly used " if among else "No outlet clearly used "
    return (f"{among}{lead}{label} more often than another: rates ran from "
            f"{decimal(low.per_1k, 2)} ({low.outlet}, "
            f"{rate_interval_text(low, facts[low.outlet].articles)}) to "
            f"{decimal(high.per_1k, 2)} ({high.outlet}, "
            f"{rate_interval_text(high, facts[high.outlet].articles)}) per 1,000 "
            f"words, and {no_clear_difference(differences)}.")


def rate_interval_text(frame: OutletFrame, articles: int) -> str:
    """ "95% CI 0.41 to 1.20", "1 article, no interval" or "no interval"."""
    from framing.reporting.claims import bound

    if frame.per_1k_ci_low is None or frame.per_1k_ci_high is None:
        return "1 article, no interval" if articles <= 1 else "no interval"
    return (f"95% CI {bound(frame.per_1k_ci_low, null=math.nan)} to "
            f"{bound(frame.per_1k_ci_high, null=math.nan)}")


def _sentiment_findings(features: Features, facts: dict[str, OutletFacts],
                        differences: OutletDifferences) -> list[str]:
    rows = sorted((s for s in features.sentiment if s.outlet in facts),
                  key=lambda s: (s.mean, s.outlet.casefold()))
    if not rows:
        return []
    if len(rows) == 1:
        row = rows[0]
        return [f"{possessive(row.outlet)} articles scored a mean VADER sentiment of "
                f"{signed(row.mean)} ({interval_text(row)})."]
    from framing.reporting.claims import no_clear_difference, sentiment_claim

    compared, among = compared_outlets(facts)
    candidates = [r for r in rows if r.outlet in compared] or rows
    low, high = candidates[0], candidates[-1]
    claim = sentiment_claim(differences, {o: f.sample for o, f in facts.items()})
    if claim is not None:
        text = among + claim
    else:
        # After "Among the ... outlets, " the sentence goes on with a name, capitalised as it is.
        text = (f"{among}{'n' if among else 'N'}o outlet’s articles read clearly more negative "
                f"by VADER than another’s: means ran from {signed(low.mean)} "
                f"({low.outlet}, {interval_text(low)}) to {signed(high.mean)} ({high.outlet}, "
                f"{interval_text(high)}), and {no_clear_difference(differences)}")
    sentences = [text + "."]
    if all(r.mean < 0 for r in rows):
        sentences.append(f"All {plural(len(rows), 'outlet')} had a negative mean, as crime "
                         "reporting tends to be, whatever its stance.")
    return sentences


def interval_text(row: OutletSentiment) -> str:
    """ "95% CI -0.42 to -0.20, 2 articles" or "1 article, no interval"."""
    if row.n_articles <= 1:
        return "1 article, no interval"
    return (f"95% CI {signed(row.ci_low)} to {signed(row.ci_high)}, "
            f"{plural(row.n_articles, 'article')}")


def leading_terms(features: Features, outlet: str, limit: int | None) -> list[TermScore]:
    """The outlet's most distinctive terms, in rank order: those used more here than in the
    other outlets (z > 0), the outlet's own name aside ("cnn", "told cnn" for CNN)."""
    terms = sorted((t for t in features.terms_by_outlet.get(outlet, ())
                    if t.z > 0 and not self_reference(t)), key=term_rank)
    return terms if limit is None else terms[:limit]


@dataclass(frozen=True)
class ShownTerms:
    """The terms a table shows, and the tie it stopped before, if any: rather than cut a
    block of tied terms by the alphabet, it is named as a tie (`tie`: its first term,
    whose `tied` says how many share the rank; `examples`: some of them)."""

    terms: tuple[TermScore, ...]
    tie: TermScore | None = None
    examples: tuple[str, ...] = ()


def shown_terms(features: Features, outlet: str, limit: int, *, spare: int = 3) -> ShownTerms:
    """The outlet's first `limit` terms; a tie at the cut is shown whole if that adds at
    most `spare` rows, else the table stops before it and names it."""
    ranked = leading_terms(features, outlet, None)
    if len(ranked) <= limit:
        return ShownTerms(tuple(ranked))
    last = ranked[limit - 1]
    start = next(k for k, t in enumerate(ranked) if t.rank == last.rank)
    end = start + max(1, last.tied)
    if last.tied <= 1 or not last.rank or end <= limit:
        return ShownTerms(tuple(ranked[:limit]))
    if end <= limit + spare and end <= len(ranked):
        return ShownTerms(tuple(ranked[:end]))
    block = [t.term for t in ranked[start:end]]
    return ShownTerms(tuple(ranked[:start]), ranked[start], tuple(block[:5]))


def tie_note(shown: ShownTerms) -> str:
    """ "12 more terms tie at rank 9, each used twice, in 1 of 1 article: a, b, c ..." """
    tie = shown.tie
    if tie is None:
        return ""
    each = "once" if tie.count == 1 else ("twice" if tie.count == 2 else f"{tie.count} times")
    examples = ", ".join(f"“{term}”" for term in shown.examples)
    more = " …" if tie.tied > len(shown.examples) else ""
    elsewhere = ("never in the other outlets" if not tie.count_rest else
                 f"{plural(tie.count_rest, 'time')} in the other outlets")
    return (f"{'Then' if shown.terms else 'All'} {plural(tie.tied, 'term')} tie at rank "
            f"{tie.rank}, each used {each} here (in {tie.docs} of "
            f"{plural(tie.docs_total, 'article')}) and {elsewhere}: {examples}{more}. Their "
            "order would mean nothing, so they are not listed as a ranking.")


def rank_label(term: TermScore, place: int) -> str:
    """ "3", or "3=" for a rank shared with other terms."""
    rank = term.rank or place
    return f"{rank}=" if term.tied > 1 else str(rank)


def tied_at_top(features: Features, outlet: str) -> int:
    """How many of the outlet's terms share its first rank."""
    terms = leading_terms(features, outlet, 1)
    return max(1, terms[0].tied) if terms else 0


def self_reference(term: TermScore) -> bool:
    """Whether the term names its own outlet ("cnn", "told cnn" for CNN): flagged when
    scored, and looked for again in terms scored without the flag."""
    from framing.features.terms import is_self_reference, self_reference_names

    return term.self_reference or is_self_reference(term.term,
                                                    self_reference_names(term.outlet))


def _term_findings(features: Features, facts: dict[str, OutletFacts]) -> list[str]:
    if len(facts) < 2:
        return []
    by_size = sorted(facts.values(), key=lambda f: (-f.articles, f.outlet.casefold()))
    tops = [t for f in by_size for t in leading_terms(features, f.outlet, 1)]
    if tops and all(t.z < Z_CLEAR for t in tops):
        highest = max(t.z for t in tops)
        why = ("as expected when outlets have only a few articles each"
               if all(f.articles < SMALL_SAMPLE for f in facts.values()) else
               "so their vocabularies are alike, or the texts too short to tell them apart")
        return [f"No term clearly set any outlet apart: every outlet’s highest z was below "
                f"{Z_CLEAR} (at most {decimal(highest)}, across {plural(len(tops), 'outlet')}), "
                f"{why}."]
    sentences = []
    for fact in by_size[:MAX_TERM_FINDINGS]:
        # An outlet naming itself ("cnn" in CNN's articles) says nothing about its framing:
        # leading_terms leaves it out.
        terms = leading_terms(features, fact.outlet, 3)
        if not terms:
            continue
        term = terms[0]
        if term.z < Z_CLEAR:
            sentences.append(f"No term clearly set {fact.outlet} apart: its highest z was "
                             f"{decimal(term.z)}, below {Z_CLEAR} ({fact.sample}).")
            continue
        tied = [t.term for t in terms if t.rank == term.rank] if term.tied > 1 else []
        if len(tied) > 1:
            names = join_names([f"“{t}”" for t in tied]) + (
                f" (of {number(term.tied)} tied)" if term.tied > len(tied) else "")
            text = (f"The terms that most set {fact.outlet} apart, tied, were {names} (z = "
                    f"{decimal(term.z)}; each {plural(term.count, 'use')} in {term.docs} of "
                    f"{plural(term.docs_total, 'article')}, {number(term.count_rest)} in the "
                    "other outlets)")
        else:
            text = (f"The term that most set {fact.outlet} apart was “{term.term}” (z = "
                    f"{decimal(term.z)}; {plural(term.count, 'use')} in {term.docs} of "
                    f"{plural(term.docs_total, 'article')}, {number(term.count_rest)} in the "
                    "other outlets)")
        if fact.articles == 1:
            text += ": with one article, its distinctive words are that article’s words"
        elif fact.articles >= 10 and term.docs >= 0.9 * term.docs_total:
            text += (": a word in nearly every article of one outlet is often its "
                     "boilerplate (a sign-off, a credit line); check its passages")
        sentences.append(text + ".")
    return sentences


# --- who speaks ------------------------------------------------------------------------

# Fewer direct quotations than this: their shares by role are given with their counts, never
# called a pattern.
MIN_QUOTATIONS = 20
TOP_ROLES = 3


def role_counts(features: Features) -> dict[str, int]:
    """Direct quotations per role over the corpus, in role_names order (zeros kept)."""
    from framing.features.sources import role_names

    counts = dict.fromkeys(role_names(features), 0)
    for quotation in features.quotations:
        if quotation.kind == "direct":
            counts[quotation.role] = counts.get(quotation.role, 0) + 1
    return counts


def _named_roles(counts: dict[str, int]) -> list[str]:
    """The roles of the lexicon (not "other" or "unattributed"), most quoted first."""
    return sorted((r for r in counts if r not in ("other", "unattributed")),
                  key=lambda r: (-counts[r], list(counts).index(r)))


def who_speaks_findings(features: Features) -> list[str]:
    """How many direct quotations, how many attributed, and which roles speak (with n)."""
    if features.roles is None:
        return []
    counts = role_counts(features)
    total = sum(counts.values())
    n_articles = len(features.corpus.articles)
    if not total:
        return [f"No article quotes anyone directly (0 direct quotations in "
                f"{plural(n_articles, 'article')})."]
    with_quotes = len({q.span.article_id for q in features.quotations if q.kind == "direct"})
    unattributed = counts.get("unattributed", 0)
    sentences = [f"The articles carry {plural(total, 'direct quotation')} (in "
                 f"{number(with_quotes)} of {plural(n_articles, 'article')}); "
                 f"{number(total - unattributed)} name or "
                 f"describe who spoke, {number(unattributed)} do not."]
    ranked = [r for r in _named_roles(counts) if counts[r]]
    silent = [r for r in _named_roles(counts) if not counts[r]]
    attributed = total - unattributed  # shares of these, as in the chart and table
    shares = "; ".join(f"{role} {number(counts[role])} ({percent(counts[role] / attributed)})"
                       for role in ranked[:TOP_ROLES])
    if ranked and total >= MIN_QUOTATIONS:
        text = (f"The roles quoted most often (shares of the {number(attributed)} with a "
                f"speaker): {shares}")
    elif ranked:
        text = (f"With only {plural(total, 'direct quotation')}, the roles describe these "
                f"articles’ sources, not a pattern: {shares}")
    else:
        text = "No quoted speaker has a role from the roles lexicon"
    if silent:
        text += (f"; no quotation has the role "
                 f"{join_names(silent, limit=len(silent)).replace(' and ', ' or ')}")
    sentences.append(text + ".")
    return sentences


# --- discussion questions ---------------------------------------------------------------

MIN_QUESTIONS, MAX_QUESTIONS = 6, 8


def discussion_questions(features: Features,
                         differences: OutletDifferences | None = None) -> list[str]:
    """6-8 questions built from this corpus's outlets, frames, headlines and terms; a
    contrast between outlets is called a difference only when clear (`differences`)."""
    facts = outlet_facts(features)
    differences = differences if differences is not None else compared_differences(features)
    specific: list[str] = []
    specific.extend(_voice_question(features, facts, differences))
    specific.extend(_sources_question(features))
    specific.extend(_absence_question(features, facts, differences))
    specific.extend(_headline_questions(features))
    specific.extend(_placement_question(features, facts))
    specific.extend(_term_question(features, facts))
    specific.extend(_sentiment_question(features, facts, differences))
    specific.extend(_dominant_frame_question(features))
    general = _general_questions(features, facts)
    # At least one general question, room permitting; never fewer than six in all.
    questions = specific[:MAX_QUESTIONS - 1]
    target = max(MIN_QUESTIONS, len(questions) + 1)
    return (questions + general[:max(0, target - len(questions))])[:MAX_QUESTIONS]


def _voice_question(features: Features, facts: dict[str, OutletFacts],
                    differences: OutletDifferences) -> list[str]:
    """The frame whose own-voice share differs most between outlets."""
    best = None
    for lexicon in features.lexicons:
        used = [f for f in frames_of(features, lexicon.name)
                if f.mentions and f.own_voice_share is not None and f.outlet in facts]
        if len(used) < 2:
            continue
        most = max(used, key=lambda f: (f.own_voice_share, f.mentions, f.outlet))
        least = min(used, key=lambda f: (f.own_voice_share, -f.mentions, f.outlet))
        spread = most.own_voice_share - least.own_voice_share
        key = (spread, sum(f.mentions for f in used), lexicon.name)
        if best is None or key > best[0]:
            best = (key, lexicon, most, least)
    if best is None:
        return []
    _, lexicon, most, least = best
    label = terms_of(lexicon)
    own_most = round(most.own_voice_share * most.mentions)
    own_least = round(least.own_voice_share * least.mentions)
    if most.own_voice_share == least.own_voice_share:
        voice = "its own voice" if most.own_voice_share >= 0.5 else "quotations"
        return [f"Every outlet that used {label} did so mostly in {voice} (e.g. "
                f"{most.outlet}: {own_most} of {plural(most.mentions, 'mention')} in its own "
                "words). Who is given the words to describe this part of the story, and who "
                "is not?"]
    from framing.reporting.claims import voice_claim

    claim = voice_claim(differences.between(f"{lexicon.name}_own_voice_share", most.outlet,
                                            least.outlet))
    counts = (f"{most.outlet} used {label} in its own voice in {own_most} of "
              f"{plural(most.mentions, 'mention')}, {least.outlet} in {own_least} of "
              f"{least.mentions}")
    verdict = (f"{counts}: {claim}." if claim else
               f"{counts}; with so few mentions that is no clear difference.")
    return [f"{verdict} Compare a passage from each: what changes when the words are a "
            "source’s rather than the outlet’s?"]


def _sources_question(features: Features) -> list[str]:
    """Which roles speak in the quotations, and which never do."""
    if features.roles is None:
        return []
    counts = role_counts(features)
    total = sum(counts.values())
    ranked = [r for r in _named_roles(counts) if counts[r]]
    if total < 5 or not ranked:
        return []
    top = ranked[0]
    silent = [r for r in _named_roles(counts) if not counts[r]]
    attributed = total - counts.get("unattributed", 0)
    which = " with a speaker named or described" if attributed < total else ""
    text = (f"Of the {plural(attributed, 'direct quotation')} in these articles{which}, "
            f"{number(counts[top])} have the role {top} ({percent(counts[top] / attributed)})")
    if silent:
        text += (" and none the role "
                 f"{join_names(silent, limit=len(silent)).replace(' and ', ' or ')}")
    return [text + ". Who is given the words to define the problem, and who is talked about "
            "but not heard?"]


def _absence_question(features: Features, facts: dict[str, OutletFacts],
                      differences: OutletDifferences) -> list[str]:
    """A frame some outlets use and others never do."""
    best = None
    for lexicon in features.lexicons:
        frames = [f for f in frames_of(features, lexicon.name) if f.outlet in facts]
        silent = [f.outlet for f in frames if f.mentions == 0]
        users = sorted((f for f in frames if f.mentions),
                       key=lambda f: (-f.mentions, f.outlet.casefold()))
        if silent and users:
            key = (len(silent), users[0].mentions, lexicon.name)
            if best is None or key > best[0]:
                best = (key, lexicon, silent, users)
    if best is None:
        return []
    _, lexicon, silent, users = best
    silent_articles = sum(facts[o].articles for o in silent)
    description = " ".join(lexicon.description.split(":")[0].split()).rstrip(".")
    if len(description) > 80:
        description = ""
    about = f" ({description[0].lower() + description[1:]})" if description else ""
    their = "its" if len(silent) == 1 else "their"
    measure = f"{lexicon.name}_per_1k"
    gaps = [differences.between(measure, users[0].outlet, outlet) for outlet in silent]
    if gaps and all(gap is not None and gap.clear for gap in gaps):
        from framing.reporting.claims import interval

        widest = max(gaps, key=lambda gap: gap.high)  # type: ignore[union-attr]
        return [f"{join_names(silent)} never used {terms_of(lexicon)}{about} in {their} "
                f"{plural(silent_articles, 'article')}, while {users[0].outlet} did "
                f"{plural(users[0].mentions, 'time')}, a clear difference (the rate ratio's "
                f"{interval(widest)} at its least clear). "  # type: ignore[arg-type]
                "Is leaving something out a framing choice? What else could explain the gap "
                "(length, date, the angle of the story)?"]
    user = users[0]
    return [f"{join_names(silent)} never used {terms_of(lexicon)}{about} in {their} "
            f"{plural(silent_articles, 'article')}, and {user.outlet} used them "
            f"{plural(user.mentions, 'time')} in {plural(facts[user.outlet].articles, 'article')}"
            ": with so few articles that is no clear difference. How many articles would you "
            "want before reading an outlet’s silence as a framing choice?"]


def _headline_questions(features: Features, limit: int = 2) -> list[str]:
    """Headlines that put a phrase in quotation marks: whose words are they?"""
    candidates = []
    for article in features.corpus.articles:
        for match in _QUOTED_PHRASE.finditer(article.headline):
            phrase = match.group(1).strip()
            words = len(phrase.split())
            if words >= 2:
                candidates.append((-min(words, 6), article.id, phrase, article))
    candidates.sort(key=lambda c: c[:3])
    asks = (
        "Whose words are they, and how does quoting them position the reader towards the "
        "people they describe?",
        "Find who said it in the article. Would the headline read differently without the "
        "quotation marks, and would it still be accurate?",
    )
    questions, outlets = [], set()
    for _, _, phrase, article in candidates:
        if article.outlet in outlets or len(questions) >= limit:
            continue
        outlets.add(article.outlet)
        date = str(article.published) if article.published else "date unknown"
        questions.append(
            f"{possessive(article.outlet)} headline ({date}) puts “{phrase}” in quotation "
            f"marks. {asks[len(questions) % len(asks)]}")
    return questions


def _placement_question(features: Features, facts: dict[str, OutletFacts]) -> list[str]:
    ranks = {"headline": 0, "standfirst": 1, "first paragraph": 2, "later": 3}
    for lexicon in features.lexicons:
        frames = [f for f in frames_of(features, lexicon.name)
                  if f.first_position is not None and f.outlet in facts]
        early = sorted((f for f in frames if ranks[f.first_position] <= 1),
                       key=lambda f: (ranks[f.first_position], f.outlet.casefold()))
        late = [f for f in frames if f.first_position == "later"]
        if early and late:
            return [f"{early[0].outlet} used {terms_of(lexicon)} as early as its "
                    f"{early[0].first_position}; {join_names([f.outlet for f in late])} only "
                    "after the first paragraph. Does it matter where in an article a frame "
                    "first appears?"]
    return []


def _term_question(features: Features, facts: dict[str, OutletFacts]) -> list[str]:
    if len(facts) < 2:
        return []
    tops = {f.outlet: leading_terms(features, f.outlet, 1) for f in facts.values()}
    highest = max((t[0].z for t in tops.values() if t), default=None)
    if highest is None:
        return []
    if highest < Z_CLEAR:
        return [f"No word sets any outlet clearly apart here (the highest z is "
                f"{decimal(highest)}, below {Z_CLEAR}). How many articles per outlet would "
                "you want before comparing their vocabulary, and why?"]
    ranked = sorted(facts.values(), key=lambda f: (-(tops[f.outlet][0].z if tops[f.outlet]
                                                      else 0), f.outlet.casefold()))
    for fact in ranked:
        terms = [t for t in leading_terms(features, fact.outlet, 3) if t.z >= Z_CLEAR]
        if len(terms) >= 2:
            words = join_names([f"“{t.term}”" for t in terms])
            caveat = (" (they come from its only article)" if fact.articles == 1
                      else f" (from {plural(fact.articles, 'article')})")
            return [f"The words that most set {fact.outlet} apart are {words}{caveat}. Do "
                    "they point to a cause, a responsible party or a remedy?"]
    return []


def _sentiment_question(features: Features, facts: dict[str, OutletFacts],
                        differences: OutletDifferences) -> list[str]:
    from framing.reporting.claims import sentiment_claim

    rows = sorted((s for s in features.sentiment if s.outlet in facts),
                  key=lambda s: (s.mean, s.outlet.casefold()))
    if len(rows) < 2:
        return []
    low, high = rows[0], rows[-1]
    claim = sentiment_claim(differences, {o: f.sample for o, f in facts.items()})
    if claim is not None:
        lead = claim[0].upper() + claim[1:] + "."
    else:
        lead = (f"By VADER, mean sentiment runs from {signed(low.mean)} ({low.outlet}, "
                f"{plural(low.n_articles, 'article')}) to {signed(high.mean)} ({high.outlet}, "
                f"{plural(high.n_articles, 'article')}), but no outlet reads clearly more "
                "negative than another.")
    return [f"{lead} Crime news reads negative whatever its stance: what would you need to "
            "know before calling one outlet’s coverage more hostile?"]


def _dominant_frame_question(features: Features) -> list[str]:
    """The frame with most mentions: what gets little space beside it?"""
    counts = {lx.name: 0 for lx in features.lexicons}
    for mention in features.mentions:
        if mention.lexicon in counts:
            counts[mention.lexicon] += 1
    total = sum(counts.values())
    if not total or len(counts) < 2:
        return []
    name = min(counts, key=lambda n: (-counts[n], n))
    return [f"{terms_of(name)[0].upper() + terms_of(name)[1:]} account for {counts[name]} of "
            f"the {number(total)} lexicon mentions here. Which other way of framing the story "
            "gets little or no space, and who might frame it that way?"]


def _general_questions(features: Features, facts: dict[str, OutletFacts]) -> list[str]:
    questions = []
    dated = [a.published.date for a in features.corpus.articles if a.published is not None]
    if dated and (max(dated) - min(dated)).days >= 365:
        earliest, latest = date_range(features.corpus.articles)
        questions.append(f"The articles run from {earliest} to {latest}. Which of the "
                         "differences between outlets might be differences between years?")
    singles = [f.outlet for f in facts.values() if f.articles == 1]
    if singles:
        questions.append(f"{plural(len(singles), 'outlet')} ({join_names(singles)}) "
                         f"{'is' if len(singles) == 1 else 'are'} represented by a single "
                         "article. What can one article tell you about an outlet’s coverage, "
                         "and what can it not?")
    if len(facts) == 1:
        questions.append("All the articles here come from one outlet. Which second outlet would "
                         "you add to compare, and what would you expect to differ?")
    questions.append("Pick one quoted passage and say which of Entman’s four functions it "
                     "performs: defining the problem, diagnosing a cause, making a moral "
                     "judgement or suggesting a remedy. Which function is missing from the "
                     "corpus as a whole?")
    if not _sources_question(features):
        questions.append("Who is quoted in these articles (officials, politicians, experts, "
                         "the people most affected), and whose account of events is missing?")
    questions.append("Rewrite one headline so that it frames the same facts differently. What "
                     "did you have to change: the words, the sources or the order?")
    return questions
