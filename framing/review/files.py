"""Review files: CSV tables of mentions with a reviewer's decision on each.

`framing review export` writes one row per mention with the passage to read and empty
`decision`, `reviewer` and `note` columns; the reviewer fills them in (in a spreadsheet or
an editor). Reading needs only `key` and `decision`: a file stripped to key, decision,
reviewer and note (no article text) is read the same, so it can be kept in a repository.

The files are written like the data tables (UTF-8 with a byte-order mark, formula-like cells
defused with a leading apostrophe). They are read leniently where a spreadsheet may have
changed them: the byte-order mark or not, Windows-1252 if not UTF-8, `;` or tab as the
delimiter, a defusing apostrophe dropped again, `Not relevant` for `not_relevant`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import ReviewError, located
from framing.features.output_tables import FORMULA_PREFIXES, csv_text
from framing.review.keys import parse_key
from framing.types import Judgement

JUDGEMENTS: tuple[Judgement, ...] = ("relevant", "not_relevant", "unclear")
EXPORT_COLUMNS = ("key", "article_id", "outlet", "published", "lexicon", "category", "term",
                  "voice", "position", "passage", "decision", "reviewer", "note")
# What a review file needs to be applied, summarised and compared: no article text.
KEPT_COLUMNS = ("key", "decision", "reviewer", "note")
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ReviewRow:
    """One row of a review file. `decision` is None when the row was not reviewed; `extra`
    holds the other columns the file has (term, passage, ...), for reading only."""

    key: str
    decision: Judgement | None
    reviewer: str
    note: str
    file: str
    line: int
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewFile:
    path: str
    columns: tuple[str, ...]
    rows: tuple[ReviewRow, ...]

    @property
    def decided(self) -> tuple[ReviewRow, ...]:
        return tuple(row for row in self.rows if row.decision is not None)


def judgement(value: str) -> Judgement | None:
    """A decision cell as one of JUDGEMENTS ("Not relevant", "not-relevant" too); None when
    blank; ValueError when it is something else."""
    cleaned = "_".join(value.strip().casefold().replace("-", " ").replace("_", " ").split())
    if not cleaned:
        return None
    if cleaned in JUDGEMENTS:
        return cleaned  # type: ignore[return-value]
    raise ValueError(value)


def undefused(cell: str) -> str:
    """A cell as written before csv_text defused it ("'=x" -> "=x")."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES) else cell


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReviewError(located(path, f"cannot read the review file ({error.strerror or error})"
                                  "; check the path")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # as a spreadsheet on Windows saves it


def _delimiter(header: str) -> str:
    """The delimiter that makes a `key` column of the header line."""
    for delimiter in DELIMITERS:
        names = [name.strip().casefold() for name in next(csv.reader([header],
                                                                     delimiter=delimiter))]
        if "key" in names:
            return delimiter
    return ","


def read_review_file(path: Path | str) -> ReviewFile:
    """The rows of one review file. ReviewError (with file and line) for a file without a
    key or decision column, a decision that is not one of JUDGEMENTS, or a key that is not a
    mention key."""
    path = Path(path)
    text = _text(path)
    header = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header))
    try:
        columns = [name.strip().casefold() for name in next(reader)]
    except StopIteration:
        raise ReviewError(located(path, "the file is empty; give a review file written by "
                                  "framing review export")) from None
    for needed in ("key", "decision"):
        if needed not in columns:
            raise ReviewError(located(
                path, f"no {needed!r} column (the columns are: {', '.join(columns) or 'none'}); "
                "give a review file written by framing review export, with at least the "
                "columns key and decision", line=1))
    where = {name: columns.index(name) for name in columns}
    rows: list[ReviewRow] = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        cells = [undefused(cell.strip()) for cell in cells]
        if not any(cells):
            continue
        cells += [""] * (len(columns) - len(cells))
        key = cells[where["key"]]
        try:
            decision = judgement(cells[where["decision"]])
        except ValueError:
            raise ReviewError(located(
                path, f"decision {cells[where['decision']]!r} is not one of "
                f"{', '.join(JUDGEMENTS)}; write one of them, or leave it blank for a mention "
                "not reviewed", line=start)) from None
        if not key:
            if decision is None:
                continue
            raise ReviewError(located(path, "a decision without a key; every row needs the key "
                                      "framing review export wrote", line=start))
        if parse_key(key) is None:
            raise ReviewError(located(
                path, f"{key[:60]!r} is not a mention key; keep the key column as framing review "
                "export wrote it", line=start))
        extra = {name: cells[k] for name, k in where.items()
                 if name not in KEPT_COLUMNS and cells[k]}
        rows.append(ReviewRow(key=key, decision=decision,
                              reviewer=cells[where["reviewer"]] if "reviewer" in where else "",
                              note=cells[where["note"]] if "note" in where else "",
                              file=str(path), line=start, extra=extra))
    return ReviewFile(path=str(path), columns=tuple(columns), rows=tuple(rows))


def read_review_files(paths: Iterable[Path | str]) -> tuple[ReviewFile, ...]:
    """Every file read before any is used: a mistake in the last stops before anything."""
    return tuple(read_review_file(path) for path in paths)


def review_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A review file's bytes, written like the data tables."""
    return csv_text(columns, rows).encode("utf-8")


def stripped_csv(review: ReviewFile) -> bytes:
    """`review` with the KEPT_COLUMNS only: keys, decisions, reviewers and notes, no text."""
    return review_csv(KEPT_COLUMNS, ([row.key, row.decision or "", row.reviewer, row.note]
                                     for row in review.rows))
