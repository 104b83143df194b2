"""Lexicon mentions in articles, and how each outlet uses each lexicon frame.

Matching, per lexicon: scan for the leftmost place where any term matches; there, take the
longest of the terms' matches (ties: the term earlier in the lexicon); skip it if it overlaps
a match of one of the lexicon's exclusions (then try the next longest term at the same
place); carry on after it. So matches of one lexicon never overlap; different lexicons may
match the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

try:  # Python 3.11+
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from framing.errors import LexiconError, located
from framing.text import TextUnits, article_units
from framing.types import Article, Corpus, Lexicon, Mention, OutletFrame, Position, Span

HeadTerms = tuple[tuple[int, tuple[int, ...]], ...]
POSITIONS: tuple[Position, ...] = ("headline", "standfirst", "first paragraph", "later")
# An exclusion is looked for this far either side of a term's match.
EXCLUSION_REACH = 200
PREFIX_LETTERS = 6  # letters of a prefix, over one word or more
# In a prefix, the end of a word and the non-word characters after it: "of a" is the word
# "of", then (after spaces, say) a word starting with "a"; "of " is the word "of".
WORD_END = " "
_PREFIX_WORK_LIMIT = 200_000  # steps of the prefix walk before a pattern counts as opaque
HEAD_MEMO_LIMIT = 500_000  # word heads remembered per lexicon (many in non-Latin scripts)


@dataclass(frozen=True)
class CompiledLexicon:
    """One lexicon's regular expressions, compiled once. Picklable (patterns recompile)."""

    lexicon: Lexicon
    scan: re.Pattern[str]  # any term: finds the leftmost place where one matches
    probe: re.Pattern[str] | None  # every term's match at one place, in groups _t0, _t1...
    terms: tuple[re.Pattern[str], ...]  # used when the terms cannot share one probe
    exclusions: tuple[re.Pattern[str], ...]
    # A term's first word's lower-cased first letters (1 to PREFIX_LETTERS, then WORD_END if
    # the word must end there) -> indices of the terms that may start with them at a word
    # start; None when some term cannot be prefiltered.
    prefix_terms: Mapping[str, tuple[int, ...]] | None = None
    # The terms' prefixes in full, maybe over more than one word (what head_scan looks for).
    prefixes: frozenset[str] = frozenset()
    # Finds the heads of the words a term may start at (see _head_scan); None: no prefilter.
    head_scan: re.Pattern[str] | None = None
    # Word heads seen so far -> ((0, indices of the terms that may start there),).
    head_terms: dict[str, HeadTerms] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class CompiledLexicons:
    lexicons: tuple[CompiledLexicon, ...]
    # The heads of the words a term of any prefiltered lexicon may start at.
    head_scan: re.Pattern[str] | None = None
    # Word heads seen so far -> (lexicon number, indices of its terms that may start there).
    head_terms: dict[str, HeadTerms] = field(default_factory=dict, compare=False, repr=False)


def _compile(pattern: str, lexicon: Lexicon, line: int, what: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise LexiconError(
            located(
                lexicon.path or lexicon.name,
                f"{what} is not a valid regular expression ({error}): {pattern!r}; fix it",
                line=line or None,
            )
        ) from None


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Compile one lexicon's terms and exclusions; a bad pattern raises LexiconError."""
    terms = tuple(
        _compile(term.pattern, lexicon, term.line, f"term {term.text!r}") for term in lexicon.terms
    )
    exclusions = tuple(
        _compile(pattern, lexicon, 0, "exclusion") for pattern in lexicon.exclusions
    )
    sources = [term.pattern for term in lexicon.terms]
    scan = re.compile("|".join(f"(?:{source})" for source in sources) or r"(?!)")
    try:
        probe = re.compile(
            "".join(f"(?:(?=(?P<_t{i}>{source}))|)" for i, source in enumerate(sources))
        )
    except re.error:  # e.g. two terms with the same group name: probe them one by one
        probe = None
    prefixes = _all_prefixes(sources)
    prefix_terms = None if prefixes is None else _first_word_table(prefixes)
    return CompiledLexicon(lexicon, scan, probe, terms, exclusions, prefix_terms,
                           frozenset().union(*prefixes or ()), _head_scan(prefixes or ()))


# --- prefilter: the letters a term can start with ---------------------------------------

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))
_WORD_CLASS = [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]
_NON_WORD_CATEGORIES = (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD)
_BYTE_FLAGS = re.ASCII | re.LOCALE  # where \w is not Python's str.isalnum() or "_"


def _starts_at_word_start(items: list) -> bool:
    """Whether a parsed pattern asserts, before consuming anything, that no word char precedes."""
    for op, av in items:
        if op is _sre.SUBPATTERN:
            return _starts_at_word_start(list(av[-1]))
        if op is _sre.AT and av is _sre.AT_BOUNDARY:
            return True
        if op is _sre.ASSERT_NOT and av[0] == -1 and list(av[1]) == _WORD_CLASS:
            return True
        if op not in _ZERO_WIDTH:
            return False
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _ends_word(op, av) -> bool:
    r"""Whether one item, met right after a letter, means the word ends there: a character
    that is not a word character, `\b` or `(?!\w)`."""
    if op is _sre.AT:
        return av is _sre.AT_BOUNDARY
    if op is _sre.ASSERT_NOT:
        return av[0] == 1 and list(av[1]) == _WORD_CLASS
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is _sre.IN:
        return all((item_op is _sre.CATEGORY and item_av in _NON_WORD_CATEGORIES)
                   or (item_op is _sre.LITERAL and not _is_word_char(chr(item_av)))
                   for item_op, item_av in av)
    return False


def _separator(op, av) -> bool:
    """Whether one item can match only non-word characters (or nothing)."""
    if op in _ZERO_WIDTH:
        return True
    if op is _sre.SUBPATTERN:
        return all(_separator(*item) for item in av[-1])
    if op is _sre.BRANCH:
        return all(_separator(*item) for alt in av[1] for item in alt)
    if op in _REPEATS:
        return all(_separator(*item) for item in av[2])
    return op in (_sre.LITERAL, _sre.IN) and _ends_word(op, av)


def _byte_flags(items: list) -> bool:
    """Whether some group of a parsed pattern turns on ASCII or LOCALE matching."""
    for op, av in items:
        if op is _sre.SUBPATTERN and (av[1] & _BYTE_FLAGS or _byte_flags(list(av[-1]))):
            return True
        if op is _sre.BRANCH and any(_byte_flags(list(alt)) for alt in av[1]):
            return True
        if op in _REPEATS and _byte_flags(list(av[2])):
            return True
        if op in (_sre.ASSERT, _sre.ASSERT_NOT) and _byte_flags(list(av[1])):
            return True
    return False


def _char_options(op, av) -> list[str] | None:
    """The characters one LITERAL or IN item can match, or None when too many to list."""
    if op is _sre.LITERAL:
        return [chr(av)]
    if op is _sre.IN:
        chars: list[str] = []
        for item_op, item_av in av:
            if item_op is _sre.LITERAL:
                chars.append(chr(item_av))
            elif item_op is _sre.RANGE and item_av[1] - item_av[0] < 64:
                chars.extend(chr(c) for c in range(item_av[0], item_av[1] + 1))
            else:
                return None
        return chars
    return None


def _prefixes(pattern: str) -> set[str] | None:
    """Lower-cased letters every match of `pattern` starts with (up to PREFIX_LETTERS, over
    one word or more, a WORD_END after each word but the last).

    A prefix with fewer letters means the letters can go on with something else; one that
    ends in WORD_END, that the word ends there. None when some match may start with
    something else (then the pattern cannot be prefiltered).
    """
    parsed = _sre_parse.parse(pattern)
    items = list(parsed)
    # Under ASCII or LOCALE matching a word may end where str.isalnum() says it goes on.
    word_ends_known = not (parsed.state.flags & _BYTE_FLAGS or _byte_flags(items))
    found: set[str] = set()
    work = 0

    def walk(frames: tuple, acc: str) -> bool:
        nonlocal work
        work += 1
        if work > _PREFIX_WORK_LIMIT:
            return False
        if len(acc) - acc.count(WORD_END) >= PREFIX_LETTERS:
            found.add(acc)
            return True
        if not frames:
            return _stop(acc)
        seq, i = frames[-1]
        if i == len(seq):
            return walk(frames[:-1], acc)
        rest = (*frames[:-1], (seq, i + 1))
        op, av = seq[i]
        if acc and word_ends_known:
            if acc[-1] != WORD_END and _ends_word(op, av):  # the word ends: what comes next?
                return walk(rest, acc + WORD_END)
            if acc[-1] == WORD_END and _separator(op, av):  # (WORD_END stands for these too)
                return walk(rest, acc)
        if op in _ZERO_WIDTH:
            return walk(rest, acc)
        if op is _sre.SUBPATTERN:
            return walk((*rest, (list(av[-1]), 0)), acc)
        if op is _sre.BRANCH:
            return all(walk((*rest, (list(alt), 0)), acc) for alt in av[1])
        if op in _REPEATS:
            low, high, body = av
            ok = True
            if high >= 1:  # the body once, then what is left of the repeat
                left = [(op, (max(low - 1, 0), high - 1, body))] if high > 1 else []
                ok = walk((*rest, (left, 0), (list(body), 0)), acc)
            return ok and (walk(rest, acc) if low == 0 else True)
        chars = _char_options(op, av)
        if chars is None:
            return _stop(acc)
        letters = {c.lower() for c in chars if c.isalnum()}
        if any(not c.isalnum() for c in chars) and not _stop(acc):
            return False
        return all(walk(rest, acc + c) for c in sorted(letters))

    def _stop(acc: str) -> bool:
        if not acc:
            return False  # could start with anything
        found.add(acc)
        return True

    return found if walk(((items, 0),), "") else None


def _all_prefixes(sources: Sequence[str]) -> list[set[str]] | None:
    """Each term's prefixes, or None if some term may start anywhere."""
    every = []
    for source in sources:
        if not _starts_at_word_start(list(_sre_parse.parse(source))):
            return None
        found = _prefixes(source)
        if found is None:
            return None
        every.append(found)
    return every


def _first_word(prefix: str) -> str:
    """A prefix's first word: all of it, or up to and with its first WORD_END."""
    end = prefix.find(WORD_END)
    return prefix if end < 0 else prefix[:end + 1]


def _first_word_table(prefixes: Sequence[set[str]]) -> dict[str, tuple[int, ...]]:
    """Which terms (by index) may start with which first-word prefixes."""
    table: dict[str, set[int]] = {}
    for index, found in enumerate(prefixes):
        for prefix in found:
            table.setdefault(_first_word(prefix), set()).add(index)
    return {prefix: tuple(sorted(indices)) for prefix, indices in sorted(table.items())}


def compile_lexicons(lexicons: Iterable[Lexicon]) -> CompiledLexicons:
    """Compile every lexicon once, for `find_mentions`."""
    compiled = tuple(compile_lexicon(lexicon) for lexicon in lexicons)
    return CompiledLexicons(compiled, _head_scan(
        [lexicon.prefixes for lexicon in compiled if lexicon.head_scan is not None]))


_HEAD_LETTERS = re.compile(r"[^\W_]+")


def _head_scan(prefixes: Iterable[Iterable[str]]) -> re.Pattern[str] | None:
    r"""A regex finding, in lower-cased text that ends in a non-word character, the head of
    each word at which the text starts with one of `prefixes` (sets of them): the word's
    first letters (at most PREFIX_LETTERS) and, if it ends within them, the character after
    it (see _terms_of_head). None when some prefix is not made of letters \w matches."""
    usable = {prefix for found in prefixes for prefix in found}
    if not usable or not all(all(map(_HEAD_LETTERS.fullmatch, _words(prefix)))
                             for prefix in usable):
        return None
    return re.compile(
        rf"(?<!\w)(?={_alternation(usable)})[^\W_]{{1,{PREFIX_LETTERS}}}(?:(?!\w).)?", re.S)


def _words(prefix: str) -> list[str]:
    """The letters of each word of a prefix."""
    return prefix.rstrip(WORD_END).split(WORD_END)


def _alternation(words: set[str]) -> str:
    """A regex matching exactly the strings that start with one of `words`, as a trie (one
    branch per first letter, not one per word: much faster to try)."""
    shortest = {word for word in words
                if not any(word[:k] in words for k in range(1, len(word)))}
    by_first: dict[str, set[str]] = {}
    for word in shortest:
        by_first.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        piece = r"(?!\w)\W*" if first == WORD_END else re.escape(first)
        branches.append(piece if "" in rests else piece + _alternation(rests))
    return "(?:" + "|".join(branches) + ")"


def _ends_at(compiled: CompiledLexicon, text: str, start: int) -> list[tuple[int, int]]:
    """(end, term index) of every term matching at `start` with a non-empty match."""
    ends = []
    if compiled.probe is not None:
        found = compiled.probe.match(text, start)
        if found:
            for i in range(len(compiled.terms)):
                end = found.end(f"_t{i}")
                if end > start:
                    ends.append((end, i))
    else:
        for i, term in enumerate(compiled.terms):
            found = term.match(text, start)
            if found and found.end() > start:
                ends.append((found.end(), i))
    return ends


def _excluded(compiled: CompiledLexicon, text: str, start: int, end: int) -> bool:
    low, high = max(0, start - EXCLUSION_REACH), min(len(text), end + EXCLUSION_REACH)
    for exclusion in compiled.exclusions:
        for found in exclusion.finditer(text, low, high):
            if found.start() < end and start < found.end():
                return True
            if found.start() >= end:
                break
    return False


def _scan_candidates(compiled: CompiledLexicon, text: str) -> list[tuple[int, None]]:
    """Every place where some term of the lexicon matches (None: try all its terms there)."""
    found, position = [], 0
    while (hit := compiled.scan.search(text, position)) is not None:
        found.append((hit.start(), None))
        position = hit.start() + 1
    return found


def _head_candidates(
    head_scan: re.Pattern[str], memo: dict[str, HeadTerms],
    tables: Sequence[Mapping[str, tuple[int, ...]] | None], text: str,
) -> list[list[tuple[int, tuple[int, ...]]]] | None:
    """For each prefix table (a lexicon's; None for one not prefiltered, which gets no
    places), the places where its terms may start and which: one scan of the text for all
    the tables. None when lower-casing could move offsets or hide a match."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        return None
    lowered += WORD_END  # so that a word at the very end has a character after it
    if "\u017f" in text or "\u0131" in text:  # IGNORECASE matches them to s and i,
        return None  # where lower() leaves them as they are
    if len(memo) > HEAD_MEMO_LIMIT:
        memo.clear()
    found: list[list[tuple[int, tuple[int, ...]]]] = [[] for _ in tables]
    for hit in head_scan.finditer(lowered):
        head = hit.group()
        terms = memo.get(head)
        if terms is None:
            terms = memo[head] = tuple(
                (k, indices) for k, table in enumerate(tables)
                if table is not None and (indices := _terms_of_head(table, head)))
        at = hit.start()
        for k, indices in terms:
            found[k].append((at, indices))
    return found


def _terms_of_head(table: Mapping[str, tuple[int, ...]], head: str) -> tuple[int, ...]:
    """Indices of the terms whose prefixes a word starting with `head` can begin with.

    A head that ends in a non-word character is a whole word: the prefixes that say the
    word ends (in WORD_END) are then among those it can begin with."""
    if not _is_word_char(head[-1]):
        head = head[:-1] + WORD_END
    indices: set[int] = set()
    for k in range(1, len(head) + 1):
        indices.update(table.get(head[:k], ()))
    return tuple(sorted(indices))


def _ends_among(
    compiled: CompiledLexicon, text: str, start: int, indices: tuple[int, ...] | None
) -> list[tuple[int, int]]:
    if indices is None:
        return _ends_at(compiled, text, start)
    ends = []
    for i in indices:
        found = compiled.terms[i].match(text, start)
        if found and found.end() > start:
            ends.append((found.end(), i))
    return ends


def match_lexicon(
    compiled: CompiledLexicon, text: str, *, prefilter: bool = True
) -> list[tuple[int, int, int]]:
    """(start, end, term index) of the lexicon's matches in `text`, in order, not overlapping.

    `prefilter=False` tries every place the lexicon's combined regex finds (the reference
    the prefilter is tested against)."""
    found = None
    if prefilter and compiled.head_scan is not None:
        found = _head_candidates(compiled.head_scan, compiled.head_terms,
                                 [compiled.prefix_terms], text)
    candidates = _scan_candidates(compiled, text) if found is None else found[0]
    return _matches_at(compiled, text, candidates)


def _matches_at(
    compiled: CompiledLexicon, text: str,
    candidates: Iterable[tuple[int, tuple[int, ...] | None]],
) -> list[tuple[int, int, int]]:
    """The lexicon's matches, trying the places and terms `candidates` gives, in order."""
    matches: list[tuple[int, int, int]] = []
    position = 0
    for start, indices in candidates:
        if start < position:
            continue
        ends = _ends_among(compiled, text, start, indices)
        if len(ends) > 1:
            ends.sort(key=lambda e: (-e[0], e[1]))
        for end, index in ends:
            if not (compiled.exclusions and _excluded(compiled, text, start, end)):
                matches.append((start, end, index))
                position = end
                break
    return matches


def _position(article: Article, units: TextUnits, start: int, body_first: int) -> Position:
    section = article.section_of(start)
    if section != "body":
        return section
    return "first paragraph" if units.paragraph_index(start) == body_first else "later"


def find_mentions(
    article: Article, compiled: CompiledLexicons, *, units: TextUnits | None = None
) -> tuple[Mention, ...]:
    """Every lexicon match in `article.analysed_text`, ordered by offset then lexicon.

    `units` (from `framing.text.article_units(article)`) saves recomputing the article's
    paragraphs, sentences and quoted spans when the caller has them.
    """
    text = article.analysed_text
    if units is None:
        units = article_units(article)
    body = next((s for s in article.sections if s.name == "body"), None)
    # Index of the first body paragraph, whichever way `units` was computed.
    body_first = (
        sum(1 for p_start, _ in units.paragraphs if p_start < body.start)
        if body is not None
        else len(units.paragraphs)
    )
    mentions = []
    shared = None
    if compiled.head_scan is not None:
        tables = [lexicon.prefix_terms if lexicon.head_scan is not None else None
                  for lexicon in compiled.lexicons]
        shared = _head_candidates(compiled.head_scan, compiled.head_terms, tables, text)
    for k, lexicon in enumerate(compiled.lexicons):
        if shared is not None and lexicon.head_scan is not None:
            candidates = shared[k]
        else:
            candidates = _scan_candidates(lexicon, text)
        for start, end, index in _matches_at(lexicon, text, candidates):
            term = lexicon.lexicon.terms[index]
            in_body = body is not None and start >= body.start
            paragraph = units.paragraph_index(start) - body_first + 1 if in_body else 0
            mentions.append(
                Mention(
                    lexicon=lexicon.lexicon.name,
                    category=term.category,
                    term=term.text,
                    span=Span(article.id, start, end),
                    text=text[start:end],
                    voice="quoted" if units.is_quoted(start, end) else "own",
                    paragraph=max(paragraph, 0),
                    sentence=units.sentence_index(start),
                    position=_position(article, units, start, body_first),
                )
            )
    mentions.sort(key=lambda m: (m.span.start, m.span.end, m.lexicon))
    return tuple(mentions)


def outlet_frames(
    corpus: Corpus,
    lexicons: Sequence[Lexicon],
    mentions: Iterable[Mention],
    *,
    words: Mapping[str, int],
) -> tuple[OutletFrame, ...]:
    """Per outlet and lexicon: mentions, rate per 1,000 words with its 95% interval, reach,
    voice, earliest position.

    `words` maps article id to the word count of its analysed text. Sorted by outlet, then
    lexicon name. Outlets with no words get a rate of 0. The interval respects that mentions
    cluster in articles (framing.features.rates); an outlet with one article has none.
    """
    outlet_of = {article.id: article.outlet for article in corpus.articles}
    names = sorted({lexicon.name for lexicon in lexicons})
    tally: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        outlet = outlet_of.get(mention.span.article_id)
        if outlet is None:
            raise ValueError(f"mention of an article not in the corpus: {mention.span.article_id}")
        tally.setdefault((outlet, mention.lexicon), []).append(mention)
    rank = {position: i for i, position in enumerate(POSITIONS)}
    frames = []
    by_outlet = sorted(corpus.by_outlet().items(), key=lambda item: (item[0].casefold(), item[0]))
    intervals = _rate_intervals(by_outlet, names, tally, words)
    for k, (outlet, articles) in enumerate(by_outlet):
        outlet_words = sum(words.get(article.id, 0) for article in articles)
        for name in names:
            found = tally.get((outlet, name), [])
            own = sum(1 for m in found if m.voice == "own")
            low, high = intervals[name][k]
            frames.append(
                OutletFrame(
                    outlet=outlet,
                    lexicon=name,
                    mentions=len(found),
                    per_1k=len(found) / outlet_words * 1000 if outlet_words else 0.0,
                    article_share=len({m.span.article_id for m in found}) / len(articles),
                    articles_with=len({m.span.article_id for m in found}),
                    own_voice_share=own / len(found) if found else None,
                    first_position=min((m.position for m in found), key=rank.__getitem__)
                    if found
                    else None,
                    per_1k_ci_low=low,
                    per_1k_ci_high=high,
                )
            )
    return tuple(frames)


def _rate_intervals(by_outlet, names, tally, words) -> dict[str, list[tuple]]:
    """lexicon -> each outlet's (low, high) per 1,000 words, (None, None) without one."""
    import numpy as np

    from framing.features.rates import rate_intervals

    # Articles in a fixed order (by outlet, then id), so sums do not depend on the input's.
    units = [(k, article.id) for k, (_, articles) in enumerate(by_outlet)
             for article in sorted(articles, key=lambda a: a.id)]
    groups = np.fromiter((k for k, _ in units), dtype=np.int64, count=len(units))
    sizes = np.fromiter((words.get(i, 0) for _, i in units), dtype=float, count=len(units))
    row = {article_id: r for r, (_, article_id) in enumerate(units)}
    column = {name: c for c, name in enumerate(names)}
    counts = np.zeros((len(units), len(names)))
    for (_, lexicon), found in tally.items():
        if lexicon in column:
            c = column[lexicon]
            for mention in found:
                counts[row[mention.span.article_id], c] += 1
    intervals = {}
    for name in names:
        rates = rate_intervals(counts[:, column[name]], sizes, groups, len(by_outlet))
        intervals[name] = [(None, None) if np.isnan(low) else (1000 * float(low),
                                                                1000 * float(high))
                           for low, high in zip(rates.low, rates.high, strict=True)]
    return intervals
