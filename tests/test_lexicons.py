"""Lexicon loading, term patterns, exclusions, errors and the bundled lexicons."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicons import (
    check_pattern,
    format_lexicon,
    format_lexicon_list,
    load_lexicon,
    load_lexicons,
    readable_compact,
    term_pattern,
)
from framing.paths import DEFAULT_LEXICONS, PROJECT_DIR
from framing.types import Lexicon

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

MINIMAL = """\
name: sample
version: "2.1"
description: A sample.
sources:
  - id: guide
    citation: A Guide (2020).
    url: https://example.org/guide
categories:
  - name: people
    description: People.
  - name: words
terms:
  people:
    - "Asian {man|men|males}"
    - term: "{Pakistani|Bangladeshi} men"
      qualifiers: ["{mainly|predominantly}", "{older|young}"]
  words:
    - term: child prostitute
      suggestion: child sexual exploitation
      source: guide
      note: A note.
exclusions:
  - Home Office
  - regex: 'home\\s+town'
    label: home town
"""


def write(tmp_path: Path, text: str, name: str = "sample.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def find(lexicon: Lexicon, text: str) -> list[tuple[str, str, str]]:
    """A minimal matcher: one alternation per lexicon, exclusions veto overlapping matches.
    Returns (category, term label, matched text)."""
    combined = re.compile("|".join(f"({term.pattern})" for term in lexicon.terms))
    vetoes = [m.span() for p in lexicon.exclusions for m in re.finditer(p, text)]
    found = []
    for match in combined.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in vetoes):
            continue
        term = lexicon.terms[match.lastindex - 1]
        found.append((term.category, term.text, match.group()))
    return found


def texts(lexicon: Lexicon, text: str) -> list[str]:
    return [matched for _, _, matched in find(lexicon, text)]


@pytest.fixture(scope="module")
def bundled() -> dict[str, Lexicon]:
    return {lexicon.name: lexicon for lexicon in load_lexicons()}


# --------------------------------------------------------------------------- loading


def test_load_lexicon_builds_terms_categories_sources(tmp_path):
    path = write(tmp_path, MINIMAL)
    lexicon = load_lexicon(path)
    assert lexicon.name == "sample"
    assert lexicon.version == "2.1"
    assert lexicon.description == "A sample."
    assert lexicon.sources == ("[guide] A Guide (2020). https://example.org/guide",)
    assert [c.name for c in lexicon.categories] == ["people", "words"]
    assert [(t.category, t.text, t.line) for t in lexicon.terms] == [
        ("people", "Asian {man|men|males}", 14),
        ("people", "{Pakistani|Bangladeshi} men", 15),
        ("words", "child prostitute", 18),
    ]
    words = lexicon.terms[2]
    assert (words.suggestion, words.source, words.note) == (
        "child sexual exploitation", "guide", "A note."
    )
    assert lexicon.exclusion_labels == ("Home Office", "home town")
    assert lexicon.path == str(path)


def test_fingerprint_is_sha256_of_the_file_bytes(tmp_path):
    path = write(tmp_path, MINIMAL)
    expected = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert load_lexicon(path).fingerprint == expected
    path.write_text(MINIMAL.replace("A sample.", "A sample!"), encoding="utf-8")
    assert load_lexicon(path).fingerprint != expected


def test_load_lexicons_reads_yaml_and_yml_sorted_by_name(tmp_path):
    write(tmp_path, MINIMAL.replace("name: sample", "name: zeta"), "a.yaml")
    write(tmp_path, MINIMAL.replace("name: sample", "name: alpha"), "b.yml")
    write(tmp_path, "not a lexicon", "notes.txt")
    assert [lexicon.name for lexicon in load_lexicons(tmp_path)] == ["alpha", "zeta"]


def test_loading_is_deterministic():
    assert load_lexicons() == load_lexicons()


def test_patterns_are_self_contained_and_combine_without_flags(bundled):
    for lexicon in bundled.values():
        for term in lexicon.terms:
            compiled = re.compile(term.pattern)
            assert compiled.groups == 0, term
            assert compiled.flags & re.IGNORECASE == 0, term  # scoped flags only
            assert term.pattern.startswith(("(?i:", "(?-i:")), term
            assert check_pattern(term.pattern) is None, term
        re.compile("|".join(t.pattern for t in lexicon.terms))
        re.compile("|".join(f"({t.pattern})" for t in lexicon.terms))
        for exclusion in lexicon.exclusions:
            assert re.compile(exclusion).groups == 0


def test_term_lines_point_at_the_term_in_the_file(bundled):
    for lexicon in bundled.values():
        lines = Path(lexicon.path).read_text(encoding="utf-8").splitlines()
        for term in lexicon.terms:
            assert lines[term.line - 1].lstrip().startswith("- "), (lexicon.name, term)


def test_bundled_lexicons_have_sources_versions_and_cited_suggestions(bundled):
    assert sorted(bundled) == [
        "domestic_abuse", "ethnicity", "institutional_failure", "perpetrator_labels",
        "victim_blaming",
    ]
    for lexicon in bundled.values():
        assert lexicon.sources and lexicon.version and lexicon.description
        assert re.fullmatch(r"[0-9a-f]{12}", lexicon.fingerprint)
        ids = {re.match(r"\[([^\]]+)\]", source).group(1) for source in lexicon.sources}
        for term in lexicon.terms:
            if term.suggestion:
                assert term.source in ids
    suggestions = [t for t in bundled["victim_blaming"].terms if t.suggestion]
    assert len(suggestions) == len(bundled["victim_blaming"].terms)


def test_bundled_lexicons_state_their_measured_precision(bundled):
    for lexicon in bundled.values():
        assert re.match(r"Precision \d+% \(95% CI \d+%-\d+%\)", lexicon.validation), lexicon.name
        assert "docs/validation.md" in lexicon.validation
        assert "Validation:\n  Precision" in format_lexicon(lexicon)


def test_validation_is_optional_and_a_line_of_text(tmp_path):
    assert load_lexicon(write(tmp_path, MINIMAL)).validation == ""
    text = MINIMAL.replace("version:", "validation: >\n  Precision 90% on\n  50 matches.\nversion:")
    assert load_lexicon(write(tmp_path, text)).validation == "Precision 90% on 50 matches."


@pytest.mark.parametrize(("text", "relevant"), [
    ("He had sex with a 15-year-old girl.", True),
    ("He had sex with a married woman.", False),
    ("It was a consensual relationship with a minor.", True),
    ("It was a consensual relationship with a colleague.", False),
    ("She left with her older boyfriend.", True),
    ("She left with her boyfriend.", False),
    ("The senators of the Gang of Eight met.", False),
    ("A gang of five men was jailed.", True),
    ("A monster storm hit the coast.", False),
    ("The police ignored the warnings.", True),
    ("The legislature ignored his bills.", False),
    ("It went unchallenged out of political correctness.", True),
    ("He defined political correctness.", False),
])
def test_fixed_terms_need_their_context(bundled, text, relevant):
    """Terms the review of AllSides matches found mostly wrong now need their context."""
    import framing.features.mentions as mentions
    from framing.types import Article

    article = Article(id="a", outlet="O", published=None, headline="", standfirst="",
                      text=text)
    found = mentions.find_mentions(article, mentions.compile_lexicons(bundled.values()))
    framed = [m for m in found if m.lexicon in (
        "victim_blaming", "perpetrator_labels", "institutional_failure")]
    assert bool(framed) == relevant, [(m.lexicon, m.text) for m in found]


def test_docs_example_loads(tmp_path):
    docs = (PROJECT_DIR / "docs" / "lexicons.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", docs, re.S).group(1)
    lexicon = load_lexicon(write(tmp_path, example, "example.yaml"))
    assert lexicon.name == "example"
    assert texts(lexicon, "gangs of mainly British Pakistani men") == [
        "mainly British Pakistani men"
    ]
    assert texts(lexicon, "an Afghani man, a Roma family, the roma") == ["Afghani", "Roma"]
    assert texts(lexicon, "It took place in the home. In the home of") == ["in the home"]


# --------------------------------------------------------------------------- patterns


def test_inflections_whitespace_case_and_word_boundaries():
    pattern = re.compile(term_pattern("Asian {man|men|males}"))
    for text in ("Asian man", "ASIAN MEN", "asian\u00a0males", "Asian\n  men"):
        assert pattern.fullmatch(text), text
    for text in ("Caucasian men", "Asian manly", "Asianmen", "Asian males2"):
        assert not pattern.search(text), text
    assert pattern.search("the Asian males.").group() == "Asian males"


def test_optional_alternative_prefers_the_longest_spelling():
    pattern = re.compile(term_pattern("grooming gang{s|}"))
    assert pattern.search("two grooming gangs were").group() == "grooming gangs"
    assert pattern.search("a grooming gang was").group() == "grooming gang"


def test_apostrophes_match_straight_and_curly():
    pattern = re.compile(term_pattern("children's home"))
    assert pattern.search("a children’s home")
    assert pattern.search("a children's home")


def test_qualifiers_are_part_of_the_match_up_to_two():
    pattern = re.compile(
        term_pattern("Asian men", qualifiers=["{mainly|predominantly}", "{older|South}"])
    )
    assert pattern.search("gangs of mainly Asian men").group() == "mainly Asian men"
    assert pattern.search("predominantly South Asian men").group() == (
        "predominantly South Asian men"
    )
    assert pattern.search("mainly older South Asian men").group() == "older South Asian men"
    assert pattern.search("by Asian men").group() == "Asian men"
    assert not pattern.search("mainly men")


def test_context_is_required_but_not_matched():
    race = re.compile(term_pattern("race", followed_by=["of the {victims|perpetrators}"]))
    assert race.search("the race of the victims").group() == "race"
    assert not race.search("an arms race of sorts")
    home = re.compile(term_pattern("in the home", preceded_by=["{takes|took} place"]))
    match = home.search("abuse takes place in the home where")
    assert match.group() == "in the home"
    assert not home.search("the girls living in the home of a carer")


def test_case_sensitive_term():
    pattern = re.compile(term_pattern("Roma", case_sensitive=True))
    assert pattern.search("Slovak Roma families")
    assert not pattern.search("roma")


def test_exclusions_match_as_regex(bundled):
    exclusions = [re.compile(p) for p in bundled["domestic_abuse"].exclusions]

    def excluded(text: str) -> bool:
        return any(p.search(text) for p in exclusions)

    for text in ("the Home Office said", "former Home Secretary Jack Straw",
                 "Lizzie Dearden, Home Affairs Editor", "his home town", "a children's home"):
        assert excluded(text), text
    for text in ("abuse in the home", "at home", "homeless", "the Office"):
        assert not excluded(text), text


def test_exclusion_vetoes_an_overlapping_match(bundled):
    domestic = bundled["domestic_abuse"]
    assert texts(domestic, "abuse in the Home Office report") == []
    assert texts(domestic, "it happened in the home town of the accused") == []
    assert texts(domestic, "It happened in the home, he said") == ["in the home"]
    offenders = bundled["perpetrator_labels"]
    assert texts(offenders, "victims treated as offenders while offenders go free") == [
        "offenders"
    ]


# --------------------------------------------------------------------------- regex safety


@pytest.mark.parametrize("source", [
    "(a+)+", "(?:a+)+", "(a|aa)*", r"(\w+\s?)*", r"(?:-\w+)*", r"(.*a){20}", "(?:a|ab)+",
    r"(?:\d+|x)*", r"\w*\w*\w*\w*\w*x", r".*.*.*", r"\d+\s*\d+\s*\d+", r"[^,]*[^.]*[^;]*x",
])
def test_backtracking_prone_patterns_are_refused(source):
    problem = check_pattern(source)
    assert problem and "catastrophic backtracking" in problem


@pytest.mark.parametrize("source", [
    "colou?r", r"[\w-]+", "(?:ab|cd)+", r"\d{1,3}(?:,\d{3})*", "a++", "(?>a+)+",
    r"(?:x|\w)+",  # one character class, no ambiguity
    r"\w*\w*x",  # two overlapping repeats: quadratic at worst, allowed
    r"\w+\s+\w+\s+\w+", r"[a-z]+ [a-z]+ [a-z]+",  # the repeats are kept apart
    "a++b++c++x",  # possessive: no backtracking
])
def test_safe_patterns_are_accepted(source):
    assert check_pattern(source) is None


@pytest.mark.parametrize(("source", "words"), [
    ("(abc", "missing ), unterminated subpattern"),
    ("(?P<x>a)", "capturing group"),
    ("(a)b", "capturing group"),
    (r"(?:a)\1", "invalid group reference"),
    ("a*", "matches the empty string"),
])
def test_other_bad_patterns(source, words):
    assert words in check_pattern(source)


# --------------------------------------------------------------------------- errors

BAD_FILES = [
    ("invalid YAML", MINIMAL.replace("  - name: words", "  - name: [words"), 12,
     "(while parsing a flow sequence started at line 11); fix the syntax"),
    ("missing name", MINIMAL.replace("name: sample\n", ""), 1, "missing 'name'"),
    ("missing categories", MINIMAL.split("categories:")[0]
     + "terms:\n  people:\n    - Asian men\n", 1, "missing 'categories'"),
    ("typo in a key", MINIMAL.replace("categories:", "catgories:"), 8,
     "unknown key 'catgories' in the lexicon; did you mean 'categories'?"),
    ("typo in a term key", MINIMAL.replace("      suggestion:", "      sugestion:"), 19,
     "did you mean 'suggestion'?"),
    ("unknown category", MINIMAL.replace("  words:\n", "  wrods:\n"), 17,
     "terms for unknown category 'wrods'; did you mean 'words'?"),
    ("empty term list", MINIMAL.replace(
        "  words:\n    - term: child prostitute\n      suggestion: child sexual exploitation\n"
        "      source: guide\n      note: A note.\n", "  words: []\n"), 17, "empty list"),
    ("empty term", MINIMAL.replace('    - "Asian {man|men|males}"', '    - ""'), 14,
     "term is empty"),
    ("invalid regex", MINIMAL.replace("    - term: child prostitute",
                                      "    - regex: 'child (prostitute'"), 18,
     "missing ), unterminated subpattern"),
    ("backtracking regex", MINIMAL.replace("    - term: child prostitute",
                                           "    - regex: '(?:\\w+\\s?)*x'"), 18,
     "catastrophic backtracking"),
    ("global flag in regex", MINIMAL.replace("    - term: child prostitute",
                                             "    - regex: '(?i)child'"), 18,
     "global inline flag such as (?i)"),
    ("duplicate across categories", MINIMAL.replace("    - term: child prostitute",
                                                    "    - term: asian  MEN"), 18,
     "'asian men' is already a term at line 14"),
    ("suggestion without source", MINIMAL.replace("      source: guide\n", ""), 18,
     "needs a 'source'"),
    ("unknown source id", MINIMAL.replace("      source: guide", "      source: guid"), 20,
     "source 'guid' is not among the sources"),
    ("space outside braces", MINIMAL.replace('"Asian {man|men|males}"', '"Asian {man|} men"'),
     14, "put the space inside the braces"),
    ("unclosed brace", MINIMAL.replace('"Asian {man|men|males}"', '"Asian {man|men"'), 14,
     "unclosed '{'"),
    ("bad name", MINIMAL.replace("name: sample", "name: Sample Lexicon"), 1,
     "must be lower-case letters"),
    ("category without terms", MINIMAL.replace(
        "  - name: words\n", "  - name: words\n  - name: spare\n"), 12,
     "category 'spare' has no terms"),
    ("category twice", MINIMAL.replace("  - name: words\n", "  - name: people\n"), 11,
     "declared twice"),
    ("key twice", MINIMAL.replace('version: "2.1"\n', 'version: "2.1"\nversion: "3"\n'), 3,
     "key 'version' appears twice"),
    ("bad url", MINIMAL.replace("https://example.org/guide", "example.org"), 7,
     "must start with http(s)://"),
    ("exclusion regex", MINIMAL.replace("'home\\s+town'", "'(?:\\w+\\s?)+'"), 24,
     "catastrophic backtracking"),
]


@pytest.mark.parametrize(("case", "text", "line", "words"), BAD_FILES,
                         ids=[case[0] for case in BAD_FILES])
def test_mistakes_are_reported_with_file_and_line(tmp_path, case, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message, message


def test_duplicate_term_error_names_both_lines(tmp_path):
    text = MINIMAL.replace("    - term: child prostitute", "    - term: asian  MEN")
    with pytest.raises(LexiconError, match=r"sample\.yaml:18: .*at line 14"):
        load_lexicon(write(tmp_path, text))


def test_same_words_with_different_context_are_different_terms(tmp_path):
    text = MINIMAL.replace(
        "    - term: child prostitute",
        "    - term: Asian men\n      followed_by: [in cars]\n    - term: child prostitute",
    )
    lexicon = load_lexicon(write(tmp_path, text))
    assert len(lexicon.terms) == 4


def test_empty_and_non_utf8_files(tmp_path):
    empty = write(tmp_path, "", "empty.yaml")
    with pytest.raises(LexiconError, match=r"empty\.yaml: the file is empty"):
        load_lexicon(empty)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin\.yaml: not UTF-8"):
        load_lexicon(latin)


def test_duplicate_lexicon_names_across_files(tmp_path):
    write(tmp_path, MINIMAL, "one.yaml")
    write(tmp_path, MINIMAL, "two.yaml")
    with pytest.raises(LexiconError) as caught:
        load_lexicons(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'two.yaml'}:1: ")
    assert "one.yaml" in message


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(LexiconError, match="no such folder"):
        load_lexicons(tmp_path / "nowhere")
    with pytest.raises(LexiconError, match="no lexicon files"):
        load_lexicons(tmp_path)


# --------------------------------------------------------------------------- display


def test_format_lexicon_list(bundled, tmp_path):
    listing = format_lexicon_list(load_lexicons(DEFAULT_LEXICONS))
    for lexicon in bundled.values():
        assert f"{lexicon.name}  (version {lexicon.version}, {len(lexicon.terms)} terms)" in listing
    sample = format_lexicon_list([load_lexicon(write(tmp_path, MINIMAL))])
    assert sample.splitlines()[:3] == [
        "sample  (version 2.1, 3 terms)",
        "  A sample.",
        "  categories: people (2), words (1)",
    ]


def test_format_lexicon_shows_everything(tmp_path):
    shown = format_lexicon(load_lexicon(write(tmp_path, MINIMAL)))
    for part in (
        "sample  (version 2.1, fingerprint ", "[guide] A Guide (2020). https://example.org/guide",
        "Category people (2 terms): People.", "  - Asian {man|men|males}  [line 14]",
        "      suggestion: child sexual exploitation (source: guide)", "      note: A note.",
        "  - Home Office", "  - home town",
    ):
        assert part in shown, part


# --------------------------------------------------------------------------- bundled lexicons
# Sentences copied verbatim from the raw seed articles (corpus/rotherham comes from them).

INDEPENDENT_2014_STANDFIRST = (
    "Norfolk chief constable says the idea of paedophile gangs was 'overshadowing a far, far, "
    "bigger picture - abuse in the home'"
)
INDEPENDENT_2014 = (
    "He said that some of the media’s concentration on the ethnicity of the mainly Asian gangs "
    "behind the sexual exploitation of 1,400 girls in Rotherham was a mistake.\n\n"
    "Mr Bailey, who leads on child abuse for the Association of Chief Police Officers, said that "
    "the idea of paedophile gangs was “overshadowing a far, far, bigger picture, and that bigger "
    "picture is that 90 per cent of child sexual abuse takes place in the home where crimes are "
    "being perpetuated upon victims by people they know already”."
)
BBC = (
    "Professor Alexis Jay led the inquiry that found at least 1,400 children in the South "
    "Yorkshire town were sexually exploited by criminal gangs of men who were predominantly of "
    "Pakistani origin between 1997 and 2013.\n\n"
    "Speaking in 2011 after the jailing of two of the men, former Home Secretary Jack Straw "
    "suggested some men of Pakistani origin saw white girls as \"easy meat\". The judge in the "
    "case said the race of the victims and their abusers was \"coincidental\"."
)
YORKSHIRE_POST = (
    "According to their report, people have witnessed suspicious behaviour, such as girls being "
    "given mobile phones by older Asian men and picked up in cars late at night from quiet "
    "locations."
)
BREITBART = (
    "Professor Alexis Jay’s report described how more than 1,400 children were sexually "
    "exploited by gangs of mainly Asian males in Rotherham between 1997 and 2013."
)
INDEPENDENT_2022 = (
    "“The failure to collect data on the ethnicity of the perpetrators and victims has led to a "
    "one-sided and often uninformed public debate, where links have been made between "
    "ethnicity and a number of high-profile cases involving South Asian men.\n\n"
    "The Home Office made it a requirement for police to officially flag child sexual "
    "exploitation offences in 2016 but IICSA said the label was “subjective and variable”.\n\n"
    "Lizzie Dearden\nHome Affairs Editor"
)


def test_ethnicity_target_mentions(bundled):
    ethnicity = bundled["ethnicity"]
    assert "mainly Asian gangs" in texts(ethnicity, INDEPENDENT_2014)
    assert texts(ethnicity, BBC)[:3] == [
        "predominantly of Pakistani origin", "of Pakistani origin", "white girls"
    ]
    assert texts(ethnicity, YORKSHIRE_POST) == ["older Asian men"]
    assert texts(ethnicity, BREITBART) == ["mainly Asian males"]
    assert "South Asian men" in texts(ethnicity, INDEPENDENT_2022)
    by_category = {(category, matched) for category, _, matched in find(ethnicity, BBC)}
    assert ("discussing_ethnicity", "race") in by_category
    assert ("describing_people", "white girls") in by_category


def test_ethnicity_leaves_unrelated_uses_alone(bundled):
    ethnicity = bundled["ethnicity"]
    assert texts(ethnicity, "an arms race, a race against time, the human race of it") == []
    assert texts(ethnicity, "Caucasian menace; AS Roma won; the Czech Republic said") == []
    assert texts(ethnicity, "a white van and a black car") == []


def test_domestic_abuse_targets_and_exclusions(bundled):
    domestic = bundled["domestic_abuse"]
    assert texts(domestic, INDEPENDENT_2014_STANDFIRST) == ["abuse in the home"]
    assert texts(domestic, INDEPENDENT_2014) == ["in the home", "by people they know"]
    assert texts(domestic, BBC) == []  # Home Secretary
    assert texts(domestic, INDEPENDENT_2022) == []  # Home Office, Home Affairs Editor
    assert texts(domestic, "girls living in the home were targeted") == []


def test_other_bundled_lexicons_on_seed_sentences(bundled):
    failure = bundled["institutional_failure"]
    assert texts(failure, INDEPENDENT_2022) == ["failure"]
    assert texts(failure, "It said that police had been contemptuous of the victims, while "
                          "the council ignored what was happening") == ["contemptuous", "ignored"]
    assert texts(failure, "a misplaced sense of political correctness") == [
        "political correctness"
    ]
    assert texts(failure, "he died of heart failure; contempt of court") == []
    labels = bundled["perpetrator_labels"]
    assert texts(labels, INDEPENDENT_2014_STANDFIRST) == ["paedophile gangs"]
    blaming = {matched: (term.suggestion, term.source)
               for term in bundled["victim_blaming"].terms
               for _, label, matched in find(bundled["victim_blaming"],
                                             "offences including rape, facilitating child "
                                             "prostitution and trafficking")
               if label == term.text}
    assert list(blaming) == ["child prostitution"]
    assert blaming["child prostitution"][1] == "luxembourg2016"
    assert texts(bundled["victim_blaming"], "Rotherham Sex Scandal: More Than 160") == [
        "Sex Scandal"
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed articles not available")
def test_raw_seed_files_contain_every_target(bundled):
    raw = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    ethnicity = bundled["ethnicity"]
    assert "mainly Asian gangs" in texts(ethnicity, raw["000"])
    assert "predominantly of Pakistani origin" in texts(ethnicity, raw["001"])
    assert "older Asian men" in texts(ethnicity, raw["002"])
    assert "mainly Asian males" in texts(ethnicity, raw["004"])
    assert "South Asian men" in texts(ethnicity, raw["003"])
    domestic = bundled["domestic_abuse"]
    assert texts(domestic, raw["000"])[:2] == ["abuse in the home", "in the home"]
    for text in raw.values():
        assert not any("home office" in m.lower() or "home secretary" in m.lower()
                       for m in texts(domestic, text))


def test_general_senses_are_left_out(bundled):
    """Senses found in unrelated news that the bundled lexicons must not count."""
    domestic = bundled["domestic_abuse"]
    assert texts(domestic, "the hiring of family members; a family member tested positive") == []
    assert texts(domestic, "she was abused by a family member") == ["abused by a family member"]
    assert texts(domestic, "abuse by family members") == ["family members"]
    assert texts(domestic, "fled violence in their home country; violence at home and abroad") \
        == []
    failure = bundled["institutional_failure"]
    assert texts(failure, "the policy was a total failure") == []
    assert texts(failure, "a systematic failure; the failure to act") == [
        "systematic failure", "failure"
    ]
    assert texts(failure, "allegations of sexual misconduct; held in contempt of Congress") == []
    assert texts(failure, "41 misconduct notices; treated the victims with contempt") == [
        "misconduct notices", "with contempt"
    ]
    labels = bundled["perpetrator_labels"]
    assert texts(labels, "human rights abusers, drug traffickers, a natural predator, "
                         "the Daily Beast") == []
    blaming = bundled["victim_blaming"]
    assert texts(blaming, "as difficult as possible; we are not asking for it") == []
    assert texts(blaming, "seen as being difficult; she was asking for it") == [
        "difficult", "asking for it"
    ]


def test_bundled_corpus_targets(bundled):
    """The issue's acceptance list, on the analysed text of the bundled demo corpus."""
    from framing.corpus import load
    from framing.paths import DEFAULT_CORPUS

    if not DEFAULT_CORPUS.is_dir():
        pytest.skip("bundled corpus not present")
    found: dict[tuple[str, str], list[str]] = {}
    for article in load(DEFAULT_CORPUS).articles:
        key = (article.outlet, article.published.iso()[:4] if article.published else "")
        for name in ("ethnicity", "domestic_abuse"):
            found.setdefault((name, *key), []).extend(texts(bundled[name], article.analysed_text))
    assert "mainly Asian gangs" in found[("ethnicity", "The Independent", "2014")]
    assert "predominantly of Pakistani origin" in found[("ethnicity", "BBC News", "2014")]
    assert "older Asian men" in found[("ethnicity", "The Yorkshire Post", "2021")]
    assert "mainly Asian males" in found[("ethnicity", "Breitbart", "2015")]
    assert "South Asian men" in found[("ethnicity", "The Independent", "2022")]
    assert found[("domestic_abuse", "The Independent", "2014")][:2] == [
        "abuse in the home", "in the home"
    ]
    everything = [text.lower() for texts_found in found.values() for text in texts_found]
    assert not [text for text in everything if "home office" in text or "secretary" in text]
    assert "racist" not in everything  # the unrelated "Read More" headline is furniture


@pytest.mark.parametrize(("written", "shown"), [
    ("Home {Office|Offices}", "Home Office / Offices"),
    ("{heart|kidney} failure", "heart / kidney failure"),
    ("child{ren|} abuse", "child(ren) abuse"),
    ("a {b|{c|d}} e", "a b / c / d e"),
    ("x \\{literal\\}", "x {literal}"),
    ("x {unclosed", "x {unclosed"),  # not the compact syntax: as it is
])
def test_exclusions_are_shown_readably(written, shown):
    assert readable_compact(written) == shown


def test_bundled_exclusions_show_no_syntax():
    for lexicon in load_lexicons():
        for label in lexicon.exclusion_labels:
            assert not set(label) & set("{|}"), (lexicon.name, label)
