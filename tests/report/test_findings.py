"""Key findings: extremes among outlets with enough articles, self-references, boilerplate."""

from __future__ import annotations

from framing.features.compute import compute
from framing.lexicons import load_lexicons
from framing.report.findings import SMALL_SAMPLE, key_findings
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


def test_extremes_are_named_among_outlets_with_enough_articles():
    findings = key_findings(compute(corpus(), lexicons=LEXICONS, workers=1))
    ethnicity = next(f for f in findings if "ethnicity terms most often" in f)
    assert ethnicity.startswith(f"Among the 2 outlets with {SMALL_SAMPLE} articles or more, "
                                "Alpha Times used ethnicity terms most often")
    assert "Gamma Blog" not in ethnicity  # one article: the highest rate, by chance
    sentiment = next(f for f in findings if "read most negative" in f)
    assert sentiment.startswith("Among the 2 outlets") and "Gamma Blog" not in sentiment


def test_an_outlets_own_name_is_not_its_distinctive_term():
    findings = " ".join(key_findings(compute(corpus(), lexicons=LEXICONS, workers=1)))
    assert "apart was “beta”" not in findings and "apart was “beta news”" not in findings
    assert "apart was “alpha times”" not in findings


def test_few_outlets_all_small_are_compared_as_they_are():
    small = Corpus(tuple(a for a in corpus().articles if a.id in {"a0", "b0", "c0"}))
    findings = key_findings(compute(small, lexicons=LEXICONS, workers=1))
    ethnicity = next(f for f in findings if "ethnicity terms most often" in f)
    assert ethnicity.startswith("Gamma Blog used ethnicity terms most often")


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
