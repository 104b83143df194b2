"""A small hand-built Features fixture: 4 outlets, 5 articles, passages from the seed articles.

Sentences, mentions and frame rates are worked out here by simple rules (sentences end at
. ! ? before a capital or an opening quote; a mention is quoted when it sits inside “…” or
"…"), so the numbers are realistic and the offsets exact. Terms and sentiment are set by hand.
"""

from __future__ import annotations

import datetime as dt
import re

from framing.types import (
    Article,
    ArticleFeatures,
    Corpus,
    Features,
    Lexicon,
    LexiconCategory,
    LexiconTerm,
    Mention,
    OutletFrame,
    OutletSentiment,
    PublishedDate,
    SentenceScore,
    Span,
    TermScore,
)

ARTICLES = (
    Article(
        id="ind-2014", outlet="The Independent",
        published=PublishedDate(dt.date(2014, 10, 16)),
        headline="Top police officer warns of 'many more' child sex scandals – like Rotherham",
        standfirst="Norfolk chief constable says the idea of paedophile gangs was 'overshadowing "
        "a far, far, bigger picture - abuse in the home'",
        text=(
            "Tens of thousands of children are the victims of sex crimes every year, according "
            "to a leading police officer who warned there might be “many more Rotherhams to "
            "come”.\n\n"
            "He said that some of the media’s concentration on the ethnicity of the mainly Asian "
            "gangs behind the sexual exploitation of 1,400 girls in Rotherham was a mistake.\n\n"
            "Mr Bailey said that the idea of paedophile gangs was “overshadowing a far, far, "
            "bigger picture, and that bigger picture is that 90 per cent of child sexual abuse "
            "takes place in the home where crimes are being perpetuated upon victims by people "
            "the children know”."
        ),
        author="Ian Johnston", url="https://www.independent.co.uk/news/uk/crime/9797294.html",
    ),
    Article(
        id="ind-2022", outlet="The Independent",
        published=PublishedDate(dt.date(2022, 2, 1)),
        headline="Grooming gangs still sexually abusing children across country in ‘most "
        "degrading and destructive ways’",
        standfirst="",
        text=(
            "Children are still being sexually exploited by grooming gangs in all parts of "
            "England and Wales in the “most degrading and destructive ways”, a report has "
            "found.\n\n"
            "“Many of the high-profile child sexual exploitation prosecutions have involved "
            "groups of men from minority ethnic communities,” the report added.\n\n"
            "The report found that many exploited children are often in care or vulnerable, "
            "with childhoods characterised by neglect, substance abuse and domestic violence."
        ),
        author="Lizzie Dearden", url="https://www.independent.co.uk/b2004963.html",
    ),
    Article(
        id="bbc-2014", outlet="BBC News",
        published=PublishedDate(dt.date(2014, 8, 1), precision="month", approximate=True),
        headline="Rotherham child abuse: Cases in other towns",
        standfirst="",
        text=(
            "Child sexual exploitation is happening in a \"number of towns\" in different parts "
            "of the country, according to the author of a damning report into abuse in "
            "Rotherham.\n\n"
            "Professor Alexis Jay led the inquiry that found at least 1,400 children in the "
            "South Yorkshire town were sexually exploited by criminal gangs of men who were "
            "predominantly of Pakistani origin between 1997 and 2013.\n\n"
            "Speaking in 2011 after the jailing of two of the men, former Home Secretary Jack "
            "Straw suggested some men of Pakistani origin saw white girls as \"easy meat\". The "
            "judge in the case said the race of the victims and their abusers was "
            "\"coincidental\"."
        ),
        url="https://www.bbc.com/news/uk-28953549",
    ),
    Article(
        id="yp-2021", outlet="The Yorkshire Post",
        published=PublishedDate(dt.date(2021, 11, 1), precision="month", approximate=True),
        headline="Police chief says people concerned about Rotherham child abuse are 'jumping "
        "to conclusions'",
        standfirst="South Yorkshire’s Police and Crime Commissioner says people concerned about "
        "child sexual exploitation in Rotherham should continue to report suspicious activity "
        "but “not jump to conclusions”.",
        text=(
            "According to their report, people have witnessed suspicious behaviour, such as "
            "girls being given mobile phones by older Asian men and picked up in cars late at "
            "night from quiet locations.\n\n"
            "“But we also need to understand how easy it can be to misperceive what is "
            "happening and how, therefore, we must report to the police or social services and "
            "not jump to conclusions.”"
        ),
        url="https://www.yorkshirepost.co.uk/news/crime/3451767",
    ),
    Article(
        id="bb-2015", outlet="Breitbart",
        published=PublishedDate(dt.date(2015, 8, 27)),
        headline="Rotherham Sex Scandal: More Than 160 Police Officers Under Investigation For "
        "Ignoring Victims",
        standfirst="",
        text=(
            "More than 160 police officers are under investigation in the Rotherham abuse "
            "scandal over allegations they systematically ignored complaints of widespread "
            "child sexual exploitation.\n\n"
            "Professor Alexis Jay’s report described how more than 1,400 children were sexually "
            "exploited by gangs of mainly Asian males in Rotherham between 1997 and 2013.\n\n"
            "Investigators have now served misconduct notices on 27 officers to advise their "
            "specific actions are under investigation."
        ),
        author="Simon Kent", url="http://www.breitbart.com/london/2015/08/27/rotherham/",
    ),
)

LEXICONS = (
    Lexicon(
        name="ethnicity", description="References to the ethnicity or origin of perpetrators.",
        version="1.0", sources=("Muslim Council of Britain media guide",),
        categories=(LexiconCategory("origin"),),
        terms=(LexiconTerm("Asian", "origin", r"\bAsian\b"),
               LexiconTerm("Pakistani", "origin", r"\bPakistani\b"),
               LexiconTerm("ethnic", "origin", r"\bethnic(?:ity)?\b")),
        fingerprint="a1b2c3d4e5f6",
    ),
    Lexicon(
        name="domestic", description="Abuse within the home and family.",
        version="1.0", sources=("NSPCC",),
        categories=(LexiconCategory("home"),),
        terms=(LexiconTerm("in the home", "home", r"\bin the home\b"),
               LexiconTerm("domestic violence", "home", r"\bdomestic violence\b")),
        exclusions=("Home Office", "Home Secretary"),
        fingerprint="0f9e8d7c6b5a",
    ),
    Lexicon(
        name="perpetrator_labels", description="Labels for those who abused children.",
        version="2.1", sources=("IPSO guidance",),
        categories=(LexiconCategory("gang"),),
        terms=(LexiconTerm("grooming gangs", "gang", r"\bgrooming gangs?\b"),
               LexiconTerm("paedophile gangs", "gang", r"\bpaedophile gangs?\b"),
               LexiconTerm("gangs", "gang", r"\bgangs\b")),
        fingerprint="123456abcdef",
    ),
)

TERMS = {
    "The Independent": [("home", 2.31, 1.62, 3, 0, 1), ("bigger picture", 2.05, 1.41, 2, 0, 1),
                        ("report", 1.12, 0.44, 4, 3, 2), ("exploited children", 0.9, 0.7, 1, 0, 1)],
    "BBC News": [("pakistani origin", 2.44, 1.55, 2, 0, 1), ("towns", 1.83, 1.2, 1, 0, 1),
                 ("easy meat", 1.5, 1.0, 1, 0, 1)],
    "The Yorkshire Post": [("conclusions", 2.61, 1.77, 2, 0, 1), ("suspicious", 1.95, 1.3, 2, 0, 1),
                           ("people", 1.2, 0.8, 3, 1, 1)],
    "Breitbart": [("officers", 3.02, 2.04, 3, 1, 1), ("investigation", 2.4, 1.6, 2, 0, 1),
                  ("misconduct notices", 1.7, 1.1, 1, 0, 1)],
}

SENTIMENT = {
    "The Independent": (-0.312, -0.421, -0.203, 2, 8, 0.75),
    "BBC News": (-0.254, -0.254, -0.254, 1, 5, 0.6),
    "The Yorkshire Post": (-0.118, -0.118, -0.118, 1, 4, 0.5),
    "Breitbart": (-0.402, -0.402, -0.402, 1, 5, 0.8),
}

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'])")
_NEGATIVE = re.compile(r"abus|exploit|scandal|ignor|crime|mistake|violence|rape|neglect", re.I)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs split at blank lines, then at sentence ends."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        cursor = paragraph.start()
        for boundary in _SENTENCE_END.finditer(text, paragraph.start(), paragraph.end()):
            spans.append((cursor, boundary.start()))
            cursor = boundary.end()
        spans.append((cursor, paragraph.end()))
    return spans


def _compound(sentence: str) -> float:
    hits = len(_NEGATIVE.findall(sentence))
    return round(max(-0.95, 0.3 - 0.35 * hits - 0.01 * (len(sentence) % 7)), 4)


def _voice(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    opened = before.count("“") - before.count("”") + before.count('"') % 2
    return "quoted" if opened > 0 else "own"


def _paragraph_and_position(article: Article, start: int) -> tuple[int, str]:
    section = article.section_of(start)
    if section != "body":
        return 0, section
    body_start = next(s.start for s in article.sections if s.name == "body")
    paragraph = article.analysed_text.count("\n\n", body_start, start) + 1
    return paragraph, "first paragraph" if paragraph == 1 else "later"


def make_features(articles: tuple[Article, ...] = ARTICLES) -> Features:
    corpus = Corpus(articles=articles, name="Rotherham sample", description="Five articles.")
    sentences, mentions, article_features = [], [], []
    for article in articles:
        text = article.analysed_text
        spans = sentence_spans(text)
        scores = [SentenceScore(article.id, i, s, e, _compound(text[s:e]))
                  for i, (s, e) in enumerate(spans)]
        sentences.extend(scores)
        counts = {}
        for lexicon in LEXICONS:
            found = []
            for term in lexicon.terms:
                for match in re.finditer(term.pattern, text, re.IGNORECASE):
                    if any(match.start() < m.span.end and m.span.start < match.end()
                           for m in found):
                        continue
                    paragraph, position = _paragraph_and_position(article, match.start())
                    index = next(i for i, (s, e) in enumerate(spans) if s <= match.start() < e)
                    found.append(Mention(
                        lexicon.name, term.category, term.text,
                        Span(article.id, match.start(), match.end()), match.group(),
                        _voice(text, match.start()), paragraph, index, position))
            mentions.extend(found)
            counts[lexicon.name] = len(found)
        article_features.append(ArticleFeatures(
            article.id, article.outlet, len(text.split()),
            round(sum(s.compound for s in scores) / len(scores), 4), len(scores), counts))

    outlets = corpus.by_outlet()
    words = {o: sum(f.words for f in article_features if f.outlet == o) for o in outlets}
    frames = []
    for lexicon in LEXICONS:
        for outlet, members in outlets.items():
            ids = {a.id for a in members}
            own = [m for m in mentions if m.lexicon == lexicon.name and m.span.article_id in ids]
            with_ = {m.span.article_id for m in own}
            ranks = ["headline", "standfirst", "first paragraph", "later"]
            frames.append(OutletFrame(
                outlet, lexicon.name, len(own), 1000 * len(own) / words[outlet],
                len(with_) / len(members), len(with_),
                (sum(m.voice == "own" for m in own) / len(own)) if own else None,
                min((m.position for m in own), key=ranks.index) if own else None))
    terms = []
    for outlet, rows in TERMS.items():
        if outlet not in outlets:
            continue
        for i, (term, z, ratio, count, rest, docs) in enumerate(rows):
            terms.append(TermScore(outlet, term, round(0.41 - 0.07 * i, 3), z, ratio, count,
                                   rest, docs, len(outlets[outlet])))
    sentiment = tuple(OutletSentiment(o, *SENTIMENT[o]) for o in outlets if o in SENTIMENT)
    return Features(corpus, LEXICONS, tuple(article_features), tuple(sentences),
                    tuple(mentions), tuple(terms), sentiment, tuple(frames), words)
