import datetime as dt
from pathlib import Path

import pytest

from framing.corpus.folder import (
    DATE_PROBLEM,
    UNKNOWN_OUTLET,
    read_article_file,
    read_corpus_description,
    split_front_matter,
)
from framing.errors import CorpusError
from framing.types import PublishedDate

ARTICLE = """---
id: independent-2014-top-police-officer
outlet: The Independent
published: "2014-10-16"
date_approximate: false
date_note: ""
headline: "Top police officer warns of 'many more' child sex scandals"
standfirst: "The head of the National Crime Agency spoke out."
author: Ian Johnston
url: https://www.independent.co.uk/news/uk/crime/x.html
topic: child sexual exploitation
tags: [rotherham, police]
---

First paragraph, with  two spaces kept.

Second paragraph.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_every_field(tmp_path):
    article, warnings = read_article_file(write(tmp_path, "a.md", ARTICLE))
    assert warnings == []
    assert article.id == "independent-2014-top-police-officer"
    assert article.outlet == "The Independent"
    assert article.published == PublishedDate(dt.date(2014, 10, 16), "day")
    assert article.headline == "Top police officer warns of 'many more' child sex scandals"
    assert article.standfirst == "The head of the National Crime Agency spoke out."
    assert article.author == "Ian Johnston"
    assert article.url.startswith("https://www.independent.co.uk/")
    assert article.meta == {"date_note": "", "topic": "child sexual exploitation",
                            "tags": "rotherham, police"}
    assert article.source == str(tmp_path / "a.md")


def test_body_is_kept_exactly_minus_surrounding_blank_lines(tmp_path):
    article, _ = read_article_file(write(tmp_path, "a.md", ARTICLE))
    assert article.text == "First paragraph, with  two spaces kept.\n\nSecond paragraph."


def test_defaults_id_from_stem_and_outlet_from_url(tmp_path):
    path = write(tmp_path, "bbc-story.md", "---\npublished: 2014-08\ndate_approximate: true\n"
                 "headline: H\nurl: https://www.bbc.co.uk/news/x\n---\nBody.\n")
    article, warnings = read_article_file(path)
    assert article.id == "bbc-story"
    assert article.outlet == "BBC News"
    assert article.published == PublishedDate(dt.date(2014, 8, 1), "month", approximate=True)
    assert str(article.published) == "about 2014-08"
    assert warnings == [f"{path}: no outlet; took 'BBC News' from the url"]


def test_unquoted_yaml_date_and_year(tmp_path):
    day = write(tmp_path, "d.md", "---\noutlet: X\npublished: 2014-10-16\nheadline: H\n---\nB")
    year = write(tmp_path, "y.md", "---\noutlet: X\npublished: 2014\nheadline: H\n---\nB")
    assert read_article_file(day)[0].published == PublishedDate(dt.date(2014, 10, 16))
    assert read_article_file(year)[0].published == PublishedDate(dt.date(2014, 1, 1), "year")


def test_missing_outlet_and_url_warns(tmp_path):
    path = write(tmp_path, "x.md", "---\nheadline: H\n---\nBody")
    article, warnings = read_article_file(path)
    assert article.outlet == UNKNOWN_OUTLET
    assert any("no outlet and no url" in w and str(path) in w for w in warnings)


def test_absurd_date_warns_and_is_kept_in_meta(tmp_path):
    path = write(tmp_path, "x.md", "---\noutlet: X\nheadline: H\npublished: 0001-01-01\n---\nB")
    article, warnings = read_article_file(path)
    assert article.published is None
    assert "before 1800" in article.meta[DATE_PROBLEM]
    assert warnings == [f"{path}: {article.meta[DATE_PROBLEM]}"]


def test_empty_body_is_skipped_with_a_warning(tmp_path):
    path = write(tmp_path, "x.md", "---\noutlet: X\nheadline: H\n---\n\n  \n")
    article, warnings = read_article_file(path)
    assert article is None
    assert warnings == [f"{path}: the article has no text after the front matter; skipped"]


def test_broken_front_matter_names_file_and_line(tmp_path):
    path = write(tmp_path, "x.md", '---\noutlet: X\nheadline: "unclosed\nauthor: [a\n---\nB')
    with pytest.raises(CorpusError) as error:
        read_article_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}:")
    line = int(message.split(":")[1])
    assert 3 <= line <= 5
    assert "front matter is not valid YAML" in message and "fix the line" in message


def test_colon_in_unquoted_headline_points_at_its_line(tmp_path):
    path = write(tmp_path, "x.md", "---\noutlet: X\nheadline: Rotherham: a: b\n---\nB")
    with pytest.raises(CorpusError, match=rf"^{path}:3: front matter is not valid YAML"):
        read_article_file(path)


def test_unclosed_front_matter(tmp_path):
    path = write(tmp_path, "x.md", "---\noutlet: X\nheadline: H\nBody")
    with pytest.raises(CorpusError, match=rf"^{path}:1: front matter starts with --- but never"):
        read_article_file(path)


def test_front_matter_that_is_not_a_mapping(tmp_path):
    path = write(tmp_path, "x.md", "---\n- a\n- b\n---\nBody")
    with pytest.raises(CorpusError, match=r"front matter must be `key: value` lines"):
        read_article_file(path)


def test_split_front_matter_reports_body_line():
    matter = split_front_matter("---\na: 1\n---\n\n\nBody\n", source="x")
    assert matter.fields == {"a": 1}
    assert matter.body == "Body"
    assert matter.body_line == 6


def test_corpus_description(tmp_path):
    write(tmp_path, "corpus.yaml", "name: demo\ndescription: Five articles.\noutlets:\n"
          "  aliases:\n    Fox Online News: Fox News\n  notes:\n    Fox News: US cable news\n")
    description, warnings = read_corpus_description(tmp_path)
    assert (description.name, description.description) == ("demo", "Five articles.")
    assert description.aliases == {"Fox Online News": "Fox News"}
    assert description.notes == {"Fox News": "US cable news"}
    assert warnings == []


def test_corpus_description_errors(tmp_path):
    write(tmp_path, "corpus.yaml", "name: demo\noutlets: [a, b]\n")
    with pytest.raises(CorpusError, match="corpus.yaml: `outlets` must hold"):
        read_corpus_description(tmp_path)
    write(tmp_path, "corpus.yaml", "name: [demo\n")
    with pytest.raises(CorpusError, match=r"corpus.yaml:\d+: not valid YAML"):
        read_corpus_description(tmp_path)
