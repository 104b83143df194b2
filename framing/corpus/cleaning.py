"""Removing page furniture from raw article text with rules kept as data (furniture.yaml).

`clean` is a pure function: text and rules in, cleaned text, the removed lines (each with
the rule that removed it) and the metadata found in bylines and datelines out. It works
on lines, because a saved web page puts each block (paragraph, caption, button) on a line
of its own. It never removes a line that ends like a sentence unless a rule names that
exact line, so the article's own sentences survive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from framing.corpus.encoding import INVISIBLE
from framing.errors import CorpusError, located

DEFAULT_RULES = Path(__file__).resolve().parent / "furniture.yaml"

KINDS = (
    "line", "regex", "doubled", "repeated", "caption_above", "dateline", "byline",
    "header_caption",
)
HEADLINE_MAX_WORDS = 25
HEADLINE_RULE = "headline"
STANDFIRST_RULE = "standfirst"

_SENTENCE_END = re.compile(r"""(?:[.!?:;…]['"’”»)\]]*|["”])$""")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "″": '"',
                         "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-"})
_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = str.maketrans("", "", INVISIBLE)  # zero-width space, word joiner, BOM


@dataclass(frozen=True)
class Rule:
    """One furniture rule; which fields matter depends on `kind` (see furniture.yaml)."""

    name: str
    kind: str
    comment: str
    lines: frozenset[str] = frozenset()
    ignore_case: bool = False
    pattern: re.Pattern[str] | None = None
    and_next_headline: bool = False
    ignore_suffix: re.Pattern[str] | None = None
    above_rules: tuple[str, ...] = ()
    max_words: int = 0
    min_length: int = 0
    name_pattern: re.Pattern[str] | None = None
    role_pattern: re.Pattern[str] | None = None


@dataclass(frozen=True)
class OutletRules:
    """Rules that apply to one outlet, chosen by its name or its URL's domain."""

    name: str
    names: frozenset[str]
    domains: tuple[str, ...]
    rules: tuple[Rule, ...]

    def applies_to(self, *, outlet: str, url: str) -> bool:
        if outlet and outlet.strip().casefold() in self.names:
            return True
        host = (urlsplit(url).hostname or "") if url else ""
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)


@dataclass(frozen=True)
class RuleSet:
    """Generic rules for every outlet plus per-outlet rules."""

    generic: tuple[Rule, ...]
    outlets: tuple[OutletRules, ...] = ()
    source: str = ""

    def for_article(self, *, outlet: str = "", url: str = "") -> tuple[Rule, ...]:
        """The generic rules followed by those of every outlet entry that applies."""
        chosen = list(self.generic)
        for entry in self.outlets:
            if entry.applies_to(outlet=outlet, url=url):
                chosen.extend(entry.rules)
        return tuple(chosen)


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text, what was removed as `(rule name, original line)`, metadata found."""

    text: str
    removed: tuple[tuple[str, str], ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- loading


def load_rules(path: Path | None = None) -> RuleSet:
    """Read a furniture-rules YAML file (default: the bundled furniture.yaml)."""
    import yaml

    from framing.corpus.safeyaml import load_yaml

    path = Path(path) if path is not None else DEFAULT_RULES
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(located(path, "no such rules file; check the --rules path")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(located(path, f"cannot read the rules file ({error})")) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CorpusError(
            located(path, f"not valid YAML ({getattr(error, 'problem', error)}); fix the file",
                    line=line)
        ) from None
    return rules_from_data(data, source=str(path))


def rules_from_data(data: object, *, source: str = "rules") -> RuleSet:
    """Build a RuleSet from parsed YAML; errors name the rule and what to fix."""
    if not isinstance(data, dict):
        raise CorpusError(located(source, "a rules file is a mapping with `generic` and `outlets`"))
    unknown = set(data) - {"version", "generic", "outlets"}
    if unknown:
        raise CorpusError(located(
            source, f"unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}; "
            "use version, generic and outlets"))
    generic = _rules(data.get("generic") or [], source, "generic")
    outlets = []
    for index, entry in enumerate(data.get("outlets") or []):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise CorpusError(located(source, f"outlets[{index}] needs a `name` and `rules`"))
        where = f"outlet {entry['name']!r}"
        names = entry.get("names") or [entry["name"]]
        domains = entry.get("domains") or []
        if not isinstance(names, list) or not isinstance(domains, list):
            raise CorpusError(located(source, f"{where}: `names` and `domains` are lists"))
        outlets.append(OutletRules(
            name=str(entry["name"]),
            names=frozenset(str(n).strip().casefold() for n in [entry["name"], *names]),
            domains=tuple(str(d).strip().lower().lstrip(".") for d in domains),
            rules=_rules(entry.get("rules") or [], source, where),
        ))
    all_names = [r.name for r in generic] + [r.name for o in outlets for r in o.rules]
    duplicates = sorted({n for n in all_names if all_names.count(n) > 1})
    if duplicates:
        raise CorpusError(located(source, f"rule names must be unique: {', '.join(duplicates)}"))
    return RuleSet(generic=generic, outlets=tuple(outlets), source=source)


def _rules(items: object, source: str, where: str) -> tuple[Rule, ...]:
    if not isinstance(items, list):
        raise CorpusError(located(source, f"{where}: rules are a list"))
    return tuple(_rule(item, source, where) for item in items)


def _rule(item: object, source: str, where: str) -> Rule:
    if not isinstance(item, dict) or not item.get("name"):
        raise CorpusError(located(source, f"{where}: every rule needs a `name`"))
    name = str(item["name"])
    here = f"{where}, rule {name!r}"
    kind = item.get("kind")
    if kind not in KINDS:
        raise CorpusError(located(source, f"{here}: `kind` must be one of {', '.join(KINDS)}"))
    if not str(item.get("comment") or "").strip():
        raise CorpusError(located(source, f"{here}: add a `comment` saying why it is furniture"))
    flags = re.IGNORECASE if item.get("ignore_case") else 0

    def compiled(key: str, required: bool) -> re.Pattern[str] | None:
        text = item.get(key)
        if text is None:
            if required:
                raise CorpusError(located(source, f"{here}: needs `{key}`"))
            return None
        try:
            return re.compile(str(text).strip(), flags)
        except re.error as error:
            raise CorpusError(
                located(source, f"{here}: `{key}` is not a valid regex ({error})")
            ) from None

    lines = item.get("lines") or []
    if kind == "line" and (not isinstance(lines, list) or not lines):
        raise CorpusError(located(source, f"{here}: a `line` rule needs a list of `lines`"))
    fold = (lambda s: _fold(s).casefold()) if flags else _fold
    return Rule(
        name=name,
        kind=kind,
        comment=str(item["comment"]).strip(),
        lines=frozenset(fold(str(line)) for line in lines),
        ignore_case=bool(flags),
        pattern=compiled("pattern", kind in ("regex", "dateline")),
        and_next_headline=bool(item.get("and_next_headline", False)),
        ignore_suffix=compiled("ignore_suffix", False),
        above_rules=tuple(str(n) for n in item.get("above_rules") or ()),
        max_words=int(item.get("max_words", 0) or 0),
        min_length=int(item.get("min_length", 0) or 0),
        name_pattern=compiled("name_pattern", kind == "byline"),
        role_pattern=compiled("role_pattern", False),
    )


# ---------------------------------------------------------------------------- cleaning


def _fold(line: str) -> str:
    """Collapse white space and read curly quotes and dashes as straight ones."""
    return _SPACES.sub(" ", line.translate(_QUOTES)).strip()


def ends_like_sentence(line: str) -> bool:
    """True when a line ends with sentence punctuation (or a closing double quote)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def _words(line: str) -> int:
    return len(line.split())


def _headline_like(line: str) -> bool:
    return bool(line) and not ends_like_sentence(line) and _words(line) <= HEADLINE_MAX_WORDS


def _line_matches(rule: Rule, folded: str) -> bool:
    if rule.kind == "line":
        return (folded.casefold() if rule.ignore_case else folded) in rule.lines
    return bool(rule.pattern and rule.pattern.fullmatch(folded))


class _Lines:
    """The lines of a text with what has been decided about each."""

    def __init__(self, text: str) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
        # Horizontal white space (no-break spaces included) collapses; trailing goes.
        self.text = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        self.folded = [_fold(line) for line in self.text]
        self.removed_by: list[str | None] = [None] * len(self.text)
        self.events: list[tuple[int, str, str]] = []  # (line index, rule, text removed)

    def __len__(self) -> int:
        return len(self.text)

    def live(self, index: int) -> bool:
        return bool(self.text[index]) and self.removed_by[index] is None

    def remove(self, index: int, rule: str) -> None:
        if self.removed_by[index] is None:
            self.removed_by[index] = rule
            self.events.append((index, rule, self.text[index]))

    def keep_once(self, index: int, half: str, rule: str) -> None:
        """The line was a sentence printed twice: keep one copy."""
        self.text[index] = half
        self.folded[index] = _fold(half)
        self.events.append((index, rule, half))

    def next_nonblank(self, index: int) -> int | None:
        for j in range(index + 1, len(self)):
            if self.text[j]:
                return j
        return None

    def same_block(self, first: int, second: int) -> bool:
        """No blank line between two line indexes."""
        low, high = sorted((first, second))
        return all(self.text[j] for j in range(low, high + 1))


def clean(
    text: str,
    *,
    outlet: str = "",
    url: str = "",
    rules: RuleSet,
    headline: str | None = None,
    standfirst: str | None = None,
    author: str | None = None,
) -> CleanResult:
    """Remove page furniture from `text` with the rules that apply to `outlet`/`url`.

    `headline`, `standfirst` and `author` are what the metadata says (None: unknown).
    Leading lines equal to the headline or standfirst are taken out of the body; with no
    headline given, a headline-like first line becomes the headline (in `metadata`).
    Paragraph breaks stay as blank lines; runs of blank lines collapse to one.
    """
    chosen = rules.for_article(outlet=outlet, url=url)
    lines = _Lines(text)
    metadata: dict[str, str] = {}

    for rule in chosen:
        if rule.kind in ("line", "regex"):
            _apply_line_rule(lines, rule)
    for rule in chosen:
        if rule.kind == "doubled":
            _apply_doubled(lines, rule)
    for rule in chosen:
        if rule.kind == "repeated":
            _apply_repeated(lines, rule)
    for rule in chosen:
        if rule.kind == "caption_above":
            _apply_caption_above(lines, rule)

    header_start = _take_headline_and_standfirst(lines, headline, standfirst, metadata)
    _apply_header_rules(lines, chosen, header_start, author, metadata)
    if standfirst is None and STANDFIRST_RULE not in lines.removed_by:
        marks = {rule.name for rule in chosen if rule.kind in ("byline", "dateline")}
        _guess_standfirst(lines, header_start, marks, metadata)

    return CleanResult(
        text=_assemble(lines),
        removed=tuple((rule, line) for _i, rule, line in sorted(lines.events, key=lambda e: e[0])),
        metadata=metadata,
    )


def _apply_line_rule(lines: _Lines, rule: Rule) -> None:
    for i in range(len(lines)):
        if not lines.text[i] or not _line_matches(rule, lines.folded[i]):
            continue
        lines.remove(i, rule.name)
        if rule.and_next_headline:
            j = lines.next_nonblank(i)
            if j is not None and lines.removed_by[j] is None and _headline_like(lines.folded[j]):
                lines.remove(j, rule.name)


def _halves(line: str, min_length: int) -> str | None:
    """`AB` when `line` is `ABAB` or `AB AB`, else None."""
    for separator in ("", " "):
        length = len(line) - len(separator)
        if length % 2 or length // 2 < max(min_length, 1):
            continue
        half = length // 2
        first, rest = line[:half], line[half:]
        if rest == separator + first:
            return first
    return None


def _apply_doubled(lines: _Lines, rule: Rule) -> None:
    for i in range(len(lines)):
        if not lines.live(i):
            continue
        half = _halves(lines.text[i], rule.min_length)
        if half is None:
            continue
        if ends_like_sentence(half):
            lines.keep_once(i, half, rule.name)
        else:
            lines.remove(i, rule.name)


def _repeat_key(lines: _Lines, index: int, rule: Rule) -> tuple[str, bool]:
    """The line as compared for repeats, and whether a credit was cut off it."""
    folded = lines.folded[index]
    half = _halves(folded, 1)
    if half is not None and lines.removed_by[index] is not None:
        folded = half  # a doubled caption counts as one copy
    if rule.ignore_suffix is not None:
        match = rule.ignore_suffix.search(folded)
        if match and match.end() == len(folded) and match.start() > 0:
            return folded[: match.start()].rstrip(), True
    return folded, False


def _apply_repeated(lines: _Lines, rule: Rule) -> None:
    nonblank = [i for i in range(len(lines)) if lines.text[i]]
    position = 0
    while position < len(nonblank):
        key, credited = _repeat_key(lines, nonblank[position], rule)
        run, any_credit = [nonblank[position]], credited
        while position + len(run) < len(nonblank):
            other, other_credit = _repeat_key(lines, nonblank[position + len(run)], rule)
            if other != key:
                break
            run.append(nonblank[position + len(run)])
            any_credit = any_credit or other_credit
        if len(run) > 1:
            caption = any_credit or not ends_like_sentence(key)
            for k, index in enumerate(run):
                if caption or k > 0:
                    lines.remove(index, rule.name)
        position += len(run)


def _apply_caption_above(lines: _Lines, rule: Rule) -> None:
    for i in range(1, len(lines)):
        if lines.removed_by[i] not in rule.above_rules or not lines.text[i - 1]:
            continue
        j = i - 1
        if lines.live(j) and not ends_like_sentence(lines.folded[j]) and (
            _words(lines.folded[j]) <= (rule.max_words or HEADLINE_MAX_WORDS)
        ):
            lines.remove(j, rule.name)


def _same(a: str | None, b: str) -> bool:
    return bool(a) and _fold(a).casefold() == b.casefold()


def _take_headline_and_standfirst(
    lines: _Lines, headline: str | None, standfirst: str | None, metadata: dict[str, str]
) -> int:
    """Mark leading headline/standfirst lines; return where the header begins."""
    live = [i for i in range(len(lines)) if lines.live(i)]
    if not live:
        return 0
    start = 0
    lead = live[:4]  # the headline is among the first few lines left
    found = next((i for i in lead if _same(headline, lines.folded[i])), None)
    if found is None and headline is None and _headline_like(lines.folded[live[0]]):
        found = live[0]
        metadata["headline"] = lines.text[found]
    if found is not None:
        lines.remove(found, HEADLINE_RULE)
        start = found + 1
    following = [i for i in live if i >= start][:3]
    stand = next((i for i in following if _same(standfirst, lines.folded[i])), None)
    if stand is not None:
        lines.remove(stand, STANDFIRST_RULE)
        start = stand + 1
    return start


def _header(lines: _Lines, start: int) -> list[int]:
    """Live lines from `start` up to (not including) the first that ends like a sentence."""
    header = []
    for i in range(start, len(lines)):
        if not lines.live(i):
            continue
        if ends_like_sentence(lines.folded[i]):
            break
        header.append(i)
    return header


def _apply_header_rules(
    lines: _Lines, chosen: Sequence[Rule], start: int, author: str | None,
    metadata: dict[str, str],
) -> None:
    header = _header(lines, start)
    if not header:
        return
    dateline = None
    for rule in chosen:
        if rule.kind != "dateline" or rule.pattern is None or dateline is not None:
            continue
        for i in header:
            match = rule.pattern.fullmatch(lines.folded[i])
            if match and lines.live(i):
                lines.remove(i, rule.name)
                dateline = i
                groups = match.groupdict()
                if groups.get("date"):
                    metadata.setdefault("published", groups["date"])
                if groups.get("time"):
                    metadata.setdefault("published_time", groups["time"])
                break
    for rule in chosen:
        if rule.kind == "byline":
            _apply_byline(lines, rule, header, dateline, author, metadata)
    for rule in chosen:
        if rule.kind == "header_caption" and dateline is not None:
            for i in header:
                if i <= dateline or not lines.live(i) or not lines.same_block(dateline, i):
                    continue
                if _words(lines.folded[i]) <= (rule.max_words or HEADLINE_MAX_WORDS):
                    lines.remove(i, rule.name)


def _apply_byline(
    lines: _Lines, rule: Rule, header: list[int], dateline: int | None, author: str | None,
    metadata: dict[str, str],
) -> None:
    def take_name(i: int) -> None:
        lines.remove(i, rule.name)
        name = re.sub(r"^By\s+", "", lines.text[i])
        metadata.setdefault("author", name)

    if dateline is not None:
        i = dateline - 1
        while i >= 0 and lines.text[i]:
            if lines.live(i):
                folded = lines.folded[i]
                if rule.role_pattern is not None and rule.role_pattern.fullmatch(folded):
                    lines.remove(i, rule.name)
                    metadata.setdefault("author_role", lines.text[i])
                elif rule.name_pattern.fullmatch(folded) or _same(author, folded):
                    take_name(i)
                else:
                    break
            i -= 1
    for i in header:
        if not lines.live(i):
            continue
        folded = lines.folded[i]
        if _same(author, folded) or (author and _same(f"By {author}", folded)) or (
            folded.startswith("By ") and rule.name_pattern.fullmatch(folded)
        ):
            take_name(i)


def _guess_standfirst(
    lines: _Lines, start: int, marks: set[str], metadata: dict[str, str]
) -> None:
    """With no standfirst given, a single line between the headline and a byline or
    dateline the rules removed is the standfirst."""
    byline = next((i for i in range(start, len(lines)) if lines.removed_by[i] in marks), None)
    if byline is None:
        return
    between = [i for i in range(start, byline) if lines.live(i)]
    if len(between) == 1:
        lines.remove(between[0], STANDFIRST_RULE)
        metadata["standfirst"] = lines.text[between[0]]


def _assemble(lines: _Lines) -> str:
    kept: list[str] = []
    for i, line in enumerate(lines.text):
        if lines.removed_by[i] is not None:
            continue
        if not line and (not kept or not kept[-1]):
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
