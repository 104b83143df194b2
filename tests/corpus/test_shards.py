"""Corpora in shards: a glob of table files read as one corpus; `corpus import --shards N`."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import ReadOptions, load
from framing.corpus.shards import is_pattern, shard_files, write_shards
from framing.errors import CorpusError
from framing.paths import DEFAULT_CORPUS

runner = CliRunner()


def rows(n: int, *, start: int = 0) -> list[dict]:
    return [{"id": f"r{k}", "outlet": "Daily" if k % 3 else "Weekly", "date": "2014-08-26",
             "headline": f"Report {k}", "text": f"Article {k} on the inquiry into abuse.",
             "topic": "abuse" if k % 2 else "council"} for k in range(start, start + n)]


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def shards(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    write_jsonl(folder / "part-1.jsonl", rows(4))
    write_jsonl(folder / "part-2.jsonl", rows(3, start=4))
    return folder


def test_a_glob_of_shards_is_one_corpus_in_file_order(shards):
    corpus = load(str(shards / "part-*.jsonl"))
    assert [a.id for a in corpus.articles] == [f"r{k}" for k in range(7)]
    assert corpus.name == "data"
    assert corpus.articles[0].meta == {"topic": "council"}
    assert load(shards).articles == corpus.articles  # the folder reads the same


def test_shard_files_names_the_shards_of_a_glob_or_a_folder_of_them(shards, tmp_path):
    assert shard_files(str(shards / "part-*.jsonl")) == sorted(shards.glob("part-*.jsonl"))
    assert shard_files(shards) == sorted(shards.glob("part-*.jsonl"))
    (shards / "notes.md").write_text("---\nid: x\n---\nText\n", encoding="utf-8")
    assert shard_files(shards) is None  # not only shards: read here
    assert shard_files(shards / "part-1.jsonl") is None and shard_files(None) is None
    assert is_pattern(str(shards / "*.jsonl")) and not is_pattern(str(shards))


def test_a_pattern_that_matches_nothing_says_so(tmp_path):
    with pytest.raises(CorpusError, match="no file matches this pattern"):
        load(str(tmp_path / "part-*.parquet"))


def test_ids_are_checked_across_shards(shards):
    write_jsonl(shards / "part-3.jsonl", rows(1, start=2))
    with pytest.raises(CorpusError, match="both have the id 'r2'"):
        load(str(shards / "part-*.jsonl"))


def test_write_shards_reads_back_as_the_same_articles(tmp_path):
    corpus = load(DEFAULT_CORPUS)
    written = write_shards(corpus, tmp_path / "out", 2)
    assert [path.name for path in written] == ["part-00000.parquet", "part-00001.parquet"]
    again = load(tmp_path / "out")
    assert again.name == corpus.name
    assert [a.id for a in again.articles] == [a.id for a in corpus.articles]
    for read, original in zip(again.articles, corpus.articles, strict=True):
        assert read.published == original.published  # approximate dates too
        assert read.analysed_text == original.analysed_text
        assert dataclasses.replace(read, source="", meta={}) == dataclasses.replace(
            original, source="", meta={})
        assert {k: v for k, v in read.meta.items() if v} == {
            k: str(v) for k, v in original.meta.items()}
    assert load(str(tmp_path / "out" / "part-*.parquet")).articles == again.articles


def test_corpus_import_shards(tmp_path, shards):
    result = runner.invoke(app, ["corpus", "import", str(shards / "part-1.jsonl"),
                                 str(shards / "part-2.jsonl"), "-o", str(tmp_path / "out"),
                                 "--shards", "3"])
    assert result.exit_code == 0, result.output
    assert "wrote 3 shard(s)" in result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [".import-log.yaml", "corpus.yaml", "part-00000.parquet",
                     "part-00001.parquet", "part-00002.parquet"]
    assert [a.id for a in load(tmp_path / "out", options=ReadOptions()).articles] == [
        f"r{k}" for k in range(7)]
    again = runner.invoke(app, ["corpus", "import", str(shards / "part-1.jsonl"), "-o",
                                str(tmp_path / "out"), "--shards", "1"])
    assert again.exit_code == 0, again.output  # its own folder: replaced
    assert sorted(p.name for p in (tmp_path / "out").iterdir())[2:] == ["part-00000.parquet"]
    zero = runner.invoke(app, ["corpus", "import", str(shards), "-o", str(tmp_path / "z"),
                               "--shards", "0"])
    assert zero.exit_code != 0
