import datetime as dt

import pytest

from framing.corpus import load
from framing.corpus.exports.lexis_txt import is_lexis_txt, read_lexis_txt
from framing.corpus.folder import read_article_file
from framing.corpus.load import reader_for
from framing.types import PublishedDate
from tests.corpus.exports.builders import BODY, MORE, lexis_txt

RECORDS = [
    ("The Sun (England)", "January 11, 2010 Monday", "Council apologises to survivors",
     "TREVOR Kavanagh", [BODY, MORE]),
    ("MAIL ON SUNDAY (London)", "January 10, 2010 Sunday", "PRISONER OF HIS OWN CABINET",
     "BY STEPHEN POLLARD", [MORE, BODY]),
]


def test_records_and_their_fields(tmp_path):
    path = tmp_path / "sample.TXT"
    path.write_bytes(b"\xef\xbb\xbf" + lexis_txt(RECORDS, total=383).encode("utf-8"))
    assert is_lexis_txt(path) and reader_for(path) is read_lexis_txt
    articles, warnings = read_lexis_txt(path)
    assert warnings == []
    assert len(articles) == 2  # the headers found, whatever "of 383" says
    sun, mail = articles
    assert sun.id == "sample-1" and sun.source == f"{path}:8"  # the line of "1 of 383"
    assert sun.outlet == "The Sun" and mail.outlet == "The Mail on Sunday"
    assert sun.headline == "Council apologises to survivors"
    assert sun.published == PublishedDate(dt.date(2010, 1, 11), "day")
    assert sun.author == "TREVOR Kavanagh" and mail.author == "STEPHEN POLLARD"
    assert sun.text == f"{BODY}\n\n{MORE}"  # the 78-column lines joined again
    assert sun.meta["edition"] == "Edition 1; Scotland"
    assert sun.meta["section"] == "NEWS; Pg. 6" and sun.meta["word_count"] == "120"
    assert sun.meta["load_date"] == "January 11, 2010"
    assert sun.meta["graphic"] == "Council offices in Rotherham"
    assert sun.meta["copyright"] == "Copyright 2010 NEWS GROUP NEWSPAPERS LTD All Rights Reserved"
    assert "LOAD-DATE" not in sun.analysed_text and "Copyright" not in sun.analysed_text
    assert "Download Request" not in sun.analysed_text  # the cover page


def test_front_matter_text_files_stay_articles(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\noutlet: BBC News\nheadline: 1 of 2 DOCUMENTS\n---\nText.\n",
                    encoding="utf-8")
    assert not is_lexis_txt(path)
    assert reader_for(path) is read_article_file
    assert [a.id for a in load(path).articles] == ["a"]


def test_real_export(shared_data):
    path = shared_data / "exports" / "lexisnexis-txt" / "sample.TXT"
    if not path.is_file():
        pytest.skip(f"no {path}")
    articles, _warnings = read_lexis_txt(path)
    assert len(articles) == 10  # one header says "8 of 383 DOCUMENTS"
    assert [a.outlet for a in articles] == [
        "The Guardian", "The Guardian", "The Sun", "The Times", "The Times", "The Times",
        "The Guardian", "The Mail on Sunday", "Sunday Mirror", "Daily Mail"]
    assert [a.published.iso() for a in articles] == [
        "2010-01-11", "2010-01-11", "2010-01-11", "2010-01-11", "2010-01-11", "2010-01-11",
        "2010-01-08", "2010-01-10", "2010-01-10", "2010-01-09"]
    assert articles[7].headline == "PRISONER OF HIS OWN CABINET"
    assert articles[8].author == "Ross Ihaka and Robert Gentleman"
    assert articles[9].author == "" and articles[9].meta["word_count"] == "2968"
