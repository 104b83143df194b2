"""Writing a Corpus as a canonical folder: one Markdown file per article with YAML front
matter, a corpus.yaml, and an import log.

The folder is hand-editable and is what `framing.corpus.load` reads back. Writing is
safe to repeat: `write_folder` writes into a missing or empty folder, or into a folder it
wrote before, where it replaces only its own files. It refuses a folder that holds other
files, or files of its own that were edited since (so hand edits are never overwritten).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from framing.atomic import write_files_atomically
from framing.errors import CorpusError, located
from framing.types import Article, Corpus

CORPUS_FILE = "corpus.yaml"
LOG_FILE = ".import-log.yaml"
WRITTEN_BY = "framing corpus import"
ARTICLE_SUFFIX = ".md"
FIELDS = ("id", "outlet", "published", "date_approximate", "date_note", "headline",
          "standfirst", "author", "url")
_MAX_STEM = 80
_RESERVED_STEMS = {"con", "prn", "aux", "nul", "corpus", *(f"com{i}" for i in range(10)),
                   *(f"lpt{i}" for i in range(10))}


class _Quoted(str):
    """A string value written in double quotes."""


def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def quoted(dumper, value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')

    Dumper.add_representer(_Quoted, quoted)
    return Dumper


def dump_yaml(data: object) -> str:
    """YAML text written safely: values of `_quote`d data in double quotes, no wrapping."""
    import yaml

    return yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True,
                     width=1_000_000_000, default_flow_style=False)


def _quote(value: object) -> object:
    if isinstance(value, str):
        return _Quoted(value)
    if isinstance(value, Mapping):
        return {str(k): _quote(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_quote(v) for v in value]
    return value


def front_matter(article: Article) -> dict[str, object]:
    """The article's front-matter fields in canonical order (meta keys sorted after)."""
    meta = dict(article.meta)
    fields: dict[str, object] = {"id": article.id, "outlet": article.outlet}
    published = article.published
    fields["published"] = published.iso() if published else ""
    if published is not None:
        fields["date_approximate"] = published.approximate
    note = str(meta.pop("date_note", "") or "")
    if note:
        fields["date_note"] = note
    fields.update(headline=article.headline, standfirst=article.standfirst,
                  author=article.author, url=article.url)
    for key in sorted(meta, key=str):
        name = str(key)
        # A metadata key named like a field would shadow it; keep it under another name.
        fields[f"meta_{name}" if name in FIELDS else name] = meta[key]
    return fields


def front_matter_text(article: Article) -> str:
    """The whole article file: `---`, YAML front matter, `---`, the body."""
    body = article.text.strip("\n")
    return f"---\n{dump_yaml(_quote(front_matter(article)))}---\n{body}\n"


def safe_stem(identifier: str) -> str:
    """An ASCII file stem from an id: lowercase letters, digits and hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_MAX_STEM].strip("-")
    if not stem:
        stem = "article"
    if stem in _RESERVED_STEMS:
        stem = f"article-{stem}"
    return stem


def file_names(articles: Sequence[Article]) -> list[str]:
    """A distinct safe file name per article, in order; clashes get -2, -3, ..."""
    names, taken = [], set()
    for article in articles:
        stem = safe_stem(article.id)
        candidate, n = stem, 1
        while candidate in taken:
            n += 1
            candidate = f"{stem}-{n}"
        taken.add(candidate)
        names.append(candidate + ARTICLE_SUFFIX)
    return names


def corpus_yaml_text(corpus: Corpus, *, outlet_aliases: Mapping[str, str] | None = None) -> str:
    data: dict[str, object] = {"name": corpus.name, "description": corpus.description}
    outlets: dict[str, object] = {}
    if outlet_aliases:
        outlets["aliases"] = {str(k): str(v) for k, v in sorted(outlet_aliases.items())}
    if corpus.outlet_notes:
        outlets["notes"] = {str(k): str(v) for k, v in sorted(corpus.outlet_notes.items())}
    if outlets:
        data["outlets"] = outlets
    return dump_yaml(_quote(data))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _previous_files(out_dir: Path) -> dict[str, str]:
    """Files (name -> sha256) a previous write left in `out_dir`; refuse a foreign folder."""
    import yaml

    from framing.corpus.safeyaml import load_yaml

    if not out_dir.exists():
        return {}
    if not out_dir.is_dir():
        raise CorpusError(located(out_dir, "is a file, not a folder; choose another -o"))
    present = sorted(p.name for p in out_dir.iterdir())
    if not present:
        return {}
    log_path = out_dir / LOG_FILE
    log = None
    if log_path.is_file():
        try:
            log = load_yaml(log_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            log = None
    if not isinstance(log, dict) or log.get("written_by") != WRITTEN_BY or not isinstance(
        log.get("files"), dict
    ):
        raise CorpusError(located(
            out_dir, "is not empty and was not written by `framing corpus import`; "
            "choose an empty or new folder with -o (nothing was written)"))
    files = {str(k): str(v) for k, v in log["files"].items()}
    foreign = [name for name in present if name != LOG_FILE and name not in files]
    if foreign:
        raise CorpusError(located(
            out_dir, f"holds files the import did not write ({', '.join(foreign[:5])}); "
            "move them elsewhere or choose another -o (nothing was written)"))
    for name, digest in sorted(files.items()):
        path = out_dir / name
        if path.is_file() and _digest(path.read_bytes()) != digest:
            raise CorpusError(located(
                path, "was edited after it was imported; move it away (or delete it) to "
                "import again, or keep the folder as it is (nothing was written)"))
    return files


def write_folder(
    corpus: Corpus,
    out_dir: Path,
    *,
    outlet_aliases: Mapping[str, str] | None = None,
    log: Mapping[str, object] | None = None,
) -> list[Path]:
    """Write `corpus` as a canonical folder; return the article files written.

    `log` (per article file: source, removed lines; notes) is kept in `.import-log.yaml`
    with the checksum of every file written, which is how a later write recognises the
    folder as its own.
    """
    out_dir = Path(out_dir)
    names = file_names(corpus.articles)
    contents: dict[str, bytes] = {
        name: front_matter_text(article).encode("utf-8")
        for name, article in zip(names, corpus.articles, strict=True)
    }
    write_corpus_files(corpus, out_dir, contents, outlet_aliases=outlet_aliases, log=log)
    return [out_dir / name for name in names]


def write_corpus_files(
    corpus: Corpus,
    out_dir: Path,
    contents: Mapping[str, bytes],
    *,
    outlet_aliases: Mapping[str, str] | None = None,
    log: Mapping[str, object] | None = None,
) -> None:
    """Write the files of a corpus (`contents`, by name) with its corpus.yaml and import log
    into `out_dir`, whole or not at all, where write_folder may write; files of an earlier
    import that are not written again are removed."""
    out_dir = Path(out_dir)
    previous = _previous_files(out_dir)
    contents = dict(contents)
    contents[CORPUS_FILE] = corpus_yaml_text(corpus, outlet_aliases=outlet_aliases).encode()
    record: dict[str, object] = {
        "written_by": WRITTEN_BY,
        "files": {name: _digest(data) for name, data in contents.items()},
    }
    if log:
        record.update({str(k): v for k, v in log.items() if k not in record})
    contents[LOG_FILE] = dump_yaml(_quote(record)).encode("utf-8")
    write_files_atomically({out_dir / name: data for name, data in contents.items()})
    for stale in sorted(set(previous) - set(contents)):
        (out_dir / stale).unlink(missing_ok=True)
