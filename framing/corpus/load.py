"""`load`: pick a reader by what the source is, and build the Corpus.

A folder is read file by file (front-matter articles, saved pages, tables and news-database
exports alike) with its optional corpus.yaml; a single file is read by its suffix and, for
.docx, .txt and .html, by what it holds: a Nexis Uni / Lexis .docx export, a LexisNexis .txt
export or a front-matter article, a Factiva .html export or a saved web page. Outlet
aliases (corpus.yaml, then ReadOptions) give every article its canonical outlet name;
article ids must be unique. Articles whose language is known and is not English are left out
(with a warning counting them per language) unless `ReadOptions.all_languages`.
Each outlet's furniture (lines or runs of words repeated across its articles, datelines,
credit lines) is removed and listed in `Corpus.furniture`, with a warning, unless
ReadOptions.keep_furniture (framing.corpus.outlet_furniture).
Zero-width spaces, word joiners and stray byte-order marks are dropped (they hide words from
the lexicons); text that looks mis-decoded ("â€™" for "’") is kept as it is, with a warning.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from framing.corpus.encoding import mojibake, read_text, remove_invisible
from framing.corpus.exports import NotAnExport
from framing.corpus.folder import (
    ARTICLE_SUFFIXES,
    CorpusDescription,
    folder_files,
    has_front_matter,
    read_article_file,
    read_corpus_description,
)
from framing.corpus.options import ReadOptions
from framing.corpus.outlets import alias_key, alias_table
from framing.corpus.shards import is_pattern, pattern_files, pattern_name
from framing.errors import CorpusError, located
from framing.paths import DEFAULT_CORPUS
from framing.types import Article, Corpus, Furniture

Reader = Callable[..., tuple[list[Article], list[str]]]
READABLE = ".md/.txt files with YAML front matter, .html pages (also .gz), " \
    ".csv/.tsv/.jsonl/.parquet tables (.csv/.tsv/.jsonl also .gz) and the exports of " \
    "Nexis Uni / Lexis (.docx), LexisNexis (.txt) and Factiva (.html)"
DEFAULT_OPTIONS = ReadOptions()


def load(source=None, *, options: ReadOptions = DEFAULT_OPTIONS) -> Corpus:
    """Read a corpus: a folder, a table (CSV/TSV, JSONL, Parquet), a web page, one article,
    or a pandas DataFrame (a table in memory).

    `None` reads the bundled corpus. Non-fatal findings (skipped files, encodings guessed,
    empty texts, missing outlets) are in `Corpus.warnings`. Raises CorpusError naming the
    file (and line) for anything that cannot be read.
    """
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a DataFrame
        from framing.corpus.input_tables import read_dataframe

        articles, warnings = read_dataframe(source, options=options)
        if not articles:
            raise CorpusError("dataframe: no row with text in it; " + (
                warnings[0] if warnings else "check the text column"))
        return _corpus(articles, CorpusDescription(), options, Path("dataframe"), "dataframe",
                       warnings)
    path = Path(source) if source is not None else DEFAULT_CORPUS
    if not path.exists() and is_pattern(source):
        files = pattern_files(str(source))
        articles, warnings = read_files(files, options=options)
        return _corpus(articles, CorpusDescription(), options, path, pattern_name(str(source)),
                       warnings)
    if not path.exists():
        raise CorpusError(located(path, "no such file or folder"))
    if path.is_dir():
        description, warnings = read_corpus_description(path)
        articles, more = read_folder(path, options=options)
        name = description.name or path.resolve().name
    else:
        description, warnings = CorpusDescription(), []
        articles, more = read_file(path, options=options)
        if not articles:
            raise CorpusError(located(path, "no article with text in it; " + (
                more[0] if more else "check the file")))
        name = _file_stem(path)
    return _corpus(articles, description, options, path, name, warnings + more)


def _corpus(articles: list[Article], description: CorpusDescription, options: ReadOptions,
            path: Path, name: str, warnings: list[str]) -> Corpus:
    """The Corpus of what a reader read: invisible characters dropped, outlets aliased,
    ids checked, mis-decoded text warned about."""
    part = read_part(articles, aliases={**description.aliases, **options.outlet_aliases},
                     options=options)
    return corpus_of([part], description=description, options=options, path=path, name=name,
                     warnings=warnings)


@dataclass(frozen=True)
class ReadPart:
    """The articles read from one part of a source (a file, a shard), each made ready on its
    own: invisible characters dropped, outlets aliased, those not in English set apart
    (unless all languages are read). Parts read apart (on a cluster's workers) make the same
    corpus as the whole read at once: `corpus_of` checks and warns about them together.

    `articles` are those kept; `read` is (id, source) of every article read, in order (the
    ids are checked over all of them); `mojibake` is (id, source, sample) of each kept
    article that looks mis-decoded; `warnings` are the reader's."""

    articles: Sequence[Article]
    read: Sequence[tuple[str, str]]
    left_out: Mapping[str, int]
    mojibake: Sequence[tuple[str, str, str]]
    warnings: Sequence[str] = ()


def read_part(articles: list[Article], *, aliases: Mapping[str, str], options: ReadOptions,
              warnings: Sequence[str] = ()) -> ReadPart:
    """The ReadPart of articles a reader read (see ReadPart)."""
    articles = [_visible(article) for article in articles]
    if aliases:
        articles = _canonical_outlets(articles, dict(aliases))
    read = [(article.id, article.source) for article in articles]
    left_out: dict[str, int] = {}
    if not options.all_languages:
        from framing.corpus.language import split_by_language

        articles, left_out = split_by_language(articles)
    return ReadPart(articles, read, dict(left_out), _mojibake_found(articles), tuple(warnings))


def corpus_of(parts: Sequence[ReadPart], *, description: CorpusDescription,
              options: ReadOptions, path: Path, name: str, warnings: Sequence[str],
              held: bool = False) -> Corpus:
    """The Corpus of the parts, in order: ids checked over all of them, one warning for the
    articles left out as not in English and one for those that look mis-decoded, and each
    outlet's furniture removed (unless kept, or removed already: `furniture_removed`).
    `held`: the texts are held apart, on a cluster's workers, where furniture, found over
    all of an outlet's articles at once, cannot be looked for: CorpusError unless it was
    removed before (`framing corpus import --shards`) or is kept."""
    check_unique_ids([_IdSource(*pair) for part in parts for pair in part.read])
    articles = [article for part in parts for article in part.articles]
    warnings = [*warnings, *(warning for part in parts for warning in part.warnings)]
    left_out: dict[str, int] = {}
    for part in parts:
        for code, count in part.left_out.items():
            left_out[code] = left_out.get(code, 0) + count
    if left_out:
        warnings += _left_out_warning(bool(articles), left_out, path)
    warnings += _mojibake_message([found for part in parts for found in part.mojibake], path)
    furniture: tuple[Furniture, ...] = ()
    if not options.keep_furniture and not furniture_removed(articles):
        if held:
            raise CorpusError(located(path, "outlet furniture is found over all of an outlet's "
                                      "articles at once, which the workers hold apart; write "
                                      "the shards with `framing corpus import SOURCE -o DIR "
                                      "--shards N` (it removes the furniture) or pass "
                                      "--keep-furniture"))
        articles, furniture, more = without_furniture(articles)
        warnings += more
    aliases = {**description.aliases, **options.outlet_aliases}
    table = alias_table(aliases)
    notes = {table.get(alias_key(outlet), outlet): note
             for outlet, note in description.notes.items()}
    return Corpus(
        articles=tuple(articles),
        name=name,
        description=description.description,
        outlet_notes=notes,
        warnings=tuple(warnings),
        source=str(path),
        left_out_languages=dict(sorted(left_out.items())),
        furniture=furniture,
    )


class _IdSource(NamedTuple):
    """What check_unique_ids reads of an article."""

    id: str
    source: str


def read_file(
    path: Path, *, options: ReadOptions = DEFAULT_OPTIONS
) -> tuple[list[Article], list[str]]:
    """Read one file by its suffix: `(articles, warnings)`."""
    reader = reader_for(path)
    if reader is None:
        raise CorpusError(
            located(path, f"framing cannot read {_suffix(path) or 'files without a suffix'}; "
                    f"it reads {READABLE}")
        )
    if reader is read_article_file:
        article, warnings = read_article_file(path)
        return ([article] if article else []), warnings
    return reader(path, options=options)


def read_files(files: Sequence[Path], *, options: ReadOptions = DEFAULT_OPTIONS
               ) -> tuple[list[Article], list[str]]:
    """Read the files (those a glob pattern names) one by one: `(articles, warnings)`;
    CorpusError when none holds an article."""
    articles: list[Article] = []
    warnings: list[str] = []
    for path in files:
        found, more = read_file(path, options=options)
        articles += found
        warnings += more
    if not articles:
        raise CorpusError(located(files[0], "no article with text in the files the pattern "
                                  "matches; " + (warnings[0] if warnings else "check the files")))
    return articles, warnings


def reader_for(path: Path) -> Reader | None:
    """The reader for a file, or None: by its suffix, and for .docx, .txt and .html files by
    what they hold (a .docx is read as a Nexis export, whose reader says so when it is not)."""
    from framing.corpus import input_tables, webpages
    from framing.corpus.exports import factiva, lexis_txt, nexis

    suffix = _suffix(path)
    if suffix == ".docx":
        return nexis.read_nexis_docx
    if suffix in ARTICLE_SUFFIXES:
        if suffix == ".txt" and lexis_txt.is_lexis_txt(path):
            return lexis_txt.read_lexis_txt
        return read_article_file
    reader = {
        ".csv": input_tables.read_csv, ".csv.gz": input_tables.read_csv,
        ".tsv": input_tables.read_csv, ".tsv.gz": input_tables.read_csv,
        ".jsonl": input_tables.read_jsonl, ".jsonl.gz": input_tables.read_jsonl,
        ".ndjson": input_tables.read_jsonl, ".ndjson.gz": input_tables.read_jsonl,
        ".parquet": input_tables.read_parquet,
        ".html": webpages.read_pages, ".html.gz": webpages.read_pages,
        ".htm": webpages.read_pages, ".htm.gz": webpages.read_pages,
    }.get(suffix)
    if reader is webpages.read_pages and factiva.is_factiva_html(path):
        return factiva.read_factiva_html
    return reader


def read_folder(
    folder: Path, *, options: ReadOptions = DEFAULT_OPTIONS
) -> tuple[list[Article], list[str]]:
    """Read every readable file under `folder` (sorted; hidden files and README skipped)."""
    articles: list[Article] = []
    warnings: list[str] = []
    unread: Counter[str] = Counter()
    no_front_matter, empty_files, empty = [], [], 0
    for path in folder_files(folder):
        reader = reader_for(path)
        if reader is None:
            unread[_suffix(path) or "(no suffix)"] += 1
            continue
        if reader is read_article_file:
            text, encoding = read_text(path)
            if not text.strip():
                empty_files.append(path)
                continue
            if not has_front_matter(text):
                no_front_matter.append(path)
                continue
            article, more = read_article_file(path, text=text, encoding=encoding)
            found = [article] if article else []
        else:
            try:
                found, more = reader(path, options=options)
            except NotAnExport as error:
                unread[_suffix(path)] += 1
                warnings.append(f"{error}; skipped")
                continue
        empty += not found
        articles += found
        warnings += more
    if no_front_matter:
        warnings.append(located(folder, f"{_count(len(no_front_matter), 'text file')} without "
                                f"front matter skipped ({_names(no_front_matter, folder)}); "
                                "import raw text with `framing corpus import`"))
    if empty_files:
        warnings.append(located(folder, f"{_count(len(empty_files), 'empty file')} skipped "
                                f"({_names(empty_files, folder)}); delete them or fill them in"))
    if unread:
        warnings.append(located(folder, f"skipped {_count(sum(unread.values()), 'file')} "
                                f"framing does not read ({_kinds(unread)})"))
    if not articles:
        raise CorpusError(located(folder, "no readable article; found " + _found(
            unread, len(no_front_matter), empty + len(empty_files))
            + f". framing reads {READABLE}"))
    return articles, warnings


def _canonical_outlets(articles: list[Article], aliases: dict[str, str]) -> list[Article]:
    table = alias_table(aliases)
    renamed = []
    for article in articles:
        canonical = table.get(alias_key(article.outlet))
        if canonical and canonical != article.outlet:
            article = dataclasses.replace(article, outlet=canonical)
        renamed.append(article)
    return renamed


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _visible(article: Article) -> Article:
    """The article without zero-width spaces, word joiners and stray byte-order marks.

    They are invisible, so quotes read the same, but they sit between the letters and spaces
    that lexicon terms match ("abuse\u200b in the home" would not be found)."""
    changed = {name: remove_invisible(getattr(article, name))
               for name in ("outlet", "headline", "standfirst", "text", "author")}
    changed = {name: value for name, value in changed.items()
               if value != getattr(article, name)}
    if not changed:
        return article
    # Trimmed again, as the readers trim: the removed characters may have stood at an end.
    for name, value in changed.items():
        changed[name] = (_LEADING_BLANK_LINES.sub("", value).rstrip() if name == "text"
                         else value.strip())
    if "outlet" in changed:
        changed["outlet"] = " ".join(changed["outlet"].split())
    return dataclasses.replace(article, **changed)


def in_english(
    articles: list[Article], source: Path
) -> tuple[list[Article], dict[str, int], list[str]]:
    """The articles in English (or in no known language), how many were left out per
    language, and a warning counting them. Raises CorpusError when none is left."""
    from framing.corpus.language import split_by_language

    kept, left_out = split_by_language(articles)
    if not left_out:
        return articles, {}, []
    return kept, dict(sorted(left_out.items())), _left_out_warning(bool(kept), left_out, source)


def _left_out_warning(any_kept: bool, left_out: Mapping[str, int], source: Path) -> list[str]:
    """The warning counting the articles left out per language; CorpusError when no article
    is left."""
    from framing.corpus.language import language_counts

    counts = language_counts(left_out)
    total = sum(left_out.values())
    if not any_kept:
        raise CorpusError(located(source, f"no article in English: {_count(total, 'article')} "
                                  f"in other languages ({counts}); the lexicons and VADER read "
                                  "English: pass --all-languages to analyse them all the same"))
    return [located(
        source, f"left out {_count(total, 'article')} not in English ({counts}): the lexicons "
        "and VADER read English; --all-languages keeps them")]


def mojibake_warnings(articles: list[Article] | tuple[Article, ...], source: Path) -> list[str]:
    """One warning for the articles whose text looks mis-decoded ("â€™" for "’")."""
    return _mojibake_message(_mojibake_found(articles), source)


def _mojibake_found(articles: Sequence[Article]) -> list[tuple[str, str, str]]:
    """(id, source, sample) of each article whose text looks mis-decoded."""
    return [(article.id, article.source, sample) for article in articles
            if (sample := mojibake(article.text) or mojibake(article.headline)
                or mojibake(article.standfirst)) is not None]


def _mojibake_message(found: Sequence[tuple[str, str, str]], source: Path) -> list[str]:
    if not found:
        return []
    advice = ("the text is kept as it is (quotes stay verbatim); re-export the source as "
              "UTF-8 or repair it (e.g. with ftfy) and read it again")
    if len(found) == 1:
        _id, where, sample = found[0]
        return [located(where or source, f"looks mis-decoded: {sample!r} is how UTF-8 "
                        f"text reads when decoded as Windows-1252 (mojibake); {advice}")]
    shown = ", ".join(article_id for article_id, _where, _sample in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    return [located(source, f"{_count(len(found), 'article')} look mis-decoded ({shown}{more}): "
                    f"{found[0][2]!r} is how UTF-8 text reads when decoded as Windows-1252 "
                    f"(mojibake); {advice}")]


def check_unique_ids(articles: Sequence[Article] | Sequence[_IdSource]) -> None:
    seen: dict[str, object] = {}
    for article in articles:
        first = seen.setdefault(article.id, article)
        if first is not article:
            raise CorpusError(
                f"{first.source} and {article.source}: both have the id {article.id!r}; "
                "article ids must be unique: give one of them another `id:` (in a table, "
                "fix the id column or leave out --id-column to number the rows)"
            )


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _file_stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _names(paths: list[Path], folder: Path, limit: int = 5) -> str:
    shown = ", ".join(str(p.relative_to(folder)) for p in paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def _kinds(unread: Counter[str]) -> str:
    return ", ".join(f"{n} {suffix}" for suffix, n in sorted(unread.items()))


def _found(unread: Counter[str], no_front_matter: int, empty: int) -> str:
    parts = []
    if no_front_matter:
        parts.append(f"{_count(no_front_matter, 'text file')} without front matter")
    if empty:
        parts.append(f"{_count(empty, 'file')} with no article text")
    if unread:
        parts.append(f"{_count(sum(unread.values()), 'file')} it does not read "
                     f"({_kinds(unread)})")
    return "; ".join(parts) if parts else "no files at all"


# The metadata an article carries once its outlet's furniture is out of its text, written
# with the shards of `framing corpus import --shards`: it is not looked for again.
FURNITURE_DONE = ("furniture", "removed")


def furniture_removed(articles: Sequence[Article]) -> bool:
    """Whether every article says its outlet's furniture was removed before (FURNITURE_DONE)."""
    key, value = FURNITURE_DONE
    return bool(articles) and all(article.meta.get(key) == value for article in articles)


def without_furniture(articles: Sequence[Article], *, mark: bool = False
                      ) -> tuple[list[Article], tuple[Furniture, ...], list[str]]:
    """The articles without each outlet's furniture (framing.corpus.outlet_furniture), what
    was removed, and the warning that says so; `mark`: each article carries FURNITURE_DONE."""
    from framing.corpus.outlet_furniture import furniture_warning, remove_furniture

    before = sum(len(article.text) for article in articles)
    cleaned, furniture = remove_furniture(articles)
    warnings = [furniture_warning(furniture, before, sum(len(a.text) for a in cleaned))
                ] if furniture else []
    if mark:
        key, value = FURNITURE_DONE
        cleaned = [dataclasses.replace(a, meta={**a.meta, key: value}) for a in cleaned]
    return cleaned, furniture, warnings
