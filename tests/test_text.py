"""Tests for framing/text.py: paragraphs, sentences, tokens and quoted spans with offsets."""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from framing import text as units
from framing.text import (
    article_units,
    is_quoted,
    paragraph_spans,
    quoted_spans,
    sentence_spans,
    text_units,
    token_spans,
    word_count,
)
from framing.types import Article, PublishedDate


def slices(text: str, spans) -> list[str]:
    return [text[start:end] for start, end in spans]


def quoted_texts(text: str) -> list[str]:
    return slices(text, quoted_spans(text))


# --- paragraphs ---------------------------------------------------------------------------


def test_paragraphs_are_separated_by_blank_lines():
    text = "  First line\nstill first.\n\n\n  Second. \n \t\nThird\n"
    assert slices(text, paragraph_spans(text)) == ["First line\nstill first.", "Second.", "Third"]


def test_text_without_blank_line_splits_on_newlines():
    text = "One.\nTwo two.\n  Three  "
    assert slices(text, paragraph_spans(text)) == ["One.", "Two two.", "Three"]


def test_no_paragraphs_in_whitespace():
    assert paragraph_spans("") == []
    assert paragraph_spans(" \n\n \t ") == []


# --- sentences ----------------------------------------------------------------------------


def test_titles_do_not_end_sentences():
    text = (
        "Mr Bailey spoke. Dr Alan Billings replied. Prof Jay wrote it. Cases in St Helens "
        "were studied. Mr. Bailey and Dr. Billings met Prof. Jay in St. Helens. Done."
    )
    assert slices(text, sentence_spans(text)) == [
        "Mr Bailey spoke.",
        "Dr Alan Billings replied.",
        "Prof Jay wrote it.",
        "Cases in St Helens were studied.",
        "Mr. Bailey and Dr. Billings met Prof. Jay in St. Helens.",
        "Done.",
    ]


def test_abbreviations_do_not_end_sentences():
    text = "Det. Supt. Jones of the U.S. team, e.g. Col. Smith, met Cllr. Ahmed. Then it ended."
    assert slices(text, sentence_spans(text)) == [
        "Det. Supt. Jones of the U.S. team, e.g. Col. Smith, met Cllr. Ahmed.",
        "Then it ended.",
    ]


def test_closing_quote_after_full_stop_stays_with_its_sentence():
    text = (
        "He added: “What has been alleged is untrue.” The commissioner said so. "
        "She said: \"It is flawed.\" Then she left. He called it 'shocking.' It was."
    )
    assert slices(text, sentence_spans(text)) == [
        "He added: “What has been alleged is untrue.”",
        "The commissioner said so.",
        'She said: "It is flawed."',
        "Then she left.",
        "He called it 'shocking.'",
        "It was.",
    ]


def test_question_and_exclamation_marks_end_sentences():
    text = "Was it ignored? Yes! It was."
    assert slices(text, sentence_spans(text)) == ["Was it ignored?", "Yes!", "It was."]


def test_sentences_never_cross_paragraphs():
    text = "A headline without a stop\n\nThe body starts here. It goes on\n\nand on"
    assert slices(text, sentence_spans(text)) == [
        "A headline without a stop",
        "The body starts here.",
        "It goes on",
        "and on",
    ]


SAMPLES = [
    "Simon Bailey, chief constable of Norfolk Constabulary, told The Guardian that child sex "
    "abuse had been “too long been a hidden crime”. Mr Bailey said so. He was right.",
    "Professor Alexis Jay led the inquiry that found at least 1,400 children... were exploited "
    "between 1997 and 2013. She told the BBC (in Aug.) that J. Smith was wrong!! Really?! Yes.",
    "The men, from Rochdale and Oldham, were found to have exploited girls as young as 13. "
    "In 2019-20, police forces identified more than 12,500 offences. It was 5 p.m. on 1 Jan. "
    "2020. (It rained.) 'Quoted.' Next \"one.\" [Bracketed.] Last -- really.",
]


@functools.cache
def nltk_punkt():
    """nltk's own untrained Punkt with the same abbreviations: the reference."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(units.ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def test_splitting_sentences_does_not_import_nltk():
    code = ("import sys; from framing.text import sentence_spans; "
            "sentence_spans('Mr. Smith said so. J. Bach agreed.'); "
            "sys.exit('nltk' in sys.modules or 'sklearn' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_sentences_match_nltk_punkt_span_tokenize():
    tokenizer = nltk_punkt()
    for sample in SAMPLES:
        expected = [(s, e) for s, e in tokenizer.span_tokenize(sample)]
        assert units._punkt_spans(sample, 0, len(sample)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mr",
                "Dr.",
                "J.",
                "word",
                "Word",
                "U.S.",
                "1,400",
                "2013.",
                "said.",
                "“Yes.”",
                '"No."',
                "(it)",
                "it.)",
                "?",
                "!",
                "...",
                "etc.",
                "'so'",
                "-",
                "--",
                "A.",
                "x",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_fast_driver_agrees_with_punkt(text):
    tokenizer = nltk_punkt()
    assert units._punkt_spans(text, 0, len(text)) == list(tokenizer.span_tokenize(text))


# Characters and words that steer Punkt: full stops, initials, numbers, abbreviations (of the
# list and hyphenated), case, quotes and brackets, dashes, ellipses, line breaks.
PUNKT_PIECES = st.sampled_from([
    "Mr.", "mr.", "Dr", "ex-gov.", "U.S.", "u.s.", "e.g.", "etc.", "No.", "no.", "J.", "j.",
    "A.", "é.", "1.", "2013.", "1,400.", "-3.5.", "12th.", "1st", "word.", "Word.", "word",
    "Word", "WORD.", "said", "Said", ".", "..", "...", "word..", "?", "!", "?!", "!!", ",", ";",
    ":", "-", "--", "(", ")", '"', "'", "“", "”", "‘", "’", "«", "»", "[", "]", "{", "}", "*",
    "@", "&", "#", "%", "é", "Élan", "ß", "\n", "\n\n", " ", "\t", "x.y", "a.b.", "(it.)",
])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PUNKT_PIECES, max_size=12).map(lambda pieces: " ".join(pieces)),
       st.lists(PUNKT_PIECES, max_size=12).map("".join))
def test_punkt_decision_is_nltks(spaced, joined):
    for context in (spaced, joined):
        assert units._contains_break(context) == nltk_punkt().text_contains_sentbreak(context)


@settings(max_examples=1000, deadline=None)
@given(st.lists(PUNKT_PIECES, max_size=20).map(" ".join))
def test_punkt_patterns_are_nltks(text):
    lang = nltk_punkt()._lang_vars
    assert units._PUNKT_WORD.findall(text) == lang.word_tokenize(text)
    ours = [(m.span(), m.group("next_tok")) for m in units._PERIOD_CONTEXT.finditer(text)]
    theirs = [(m.span(), m.group("next_tok")) for m in lang.period_context_re().finditer(text)]
    assert ours == theirs
    assert ([m.span() for m in units._REALIGNMENT.finditer(text)]
            == [m.span() for m in lang.re_boundary_realignment.finditer(text)])


TEXT_CHARS = st.sampled_from(list("ab Z.?!\n\n\t“”‘’\"'«»()-,:1 "))


def assert_sentence_invariants(text: str, spans) -> None:
    paragraphs = paragraph_spans(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert any(p_start <= start and end <= p_end for p_start, p_end in paragraphs)
        covered.update(range(start, end))
        previous_end = end
    assert covered >= {i for i, char in enumerate(text) if not char.isspace()}


@settings(max_examples=400, deadline=None)
@given(st.text(TEXT_CHARS, max_size=120))
def test_sentence_invariants_on_punctuation_heavy_text(text):
    assert_sentence_invariants(text, sentence_spans(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_sentence_invariants_on_arbitrary_text(text):
    assert_sentence_invariants(text, sentence_spans(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_paragraph_invariants(text):
    spans = paragraph_spans(text)
    covered = set()
    for (start, end), following in zip(spans, [*spans[1:], None], strict=False):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        if following:
            assert end < following[0]
        covered.update(range(start, end))
    assert covered >= {i for i, char in enumerate(text) if not char.isspace()}


# --- tokens -------------------------------------------------------------------------------


def test_tokens_keep_internal_apostrophes_and_hyphens():
    text = "The media’s focus doesn't help high-profile cases; girls' lives -- 1,400 children."
    assert slices(text, token_spans(text)) == [
        "The", "media’s", "focus", "doesn't", "help", "high-profile", "cases", "girls",
        "lives", "1", "400", "children",
    ]  # fmt: skip
    assert word_count(text) == 12


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_word_count_is_the_number_of_tokens(text):
    assert word_count(text) == len(token_spans(text))


# --- quotations ---------------------------------------------------------------------------

INDEPENDENT_2014 = (
    "Top police officer warns of 'many more' child sex scandals – like Rotherham\n\n"
    "Norfolk chief constable says the idea of paedophile gangs was 'overshadowing a far, far, "
    "bigger picture - abuse in the home'\n\n"
    "He said that some of the media’s concentration on the ethnicity of the mainly Asian gangs "
    "behind the sexual exploitation of 1,400 girls in Rotherham was a mistake.\n\n"
    "“There has been an unhealthy focus on that particular model of abuse and we cannot afford "
    "to take our eye off the fact that it is but one model and we have to look at the bigger "
    "picture,” he said.\n\n"
    "Mr Bailey said that the idea of paedophile gangs was “overshadowing a far, far, bigger "
    "picture, and that bigger picture is that 90 per cent of child sexual abuse takes place in "
    "the home where crimes are being perpetuated upon victims by people they know already”."
)

YORKSHIRE_POST = (
    "Writing in his blog, Dr Billings said: “These would be serious allegations anywhere in "
    "the country, but here, after what happened in the past, they are incendiary.\n\n"
    "“As soon as I heard about this I spoke to the district commander and we went through "
    "what the councillors had presented.\n\n"
    "“Most of the allegations were so vague that it was hard to know where to begin.\n\n"
    "“The teams that work on child sexual exploitation – and there are currently some 35 "
    "active cases in the borough – are dedicated and committed officers.”\n\n"
    "He added: “What has been alleged is untrue, but, if believed, could only undermine trust "
    "in the police and result in some people not reporting, including victims.”\n\n"
    "The police and crime commissioner said he regularly receives reports.\n\n"
    "Alexander Stafford told Parliament the councillors had found “multiple current examples "
    "of what they allege to be active grooming and child sexual exploitation “.\n\n"
    "He asked the Ministry of Justice to take action."
)


def test_independent_standfirst_and_quoted_officer_are_quoted():
    text = INDEPENDENT_2014
    quoted = quoted_texts(text)
    assert quoted[:2] == [
        "many more",
        "overshadowing a far, far, bigger picture - abuse in the home",
    ]
    assert quoted[2].startswith("There has been an unhealthy focus")
    assert quoted[2].endswith("look at the bigger picture,")
    assert quoted[3].startswith("overshadowing a far, far, bigger picture, and")
    assert quoted[3].endswith("by people they know already")
    assert len(quoted) == 4
    spans = quoted_spans(text)
    for phrase, occurrence, expected in [
        ("abuse in the home", 0, True),
        ("in the home", 1, True),
        ("mainly Asian gangs", 0, False),
        ("he said", 0, False),
        ("media’s", 0, False),
    ]:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        assert is_quoted(spans, start, start + len(phrase)) is expected, phrase


def test_british_quotation_over_several_paragraphs():
    text = YORKSHIRE_POST
    paragraphs = slices(text, paragraph_spans(text))
    quoted = quoted_texts(text)
    # One span per paragraph of the running quotation, marks excluded.
    assert quoted[0] == paragraphs[0][paragraphs[0].index("“") + 1 :]
    assert quoted[1] == paragraphs[1][1:]
    assert quoted[2] == paragraphs[2][1:]
    assert quoted[3] == paragraphs[3][1:-1]
    assert quoted[3].endswith("dedicated and committed officers.")
    assert quoted[4].startswith("What has been alleged")
    # The commissioner's own paragraph after the quotation is not quoted.
    own = text.index("The police and crime commissioner")
    assert not is_quoted(quoted_spans(text), own, own + 10)
    # A misused opening mark (`exploitation “.`) closes the quotation.
    assert quoted[5].startswith("multiple current examples")
    assert quoted[5].endswith("child sexual exploitation ")
    assert len(quoted) == 6


def test_straight_double_quotes_continue_over_paragraphs_with_nested_single_quotes():
    text = (
        'She added: "Obviously people are now well aware of this type of crime.\n\n'
        "\"Whereas before the girls were often treated as being 'difficult' they are now "
        'seen as victims who need protection."\n\n'
        "The NSPCC said it."
    )
    quoted = quoted_texts(text)
    assert quoted[0] == "Obviously people are now well aware of this type of crime."
    assert quoted[1].startswith("Whereas before") and quoted[1].endswith("need protection.")
    assert len(quoted) == 2


def test_apostrophes_are_not_quotation_marks():
    text = (
        "The media’s focus doesn't help the children's cases, nor the girls' families. "
        "Rock 'n' roll in the ’90s. Alexis Jay’s report said ‘extensive failures’ occurred."
    )
    quoted = quoted_texts(text)
    assert "extensive failures" in quoted
    assert all("media" not in q and "doesn" not in q and "girls" not in q for q in quoted)
    assert not any("90s" in q for q in quoted)


def test_stray_mark_quotes_at_most_its_paragraph():
    text = "He said “this is never closed.\n\nThe next paragraph is the outlet's own.\n\nAnd this."
    assert quoted_texts(text) == ["this is never closed."]
    assert quoted_texts("It's a 'stray opening mark here.\n\nNothing else.") == []


def test_guillemets_and_nested_quotes():
    text = "Il a dit «c'est fini». He said “it was ‘flawed’ work” today."
    assert quoted_texts(text) == ["c'est fini", "it was ‘flawed’ work"]


def test_is_quoted_needs_the_whole_match_inside():
    spans = [(5, 10), (20, 30)]
    assert is_quoted(spans, 5, 10)
    assert is_quoted(spans, 21, 29)
    assert not is_quoted(spans, 4, 8)
    assert not is_quoted(spans, 8, 12)
    assert not is_quoted(spans, 0, 3)
    assert not is_quoted(spans, 31, 33)
    assert not is_quoted([], 0, 1)


@settings(max_examples=500, deadline=None)
@given(st.text(TEXT_CHARS, max_size=150))
def test_quoted_spans_are_ordered_within_bounds_and_paragraphs(text):
    spans = quoted_spans(text)
    paragraphs = paragraph_spans(text)
    previous_end = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert previous_end < start  # ordered, not overlapping, not touching
        assert any(p_start <= start and end <= p_end for p_start, p_end in paragraphs)
        previous_end = end
        assert is_quoted(spans, start, end)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_quoted_spans_on_arbitrary_text(text):
    for start, end in quoted_spans(text):
        assert 0 <= start < end <= len(text)


# --- units of an article ------------------------------------------------------------------


def test_article_units_number_body_paragraphs_per_section():
    article = Article(
        id="a1",
        outlet="Outlet",
        published=PublishedDate(dt.date(2014, 10, 16)),
        headline="Police 'ignored' warnings",
        standfirst="A standfirst. It has two sentences.",
        text="First body paragraph.\nSecond body paragraph. Mr Smith said “no”.",
    )
    text = article.analysed_text
    found = article_units(article)
    assert slices(text, found.paragraphs) == [
        "Police 'ignored' warnings",
        "A standfirst. It has two sentences.",
        "First body paragraph.",
        "Second body paragraph. Mr Smith said “no”.",
    ]
    assert found.body_start == 2
    assert found.body_paragraph(text.index("ignored")) == 0
    assert found.body_paragraph(text.index("two sentences")) == 0
    assert found.body_paragraph(text.index("First body")) == 1
    assert found.body_paragraph(text.index("Mr Smith")) == 2
    assert slices(text, found.sentences)[3:] == [
        "First body paragraph.",
        "Second body paragraph.",
        "Mr Smith said “no”.",
    ]
    assert found.sentence_index(text.index("Mr Smith")) == 5
    assert slices(text, found.quoted) == ["ignored", "no"]
    assert found.is_quoted(text.index("ignored"), text.index("ignored") + 7)


def test_text_units_of_plain_text():
    found = text_units("One. Two.\n\n“Three.”")
    assert found.paragraphs == ((0, 9), (11, 19))
    assert found.sentences == ((0, 4), (5, 9), (11, 19))
    assert found.quoted == ((12, 18),)
    assert found.body_paragraph(12) == 2
