"""The canonical folder writer: safe YAML, safe file names, safe re-writes, round trip."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from framing.corpus.writer import (
    CORPUS_FILE,
    LOG_FILE,
    file_names,
    front_matter_text,
    safe_stem,
    write_folder,
)
from framing.errors import CorpusError
from framing.types import Article, Corpus, PublishedDate

LONG = "A standfirst " + "that goes on " * 30 + "and ends"


def article(identifier="independent-2014-top", **changes) -> Article:
    fields = dict(
        id=identifier,
        outlet="The Independent",
        published=PublishedDate(dt.date(2014, 8, 1), "month", approximate=True),
        headline="Police warn of 'many more' scandals – like Rotherham: “yes”",
        standfirst=LONG,
        text="First paragraph: a colon, a # hash and a “quote”.\n\nSecond paragraph.",
        author="Ian Johnston",
        url="https://www.independent.co.uk/a.html",
        meta={"date_note": "about the 27th", "published_time": "06:40 BST", "id": "clash"},
    )
    fields.update(changes)
    return Article(**fields)


def split(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_front_matter_fields_in_order_quoted_unwrapped_and_unicode():
    text = front_matter_text(article())
    fields, body = split(text)
    assert list(fields) == [
        "id", "outlet", "published", "date_approximate", "date_note", "headline",
        "standfirst", "author", "url", "meta_id", "published_time",
    ]
    assert fields["published"] == "2014-08" and fields["date_approximate"] is True
    assert fields["date_note"] == "about the 27th"
    assert fields["headline"] == "Police warn of 'many more' scandals – like Rotherham: “yes”"
    assert fields["standfirst"] == LONG
    assert fields["meta_id"] == "clash"  # a meta key named like a field does not shadow it
    assert body == "First paragraph: a colon, a # hash and a “quote”.\n\nSecond paragraph.\n"
    assert 'published: "2014-08"\n' in text  # quoted, so YAML never reads it as a date
    assert "–" in text and "“" in text  # unicode written as is
    assert f'standfirst: "{LONG}"\n' in text  # never wrapped


def test_front_matter_without_a_date():
    fields, _ = split(front_matter_text(article(published=None, meta={})))
    assert fields["published"] == "" and "date_approximate" not in fields


@pytest.mark.parametrize(
    ("identifier", "stem"),
    [("../../etc/passwd", "etc-passwd"), ("Ünïcödé Times/2014", "unicode-times-2014"),
     ("", "article"), ("...", "article"), ("CON", "article-con"), ("a\\b:c", "a-b-c"),
     ("corpus", "article-corpus")],
)
def test_safe_stem(identifier, stem):
    assert safe_stem(identifier) == stem


def test_file_names_distinct_when_ids_slug_alike():
    names = file_names([article("A b"), article("a-b"), article("a b")])
    assert names == ["a-b.md", "a-b-2.md", "a-b-3.md"]


def corpus_of(*articles: Article) -> Corpus:
    return Corpus(articles=articles, name="demo", description="A demo corpus.",
                  outlet_notes={"The Independent": "UK news website"})


def test_write_folder_writes_articles_corpus_yaml_and_log(tmp_path):
    out = tmp_path / "out"
    written = write_folder(corpus_of(article("one"), article("../two")), out,
                           outlet_aliases={"Independent": "The Independent"})
    assert written == [out / "one.md", out / "two.md"]
    assert sorted(p.name for p in out.iterdir()) == sorted([LOG_FILE, CORPUS_FILE, "one.md",
                                                            "two.md"])
    description = yaml.safe_load((out / CORPUS_FILE).read_text(encoding="utf-8"))
    assert description == {
        "name": "demo", "description": "A demo corpus.",
        "outlets": {"aliases": {"Independent": "The Independent"},
                    "notes": {"The Independent": "UK news website"}},
    }
    fields, _ = split((out / "two.md").read_text(encoding="utf-8"))
    assert fields["id"] == "../two"  # the id is kept; only the file name is made safe


def test_rewrite_replaces_own_files_and_removes_stale_ones(tmp_path):
    out = tmp_path / "out"
    write_folder(corpus_of(article("one"), article("two")), out)
    write_folder(corpus_of(article("one", headline="Changed")), out)
    assert sorted(p.name for p in out.iterdir()) == sorted([LOG_FILE, CORPUS_FILE, "one.md"])
    assert split((out / "one.md").read_text(encoding="utf-8"))[0]["headline"] == "Changed"


def test_refuses_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CorpusError, match="not written by `framing corpus import`"):
        write_folder(corpus_of(article("one")), out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_refuses_foreign_files_and_hand_edits(tmp_path):
    out = tmp_path / "out"
    write_folder(corpus_of(article("one")), out)
    (out / "extra.md").write_text("---\nid: x\n---\nbody\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="extra.md"):
        write_folder(corpus_of(article("one")), out)
    (out / "extra.md").unlink()
    edited = out / "one.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "A hand edit.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"one\.md: was edited after it was imported"):
        write_folder(corpus_of(article("one")), out)
    assert edited.read_text(encoding="utf-8").endswith("A hand edit.\n")


def test_refuses_a_file_as_folder(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="is a file"):
        write_folder(corpus_of(article()), target)


def test_round_trip_through_the_folder_reader(tmp_path):
    from framing.corpus import load

    original = [
        article("first"),
        article("second", published=PublishedDate(dt.date(2022, 2, 1)), standfirst="",
                author="", meta={"topic": "inquiry"}, outlet="BBC News"),
    ]
    write_folder(corpus_of(*original), tmp_path / "out")
    loaded = load(tmp_path / "out")
    assert loaded.name == "demo" and loaded.description == "A demo corpus."
    by_id = {a.id: a for a in loaded.articles}
    for expected in original:
        got = by_id[expected.id]
        assert (got.outlet, got.published, got.headline, got.standfirst, got.text,
                got.author, got.url) == (
            expected.outlet, expected.published, expected.headline, expected.standfirst,
            expected.text, expected.author, expected.url)
    assert by_id["first"].meta["date_note"] == "about the 27th"
    assert by_id["first"].meta["published_time"] == "06:40 BST"
    assert by_id["second"].meta["topic"] == "inquiry"
