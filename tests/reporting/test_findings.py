"""Key findings: extremes among outlets with enough articles, self-references, boilerplate."""

from __future__ import annotations

from framing.features.compute import compute
from framing.lexicons import load_lexicons
from framing.reporting.findings import SMALL_SAMPLE, key_findings
from framing.types import Article, Corpus

LEXICONS = load_lexicons()


def article(id: str, outlet: str, text: str) -> Article:
    return Article(id=id, outlet=outlet, published=None, headline=f"Report {id}",
                   standfirst="", text=text)


def corpus() -> Corpus:
    items = []
    for i in range(SMALL_SAMPLE + 1):
        items.append(article(f"a{i}", "Alpha Times", f"The council ignored warnings {i}. "
                             "Asian men were jailed. Daily Alpha Times sign-off."))
        items.append(article(f"b{i}", "Beta News", f"The inquiry opened {i}. Police said the "
                             "girls were failed. Beta News reporting."))
    items.append(article("c0", "Gamma Blog", "Asian men, Pakistani men, Asian gangs, "
                         "Asian men again."))
    return Corpus(tuple(items))


def test_differences_are_claimed_among_outlets_with_enough_articles():
    findings = key_findings(compute(corpus(), lexicons=LEXICONS, workers=1))
    ethnicity = next(f for f in findings if "used ethnicity terms more often" in f)
    assert ethnicity.startswith(f"Among the 2 outlets with {SMALL_SAMPLE} articles or more, "
                                "Alpha Times used ethnicity terms more often than Beta News: "
                                "66.67 against 0.00 per 1,000 words")
    assert "(95% CI 1.18 to ∞), as Beta News made no mention" in ethnicity
    assert "Gamma Blog" not in ethnicity  # one article: the highest rate, by chance
    sentiment = next(f for f in findings if "read more negative" in f)
    assert sentiment.startswith("Among the 2 outlets") and "Gamma Blog" not in sentiment


def test_an_outlets_own_name_is_not_its_distinctive_term():
    findings = " ".join(key_findings(compute(corpus(), lexicons=LEXICONS, workers=1)))
    assert "apart was “beta”" not in findings and "apart was “beta news”" not in findings
    assert "apart was “alpha times”" not in findings


def test_few_outlets_all_small_are_compared_as_they_are():
    small = Corpus(tuple(a for a in corpus().articles if a.id in {"a0", "b0", "c0"}))
    findings = key_findings(compute(small, lexicons=LEXICONS, workers=1))
    ethnicity = next(f for f in findings if "ethnicity terms" in f)
    # With one article each there is no interval: no outlet is said to use them more.
    assert ethnicity == (
        "No outlet clearly used ethnicity terms more often than another: rates ran from 0.00 "
        "(Beta News, 1 article, no interval) to 363.64 (Gamma Blog, 1 article, no interval) "
        "per 1,000 words, and no two outlets have two articles or more each, so none can be "
        "compared.")


def test_a_term_in_nearly_every_article_is_flagged_as_possible_boilerplate():
    common = " ".join(["The inquiry heard from survivors and the police."] * 20)
    items = [article(f"a{i}", "Alpha Times", f"{common} Copyright Syndicate Wire. " * 3)
             for i in range(12)]
    items += [article(f"b{i}", "Beta News", common) for i in range(12)]
    findings = key_findings(compute(Corpus(tuple(items)), lexicons=LEXICONS, workers=1))
    # "copyright", "syndicate", "wire" and their bigrams tie: named as tied, not ranked
    alpha = next(f for f in findings
                 if f.startswith("The terms that most set Alpha Times apart, tied, were"))
    assert "in 12 of 12 articles" in alpha
    assert "often its boilerplate" in alpha


def test_no_clear_term_is_explained_by_the_sample():
    items = [article(f"{o}{i}", name, f"Story {i} on the {word}.") for o, name, word in
             (("a", "Alpha Times", "inquiry"), ("b", "Beta News", "hearing")) for i in range(12)]
    findings = key_findings(compute(Corpus(tuple(items)), lexicons=LEXICONS, workers=1))
    assert any(f.startswith("No term clearly set any outlet apart") and "vocabularies are alike"
               in f for f in findings)
