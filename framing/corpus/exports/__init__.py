"""Readers for the exports of news databases: Nexis Uni / Lexis Advance (.docx), classic
LexisNexis (.txt) and Factiva (.html). `framing.corpus.load` chooses among them by content.

Each reader returns `(articles, warnings)` like the other readers; the fields every format
shares are read alike in `fields`."""

from framing.errors import CorpusError


class NotAnExport(CorpusError):
    """A file with an export's suffix that is not one (a Word document of notes): an error
    when it is named alone, a skipped file in a folder."""
