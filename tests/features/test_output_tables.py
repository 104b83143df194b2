import csv
import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest

from framing.features.output_tables import csv_text, neutralise, write_tables
from framing.types import (
    Article,
    ArticleFeatures,
    Corpus,
    Features,
    Lexicon,
    LexiconCategory,
    Mention,
    OutletFrame,
    OutletSentiment,
    PublishedDate,
    Quotation,
    SentenceScore,
    SentenceScores,
    Span,
    TermScore,
)


def small_features() -> Features:
    a = Article(
        id="a1",
        outlet='=HYPERLINK("x")',
        published=PublishedDate(dt.date(2014, 8, 1), "month", True),
        headline="Headline, with “quotes”",
        standfirst="",
        text='Body text here. Ann Smith said: "-2 points, at least."',
    )
    b = Article(
        id="b1", outlet="Other", published=None, headline="H", standfirst="", text="More text."
    )
    corpus = Corpus(articles=(a, b), name="t")
    lexicon = Lexicon(
        name="ethnicity", description="", version="1", sources=(), categories=(), terms=()
    )
    return Features(
        corpus=corpus,
        lexicons=(lexicon,),
        articles=(
            ArticleFeatures("a1", a.outlet, 5, -0.25, 2, {"ethnicity": 1}),
            ArticleFeatures("b1", "Other", 3, None, 0, {"ethnicity": 0}),
        ),
        sentences=(SentenceScore("a1", 0, 0, 8, -0.5), SentenceScore("a1", 1, 10, 20, 0.0)),
        mentions=(
            Mention(
                "ethnicity", "people", "text", Span("a1", 0, 4), "Head", "own", 0, 0, "headline"
            ),
        ),
        terms=(TermScore(a.outlet, "body", 0.5, 1.25, 2.0, 1, 0, 1, 1),),
        sentiment=(OutletSentiment(a.outlet, -0.25, -0.25, -0.25, 1, 2, 0.5),),
        frames=(
            OutletFrame(a.outlet, "ethnicity", 1, 200.0, 1.0, 1, 1.0, "headline"),
            OutletFrame("Other", "ethnicity", 0, 0.0, 0.0, 0, None, None),
        ),
        outlet_words={a.outlet: 5, "Other": 3},
        quotations=(
            Quotation(Span("a1", 16, 22), "scare", "", "", "", None, None, 0),
            Quotation(Span("a1", 58, 78), "direct", "Ann Smith", "police", "said", 51, 55, 1, 41,
                      50),
        ),
        roles=Lexicon(name="roles", description="", version="1", sources=(),
                      categories=(LexiconCategory("police"), LexiconCategory("officials")),
                      terms=()),
    )


def test_neutralise_formula_cells():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-2") == "'-2"
    assert neutralise("plain") == "plain"


def test_csv_has_bom_and_numbers_stay_numbers():
    text = csv_text(["a", "b"], [["=x", -0.5], [None, 3]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [["a", "b"], ["'=x", "-0.5"], ["", "3"]]


def test_write_tables_columns_and_values(tmp_path):
    paths = write_tables(small_features(), tmp_path)
    assert sorted(p.name for p in paths) == [
        "articles.csv",
        "changes.csv",
        "mentions.csv",
        "outlets.csv",
        "periods.csv",
        "quotes.csv",
        "sentences.csv",
        "terms.csv",
    ]
    outlets = pd.read_csv(tmp_path / "outlets.csv")
    assert list(outlets.columns[:8]) == [
        "outlet",
        "articles",
        "words",
        "sentences",
        "sentiment_mean",
        "sentiment_ci_low",
        "sentiment_ci_high",
        "share_negative",
    ]
    assert "ethnicity_per_1k" in outlets.columns
    assert outlets.loc[0, "outlet"].startswith("'=")  # formula defused
    assert outlets.loc[0, "ethnicity_per_1k"] == 200.0
    articles = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert articles.loc[0, "published"] == "2014-08"
    assert articles.loc[0, "date_precision"] == "month"
    assert articles.loc[0, "headline"] == "Headline, with “quotes”"
    mentions = pd.read_csv(tmp_path / "mentions.csv")
    assert mentions.loc[0, "text"] == "Head" and mentions.loc[0, "voice"] == "own"
    sentences = pd.read_csv(tmp_path / "sentences.csv")
    assert list(sentences["compound"]) == [-0.5, 0.0]


def test_quotes_table_and_the_quotation_columns(tmp_path):
    features = small_features()
    text = features.corpus.articles[0].analysed_text
    write_tables(features, tmp_path)
    quotes = pd.read_csv(tmp_path / "quotes.csv", keep_default_na=False, dtype=str)
    assert list(quotes.columns) == ["article_id", "outlet", "start", "end", "text", "kind",
                                    "speaker", "role", "cue", "cue_start", "cue_end",
                                    "paragraph"]
    scare, direct = quotes.to_dict("records")
    assert direct["text"] == "'-2 points, at least."  # defused like every text cell
    assert text[58:78] == "-2 points, at least." and text[51:55] == "said"
    assert (direct["kind"], direct["speaker"], direct["role"], direct["cue"]) == (
        "direct", "Ann Smith", "police", "said")
    assert (direct["cue_start"], direct["cue_end"], direct["paragraph"]) == ("51", "55", "1")
    assert (scare["text"], scare["kind"], scare["speaker"], scare["cue_start"]) == (
        "quotes", "scare", "", "")
    outlets = pd.read_csv(tmp_path / "outlets.csv", keep_default_na=False)
    assert list(outlets.columns[-6:]) == [
        "quotations", "quoted_words", "quotations_police_share", "quotations_officials_share",
        "quotations_other_share", "quotations_unattributed_share"]
    first, other = outlets.to_dict("records")
    assert (first["quotations"], first["quoted_words"], first["quotations_police_share"]) == (
        1, 4, "1.0")  # direct quotations only; the scare quote is not a source
    assert first["quotations_officials_share"] == "0.0"
    assert (other["quotations"], other["quotations_police_share"]) == (0, "")  # none: empty
    mentions = pd.read_csv(tmp_path / "mentions.csv", keep_default_na=False)
    assert list(mentions.columns)[-1] == "speaker" and mentions.loc[0, "speaker"] == ""


def test_quotes_dataframe_keeps_offsets_as_integers():
    from framing.features.output_tables import dataframe, quotes_table

    frame = dataframe(quotes_table(small_features()))
    assert str(frame["cue_start"].dtype) == "Int64" and frame["cue_start"].isna().tolist() == [
        True, False]
    assert str(frame["start"].dtype) == "int64"


def test_tables_are_byte_identical_across_runs(tmp_path):
    first = write_tables(small_features(), tmp_path / "1")
    second = write_tables(small_features(), tmp_path / "2")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_big_tables_are_written_in_chunks_to_the_same_bytes(monkeypatch):
    from framing.features import output_tables

    rows = [[f"-{k}", k, k / 7, k % 2 == 0, None] for k in range(7)]
    table = output_tables.Table(("a", "b", "c", "d", "e"), rows)
    whole = output_tables.csv_bytes(table)
    for size in (1, 2, 3, 7, 8):
        monkeypatch.setattr(output_tables, "CHUNK_ROWS", size)
        assert output_tables.csv_bytes(table) == whole, size
    empty = output_tables.Table(("a",), [])
    assert output_tables.csv_bytes(empty) == "\ufeffa\n".encode()


def test_sentence_cells_are_the_compounds_repr():
    from framing.features.output_tables import csv_bytes, sentences_table
    from framing.types import ScoredSentences

    features = dataclasses.replace(small_features(), sentences=SentenceScores(
        ("a1", '=cmd|"x"', "a,b"),
        (ScoredSentences.of([(0, 8, -0.5), (10, 20, -0.0)]), ScoredSentences.of([]),
         ScoredSentences.of([(9, 9, 0.9999), (4, 5, 1.0)]))))
    lines = csv_bytes(sentences_table(features)).decode("utf-8").splitlines()
    assert lines == ["\ufeffarticle_id,index,start,end,compound", "a1,0,0,8,-0.5",
                     "a1,1,10,20,-0.0", '"a,b",0,9,9,0.9999', '"a,b",1,4,5,1.0']


def test_sentences_csv_has_the_bytes_any_table_of_its_rows_has(monkeypatch):
    """sentences.csv is formatted straight from the score arrays: the same bytes as the
    generic writer makes of its rows, whatever the ids, values and chunk size."""
    from framing.features import output_tables
    from framing.types import ScoredSentences

    odd_ids = ("a1", '=cmd|"x"', "a,b", "line\nbreak", "-1", "ünï")
    values = [(0, 8, -0.5), (10, 20, -0.0), (3, 4, 1 / 3), (5, 6, float("nan")),
              (7, 9, 1e-07), (1, 2, -0.99999949)]
    scores = SentenceScores(odd_ids, tuple(ScoredSentences.of(values[k:] + values[:k])
                                           for k in range(len(odd_ids))))
    features = dataclasses.replace(small_features(), sentences=scores)
    table = output_tables.sentences_table(features)
    generic = output_tables.Table(table.columns, list(table.rows))
    for size in (1, 4, 20_000):
        monkeypatch.setattr(output_tables, "CHUNK_ROWS", size)
        assert output_tables.csv_bytes(table) == output_tables.csv_bytes(generic), size


def test_dataframes_hold_the_csv_values(tmp_path):
    from framing.features.output_tables import TABLES, _cell, dataframe

    features = small_features()
    write_tables(features, tmp_path)
    for name, make in TABLES.items():
        frame = dataframe(make(features))
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as stream:
            written = list(csv.reader(stream))
        assert written[0] == list(frame.columns), name
        as_cells = [[_cell(None if pd.isna(value) else value) for value in row]
                    for row in frame.itertuples(index=False)]
        assert as_cells == written[1:], name


def test_tables_written_piece_by_piece_are_the_tables(tmp_path):
    from framing.corpus import load
    from framing.features.compute import compute
    from framing.features.output_tables import sentences_table, table_contents, write_tables
    from framing.lexicons import load_lexicons
    from framing.types import SentenceScores

    features = compute(load(), lexicons=load_lexicons(), workers=1)
    written = write_tables(features, tmp_path)
    assert {path: path.read_bytes() for path in written} == table_contents(features, tmp_path)
    rows = sentences_table(features).rows  # made as they are read, slice after slice
    every = list(SentenceScores.of(features.sentences).rows())
    assert list(rows) == every and len(rows) == len(every)
    assert rows[5:9] == every[5:9] and rows[9:20] == every[9:20] and rows[0:3] == every[0:3]
    assert rows[4] == every[4]


def test_quote_rows_read_alike_by_index_slice_and_iteration(monkeypatch):
    from framing.features import output_tables
    from framing.features.output_tables import quotes_table

    features = small_features()
    features = dataclasses.replace(features, quotations=features.quotations * 3)
    rows = quotes_table(features).rows
    monkeypatch.setattr(output_tables, "CHUNK_ROWS", 4)  # iteration crosses slices
    every = list(rows)
    assert len(every) == len(rows) == 6 and every[:2] == every[2:4] == every[4:]
    assert [rows[k] for k in range(-6, 6)] == every + every and rows[1:5] == every[1:5]
    assert every[1][4] == features.corpus.articles[0].analysed_text[58:78]


@pytest.mark.parametrize("make", ["articles_table", "mentions_table"])
def test_big_tables_read_alike_by_index_slice_and_iteration(bundled, monkeypatch, make):
    """Articles and mentions are made a slice at a time as they are read, in order."""
    from framing.features import output_tables

    _corpus, features = bundled
    rows = getattr(output_tables, make)(features).rows
    monkeypatch.setattr(output_tables, "CHUNK_ROWS", 4)  # iteration crosses slices
    every, n = list(rows), len(rows)
    assert len(every) == n > 4
    assert [rows[k] for k in range(-n, n)] == every + every
    assert rows[3:9] == every[3:9] and rows[9:3] == [] and rows[::2] == every[::2]
    with pytest.raises(IndexError):
        rows[n]
    expected = ([a.id for a in features.corpus.articles] if make == "articles_table"
                else [m.span.article_id for m in features.mentions])
    assert [row[0] for row in every] == expected
