"""What `framing corpus info` and `validate` report: per-outlet rows, duplicates, warnings."""

import datetime as dt
import gzip
import json
import re
import textwrap
import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import load
from framing.corpus.folder import DATE_PROBLEM, UNKNOWN_OUTLET
from framing.corpus.quality import (
    NEAR_DUPLICATE_THRESHOLD,
    DuplicateGroup,
    OutletRow,
    exact_duplicate_groups,
    format_report,
    inspect,
    jaccard,
    near_duplicate_groups,
)
from framing.types import Article, Corpus, PublishedDate

runner = CliRunner()

WIRE = """Seven men have been jailed for a total of 102 years for the sexual abuse and \
exploitation of girls in Rotherham between 1998 and 2005, after a trial at Sheffield Crown Court \
that lasted eleven weeks.

The jury heard evidence from five women who were aged between 12 and 16 when the abuse began. \
They told the court they had been given alcohol and drugs, driven to flats and houses across \
South Yorkshire and abused by groups of men.

Passing sentence, the judge told the defendants that they had treated the girls as objects to be \
used and discarded. He said the survivors had shown great courage in giving evidence about \
events that had shaped the rest of their lives.

Several of the women said they had reported what was happening to them at the time, to teachers, \
to social workers and to the police, but that no action had been taken. One said she had been \
arrested for being drunk and disorderly while the man who had abused her was allowed to drive \
away.

South Yorkshire Police said the investigation had been one of the largest it had ever carried \
out. A senior officer said the force accepted that it had let the victims down in the past and \
had changed the way it dealt with reports of child sexual exploitation.

"We want every survivor to know that it is never too late to come forward, and that they will be \
listened to and believed," the officer said outside court.

The National Crime Agency, which is investigating more than 1,500 reports of abuse in the town, \
said further trials were expected next year. Its inquiry, Operation Stovewood, was set up after \
a report by Professor Alexis Jay found that at least 1,400 children had been sexually exploited \
in Rotherham between 1997 and 2013.

Rotherham Council, which was run by government commissioners for four years after the Jay \
report, said it continued to support survivors and had increased the number of social workers \
in its children's services.

A charity that works with survivors said the sentences sent a clear message, but warned that \
many victims were still waiting for justice and for the support they had been promised."""

# The same agency copy as another outlet ran it: its own byline and intro, the rest as filed.
SYNDICATED = "By Staff Reporter\n\nSeven men who preyed on teenage girls in Rotherham have been " \
    "locked up for a total of 102 years.\n\n" + WIRE.split("\n\n", 1)[1]

# Another outlet's own report of the same trial: the same facts and police quote, its own words.
SAME_STORY = """Seven men were sentenced at Sheffield Crown Court yesterday to prison terms adding \
up to 102 years for abusing girls in Rotherham over a period of seven years.

Five survivors gave evidence during the eleven-week trial. Each described being plied with drink \
and drugs as young teenagers and taken to addresses in Rotherham, Sheffield and Barnsley, where \
they were abused by several men.

The judge said the men had shown no remorse and praised the women for reliving their ordeal in \
the witness box.

Some of the survivors told the jury they had tried to get help at the time. Their accounts were \
not acted on by the authorities, the court heard, and in one case a girl was detained by \
officers while her abuser went free.

Outside court a senior detective said: "We want every survivor to know that it is never too late \
to come forward, and that they will be listened to and believed."

The case is part of Operation Stovewood, the National Crime Agency inquiry that followed the \
2014 Jay report. More prosecutions are planned.

Campaigners welcomed the sentences but said support services in the town remained stretched and \
that many survivors had waited years for their cases to reach court."""

# The wire copy with its last paragraph rewritten.
NEW_ENDING = WIRE.rsplit("\n\n", 1)[0] + "\n\nCampaigners said the sentences were welcome, but " \
    "that support for survivors in the town was still stretched and that many had waited years " \
    "for their cases to reach court."


def article(
    article_id: str,
    text: str = "Some words here.",
    *,
    outlet: str = "Daily One",
    published: PublishedDate | None = None,
    headline: str = "A headline",
    url: str = "",
    meta: dict | None = None,
    source: str = "",
) -> Article:
    return Article(id=article_id, outlet=outlet, published=published, headline=headline,
                   standfirst="", text=text, url=url, meta=meta or {},
                   source=source or f"{article_id}.md")


def day(year: int, month: int, date: int) -> PublishedDate:
    return PublishedDate(dt.date(year, month, date))


PUNCTUATION = re.compile("[!-/:-@\\[-`{-~\u2013\u2014\u2018\u2019\u201c\u201d\u2026]")


def reference_jaccard(a: str, b: str, k: int = 5) -> float:
    """Jaccard similarity of the sets of k-word shingles, words case-folded and without their
    punctuation: the definition."""
    def shingles(text):
        words = [w for w in (PUNCTUATION.sub("", t) for t in text.casefold().split()) if w]
        return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}
    first, second = shingles(a), shingles(b)
    return len(first & second) / len(first | second)


def near_groups(texts: dict[str, str], **options) -> list[DuplicateGroup]:
    return near_duplicate_groups([article(i, t) for i, t in texts.items()], **options)


# --- per-outlet summary -----------------------------------------------------------------


def test_outlet_rows_count_articles_words_dates_and_undated():
    corpus = Corpus((
        article("a", "The council apologised.", published=day(2014, 8, 27)),
        article("b", "Mr Smith said: “It was a cover-up.”",
                published=PublishedDate(dt.date(2015, 2, 1), "month")),
        article("c", "Survivors  were\n\nnot believed.", published=None),
        article("d", "Police failed them.", outlet="Weekly Two",
                published=PublishedDate(dt.date(2013, 1, 1), "year")),
    ))
    findings = inspect(corpus)
    assert findings.outlets == (
        # 3 + 7 + 4 words: runs of non-space characters
        OutletRow("Daily One", 3, 14, day(2014, 8, 27),
                  PublishedDate(dt.date(2015, 2, 1), "month"), 1),
        OutletRow("Weekly Two", 1, 3, PublishedDate(dt.date(2013, 1, 1), "year"),
                  PublishedDate(dt.date(2013, 1, 1), "year"), 0),
    )
    assert (findings.articles, findings.words) == (4, 17)
    assert findings.first == PublishedDate(dt.date(2013, 1, 1), "year")
    assert findings.last == PublishedDate(dt.date(2015, 2, 1), "month")
    assert findings.errors == ()


def test_outlet_rows_by_articles_then_name_ignoring_case():
    corpus = Corpus((article("a", outlet="zeta"), article("b", outlet="Beta"),
                     article("c", outlet="alpha"), article("d", outlet="zeta")))
    assert [row.outlet for row in inspect(corpus).outlets] == ["zeta", "alpha", "Beta"]


def test_outlet_with_only_undated_articles_has_no_date_range():
    findings = inspect(Corpus((article("a"), article("b"))))
    assert findings.outlets == (OutletRow("Daily One", 2, 6, None, None, 2),)
    assert findings.first is None and findings.last is None


# --- errors and warnings ---------------------------------------------------------------------


def test_duplicate_ids_are_errors_naming_their_sources():
    corpus = Corpus((article("a", source="x.md"), article("a", "Other words.", source="y.md"),
                     article("b")))
    assert inspect(corpus).errors == (
        "id 'a' is used by 2 articles (x.md, y.md); ids must be unique",)


def test_no_articles_is_an_error():
    findings = inspect(Corpus((), source="empty.jsonl"))
    assert findings.errors == ("empty.jsonl: no articles",)
    assert findings.outlets == ()


def test_missing_metadata_is_counted_per_field_with_examples():
    corpus = Corpus((
        article("ok", published=day(2014, 8, 27)),
        article("no-outlet", outlet=UNKNOWN_OUTLET, published=day(2014, 8, 27)),
        article("no-date"),
        article("no-headline", headline="", published=day(2014, 8, 27)),
        article("empty", "", published=day(2014, 8, 27)),
    ))
    warnings = inspect(corpus).warnings
    assert "missing metadata: 1 article with no outlet (e.g. no-outlet)" in warnings
    assert "missing metadata: 1 article with no date (e.g. no-date)" in warnings
    assert "missing metadata: 1 article with no headline (e.g. no-headline)" in warnings
    assert "missing metadata: 1 article with empty text (e.g. empty)" in warnings


def test_examples_stop_at_five_and_say_how_many_more():
    corpus = Corpus(tuple(article(f"a{n}") for n in range(7)))
    assert ("missing metadata: 7 articles with no date (e.g. a0, a1, a2, a3, a4 and 2 more)"
            in inspect(corpus).warnings)


def test_text_without_words_is_a_warning():
    corpus = Corpus((article("symbols", "— … — 💔 ***"), article("fine", "Words, at last.")))
    found = [w for w in inspect(corpus).warnings if "no words" in w]
    assert len(found) == 1
    assert found[0].startswith("1 article with no words in the text")
    assert "(e.g. symbols)" in found[0]


@pytest.mark.parametrize(
    ("outlet", "url", "conflict"),
    [
        ("Daily One", "https://www.bbc.co.uk/news/uk-england-28939089", True),
        ("Fox News", "https://www.nytimes.com/2014/08/27/world/europe/rotherham.html", True),
        ("BBC", "https://www.bbc.co.uk/news/uk-england-28939089", False),
        ("Fox Online News", "https://www.foxnews.com/world/rotherham", False),
        ("The Guardian", "https://www.theguardian.com/uk-news/2014/aug/26/rotherham", False),
        ("Daily One", "https://www.dailyone.example.com/a", False),  # not a well-known site
        (UNKNOWN_OUTLET, "https://www.bbc.co.uk/news/uk-england-28939089", False),
    ],
)
def test_outlet_and_url_conflicts(outlet, url, conflict):
    warnings = inspect(Corpus((article("a", outlet=outlet, url=url),))).warnings
    found = [w for w in warnings if w.startswith("outlet and URL disagree")]
    assert bool(found) is conflict
    if conflict:
        assert f"a.md: outlet {outlet!r}, URL on" in found[0]


def test_date_problems_from_the_readers_are_date_anomalies():
    corpus = Corpus((
        article("old", meta={DATE_PROBLEM: "date '0001-11-30' is implausible (before 1800)"}),
        article("fine", published=day(2014, 8, 27)),
    ))
    found = [w for w in inspect(corpus).warnings if w.startswith("date anomalies")]
    assert found == ["date anomalies: 1 article with a date that cannot be used, treated as "
                     "undated (old: date '0001-11-30' is implausible (before 1800))"]


def test_empty_absurd_and_future_dates_in_a_table(tmp_path):
    rows = [("empty", ""), ("year-one", "0001-11-30"), ("future", "2050-09-30"),
            ("fine", "2014-08-27")]
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress("".join(
        json.dumps({"id": i, "outlet": "Daily One", "date": d, "headline": "H",
                    "text": f"Article {i}."}) + "\n" for i, d in rows).encode("utf-8")))
    findings = inspect(load(path))
    anomalies = [w for w in findings.warnings if w.startswith("date anomalies")]
    assert len(anomalies) == 1
    assert anomalies[0].startswith("date anomalies: 2 articles with a date that cannot be used")
    assert "year-one: date '0001-11-30' is implausible" in anomalies[0]
    assert "future: date '2050-09-30' is in the future" in anomalies[0]
    assert "empty" not in anomalies[0]
    # The empty date and both unusable ones are undated.
    assert findings.outlets[0].undated == 3
    assert ("missing metadata: 3 articles with no date (e.g. empty, year-one, future)"
            in findings.warnings)


# --- exact duplicates -------------------------------------------------------------------------


def test_exact_duplicates_ignore_case_and_whitespace_only():
    corpus = Corpus((
        article("a", "The council ignored warnings.\n\nIt has apologised."),
        article("b", "THE COUNCIL  ignored warnings. It has apologised.", outlet="Weekly Two"),
        article("c", "The council ignored warnings; it has apologised."),  # punctuation differs
        article("d", "  "),
        article("e", ""),  # empty texts are missing text, not duplicates
    ))
    findings = inspect(corpus)
    assert findings.exact_duplicates == (
        DuplicateGroup(("a", "b"), ("Daily One", "Weekly Two"), 1.0),)


def test_exact_duplicate_groups_biggest_first():
    texts = {"z1": "Same text one.", "z2": "same text one.", "a1": "Another text.",
             "a2": "another text.", "a3": "ANOTHER TEXT."}
    groups = exact_duplicate_groups([article(i, t) for i, t in texts.items()])
    assert [g.article_ids for g in groups] == [("a1", "a2", "a3"), ("z1", "z2")]


words = st.lists(st.text("abcdefghijklmnopqrstuvwxyzéü,.’", min_size=1, max_size=8),
                 min_size=1, max_size=30)


@given(words, st.data())
def test_any_recasing_and_respacing_is_an_exact_duplicate(tokens, data):
    spaces = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t"]),
                                min_size=len(tokens), max_size=len(tokens)))
    upper = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    copy = "".join((t.upper() if u else t) + s for t, u, s in zip(tokens, upper, spaces,
                                                                  strict=True))
    groups = exact_duplicate_groups([article("a", " ".join(tokens)), article("b", copy)])
    assert [g.article_ids for g in groups] == [("a", "b")]


# --- Jaccard and near-duplicates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1, 2, 3], [2, 3, 4], 2 / 4),
        ([1, 2, 3, 4], [1, 2, 3, 4], 1.0),
        ([1, 2], [3, 4, 5], 0.0),
        ([5], [], 0.0),
        ([], [], 1.0),
        ([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 9, 10], 7 / 10),
    ],
)
def test_jaccard_of_sorted_hash_arrays(a, b, expected):
    assert jaccard(np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)) == expected


@given(st.sets(st.integers(0, 2**64 - 1), max_size=40),
       st.sets(st.integers(0, 2**64 - 1), max_size=40))
def test_jaccard_agrees_with_python_sets(a, b):
    expected = len(a & b) / len(a | b) if a | b else 1.0
    as_array = lambda s: np.array(sorted(s), dtype=np.uint64)  # noqa: E731
    assert jaccard(as_array(a), as_array(b)) == pytest.approx(expected)


def test_syndicated_copy_with_own_intro_and_byline_is_a_near_duplicate():
    expected = reference_jaccard(WIRE, SYNDICATED)
    assert NEAR_DUPLICATE_THRESHOLD < expected < 0.9
    groups = near_groups({"pa-wire": WIRE, "herald-copy": SYNDICATED, "own-report": SAME_STORY})
    assert [g.article_ids for g in groups] == [("herald-copy", "pa-wire")]
    assert groups[0].similarity == round(expected, 4)


def test_different_articles_on_the_same_story_are_not_near_duplicates():
    assert reference_jaccard(WIRE, SAME_STORY) < 0.1
    assert near_groups({"pa-wire": WIRE, "own-report": SAME_STORY}) == []


def test_threshold_decides():
    similarity = reference_jaccard(WIRE, SYNDICATED)
    assert near_groups({"w": WIRE, "s": SYNDICATED}, threshold=similarity - 0.01) != []
    assert near_groups({"w": WIRE, "s": SYNDICATED}, threshold=similarity + 0.01) == []


def test_copies_linked_through_one_text_form_one_group_at_the_lowest_similarity():
    # Both copies are close to the wire text but not to each other.
    assert reference_jaccard(SYNDICATED, NEW_ENDING) < NEAR_DUPLICATE_THRESHOLD
    linking = [reference_jaccard(WIRE, SYNDICATED), reference_jaccard(WIRE, NEW_ENDING)]
    assert min(linking) >= NEAR_DUPLICATE_THRESHOLD
    groups = near_groups({"wire": WIRE, "copy": SYNDICATED, "ending": NEW_ENDING,
                          "other": SAME_STORY})
    assert [g.article_ids for g in groups] == [("copy", "ending", "wire")]
    assert groups[0].similarity == round(min(linking), 4)


def test_exact_duplicates_are_not_listed_again_as_near_duplicates():
    findings = inspect(Corpus((article("a", WIRE), article("b", WIRE.upper()),
                               article("c", SAME_STORY))))
    assert [g.article_ids for g in findings.exact_duplicates] == [("a", "b")]
    assert findings.near_duplicates == ()


# "investigation" is longer than the 8 bytes a word is known by, "jury" shorter: either way
# only the changed word's own 5 shingles differ, of n = words - 4 distinct shingles in each.
@pytest.mark.parametrize(("before", "after"), [
    ("investigation had been", "investigation has been"),
    ("The jury heard", "The court heard"),
], ids=["after a long word", "after a short word"])
def test_one_word_changed(before, after):
    changed = WIRE.replace(before, after)
    n = len(WIRE.split()) - 4
    assert reference_jaccard(WIRE, changed) == (n - 5) / (n + 5)
    groups = near_groups({"a": WIRE, "b": changed})
    assert groups[0].similarity == round((n - 5) / (n + 5), 4)


@pytest.mark.parametrize("layout", ["single newlines", "wrapped at 72 columns"])
def test_syndicated_copy_laid_out_differently_is_still_a_near_duplicate(layout):
    paragraphs = SYNDICATED.split("\n\n")
    copy = ("\n".join(paragraphs) if layout == "single newlines"
            else "\n\n".join(textwrap.fill(p, 72) for p in paragraphs))
    assert reference_jaccard(copy, SYNDICATED) == 1.0
    groups = near_groups({"pa-wire": WIRE, "herald-copy": copy})
    assert groups and groups[0].similarity == round(reference_jaccard(WIRE, copy), 4)


def test_similarity_of_a_pair_does_not_depend_on_the_articles_after_it():
    ending = "\n\nThe trial ended on 4 May."  # "May." is shorter than 8 bytes
    wire, copy = WIRE + ending, SYNDICATED + ending
    expected = round(reference_jaccard(wire, copy), 4)
    alone = near_groups({"wire": wire, "copy": copy})
    interleaved = near_groups({"wire": wire, "a": "The weather warning was lifted.", "copy": copy,
                               "b": "The rail strike was called off."})
    assert [g.similarity for g in alone] == [expected]
    assert [g.similarity for g in interleaved] == [expected]


# --- the report -------------------------------------------------------------------------------


def test_format_report_summary_table_and_warnings():
    corpus = Corpus((
        article("a", "The council apologised.", published=day(2014, 8, 27)),
        article("b", "the council  apologised.", published=day(2015, 2, 4)),
        article("c", "Police failed them.", outlet="Weekly Two"),
    ), name="sample", source="sample.jsonl")
    report = format_report(inspect(corpus)).split("\n")
    assert report[:6] == [
        "Corpus: sample  (sample.jsonl)",
        "3 articles, 2 outlets, 9 words, 2014-08-27 to 2015-02-04",
        "",
        # columns: outlet padded to its longest name (10), then 8, 11, 16 and 16 wide
        "outlet      articles        words  first             last",
        "-" * 57,
        "Daily One" + " " * 10 + "2" + " " * 12 + "6  2014-08-27        2015-02-04",
    ]
    assert report[6] == ("Weekly Two" + " " * 9 + "1" + " " * 12 + "3  -" + " " * 17 + "-"
                         + " " * 17 + "(1 undated)")
    assert report[8] == "Warnings (2):"
    assert "- missing metadata: 1 article with no date (e.g. c)" in report
    # A multi-line warning: one bullet, its lines indented under it.
    index = report.index("- 1 group of exact duplicates (same text), 2 articles in all:")
    assert report[index + 1] == "    a (Daily One), b (Daily One)"
    assert "Errors" not in "\n".join(report)


def test_format_report_of_a_clean_corpus():
    corpus = Corpus((
        article("a", "Words.", published=PublishedDate(dt.date(2014, 8, 1), "month",
                                                       approximate=True)),
        article("b", "More words.", outlet="Weekly Two",
                published=PublishedDate(dt.date(2015, 1, 1), "year")),
    ), name="clean")
    report = format_report(inspect(corpus))
    assert report.split("\n")[:2] == [
        "Corpus: clean", "2 articles, 2 outlets, 3 words, about 2014-08 to 2015"]
    assert report.endswith("\n\nNo problems found.")


def test_format_report_counts_in_the_singular():
    report = format_report(inspect(Corpus((article("a", "Words.", published=day(2014, 8, 1)),))))
    assert report.split("\n")[1] == "1 article, 1 outlet, 1 word, 2014-08-01 to 2014-08-01"


def test_format_report_lists_errors():
    corpus = Corpus((article("a", published=day(2014, 8, 1)),
                     article("a", "Other words.", published=day(2014, 8, 1))))
    report = format_report(inspect(corpus))
    assert "\n\nErrors (1):\n- id 'a' is used by 2 articles (a.md, a.md); ids must be unique" \
        in report


# --- the commands -------------------------------------------------------------------------------


def write_article(folder, name, body, *, outlet="Daily One", extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        f'---\noutlet: "{outlet}"\npublished: "2015-02-04"\nheadline: "Seven men jailed"\n'
        f"{extra}---\n{body}\n", encoding="utf-8")


def test_corpus_info_names_the_articles_in_each_duplicate_group(tmp_path):
    folder = tmp_path / "corpus"
    write_article(folder, "pa-wire", WIRE, outlet="Press Association")
    write_article(folder, "herald-copy", SYNDICATED, outlet="The Northern Herald")
    write_article(folder, "own-report", SAME_STORY, outlet="Daily One")
    write_article(folder, "reposted", WIRE.upper(), outlet="Weekly Two")
    result = runner.invoke(app, ["corpus", "info", str(folder)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 group of exact duplicates (same text), 2 articles in all:" in out
    assert "pa-wire (Press Association), reposted (Weekly Two)" in out
    near = out.split("near-duplicates", 1)[1]
    assert "herald-copy (The Northern Herald), pa-wire (Press Association)" in near
    assert "own-report" not in near


def test_corpus_validate_passes_with_warnings_only(tmp_path):
    folder = tmp_path / "corpus"
    write_article(folder, "pa-wire", WIRE, outlet="Press Association")
    write_article(folder, "herald-copy", SYNDICATED, outlet="The Northern Herald")
    result = runner.invoke(app, ["corpus", "validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Warnings (1):" in result.stdout
    assert result.stderr == ""


def test_corpus_validate_fails_on_duplicate_ids_in_one_line(tmp_path):
    folder = tmp_path / "corpus"
    write_article(folder, "a", WIRE, extra="id: same\n")
    write_article(folder, "b", SAME_STORY, extra="id: same\n")
    result = runner.invoke(app, ["corpus", "validate", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert str(folder / "a.md") in lines[0] and str(folder / "b.md") in lines[0]


def test_corpus_validate_fails_when_the_findings_have_errors(tmp_path, monkeypatch):
    # load() refuses duplicate ids itself, so a corpus with errors is handed to the command.
    corpus = Corpus((article("a", WIRE), article("a", SAME_STORY)), name="dup")
    monkeypatch.setattr("framing.cli._load", lambda source, options, **_: corpus)
    result = runner.invoke(app, ["corpus", "validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "Errors (1):" in result.stdout
    assert result.stderr == "error: 1 problem(s) found\n"
    info = runner.invoke(app, ["corpus", "info", str(tmp_path)])
    assert info.exit_code == 0  # info reports; only validate fails


# --- real data ----------------------------------------------------------------------------------


def test_allsides_corpus_findings(shared_data):
    path = shared_data / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"no {path}")
    corpus = load(path)
    start = time.perf_counter()
    findings = inspect(corpus)
    seconds = time.perf_counter() - start
    print(f"inspect on {findings.articles:,} articles: {seconds:.1f} s")
    assert seconds < 120
    assert findings.articles == 37_554
    assert len(findings.outlets) == 491
    assert findings.errors == ()
    assert sum(row.undated for row in findings.outlets) == sum(
        a.published is None for a in corpus.articles)
    warnings = "\n".join(findings.warnings)
    assert "articles with no date" in warnings  # empty dates
    anomalies = next(w for w in findings.warnings if w.startswith("date anomalies"))
    assert "'0001-" in anomalies and "'2050-" in anomalies
    by_id = {a.id: a for a in corpus.articles}
    for group in findings.exact_duplicates:
        texts = {" ".join(by_id[i].text.casefold().split()) for i in group.article_ids}
        assert len(texts) == 1
    assert findings.near_duplicates
    for group in findings.near_duplicates:
        first = by_id[group.article_ids[0]].text
        assert any(reference_jaccard(first, by_id[other].text) >= NEAR_DUPLICATE_THRESHOLD
                   for other in group.article_ids[1:])


# --- editions and languages ---------------------------------------------------------------------


def test_print_and_web_editions_that_differ_in_quotes_and_dashes_are_near_duplicates():
    web = (WIRE.replace("'", "\u2019").replace(" - ", " \u2014 ")
           .replace('"', "\u201c", 1))
    print_ = WIRE.replace("'", "''")
    assert reference_jaccard(web, print_) == 1.0
    corpus = Corpus((
        article("web", web, outlet="The Guardian", meta={"publication": "Guardian.com."}),
        article("print", print_, outlet="The Guardian",
                meta={"publication": "The Guardian (London) - Final Edition",
                      "edition": "Final Edition"}),
    ))
    findings = inspect(corpus)
    assert findings.exact_duplicates == ()
    assert findings.near_duplicates == (DuplicateGroup(
        ("print", "web"), ("The Guardian", "The Guardian"), 1.0,
        ("Guardian.com.", "The Guardian (London) - Final Edition")),)


def test_languages_line_with_those_left_out():
    corpus = Corpus((
        article("a", meta={"language": "en"}), article("b", meta={"language": "en"}),
        article("c"),
    ), name="mixed", left_out_languages={"ko": 59, "de": 3})
    findings = inspect(corpus)
    assert findings.languages == {"en": 2}
    assert format_report(findings).split("\n")[2] == (
        "Languages: English 2, not known 1; left out: Korean 59, German 3 (--all-languages "
        "keeps them)")


def test_no_languages_line_when_no_language_is_known():
    report = format_report(inspect(Corpus((article("a"),), name="plain")))
    assert "Languages" not in report
