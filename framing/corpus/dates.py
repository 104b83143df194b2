"""Publication dates as real data writes them, keeping the precision they were given.

Fast paths (regular expressions) cover ISO dates and the common numeric forms; anything else
goes to dateutil, parsed twice with different defaults to learn which parts the text gave.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from functools import lru_cache

from framing.types import PublishedDate

EARLIEST_YEAR = 1800
FIX = "write it as YYYY-MM-DD (or YYYY-MM, YYYY)"

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"(\d{4})")
_YMD_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_US_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_APPROXIMATE = re.compile(r"^(?:about|approx\.?|approximately|circa|ca\.|c\.|~)\s*", re.I)
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_NOT_A_DATE = "__not_a_date__"


def parse_date(value: object) -> tuple[PublishedDate | None, str | None]:
    """Read a publication date; return `(date, warning)`. Never raises.

    Accepts date/datetime objects (from YAML or Parquet), a year as an int, and strings:
    `2014-10-16`, ISO timestamps, `2017/2/7`, US `7/23/17`, `16 October 2014`,
    `Tuesday 01 February 2022 15:14 EST`, `2014-08` (month precision), `2014` (year
    precision); a leading "about"/"circa" marks the date approximate. Empty values give
    `(None, None)`; unreadable, pre-1800 or future dates give `(None, warning)`.
    """
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return _checked(value.date(), "day", False, str(value))
    if isinstance(value, dt.date):
        return _checked(value, "day", False, str(value))
    if isinstance(value, bool):
        return None, f"cannot read the date {value!r}; {FIX}"
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float):
        if math.isnan(value):
            return None, None
        if not value.is_integer():
            return None, f"cannot read the date {value!r}; {FIX}"
        value = str(int(value))
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none", "null", "n/a"):
        return None, None
    return _parse_text(text, dt.date.today())


@lru_cache(maxsize=65536)
def _parse_text(text: str, today: dt.date) -> tuple[PublishedDate | None, str | None]:
    approximate = False
    stripped = _APPROXIMATE.sub("", text)
    if stripped != text:
        approximate, text = True, stripped.strip()
    parsed = _fast(text) or _with_dateutil(text)
    if parsed is None:
        return None, f"cannot read the date {text!r}; {FIX}"
    if parsed == _NOT_A_DATE:
        return None, f"{text!r} is not a real date; {FIX}"
    date, precision = parsed
    return _checked(date, precision, approximate, text, today)


def _fast(text: str):
    if match := _ISO_DAY.fullmatch(text) or _YMD_SLASH.fullmatch(text):
        return _build(int(match[1]), int(match[2]), int(match[3]), "day")
    if match := _ISO_MONTH.fullmatch(text):
        return _build(int(match[1]), int(match[2]), 1, "month")
    if match := _YEAR.fullmatch(text):
        return _build(int(match[1]), 1, 1, "year")
    if match := _US_SLASH.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), _full_year(match[3])
        # US order (month/day) as in American data; day/month when the first part is > 12.
        month, day = (second, first) if first > 12 else (first, second)
        return _build(year, month, day, "day")
    return None


def _full_year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    year = int(digits)
    century = 2000 if 2000 + year <= dt.date.today().year else 1900
    return century + year


def _build(year: int, month: int, day: int, precision: str):
    try:
        return dt.date(year, month, day), precision
    except ValueError:
        return _NOT_A_DATE


def _with_dateutil(text: str):
    from dateutil import parser

    first, second = dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown time zone names (EST, BST) do not matter
        try:
            a = parser.parse(text, default=first)
            b = parser.parse(text, default=second)
        except (ValueError, OverflowError, TypeError):
            if not _HAS_YEAR.search(text):
                return None
            try:
                a = parser.parse(text, default=first, fuzzy=True)
                b = parser.parse(text, default=second, fuzzy=True)
            except (ValueError, OverflowError, TypeError):
                return None
    if a.year != b.year:
        return None  # no year in the text: "16 October" is not a publication date
    if a.month != b.month:
        return a.date(), "year"
    if a.day != b.day:
        return a.date(), "month"
    return a.date(), "day"


def _checked(date: dt.date, precision, approximate: bool, text: str, today: dt.date | None = None):
    today = today or dt.date.today()
    if date.year < EARLIEST_YEAR:
        return None, f"date {text!r} is implausible (before {EARLIEST_YEAR}); treated as missing"
    if date > today:
        return None, f"date {text!r} is in the future; treated as missing"
    return PublishedDate(date, precision, approximate), None
