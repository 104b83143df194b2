"""Distinctive terms per outlet: weighted log-odds with an informative Dirichlet prior.

Each outlet is compared with all the other outlets pooled (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", section 3.5). For term w, outlet i and the rest j::

    a_w = a0 * y_w / N
    d   = ln((y_i + a_w) / (n_i + a0 - y_i - a_w)) - ln((y_j + a_w) / (n_j + a0 - y_j - a_w))
    z   = d / sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))

Beside z each term carries Hardie's Log Ratio (an effect size), the outlet-level TF-IDF the
users asked for (scikit-learn), its counts and the number of the outlet's articles using it.

Terms. Text is lower-cased and cut at whitespace; each piece is split into words (letters,
with internal apostrophes or hyphens: "middle-class", "o'brien") and anything else
(digits, punctuation). A word is a term when it has at least two letters and is not a stop
word: scikit-learn's ENGLISH_STOP_WORDS plus contractions of them ("it's", "we're",
"don't"). A possessive "'s" is dropped ("obama's" -> "obama"). Bigrams are two terms that
stand next to each other in the text with only spaces between them: a bigram never spans
a removed stop word, a number, punctuation, a line break or an article boundary, so
"president of the united states" gives "united states" and not "president united"
(scikit-learn's CountVectorizer would form it: it removes stop words before making n-grams).

Counting. y_i is the count in outlet i, y_j in all the others, y_w = y_i + y_j; n_i, n_j
and N are the totals of all unigram and bigram occurrences. With `cap_per_article` a term
counts at most once per article (y_i is then the number of the outlet's articles that use
it, n_i the sum over its articles of their distinct terms). When `cap_per_article` is None
the cap is applied to every outlet of the run if any outlet has fewer than FEW_ARTICLES
articles, and to none otherwise.

Pruning is a display filter only: terms whose pooled count is below `min_count` are not
listed, but every total (n_i, N) counts every occurrence, so no listed number depends on
it. An outlet's terms are the terms it uses (y_i >= 1).
"""

from __future__ import annotations

import array
import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import islice

import numpy as np

from framing.types import TermScore

FEW_ARTICLES = 10  # any outlet with fewer articles: counts capped at one per article
LARGE_CORPUS = 1000  # from this many articles on, min_count defaults to LARGE_MIN_COUNT
LARGE_MIN_COUNT = 3
ZERO_COUNT = 0.5  # Hardie's adjustment: a zero count in the Log Ratio is taken as 0.5

_LINE_BREAK = " \u00b6 "  # a line break becomes a piece of punctuation: bigrams stop there
_WORD_PATTERN = r"[^\W\d_]+(?:['\u2019\u2018\u02bc\u2010\u2011-][^\W\d_]+)*"
_WORD = re.compile(_WORD_PATTERN)
_PIECE_PARTS = re.compile(_WORD_PATTERN + r"|[^\W_]+|[^\w\s]+|_+")  # word | digits | punctuation
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'",
                              "\u2010": "-", "\u2011": "-"})
_NEGATIONS = ("ain't aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't "
              "let's mightn't mustn't needn't shan't shouldn't wasn't weren't won't wouldn't")
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_BLOCK_PIECES = 2_000_000  # whitespace pieces handled per block: bounds peak memory
_HASH_BITS = 24
_BIGRAM_SHIFT = 32  # bigram code = (first + 1) << 32 | second; unigram code = term id


def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and their contractions ("it's", "don't")."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    contractions = {w + c for w in ENGLISH_STOP_WORDS for c in _CLITICS}
    return frozenset(ENGLISH_STOP_WORDS) | contractions | frozenset(_NEGATIONS.split())


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
    for piece in text.replace("\n", _LINE_BREAK).split():
        out.extend(_piece_terms(piece, stop))
    return out


def _piece_terms(piece: str, stop: frozenset[str]) -> list[str | None]:
    terms: list[str | None] = []
    for part in _PIECE_PARTS.findall(piece.lower()):
        terms.append(normalise_word(part, stop) if _WORD.fullmatch(part) else None)
    return terms


def single_article_outlets(documents: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Outlets with exactly one article: their "distinctive" words are that article's words."""
    counts: dict[str, int] = {}
    for outlet, _ in documents:
        counts[outlet] = counts.get(outlet, 0) + 1
    return tuple(sorted((o for o, n in counts.items() if n == 1), key=_outlet_key))


def caps_counts(documents: Sequence[tuple[str, str]]) -> bool:
    """The default capping rule: True when any outlet has fewer than FEW_ARTICLES articles."""
    counts: dict[str, int] = {}
    for outlet, _ in documents:
        counts[outlet] = counts.get(outlet, 0) + 1
    return bool(counts) and min(counts.values()) < FEW_ARTICLES


def default_min_count(n_articles: int) -> int:
    """1 below LARGE_CORPUS articles (every term listed), LARGE_MIN_COUNT from there on."""
    return 1 if n_articles < LARGE_CORPUS else LARGE_MIN_COUNT


def distinctive_terms(
    documents: Sequence[tuple[str, str]],
    *,
    prior_strength: float = 1000.0,
    top: int | None = 50,
    cap_per_article: bool | None = None,
    min_count: int | None = None,
) -> tuple[TermScore, ...]:
    """Each outlet's `top` terms by log-odds z against all other outlets pooled.

    `documents` are (outlet, analysed text) per article. Result sorted by outlet, then z
    descending, ties by term. Fewer than two outlets with any term: no comparison, ().
    `top=None` lists every term an outlet uses (above `min_count`). See the module
    docstring for tokens, capping (`cap_per_article`) and pruning (`min_count`, default
    from default_min_count).
    """
    if prior_strength <= 0:
        raise ValueError("prior_strength must be positive")
    outlets = sorted({outlet for outlet, _ in documents}, key=_outlet_key)
    if len(outlets) < 2:
        return ()
    cap = caps_counts(documents) if cap_per_article is None else cap_per_article
    min_count = default_min_count(len(documents)) if min_count is None else max(1, min_count)
    outlet_index = {outlet: k for k, outlet in enumerate(outlets)}
    doc_outlet = np.fromiter((outlet_index[o] for o, _ in documents), dtype=np.int64,
                             count=len(documents))
    counted = _count(documents, doc_outlet, len(outlets), cap=cap, min_count=min_count)
    if np.count_nonzero(counted.totals) < 2:
        return ()
    return _score(counted, outlets, doc_outlet, prior_strength=prior_strength, top=top)


class _Counted:
    """Counts of the listed terms: per (outlet, term) pair and the totals of all terms."""

    def __init__(self, terms, codes, pair_outlet, pair_term, pair_count, pair_docs, totals):
        self.terms: list[str] = terms  # term id -> unigram
        self.codes: np.ndarray = codes  # listed term k -> unigram or bigram code
        self.pair_outlet, self.pair_term = pair_outlet, pair_term
        self.pair_count, self.pair_docs = pair_count, pair_docs
        self.totals: np.ndarray = totals  # n_i per outlet, every term counted


def _count(documents, doc_outlet, n_outlets, *, cap, min_count) -> _Counted:
    stop = stop_words()
    pieces: defaultdict[str, int] = defaultdict()
    pieces.default_factory = pieces.__len__  # piece -> id, new ids handed out on first sight
    piece_id = pieces.__getitem__
    term_ids: dict[str, int] = {}
    seq_flat = array.array("q")  # the term ids (or -1) of each piece, end to end
    seq_start = array.array("q")
    seq_len = array.array("q")
    piece_list: list[str] = []

    totals = np.zeros(n_outlets, dtype=np.int64)
    buckets = np.zeros(1 << _HASH_BITS, dtype=np.int64) if min_count > 1 else None
    pairs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

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

    block = array.array("q")
    block_docs: list[int] = []
    block_first = 0
    for d, (_, text) in enumerate(documents):
        before = len(block)
        block.extend(map(piece_id, text.replace("\n", _LINE_BREAK).split()))
        block_docs.append(len(block) - before)
        if len(block) >= _BLOCK_PIECES or d == len(documents) - 1:
            extend_table()
            doc_codes = _block_pairs(np.frombuffer(block, dtype=np.int64), block_docs,
                                     block_first, seq_flat, seq_start, seq_len)
            pair_doc, pair_code, pair_count = doc_codes
            value = np.ones_like(pair_count) if cap else pair_count
            totals += np.bincount(doc_outlet[pair_doc], weights=value,
                                  minlength=n_outlets).astype(np.int64)
            if buckets is not None:
                buckets += np.bincount(_hash(pair_code), weights=value,
                                       minlength=buckets.size).astype(np.int64)
            pairs.append(doc_codes)
            block = array.array("q")
            block_first = d + 1
            block_docs = []

    terms = [""] * len(term_ids)
    for term, k in term_ids.items():
        terms[k] = term
    pair_doc, pair_code, pair_count = (np.concatenate([p[k] for p in pairs]) if pairs
                                       else np.zeros(0, dtype=np.int64) for k in range(3))
    del pairs
    if buckets is not None:  # a cheap upper bound first: hash collisions only add
        keep = buckets[_hash(pair_code)] >= min_count
        pair_doc, pair_code, pair_count = pair_doc[keep], pair_code[keep], pair_count[keep]
    value = np.ones_like(pair_count) if cap else pair_count
    codes, term_of_pair = np.unique(pair_code, return_inverse=True)
    pooled = np.bincount(term_of_pair, weights=value, minlength=codes.size)
    listed = pooled >= min_count
    keep = listed[term_of_pair]
    new_index = np.cumsum(listed) - 1
    pair_outlet = doc_outlet[pair_doc[keep]]
    pair_term = new_index[term_of_pair[keep]]
    value = value[keep]

    # Sum over the articles of each outlet: one entry per (outlet, term).
    key = pair_outlet * int(listed.sum()) + pair_term
    uniq, inverse = np.unique(key, return_inverse=True)
    count = np.bincount(inverse, weights=value).astype(np.int64)
    docs = np.bincount(inverse).astype(np.int64)
    n_listed = max(int(listed.sum()), 1)
    return _Counted(terms, codes[listed], uniq // n_listed, uniq % n_listed, count, docs, totals)


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
    distinct, code_index = np.unique(codes, return_inverse=True)
    key = (docs - first_doc) * distinct.size + code_index
    pair_key, pair_count = np.unique(key, return_counts=True)
    return (pair_key // distinct.size + first_doc, distinct[pair_key % distinct.size],
            pair_count.astype(np.int64))


def _hash(codes: np.ndarray) -> np.ndarray:
    """Fibonacci hashing of term codes into 2**_HASH_BITS buckets."""
    mixed = codes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(64 - _HASH_BITS)).astype(np.int64)


def _score(counted: _Counted, outlets, doc_outlet, *, prior_strength, top):
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    n_outlets, n_terms = len(outlets), counted.codes.size
    if n_terms == 0:
        return ()
    # pair arrays are sorted by (outlet, term): exactly csr order.
    matrix = csr_matrix((counted.pair_count.astype(np.float64), counted.pair_term,
                         np.searchsorted(counted.pair_outlet, np.arange(n_outlets + 1))),
                        shape=(n_outlets, n_terms))
    tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False)
    weights = tfidf.fit_transform(matrix).tocsr()
    weights.sort_indices()
    if not np.array_equal(weights.indices, matrix.indices):  # zero rows are kept as they are
        raise AssertionError("TF-IDF changed the matrix structure")

    y_i = counted.pair_count.astype(np.float64)
    y_w = np.bincount(counted.pair_term, weights=y_i, minlength=n_terms)[counted.pair_term]
    y_j = y_w - y_i
    big_n = float(counted.totals.sum())
    n_i = counted.totals[counted.pair_outlet].astype(np.float64)
    n_j = big_n - n_i
    a0 = float(prior_strength)
    a_w = a0 * y_w / big_n
    delta = (np.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
             - np.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
    z = delta / np.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
    with np.errstate(divide="ignore"):
        log_ratio = np.log2((y_i / n_i) / (np.where(y_j == 0, ZERO_COUNT, y_j) / n_j))
    docs_total = np.bincount(doc_outlet, minlength=n_outlets)

    results: list[TermScore] = []
    for k, outlet in enumerate(outlets):
        lo, hi = matrix.indptr[k], matrix.indptr[k + 1]
        chosen = _top_entries(z[lo:hi], top) + lo
        rows = [(-float(z[e]), _term_text(counted, int(counted.pair_term[e])), int(e))
                for e in chosen]
        rows.sort()
        if top is not None:
            rows = rows[:top]
        results.extend(
            TermScore(outlet=outlet, term=term, tfidf=float(weights.data[e]), z=float(z[e]),
                      log_ratio=float(log_ratio[e]), count=int(counted.pair_count[e]),
                      count_rest=int(y_j[e]), docs=int(counted.pair_docs[e]),
                      docs_total=int(docs_total[k]))
            for _, term, e in rows)
    return tuple(results)


def _top_entries(z: np.ndarray, top: int | None) -> np.ndarray:
    """Indices of the `top` largest values, with every value tied with the last of them."""
    if top is None or z.size <= top:
        return np.arange(z.size)
    if top <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = np.partition(z, z.size - top)[z.size - top]
    return np.flatnonzero(z >= threshold)


def _term_text(counted: _Counted, k: int) -> str:
    code = int(counted.codes[k])
    if code >> _BIGRAM_SHIFT:
        return (f"{counted.terms[(code >> _BIGRAM_SHIFT) - 1]} "
                f"{counted.terms[code & ((1 << _BIGRAM_SHIFT) - 1)]}")
    return counted.terms[code]


def _outlet_key(outlet: str) -> tuple[str, str]:
    return outlet.casefold(), outlet

