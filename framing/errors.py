"""One error hierarchy. Only the CLI turns these into `error: ...` and exit code 1."""

import re


class FramingError(Exception):
    """A problem with the user's input or environment, stated so they can fix it."""


class CorpusError(FramingError):
    """An article source cannot be read or makes no sense."""


class LexiconError(FramingError):
    """A lexicon file is malformed."""


class ReportError(FramingError):
    """A report cannot be built or written."""


class ReviewError(FramingError):
    """A review file (decisions on mentions) cannot be read or does not fit the corpus."""


class WorkerError(FramingError):
    """A worker process ended before its work was done (killed by the system or a signal)."""


def located(path: object, message: str, *, line: int | None = None) -> str:
    """Format `path[:line]: message`, the shape of every user-facing error."""
    where = f"{path}:{line}" if line is not None else f"{path}"
    return f"{where}: {message}"


# Control characters (terminal escape codes among them) other than tab and line feed, and
# the bidirectional controls that can make a terminal show text in another order.
_UNSAFE_FOR_TERMINALS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` for a terminal, with those characters shown as escapes (\\x1b, \\u202e)."""
    return _UNSAFE_FOR_TERMINALS.sub(lambda found: ascii(found.group())[1:-1], text)
