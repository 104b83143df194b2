import dataclasses
import datetime as dt
import re

import pytest

import framing
from framing.errors import ReportError
from framing.evidence import select
from framing.reporting import build as build_module
from framing.reporting.build import (
    audit_passage,
    build,
    corpus_fingerprint,
    quotes_in_sections,
    section_ids,
)
from framing.reporting.findings import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    discussion_questions,
    key_findings,
)
from framing.reporting.structure import (
    BulletList,
    Callout,
    Chart,
    Paragraph,
    QuoteGroup,
    SideBySide,
    Table,
)
from tests.reporting.sample import ARTICLES, make_features

GENERATED = dt.date(2026, 11, 22)


def make_report(features, profile="analyst", **options):
    return build(features, select(features), profile=profile, generated=GENERATED, **options)


@pytest.fixture(scope="module")
def analyst(features):
    return make_report(features, command="framing report corpus/rotherham")


@pytest.fixture(scope="module")
def handout(features):
    return make_report(features, profile="handout")


def section(report, section_id):
    return next(s for s in report.sections if s.id == section_id)


def blocks_of(report, kind):
    found = []

    def walk(sections):
        for s in sections:
            found.extend(b for b in s.blocks if isinstance(b, kind))
            walk(s.subsections)

    walk(report.sections)
    return found


def test_unknown_profile_is_a_report_error(features):
    with pytest.raises(ReportError, match="analyst, handout"):
        make_report(features, profile="poster")


def test_analyst_has_every_section(analyst, features):
    ids = [s.id for s in analyst.sections]
    assert ids == ["findings", "at-a-glance", "frame-ethnicity", "frame-domestic",
                   "frame-perpetrator-labels", "terms", "sentiment", "methods", "sources",
                   "audit"]
    assert analyst.profile == "analyst"
    assert analyst.title == "Rotherham sample: how 4 outlets framed the story"
    assert "terms-the-yorkshire-post" in section_ids(analyst.sections)


def test_cover_gives_scope_lexicons_and_date(analyst):
    cover = analyst.cover
    assert cover.generated == "2026-11-22"
    scope = " ".join(cover.scope)
    assert "5 articles (517 words) from 4 outlets" in scope
    assert "about 2014-08 to 2022-02-01" in scope
    assert "perpetrator labels (version 2.1, 123456abcdef)" in scope
    rows = {row[0]: row for row in cover.scope_table.rows}
    assert rows["The Independent"][1:3] == ("2", "221")


def test_cover_says_how_many_articles_not_in_english_were_left_out(features):
    corpus = dataclasses.replace(features.corpus, left_out_languages={"de": 51, "ko": 59})
    report = make_report(dataclasses.replace(features, corpus=corpus))
    assert ("Left out, not in English: 110 articles (Korean 59, German 51); the lexicons and "
            "VADER read English") in report.cover.scope
    assert not any("Left out" in line for line in make_report(features).cover.scope)


def test_every_quote_is_verbatim_cited_and_listed(analyst, handout, features):
    articles = {a.id: a for a in features.corpus.articles}
    for report in (analyst, handout):
        in_sections = quotes_in_sections(report.sections)
        assert in_sections and set(in_sections) == set(report.quotes)
        for quote in report.quotes:
            article = articles[quote.article_id]
            assert quote.text == article.analysed_text[quote.start:quote.end]
            assert quote.outlet == article.outlet and quote.headline == article.headline
            assert quote.published and re.fullmatch(
                r"headline|standfirst|paragraph [1-9]\d*", quote.location)


def test_findings_carry_their_numbers(analyst, features):
    items = blocks_of(analyst, BulletList)[0].items
    assert all(re.search(r"\d", item) for item in items)
    text = "\n".join(items)
    # 5 perpetrator-label mentions in The Independent's 221 words: 22.6 per 1,000; with one
    # article in each other outlet there is nothing to compare it with.
    assert ("No outlet clearly used perpetrator labels more often than another: rates ran "
            "from ") in text
    assert "to 22.62 (The Independent, no interval) per 1,000 words" in text
    assert "Only The Independent used domestic terms: 3 mentions" in text
    assert "Every outlet has fewer than 5 articles" in text
    assert "with one article, its distinctive words are that article’s words" in text
    assert "Comparison needs two" not in text


def test_one_outlet_says_comparison_needs_two():
    independent = tuple(a for a in ARTICLES if a.outlet == "The Independent")
    features = make_features(independent)
    report = make_report(features)
    findings = "\n".join(blocks_of(report, BulletList)[0].items)
    assert "Comparison needs two outlets or more" in findings
    assert "most often" not in findings  # no ranking of a single outlet
    terms = section(report, "terms")
    assert any("comparison needs two" in b.text for b in terms.blocks
               if isinstance(b, Paragraph))
    handout = make_report(features, profile="handout")
    questions = blocks_of(handout, BulletList)[-1].items
    assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS


def test_at_a_glance_has_a_row_per_outlet(analyst):
    table = section(analyst, "at-a-glance").blocks[0]
    assert isinstance(table, Table)
    assert table.columns[:5] == ("Outlet", "Articles", "Words", "Published",
                                 "Sentiment mean [95% CI]")
    rows = {row[0]: row for row in table.rows}
    assert set(rows) == {"BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}
    assert rows["The Independent"][4] == "-0.31 [-0.42, -0.20]"
    assert rows["Breitbart"][4] == "-0.40 (1 article)"
    assert rows["The Independent"][5:] == ("13.6", "13.6", "22.6")
    assert all(len(row) == len(table.columns) for row in table.rows)


def test_frame_section_has_charts_table_quotes_and_audit_pointer(analyst, features):
    frame = section(analyst, "frame-ethnicity")
    charts = [b for b in frame.blocks if isinstance(b, Chart)]
    assert len(charts) == 1
    chart = charts[0]
    assert [s.name for s in chart.series] == ["Mentions per 1,000 words",
                                             "% of articles with a mention"]
    assert chart.categories == ("BBC News", "Breitbart", "The Independent", "The Yorkshire Post")
    assert chart.series[0].values[0] == pytest.approx(2 / 114 * 1000)
    assert chart.caption and chart.alt
    groups = [b for b in frame.blocks if isinstance(b, QuoteGroup)]
    assert [g.title for g in groups] == ["BBC News", "Breitbart", "The Independent",
                                         "The Yorkshire Post"]
    assert all(q.voice in ("own", "quoted") for g in groups for q in g.quotes)
    text = " ".join(b.text for b in frame.blocks if isinstance(b, Paragraph))
    assert "7 mentions of ethnicity terms in 5 of 5 articles" in text
    assert "audit appendix" in text
    domestic = section(analyst, "frame-domestic")
    silent = [b.text for b in domestic.blocks if isinstance(b, Paragraph)
              and b.text.startswith("No mention in")]
    assert silent == ["No mention in: BBC News (1 article); Breitbart (1 article); "
                      "The Yorkshire Post (1 article)."]


def test_terms_section_tables_flags_and_quotes(analyst):
    terms = section(analyst, "terms")
    by_outlet = {s.title: s for s in terms.subsections}
    assert set(by_outlet) == {"BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}
    breitbart = by_outlet["Breitbart"]
    table = breitbart.blocks[0]
    assert table.columns == ("Rank", "Term", "z", "Count", "Count in others", "In articles",
                             "Log ratio", "TF-IDF")
    assert table.rows[0] == ("1", "officers", "3.0", "3", "1", "1 of 1", "2.04", "0.410")
    flags = [b.text for b in breitbart.blocks if isinstance(b, Paragraph)]
    assert any("its distinctive words are that article's words" in t for t in flags)
    independent = by_outlet["The Independent"]
    assert not any(isinstance(b, Paragraph) for b in independent.blocks)
    quotes = [b for b in breitbart.blocks if isinstance(b, QuoteGroup)][0].quotes
    # "misconduct notices" (z = 1.7) is below 1.96: not quoted as distinctive.
    assert [q.note for q in quotes] == ['term "officers"', 'term "investigation"']


def test_sentiment_section(analyst):
    sentiment = section(analyst, "sentiment")
    chart = next(b for b in sentiment.blocks if isinstance(b, Chart))
    assert chart.kind == "interval" and chart.reference == 0.0
    series = chart.series[0]
    index = chart.categories.index("The Independent")
    assert (series.low[index], series.values[index], series.high[index]) == (-0.421, -0.312,
                                                                             -0.203)
    table = next(b for b in sentiment.blocks if isinstance(b, Table))
    assert ("The Independent", "2", "8", "-0.31", "-0.42 to -0.20", "75%") in table.rows
    groups = [b for b in sentiment.blocks if isinstance(b, QuoteGroup)]
    assert len(groups) == 4
    notes = [q.note for g in groups for q in g.quotes]
    assert any(n.startswith("most negative sentence, VADER -") for n in notes)
    assert any(n.startswith("least negative sentence, VADER -") for n in notes)


def test_methods_name_the_methods_and_limits(analyst):
    methods = section(analyst, "methods")
    text = " ".join(
        [*(i for b in methods.blocks if isinstance(b, BulletList) for i in b.items),
         *(p for b in methods.blocks if isinstance(b, Callout) for p in b.paragraphs)])
    for needle in ("a_w = a0 · y_w / N", "z = d / √var", "Log Ratio", "TF-IDF",
                   "r = 0.49", "Hutto & Gilbert 2014", "Crime news reads negative",
                   "Frames are not bias", "not a judgement of relevance", "quotation marks"):
        assert needle in text, needle
    lexicon_tables = [b for b in methods.blocks if isinstance(b, Table)]
    assert len(lexicon_tables) == 3
    domestic = next(t for t in lexicon_tables if "domestic" in t.caption)
    assert domestic.rows == (("home", "in the home; domestic violence"),)
    assert "Home Office" in domestic.note


def test_sources_list_every_article(analyst, features):
    table = section(analyst, "sources").blocks[0]
    assert len(table.rows) == len(features.corpus.articles)
    bbc = next(r for r in table.rows if r[0] == "BBC News")
    assert bbc[1] == "about 2014-08 (month only)"
    assert bbc[3] == "–" and bbc[4] == "https://www.bbc.com/news/uk-28953549"


def test_audit_lists_every_mention_with_an_empty_reviewer_column(analyst, features):
    table = section(analyst, "audit").blocks[1]
    assert table.kind == "audit"
    assert table.columns[-1] == "Relevant? yes / no / unclear"
    assert len(table.rows) == len(features.mentions) == 17
    assert all(row[-1] == "" for row in table.rows)
    articles = {a.id: a for a in features.corpus.articles}
    for row in table.rows:
        passage = row[5].removeprefix("… ").removesuffix(" …")
        assert passage in articles[row[1]].analysed_text


def test_audit_is_capped_with_a_pointer_to_the_data(features, monkeypatch):
    monkeypatch.setattr(build_module, "AUDIT_ROWS", 5)
    report = make_report(features)
    table = section(report, "audit").blocks[1]
    assert len(table.rows) == 5
    assert "The first 5 of 17 mentions" in table.note and "mentions.csv" in table.note


def test_audit_passage_cuts_at_spaces():
    words = " ".join(f"w{i}" for i in range(40))
    article = dataclasses.replace(ARTICLES[0], text=words)
    text = article.analysed_text
    start = text.index("w20")
    from framing.types import Mention, Span

    mention = Mention("x", "c", "w20", Span(article.id, start, start + 3), "w20", "own", 1, 0,
                      "first paragraph")
    assert audit_passage(article, mention, words=2) == "… w18 w19 w20 w21 w22 …"
    first = text.index("w0 ")
    mention = dataclasses.replace(mention, span=Span(article.id, first, first + 2))
    assert audit_passage(article, mention, words=2) == "w0 w1 w2 …"


def test_reproducibility_line(analyst, features):
    fingerprint = corpus_fingerprint(features)
    assert re.fullmatch(r"[0-9a-f]{12}", fingerprint)
    line = analyst.reproducibility
    assert f"framing {framing.__version__}" in line
    assert f"corpus {fingerprint} (5 articles)" in line
    assert "ethnicity 1.0 (a1b2c3d4e5f6)" in line
    assert line.endswith("command: framing report corpus/rotherham")
    changed = dataclasses.replace(ARTICLES[0], text=ARTICLES[0].text + " More.")
    assert corpus_fingerprint(make_features((changed, *ARTICLES[1:]))) != fingerprint


def test_corpus_fingerprint_is_sha256_of_ids_and_text_digests_sorted_by_id(features):
    import hashlib

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    joined = b"".join(f"{a.id}\0{digest(a.analysed_text)}\0".encode()
                      for a in sorted(features.corpus.articles, key=lambda a: a.id))
    assert corpus_fingerprint(features) == hashlib.sha256(joined).hexdigest()[:12]
    articles = tuple(dataclasses.replace(a) for a in features.corpus.articles)  # not made yet
    fresh = dataclasses.replace(features, corpus=dataclasses.replace(features.corpus,
                                                                     articles=articles))
    assert corpus_fingerprint(fresh) == corpus_fingerprint(features)
    assert not any("analysed_text" in a.__dict__ for a in articles)


def test_build_is_deterministic(features, analyst):
    assert make_report(features, command="framing report corpus/rotherham") == analyst


def test_handout_has_note_frame_box_side_by_side_and_questions(handout):
    callouts = blocks_of(handout, Callout)
    note = next(c for c in callouts if c.title == "Content note")
    assert "sexual abuse and exploitation of children" in note.paragraphs[0]
    box = next(c for c in callouts if c.title == "What is a frame?")
    box_text = " ".join(box.paragraphs)
    for needle in ("Entman 1993", "define problems", "diagnose causes", "moral judgements",
                   "suggest remedies", "Frames are not bias"):
        assert needle in box_text
    pairs = blocks_of(handout, SideBySide)
    assert pairs
    for pair in pairs:
        outlets = [column.title for column in pair.columns]
        assert len(outlets) >= 2 and len(set(outlets)) == len(outlets)
        assert all(len(c.quotes) == 1 and c.quotes[0].outlet == c.title for c in pair.columns)
    assert "cannot-tell" in [s.id for s in handout.sections]
    questions = section(handout, "questions").blocks[0]
    assert questions.ordered and MIN_QUESTIONS <= len(questions.items) <= MAX_QUESTIONS
    charts = [c.id for c in blocks_of(handout, Chart)]
    assert "frames-per-1k" in charts
    # each outlet's top terms: term, count, in k of n articles, with what they can show
    tables = {t.caption.split(" (")[0]: t for t in blocks_of(handout, Table)
              if t.kind == "compact"}
    assert set(tables) == {"BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}
    breitbart = tables["Breitbart"]
    assert breitbart.columns == ("Rank", "Term", "Count", "In articles")
    assert breitbart.rows[0] == ("1", "officers", "3", "1 of 1")
    numbers = section(handout, "numbers")
    intro = next(b.text for b in numbers.blocks if isinstance(b, Paragraph))
    assert "cannot show an outlet's habits" in intro


def test_questions_are_built_from_this_corpus(features):
    questions = discussion_questions(features)
    text = "\n".join(questions)
    assert "“jumping to conclusions”" in text and "The Yorkshire Post’s headline" in text
    assert "never used domestic terms" in text
    assert "in its own voice" in text
    renamed = {"The Independent": "Daily A", "BBC News": "Channel B",
               "The Yorkshire Post": "Gazette C", "Breitbart": "Site D"}
    other = tuple(dataclasses.replace(a, outlet=renamed[a.outlet],
                                      headline=a.headline.replace("jumping to", "rushing to"))
                  for a in ARTICLES)
    other_text = "\n".join(discussion_questions(make_features(other)))
    assert "Yorkshire" not in other_text and "Independent" not in other_text
    assert "Gazette C’s headline" in other_text and "“rushing to conclusions”" in other_text


def test_many_outlets_are_grouped_in_charts_and_tables_stay_readable():
    articles = tuple(dataclasses.replace(ARTICLES[i % len(ARTICLES)], id=f"a{i:02d}",
                                         outlet=f"Outlet {i:02d} with a long name")
                     for i in range(30))
    features = make_features(articles)
    report = make_report(features)
    chart = next(c for c in blocks_of(report, Chart) if c.id == "frame-ethnicity")
    assert len(chart.categories) == 26 and chart.categories[-1] == "5 other outlets"
    glance = section(report, "at-a-glance").blocks[0]
    assert len(glance.rows) == 30 and glance.kind == "wide"
    assert len(report.cover.scope_table.rows) == 26
    handout = make_report(features, profile="handout")
    assert not any(c.id.startswith("terms-") for c in blocks_of(handout, Chart))
    for pair in blocks_of(handout, SideBySide):
        assert len(pair.columns) <= 4


def test_key_findings_on_the_fixture_are_sober(features):
    findings = key_findings(features)
    assert findings[0] == ("The corpus holds 5 articles (517 words) from 4 outlets, published "
                           "between about 2014-08 and 2022-02-01.")
    assert not any(re.search(r"\bbias(ed)?\b", f) for f in findings)


def test_weak_or_tied_terms_are_not_called_distinctive(features):
    from framing.types import TermScore

    weak = tuple(TermScore(o, t, 0.06, 1.02, 3.1, 1, 0, 1, 1, rank=1, tied=3)
                 for o in features.corpus.outlets for t in ("alpha", "beta", "gamma"))
    changed = dataclasses.replace(features, terms=weak)
    findings = "\n".join(key_findings(changed))
    assert "No term clearly set any outlet apart" in findings
    assert "most set" not in findings
    questions = "\n".join(discussion_questions(changed))
    assert "No word sets any outlet clearly apart here (the highest z is 1.0" in questions
    report = make_report(changed)
    table = section(report, "terms").subsections[0].blocks[0]
    assert "No term reaches z = 1.96" in table.note
    assert "they describe this article, not the outlet's habits" in table.note
    assert [row[:2] for row in table.rows] == [("1=", "alpha"), ("1=", "beta"), ("1=", "gamma")]
    assert not any(isinstance(b, QuoteGroup) for b in section(report, "terms").subsections[0]
                   .blocks)
    # The handout still shows each outlet's top terms, and says what they cannot show.
    handout = make_report(changed, profile="handout")
    assert not any(c.id.startswith("terms-") for c in blocks_of(handout, Chart))
    tables = [t for t in blocks_of(handout, Table) if t.kind == "compact"]
    assert len(tables) == 4 and all(len(t.rows) == 3 for t in tables)
    intro = next(b.text for b in section(handout, "numbers").blocks
                 if isinstance(b, Paragraph))
    assert "no word is clearly distinctive (every z below 1.96)" in intro


def test_side_by_side_shows_an_outlets_usual_voice(features):
    frames = tuple(dataclasses.replace(f, own_voice_share=1 / 3)
                   if (f.lexicon, f.outlet) == ("ethnicity", "The Independent") else f
                   for f in features.frames)
    report = make_report(dataclasses.replace(features, frames=frames), profile="handout")
    ethnicity = next(p for p in blocks_of(report, SideBySide) if p.title.startswith("Ethnicity"))
    column = next(c for c in ethnicity.columns if c.title == "The Independent")
    assert column.quotes[0].voice == "quoted"
    assert column.note == "3 mentions in 2 articles; 33% in its own voice"
    usual = next(p for p in blocks_of(make_report(features, profile="handout"), SideBySide)
                 if p.title.startswith("Ethnicity"))
    assert next(c for c in usual.columns if c.title == "The Independent").quotes[0].voice == "own"


def test_one_outlet_beyond_the_charts_is_one_other_outlet():
    articles = tuple(dataclasses.replace(ARTICLES[i % len(ARTICLES)], id=f"a{i:02d}",
                                         outlet=f"Outlet {i:02d}") for i in range(26))
    report = make_report(make_features(articles))
    chart = next(c for c in blocks_of(report, Chart) if c.id == "frame-ethnicity")
    assert chart.categories[-1] == "1 other outlet"
    assert report.cover.scope_table.rows[-1][0] == "1 other outlet"
