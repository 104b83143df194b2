"""The roles lexicon: where it lives, its format, how a description gets its role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.features.quotes import find_quotations
from framing.features.roles import DEFAULT_ROLES, OTHER, compile_roles, load_roles
from framing.lexicons import load_lexicon, load_lexicons
from framing.paths import DEFAULT_LEXICONS
from framing.text import article_units
from framing.types import Article


@pytest.fixture(scope="module")
def roles():
    return load_roles()


def test_the_bundled_roles(roles):
    assert DEFAULT_ROLES == DEFAULT_LEXICONS / "roles" / "roles.yaml"
    assert roles.names == ("police", "officials", "politicians", "victims", "advocates",
                           "experts", "legal", OTHER)


def test_the_roles_file_is_not_a_frame_lexicon():
    assert "roles" not in {lexicon.name for lexicon in load_lexicons(DEFAULT_LEXICONS)}


@pytest.mark.parametrize(("text", "role"), [
    ("a police spokesman", "police"),
    ("South Yorkshire Police", "police"),
    ("South Yorkshire's Police and Crime Commissioner", "police"),
    ("chief constable of Norfolk Constabulary", "police"),
    ("the Independent Police Complaints Commission", "police"),
    ("FBI Director", "police"),
    ("a spokesman for the Home Office", "officials"),
    ("Rotherham Council", "officials"),
    ("the report", "officials"),
    ("chair of the inquiry", "officials"),
    ("the Conservative MP for Oxford West and Abingdon", "politicians"),
    ("Justice minister", "politicians"),
    ("Sen.", "politicians"),
    ("R-Texas", "politicians"),
    ("White House press secretary", "politicians"),
    ("a survivor", "victims"),
    ("the girl's mother", "victims"),
    ("the NSPCC", "advocates"),
    ("The charity's strategy director", "advocates"),
    ("the ACLU", "advocates"),
    ("Professor", "experts"),
    ("a professor of economics at Harvard", "experts"),
    ("The judge in the case", "legal"),
    ("the Crown Prosecution Service", "legal"),
    ("a lawyer for the family", "legal"),
    ("a report by the NSPCC", "advocates"),
    ("president of the charity", "advocates"),
    ("Justice Kavanaugh", "legal"),
    ("a neighbour", None),
    ("", None),
    # school systems and districts are officials; a district court or attorney is not
    ("the district", "officials"),
    ("the school system", "officials"),
    ("Springfield Public Schools spokeswoman", "officials"),
    ("Springfield Board of Education President", "officials"),
    ("a district court judge", "legal"),
    ("the district attorney", "legal"),
    ("the Office of Special Counsel", "officials"),
    ("Det. Jane", "police"),
    # ministers and cabinet secretaries of defence and the Treasury are politicians
    ("former defence minister", "politicians"),
    ("Treasury Secretary", "politicians"),
    ("a nonpartisan watchdog group", "advocates"),
    # the family of a victim, not any parent
    ("the mother of one of the girls", "victims"),
    ("a mother of three", None),
    ("the father of another student", None),
    # a name's supporters, a news bureau, a company's vice president, a student: no role
    ("Obama supporter", None),
    ("former Rome bureau chief for a weekly magazine", None),
    ("Acme Executive Vice President", None),
    ("vice president of marketing", None),
    ("Vice President", "politicians"),
    ("a painter and art college graduate", None),
    # lexicon 1.2: groups, congressional committees, parties capitalised, the defence in court
    ("the anti-abortion group", "advocates"),
    ("the National Alliance on Mental Illness", "advocates"),
    ("director of the Mercator Group", None),
    ("a militant group", None),
    ("a group of senators", "politicians"),
    ("House Agriculture Committee Chairman", "politicians"),
    ("conservative pundit", None),
    ("the Conservative MP", "politicians"),
    ("Facebook's vice president for integrity", None),
    ("the defense team", "legal"),
    ("a former defense aide", None),
    ("chief information technology officer at Acme", None),
    ("a White House reporter", None),
])
def test_role_of(roles, text, role):
    assert roles.role_of(text) == role


def test_leftmost_then_longest_then_earlier(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text("""name: roles
categories:
  - name: police
  - name: politicians
  - name: officials
terms:
  police: [police, "police and crime commissioner"]
  politicians: [commissioner, "crime"]
  officials: ["police and crime"]
exclusions: ["police officers said to be"]
""", encoding="utf-8")
    roles = load_roles(path)
    assert roles.role_of("the police and crime commissioner") == "police"  # longest
    assert roles.role_of("the commissioner for police") == "politicians"  # leftmost
    assert roles.role_of("police officers said to be") is None  # excluded
    assert roles.names == ("police", "politicians", "officials", OTHER)


def test_the_prefix_index_matches_every_term_where_a_scan_would(roles):
    """Each term is found at each word where the plain alternation of all terms finds it."""
    scan = re.compile("|".join(f"(?:{term.pattern})" for term in roles.lexicon.terms))
    samples = ["the Police and Crime Commissioner", "a Labour councillor", "D-N.Y.", "DOJ",
               "a spokeswoman for the ACLU", "the victims' families", "HMICFRS", "Sens.",
               "the U.S. attorney", "the district attorney", "a think-tank", "Brookings"]
    for text in samples:
        assert (roles.role_of(text) is None) == (scan.search(text) is None), text


def test_a_replacement_roles_file(tmp_path):
    path = tmp_path / "my_roles.yaml"
    path.write_text("""name: my_roles
description: Sources in business news.
categories:
  - name: business
    description: Companies and their executives.
terms:
  business: ["{chief executive|CEO|company}"]
""", encoding="utf-8")
    roles = load_roles(path)
    assert roles.names == ("business", OTHER)
    article = Article("b1", "Outlet", None, "", "",
                      '"Sales fell," said Jane Doe, the chief executive. '
                      '"We are sorry," said John Roe, a neighbour.')
    found = find_quotations(article, units=article_units(article), roles=roles)
    assert [(q.speaker, q.role) for q in found] == [("Jane Doe", "business"),
                                                    ("John Roe", OTHER)]


def test_mistakes_in_a_roles_file_name_the_file_and_line(tmp_path):
    path = tmp_path / "roles.yaml"
    path.write_text("name: roles\ncategories:\n  - name: police\nterms:\n  polise: [police]\n",
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=r"roles\.yaml:\d+"):
        load_roles(path)
    with pytest.raises(LexiconError, match="no_such.yaml"):
        load_roles(Path(tmp_path / "no_such.yaml"))


def test_compile_roles_takes_a_loaded_lexicon():
    assert compile_roles(load_lexicon(DEFAULT_ROLES)).role_of("the NSPCC") == "advocates"
