"""Decisions applied: the round trip, carried forward, stale, conflicts and bad input."""

import dataclasses

import pytest

from framing.errors import ReviewError
from framing.evidence import select
from framing.features.output_tables import mentions_table
from framing.review import apply_decisions, export_csv, export_rows, read_review_file
from framing.types import Corpus
from tests.review.conftest import decide, features_of


def every_third(k, row):
    return ("not_relevant", "not this frame") if k % 3 == 0 else ("relevant", "")


def review_file(tmp_path, features, choose=every_third, name="ann.csv", **options):
    path = tmp_path / name
    path.write_bytes(decide(export_csv(features, export_rows(features, **options)), choose))
    return path


def counts(features):
    return {(f.outlet, f.lexicon): f.mentions for f in features.frames}


def test_round_trip_each_outlet_drops_by_the_mentions_judged_not_relevant(tmp_path, bundled):
    _, features = bundled
    path = review_file(tmp_path, features)
    rows = read_review_file(path).rows
    wrong = {}
    for row in rows:
        if row.decision == "not_relevant":
            place = (row.extra["outlet"], row.extra["lexicon"])
            wrong[place] = wrong.get(place, 0) + 1
    assert sum(wrong.values()) == 30 and len(rows) == len(features.mentions) == 89
    reviewed = apply_decisions(features, [read_review_file(path)])
    before, after = counts(features), counts(reviewed)
    assert {place: before[place] - after[place] for place in before} == {
        place: wrong.get(place, 0) for place in before}
    # per article too, and the rates follow the counts
    assert sum(sum(a.mentions.values()) for a in reviewed.articles) == 89 - 30
    frames = {(f.outlet, f.lexicon): f for f in reviewed.frames}
    for place, frame in frames.items():
        words = reviewed.outlet_words[place[0]]
        assert frame.per_1k == pytest.approx(frame.mentions / words * 1000)
    # no quote of an excluded mention; mentions.csv keeps every one, with its decision
    excluded = {m for m, r in reviewed.review.judged.items() if r.decision == "not_relevant"}
    quoted = {(q.article_id, q.start) for q in select(reviewed).all_quotes()}
    assert not quoted & {(m.span.article_id, m.span.start) for m in excluded}
    columns, table = mentions_table(reviewed).columns, mentions_table(reviewed).rows
    assert columns[-2:] == ("key", "decision") and len(table) == 89
    assert sum(row[-1] == "not_relevant" for row in table) == 30
    assert {row[-2] for row in table} == {row.key for row in rows}


def test_without_decisions_nothing_changes(tmp_path, bundled):
    _, features = bundled
    path = review_file(tmp_path, features, choose=lambda k, row: ("", ""))
    reviewed = apply_decisions(features, [read_review_file(path)])
    assert reviewed.frames == features.frames and reviewed.articles == features.articles
    assert any("no decisions" in w for w in reviewed.review.warnings)


def test_stripped_files_apply_the_same(tmp_path, bundled):
    from framing.review import stripped_csv

    _, features = bundled
    full = read_review_file(review_file(tmp_path, features))
    (tmp_path / "kept.csv").write_bytes(stripped_csv(full))
    stripped = read_review_file(tmp_path / "kept.csv")
    assert stripped.columns == ("key", "decision", "reviewer", "note")
    assert (apply_decisions(features, [stripped]).frames
            == apply_decisions(features, [full]).frames)


def test_carried_forward_when_articles_are_added_and_reordered(tmp_path, bundled):
    corpus, _ = bundled
    first = features_of(Corpus(corpus.articles[:3]))
    path = review_file(tmp_path, first)
    later = features_of(Corpus(tuple(reversed(corpus.articles))))
    reviewed = apply_decisions(later, [read_review_file(path)])
    judged_first = apply_decisions(first, [read_review_file(path)]).review.judged
    assert len(reviewed.review.judged) == len(judged_first) == len(first.mentions)
    assert not reviewed.review.warnings
    before, after = counts(later), counts(reviewed)
    dropped = {place: before[place] - after[place] for place in before}
    assert sum(dropped.values()) == sum(r.decision == "not_relevant"
                                        for r in judged_first.values())


def test_re_imported_under_another_id(tmp_path, bundled):
    corpus, features = bundled
    path = review_file(tmp_path, features)
    renamed = Corpus(tuple(dataclasses.replace(a, id="new-" + a.id) for a in corpus.articles))
    reviewed = apply_decisions(features_of(renamed), [read_review_file(path)])
    assert len(reviewed.review.judged) == 89 and not reviewed.review.warnings
    assert len(reviewed.mentions) == 89 - 30


def test_stale_after_one_article_is_edited(tmp_path, bundled):
    corpus, features = bundled
    path = review_file(tmp_path, features)
    target = corpus.articles[1]
    edited = Corpus(tuple(dataclasses.replace(a, text="A new first line.\n\n" + a.text)
                          if a.id == target.id else a for a in corpus.articles))
    reviewed = apply_decisions(features_of(edited), [read_review_file(path)])
    theirs = [r for r in read_review_file(path).rows if r.extra["article_id"] == target.id]
    stale = [w for w in reviewed.review.warnings if "has changed" in w]
    assert len(stale) == 1 and f"{len(theirs)} decisions not applied" in stale[0]
    assert f"lines {theirs[0].line}, " in stale[0]
    assert len(reviewed.review.judged) == 89 - len(theirs)
    assert not any(m.span.article_id == target.id for m in reviewed.review.judged)


def test_conflicts_are_reported_and_count_as_unclear(tmp_path, bundled):
    _, features = bundled
    ann = review_file(tmp_path, features, choose=lambda k, r: ("relevant", ""), name="ann.csv")
    bob = review_file(tmp_path, features, name="bob.csv",
                      choose=lambda k, r: ("not_relevant" if k == 4 else "relevant", ""))
    reviewed = apply_decisions(features, [read_review_file(ann), read_review_file(bob)])
    conflicts = [w for w in reviewed.review.warnings if w.startswith("conflict")]
    assert len(conflicts) == 1
    assert f"{ann}:6 says relevant; {bob}:6 says not_relevant; counted as unclear" in conflicts[0]
    assert reviewed.frames == features.frames  # unclear mentions stay counted
    assert sum(r.decision == "unclear" for r in reviewed.review.judged.values()) == 1


def test_a_review_file_of_another_corpus_is_refused(tmp_path, bundled):
    corpus, features = bundled
    path = review_file(tmp_path, features_of(Corpus(corpus.articles[:1])))
    other = features_of(Corpus(corpus.articles[1:]))
    with pytest.raises(ReviewError, match=rf"^{path}:2: none of its \d+ keys names an article"):
        apply_decisions(other, [read_review_file(path)])


def test_keys_of_articles_not_in_the_corpus_are_counted(tmp_path, bundled):
    corpus, features = bundled
    path = review_file(tmp_path, features)
    part = features_of(Corpus(corpus.articles[:2]))
    reviewed = apply_decisions(part, [read_review_file(path)])
    missing = 89 - len(part.mentions)
    [warning] = reviewed.review.warnings
    assert f"{missing} decisions not applied: their articles are not in this corpus" in warning
    assert "lines " in warning and ", ...)" in warning


def test_keys_matching_no_mention_of_their_article(tmp_path, bundled):
    _, features = bundled
    path = review_file(tmp_path, features)
    text = path.read_text(encoding="utf-8-sig").splitlines()
    key = text[3].split(",", 1)[0]
    moved = key.rsplit(":", 1)[0] + ":0-1"
    text[3] = text[3].replace(key, moved, 1)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    warnings = apply_decisions(features, [read_review_file(path)]).review.warnings
    said = "1 decision not applied: no mention of their article is at their key's place (line 4)"
    assert any(said in w for w in warnings)
