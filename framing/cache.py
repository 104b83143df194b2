"""A feature cache keyed by article content, tool version and lexicon fingerprints.

Stored in one SQLite file, by default `~/.cache/framing/features.sqlite` (or under
`$FRAMING_CACHE_DIR`, or `$XDG_CACHE_HOME/framing`). An entry holds what one article
contributes (sentences with scores, mentions, word count); the key is a hash of the
article's analysed text with the framing version and the fingerprints of the lexicons, so
an edited article, a new version or a changed lexicon never reads a stale entry.
A cache that cannot be opened or written is skipped with a warning: it only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from framing import __version__
from framing.features.compute import ArticleResult
from framing.types import Article, Lexicon

SCHEMA = "CREATE TABLE IF NOT EXISTS article_features (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def default_cache_dir() -> Path:
    if os.environ.get("FRAMING_CACHE_DIR"):
        return Path(os.environ["FRAMING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


class FeatureCache:
    """Article results by content key. Use as a context manager or call close()."""

    def __init__(self, lexicons: Sequence[Lexicon], *, directory: Path | None = None) -> None:
        self.path = (directory or default_cache_dir()) / "features.sqlite"
        salt = "\0".join([__version__, *sorted(f"{lx.name}:{lx.fingerprint}" for lx in lexicons)])
        self._salt = salt.encode("utf-8")
        self.warning: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(SCHEMA)
        except (OSError, sqlite3.Error) as error:
            self.warning = f"{self.path}: feature cache not used ({error})"
            self._db = None

    def key(self, article: Article) -> str:
        digest = hashlib.sha256(self._salt)
        # Where the sections meet matters too (paragraphs, positions), not only the text.
        sections = ",".join(f"{s.name}:{s.start}:{s.end}" for s in article.sections)
        digest.update(f"\0{sections}\0".encode())
        digest.update(article.analysed_text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get_many(self, articles: Sequence[Article]) -> dict[int, ArticleResult]:
        """Cached results by article index."""
        if self._db is None:
            return {}
        keys = [self.key(article) for article in articles]
        found: dict[str, str] = {}
        try:
            for start in range(0, len(keys), 500):
                batch = keys[start:start + 500]
                marks = ",".join("?" * len(batch))
                found.update(self._db.execute(
                    f"SELECT key, value FROM article_features WHERE key IN ({marks})", batch))
        except sqlite3.Error as error:
            self.warning = f"{self.path}: feature cache not read ({error})"
            return {}
        results: dict[int, ArticleResult] = {}
        for i, key in enumerate(keys):
            if key in found:
                try:
                    results[i] = _decode(found[key])
                except (ValueError, TypeError):  # a damaged entry: analyse the article again
                    self.warning = f"{self.path}: a damaged cache entry was ignored"
        return results

    def put_many(self, items: Iterable[tuple[Article, ArticleResult]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO article_features (key, value) VALUES (?, ?)",
                    [(self.key(article), _encode(result)) for article, result in items])
        except sqlite3.Error as error:
            self.warning = f"{self.path}: feature cache not written ({error})"

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> FeatureCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _encode(result: ArticleResult) -> str:
    return json.dumps([result.words, result.sentences, result.mentions], separators=(",", ":"))


def _decode(value: str) -> ArticleResult:
    words, sentences, mentions = json.loads(value)
    return ArticleResult(
        words=words,
        sentences=tuple(tuple(s) for s in sentences),
        mentions=tuple(tuple(m) for m in mentions),
    )
