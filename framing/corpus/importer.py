"""`framing corpus import`: any source in, a canonical folder corpus out, furniture removed.

Raw text files (saved web pages as plain text, no front matter) get their metadata from a
`--metadata` CSV or YAML keyed by file name and are cleaned by the furniture rules
(`framing.corpus.cleaning`). Anything `load` reads (front-matter folders, tables, saved
HTML pages, Nexis / LexisNexis / Factiva exports) is read by it and its bodies cleaned by the
same rules; several such sources make one corpus. Inputs are only read.

Where it writes: a new or empty folder, or a folder it wrote before, where it replaces
only its own files and refuses if any of them was edited by hand since (see
`framing.corpus.writer`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.corpus.cleaning import CleanResult, RuleSet, clean, load_rules
from framing.corpus.dates import parse_date
from framing.corpus.encoding import encoding_warning, read_text
from framing.corpus.options import ReadOptions
from framing.corpus.outlets import apply_aliases, outlet_from_url
from framing.corpus.writer import safe_stem, write_folder
from framing.errors import CorpusError, located
from framing.types import Article, Corpus, PublishedDate

log = logging.getLogger(__name__)

RAW_SUFFIXES = (".txt", ".text")
FIELDS = ("outlet", "published", "date_approximate", "date_note", "headline", "standfirst",
          "author", "url", "id")
FILE_KEYS = ("file", "filename", "file_name", "path")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}
_ID_WORDS = 3


@dataclass(frozen=True)
class SourceMetadata:
    """What a --metadata file says: fields per file name, and corpus-level outlet info."""

    path: Path
    files: Mapping[str, Mapping[str, object]]
    outlet_notes: Mapping[str, str] = field(default_factory=dict)
    outlet_aliases: Mapping[str, str] = field(default_factory=dict)


def import_corpus(
    source: Path | Sequence[Path],
    out_dir: Path,
    *,
    read_options: ReadOptions,
    metadata: Path | None = None,
    rules: Path | None = None,
    name: str | None = None,
    description: str | None = None,
    shards: int | None = None,
) -> list[Path]:
    """Write the canonical folder corpus of `source` to `out_dir`; return the article files.
    With `shards`, the articles go into that many Parquet files instead (part-00000.parquet,
    ...: framing.corpus.shards), which a Dask cluster's workers can each read a part of.

    `source` is one path, or several that `load` reads (exports, tables, folders), whose
    articles go into one corpus. Notes (files skipped, dates not read, encodings guessed) are
    logged as warnings and kept in the folder's `.import-log.yaml` with every line the
    cleaning removed.
    """
    sources = [Path(source)] if isinstance(source, str | Path) else [Path(s) for s in source]
    if not sources:
        raise CorpusError("no source to import; name a file or folder")
    out_dir = Path(out_dir)
    for path in sources:
        if not path.exists():
            raise CorpusError(located(path, "no such file or folder; check the path"))
        _refuse_overlap(path, out_dir)
    ruleset = load_rules(rules)
    if len(sources) > 1:
        corpus, aliases, notes, records = _import_several(sources, read_options, ruleset,
                                                          out_dir, name, description, metadata)
        return _write(corpus, out_dir, aliases, notes, records, command_source=[
            str(path) for path in sources], shards=shards,
            keep_furniture=read_options.keep_furniture)
    source = sources[0]
    sources_metadata = read_metadata(metadata) if metadata is not None else None
    raw = _raw_files(source, sources_metadata)
    notes: list[str] = []
    if raw is not None:
        aliases = {**(sources_metadata.outlet_aliases if sources_metadata else {}),
                   **read_options.outlet_aliases}
        notes.extend(_skipped(source, sources_metadata, raw))
        articles, records = _import_raw(raw, sources_metadata, ruleset, aliases, notes)
        from framing.corpus.load import mojibake_warnings

        notes.extend(mojibake_warnings(articles, source))
        corpus = Corpus(
            articles=articles,
            name=name if name is not None else source.stem,
            description=description or "",
            outlet_notes=dict(sources_metadata.outlet_notes) if sources_metadata else {},
            source=str(source),
        )
    else:
        from framing.corpus import load

        # The corpus is written as printed: outlet furniture is removed whenever it is read.
        loaded = load(source, options=dataclasses.replace(read_options, keep_furniture=True))
        aliases = dict(read_options.outlet_aliases)
        articles, records = _clean_loaded(loaded, ruleset)
        notes.extend(loaded.warnings)
        corpus = dataclasses.replace(
            loaded,
            articles=articles,
            name=name if name is not None else loaded.name,
            description=description if description is not None else loaded.description,
        )
    if not corpus.articles:
        raise CorpusError(located(source, "no article to import; " + (
            "; ".join(notes) if notes else "check the path")))
    return _write(corpus, out_dir, aliases, notes, records, command_source=str(source),
                  shards=shards, keep_furniture=read_options.keep_furniture)


def _import_several(
    sources: list[Path], read_options: ReadOptions, ruleset: RuleSet, out_dir: Path,
    name: str | None, description: str | None, metadata: Path | None,
) -> tuple[Corpus, dict[str, str], list[str], list[dict[str, object]]]:
    """Several sources that `load` reads, as one corpus (raw text is imported alone)."""
    from framing.corpus import load
    from framing.corpus.load import check_unique_ids

    if metadata is not None:
        raise CorpusError(located(metadata, "--metadata describes the raw text files of one "
                                  "folder; import that folder on its own"))
    articles: list[Article] = []
    notes: list[str] = []
    records: list[dict[str, object]] = []
    left_out: dict[str, int] = {}
    for path in sources:
        if _raw_files(path, None) is not None:
            raise CorpusError(located(path, "holds raw text files (no front matter); import "
                                      "them on their own, with --metadata"))
        loaded = load(path, options=read_options)
        cleaned, removed = _clean_loaded(loaded, ruleset)
        articles += cleaned
        records += removed
        notes += loaded.warnings
        for code, count in loaded.left_out_languages.items():
            left_out[code] = left_out.get(code, 0) + count
    check_unique_ids(articles)
    corpus = Corpus(articles=tuple(articles),
                    name=name if name is not None else out_dir.name,
                    description=description or "",
                    source=", ".join(str(path) for path in sources),
                    left_out_languages=left_out)
    return corpus, dict(read_options.outlet_aliases), notes, records


def _write(corpus: Corpus, out_dir: Path, aliases: Mapping[str, str], notes: list[str],
           records: list[dict[str, object]], *, command_source: object,
           shards: int | None = None, keep_furniture: bool = False) -> list[Path]:
    if shards is not None and not keep_furniture:
        # Shards are for a cluster, whose workers hold the texts apart and cannot look for
        # furniture over all of an outlet's articles: it is removed here, once.
        from framing.corpus.load import without_furniture

        articles, _, removed = without_furniture(corpus.articles, mark=True)
        notes.extend(removed)
        corpus = dataclasses.replace(corpus, articles=tuple(articles))
    for note in notes:
        log.warning("note: %s", note)
    record = {"command_source": command_source, "notes": notes, "articles": records}
    if shards is not None:
        from framing.corpus.shards import write_shards

        return write_shards(corpus, out_dir, shards, outlet_aliases=aliases, log=record)
    return write_folder(corpus, out_dir, outlet_aliases=aliases, log=record)


def _refuse_overlap(source: Path, out_dir: Path) -> None:
    src, out = source.resolve(), out_dir.resolve()
    if src == out or out in src.parents or (src.is_dir() and src in out.parents):
        raise CorpusError(located(
            out_dir, f"overlaps the source {source}; write the corpus to a separate folder"))


# ----------------------------------------------------------------------------- metadata


def read_metadata(path: Path) -> SourceMetadata:
    """Read a --metadata CSV (a `file` column) or YAML (file name -> fields)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(located(path, "no such metadata file; check the --metadata path"))
    text, _encoding = read_text(path)
    if path.suffix.lower() == ".csv":
        return SourceMetadata(path=path, files=_csv_rows(text, path))
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise CorpusError(located(path, "metadata must be a .csv or .yaml/.yml file"))
    return _yaml_metadata(text, path)


def _csv_rows(text: str, path: Path) -> dict[str, dict[str, object]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    key = next((c for c in columns if c.lower() in FILE_KEYS), None)
    if key is None:
        raise CorpusError(located(
            path, f"needs a `file` column naming each source file; it has: {', '.join(columns)}",
            line=1))
    files: dict[str, dict[str, object]] = {}
    for row in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        line = reader.line_num
        file_name = row.pop(key, "")
        if not file_name:
            raise CorpusError(located(path, f"no file name in the `{key}` column", line=line))
        if file_name in files:
            raise CorpusError(located(path, f"{file_name} is listed twice; keep one row",
                                      line=line))
        files[file_name] = row
    return files


def _yaml_metadata(text: str, path: Path) -> SourceMetadata:
    import yaml

    from framing.corpus.safeyaml import load_yaml

    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CorpusError(located(
            path, f"not valid YAML ({getattr(error, 'problem', error)}); fix the file",
            line=mark.line + 1 if mark is not None else None)) from None
    notes: dict[str, str] = {}
    aliases: dict[str, str] = {}
    entries = data
    if isinstance(data, dict) and "files" in data:
        entries = data["files"]
        outlets = data.get("outlets") or {}
        if not isinstance(outlets, dict):
            raise CorpusError(located(path, "`outlets` holds `notes` and `aliases` mappings"))
        for key, target in (("notes", notes), ("aliases", aliases)):
            value = outlets.get(key) or {}
            if not isinstance(value, dict):
                raise CorpusError(located(path, f"`outlets.{key}` must be a mapping"))
            target.update({str(k): str(v) for k, v in value.items()})
    files: dict[str, dict[str, object]] = {}
    if isinstance(entries, list):
        for index, item in enumerate(entries):
            if not isinstance(item, dict):
                raise CorpusError(located(path, f"entry {index + 1} is not a mapping of fields"))
            item = dict(item)
            key = next((k for k in FILE_KEYS if k in item), None)
            if key is None:
                raise CorpusError(located(path, f"entry {index + 1} needs a `file` key"))
            file_name = str(item.pop(key))
            if file_name in files:
                raise CorpusError(located(path, f"{file_name} is listed twice; keep one entry"))
            files[file_name] = item
    elif isinstance(entries, dict):
        for file_name, item in entries.items():
            if not isinstance(item, dict):
                raise CorpusError(located(
                    path, f"{file_name}: give its fields as a mapping (outlet: ..., "
                    "published: ...)"))
            files[str(file_name)] = dict(item)
    else:
        raise CorpusError(located(
            path, "write the metadata as a mapping of file name to fields (or a list of "
            "entries with `file`)"))
    return SourceMetadata(path=path, files=files, outlet_notes=notes, outlet_aliases=aliases)


# ----------------------------------------------------------------------------- raw text


def _is_front_matter_file(path: Path) -> bool:
    from framing.corpus.folder import has_front_matter

    text, _encoding = read_text(path)
    return has_front_matter(text)


def _is_raw(path: Path) -> bool:
    """A raw text article: a .txt/.text file without front matter that is not an export."""
    from framing.corpus.exports.lexis_txt import is_lexis_txt

    return (path.suffix.lower() in RAW_SUFFIXES and not is_lexis_txt(path)
            and not _is_front_matter_file(path))


def _raw_files(source: Path, sources: SourceMetadata | None) -> list[Path] | None:
    """The raw text files to import, or None when `load` should read the source."""
    if sources is not None:
        return _listed_files(source, sources)
    if source.is_file():
        if _is_raw(source):
            return [source]
        return None
    candidates = sorted(p for p in source.iterdir()
                        if p.is_file() and p.suffix.lower() in RAW_SUFFIXES)
    raw = [p for p in candidates if _is_raw(p)]
    if not raw:
        return None
    markdown = sorted(p for p in source.iterdir()
                      if p.is_file() and p.suffix.lower() in (".md", ".markdown"))
    framed = [p for p in candidates if p not in raw and _is_front_matter_file(p)] + [
        p for p in markdown if _is_front_matter_file(p)]
    if framed:
        raise CorpusError(located(
            source, f"mixes raw text files ({raw[0].name}) with front-matter files "
            f"({framed[0].name}); import them from separate folders, or list the raw ones "
            "with --metadata"))
    return raw


def _listed_files(source: Path, sources: SourceMetadata) -> list[Path]:
    if source.is_file():
        folder, present = source.parent, {source.name: source}
    else:
        folder = source
        present = {p.name: p for p in sorted(source.iterdir()) if p.is_file()}
    chosen = []
    for file_name in sources.files:
        path = present.get(file_name)
        if path is None and (folder / file_name).is_file() and source.is_dir():
            path = folder / file_name  # a relative path into a subfolder
        if path is None:
            raise CorpusError(located(
                sources.path, f"{file_name} is listed but is not in {source}; fix the name "
                "or remove its entry"))
        if path.suffix.lower() not in (*RAW_SUFFIXES, ".md", ".markdown", ""):
            raise CorpusError(located(
                path, "--metadata describes raw text files, and this is not one (framing reads "
                "it with its own reader); import it without --metadata"))
        if _is_front_matter_file(path):
            raise CorpusError(located(
                path, "already has YAML front matter (a canonical article); remove its "
                f"entry from {sources.path.name} or import it without --metadata"))
        chosen.append(path)
    return chosen


def _skipped(source: Path, sources: SourceMetadata | None, raw: list[Path]) -> list[str]:
    if not source.is_dir():
        return []
    taken = {p.resolve() for p in raw}
    why = (f"not listed in {sources.path.name}" if sources is not None
           else f"raw articles are {'/'.join(RAW_SUFFIXES)} files")
    return [
        located(p, f"skipped: {why}")
        for p in sorted(source.iterdir())
        if p.is_file() and p.resolve() not in taken and not p.name.startswith(".")
    ]


def _flag(value: object, *, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CorpusError(f"{where}: date_approximate must be true or false, not {value!r}")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def _import_raw(
    raw: list[Path], sources: SourceMetadata | None, ruleset: RuleSet,
    aliases: Mapping[str, str], notes: list[str],
) -> tuple[tuple[Article, ...], list[dict[str, object]]]:
    articles: list[Article] = []
    records: list[dict[str, object]] = []
    taken_ids: set[str] = set()
    for path in raw:
        entry = dict(sources.files.get(_key_of(path, sources), {})) if sources else {}
        where = f"{sources.path}: {_key_of(path, sources)}" if sources else str(path)
        article, result = _raw_article(path, entry, where, ruleset, aliases, notes, taken_ids)
        if article is None:
            continue
        articles.append(article)
        taken_ids.add(article.id)
        records.append({
            "id": article.id,
            "source": path.name,
            "removed": [[rule, line] for rule, line in result.removed],
        })
    return tuple(articles), records


def _key_of(path: Path, sources: SourceMetadata | None) -> str:
    if sources is None:
        return path.name
    if path.name in sources.files:
        return path.name
    return next((k for k in sources.files if path.as_posix().endswith(k)), path.name)


def _raw_article(
    path: Path, entry: dict[str, object], where: str, ruleset: RuleSet,
    aliases: Mapping[str, str], notes: list[str], taken_ids: set[str],
) -> tuple[Article | None, CleanResult]:
    text, encoding = read_text(path)
    warning = encoding_warning(path, encoding)
    if warning:
        notes.append(warning)
    url = _text(entry.pop("url", ""))
    outlet = _text(entry.pop("outlet", "")) or outlet_from_url(url)
    if not outlet:
        raise CorpusError(f"{where}: no outlet; give the file an `outlet` (or a `url`) in "
                          "a --metadata file")
    outlet = apply_aliases(outlet, aliases)
    headline = _text(entry.pop("headline", "")) or None
    standfirst = _text(entry.pop("standfirst")) if "standfirst" in entry else None
    author = _text(entry.pop("author", "")) or None
    result = clean(text, outlet=outlet, url=url, rules=ruleset, headline=headline,
                   standfirst=standfirst, author=author)
    found = dict(result.metadata)
    if not result.text.strip():
        notes.append(located(path, "skipped: no article text left after removing furniture"))
        return None, result
    headline = headline or found.pop("headline", "")
    found.pop("headline", None)
    if not headline:
        notes.append(located(path, "no headline: add `headline` to the --metadata file"))
    standfirst = standfirst if standfirst is not None else found.pop("standfirst", "")
    found.pop("standfirst", None)
    author = author or found.pop("author", "")
    found.pop("author", None)

    published = _published(entry, found, where, notes)
    meta: dict[str, str] = {}
    note = _text(entry.pop("date_note", ""))
    if note:
        meta["date_note"] = note
    for key in ("published_time", "author_role"):
        if found.get(key):
            meta[key] = found[key]
    identifier = _text(entry.pop("id", "")) or _derived_id(outlet, published, headline, path,
                                                           taken_ids)
    if identifier in taken_ids:
        raise CorpusError(f"{where}: the id {identifier!r} is used twice; give each a distinct id")
    for key, value in entry.items():  # any other column or key: kept as metadata
        meta[str(key)] = _text(value)
    meta["source_file"] = path.name
    if warning:
        meta["source_encoding"] = encoding
    article = Article(
        id=identifier, outlet=outlet, published=published, headline=headline,
        standfirst=standfirst, text=result.text, author=author, url=url, meta=meta,
        source=str(path),
    )
    return article, result


def _published(
    entry: dict[str, object], found: Mapping[str, str], where: str, notes: list[str]
) -> PublishedDate | None:
    given = entry.pop("published", None)
    approximate = _flag(entry.pop("date_approximate", False), where=where)
    value = given if _text(given) else found.get("published")
    date, warning = parse_date(value)
    if warning:
        notes.append(f"{where}: {warning}")
    if date is None:
        if approximate:
            notes.append(f"{where}: date_approximate is set but there is no date")
        return None
    return dataclasses.replace(date, approximate=True) if approximate else date


def _derived_id(
    outlet: str, published: PublishedDate | None, headline: str, path: Path, taken: set[str]
) -> str:
    """`independent-2014-top-police-officer`: outlet, year, first words of the headline."""
    outlet_part = safe_stem(re.sub(r"^the\s+", "", outlet, flags=re.IGNORECASE))
    words = re.findall(r"[^\W_]+", headline)[:_ID_WORDS]
    parts = [outlet_part]
    if published is not None:
        parts.append(f"{published.date.year:04d}")
    parts.append(safe_stem(" ".join(words)) if words else safe_stem(path.stem))
    base = "-".join(p for p in parts if p and p != "article") or safe_stem(path.stem)
    identifier, n = base, 1
    while identifier in taken:
        n += 1
        identifier = f"{base}-{n}"
    return identifier


# ----------------------------------------------------------------------------- loaded


def _clean_loaded(
    loaded: Corpus, ruleset: RuleSet
) -> tuple[tuple[Article, ...], list[dict[str, object]]]:
    """Clean the bodies of articles a reader produced (idempotent on clean text)."""
    articles, records = [], []
    for article in loaded.articles:
        result = clean(article.text, outlet=article.outlet, url=article.url, rules=ruleset,
                       headline=article.headline, standfirst=article.standfirst,
                       author=article.author or None)
        meta = dict(article.meta)
        for key in ("published_time", "author_role"):
            if result.metadata.get(key) and key not in meta:
                meta[key] = result.metadata[key]
        published = article.published
        if published is None and result.metadata.get("published"):
            published, _warning = parse_date(result.metadata["published"])
        articles.append(dataclasses.replace(
            article, text=result.text, meta=meta, published=published,
            author=article.author or result.metadata.get("author", ""),
        ))
        if result.removed:
            records.append({"id": article.id, "source": article.source,
                            "removed": [[rule, line] for rule, line in result.removed]})
    return tuple(articles), records
