"""Reading articles from any source into a `Corpus`.

`load` picks a reader by what the path is: a folder of front-matter files (the canonical
format), a table (CSV, JSONL, Parquet), or saved web pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source. Column options apply to tables; `None` means "guess".
    `keep_furniture` keeps each outlet's furniture (framing.corpus.outlet_furniture) in the
    text instead of removing it."""

    text_column: str | None = None
    outlet_column: str | None = None
    date_column: str | None = None
    headline_column: str | None = None
    url_column: str | None = None
    id_column: str | None = None
    outlet_aliases: Mapping[str, str] = field(default_factory=dict)
    keep_furniture: bool = False


from framing.corpus.load import load  # noqa: E402

__all__ = ["ReadOptions", "load"]
