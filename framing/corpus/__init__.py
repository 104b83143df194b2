"""Reading articles from any source into a `Corpus`.

`load` picks a reader by what the path is: a folder of front-matter files (the canonical
format), a table (CSV, JSONL, Parquet), saved web pages, or the exports of news databases
(Nexis Uni / Lexis .docx, LexisNexis .txt, Factiva .html).
"""

from __future__ import annotations

from framing.corpus.load import load
from framing.corpus.options import ReadOptions

__all__ = ["ReadOptions", "load"]
