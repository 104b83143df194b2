"""Lexicon mentions: the matching rule, voice, paragraph, position, sentence; outlet frames."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.corpus import load as load_corpus
from framing.features.compute import compute
from framing.features.mentions import (
    _head_candidates,
    _prefixes,
    compile_lexicon,
    compile_lexicons,
    find_mentions,
    match_lexicon,
    outlet_frames,
)
from framing.lexicons import load_lexicon, load_lexicons
from framing.types import Article, Corpus, Lexicon, Mention, OutletFrame, Span

# --------------------------------------------------------------------------- helpers


def lexicon_from_yaml(tmp_path: Path, text: str, name: str = "lexicon.yaml") -> Lexicon:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_lexicon(path)


def simple_lexicon(tmp_path: Path, name: str, terms: list[str], exclusions=()) -> Lexicon:
    """A one-category lexicon whose terms are regexes written as YAML single-quoted strings."""
    lines = [f"name: {name}", "categories:", "  - name: words", "terms:", "  words:"]
    lines += [f"    - regex: '{term}'" for term in terms]
    if exclusions:
        lines += ["exclusions:"] + [f"  - regex: '{exclusion}'" for exclusion in exclusions]
    return lexicon_from_yaml(tmp_path, "\n".join(lines) + "\n", f"{name}.yaml")


def article(text: str = "", *, headline: str = "", standfirst: str = "", id: str = "a",
            outlet: str = "Outlet") -> Article:
    return Article(id=id, outlet=outlet, published=None, headline=headline,
                   standfirst=standfirst, text=text)


def matched(lexicons, item: Article) -> list[tuple[str, str]]:
    """(lexicon, matched text) of every mention of `item`, in order."""
    return [(m.lexicon, m.text) for m in find_mentions(item, compile_lexicons(lexicons))]


def offset(text: str, part: str, occurrence: int = 1) -> int:
    """Where the n-th occurrence of `part` starts in `text` (found by str.find)."""
    at = -1
    for _ in range(occurrence):
        at = text.find(part, at + 1)
        assert at >= 0, part
    return at


@pytest.fixture(scope="module")
def bundled() -> dict[str, Lexicon]:
    return {lexicon.name: lexicon for lexicon in load_lexicons()}


@pytest.fixture(scope="module")
def rotherham():
    """The bundled corpus and its Features (computed once for this module)."""
    corpus = load_corpus()
    return corpus, compute(corpus, lexicons=load_lexicons())


# --------------------------------------------------------------------------- matching rule


def test_leftmost_match_wins_over_a_longer_one_starting_later(tmp_path):
    lexicon = simple_lexicon(tmp_path, "eth", [r"Asian\s+gangs\s+behind\s+the\s+abuse",
                                              r"mainly\s+Asian"])
    assert matched([lexicon], article("the mainly Asian gangs behind the abuse")) == [
        ("eth", "mainly Asian")
    ]


def test_longest_match_at_one_place_wins_whatever_the_term_order(tmp_path):
    lexicon = simple_lexicon(tmp_path, "eth", ["Asian", r"Asian\s+men", r"Asian\s+men\s+in"])
    assert matched([lexicon], article("older Asian men in Rotherham")) == [
        ("eth", "Asian men in")
    ]


PLAIN_BLOCK = "  plain:\n    - child abuse\n"
REGEX_BLOCK = "  regex:\n    - regex: 'child\\s+abus(?:e|ed)'\n"
TIE = "name: tie\ncategories:\n  - name: plain\n  - name: regex\nterms:\n"


def test_equal_length_matches_go_to_the_earlier_term(tmp_path):
    forward = lexicon_from_yaml(tmp_path, TIE + PLAIN_BLOCK + REGEX_BLOCK, "a.yaml")
    backward = lexicon_from_yaml(tmp_path, TIE + REGEX_BLOCK + PLAIN_BLOCK, "b.yaml")
    assert [t.category for t in forward.terms] == ["plain", "regex"]
    assert [t.category for t in backward.terms] == ["regex", "plain"]
    text = "reports of child abuse"
    (forward_hit,) = find_mentions(article(text), compile_lexicons([forward]))
    (backward_hit,) = find_mentions(article(text), compile_lexicons([backward]))
    assert (forward_hit.text, forward_hit.category) == ("child abuse", "plain")
    assert (backward_hit.text, backward_hit.category) == ("child abuse", "regex")
    # Where only one term matches, its length decides, not its order.
    (longer,) = find_mentions(article("children were child abused"), compile_lexicons([forward]))
    assert (longer.text, longer.category) == ("child abused", "regex")


def test_exclusion_vetoes_a_match_then_the_next_longest_at_that_place_is_tried(tmp_path):
    lexicon = simple_lexicon(
        tmp_path, "dom", [r"abuse\s+in\s+the\s+home", "abuse"], exclusions=[r"Home\s+Office"]
    )
    assert matched([lexicon], article("abuse in the Home Office report")) == [("dom", "abuse")]
    assert matched([lexicon], article("abuse in the home")) == [("dom", "abuse in the home")]


def test_vetoed_place_without_another_term_is_skipped_and_scanning_goes_on(tmp_path):
    lexicon = simple_lexicon(
        tmp_path, "dom", [r"crimes\s+in\s+the\s+home"], exclusions=[r"Home\s+Office"]
    )
    text = "crimes in the Home Office files; crimes in the home itself"
    item = article(text)
    (hit,) = find_mentions(item, compile_lexicons([lexicon]))
    assert hit.text == "crimes in the home"
    assert hit.span.start == offset(text, "crimes", 2)


def test_exclusion_only_vetoes_what_it_overlaps(tmp_path):
    lexicon = simple_lexicon(
        tmp_path, "dom", [r"abuse\s+in\s+the\s+home"], exclusions=[r"Home\s+Office"]
    )
    # The exclusion touches the match's end but does not overlap it.
    assert matched([lexicon], article("abuse in the home Home Office")) == [
        ("dom", "abuse in the home")
    ]
    # An exclusion overlapping the match from its left vetoes it too.
    office = simple_lexicon(tmp_path, "office", [r"Office\s+staff"],
                            exclusions=[r"Home\s+Office"])
    assert matched([office], article("Home Office staff and Office staff")) == [
        ("office", "Office staff")
    ]


def test_matches_of_one_lexicon_never_overlap(tmp_path):
    lexicon = simple_lexicon(tmp_path, "eth", [r"Asian\s+men", r"men\s+in"])
    text = "Asian men in cars, and men in vans"
    found = find_mentions(article(text), compile_lexicons([lexicon]))
    assert [m.text for m in found] == ["Asian men", "men in"]
    assert found[1].span.start == offset(text, "men in", 2)


def test_different_lexicons_may_match_the_same_words(tmp_path):
    ethnicity = simple_lexicon(tmp_path, "eth", [r"Asian\s+gangs"])
    labels = simple_lexicon(tmp_path, "labels", ["gangs"])
    text = "mainly Asian gangs"
    found = find_mentions(article(text), compile_lexicons([labels, ethnicity]))
    assert [(m.lexicon, m.text, m.span.start, m.span.end) for m in found] == [
        ("eth", "Asian gangs", 7, 18),
        ("labels", "gangs", 13, 18),
    ]


def test_bundled_lexicons_match_independently(bundled):
    item = article("gangs of mainly Asian gangs")
    found = matched([bundled["ethnicity"], bundled["perpetrator_labels"]], item)
    assert ("ethnicity", "mainly Asian gangs") in found
    assert found.count(("perpetrator_labels", "gangs")) == 2


# An independent matcher: the rule as the docs state it, checked one character at a time.
def reference_matches(lexicon: Lexicon, text: str) -> list[tuple[int, int, int]]:
    terms = [re.compile(term.pattern) for term in lexicon.terms]
    vetoes = [m.span() for p in lexicon.exclusions for m in re.finditer(p, text)]
    found, position = [], 0
    for start in range(len(text)):
        if start < position:
            continue
        ends = []
        for index, term in enumerate(terms):
            match = term.match(text, start)
            if match and match.end() > start:
                ends.append((match.end(), index))
        for end, index in sorted(ends, key=lambda e: (-e[0], e[1])):
            if not any(a < end and start < b for a, b in vetoes):
                found.append((start, end, index))
                position = end
                break
    return found


def _words_of(lexicons) -> list[str]:
    words = set()
    for lexicon in lexicons:
        for text in [t.text for t in lexicon.terms] + list(lexicon.exclusion_labels):
            words.update(re.findall(r"[A-Za-z'’-]+", text))
    return sorted(words)


BUNDLED = load_lexicons()
COMPILED = [compile_lexicon(lexicon) for lexicon in BUNDLED]
VOCABULARY = _words_of(BUNDLED)
# "ſ" and "ı" are left out here: test_prefilter_finds_what_the_regex_finds covers them.
_ODD = st.characters(exclude_characters="ſı", codec="utf-8")
_SEPARATORS = [" ", " ", "\n", "\n\n", ", ", ". ", " “", "” ", "'", "-", "\u00a0", "_"]
_WORD = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(str.upper),
    st.text(_ODD, max_size=3),
)
LEXICON_TEXT = st.lists(st.tuples(_WORD, st.sampled_from(_SEPARATORS)), max_size=25).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=LEXICON_TEXT, which=st.integers(0, len(BUNDLED) - 1))
def test_matching_agrees_with_a_reference_matcher_with_and_without_prefilter(text, which):
    expected = reference_matches(BUNDLED[which], text)
    assert match_lexicon(COMPILED[which], text) == expected
    assert match_lexicon(COMPILED[which], text, prefilter=False) == expected


ALL_COMPILED = compile_lexicons(BUNDLED)


def unfiltered_matches(text: str) -> list[tuple[str, int, int, str]]:
    """Every lexicon's matches without any prefilter, as find_mentions orders them."""
    found = [(compiled.lexicon.name, start, end, compiled.lexicon.terms[index].text)
             for compiled in ALL_COMPILED.lexicons
             for start, end, index in match_lexicon(compiled, text, prefilter=False)]
    return sorted(found, key=lambda m: (m[1], m[2], m[0]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=LEXICON_TEXT)
def test_one_scan_for_all_lexicons_finds_what_each_regex_finds(text):
    mentions = find_mentions(article(text), ALL_COMPILED)
    assert [(m.lexicon, m.span.start, m.span.end, m.term) for m in mentions] == (
        unfiltered_matches(text))


def test_the_scan_finds_heads_of_every_length_and_none_inside_words():
    text = "By the gang_way; by-election: in, IN, Asians, unAsian, rape-rapists, asylum."
    mentions = find_mentions(article(text), ALL_COMPILED)
    assert mentions and [(m.lexicon, m.span.start, m.span.end, m.term) for m in mentions] == (
        unfiltered_matches(text))


def test_the_memory_of_heads_for_all_lexicons_is_bounded(tmp_path, monkeypatch):
    import framing.features.mentions as mentions_module

    monkeypatch.setattr(mentions_module, "HEAD_MEMO_LIMIT", 5)
    # A term that may start with any word starting "in": every such word is a head.
    compiled = compile_lexicons([*BUNDLED, simple_lexicon(tmp_path, "in", [r"in\w*"])])
    words = [f"in{a}{b}" for a in "abcdefghij" for b in "klmnopqrst"]  # a head each

    def remembered(head: str) -> bool:
        return any(key.startswith(head) for key in compiled.head_terms)

    for k in range(0, 100, 10):  # ten texts of ten new heads
        find_mentions(article(" ".join(words[k:k + 10])), compiled)
        assert remembered(words[k]) and len(compiled.head_terms) <= 5 + 10
    assert not remembered("inak")  # the first text's heads were let go


@pytest.mark.parametrize(("pattern", "expected"), [
    # A word that must end: its letters and WORD_END; then the next word's first letters.
    (r"(?<!\w)of\s+(?:the\s+)?(?:asian|white)[\s-]men(?!\w)",
     {"of the w", "of the a", "of asia", "of whit"}),
    (r"(?<!\w)men(?!\w)", {"men "}),
    (r"\bmen\b", {"men "}),
    (r"(?<!\w)police(?:men)?(?!\w)", {"police"}),  # PREFIX_LETTERS letters and no more
    # What follows the word is not known: the word ends there, no more is said.
    (r"(?<!\w)of\s+\w+", {"of "}),
    # The word may go on (\w): a prefix of the word, not a whole word.
    (r"(?<!\w)in\w*", {"in"}),
    (r"(?<!\w)in\w*(?!\w)", {"in", "in "}),
    # Under ASCII matching \w is not str.isalnum(): nothing is said of where words end.
    (r"(?a:(?<!\w)of\s+x)", {"of"}),
    (r"(?<!\w)(?:x|.)", None),  # may start with anything
])
def test_prefixes_follow_a_term_over_the_end_of_its_first_word(pattern, expected):
    assert _prefixes(pattern) == expected


def test_the_prefilter_tries_a_term_only_where_its_first_words_are(tmp_path):
    compiled = compile_lexicon(simple_lexicon(tmp_path, "of", [r"of\s+(?:asian|white)\s+origin"]))
    text = "The officer of the office, of an office, of Asian origin; of white"
    tried = [text[start:start + 8]
             for start, _ in _head_candidates(compiled.head_scan, compiled.head_terms,
                                              [compiled.prefix_terms], text)[0]]
    assert tried == ["of Asian", "of white"]
    assert [text[start:end] for start, end, _ in match_lexicon(compiled, text)] == [
        "of Asian origin"]


def test_the_prefilter_finds_what_the_regex_finds_in_real_articles(shared_data):
    path = shared_data / "allsides" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"{path} absent")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(400), strict=False)]
    found = 0
    for text in texts:
        mentions = [(m.lexicon, m.span.start, m.span.end, m.term)
                    for m in find_mentions(article(text), ALL_COMPILED)]
        assert mentions == unfiltered_matches(text)
        found += len(mentions)
    assert found > 100


@pytest.mark.parametrize("text", ["gangs of Aſian men", "gangs of Pakıstani men"])
def test_prefilter_finds_what_the_regex_finds(bundled, text):
    compiled = compile_lexicon(bundled["ethnicity"])
    assert match_lexicon(compiled, text, prefilter=False)  # the regex matches
    assert match_lexicon(compiled, text) == match_lexicon(compiled, text, prefilter=False)
    assert [(m.span.start, m.span.end) for m in find_mentions(article(text), ALL_COMPILED)
            if m.lexicon == "ethnicity"] == [
        (start, end) for start, end, _ in match_lexicon(compiled, text, prefilter=False)]


# --------------------------------------------------------------------------- voice


def test_british_single_quotes_in_a_standfirst_mark_quoted_voice(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"abuse\s+in\s+the\s+home", r"domestic\s+abuse"])
    item = article(
        "Body.",
        headline="Police chief's warning",
        standfirst="Domestic abuse, the constable's view: 'the bigger picture - abuse in the home'",
    )
    found = find_mentions(item, compile_lexicons([lexicon]))
    assert [(m.text, m.voice, m.position) for m in found] == [
        ("Domestic abuse", "own", "standfirst"),
        ("abuse in the home", "quoted", "standfirst"),
    ]


def test_a_quotation_over_several_paragraphs_stays_quoted(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    body = (
        "“Domestic abuse is common, and it is hidden.\n\n"
        "“Domestic abuse is the bigger picture,” she said.\n\n"
        "Domestic abuse was not in the report."
    )
    found = find_mentions(article(body, headline="Hidden harm"), compile_lexicons([lexicon]))
    assert [(m.voice, m.paragraph) for m in found] == [("quoted", 1), ("quoted", 2), ("own", 3)]


def test_an_unclosed_quotation_ends_with_its_paragraph(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    body = "He said “domestic abuse is common.\n\nDomestic abuse was not in the report."
    found = find_mentions(article(body), compile_lexicons([lexicon]))
    assert [m.voice for m in found] == ["quoted", "own"]


def test_apostrophes_do_not_open_quotations(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    body = "The media’s focus and the survivors' view: domestic abuse, it's hidden."
    (hit,) = find_mentions(article(body), compile_lexicons([lexicon]))
    assert hit.voice == "own"


# --------------------------------------------------------------------------- where a mention is


def test_paragraph_position_sentence_and_offsets(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    item = article(
        "Para one has domestic abuse.\n\nPara two. Then domestic abuse again.",
        headline="Domestic abuse rises",
        standfirst="It is hidden. Domestic abuse is common.",
    )
    text = item.analysed_text
    found = find_mentions(item, compile_lexicons([lexicon]))
    # Sentences: 0 headline; 1, 2 standfirst; 3 first body paragraph; 4, 5 the second.
    assert [(m.paragraph, m.position, m.sentence) for m in found] == [
        (0, "headline", 0),
        (0, "standfirst", 2),
        (1, "first paragraph", 3),
        (2, "later", 5),
    ]
    starts = [offset(text, "Domestic abuse", 1), offset(text, "Domestic abuse", 2),
              offset(text, "domestic abuse", 1), offset(text, "domestic abuse", 2)]
    assert [m.span.start for m in found] == starts
    for mention in found:
        assert mention.span.article_id == "a"
        assert mention.span.end - mention.span.start == len("domestic abuse")
        assert text[mention.span.start:mention.span.end] == mention.text
        assert (mention.lexicon, mention.category, mention.term) == (
            "dom", "words", r"domestic\s+abuse")


def test_body_only_article_starts_with_the_first_paragraph(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    found = find_mentions(article("Domestic abuse.\n\nMore domestic abuse."),
                          compile_lexicons([lexicon]))
    assert [(m.paragraph, m.position, m.sentence) for m in found] == [
        (1, "first paragraph", 0), (2, "later", 1)
    ]


def test_single_newlines_separate_body_paragraphs_after_a_headline(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    item = article("Para one.\nPara two has domestic abuse.", headline="Headline")
    (hit,) = find_mentions(item, compile_lexicons([lexicon]))
    assert (hit.paragraph, hit.position) == (2, "later")


def test_mentions_are_ordered_by_offset_then_lexicon(tmp_path):
    b = simple_lexicon(tmp_path, "b_lex", ["gangs"])
    a = simple_lexicon(tmp_path, "a_lex", ["gangs", "abuse"])
    found = find_mentions(article("abuse by gangs"), compile_lexicons([b, a]))
    assert [(m.lexicon, m.text) for m in found] == [
        ("a_lex", "abuse"), ("a_lex", "gangs"), ("b_lex", "gangs")
    ]


# --------------------------------------------------------------------------- outlet frames


def mention(article_id: str, lexicon: str, voice: str, position: str) -> Mention:
    return Mention(lexicon=lexicon, category="c", term="t", span=Span(article_id, 0, 1),
                   text="x", voice=voice, paragraph=0, sentence=0, position=position)


def frames_corpus() -> Corpus:
    return Corpus(articles=(
        article("x", id="a1", outlet="Alpha"),
        article("x", id="a2", outlet="Alpha"),
        article("x", id="g1", outlet="Gamma"),
        article("x", id="b1", outlet="beta"),
        article("x", id="b2", outlet="beta"),
        article("x", id="b3", outlet="beta"),
    ))


def lexicon_named(name: str) -> Lexicon:
    return Lexicon(name=name, description="", version="", sources=(), categories=(), terms=())


def without_intervals(frames):
    return tuple(dataclasses.replace(f, per_1k_ci_low=None, per_1k_ci_high=None)
                 for f in frames)


def test_outlet_frames_by_hand():
    mentions = [
        mention("a1", "ethnicity", "quoted", "later"),
        mention("a1", "ethnicity", "own", "standfirst"),
        mention("a2", "ethnicity", "own", "first paragraph"),
        mention("a1", "domestic", "quoted", "later"),
        mention("b2", "ethnicity", "quoted", "headline"),
        mention("b2", "ethnicity", "quoted", "later"),
    ]
    words = {"a1": 200, "a2": 300, "b1": 1000, "b2": 250, "b3": 750, "g1": 0}
    frames = outlet_frames(frames_corpus(), [lexicon_named("ethnicity"),
                                             lexicon_named("domestic")],
                           mentions, words=words)
    # Intervals (framing.features.rates, tested there): with two articles or more only.
    assert [f.per_1k_ci_low is not None for f in frames] == [True] * 4 + [False] * 2
    assert all(f.per_1k_ci_low <= f.per_1k <= f.per_1k_ci_high for f in frames[:4])
    assert without_intervals(frames) == (
        # Alpha: 500 words in 2 articles.
        OutletFrame("Alpha", "domestic", 1, 2.0, 0.5, 1, 0.0, "later"),
        OutletFrame("Alpha", "ethnicity", 3, 6.0, 1.0, 2, 2 / 3, "standfirst"),
        # beta: 2,000 words in 3 articles, both mentions in one of them.
        OutletFrame("beta", "domestic", 0, 0.0, 0.0, 0, None, None),
        OutletFrame("beta", "ethnicity", 2, 1.0, 1 / 3, 1, 0.0, "headline"),
        # Gamma: no words at all, so a rate of 0.
        OutletFrame("Gamma", "domestic", 0, 0.0, 0.0, 0, None, None),
        OutletFrame("Gamma", "ethnicity", 0, 0.0, 0.0, 0, None, None),
    )


@pytest.mark.parametrize(("positions", "earliest"), [
    (["later", "standfirst"], "standfirst"),  # not the alphabetical first ("later")
    (["later", "first paragraph"], "first paragraph"),
    (["standfirst", "headline", "later"], "headline"),
    (["later"], "later"),
])
def test_first_position_is_the_earliest_in_the_article_order(positions, earliest):
    mentions = [mention("a1", "ethnicity", "own", p) for p in positions]
    (alpha, *_rest) = outlet_frames(frames_corpus(), [lexicon_named("ethnicity")], mentions,
                                    words={"a1": 10})
    assert alpha.first_position == earliest


def test_outlet_frames_refuses_a_mention_of_an_unknown_article():
    with pytest.raises(ValueError, match="zz"):
        outlet_frames(frames_corpus(), [lexicon_named("ethnicity")],
                      [mention("zz", "ethnicity", "own", "later")], words={})


def test_outlet_frames_through_compute_by_hand(tmp_path):
    lexicon = simple_lexicon(tmp_path, "dom", [r"domestic\s+abuse"])
    corpus = Corpus(articles=(
        # 2 + 7 = 9 words; one mention in the headline, one quoted in the body.
        article("She said “domestic abuse is hidden” today.", headline="Domestic abuse",
                id="x1", outlet="X"),
        # 5 words, no mention.
        article("Nothing of the kind here.", id="x2", outlet="X"),
        # 3 + 3 = 6 words; one mention in own voice in the first paragraph.
        article("Domestic abuse rises.", headline="A new report", id="y1", outlet="Y"),
    ))
    features = compute(corpus, lexicons=[lexicon])
    assert {a.article_id: a.words for a in features.articles} == {"x1": 9, "x2": 5, "y1": 6}
    assert without_intervals(features.frames) == (
        OutletFrame("X", "dom", 2, 2 / 14 * 1000, 0.5, 1, 0.5, "headline"),
        OutletFrame("Y", "dom", 1, 1 / 6 * 1000, 1.0, 1, 1.0, "first paragraph"),
    )


# --------------------------------------------------------------------------- bundled corpus

ETHNICITY_TARGETS = [
    ("independent-2014-top-police-officer", "mainly Asian gangs"),
    ("bbc-news-2014-rotherham-child-abuse", "predominantly of Pakistani origin"),
    ("yorkshire-post-2021-police-chief-says", "older Asian men"),
    ("breitbart-2015-rotherham-sex-scandal", "mainly Asian males"),
    ("independent-2022-grooming-gangs-still", "South Asian men"),
]


@pytest.mark.parametrize(("article_id", "text"), ETHNICITY_TARGETS)
def test_ethnicity_mentions_include_the_qualified_phrases(rotherham, article_id, text):
    corpus, features = rotherham
    outlets = {a.id: a.outlet for a in corpus.articles}
    assert article_id in outlets
    found = [m for m in features.mentions
             if m.span.article_id == article_id and m.lexicon == "ethnicity"]
    assert text in [m.text for m in found]


def test_outlets_of_the_acceptance_targets(rotherham):
    corpus, _ = rotherham
    outlets = {a.id: a.outlet for a in corpus.articles}
    assert [outlets[article_id] for article_id, _ in ETHNICITY_TARGETS] == [
        "The Independent", "BBC News", "The Yorkshire Post", "Breitbart", "The Independent"
    ]


HOME_INSTITUTIONS = re.compile(r"Home\s+(?:Office|Secretar(?:y|ies))", re.IGNORECASE)


def test_home_office_and_home_secretary_are_never_domestic_abuse(rotherham, bundled):
    corpus, features = rotherham
    synthetic = article(
        "Crimes in the Home Office files were lost. Abuse at Home Secretary level was denied. "
        "Domestic abuse, the Home Secretary said, is rising.",
        headline="Home Office inquiry", id="synthetic",
    )
    extra = find_mentions(synthetic, compile_lexicons([bundled["domestic_abuse"]]))
    assert [m.text for m in extra] == ["Domestic abuse"]
    texts = {a.id: a.analysed_text for a in corpus.articles}
    texts["synthetic"] = synthetic.analysed_text
    institutions = [(article_id, m.span()) for article_id, text in texts.items()
                    for m in HOME_INSTITUTIONS.finditer(text)]
    assert any(article_id != "synthetic" for article_id, _ in institutions)  # in the corpus too
    domestic = [m for m in (*features.mentions, *extra) if m.lexicon == "domestic_abuse"]
    for article_id, (start, end) in institutions:
        for m in domestic:
            if m.span.article_id == article_id:
                assert m.span.end <= start or end <= m.span.start, (m, article_id)


def test_abuse_in_the_home_in_the_independent_2014(rotherham):
    corpus, features = rotherham
    article_id = "independent-2014-top-police-officer"
    (item,) = [a for a in corpus.articles if a.id == article_id]
    found = [m for m in features.mentions
             if m.span.article_id == article_id and m.lexicon == "domestic_abuse"]
    standfirst = [m for m in found if m.text == "abuse in the home"]
    assert [(m.voice, m.position, m.paragraph) for m in standfirst] == [
        ("quoted", "standfirst", 0)
    ]
    assert "abuse in the home" in item.standfirst
    # The chief constable's quoted words: "... takes place in the home where ..."
    (officer,) = [m for m in found if m.text == "in the home"]
    assert officer.voice == "quoted" and officer.position == "later"
    text = item.analysed_text
    assert text[officer.span.start - len("takes place "):officer.span.start] == "takes place "
    paragraph = item.text.split("\n\n").index(
        next(p for p in item.text.split("\n\n") if "takes place in the home" in p))
    assert officer.paragraph == paragraph + 1


def test_find_mentions_on_articles_matches_compute_on_the_bundled_corpus(rotherham):
    corpus, features = rotherham
    compiled = compile_lexicons(load_lexicons())
    direct = [m for a in corpus.articles for m in find_mentions(a, compiled)]
    assert direct == list(features.mentions)
    for m in features.mentions:
        text = next(a.analysed_text for a in corpus.articles if a.id == m.span.article_id)
        assert text[m.span.start:m.span.end] == m.text


def test_the_memory_of_word_heads_is_bounded(bundled, monkeypatch):
    import framing.features.mentions as mentions_module

    monkeypatch.setattr(mentions_module, "HEAD_MEMO_LIMIT", 50)
    compiled = compile_lexicon(bundled["ethnicity"])

    # A word that ends within PREFIX_LETTERS letters is a head with the character after it.
    heads = [f"{word}{end}" for word in ("of", "old")
             for end in map(chr, range(0x2000, 0x2100)) if not end.isalnum()]

    def text(part: int) -> str:  # 200 words with heads of their own ("of Asian ...")
        return "Asian ".join(heads[200 * part:200 * (part + 1)]) + " gangs of mainly Asian men"

    for part in (0, 1, 0):
        expected = match_lexicon(compiled, text(part), prefilter=False)
        assert match_lexicon(compiled, text(part)) == expected
        # Cleared before a text when over the limit: at most one text's heads remain.
        assert 200 <= len(compiled.head_terms) <= 210
