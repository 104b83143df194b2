import datetime as dt
import gzip
import json

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import ReadOptions, load
from framing.errors import CorpusError
from framing.paths import DEFAULT_CORPUS
from framing.types import PublishedDate


def article(outlet="The Independent", published="2014-10-16", headline="H", body="Body.",
            extra=""):
    return (f"---\noutlet: {outlet}\npublished: \"{published}\"\nheadline: {headline}\n{extra}"
            f"---\n{body}\n")


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "demo"
    (root / "2014").mkdir(parents=True)
    (root / "a.md").write_text(article(), encoding="utf-8")
    (root / "2014" / "b.txt").write_text(article("Fox Online News", "2014-08"), "utf-8")
    (root / "c.md").write_text(article("fox news", "2015"), encoding="utf-8")
    (root / ".hidden.md").write_text("not read", encoding="utf-8")
    (root / "README.md").write_text("# About this corpus", encoding="utf-8")
    (root / "corpus.yaml").write_text(
        "name: Demo\ndescription: Three articles.\noutlets:\n  aliases:\n"
        "    Fox Online News: Fox News\n  notes:\n    fox online news: US cable news\n",
        encoding="utf-8")
    return root


def test_folder_with_corpus_yaml(folder):
    corpus = load(folder)
    assert [a.id for a in corpus.articles] == ["b", "a", "c"]  # sorted paths: 2014/b.txt first
    assert corpus.name == "Demo" and corpus.description == "Three articles."
    assert [a.outlet for a in corpus.articles] == ["Fox News", "The Independent", "Fox News"]
    assert corpus.outlet_notes == {"Fox News": "US cable news"}
    assert corpus.warnings == ()
    assert corpus.source == str(folder)
    assert corpus.articles[0].published == PublishedDate(dt.date(2014, 8, 1), "month")


def test_option_aliases_apply_after_corpus_yaml(folder):
    corpus = load(folder, options=ReadOptions(outlet_aliases={"The  independent": "Indy"}))
    assert [a.outlet for a in corpus.articles] == ["Fox News", "Indy", "Fox News"]


def test_single_files_by_suffix(tmp_path):
    md = tmp_path / "one.md"
    md.write_text(article(), encoding="utf-8")
    assert [a.id for a in load(md).articles] == ["one"]
    jsonl = tmp_path / "rows.jsonl.gz"
    jsonl.write_bytes(gzip.compress(b'{"text": "T", "outlet": "Fox Online News"}\n'))
    corpus = load(str(jsonl), options=ReadOptions(outlet_aliases={"Fox Online News": "Fox"}))
    assert [(a.id, a.outlet) for a in corpus.articles] == [("rows-1", "Fox")]
    assert corpus.name == "rows"


def test_tables_and_pages_inside_a_folder_are_read(tmp_path):
    (tmp_path / "rows.csv").write_text("text,outlet\nFrom a table.,X\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(article(), encoding="utf-8")
    corpus = load(tmp_path)
    assert sorted(a.id for a in corpus.articles) == ["a", "rows-1"]


def test_default_is_the_bundled_corpus():
    if not DEFAULT_CORPUS.is_dir():
        pytest.skip("the bundled corpus is not built yet")
    corpus = load()
    assert len(corpus.articles) == 5
    counts = {outlet: len(group) for outlet, group in corpus.by_outlet().items()}
    assert counts == {"BBC News": 1, "Breitbart": 1, "The Independent": 2,
                      "The Yorkshire Post": 1}
    dates = sorted(str(a.published) for a in corpus.articles)
    assert dates == ["2014-10-16", "2015-08-27", "2022-02-01", "about 2014-08",
                     "about 2021-11"]


def test_nonexistent_path(tmp_path):
    with pytest.raises(CorpusError, match=rf"^{tmp_path / 'absent'}: no such file or folder$"):
        load(tmp_path / "absent")


def test_folder_with_no_readable_article_lists_what_it_found(tmp_path):
    (tmp_path / "raw.txt").write_text("Just text, no front matter.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty.md").write_text("---\noutlet: X\n---\n\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{tmp_path}: no readable article; found ")
    assert "1 text file without front matter" in message
    assert "1 file with no article text" in message
    assert "2 files it does not read (1 .docx, 1 .pdf)" in message


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="no readable article; found no files at all"):
        load(tmp_path)


def test_skipped_files_are_warnings(folder):
    (folder / "raw.txt").write_text("No front matter.", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    corpus = load(folder)
    assert len(corpus.articles) == 3
    assert any("1 text file without front matter skipped (raw.txt)" in w
               for w in corpus.warnings)
    assert any("skipped 1 file framing does not read (1 .jpg)" in w for w in corpus.warnings)


def test_binary_file_in_folder_is_refused(folder):
    (folder / "z.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(CorpusError, match=r"z.txt: looks like a binary file, not text"):
        load(folder)


def test_duplicate_ids_name_both_files(tmp_path):
    (tmp_path / "a.md").write_text(article(extra="id: same\n"), encoding="utf-8")
    (tmp_path / "b.md").write_text(article(extra="id: same\n"), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load(tmp_path)
    message = str(error.value)
    assert str(tmp_path / "a.md") in message and str(tmp_path / "b.md") in message
    assert "'same'" in message


def test_unsupported_single_file(tmp_path):
    path = tmp_path / "export.rtf"
    path.write_bytes(b"{\\rtf1 Lexis}")
    with pytest.raises(CorpusError, match=r"framing cannot read \.rtf; it reads .*Factiva"):
        load(path)


def test_a_broken_docx_is_not_a_word_document(tmp_path):
    path = tmp_path / "export.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match=r"export\.docx: cannot be opened as a Word document "
                       r"\(not a valid \.docx file\); export it again"):
        load(path)


def test_table_with_only_empty_texts(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": " ", "outlet": "X"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no article with text in it"):
        load(path)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "absent", "no such file or folder"),
        (lambda p: (p / "x.md").write_text("---\na: [b\n---\nB") and p / "x.md",
         "front matter is not valid YAML"),
        (lambda p: (p / "t.csv").write_text("title,outlet\nH,X\n") and p / "t.csv",
         "the table has columns: title, outlet"),
        (lambda p: (p / "t.jsonl").write_text('{"text": "a"}\n{oops}\n') and p / "t.jsonl",
         "t.jsonl:2: not valid JSON"),
        (lambda p: (p / "b.txt").write_bytes(b"\x00\x00") and p / "b.txt",
         "looks like a binary file"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_code_1(tmp_path, make, expected):
    path = make(tmp_path)
    result = CliRunner().invoke(app, ["corpus", "info", str(path)])
    assert result.exit_code == 1
    output = result.output.strip()
    assert output.startswith("error: ") and expected in output
    assert len(output.splitlines()) == 1
    assert "Traceback" not in output
