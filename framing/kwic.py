"""Keyword in context: every match of a word, phrase or regular expression, per outlet.

For people building lexicons: it shows how a candidate term is used, in whose voice, and
how often per outlet, before it goes into a YAML file. Pure functions; the CLI prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from framing.errors import FramingError
from framing.types import Corpus, Voice

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KwicLine:
    """One match with its context. `start:end` are offsets into the analysed text."""

    outlet: str
    article_id: str
    published: str
    start: int
    end: int
    left: str
    match: str
    right: str
    voice: Voice
    paragraph: int  # 1-based body paragraph; 0 for headline and standfirst


@dataclass(frozen=True)
class OutletKwic:
    """An outlet's matches (at most `limit` of them) and how many there are in all."""

    outlet: str
    lines: tuple[KwicLine, ...]
    matches: int
    articles_with: int
    articles: int


def search_pattern(pattern: str, *, regex: bool) -> re.Pattern[str]:
    """The compiled pattern: a phrase matches whole words, case and spacing ignored."""
    if not pattern.strip():
        raise FramingError("the pattern is empty; give a word, a phrase or (with --regex) a "
                           "regular expression")
    if regex:
        from framing.lexicons import check_pattern

        problem = check_pattern(pattern)
        # Groups and inline flags are harmless here; bad syntax and backtracking are not.
        if problem and problem.startswith(("invalid", "prone", "matches the empty")):
            raise FramingError(f"--regex {pattern!r}: {problem}")
        return re.compile(pattern, re.IGNORECASE)
    words = [re.escape(word) for word in pattern.split()]
    source = r"\s+".join(words)
    if re.match(r"\w", pattern.strip()):
        source = r"(?<!\w)" + source
    if re.search(r"\w$", pattern.strip()):
        source += r"(?!\w)"
    return re.compile(source, re.IGNORECASE)


def kwic_lines(
    corpus: Corpus, pattern: str, *, width: int = 50, limit: int = 20, regex: bool = False
) -> tuple[OutletKwic, ...]:
    """Matches of `pattern` per outlet (outlets sorted by name), in article order.

    `width` characters of context each side, whitespace shown as single spaces; at most
    `limit` lines per outlet, while `matches` counts them all.
    """
    if width < 0 or limit < 0:
        raise FramingError("--width and --limit must be 0 or more")
    from framing.text import article_units

    compiled = search_pattern(pattern, regex=regex)
    result = []
    for outlet, articles in corpus.by_outlet().items():
        lines: list[KwicLine] = []
        matches = articles_with = 0
        for article in articles:
            text = article.analysed_text
            found = [m for m in compiled.finditer(text) if m.end() > m.start()]
            if not found:
                continue
            articles_with += 1
            matches += len(found)
            if len(lines) >= limit:
                continue
            units = article_units(article)
            for match in found[: limit - len(lines)]:
                start, end = match.span()
                lines.append(KwicLine(
                    outlet=outlet,
                    article_id=article.id,
                    published=str(article.published) if article.published else "undated",
                    start=start,
                    end=end,
                    left=_flat(text[max(0, start - width * 2):start])[-width:] if width else "",
                    match=_flat(text[start:end]),
                    right=_flat(text[end:end + width * 2])[:width] if width else "",
                    voice="quoted" if units.is_quoted(start, end) else "own",
                    paragraph=units.body_paragraph(start),
                ))
        result.append(OutletKwic(outlet, tuple(lines), matches, articles_with, len(articles)))
    return tuple(result)


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def format_kwic(outlets: tuple[OutletKwic, ...], *, width: int = 50) -> str:
    """Plain-text concordance: a heading per outlet, then aligned lines.

    Each line: article id and paragraph, `"` when the match is inside quotation marks,
    then left context, the match in [brackets], right context.
    """
    total = sum(o.matches for o in outlets)
    if not total:
        return "No matches."
    out = [f"{total:,} match(es) in {sum(o.articles_with for o in outlets):,} article(s)"]
    for outlet in outlets:
        if not outlet.matches:
            continue
        shown = (f"; showing {len(outlet.lines)}" if len(outlet.lines) < outlet.matches else "")
        out += ["", f"{outlet.outlet}: {outlet.matches:,} match(es) in "
                f"{outlet.articles_with:,} of {outlet.articles:,} article(s){shown}"]
        label_width = max(len(_label(line)) for line in outlet.lines) if outlet.lines else 0
        for line in outlet.lines:
            voice = '"' if line.voice == "quoted" else " "
            out.append(f"  {_label(line):<{label_width}} {voice} "
                       f"{line.left:>{width}}[{line.match}]{line.right}")
    out += ["", 'Lines marked " are inside quotation marks (quoted voice); '
            "p0 is the headline or standfirst."]
    return "\n".join(out)


def _label(line: KwicLine) -> str:
    return f"{line.article_id} p{line.paragraph}"
