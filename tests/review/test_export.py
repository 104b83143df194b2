"""The rows to review: passages, and the stratified sample."""

import dataclasses
from collections import Counter

from framing.review.export import (
    equal_shares,
    export_rows,
    passage,
    proportional_shares,
    stratified_sample,
)
from framing.types import Article, Corpus, Mention, Span
from tests.review.conftest import features_of


def test_the_passage_is_the_sentence_with_the_match_marked():
    article = Article(id="a", outlet="X", published=None, headline="", standfirst="",
                      text="First one.  The white\npaper said so. Last.")
    start = article.text.index("white")
    mention = Mention("ethnicity", "c", "white", Span("a", start, start + 5), "white", "own",
                      1, 1, "first paragraph")
    sentence = (12, article.text.index(" Last"))
    assert passage(article, mention, sentence) == "The [[white]] paper said so."
    long = dataclasses.replace(article, text=" ".join(["w"] * 100) + " white " + " ".join(
        ["v"] * 100) + ".")
    start = long.text.index("white")
    mention = dataclasses.replace(mention, span=Span("a", start, start + 5))
    shown = passage(long, mention, (0, len(long.text)), words=3)
    assert shown == "… w w w [[white]] v v v …"


def test_shares():
    assert equal_shares({"a": 100, "b": 3, "c": 50}, 30) == {"b": 3, "a": 14, "c": 13}
    assert equal_shares({"a": 2, "b": 3}, 30) == {"a": 2, "b": 3}
    assert proportional_shares({"x": 6, "y": 3, "z": 1}, 5) == {"x": 3, "y": 2, "z": 0}
    assert sum(proportional_shares({"x": 7, "y": 7, "z": 7}, 10).values()) == 10


def test_the_sample_is_stratified_seeded_and_independent_of_order(bundled):
    corpus, features = bundled
    rows = export_rows(features)
    sample = stratified_sample(rows, 20, seed=5)
    per_lexicon = Counter(r.mention.lexicon for r in sample)
    assert len(sample) == 20 and set(per_lexicon.values()) == {4}
    again = export_rows(features_of(Corpus(tuple(reversed(corpus.articles)))))
    assert {r.key for r in stratified_sample(again, 20, seed=5)} == {r.key for r in sample}
    assert {r.key for r in stratified_sample(rows, 20, seed=6)} != {r.key for r in sample}
    # within a lexicon, outlets in proportion to their mentions
    lexicon = "perpetrator_labels"
    of_lexicon = [r for r in rows if r.mention.lexicon == lexicon]
    expected = proportional_shares(Counter(r.article.outlet for r in of_lexicon), 4)
    drawn = Counter(r.article.outlet for r in sample if r.mention.lexicon == lexicon)
    assert {o: n for o, n in expected.items() if n} == dict(drawn)


def test_a_sample_bigger_than_the_mentions_is_all_of_them(bundled):
    _, features = bundled
    rows = export_rows(features)
    assert len(stratified_sample(rows, 1000, seed=0)) == len(rows) == 89


def test_only_some_lexicons_and_outlets(bundled):
    _, features = bundled
    rows = export_rows(features, lexicons=["ethnicity"], outlets=["BBC News"])
    assert rows and {(r.mention.lexicon, r.article.outlet) for r in rows} == {
        ("ethnicity", "BBC News")}
