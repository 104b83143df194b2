"""Reading review files: what a spreadsheet may do to them, and mistakes named by line."""

import pytest

from framing.errors import ReviewError
from framing.review.files import judgement, read_review_file, stripped_csv

KEY = "ethnicity:describing_people:3be1c0:a81f03b2:3f9a1c2b7d4e:370-403"
KEY2 = "ethnicity:describing_people:3be1c0:a81f03b2:3f9a1c2b7d4e:500-510"


def write(tmp_path, text, encoding="utf-8-sig"):
    path = tmp_path / "review.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_stripped_file_is_read(tmp_path):
    review = read_review_file(write(tmp_path, f"key,decision,reviewer,note\n{KEY},relevant,ann,\n"
                                               f"{KEY2},,,\n\n"))
    assert [(r.key, r.decision, r.reviewer, r.line) for r in review.rows] == [
        (KEY, "relevant", "ann", 2), (KEY2, None, "", 3)]
    assert len(review.decided) == 1


def test_what_a_spreadsheet_does(tmp_path):
    text = (f"Key;Passage;Decision;Note\n{KEY};\"a\nlong [[passage]]\";Not relevant;'=café\n"
            f"{KEY2};x;NOT-RELEVANT;\n")
    review = read_review_file(write(tmp_path, text, encoding="cp1252"))
    assert [r.decision for r in review.rows] == ["not_relevant", "not_relevant"]
    assert review.rows[0].note == "=café" and review.rows[1].line == 4
    assert review.rows[0].extra["passage"] == "a\nlong [[passage]]"


@pytest.mark.parametrize("value", ["relevant", " Relevant ", "not relevant", "not_relevant",
                                   "Unclear", ""])
def test_decisions(value):
    assert judgement(value) in ("relevant", "not_relevant", "unclear", None)


def test_a_decision_that_is_not_one_of_the_three(tmp_path):
    path = write(tmp_path, f"key,decision\n{KEY},relevant\n{KEY2},yes\n")
    with pytest.raises(ReviewError, match=rf"^{path}:3: decision 'yes' is not one of relevant, "
                                          "not_relevant, unclear; write one of them"):
        read_review_file(path)


def test_no_key_column(tmp_path):
    path = write(tmp_path, "article_id,decision\nx,relevant\n")
    with pytest.raises(ReviewError, match=rf"^{path}:1: no 'key' column"):
        read_review_file(path)


def test_no_decision_column(tmp_path):
    path = write(tmp_path, f"key,note\n{KEY},x\n")
    with pytest.raises(ReviewError, match=rf"^{path}:1: no 'decision' column"):
        read_review_file(path)


def test_a_key_mangled(tmp_path):
    path = write(tmp_path, f"key,decision\n{KEY},relevant\n{KEY[:-3]}E+12,relevant\n")
    with pytest.raises(ReviewError, match=rf"^{path}:3: .* is not a mention key"):
        read_review_file(path)


def test_a_decision_without_a_key(tmp_path):
    path = write(tmp_path, f"key,decision\n{KEY},relevant\n,unclear\n")
    with pytest.raises(ReviewError, match=rf"^{path}:3: a decision without a key"):
        read_review_file(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(ReviewError, match="cannot read the review file"):
        read_review_file(tmp_path / "nothing.csv")
    with pytest.raises(ReviewError, match="the file is empty"):
        read_review_file(write(tmp_path, ""))


def test_stripped_copy_keeps_no_text(tmp_path):
    review = read_review_file(write(
        tmp_path, f"key,passage,decision,reviewer,note\n{KEY},the [[words]],relevant,ann,ok\n"))
    stripped = stripped_csv(review).decode("utf-8")
    assert stripped == f"\ufeffkey,decision,reviewer,note\n{KEY},relevant,ann,ok\n"
