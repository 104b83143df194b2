"""The feature tables as tidy CSV files that pandas, R and spreadsheets open as they are.

Files are UTF-8 with a byte-order mark (so that Excel reads accents and curly quotes
right; pandas and readr skip it). Text cells that begin with =, +, -, @, a tab or a
carriage return get a leading apostrophe so that no spreadsheet runs them as a formula
(CSV injection). Every file is written to a temporary name and renamed into place, so a
failed run never leaves a half-written table under its final name.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from framing.atomic import write_files_atomically
from framing.runtime import collector_paused
from framing.types import Features, ScoredSentences, SentenceScore, SentenceScores

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
        return repr(round(value, 6))
    return neutralise(str(value))


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (with BOM) from column names and rows of plain values."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _typed_csv_text(columns: Sequence[str], kinds: str, rows: Iterable[Sequence[object]]) -> str:
    """csv_text for rows whose column types are known: one letter per column in `kinds`.

    i: int (or None), passed as it is; f: float, formatted as _cell does; t: text,
    neutralised (each distinct value once). Gives exactly csv_text's output, several times
    faster on a big table.
    """
    text_cells: dict[object, str] = {}

    def text(value: object) -> str:
        cell = text_cells.get(value)
        if cell is None:
            cell = text_cells[value] = _cell(value)
        return cell

    formatters = {"i": None, "f": _cell, "t": text}
    convert = [(k, formatters[kind]) for k, kind in enumerate(kinds) if formatters[kind]]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = list(row)
        for k, formatter in convert:
            cells[k] = formatter(cells[k])
        writer.writerow(cells)
    return buffer.getvalue()


def outlets_table(features: Features) -> tuple[list[str], list[list[object]]]:
    lexicons = [lexicon.name for lexicon in features.lexicons]
    columns = [
        "outlet", "articles", "words", "sentences", "sentiment_mean", "sentiment_ci_low",
        "sentiment_ci_high", "share_negative",
    ]
    for name in lexicons:
        columns += [f"{name}_mentions", f"{name}_per_1k", f"{name}_article_share",
                    f"{name}_own_voice_share"]
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
            row += [f.mentions, f.per_1k, f.article_share, f.own_voice_share] if f else [
                0, 0.0, 0.0, None]
        rows.append(row)
    return columns, rows


def articles_table(features: Features) -> tuple[list[str], list[list[object]]]:
    lexicons = [lexicon.name for lexicon in features.lexicons]
    columns = ["id", "outlet", "published", "date_precision", "date_approximate", "headline",
               "author", "url", "words", "sentences", "sentiment"] + [
                   f"{name}_mentions" for name in lexicons]
    by_id = {a.article_id: a for a in features.articles}
    rows = []
    for article in features.corpus.articles:
        f = by_id[article.id]
        published = article.published
        rows.append([
            article.id, article.outlet,
            published.iso() if published else "",
            published.precision if published else "",
            published.approximate if published else "",
            article.headline, article.author, article.url, f.words, f.n_sentences,
            f.sentiment,
            *[f.mentions.get(name, 0) for name in lexicons],
        ])
    return columns, rows


def terms_table(features: Features) -> tuple[list[str], list[list[object]]]:
    columns = ["outlet", "term", "tfidf", "z", "log_ratio", "count", "count_rest", "docs",
               "docs_total", "rank", "self_reference"]
    rows = [[t.outlet, t.term, t.tfidf, t.z, t.log_ratio, t.count, t.count_rest, t.docs,
             t.docs_total, t.rank or None, t.self_reference] for t in features.terms]
    return columns, rows


def mentions_table(features: Features) -> tuple[list[str], list[list[object]]]:
    columns = ["article_id", "outlet", "lexicon", "category", "term", "start", "end", "text",
               "voice", "paragraph", "position"]
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    rows = [[m.span.article_id, outlet_of[m.span.article_id], m.lexicon, m.category, m.term,
             m.span.start, m.span.end, m.text, m.voice, m.paragraph, m.position]
            for m in features.mentions]
    return columns, rows


SENTENCE_COLUMNS = ("article_id", "index", "start", "end", "compound")


def sentences_table(features: Features) -> tuple[list[str], list[list[object]]]:
    return list(SENTENCE_COLUMNS), [list(row) for row in sentence_rows(features.sentences)]


def sentence_rows(sentences: Sequence[SentenceScore]) -> Iterable[tuple]:
    """(article_id, index, start, end, compound) of each sentence."""
    if isinstance(sentences, SentenceScores):
        return sentences.rows()
    return ((s.article_id, s.index, s.start, s.end, s.compound) for s in sentences)


# Column kinds of the big tables written by _typed_csv_text (sentences.csv has a writer
# of its own).
KINDS = {"mentions.csv": "tttttiitiit"}


SENTENCE_CHUNK_LINES = 20_000
# repr of each VADER compound, k / 10,000 for k from -10,000 to 10,000, then of -0.0.
_COMPOUND_STEPS = 10_000
_COMPOUND_REPRS = [repr(k / _COMPOUND_STEPS)
                   for k in range(-_COMPOUND_STEPS, _COMPOUND_STEPS + 1)] + [repr(-0.0)]


def _compound_cells(scored: Sequence[ScoredSentences]) -> Iterator[str] | None:
    """repr of every compound of `scored`, in order, looked up rather than formatted
    (a quarter of the time sentences.csv takes); None unless every compound is VADER's,
    a multiple of 0.0001 in [-1, 1], as `repr` would write it."""
    import numpy as np

    columns = [np.frombuffer(rows.compounds, dtype=np.float64) for rows in scored if rows]
    if not columns:
        return iter(())
    compounds = np.concatenate(columns)
    steps = np.rint(compounds * _COMPOUND_STEPS)
    if not (np.array_equal(steps / _COMPOUND_STEPS, compounds)
            and np.all(np.abs(steps) <= _COMPOUND_STEPS)):
        return None
    index = steps.astype(np.int64) + _COMPOUND_STEPS
    index[(compounds == 0) & np.signbit(compounds)] = len(_COMPOUND_REPRS) - 1  # -0.0
    return map(_COMPOUND_REPRS.__getitem__, index.tolist())


def _sentences_csv_bytes(features: Features) -> bytes:
    """sentences.csv as csv_text writes it, encoded: one row per sentence, millions.

    VADER's compound scores come rounded to 4 decimals, so they are written as they are
    (csv_text's rounding to 6 would leave them unchanged). The lines are joined and encoded
    SENTENCE_CHUNK_LINES at a time: all of them, and the whole text, would be two more
    copies of the table in memory (on the full AllSides corpus, 90,000 page faults instead
    of 16,000, and 0.2 s)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    id_cells: dict[str, str] = {}

    def id_cell(article_id: str) -> str:
        cell = id_cells.get(article_id)
        if cell is None:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([_cell(article_id)])
            cell = id_cells[article_id] = buffer.getvalue()[:-1]
        return cell

    chunks: list[bytes] = []
    lines = ["\ufeff" + ",".join(SENTENCE_COLUMNS)]

    def flush() -> None:
        lines.append("")
        chunks.append("\n".join(lines).encode("utf-8"))
        lines.clear()

    sentences = features.sentences
    if isinstance(sentences, SentenceScores):  # an article's lines at a time: much faster
        cells = _compound_cells(sentences.scored)
        compound = ",%d,%d,%d,%r" if cells is None else ",%d,%d,%d,%s"
        for article_id, rows in zip(sentences.article_ids, sentences.scored, strict=True):
            if rows:
                line = (id_cell(article_id).replace("%", "%%") + compound).__mod__
                lines.extend(map(line, zip(
                    range(len(rows)), rows.starts, rows.ends,
                    rows.compounds if cells is None else islice(cells, len(rows)),
                    strict=True)))
                if len(lines) >= SENTENCE_CHUNK_LINES:
                    flush()
    else:
        for article_id, index, start, end, compound in sentence_rows(sentences):
            lines.append(f"{id_cell(article_id)},{index},{start},{end},{compound!r}")
            if len(lines) >= SENTENCE_CHUNK_LINES:
                flush()
    if lines:
        flush()
    return b"".join(chunks)


TABLES = {
    "outlets.csv": outlets_table,
    "articles.csv": articles_table,
    "terms.csv": terms_table,
    "mentions.csv": mentions_table,
    "sentences.csv": sentences_table,
}


def write_tables(features: Features, out_dir: Path) -> list[Path]:
    """Write the five tables into `out_dir` (created if needed); return their paths."""
    return write_files_atomically(table_contents(features, out_dir))


def table_contents(features: Features, out_dir: Path, *,
                   names: Iterable[str] = tuple(TABLES)) -> dict[Path, bytes]:
    """The bytes of the tables (by default all five), by their paths in `out_dir`, in
    TABLES order."""
    names = set(names)
    contents = {}
    # All in this process. The other core is busy meanwhile (scoring the terms, or laying out
    # the report): a third process for sentences.csv only competed with both for the two
    # cores, and copied the pages it shared with this one.
    with collector_paused():
        for name, make in TABLES.items():
            if name not in names:
                continue
            if name == "sentences.csv":
                contents[out_dir / name] = _sentences_csv_bytes(features)
                continue
            columns, rows = make(features)
            text = (_typed_csv_text(columns, KINDS[name], rows) if name in KINDS
                    else csv_text(columns, rows))
            contents[out_dir / name] = text.encode("utf-8")
    return contents
