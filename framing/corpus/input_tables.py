"""Tables of articles: CSV/TSV, JSON Lines (also gzipped) and Parquet, one article a row.

Columns are found by name, case-insensitively, unless ReadOptions names them:
text/body/content, outlet/source/publication, date/published/publish_date, headline/title,
url/link, id/article_id, and optionally standfirst/description/summary and author/byline.
Every other column is kept in `Article.meta` as a string (None/NaN -> "").

Without an id column, a row's id is `<file stem>-<row number>` (1-based, counting data rows
only, in file order; for `articles.jsonl.gz` the stem is `articles`), so ids stay the same
as long as the rows do. A row without an outlet takes the outlet from its URL's domain.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.corpus.dates import parse_date
from framing.corpus.encoding import UTF8, decode_bytes, encoding_warning
from framing.corpus.folder import DATE_PROBLEM, UNKNOWN_OUTLET, as_text
from framing.corpus.options import ReadOptions
from framing.corpus.outlets import outlet_from_url
from framing.errors import CorpusError, located
from framing.types import Article

DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "outlet": ("outlet", "source", "publication"),
    "date": ("date", "published", "publish_date"),
    "headline": ("headline", "title"),
    "url": ("url", "link"),
    "id": ("id", "article_id"),
    "standfirst": ("standfirst", "description", "summary"),
    "author": ("author", "byline"),
}
_OPTION = {"text": "--text-column", "outlet": "--outlet-column", "date": "--date-column",
           "headline": "--headline-column", "url": "--url-column", "id": "--id-column"}
_EXAMPLES = 5  # row numbers quoted in a summary warning


@dataclass(frozen=True)
class Columns:
    """Which table column plays which role (None: the table has none)."""

    text: str
    outlet: str | None = None
    date: str | None = None
    headline: str | None = None
    url: str | None = None
    id: str | None = None
    standfirst: str | None = None
    author: str | None = None

    def used(self) -> set[str]:
        return {name for name in vars(self).values() if name}


def resolve_columns(columns: Sequence[str], options: ReadOptions, *, source: object) -> Columns:
    """Match roles to columns: explicit options first, then the default names."""
    by_key = {}
    for column in columns:
        by_key.setdefault(column.strip().casefold(), column)
    chosen: dict[str, str | None] = {}
    for role, defaults in DEFAULT_COLUMNS.items():
        explicit = getattr(options, f"{role}_column", None)
        if explicit:
            if explicit.strip().casefold() not in by_key:
                raise CorpusError(
                    located(source, f"no column {explicit!r} ({_OPTION[role]}); the table has "
                            f"columns: {_listing(columns)}")
                )
            chosen[role] = by_key[explicit.strip().casefold()]
        else:
            chosen[role] = next((by_key[name] for name in defaults if name in by_key), None)
    if chosen["text"] is None:
        raise CorpusError(
            located(source, f"no text column (looked for {', '.join(DEFAULT_COLUMNS['text'])}); "
                    f"the table has columns: {_listing(columns)}; name the one with the "
                    "article text with --text-column")
        )
    return Columns(**chosen)


def read_csv(path: Path, *, options: ReadOptions) -> tuple[list[Article], list[str]]:
    """Read a CSV or TSV file (delimiter sniffed; `.tsv` means tab)."""
    raw = _read_bytes(path)
    text, encoding = _decode(raw, path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    if not text.strip():
        raise CorpusError(located(path, "the table is empty; it needs a header row and rows"))
    delimiter = "\t" if _inner_suffix(path) == ".tsv" else _sniff_delimiter(text)
    csv.field_size_limit(1 << 30)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        header = [name.strip() or f"column_{i + 1}" for i, name in enumerate(header)]
        columns = resolve_columns(header, options, source=path)

        def rows() -> Iterable[tuple[int, dict[str, object]]]:
            first_line = reader.line_num + 1  # a quoted field can span lines: where it starts
            for values in reader:
                line, first_line = first_line, reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) > len(header):
                    raise CorpusError(
                        located(path, f"{len(values)} fields but the header has "
                                f"{len(header)}; quote fields that contain {delimiter!r}",
                                line=line)
                    )
                yield line, dict(zip(header, values, strict=False))

        articles, more = build_articles(rows(), columns, path=path)
    except csv.Error as error:
        raise CorpusError(
            located(path, f"not valid CSV: {error}; check the quoting", line=reader.line_num)
        ) from None
    return articles, warnings + more


def read_jsonl(path: Path, *, options: ReadOptions) -> tuple[list[Article], list[str]]:
    """Read JSON Lines (`.jsonl`, `.ndjson`, also `.gz`): one JSON object per line."""
    # UTF-8 is decoded a line at a time: no decoded copy of the whole file, which takes four
    # bytes a character as soon as one character is outside the BMP. A gzipped file is
    # decompressed by a second thread while this one parses the lines.
    lines = (_gunzipped_lines(path) if path.suffix.lower() == ".gz"
             else _read_bytes(path).split(b"\n"))
    try:
        return _jsonl_articles(path, _utf8_lines(lines), options=options, warnings=[])
    except (UnicodeDecodeError, _NotUtf8):  # detect the encoding, as for other tables
        pass
    text, encoding = _decode(_read_bytes(path), path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    return _jsonl_articles(path, text.split("\n"), options=options, warnings=warnings)


class _NotUtf8(Exception):
    """A line holds a NUL byte: UTF-16 or UTF-32, not UTF-8."""


def _utf8_lines(lines: Iterable[bytes]) -> Iterator[bytes]:
    """The lines, the first without a UTF-8 byte-order mark; _NotUtf8 at a NUL byte."""
    first = True
    for line in lines:
        if first:
            line, first = line.removeprefix(b"\xef\xbb\xbf"), False
        if b"\x00" in line:
            raise _NotUtf8
        yield line


GUNZIP_STEP = 4 << 20  # compressed bytes decompressed at a time


def _gunzipped_lines(path: Path) -> Iterator[bytes]:
    """The lines of a gzipped file, decompressed a block at a time (the whole text would be a
    second copy of the corpus in memory). Not a valid gzip file: CorpusError."""
    rest = b""
    try:
        for block in _gunzip(_read_bytes(path, gunzip=False)):
            pieces = (rest + block).split(b"\n")
            rest = pieces.pop()
            yield from pieces
    except (OSError, EOFError, zlib.error) as error:
        raise CorpusError(located(
            path, f"is not a valid gzip file ({error}); re-compress or unzip it")) from None
    yield rest


def _gunzip(data: bytes) -> Iterator[bytes]:
    """gzip.decompress(data), a block at a time: each member in turn, zero bytes between
    members skipped; the header, CRC and length checked (zlib.error when wrong)."""
    at = 0
    while at < len(data):
        member = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)  # 16: a gzip header
        while not member.eof:
            if at >= len(data):
                raise EOFError("compressed file ended before the end-of-stream marker was "
                               "reached")
            step = data[at:at + GUNZIP_STEP]
            at += len(step)
            block = member.decompress(step)
            if block:
                yield block
        at -= len(member.unused_data)
        while at < len(data) and data[at] == 0:
            at += 1


def _jsonl_articles(path: Path, lines: list[str] | list[bytes], *, options: ReadOptions,
                    warnings: list[str]) -> tuple[list[Article], list[str]]:
    records: list[tuple[int, dict[str, object]]] = []
    keys: dict[str, None] = {}
    loads = json.loads
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = loads(line.decode("utf-8") if isinstance(line, bytes) else line)
        except json.JSONDecodeError as error:
            raise CorpusError(
                located(path, f"not valid JSON: {error.msg} (column {error.colno}); fix or "
                        "delete the line", line=number)
            ) from None
        if not isinstance(record, dict):
            raise CorpusError(
                located(path, "each line must be a JSON object ({...}) with the article's "
                        "fields", line=number)
            )
        if not keys.keys() >= record.keys():
            keys.update(dict.fromkeys(record))
        records.append((number, record))
    if not records:
        raise CorpusError(located(path, "no records; a JSON Lines file has one object a line"))
    columns = resolve_columns(list(keys), options, source=path)
    articles, more = build_articles(records, columns, path=path)
    return articles, warnings + more


def read_parquet(path: Path, *, options: ReadOptions) -> tuple[list[Article], list[str]]:
    """Read a Parquet table with pyarrow."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several unrelated types for a bad file
        raise CorpusError(
            located(path, f"cannot be read as Parquet ({error}); check the file")
        ) from None
    names = [str(name) for name in table.column_names]
    columns = resolve_columns(names, options, source=path)
    data = table.to_pydict()
    rows = ((i + 1, {name: data[name][i] for name in names}) for i in range(table.num_rows))
    return build_articles(rows, columns, path=path, rows_are_lines=False)


def read_dataframe(frame, *, options: ReadOptions, name: str = "dataframe"
                   ) -> tuple[list[Article], list[str]]:
    """Read a pandas DataFrame as a table: one article a row, rows numbered from 1."""
    names = [str(column) for column in frame.columns]
    columns = resolve_columns(names, options, source=name)
    records = frame.to_dict(orient="records")
    rows = ((i, {str(k): v for k, v in record.items()}) for i, record in enumerate(records, 1))
    return build_articles(rows, columns, path=Path(name), rows_are_lines=False)


def build_articles(
    rows: Iterable[tuple[int, Mapping[str, object]]],
    columns: Columns,
    *,
    path: Path,
    rows_are_lines: bool = True,
) -> tuple[list[Article], list[str]]:
    """Turn `(line or row number, record)` pairs into Articles, with summary warnings."""
    stem = _stem(path)
    where = "line" if rows_are_lines else "row"
    used = columns.used()
    articles: list[Article] = []
    empty, no_outlet, from_url, no_headline, bad_id = [], [], [], [], []
    for row_number, (number, record) in enumerate(rows, start=1):
        text = as_text(record.get(columns.text)).strip()
        if not text.strip():
            empty.append(number)
            continue
        url = as_text(record.get(columns.url)).strip() if columns.url else ""
        outlet = " ".join(as_text(record.get(columns.outlet)).split()) if columns.outlet else ""
        if not outlet:
            outlet = outlet_from_url(url)
            (from_url if outlet else no_outlet).append(number)
            outlet = outlet or UNKNOWN_OUTLET
        article_id = as_text(record.get(columns.id)).strip() if columns.id else ""
        if not article_id:
            if columns.id:
                bad_id.append(number)
            article_id = f"{stem}-{row_number}"
        meta = {key: as_text(value) for key, value in record.items() if key not in used}
        published = None
        if columns.date:
            published, problem = parse_date(record.get(columns.date))
            if problem:
                meta[DATE_PROBLEM] = problem
        headline = " ".join(as_text(record.get(columns.headline)).split()) if (
            columns.headline) else ""
        if not headline:
            no_headline.append(number)
        articles.append(Article(
            id=article_id,
            outlet=outlet,
            published=published,
            headline=headline,
            standfirst=as_text(record.get(columns.standfirst)).strip() if (
                columns.standfirst) else "",
            text=text,
            author=" ".join(as_text(record.get(columns.author)).split()) if (
                columns.author) else "",
            url=url,
            meta=meta,
            source=f"{path}:{number}" if rows_are_lines else f"{path} row {number}",
        ))
    warnings = []
    for numbers, what in (
        (empty, "empty text; skipped"),
        (no_outlet, "no outlet and no URL; outlet set to " + UNKNOWN_OUTLET),
        (from_url, "no outlet; took it from the URL's domain"),
        (bad_id, f"an empty {columns.id!r}; id set to <file stem>-<row number>"),
        (no_headline, "no headline"),
    ):
        if numbers:
            warnings.append(located(path, _summary(numbers, what, where)))
    return articles, warnings


def _summary(numbers: list[int], what: str, where: str) -> str:
    examples = ", ".join(str(n) for n in numbers[:_EXAMPLES])
    more = f" and {len(numbers) - _EXAMPLES} more" if len(numbers) > _EXAMPLES else ""
    plural = "s" if len(numbers) > 1 else ""
    return f"{len(numbers)} row{plural} with {what} ({where}{plural} {examples}{more})"


def _read_bytes(path: Path, *, gunzip: bool = True) -> bytes:
    """The file's bytes, decompressed if it ends in .gz (and `gunzip`)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CorpusError(located(path, f"cannot be read ({error.strerror or error})")) from None
    if gunzip and path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise CorpusError(
                located(path, f"is not a valid gzip file ({error}); re-compress or unzip it")
            ) from None
    return raw


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    try:  # the fast path for big files; decode_bytes checks and detects otherwise
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(raw, source=path)
    if "\x00" in text:
        return decode_bytes(raw, source=path)
    return (text.replace("\r\n", "\n") if "\r" in text else text), UTF8


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t|", key=first.count) if any(c in first for c in ",;\t|") else ","


def _inner_suffix(path: Path) -> str:
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return Path(name).suffix


def _stem(path: Path) -> str:
    """`articles.jsonl.gz` -> `articles`."""
    return Path(path.name[:-3] if path.name.lower().endswith(".gz") else path.name).stem


def _listing(columns: Sequence[str]) -> str:
    return ", ".join(columns) if columns else "(none)"
