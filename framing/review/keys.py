"""Mention keys: the names review decisions give the mentions they judge.

A key is `lexicon:category:term:article:content:start-end`, for example
`ethnicity:describing_people:3be1c0:a81f03b2:3f9a1c2b7d4e:370-403`:

- lexicon and category as the lexicon names them (":" and "%" percent-escaped), and the
  first 6 hex digits of the SHA-256 of the term's label: a file of keys and decisions alone
  can be summarised per lexicon, category and term;
- article: the first 8 hex digits of the SHA-256 of the article's id;
- content: the first 12 hex digits of the SHA-256 of the article's analysed text (headline,
  standfirst and body as UTF-8), which the offsets point into;
- start-end: the match's character offsets in that text.

A key depends on its article alone: not on the order of the articles, nor on other
articles, so it survives re-reading the corpus and adding articles. The content part finds
the mention when the article is re-imported under another id; the article part tells an
edited article (its decisions are stale: the offsets no longer point at the words judged)
from one that is not in the corpus at all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from framing.types import Article, Mention

CONTENT_DIGITS = 12  # 48 bits: a chance collision among a million articles is about 1 in 500
ARTICLE_DIGITS = 8
TERM_DIGITS = 6
_KEY = re.compile(
    rf"(?P<lexicon>[^:]+):(?P<category>[^:]+):(?P<term>[0-9a-f]{{{TERM_DIGITS}}}):"
    rf"(?P<article>[0-9a-f]{{{ARTICLE_DIGITS}}}):(?P<content>[0-9a-f]{{{CONTENT_DIGITS}}}):"
    r"(?P<start>\d+)-(?P<end>\d+)")


@dataclass(frozen=True)
class KeyParts:
    """A key taken apart (see the module's docstring)."""

    lexicon: str
    category: str
    term: str  # hash of the term's label
    article: str  # hash of the article id
    content: str  # hash of the article's analysed text
    start: int
    end: int


def content_hash(article: Article) -> str:
    """The hash of `article.analysed_text` that keys carry."""
    return article.content_digest[:CONTENT_DIGITS]


@lru_cache(maxsize=65536)
def article_hash(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[
        :ARTICLE_DIGITS]


@lru_cache(maxsize=4096)
def term_hash(term: str) -> str:
    return hashlib.sha256(term.encode("utf-8", "surrogatepass")).hexdigest()[:TERM_DIGITS]


def _escape(name: str) -> str:
    return name.replace("%", "%25").replace(":", "%3A")


def _unescape(name: str) -> str:
    return name.replace("%3A", ":").replace("%3a", ":").replace("%25", "%")


def mention_key(mention: Mention, *, content: str) -> str:
    """The key of `mention`; `content` is content_hash() of its article."""
    return (f"{_escape(mention.lexicon)}:{_escape(mention.category)}:{term_hash(mention.term)}:"
            f"{article_hash(mention.span.article_id)}:{content}:"
            f"{mention.span.start}-{mention.span.end}")


def parse_key(key: str) -> KeyParts | None:
    """The parts of a key, or None when `key` is not one."""
    found = _KEY.fullmatch(key)
    if found is None:
        return None
    return KeyParts(lexicon=_unescape(found["lexicon"]), category=_unescape(found["category"]),
                    term=found["term"], article=found["article"], content=found["content"],
                    start=int(found["start"]), end=int(found["end"]))
