"""What review files say: summary per lexicon and category, and agreement between reviewers."""

import pytest

from framing.errors import ReviewError
from framing.lexicons import load_lexicons
from framing.review import (
    agreement,
    format_agreement,
    format_summary,
    read_review_file,
    stripped_csv,
    summarise,
)
from framing.review.stats import nominal_alpha
from tests.review.test_apply import review_file


def write(tmp_path, name, rows, header="key,passage,decision,reviewer,note"):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return read_review_file(path)


def key(n, term="3be1c0", lexicon="ethnicity", category="describing_people"):
    return f"{lexicon}:{category}:{term}:a81f03b2:3f9a1c2b7d4e:{n}-{n + 5}"


def test_summary_tallies_and_suggests_an_exclusion(tmp_path):
    review = write(tmp_path, "a.csv", [
        f"{key(1)},the [[white]] paper said,not_relevant,ann,",
        f"{key(2)},a [[White]] Paper on it,not_relevant,ann,",
        f"{key(3)},[[white]] house staff,not_relevant,ann,",
        f"{key(4)},two [[white]] girls were,relevant,ann,",
        f"{key(5)},[[white]] men said,unclear,ann,",
        f"{key(6, term='aaaaaa', category='discussing_ethnicity')},x [[racism]] y,relevant,ann,",
    ], header="key,passage,decision,reviewer,note")
    summary = summarise([review])
    rows = {(lx, cat): t for lx, cat, t in summary.categories}
    assert (rows["ethnicity", ""].reviewed, rows["ethnicity", ""].relevant) == (6, 2)
    assert rows["ethnicity", "describing_people"].not_relevant == 3
    assert rows["ethnicity", "describing_people"].precision == pytest.approx(0.25)
    [advice] = summary.terms
    assert (advice.exclusion, advice.removes) == ("white paper", 2)
    text = format_summary(summary)
    assert "exclusion 'white paper' would remove 2 of the 3 not relevant" in text
    assert "describing_people" in text and "25%" in text


def test_a_stripped_file_is_summarised_with_the_lexicons_names(tmp_path, bundled):
    _, features = bundled
    full = read_review_file(review_file(tmp_path, features))
    (tmp_path / "kept.csv").write_bytes(stripped_csv(full))
    stripped = read_review_file(tmp_path / "kept.csv")
    summary = summarise([stripped], lexicons=load_lexicons())
    assert summary.categories == summarise([full]).categories
    assert {a.term for a in summary.terms} == {a.term for a in summarise([full]).terms}
    assert "no passages in the files" in format_summary(summary)


def test_agreement_between_two_reviewers(tmp_path):
    decisions = ["relevant"] * 6 + ["not_relevant"] * 4
    ann = write(tmp_path, "ann.csv", [f"{key(n)},,{d},," for n, d in enumerate(decisions)]
                + [f"{key(50, lexicon='victim_blaming')},,relevant,,"])
    bob = write(tmp_path, "bob.csv", [f"{key(n)},,{d},,"
                                      for n, d in enumerate(["relevant"] * 5 + ["unclear"]
                                                            + ["not_relevant"] * 3 + ["relevant"])]
                + [f"{key(50, lexicon='victim_blaming')},,relevant,,"])
    result = agreement([ann, bob])
    assert result.coders == ("ann", "bob") and result.overall.units == 11
    assert result.overall.agreement == pytest.approx(9 / 11)
    [(_, _, table)] = result.overall.confusion
    assert table == ((6, 0, 1), (1, 3, 0), (0, 0, 0))
    units = {r.key: {} for r in ann.rows}
    for name, review in (("ann", ann), ("bob", bob)):
        for row in review.rows:
            units[row.key][name] = row.decision
    assert result.overall.alpha == pytest.approx(nominal_alpha(units))
    assert [s.lexicon for s in result.lexicons] == ["ethnicity", "victim_blaming"]
    assert result.lexicons[1].alpha is None  # one value: undefined
    text = format_agreement(result)
    assert "n = 11" in text and "Krippendorff's alpha (nominal): " in text


def test_agreement_needs_two_reviewers(tmp_path):
    ann = write(tmp_path, "ann.csv", [f"{key(1)},,relevant,,"])
    with pytest.raises(ReviewError, match="two reviewers or more"):
        agreement([ann])
    bob = write(tmp_path, "bob.csv", [f"{key(2)},,relevant,,"])
    with pytest.raises(ReviewError, match="no mention was decided by two reviewers"):
        agreement([ann, bob])


def test_a_reviewer_contradicting_themselves_is_left_out(tmp_path):
    ann = write(tmp_path, "ann.csv", [f"{key(1)},,relevant,,", f"{key(1)},,unclear,,",
                                      f"{key(2)},,relevant,,"])
    bob = write(tmp_path, "bob.csv", [f"{key(1)},,relevant,,", f"{key(2)},,relevant,,"])
    result = agreement([ann, bob])
    assert result.overall.units == 1 and len(result.warnings) == 1
    assert "ann.csv:2 relevant" in result.warnings[0] and "ann.csv:3 unclear" in result.warnings[0]


def test_a_phrase_seen_once_is_not_suggested(tmp_path):
    review = write(tmp_path, "a.csv", [f"{key(1)},the [[white]] paper said,not_relevant,ann,",
                                       f"{key(2)},[[white]] house staff,not_relevant,ann,"])
    [advice] = summarise([review]).terms
    assert advice.exclusion is None and advice.passages == 2
    assert "no word beside it recurs" in format_summary(summarise([review]))
