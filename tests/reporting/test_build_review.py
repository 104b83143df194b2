"""The report with review decisions applied: counts, audit decisions, precision, adjusted rates."""

from framing.evidence import select
from framing.reporting.build import build, section_ids
from framing.reporting.structure import Table
from framing.review import apply_decisions, read_review_file
from tests.review.test_apply import review_file


def tables(report):
    def walk(sections):
        for section in sections:
            yield from (b for b in section.blocks if isinstance(b, Table))
            yield from walk(section.subsections)
    return {t.caption: t for t in walk(report.sections)}


def test_a_complete_review(tmp_path, bundled):
    _, features = bundled
    path = review_file(tmp_path, features, choose=lambda k, r: (
        ("not_relevant", "a place") if k % 4 == 0 else ("relevant", "")))
    reviewed = apply_decisions(features, [read_review_file(path)])
    report = build(reviewed, select(reviewed), profile="analyst")
    found = tables(report)
    audit = found["Audit: every lexicon mention"]
    assert audit.columns[-1] == "Review decision" and len(audit.rows) == 89
    assert sum(row[-1] == "not relevant: a place" for row in audit.rows) == 23
    precision = found["Precision of the lexicons in this review"]
    assert [row[0] for row in precision.rows] == [
        "domestic abuse", "ethnicity", "institutional failure", "perpetrator labels",
        "victim blaming"]
    assert sum(int(row[4]) for row in precision.rows) == 23
    # everything reviewed: no adjusted rates
    assert not any("Adjusted per 1,000 [95% CI]" in t.columns for t in found.values())
    assert "audit" in section_ids(report.sections)


def test_without_review_the_audit_column_is_for_a_pen(bundled):
    _, features = bundled
    found = tables(build(features, select(features), profile="analyst"))
    assert found["Audit: every lexicon mention"].columns[-1] == "Relevant? yes / no / unclear"
    assert "Precision of the lexicons in this review" not in found
