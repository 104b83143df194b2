"""Choosing verbatim passages: offsets in, citable quotes out.

Every quote is a slice of an article's analysed text: `quote.text ==
article.analysed_text[quote.start:quote.end]`. A passage is the sentence holding what is
quoted (from the features' sentences; `framing.text.sentence_spans` when an article has
none), kept within its paragraph, at most `max_words` words. A longer sentence is cut at
whitespace around the mention, never inside a word, and the cut is flagged (`lead`, `trail`)
so the renderer can show "…" outside the quoted text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from framing.held import fetch_texts, matching
from framing.reporting.structure import Quote
from framing.text import article_paragraphs, sentence_spans
from framing.types import (
    Article,
    Features,
    Mention,
    ScoredSentences,
    SentenceScore,
    SentenceScores,
    TermScore,
)

MAX_WORDS = 50
SPEAKER_WORDS = 30  # a speaker's quotation is cut to this many words around its start
SPEAKERS_QUOTED = 3  # speakers per outlet given a quote
# A speaker's quotation of fewer words than this is passed over for a longer one when there is one.
SHORT_QUOTE_WORDS = 6
# A sentence shorter than this is joined with the next one when both fit (a sentence or two).
SHORT_SENTENCE_WORDS = 12
# Sentences shorter than this are passed over for "most negative / positive" when others exist.
MIN_SENTIMENT_WORDS = 5

# A sentence up to this many words over `max_words` is kept whole rather than cut.
SLACK_SHARE = 0.2
_POSITION_RANK = {"headline": 0, "standfirst": 1, "first paragraph": 2, "later": 3}
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Evidence:
    """Quotes chosen from the features, ready for the report.

    mentions:  (lexicon, outlet) -> the chosen mention quotes, best first.
    negative / positive:  outlet -> its most negative / most positive sentence.
    terms:  (outlet, term) -> a short passage holding the term, for the leading terms.
    speakers:  (outlet, speaker) -> words of one of the speaker's direct quotations, for the
        outlet's most quoted named speakers (framing.features.sources.outlet_speakers).
    """

    mentions: Mapping[tuple[str, str], tuple[Quote, ...]] = field(default_factory=dict)
    negative: Mapping[str, Quote] = field(default_factory=dict)
    positive: Mapping[str, Quote] = field(default_factory=dict)
    terms: Mapping[tuple[str, str], Quote] = field(default_factory=dict)
    speakers: Mapping[tuple[str, str], Quote] = field(default_factory=dict)

    def all_quotes(self) -> tuple[Quote, ...]:
        """Every quote held, in a stable order."""
        quotes: list[Quote] = []
        for key in sorted(self.mentions):
            quotes.extend(self.mentions[key])
        for mapping in (self.negative, self.positive):
            quotes.extend(mapping[outlet] for outlet in sorted(mapping))
        quotes.extend(self.terms[key] for key in sorted(self.terms))
        quotes.extend(self.speakers[key] for key in sorted(self.speakers))
        return tuple(quotes)


def published_label(article: Article) -> str:
    """`2014-10-16`, `about 2014-08`, or `date unknown`."""
    return str(article.published) if article.published is not None else "date unknown"


def paragraph_spans(article: Article) -> tuple[tuple[int, int, int], ...]:
    """(start, end, number) of each paragraph of the analysed text, as framing.text finds them.

    `number` is the 1-based body paragraph (as in Mention.paragraph); 0 for the headline
    and standfirst.
    """
    paragraphs, body_start = article_paragraphs(article)
    return tuple((start, end, index - body_start + 1 if index >= body_start else 0)
                 for index, (start, end) in enumerate(paragraphs))


def quote_for(
    article: Article,
    start: int,
    end: int,
    *,
    voice: str | None = None,
    note: str = "",
    paragraph: int | None = None,
    lead: bool = False,
    trail: bool = False,
) -> Quote:
    """A citable Quote of `article.analysed_text[start:end]`, surrounding whitespace dropped.

    `paragraph` (1-based body paragraph, as in Mention.paragraph) is used for the location
    when given; otherwise it is worked out from the offsets.
    """
    text = article.analysed_text
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"{article.id}: span {start}:{end} outside the text ({len(text)} chars)")
    start, end = _strip(text, start, end)
    section = article.section_of(start)
    if section != "body":
        location = section
    else:
        if not paragraph:
            paragraph = next(
                (n for s, e, n in paragraph_spans(article) if n and s <= start < e + 1), 0
            ) or _nearest_paragraph(article, start)
        location = f"paragraph {paragraph}"
    return Quote(
        article_id=article.id,
        start=start,
        end=end,
        text=text[start:end],
        outlet=article.outlet,
        published=published_label(article),
        headline=article.headline,
        location=location,
        voice=voice,  # type: ignore[arg-type]
        note=note,
        lead=lead,
        trail=trail,
    )


def select(
    features: Features,
    *,
    per_outlet: int = 3,
    terms_per_outlet: int = 3,
    max_words: int = MAX_WORDS,
) -> Evidence:
    """Choose the passages the report quotes; the same features always give the same choice."""
    passages = _Passages(features, max_words=max_words)
    by_outlet = _sentences_by_outlet(features)
    return Evidence(
        mentions=_mention_quotes(features, passages, per_outlet=per_outlet),
        negative=_sentiment_quotes(by_outlet, passages, most="negative"),
        positive=_sentiment_quotes(by_outlet, passages, most="positive"),
        terms=_term_quotes(features, passages, per_outlet=terms_per_outlet),
        speakers=_speaker_quotes(features, passages),
    )


# --- choosing ---------------------------------------------------------------------------


def _mention_quotes(
    features: Features, passages: _Passages, *, per_outlet: int
) -> dict[tuple[str, str], tuple[Quote, ...]]:
    """Greedy choice: new article first, then own voice, new term, earliest position."""
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in features.mentions:
        outlet = outlet_of.get(mention.span.article_id)
        if outlet is not None:
            groups.setdefault((mention.lexicon, outlet), []).append(mention)

    ordered = {key: sorted(groups[key], key=_mention_order) for key in sorted(groups)}
    # Texts held elsewhere (framing.held) fetched at once for the likely choices.
    fetch_texts(passages.articles[m.span.article_id]
                for candidates in ordered.values() for m in candidates[:per_outlet])
    chosen: dict[tuple[str, str], tuple[Quote, ...]] = {}
    for key, candidates in ordered.items():
        picked: list[Quote] = []
        used_articles: set[str] = set()
        used_terms: set[str] = set()
        while candidates and len(picked) < per_outlet:
            best = min(
                candidates,
                key=lambda m: (
                    m.span.article_id in used_articles,
                    m.voice != "own",
                    m.term.casefold() in used_terms,
                    _mention_order(m),
                ),
            )
            candidates.remove(best)
            shown = " ".join(best.text.split()) or best.term
            quote = passages.around(best.span.article_id, best.span.start, best.span.end,
                                    voice=best.voice, note=f'term "{shown}"',
                                    paragraph=best.paragraph)
            if any(_overlaps(quote, q) for q in picked):
                continue
            picked.append(quote)
            used_articles.add(best.span.article_id)
            used_terms.add(best.term.casefold())
        if picked:
            chosen[key] = tuple(picked)
    return chosen


def _mention_order(mention: Mention) -> tuple:
    return (_POSITION_RANK.get(mention.position, 9), mention.paragraph, mention.span.article_id,
            mention.span.start, mention.span.end)


class _OutletSentences:
    """One outlet's scored sentences: their compound scores as an array, for the extremes."""

    def __init__(self) -> None:
        self.article_ids: list[str] = []
        self.scored: list[ScoredSentences] = []
        self.starts: list[int] = []  # where each article's sentences start in `compound`
        self.size = 0

    def add(self, article_id: str, rows: ScoredSentences) -> None:
        if len(rows):
            self.article_ids.append(article_id)
            self.scored.append(rows)
            self.starts.append(self.size)
            self.size += len(rows)

    @cached_property
    def compound(self) -> np.ndarray:
        return np.concatenate([np.frombuffer(rows.compounds, dtype=np.float64)
                               for rows in self.scored]) if self.scored else np.zeros(0)

    def sentence(self, position: int) -> SentenceScore:
        k = bisect.bisect_right(self.starts, position) - 1
        index = position - self.starts[k]
        rows = self.scored[k]
        return SentenceScore(self.article_ids[k], index, rows.starts[index], rows.ends[index],
                             rows.compounds[index])

    def smallest(self, wanted: int, *, sign: float) -> list[SentenceScore]:
        """The `wanted` sentences first by (sign * compound, article id, offset), in that
        order: heapq.nsmallest's answer, without an object for every sentence."""
        values = sign * self.compound
        if wanted >= values.size:
            candidates = range(values.size)
        else:  # every sentence tied with the wanted-th smallest value, then the full order
            threshold = np.partition(values, wanted - 1)[wanted - 1]
            candidates = np.flatnonzero(values <= threshold).tolist()
        found = [self.sentence(p) for p in candidates]
        found.sort(key=lambda s: (sign * s.compound, s.article_id, s.start))
        return found[:wanted]


def _sentences_by_outlet(features: Features) -> dict[str, _OutletSentences]:
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    by_outlet: dict[str, _OutletSentences] = {}
    scores = SentenceScores.of(features.sentences)
    for article_id, rows in zip(scores.article_ids, scores.scored, strict=True):
        outlet = outlet_of.get(article_id)
        if outlet is not None:
            if outlet not in by_outlet:
                by_outlet[outlet] = _OutletSentences()
            by_outlet[outlet].add(article_id, rows)
    return {outlet: group for outlet, group in by_outlet.items() if group.size}


def _sentiment_quotes(by_outlet: dict[str, _OutletSentences], passages: _Passages, *,
                      most: str) -> dict[str, Quote]:
    """Each outlet's most negative (or positive) sentence of MIN_SENTIMENT_WORDS words or
    more (of any length when it has none); ties go to the first by article and offset."""
    sign = 1.0 if most == "negative" else -1.0
    chosen: dict[str, Quote] = {}
    for outlet in sorted(by_outlet):
        sentences = by_outlet[outlet]
        # The extremes are nearly always long enough: look at the first few, then more.
        best, wanted = None, 8
        while best is None:
            leading = sentences.smallest(wanted, sign=sign)
            best = next((s for s in leading if passages.words(s) >= MIN_SENTIMENT_WORDS), None)
            if best is None and len(leading) == sentences.size:
                best = leading[0]
            wanted *= 8
        chosen[outlet] = passages.sentence(best, note=f"VADER {best.compound:+.2f}")
    return chosen


def term_rank(score: TermScore) -> tuple:
    """How distinctive terms are ordered everywhere: by their rank (framing.features.terms:
    z, count, articles, after the spread rule), ties by term; terms without a rank by z,
    then count, then articles, then term."""
    if score.rank:
        return (0, score.rank, 0.0, 0, score.term)
    return (1, 0, -score.z, -score.count, -score.docs, score.term)


def _term_quotes(
    features: Features, passages: _Passages, *, per_outlet: int
) -> dict[tuple[str, str], Quote]:
    """A passage for each of the outlet's leading terms; a term whose every passage is
    already shown for a higher-ranked term is passed over for the next one."""
    articles_by_outlet = features.corpus.by_outlet()
    terms_by_outlet: dict[str, list[TermScore]] = {}
    for score in features.terms:
        if score.z > 0 and not score.self_reference:  # an outlet naming itself says nothing
            terms_by_outlet.setdefault(score.outlet, []).append(score)

    chosen: dict[tuple[str, str], Quote] = {}
    for outlet in sorted(terms_by_outlet):
        ranked = sorted(terms_by_outlet[outlet], key=term_rank)[:per_outlet * 4]
        articles = sorted(articles_by_outlet.get(outlet, ()), key=lambda a: a.id)
        taken: list[Quote] = []
        for score in ranked:
            if len(taken) >= per_outlet:
                break
            pattern = _term_pattern(score.term)
            if pattern is None:
                continue
            quote = next((q for q in _term_passages(passages, articles, pattern, score.term)
                          if not any(_overlaps(q, t) for t in taken)), None)
            if quote is not None:
                chosen[(outlet, score.term)] = quote
                taken.append(quote)
    return chosen


def _speaker_quotes(features: Features, passages: _Passages) -> dict[tuple[str, str], Quote]:
    """For each outlet's SPEAKERS_QUOTED most quoted named speakers, the words of one of their
    direct quotations: the first of SHORT_QUOTE_WORDS words or more (the first of any length
    when none is), cut to SPEAKER_WORDS words. The quote is the quotation's words without its
    marks, as the article gives them."""
    from framing.features.sources import outlet_speakers

    chosen: dict[tuple[str, str], Quote] = {}
    for outlet, speakers in outlet_speakers(features).items():
        for speaker in speakers[:SPEAKERS_QUOTED]:
            quotation = next((q for q in speaker.quoted if passages.count_words(
                q.span.article_id, q.span.start, q.span.end) >= SHORT_QUOTE_WORDS),
                speaker.first)
            span = quotation.span
            shown = (f"{speaker.speaker} ({speaker.role}): "
                     f"{_plural(speaker.quotations, 'quotation')} in "
                     f"{_plural(speaker.articles, 'article')}")
            chosen[(outlet, speaker.speaker)] = passages.words_of(
                span.article_id, span.start, span.end, note=shown,
                paragraph=quotation.paragraph or None, max_words=SPEAKER_WORDS)
    return chosen


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _term_passages(passages: _Passages, articles, pattern: re.Pattern[str], term: str):
    for article in matching(articles, pattern):  # held texts searched where they are
        for match in pattern.finditer(article.analysed_text):
            yield passages.around(article.id, match.start(), match.end(), note=f'term "{term}"')


def _term_pattern(term: str) -> re.Pattern[str] | None:
    """The term's words in order, separated by anything that is not a word character."""
    words = re.findall(r"\w+(?:['’]\w+)*", term)
    if not words:
        return None
    body = r"[\W_]+".join(re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _overlaps(a: Quote, b: Quote) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


# --- passages ---------------------------------------------------------------------------


class _Passages:
    """Sentence and paragraph look-ups per article, built once."""

    def __init__(self, features: Features, *, max_words: int) -> None:
        self.max_words = max(1, max_words)
        self.articles = {a.id: a for a in features.corpus.articles}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        scores = SentenceScores.of(features.sentences)
        for article_id, rows in zip(scores.article_ids, scores.scored, strict=True):
            spans = self._sentences.setdefault(article_id, [])
            spans.extend(zip(rows.starts, rows.ends, strict=True))
        for spans in self._sentences.values():
            spans.sort()
        self._paragraphs: dict[str, tuple[tuple[int, int, int], ...]] = {}

    def words(self, sentence: SentenceScore) -> int:
        article = self.articles[sentence.article_id]
        return len(_WORD.findall(article.analysed_text, sentence.start, sentence.end))

    def count_words(self, article_id: str, start: int, end: int) -> int:
        return _count_words(self.articles[article_id].analysed_text, start, end)

    def words_of(self, article_id: str, start: int, end: int, *, note: str = "",
                 paragraph: int | None = None, max_words: int = MAX_WORDS) -> Quote:
        """Exactly the words at [start, end) (a quotation without its marks), its opening
        `max_words` words when longer."""
        article = self.articles[article_id]
        text = article.analysed_text
        start, end = _strip(text, start, end)
        q_start, q_end, lead, trail = _window(text, start, end, start, start, max_words)
        return quote_for(article, q_start, q_end, voice="quoted", note=note,
                         paragraph=paragraph, lead=lead, trail=trail)

    def around(self, article_id: str, start: int, end: int, *, voice: str | None = None,
               note: str = "", paragraph: int | None = None) -> Quote:
        """The sentence (or two) holding [start, end), cut to `max_words` around it."""
        article = self.articles[article_id]
        text = article.analysed_text
        p_start, p_end = self._paragraph(article, start)
        spans = self._sentence_spans(article)
        s_start, s_end = _containing(spans, start) or (p_start, p_end)
        s_start, s_end = max(s_start, p_start), min(max(s_end, end), p_end)
        s_start, s_end = _strip(text, min(s_start, start), max(s_end, end))
        if _count_words(text, s_start, s_end) < SHORT_SENTENCE_WORDS:
            following = _next_span(spans, s_end)
            if following is not None and following[1] <= p_end:
                joined_end = _strip(text, s_start, following[1])[1]
                if _count_words(text, s_start, joined_end) <= self.max_words:
                    s_end = joined_end
        q_start, q_end, lead, trail = _window(text, s_start, s_end, start, end, self.max_words)
        return quote_for(article, q_start, q_end, voice=voice, note=note, paragraph=paragraph,
                         lead=lead, trail=trail)

    def sentence(self, sentence: SentenceScore, *, note: str = "") -> Quote:
        """The scored sentence itself, its opening words only when it is very long."""
        article = self.articles[sentence.article_id]
        text = article.analysed_text
        s_start, s_end = _strip(text, sentence.start, sentence.end)
        q_start, q_end, lead, trail = _window(text, s_start, s_end, s_start, s_start,
                                              self.max_words)
        return quote_for(article, q_start, q_end, note=note, lead=lead, trail=trail)

    def _paragraph(self, article: Article, offset: int) -> tuple[int, int]:
        spans = self._paragraphs.get(article.id)
        if spans is None:
            spans = self._paragraphs[article.id] = paragraph_spans(article)
        for start, end, _ in spans:
            if start <= offset < end:
                return start, end
        return 0, len(article.analysed_text)

    def _sentence_spans(self, article: Article) -> list[tuple[int, int]]:
        spans = self._sentences.get(article.id)
        if not spans:
            spans = self._sentences[article.id] = sorted(
                tuple(s) for s in sentence_spans(article.analysed_text))
        return spans


def _containing(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


def _next_span(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    index = bisect.bisect_left(spans, (offset, -1))
    return spans[index] if index < len(spans) else None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _count_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _window(text: str, start: int, end: int, focus_start: int, focus_end: int,
            max_words: int) -> tuple[int, int, bool, bool]:
    """Cut [start, end) to at most `max_words` whitespace-separated words around the focus.

    Cuts fall between words only. Returns (start, end, lead, trail): lead/trail say that
    words were left out before/after.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(words) <= max_words + int(max_words * SLACK_SHARE):
        return start, end, False, False
    first = next((i for i, (_, e) in enumerate(words) if e > focus_start), len(words) - 1)
    last = max(first, next((i for i in range(len(words) - 1, -1, -1)
                            if words[i][0] < focus_end), first))
    spare = max_words - (last - first + 1)
    if spare <= 0:
        lo, hi = first, last
    else:
        lo = max(0, first - spare // 2)
        hi = min(len(words) - 1, last + (spare - (first - lo)))
        lo = max(0, lo - (spare - (first - lo) - (hi - last)))
    return words[lo][0], words[hi][1], lo > 0, hi < len(words) - 1


def _nearest_paragraph(article: Article, offset: int) -> int:
    """The number of the last body paragraph starting at or before `offset` (1 at least)."""
    numbers = [n for s, _, n in paragraph_spans(article) if n and s <= offset]
    return numbers[-1] if numbers else 1
