"""No key finding, discussion question or chart caption claims a difference between outlets
(or a change) whose 95% interval includes no difference: on the bundled corpus, on a sample
of AllSides and on an AllSides periodic report."""

from __future__ import annotations

import math
import os
import random
import re
from pathlib import Path

import pytest

import framing
from framing.reporting.structure import BulletList, Chart, Paragraph, QuoteGroup, Section
from framing.selection import select_articles
from framing.types import Article, Corpus
from tests.conftest import PROJECT

# Words that state that one outlet (or period) differs from another.
CLAIMS = ("more often than", "more negative than", "in its own voice more often",
          "times as often", "a clear difference", "rose from", "fell from")
# Words that say the opposite: no difference is claimed in the sentence.
DENIALS = ("no outlet clearly", "no outlet’s articles read clearly", "no clear difference",
           "is no clear", "no two outlets differ clearly", "no outlet reads clearly",
           "not clear")
_INTERVAL = re.compile(r"95% CI ([−+-]?[\d,.]+|∞) to ((?:more than )?[−+-]?[\d,.]+|∞)")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z“])")


def number(text: str) -> float:
    text = text.removeprefix("more than ")
    return math.inf if text == "∞" else float(text.replace(",", "").replace("−", "-"))


def texts(sections: tuple[Section, ...]):
    """Every sentence-bearing text of the report's sections: paragraphs, list items (key
    findings, questions), chart captions, quote group titles (flagged changes)."""
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            elif isinstance(block, BulletList):
                yield from block.items
            elif isinstance(block, Chart):
                yield block.caption
            elif isinstance(block, QuoteGroup):
                yield block.title
        yield from texts(section.subsections)


def unsupported_claims(text: str) -> list[str]:
    """The sentences of `text` that claim a difference without an interval that excludes
    no difference (1 for ratios, 0 for differences)."""
    bad = []
    for sentence in _SENTENCE.split(text):
        lowered = sentence.casefold()
        if not any(word in lowered for word in CLAIMS):
            continue
        if any(word in lowered for word in DENIALS):
            continue
        intervals = list(_INTERVAL.finditer(sentence))
        if not intervals:
            bad.append(sentence)
            continue
        for match in intervals:
            before = sentence[max(0, match.start() - 90):match.start()].casefold()
            null = 1.0 if ("times" in before or "ratio" in before) else 0.0
            low, high = number(match[1]), number(match[2])
            if not (low > null or high < null):
                bad.append(sentence)
    return bad


def claims_of(report) -> list[str]:
    found = []
    for text in texts(report.sections):
        found.extend(unsupported_claims(text))
    return found


def test_the_checker_catches_a_claim_without_support():
    assert unsupported_claims("A used them more often than B: 2.1 times as often (95% CI "
                              "0.8 to 4.0).")
    assert unsupported_claims("A used them more often than B.")
    assert not unsupported_claims("A used them more often than B: 2.1 times as often (95% CI "
                                  "1.2 to 4.0).")
    assert not unsupported_claims("A read more negative than B by 0.12 (95% CI 0.03 to 0.2).")
    assert unsupported_claims("A read more negative than B by 0.12 (95% CI -0.03 to 0.2).")
    assert not unsupported_claims("No outlet clearly used them more often than another: "
                                  "rates ran from 0.1 (A, 95% CI 0.0 to 0.4) to 0.3.")


def reports(analysis):
    return [framing.report(analysis, profile=profile).report
            for profile in ("analyst", "handout")]


def test_bundled_corpus_claims_only_clear_differences():
    analysis = framing.analyse(framing.load(), cache=False)
    for report in reports(analysis):
        assert claims_of(report) == []


def article(id: str, outlet: str, text: str) -> Article:
    return Article(id=id, outlet=outlet, published=None, headline=f"Report {id}",
                   standfirst="", text=text)


def test_a_clear_difference_is_claimed_with_its_interval():
    items = [article(f"a{i}", "Alpha", "Asian men were jailed. The Asian gang was known. "
                     "The court heard the case over many weeks of evidence.")
             for i in range(20)]
    items += [article(f"b{i}", "Beta", ("The Asian men" if i % 4 == 0 else "The men")
                      + " were jailed. The gang was known. The court heard the case over "
                      "many weeks of evidence and more.") for i in range(20)]
    analysis = framing.analyse(Corpus(tuple(items)), cache=False)
    findings = [text for report in reports(analysis) for text in texts(report.sections)
                if "Alpha used ethnicity terms more often than Beta" in text]
    assert findings and all("times as often (95% CI" in f for f in findings)
    assert claims_of(reports(analysis)[0]) == []


@pytest.fixture(scope="module")
def allsides(tmp_path_factory):
    path = (Path(os.environ.get("FRAMING_SHARED_DATA") or PROJECT / ".." / "shared" / "data")
            / "allsides" / "articles.jsonl.gz")
    if not path.exists():
        pytest.skip(f"no AllSides corpus at {path}")
    return framing.load(path), tmp_path_factory.mktemp("cache")


def test_allsides_sample_claims_only_clear_differences(allsides):
    corpus, cache = allsides
    sample = random.Random(28).sample(corpus.articles, 1500)
    analysis = framing.analyse(Corpus(tuple(sample)), cache=cache)
    checked = 0
    for report in reports(analysis):
        assert claims_of(report) == []
        checked += sum(1 for text in texts(report.sections)
                       if "(95% CI" in text and "times as often" in text)
    assert checked  # some differences are clear, and were checked


def test_allsides_periodic_report_claims_only_clear_changes(allsides):
    corpus, cache = allsides
    immigration = select_articles(corpus, where=("topic=immigration",))
    analysis = framing.analyse(immigration, period="2016", compare="2015", trend="year",
                               cache=cache)
    flagged = analysis.changes[analysis.changes.flagged]
    assert len(flagged)
    for row in flagged.itertuples():
        null = 1.0 if row.measure.endswith("_per_1k") or row.measure == "articles" else 0.0
        assert row.ci_low > null or row.ci_high < null
        assert row.q <= 0.05
    for report in reports(analysis):
        assert claims_of(report) == []
        assert any(section.id == "changes" for section in report.sections)


def test_a_huge_upper_bound_of_a_ratio_is_shown_as_more_than_ten_thousand():
    """One outlet's few mentions against another's one give bounds in the quintillions
    (seen on AllSides: "95% CI 2.94 to 45,666,243,392,918,208,512")."""
    from framing.features.comparisons import Difference
    from framing.reporting.claims import interval, ratio_text

    def ratio(estimate, low, high):
        return Difference(measure="x_per_1k", lexicon="x", kind="ratio", higher="A",
                          lower="B", higher_value=10.68, lower_value=0.07, estimate=estimate,
                          low=low, high=high, p=0.001, q=0.01, clear=True)

    assert interval(ratio(161.0, 2.94, 4.5e19)) == "95% CI 2.94 to more than 10,000"
    assert interval(ratio(161.0, 2.94, 9_999.0)) == "95% CI 2.94 to 9,999"
    assert ratio_text(ratio(math.inf, 4.59, math.inf)).startswith(
        "with no upper bound to the ratio (95% CI 4.59 to ∞)")
    assert not unsupported_claims("A used x terms more often than B: 161 times as often "
                                  "(95% CI 2.94 to more than 10,000).")
