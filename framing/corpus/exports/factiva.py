"""Factiva exports saved as web pages (.html): one `<div id="article-...">` per article.

Inside an article the fields are unlabelled `<div>`s in a fixed order, written in the
language of the Factiva interface the user had:

```
[section]  headline (span class="...Headline")  [author (div class="author")]  [credit]
word count ("808 words", "1285 Wörter", "8165 字")   date ("13 November 2017", "9 Januar 1993",
"2018 年 10 月 7 日 17:04")   [time]   source name   source code   [edition, page, volume]
language   copyright
```

then the body paragraphs (`p class="articleParagraph ..."`), then unclassed paragraphs:
captions or notes, the rights holder and "Document <id>". Fields are found by their form
(the word count is a number and a word, the date parses as a date), not by the labels of one
interface. Some interfaces number the headlines ("1) ..."): the number is dropped. Search
hits in bold are ordinary text here: only the words are read.

Factiva saves pages that say `charset=UTF-8`; an old export may hold Latin-1 bytes all the
same, which are read as Windows-1252 with a warning naming the file.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from framing.corpus.encoding import UTF8, encoding_warning, read_text
from framing.corpus.exports.fields import Record, build_article, parse_export_date, summarise
from framing.corpus.exports.fields import tidy as _tidy
from framing.errors import CorpusError, located
from framing.types import Article

FORMAT = "Factiva HTML"
SNIFF_BYTES = 262144
_WORD_COUNT = re.compile(r"^\d[\d.,\u00a0 ]*\s*[^\W\d_]+\.?$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[A-Z]{2,5})?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
_COPYRIGHT = re.compile(r"copyright|©|\(c\)|all rights reserved|quelle:", re.I)
_PAGE = re.compile(r"^[A-Z]{0,3}\d+[A-Z]?(?:\s*[-,/]\s*[A-Z]{0,3}\d+[A-Z]?)*$")
_VOLUME = re.compile(r"\b(?:volume|vol\.|issue|issn|jahrgang|ausgabe)\b|^\d{1,3}\s*[ /]\s*\d{4}$",
                     re.I)
_NUMBERED = re.compile(r"^\d+\)\s*")
_DOCUMENT_ID = re.compile(r"(?:^|\s)([A-Za-z0-9]{16,})\s*$")
_DECLARES_UTF8 = re.compile(rb"charset\s*=\s*[\"']?utf-?8", re.I)


def is_factiva_html(path: Path) -> bool:
    """True when a saved page looks like a Factiva export (its article paragraphs' class
    and the name Factiva near the start)."""
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except (OSError, EOFError):
        return False
    return b"articleParagraph" in head and (b"Factiva" in head or b'id="article-' in head)


def read_factiva_html(path: Path, *, options: object = None) -> tuple[list[Article], list[str]]:
    """Read a Factiva .html export: `(articles, warnings)`."""
    import lxml.html

    path = Path(path)
    text, encoding = read_text(path)
    warnings = [w for w in (_encoding_warning(path, encoding),) if w]
    try:
        document = lxml.html.document_fromstring(text)
    except (ValueError, TypeError) as error:
        raise CorpusError(located(path, f"cannot be read as a Factiva page ({error}); save "
                                  "the export from Factiva again")) from None
    divs = document.xpath('//div[starts-with(@id, "article-")]')
    if not divs:
        raise CorpusError(located(path, "no article in this Factiva page (no <div "
                                  "id=\"article-...\">); save the articles with Factiva's "
                                  "\"Save as article format\""))
    headlines = [_headline_span(div) for div in divs]
    all_numbered = all(span is not None and _NUMBERED.match(_tidy(span.text_content()))
                       for span in headlines)
    articles = []
    for number, (div, span) in enumerate(zip(divs, headlines, strict=True), start=1):
        source = f"{path}:{number}"
        record = _record(div, span, strip_number=all_numbered)
        if not record.paragraphs:
            warnings.append(located(source, "an article with no body text; skipped"))
            continue
        article, more = build_article(record, article_id=f"{path.stem}-{number}",
                                      source=source, source_format=FORMAT,
                                      source_file=path.name)
        articles.append(article)
        warnings += more
    return articles, warnings + summarise(path, articles, "export")


def _encoding_warning(path: Path, encoding: str) -> str | None:
    if encoding == UTF8:
        return None
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if _DECLARES_UTF8.search(head):
        return located(path, "declares UTF-8 but holds Latin-1 (Windows-1252) bytes; read as "
                       "Windows-1252. Check accented letters and quotation marks")
    return encoding_warning(path, encoding)


def _headline_span(div):
    spans = div.xpath('.//span[contains(@class, "Headline")]')
    return spans[0] if spans else None


def _record(div, span, *, strip_number: bool) -> Record:
    record = Record()
    record.meta["document_id"] = div.get("id", "").removeprefix("article-")
    headline = _tidy(span.text_content()) if span is not None else ""
    if span is not None and (strip_number or "counted" in (span.get("class") or "")):
        headline = _NUMBERED.sub("", headline)
    record.headline = headline
    before, after = [], []
    seen_headline = False
    paragraphs, tail = [], []
    for element in div.iter("div", "p"):
        classes = element.get("class") or ""
        if element.tag == "p":
            text = _tidy(element.text_content())
            if "articleParagraph" in classes:
                paragraphs.append(text)
                tail = []
            elif paragraphs and text:
                tail.append(text)
            continue
        if element.get("id") == "hd":
            seen_headline = True
        elif "author" in classes.split():
            record.byline = _tidy(element.text_content())
        elif not classes and not element.get("id") and not paragraphs:
            text = _tidy(element.text_content())
            if text:
                (after if seen_headline else before).append(text)
    record.paragraphs = paragraphs
    if before:
        record.section = "; ".join(before)
    _read_fields(after, record)
    _read_tail(tail, record)
    return record


def _read_fields(fields: list[str], record: Record) -> None:
    """The unlabelled fields after the headline: credit, word count, date, source, ..."""
    count_at = next((i for i, text in enumerate(fields) if _WORD_COUNT.match(text)), None)
    date_at = next((i for i, text in enumerate(fields)
                    if (count_at is None or i > count_at) and parse_export_date(text)), None)
    if date_at is None:
        record.missing_date_because = fields[count_at + 1] if (
            count_at is not None and count_at + 1 < len(fields)) else ""
        date_at = count_at if count_at is not None else -1
    else:
        record.date_line = fields[date_at]
    credits = fields[:count_at] if count_at is not None else []
    if credits:
        record.meta["credit"] = "; ".join(credits)
    if count_at is not None:
        record.word_count = fields[count_at]
    rest = fields[date_at + 1:]
    if rest and _TIME.match(rest[0]):
        record.meta["published_time"] = rest.pop(0)
    if rest and _COPYRIGHT.search(rest[-1]):
        record.meta["copyright"] = rest.pop()
    if rest:
        record.publication = rest.pop(0)
    codes = []
    if rest and _SOURCE_CODE.match(rest[0]):
        codes.append(rest.pop(0))
        while rest and rest[0].isalpha() and rest[0].isupper() and len(rest[0]) <= 12:
            codes.append(rest.pop(0))  # a second code ("BILDE", then "BIDE")
    if codes:
        record.meta["source_code"] = "; ".join(codes)
    if rest:
        record.meta["export_language"] = rest.pop()
    editions = []
    for text in rest:
        if _TIME.match(text):
            record.meta.setdefault("published_time", text)
        elif _VOLUME.search(text):
            record.meta["volume"] = text
        elif _PAGE.match(text):
            record.meta["page"] = f"{record.meta['page']}; {text}" if record.meta.get(
                "page") else text
        else:
            editions.append(text)
    if editions:
        record.edition = "; ".join(editions)


def _read_tail(tail: list[str], record: Record) -> None:
    """Paragraphs after the body: notes or captions, the rights holder, the document id."""
    if tail and _DOCUMENT_ID.search(tail[-1]):
        tail = tail[:-1]
    if tail:
        record.meta["rights_holder"] = tail[-1]
        tail = tail[:-1]
    if tail:
        record.meta["notes"] = " | ".join(tail)
