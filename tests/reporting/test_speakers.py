"""The report's "Who speaks" section (framing.reporting.speakers) and what it adds elsewhere:
findings, the handout's question, Methods, on the bundled corpus and on small corpora."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from framing.evidence import select
from framing.features.compute import compute
from framing.features.roles import load_roles
from framing.lexicons import load_lexicons
from framing.reporting.build import build, quotes_in_sections
from framing.reporting.findings import (
    discussion_questions,
    outlet_facts,
    who_speaks_findings,
)
from framing.reporting.html import render_html
from framing.reporting.speakers import VALIDATION, who_speaks_section
from framing.reporting.structure import Chart, Paragraph, QuoteGroup, Table
from framing.types import Article, Corpus

LEXICONS = load_lexicons()
ROLES = load_roles()


@pytest.fixture(scope="module")
def analyst(bundled):
    _corpus, features = bundled
    return build(features, select(features), profile="analyst", generated=dt.date(2026, 1, 1))


@pytest.fixture(scope="module")
def section(analyst):
    return next(s for s in analyst.sections if s.id == "who-speaks")


def blocks(section, kind):
    return [b for b in section.blocks if isinstance(b, kind)]


def test_the_section_comes_after_the_frames_and_says_what_is_counted(analyst, section):
    ids = [s.id for s in analyst.sections]
    assert ids.index("who-speaks") == ids.index("terms") - 1
    assert ids.index("who-speaks") > max(i for i, s in enumerate(ids) if s.startswith("frame-"))
    intro = section.blocks[0].text
    assert "police (police officers and forces" in intro and '"unattributed"' in intro
    assert "politicians (ministers, MPs, councillors" in intro  # acronyms as written
    finding = next(b for b in blocks(section, Paragraph) if b.kind == "finding").text
    assert finding.startswith("The articles carry 72 direct quotations (in 5 of 5 articles)")
    assert "no quotation has the role victims" in finding
    # shares of the 70 with a speaker, as in the chart: 28 of 70, not of all 72
    assert "most often (shares of the 70 with a speaker): officials 28 (40%)" in finding


def test_the_stacked_bar_shows_each_outlets_shares_with_n(bundled, section):
    _corpus, features = bundled
    (chart,) = blocks(section, Chart)
    assert chart.kind == "stacked"
    direct = [q for q in features.quotations if q.kind == "direct"]
    outlet_of = {a.id: a.outlet for a in features.corpus.articles}
    named = {o: sum(outlet_of[q.span.article_id] == o and q.role != "unattributed"
                    for q in direct) for o in features.corpus.outlets}
    left = {o: sum(outlet_of[q.span.article_id] == o and q.role == "unattributed"
                   for q in direct) for o in features.corpus.outlets}
    # n counts the attributed quotations, the bars share them; the unattributed are apart.
    assert chart.categories == tuple(f"{o} (n = {named[o]})" for o in sorted(named))
    assert "The Independent (n = 32)" in chart.categories and left["The Independent"] == 2
    assert "The Independent: police 28%, officials 59%, politicians 9%, experts 3% " \
        "(n = 32; 2 unattributed)" in chart.alt
    assert "the table below gives their share" in chart.caption
    for k in range(len(chart.categories)):
        assert sum(s.values[k] for s in chart.series) == pytest.approx(100)
    assert [s.name for s in chart.series][-1] == "other"
    assert "Shares of fewer than 20 quotations" in chart.caption
    assert "(n = 19; 0 unattributed)" in chart.alt


def test_the_roles_table_shows_counts_beside_shares(section):
    table = next(t for t in blocks(section, Table) if t.caption.startswith("Direct quotations"))
    assert table.columns[:4] == ("Outlet", "Quotations", "Quoted words", "Articles quoting")
    rows = {row[0]: dict(zip(table.columns, row, strict=True)) for row in table.rows}
    assert rows["The Yorkshire Post"]["politicians"] == "27% (4)"
    assert rows["The Independent"]["Articles quoting"] == "2 of 2"


def test_the_most_quoted_people_each_with_a_verbatim_quote(bundled, section):
    corpus, _features = bundled
    texts = {a.id: a.analysed_text for a in corpus.articles}
    table = next(t for t in blocks(section, Table) if t.caption.startswith("Most quoted"))
    assert ("The Independent", "Professor Alexis Jay", "officials", "4", "2") in table.rows
    groups = blocks(section, QuoteGroup)
    assert [g.title for g in groups] == ["BBC News", "Breitbart", "The Independent",
                                         "The Yorkshire Post"]
    for group in groups:
        assert "not a ranking" in group.note  # a handful of articles each
        for quote in group.quotes:
            assert texts[quote.article_id][quote.start:quote.end] == quote.text
            assert quote.voice == "quoted"
            assert re.search(r"\(\w+\): \d+ quotations? in ", quote.note)
    cartlidge = next(q for g in groups for q in g.quotes if q.note.startswith("James Cartlidge"))
    assert cartlidge.text.startswith("We remain clear that allegations")


def test_frames_in_each_voice(section):
    corpus_table, by_outlet = [t for t in blocks(section, Table)
                               if t.caption.startswith("Frames in each voice")]
    assert corpus_table.columns[:2] == ("Voice", "Words")
    voices = [row[0] for row in corpus_table.rows]
    assert voices[0] == "own voice" and "quoted: officials" in voices
    own = corpus_table.rows[0]
    assert re.fullmatch(r"\d+ \(\d+\.\d\)", own[corpus_table.columns.index("ethnicity")])
    small = next(row for row in corpus_table.rows if int(row[1].replace(",", "")) < 200)
    assert all("(" not in cell for cell in small[2:])  # too few words for a rate
    assert by_outlet.columns[:3] == ("Outlet", "Voice", "Words")


def test_html_speaker_quotes_carry_article_and_offsets(bundled, analyst, section):
    html = render_html(analyst)
    for group in blocks(section, QuoteGroup):
        for quote in group.quotes:
            assert (f'data-article="{quote.article_id}" data-start="{quote.start}" '
                    f'data-end="{quote.end}"') in html
    assert set(quotes_in_sections([section])) <= set(analyst.quotes)


def test_methods_describe_the_attribution_and_cite_its_validation(analyst):
    methods = next(s for s in analyst.sections if s.id == "methods")
    bullets = methods.blocks[0].items
    assert any(b.startswith("Who speaks: every span in quotation marks") for b in bullets)
    assert VALIDATION in bullets and "speaker is right for 82.4%" in VALIDATION
    roles_table = next(b for b in methods.blocks if isinstance(b, Table)
                       and b.caption.startswith("Roles lexicon roles"))
    assert [row[0] for row in roles_table.rows][:3] == ["police", "officials", "politicians"]
    assert "roles 1.2" in analyst.reproducibility


def test_no_section_without_a_roles_lexicon(bundled):
    _corpus, features = bundled
    plain = dataclasses.replace(features, quotations=(), roles=None)
    report = build(plain, select(plain), profile="analyst", generated=dt.date(2026, 1, 1))
    assert "who-speaks" not in [s.id for s in report.sections]
    assert who_speaks_findings(plain) == []


def small(texts: dict[str, list[str]]) -> Corpus:
    return Corpus(tuple(Article(f"{o[0]}{k}", o, None, f"Story {k}", "", text)
                        for o, bodies in texts.items() for k, text in enumerate(bodies)))


def test_no_quotation_at_all():
    corpus = small({"Alpha": ["The council met."], "Beta": ["Nothing was said."]})
    features = compute(corpus, lexicons=LEXICONS, roles=ROLES, workers=1)
    section = who_speaks_section(features, select(features), facts={}, shown=[], pooled=[])
    assert [type(b) for b in section.blocks] == [Paragraph, Paragraph]
    assert section.blocks[1].text == ("No article quotes anyone directly (0 direct quotations "
                                      "in 2 articles).")


def test_an_outlet_whose_quotations_are_all_unattributed_shares_no_role():
    corpus = small({
        "Alpha": ["Ann Smith, a police officer, said: “We failed them all, again and again.”"],
        "Beta": ["The council met. “Nothing will change until the law itself does.”"],
    })
    features = compute(corpus, lexicons=LEXICONS, roles=ROLES, workers=1)
    section = who_speaks_section(features, select(features), facts=outlet_facts(features),
                                 shown=["Alpha", "Beta"], pooled=[])
    table = next(t for t in blocks(section, Table) if t.caption.startswith("Direct quotations"))
    rows = {row[0]: dict(zip(table.columns, row, strict=True)) for row in table.rows}
    assert (rows["Alpha"]["police"], rows["Alpha"]["unattributed"]) == ("100% (1)", "0% (0)")
    assert (rows["Beta"]["police"], rows["Beta"]["unattributed"]) == ("–", "100% (1)")
    (chart,) = blocks(section, Chart)
    assert chart.categories == ("Alpha (n = 1)", "Beta (n = 0)")


def test_a_handful_of_quotations_is_not_called_a_pattern_and_the_handout_asks_about_it():
    corpus = small({
        "Alpha": ["Ann Smith, a police officer, said: “We failed them.”",
                  "The council said: “We are sorry.”",
                  "Detective Inspector Mo Khan said: “It was slow.”"],
        "Beta": ["“It was wrong,” said John Jones, a council officer.",
                 "“Never again,” the minister said."],
    })
    features = compute(corpus, lexicons=LEXICONS, roles=ROLES, workers=1)
    found = " ".join(who_speaks_findings(features))
    assert "With only 5 direct quotations, the roles describe these articles’ sources, not a " \
           "pattern: police 2 (40%); officials 2 (40%); politicians 1 (20%)" in found
    question = next(q for q in discussion_questions(features) if "direct quotation" in q)
    assert question.startswith("Of the 5 direct quotations in these articles, 2 have the role "
                               "police (40%) and none the role victims, advocates, experts or "
                               "legal.")
    assert "who is talked about but not heard?" in question
