"""Distinctive terms per outlet: weighted log-odds with an informative Dirichlet prior.

Each outlet is compared with all the other outlets pooled (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", section 3.5). For term w, outlet i and the rest j::

    a_w = a0 * y_w / N
    d   = ln((y_i + a_w) / (n_i + a0 - y_i - a_w)) - ln((y_j + a_w) / (n_j + a0 - y_j - a_w))
    z   = d / sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))

Beside z each term carries Hardie's Log Ratio (an effect size), the outlet-level TF-IDF the
users asked for (scikit-learn), its counts and the number of the outlet's articles using it.

Terms. Text is lower-cased and cut at whitespace. A piece that is a web address, an e-mail
address, an @handle or an embed code ("pic.twitter.com/...", "bit.ly/...") gives no term.
Any other piece is split into words (letters, with internal apostrophes or hyphens:
"middle-class", "o'brien", "don't", whatever the apostrophe) and anything else (digits,
punctuation). A word is a term when it has at least two letters and is not a stop word:
scikit-learn's ENGLISH_STOP_WORDS plus contractions of them ("it's", "we're", "don't"), so a
contraction is a stop word or a whole term, never a fragment ("don", "didn"). A possessive
"'s" is dropped ("obama's" -> "obama"). Bigrams are two terms that stand next to each other
in the text with only spaces between them: a bigram never spans a removed stop word, a
number, punctuation, a line break or an article boundary, so "president of the united
states" gives "united states" and not "president united" (scikit-learn's CountVectorizer
would form it: it removes stop words before making n-grams).

Counting. y_i is the count in outlet i, y_j in all the others, y_w = y_i + y_j; n_i, n_j
and N are the totals of all unigram and bigram occurrences. Terms are counted as they occur,
never capped at one per article: with one article per outlet a cap makes every term a tie.

Ranking. An outlet's terms are ranked by z, then count, then the number of its articles
using the term ("in k of n articles"). Against one article dominating an outlet that has
many, a term must be used in `required_articles(n)` of the outlet's n articles (1 below
SPREAD_FROM articles, so a single article keeps its signal; from there on at least 2 and at
least SPREAD_SHARE of them): terms used in fewer come after all those that are. Terms that
tie on all of these share a rank (`TermScore.rank`, `TermScore.tied`): their order (by
term) is no ranking. A term naming the outlet itself ("cnn", "told cnn" for CNN; a word of
a two-word name that the outlet uses mostly within it, "news" for Fox News) is marked
`self_reference` and has no rank (rank 0).

Pruning is a display filter only: terms whose pooled count is below `min_count` are not
listed, but every total (n_i, N) counts every occurrence and TF-IDF is fitted on every
term, so no listed number depends on it. An outlet's terms are the terms it uses
(y_i >= 1). Each outlet lists its first `top` ranked terms (and the self-references among
them); a tie at the cut is cut by term.

Counting and scoring are apart: `count_terms` gives TermCounts, which add up
(`merge_counts`), so parts of a corpus can be counted in parallel; `score_terms` ranks.
Unigram ids are alphabetical, so no number depends on the order articles come in.
"""

from __future__ import annotations

import array
import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice, pairwise

import numpy as np

from framing.types import TermScore

# Which rules cut text into terms: part of the cache's keys, so term counts kept by a run
# with other rules are never read. Change it whenever the rules above change.
COUNTING_RULES = "terms-2"
SPREAD_FROM = 5  # from this many articles on, a ranked term must be in more than one
SPREAD_SHARE = 0.01  # ... and in at least this share of the outlet's articles
LARGE_CORPUS = 1000  # from this many articles on, min_count defaults to LARGE_MIN_COUNT
LARGE_MIN_COUNT = 3
ZERO_COUNT = 0.5  # Hardie's adjustment: a zero count in the Log Ratio is taken as 0.5

_LINE_BREAK = " \u00b6 "  # a line break becomes a piece of punctuation: bigrams stop there
# What str.splitlines() breaks at besides "\n"; rare in news text, so looked for first.
_OTHER_BREAK_MARKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_OTHER_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Apostrophes as typed in the wild (straight, curly, modifier letters, acute and grave
# accents, prime, full-width) and the Unicode hyphens, inside a word.
_OTHER_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u00b4`\u2032\uff07"
_JOINERS = "'" + _OTHER_APOSTROPHES + "\u2010\u2011-"
_WORD_PATTERN = rf"[^\W\d_]+(?:[{_JOINERS}][^\W\d_]+)*"
_WORD = re.compile(_WORD_PATTERN)
_PIECE_PARTS = re.compile(_WORD_PATTERN + r"|[^\W_]+|[^\w\s]+|_+")  # word | digits | punctuation
_APOSTROPHES = str.maketrans({**dict.fromkeys(_OTHER_APOSTROPHES, "'"),
                              "\u2010": "-", "\u2011": "-"})
# A whitespace piece that is no word: a web address (with a scheme, "www.", or a domain
# followed by a path: "pic.twitter.com/x", "bit.ly/x"), a bare domain of a common top-level
# domain ("townhall.com"), an e-mail address or an @handle (leading brackets or quotes aside).
_NOT_WORDS = re.compile(r"""[\W_]*(?:
      [a-z][a-z0-9+.-]*://
    | www\.
    | @\w
    | [\w.+-]+@[\w-]+\.\w
    | (?:[\w-]+\.)+[a-z]{2,}/
    | (?:[\w-]+\.)+(?:com|org|net|gov|edu|ly|io|tv|info|news|co\.uk|org\.uk)(?![\w.]*\w)
)""", re.VERBOSE)
_NEGATIONS = ("ain't aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't "
              "let's mightn't mustn't needn't shan't shouldn't wasn't weren't won't wouldn't")
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_BLOCK_PIECES = 2_000_000  # whitespace pieces handled per block: bounds peak memory
_BIGRAM_SHIFT = 32  # bigram code = (first + 1) << 32 | second; unigram code = term id
_LOW_BITS = (1 << _BIGRAM_SHIFT) - 1


# scikit-learn's ENGLISH_STOP_WORDS (the tests check the copy), copied so that counting
# terms does not import scikit-learn: only scoring them does.
_STOP_WORD_LIST = """
a about above across after afterwards again against all almost alone along already also
although always am among amongst amoungst amount an and another any anyhow anyone
anything anyway anywhere are around as at back be became because become becomes becoming
been before beforehand behind being below beside besides between beyond bill both bottom
but by call can cannot cant co con could couldnt cry de describe detail do done down due
during each eg eight either eleven else elsewhere empty enough etc even ever every
everyone everything everywhere except few fifteen fifty fill find fire first five for
former formerly forty found four from front full further get give go had has hasnt have
he hence her here hereafter hereby herein hereupon hers herself him himself his how
however hundred i ie if in inc indeed interest into is it its itself keep last latter
latterly least less ltd made many may me meanwhile might mill mine more moreover most
mostly move much must my myself name namely neither never nevertheless next nine no
nobody none noone nor not nothing now nowhere of off often on once one only onto or
other others otherwise our ours ourselves out over own part per perhaps please put
rather re same see seem seemed seeming seems serious several she should show side since
sincere six sixty so some somehow someone something sometime sometimes somewhere still
such system take ten than that the their them themselves then thence there thereafter
thereby therefore therein thereupon these they thick thin third this those though three
through throughout thru thus to together too top toward towards twelve twenty two un
under until up upon us very via was we well were what whatever when whence whenever
where whereafter whereas whereby wherein whereupon wherever whether which while whither
who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves
"""
ENGLISH_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())


@cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and their contractions ("it's", "don't")."""
    contractions = {w + c for w in ENGLISH_STOP_WORDS for c in _CLITICS}
    return ENGLISH_STOP_WORDS | contractions | frozenset(_NEGATIONS.split())


def normalise_word(word: str, stop: frozenset[str]) -> str | None:
    """The term a lower-case word stands for, or None when it is no term (stop word, 1 letter)."""
    word = word.translate(_APOSTROPHES)
    if word in stop:
        return None
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in stop:
        return None
    return word


def tokenize(text: str, stop: frozenset[str] | None = None) -> list[str | None]:
    """Terms of `text` in order, None where a bigram must not span (stop word, punctuation...).

    The reference implementation of the rules in the module docstring; distinctive_terms
    applies the same rules per distinct whitespace piece.
    """
    stop = stop_words() if stop is None else stop
    out: list[str | None] = []
    for piece in _pieces(text):
        out.extend(_piece_terms(piece, stop))
    return out


def _pieces(text: str) -> list[str]:
    """The text cut at whitespace, each line break a piece of its own."""
    if any(mark in text for mark in _OTHER_BREAK_MARKS):
        text = _OTHER_BREAKS.sub("\n", text)
    return text.replace("\n", _LINE_BREAK).split()


def _piece_terms(piece: str, stop: frozenset[str]) -> list[str | None]:
    piece = piece.lower()
    if _NOT_WORDS.match(piece):
        return [None]
    terms: list[str | None] = []
    for part in _PIECE_PARTS.findall(piece):
        terms.append(normalise_word(part, stop) if _WORD.fullmatch(part) else None)
    return terms


def single_article_outlets(documents: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Outlets with exactly one article: their "distinctive" words are that article's words."""
    counts: dict[str, int] = {}
    for outlet, _ in documents:
        counts[outlet] = counts.get(outlet, 0) + 1
    return tuple(sorted((o for o, n in counts.items() if n == 1), key=outlet_order))


def default_min_count(n_articles: int) -> int:
    """1 below LARGE_CORPUS articles (every term listed), LARGE_MIN_COUNT from there on."""
    return 1 if n_articles < LARGE_CORPUS else LARGE_MIN_COUNT


def required_articles(n_articles: int) -> int:
    """In how many of an outlet's `n_articles` a term must be used to be ranked with those
    that spread: 1 below SPREAD_FROM articles, else at least 2 and SPREAD_SHARE of them."""
    if n_articles < SPREAD_FROM:
        return 1
    return max(2, math.ceil(SPREAD_SHARE * n_articles - 1e-9))


def distinctive_terms(
    documents: Sequence[tuple[str, str]],
    *,
    prior_strength: float = 1000.0,
    top: int | None = 50,
    min_count: int | None = None,
) -> tuple[TermScore, ...]:
    """Each outlet's `top` ranked terms, against all other outlets pooled.

    `documents` are (outlet, analysed text) per article. Result sorted by outlet, then in
    rank order (see the module docstring), ties by term. Fewer than two outlets with any
    term: no comparison, (). `top=None` lists every term an outlet uses (above
    `min_count`, default from default_min_count). The same as
    `score_terms(count_terms(documents), ...)`.
    """
    return score_terms(count_terms(documents), prior_strength=prior_strength, top=top,
                       min_count=min_count)


@dataclass(frozen=True, eq=False)
class TermCounts:
    """Term counts per outlet, before any scoring: what count_terms gives and merge_counts adds.

    Every term an outlet uses is here, unpruned. A term is a code: a unigram's index in
    `vocabulary`, or a bigram's `(first + 1) << 32 | second`. Pairs (outlet index, code)
    are unique and sorted by outlet, then code; `count` is the number of occurrences,
    `docs` the number of the outlet's articles using it.
    """

    outlets: tuple[str, ...]  # sorted by outlet_order
    articles: np.ndarray  # per outlet
    totals: np.ndarray  # per outlet: every term occurrence
    vocabulary: tuple[str, ...]
    pair_outlet: np.ndarray
    pair_code: np.ndarray
    count: np.ndarray
    docs: np.ndarray


def count_terms(documents: Sequence[tuple[str, str]]) -> TermCounts:
    """Count every term of every (outlet, text) document, per outlet (see the module docstring).

    Counts of disjoint sets of documents add up: merge_counts(count_terms(a), count_terms(b))
    equals count_terms(a + b), so parts of a corpus can be counted in parallel or cached.
    """
    stop = stop_words()
    outlets = tuple(sorted({outlet for outlet, _ in documents}, key=outlet_order))
    outlet_index = {outlet: k for k, outlet in enumerate(outlets)}
    doc_outlet = np.fromiter((outlet_index[o] for o, _ in documents), dtype=np.int64,
                             count=len(documents))
    pieces: defaultdict[str, int] = defaultdict()
    pieces.default_factory = pieces.__len__  # piece -> id, new ids handed out on first sight
    piece_id = pieces.__getitem__
    term_ids: dict[str, int] = {}
    seq_flat = array.array("q")  # the term ids (or -1) of each piece, end to end
    seq_start = array.array("q")
    seq_len = array.array("q")
    piece_list: list[str] = []

    def extend_table() -> None:
        # Tokenise only the pieces not seen before: the vocabulary of pieces is small.
        new = list(islice(pieces, len(piece_list), None))
        for piece in new:
            seq_start.append(len(seq_flat))
            terms = _piece_terms(piece, stop)
            seq_len.append(len(terms))
            seq_flat.extend(-1 if t is None else term_ids.setdefault(t, len(term_ids))
                            for t in terms)
        piece_list.extend(new)

    n_outlets = len(outlets)
    totals = np.zeros(n_outlets, dtype=np.int64)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    block = array.array("q")
    block_docs: list[int] = []
    block_first = 0
    for d, (_, text) in enumerate(documents):
        before = len(block)
        block.extend(map(piece_id, _pieces(text)))
        block_docs.append(len(block) - before)
        if len(block) >= _BLOCK_PIECES or d == len(documents) - 1:
            extend_table()
            pair_doc, pair_code, pair_count = _block_pairs(
                np.frombuffer(block, dtype=np.int64), block_docs, block_first,
                seq_flat, seq_start, seq_len)
            pair_outlet = doc_outlet[pair_doc]
            totals += np.bincount(pair_outlet, weights=pair_count,
                                  minlength=n_outlets).astype(np.int64)
            parts.append(_by_outlet(pair_outlet, pair_code, pair_count,
                                    np.ones_like(pair_count)))
            block = array.array("q")
            block_first = d + 1
            block_docs = []

    vocabulary, to_term = _alphabetical(term_ids)
    pairs = _sum_pairs([(o, _recode(c, to_term), n, k) for o, c, n, k in parts])
    return TermCounts(outlets, np.bincount(doc_outlet, minlength=n_outlets), totals,
                      vocabulary, *pairs)


def merge_counts(parts: Sequence[TermCounts]) -> TermCounts:
    """The counts of all parts together, as if their documents had been counted at once."""
    if len(parts) == 1:
        return parts[0]
    outlets = tuple(sorted({o for part in parts for o in part.outlets}, key=outlet_order))
    outlet_index = {outlet: k for k, outlet in enumerate(outlets)}
    n_outlets = len(outlets)
    vocabulary = _union(part.vocabulary for part in parts)
    term_index = {term: k for k, term in enumerate(vocabulary)}
    articles = np.zeros(n_outlets, dtype=np.int64)
    totals = np.zeros(n_outlets, dtype=np.int64)
    pieces = []
    for part in parts:
        to_outlet = np.fromiter((outlet_index[o] for o in part.outlets), dtype=np.int64,
                                count=len(part.outlets))
        to_term = np.fromiter((term_index[t] for t in part.vocabulary), dtype=np.int64,
                              count=len(part.vocabulary))
        np.add.at(articles, to_outlet, part.articles)
        np.add.at(totals, to_outlet, part.totals)
        pieces.append((to_outlet[part.pair_outlet], _recode(part.pair_code, to_term),
                       part.count, part.docs))
    # Ids only grow under the alphabetical renumbering, so each part stays sorted.
    if _in_outlet_order(parts):  # and the parts follow each other: end to end, all sorted
        pairs = tuple(np.concatenate([piece[k] for piece in pieces]) for k in range(4))
    else:
        pairs = _sum_sorted(pieces, n_outlets)
    return TermCounts(outlets, articles, totals, vocabulary, *pairs)


def outlet_counts(counts: TermCounts, outlets: Iterable[str]) -> TermCounts:
    """The counts of some of the outlets only: what count_terms gives for their articles."""
    wanted = set(outlets)
    keep = [k for k, outlet in enumerate(counts.outlets) if outlet in wanted]
    if len(keep) == len(counts.outlets):
        return counts
    new_outlet = np.full(len(counts.outlets), -1, dtype=np.int64)
    new_outlet[keep] = np.arange(len(keep))
    chosen = np.isin(counts.pair_outlet, keep)
    codes = counts.pair_code[chosen]
    # Every term an article uses is a unigram of its outlet: the unigrams are the vocabulary.
    used = np.unique(codes[(codes >> _BIGRAM_SHIFT) == 0])
    to_term = np.zeros(len(counts.vocabulary), dtype=np.int64)
    to_term[used] = np.arange(used.size)  # keeps the alphabetical order, so codes stay sorted
    return TermCounts(tuple(counts.outlets[k] for k in keep), counts.articles[keep],
                      counts.totals[keep], tuple(counts.vocabulary[k] for k in used.tolist()),
                      new_outlet[counts.pair_outlet[chosen]], _recode(codes, to_term),
                      counts.count[chosen], counts.docs[chosen])


def _union(vocabularies: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The sorted union of sorted vocabularies: the largest, and the terms it lacks merged in
    (sorting a sorted run and a few more is quick)."""
    ordered = sorted(vocabularies, key=len, reverse=True)
    if not ordered:
        return ()
    largest = set(ordered[0])
    extra = {term for vocabulary in ordered[1:] for term in vocabulary if term not in largest}
    return tuple(sorted([*ordered[0], *sorted(extra)]))


def _in_outlet_order(parts: Sequence[TermCounts]) -> bool:
    """Whether every outlet of each part comes before every outlet of the next part."""
    spans = [(outlet_order(p.outlets[0]), outlet_order(p.outlets[-1]))
             for p in parts if p.outlets]
    return all(last < first for (_, last), (first, _) in pairwise(spans))


def _alphabetical(term_ids: dict[str, int]) -> tuple[tuple[str, ...], np.ndarray]:
    """The terms in alphabetical order, and each old id's new id.

    With alphabetical unigram ids, codes sort like the terms, so nothing depends on the
    order the documents came in, down to the last bit of the TF-IDF norms (summed in
    column order), and a corpus counted in parts merges into exactly the whole.
    """
    vocabulary = sorted(term_ids)
    to_term = np.empty(len(vocabulary), dtype=np.int64)
    to_term[np.fromiter((term_ids[t] for t in vocabulary), dtype=np.int64,
                        count=len(vocabulary))] = np.arange(len(vocabulary))
    return tuple(vocabulary), to_term


def _recode(codes: np.ndarray, to_term: np.ndarray) -> np.ndarray:
    """Term codes with their unigram ids translated by `to_term` (a new array)."""
    # The high half is 0 for a unigram and first + 1 for a bigram: `shifted` keeps it so.
    shifted = np.concatenate([np.zeros(1, dtype=np.int64), to_term + 1])
    # In place: two arrays of the codes' size, not six. Fresh memory is what costs most here
    # (millions of codes when stored counts are merged). Every index is in range.
    recoded = codes >> _BIGRAM_SHIFT
    np.take(shifted, recoded, out=recoded, mode="clip")
    recoded <<= _BIGRAM_SHIFT
    low = codes & _LOW_BITS
    np.take(to_term, low, out=low, mode="clip")
    recoded |= low
    return recoded


def _by_outlet(pair_outlet, pair_code, count, docs):
    """Sum count and docs per (outlet, code); sorted by outlet, then code."""
    if pair_code.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    size = _id_bound(pair_code)
    span = size * (size + 1)
    if (int(pair_outlet.max()) + 1) * span < 2**63:  # (outlet, code) as one sortable key
        key = pair_outlet * span + _dense_codes(pair_code, size)
        order = np.argsort(key)
        key = key[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        key = key[starts]
        return (key // span, _sparse_codes(key % span, size),
                np.add.reduceat(count[order], starts), np.add.reduceat(docs[order], starts))
    distinct, code_index = _unique_inverse(pair_code)
    key, inverse = _unique_inverse(pair_outlet * distinct.size + code_index)
    return (key // distinct.size, distinct[key % distinct.size],
            np.bincount(inverse, weights=count).astype(np.int64),
            np.bincount(inverse, weights=docs).astype(np.int64))


def _id_bound(codes: np.ndarray) -> int:
    """1 + the largest unigram id in `codes` (unigrams and both halves of bigrams)."""
    first = codes >> _BIGRAM_SHIFT
    return 1 + max(int(np.where(first > 0, first - 1, codes).max()),
                   int((codes & _LOW_BITS).max()))


def _dense_codes(codes: np.ndarray, size: int) -> np.ndarray:
    """Codes renumbered below size * (size + 1), in the same order: a unigram keeps its id,
    bigram (a, b) becomes (a + 1) * size + b. Every id must be below `size`."""
    first = codes >> _BIGRAM_SHIFT
    return np.where(first > 0, first * size + (codes & _LOW_BITS), codes)


def _sparse_codes(dense: np.ndarray, size: int) -> np.ndarray:
    """The inverse of _dense_codes."""
    first = dense // size
    return np.where(first > 0, (first << _BIGRAM_SHIFT) | (dense % size), dense)


def _sorted_distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted values and where each run of equal values starts in them."""
    ordered = np.sort(values)
    starts = np.empty(ordered.size, dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return ordered, starts


def _unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_inverse=True), several times faster on big int arrays.

    A stable sort, which runs through the already sorted stretches (an outlet's codes)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.empty(ordered.size, dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    inverse = np.empty(values.size, dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], inverse


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_counts=True)."""
    ordered, starts = _sorted_distinct(values)
    first = np.flatnonzero(starts)
    return ordered[first], np.diff(np.append(first, ordered.size))


def _sum_sorted(parts, n_outlets: int):
    """_sum_pairs for parts each sorted by (outlet, code): their runs are merged, not sorted."""
    span = 1 + max((int(part[1].max()) for part in parts if part[1].size), default=0)
    if n_outlets * span >= 2**63:  # no room for (outlet, code) in one int64 key
        return _sum_pairs(parts)
    keyed = sorted(((_key(part[0], part[1], span), part[2], part[3]) for part in parts),
                   key=lambda part: -part[0].size)
    if len(keyed) == 2 and keyed[1][0].size * SMALL_PART < keyed[0][0].size:
        keys, count, docs = _add_small(*keyed)
    else:
        keys = np.concatenate([part[0] for part in keyed])
        order = np.argsort(keys, kind="stable")  # timsort: merges the sorted runs
        keys = keys[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys
        count, docs = (np.add.reduceat(np.concatenate([part[k] for part in keyed])[order],
                                       starts) if keys.size else keys for k in (1, 2))
        keys = keys[starts]
    outlets = np.empty_like(keys)
    np.divmod(keys, span, out=(outlets, keys))  # the codes take the keys' place
    return outlets, keys, count, docs


def _key(outlet: np.ndarray, code: np.ndarray, span: int) -> np.ndarray:
    """outlet * span + code, in one new array."""
    key = outlet * span
    key += code
    return key


SMALL_PART = 8  # a part this many times smaller than the other is added into it in place


def _add_small(large, small):
    """Two parts of distinct sorted keys, with counts and docs, summed: the small part's
    keys are looked up in the large one's, added where found and inserted where not."""
    keys, count, docs = large
    small_keys, small_count, small_docs = small
    at = np.searchsorted(keys, small_keys)
    found = at < keys.size
    found[found] = keys[at[found]] == small_keys[found]
    new = ~found
    # Inserted first, into new arrays (the large part's are left as they are), then added
    # where found: each found key has moved on by the keys inserted at or before it.
    where = at[new]
    keys = np.insert(keys, where, small_keys[new])
    count = np.insert(count, where, small_count[new])
    docs = np.insert(docs, where, small_docs[new])
    moved = at[found] + np.searchsorted(where, at[found], side="right")
    count[moved] += small_count[found]
    docs[moved] += small_docs[found]
    return keys, count, docs


def _sum_pairs(parts):
    """Several (outlet, code, count, docs) arrays summed into one, sorted by outlet, code."""
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    return _by_outlet(*(np.concatenate([part[k] for part in parts]) for k in range(4)))


def _block_pairs(block, block_docs, first_doc, seq_flat, seq_start, seq_len):
    """(article, term code, count) for each term in each article of a block of pieces."""
    flat = np.frombuffer(seq_flat, dtype=np.int64)
    starts = np.frombuffer(seq_start, dtype=np.int64)[block]
    lengths = np.frombuffer(seq_len, dtype=np.int64)[block]
    n = int(lengths.sum())
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    tokens = flat[offsets + np.arange(n)]
    piece_doc = np.repeat(np.arange(first_doc, first_doc + len(block_docs)), block_docs)
    token_doc = np.repeat(piece_doc, lengths)

    unigram = tokens >= 0
    bigram = unigram[:-1] & unigram[1:] & (token_doc[:-1] == token_doc[1:])
    codes = np.concatenate([
        tokens[unigram],
        ((tokens[:-1][bigram] + 1) << _BIGRAM_SHIFT) | tokens[1:][bigram],
    ])
    docs = np.concatenate([token_doc[unigram], token_doc[:-1][bigram]])
    if codes.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    size = int(tokens.max()) + 1
    span = size * (size + 1)
    if len(block_docs) * span < 2**63:  # (article, code) as one key: a single sort
        key = (docs - first_doc) * span + _dense_codes(codes, size)
        pair_key, pair_count = _unique_counts(key)
        return (pair_key // span + first_doc, _sparse_codes(pair_key % span, size),
                pair_count.astype(np.int64))
    distinct, code_index = _unique_inverse(codes)
    key = (docs - first_doc) * distinct.size + code_index
    pair_key, pair_count = _unique_counts(key)
    return (pair_key // distinct.size + first_doc, distinct[pair_key % distinct.size],
            pair_count.astype(np.int64))


def score_terms(
    counts: TermCounts,
    *,
    prior_strength: float = 1000.0,
    top: int | None = 50,
    min_count: int | None = None,
) -> tuple[TermScore, ...]:
    """Each outlet's `top` ranked terms from `counts`; options as for distinctive_terms.

    TF-IDF is fitted on every term (pruning hides terms, it changes no listed number).
    """
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    if prior_strength <= 0:
        raise ValueError("prior_strength must be positive")
    outlets, n_outlets = counts.outlets, len(counts.outlets)
    n_articles = int(counts.articles.sum())
    min_count = default_min_count(n_articles) if min_count is None else max(1, min_count)
    totals = counts.totals
    if n_outlets < 2 or np.count_nonzero(totals) < 2:
        return ()
    y_i = counts.count.astype(np.float64)
    distinct, term = _unique_inverse(counts.pair_code)
    n_terms = distinct.size
    # Pairs are sorted by (outlet, code), which is csr order.
    matrix = csr_matrix((y_i, term, np.searchsorted(counts.pair_outlet,
                                                    np.arange(n_outlets + 1))),
                        shape=(n_outlets, n_terms))
    weights = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True,
                               sublinear_tf=False).fit_transform(matrix).tocsr()
    weights.sort_indices()
    if not np.array_equal(weights.indices, matrix.indices):  # zero rows are kept as they are
        raise AssertionError("TF-IDF changed the matrix structure")

    pooled = np.bincount(term, weights=y_i, minlength=n_terms)
    listed = np.flatnonzero(pooled[term] >= min_count)
    y_i, term = y_i[listed], term[listed]
    pair_outlet = counts.pair_outlet[listed]
    y_w = pooled[term]
    y_j = y_w - y_i
    big_n = float(totals.sum())
    n_i = totals[pair_outlet].astype(np.float64)
    n_j = big_n - n_i
    a0 = float(prior_strength)
    a_w = a0 * y_w / big_n
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
                 - np.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
    # Only when the corpus has a single term are both odds infinite: it is used alike.
    delta[np.isnan(delta)] = 0.0
    z = delta / np.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
    with np.errstate(divide="ignore"):
        log_ratio = np.log2((y_i / n_i) / (np.where(y_j == 0, ZERO_COUNT, y_j) / n_j))
    tfidf = weights.data[listed]
    docs = counts.docs[listed]
    spread = docs >= np.array([required_articles(int(n)) for n in counts.articles])[pair_outlet]

    results: list[TermScore] = []
    bounds = np.searchsorted(pair_outlet, np.arange(n_outlets + 1))
    for k, outlet in enumerate(outlets):
        lo, hi = bounds[k], bounds[k + 1]
        names = self_reference_names(outlet)
        alone = _name_words_used_in_names(counts, k, names)
        ranked = _ranked(z[lo:hi], y_i[lo:hi], docs[lo:hi], spread[lo:hi], top,
                         lambda e, lo=lo: _term_text(counts, int(distinct[term[lo + e]])),
                         lambda text, names=names, alone=alone:
                         text in alone or is_self_reference(text, names))
        results.extend(
            TermScore(outlet=outlet, term=text, tfidf=float(tfidf[lo + e]),
                      z=float(z[lo + e]), log_ratio=float(log_ratio[lo + e]),
                      count=int(y_i[lo + e]), count_rest=int(y_j[lo + e]),
                      docs=int(docs[lo + e]), docs_total=int(counts.articles[k]),
                      rank=rank, tied=tied, self_reference=rank == 0)
            for e, text, rank, tied in ranked)
    return tuple(results)


def _ranked(z, count, docs, spread, top, text_of, self_referring):
    """One outlet's terms in rank order: (entry, term, rank, tied), the first `top` ranked
    terms and the self-references among them. Rank 0 marks a self-reference; `tied` is how
    many ranked terms share the rank."""
    # One sortable number for (spread, z): the spread terms above all others.
    lift = float(z.max() - z.min()) + 1.0 if z.size else 0.0
    key = np.where(spread, z + lift, z)
    want = top
    while True:
        chosen = _top_entries(key, want)
        rows = sorted((-int(spread[e]), -float(z[e]), -int(count[e]), -int(docs[e]),
                       text_of(int(e)), int(e)) for e in chosen)
        referring = [self_referring(row[4]) for row in rows]
        ranked = len(rows) - sum(referring)
        # Self-references take no place: look further until `top` ranked terms are in.
        if top is None or ranked >= top or len(rows) == key.size:
            break
        want = len(rows) + (top - ranked)
    groups: dict[tuple, int] = {}
    for row, refers in zip(rows, referring, strict=True):
        if not refers:
            groups[row[:4]] = groups.get(row[:4], 0) + 1
    out, place, first = [], 0, {}
    for row, refers in zip(rows, referring, strict=True):
        if refers:
            out.append((row[5], row[4], 0, 0))
            continue
        if top is not None and place >= top:
            break
        place += 1
        rank = first.setdefault(row[:4], place)
        out.append((row[5], row[4], rank, groups[row[:4]]))
    if top is not None:  # self-references after the last ranked term are not listed
        while out and out[-1][2] == 0 and place >= top:
            out.pop()
    return out


def _top_entries(z: np.ndarray, top: int | None) -> np.ndarray:
    """Indices of the `top` largest values, with every value tied with the last of them."""
    if top is None or z.size <= top:
        return np.arange(z.size)
    if top <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = np.partition(z, z.size - top)[z.size - top]
    return np.flatnonzero(z >= threshold)


# Words of an outlet's name that do not name it on their own ("Fox Online News" is "fox").
_GENERIC_NAME_WORDS = frozenset({
    "the", "news", "online", "web", "daily", "media", "network", "tv", "radio", "magazine",
    "newspaper", "channel", "com", "digital", "live"})


@cache
def self_reference_names(outlet: str) -> tuple[str, ...]:
    """The forms in which an outlet names itself, as terms. "CNN (Web News)": "cnn"; "Fox
    News": "fox news", "fox", "foxnews", "fn"; "New York Times - News": "new york times",
    "york times", "nyt"; an acronym in a longer name on its own ("bbc" for "BBC News")."""
    name = re.sub(r"\([^)]*\)|\s[-\u2013\u2014|:]\s.*$", " ", outlet)
    words = re.findall(r"[^\W_]+(?:['\u2019&][^\W_]+)*", name)
    if words and words[0].casefold() == "the":
        words = words[1:]
    lowered = [w.casefold() for w in words]
    if not lowered:
        return ()
    core = [w for w in lowered if w not in _GENERIC_NAME_WORDS] or lowered
    forms = {" ".join(lowered), "".join(lowered), " ".join(core)}
    if len(core) >= 2:  # "ap" for "associated press", "nyt" for "new york times"
        forms.add("".join(w[0] for w in core))
    if len(core) >= 3:  # "york times" for "new york times"
        forms.add(" ".join(core[-2:]))
    if len(words) >= 2 and not all(w.isupper() for w in words):
        forms.update(w.casefold() for w in words if w.isupper() and len(w) >= 2)
    return tuple(sorted(f for f in forms if len(f) >= 2 and f not in ENGLISH_STOP_WORDS))


NAME_SHARE = 0.5  # a word of the outlet's name used this much within the name is the name


def _name_words_used_in_names(counts: TermCounts, outlet: int,
                              names: Sequence[str]) -> frozenset[str]:
    """The words of the outlet's two-word names ("fox news": "fox", "news") that it uses
    mostly within them: alone, they stand for the name ("news" in Fox News's articles,
    "today" in USA TODAY's), not for what they mean elsewhere ("washington" for The
    Washington Times)."""
    pairs = [name.split() for name in names if name.count(" ") == 1]
    if not pairs:
        return frozenset()
    lo, hi = np.searchsorted(counts.pair_outlet, [outlet, outlet + 1])
    codes, used = counts.pair_code[lo:hi], counts.count[lo:hi]

    def count(code: int | None) -> int:
        if code is None:
            return 0
        at = int(np.searchsorted(codes, code))
        return int(used[at]) if at < codes.size and codes[at] == code else 0

    def word_id(word: str) -> int | None:
        at = bisect_left(counts.vocabulary, word)
        return at if at < len(counts.vocabulary) and counts.vocabulary[at] == word else None

    within: dict[str, int] = {}
    for first, second in pairs:
        a, b = word_id(first), word_id(second)
        n = count(((a + 1) << _BIGRAM_SHIFT) | b) if a is not None and b is not None else 0
        for word in (first, second):
            within[word] = within.get(word, 0) + n
    return frozenset(word for word, n in within.items()
                     if n and n >= NAME_SHARE * count(word_id(word)))


def is_self_reference(term: str, names: Sequence[str]) -> bool:
    """Whether the term (one or two words) contains one of the outlet's `names` whole."""
    padded = f" {term} "
    return any(f" {name} " in padded for name in names)


def _term_text(counts: TermCounts, code: int) -> str:
    if code >> _BIGRAM_SHIFT:
        return (f"{counts.vocabulary[(code >> _BIGRAM_SHIFT) - 1]} "
                f"{counts.vocabulary[code & _LOW_BITS]}")
    return counts.vocabulary[code]


def outlet_order(outlet: str) -> tuple[str, str]:
    """The order outlets are listed in: by name, case aside (ties by the exact name)."""
    return outlet.casefold(), outlet


