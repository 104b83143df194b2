"""Furniture rules, one at a time, on small synthetic pages: furniture goes, sentences stay."""

from __future__ import annotations

import pytest

from framing.corpus.cleaning import (
    DEFAULT_RULES,
    clean,
    ends_like_sentence,
    load_rules,
    rules_from_data,
)
from framing.errors import CorpusError

RULES = load_rules()


def removed_by(result, rule: str) -> list[str]:
    return [line for name, line in result.removed if name == rule]


def test_bundled_rules_load_with_names_and_comments():
    names = [rule.name for rule in RULES.generic] + [
        rule.name for entry in RULES.outlets for rule in entry.rules
    ]
    assert len(names) == len(set(names))
    assert all(rule.comment for rule in RULES.generic)
    assert {"hide-ad", "read-more", "repeated-line", "doubled-line", "dateline"} <= set(names)
    assert {entry.name for entry in RULES.outlets} == {"The Independent", "BBC News", "Breitbart"}
    assert RULES.source == str(DEFAULT_RULES)


def test_furniture_line_removed_blank_lines_collapsed_and_trailing_space_stripped():
    text = "First sentence here.   \n\n\n\nHide Ad\nHide Ad\n\n\nSecond\u00a0sentence here.\n"
    result = clean(text, rules=RULES, headline="")
    assert result.text == "First sentence here.\n\nSecond sentence here."
    assert result.removed == (("hide-ad", "Hide Ad"), ("hide-ad", "Hide Ad"))


def test_read_more_takes_the_unrelated_headline_after_it():
    text = (
        "He said: “These are serious allegations.\n\nRead More\n"
        "Andrew Gale suspended by Yorkshire CCC over historic racist tweets\n\n"
        "“As soon as I heard about this I spoke to the commander.”"
    )
    result = clean(text, rules=RULES, headline="")
    assert "racist tweets" not in result.text and "Read More" not in result.text
    assert removed_by(result, "read-more") == [
        "Read More", "Andrew Gale suspended by Yorkshire CCC over historic racist tweets"]
    assert "“As soon as I heard about this I spoke to the commander.”" in result.text
    assert "He said: “These are serious allegations." in result.text


def test_read_more_leaves_a_following_sentence():
    text = "Read More\nThe council said it would act on the report."
    result = clean(text, rules=RULES, headline="")
    assert result.text == "The council said it would act on the report."


def test_caption_with_credit_and_its_copy_both_go():
    text = (
        "Children walk down a street in Rotherham, South Yorkshire\n"
        "Children walk down a street in Rotherham, South Yorkshire (Getty Images)\n\n"
        "Tens of thousands of children are victims every year."
    )
    result = clean(text, rules=RULES, headline="")
    assert result.text == "Tens of thousands of children are victims every year."
    assert [name for name, _ in result.removed] == ["repeated-line", "caption-with-credit"]


def test_sentence_that_mentions_an_agency_in_brackets_is_kept():
    text = "The figures were first reported by the Press Association (PA).\n\nGetty Images"
    result = clean(text, rules=RULES, headline="")
    assert result.text == "The figures were first reported by the Press Association (PA)."
    assert removed_by(result, "photo-credit") == ["Getty Images"]


def test_photo_credit_and_the_tag_line_above_it():
    text = (
        "child grooming scandal\nChristopher Furlong/Getty Images\n\n"
        "More than 160 police officers are under investigation."
    )
    result = clean(text, rules=RULES, headline="")
    assert result.text == "More than 160 police officers are under investigation."
    assert removed_by(result, "caption-above-credit") == ["child grooming scandal"]
    assert removed_by(result, "photo-credit") == ["Christopher Furlong/Getty Images"]


def test_a_sentence_above_a_credit_is_not_a_caption():
    text = "The report was published on Tuesday.\nChristopher Furlong/Getty Images"
    result = clean(text, rules=RULES, headline="")
    assert result.text == "The report was published on Tuesday."


def test_doubled_caption_goes_with_its_single_copy():
    caption = "Dr Alan Billings, South Yorkshire Police and Crime Commissioner"
    text = (
        "The commissioner says people should “not jump to conclusions”.\n"
        f"{caption}{caption}\n{caption}\n\nDr Alan Billings has spoken out."
    )
    result = clean(text, rules=RULES, headline="")
    assert caption not in result.text.replace("Dr Alan Billings has", "")
    assert result.text == (
        "The commissioner says people should “not jump to conclusions”.\n\n"
        "Dr Alan Billings has spoken out."
    )
    assert [name for name, _ in result.removed] == ["doubled-line", "repeated-line"]


def test_doubled_sentence_is_kept_once():
    sentence = "The council apologised to survivors."
    result = clean(f"{sentence}{sentence}", rules=RULES, headline="")
    assert result.text == sentence
    assert result.removed == (("doubled-line", sentence),)


def test_repeated_sentence_is_kept_once():
    sentence = "The council apologised to survivors."
    result = clean(f"{sentence}\n\n{sentence}\n\nIt said more.", rules=RULES, headline="")
    assert result.text == f"{sentence}\n\nIt said more."


def test_byline_role_dateline_to_metadata_and_video_caption_removed():
    text = (
        "Grooming gangs still abusing children\n\n"
        "Inquiry identifies failures by councils and police\n\n"
        "Lizzie Dearden\nHome Affairs Editor\nTuesday 01 February 2022 15:14 EST\n"
        "Professor Alexis Jay discusses child abuse in Rotherham in 2014 archive footage\n\n"
        "Children are still being sexually exploited, a report has found."
    )
    result = clean(
        text, rules=RULES, headline="Grooming gangs still abusing children",
        standfirst="Inquiry identifies failures by councils and police",
    )
    assert result.text == "Children are still being sexually exploited, a report has found."
    assert result.metadata == {
        "author": "Lizzie Dearden",
        "author_role": "Home Affairs Editor",
        "published": "01 February 2022",
        "published_time": "15:14 EST",
    }
    assert [name for name, _ in result.removed] == [
        "headline", "standfirst", "byline", "byline", "dateline", "header-caption"]


def test_header_caption_needs_a_dateline():
    text = "A short line with no full stop\n\nThe body begins here."
    result = clean(text, rules=RULES, headline="")
    assert result.text == text


def test_sentence_in_the_dateline_block_is_kept():
    text = "Ian Johnston\nThursday 16 October 2014 06:40 BST\nThe chief constable warned of more."
    result = clean(text, rules=RULES, headline="")
    assert result.text == "The chief constable warned of more."
    assert result.metadata["author"] == "Ian Johnston"


def test_headline_guessed_when_unknown_and_standfirst_before_byline():
    text = (
        "Top police officer warns of 'many more' child sex scandals\n\n"
        "Norfolk chief constable says the idea was 'overshadowing a bigger picture'\n\n"
        "Ian Johnston\nThursday 16 October 2014 06:40 BST\n\n"
        "Tens of thousands of children are victims every year."
    )
    result = clean(text, rules=RULES)
    assert result.metadata["headline"] == (
        "Top police officer warns of 'many more' child sex scandals")
    assert result.metadata["standfirst"] == (
        "Norfolk chief constable says the idea was 'overshadowing a bigger picture'")
    assert result.text == "Tens of thousands of children are victims every year."


def test_headline_matched_across_quote_styles_and_not_guessed_when_given():
    text = "Gangs abuse children in ‘most degrading ways’\n\nThe inquiry said so."
    result = clean(text, rules=RULES, headline="Gangs abuse children in 'most degrading ways'")
    assert result.text == "The inquiry said so."
    other = clean(text, rules=RULES, headline="A different headline")
    assert other.text == text  # a headline that does not match removes nothing
    assert "headline" not in other.metadata


def test_outlet_rules_chosen_by_name_or_domain_and_unknown_outlet_gets_generic_only():
    text = "Stay up to date with notifications from The\u00a0Independent\n\nThe body."
    for outlet, url in (("The Independent", ""), ("", "https://www.independent.co.uk/x")):
        result = clean(text, outlet=outlet, url=url, rules=RULES, headline="")
        assert result.text == "The body.", (outlet, url)
    unknown = clean(text, outlet="Some Paper", url="https://example.org/a", rules=RULES,
                    headline="")
    assert "Stay up to date" in unknown.text


def test_bbc_captions_go_and_article_sentences_stay():
    text = (
        "It said abuse was happening “up and down the country”.\n\n"
        "image captionProfessor Alexis Jay said she was certain abuse was taking place\n\n"
        'The NSPCC said there had been a "systematic failure" by the council.\n\n'
        "image source, Christopher Furlong / Getty\n\n"
        "Related Internet Links\n\n"
        "The BBC is not responsible for the content of external sites."
    )
    result = clean(text, outlet="BBC News", rules=RULES, headline="")
    assert result.text == (
        "It said abuse was happening “up and down the country”.\n\n"
        'The NSPCC said there had been a "systematic failure" by the council.'
    )


def test_breitbart_footer_and_she_said_line():
    text = (
        "A spokeswoman confirmed this is an ongoing process.\u00a0 She said:\n\n"
        "“Analysis of all the referrals has so far identified more than 60 officers.\n\n"
        "Follow Simon Kent on Twitter: or e-mail to: skent@breitbart.com\n\n\u00a0\n\n"
        "COMMENTS\n\nPlease let us know if you're having issues with commenting."
    )
    result = clean(text, outlet="Breitbart", rules=RULES, headline="")
    assert result.text == (
        "A spokeswoman confirmed this is an ongoing process. She said:\n\n"
        "“Analysis of all the referrals has so far identified more than 60 officers."
    )


def test_clean_is_idempotent_and_pure():
    text = (
        "Headline of a story\n\nIan Johnston\nThursday 16 October 2014 06:40 BST\n\n"
        "One sentence.\n\nHide Ad\n\n“A quote that opens with a curly quote.\n\nEnd."
    )
    first = clean(text, rules=RULES, headline="Headline of a story")
    again = clean(first.text, rules=RULES, headline="Headline of a story")
    assert again.text == first.text and again.removed == ()
    assert clean(text, rules=RULES, headline="Headline of a story") == first


@pytest.mark.parametrize(
    ("line", "expected"),
    [("She said:", True), ("It ended.", True), ("“Quote.”", True), ('He said "no"', True),
     ("A caption line", False), ("Home Affairs Editor", False), ("the home'", False)],
)
def test_ends_like_sentence(line, expected):
    assert ends_like_sentence(line) is expected


def test_custom_rules_line_regex_and_ignore_case():
    rules = rules_from_data({
        "generic": [
            {"name": "subscribe", "kind": "line", "lines": ["Subscribe now"],
             "ignore_case": True, "comment": "sign-up button"},
            {"name": "share", "kind": "regex", "pattern": r"Share (?:on|via) \w+",
             "comment": "share buttons"},
        ],
    })
    result = clean("SUBSCRIBE NOW\nShare on Facebook\nThe body stays.", rules=rules, headline="")
    assert result.text == "The body stays."
    assert [name for name, _ in result.removed] == ["subscribe", "share"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"generic": [{"name": "x", "kind": "line", "lines": ["a"]}]}, "comment"),
        ({"generic": [{"name": "x", "kind": "nope", "comment": "c"}]}, "kind"),
        ({"generic": [{"name": "x", "kind": "regex", "pattern": "(", "comment": "c"}]},
         "not a valid regex"),
        ({"generic": [{"name": "x", "kind": "line", "comment": "c"}]}, "lines"),
        ({"generic": [{"name": "x", "kind": "line", "lines": ["a"], "comment": "c"},
                      {"name": "x", "kind": "line", "lines": ["b"], "comment": "c"}]},
         "unique"),
        ({"rules": []}, "unknown top-level"),
        ([], "mapping"),
    ],
)
def test_bad_rules_are_reported(data, message):
    with pytest.raises(CorpusError, match=message):
        rules_from_data(data, source="my-rules.yaml")


def test_rules_file_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(CorpusError, match="no such rules file"):
        load_rules(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("generic:\n  - name: x\n   kind: [\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.yaml:\d+: not valid YAML"):
        load_rules(broken)


def test_zero_width_spaces_are_blank_and_words_are_not_glued():
    result = clean("One sentence.\n\u200b\n\u200b\n\nTwo\u200b sentences.", rules=RULES,
                   headline="")
    assert result.text == "One sentence.\n\nTwo sentences."
    assert result.removed == ()
