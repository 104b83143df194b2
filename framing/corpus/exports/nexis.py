"""Nexis Uni / Lexis Advance exports saved as Word documents (.docx), read with python-docx.

One file holds several articles, each ending with an "End of Document" line, after an
optional cover page (user, job number, "Documents (50)" and the numbered list of titles).
An article reads, paragraph by paragraph:

```
Canada Challenges U.S. Tariffs In Appeal to World Trade Body      <- headline
The New York Times                                                <- publication
January 11, 2018 Thursday, Late Edition - Final                   <- date, edition
Copyright 2018 The New York Times Company
Section: Section B; Column 0; Business/Financial Desk; Pg. 1      <- "Label:" + no-break space
Length: 1143 words
Byline: By ANA SWANSON and IAN AUSTEN
Body
WASHINGTON -- Canada has filed ...                                <- body paragraphs
https://www.nytimes.com/2018/01/10/...                            <- the article's URL
Graphic / Classification / Related Articles / Correction          <- headed trailer sections
Load-Date: January 11, 2018
End of Document
```

Some records give "ABSTRACT" and "FULL TEXT" after "Body": the full text is the body, the
abstract the standfirst (else a "Highlight:" is). Where the date usually is, some carry
"Correction Appended" or the name of a blog: the date is looked for among the lines, never
taken from the load date. Search hits in bold are ordinary text here: only the words are read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from framing.corpus.exports import NotAnExport
from framing.corpus.exports.fields import (
    Record,
    build_article,
    parse_export_date,
    summarise,
    tidy,
)
from framing.errors import located
from framing.types import Article

FORMAT = "Nexis Uni DOCX"
END_OF_DOCUMENT = "End of Document"
BODY = "Body"
ABSTRACT, FULL_TEXT = "ABSTRACT", "FULL TEXT"
TRAILER_SECTIONS = {"Graphic": "graphic", "Classification": "classification",
                    "Related Articles": "related_articles", "Correction": "correction",
                    "Notes": "notes", "Attachments": "attachments"}
CORRECTION_APPENDED = "Correction Appended"

_COVER = re.compile(r"^(?:User Name|Date and Time|Job Number|Client/Matter|Search Terms|"
                    r"Search Type|Narrowed by|Content Type|Print Request|Time of Request)\s*:"
                    r"|^Documents \(\d+\)$")
_COVER_ENTRY = re.compile(r"^\d+\.\s+\S")
# Nexis writes a label, a colon and a no-break space: "Load-Date:\xa0May 30, 2014".
_LABEL = re.compile(r"^(?P<label>[A-Z][\w/&'-]*(?: [\w/&'-]+){0,2}):\xa0\s*(?P<value>.*)$",
                    re.S)
_SPACES = re.compile(r"[ \t\r\n]+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_ARTICLE_URL = re.compile(r"^(?:https?://)?[^/\s]+/\S+$")  # with a path: not a home page
_COPYRIGHT = re.compile(r"^(?:Copyright\b|©|\(c\)\s)", re.I)
_APPENDED = re.compile(r"\s+-\s+Correction Appended\s*$", re.I)
HEADER_FIELDS = {"section": "section", "length": "word_count", "byline": "byline",
                 "author": "byline", "highlight": "highlight"}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text as the document has it (line breaks kept as "\\n")."""

    text: str

    @property
    def line(self) -> str:
        return _line(self.text)


def _line(text: str) -> str:
    """`text` on one line; no-break spaces are kept, as they mark labels ("Length:\xa0")."""
    return _SPACES.sub(" ", text).strip(" ")


def read_nexis_docx(path: Path, *, options: object = None) -> tuple[list[Article], list[str]]:
    """Read a Nexis Uni / Lexis Advance .docx export: `(articles, warnings)`.

    Raises CorpusError for a file that is not a Word document, or a Word document that is
    not a Nexis export."""
    path = Path(path)
    paragraphs = document_paragraphs(path)
    records = _records(paragraphs)
    if not records:
        raise NotAnExport(located(path, "is a Word document but not a Nexis Uni or Lexis "
                                  f"export: no \"{END_OF_DOCUMENT}\" line after an article. "
                                  "framing reads .docx files exported from Nexis Uni or "
                                  "Lexis Advance; save other documents as text files with "
                                  "front matter (see `framing corpus import`)"))
    articles, warnings = [], []
    stem = path.stem
    for number, paragraphs_of_one in enumerate(records, start=1):
        source = f"{path}:{number}"
        record = _record(paragraphs_of_one, first=number == 1)
        if record is None or not any(p.strip() for p in record.paragraphs):
            warnings.append(located(source, "an article with no body text; skipped"))
            continue
        article, more = build_article(record, article_id=f"{stem}-{number}", source=source,
                                      source_format=FORMAT, source_file=path.name)
        articles.append(article)
        warnings += more
    return articles, warnings + summarise(path, articles, "export")


def document_paragraphs(path: Path) -> list[Paragraph]:
    """The paragraphs of a .docx file in order (tables, which hold only the cover page's
    search details in these exports, are left out)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile):
        why = "not a valid .docx file"
    except (KeyError, ValueError, OSError, SyntaxError) as error:  # a part missing or broken,
        # or another Office document ("content type is ...spreadsheetml...")
        why = str(error) or type(error).__name__
    else:
        return [Paragraph(block.text) for block in document.iter_inner_content()
                if isinstance(block, DocxParagraph)]
    raise NotAnExport(located(path, f"cannot be opened as a Word document ({why}); export "
                              "it again from Nexis Uni as .docx"))


def _records(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """The paragraphs of each article: those before each "End of Document" line."""
    records, current = [], []
    for paragraph in paragraphs:
        if paragraph.line == END_OF_DOCUMENT:
            records.append(current)
            current = []
        else:
            current.append(paragraph)
    return records


def _record(paragraphs: list[Paragraph], *, first: bool) -> Record | None:
    lines = [p.line for p in paragraphs]
    body_at = next((i for i, line in enumerate(lines) if line == BODY), None)
    if body_at is None:
        return None
    header = [line.strip() for line in lines[:body_at] if line.strip()]
    if first:
        header = _without_cover(header)
    record = Record()
    _read_header(header, record)
    _read_body(paragraphs[body_at + 1:], record)
    return record


def _without_cover(header: list[str]) -> list[str]:
    """The first article's header lines without the cover page before them."""
    marks = [i for i, line in enumerate(header) if _COVER.match(line)]
    if not marks:
        return header
    last = marks[-1]
    entries = [i for i, line in enumerate(header[:last + 1]) if _COVER_ENTRY.match(line)]
    return header[max([last, *entries]) + 1:]


def _read_header(lines: list[str], record: Record) -> None:
    if not lines:
        return
    headline = lines[0]
    if _APPENDED.search(headline):
        headline = _APPENDED.sub("", headline)
        record.meta["correction"] = "appended"
    record.headline = headline
    record.publication = lines[1] if len(lines) > 1 else ""
    notes: list[str] = []
    for line in lines[2:]:
        label = _LABEL.match(line)
        if label:
            _set_label(record, label["label"], label["value"], header=True)
        elif _COPYRIGHT.match(line):
            record.meta["copyright"] = line
        elif not record.date_line and _is_date(line):
            record.date_line = line
        elif line == CORRECTION_APPENDED:
            record.meta["correction"] = "appended"
            if not record.date_line:
                record.missing_date_because = line
        else:
            if not record.date_line and not record.missing_date_because:
                record.missing_date_because = line
            notes.append(line)
    if notes:
        record.meta["header_note"] = " | ".join(notes)
    highlight = record.meta.pop("highlight", "")
    if highlight:
        record.standfirst = highlight


def _is_date(line: str) -> bool:
    return parse_export_date(line) is not None


def _set_label(record: Record, label: str, value: str, *, header: bool) -> None:
    key = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")
    value = tidy(value)
    if header and key in HEADER_FIELDS:
        target = HEADER_FIELDS[key]
        if target == "highlight":
            record.meta["highlight"] = value
        else:
            setattr(record, target, value)
        return
    if key == "language":
        key = "export_language"
    record.meta[key] = f"{record.meta[key]}; {value}" if record.meta.get(key) else value


def _read_body(paragraphs: list[Paragraph], record: Record) -> None:
    """Body paragraphs, abstract, URL, trailer sections and labels after "Body"."""
    parts: dict[str, list[str]] = {"body": [], "abstract": []}
    state = "body"
    for paragraph in paragraphs:
        running: list[str] = []  # the pieces of one paragraph between structural lines
        for piece in (_line(p) for p in paragraph.text.split("\n")):
            if not piece.strip():
                continue
            label = _LABEL.match(piece)
            if piece in (ABSTRACT, FULL_TEXT) or piece in TRAILER_SECTIONS or label or (
                    state == "body" and _URL.match(piece)):
                _flush(parts, state, running)
                running = []
                if piece == ABSTRACT:
                    state = "abstract"
                elif piece == FULL_TEXT:
                    state = "body"
                elif piece in TRAILER_SECTIONS:
                    state = TRAILER_SECTIONS[piece]
                elif label:
                    _set_label(record, label["label"], label["value"], header=False)
                    state = "labels"
                elif not record.url and _ARTICLE_URL.match(piece):
                    record.url = piece
                continue
            running.append(piece)
        _flush(parts, state, running)
    record.paragraphs = parts["body"]
    if parts["abstract"]:
        if record.standfirst:
            record.meta["highlight"] = record.standfirst
        record.standfirst = " ".join(parts["abstract"])
    for name in ("graphic", "correction", "notes", "attachments"):
        if parts.get(name):
            record.meta[name] = " ".join(parts[name])
    if parts.get("related_articles"):
        record.meta["related_articles"] = "; ".join(parts["related_articles"])


def _flush(parts: dict[str, list[str]], state: str, running: list[str]) -> None:
    if running and state not in ("labels", "classification"):
        parts.setdefault(state, []).append(" ".join(running))
