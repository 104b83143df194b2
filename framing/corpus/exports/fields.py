"""What the export readers share: one record's fields in, an Article out.

Each reader finds the parts of a record (headline, publication, the line with the date,
byline, body paragraphs, labelled metadata) in its own format and hands them to
`build_article`, which reads them the same way for every format:

- the publication name is tidied and mapped to an outlet by the bundled alias rules
  (publications.yaml); the edition goes to the metadata, the name as exported too;
- the date is read in English, German, French, Spanish, Italian, Dutch, Portuguese and
  Russian ("January 10, 2018 Wednesday", "9 Januar 1993", "5. Juli 2019",
  "9 de enero de 1993") and as Chinese, Japanese and Korean write it ("2018 年 10 月 7 日",
  "2018년 10월 7일"), keeping its precision; what follows it on the line is the edition
  or the time of day. Only the publication date is used, never the load date;
- the byline loses its "By" and any note after a semicolon ("; Ana Swanson reported from
  Washington" goes to the metadata); names keep the case the export gives them;
- the exported word count, section, load date, copyright, classification and document id
  go to `Article.meta`, never into the analysed text;
- the language is detected (framing.corpus.language).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.corpus.dates import parse_date
from framing.corpus.folder import UNKNOWN_OUTLET
from framing.corpus.outlets import KNOWN_OUTLETS, alias_key, alias_table, outlet_from_url
from framing.errors import located
from framing.types import Article, PublishedDate

PUBLICATIONS_FILE = Path(__file__).resolve().parents[1] / "publications.yaml"
DATE_NOTE = "date_note"

_MONTH_NAMES = {
    1: "january jan januar jän janvier janv enero ene gennaio genn januari janeiro "
       "январь января янв",
    2: "february feb februar février févr fevrier febrero febbraio febr februari fevereiro "
       "fev февраль февраля фев",
    3: "march mar märz maerz mär mars marzo maart março marco март марта",
    4: "april apr avril avr abril aprile abr апрель апреля апр",
    5: "may mai mayo maggio mei maio май мая",
    6: "june jun juni juin junio giugno junho июнь июня",
    7: "july jul juli juillet juil julio luglio julho июль июля",
    8: "august aug août aout agosto augustus ago август августа авг",
    9: "september sep sept septembre septiembre setiembre settembre set setembro "
       "сентябрь сентября сен",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out октябрь октября окт",
    11: "november nov novembre noviembre novembro ноябрь ноября",
    12: "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro "
        "декабрь декабря дек",
}
MONTHS: Mapping[str, int] = {name: number for number, names in _MONTH_NAMES.items()
                             for name in names.split()}
_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles "
    "jueves viernes sábado sabado domingo lunedì martedì mercoledì giovedì venerdì sabato "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
)
_WEEKDAY = "|".join(sorted(_WEEKDAY_NAMES.split(), key=len, reverse=True))
_MONTH = r"[^\W\d_]{3,}"
_LEADING_WEEKDAY = re.compile(rf"^(?:{_WEEKDAY})\b[.,]?\s*", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                             rf",?\s+(?P<year>\d{{4}})(?!\d)(?P<rest>.*)$", re.S)
_DAY_MONTH_YEAR = re.compile(rf"^(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?"
                             rf"(?P<month>{_MONTH})\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})(?!\d)"
                             rf"(?P<rest>.*)$", re.S | re.I)
_CJK = re.compile(r"^(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*"
                  r"(?:(?P<day>\d{1,2})\s*[日일]?)?(?P<rest>.*)$", re.S)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)(?P<rest>.*)$", re.S)
_MONTH_YEAR = re.compile(rf"^(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})(?!\d)(?P<rest>.*)$",
                         re.S)
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[-–]\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:\s*(?:[AaPp]\.?[Mm]\.?))?(?:\s*(?:[A-Z]{2,5}\b|Eastern Time|Pacific Time|Central "
    r"Time|Mountain Time)(?:[+-]\d{1,2}(?::?\d{2})?)?)?")
_EDITION_WORDS = re.compile(
    r"\b(?:edition|final|ausgabe|édition|edición|edizione|on the web)\b", re.I)
_EDITION_SUFFIX = re.compile(r"\s*(?:-|–|,)\s*(?P<edition>[^-–,]*\b(?:edition|final)\b.*)$",
                             re.I)
_NAME_BEFORE_PAREN = re.compile(r"(?<=[^\s(])\(")
_BY = re.compile(r"^(?:by|von|par|por|door|di|af|av)\s+", re.I)
_NOT_A_NAME_WORD = re.compile(r"[a-z]{3,}")
_CONNECTORS = {"and", "und", "with", "von", "van", "der", "den", "del", "della", "de", "di",
               "da", "dos", "das", "du", "le", "la", "bin", "al", "et", "y", "e"}
_DIGITS = re.compile(r"\d+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]$")
_CAPTION = re.compile(r"^(?:PHOTO|GRAPHIC|CHART|MAP|ILLUSTRATION|DIAGRAM|DRAWING|CARTOON)S?\s*:",
                      re.I)
LINES_JOINED = "line_breaks"  # meta key: "joined" when printed lines were made paragraphs


@dataclass
class Record:
    """The parts of one exported article, as its reader found them (text, not yet read)."""

    headline: str = ""
    publication: str = ""
    date_line: str = ""
    byline: str = ""
    section: str = ""
    word_count: str = ""
    standfirst: str = ""
    paragraphs: list[str] = field(default_factory=list)
    url: str = ""
    edition: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    missing_date_because: str = ""  # what stood where the date goes, when none was found


@dataclass(frozen=True)
class ExportDate:
    """A date read from an export line, and what followed it there."""

    published: PublishedDate
    rest: str


def tidy(text: str) -> str:
    """`text` on one line: runs of spaces, no-break spaces and line breaks made one space."""
    return " ".join(text.split())


_NUMERIC_REFERENCE = re.compile(r"&#(?:(\d{2,7})|[xX]([0-9a-fA-F]{2,6}));")


def without_character_references(text: str) -> str:
    """`text` with HTML numeric character references left in by the database ("country&#8217;s")
    written as the characters they stand for ("country’s")."""
    if "&#" not in text:
        return text

    def character(match: re.Match) -> str:
        number = int(match[1]) if match[1] else int(match[2], 16)
        try:
            return chr(number) if number > 8 else match.group()
        except (ValueError, OverflowError):
            return match.group()

    return _NUMERIC_REFERENCE.sub(character, text)


def parse_export_date(text: str) -> ExportDate | None:
    """The date a line of an export starts with, in any of the forms the databases write,
    with the rest of the line ("Wednesday, Late Edition - Final"); None when the line does
    not start with a date."""
    line = unicodedata.normalize("NFKC", tidy(text))
    line = _LEADING_WEEKDAY.sub("", line)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _CJK, _ISO, _MONTH_YEAR):
        match = pattern.match(line)
        if not match:
            continue
        groups = match.groupdict()
        month = groups["month"]
        number = int(month) if month.isdigit() else MONTHS.get(month.casefold().rstrip("."))
        if number is None or not 1 <= number <= 12:
            continue
        year = int(groups["year"])
        if groups.get("day"):
            iso, precision = f"{year:04d}-{number:02d}-{int(groups['day']):02d}", "day"
        else:
            iso, precision = f"{year:04d}-{number:02d}", "month"
        published, _problem = parse_date(iso)
        if published is None or published.precision != precision:
            return None
        return ExportDate(published, groups["rest"].strip(" ,;"))
    return None


def edition_and_time(rest: str) -> tuple[str, str]:
    """What follows the date on its line, as (edition, time of day): "Thursday, Late
    Edition - Final" -> ("Late Edition - Final", ""); "Monday 9:20 AM GMT" -> ("", "9:20 AM
    GMT")."""
    times = [match.group().strip() for match in _TIME.finditer(rest)]
    rest = _TIME.sub(" ", rest)
    words = re.sub(rf"\b(?:{_WEEKDAY})\b\.?", " ", rest, flags=re.I)
    edition = tidy(words).strip(" ,;:-–")
    return edition, " ".join(times)


def publication_outlet(name: str) -> tuple[str, str]:
    """The outlet a publication name belongs to, and the edition the name carries:
    "The Guardian (London) - Final Edition" -> ("The Guardian", "Final Edition")."""
    tidied = _NAME_BEFORE_PAREN.sub(" (", tidy(name)).rstrip(". ")
    edition = ""
    match = _EDITION_SUFFIX.search(tidied)
    if match and match.start() > 0:
        edition = match.group("edition").strip()
        tidied = tidied[:match.start()].rstrip(" ,-–")
    if not tidied:
        return UNKNOWN_OUTLET, edition
    known = publication_aliases().get(alias_key(tidied))
    if known:
        return known, edition
    if " " not in tidied and "." in tidied:
        from_domain = outlet_from_url(tidied)
        if from_domain in KNOWN_OUTLETS.values():
            return from_domain, edition
    return tidied, edition


@lru_cache(maxsize=1)
def publication_aliases() -> Mapping[str, str]:
    """The bundled publication-name rules (publications.yaml), keyed by `alias_key`."""
    from framing.corpus.safeyaml import load_yaml

    data = load_yaml(PUBLICATIONS_FILE.read_text(encoding="utf-8")) or {}
    return alias_table({str(k): str(v) for k, v in (data.get("aliases") or {}).items()})


def author_and_note(byline: str) -> tuple[str, str]:
    """The names in a byline, and what else it says: "By ANA SWANSON and IAN AUSTEN; Ana
    Swanson reported from Washington." -> ("ANA SWANSON and IAN AUSTEN", "Ana Swanson
    reported from Washington.")."""
    parts = [_BY.sub("", tidy(part)).strip() for part in tidy(byline).split(";")]
    names, notes = [], []
    for number, part in enumerate(parts):
        if not part:
            continue
        if number == 0 or _looks_like_names(part):
            names.append(part)
        else:
            notes.append(part)
    return "; ".join(names), " ".join(notes)


def _looks_like_names(text: str) -> bool:
    words = text.split()
    if len(words) > 8:
        return False
    return not any(_NOT_A_NAME_WORD.fullmatch(word.strip(",.")) and word not in _CONNECTORS
                   for word in words)


def join_wrapped_lines(paragraphs: Sequence[str]) -> list[str] | None:
    """Paragraphs that are really the lines of a printed column (an old export gives each
    line of print as a paragraph: "... a ghost town. Exhausted" / "lawmakers have left."),
    joined back into paragraphs; None when the paragraphs do not look like that.

    They look like that when nine in ten are at most 100 characters, at least 40% fill a line
    without ending a sentence, and at least a fifth of them start in lower case. A line then
    ends a paragraph when it ends a sentence, or stops short of the line width, and the next
    does not start in lower case."""
    if len(paragraphs) < 4:
        return None
    lengths = sorted(len(p) for p in paragraphs)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    full = [len(p) >= 0.6 * width and not _ENDS_SENTENCE.search(p) for p in paragraphs]
    continued = sum(p[:1].islower() for p in paragraphs[1:])
    if sum(full) < 0.4 * len(paragraphs) or continued < 0.2 * (len(paragraphs) - 1):
        return None
    joined = [paragraphs[0]]
    for before, paragraph in zip(full, paragraphs[1:], strict=False):
        if before or paragraph[:1].islower():
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def word_count(text: str) -> str:
    """The digits of an exported word count ("1,238 words" -> "1238"), or ""."""
    return "".join(_DIGITS.findall(text))


def build_article(
    record: Record, *, article_id: str, source: str, source_format: str, source_file: str,
) -> tuple[Article, list[str]]:
    """The Article a record describes, and warnings about it (each naming `source`)."""
    from framing.corpus.language import LANGUAGE, article_language

    warnings: list[str] = []
    meta = {key: tidy(value) for key, value in record.meta.items() if tidy(value)}
    meta["source_format"] = source_format
    meta["source_file"] = source_file

    outlet, name_edition = publication_outlet(record.publication)
    if record.publication:
        meta["publication"] = tidy(record.publication)
    if outlet == UNKNOWN_OUTLET:
        warnings.append(located(source, "no publication name; outlet unknown"))

    published = None
    date = parse_export_date(record.date_line) if record.date_line else None
    editions = [name_edition, record.edition]
    if date is not None:
        published = date.published
        line_edition, time_of_day = edition_and_time(date.rest)
        editions.append(line_edition)
        if time_of_day:
            meta["published_time"] = time_of_day
    else:
        why = record.missing_date_because or record.date_line
        meta[DATE_NOTE] = ("no publication date in the export" +
                           (f" ({why!r} where it goes)" if why else ""))
    edition = "; ".join(dict.fromkeys(tidy(e) for e in editions if tidy(e)))
    if edition:
        meta["edition"] = edition

    author, note = author_and_note(record.byline)
    if record.byline and tidy(record.byline) != author:
        meta["byline"] = tidy(record.byline)
    if note:
        meta["byline_note"] = note
    if record.section:
        meta["section"] = tidy(record.section)
    if record.word_count and word_count(record.word_count):
        meta["word_count"] = word_count(record.word_count)

    headline = without_character_references(tidy(record.headline))
    standfirst = without_character_references(tidy(record.standfirst))
    paragraphs = [without_character_references(tidy(p)) for p in record.paragraphs if tidy(p)]
    captions = []
    while paragraphs and _CAPTION.match(paragraphs[-1]):  # picture captions after the text
        captions.insert(0, paragraphs.pop())
    if captions:
        meta["graphic"] = " ".join([*captions, meta.get("graphic", "")]).strip()
    rejoined = join_wrapped_lines(paragraphs)
    if rejoined is not None:
        paragraphs = rejoined
        meta[LINES_JOINED] = "joined"
    body = "\n\n".join(p for p in paragraphs if p)
    language = article_language(headline, standfirst, body)
    if language:
        meta[LANGUAGE] = language
    article = Article(
        id=article_id,
        outlet=outlet,
        published=published,
        headline=headline,
        standfirst=standfirst,
        text=body,
        author=author,
        url=tidy(record.url),
        meta=meta,
        source=source,
    )
    return article, warnings


def summarise(path: Path, articles: Sequence[Article], what: str) -> list[str]:
    """Warnings about a whole export: articles without a date, headline or body text."""
    warnings = []
    undated = [a for a in articles if a.published is None]
    if undated:
        shown = "; ".join(f"{a.id}: {a.meta.get(DATE_NOTE, 'no date')}" for a in undated[:3])
        more = f"; and {len(undated) - 3} more" if len(undated) > 3 else ""
        warnings.append(located(path, f"{_count(len(undated), 'article')} of the {what} "
                                f"without a publication date, kept undated ({shown}{more}); "
                                "the load date is in their metadata, but it is when the "
                                "database loaded the article, not when it was published"))
    joined = [a.id for a in articles if a.meta.get(LINES_JOINED)]
    if joined:
        warnings.append(located(path, f"{_count(len(joined), 'article')} came with each printed "
                                f"line as a paragraph ({', '.join(joined[:5])}"
                                f"{' and more' if len(joined) > 5 else ''}); the lines were "
                                "joined into paragraphs where a line ended mid-sentence"))
    no_headline = [a.id for a in articles if not a.headline]
    if no_headline:
        warnings.append(located(path, f"{_count(len(no_headline), 'article')} without a "
                                f"headline ({', '.join(no_headline[:5])})"))
    return warnings


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
