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

from framing.lexicons import load_lexicon
from framing.paths import DEFAULT_LEXICONS
from framing.types import Lexicon

DEFAULT_ROLES = DEFAULT_LEXICONS / "roles" / "roles.yaml"
OTHER = "other"  # the role of a speaker whose description names none


@dataclass(frozen=True)
class Roles:
    """A roles lexicon, compiled: `role_of(text)` names the role a description gives."""

    lexicon: Lexicon
    scan: re.Pattern[str] = field(repr=False, compare=False)
    terms: tuple[tuple[re.Pattern[str], str], ...] = field(repr=False, compare=False)
    exclusions: re.Pattern[str] | None = field(repr=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The roles in the lexicon's order, then `other`."""
        return (*(c.name for c in self.lexicon.categories if c.name != OTHER), OTHER)

    def role_of(self, text: str) -> str | None:
        """The role of the leftmost term in `text` (the longest there; ties: the earlier term),
        skipping matches that overlap an exclusion; None when no term matches."""
        position = 0
        while True:
            found = self.scan.search(text, position)
            if found is None:
                return None
            at = found.start()
            best: tuple[int, str] | None = None
            for pattern, role in self.terms:
                match = pattern.match(text, at)
                if match and match.end() > at and (best is None or match.end() > best[0]):
                    if not self._excluded(text, at, match.end()):
                        best = (match.end(), role)
            if best is not None:
                return best[1]
            position = at + 1

    def _excluded(self, text: str, start: int, end: int) -> bool:
        if self.exclusions is None:
            return False
        return any(m.start() < end and start < m.end() for m in self.exclusions.finditer(text))


def compile_roles(lexicon: Lexicon) -> Roles:
    """A loaded roles lexicon, ready to match."""
    terms = tuple((re.compile(term.pattern), term.category) for term in lexicon.terms)
    scan = re.compile("|".join(f"(?:{term.pattern})" for term in lexicon.terms) or "(?!)")
    exclusions = (re.compile("|".join(f"(?:{p})" for p in lexicon.exclusions))
                  if lexicon.exclusions else None)
    return Roles(lexicon, scan, terms, exclusions)


def load_roles(path: Path | str | None = None) -> Roles:
    """The roles lexicon at `path` (default: the bundled lexicons/roles/roles.yaml).

    Raises LexiconError, naming the file and line, for any mistake in it."""
    return compile_roles(load_lexicon(Path(path) if path is not None else DEFAULT_ROLES))
