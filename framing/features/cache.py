"""A feature cache keyed by article content, tool version and lexicon fingerprints.

Stored in one SQLite file, by default `~/.cache/framing/features.sqlite` (or under
`$FRAMING_CACHE_DIR`, or `$XDG_CACHE_HOME/framing`). An entry holds what one article
contributes (sentences with scores, mentions, quotations, word count); the key is a hash of
the article's analysed text and section boundaries with the framing version, the version of
the rules that analyse an article (ARTICLE_RULES) and the fingerprints of the lexicons and of
the roles lexicon, so an edited article, a new version, new rules or a changed lexicon never
reads a stale entry.

Distinctive terms compare outlets over the whole corpus, so they are cached as term counts
(framing.features.terms.TermCounts) of a set of articles: the last KEEP_TERM_COUNTS sets
counted, each set's articles (outlet by outlet) in the SQLite file and its counts (about
100 MB for 37,000 articles) in a NumPy .npz file of its own under `term-counts/` beside it,
where writing and dropping them costs a fraction of what it does inside SQLite. Counts are
reused outlet by outlet: where a run's articles of an outlet include all of a stored set's
articles of that outlet (same texts), only the outlet's articles added since are counted
and merged, which adds up exactly; an outlet one of whose stored articles changed or left
(its furniture, say, judged anew) is counted again whole, the others are not.
A cache that cannot be opened or written is skipped with a warning (logged): it only saves
time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import marshal
import os
import sqlite3
import sys
import time
import zipfile
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from framing.features.compute import ARTICLE_RULES
from framing.features.terms import COUNTING_RULES
from framing.types import SENTENCE_TYPECODES, Article, ArticleResult, Lexicon, ScoredSentences
from framing.version import __version__

if TYPE_CHECKING:
    from framing.features.terms import TermCounts

# Values are marshal bytes (several times faster to read than JSON, and unlike pickle they
# cannot run code); marshal's format belongs to the Python version, which is in every key.
SCHEMA = "CREATE TABLE IF NOT EXISTS article_results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
TERMS_SCHEMA = ("CREATE TABLE IF NOT EXISTS term_sets (key TEXT PRIMARY KEY, items BLOB NOT NULL,"
                " used REAL NOT NULL)")
# Which of a set's articles are of which outlet (the items of term_items, sorted).
TERM_PARTS_SCHEMA = ("CREATE TABLE IF NOT EXISTS term_parts (key TEXT NOT NULL, outlet TEXT NOT"
                     " NULL, items BLOB NOT NULL, PRIMARY KEY (key, outlet))")
OLD_TERMS_TABLE = "term_counts"  # where counts were kept inside SQLite, before term_sets
# How an article's results are stored: sentence columns as arrays' bytes, in this machine's
# byte order. Part of every key, so that entries of another format are never read.
RESULT_FORMAT = f"sentence-columns-{SENTENCE_TYPECODES}-quotations-words-{sys.byteorder}"
log = logging.getLogger(__name__)
KEEP_TERM_COUNTS = 2  # sets of articles whose term counts are kept (about 115 MB each for
# 37,000 articles): the last runs, so that the next one only counts what it adds


def default_cache_dir() -> Path:
    if os.environ.get("FRAMING_CACHE_DIR"):
        return Path(os.environ["FRAMING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


class FeatureCache:
    """Article results by content key. Use as a context manager or call close()."""

    def __init__(self, lexicons: Sequence[Lexicon], *, roles: Lexicon | None = None,
                 directory: Path | None = None) -> None:
        """`lexicons` and `roles` (the roles lexicon; None when quotations are not looked
        for) are those the results are computed with: their fingerprints are in every key."""
        self.path = (directory or default_cache_dir()) / "features.sqlite"
        self.term_folder = self.path.parent / "term-counts"
        python = f"python{sys.version_info.major}.{sys.version_info.minor}"
        quotations = f"roles:{roles.fingerprint}" if roles is not None else "roles:none"
        salt = "\0".join([__version__, python, RESULT_FORMAT, ARTICLE_RULES, COUNTING_RULES,
                          quotations, *sorted(f"{lx.name}:{lx.fingerprint}" for lx in lexicons)])
        self._salt = salt.encode("utf-8")
        self._db: sqlite3.Connection | None = None
        self._keys: tuple[Sequence[Article], list[str]] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(SCHEMA)
            self._db.execute(TERMS_SCHEMA)
            self._db.execute(TERM_PARTS_SCHEMA)
            with self._db:
                self._db.execute(f"DROP TABLE IF EXISTS {OLD_TERMS_TABLE}")
        except (OSError, sqlite3.Error) as error:
            log.warning(f"{self.path}: feature cache not used ({error})")
            self._db = None

    @property
    def salt(self) -> bytes:
        """What every key hashes besides the article: versions and lexicon fingerprints."""
        return self._salt

    def key(self, article: Article) -> str:
        return content_key(self._salt, article)

    def keys(self, articles: Sequence[Article]) -> list[str]:
        """`key` of each article (remembered for the last sequence asked about)."""
        if self._keys is None or self._keys[0] is not articles:
            self._keys = (articles, [self.key(article) for article in articles])
        return self._keys[1]

    def remember_keys(self, articles: Sequence[Article], keys: Sequence[str]) -> None:
        """Take `keys` as the keys of `articles`, worked out where their texts are (on a
        cluster's workers: framing.cluster)."""
        self._keys = (articles, list(keys))

    def get_many(self, articles: Sequence[Article]) -> dict[int, ArticleResult]:
        """Cached results by article index; a damaged entry is left out, with a warning (its
        article is analysed again)."""
        if self._db is None:
            return {}
        keys = self.keys(articles)
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                batch = keys[start:start + 500]
                marks = ",".join("?" * len(batch))
                found.update(self._db.execute(
                    f"SELECT key, value FROM article_results WHERE key IN ({marks})", batch))
        except sqlite3.Error as error:
            log.warning(f"{self.path}: feature cache not read ({error})")
            return {}
        results, damaged = {}, 0
        for i, key in enumerate(keys):
            if key in found:
                try:
                    results[i] = _decode(found[key])
                except (ValueError, TypeError, EOFError):
                    damaged += 1
        if damaged:
            log.warning(f"{self.path}: {damaged} damaged cache entr"
                        f"{'y was' if damaged == 1 else 'ies were'} ignored")
        return results

    def put_many(self, items: Iterable[tuple[Article, ArticleResult]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO article_results (key, value) VALUES (?, ?)",
                    [(self.key(article), _encode(result)) for article, result in items])
        except sqlite3.Error as error:
            log.warning(f"{self.path}: feature cache not written ({error})")

    def term_items(self, articles: Sequence[Article]) -> np.ndarray:
        """One 64-bit number per article for its content and outlet: what term counts cover."""
        return np.array([
            int.from_bytes(hashlib.blake2b(f"{key}\0{article.outlet}".encode("utf-8",
                                                                               "surrogatepass"),
                                           digest_size=8).digest(), "little")
            for article, key in zip(articles, self.keys(articles), strict=True)
        ], dtype=np.uint64)

    def find_term_counts(self, items: np.ndarray, outlets: Sequence[str]
                         ) -> tuple[dict[Path, list[str]], np.ndarray] | None:
        """Stored term counts that cover these articles (`items`, of `outlets`) outlet by
        outlet: for each outlet, the largest stored set whose articles of that outlet these
        include. (counts file -> the outlets to take from it, indices of the articles no
        stored set covers), or None when no outlet is covered."""
        if self._db is None or items.size == 0:
            return None
        try:
            stored = self._db.execute(
                "SELECT key, outlet, items FROM term_parts ORDER BY key, outlet").fetchall()
        except sqlite3.Error as error:
            log.warning(f"{self.path}: term counts not read ({error})")
            return None
        sets: dict[str, list[tuple[str, np.ndarray]]] = {}
        for key, outlet, blob in stored:
            sets.setdefault(outlet, []).append((key, np.frombuffer(blob, dtype=np.uint64)))
        taken: dict[str, list[str]] = {}
        uncovered = []
        for outlet, own in _indices_by_outlet(outlets).items():
            best: tuple[int, str, np.ndarray] | None = None
            for key, covered in sets.get(outlet, ()):
                missing = _not_covered(items[own], covered)
                if missing is not None and (best is None or covered.size > best[0]):
                    best = (covered.size, key, missing)
            if best is None:
                uncovered.append(own)
            else:
                taken.setdefault(best[1], []).append(outlet)
                uncovered.append(own[best[2]])
        if not taken:
            return None
        try:
            with self._db:
                self._db.executemany("UPDATE term_sets SET used = ? WHERE key = ?",
                                     [(time.time(), key) for key in taken])
        except sqlite3.Error as error:
            log.warning(f"{self.path}: term counts not read ({error})")
            return None
        return ({self._term_file(key): kept for key, kept in taken.items()},
                np.sort(np.concatenate(uncovered)))

    def get_term_counts(self, items: np.ndarray, outlets: Sequence[str]
                        ) -> tuple[TermCounts, np.ndarray] | None:
        """The stored term counts that cover these articles outlet by outlet (see
        find_term_counts), and the indices of the articles they do not cover (to be counted
        and merged); or None."""
        from framing.features.terms import merge_counts, outlet_counts

        found = self.find_term_counts(items, outlets)
        if found is None:
            return None
        files, missing = found
        parts = []
        for path, kept in files.items():
            try:
                part = outlet_counts(read_term_counts(path), kept)
                if len(part.outlets) != len(kept):
                    raise ValueError("outlets missing from the file")
                parts.append(part)
            except TERM_FILE_ERRORS as error:
                log.warning(f"{path}: term counts not read ({error})")
                return None
        return merge_counts(parts), missing

    def term_counts_file(self, items: np.ndarray) -> Path:
        """Where the term counts of this set of articles are kept."""
        return self._term_file(self._term_set_key(np.sort(items)))

    def put_term_counts(self, items: np.ndarray, outlets: Sequence[str],
                        counts: TermCounts) -> None:
        """Keep the term counts of this set of articles (`items`, of `outlets`), dropping the
        least recently used sets."""
        if self._db is None or items.size == 0:
            return
        try:
            write_term_counts(self.term_counts_file(items), counts)
        except OSError as error:
            log.warning(f"{self.path}: term counts not written ({error})")
            return
        self.add_term_set(items, outlets)

    def add_term_set(self, items: np.ndarray, outlets: Sequence[str]) -> None:
        """Record that the file `term_counts_file(items)` holds this set's counts (written by
        write_term_counts), and drop the least recently used sets beyond KEEP_TERM_COUNTS."""
        if self._db is None or items.size == 0:
            return
        ordered = np.sort(items)
        key = self._term_set_key(ordered)
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO term_sets (key, items, used) VALUES (?, ?, ?)",
                    (key, ordered.tobytes(), time.time()))
                self._db.executemany(
                    "INSERT OR REPLACE INTO term_parts (key, outlet, items) VALUES (?, ?, ?)",
                    [(key, outlet, np.sort(items[indices]).tobytes())
                     for outlet, indices in _indices_by_outlet(outlets).items()])
                self._db.execute(
                    "DELETE FROM term_sets WHERE key NOT IN (SELECT key FROM term_sets "
                    "ORDER BY used DESC LIMIT ?)", (KEEP_TERM_COUNTS,))
                self._db.execute(
                    "DELETE FROM term_parts WHERE key NOT IN (SELECT key FROM term_sets)")
                kept = {row[0] for row in self._db.execute("SELECT key FROM term_sets")}
        except sqlite3.Error as error:
            log.warning(f"{self.path}: term counts not written ({error})")
            return
        for stale in self.term_folder.glob("*.npz"):  # dropped sets, and any left by a crash
            if stale.stem not in kept:
                with contextlib.suppress(OSError):
                    stale.unlink()

    def _term_set_key(self, ordered: np.ndarray) -> str:
        """The key of a set of articles, from its items sorted."""
        return hashlib.sha256(self._salt + ordered.tobytes()).hexdigest()

    def _term_file(self, key: str) -> Path:
        return self.term_folder / f"{key}.npz"

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> FeatureCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def content_key(salt: bytes, article: Article) -> str:
    """An article's cache key: a hash of `salt`, its analysed text and where its sections
    meet (paragraphs, positions depend on them, not only the text)."""
    digest = hashlib.sha256(salt)
    sections = ",".join(f"{s.name}:{s.start}:{s.end}" for s in article.sections)
    digest.update(f"\0{sections}\0".encode())
    for chunk in article.analysed_text_utf8():
        digest.update(chunk)
    return digest.hexdigest()


def _encode(result: ArticleResult) -> bytes:
    sentences = result.sentences
    return marshal.dumps((result.words, sentences.starts.tobytes(), sentences.ends.tobytes(),
                          sentences.compounds.tobytes(), result.mentions, result.quotations))


def _decode(value: bytes) -> ArticleResult:
    words, starts, ends, compounds, mentions, quotations = marshal.loads(value)
    if not (isinstance(words, int) and isinstance(mentions, tuple)
            and isinstance(quotations, tuple)):
        raise ValueError("not an article's results")
    columns = [array(typecode) for typecode in SENTENCE_TYPECODES]
    for column, data in zip(columns, (starts, ends, compounds), strict=True):
        column.frombytes(data)  # TypeError unless bytes, ValueError if cut
    if not len(columns[0]) == len(columns[1]) == len(columns[2]):
        raise ValueError("sentence columns of different lengths")
    return ArticleResult(words=words, sentences=ScoredSentences(*columns),
                         mentions=mentions, quotations=quotations)


def _indices_by_outlet(outlets: Sequence[str]) -> dict[str, np.ndarray]:
    """The indices of each outlet's articles, given each article's outlet."""
    members: dict[str, list[int]] = {}
    for index, outlet in enumerate(outlets):
        members.setdefault(outlet, []).append(index)
    return {outlet: np.array(indices, dtype=np.int64) for outlet, indices in members.items()}


def _not_covered(items: np.ndarray, covered: np.ndarray) -> np.ndarray | None:
    """Indices of `items` left over once each of `covered` is matched to one equal item
    (items may repeat: the same article twice); None if some of `covered` has no match."""
    values, counts = np.unique(items, return_counts=True)
    wanted, wanted_counts = np.unique(covered, return_counts=True)
    at = np.searchsorted(values, wanted)
    if wanted.size and (at.max() >= values.size or not np.array_equal(values[at], wanted)
                        or np.any(counts[at] < wanted_counts)):
        return None
    taken = np.zeros(values.size, dtype=np.int64)
    taken[at] = wanted_counts
    order = np.argsort(items, kind="stable")
    rank = np.empty(items.size, dtype=np.int64)  # how many equal items come before each
    ordered = items[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    rank[order] = np.arange(items.size) - np.repeat(starts, np.diff(np.r_[starts, items.size]))
    return np.flatnonzero(rank >= taken[np.searchsorted(values, items)])


_COUNT_ARRAYS = ("articles", "totals", "pair_outlet", "pair_code", "count", "docs")


# What reading a damaged, cut or missing term counts file raises.
TERM_FILE_ERRORS = (ValueError, KeyError, TypeError, OSError, EOFError, zipfile.BadZipFile)


def write_term_counts(path: Path, counts: TermCounts) -> None:
    """Write term counts to `path` whole (a temporary file renamed into place), or raise
    OSError. Needs no database: a second process can write them while this one works."""
    path.parent.mkdir(exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            _dump_counts(counts, file)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _dump_counts(counts: TermCounts, file: BinaryIO) -> None:
    np.savez(file, outlets=np.frombuffer(json.dumps(counts.outlets).encode(), dtype=np.uint8),
             vocabulary=np.frombuffer("\n".join(counts.vocabulary).encode(), dtype=np.uint8),
             **{name: _narrow(getattr(counts, name)) for name in _COUNT_ARRAYS})


def _narrow(values: np.ndarray) -> np.ndarray:
    """int32 when every value fits (counts, outlet indices): half the bytes on disk."""
    if values.size == 0 or (values.min() >= 0 and values.max() < 2**31):
        return values.astype(np.int32)
    return values


def read_term_counts(path: Path) -> TermCounts:
    """Term counts from a file write_term_counts wrote; raises one of TERM_FILE_ERRORS."""
    from framing.features.terms import TermCounts

    with np.load(path, allow_pickle=False) as arrays:
        outlets = tuple(json.loads(arrays["outlets"].tobytes().decode()))
        text = arrays["vocabulary"].tobytes().decode()
        return TermCounts(outlets=outlets, vocabulary=tuple(text.split("\n")) if text else (),
                          **{name: arrays[name].astype(np.int64) for name in _COUNT_ARRAYS})
