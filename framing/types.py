"""Frozen dataclasses shared by all stages. No logic beyond derived views."""

from __future__ import annotations

import datetime as dt
import hashlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, groupby
from operator import attrgetter
from typing import Literal

Precision = Literal["day", "month", "year"]
Voice = Literal["own", "quoted"]
Position = Literal["headline", "standfirst", "first paragraph", "later"]
SectionName = Literal["headline", "standfirst", "body"]
Judgement = Literal["relevant", "not_relevant", "unclear"]
QuotationKind = Literal["direct", "scare", "according_to"]

SECTION_SEPARATOR = "\n\n"
_SEPARATOR_UTF8 = SECTION_SEPARATOR.encode()


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date that keeps the precision the source gave it."""

    date: dt.date
    precision: Precision = "day"
    approximate: bool = False

    def iso(self) -> str:
        """`2014-10-16`, `2014-08` or `2014`, as precise as known."""
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def __str__(self) -> str:
        return ("about " if self.approximate else "") + self.iso()


@dataclass(frozen=True, slots=True)
class Section:
    """A part of an article's analysed text: headline, standfirst or body."""

    name: SectionName
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article. `text` is the body; the analysed text adds headline and standfirst."""

    id: str
    outlet: str
    published: PublishedDate | None
    headline: str
    standfirst: str
    text: str
    author: str = ""
    url: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # where it was read from, for messages: "path" or "path:line"

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Offsets of headline, standfirst and body in `analysed_text` (empty parts left out)."""
        parts = [("headline", self.headline), ("standfirst", self.standfirst), ("body", self.text)]
        sections, cursor = [], 0
        for name, part in parts:
            if not part:
                continue
            if sections:
                cursor += len(SECTION_SEPARATOR)
            sections.append(Section(name, cursor, cursor + len(part)))
            cursor += len(part)
        return tuple(sections)

    @cached_property
    def analysed_text(self) -> str:
        """Headline, standfirst and body joined by blank lines: what every offset points into."""
        return SECTION_SEPARATOR.join(self._analysed_parts())

    def analysed_text_utf8(self) -> Iterator[bytes]:
        """`analysed_text` as UTF-8, part by part (for hashing it without making it)."""
        for k, part in enumerate(self._analysed_parts()):
            if k:
                yield _SEPARATOR_UTF8
            yield part.encode("utf-8", "surrogatepass")

    @cached_property
    def content_digest(self) -> str:
        """SHA-256 (hex) of `analysed_text` as UTF-8: what identifies the text in review keys
        and the corpus fingerprint (worked out where the text is, for an article whose text
        is held on a cluster's workers: framing.held)."""
        digest = hashlib.sha256()
        for chunk in self.analysed_text_utf8():
            digest.update(chunk)
        return digest.hexdigest()

    def _analysed_parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.headline, self.standfirst, self.text) if p)

    def excerpt(self, start: int, end: int) -> str:
        """`analysed_text[start:end]`, sliced from its part when it lies in one, so that the
        analysed text need not be made (a copy of the article) for a few words of it."""
        if "analysed_text" not in self.__dict__:
            for section in self.sections:
                if section.start <= start and end <= section.end:
                    part = (self.headline if section.name == "headline" else
                            self.standfirst if section.name == "standfirst" else self.text)
                    return part[start - section.start:end - section.start]
        return self.analysed_text[start:end]

    def section_of(self, offset: int) -> SectionName:
        """Which section holds the character at `offset`."""
        for section in self.sections:
            if offset < section.end + len(SECTION_SEPARATOR):
                return section.name
        return "body"


FurnitureKind = Literal["line", "run", "dateline", "credit", "caption", "promo"]


@dataclass(frozen=True)
class Furniture:
    """A passage an outlet prints in many of its articles (or a dateline, a credit line),
    removed from the analysed text when the corpus was read.

    `kind`: a whole repeated "line"; a repeated "run" of words (one that opens lines or
    sentences, or a whole sentence of text without line breaks); a "dateline" or "credit"
    line (moved into the article's metadata); a picture "caption" with its credit; a
    "promo" (a link to another story, a follow-me sign-off). `text`
    is as printed in the first article it was removed from (for datelines, credits and
    captions: the most frequent form); `articles` of the outlet's `outlet_articles` had it;
    `words` were removed in all."""

    outlet: str
    kind: FurnitureKind
    text: str
    articles: int
    outlet_articles: int
    words: int


@dataclass(frozen=True)
class Corpus:
    """Articles with the corpus's own description; `warnings` are non-fatal findings of the
    load; `furniture` lists what was removed from the articles as outlet furniture.

    `left_out_languages` counts, per language code, the articles the load left out because
    they are not in English (the lexicons and VADER are English)."""

    articles: tuple[Article, ...]
    name: str = ""
    description: str = ""
    outlet_notes: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    source: str = ""
    left_out_languages: Mapping[str, int] = field(default_factory=dict)
    furniture: tuple[Furniture, ...] = ()

    def by_outlet(self) -> dict[str, tuple[Article, ...]]:
        """Articles grouped by outlet, outlets sorted by name."""
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            groups.setdefault(article.outlet, []).append(article)
        return {outlet: tuple(groups[outlet]) for outlet in sorted(groups, key=str.casefold)}

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(self.by_outlet())


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into an article's analysed text: `text[start:end]` is what is quoted."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One match of a lexicon term in an article."""

    lexicon: str
    category: str
    term: str
    span: Span
    text: str
    voice: Voice
    paragraph: int  # 1-based body paragraph; 0 for headline and standfirst
    sentence: int  # 0-based sentence index in the analysed text
    position: Position


@dataclass(frozen=True, slots=True)
class Quotation:
    """Words an article attributes to someone: a direct quotation (in quotation marks), a
    scare quote (marks with no speech act) or a claim made "according to" someone.

    `span` is the quoted text without its marks (for according_to: the sentence that carries
    the claim); `speaker` is the source as the article names them, in the fullest form the
    article gives, "unattributed" when the text does not say, "" for a scare quote; `role` is
    a role of the roles lexicon, "other", "unattributed" or "" (scare). `cue` is the words that
    attribute it ("said", "told", "according to", ...), "colon" for a name and a colon,
    "continuation" for a quotation that goes on from the last one, or "" when none;
    `cue_start`/`cue_end` are their offsets (None for continuation and when none), as
    `speaker_start`/`speaker_end` are those of the words naming the speaker here (a name, a
    description or a pronoun). `paragraph` is the 1-based body paragraph (0: headline or
    standfirst). A quotation over several paragraphs is one Quotation per paragraph.
    """

    span: Span
    kind: QuotationKind
    speaker: str
    role: str
    cue: str
    cue_start: int | None
    cue_end: int | None
    paragraph: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    words: int | None = None  # words in the span (framing.text.word_count); None: not counted


class _EqualAsSequence:
    """Equal to any sequence of equal items, as the tuple of its items would be."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))


class MadeWhenRead(Sequence):
    """A read-only sequence whose items `_item(k)` makes when they are read; a slice is
    `_items(positions)` (a tuple of `_item`s, unless a subclass makes them at once)."""

    def _item(self, k: int):
        raise NotImplementedError

    def _items(self, positions: range) -> Sequence:
        return tuple(map(self._item, positions))

    def __getitem__(self, position):
        if isinstance(position, slice):
            return self._items(range(*position.indices(len(self))))
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._item(position)


_QUOTATION_NUMBERS = 8  # numbers a packed quotation has (PackedQuotations.numbers)
_QUOTATION_LABELS = 4  # labels a packed quotation has (PackedQuotations.labels)


@dataclass(frozen=True, eq=False)
class PackedQuotations(_EqualAsSequence, MadeWhenRead, Sequence[Quotation]):
    """A corpus's quotations, in article and text order, packed in arrays (about 50 bytes a
    quotation, not 400): a read-only sequence of Quotation made when read. For a corpus on a
    cluster, whose millions of quotations need not all be objects at once; made with
    QuotationPacker.

    Per quotation: `articles` its article's index in `article_ids`; `numbers` its start, end,
    cue_start, cue_end, paragraph, speaker_start, speaker_end and words (-1 for None);
    `labels` its kind, speaker, role and cue as indices into `strings`."""

    article_ids: tuple[str, ...]
    articles: array
    numbers: array
    labels: array
    strings: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.articles)

    def _item(self, k: int) -> Quotation:
        n, m, strings = k * _QUOTATION_NUMBERS, k * _QUOTATION_LABELS, self.strings
        start, end, cue_start, cue_end, paragraph, speaker_start, speaker_end, words = (
            None if value < 0 else value for value in self.numbers[n:n + _QUOTATION_NUMBERS])
        kind, speaker, role, cue = (strings[i] for i in self.labels[m:m + _QUOTATION_LABELS])
        return Quotation(Span(self.article_ids[self.articles[k]], start, end), kind, speaker,
                         role, cue, cue_start, cue_end, paragraph, speaker_start, speaker_end,
                         words)

    def __iter__(self) -> Iterator[Quotation]:
        return map(self._item, range(len(self)))

    def __repr__(self) -> str:
        return f"PackedQuotations({len(self)} quotations of {len(self.article_ids)} articles)"


class QuotationPacker:
    """Packs the quotation rows (ArticleResult.quotations) of article after article into
    one PackedQuotations."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._articles, self._numbers, self._labels = array("I"), array("i"), array("I")
        self._strings: dict[str, int] = {}

    def add(self, article_id: str, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        index = len(self._ids)
        self._ids.append(article_id)
        strings = self._strings
        for (start, end, kind, speaker, role, cue, cue_start, cue_end, paragraph,
             speaker_start, speaker_end, words) in rows:
            self._articles.append(index)
            self._numbers.extend(-1 if value is None else value for value in (
                start, end, cue_start, cue_end, paragraph, speaker_start, speaker_end, words))
            self._labels.extend(strings.setdefault(label, len(strings))
                                for label in (kind, speaker, role, cue))

    def packed(self) -> PackedQuotations:
        return PackedQuotations(tuple(self._ids), self._articles, self._numbers, self._labels,
                                tuple(self._strings))


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """VADER compound score of one sentence."""

    article_id: str
    index: int
    start: int
    end: int
    compound: float


SENTENCE_TYPECODES = "iid"  # ScoredSentences' starts, ends and compounds


@dataclass(frozen=True, slots=True)
class ScoredSentences:
    """One article's sentences as three columns (typecodes i, i, d): 16 bytes a sentence,
    where a corpus has millions. Read the arrays only."""

    starts: array
    ends: array
    compounds: array

    @classmethod
    def of(cls, rows: Iterable[tuple[int, int, float]]) -> ScoredSentences:
        """From (start, end, compound) rows."""
        rows = tuple(rows)
        return cls(*(array(typecode, [row[k] for row in rows])
                     for k, typecode in enumerate(SENTENCE_TYPECODES)))

    def __len__(self) -> int:
        return len(self.compounds)

    def __iter__(self) -> Iterator[tuple[int, int, float]]:
        """(start, end, compound) of each sentence."""
        return zip(self.starts, self.ends, self.compounds, strict=True)


class SentenceColumns(MadeWhenRead, Sequence[ScoredSentences]):
    """Article after article's ScoredSentences, kept in three columns for the whole corpus
    (the three arrays of each article cost more than the sentences of a short one): each
    article's made when read. Filled with `add`, then only read."""

    def __init__(self) -> None:
        self.starts, self.ends, self.compounds = (array(typecode)
                                                  for typecode in SENTENCE_TYPECODES)
        self.bounds = array("q", [0])  # where each article's sentences begin, then the end

    def add(self, scored: ScoredSentences) -> None:
        self.starts.extend(scored.starts)
        self.ends.extend(scored.ends)
        self.compounds.extend(scored.compounds)
        self.bounds.append(len(self.compounds))

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def _item(self, k: int) -> ScoredSentences:
        start, end = self.bounds[k], self.bounds[k + 1]
        return ScoredSentences(self.starts[start:end], self.ends[start:end],
                               self.compounds[start:end])


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article contributes, without its id, so that it can be cached by content.

    `mentions` are (lexicon, category, term, start, end, voice, paragraph, sentence, position)
    rows and `quotations` (start, end, kind, speaker, role, cue, cue_start, cue_end,
    paragraph, speaker_start, speaker_end, words) rows, the fields of Quotation after its span:
    plain tuples, which the cache stores as they are."""

    words: int
    sentences: ScoredSentences
    mentions: tuple[tuple[str, str, str, int, int, str, int, int, str], ...]
    quotations: tuple[tuple, ...] = ()


@dataclass(frozen=True, eq=False)
class SentenceScores(_EqualAsSequence, MadeWhenRead, Sequence[SentenceScore]):
    """A corpus's sentence scores, article by article, as a read-only sequence of
    SentenceScore made when read: millions of sentences need not all be objects at once.

    `scored` holds each article's sentences (a SentenceColumns for a corpus's)."""

    article_ids: tuple[str, ...]
    scored: Sequence[ScoredSentences]

    @classmethod
    def of(cls, sentences: Sequence[SentenceScore]) -> SentenceScores:
        """`sentences` as SentenceScores (themselves if they are): each run of one article's
        sentences becomes an entry, their indices their places in the run."""
        if isinstance(sentences, SentenceScores):
            return sentences
        ids, scored = [], []
        for article_id, run in groupby(sentences, key=attrgetter("article_id")):
            ids.append(article_id)
            scored.append(ScoredSentences.of((s.start, s.end, s.compound) for s in run))
        return cls(tuple(ids), tuple(scored))

    @cached_property
    def _ends(self) -> Sequence[int]:
        if isinstance(self.scored, SentenceColumns):
            return self.scored.bounds[1:]
        return tuple(accumulate(len(rows) for rows in self.scored))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __iter__(self) -> Iterator[SentenceScore]:
        for article_id, rows in zip(self.article_ids, self.scored, strict=True):
            for index, (start, end, compound) in enumerate(rows):
                yield SentenceScore(article_id, index, start, end, compound)

    def _item(self, position: int) -> SentenceScore:
        article = bisect_right(self._ends, position)
        index = position - (self._ends[article - 1] if article else 0)
        rows = self.scored[article]
        start, end, compound = rows.starts[index], rows.ends[index], rows.compounds[index]
        return SentenceScore(self.article_ids[article], index, start, end, compound)

    def rows(self) -> Iterator[tuple[str, int, int, int, float]]:
        """(article_id, index, start, end, compound) of every sentence, without objects."""
        for article_id, rows in zip(self.article_ids, self.scored, strict=True):
            for index, (start, end, compound) in enumerate(rows):
                yield article_id, index, start, end, compound

    def __repr__(self) -> str:
        return f"SentenceScores({len(self)} sentences of {len(self.article_ids)} articles)"


@dataclass(frozen=True)
class TermScore:
    """A distinctive term of one outlet against all the others.

    `rank` is its place among the outlet's terms (1 first; terms that tie share a rank, and
    `tied` says how many do); 0 for a term naming the outlet itself (`self_reference`),
    which is listed but not ranked."""

    outlet: str
    term: str
    tfidf: float
    z: float
    log_ratio: float
    count: int
    count_rest: int
    docs: int
    docs_total: int
    rank: int = 0
    tied: int = 1
    self_reference: bool = False


@dataclass(frozen=True)
class OutletSentiment:
    """Mean article sentiment of an outlet with a bootstrap 95% interval over articles."""

    outlet: str
    mean: float
    ci_low: float
    ci_high: float
    n_articles: int
    n_sentences: int
    share_negative: float


@dataclass(frozen=True)
class OutletFrame:
    """How one outlet uses one lexicon frame."""

    outlet: str
    lexicon: str
    mentions: int
    per_1k: float
    article_share: float
    articles_with: int
    own_voice_share: float | None  # None when there are no mentions
    first_position: Position | None
    # 95% interval of per_1k over articles (framing.features.rates); None with one article.
    per_1k_ci_low: float | None = None
    per_1k_ci_high: float | None = None


@dataclass(frozen=True)
class ArticleFeatures:
    """Per-article numbers."""

    article_id: str
    outlet: str
    words: int
    sentiment: float | None
    n_sentences: int
    mentions: Mapping[str, int]  # lexicon name -> count


@dataclass(frozen=True)
class LexiconTerm:
    """A term or pattern of a lexicon. `pattern` is the compiled-ready regex source."""

    text: str
    category: str
    pattern: str
    suggestion: str = ""
    line: int = 0
    source: str = ""  # id of the lexicon source that gives the suggestion
    note: str = ""  # the lexicon author's caveat about this term


@dataclass(frozen=True)
class LexiconCategory:
    name: str
    description: str = ""


@dataclass(frozen=True)
class Lexicon:
    """A frame lexicon loaded from YAML."""

    name: str
    description: str
    version: str
    sources: tuple[str, ...]
    categories: tuple[LexiconCategory, ...]
    terms: tuple[LexiconTerm, ...]
    exclusions: tuple[str, ...] = ()
    path: str = ""
    fingerprint: str = ""
    exclusion_labels: tuple[str, ...] = ()  # the exclusions for display: readable
    validation: str = ""  # how the lexicon's precision was measured, as its author states it


@dataclass(frozen=True)
class Decision:
    """One reviewer's judgement of one mention: a row of a review file (framing.review)."""

    key: str
    decision: Judgement
    reviewer: str = ""
    note: str = ""
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class MentionReview:
    """What the review files say of one mention. When they disagree (`conflict`), the
    mention counts as "unclear"."""

    decision: Judgement
    decisions: tuple[Decision, ...]

    @property
    def conflict(self) -> bool:
        return len({d.decision for d in self.decisions}) > 1


@dataclass(frozen=True)
class Review:
    """Review decisions applied to Features (framing.review.apply_decisions): the mentions
    judged not relevant are left out of Features.mentions and of every count, and kept here.

    `mentions` are every mention found, in the order computed; `judged` maps those that
    match a decision to it; `content` maps article id to its text's hash (the mention keys'
    part that notices an edited text); `warnings` are what was not applied, and why; `keys`
    are the mentions' keys (framing.review.keys.mention_key), in the order of `mentions`."""

    files: tuple[str, ...]
    mentions: tuple[Mention, ...]
    judged: Mapping[Mention, MentionReview]
    content: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Features:
    """Everything computed from a corpus: the tables the report and the CSV files stand on.

    `review` is set when review decisions were applied (framing.review.apply_decisions);
    `periods` when a reporting period or a trend was asked for (framing.features.periods):
    then the other fields describe the reporting period's articles only.
    `quotations` are every article's quotations, in article and text order, and `roles` the
    roles lexicon that gave their roles (None when quotations were not looked for)."""

    corpus: Corpus
    lexicons: tuple[Lexicon, ...]
    articles: tuple[ArticleFeatures, ...]
    sentences: Sequence[SentenceScore]  # a SentenceScores when computed
    mentions: tuple[Mention, ...]
    terms: tuple[TermScore, ...]
    sentiment: tuple[OutletSentiment, ...]
    frames: tuple[OutletFrame, ...]
    outlet_words: Mapping[str, int]
    review: Review | None = None
    periods: PeriodAnalysis | None = None
    quotations: Sequence[Quotation] = ()  # PackedQuotations for a corpus held on a cluster
    roles: Lexicon | None = None

    @cached_property
    def terms_by_outlet(self) -> Mapping[str, tuple[TermScore, ...]]:
        """Each outlet's distinctive terms, in the order of `terms`."""
        grouped: dict[str, list[TermScore]] = {}
        for score in self.terms:
            grouped.setdefault(score.outlet, []).append(score)
        return {outlet: tuple(scores) for outlet, scores in grouped.items()}


PeriodUnit = Literal["month", "quarter", "year", "range"]


@dataclass(frozen=True)
class Period:
    """A span of whole months: a month, a quarter, a year or a range of them. `end` is the
    last day, inclusive; `label` is how it is written ("2024", "2024-Q3", "2024-07",
    "2024-07..2024-09")."""

    label: str
    start: dt.date
    end: dt.date
    unit: PeriodUnit

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class PeriodFrame:
    """One outlet's use of one lexicon in one period; mentions, rates and shares are None
    (empty, not zero) when the outlet has no articles then, intervals None with fewer than
    two articles."""

    lexicon: str
    mentions: int | None
    per_1k: float | None
    per_1k_ci_low: float | None
    per_1k_ci_high: float | None
    article_share: float | None
    own_voice_share: float | None


@dataclass(frozen=True)
class OutletPeriod:
    """One outlet in one period: a row of periods.csv."""

    outlet: str
    period: Period
    articles: int
    words: int
    sentiment_mean: float | None
    sentiment_ci_low: float | None
    sentiment_ci_high: float | None
    frames: tuple[PeriodFrame, ...]  # in the order of Features.lexicons


@dataclass(frozen=True)
class Change:
    """One outlet's change in one measure between the baseline and the period: a row of
    changes.csv. `change` is a ratio (rates, articles) or a difference (shares, sentiment);
    `p` is the test's two-sided p-value, `q` the Benjamini-Hochberg adjusted one over every
    change tested; `flagged` when q <= 0.05 and the interval excludes no change. None where
    there is nothing to compare."""

    outlet: str
    measure: str  # "<lexicon>_per_1k", "<lexicon>_article_share", "<lexicon>_own_voice_share",
    #               "sentiment_mean" or "articles"
    period: str
    baseline: str
    value: float | None
    baseline_value: float | None
    change: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    q: float | None
    flagged: bool


@dataclass(frozen=True)
class LeftOut:
    """Articles a period's figures leave out because their dates cannot place them: no
    date, or a date of coarser precision than the periods (a year-only date in a quarter)."""

    no_date: int = 0
    year_only: int = 0
    month_only: int = 0

    @property
    def total(self) -> int:
        return self.no_date + self.year_only + self.month_only


@dataclass(frozen=True)
class PeriodAnalysis:
    """What framing.features.periods found: the reporting period and its baseline (None when
    not asked for), the trend's unit and periods, one OutletPeriod per outlet and period
    (period, baseline and every trend period; empty periods included), the changes, the
    terms that became distinctive in the period (TermScore with `outlet` the period's label,
    `count_rest` the baseline's count), and what was left out, and why.

    For the trend's charts: `trend_outlets` are the outlets with most articles in the trend,
    `trend_rest` one row per trend period for all the other outlets pooled (its `outlet`
    says how many)."""

    period: Period | None
    baseline: Period | None
    trend: str | None
    trend_periods: tuple[Period, ...]
    rows: tuple[OutletPeriod, ...]
    changes: tuple[Change, ...]
    new_terms: tuple[TermScore, ...]
    left_out: LeftOut = field(default_factory=LeftOut)  # from the period and the baseline
    left_out_of_trend: LeftOut = field(default_factory=LeftOut)
    baseline_articles: int = 0
    trend_outlets: tuple[str, ...] = ()
    trend_rest: tuple[OutletPeriod, ...] = ()
