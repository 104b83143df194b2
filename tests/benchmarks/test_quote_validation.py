"""benchmarks/quote_validation.py: the speaker rule, kappa, reading annotations, and the whole
validation on a small hand annotation of the bundled corpus (ids, offsets and labels only:
rotherham_quotes.csv, and rotherham_quotes_second.csv from a second annotator)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from framing.corpus import load
from framing.paths import DEFAULT_CORPUS

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parents[1] / "benchmarks" / "quote_validation.py"
FIRST = HERE / "rotherham_quotes.csv"
SECOND = HERE / "rotherham_quotes_second.csv"


@pytest.fixture(scope="module")
def qv():
    spec = importlib.util.spec_from_file_location("quote_validation", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["quote_validation"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(qv):
    return qv.validate(qv.read_annotation(FIRST), load(DEFAULT_CORPUS),
                       second=qv.read_annotation(SECOND))


@pytest.mark.parametrize(("expected", "got", "same"), [
    ("Professor Alexis Jay", "Professor Alexis Jay", True),
    ("Jay", "Professor Alexis Jay", True),  # a shorter form of the same name
    ("Alexis Jay", "Prof. Alexis Jay", True),  # titles and punctuation aside
    ("Donald Trump", "Donald J. Trump", True),
    ("J. Smith", "John Smith", True),
    ("Jack Straw", "former Home Secretary Jack Straw", True),
    ("Mr Matthews", "Ruth Matthews", False),  # a man is not Ruth
    ("Mary Smith", "John Smith", False),
    ("Simon Bailey", "Sarah Bailey", False),
    ("Bailey", "Simon Brown", False),
    ("IICSA", "Independent Inquiry into Child Sexual Abuse", True),  # an acronym, spelt out
    ("a police spokesman", "police spokesman", True),
    ("a police spokesman", "a spokesman", False),  # descriptions must be equal
    ("an IPCC spokeswoman | a spokeswoman", "a spokeswoman", True),  # forms accepted
    ("unattributed", "unattributed", True),
    ("unattributed", "Simon Bailey", False),
    ("NSPCC", "the NSPCC", True),
])
def test_the_speaker_rule(qv, expected, got, same):
    assert qv.same_speaker(expected, got) is same


def test_cohen_kappa(qv):
    assert qv.cohen_kappa([]) is None
    assert qv.cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert qv.cohen_kappa([("a", "a"), ("a", "a")]) == 1.0
    # Half agree, each rater says "a" half the time: no better than chance.
    assert qv.cohen_kappa([("a", "a"), ("b", "b"), ("a", "b"), ("b", "a")]) == 0.0
    # 3 of 4 agree; chance agreement (2*1 + 2*3) / 16 = 0.5.
    assert qv.cohen_kappa([("a", "a"), ("b", "b"), ("a", "b"), ("b", "b")]) == \
        pytest.approx((0.75 - 0.5) / 0.5)


def test_the_bundled_annotation_has_no_article_text(qv):
    header = FIRST.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(qv.COLUMNS)
    corpus = load(DEFAULT_CORPUS)
    texts = [a.analysed_text for a in corpus.articles]
    for path in (FIRST, SECOND):
        for row in qv.read_annotation(path):
            # every cell is a label or a short note, never a quoted passage
            assert len(row.speaker) < 60 and len(row.note) < 80
            assert not any(len(row.note) > 30 and row.note in text for text in texts)


def test_coverage_speaker_and_role_accuracy(figures):
    assert (figures.annotated, figures.direct, figures.hand_unattributed) == (23, 22, 1)
    assert figures.found == 22
    assert (figures.attributed, figures.coverage) == (21, pytest.approx(21 / 22))
    assert figures.speaker_right == 21 and figures.speaker_accuracy == 1.0
    assert figures.role_right == 19 and figures.role_accuracy == pytest.approx(19 / 21)
    assert figures.role_right_all == 20 and figures.role_agreement_all == pytest.approx(20 / 22)


def test_failures_name_the_article_the_offsets_and_what_differs(figures):
    failures = {(f.article_id, f.start, f.end): f for f in figures.failures}
    assert len(failures) == 2
    jay = failures[("breitbart-2015-rotherham-sex-scandal", 2383, 2400)]
    assert (jay.problem, jay.expected, jay.got) == (
        "role", "Professor Alexis Jay (officials)", "Professor Alexis Jay (experts)")
    spokeswoman = failures[("breitbart-2015-rotherham-sex-scandal", 1670, 1744)]
    assert spokeswoman.got == "a spokeswoman (other)"


def test_role_shares_per_outlet(figures):
    shares = {row["outlet"]: row for row in figures.outlets_shares}
    assert set(shares) == {"BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}
    assert shares["BBC News"]["n"] == 9 and shares["BBC News"]["points_apart"] == 0
    # Dr Alan Billings is named after a lede that calls him Police and Crime Commissioner.
    yorkshire = shares["The Yorkshire Post"]
    assert yorkshire["hand"]["police"] == pytest.approx(1 / 3)
    assert yorkshire["engine"]["police"] == pytest.approx(1 / 3)
    assert yorkshire["points_apart"] == 0
    breitbart = shares["Breitbart"]
    assert breitbart["hand"]["police"] == 0.5 and breitbart["engine"].get("police", 0) == 0
    assert breitbart["points_apart"] == pytest.approx(50)


def test_role_shares_of_the_attributed_computed_by_hand(qv):
    """Hand shares against the engine's on the same quotations, over all of them and over
    those the engine attributes (the report's shares)."""
    from types import SimpleNamespace as Row
    hand = ["police", "police", "officials", "other"]
    engine = ["police", "unattributed", "officials", "officials"]
    direct = [Row(article_id="a", role=role) for role in hand]
    found = {"a": [Row(kind="direct", role=role) for role in engine]}
    (row,) = qv._outlet_shares(direct, engine, found, {"a": Row(outlet="O")})
    assert row["hand"] == {"officials": 0.25, "other": 0.25, "police": 0.5}
    assert row["engine_attributed"] == pytest.approx({"officials": 2 / 3, "police": 1 / 3})
    # over all: police .50 against .25, officials .25 against .50, other .25 against 0
    assert row["points_apart"] == pytest.approx(25)
    # of the attributed: officials .25 against .667 is the largest gap
    assert row["points_apart_attributed"] == pytest.approx(100 * (2 / 3 - 0.25))


def test_the_fresh_annotation_holds_labels_only(qv):
    """The held-out set coded by two helpers: offsets and labels, no article text."""
    fresh = HERE.parents[1] / "docs" / "validation" / "quotes" / "fresh"
    ids = set((fresh / "articles.txt").read_text(encoding="utf-8").split())
    assert len(ids) == 18
    first = qv.read_annotation(fresh / "annotation-CD.csv")
    second = qv.read_annotation(fresh / "annotation-D-overlap.csv")
    assert {r.article_id for r in first} == ids
    assert (len(first), sum(r.kind == "direct" for r in first)) == (180, 159)
    assert {r.article_id for r in second} < ids and len(second) == 32
    for row in (*first, *second):
        assert row.annotator in ("C", "D") and 0 <= row.start < row.end
        assert len(row.speaker) < 70 and len(row.note) < 80


def test_agreement_between_annotators(figures):
    agreement = figures.agreement
    assert (agreement["first"], agreement["second"], agreement["both"]) == ("ann", "bo", 8)
    assert agreement["speaker_agreement"] == 1.0  # "Mr Straw" and "Jack Straw" alike
    assert agreement["role_agreement"] == pytest.approx(5 / 8)
    assert 0 < agreement["role_kappa"] < 5 / 8


def test_main_prints_the_figures_and_writes_json_and_failures(qv, tmp_path, capsys):
    code = qv.main([str(FIRST), str(SECOND), "--corpus", str(DEFAULT_CORPUS),
                    "--json", str(tmp_path / "figures.json"),
                    "--failures-csv", str(tmp_path / "failures.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Coverage: 95.5% (21 of 22" in out and "Speaker accuracy: 100.0%" in out
    assert "Cohen's kappa on role" in out
    data = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert data["coverage"] == pytest.approx(21 / 22) and len(data["failures"]) == 2
    lines = (tmp_path / "failures.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "article_id,start,end,problem,expected,got" and len(lines) == 3


@pytest.mark.parametrize(("content", "message"), [
    ("article_id,start,end,kind,speaker,role,annotator\n", "no column note"),
    ("article_id,start,end,kind,speaker,role,annotator,note\na,x,5,direct,,,,\n",
     ":2: start and end must be whole numbers"),
    ("article_id,start,end,kind,speaker,role,annotator,note\na,9,5,direct,,,,\n",
     ":2: start 9 and end 5 do not make a span"),
    ("article_id,start,end,kind,speaker,role,annotator,note\na,1,5,quote,,,,\n",
     ":2: kind 'quote': use one of direct, scare, according_to"),
])
def test_mistakes_in_an_annotation_are_one_line_errors(qv, tmp_path, content, message):
    path = tmp_path / "annotation.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(qv.AnnotationError, match=message):
        qv.read_annotation(path)


def test_an_article_not_in_the_corpus_is_an_error(qv, tmp_path, capsys):
    path = tmp_path / "annotation.csv"
    path.write_text("article_id,start,end,kind,speaker,role,annotator,note\n"
                    "no-such-article,1,5,direct,X,other,a,\n", encoding="utf-8")
    assert qv.main([str(path), "--corpus", str(DEFAULT_CORPUS)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: 1 annotated article(s) not in the corpus: no-such-article")
    assert len(err.strip().splitlines()) == 1
