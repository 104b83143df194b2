import dataclasses
import datetime as dt

import pytest

from framing.corpus import ReadOptions, load
from framing.corpus.exports import NotAnExport
from framing.corpus.exports.nexis import read_nexis_docx
from framing.corpus.load import read_file
from framing.corpus.quality import inspect
from framing.types import PublishedDate
from tests.corpus.exports.builders import BODY, MORE, NexisArticle, write_nexis_docx

WEB = NexisArticle(
    headline="Council failed abuse survivors, review finds",
    publication="Guardian.com.",
    date="August 26, 2014 Tuesday 11:04 PM GMT",
    byline="Helen Pidd",
    section="",
    length="250 words",
    paragraphs=(BODY.replace("girls'", "girls’"), MORE.replace("Tuesday", "Tuesday —")),
)


def test_articles_fields_and_metadata(tmp_path):
    path = write_nexis_docx(tmp_path / "guardian.docx", [NexisArticle(), WEB])
    articles, warnings = read_nexis_docx(path)
    assert warnings == []
    print_, web = articles
    assert [a.id for a in articles] == ["guardian-1", "guardian-2"]
    assert print_.headline == "Council failed abuse survivors, review finds"
    assert print_.outlet == web.outlet == "The Guardian"
    assert print_.published == PublishedDate(dt.date(2014, 8, 27), "day")
    assert web.published == PublishedDate(dt.date(2014, 8, 26), "day")
    assert print_.author == "Helen Pidd"
    assert print_.text == f"{BODY}\n\n{MORE}"  # the bold search hit is plain text
    meta = print_.meta
    assert meta["publication"] == "The Guardian (London) - Final Edition"
    assert meta["edition"] == "Final Edition"
    assert meta["section"] == "UK NEWS; Pg. 4"
    assert meta["word_count"] == "245"
    assert meta["byline_note"] == "Additional reporting by Josh Halliday"
    assert meta["load_date"] == "August 28, 2014"  # kept, never taken for the date
    assert meta["copyright"].startswith("Copyright 2014 Guardian News")
    assert meta["export_language"] == "ENGLISH" and meta["language"] == "en"
    assert meta["source_format"] == "Nexis Uni DOCX"
    assert web.meta["publication"] == "Guardian.com."
    assert web.meta["published_time"] == "11:04 PM GMT"
    for article in articles:  # metadata never reaches the analysed text
        assert "Load-Date" not in article.analysed_text
        assert "Copyright" not in article.analysed_text
        assert "Classification" not in article.analysed_text


def test_the_cover_page_is_not_an_article_and_files_without_one_read_alike(tmp_path):
    with_cover = write_nexis_docx(tmp_path / "a.docx", [NexisArticle()], cover=True)
    without = write_nexis_docx(tmp_path / "b.docx", [NexisArticle()], cover=False)
    first, second = read_nexis_docx(with_cover)[0][0], read_nexis_docx(without)[0][0]
    assert first.headline == second.headline == NexisArticle().headline
    assert (first.text, first.outlet) == (second.text, second.outlet)


def test_abstract_is_the_standfirst_and_full_text_the_body(tmp_path):
    article = NexisArticle(abstract="Jonathan Glennie: any immigration debate should weigh "
                           "the countries people leave.")
    found = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))[0][0]
    assert found.standfirst.startswith("Jonathan Glennie: any immigration")
    assert found.text == f"{BODY}\n\n{MORE}"
    assert "ABSTRACT" not in found.analysed_text and "FULL TEXT" not in found.analysed_text


def test_correction_appended_where_the_date_goes_leaves_the_article_undated(tmp_path):
    article = NexisArticle(headline="Weatherwatch - Correction Appended", date="",
                           extra_header=["\n Correction Appended"])
    articles, warnings = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))
    found = articles[0]
    assert found.headline == "Weatherwatch"
    assert found.published is None  # not the load date
    assert found.meta["correction"] == "appended"
    assert "'Correction Appended' where it goes" in found.meta["date_note"]
    assert any("1 article of the export without a publication date" in w for w in warnings)


def test_a_blog_name_where_the_date_usually_is_does_not_hide_the_date(tmp_path):
    article = NexisArticle(publication="The New York Times Blogs", extra_header=["(Green)"],
                           date="June 26, 2009 Friday 15:25 EST")
    found = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))[0][0]
    assert found.outlet == "The New York Times"
    assert found.published == PublishedDate(dt.date(2009, 6, 26), "day")
    assert found.meta["header_note"] == "(Green)"
    assert found.meta["published_time"] == "15:25 EST"


def test_url_graphic_and_related_articles_leave_the_body(tmp_path):
    article = NexisArticle(trailer=[
        "\nhttps://www.nytimes.com/2018/01/10/us/politics/canada-us-tariffs-wto.html",
        "\nGraphic", "PHOTOS: Logs stacked at a mill in British Columbia.",
    ])
    found = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))[0][0]
    assert found.url == "https://www.nytimes.com/2018/01/10/us/politics/canada-us-tariffs-wto.html"
    assert found.text == f"{BODY}\n\n{MORE}"
    assert found.meta["graphic"] == "PHOTOS: Logs stacked at a mill in British Columbia."


def test_printed_lines_given_as_paragraphs_are_joined(tmp_path):
    lines = ("WASHINGTON -- The Capitol already has become a ghost town. Exhausted",
             "lawmakers have left. Tourists queue up to peek inside the now-darkened",
             "House and Senate chambers.",
             "And three years after winning control of Congress, Republicans",
             "have flown home with the wind of a landmark balanced-budget deal",
             "at their backs.")
    article = NexisArticle(paragraphs=lines, bold="")
    articles, warnings = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))
    assert articles[0].text.split("\n\n") == [" ".join(lines[:3]), " ".join(lines[3:])]
    assert articles[0].meta["line_breaks"] == "joined"
    assert any("came with each printed line as a paragraph" in w for w in warnings)


def test_mojibake_in_the_export_is_kept_and_warned_about(tmp_path):
    text = "Amazon: Will Wall Street have finally got it right? Â¯\\_(ãƒ„)_/Â¯ " + MORE
    path = write_nexis_docx(tmp_path / "x.docx", [NexisArticle(paragraphs=(BODY, text))])
    corpus = load(path)
    assert "Â¯\\_(ãƒ„)_/Â¯" in corpus.articles[0].text
    assert any("looks mis-decoded: 'Â¯'" in w for w in corpus.warnings)


def test_html_character_references_left_in_the_text_are_read(tmp_path):
    article = NexisArticle(paragraphs=(BODY.replace("girls'", "girls&#8217;"), MORE))
    found = read_nexis_docx(write_nexis_docx(tmp_path / "x.docx", [article]))[0][0]
    assert "girls’ accounts" in found.text


def test_print_and_web_editions_are_kept_and_reported_as_near_duplicates(tmp_path):
    path = write_nexis_docx(tmp_path / "both.docx", [NexisArticle(), WEB])
    corpus = load(path)
    assert len(corpus.articles) == 2
    findings = inspect(corpus)
    assert findings.exact_duplicates == ()
    (group,) = findings.near_duplicates
    assert group.article_ids == ("both-1", "both-2")
    assert group.editions == ("Guardian.com.", "The Guardian (London) - Final Edition")
    assert any("editions: Guardian.com. / The Guardian (London) - Final Edition" in w
               for w in findings.warnings)


def test_a_word_document_that_is_not_an_export_says_so(tmp_path):
    import docx

    notes = docx.Document()
    notes.add_paragraph("Reading list for week 3")
    notes.save(str(tmp_path / "notes.docx"))
    with pytest.raises(NotAnExport, match=r"notes\.docx: is a Word document but not a Nexis "
                       r"Uni or Lexis export"):
        load(tmp_path / "notes.docx")
    # In a folder it is skipped, with a warning, beside the exports.
    write_nexis_docx(tmp_path / "export.docx", [NexisArticle()])
    corpus = load(tmp_path)
    assert [a.id for a in corpus.articles] == ["export-1"]
    assert any("notes.docx: is a Word document but not a Nexis" in w for w in corpus.warnings)


def test_a_file_named_docx_that_is_not_one(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(NotAnExport, match="cannot be opened as a Word document"):
        read_file(tmp_path / "x.docx")


def test_articles_not_in_english_are_left_out_unless_asked(tmp_path):
    german = NexisArticle(
        headline="Jugendamt ignorierte Hinweise auf Missbrauch",
        publication="Süddeutsche Zeitung", date="27. August 2014", byline="Von Anna Müller",
        paragraphs=("Die Behörden haben die Berichte der Betroffenen jahrelang ignoriert, "
                    "heißt es in dem Bericht, der am Dienstag vorgestellt wurde.",
                    "Der Bürgermeister entschuldigte sich und kündigte eine unabhängige "
                    "Untersuchung an."), bold="")
    path = write_nexis_docx(tmp_path / "mixed.docx", [NexisArticle(), german])
    corpus = load(path)
    assert [a.id for a in corpus.articles] == ["mixed-1"]
    assert corpus.left_out_languages == {"de": 1}
    assert any("left out 1 article not in English (German 1)" in w for w in corpus.warnings)
    everything = load(path, options=ReadOptions(all_languages=True))
    assert [a.id for a in everything.articles] == ["mixed-1", "mixed-2"]
    second = everything.articles[1]
    assert second.published == PublishedDate(dt.date(2014, 8, 27), "day")
    assert second.author == "Anna Müller"
    assert second.meta["language"] == "de"


# --- the real exports ---------------------------------------------------------------------------

COUNTS = {"guardian1": 2, "guardian2": 1, "guardian3": 62, "lexisnexistools-sample": 10,
          "misc": 100, "nyt1": 50, "nyt2": 100, "usa-today": 7, "washington-post": 50}


@pytest.mark.parametrize(("name", "count"), COUNTS.items())
def test_real_exports_read_with_the_anchors_counts(shared_data, name, count):
    path = shared_data / "exports" / "nexis-uni" / f"{name}.docx"
    if not path.is_file():
        pytest.skip(f"no {path}")
    articles, _warnings = read_nexis_docx(path)
    assert len(articles) == count
    assert all(a.headline and a.text and a.outlet for a in articles)
    assert all("Load-Date" not in a.text and "End of Document" not in a.text for a in articles)


def test_real_new_york_times_export(shared_data):
    path = shared_data / "exports" / "nexis-uni" / "nyt1.docx"
    if not path.is_file():
        pytest.skip(f"no {path}")
    articles = {a.id: a for a in read_nexis_docx(path)[0]}
    web, print_ = articles["nyt1-1"], articles["nyt1-2"]
    assert web.headline == ("Canada Attacks U.S. Tariffs by Taking Case to World Trade "
                            "Organization")
    assert web.published == PublishedDate(dt.date(2018, 1, 10), "day")
    assert print_.published == PublishedDate(dt.date(2018, 1, 11), "day")
    assert web.author == print_.author == "ANA SWANSON and IAN AUSTEN"
    assert print_.meta["edition"] == "Late Edition - Final"
    assert print_.url == ("https://www.nytimes.com/2018/01/10/us/politics/"
                          "canada-us-tariffs-wto.html")
    assert web.standfirst.startswith("A sweeping challenge to the Trump administration’s")
    assert articles["nyt1-18"].published is None  # "Correction Appended" where the date goes
    assert articles["nyt1-48"].outlet == "The New York Times"  # "The New York Times Blogs"
    corpus = load(path)
    pairs = {g.article_ids for g in inspect(corpus).near_duplicates}
    assert ("nyt1-1", "nyt1-2") in pairs  # the web and the print edition of one story


def test_real_guardian_and_usa_today_exports(shared_data):
    folder = shared_data / "exports" / "nexis-uni"
    if not (folder / "guardian3.docx").is_file():
        pytest.skip(f"no {folder}")
    guardian = {a.id: a for a in read_nexis_docx(folder / "guardian3.docx")[0]}
    assert {a.outlet for a in guardian.values()} == {"The Guardian"}
    assert guardian["guardian3-4"].meta["publication"] == "Guardian.com"
    assert guardian["guardian3-14"].published is None
    assert guardian["guardian3-14"].headline.endswith("by an unwelcome intruder")
    usa = read_nexis_docx(folder / "usa-today.docx")[0]
    assert [a.published.iso() for a in usa] == [
        "2002-05-02", "2013-11-27", "2004-10-12", "1997-08-06", "2007-01-09", "2007-01-09",
        "2002-03-12"]
    assert {a.meta["edition"] for a in usa} == {"FINAL EDITION", "FIRST EDITION"}
    assert usa[3].meta["line_breaks"] == "joined"
    assert usa[3].text.startswith("WASHINGTON -- The Capitol already has become a ghost "
                                  "town. Exhausted lawmakers have left.")


def test_real_export_language_of_placeholder_text(shared_data):
    path = shared_data / "exports" / "nexis-uni" / "lexisnexistools-sample.docx"
    if not path.is_file():
        pytest.skip(f"no {path}")
    corpus = load(path)
    assert corpus.left_out_languages == {"la": 8}  # lorem ipsum is Latin
    assert len(load(path, options=ReadOptions(all_languages=True)).articles) == 10
    assert dataclasses.asdict(corpus.articles[0])["outlet"] == "The Guardian"
