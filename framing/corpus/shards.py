"""Corpora in shards: table files (JSON Lines, gzipped or not, or Parquet) that together make
one corpus, named by a glob (`data/part-*.parquet`) or as a folder that holds only such
files. Read here they make the same corpus as any folder; on a Dask cluster
(framing.cluster) each worker reads shards of its own, so that no one process holds every
text. `framing corpus import --shards N` writes a corpus this way (`write_shards`).
"""

from __future__ import annotations

import glob
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from framing.errors import CorpusError, located
from framing.types import Article, Corpus

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".parquet")
GLOB_CHARACTERS = "*?["
SHARD_NAME = "part-{:05d}.parquet"


def is_pattern(source: object) -> bool:
    """Whether `source` is a glob pattern (and not a path that exists as it is)."""
    text = str(source)
    return any(mark in text for mark in GLOB_CHARACTERS) and not Path(text).exists()


def pattern_files(pattern: str) -> list[Path]:
    """The files a glob pattern matches (`**` for any folders), sorted; CorpusError when none."""
    files = sorted(Path(found) for found in glob.glob(pattern, recursive=True)
                   if Path(found).is_file())
    if not files:
        raise CorpusError(located(pattern, "no file matches this pattern; check the path (quote "
                                  "the pattern, e.g. 'data/part-*.parquet', so that the shell "
                                  "leaves it to framing)"))
    return files


def pattern_name(pattern: str) -> str:
    """A corpus name for a pattern: the folder its files are in."""
    folder = Path(pattern).parent
    while is_pattern(folder) and folder != folder.parent:
        folder = folder.parent
    return folder.resolve().name


def is_shard(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(SHARD_SUFFIXES)


def shard_files(source: object) -> list[Path] | None:
    """The shards of `source` when it is a glob of shard files or a folder holding only
    shard files (besides its corpus.yaml and README), sorted; otherwise None."""
    if source is None or hasattr(source, "columns"):  # the bundled corpus, a DataFrame
        return None
    if is_pattern(source):
        files = pattern_files(str(source))
    elif Path(source).is_dir():
        from framing.corpus.folder import folder_files

        files = folder_files(Path(source))
    else:
        return None
    return files if files and all(is_shard(path) for path in files) else None


def write_shards(corpus: Corpus, out_dir: Path, shards: int, *,
                 outlet_aliases: Mapping[str, str] | None = None,
                 log: Mapping[str, object] | None = None) -> list[Path]:
    """Write `corpus` as `shards` Parquet files of consecutive articles (part-00000.parquet,
    ...), with its corpus.yaml and import log, as framing.corpus.writer.write_folder writes a
    folder (and with the same care for a folder it did not write); the files written."""
    from framing.corpus.writer import write_corpus_files

    if shards < 1:
        raise CorpusError(f"--shards {shards}: give a number of files of 1 or more")
    articles = corpus.articles
    size = -(-len(articles) // shards) if articles else 1
    parts = [articles[k * size:(k + 1) * size] for k in range(shards)]
    contents = {SHARD_NAME.format(k): parquet_bytes(part) for k, part in enumerate(parts)}
    write_corpus_files(corpus, out_dir, contents, outlet_aliases=outlet_aliases, log=log)
    return [out_dir / name for name in contents]


# Metadata keys that would be read back as one of the article's fields get another name.
_FIELD_NAMES = {"id", "article_id", "outlet", "source", "publication", "date", "published",
                "publish_date", "headline", "title", "url", "link", "standfirst",
                "description", "summary", "author", "byline", "text", "body", "content"}


def parquet_bytes(articles: Sequence[Article]) -> bytes:
    """The articles as a Parquet table that framing reads back as they are: id, outlet,
    published (`about 2014-08` when approximate), headline, standfirst, text, author, url,
    and a column per metadata key (text; empty where an article has none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[str]] = {
        "id": [a.id for a in articles],
        "outlet": [a.outlet for a in articles],
        "published": [str(a.published) if a.published else "" for a in articles],
        "headline": [a.headline for a in articles],
        "standfirst": [a.standfirst for a in articles],
        "text": [a.text for a in articles],
        "author": [a.author for a in articles],
        "url": [a.url for a in articles],
    }
    keys = sorted({str(key) for article in articles for key in article.meta})
    for key in keys:
        name = f"meta_{key}" if key.casefold() in _FIELD_NAMES else key
        columns[name] = [str(a.meta.get(key, "")) for a in articles]
    table = pa.table({name: pa.array(values, type=pa.string())
                      for name, values in columns.items()})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()
