"""Roles of quoted speakers (police, officials, politicians...) from a YAML roles lexicon.

The roles lexicon is a lexicon in the frame lexicons' format (docs/lexicons.md), loaded by the
same loader: each category is a role, each term a title, job word or organisation that gives
it. It lives in lexicons/roles/, a folder of its own, so load_lexicons(lexicons/) never
counts it as a frame. docs/quotations.md says how roles are matched and how to replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

try:  # Python 3.11+
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from framing.lexicons import load_lexicon
from framing.paths import DEFAULT_LEXICONS
from framing.types import Lexicon

DEFAULT_ROLES = DEFAULT_LEXICONS / "roles" / "roles.yaml"
OTHER = "other"  # the role of a speaker whose description names none


@dataclass(frozen=True)
class Roles:
    """A roles lexicon, compiled: `role_of(text)` names the role a description gives."""

    lexicon: Lexicon
    terms: tuple[tuple[re.Pattern[str], str], ...] = field(repr=False, compare=False)
    # Lower-cased first letters (one to PREFIX) -> the terms whose matches start with them;
    # "" -> terms that may start with anything (tried at every word).
    by_prefix: dict[str, tuple[int, ...]] = field(repr=False, compare=False)
    exclusions: re.Pattern[str] | None = field(repr=False, compare=False)
    _seen: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _heads: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The roles in the lexicon's order, then `other`."""
        return (*(c.name for c in self.lexicon.categories if c.name != OTHER), OTHER)

    def role_of(self, text: str) -> str | None:
        """The role of the leftmost term in `text` (the longest there; ties: the earlier term),
        skipping matches that overlap an exclusion; None when no term matches."""
        if text in self._seen:
            return self._seen[text]
        if len(self._seen) > 100_000:
            self._seen.clear()
        role = self._seen[text] = self._role_of(text)
        return role

    def _role_of(self, text: str) -> str | None:
        terms = self.terms
        for start in _WORD_START.finditer(text):
            at = start.start()
            best: tuple[int, int, str] | None = None  # (end, -term index, role)
            for k in self._candidates(text[at:at + PREFIX].lower()):
                pattern, role = terms[k]
                match = pattern.match(text, at)
                if match and match.end() > at and (best is None or (match.end(), -k) > best[:2]) \
                        and not self._excluded(text, at, match.end()):
                    best = (match.end(), -k, role)
            if best is not None:
                return best[2]
        return None

    def _candidates(self, head: str) -> tuple[int, ...]:
        """The terms worth trying at a word that starts with `head` (its first letters,
        lower-cased), remembered."""
        found = self._heads.get(head)
        if found is None:
            by_prefix = self.by_prefix
            found = [*by_prefix.get("", ())]
            for size in range(1, len(head) + 1):
                found.extend(by_prefix.get(head[:size], ()))
            found = self._heads[head] = tuple(found)
        return found

    def _excluded(self, text: str, start: int, end: int) -> bool:
        if self.exclusions is None:
            return False
        # An exclusion overlapping the match starts before its end: searched from a little
        # before the match (exclusions are phrases, not paragraphs), not over the whole text.
        lo = max(0, start - EXCLUSION_REACH)
        return any(m.start() < end and start < m.end()
                   for m in self.exclusions.finditer(text, lo, end + EXCLUSION_REACH))


_WORD_START = re.compile(r"(?<!\w)\w")
EXCLUSION_REACH = 80  # characters around a match searched for an exclusion that overlaps it
PREFIX = 3  # letters of a term's start used to find the terms worth trying at a word


def compile_roles(lexicon: Lexicon) -> Roles:
    """A loaded roles lexicon, ready to match."""
    terms = tuple((re.compile(term.pattern), term.category) for term in lexicon.terms)
    by_prefix: dict[str, list[int]] = {}
    for k, term in enumerate(lexicon.terms):
        for prefix in _prefixes(term.pattern) or {""}:
            if k not in by_prefix.setdefault(prefix, []):
                by_prefix[prefix].append(k)
    exclusions = (re.compile("|".join(f"(?:{p})" for p in lexicon.exclusions))
                  if lexicon.exclusions else None)
    return Roles(lexicon, terms, {k: tuple(v) for k, v in by_prefix.items()}, exclusions)


def _prefixes(pattern: str) -> set[str] | None:
    """Lower-cased letters (one to PREFIX) that every match of `pattern` starts with, each
    set of them complete (a match starts with one of them); None when a match may start with
    something else (then the term is tried at every word)."""

    def walk(items: list, acc: str) -> set[str] | None:
        if len(acc) >= PREFIX:
            return {acc[:PREFIX]}
        if not items:
            return {acc} if acc else None
        (op, av), rest = items[0], items[1:]
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            return walk(rest, acc)
        if op is _sre.SUBPATTERN:
            return walk(list(av[-1]) + rest, acc)
        options: list[list] | None = None
        if op is _sre.BRANCH:
            options = [list(alternative) + rest for alternative in av[1]]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            return walk(list(av[2]), acc) if acc or list(av[2]) else None
        elif op is _sre.LITERAL and chr(av).isalnum():
            return walk(rest, acc + chr(av).lower())
        elif op is _sre.IN and all(kind is _sre.LITERAL and chr(v).isalnum() for kind, v in av):
            options = [[(_sre.LITERAL, v)] + rest for _, v in av]
        if options is None:
            return {acc} if acc else None
        found: set[str] = set()
        for option in options:
            prefixes = walk(option, acc)
            if prefixes is None:
                return None
            found |= prefixes
        return found

    return walk(list(_sre_parse.parse(pattern)), "")


def load_roles(path: Path | str | None = None) -> Roles:
    """The roles lexicon at `path` (default: the bundled lexicons/roles/roles.yaml).

    Raises LexiconError, naming the file and line, for any mistake in it."""
    return compile_roles(load_lexicon(Path(path) if path is not None else DEFAULT_ROLES))
