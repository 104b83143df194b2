"""`import framing` as a notebook uses it: load, analyse, report, the tables as DataFrames."""

from __future__ import annotations

import csv
import logging
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.features.output_tables import TABLES, _cell
from framing.paths import DEFAULT_CORPUS

PROJECT = Path(__file__).resolve().parents[1]


def cells(frame: pd.DataFrame) -> list[list[str]]:
    """A DataFrame's values as the CSV files write them."""
    return [[_cell(None if pd.isna(value) else value) for value in row]
            for row in frame.itertuples(index=False)]


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.fixture(scope="module")
def analysed():
    corpus = framing.load(DEFAULT_CORPUS)
    return corpus, framing.analyse(corpus, cache=False)


def test_the_readme_example_runs_and_its_dataframes_are_the_cli_s_csv_files(tmp_path,
                                                                           analysed):
    _corpus, features = analysed
    result = CliRunner().invoke(app, ["features", str(DEFAULT_CORPUS), "-o",
                                      str(tmp_path / "cli"), "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        frame = getattr(features, name.removesuffix(".csv"))
        # Without a period or a trend, periods and changes are empty (their columns given).
        empty = name in ("periods.csv", "changes.csv")
        assert isinstance(frame, pd.DataFrame) and bool(len(frame)) != empty, name
        written = csv_rows(tmp_path / "cli" / name)
        assert written[0] == list(frame.columns), name
        assert cells(frame) == written[1:], name
    report = framing.report(features, profile="handout")
    assert report.write_pdf(tmp_path / "out" / "handout.pdf").read_bytes().startswith(b"%PDF")
    html = report.write_html(tmp_path / "out" / "handout.html").read_text(encoding="utf-8")
    assert "data-article" in html
    assert [p.name for p in features.write_tables(tmp_path / "api")] == list(TABLES)
    for name in TABLES:
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()


def test_a_dataframe_is_a_corpus_with_the_cli_s_column_options(analysed):
    corpus, features = analysed
    frame = pd.DataFrame({
        "Story": [a.text for a in corpus.articles],
        "Paper": [a.outlet for a in corpus.articles],
        "title": [a.headline for a in corpus.articles],
        "section": ["news"] * len(corpus.articles),
    })
    loaded = framing.load(frame, text_column="Story", outlet_column="Paper",
                          outlet_aliases={"BBC News": "BBC"})
    assert [a.headline for a in loaded.articles] == [a.headline for a in corpus.articles]
    assert "BBC" in loaded.outlets and loaded.articles[0].meta == {"section": "news"}
    assert [a.id for a in loaded.articles] == [f"dataframe-{k}" for k in range(1, 6)]
    with pytest.raises(framing.CorpusError, match="no column 'body'"):
        framing.load(frame, text_column="body")


def test_tables_by_name_and_unknown_names(analysed):
    _corpus, features = analysed
    assert features.table("terms.csv") is features.terms
    assert features.table("quotes.csv") is features.quotes
    names = "outlets, articles, terms, mentions, sentences, periods, changes, quotes"
    with pytest.raises(KeyError, match=names):
        features.table("speakers")
    with pytest.raises(framing.ReportError, match="choose one of analyst, handout"):
        framing.report(features, profile="poster")


def test_the_library_prints_nothing_and_logs_its_warnings(tmp_path, analysed, capsys, caplog):
    corpus, _features = analysed
    blocked = tmp_path / "a-file"
    blocked.write_text("where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="framing"):
        framing.analyse(corpus, cache=blocked)
    assert "feature cache not used" in caplog.text
    assert capsys.readouterr() == ("", "")


def test_import_framing_stays_light():
    """`import framing` (and so `framing --help`) imports none of the heavy libraries."""
    code = ("import sys, framing; heavy = {'pandas', 'sklearn', 'weasyprint', 'matplotlib', "
            "'numpy', 'scipy'} & set(sys.modules); print(sorted(heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT, check=True)
    assert done.stdout.strip() == "[]"


def test_analyse_takes_a_roles_lexicon_and_gives_the_quotes(tmp_path, analysed):
    from framing.features.roles import load_roles

    _corpus, features = analysed
    quotes = features.quotes
    assert list(quotes.columns) == ["article_id", "outlet", "start", "end", "text", "kind",
                                    "speaker", "role", "cue", "cue_start", "cue_end", "paragraph"]
    texts = {a.id: a.analysed_text for a in features.corpus.articles}
    assert all(texts[r.article_id][r.start:r.end] == r.text for r in quotes.itertuples())
    assert "Professor Alexis Jay" in set(quotes["speaker"])
    roles = tmp_path / "roles.yaml"
    roles.write_text("name: mine\ncategories:\n  - name: academics\nterms:\n"
                     "  academics: [professor]\n", encoding="utf-8")
    small = framing.Corpus(features.corpus.articles[:1])
    for given in (str(roles), roles, load_roles(roles)):
        mine = framing.analyse(small, roles=given, cache=False)
        assert set(mine.quotes["role"]) <= {"academics", "other", "unattributed", ""}
        assert "academics" in set(mine.quotes["role"])
