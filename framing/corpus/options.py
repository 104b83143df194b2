"""How a source is read: the options every reader takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source. Column options apply to tables; `None` means "guess".

    Articles whose language is known (detected in news-database exports, or given by a
    `language` column or key) and is not English are left out unless `all_languages`;
    `keep_furniture` keeps each outlet's furniture (framing.corpus.outlet_furniture) in the
    text instead of removing it."""

    text_column: str | None = None
    outlet_column: str | None = None
    date_column: str | None = None
    headline_column: str | None = None
    url_column: str | None = None
    id_column: str | None = None
    outlet_aliases: Mapping[str, str] = field(default_factory=dict)
    all_languages: bool = False
    keep_furniture: bool = False
