"""The SQLite feature cache: warm runs, keys, defaults, broken caches, and `--no-cache`."""

from __future__ import annotations

import dataclasses
import logging
import marshal
import os
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import framing.features.cache as cache_module
from framing.cli import app
from framing.corpus import load as load_corpus
from framing.features import compute as compute_module
from framing.features.cache import FeatureCache, default_cache_dir
from framing.features.compute import compute
from framing.features.roles import load_roles
from framing.lexicons import load_lexicons
from framing.types import Article, ArticleResult, Corpus, ScoredSentences

LEXICONS = load_lexicons()
ROLES = load_roles()


def article(text: str, *, headline: str = "", standfirst: str = "", id: str = "a",
            outlet: str = "Outlet") -> Article:
    return Article(id=id, outlet=outlet, published=None, headline=headline,
                   standfirst=standfirst, text=text)


def logged(caplog) -> str:
    """The warnings logged so far, one a line."""
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT key, value FROM article_results"))


@pytest.fixture(scope="module")
def rotherham() -> Corpus:
    return load_corpus()


@pytest.fixture
def no_analysis(monkeypatch):
    """Make analysing an article fail: what runs after this must come from the cache."""

    def fail(*args):
        raise AssertionError("an article was analysed, not read from the cache")

    def forbid():
        monkeypatch.setattr(compute_module, "analyse_article", fail)

    return forbid


# --------------------------------------------------------------------------- warm runs


def test_warm_run_equals_the_cold_run_and_analyses_nothing(tmp_path, rotherham, no_analysis,
                                                          caplog):
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        cold = compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert not logged(caplog)
    assert len(rows(tmp_path / "features.sqlite")) == len(rotherham.articles)
    assert cold == compute(rotherham, lexicons=LEXICONS)  # the same as with no cache
    no_analysis()
    calls: list[tuple[int, int]] = []
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        warm = compute(rotherham, lexicons=LEXICONS, cache=cache,
                       progress=lambda done, total: calls.append((done, total)))
        assert not logged(caplog)
    assert warm == cold
    assert calls == [(5, 5)]


def test_only_new_articles_are_analysed(tmp_path, rotherham, monkeypatch):
    first = Corpus(rotherham.articles[:3])
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(first, lexicons=LEXICONS, cache=cache)
    analysed: list[str] = []
    analyse = compute_module.analyse_article

    def counting(item, *args):
        analysed.append(item.id)
        return analyse(item, *args)

    monkeypatch.setattr(compute_module, "analyse_article", counting)
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        both = compute(rotherham, lexicons=LEXICONS, cache=cache)
    assert analysed == [a.id for a in rotherham.articles[3:]]
    monkeypatch.setattr(compute_module, "analyse_article", analyse)
    assert both == compute(rotherham, lexicons=LEXICONS)


# --------------------------------------------------------------------------- term counts


@pytest.fixture
def counted(monkeypatch):
    """The documents count_terms is asked to count, run by run."""
    from framing.features import terms as terms_module

    calls: list[list[tuple[str, str]]] = []
    count = terms_module.count_terms

    def recording(documents):
        calls.append(list(documents))
        return count(documents)

    monkeypatch.setattr(terms_module, "count_terms", recording)
    return calls


def test_terms_of_added_articles_are_counted_and_merged(tmp_path, rotherham, counted, caplog):
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(Corpus(rotherham.articles[:3]), lexicons=LEXICONS, cache=cache)
    counted.clear()
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        both = compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert not logged(caplog)
    assert counted == [[(a.outlet, a.analysed_text) for a in rotherham.articles[3:]]]
    assert both.terms == compute(rotherham, lexicons=LEXICONS).terms
    counted.clear()
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:  # nothing new: nothing counted
        again = compute(rotherham, lexicons=LEXICONS, cache=cache)
    assert counted == [] and again.terms == both.terms


def test_an_outlet_is_counted_again_whole_when_one_of_its_articles_changed_or_left(
        tmp_path, rotherham, counted):
    """Stored counts are reused outlet by outlet: an outlet whose stored articles are not all
    in this corpus (one left, changed or moved to another outlet) is counted again, whole;
    the other outlets are not counted at all."""
    bbc, breitbart, independent, independent_2022, yorkshire = rotherham.articles
    edited = dataclasses.replace(independent, text=independent.text + "\nA correction.")
    moved = dataclasses.replace(bbc, outlet="Another Outlet")
    cases = [
        ((breitbart, independent, independent_2022, yorkshire), []),  # BBC News left
        ((bbc, breitbart, independent_2022, yorkshire), [independent_2022]),
        ((bbc, breitbart, edited, independent_2022, yorkshire), [edited, independent_2022]),
        ((moved, breitbart, independent, independent_2022, yorkshire), [moved]),
    ]
    for case, (articles, recounted) in enumerate(cases):
        corpus = Corpus(articles)
        with FeatureCache(LEXICONS, directory=tmp_path / str(case)) as cache:
            compute(rotherham, lexicons=LEXICONS, cache=cache)
        counted.clear()
        with FeatureCache(LEXICONS, directory=tmp_path / str(case)) as cache:
            features = compute(corpus, lexicons=LEXICONS, cache=cache)
        assert counted == ([[(a.outlet, a.analysed_text) for a in recounted]] if recounted
                           else [])
        assert features.terms == compute(corpus, lexicons=LEXICONS).terms


def test_the_same_article_twice_is_counted_twice(tmp_path, rotherham, counted):
    doubled = Corpus((*rotherham.articles, dataclasses.replace(rotherham.articles[0], id="x")))
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(rotherham, lexicons=LEXICONS, cache=cache)
    counted.clear()
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        features = compute(doubled, lexicons=LEXICONS, cache=cache)
    assert [len(documents) for documents in counted] == [1]
    assert features.terms == compute(doubled, lexicons=LEXICONS).terms


def test_stored_counts_and_added_articles_counted_by_the_pool_add_up(tmp_path, monkeypatch,
                                                                   caplog):
    """On a large corpus the added articles are counted by the workers, merged with the
    stored counts, and the sum stored for the next run: the same features as uncached."""
    from tests.features.test_compute import small_corpus

    corpus = small_corpus(300)
    outlets = [article.outlet for article in corpus.articles]
    uncached = compute(corpus, lexicons=LEXICONS, workers=2)
    monkeypatch.setattr(compute_module, "POOL_THRESHOLD", 10)
    monkeypatch.setattr(compute_module, "CHUNK_ARTICLES", 7)
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(Corpus(corpus.articles[:280]), lexicons=LEXICONS, cache=cache, workers=2)
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        items = cache.term_items(corpus.articles)
        assert cache.find_term_counts(items, outlets)[1].tolist() == list(range(280, 300))
        both = compute(corpus, lexicons=LEXICONS, cache=cache, workers=2)
        assert not logged(caplog)
        # The sum was stored for the next run: it covers every article.
        assert cache.find_term_counts(items, outlets)[1].size == 0
    assert both == uncached
    stored = cache.term_counts_file(cache.term_items(corpus.articles))
    for damage in (b"damaged", None):
        if damage is None:
            stored.unlink()
        else:
            stored.write_bytes(damage)
        with FeatureCache(LEXICONS, directory=tmp_path) as cache:
            again = compute(corpus, lexicons=LEXICONS, cache=cache, workers=2)
        assert again == uncached
        assert stored.exists()  # counted again, and stored again
    assert "term counts not read" in logged(caplog)


def test_not_covered_matches_repeated_items_one_to_one():
    import numpy as np

    items = np.array([5, 3, 5, 9, 5], dtype=np.uint64)
    assert cache_module._not_covered(items, np.array([5, 9], dtype=np.uint64)).tolist() == [
        1, 2, 4]
    assert cache_module._not_covered(items, np.array([], dtype=np.uint64)).tolist() == [
        0, 1, 2, 3, 4]
    assert cache_module._not_covered(items, np.array([5, 5, 5, 3, 9], dtype=np.uint64)
                                     ).tolist() == []
    assert cache_module._not_covered(items, np.array([3, 3], dtype=np.uint64)) is None
    assert cache_module._not_covered(items, np.array([4], dtype=np.uint64)) is None
    assert cache_module._not_covered(items, np.array([10], dtype=np.uint64)) is None


def test_only_the_last_sets_of_term_counts_are_kept(tmp_path, rotherham):
    for n in range(1, 5):
        with FeatureCache(LEXICONS, directory=tmp_path) as cache:
            compute(Corpus(rotherham.articles[:n]), lexicons=LEXICONS, cache=cache)
    with sqlite3.connect(tmp_path / "features.sqlite") as db:
        kept = {key for (key,) in db.execute("SELECT key FROM term_sets")}
    assert len(kept) == cache_module.KEEP_TERM_COUNTS
    # Each kept set has its counts file; the dropped sets' files are gone.
    assert {path.stem for path in (tmp_path / "term-counts").iterdir()} == kept


def test_damaged_term_counts_are_counted_again_with_a_warning(tmp_path, rotherham, caplog):
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(rotherham, lexicons=LEXICONS, cache=cache)
    (stored,) = (tmp_path / "term-counts").iterdir()
    for damage in (b"damaged", stored.read_bytes()[:1000], None):
        if damage is None:
            stored.unlink()
        else:
            stored.write_bytes(damage)
        with FeatureCache(LEXICONS, directory=tmp_path) as cache:
            features = compute(rotherham, lexicons=LEXICONS, cache=cache)
            assert "term counts not read" in logged(caplog)
        assert features == compute(rotherham, lexicons=LEXICONS)
        (stored,) = (tmp_path / "term-counts").iterdir()  # counted again, and stored again


def test_a_counts_file_without_an_outlet_it_should_hold_is_counted_again(tmp_path, rotherham,
                                                                          caplog):
    from framing.features.terms import outlet_counts

    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(rotherham, lexicons=LEXICONS, cache=cache)
    (stored,) = (tmp_path / "term-counts").iterdir()
    cache_module.write_term_counts(stored, outlet_counts(cache_module.read_term_counts(stored),
                                                         ["Breitbart"]))
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        features = compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert "term counts not read" in logged(caplog)
    assert features == compute(rotherham, lexicons=LEXICONS)


def test_term_counts_of_an_earlier_version_are_dropped(tmp_path, rotherham, caplog):
    with sqlite3.connect(tmp_path / "features.sqlite") as db:
        db.execute("CREATE TABLE term_counts (key TEXT PRIMARY KEY, items BLOB NOT NULL,"
                   " counts BLOB NOT NULL, used REAL NOT NULL)")
        db.execute("INSERT INTO term_counts VALUES ('k', x'00', x'00', 0)")
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert not logged(caplog)
    with sqlite3.connect(tmp_path / "features.sqlite") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "term_counts" not in tables and "term_sets" in tables


# --------------------------------------------------------------------------- keys


def test_key_changes_with_the_analysed_text(tmp_path):
    base = article("Survivors were not believed.", headline="Inquiry", standfirst="Report")
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        key = cache.key(base)
        for changed in (
            dataclasses.replace(base, text="Survivors were believed."),
            dataclasses.replace(base, headline="Inquiry report"),
            dataclasses.replace(base, standfirst="Reports"),
            dataclasses.replace(base, text="Survivors were not believed. "),
        ):
            assert cache.key(changed) != key, changed


def test_key_hashes_the_analysed_text_without_joining_it(tmp_path):
    """Hashed part by part, the key is that of the joined analysed text (earlier caches
    stay valid), whichever parts are empty."""
    import hashlib
    import itertools

    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        for headline, standfirst, text in itertools.product(("", "Inquiry"), ("", "Report é"),
                                                            ("", "Survivors 😀 spoke.")):
            item = article(text, headline=headline, standfirst=standfirst)
            sections = ",".join(f"{s.name}:{s.start}:{s.end}" for s in item.sections)
            joined = hashlib.sha256(cache._salt)
            joined.update(f"\0{sections}\0".encode())
            joined.update(item.analysed_text.encode("utf-8", "surrogatepass"))
            assert cache.key(item) == joined.hexdigest()


def test_key_does_not_change_with_id_outlet_or_metadata(tmp_path):
    base = article("Survivors were not believed.", headline="Inquiry")
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        key = cache.key(base)
        same = dataclasses.replace(base, id="other-id", outlet="Another Outlet", author="A. N.",
                                   url="https://example.org/x", meta={"topic": "abuse"})
        assert cache.key(same) == key


@pytest.mark.parametrize(("setting", "value"), [("__version__", "999.0"),
                                              ("RESULT_FORMAT", "sentence-columns-other"),
                                              ("ARTICLE_RULES", "article-rules-other")])
def test_key_changes_with_the_version_result_format_and_rules(tmp_path, monkeypatch, setting,
                                                              value):
    item = article("Survivors were not believed.")
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        key = cache.key(item)
    monkeypatch.setattr(cache_module, setting, value)
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        assert cache.key(item) != key


def test_key_changes_with_a_lexicon_fingerprint_not_with_lexicon_order(tmp_path):
    item = article("Survivors were not believed.")
    changed = [dataclasses.replace(LEXICONS[0], fingerprint="000000000000"), *LEXICONS[1:]]
    with (FeatureCache(LEXICONS, directory=tmp_path) as cache,
          FeatureCache(changed, directory=tmp_path) as other,
          FeatureCache(LEXICONS[::-1], directory=tmp_path) as reordered,
          FeatureCache(LEXICONS[1:], directory=tmp_path) as fewer):
        assert other.key(item) != cache.key(item)
        assert fewer.key(item) != cache.key(item)
        assert reordered.key(item) == cache.key(item)


def test_a_new_lexicon_fingerprint_reanalyses(tmp_path, rotherham, no_analysis):
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(rotherham, lexicons=LEXICONS, cache=cache)
    changed = [dataclasses.replace(LEXICONS[0], fingerprint="000000000000"), *LEXICONS[1:]]
    no_analysis()
    with (FeatureCache(changed, directory=tmp_path) as cache,
          pytest.raises(AssertionError, match="analysed")):
        compute(rotherham, lexicons=changed, cache=cache)


def test_same_analysed_text_split_differently_is_not_confused(tmp_path):
    split_body = article("Para one.\n\nPara two: abuse in the home.", headline="Top", id="a")
    standfirst = article("Para two: abuse in the home.", headline="Top",
                         standfirst="Para one.", id="b")
    assert split_body.analysed_text == standfirst.analysed_text
    expected = compute(Corpus((standfirst,)), lexicons=LEXICONS)
    assert [(m.paragraph, m.position) for m in expected.mentions] == [(1, "first paragraph")]
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        compute(Corpus((split_body,)), lexicons=LEXICONS, cache=cache)
        cached = compute(Corpus((standfirst,)), lexicons=LEXICONS, cache=cache)
    assert cached == expected


# --------------------------------------------------------------------------- storage


def test_put_and_get_round_trip(tmp_path, caplog):
    items = [article("First text.", id="x"), article("Second text, ‘quoted’ é 😀.", id="y"),
             article("Never stored.", id="z")]
    results = [
        ArticleResult(words=2, sentences=ScoredSentences.of([(0, 11, 0.0)]), mentions=()),
        ArticleResult(
            words=4,
            sentences=ScoredSentences.of([(0, 10, -0.5719), (11, 26, 0.123456789)]),
            mentions=(("ethnicity", "describing_people", "label “x” é", 3, 9, "quoted", 1, 0,
                       "first paragraph"),),
        ),
    ]
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        cache.put_many(zip(items[:2], results, strict=True))
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        found = cache.get_many(items)
        assert not logged(caplog)
    assert found == {0: results[0], 1: results[1]}
    # Found by content: another id with the same text reads the same entry.
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        assert cache.get_many([article("First text.", id="other")]) == {0: results[0]}


def test_get_many_reads_more_keys_than_one_query_takes(tmp_path):
    items = [article(f"Text number {i}.", id=str(i)) for i in range(1203)]
    results = [ArticleResult(words=i, sentences=ScoredSentences.of(()), mentions=())
               for i in range(len(items))]
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        cache.put_many(zip(items[::2], results[::2], strict=True))
        found = cache.get_many(items)
    assert found == {i: results[i] for i in range(0, len(items), 2)}


def test_default_cache_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("FRAMING_CACHE_DIR", raising=False)
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "framing"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "framing"
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("FRAMING_CACHE_DIR", "")  # empty counts as unset
    assert default_cache_dir() == tmp_path / "xdg" / "framing"


def test_cache_without_a_directory_uses_the_default(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "deep" / "cache"))
    with FeatureCache(LEXICONS) as cache:
        cache.put_many([(article("Text."), ArticleResult(1, ScoredSentences.of(()), ()))])
        assert not logged(caplog)
    assert cache.path == tmp_path / "deep" / "cache" / "features.sqlite"
    assert len(rows(cache.path)) == 1


# --------------------------------------------------------------------------- broken caches


def broken_cache_dirs(tmp_path: Path) -> dict[str, Path]:
    """Directories where the cache cannot be used, each made a different way."""
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    sqlite_is_a_folder = tmp_path / "sqlite-is-a-folder"
    (sqlite_is_a_folder / "features.sqlite").mkdir(parents=True)
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "features.sqlite").write_bytes(bytes(range(256)) * 16)
    header = tmp_path / "header-then-garbage"
    header.mkdir()
    (header / "features.sqlite").write_bytes(b"SQLite format 3\0" + bytes(range(256)) * 16)
    wrong_table = tmp_path / "wrong-table"
    wrong_table.mkdir()
    with sqlite3.connect(wrong_table / "features.sqlite") as db:
        db.execute("CREATE TABLE article_results (key TEXT PRIMARY KEY, other TEXT)")
    return {
        "parent is a file": tmp_path / "a-file",
        "below a file": tmp_path / "a-file" / "cache",
        "sqlite file is a folder": sqlite_is_a_folder,
        "garbage bytes": garbage,
        "sqlite header then garbage": header,
        "a table of another shape": wrong_table,
    }


@pytest.mark.parametrize("case", [
    "parent is a file", "below a file", "sqlite file is a folder", "garbage bytes",
    "sqlite header then garbage", "a table of another shape",
])
def test_unusable_cache_warns_and_compute_still_works(tmp_path, rotherham, case, caplog):
    directory = broken_cache_dirs(tmp_path)[case]
    with FeatureCache(LEXICONS, directory=directory) as cache:
        features = compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert str(cache.path) in logged(caplog) and "feature cache not" in logged(caplog)
        assert cache.get_many(rotherham.articles) == {}
    assert features == compute(rotherham, lexicons=LEXICONS)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write to a read-only folder")
def test_read_only_directory_warns(tmp_path, rotherham, caplog):
    directory = tmp_path / "read-only"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        with FeatureCache(LEXICONS, directory=directory) as cache:
            features = compute(rotherham, lexicons=LEXICONS, cache=cache)
            assert logged(caplog)
    finally:
        directory.chmod(0o700)
    assert features == compute(rotherham, lexicons=LEXICONS)


@pytest.mark.parametrize("value", [
    b"not marshal",
    marshal.dumps((3, ((0, 4, 0.5),), ())),  # the format before sentence columns
    marshal.dumps((3, b"\0" * 8, b"\0" * 8, b"\0" * 7, ())),  # a column cut short
    marshal.dumps((3, b"\0" * 8, b"\0" * 16, b"\0" * 8, ())),  # columns of two lengths
    marshal.dumps((3, "text", b"", b"", ())),
])
def test_an_unreadable_entry_is_skipped_with_a_warning(tmp_path, rotherham, value, caplog):
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        key = cache.key(rotherham.articles[0])
    with sqlite3.connect(tmp_path / "features.sqlite") as db:
        db.execute("INSERT INTO article_results (key, value) VALUES (?, ?)", (key, value))
    with FeatureCache(LEXICONS, directory=tmp_path) as cache:
        features = compute(rotherham, lexicons=LEXICONS, cache=cache)
        assert "damaged cache entry" in logged(caplog)
    assert features == compute(rotherham, lexicons=LEXICONS)


# --------------------------------------------------------------------------- the CLI

runner = CliRunner()


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, outlet, headline, body in [
        ("a1", "Daily One", "Council failings", "The council ignored warnings from survivors."),
        ("b1", "Weekly Two", "Men jailed", "Five men were jailed.\n\nThe judge praised them."),
    ]:
        (folder / f"{name}.md").write_text(
            f'---\noutlet: "{outlet}"\npublished: "2020-01-02"\nheadline: "{headline}"\n---\n'
            f"{body}\n", encoding="utf-8")
    return folder


def words_written(out: Path) -> dict[str, int]:
    table = pd.read_csv(out / "articles.csv", encoding="utf-8-sig")
    return dict(zip(table["id"], table["words"], strict=True))


def test_cli_no_cache_neither_reads_nor_writes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    cache_dir = tmp_path / "cache"
    env = {"FRAMING_CACHE_DIR": str(cache_dir)}

    def features(out: str, *flags: str) -> dict[str, int]:
        result = runner.invoke(app, ["features", str(corpus), "-o", str(tmp_path / out),
                                     "--quiet", *flags], env=env)
        assert result.exit_code == 0, result.output
        return words_written(tmp_path / out)

    true_words = features("fresh", "--no-cache")
    assert not cache_dir.exists()  # nothing written, not even the folder
    assert true_words == {"a1": 2 + 6, "b1": 2 + 8}

    # Poison the cache: an entry for every article with an impossible word count.
    articles = load_corpus(corpus).articles
    with FeatureCache(LEXICONS, roles=ROLES.lexicon, directory=cache_dir) as cache:
        cache.put_many((a, ArticleResult(999_999, ScoredSentences.of([(0, 1, 0.0)]), ()))
                       for a in articles)
    before = rows(cache_dir / "features.sqlite")
    assert len(before) == 2

    assert features("no-cache", "--no-cache") == true_words  # not read
    assert rows(cache_dir / "features.sqlite") == before  # not written
    assert features("cached") == {"a1": 999_999, "b1": 999_999}  # read when allowed


def test_cli_fills_the_cache_without_no_cache(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    cache_dir = tmp_path / "cache"
    result = runner.invoke(app, ["features", str(corpus), "-o", str(tmp_path / "out"),
                                 "--quiet"], env={"FRAMING_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 0, result.output
    assert len(rows(cache_dir / "features.sqlite")) == 2


# --------------------------------------------------------------------------- quotations


def test_quotations_round_trip_through_the_cache(tmp_path, rotherham, no_analysis, caplog):
    with FeatureCache(LEXICONS, roles=ROLES.lexicon, directory=tmp_path) as cache:
        cold = compute(rotherham, lexicons=LEXICONS, roles=ROLES, cache=cache)
    assert sum(q.kind == "direct" for q in cold.quotations) > 60
    no_analysis()
    with FeatureCache(LEXICONS, roles=ROLES.lexicon, directory=tmp_path) as cache:
        warm = compute(rotherham, lexicons=LEXICONS, roles=ROLES, cache=cache)
    assert not logged(caplog)
    assert warm.quotations == cold.quotations and warm == cold


def test_the_roles_lexicon_is_part_of_the_key(tmp_path, rotherham):
    item = article("Ann Smith said: “We failed.”")
    changed = dataclasses.replace(ROLES.lexicon, fingerprint="another")
    with (FeatureCache(LEXICONS, roles=ROLES.lexicon, directory=tmp_path) as cache,
          FeatureCache(LEXICONS, roles=changed, directory=tmp_path) as other,
          FeatureCache(LEXICONS, directory=tmp_path) as without):
        keys = {cache.key(item), other.key(item), without.key(item)}
        assert len(keys) == 3
        # Results computed without quotations are never read by a run that wants them.
        compute(rotherham, lexicons=LEXICONS, cache=without)
        assert cache.get_many(rotherham.articles) == {}


def test_an_entry_without_quotations_is_damaged_and_analysed_again(tmp_path, caplog):
    item = article("Ann Smith said: “We failed.”")
    with FeatureCache(LEXICONS, roles=ROLES.lexicon, directory=tmp_path) as cache:
        key = cache.key(item)
        old = marshal.dumps((2, b"", b"", b"", ()))  # as entries were before quotations
        with sqlite3.connect(cache.path) as db:
            db.execute("INSERT INTO article_results (key, value) VALUES (?, ?)", (key, old))
        assert cache.get_many([item]) == {}
    assert "1 damaged cache entry was ignored" in logged(caplog)
