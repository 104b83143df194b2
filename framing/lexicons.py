"""Load frame lexicons from YAML and turn their terms into self-contained regex sources.

The format is documented in docs/lexicons.md. Every mistake in a file is reported as a
LexiconError naming the file and line; nothing here matches text (features/mentions.py does).
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import os
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import LexiconError, located
from framing.paths import DEFAULT_LEXICONS
from framing.types import Lexicon, LexiconCategory, LexiconTerm

try:  # Python 3.11+
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

LEXICON_SUFFIXES = (".yaml", ".yml")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_QUALIFIERS = 2  # leading qualifiers a term may take: "predominantly South Asian men"
MAX_FORMS = 20_000  # expansions of one term's {a|b} alternatives, a guard against typos

TOP_KEYS = ("name", "description", "version", "sources", "categories", "terms", "exclusions",
            "validation")
SOURCE_KEYS = ("id", "citation", "url", "note")
CATEGORY_KEYS = ("name", "description")
TERM_KEYS = (
    "term", "regex", "label", "qualifiers", "preceded_by", "followed_by",
    "case_sensitive", "suggestion", "source", "note",
)
EXCLUSION_KEYS = ("term", "regex", "label", "case_sensitive", "note")

_SCALAR = "tag:yaml.org,2002:"


# --------------------------------------------------------------------------- public API


def load_lexicons(directory: Path | None = None) -> tuple[Lexicon, ...]:
    """Every *.yaml / *.yml lexicon in `directory` (default: the bundled ones), sorted by name."""
    folder = Path(directory) if directory is not None else DEFAULT_LEXICONS
    if not folder.is_dir():
        raise LexiconError(
            located(_display(folder), "no such folder of lexicons; pass a folder of .yaml files")
        )
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in LEXICON_SUFFIXES)
    paths = [p for p in paths if p.is_file()]
    if not paths:
        raise LexiconError(
            located(_display(folder), "no lexicon files (*.yaml, *.yml) in this folder; add one")
        )
    lexicons: dict[str, Lexicon] = {}
    for path in paths:
        lexicon = load_lexicon(path)
        if lexicon.name in lexicons:
            raise LexiconError(
                located(
                    lexicon.path,
                    f"a lexicon named {lexicon.name!r} is already defined in "
                    f"{lexicons[lexicon.name].path}; give each lexicon its own name",
                    line=1,
                )
            )
        lexicons[lexicon.name] = lexicon
    return tuple(lexicons[name] for name in sorted(lexicons))


def load_lexicon(path: Path | str) -> Lexicon:
    """Read, validate and compile one lexicon file."""
    path = Path(path)
    shown = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LexiconError(
            located(shown, f"cannot read the lexicon ({error.strerror}); check the path")
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(
            located(shown, f"not UTF-8 text (byte {error.start}); save the file as UTF-8")
        ) from None
    return _Builder(shown, text, hashlib.sha256(raw).hexdigest()[:12]).build()


def term_pattern(
    term: str,
    *,
    qualifiers: Sequence[str] = (),
    preceded_by: Sequence[str] = (),
    followed_by: Sequence[str] = (),
    case_sensitive: bool = False,
) -> str:
    """The regex source of a term in the compact syntax (`{a|b}`), as the loader builds it."""
    body = _compact_regex(_parse_compact(term), case_sensitive)
    return _wrap(body, qualifiers, preceded_by, followed_by, case_sensitive)


def format_lexicon_list(lexicons: Iterable[Lexicon]) -> str:
    """One block per lexicon: name, version, term count, categories and description."""
    blocks = []
    for lexicon in lexicons:
        counts = {c.name: 0 for c in lexicon.categories}
        for term in lexicon.terms:
            counts[term.category] = counts.get(term.category, 0) + 1
        categories = ", ".join(f"{name} ({count})" for name, count in counts.items())
        version = f"version {lexicon.version}" if lexicon.version else "no version"
        blocks.append(
            f"{lexicon.name}  ({version}, {len(lexicon.terms)} terms)\n"
            f"  {lexicon.description}\n"
            f"  categories: {categories}\n"
            f"  file: {lexicon.path}"
        )
    return "\n\n".join(blocks) if blocks else "No lexicons."


def format_lexicon(lexicon: Lexicon) -> str:
    """Everything in a lexicon, for people checking or building one."""
    version = lexicon.version or "none"
    lines = [
        f"{lexicon.name}  (version {version}, fingerprint {lexicon.fingerprint})",
        f"file: {lexicon.path}",
        "",
        lexicon.description,
        "",
        "Sources:",
    ]
    lines += [f"  {source}" for source in lexicon.sources] or ["  (none given)"]
    lines += ["", "Validation:", f"  {lexicon.validation or '(none given)'}"]
    for category in lexicon.categories:
        terms = [t for t in lexicon.terms if t.category == category.name]
        lines += ["", f"Category {category.name} ({len(terms)} terms): {category.description}"]
        for term in terms:
            lines.append(f"  - {term.text}  [line {term.line}]")
            if term.suggestion:
                cited = f" (source: {term.source})" if term.source else ""
                lines.append(f"      suggestion: {term.suggestion}{cited}")
            if term.note:
                lines.append(f"      note: {term.note}")
    lines += ["", "Exclusions (a match overlapping one of these is not counted):"]
    labels = lexicon.exclusion_labels or lexicon.exclusions
    lines += [f"  - {label}" for label in labels] or ["  (none)"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- compact syntax
# A term is literal text with {a|b|c} alternatives (nestable; an empty alternative makes the
# group optional). Whitespace matches any run of whitespace; an apostrophe matches ' or ’.


@dataclass(frozen=True)
class _Alt:
    options: tuple[tuple[str | _Alt, ...], ...]


def _parse_compact(text: str) -> tuple[str | _Alt, ...]:
    """Parse the compact syntax into literal strings and alternatives; ValueError if unbalanced."""
    position = 0

    def sequence(depth: int) -> tuple[str | _Alt, ...]:
        nonlocal position
        parts: list[str | _Alt] = []
        literal: list[str] = []
        while position < len(text):
            char = text[position]
            if char == "\\" and position + 1 < len(text):
                literal.append(text[position + 1])
                position += 2
                continue
            if char == "{":
                position += 1
                if literal:
                    parts.append("".join(literal))
                    literal = []
                options = [sequence(depth + 1)]
                while position < len(text) and text[position] == "|":
                    position += 1
                    options.append(sequence(depth + 1))
                if position >= len(text) or text[position] != "}":
                    raise ValueError(f"unclosed '{{' in {text!r}")
                position += 1
                parts.append(_Alt(tuple(options)))
                continue
            if char in "|}":
                if depth == 0:
                    raise ValueError(f"{char!r} outside {{...}} in {text!r}; escape it as \\{char}")
                break
            literal.append(char)
            position += 1
        if literal:
            parts.append("".join(literal))
        return tuple(parts)

    return sequence(0)


def readable_compact(text: str) -> str:
    """The compact syntax as a reader would write it: "Home {Office|Offices}" becomes
    "Home Office / Offices", an optional group is put in brackets. Unparsable text as it is."""
    try:
        return _readable(_parse_compact(text))
    except ValueError:
        return text


def _readable(parts: tuple[str | _Alt, ...]) -> str:
    shown = []
    for part in parts:
        if isinstance(part, str):
            shown.append(part)
            continue
        options = [_readable(option) for option in part.options]
        joined = " / ".join(option for option in options if option)
        shown.append(f"({joined})" if "" in options else joined)
    return "".join(shown)


def _units(text: str, case_sensitive: bool) -> list[str]:
    """Regex pieces of literal text: whitespace runs, apostrophes, single characters."""
    units = []
    for run in re.split(r"(\s+)", text):
        if not run:
            continue
        if run.isspace():
            units.append(r"\s+")
            continue
        for char in run:
            if char in "'’":
                units.append("['’]")
            else:
                units.append(re.escape(char if case_sensitive else char.lower()))
    return units


def _fixed_width_regex(text: str) -> str:
    """Literal text for a look-behind: each whitespace run is one whitespace character."""
    return "".join(r"\s" if unit == r"\s+" else unit for unit in _units(text, True))


_END = ""  # trie key marking the end of a spelling


def _trie_regex(forms: Iterable[str], case_sensitive: bool) -> str:
    """One regex for several spellings, factored on common prefixes so that a failing match
    fails at the first character (a long flat alternation is slow in Python's re)."""
    trie: dict = {}
    for form in forms:
        node = trie
        for unit in _units(form, case_sensitive):
            node = node.setdefault(unit, {})
        node[_END] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    branches = [unit + _node_regex(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    if len(branches) == 1 and _END not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    # Optional when a spelling ends here; greedy, so the longest spelling is tried first.
    return group + "?" if _END in node else group


def _compact_regex(parts: Sequence[str | _Alt], case_sensitive: bool = False) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append("".join(_units(part, case_sensitive)))
        else:
            out.append(_trie_regex(_expand([part]), case_sensitive))
    return "".join(out)


def _expand(parts: Sequence[str | _Alt], limit: int = MAX_FORMS) -> list[str]:
    """Every literal spelling of a compact term; ValueError past `limit`."""
    forms = [""]
    for part in parts:
        if isinstance(part, str):
            forms = [f + part for f in forms]
            continue
        choices: list[str] = []
        for option in part.options:
            choices.extend(_expand(option, limit))
        if len(forms) * len(choices) > limit:
            raise ValueError(f"more than {limit} spellings; split the term")
        forms = [f + c for f, c in itertools.product(forms, choices)]
    return forms


def _normal_spaces(parts: Sequence[str | _Alt]) -> list[str | _Alt]:
    """The parts with every whitespace run in literal text shown as one space."""
    return [
        re.sub(r"\s+", " ", part) if isinstance(part, str)
        else _Alt(tuple(tuple(_normal_spaces(option)) for option in part.options))
        for part in parts
    ]


def _normal_form(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def _phrases_regex(phrases: Sequence[str], case_sensitive: bool) -> str:
    forms = [form for phrase in phrases for form in _expand(_parse_compact(phrase))]
    return _trie_regex(forms, case_sensitive)


def _optional_words(phrases: Sequence[str], case_sensitive: bool) -> str:
    """Up to MAX_QUALIFIERS of the phrases, each followed by whitespace (no nested loop)."""
    if not phrases:
        return ""
    one = "(?:(?:" + _phrases_regex(phrases, case_sensitive) + r")\s+)?"
    return one * MAX_QUALIFIERS


def _wrap(
    body: str,
    qualifiers: Sequence[str],
    preceded_by: Sequence[str],
    followed_by: Sequence[str],
    case_sensitive: bool,
) -> str:
    before = ""
    if preceded_by:
        # Look-behind must be fixed-width: one look-behind per spelling, one whitespace each.
        # A spelling ending in a word character is followed by one whitespace character;
        # one ending in punctuation (an opening quote) directly precedes the term.
        spellings = sorted(
            {_fixed_width_regex(f) + (r"\s" if f[-1].isalnum() else "")
             for p in preceded_by for f in _expand(_parse_compact(p))}
        )
        before = "(?:" + "|".join(f"(?<=(?<!\\w){s})" for s in spellings) + ")"
    after = ""
    if followed_by:
        after = r"(?=\s+(?:" + _phrases_regex(followed_by, case_sensitive) + r")(?!\w))"
    flags = "?-i:" if case_sensitive else "?i:"
    leading = _optional_words(qualifiers, case_sensitive)
    return f"({flags}(?<!\\w){before}{leading}(?:{body})(?!\\w){after})"


# --------------------------------------------------------------------------- regex checks


class _Unsafe(Exception):
    pass


_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)}


def _first_chars(items) -> tuple[frozenset[str] | None, bool]:
    """Characters a sequence can start with (None: any), and whether it can match empty."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            c = chr(av)
            return frozenset(chars | {c.lower(), c.upper()}), False
        if op is _sre.IN:
            found = _class_chars(av)
            return (None if found is None else frozenset(chars | found)), False
        if op in (_sre.ANY, _sre.NOT_LITERAL, _sre.CATEGORY):
            return None, False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            sub, empty = _first_chars(av[-1])
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            sub, empty = _first_chars(av)
        elif op in _REPEATS:
            sub, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op is _sre.BRANCH:
            sub, empty = frozenset(), False
            for branch in av[1]:
                first, branch_empty = _first_chars(branch)
                sub = None if sub is None or first is None else sub | first
                empty = empty or branch_empty
        else:
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars |= {chr(av).lower(), chr(av).upper()}
        elif op is _sre.RANGE and av[1] - av[0] < 256:
            for code in range(av[0], av[1] + 1):
                chars |= {chr(code).lower(), chr(code).upper()}
        else:  # NEGATE, CATEGORY, wide ranges: could be anything
            return None
    return chars


MAX_OVERLAPPING_REPEATS = 2  # \w*\w* is quadratic at worst; \w*\w*\w* is cubic
# Characters of every kind a pattern may meet, to tell whether two repeats can match alike.
_PROBES = string.printable + "éßжΩ中١\u00a0\u2009’“—_"
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: str.isdecimal, _sre.CATEGORY_SPACE: str.isspace,
    _sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
}
_CATEGORIES |= {
    _sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    _sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _in_class(items, char: str) -> bool:
    matched, negate = False, False
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            matched |= char.lower() == chr(av).lower()
        elif op is _sre.RANGE:
            matched |= any(av[0] <= ord(c) <= av[1] for c in {char, char.lower(), char.upper()}
                           if len(c) == 1)
        elif op is _sre.CATEGORY:
            matched |= _CATEGORIES.get(av, lambda c: True)(char)
    return matched != negate


def _can_start_with(items, char: str) -> tuple[bool, bool]:
    """Whether a sequence can start with `char`, and whether it can match nothing."""
    for op, av in items:
        if op is _sre.LITERAL:
            return char.lower() == chr(av).lower(), False
        if op is _sre.NOT_LITERAL:
            return char != chr(av), False
        if op is _sre.ANY:
            return char != "\n", False
        if op is _sre.IN:
            return _in_class(av, char), False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            found, empty = _can_start_with(av[-1], char)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            found, empty = _can_start_with(av, char)
        elif op in _REPEATS:
            found, empty = _can_start_with(av[2], char)
            empty = empty or av[0] == 0
        elif op is _sre.BRANCH:
            results = [_can_start_with(branch, char) for branch in av[1]]
            found, empty = any(r[0] for r in results), any(r[1] for r in results)
        else:
            return True, False  # something unusual: assume it can
        if found:
            return True, empty
        if not empty:
            return False, False
    return False, True


def _starts(items) -> frozenset[str]:
    return frozenset(c for c in _PROBES if _can_start_with(items, c)[0])


def _check_repeat_chains(items) -> None:
    """Refuse more than MAX_OVERLAPPING_REPEATS unbounded repeats in a row that can match the
    same characters (nothing but optional items between them): time grows as a power of
    the length of a word that almost matches."""
    chain: list[frozenset[str]] = []
    for op, av in items:
        if (op in _REPEATS and op is not getattr(_sre, "POSSESSIVE_REPEAT", None)
                and av[1] == _sre.MAXREPEAT):
            starts = _starts(av[2])
            if chain and all(c & starts for c in chain):
                chain.append(starts)
            elif av[0] == 0 and chain:  # can match nothing: the chain goes on past it
                continue
            else:
                chain = [starts]
            if len(chain) > MAX_OVERLAPPING_REPEATS:
                raise _Unsafe("three or more unbounded repeats in a row that can match the same "
                              "characters (like \\w*\\w*\\w* or .*.*.*)")
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        elif not _can_start_with([(op, av)], "")[1]:  # something that must match ends it
            chain = []


def _check_backtracking(items, in_loop: bool = False) -> None:
    """Refuse the shapes that backtrack exponentially (or steeply): see docs/lexicons.md."""
    _check_repeat_chains(items)
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            if in_loop and low != high:
                raise _Unsafe(
                    "a variable repeat inside a repeated group (like (a+)+ or (\\w+\\s?)*)"
                )
            atomic = op is getattr(_sre, "POSSESSIVE_REPEAT", None)
            _check_backtracking(sub, (in_loop or high > 1) and not atomic)
        elif op is _sre.SUBPATTERN:
            _check_backtracking(av[-1], in_loop)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            _check_backtracking(av, False)
        elif op is _sre.BRANCH:
            branches = av[1]
            if in_loop:
                firsts = []
                for branch in branches:
                    first, empty = _first_chars(branch)
                    if empty:
                        raise _Unsafe(
                            "an alternative that can match nothing inside a repeated group "
                            "(like (a|aa)* or (a|)*)"
                        )
                    firsts.append(first)
                for one, two in itertools.combinations(firsts, 2):
                    if one is None or two is None or one & two:
                        raise _Unsafe(
                            "alternatives that can start with the same character inside a "
                            "repeated group (like (a|ab)* or (\\w|x)*)"
                        )
            for branch in branches:
                _check_backtracking(branch, in_loop)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _check_backtracking(av[1], in_loop)


def check_pattern(source: str) -> str | None:
    """What is wrong with a regex source for a lexicon, or None if it is usable."""
    try:
        parsed = _sre_parse.parse(source)
    except re.error as error:
        return f"invalid regular expression: {error}"
    try:
        _check_backtracking(list(parsed))
    except _Unsafe as unsafe:
        return (
            f"prone to catastrophic backtracking: {unsafe}; rewrite it with fixed-length "
            "pieces inside repeats, or use a character class such as [\\w-]+"
        )
    if parsed.state.flags & ~(re.UNICODE | re.ASCII):
        return (
            "global inline flag such as (?i); use case_sensitive, or a scoped flag (?i:...)"
        )
    if parsed.state.groups > 1:  # group 0 is the whole match; back-references need a group
        return (
            "capturing group; use (?:...) instead (terms are combined into one alternation "
            "whose groups the matcher numbers)"
        )
    try:
        compiled = re.compile(source)
    except re.error as error:
        return f"invalid regular expression: {error}"
    if compiled.fullmatch(""):
        return "matches the empty string; every match must contain text"
    return None


# --------------------------------------------------------------------------- building


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


class _Builder:
    """Walks the YAML node tree (which keeps line numbers) and builds a Lexicon."""

    def __init__(self, path: str, text: str, fingerprint: str) -> None:
        self.path = path
        self.text = text
        self.fingerprint = fingerprint
        self.category_lines: dict[str, int] = {}

    # -- errors and node helpers

    def fail(self, node_or_line, message: str) -> LexiconError:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        return LexiconError(located(self.path, message, line=line))

    def mapping(self, node, what: str, allowed: Sequence[str]) -> dict:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        found: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(allowed)
                raise self.fail(key_node, f"unknown key {key!r} in {what}; {hint}")
            if key in found:
                raise self.fail(key_node, f"key {key!r} appears twice in {what}; keep one")
            found[key] = value_node
        return found

    def scalar(self, node, what: str) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or node.tag == _SCALAR + "null":
            raise self.fail(node, f"{what} must be text")
        value = node.value.strip()
        if not value:
            raise self.fail(node, f"{what} is empty; write it or remove the key")
        return value

    def flag(self, node, what: str) -> bool:
        import yaml

        if isinstance(node, yaml.ScalarNode) and node.tag == _SCALAR + "bool":
            return node.value.lower() in ("true", "yes", "on")
        raise self.fail(node, f"{what} must be true or false")

    def sequence(self, node, what: str) -> list:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list (lines starting with '- ')")
        if not node.value:
            raise self.fail(node, f"{what} is an empty list; add entries or remove it")
        return list(node.value)

    def phrases(self, node, what: str) -> list[str]:
        import yaml

        items = [node] if isinstance(node, yaml.ScalarNode) else self.sequence(node, what)
        values = [self.scalar(item, what) for item in items]
        for item, value in zip(items, values, strict=True):
            self.compact(item, value)
        return values

    def compact(self, node, value: str) -> tuple[str | _Alt, ...]:
        try:
            parts = _parse_compact(value)
            _expand(parts)
        except ValueError as error:
            raise self.fail(node, f"{error}") from None
        if not _compact_regex(parts):
            raise self.fail(node, f"{value!r} has no text to match")
        for form in _expand(_normal_spaces(parts)):
            if form != " ".join(form.split()) or not form:
                raise self.fail(
                    node,
                    f"{value!r} can be spelled {form!r}, with a space at an edge or two "
                    "spaces; put the space inside the braces: 'a {b |}c', not 'a {b|} c'",
                )
        return parts

    def checked(self, node, pattern: str, what: str) -> str:
        problem = check_pattern(pattern)
        if problem:
            raise self.fail(node, f"{what}: {problem}")
        return pattern

    # -- the file

    def build(self) -> Lexicon:
        import yaml

        try:
            root = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            if isinstance(error, yaml.reader.ReaderError):  # a character YAML refuses
                code = error.character if isinstance(error.character, int) else ord(
                    error.character)
                problem = f"{error.reason} (character U+{code:04X})"
            context, context_mark = getattr(error, "context", None), error.context_mark \
                if hasattr(error, "context_mark") else None
            if context and context_mark is not None and context_mark is not mark:
                problem += f" ({context} started at line {context_mark.line + 1})"
            line = mark.line + 1 if mark is not None else None
            if isinstance(error, yaml.reader.ReaderError):
                line = self.text[: error.position].count("\n") + 1
            raise LexiconError(
                located(self.path, f"invalid YAML: {problem}; fix the syntax", line=line)
            ) from None
        if root is None:
            raise LexiconError(located(self.path, "the file is empty; see docs/lexicons.md"))
        top = self.mapping(root, "the lexicon", TOP_KEYS)
        for required in ("name", "categories", "terms"):
            if required not in top:
                raise self.fail(root, f"missing {required!r}; a lexicon needs name, categories "
                                      "and terms (see docs/lexicons.md)")
        name = self.scalar(top["name"], "name")
        if not NAME_PATTERN.match(name):
            raise self.fail(
                top["name"],
                f"name {name!r} must be lower-case letters, digits and _ (it names CSV columns)",
            )
        description = (
            self.scalar(top["description"], "description") if "description" in top else ""
        )
        version = self.scalar(top["version"], "version") if "version" in top else ""
        source_ids, sources = self.sources(top.get("sources"))
        categories = self.categories(top["categories"])
        terms = self.terms(top["terms"], categories, source_ids)
        labels, exclusions = self.exclusions(top.get("exclusions"))
        validation = self.scalar(top["validation"], "validation") if "validation" in top else ""
        return Lexicon(
            name=name,
            description=" ".join(description.split()),
            version=version,
            sources=tuple(sources),
            categories=tuple(categories.values()),
            terms=tuple(terms),
            exclusions=tuple(exclusions),
            path=self.path,
            fingerprint=self.fingerprint,
            exclusion_labels=tuple(labels),
            validation=" ".join(validation.split()),
        )

    def sources(self, node) -> tuple[set[str], list[str]]:
        if node is None:
            return set(), []
        ids: set[str] = set()
        formatted = []
        for item in self.sequence(node, "sources"):
            fields = self.mapping(item, "a source", SOURCE_KEYS)
            for required in ("id", "citation"):
                if required not in fields:
                    raise self.fail(item, f"a source needs {required!r} (see docs/lexicons.md)")
            source_id = self.scalar(fields["id"], "source id")
            if source_id in ids:
                raise self.fail(fields["id"], f"source id {source_id!r} is used twice")
            ids.add(source_id)
            text = f"[{source_id}] " + " ".join(self.scalar(fields["citation"], "citation").split())
            if "url" in fields:
                url = self.scalar(fields["url"], "url")
                if not re.match(r"https?://\S+\Z", url):
                    raise self.fail(fields["url"], f"url {url!r} must start with http(s)://")
                text += f" {url}"
            formatted.append(text)
        return ids, formatted

    def categories(self, node) -> dict[str, LexiconCategory]:
        categories: dict[str, LexiconCategory] = {}
        for item in self.sequence(node, "categories"):
            fields = self.mapping(item, "a category", CATEGORY_KEYS)
            if "name" not in fields:
                raise self.fail(item, "a category needs a 'name'")
            name = self.scalar(fields["name"], "category name")
            if name in categories:
                raise self.fail(fields["name"], f"category {name!r} is declared twice")
            description = (
                self.scalar(fields["description"], "category description")
                if "description" in fields
                else ""
            )
            categories[name] = LexiconCategory(name, " ".join(description.split()))
            self.category_lines[name] = item.start_mark.line + 1
        return categories

    def terms(self, node, categories, source_ids) -> list[LexiconTerm]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "terms must map each category name to a list of terms")
        terms: list[LexiconTerm] = []
        seen: dict[tuple, tuple[int, str]] = {}
        filled = set()
        for key_node, list_node in node.value:
            category = self.scalar(key_node, "category name")
            if category not in categories:
                close = difflib.get_close_matches(category, list(categories), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "declare it under categories"
                raise self.fail(key_node, f"terms for unknown category {category!r}; {hint}")
            if category in filled:
                raise self.fail(key_node, f"terms for {category!r} are given twice; merge them")
            filled.add(category)
            for item in self.sequence(list_node, f"terms of {category!r}"):
                term, keys = self.term(item, category, source_ids)
                for key in keys:
                    if key in seen:
                        line, spelling = seen[key]
                        raise self.fail(
                            item,
                            f"{spelling!r} is already a term at line {line}; a phrase may "
                            "appear once per lexicon, in one category: remove one",
                        )
                for key in keys:
                    seen[key] = (term.line, key[1])
                terms.append(term)
        for name in categories:
            if name not in filled:
                raise self.fail(
                    self.category_lines[name],
                    f"category {name!r} has no terms; add some under terms or remove it",
                )
        return terms

    def term(self, node, category: str, source_ids) -> tuple[LexiconTerm, list[tuple]]:
        import yaml

        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            fields = {"term": node}
        else:
            fields = self.mapping(node, "a term", TERM_KEYS)
        if ("term" in fields) == ("regex" in fields):
            raise self.fail(node, "a term needs exactly one of 'term' or 'regex'")
        def optional(key: str, read, default):
            return read(fields[key], key) if key in fields else default

        qualifiers = optional("qualifiers", self.phrases, [])
        preceded = optional("preceded_by", self.phrases, [])
        followed = optional("followed_by", self.phrases, [])
        case_sensitive = optional("case_sensitive", self.flag, False)
        suggestion = " ".join(optional("suggestion", self.scalar, "").split())
        source = optional("source", self.scalar, "")
        if source and source not in source_ids:
            raise self.fail(
                fields["source"], f"source {source!r} is not among the sources' ids; add it there"
            )
        if suggestion and not source:
            raise self.fail(node, "a suggestion needs a 'source' saying which guide gives it")
        note = " ".join(optional("note", self.scalar, "").split())
        label = optional("label", self.scalar, "")
        context = (tuple(sorted(map(_normal_form, preceded))),
                   tuple(sorted(map(_normal_form, followed))), case_sensitive)
        if "term" in fields:
            value = self.scalar(fields["term"], "term")
            parts = self.compact(fields["term"], value)
            body = _compact_regex(parts, case_sensitive)
            # Duplicates are spellings of the term itself; qualifiers are not expanded.
            keys = sorted({("term", _normal_form(s), context) for s in _expand(parts)})
        else:
            value = self.scalar(fields["regex"], "regex")
            problem = check_pattern(value)
            if problem:
                raise self.fail(fields["regex"], f"regex {value!r}: {problem}")
            body = value
            keys = [("regex", value, context, tuple(qualifiers))]
        pattern = _wrap(body, qualifiers, preceded, followed, case_sensitive)
        self.checked(node, pattern, f"term {value!r}")
        return (
            LexiconTerm(
                text=" ".join((label or value).split()),
                category=category,
                pattern=pattern,
                suggestion=suggestion,
                line=line,
                source=source,
                note=note,
            ),
            keys,
        )

    def exclusions(self, node) -> tuple[list[str], list[str]]:
        import yaml

        if node is None:
            return [], []
        labels, patterns = [], []
        for item in self.sequence(node, "exclusions"):
            if isinstance(item, yaml.ScalarNode):
                fields = {"term": item}
            else:
                fields = self.mapping(item, "an exclusion", EXCLUSION_KEYS)
            if ("term" in fields) == ("regex" in fields):
                raise self.fail(item, "an exclusion needs exactly one of 'term' or 'regex'")
            case_sensitive = (
                self.flag(fields["case_sensitive"], "case_sensitive")
                if "case_sensitive" in fields else False
            )
            if "term" in fields:
                value = self.scalar(fields["term"], "exclusion")
                body = _compact_regex(self.compact(fields["term"], value), case_sensitive)
            else:
                value = self.scalar(fields["regex"], "exclusion regex")
                problem = check_pattern(value)
                if problem:
                    raise self.fail(fields["regex"], f"exclusion regex {value!r}: {problem}")
                body = value
            pattern = self.checked(
                item, _wrap(body, (), (), (), case_sensitive), f"exclusion {value!r}"
            )
            if pattern in patterns:
                raise self.fail(item, f"exclusion {value!r} is listed twice; keep one")
            if "label" in fields:
                label = self.scalar(fields["label"], "label")
            else:
                label = readable_compact(value) if "term" in fields else value
            labels.append(label)
            patterns.append(pattern)
        return labels, patterns
