"""Who speaks: quotations, their speakers, roles and cues, on sentences written for the tests
and on the bundled corpus. Every offset is checked against the text."""

from __future__ import annotations

import pytest

from framing.corpus import load as load_corpus
from framing.features.quotes import UNATTRIBUTED, find_quotations
from framing.features.roles import load_roles
from framing.paths import DEFAULT_CORPUS
from framing.text import article_units
from framing.types import Article, Quotation


@pytest.fixture(scope="module")
def roles():
    return load_roles()


def quotations(roles, body: str, *, headline: str = "", standfirst: str = "") -> list[Quotation]:
    article = Article("a1", "Outlet", None, headline, standfirst, body)
    found = find_quotations(article, units=article_units(article), roles=roles)
    check_offsets(article, found)
    return list(found)


def check_offsets(article: Article, found) -> None:
    """Offsets are exact: the span is the quotation without its marks, the cue its words."""
    text = article.analysed_text
    for quotation in found:
        quoted = text[quotation.span.start:quotation.span.end]
        assert quoted and quoted == quoted.strip(), quotation
        assert quotation.span.article_id == article.id
        if quotation.cue_start is not None:
            assert text[quotation.cue_start:quotation.cue_end].lower() == quotation.cue \
                or quotation.cue == "colon" and text[quotation.cue_start] == ":" \
                or quotation.cue == "dash" and text[quotation.cue_start] in "—–-" \
                or quotation.cue in ("was told", "were told"), quotation
        if quotation.speaker_start is not None:
            assert text[quotation.speaker_start:quotation.speaker_end].strip()


def text_of(body: str, quotation: Quotation, *, headline: str = "") -> str:
    article = Article("a1", "Outlet", None, headline, "", body)
    return article.analysed_text[quotation.span.start:quotation.span.end]


def only(found: list[Quotation]) -> Quotation:
    assert len(found) == 1, found
    return found[0]


# --- speech verbs after the quotation ---------------------------------------------------


def test_pronoun_and_verb_after_the_quotation(roles):
    body = ("Sarah Champion, the MP for Rotherham, spoke on Tuesday.\n\n"
            "“This must be the moment that we see urgent action,” she said.")
    quote = only(quotations(roles, body))
    assert (quote.kind, quote.speaker, quote.role, quote.cue) == (
        "direct", "Sarah Champion", "politicians", "said")
    assert text_of(body, quote) == "This must be the moment that we see urgent action,"
    assert body[quote.cue_start:quote.cue_end] == "said"
    assert body[quote.speaker_start:quote.speaker_end] == "she"
    assert quote.paragraph == 2


def test_verb_before_the_subject_after_the_quotation(roles):
    body = '"We will look at every case," said John Smith, a spokesman for the Home Office.'
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("John Smith", "officials", "said")
    assert text_of(body, quote) == "We will look at every case,"


def test_american_and_british_punctuation_straight_and_curly_marks(roles):
    american = 'Mr Smith arrived.\n\n"It was wrong," he said.'
    british = "Mr Smith arrived.\n\n‘It was wrong’, he said."
    for body in (american, british):
        quote = only(quotations(roles, body))
        assert (quote.speaker, quote.cue) == ("Mr Smith", "said")
    assert text_of(american, quotations(roles, american)[0]) == "It was wrong,"
    assert text_of(british, quotations(roles, british)[0]) == "It was wrong"


def test_a_report_as_the_source(roles):
    body = "“Many cases were never recorded,” the report said."
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("the report", "officials", "said")


def test_unnamed_source_as_written(roles):
    body = "“We are aware of the allegations,” a police spokesman said."
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("a police spokesman", "police")


# --- speech verbs before the quotation --------------------------------------------------


def test_name_apposition_and_colon(roles):
    body = ("Professor Alexis Jay, chair of the inquiry, said: “We found extensive failures "
            "by local authorities.”")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("Professor Alexis Jay", "officials", "said")
    assert body[quote.speaker_start:quote.speaker_end] == "Professor Alexis Jay"


def test_partial_quotation_in_reported_speech(roles):
    body = ("The NSPCC said there had been a “systematic failure” by the council to stop a "
            "grooming gang.")
    quote = only(quotations(roles, body))
    assert (quote.kind, quote.speaker, quote.role, quote.cue) == (
        "direct", "NSPCC", "advocates", "said")
    assert text_of(body, quote) == "systematic failure"


def test_told_an_audience_the_audience_is_not_the_speaker(roles):
    body = ("Simon Bailey, chief constable of Norfolk Constabulary, told The Guardian that "
            "abuse had been “too long a hidden crime”.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("Simon Bailey", "police", "told")
    body = "“There is no easy answer,” she told reporters."
    assert only(quotations(roles, "Jane Doe spoke.\n\n" + body)).speaker == "Jane Doe"


def test_wrote_and_tweeted(roles):
    body = 'Writing in his blog, Dr Alan Billings said: "These would be serious allegations."'
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.cue) == ("Dr Alan Billings", "said")
    body = 'President Donald Trump tweeted that the figure was "ridiculously high".'
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == (
        "President Donald Trump", "politicians", "tweeted")


def test_several_quotations_in_one_sentence_share_its_speaker(roles):
    body = ("A court heard the men had acted “under the noses” of the authorities who showed "
            "“almost wilful blindness”.")
    found = quotations(roles, body)
    assert [(q.speaker, q.role, q.cue) for q in found] == [("a court", "legal", "heard")] * 2


def test_participle_takes_the_sentence_subject(roles):
    body = ('She told the BBC there was no "national system", adding: "We cannot say that '
            'Rotherham is any better or worse than other places."')
    found = quotations(roles, "Professor Alexis Jay led the inquiry.\n\n" + body)
    assert [q.speaker for q in found] == ["Professor Alexis Jay"] * 2
    assert [q.cue for q in found] == ["told", "told"]


def test_us_titles_party_and_organisations(roles):
    body = '"We will not back down," said Sen. Ted Cruz, R-Texas.'
    assert (only(quotations(roles, body)).speaker, only(quotations(roles, body)).role) == (
        "Sen. Ted Cruz", "politicians")
    body = 'The ACLU said the policy was "plainly unconstitutional".'
    assert only(quotations(roles, body)).role == "advocates"
    body = '"The investigation is ongoing," FBI Director Christopher Wray told reporters.'
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("Christopher Wray", "police")
    body = ('"We have nothing to add," White House press secretary Sarah Sanders said on '
            'Tuesday.')
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("Sarah Sanders", "politicians")
    body = '"The data are clear," said Jane Miller, a professor of economics at Harvard.'
    assert only(quotations(roles, body)).role == "experts"


def test_a_name_or_role_and_a_colon(roles):
    quote = only(quotations(roles, "Body.", headline='Police chief: "We will act on every report"'))
    assert (quote.speaker, quote.role, quote.cue, quote.paragraph) == (
        "Police chief", "police", "colon", 0)
    # A colon after a phrase that names nobody attributes nothing.
    quote = only(quotations(roles, 'Rotherham abuse: "We were failed by everyone"'))
    assert quote.speaker == UNATTRIBUTED


def test_several_appositions(roles):
    body = 'Sen. Lindsey Graham, R-S.C., chairman of the committee, said: "We will vote."'
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("Sen. Lindsey Graham", "politicians", "said")


def test_a_name_after_a_dash(roles):
    body = ('"I am deeply sorry for it. I will ask Canadians to forgive me." — Canadian Prime '
            'Minister Justin Trudeau')
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("Justin Trudeau", "politicians", "dash")
    assert body[quote.cue_start] == "—"


def test_abbreviations_do_not_end_the_attribution(roles):
    body = ('Ruth Matthews lives here.\n\n“It’s a good day,” Mr. Matthews said Friday. '
            '“Look at all the people that suffered.”')
    found = quotations(roles, body)
    # "Mr. Matthews" is not Ruth Matthews: the fullest form keeps to one sex.
    assert [(q.kind, q.speaker, q.cue) for q in found] == [
        ("direct", "Mr. Matthews", "said"), ("direct", "Mr. Matthews", "continuation")]


# --- names, pronouns and descriptions ---------------------------------------------------


def test_a_name_resolves_to_its_fullest_form(roles):
    body = ("Professor Alexis Jay led the inquiry.\n\n"
            "Jay said the council had “ignored” warnings.")
    assert only(quotations(roles, body)).speaker == "Professor Alexis Jay"
    body = ("Simon Bailey leads on child protection.\n\n"
            "“It is but one model,” Mr Bailey said.")
    assert only(quotations(roles, body)).speaker == "Simon Bailey"


def test_may_and_will_inside_a_name_are_no_boundary(roles):
    body = ("“We will act,” Theresa May said.\n\n"
            "“It is hard for us,” said parent Will Brown, who backs both sides.\n\n"
            "In May the council said it would “act swiftly”.")
    assert [q.speaker for q in quotations(roles, body)] == [
        "Theresa May", "Will Brown", "the council"]


def test_words_before_a_given_name_describe_the_person(roles):
    body = ("Special Counsel Henry Kerner defended his office.\n\n"
            "“We respect the decision,” Kerner said.\n\n"
            "Mayor Tom Moffatt said the system had worked.\n\n"
            "“You cannot argue with those numbers,” he said.")
    assert [(q.speaker, q.role) for q in quotations(roles, body)] == [
        ("Henry Kerner", "legal"), ("Mayor Tom Moffatt", "politicians")]


def test_a_participle_takes_the_subject_of_its_clause(roles):
    body = ("Speaking on Sunday, Nancy Pelosi had refused to call for his resignation, saying "
            "the councilman is an “asset to the city”.\n\n"
            "Donald Trump revived the row at a rally in which he suggested the player was a "
            "“disgrace to the game”.")
    found = quotations(roles, body)
    assert [(q.speaker, q.cue) for q in found] == [
        ("Nancy Pelosi", "saying"), ("Donald Trump", "suggested")]


def test_a_pronoun_takes_the_most_recent_compatible_person(roles):
    body = ("John Smith, the council leader, met Jane Doe, a survivor, on Monday.\n\n"
            "“Nobody listened to us,” she said.\n\n"
            "“We have changed,” he said.")
    found = quotations(roles, body)
    assert [q.speaker for q in found] == ["Jane Doe", "John Smith"]
    assert body[found[0].speaker_start:found[0].speaker_end] == "she"


def test_a_pronoun_takes_a_person_named_after_an_opening_word(roles):
    body = ("Maya Ortiz studies law. For Liz Walton, going without insurance would mean big "
            "bills.\n\n“I could not pay for those bills,” she said.")
    assert only(quotations(roles, body)).speaker == "Liz Walton"


def test_a_pronoun_takes_a_name_of_unknown_sex_named_as_people_are(roles):
    body = ("Zorn Moffitt, the campaign's director, said the system was rushed.\n\n"
            "Moffitt told reporters that the system did work.\n\n"
            "“You can't argue with those numbers,” he said.\n\n"
            "Story Continued Below\n\n“We will fight,” he said.")
    assert [q.speaker for q in quotations(roles, body)] == ["Zorn Moffitt"] * 2


def test_a_place_after_a_name_is_no_speaker(roles):
    body = ("Robert McNeil, chairman of the Houston Rockets, said the remarks were “divisive”."
            "\n\nIn another post, Donald Trump, who spent the weekend at his club in "
            "Bedminster, New Jersey, said the “league should back” the fans.")
    assert [q.speaker for q in quotations(roles, body)] == ["Robert McNeil", "Donald Trump"]


def test_an_inverted_speech_verb_before_the_quotation(roles):
    body = "Basically, adds The Daily Ledger, “the deal denies both parties what they want.”"
    assert only(quotations(roles, body)).speaker == "Daily Ledger"


def test_a_pronoun_with_nobody_to_refer_to_is_unattributed(roles):
    body = ("The meeting ended late.\n\nNothing was agreed.\n\nThe hall was empty.\n\n"
            "“Nobody listened,” she said.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == (UNATTRIBUTED, UNATTRIBUTED, "said")


def test_a_pronoun_looks_back_two_paragraphs_only(roles):
    body = ("Jane Doe spoke first.\n\nThe hall was full.\n\nNobody left.\n\nIt rained.\n\n"
            "“Nobody listened,” she said.")
    assert only(quotations(roles, body)).speaker == UNATTRIBUTED


def test_it_refers_to_a_body(roles):
    body = ("The inquiry published its report on Tuesday.\n\n"
            "It said abuse was happening “up and down the country”.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("the inquiry", "officials")


def test_a_description_resolves_to_the_named_person_it_describes(roles):
    body = ("Justice minister James Cartlidge answered in Parliament.\n\n"
            "“We remain clear that allegations must be investigated,” the minister said.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("James Cartlidge", "politicians")


def test_a_description_matches_an_abbreviated_title(roles):
    body = ("The debate ran late until Sen. Maria Van der Berg took the microphone.\n\n"
            "“When will a woman be heard in this room?” the Democratic senator asked.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("Sen. Maria Van der Berg", "politicians")


def test_a_description_finds_the_only_person_with_its_title_however_far_back(roles):
    body = ("Texas Sen. Wendy Harlow spoke for thirteen hours.\n\n"
            "Rules called for her to stand, unaided, until midnight.\n\n"
            "Supporters filled the gallery and the corridors outside.\n\n"
            "The senator read testimony from women across the state.\n\n"
            "“Women realize that these bills will not protect them,” she said.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("Sen. Wendy Harlow", "politicians")


def test_a_possessive_description_is_no_formal_title(roles):
    body = ("President Barack Obama announced the rule on Monday.\n\n"
            "Engineers' groups welcomed it.\n\n"
            "“Most workers are never sponsored,” said the group’s president, Jim Jefferies.")
    assert only(quotations(roles, body)).speaker == "the group’s president"


def test_a_description_with_two_people_of_its_title_before_stays_as_written(roles):
    body = ("Sen. Wendy Harlow and Sen. Maria Van der Berg led the filibuster.\n\n"
            "Rules called for them to stand, unaided, until midnight.\n\n"
            "Supporters filled the gallery and the corridors outside.\n\n"
            "“This is not over,” the senator said.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("the senator", "politicians")


def test_religious_titles_name_a_person(roles):
    body = ("In a sudden announcement, Pope Benedict XVI said he will resign.\n\n"
            "The 85-year-old pontiff made the announcement on Monday.\n\n"
            "“My strengths are no longer suited to the ministry,” the pope said.\n\n"
            "He said he was aware of the “seriousness” of the step.")
    assert [q.speaker for q in quotations(roles, body) if q.kind == "direct"] == [
        "Pope Benedict XVI", "Pope Benedict XVI"]


def test_a_phrase_between_the_subject_and_its_verb_is_not_the_speaker(roles):
    body = ("Gross, speaking at a press conference Wednesday, said he is “very happy” with "
            "the decision.\n\n"
            "Ms Lane, in a statement, said the plan was “a scandal.”")
    assert [(q.speaker, q.cue) for q in quotations(roles, body)] == [
        ("Gross", "said"), ("Ms Lane", "said")]


def test_a_participle_after_a_clause_opening_with_but(roles):
    body = ("But Kelly defended the administration and touted its progress, saying a recent "
            "drop in crossings was “phenomenal.”")
    assert only(quotations(roles, body)).speaker == "Kelly"


def test_the_nearest_speech_verb_before_a_quotation_gives_its_speaker(roles):
    body = ("Rep. Jeff Miller said Sen. Bernie Sanders was hurling “grenades” at Republicans "
            "while Sanders called the GOP’s behavior “sad.”\n\n"
            "Sainvilus called the claim “false,” asserting that union leaders said a few days "
            "ago that 100 schools would close, and “I’m sure it’ll be another number.”")
    assert [q.speaker for q in quotations(roles, body)] == [
        "Rep. Jeff Miller", "Sen. Bernie Sanders", "Sainvilus", "Sainvilus"]


def test_a_pronoun_is_the_subject_of_the_sentence_before_not_its_object(roles):
    body = ("Cardinal Timothy Dolan spoke to reporters in New York.\n\n"
            "Dolan nearly endorsed former Florida Gov. Jeb Bush for president.\n\n"
            "“I like Jeb Bush a lot,” he said.")
    assert only(quotations(roles, body)).speaker == "Cardinal Timothy Dolan"


def test_a_name_before_a_speech_verb_inside_a_sentence_is_a_candidate(roles):
    body = ("President Donald Trump spent the weekend at his golf club.\n\n"
            "In a tweet on Sunday, Trump said the Pittsburgh Penguins, which won the "
            "Stanley Cup, accepted his invitation. “Great team!” he wrote.\n\n"
            "A source close to Trump said it was a “bad day for the home team.”")
    assert [q.speaker for q in quotations(roles, body)] == [
        "President Donald Trump", "a source close to Trump"]


def test_a_name_before_points_out_notes_or_insists_is_a_candidate(roles):
    body = ("Mark Glaze ran the group for four years.\n\n"
            "Mayor Michael Bloomberg spent millions on the campaign.\n\n"
            "The NRA coordinated its base well, Glaze points out.\n\n"
            "“NRA has owned this issue for a generation,” he says.")
    assert only(quotations(roles, body)).speaker == "Mark Glaze"


def test_a_web_page_s_link_text_is_no_speaker(roles):
    body = ("Sen. Bernie Sanders Bernie SandersSanders uses health scare to promote "
            "Medicare for All MORE (I-Vt.) said the plan was “a disgrace to the whole "
            "country and its people.”")
    assert only(quotations(roles, body)).speaker != "MORE"


def test_a_relative_clause_with_commas_inside_the_subject(roles):
    body = ("Mark Kelly, whose wife, former Congresswoman Gabrielle Giffords, was seriously "
            "injured in a shooting two years ago, testified on Capitol Hill that they are "
            "“pro-gun ownership” but “anti-gun violence.”")
    assert [q.speaker for q in quotations(roles, body)] == ["Mark Kelly", "Mark Kelly"]


def test_a_given_name_alone_is_the_full_name_the_article_gives(roles):
    body = ("On Morning Edition, NPR’s Tamara Keith summed up the agreement.\n\n"
            "In other words, Tamara said, they went “small” instead.")
    assert only(quotations(roles, body)).speaker == "Tamara Keith"


def test_a_noun_that_is_also_a_speech_verb_is_no_cue_nor_is_a_source_aside(roles):
    body = ("Tlaib, in a tweet, complained Omar was “being targeted.”\n\n"
            "Trump called the attack a “strike at the heart,” as CNN reported, saying it was "
            "an “assault.”")
    assert [(q.speaker, q.cue) for q in quotations(roles, body)] == [
        ("Tlaib", "complained"), ("Trump", "called"), ("Trump", "called")]


def test_a_quotation_after_reported_speech_in_its_paragraph_is_the_reporter_s(roles):
    body = ("The bill may pass next session, but the reaction will not split along party "
            "lines, Sen. Wendy Harlow predicted. “It's a reaction from Republicans too.”\n\n"
            "Tennis is popular in the state. “Game, set and match.”")
    found = quotations(roles, body)
    assert [(q.speaker, q.cue) for q in found] == [
        ("Sen. Wendy Harlow", "predicted"), (UNATTRIBUTED, "")]


def test_an_inverted_speech_verb_after_a_clause_gives_the_name_after_it(roles):
    body = ("Past disasters are a poor guide, says Jonathan Bydlak, director of the Fiscal "
            "and Budget Policy Project. “We’re dealing with a very unique situation.”\n\n"
            "Moore, a former judge, said Friday that the encounter “never happened.”\n\n"
            "Michael Raccio, 21, another student, said Bush “really impressed me.”")
    assert [q.speaker for q in quotations(roles, body)] == [
        "Jonathan Bydlak", "Moore", "Michael Raccio"]


def test_a_titled_name_before_a_speech_verb_is_a_person_but_a_title_is_not(roles):
    body = ("The commission was not respectful, now-retired Justice Anthony Kennedy wrote in "
            "the opinion.\n\n“The commission’s hostility was inconsistent with the law,” he "
            "wrote.")
    assert only(quotations(roles, body)).speaker == "Anthony Kennedy"


def test_a_participle_goes_on_from_the_subject_of_its_sentence_not_its_object(roles):
    body = ("House Minority Leader Nancy Pelosi, D-Calif., also praised Trump’s announcement, "
            "calling it “welcomed news.”\n\n"
            "Meanwhile Apple chief executive Tim Cook has criticised the president, saying "
            "there is no “moral equivalence.”\n\n"
            "Hours later an Ohio county judge rejected the request, saying it would set a "
            "“terrible precedent for the voters of this state.”")
    assert [q.speaker for q in quotations(roles, body)] == [
        "Nancy Pelosi", "Tim Cook", UNATTRIBUTED]


def test_the_group_is_the_organisation_that_opens_the_sentence_before(roles):
    body = ("The Club for Growth urged all senators to vote against the proposal.\n\n"
            "“Congress should end the program and return it to the states,” the group said.\n\n"
            "Critics of the plan met on Monday. The State Department guidelines “are extremely "
            "disappointing and troubling,” the group said.")
    assert [q.speaker for q in quotations(roles, body)] == ["Club for Growth", "the group"]


def test_where_a_person_works_after_their_name_is_no_part_of_it(roles):
    body = ("“These are smart, articulate people,” said Matt Bennett of the centrist "
            "Democratic group Third Way.\n\n"
            "“I would have thought so,” said West Virginia Secretary of State Mac Warner.\n\n"
            "James Esseks of the American Civil Liberties Union said the rule was “cruel.”")
    found = quotations(roles, body)
    assert [q.speaker for q in found] == ["Matt Bennett", "Mac Warner", "James Esseks"]
    assert found[2].role == "advocates"  # from where he works


def test_a_lede_that_describes_its_speaker_and_names_them_next(roles):
    body = ("Northshire’s Police and Crime Commissioner says residents should "
            "“not jump to conclusions”.\n\n"
            "Dr Alan Billings has spoken out after councillors published a report.\n\n"
            "“These would be serious allegations anywhere,” Dr Billings said.")
    found = quotations(roles, body, headline="Police chief says people are 'jumping to "
                                             "conclusions'")
    assert [(q.speaker, q.role) for q in found] == [("Dr Alan Billings", "police")] * 3


def test_a_lede_with_two_quotations_in_one_sentence_gives_both_to_the_person(roles):
    body = ("Northshire’s Police and Crime Commissioner says the claims are “vague” and "
            "“not based on evidence”.\n\n"
            "Dr Alan Billings has spoken out after councillors published a report.")
    found = quotations(roles, body)
    assert [(q.speaker, q.role) for q in found] == [("Dr Alan Billings", "police")] * 2


def test_a_lede_keeps_its_description_when_the_next_paragraph_names_someone_else(roles):
    lede = "A police spokesman says officers are “following every line of inquiry”.\n\n"
    # Someone named in the lede itself: the description is not the next paragraph's person.
    named = quotations(roles, "A police spokesman told Mary Jones officers were “ready”.\n\n"
                              "Dr Alan Billings has spoken out.")
    assert only(named).speaker == "a police spokesman"
    # The next paragraph's person has a role of their own, another one.
    senator = quotations(roles, lede + "Senator Maria Lopez has called for an inquiry.")
    assert (only(senator).speaker, only(senator).role) == ("a police spokesman", "police")
    # An unnamed source ("a senior aide") is not the person named next, nor is a woman a man.
    aide = quotations(roles, "A senior Democratic aide said the vote was “unlikely”.\n\n"
                             "House Speaker Nancy Pelosi will not bring the bill to the floor.")
    assert only(aide).speaker == "a senior Democratic aide"
    mother = quotations(roles, "The town’s best-known mother says she was “traumatized”.\n\n"
                               "Patrick Bradley has spoken out.")
    assert only(mother).speaker != "Patrick Bradley"
    # The next paragraph does not open with the person.
    later = quotations(roles, lede + "After a week of calls, Dr Alan Billings has spoken out.")
    assert only(later).speaker == "a police spokesman"


def test_one_speaker_keeps_one_role(roles):
    body = ("Professor Alexis Jay, chair of the inquiry, said the findings were “shocking”.\n\n"
            "Professor Jay said the council had “looked away”.")
    found = quotations(roles, body)
    assert [(q.speaker, q.role) for q in found] == [("Professor Alexis Jay", "officials")] * 2


def test_a_relative_clause_describes_only_when_it_says_what_someone_is(roles):
    body = ("“It is hard,” said Rob Lane, a parent who joined a protest at the council offices."
            "\n\n“I am disappointed,” said Rita Kray, who has dined with the senator.\n\n"
            "“We need more,” said Simon Bailey, who leads on child protection for the police.")
    assert [q.role for q in quotations(roles, body)] == ["other", "other", "police"]


def test_an_apposition_of_what_someone_did_gives_no_role(roles):
    body = ("“We must be clear-eyed,” said Secretary of State Ann Ross, speaking from the "
            "State Department.")
    assert only(quotations(roles, body)).role == "politicians"


def test_every_apposition_after_a_name_is_read(roles):
    body = ("“Texas has the most uninsured people,” says Ron Cook, executive director of "
            "Gateway, a nonprofit health advocacy group in Houston.")
    assert only(quotations(roles, body)).role == "advocates"


def test_an_acronym_in_a_title_is_read_as_the_words_it_abbreviates(roles):
    body = ("The Springfield Teachers Union met on Sunday.\n\n"
            "STU President Karen Lee said a “clear majority” of delegates wanted to go on.")
    assert only(quotations(roles, body)).role == "advocates"


def test_titles_before_a_name_elsewhere_give_the_role(roles):
    body = ("Democratic strategist Jim Manners said the candidate has a delicate task.\n\n"
            "“She runs a risk,” Manners said.\n\n"
            "Springfield Board of Education President David Vito said the sites would open."
            "\n\nVito said he is “extremely disappointed” by it.")
    found = quotations(roles, body)
    assert [(q.speaker, q.role) for q in found] == [
        ("Jim Manners", "politicians"), ("David Vito", "officials")]


def test_another_person_with_the_same_surname_gives_no_role(roles):
    body = ("Border Patrol Agent Javier Vega was killed in 2018.\n\n"
            "“We need the wall,” said Marie Vega, who lost her son.")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role) == ("Marie Vega", "other")


def test_an_acronym_is_the_name_it_abbreviates(roles):
    body = ("The Independent Inquiry into Child Sexual Abuse (IICSA) said the assumptions were "
            "“flawed”.\n\nIICSA said the label was “subjective and variable”.")
    found = quotations(roles, body)
    assert [(q.speaker, q.role) for q in found] == [
        ("Independent Inquiry into Child Sexual Abuse", "officials")] * 2


# --- continuation, colon and quotes over paragraphs -------------------------------------


def test_a_quote_paragraph_continues_the_previous_speaker(roles):
    body = ("“This is the 18th report published by the inquiry,” Sarah Champion added.\n\n"
            "“This must be the moment that we see urgent action.”")
    found = quotations(roles, body)
    assert [(q.speaker, q.cue) for q in found] == [
        ("Sarah Champion", "added"), ("Sarah Champion", "continuation")]
    assert found[1].cue_start is None and found[1].paragraph == 2


def test_the_next_sentence_continues_in_the_same_paragraph(roles):
    body = '"We tried," Mr Smith said. "Nobody would listen to us."'
    found = quotations(roles, body)
    assert [(q.speaker, q.cue) for q in found] == [
        ("Mr Smith", "said"), ("Mr Smith", "continuation")]


def test_british_quotes_over_paragraphs(roles):
    body = ("Professor Alexis Jay said: “The exploitation of children is not rare.\n\n"
            "“It is a crime which involves many perpetrators.\n\n"
            "“We found extensive failures.”\n\nThe report was published on Tuesday.")
    found = quotations(roles, body)
    assert [(q.speaker, q.cue, q.paragraph) for q in found] == [
        ("Professor Alexis Jay", "said", 1), ("Professor Alexis Jay", "continuation", 2),
        ("Professor Alexis Jay", "continuation", 3)]
    assert text_of(body, found[0]) == "The exploitation of children is not rare."
    assert text_of(body, found[2]) == "We found extensive failures."


def test_a_colon_at_the_end_of_the_paragraph_before(roles):
    body = ("A spokeswoman confirmed the inquiry was ongoing. She said:\n\n"
            "“Analysis of all the referrals has so far identified more than 60 officers.”")
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.cue) == ("a spokeswoman", "said")
    assert body[quote.cue_start:quote.cue_end] == "said"
    assert quote.cue_start < body.index("\n\n")


def test_no_continuation_after_a_paragraph_of_narrative(roles):
    body = ("“We tried,” Mr Smith said.\n\nThe council met on Monday.\n\n"
            "“Nothing will change until the law does.”")
    found = quotations(roles, body)
    assert found[1].speaker == UNATTRIBUTED and found[1].kind == "direct"


# --- scare quotes, according to, unattributed -------------------------------------------


def test_scare_quotes(roles):
    body = "The so-called ‘grooming gangs’ were the subject of a “difficult” debate in Parliament."
    found = quotations(roles, body)
    assert [(q.kind, q.speaker, q.role, q.cue) for q in found] == [("scare", "", "", "")] * 2
    assert text_of(body, found[0]) == "grooming gangs"


def test_so_called_is_a_scare_quote_even_in_reported_speech(roles):
    body = "Mr Smith said the so-called “grooming gangs” had been ignored."
    assert only(quotations(roles, body)).kind == "scare"


def test_a_long_quotation_without_a_speech_act_is_unattributed(roles):
    body = "“Nobody in this town will ever forget what was done to these children.”"
    quote = only(quotations(roles, body))
    assert (quote.kind, quote.speaker, quote.cue, quote.cue_start) == (
        "direct", UNATTRIBUTED, "", None)


def test_according_to_a_claim_without_quotation_marks(roles):
    body = ("More than 1,400 children were exploited, according to the NSPCC. "
            "Others disagree.")
    claim = only(quotations(roles, body))
    assert (claim.kind, claim.speaker, claim.role, claim.cue) == (
        "according_to", "NSPCC", "advocates", "according to")
    assert text_of(body, claim) == (
        "More than 1,400 children were exploited, according to the NSPCC.")
    assert body[claim.cue_start:claim.cue_end] == "according to"


def test_according_to_a_quotation(roles):
    body = ("Exploitation is happening in a “number of towns”, according to the author of a "
            "damning report.")
    quote = only(quotations(roles, body))
    assert (quote.kind, quote.speaker, quote.cue) == (
        "direct", "the author of a damning report", "according to")


def test_according_to_plan_is_no_source(roles):
    assert quotations(roles, "Everything went according to plan.") == []


def test_court_phrasing(roles):
    body = "The jury was told the girls had been “passed around” by the gang."
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("the jury", "legal", "was told")
    body = "“He knew exactly what he was doing,” the prosecutor told the jury."
    quote = only(quotations(roles, body))
    assert (quote.speaker, quote.role, quote.cue) == ("the prosecutor", "legal", "told")


def test_headline_quotations_are_paragraph_zero(roles):
    found = quotations(roles, "The council met.", headline="Police chief says critics are "
                       "'jumping to conclusions'")
    quote = only(found)
    assert (quote.speaker, quote.role, quote.paragraph) == ("Police chief", "police", 0)


def test_nothing_to_find(roles):
    assert quotations(roles, "The council met on Monday. Nothing was agreed.") == []
    assert quotations(roles, "") == []


# --- the bundled corpus -----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(roles):
    corpus = load_corpus(DEFAULT_CORPUS)
    found = {}
    for article in corpus.articles:
        result = find_quotations(article, units=article_units(article), roles=roles)
        check_offsets(article, result)
        found[article.id] = (article, result)
    return found


def attribution(bundled, article_id: str, quoted: str) -> tuple[str, str, str]:
    article, result = bundled[article_id]
    text = article.analysed_text
    matches = [q for q in result if text[q.span.start:q.span.end].startswith(quoted)]
    assert matches, quoted
    return matches[0].speaker, matches[0].role, matches[0].cue


def test_bundled_corpus_attributions(bundled):
    bbc = "bbc-news-2014-rotherham-child-abuse"
    # "Professor Alexis Jay led the inquiry": she is its chair, officials, not an academic.
    assert attribution(bundled, bbc, "We cannot say") == ("Professor Alexis Jay", "officials",
                                                         "told")
    assert attribution(bundled, bbc, "systematic failure") == ("NSPCC", "advocates", "said")
    assert attribution(bundled, bbc, "hugely effective") == ("Nicola Blackwood", "politicians",
                                                            "said")
    assert attribution(bundled, bbc, "easy meat") == ("Jack Straw", "politicians", "suggested")
    assert attribution(bundled, bbc, "Whereas before") == ("Lisa Harker", "advocates",
                                                          "continuation")
    breitbart = "breitbart-2015-rotherham-sex-scandal"
    assert attribution(bundled, breitbart, "Further assessments")[2] == "continuation"
    assert attribution(bundled, breitbart, "utterly appalling")[0] == "Professor Alexis Jay"
    police = "independent-2014-top-police-officer"
    assert attribution(bundled, police, "There has been an unhealthy") == (
        "Simon Bailey", "police", "said")
    iicsa = "independent-2022-grooming-gangs-still"
    assert attribution(bundled, iicsa, "This is the 18th") == ("Sarah Champion", "politicians",
                                                               "added")
    assert attribution(bundled, iicsa, "flawed")[0] == "Independent Inquiry into Child Sexual Abuse"
    assert attribution(bundled, iicsa, "Allowing this debate") == ("the report", "officials",
                                                                   "continuation")
    yorkshire = "yorkshire-post-2021-police-chief-says"
    # The lede describes him ("South Yorkshire's Police and Crime Commissioner says"), the
    # next paragraph names him: both are Dr Alan Billings, and police.
    assert attribution(bundled, yorkshire, "not jump to conclusions")[:2] == (
        "Dr Alan Billings", "police")
    assert attribution(bundled, yorkshire, "Sometimes there is")[:2] == ("Dr Alan Billings",
                                                                         "police")
    assert attribution(bundled, yorkshire, "We remain clear") == ("James Cartlidge",
                                                                  "politicians", "said")


def test_bundled_corpus_kinds(bundled):
    kinds = [q.kind for _, result in bundled.values() for q in result]
    assert kinds.count("direct") > 60 and kinds.count("scare") >= 2
    assert kinds.count("according_to") >= 2
    attributed = [q for _, result in bundled.values() for q in result
                  if q.kind == "direct" and q.speaker != UNATTRIBUTED]
    direct = [q for _, result in bundled.values() for q in result if q.kind == "direct"]
    assert len(attributed) / len(direct) > 0.9


def test_a_blank_description_gives_no_role_and_no_error():
    # An apposition can come out as a lone space (seen in one AllSides article of 37,554).
    from framing.features.quotes import _describing

    assert _describing(" ").strip() == ""
    assert _describing("") == ""


# --- roles from what the article says of a speaker elsewhere -----------------------------


def roles_of(roles, body: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.role) for q in quotations(roles, body) if q.kind == "direct"]


def test_an_apposition_that_ends_the_sentence_describes_the_person(roles):
    body = ("“It will be hard,” said Jim Hodges, South Carolina’s last Democratic governor.\n\n"
            "NPR reached out to Kathleen Hall Jamieson, Director of the Annenberg Public "
            "Policy Center at the University of Pennsylvania.\n\n"
            "“The media is not one thing,” Jamieson says.")
    assert roles_of(roles, body) == [("Jim Hodges", "politicians"),
                                     ("Kathleen Hall Jamieson", "experts")]


def test_where_a_person_works_and_their_job_word_elsewhere_in_the_article(roles):
    body = ("Victor Smetacek at the Alfred Wegener Institute in Bremerhaven has studied "
            "algae for decades.\n\n“Iron is the key,” Smetacek says.\n\n"
            "Pediatric endocrinologist Robert Lustig is one of them.\n\n"
            "“Sugar is a toxin,” Lustig says.")
    assert roles_of(roles, body) == [("Victor Smetacek", "experts"),
                                     ("Robert Lustig", "experts")]


def test_a_description_set_off_before_a_name(roles):
    body = ("Both the White House spokeswoman, Sarah Sanders, and the president spoke.\n\n"
            "“All options are on the table,” Sanders said.\n\n"
            "At the White House, Karen Mills spoke to reporters.\n\n"
            "“It was fine,” Mills said.")
    assert roles_of(roles, body) == [("Sarah Sanders", "politicians"), ("Karen Mills", "other")]


def test_whose_description_it_is_and_relations_to_someone_else(roles):
    # The nominee's words before the owner's; an ally or a supporter is not the one they
    # support; a clause that reports speech describes nobody.
    body = ("Neil Gorsuch, President Donald Trump's first nominee to the court, spoke.\n\n"
            "“I am grateful,” Gorsuch said.\n\n"
            "Drew Hammill, Pelosi’s spokesman, answered.\n\n"
            "“No comment,” Hammill said.\n\n"
            "Newt Gingrich, a longtime ally of President Trump, disagreed.\n\n"
            "“That is wrong,” Gingrich said.\n\n"
            "Sam Nunberg, a former Trump campaign adviser and Bannon friend, called.\n\n"
            "“Nobody knows,” Nunberg said.\n\n"
            "Trump met Ann Walsh, officials said, on Friday.\n\n"
            "“It went well,” Walsh said.")
    assert roles_of(roles, body) == [
        ("Neil Gorsuch", "legal"), ("Drew Hammill", "politicians"), ("Newt Gingrich", "other"),
        ("Sam Nunberg", "politicians"), ("Ann Walsh", "other")]
