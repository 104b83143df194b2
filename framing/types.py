"""Frozen dataclasses shared by all stages. No logic beyond derived views."""

from __future__ import annotations

import datetime as dt
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

SECTION_SEPARATOR = "\n\n"
_SEPARATOR_UTF8 = SECTION_SEPARATOR.encode()


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    load; `furniture` lists what was removed from the articles as outlet furniture."""

    articles: tuple[Article, ...]
    name: str = ""
    description: str = ""
    outlet_notes: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    source: str = ""
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
class SentenceScore:
    """VADER compound score of one sentence."""

    article_id: str
    index: int
    start: int
    end: int
    compound: float


class ScoredSentences(Sequence[tuple[int, int, float]]):
    """One article's sentences as a read-only sequence of (start, end, compound), kept in
    three arrays: a row takes 24 bytes there, and about 150 as a tuple of three numbers (a
    corpus has millions). `starts`, `ends` and `compounds` are those arrays: read them only."""

    __slots__ = ("starts", "ends", "compounds")
    starts: array
    ends: array
    compounds: array

    def __init__(self, rows: Iterable[tuple[int, int, float]] = ()) -> None:
        rows = rows if isinstance(rows, Sequence) else tuple(rows)
        self._set(array("q", [row[0] for row in rows]), array("q", [row[1] for row in rows]),
                  array("d", [row[2] for row in rows]))

    @classmethod
    def from_columns(cls, starts: array, ends: array, compounds: array) -> ScoredSentences:
        """From the three arrays themselves (typecodes q, q and d), not copied."""
        scored = cls.__new__(cls)
        scored._set(starts, ends, compounds)
        return scored

    def _set(self, starts: array, ends: array, compounds: array) -> None:
        if (starts.typecode, ends.typecode, compounds.typecode) != ("q", "q", "d"):
            raise TypeError("ScoredSentences takes arrays of typecodes q, q and d")
        if not len(starts) == len(ends) == len(compounds):
            raise ValueError("ScoredSentences: starts, ends and compounds differ in length")
        object.__setattr__(self, "starts", starts)
        object.__setattr__(self, "ends", ends)
        object.__setattr__(self, "compounds", compounds)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ScoredSentences is read-only: cannot set {name!r}")

    def __len__(self) -> int:
        return len(self.compounds)

    def __iter__(self) -> Iterator[tuple[int, int, float]]:
        return zip(self.starts, self.ends, self.compounds, strict=True)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return tuple(zip(self.starts[position], self.ends[position],
                             self.compounds[position], strict=True))
        return self.starts[position], self.ends[position], self.compounds[position]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ScoredSentences):
            return ((self.starts, self.ends, self.compounds)
                    == (other.starts, other.ends, other.compounds))
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(
                a == tuple(b) for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self):
        return ScoredSentences.from_columns, (self.starts, self.ends, self.compounds)

    def __repr__(self) -> str:
        return f"ScoredSentences({list(self)!r})"


def scored_sentences(rows: Iterable[tuple[int, int, float]]) -> ScoredSentences:
    """`rows` as ScoredSentences (themselves if they are)."""
    return rows if isinstance(rows, ScoredSentences) else ScoredSentences(rows)


@dataclass(frozen=True, eq=False)
class SentenceScores(Sequence[SentenceScore]):
    """A corpus's sentence scores, article by article, as a read-only sequence of
    SentenceScore made when read: millions of sentences need not all be objects at once.

    `scored` holds each article's (start, end, compound) rows; given as other sequences,
    they are kept as ScoredSentences."""

    article_ids: tuple[str, ...]
    scored: tuple[ScoredSentences, ...]

    def __post_init__(self) -> None:
        if not all(isinstance(rows, ScoredSentences) for rows in self.scored):
            object.__setattr__(self, "scored", tuple(map(scored_sentences, self.scored)))

    @classmethod
    def of(cls, sentences: Sequence[SentenceScore]) -> SentenceScores:
        """`sentences` as SentenceScores (themselves if they are): each run of one article's
        sentences becomes an entry, their indices their places in the run."""
        if isinstance(sentences, SentenceScores):
            return sentences
        ids, scored = [], []
        for article_id, run in groupby(sentences, key=attrgetter("article_id")):
            ids.append(article_id)
            scored.append(ScoredSentences([(s.start, s.end, s.compound) for s in run]))
        return cls(tuple(ids), tuple(scored))

    @cached_property
    def _ends(self) -> tuple[int, ...]:
        return tuple(accumulate(len(rows) for rows in self.scored))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __iter__(self) -> Iterator[SentenceScore]:
        for article_id, rows in zip(self.article_ids, self.scored, strict=True):
            for index, (start, end, compound) in enumerate(rows):
                yield SentenceScore(article_id, index, start, end, compound)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return tuple(self[k] for k in range(*position.indices(len(self))))
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError("sentence index out of range")
        article = bisect_right(self._ends, position)
        index = position - (self._ends[article - 1] if article else 0)
        start, end, compound = self.scored[article][index]
        return SentenceScore(self.article_ids[article], index, start, end, compound)

    def rows(self) -> Iterator[tuple[str, int, int, int, float]]:
        """(article_id, index, start, end, compound) of every sentence, without objects."""
        for article_id, rows in zip(self.article_ids, self.scored, strict=True):
            for index, (start, end, compound) in enumerate(rows):
                yield article_id, index, start, end, compound

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SentenceScores):
            return (self.article_ids, self.scored) == (other.article_ids, other.scored)
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

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


@dataclass(frozen=True)
class Features:
    """Everything computed from a corpus: the tables the report and the CSV files stand on."""

    corpus: Corpus
    lexicons: tuple[Lexicon, ...]
    articles: tuple[ArticleFeatures, ...]
    sentences: Sequence[SentenceScore]  # a SentenceScores when computed
    mentions: tuple[Mention, ...]
    terms: tuple[TermScore, ...]
    sentiment: tuple[OutletSentiment, ...]
    frames: tuple[OutletFrame, ...]
    outlet_words: Mapping[str, int]

    @cached_property
    def terms_by_outlet(self) -> Mapping[str, tuple[TermScore, ...]]:
        """Each outlet's distinctive terms, in the order of `terms`."""
        grouped: dict[str, list[TermScore]] = {}
        for score in self.terms:
            grouped.setdefault(score.outlet, []).append(score)
        return {outlet: tuple(scores) for outlet, scores in grouped.items()}
