"""Paragraphs, sentences, tokens and quoted spans: pure functions returning character offsets.

Every span is a `(start, end)` pair into the string given, so `text[start:end]` is the unit.
Paragraphs, sentences and quoted spans never include surrounding whitespace.

Sentences come from the Punkt algorithm as nltk implements it, run without downloaded data:
an untrained `PunktSentenceTokenizer` with the abbreviations below, whose regular
expressions and decision are copied here (nltk is not imported). A faster driver
(`_punkt_spans`) feeds the decision candidate boundaries and caches it, which gives the
same spans as nltk's `PunktSentenceTokenizer.span_tokenize` (tested) at several times its
speed.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.types import Article

Spans = list[tuple[int, int]]

# Lower case, without the final full stop: how Punkt stores abbreviation types.
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "rev", "revd", "fr", "sgt", "insp", "supt",
    "det", "cllr", "gen", "col", "capt", "cmdr", "maj", "lt", "lieut", "adm", "cpl", "pte", "sen",
    "rep", "gov", "hon", "rt", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "bros",
    "dept", "jr", "sr", "esq", "u.s", "u.k", "u.n", "e.g", "i.e", "cf", "approx", "ft", "mt",
    "ave", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
))  # fmt: skip

_BLANK_LINE = re.compile(r"\n\s*\n")
_NON_SPACE = re.compile(r"\S")
_TOKEN = re.compile(r"[^\W_]++(?:['’\-‐][^\W_]++)*+")
_OTHER_ASCII_SPACE = re.compile(r"[\t\n\r\x0b\x0c]")
_ASCII_SPACE = " \t\n\r\x0b\x0c"  # Punkt's notion of whitespace (string.whitespace)


# --- paragraphs -------------------------------------------------------------------------


def paragraph_spans(text: str) -> Spans:
    """Paragraphs separated by blank lines; a text with no blank line splits on newlines."""
    return _paragraphs(text, 0, len(text))


def _paragraphs(text: str, start: int, end: int) -> Spans:
    """Paragraph spans of `text[start:end]`, as offsets into `text`."""
    chunk = text[start:end]
    if _BLANK_LINE.search(chunk):
        breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(chunk)]
    else:
        breaks = [(i, i + 1) for i, char in enumerate(chunk) if char == "\n"]
    spans: Spans = []
    cursor = 0
    for brk_start, brk_end in [*breaks, (len(chunk), len(chunk))]:
        piece = chunk[cursor:brk_start]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            first = start + cursor + lead
            spans.append((first, first + len(stripped)))
        cursor = brk_end
    return spans


# --- sentences --------------------------------------------------------------------------


# Punkt's regular expressions and, for an untrained model, its decision, as nltk 3.10 has
# them (nltk/tokenize/punkt.py: PunktLanguageVars, PunktToken, PunktSentenceTokenizer;
# Copyright (C) 2001-2025 NLTK Project, Apache License 2.0), copied so that splitting
# sentences does not import nltk, whose package imports scipy and scikit-learn: more than a
# second at every start. The tests check both against nltk's own Punkt.
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb?!])"  # no word inside
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"  # dashes and ellipses
_PERIOD_CONTEXT = re.compile(rf"""
    [\.\?!]                     # a potential sentence ending
    (?=(?P<after_tok>
        {_NON_WORD}              # either other punctuation
        |
        \s+(?P<next_tok>\S+)     # or whitespace and some other token
    ))""", re.UNICODE | re.VERBOSE)
_REALIGNMENT = re.compile(r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)',
                          re.MULTILINE)  # closing quotes and brackets kept with the sentence
_PUNKT_WORD = re.compile(rf"""(
    {_MULTI_CHAR}
    |
    (?=[^\(\"\`{{\[:;&\#\*@\)}}\]\-,])\S+?   # word characters until the end is found
    (?=                                   # what marks a word's end
        \s|$|{_NON_WORD}|{_MULTI_CHAR}|
        ,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR})  # a comma at the end of the word
    )
    |
    \S
)""", re.UNICODE | re.VERBOSE)
_ELLIPSIS = re.compile(r"\.\.+$")
_NUMBER = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$")
_PUNCTUATION = frozenset(";:,.!?")


def _contains_break(context: str) -> bool:
    """Punkt's `text_contains_sentbreak` with the ABBREVIATIONS as its only parameters.

    Untrained, Punkt has no collocations, sentence starters or orthographic context, so its
    second pass can only undo a break after an initial or a number followed by punctuation
    or a lower-case word, or after an initial followed by a capitalised one.
    """
    tokens = [token for line in context.split("\n") if line.strip()
              for token in _PUNKT_WORD.findall(line)]
    for k, token in enumerate(tokens[:-1]):  # a break after the last token does not count
        if token in (".", "?", "!"):
            return True
        if not token.endswith(".") or _ELLIPSIS.match(token) or token.endswith(".."):
            continue
        stem = token[:-1].lower()
        if stem in ABBREVIATIONS or stem.split("-")[-1] in ABBREVIATIONS:
            continue  # an abbreviation: an orthographic heuristic could make it a break, but
            # never without orthographic context
        following = tokens[k + 1]
        if _INITIAL.match(token) or _is_number(token):
            if following in _PUNCTUATION or following[0].islower():
                continue  # an initial or an ordinal, not a break
            if _INITIAL.match(token) and following[0].isupper():
                continue  # "J. Bach"
        return True
    return False


def _is_number(token: str) -> bool:
    """Whether Punkt types the token, without its final full stop, as ##number##."""
    kind = _NUMBER.sub("##number##", token.lower())
    return (kind[:-1] if len(kind) > 1 and kind.endswith(".") else kind) == "##number##"


# The same contexts come again and again (see _word_key): each is decided once.
_decided_break = functools.lru_cache(maxsize=500_000)(_contains_break)


def _word_key(word: str) -> str:
    """A stand-in for the word before a candidate boundary that Punkt decides alike.

    With no trained collocations, sentence starters or orthographic context, Punkt's
    decision about an alphabetic word of two or more letters depends only on whether it
    is a known abbreviation, not on the word itself.
    """
    if len(word) > 1 and word.isalpha() and word.lower() not in ABBREVIATIONS:
        return "ww"
    return word


def _next_key(token: str) -> str:
    """A stand-in for the token after a candidate boundary (only its first letter's case counts)."""
    if token.isalpha():
        if token[0].isupper():
            return "A"
        if token[0].islower():
            return "a"
    elif token.isdigit():
        return "0"
    return token


def _punkt_spans(text: str, start: int, end: int) -> Spans:
    """Punkt's `span_tokenize(text[start:end])`, as offsets into `text`.

    Mirrors `PunktSentenceTokenizer._match_potential_end_contexts`, `_slices_from_text` and
    `_realign_boundaries`, asking Punkt to decide each candidate on a normalised context.
    """
    cuts: Spans = []
    last_break = start
    previous = None  # (match, word_start, word_stop) of the pending candidate
    candidates = []
    for match in _PERIOD_CONTEXT.finditer(text, start, end):
        stop = previous[2] if previous else start
        ms = match.start()
        space = text.rfind(" ", stop, ms)
        if _OTHER_ASCII_SPACE.search(text, space + 1 if space >= 0 else stop, ms):
            space = max(text.rfind(char, stop, ms) for char in _ASCII_SPACE)
        word_start = space + 1 if space > stop else (previous[1] if previous else start)
        if previous and previous[2] <= word_start:
            candidates.append(previous)
        previous = (match, word_start, ms)
    if previous:
        candidates.append(previous)
    for match, word_start, word_stop in candidates:
        next_token = match.group("next_tok")
        word = _word_key(text[word_start:word_stop])
        if next_token:
            gap = "\n " if "\n" in match.group("after_tok") else " "
            context = word + match.group() + gap + _next_key(next_token)
        else:
            context = word + match.group() + match.group("after_tok")
        if _decided_break(context):
            cuts.append((last_break, match.end()))
            last_break = match.start("next_tok") if next_token else match.end()
    cuts.append((last_break, start + len(text[start:end].rstrip())))

    spans: Spans = []
    realign = 0
    for index, (s_start, s_end) in enumerate(cuts):
        s_start += realign
        if index + 1 == len(cuts):
            if s_end > s_start:
                spans.append((s_start, s_end))
            break
        n_start, n_end = cuts[index + 1]
        aligned = _REALIGNMENT.match(text, n_start, n_end)
        if aligned:
            spans.append((s_start, n_start + len(aligned.group(0).rstrip())))
            realign = aligned.end() - n_start
        else:
            realign = 0
            if s_end > s_start:
                spans.append((s_start, s_end))
    return spans


def _sentences(text: str, paragraphs: Sequence[tuple[int, int]]) -> Spans:
    """Sentences of each paragraph: Punkt's boundaries, trimmed, covering every character."""
    sentences: Spans = []
    for p_start, p_end in paragraphs:
        starts = [p_start] + [s for s, _ in _punkt_spans(text, p_start, p_end)[1:]]
        starts.append(p_end)
        for s_start, s_end in zip(starts, starts[1:], strict=False):
            piece = text[s_start:s_end]
            stripped = piece.strip()
            if stripped:
                first = s_start + len(piece) - len(piece.lstrip())
                sentences.append((first, first + len(stripped)))
    return sentences


def sentence_spans(text: str) -> Spans:
    """Sentences, found by Punkt within each paragraph (a sentence never crosses one)."""
    return _sentences(text, paragraph_spans(text))


# --- tokens -----------------------------------------------------------------------------


def token_spans(text: str) -> Spans:
    """Words: runs of letters and digits, with internal apostrophes or hyphens (don't, co-op)."""
    return [m.span() for m in _TOKEN.finditer(text)]


def word_count(text: str) -> int:
    """The number of `token_spans` of `text`."""
    return _TOKEN.subn("", text)[1]


# --- quotations -------------------------------------------------------------------------

_DOUBLE, _SINGLE = "double", "single"
_FAMILY = {
    "“": _DOUBLE, "”": _DOUBLE, '"': _DOUBLE, "«": _DOUBLE, "»": _DOUBLE,
    "‘": _SINGLE, "’": _SINGLE, "'": _SINGLE,
}  # fmt: skip
_OPENING_GLYPHS = frozenset("“‘«")
_CLOSING_GLYPHS = frozenset("”’»")
_MARK = re.compile("[\"'“”‘’«»]")
# A mark can open after these (besides whitespace) and close before these.
_BEFORE_OPENING = frozenset("([{<—–-/“‘«\"'")
_AFTER_CLOSING = frozenset(".,;:!?)]}>—–-/…”’»\"'")
_NOT_AFTER_OPENING = frozenset(".,;:!?)]}")


def _quote_role(text: str, i: int, start: int, end: int, open_families: set[str]) -> str | None:
    """'open', 'close' or None (an apostrophe or a stray mark) for the mark at `text[i]`."""
    mark = text[i]
    family = _FAMILY[mark]
    before = text[i - 1] if i > start else ""
    after = text[i + 1] if i + 1 < end else ""
    if family == _SINGLE and before.isalnum() and after.isalnum():
        return None  # media’s, doesn't
    can_open = (not before or before.isspace() or before in _BEFORE_OPENING) and bool(
        after and not after.isspace() and after not in _NOT_AFTER_OPENING
    )
    can_close = bool(before and not before.isspace()) and (
        not after or after.isspace() or after in _AFTER_CLOSING
    )
    is_open = family in open_families
    if mark in _OPENING_GLYPHS:
        # A misused opening mark: `exploitation “.` closes the quotation it ends.
        if is_open and not can_open:
            return "close"
        return "open"
    if mark in _CLOSING_GLYPHS:
        if can_open and not can_close and not is_open:
            return "open"  # ’90s, or a mis-curled opening mark
        return "close" if can_close or is_open else None
    # Straight marks: the context decides; when it cannot, they alternate.
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if can_open and can_close:
        return "close" if is_open else "open"
    return None


def _quoted(text: str, paragraphs: Sequence[tuple[int, int]]) -> Spans:
    spans: Spans = []
    continued: str | None = None  # family of a quotation carried over from the last paragraph
    for index, (p_start, p_end) in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []  # (family, offset of the opening mark)
        for match in _MARK.finditer(text, p_start, p_end):
            i = match.start()
            if continued is not None and i == p_start:
                stack.append((continued, i))
                continued = None
                continue
            family = _FAMILY[text[i]]
            open_families = {f for f, _ in stack}
            role = _quote_role(text, i, p_start, p_end, open_families)
            if role == "open":
                if family in open_families:
                    depth = max(k for k, (f, _) in enumerate(stack) if f == family)
                    if family == _DOUBLE:  # a missing closing mark: end the earlier quotation here
                        spans.append((stack[depth][1] + 1, i))
                    del stack[depth:]
                stack.append((family, i))
            elif role == "close" and family in open_families:
                depth = max(k for k, (f, _) in enumerate(stack) if f == family)
                spans.append((stack[depth][1] + 1, i))
                del stack[depth:]
        continued = None
        if not stack:
            continue
        outer_family, outer_at = stack[0]
        following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        next_mark = text[following] if following is not None else ""
        if (
            next_mark in _FAMILY
            and _FAMILY[next_mark] == outer_family
            and next_mark not in _CLOSING_GLYPHS
        ):
            spans.append((outer_at + 1, p_end))  # British style: the quotation goes on
            continued = outer_family
            continue
        doubles = [at for f, at in stack if f == _DOUBLE]
        if doubles:
            spans.append((doubles[0] + 1, p_end))  # unclosed: ends with its paragraph
        # Unclosed single marks are taken for apostrophes (’90s, 'em) and dropped.
    return _union(spans)


def _union(spans: Spans) -> Spans:
    merged: Spans = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def quoted_spans(text: str) -> Spans:
    """Text inside quotation marks (the marks themselves excluded), in order, not overlapping.

    Marks: “…”, "…", ‘…’, '…' and «…». A single mark between two letters (media’s,
    doesn't) is an apostrophe; otherwise a mark opens when it follows the start, a space or
    opening punctuation and precedes a non-space, and closes when it follows a non-space and
    precedes a space, punctuation or the end. Quotes nested inside quotes are quoted.

    A quotation never runs past its paragraph unless the next paragraph starts with a new
    opening mark of the same kind (the British style for quotes over several paragraphs);
    it then continues, paragraph by paragraph, to its closing mark. An unclosed double
    quotation ends at the end of its paragraph; an unclosed single mark is taken for an
    apostrophe ('90s) and ignored. So one stray mark can affect at most one paragraph.
    Spans stay inside paragraphs: a quotation over several paragraphs gives one span each.
    """
    return _quoted(text, paragraph_spans(text))


def is_quoted(quoted: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `[start, end)` lies inside one of the sorted, non-overlapping `quoted` spans."""
    index = bisect_right(quoted, (start, float("inf"))) - 1
    return index >= 0 and quoted[index][0] <= start and end <= quoted[index][1]


# --- all units of an article ------------------------------------------------------------


@dataclass(frozen=True)
class TextUnits:
    """Paragraphs, sentences and quoted spans of one text, computed once and shared.

    `body_start` is the index in `paragraphs` of the first body paragraph (paragraphs
    before it are the headline and standfirst).
    """

    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    quoted: tuple[tuple[int, int], ...]
    body_start: int = 0

    def paragraph_index(self, offset: int) -> int:
        """0-based index of the paragraph holding `offset` (or the last one before it)."""
        return max(bisect_right(self.paragraphs, (offset, float("inf"))) - 1, 0)

    def body_paragraph(self, offset: int) -> int:
        """1-based body paragraph number of `offset`; 0 in the headline or standfirst."""
        index = self.paragraph_index(offset)
        return index - self.body_start + 1 if index >= self.body_start else 0

    def sentence_index(self, offset: int) -> int:
        """0-based index of the sentence holding `offset` (or the last one before it)."""
        return max(bisect_right(self.sentences, (offset, float("inf"))) - 1, 0)

    def is_quoted(self, start: int, end: int) -> bool:
        return is_quoted(self.quoted, start, end)


def article_paragraphs(article: Article) -> tuple[Spans, int]:
    """Paragraphs of `article.analysed_text`, found section by section, and `body_start`.

    Each section is split on its own, so a body whose paragraphs are separated by single
    newlines is split on them even though blank lines separate the sections.
    """
    text = article.analysed_text
    paragraphs: Spans = []
    body_start = None
    for section in article.sections:
        if section.name == "body" and body_start is None:
            body_start = len(paragraphs)
        paragraphs.extend(_paragraphs(text, section.start, section.end))
    return paragraphs, len(paragraphs) if body_start is None else body_start


def text_units(text: str) -> TextUnits:
    """Paragraphs, sentences and quoted spans of a plain text (no headline or standfirst)."""
    paragraphs = paragraph_spans(text)
    return TextUnits(
        tuple(paragraphs), tuple(_sentences(text, paragraphs)), tuple(_quoted(text, paragraphs))
    )


def article_units(article: Article) -> TextUnits:
    """Paragraphs, sentences and quoted spans of `article.analysed_text`."""
    text = article.analysed_text
    paragraphs, body_start = article_paragraphs(article)
    return TextUnits(
        tuple(paragraphs),
        tuple(_sentences(text, paragraphs)),
        tuple(_quoted(text, paragraphs)),
        body_start,
    )
