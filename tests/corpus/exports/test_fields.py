import datetime as dt

import pytest

from framing.corpus.exports.fields import (
    author_and_note,
    edition_and_time,
    join_wrapped_lines,
    parse_export_date,
    publication_outlet,
)
from framing.types import PublishedDate


@pytest.mark.parametrize(("line", "date", "precision", "rest"), [
    ("January 11, 2018 Thursday, Late Edition - Final", dt.date(2018, 1, 11), "day",
     "Thursday, Late Edition - Final"),
    ("May 2, 2002, Thursday,, FINAL EDITION", dt.date(2002, 5, 2), "day",
     "Thursday,, FINAL EDITION"),
    ("June 08, 1995, Thursday, Final Edition", dt.date(1995, 6, 8), "day",
     "Thursday, Final Edition"),
    ("9 Januar 1993", dt.date(1993, 1, 9), "day", ""),
    ("5. Juli 2019", dt.date(2019, 7, 5), "day", ""),
    ("Friday, 5. July 2019 09:31:00 CEST", dt.date(2019, 7, 5), "day", "09:31:00 CEST"),
    ("9 de enero de 1993", dt.date(1993, 1, 9), "day", ""),
    ("13 novembre 2017", dt.date(2017, 11, 13), "day", ""),
    ("2018 年 10 月 7 日 17:04", dt.date(2018, 10, 7), "day", "17:04"),
    ("2018年10月7日", dt.date(2018, 10, 7), "day", ""),
    ("2018년 10월 7일", dt.date(2018, 10, 7), "day", ""),
    ("April 2017", dt.date(2017, 4, 1), "month", ""),
])
def test_dates_as_the_databases_write_them(line, date, precision, rest):
    found = parse_export_date(line)
    assert found.published == PublishedDate(date, precision)
    assert found.rest == rest


@pytest.mark.parametrize("line", ["Correction Appended", "(Green)", "Copyright 2014 Guardian",
                                  "1285 Wörter", "Late Edition - Final", "February 30, 2014"])
def test_lines_that_are_not_dates(line):
    assert parse_export_date(line) is None


def test_edition_and_time_after_the_date():
    assert edition_and_time("Thursday, Late Edition - Final") == ("Late Edition - Final", "")
    assert edition_and_time("Monday 9:20 AM GMT") == ("", "9:20 AM GMT")
    assert edition_and_time("Monday 20:00:00 - 21:00:00 Eastern Time") == (
        "", "20:00:00 - 21:00:00 Eastern Time")
    assert edition_and_time("Thursday,, FINAL EDITION") == ("FINAL EDITION", "")


@pytest.mark.parametrize(("name", "outlet", "edition"), [
    ("The Guardian(London)", "The Guardian", ""),
    ("The Guardian (London) - Final Edition", "The Guardian", "Final Edition"),
    ("Guardian.com.", "The Guardian", ""),
    ("The Guardian (Charlottetown, Prince Edward Island)",
     "The Guardian (Charlottetown, Prince Edward Island)", ""),  # another paper
    ("USA TODAY", "USA Today", ""),
    ("The New York Times ", "The New York Times", ""),
    ("washingtonpost.com", "The Washington Post", ""),
    ("nytimes.com", "The New York Times", ""),
    ("Yukon News (Yukon)", "Yukon News (Yukon)", ""),
    ("", "(unknown outlet)", ""),
])
def test_publication_names_become_outlets(name, outlet, edition):
    assert publication_outlet(name) == (outlet, edition)


@pytest.mark.parametrize(("byline", "author", "note"), [
    ("By ANA SWANSON and IAN AUSTEN; Ana Swanson reported from Washington, and Ian Austen "
     "from Ottawa.", "ANA SWANSON and IAN AUSTEN",
     "Ana Swanson reported from Washington, and Ian Austen from Ottawa."),
    ("By Matt Zapotosky;Devlin Barrett;Karoun Demirjian",
     "Matt Zapotosky; Devlin Barrett; Karoun Demirjian", ""),
    ("VON CONSTANZE VON BULLION, NICO FRIED", "CONSTANZE VON BULLION, NICO FRIED", ""),
    ("Duncan Lumsden; Special for USA TODAY", "Duncan Lumsden", "Special for USA TODAY"),
    ("; Andrew C. Revkin contributed reporting from Copenhagen.", "",
     "Andrew C. Revkin contributed reporting from Copenhagen."),
    ("이길성;조의준", "이길성; 조의준", ""),
])
def test_bylines(byline, author, note):
    assert author_and_note(byline) == (author, note)


def test_paragraphs_that_are_not_printed_lines_stay_as_they_are():
    headlines = ["Hearing sets up dramatic showdown between Kavanaugh, accuser",
                 "Emergency crews throw supply lifeline to isolated Wilmington",
                 "The Latest: South Korea president arrives in North Korea",
                 "SpaceX close to announcing 1st private moon flight passenger"]
    assert join_wrapped_lines(headlines) is None
    assert join_wrapped_lines(["One short paragraph.", "Another."] * 3) is None
