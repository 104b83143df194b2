import csv
import datetime as dt
import gzip
import json
import threading

import pytest

from framing.corpus import ReadOptions
from framing.corpus import input_tables as tables_module
from framing.corpus.folder import DATE_PROBLEM
from framing.corpus.input_tables import read_csv, read_jsonl, read_parquet, resolve_columns
from framing.errors import CorpusError
from framing.types import PublishedDate

ROWS = [
    {"ID": "a1", "Outlet": "The Guardian", "Date": "2014-08-27", "Title": "First",
     "URL": "https://www.theguardian.com/a", "Body": "Text one.", "topic": "crime"},
    {"ID": "a2", "Outlet": "", "Date": "16 October 2014", "Title": "Second",
     "URL": "https://www.bbc.co.uk/news/b", "Body": "Text two.\n\nParagraph two.",
     "topic": ""},
]


def write_csv(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path, rows):
    text = "".join(json.dumps(row) + "\n" for row in rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check_rows(articles):
    first, second = articles
    assert (first.id, first.outlet, first.headline) == ("a1", "The Guardian", "First")
    assert first.published == PublishedDate(dt.date(2014, 8, 27))
    assert first.text == "Text one."
    assert first.meta == {"topic": "crime"}
    assert second.outlet == "BBC News"  # no outlet value: from the URL
    assert second.published == PublishedDate(dt.date(2014, 10, 16))
    assert second.text == "Text two.\n\nParagraph two."
    assert second.meta == {"topic": ""}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_with_sniffed_delimiter(tmp_path, delimiter):
    path = write_csv(tmp_path / "articles.csv", ROWS, delimiter)
    articles, warnings = read_csv(path, options=ReadOptions())
    check_rows(articles)
    assert warnings == [f"{path}: 1 row with no outlet; took it from the URL's domain (line 3)"]


def test_csv_row_spanning_lines_is_numbered_by_its_first_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text,outlet\n"one\n\ntwo",X\n,\n"",Y\n', encoding="utf-8")
    articles, warnings = read_csv(path, options=ReadOptions())
    assert [a.text for a in articles] == ["one\n\ntwo"]
    assert articles[0].source == f"{path}:2"
    assert any("1 row with empty text; skipped (line 6)" in w for w in warnings)


def test_csv_row_with_too_many_fields(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,outlet\nA,X\nB,Y,Z\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"^{path}:3: 3 fields but the header has 2"):
        read_csv(path, options=ReadOptions())


def test_tsv(tmp_path):
    articles, _ = read_csv(write_csv(tmp_path / "a.tsv", ROWS, "\t"), options=ReadOptions())
    check_rows(articles)


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.ndjson", "articles.jsonl.gz"])
def test_jsonl(tmp_path, name):
    path = write_jsonl(tmp_path / name, ROWS)
    articles, _ = read_jsonl(path, options=ReadOptions())
    check_rows(articles)
    assert articles[1].source == f"{path}:2"


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({
        "article_id": ["p1", "p2"],
        "publication": ["Reuters", None],
        "publish_date": [dt.datetime(2019, 5, 1, 12, 0), None],
        "headline": ["H1", "H2"],
        "link": ["https://www.reuters.com/x", "https://www.cnn.com/y"],
        "content": ["Body one.", "Body two."],
        "score": [0.5, float("nan")],
    })
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    articles, _ = read_parquet(path, options=ReadOptions())
    assert [a.id for a in articles] == ["p1", "p2"]
    assert [a.outlet for a in articles] == ["Reuters", "CNN"]
    assert articles[0].published == PublishedDate(dt.date(2019, 5, 1))
    assert articles[1].published is None
    assert articles[0].meta == {"score": "0.5"}
    assert articles[1].meta == {"score": ""}


def test_ids_without_id_column_are_stem_and_row_number(tmp_path):
    rows = [{"text": "One."}, {"text": ""}, {"text": "Three."}]
    path = write_jsonl(tmp_path / "batch.jsonl.gz", rows)
    articles, warnings = read_jsonl(path, options=ReadOptions())
    assert [a.id for a in articles] == ["batch-1", "batch-3"]  # the empty row keeps its number
    assert any("1 row with empty text; skipped (line 2)" in w for w in warnings)
    again, _ = read_jsonl(path, options=ReadOptions())
    assert [a.id for a in again] == ["batch-1", "batch-3"]


def test_explicit_columns_override_defaults(tmp_path):
    rows = [{"text": "wrong", "story": "right", "paper": "Daily Mail", "when": "2017/2/7",
             "head": "H", "where": "https://x.org", "key": "k1"}]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    options = ReadOptions(text_column="story", outlet_column="PAPER", date_column="when",
                          headline_column="head", url_column="where", id_column="key")
    (article,), _ = read_jsonl(path, options=options)
    assert (article.id, article.outlet, article.headline, article.url) == (
        "k1", "Daily Mail", "H", "https://x.org")
    assert article.text == "right"
    assert article.published == PublishedDate(dt.date(2017, 2, 7))
    assert article.meta == {"text": "wrong"}


def test_no_text_column_lists_the_columns(tmp_path):
    path = write_csv(tmp_path / "a.csv", [{"headline": "H", "outlet": "X", "story": "S"}])
    with pytest.raises(CorpusError) as error:
        read_csv(path, options=ReadOptions())
    message = str(error.value)
    assert message.startswith(f"{path}: no text column")
    assert "the table has columns: headline, outlet, story" in message
    assert "--text-column" in message


def test_explicit_column_that_does_not_exist(tmp_path):
    path = write_csv(tmp_path / "a.csv", [{"text": "T", "outlet": "X"}])
    with pytest.raises(CorpusError, match=r"no column 'source' \(--outlet-column\); the table "
                       r"has columns: text, outlet"):
        read_csv(path, options=ReadOptions(outlet_column="source"))


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_broken_jsonl_line_gives_its_number(tmp_path, monkeypatch, name):
    monkeypatch.setattr(tables_module, "GUNZIP_STEP", 5)  # many blocks: lines cut across them
    path = tmp_path / name
    data = b'{"text": "one"}\n\n{"text": "two"}\n{"text": "three\n'
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    with pytest.raises(CorpusError, match=rf"^{path}:4: not valid JSON: "):
        read_jsonl(path, options=ReadOptions())
    assert not [t for t in threading.enumerate() if t.name == "gunzip"]  # stopped, not left


def gzip_members(*parts: bytes) -> bytes:
    return b"".join(gzip.compress(part) for part in parts)


@pytest.mark.parametrize("data", [
    gzip.compress(b""),
    gzip_members(b'{"text": "one"}\n', b'{"text": "two"}\n'),
    gzip_members(b'{"text": "one"}\n{"te', b'xt": "two"}'),  # a line across two members
    gzip.compress(b'{"text": "one"}\n') + b"\x00" * 9,  # padding, as tape archives leave
    gzip.compress(("".join(f'{{"text": "article {i}"}}\n' for i in range(3000))).encode()),
], ids=["empty", "two members", "line across members", "zero padding", "many blocks"])
def test_gzip_blocks_are_gzips_decompression(monkeypatch, data):
    monkeypatch.setattr(tables_module, "GUNZIP_STEP", 7)
    assert b"".join(tables_module._gunzip(data)) == gzip.decompress(data)


@pytest.mark.parametrize("data", [
    gzip.compress(b'{"text": "one"}\n' * 50)[:40],  # cut short
    gzip.compress(b'{"text": "one"}\n') + b"junk",
    gzip.compress(b'{"text": "one"}\n')[:-8] + b"\x00\x00\x00\x00\x10\x00\x00\x00",  # CRC
    b"not gzip at all",
], ids=["truncated", "trailing junk", "wrong checksum", "not gzip"])
def test_broken_gzip_jsonl_says_so(tmp_path, data):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data)
    with pytest.raises((OSError, EOFError)):
        gzip.decompress(data)  # what gzip itself says: broken
    with pytest.raises(CorpusError, match=rf"^{path}: is not a valid gzip file \("):
        read_jsonl(path, options=ReadOptions())


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "one"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"^{path}:2: each line must be a JSON object"):
        read_jsonl(path, options=ReadOptions())


RECORDS = ('{"text": "Caf\u00e9 cr\u00e8me \u00e0 la gare \U0001f600", "outlet": "Le Monde"}\n'
           '{"text": "Second \u201cquoted\u201d", "outlet": "Le Monde"}\n')


@pytest.mark.parametrize(("encoded", "warned"), [
    (RECORDS.encode("utf-8"), False),
    (b"\xef\xbb\xbf" + RECORDS.encode("utf-8"), False),
    (RECORDS.replace("\n", "\r\n").encode("utf-8"), False),
    (RECORDS.encode("utf-16"), False),
    (RECORDS.replace(" \U0001f600", "").replace("\u201c", '\\"').replace("\u201d", '\\"')
     .encode("latin-1"), True),
], ids=["utf-8", "utf-8 with BOM", "CRLF", "utf-16", "latin-1"])
@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_jsonl_in_any_encoding_reads_the_same_text(tmp_path, encoded, warned, name):
    path = tmp_path / name
    stored = gzip.compress(encoded) if name.endswith(".gz") else encoded
    path.write_bytes(stored)
    articles, warnings = read_jsonl(path, options=ReadOptions())
    assert articles[0].text.startswith("Café crème à la gare")
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]
    assert any("not UTF-8" in w for w in warnings) == warned
    assert path.read_bytes() == stored


def test_jsonl_with_an_encoded_surrogate_is_not_taken_for_utf_8(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "lone \xed\xa0\x80 surrogate", "outlet": "X"}\n')
    articles, _ = read_jsonl(path, options=ReadOptions())
    articles[0].text.encode("utf-8")  # no lone surrogate reaches the text


def test_latin_1_csv_is_decoded_and_named(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("text,outlet\nCafé crème à la gare,Le Monde\n".encode("latin-1"))
    (article,), warnings = read_csv(path, options=ReadOptions())
    assert article.text == "Café crème à la gare"
    assert f"{path}: not UTF-8; read as Windows-1252 (detected). Check accented letters and " \
        "quotation marks, or save the file as UTF-8" in warnings


def test_date_problems_are_recorded_on_the_article(tmp_path):
    rows = [{"text": "a", "date": "0001-01-01"}, {"text": "b", "date": ""}]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    first, second = read_jsonl(path, options=ReadOptions())[0]
    assert first.published is None and "before 1800" in first.meta[DATE_PROBLEM]
    assert second.published is None and DATE_PROBLEM not in second.meta


def test_resolve_columns_is_case_insensitive():
    columns = resolve_columns(["Text", "SOURCE", "Published", "Link"], ReadOptions(), source="x")
    assert (columns.text, columns.outlet, columns.date, columns.url) == (
        "Text", "SOURCE", "Published", "Link")
    assert columns.id is None and columns.headline is None


def test_allsides_table(shared_data):
    path = shared_data / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    articles, _ = read_jsonl(path, options=ReadOptions())
    assert len(articles) == 37554
    assert len({a.id for a in articles}) == 37554
    assert len({a.outlet for a in articles}) == 491
    assert sum(1 for a in articles if a.meta.get(DATE_PROBLEM)) == 3  # 0001 twice, 2050 once
    assert set(articles[0].meta) == {"topic", "allsides_bias"}
