"""The canonical format: one article per Markdown or text file with YAML front matter.

```
---
id: independent-2014-top-police-officer   # optional; default the file stem
outlet: The Independent
published: "2014-10-16"                   # "2014-08": month precision, "2014": year
date_approximate: false                   # true: shown as "about 2014-08"
date_note: ""                             # optional free text, kept in meta
headline: "..."
standfirst: "..."
author: Ian Johnston
url: https://...
---
Body paragraphs, separated by blank lines.
```

Any other key is kept in `Article.meta` as a string. A folder may hold a `corpus.yaml` with
`name`, `description` and `outlets: {aliases: {spelling: canonical}, notes: {outlet: text}}`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from framing.corpus.dates import parse_date
from framing.corpus.encoding import UTF8, encoding_warning, read_text
from framing.corpus.outlets import outlet_from_url
from framing.errors import CorpusError, located
from framing.types import Article

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
CORPUS_FILE = "corpus.yaml"
_IGNORED_NAMES = {"readme", "license", "licence", "changelog"}  # in a folder: not articles
UNKNOWN_OUTLET = "(unknown outlet)"
DATE_PROBLEM = "date_problem"  # meta key: why a given date was not used

_FIELDS = ("id", "outlet", "published", "date_approximate", "headline", "standfirst", "author",
           "url")
_FIELD_SYNONYMS = {"date": "published", "title": "headline"}
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_TRUE = {"true", "yes", "y", "1", "approximate", "about"}
_FALSE = {"false", "no", "n", "0", ""}


@dataclass(frozen=True)
class CorpusDescription:
    """What a folder's corpus.yaml says."""

    name: str = ""
    description: str = ""
    aliases: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FrontMatter:
    """A file split into its front-matter mapping and its body."""

    fields: Mapping[str, object]
    body: str
    body_line: int  # 1-based line where the body starts


def has_front_matter(text: str) -> bool:
    """True when the text opens with a `---` line."""
    first = text.split("\n", 1)[0]
    return bool(_FENCE.match(first))


def split_front_matter(text: str, *, source: object) -> FrontMatter:
    """Split `---` YAML front matter from the body. The body keeps its own line breaks.

    Raises CorpusError naming the file and line for unclosed or invalid front matter.
    """
    import yaml

    from framing.corpus.safeyaml import UnsafeYAML, load_yaml

    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise CorpusError(
            located(source, "does not start with front matter (a line with ---); "
                    "add it or import raw text with `framing corpus import`", line=1)
        )
    closing = next((i for i in range(1, len(lines)) if _CLOSING_FENCE.match(lines[i])), None)
    if closing is None:
        raise CorpusError(
            located(source, "front matter starts with --- but never ends; add a line with --- "
                    "after the last key", line=1)
        )
    front = "\n".join(lines[1:closing])
    try:
        fields = load_yaml(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if isinstance(error, UnsafeYAML):
            raise CorpusError(located(source, f"front matter cannot be used: {problem}",
                                      line=line)) from None
        raise CorpusError(
            located(source, f"front matter is not valid YAML: {problem}; fix the line or put "
                    'the value in double quotes (headline: "...")', line=line)
        ) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise CorpusError(
            located(source, "front matter must be `key: value` lines (outlet, published, "
                    "headline, ...)", line=2)
        )
    body = "\n".join(lines[closing + 1:])
    stripped = _LEADING_BLANK_LINES.sub("", body)
    body_line = closing + 2 + body[: len(body) - len(stripped)].count("\n")
    return FrontMatter(fields, stripped.rstrip(), body_line)


def as_text(value: object) -> str:
    """A metadata value as a string: None/NaN -> "", lists joined by ", ", dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):  # YAML !!binary
        return value.decode("utf-8", "replace")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def read_article_file(
    path: Path, *, text: str | None = None, encoding: str = UTF8
) -> tuple[Article | None, list[str]]:
    """Read one front-matter file: `(article, warnings)`; article None when its body is empty.

    `text` (with the `encoding` it was read in) skips reading the file again. The id
    defaults to the file stem; a missing outlet comes from the URL's domain.
    """
    if text is None:
        text, encoding = read_text(path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    matter = split_front_matter(text, source=path)
    fields = {_FIELD_SYNONYMS.get(str(k).strip().lower(), str(k).strip().lower()): v
              for k, v in matter.fields.items()}
    meta = {str(k).strip(): as_text(v) for k, v in matter.fields.items()
            if _FIELD_SYNONYMS.get(str(k).strip().lower(), str(k).strip().lower()) not in _FIELDS}

    article_id = as_text(fields.get("id")).strip() or path.stem
    url = as_text(fields.get("url")).strip()
    outlet = " ".join(as_text(fields.get("outlet")).split())
    if not outlet:
        outlet = outlet_from_url(url)
        if outlet:
            warnings.append(located(path, f"no outlet; took {outlet!r} from the url"))
        else:
            outlet = UNKNOWN_OUTLET
            warnings.append(located(path, "no outlet and no url; add `outlet:` to the front "
                                    "matter"))

    published, problem = parse_date(fields.get("published"))
    if problem:
        warnings.append(located(path, problem))
        meta[DATE_PROBLEM] = problem
    approximate = fields.get("date_approximate", False)
    if not isinstance(approximate, bool):
        word = as_text(approximate).strip().lower()
        if word not in _TRUE | _FALSE:
            warnings.append(located(path, f"date_approximate: {approximate!r} is not true or "
                                    "false; read as false"))
        approximate = word in _TRUE
    if published is not None and approximate:
        published = dataclasses.replace(published, approximate=True)

    headline = " ".join(as_text(fields.get("headline")).split())
    if not headline:
        warnings.append(located(path, "no headline; add `headline:` to the front matter"))
    if not matter.body.strip():
        warnings.append(located(path, "the article has no text after the front matter; skipped"))
        return None, warnings
    article = Article(
        id=article_id,
        outlet=outlet,
        published=published,
        headline=headline,
        standfirst=as_text(fields.get("standfirst")).strip(),
        text=matter.body,
        author=" ".join(as_text(fields.get("author")).split()),
        url=url,
        meta=meta,
        source=str(path),
    )
    return article, warnings


def read_corpus_description(folder: Path) -> tuple[CorpusDescription, list[str]]:
    """Read `corpus.yaml` in `folder` (absent: an empty description)."""
    import yaml

    from framing.corpus.safeyaml import load_yaml

    path = folder / CORPUS_FILE
    if not path.is_file():
        return CorpusDescription(), []
    text, encoding = read_text(path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CorpusError(
            located(path, f"not valid YAML: {problem}; fix the line",
                    line=mark.line + 1 if mark is not None else None)
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(located(path, "must be a mapping with name, description and outlets"))
    unknown = sorted(str(key) for key in data if key not in ("name", "description", "outlets"))
    if unknown:
        warnings.append(located(path, f"unknown keys ignored: {', '.join(unknown)} "
                                "(known: name, description, outlets)"))
    outlets = data.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise CorpusError(located(path, "`outlets` must hold `aliases:` and/or `notes:`"))
    aliases, notes = outlets.get("aliases") or {}, outlets.get("notes") or {}
    for key, value in (("aliases", aliases), ("notes", notes)):
        if not isinstance(value, dict):
            raise CorpusError(
                located(path, f"`outlets.{key}` must be `name: value` lines, e.g. "
                        '"Fox Online News: Fox News"')
            )
    description = CorpusDescription(
        name=as_text(data.get("name")).strip(),
        description=as_text(data.get("description")).strip(),
        aliases={as_text(k): as_text(v) for k, v in aliases.items()},
        notes={as_text(k): as_text(v).strip() for k, v in notes.items()},
    )
    return description, warnings


def folder_files(folder: Path) -> list[Path]:
    """The files of a corpus folder that may be articles, sorted: all but its corpus.yaml,
    READMEs and licences, and what is hidden."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if not path.is_file():
            continue
        if relative == Path(CORPUS_FILE) or path.stem.lower() in _IGNORED_NAMES:
            continue
        files.append(path)
    return files
