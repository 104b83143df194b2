"""How the report writes numbers, counts and names: one place for the whole report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.types import Lexicon


def number(value: int) -> str:
    """1234 -> "1,234"."""
    return f"{value:,}"


def decimal(value: float, places: int = 1) -> str:
    """Rounded, with a thousands separator; -0.0 shows as 0.0."""
    text = f"{value:,.{places}f}"
    return text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text


def signed(value: float, places: int = 2) -> str:
    """A score with its sign: "+0.27", "-0.44"."""
    text = f"{value:+.{places}f}"
    return text.replace("-", "+", 1) if float(text) == 0 else text


def percent(share: float) -> str:
    """0.756 -> "76%"."""
    return f"{round(share * 100):d}%"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 article", "3 articles"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{number(count)} {word}"


def possessive(name: str) -> str:
    return f"{name}’s"


def join_names(names: Sequence[str], *, limit: int = 4) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 4 others"."""
    names = list(names)
    if len(names) > limit:
        shown, rest = names[: limit - 1], len(names) - (limit - 1)
        return ", ".join(shown) + f" and {rest} others"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def lexicon_label(lexicon: Lexicon | str) -> str:
    """ "perpetrator_labels" -> "perpetrator labels"."""
    name = lexicon if isinstance(lexicon, str) else lexicon.name
    return name.replace("_", " ").replace("-", " ")


def terms_of(lexicon: Lexicon | str) -> str:
    """ "ethnicity" -> "ethnicity terms"; "perpetrator_labels" stays "perpetrator labels"."""
    label = lexicon_label(lexicon)
    if label.split()[-1] in ("terms", "labels", "words", "language", "phrases", "names"):
        return label
    return label + " terms"
