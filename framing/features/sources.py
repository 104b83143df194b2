"""Who speaks, counted: each outlet's quotations by role, its most quoted speakers, and the
frames in each voice. Pure sums over Features.quotations (framing.features.quotes finds
them); the tables (output_tables) and the report (reporting) both read these.

Only direct quotations (words in quotation marks attributed to a speaker, or unattributed)
are counted as sources: scare quotes have no speaker, and "according to" claims are the
outlet's words.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from framing.features.quotes import UNATTRIBUTED
from framing.features.roles import OTHER
from framing.text import word_count
from framing.types import Article, Features, Mention, Quotation

OWN_VOICE = "own voice"
SCARE = "scare quotes"


def role_names(features: Features) -> tuple[str, ...]:
    """The roles a quotation can have, in the roles lexicon's order, then `other` and
    `unattributed` (and any role found that the lexicon does not list, sorted)."""
    names: list[str] = []
    if features.roles is not None:
        names = [c.name for c in features.roles.categories if c.name not in (OTHER,
                                                                             UNATTRIBUTED)]
    found = {q.role for q in features.quotations if q.kind == "direct"}
    names += sorted(found - set(names) - {OTHER, UNATTRIBUTED})
    return (*names, OTHER, UNATTRIBUTED)


@dataclass(frozen=True)
class OutletSources:
    """One outlet's direct quotations: how many, how many words, by role."""

    outlet: str
    articles: int  # articles of the outlet
    quotations: int  # direct quotations
    quoted_words: int  # words inside them
    articles_with: int  # articles with at least one direct quotation
    by_role: Mapping[str, int] = field(default_factory=dict)  # role -> direct quotations

    @property
    def attributed(self) -> int:
        """Direct quotations with a speaker (named or described)."""
        return self.quotations - self.by_role.get(UNATTRIBUTED, 0)

    def share(self, role: str) -> float | None:
        """A role's share of the outlet's attributed direct quotations (None with none);
        "unattributed"'s share of all its direct quotations (None with none).

        Roles are shared among the quotations with a speaker because the share left
        unattributed differs between outlets: shares of all quotations would make an outlet
        whose quotations are harder to attribute look as if it quoted every role less.
        Against hand coding (docs/validation.md) they are the closer estimate in most
        outlets."""
        if role == UNATTRIBUTED:
            return self.by_role.get(role, 0) / self.quotations if self.quotations else None
        return self.by_role.get(role, 0) / self.attributed if self.attributed else None


def quotation_words(features: Features) -> list[int]:
    """Words in each quotation of Features.quotations (in its order)."""
    articles = {a.id: a for a in features.corpus.articles}
    return [_words(q, articles) for q in features.quotations]


def _words(quotation: Quotation, articles: Mapping[str, Article]) -> int:
    """The quotation's words: as counted where it was found, or counted here."""
    if quotation.words is not None:
        return quotation.words
    span = quotation.span
    return word_count(articles[span.article_id].excerpt(span.start, span.end))


def outlet_sources(features: Features) -> dict[str, OutletSources]:
    """Every outlet (corpus order: by name) with its direct quotations counted."""
    articles = {a.id: a for a in features.corpus.articles}
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, list[int]] = {}
    with_quotes: dict[str, set[str]] = {}
    for quotation in features.quotations:
        if quotation.kind != "direct":
            continue
        article = articles[quotation.span.article_id]
        outlet = article.outlet
        by_role = counts.setdefault(outlet, {})
        by_role[quotation.role] = by_role.get(quotation.role, 0) + 1
        total = totals.setdefault(outlet, [0, 0])
        total[0] += 1
        total[1] += _words(quotation, articles)
        with_quotes.setdefault(outlet, set()).add(article.id)
    return {outlet: OutletSources(outlet, len(articles), *totals.get(outlet, (0, 0)),
                                  len(with_quotes.get(outlet, ())), counts.get(outlet, {}))
            for outlet, articles in features.corpus.by_outlet().items()}


@dataclass(frozen=True)
class Speaker:
    """A speaker of one outlet: how often quoted, in how many articles, and where first."""

    outlet: str
    speaker: str
    role: str
    quotations: int
    articles: int
    first: Quotation  # the first quotation, in article order
    quoted: tuple[Quotation, ...] = ()  # all of them, in article and text order


def is_named(speaker: str) -> bool:
    """Whether a speaker is named (a person or a body by name: "Professor Alexis Jay",
    "NSPCC"), not a description ("a police spokesman", "the report") or unattributed."""
    return bool(speaker) and speaker != UNATTRIBUTED and speaker[0].isupper()


def outlet_speakers(features: Features) -> dict[str, list[Speaker]]:
    """Each outlet's named speakers of direct quotations, most quoted first: by articles
    quoted in, then quotations, then name. An outlet with none is left out."""
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    found: dict[tuple[str, str], list[Quotation]] = {}
    for quotation in features.quotations:
        if quotation.kind == "direct" and is_named(quotation.speaker):
            key = (outlet_of[quotation.span.article_id], quotation.speaker)
            found.setdefault(key, []).append(quotation)
    by_outlet: dict[str, list[Speaker]] = {}
    for (outlet, name), quoted in found.items():
        roles: dict[str, int] = {}
        for quotation in quoted:
            roles[quotation.role] = roles.get(quotation.role, 0) + 1
        # One speaker keeps one role in an article; across articles, the most frequent.
        role = min(roles, key=lambda r: (-roles[r], r))
        by_outlet.setdefault(outlet, []).append(Speaker(
            outlet, name, role, len(quoted), len({q.span.article_id for q in quoted}),
            quoted[0], tuple(quoted)))
    return {outlet: sorted(speakers, key=lambda s: (-s.articles, -s.quotations,
                                                    s.speaker.casefold()))
            for outlet, speakers in sorted(by_outlet.items(), key=lambda i: i[0].casefold())}


def mention_speakers(features: Features, mentions: Sequence[Mention] | None = None
                     ) -> list[Quotation | None]:
    """For each mention (default: Features.mentions), the quotation that holds it when it
    is in the quoted voice (None otherwise, or when no quotation holds it)."""
    mentions = features.mentions if mentions is None else mentions
    quotations = features.quotations
    wanted = {m.span.article_id for m in mentions if m.voice == "quoted"}
    # Per article: its quotations' starts, ends and places in `quotations`, as numbers (a
    # corpus on a cluster has millions of quotations, packed); objects only for holders.
    by_article: dict[str, tuple[array, array, array]] = {}
    for place, quotation in enumerate(quotations):
        article_id = quotation.span.article_id
        if quotation.kind == "according_to" or article_id not in wanted:
            continue  # a claim's sentence is the outlet's own voice; or no quoted mention
        if article_id not in by_article:
            by_article[article_id] = (array("i"), array("i"), array("i"))
        starts, ends, places = by_article[article_id]
        starts.append(quotation.span.start)
        ends.append(quotation.span.end)
        places.append(place)
    holders: dict[int, Quotation] = {}
    found: list[Quotation | None] = []
    for mention in mentions:
        holder = None
        if mention.voice == "quoted" and mention.span.article_id in by_article:
            starts, ends, places = by_article[mention.span.article_id]
            k = bisect_right(starts, mention.span.start) - 1
            if k >= 0 and mention.span.end <= ends[k]:
                place = places[k]
                if place not in holders:
                    holders[place] = quotations[place]
                holder = holders[place]
        found.append(holder)
    return found


def voice_of(quotation: Quotation | None) -> str:
    """The voice a quoted mention is in: its quotation's role, "scare quotes", or
    "unattributed" when no quotation holds it."""
    if quotation is None:
        return UNATTRIBUTED
    return SCARE if quotation.kind == "scare" else quotation.role


@dataclass(frozen=True)
class VoiceFrames:
    """One outlet's words and frame mentions in one voice (own voice, a role's quotations,
    scare quotes)."""

    outlet: str
    voice: str
    words: int
    mentions: Mapping[str, int]  # lexicon name -> mentions in this voice


def frames_by_voice(features: Features, words: Sequence[int] | None = None
                    ) -> dict[str, list[VoiceFrames]]:
    """Per outlet, each voice with its words and its mentions of each lexicon: own voice
    first (the words outside quotation marks), then the roles (role_names order), then scare
    quotes; voices with neither words nor mentions are left out."""
    words = quotation_words(features) if words is None else words
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    voice_words: dict[tuple[str, str], int] = {}
    quoted_words: dict[str, int] = {}
    for quotation, n_words in zip(features.quotations, words, strict=True):
        if quotation.kind == "according_to":
            continue
        outlet = outlet_of[quotation.span.article_id]
        key = (outlet, voice_of(quotation))
        voice_words[key] = voice_words.get(key, 0) + n_words
        quoted_words[outlet] = quoted_words.get(outlet, 0) + n_words
    for outlet, total in features.outlet_words.items():
        voice_words[(outlet, OWN_VOICE)] = max(0, total - quoted_words.get(outlet, 0))
    voice_mentions: dict[tuple[str, str], dict[str, int]] = {}
    for mention, holder in zip(features.mentions, mention_speakers(features), strict=True):
        outlet = outlet_of.get(mention.span.article_id)
        if outlet is None:
            continue
        voice = OWN_VOICE if mention.voice == "own" else voice_of(holder)
        counts = voice_mentions.setdefault((outlet, voice), {})
        counts[mention.lexicon] = counts.get(mention.lexicon, 0) + 1
    order = (OWN_VOICE, *role_names(features), SCARE)
    result: dict[str, list[VoiceFrames]] = {}
    for outlet in features.corpus.by_outlet():
        rows = []
        for voice in order:
            n_words = voice_words.get((outlet, voice), 0)
            counts = voice_mentions.get((outlet, voice), {})
            if n_words or counts:
                rows.append(VoiceFrames(outlet, voice, n_words, counts))
        result[outlet] = rows
    return result
