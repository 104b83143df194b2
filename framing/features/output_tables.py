"""The feature tables: made once, as rows, and given as CSV files or pandas DataFrames.

CSV files are UTF-8 with a byte-order mark (so that Excel reads accents and curly quotes
right; pandas and readr skip it). Text cells that begin with =, +, -, @, a tab or a
carriage return get a leading apostrophe so that no spreadsheet runs them as a formula
(CSV injection); the DataFrames hold the text itself. Floats are rounded to 6 decimals in
both. Files are written whole or not at all (framing.atomic).
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from framing.atomic import write_files_atomically
from framing.held import excerpts
from framing.types import Features, MadeWhenRead, SentenceScores

if TYPE_CHECKING:
    import pandas

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DECIMALS = 6
CHUNK_ROWS = 20_000  # rows formatted and encoded at a time: a big table is not held thrice


@dataclass(frozen=True)
class Table:
    """A table's column names and rows of plain values (str, int, float, bool or None)."""

    columns: tuple[str, ...]
    rows: Sequence[Sequence[object]]


def neutralise(cell: str) -> str:
    """Defuse a text cell a spreadsheet would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(round(value, DECIMALS))
    return neutralise(str(value))


def _column_cells(values: Sequence[object]) -> Sequence[object]:
    """A column's values as the cells `_cell` makes of them, column by column rather than
    value by value (a table can have millions of rows): ints and None as they are (the csv
    module writes them so), each distinct text defused once."""
    kinds = set(map(type, values))
    if kinds <= {int, type(None)}:
        return values
    if kinds == {str}:
        cells: dict[str, str] = {}
        return [cells[value] if value in cells else cells.setdefault(value, neutralise(value))
                for value in values]
    if kinds == {float}:
        return ["" if value != value else repr(round(value, DECIMALS)) for value in values]
    return list(map(_cell, values))


def csv_bytes(table: Table) -> bytes:
    """The table as a CSV file's bytes (with BOM)."""
    return b"".join(csv_pieces(table))


def csv_pieces(table: Table) -> Iterator[bytes]:
    """The table as a CSV file's bytes (with BOM), CHUNK_ROWS rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    yield "\ufeff".encode()
    writer.writerow(table.columns)
    if isinstance(table.rows, _SentenceRows):
        yield buffer.getvalue().encode("utf-8")
        yield from _sentence_pieces(table.rows.scores)
        return
    for start in range(0, len(table.rows), CHUNK_ROWS):
        columns = zip(*table.rows[start:start + CHUNK_ROWS], strict=True)
        writer.writerows(zip(*map(_column_cells, columns), strict=True))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _sentence_pieces(scores: SentenceScores) -> Iterator[bytes]:
    """The rows of sentences.csv as csv_pieces writes any table's, formatted straight from
    the score arrays: the same bytes, made several times faster (the table has millions of
    rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lines: list[str] = []
    for article_id, scored in zip(scores.article_ids, scores.scored, strict=True):
        writer.writerow([neutralise(article_id)])  # quoted as the csv module quotes it
        cell = buffer.getvalue()[:-1]
        buffer.seek(0)
        buffer.truncate()
        lines.extend([f"{cell},{index},{start},{end},{round(compound, DECIMALS)}\n"
                      if compound == compound else f"{cell},{index},{start},{end},\n"
                      for index, (start, end, compound) in enumerate(scored)])
        if len(lines) >= CHUNK_ROWS:
            yield "".join(lines).encode("utf-8")
            lines = []
    yield "".join(lines).encode("utf-8")


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (with BOM) from column names and rows of plain values."""
    return csv_bytes(Table(tuple(columns), list(rows))).decode("utf-8")


def dataframe(table: Table) -> pandas.DataFrame:
    """The table as a DataFrame: the CSV's columns and values (floats rounded alike)."""
    import pandas as pd

    rounded = [[round(value, DECIMALS) if isinstance(value, float) else value for value in row]
               for row in table.rows]
    frame = pd.DataFrame(rounded, columns=list(table.columns))
    for k, column in enumerate(table.columns):
        # Offsets that may be empty (a quotation's cue) stay integers, not floats.
        kinds = {type(row[k]) for row in table.rows}
        if kinds == {int, type(None)}:
            frame[column] = frame[column].astype("Int64")
    return frame


def outlets_table(features: Features) -> Table:
    from framing.features.sources import outlet_sources, role_names

    lexicons = [lexicon.name for lexicon in features.lexicons]
    columns = [
        "outlet", "articles", "words", "sentences", "sentiment_mean", "sentiment_ci_low",
        "sentiment_ci_high", "share_negative",
    ]
    for name in lexicons:
        columns += [f"{name}_mentions", f"{name}_per_1k", f"{name}_per_1k_ci_low",
                    f"{name}_per_1k_ci_high", f"{name}_article_share", f"{name}_own_voice_share"]
    roles = role_names(features)
    columns += ["quotations", "quoted_words", *(f"quotations_{role}_share" for role in roles)]
    sources = outlet_sources(features)
    sentiment = {s.outlet: s for s in features.sentiment}
    frames = {(f.outlet, f.lexicon): f for f in features.frames}
    rows = []
    for outlet, articles in features.corpus.by_outlet().items():
        s = sentiment.get(outlet)
        row: list[object] = [
            outlet, len(articles), features.outlet_words.get(outlet, 0),
            s.n_sentences if s else 0,
            s.mean if s else None, s.ci_low if s else None, s.ci_high if s else None,
            s.share_negative if s else None,
        ]
        for name in lexicons:
            f = frames.get((outlet, name))
            row += [f.mentions, f.per_1k, f.per_1k_ci_low, f.per_1k_ci_high, f.article_share,
                    f.own_voice_share] if f else [0, 0.0, None, None, 0.0, None]
        quoted = sources[outlet]
        row += [quoted.quotations, quoted.quoted_words, *(quoted.share(role) for role in roles)]
        rows.append(row)
    return Table(tuple(columns), rows)


def articles_table(features: Features) -> Table:
    lexicons = [lexicon.name for lexicon in features.lexicons]
    columns = ["id", "outlet", "published", "date_precision", "date_approximate", "headline",
               "author", "url", "words", "sentences", "sentiment"] + [
                   f"{name}_mentions" for name in lexicons]
    by_id = {a.article_id: a for a in features.articles}
    articles = features.corpus.articles

    def rows(start: int, stop: int) -> list[list[object]]:
        made = []
        for article in articles[start:stop]:
            f = by_id[article.id]
            published = article.published
            made.append([
                article.id, article.outlet,
                published.iso() if published else "",
                published.precision if published else "",
                published.approximate if published else "",
                article.headline, article.author, article.url, f.words, f.n_sentences,
                f.sentiment,
                *[f.mentions.get(name, 0) for name in lexicons],
            ])
        return made

    return Table(tuple(columns), _SlicedRows(len(articles), rows))


def terms_table(features: Features) -> Table:
    columns = ("outlet", "term", "tfidf", "z", "log_ratio", "count", "count_rest", "docs",
               "docs_total", "rank", "self_reference")
    return Table(columns, [(t.outlet, t.term, t.tfidf, t.z, t.log_ratio, t.count, t.count_rest,
                            t.docs, t.docs_total, t.rank or None, t.self_reference)
                           for t in features.terms])


def mentions_table(features: Features) -> Table:
    """Every mention, with the speaker of the quotation that holds it (empty in the
    outlet's own voice and in scare quotes); with review decisions applied (framing.review),
    those judged not relevant too, each with its key and decision."""
    from framing.features.sources import mention_speakers

    columns = ("article_id", "outlet", "lexicon", "category", "term", "start", "end", "text",
               "voice", "paragraph", "position", "speaker")
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    mentions = features.mentions if features.review is None else features.review.mentions
    speakers = [q.speaker if q is not None else ""
                for q in mention_speakers(features, mentions)]
    review = None
    if features.review is not None:
        judged = features.review.judged
        review = [[key, judged[m].decision if m in judged else ""]
                  for m, key in zip(features.review.mentions, features.review.keys, strict=True)]

    def rows(start: int, stop: int) -> list[list[object]]:
        made = [[m.span.article_id, outlet_of[m.span.article_id], m.lexicon, m.category,
                 m.term, m.span.start, m.span.end, m.text, m.voice, m.paragraph, m.position,
                 speaker]
                for m, speaker in zip(mentions[start:stop], speakers[start:stop], strict=True)]
        if review is not None:
            for row, cells in zip(made, review[start:stop], strict=True):
                row += cells
        return made

    if review is not None:
        columns += ("key", "decision")
    return Table(columns, _SlicedRows(len(mentions), rows))


def sentences_table(features: Features) -> Table:
    return Table(("article_id", "index", "start", "end", "compound"),
                 _SentenceRows(SentenceScores.of(features.sentences)))


class _SentenceRows(Sequence):
    """The rows of sentences.csv, made as they are read, in order (a corpus can have tens of
    millions of sentences: as tuples they would take gigabytes)."""

    def __init__(self, scores: SentenceScores) -> None:
        self.scores = scores
        self._rows: Iterator[tuple] = iter(())
        self._at = -1  # the position of the next row of `_rows`; -1: none started

    def __len__(self) -> int:
        return len(self.scores)

    def __iter__(self) -> Iterator[tuple]:
        return self.scores.rows()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[k] for k in range(start, stop, step)]
            if start != self._at:  # not where the last slice ended: start again there
                self._rows = itertools.islice(self.scores.rows(), start, None)
            rows = list(itertools.islice(self._rows, max(0, stop - start)))
            self._at = start + len(rows)
            return rows
        s = self.scores[index]
        return (s.article_id, s.index, s.start, s.end, s.compound)


def periods_table(features: Features) -> Table:
    """One row per outlet and period (the reporting period, its baseline and every period
    of the trend); empty without them. A period without articles has empty rates."""
    lexicons = [lexicon.name for lexicon in features.lexicons]
    columns = ["outlet", "period", "start", "end", "articles", "words", "sentiment_mean",
               "sentiment_ci_low", "sentiment_ci_high"]
    for name in lexicons:
        columns += [f"{name}_mentions", f"{name}_per_1k", f"{name}_per_1k_ci_low",
                    f"{name}_per_1k_ci_high", f"{name}_article_share", f"{name}_own_voice_share"]
    periods = features.periods
    rows = []
    for row in periods.rows if periods is not None else ():
        cells: list[object] = [row.outlet, row.period.label, row.period.start.isoformat(),
                               row.period.end.isoformat(), row.articles, row.words,
                               row.sentiment_mean, row.sentiment_ci_low, row.sentiment_ci_high]
        for frame in row.frames:
            cells += [frame.mentions, frame.per_1k, frame.per_1k_ci_low, frame.per_1k_ci_high,
                      frame.article_share, frame.own_voice_share]
        rows.append(cells)
    return Table(tuple(columns), rows)


def changes_table(features: Features) -> Table:
    """One row per outlet and measure: its change from the baseline to the period, with
    the 95% interval, p and q (Benjamini-Hochberg) values; flagged rows first. Empty
    without a period and a baseline."""
    columns = ("outlet", "measure", "period", "baseline", "value", "baseline_value", "change",
               "ci_low", "ci_high", "p", "q", "flagged")
    periods = features.periods
    return Table(columns, [
        [c.outlet, c.measure, c.period, c.baseline, c.value, c.baseline_value, c.change,
         c.ci_low, c.ci_high, c.p, c.q, c.flagged]
        for c in (periods.changes if periods is not None else ())])


def quotes_table(features: Features) -> Table:
    """Every quotation (direct, scare, according_to) with its speaker, role and cue; `text` is
    exactly analysed_text[start:end]."""
    columns = ("article_id", "outlet", "start", "end", "text", "kind", "speaker", "role", "cue",
               "cue_start", "cue_end", "paragraph")
    quotations = features.quotations
    articles = {a.id: a for a in features.corpus.articles}

    def rows(start: int, stop: int) -> list[tuple]:
        # The quoted words of a slice's articles are fetched together when the texts are
        # held on a cluster (and not kept: a corpus there can have millions of quotations).
        chosen = quotations[start:stop]
        by_article: dict[str, list[tuple[int, int]]] = {}
        for q in chosen:
            by_article.setdefault(q.span.article_id, []).append((q.span.start, q.span.end))
        found = excerpts([articles[i] for i in by_article], list(by_article.values()))
        words = {i: iter(texts) for i, texts in zip(by_article, found, strict=True)}
        return [(q.span.article_id, articles[q.span.article_id].outlet, q.span.start,
                 q.span.end, next(words[q.span.article_id]), q.kind, q.speaker, q.role, q.cue,
                 q.cue_start, q.cue_end, q.paragraph)
                for q in chosen]  # each article's words in the order its spans were asked

    return Table(columns, _SlicedRows(len(quotations), rows))


class _SlicedRows(MadeWhenRead):
    """A table's rows, made a slice at a time as they are read (csv_pieces reads CHUNK_ROWS
    at a time): a corpus's big tables need not be held as lists of rows."""

    def __init__(self, length: int, rows: Callable[[int, int], list]) -> None:
        self._length = length
        self._rows = rows  # rows(start, stop): the rows at positions start to stop

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator:
        for start in range(0, self._length, CHUNK_ROWS):
            yield from self._rows(start, min(start + CHUNK_ROWS, self._length))

    def _item(self, k: int):
        return self._rows(k, k + 1)[0]

    def _items(self, positions: range) -> list:
        if positions.step != 1:
            return [self._item(k) for k in positions]
        return self._rows(positions.start, max(positions.start, positions.stop))


TABLES: dict[str, Callable[[Features], Table]] = {
    "outlets.csv": outlets_table,
    "articles.csv": articles_table,
    "terms.csv": terms_table,
    "mentions.csv": mentions_table,
    "sentences.csv": sentences_table,
    "periods.csv": periods_table,
    "changes.csv": changes_table,
    "quotes.csv": quotes_table,
}


def table_contents(features: Features, out_dir: Path) -> dict[Path, bytes]:
    """The bytes of the tables, by their paths in `out_dir`, in TABLES order."""
    return {Path(out_dir) / name: csv_bytes(make(features)) for name, make in TABLES.items()}


def write_tables(features: Features, out_dir: Path) -> list[Path]:
    """Write the tables into `out_dir` (created if needed), each made as it is written;
    return their paths."""
    def pieces(make: Callable[[Features], Table]) -> Iterator[bytes]:
        yield from csv_pieces(make(features))

    return write_files_atomically({Path(out_dir) / name: pieces(make)
                                   for name, make in TABLES.items()})
