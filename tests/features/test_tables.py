import csv
import datetime as dt
import io

import pandas as pd

from framing.features.tables import csv_text, neutralise, write_tables
from framing.types import (
    Article,
    ArticleFeatures,
    Corpus,
    Features,
    Lexicon,
    Mention,
    OutletFrame,
    OutletSentiment,
    PublishedDate,
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
        text="Body text here.",
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
        "mentions.csv",
        "outlets.csv",
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


def test_tables_are_byte_identical_across_runs(tmp_path):
    first = write_tables(small_features(), tmp_path / "1")
    second = write_tables(small_features(), tmp_path / "2")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_typed_writer_gives_exactly_the_generic_output():
    from framing.features.tables import KINDS, TABLES, _typed_csv_text

    hostile = "=cmd|' /C calc'!A0"
    extra = {
        "mentions.csv": [[hostile, "+Outlet", "lexicon", "@category", "-term", 0, 4,
                          'a "quoted", text', "own", 0, "headline"]],
    }
    for name, kinds in KINDS.items():
        columns, rows = TABLES[name](small_features())
        assert len(kinds) == len(columns)
        rows = rows + extra[name]
        assert _typed_csv_text(columns, kinds, rows) == csv_text(columns, rows)
    rows = [["-x", None, 0.1234567, True], ["-x", 3, None, False]]
    assert _typed_csv_text(["a", "b", "c", "d"], "tift", rows) == csv_text(["a", "b", "c", "d"],
                                                                          rows)


def test_sentences_writer_gives_exactly_the_generic_output(monkeypatch):
    import dataclasses

    from framing.features import tables
    from framing.features.tables import _sentences_csv_bytes, sentences_table

    def generic(features) -> bytes:
        return csv_text(*sentences_table(features)).encode("utf-8")

    features = small_features()
    odd = [SentenceScore('=cmd|"x"', 0, 1, 2, -0.0), SentenceScore("a,b", 3, 4, 5, 0.9999),
           SentenceScore("é\n", 1, 0, 1, 1.0)]
    features = dataclasses.replace(features, sentences=features.sentences + tuple(odd))
    # Kept article by article, as compute gives them: the same text.
    ids = ["a1", '=cmd|"x"', "a,b", "é\n", "none", "100%"]
    scored = [((0, 8, -0.5), (10, 20, 0.0)), ((1, 2, -0.0),), ((9, 9, 0.1), (4, 5, 0.9999)),
              ((0, 1, 1.0),), (), ((3, 7, -1.0), (8, 9, 0.0001), (10, 12, 1e-05))]
    by_article = dataclasses.replace(features, sentences=SentenceScores(tuple(ids),
                                                                       tuple(scored)))
    # Only VADER's compounds (multiples of 0.0001 in [-1, 1]): their cells are looked up.
    vader = [tuple(row for row in rows if row[2] != 1e-05) for rows in scored]
    by_article_vader = dataclasses.replace(features, sentences=SentenceScores(tuple(ids),
                                                                             tuple(vader)))
    assert tables._compound_cells(by_article_vader.sentences.scored) is not None
    assert tables._compound_cells(by_article.sentences.scored) is None
    no_sentences = dataclasses.replace(features, sentences=())
    for chunk in (1, 2, 3, 20_000):  # lines joined and encoded this many at a time
        monkeypatch.setattr(tables, "SENTENCE_CHUNK_LINES", chunk)
        for each in (features, by_article, by_article_vader, no_sentences):
            assert _sentences_csv_bytes(each) == generic(each), chunk
    assert b'"a,b",1,4,5,0.9999' in _sentences_csv_bytes(by_article)


def test_compound_cells_are_reprs_of_vader_compounds_only():
    from framing.features.tables import _compound_cells
    from framing.types import ScoredSentences

    def cells(*articles):
        found = _compound_cells([ScoredSentences([(0, 1, c) for c in compounds])
                                 for compounds in articles])
        return None if found is None else list(found)

    every = [k / 10_000 for k in range(-10_000, 10_001)]
    assert cells(every, [], [-0.0, 0.0, -0.0]) == [repr(c) for c in every] + [
        "-0.0", "0.0", "-0.0"]
    assert cells([0.1234, -0.05], [1.0]) == ["0.1234", "-0.05", "1.0"]
    assert cells() == [] and cells([]) == []
    for odd in (1e-05, 0.12345, 1.0001, -1.5, float("nan"), float("inf")):
        assert cells([0.5], [odd]) is None, odd
