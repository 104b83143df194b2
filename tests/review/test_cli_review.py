"""The review commands and --review, end to end through the CLI on the bundled corpus."""

import pandas as pd
from typer.testing import CliRunner

from framing.cli import app
from tests.review.conftest import decide

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def exported(tmp_path, *options):
    path = tmp_path / "review.csv"
    result = run("review", "export", "--no-cache", "-q", "-o", path, *options)
    assert result.exit_code == 0, result.output
    return path


def test_export_decide_apply(tmp_path):
    path = exported(tmp_path, "--sample", 20, "--seed", 2)
    assert "wrote" in run("review", "export", "--no-cache", "-q", "-o", tmp_path / "x.csv",
                          "--sample", 20, "--seed", 2).output
    assert (tmp_path / "x.csv").read_bytes() == path.read_bytes()  # seeded: the same sample
    path.write_bytes(decide(path.read_bytes(), lambda k, row: (
        "not_relevant" if k % 2 else "relevant", "")))
    table = pd.read_csv(path)
    assert len(table) == 20
    wrong = table[table.decision == "not_relevant"].groupby(["outlet", "lexicon"]).size()
    before = run("features", "--no-cache", "-q", "-o", tmp_path / "before")
    after = run("features", "--no-cache", "-q", "-o", tmp_path / "after", "--review", path)
    assert before.exit_code == after.exit_code == 0, after.output
    old = pd.read_csv(tmp_path / "before" / "outlets.csv").set_index("outlet")
    new = pd.read_csv(tmp_path / "after" / "outlets.csv").set_index("outlet")
    for outlet in old.index:
        for lexicon in ("domestic_abuse", "ethnicity", "institutional_failure",
                        "perpetrator_labels", "victim_blaming"):
            dropped = old.at[outlet, f"{lexicon}_mentions"] - new.at[outlet, f"{lexicon}_mentions"]
            assert dropped == wrong.get((outlet, lexicon), 0)
    mentions = pd.read_csv(tmp_path / "after" / "mentions.csv")
    assert len(mentions) == 89 and (mentions.decision == "not_relevant").sum() == 10
    assert set(mentions.key) >= set(table.key)


def test_report_with_review(tmp_path):
    path = exported(tmp_path, "--sample", 25, "--seed", 1)
    path.write_bytes(decide(path.read_bytes(), lambda k, row: (
        ("not_relevant", "a place, not people") if k % 5 == 0 else ("relevant", ""))))
    result = run("report", "--no-cache", "-q", "-o", tmp_path / "r.pdf", "--review", path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Review decision" in html and "a place, not people" in html
    assert "Precision of the lexicons in this review" in html
    assert "Adjusted per 1,000 [95% CI]" in html
    assert "Reviewed by hand: 25 of 89 lexicon mentions" in html


def test_bad_input_one_line_and_nothing_written(tmp_path):
    good = exported(tmp_path)
    good.write_bytes(decide(good.read_bytes(), lambda k, row: ("relevant", "")))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(decide(good.read_bytes(), lambda k, row: ("maybe" if k == 3 else "", "")))
    result = run("features", "--no-cache", "-q", "-o", tmp_path / "out", "--review", good,
                 "--review", bad)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error: {bad}:5: decision 'maybe' is not one of relevant, not_relevant, unclear; write "
        "one of them, or leave it blank for a mention not reviewed")
    assert not (tmp_path / "out").exists()
    nokey = tmp_path / "nokey.csv"
    nokey.write_text("id,decision\n1,relevant\n", encoding="utf-8")
    result = run("report", "--no-cache", "-q", "-o", tmp_path / "r.pdf", "--review", nokey)
    assert result.exit_code == 1 and result.output.startswith(f"error: {nokey}:1: no 'key' column")
    assert "Traceback" not in result.output and not (tmp_path / "r.pdf").exists()


def test_a_file_from_another_corpus(tmp_path):
    path = exported(tmp_path, "--outlet", "Breitbart")
    path.write_bytes(decide(path.read_bytes(), lambda k, row: ("relevant", "")))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\noutlet: X\nheadline: Care homes\n---\nThe council "
                                 "ignored warnings about grooming gangs.\n", encoding="utf-8")
    result = run("features", corpus, "--no-cache", "-q", "-o", tmp_path / "out", "--review", path)
    assert result.exit_code == 1 and "none of its" in result.output
    assert result.output.startswith(f"error: {path}:2: ") and not (tmp_path / "out").exists()


def test_export_keeps_decisions_safe(tmp_path):
    path = exported(tmp_path, "--lexicon", "ethnicity")
    assert set(pd.read_csv(path).lexicon) == {"ethnicity"}
    path.write_bytes(decide(path.read_bytes(), lambda k, row: ("relevant", "")))
    result = run("review", "export", "--no-cache", "-q", "-o", path)
    assert result.exit_code == 1 and "has decisions in it" in result.output
    assert run("review", "export", "--no-cache", "-q", "-o", path, "--force").exit_code == 0
    result = run("review", "export", "--no-cache", "-q", "-o", path, "--lexicon", "nope")
    assert result.exit_code == 1 and "--lexicon nope: no such lexicon" in result.output


def test_summary_agreement_and_strip(tmp_path):
    path = exported(tmp_path)
    ann, bob = tmp_path / "ann.csv", tmp_path / "bob.csv"
    ann.write_bytes(decide(path.read_bytes(), lambda k, row: ("relevant", "")))
    bob.write_bytes(decide(path.read_bytes(), lambda k, row: (
        "not_relevant" if k % 7 == 0 else "relevant", "")).replace(b",ann,", b",bob,"))
    result = run("review", "summary", ann, bob)
    assert result.exit_code == 0 and "precision" in result.output
    assert "count as unclear" in result.output
    result = run("review", "agreement", ann, bob)
    assert result.exit_code == 0, result.output
    assert "Reviewers: ann, bob" in result.output and "n = 89" in result.output
    stripped = tmp_path / "kept.csv"
    result = run("review", "strip", bob, "-o", stripped)
    assert result.exit_code == 0 and "89 rows, 89 with a decision" in result.output
    assert pd.read_csv(stripped).columns.tolist() == ["key", "decision", "reviewer", "note"]
    result = run("review", "agreement", ann, stripped)
    assert result.exit_code == 0 and "n = 89" in result.output
    assert run("review", "strip", bob, "-o", bob).exit_code == 1
