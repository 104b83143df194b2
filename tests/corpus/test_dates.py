import datetime as dt

import pytest

from framing.corpus.dates import parse_date
from framing.types import PublishedDate


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2014-10-16", dt.date(2014, 10, 16), "day"),
        ("2017/2/7", dt.date(2017, 2, 7), "day"),
        ("16 October 2014", dt.date(2014, 10, 16), "day"),
        ("Tuesday 01 February 2022 15:14 EST", dt.date(2022, 2, 1), "day"),
        ("2016-09-20T10:00:00Z", dt.date(2016, 9, 20), "day"),
        ("2014-10-16T10:00:00.000+0000", dt.date(2014, 10, 16), "day"),
        ("7/23/17", dt.date(2017, 7, 23), "day"),  # US month/day/year
        ("23/7/2017", dt.date(2017, 7, 23), "day"),  # day first when it must be
        ("2014-08", dt.date(2014, 8, 1), "month"),
        ("October 2014", dt.date(2014, 10, 1), "month"),
        ("2014", dt.date(2014, 1, 1), "year"),
        (2014, dt.date(2014, 1, 1), "year"),
        (dt.date(2014, 1, 2), dt.date(2014, 1, 2), "day"),
        (dt.datetime(2015, 3, 4, 5, 6), dt.date(2015, 3, 4), "day"),
    ],
)
def test_real_formats_keep_their_precision(value, date, precision):
    assert parse_date(value) == (PublishedDate(date, precision), None)


def test_approximate_prefix():
    parsed, warning = parse_date("about 2014-08")
    assert warning is None
    assert parsed == PublishedDate(dt.date(2014, 8, 1), "month", approximate=True)
    assert str(parsed) == "about 2014-08"


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), "NaN"])
def test_empty_is_no_date_and_no_warning(value):
    assert parse_date(value) == (None, None)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0001-11-30", "before 1800"),
        ("2050-09-30", "in the future"),
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "in the future"),
        ("2014-02-30", "not a real date"),
        ("soon", "cannot read the date"),
        ("16 October", "cannot read the date"),  # no year: not a publication date
        (True, "cannot read the date"),
        (2014.5, "cannot read the date"),
    ],
)
def test_absurd_or_unreadable_dates_warn_and_never_raise(value, says):
    parsed, warning = parse_date(value)
    assert parsed is None
    assert says in warning


def test_today_is_not_the_future():
    today = dt.date.today()
    assert parse_date(today.isoformat()) == (PublishedDate(today), None)
