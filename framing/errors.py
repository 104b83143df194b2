"""One error hierarchy. Only the CLI turns these into `error: ...` and exit code 1."""


class FramingError(Exception):
    """A problem with the user's input or environment, stated so they can fix it."""


class CorpusError(FramingError):
    """An article source cannot be read or makes no sense."""


class LexiconError(FramingError):
    """A lexicon file is malformed."""


class ReportError(FramingError):
    """A report cannot be built or written."""


def located(path: object, message: str, *, line: int | None = None) -> str:
    """Format `path[:line]: message`, the shape of every user-facing error."""
    where = f"{path}:{line}" if line is not None else f"{path}"
    return f"{where}: {message}"
