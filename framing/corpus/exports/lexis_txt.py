"""Classic LexisNexis exports as plain text (.txt): "N of M DOCUMENTS" above each article.

```
                               3 of 10 DOCUMENTS          <- centred: the record starts
                               The Sun (England)          <- publication
                            January 11, 2010 Monday       <- date, then the edition lines
                                   Edition 1;
                                    Scotland
Headline                                                  <- flush left
BYLINE: TREVOR Kavanagh                                   <- "LABEL: value" paragraphs
SECTION: FEATURES; Pg. 6
LENGTH: 677 words
Body paragraphs, wrapped at about 78 columns, a blank line between them.
LOAD-DATE: January 11, 2010                               <- labels after the body
LANGUAGE: ENGLISH
                    Copyright 2010 NEWS GROUP NEWSPAPERS LTD   <- centred again
```

M cannot be trusted (a file of 10 may say "8 of 383"): the articles are the headers found.
The cover page before the first header (the request, the search terms) is not read. German
and French exports ("Dokument 1 von 10", "Document 1 de 10") are read the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

from framing.corpus.encoding import encoding_warning, read_text
from framing.corpus.exports.fields import Record, build_article, parse_export_date, summarise
from framing.errors import CorpusError, located
from framing.types import Article

FORMAT = "LexisNexis TXT"
SNIFF_BYTES = 65536
_DOCUMENT = re.compile(r"^\s*(?:\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+)"
                       r"\s*$", re.M | re.I)
_LABEL = re.compile(r"^(?P<label>[A-ZÄÖÜ][A-ZÄÖÜ-]+(?: [A-ZÄÖÜ-]+){0,2}): ?(?P<value>.*)$", re.S)
_CENTRED = 5  # a line indented by this many spaces or more is centred (furniture)
KNOWN_LABELS = {
    "BYLINE", "AUTHOR", "AUTOR", "SECTION", "RUBRIK", "RUBRIQUE", "LENGTH", "LÄNGE",
    "LONGUEUR", "DATELINE", "HIGHLIGHT", "LOAD-DATE", "LANGUAGE", "SPRACHE", "LANGUE",
    "GRAPHIC", "GRAFIK", "PUBLICATION-TYPE", "JOURNAL-CODE", "DOCUMENT-TYPE", "SUBJECT",
    "ORGANIZATION", "PERSON", "GEOGRAPHIC", "INDUSTRY", "COMPANY", "TICKER", "URL",
    "CORRECTION-DATE", "CORRECTION", "NOTES", "DISTRIBUTION", "SERIES", "EDITION", "UPDATE",
    "TYPE", "STATE", "COUNTRY", "CITY", "ACC-NO", "PUBLICATION",
}
_FIELDS = {"byline": "byline", "author": "byline", "autor": "byline", "section": "section",
           "rubrik": "section", "rubrique": "section", "length": "word_count",
           "länge": "word_count", "longueur": "word_count", "highlight": "standfirst",
           "url": "url"}
_META_KEYS = {"language": "export_language", "sprache": "export_language",
              "langue": "export_language", "grafik": "graphic"}


def is_lexis_txt(path: Path) -> bool:
    """True when a text file (without front matter) has an "N of M DOCUMENTS" line near
    its start."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if text.startswith("---"):
        return False
    return _DOCUMENT.search(text) is not None


def read_lexis_txt(path: Path, *, options: object = None) -> tuple[list[Article], list[str]]:
    """Read a LexisNexis .txt export: `(articles, warnings)`."""
    path = Path(path)
    text, encoding = read_text(path)
    warnings = [w for w in (encoding_warning(path, encoding),) if w]
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _DOCUMENT.fullmatch(line)]
    if not starts:
        raise CorpusError(located(path, "no \"N of M DOCUMENTS\" line: not a LexisNexis text "
                                  "export; give a text article YAML front matter instead"))
    articles = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True),
                                          start=1):
        source = f"{path}:{start + 1}"
        record = _record(_paragraphs(lines[start + 1:end]))
        if not record.paragraphs:
            warnings.append(located(source, "an article with no body text; skipped"))
            continue
        article, more = build_article(record, article_id=f"{path.stem}-{number}",
                                      source=source, source_format=FORMAT,
                                      source_file=path.name)
        articles.append(article)
        warnings += more
    return articles, warnings + summarise(path, articles, "export")


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _centred(paragraph: list[str]) -> bool:
    return all(len(line) - len(line.lstrip()) >= _CENTRED for line in paragraph)


def _joined(paragraph: list[str]) -> str:
    return " ".join(line.strip() for line in paragraph)


def _label(paragraph: list[str]) -> tuple[str, str] | None:
    match = _LABEL.match(_joined(paragraph))
    if match and match["label"] in KNOWN_LABELS:
        return match["label"], match["value"].strip()
    return None


def _record(paragraphs: list[list[str]]) -> Record:
    record = Record()
    at = 0
    notes = []
    while at < len(paragraphs) and _centred(paragraphs[at]):
        paragraph = paragraphs[at]
        if not record.date_line and parse_export_date(paragraph[0].strip()):
            record.date_line = paragraph[0].strip()
            record.edition = _joined(paragraph[1:])
        elif not record.publication:
            record.publication = _joined(paragraph)
        else:
            notes.append(_joined(paragraph))
        at += 1
    end = len(paragraphs)
    while end > at and (_centred(paragraphs[end - 1]) or _label(paragraphs[end - 1])):
        end -= 1
    trailer = paragraphs[end:]
    seen_length = False
    body: list[str] = []
    for paragraph in paragraphs[at:end]:
        label = _label(paragraph)
        if label:
            _set(record, *label)
            seen_length = seen_length or _FIELDS.get(label[0].casefold()) == "word_count"
        elif not record.headline and not body and not seen_length:
            record.headline = _joined(paragraph)
        else:
            body.append(_joined(paragraph))
    record.paragraphs = body
    copyright_lines = []
    for paragraph in trailer:
        label = _label(paragraph)
        if label:
            _set(record, *label)
        else:
            copyright_lines.append(_joined(paragraph))
    if copyright_lines:
        record.meta["copyright"] = " ".join(copyright_lines)
    if notes:
        record.meta["header_note"] = " | ".join(notes)
    if not record.date_line and notes:
        record.missing_date_because = notes[0]
    return record


def _set(record: Record, label: str, value: str) -> None:
    key = label.casefold()
    if key in _FIELDS:
        setattr(record, _FIELDS[key], value)
        return
    key = _META_KEYS.get(key, re.sub(r"[^\w]+", "_", key).strip("_"))
    record.meta[key] = f"{record.meta[key]}; {value}" if record.meta.get(key) else value
