import datetime as dt

import pytest

from framing.corpus import ReadOptions, load
from framing.corpus.exports.factiva import is_factiva_html, read_factiva_html
from framing.corpus.load import reader_for
from framing.corpus.webpages import read_pages
from framing.types import PublishedDate
from tests.corpus.exports.builders import BODY, MORE, FactivaArticle, factiva_html

GERMAN_UI = FactivaArticle(
    headline="1) Zu Fuß von Kreuzberg nach Kopenhagen", section="Magazin",
    author="Sarah Pepin", headline_class="deHeadline counted",
    fields=("1285 Wörter", "9 Januar 1993", "The New York Times", "NYTF",
            "Late Edition - Final", "1", "Englisch",
            "Copyright 1993 The New York Times Company. All Rights Reserved."),
    document_id="NYTF000020050408dp1900j9s")
CHINESE_UI = FactivaArticle(
    headline="Trump orders Justice Dept. to declassify Russia-related material",
    section="National-Security", author="By Matt Zapotosky;Devlin Barrett;Karoun Demirjian",
    fields=("1236 字", "2018 年 9 月 18 日 17:04", "Washington Post.com", "WPCOM", "英文",
            "Copyright 2018, The Washington Post Co. All Rights Reserved"),
    document_id="WPCOM00020180917ee9h00dw1", tail=("Washington Post",))


def test_fields_of_an_english_interface_export(tmp_path):
    path = tmp_path / "irish.html"
    path.write_text(factiva_html([FactivaArticle()]), encoding="utf-8")
    assert is_factiva_html(path) and reader_for(path) is read_factiva_html
    (article,), warnings = read_factiva_html(path)
    assert warnings == []
    assert article.id == "irish-1"
    assert article.headline == "Is all sexual harassment equal?"
    assert article.outlet == "Irish Independent"
    assert article.published == PublishedDate(dt.date(2017, 11, 13), "day")
    assert article.author == "Kevin Doyle"
    assert article.text == f"{BODY}\n\n{MORE}"  # the bold search hit is plain text
    meta = article.meta
    assert meta["section"] == "News" and meta["word_count"] == "808"
    assert meta["edition"] == "1; National" and meta["page"] == "13"
    assert meta["export_language"] == "English" and meta["language"] == "en"
    assert meta["document_id"] == "IINM000020171113edbd0000d"
    assert meta["rights_holder"] == "Independent Newspapers Ireland Limited"
    assert meta["copyright"].startswith("(c) 2017 Independent")
    assert "IINM0000" not in article.analysed_text and "(c) 2017" not in article.analysed_text


def test_german_interface_dates_and_numbered_headlines(tmp_path):
    path = tmp_path / "german-ui.html"
    path.write_text(factiva_html([GERMAN_UI], ui_document="Dokument"), encoding="utf-8")
    (article,), _warnings = read_factiva_html(path)
    assert article.headline == "Zu Fuß von Kreuzberg nach Kopenhagen"
    assert article.published == PublishedDate(dt.date(1993, 1, 9), "day")
    assert article.outlet == "The New York Times"
    assert article.meta["word_count"] == "1285"
    assert article.meta["export_language"] == "Englisch"
    assert article.meta["edition"] == "Late Edition - Final"


def test_chinese_interface_dates_times_and_author_lists(tmp_path):
    path = tmp_path / "chinese-ui.html"
    path.write_text(factiva_html([CHINESE_UI], ui_document="文件"), encoding="utf-8")
    (article,), _warnings = read_factiva_html(path)
    assert article.published == PublishedDate(dt.date(2018, 9, 18), "day")
    assert article.meta["published_time"] == "17:04"
    assert article.outlet == "The Washington Post"  # "Washington Post.com"
    assert article.author == "Matt Zapotosky; Devlin Barrett; Karoun Demirjian"
    assert article.meta["source_code"] == "WPCOM"


def test_declared_utf8_holding_latin1_bytes_is_read_with_a_warning(tmp_path):
    path = tmp_path / "nyt_1.html"
    path.write_bytes(factiva_html([GERMAN_UI]).encode("latin-1"))
    (article,), warnings = read_factiva_html(path)
    assert article.meta["word_count"] == "1285"  # "1285 Wörter" read right
    assert article.headline == "Zu Fuß von Kreuzberg nach Kopenhagen"
    assert warnings == [f"{path}: declares UTF-8 but holds Latin-1 (Windows-1252) bytes; read "
                        "as Windows-1252. Check accented letters and quotation marks"]
    assert any("declares UTF-8 but holds Latin-1" in w for w in load(path).warnings)


def test_ordinary_web_pages_stay_with_the_page_reader(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Council apologises</title></head><body><article>"
                    f"<p>{BODY}</p><p>{MORE}</p></article></body></html>", encoding="utf-8")
    assert not is_factiva_html(page)
    assert reader_for(page) is read_pages


def test_a_folder_mixing_exports_pages_and_articles(tmp_path):
    from tests.corpus.exports.builders import NexisArticle, lexis_txt, write_nexis_docx

    (tmp_path / "factiva.html").write_text(factiva_html([FactivaArticle()]), encoding="utf-8")
    write_nexis_docx(tmp_path / "nexis.docx", [NexisArticle()])
    (tmp_path / "lexis.txt").write_text(lexis_txt([("The Sun (England)", "January 11, 2010 "
                                                    "Monday", "Council sorry", "Tom Smith",
                                                    [BODY, MORE])]), encoding="utf-8")
    (tmp_path / "own.md").write_text(f"---\noutlet: BBC News\nheadline: H\n---\n{BODY}\n",
                                     encoding="utf-8")
    corpus = load(tmp_path)
    assert sorted(a.id for a in corpus.articles) == ["factiva-1", "lexis-1", "nexis-1", "own"]
    assert sorted(a.outlet for a in corpus.articles) == [
        "BBC News", "Irish Independent", "The Guardian", "The Sun"]


def test_german_articles_are_left_out_by_default(tmp_path):
    german = FactivaArticle(
        headline="Jamaika-Ende", fields=("254 words", "25 November 2017",
                                         "Süddeutsche Zeitung", "SDDZ", "KIN3", "German",
                                         "Copyright 2017 Süddeutsche Zeitung GmbH"),
        paragraphs=("Bei der Bundestagswahl vor zwei Monaten wurden Vertreter sechs "
                    "verschiedener Parteien in den Bundestag gewählt.",
                    "Das ist aufwendig und ein merkwürdiges Signal, heißt so viel wie: Ja, "
                    "wir reden miteinander."), document_id="SDDZ000020171125edbp0006f")
    path = tmp_path / "mixed.html"
    path.write_text(factiva_html([FactivaArticle(), german]), encoding="utf-8")
    assert [a.outlet for a in load(path).articles] == ["Irish Independent"]
    kept = load(path, options=ReadOptions(all_languages=True)).articles
    assert [a.meta["language"] for a in kept] == ["en", "de"]
    assert kept[1].meta["page"] == "KIN3"


# --- the real exports ---------------------------------------------------------------------------

COUNTS = {"chinese-ui": 97, "chosun_ilbo_1_2018-05-28": 59, "german-ui": 100,
          "irish-independence_1_2017-11-14": 44, "nyt_1_1993-01-03": 27,
          "suddeutsche_1_2017-11-19": 51}


@pytest.mark.parametrize(("name", "count"), COUNTS.items())
def test_real_exports_read_with_the_anchors_counts(shared_data, name, count):
    path = shared_data / "exports" / "factiva" / f"{name}.html"
    if not path.is_file():
        pytest.skip(f"no {path}")
    articles, _warnings = read_factiva_html(path)
    assert len(articles) == count
    assert all(a.headline and a.text for a in articles)
    assert all(a.published is not None for a in articles)  # every date read, in any UI
    assert not any(a.headline[:1].isdigit() and ") " in a.headline[:5] for a in articles)


def test_real_exports_fields(shared_data):
    folder = shared_data / "exports" / "factiva"
    if not (folder / "nyt_1_1993-01-03.html").is_file():
        pytest.skip(f"no {folder}")
    nyt, warnings = read_factiva_html(folder / "nyt_1_1993-01-03.html")
    assert any("declares UTF-8 but holds Latin-1" in w for w in warnings)
    assert nyt[0].headline == "EUROPEAN INQUIRY SAYS SERBS' FORCES HAVE RAPED 20,000"
    assert nyt[0].published == PublishedDate(dt.date(1993, 1, 9), "day")
    assert nyt[0].author == "ALAN RIDING"
    assert nyt[0].meta["credit"] == "Special to The New York Times"
    irish = read_factiva_html(folder / "irish-independence_1_2017-11-14.html")[0]
    assert all(any(word in a.text for word in ("Dáil", "speech", "parliament", "debate"))
               for a in irish)  # the anchors' check that highlighted words are kept
    german = read_factiva_html(folder / "german-ui.html")[0]
    assert german[0].headline == "Zu Fuß von Kreuzberg nach Kopenhagen"
    assert german[0].outlet == "Der Tagesspiegel"
    chosun = read_factiva_html(folder / "chosun_ilbo_1_2018-05-28.html")[0]
    assert {a.meta["language"] for a in chosun} == {"ko"}
    chinese = read_factiva_html(folder / "chinese-ui.html")[0]
    assert chinese[0].published == PublishedDate(dt.date(2018, 10, 7), "day")
    assert chinese[0].meta["language"] == "de"
