import dataclasses

from framing.review.keys import content_hash, mention_key, parse_key
from framing.types import Corpus
from tests.review.conftest import features_of


def test_a_key_is_taken_apart_again(bundled):
    _, features = bundled
    article = features.corpus.articles[0]
    mention = next(m for m in features.mentions if m.span.article_id == article.id)
    key = mention_key(mention, content=content_hash(article))
    parts = parse_key(key)
    assert (parts.lexicon, parts.category, parts.start, parts.end) == (
        mention.lexicon, mention.category, mention.span.start, mention.span.end)
    assert parts.content == content_hash(article)


def test_names_with_colons_are_escaped(bundled):
    _, features = bundled
    mention = dataclasses.replace(features.mentions[0], category="a:b%c")
    parts = parse_key(mention_key(mention, content="0" * 12))
    assert parts.category == "a:b%c"


def test_not_keys():
    for text in ("", "abc", "x:y:zz:12345678:123456789012:1-2",
                 "a:b:123456:1234567:123456789012:1-2"):
        assert parse_key(text) is None


def test_keys_do_not_depend_on_order_or_other_articles(bundled):
    corpus, features = bundled
    def keys(f):
        hashes = {a.id: content_hash(a) for a in f.corpus.articles}
        return {mention_key(m, content=hashes[m.span.article_id]) for m in f.mentions}
    alone = features_of(Corpus(corpus.articles[2:3]))
    shuffled = features_of(Corpus(tuple(reversed(corpus.articles))))
    assert keys(alone) < keys(features)
    assert keys(shuffled) == keys(features)


def test_an_edited_text_changes_the_content_part_only(bundled):
    corpus, _ = bundled
    article = corpus.articles[0]
    edited = dataclasses.replace(article, text=article.text + " More.")
    assert content_hash(edited) != content_hash(article)
    assert content_hash(dataclasses.replace(article, id="other")) == content_hash(article)
