"""Keyword in context: matches per outlet, exact offsets, voice, limits and bad patterns."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.errors import FramingError
from framing.kwic import format_kwic, kwic_lines, search_pattern
from framing.types import Article, Corpus, PublishedDate

runner = CliRunner()


def article(id, outlet, text, headline="Headline"):
    return Article(id=id, outlet=outlet, published=PublishedDate(dt.date(2020, 1, 2)),
                   headline=headline, standfirst="", text=text)


CORPUS = Corpus(articles=(
    article("a1", "Daily One", "Gangs of mainly Asian men were jailed.\n\n"
            "The judge said: “These Asian gangs preyed on girls.”"),
    article("a2", "Daily One", "Nothing here."),
    article("b1", "Weekly Two", "South  Asian\nmen, and asians, and Caucasian men."),
))


def test_matches_per_outlet_with_counts_and_exact_offsets():
    result = kwic_lines(CORPUS, "asian", width=10)
    assert [o.outlet for o in result] == ["Daily One", "Weekly Two"]
    one, two = result
    assert (one.matches, one.articles_with, one.articles) == (2, 1, 2)
    # Whole words only: "asians" and "Caucasian" are other words.
    assert (two.matches, two.articles_with) == (1, 1)
    texts = {a.id: a.analysed_text for a in CORPUS.articles}
    for outlet in result:
        for line in outlet.lines:
            assert texts[line.article_id][line.start:line.end].lower() == "asian"


def test_voice_and_paragraph():
    one = kwic_lines(CORPUS, "asian")[0]
    assert [(line.voice, line.paragraph) for line in one.lines] == [("own", 1), ("quoted", 2)]


def test_phrase_matches_across_any_whitespace():
    (line,) = kwic_lines(CORPUS, "south asian men")[1].lines
    assert line.match == "South Asian men"  # shown with single spaces
    assert CORPUS.articles[2].analysed_text[line.start:line.end] == "South  Asian\nmen"


def test_context_is_cut_to_width_and_flattened():
    (line,) = kwic_lines(CORPUS, "jailed", width=12)[0].lines
    assert line.left == "y Asian men were "[-12:]
    assert len(line.left) == 12
    assert "\n" not in line.left + line.right


def test_limit_caps_lines_but_not_the_count():
    one = kwic_lines(CORPUS, "asian", limit=1)[0]
    assert len(one.lines) == 1 and one.matches == 2
    assert "showing 1" in format_kwic(kwic_lines(CORPUS, "asian", limit=1))


def test_regex():
    two = kwic_lines(CORPUS, r"asians?\b", regex=True)[1]
    assert two.matches == 3  # South Asian, asians, and the end of Caucasian
    assert kwic_lines(CORPUS, r"(asian) (men)", regex=True)[1].matches == 1


def test_regex_metacharacters_are_literal_without_regex():
    corpus = Corpus(articles=(article("x", "O", "Costs rose (by 5%) in 2014."),))
    assert kwic_lines(corpus, "(by 5%)")[0].matches == 1
    assert kwic_lines(corpus, "5%")[0].matches == 1


@pytest.mark.parametrize("pattern, regex, message", [
    ("  ", False, "empty"),
    ("(", True, "invalid regular expression"),
    ("(a+)+", True, "catastrophic backtracking"),
    ("x*", True, "empty string"),
])
def test_bad_patterns(pattern, regex, message):
    with pytest.raises(FramingError, match=message):
        search_pattern(pattern, regex=regex)


def test_format_aligns_marks_quotes_and_says_when_nothing_matches():
    text = format_kwic(kwic_lines(CORPUS, "asian", width=15), width=15)
    lines = text.splitlines()
    assert lines[0] == "3 match(es) in 2 article(s)"
    assert "Daily One: 2 match(es) in 1 of 2 article(s)" in lines
    matches = [line for line in lines if "[Asian]" in line]
    assert len({line.index("[Asian]") for line in matches if line.startswith("  a1")}) == 1
    assert any('" ' in line and "These" in line for line in matches)
    assert format_kwic(kwic_lines(CORPUS, "zebra")) == "No matches."


def test_cli_on_the_bundled_corpus():
    result = runner.invoke(app, ["kwic", "Asian", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "The Independent" in result.output and "[Asian]" in result.output


def test_cli_bad_regex_is_one_line():
    result = runner.invoke(app, ["kwic", "(", "--regex"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: --regex")
    assert "Traceback" not in result.output
