"""A hand-built Report for the renderer tests: every block type, 25 outlets with long names,
a 300-row audit table, and hostile strings in quotes, headlines and outlet names.

Quote texts are slices of the article texts below, so offsets are exact.
"""

from __future__ import annotations

from framing.reporting.structure import (
    BulletList,
    Callout,
    Chart,
    Cover,
    Paragraph,
    Quote,
    QuoteGroup,
    Report,
    Section,
    Series,
    SideBySide,
    Table,
)

HOSTILE_OUTLET = "<script>alert('outlet')</script> Evening Gazette"
HOSTILE_HEADLINE = 'Council failed girls <img src=x onerror="alert(1)"> </style> url(javascript:x)'

ARTICLE_TEXTS = {
    "ind-2014": (
        "Top police officer warns of 'many more' child sex scandals – like Rotherham\n\n"
        "Mr Bailey said that the idea of paedophile gangs was “overshadowing a far, far, "
        "bigger picture, and that bigger picture is that 90 per cent of child sexual abuse "
        "takes place in the home”."
    ),
    "bbc-2014": (
        "Rotherham child abuse: Cases in other towns\n\n"
        "Professor Alexis Jay led the inquiry that found at least 1,400 children in the South "
        "Yorkshire town were sexually exploited by criminal gangs of men who were predominantly "
        "of Pakistani origin between 1997 and 2013."
    ),
    "yp-2021": (
        "Police chief says people concerned about Rotherham child abuse are 'jumping to "
        "conclusions'\n\n"
        "People have witnessed suspicious behaviour, such as girls being given mobile phones "
        "by older Asian men and picked up in cars late at night from quiet locations."
    ),
    "hostile-1": (
        HOSTILE_HEADLINE + "\n\n"
        "The report said <script>alert(1)</script> was found in a council database, and "
        "</blockquote><b>bold</b> text was pasted from a form."
    ),
    "hostile-2": (
        "Gazette headline\n\n"
        "A reader wrote <img src=\"http://evil.example/x.png\"> and "
        "<link rel=stylesheet href=\"http://evil.example/s.css\"> with "
        "background: url(http://evil.example/y) and file:///etc/passwd in the letter."
    ),
}

OUTLETS_25 = tuple(
    [
        "The Independent",
        "BBC News",
        "The Yorkshire Post",
        "Breitbart",
        "The Sunday Telegraph and Daily Telegraph incorporating the Morning Post (Weekend "
        "Edition, North of England and Scotland)",
        "Rotherham Advertiser",
        HOSTILE_OUTLET,
        "Sheffield Star",
        "TheGuardianNewsAndMediaGroupWithAVeryLongUnbrokenNameThatMustWrapSomewhere.co.uk",
    ]
    + [f"Regional Outlet Number {index:02d} (South Yorkshire edition)" for index in range(10, 26)]
)


def quote_of(article_id: str, fragment: str, *, outlet: str, published: str, headline: str,
             location: str, voice: str | None, note: str = "", **flags: bool) -> Quote:
    text = ARTICLE_TEXTS[article_id]
    start = text.index(fragment)
    end = start + len(fragment)
    assert text[start:end] == fragment
    return Quote(article_id=article_id, start=start, end=end, text=fragment, outlet=outlet,
                 published=published, headline=headline, location=location, voice=voice,
                 note=note, **flags)


QUOTES = (
    quote_of("ind-2014", "90 per cent of child sexual abuse takes place in the home",
             outlet="The Independent", published="2014-10-16",
             headline="Top police officer warns of 'many more' child sex scandals – like Rotherham",
             location="paragraph 1", voice="quoted", note='term "in the home"',
             lead=True, trail=True),
    quote_of("bbc-2014", "Professor Alexis Jay led the inquiry that found at least 1,400 "
             "children in the South Yorkshire town were sexually exploited by criminal gangs of "
             "men who were predominantly of Pakistani origin between 1997 and 2013.",
             outlet="BBC News", published="about 2014-08",
             headline="Rotherham child abuse: Cases in other towns", location="paragraph 1",
             voice="own", note='term "Pakistani"'),
    quote_of("yp-2021", "People have witnessed suspicious behaviour, such as girls being given "
             "mobile phones by older Asian men and picked up in cars late at night from quiet "
             "locations.",
             outlet="The Yorkshire Post", published="about 2021-11",
             headline="Police chief says people concerned about Rotherham child abuse are "
             "'jumping to conclusions'", location="paragraph 1", voice="own",
             note='term "Asian men"'),
    quote_of("hostile-1", "The report said <script>alert(1)</script> was found in a council "
             "database, and </blockquote><b>bold</b> text was pasted from a form.",
             outlet=HOSTILE_OUTLET, published="2020-01-02", headline=HOSTILE_HEADLINE,
             location="paragraph 1", voice="own", note="VADER <b>-0.83</b>"),
    quote_of("hostile-2", "A reader wrote <img src=\"http://evil.example/x.png\"> and "
             "<link rel=stylesheet href=\"http://evil.example/s.css\"> with "
             "background: url(http://evil.example/y) and file:///etc/passwd in the letter.",
             outlet="Evening Gazette", published="2020", headline="Gazette headline",
             location="paragraph 1", voice=None),
)


def _glance_table() -> Table:
    rows = []
    for index, outlet in enumerate(OUTLETS_25):
        articles = 3 + (index * 7) % 40
        rows.append((outlet, str(articles), f"{articles * 612:,}", f"{(index * 37 % 90) / 10:.1f}",
                     f"{(index * 13) % 100}%", f"{(index * 29) % 100}%",
                     f"{-0.05 - (index % 7) / 20:.2f}"))
    return Table(
        caption="At a glance: one row per outlet",
        columns=("Outlet", "Articles", "Words", "Ethnicity per 1,000 words",
                 "Articles with an ethnicity mention", "Own voice", "Mean sentiment (VADER)"),
        rows=tuple(rows),
        numeric=(False, True, True, True, True, True, True),
        note="Rates are mentions per 1,000 words of analysed text. n is small for most outlets.",
        kind="wide",
    )


def _audit_table() -> Table:
    rows = []
    passages = [quote.text for quote in QUOTES]
    for index in range(300):
        outlet = OUTLETS_25[index % len(OUTLETS_25)]
        term = ("Asian men", "Pakistani", "in the home")[index % 3]
        rows.append((str(index + 1), outlet, f"article-{index:04d}", f"paragraph {1 + index % 9}",
                     "own" if index % 3 else "quoted", term, passages[index % len(passages)], ""))
    return Table(
        caption="Audit appendix: every lexicon mention",
        columns=("#", "Outlet", "Article", "Paragraph", "Voice", "Term", "Passage",
                 "Genuinely relevant? yes / no / unclear"),
        rows=tuple(rows),
        numeric=(True, False, False, False, False, False, False, False),
        note="Capped at 300 rows in the PDF; the full list is in mentions.csv.",
        kind="audit",
    )


def _charts() -> tuple[Chart, Chart, Chart]:
    n = len(OUTLETS_25)
    rate = Chart(
        id="ethnicity-rate", kind="bar", title="Ethnicity frame by outlet",
        caption="Mentions of ethnicity terms per 1,000 words (left) and the share of each "
        "outlet's articles with at least one mention (right), 25 outlets.",
        alt="Bar chart of ethnicity mentions per 1,000 words and share of articles, by outlet.",
        categories=OUTLETS_25,
        series=(Series("Per 1,000 words", tuple((i * 37 % 90) / 10 for i in range(n))),
                Series("Share of articles (%)", tuple(float((i * 13) % 100) for i in range(n)))),
        x_label="",
    )
    small = Chart(
        id="domestic-rate", kind="bar", title="Domestic frame",
        caption="Mentions of abuse in the home per 1,000 words, four outlets.",
        alt="Bar chart: The Independent 1.9, BBC News 0, The Yorkshire Post 0, Breitbart 0.",
        categories=("The Independent", "BBC News", "The Yorkshire Post", "Breitbart"),
        series=(Series("Per 1,000 words", (1.9, 0.0, 0.0, 0.0)),),
        x_label="mentions per 1,000 words",
    )
    sentiment = Chart(
        id="sentiment", kind="interval", title="Tone (VADER)",
        caption="Mean VADER compound score of each outlet's articles with a 95% bootstrap "
        "interval; the dashed line is neutral (0). Crime news reads negative whatever the stance.",
        alt="Interval chart of mean sentiment by outlet; all outlets are below zero.",
        categories=OUTLETS_25[:8],
        series=(Series("Mean compound", (-0.31, -0.12, -0.25, -0.44, -0.2, -0.05, -0.6, 0.1),
                       low=(-0.5, -0.3, -0.4, -0.7, -0.35, -0.2, -0.9, -0.1),
                       high=(-0.1, 0.05, -0.1, -0.2, -0.05, 0.1, -0.3, 0.3)),),
        x_label="VADER compound (−1 negative, +1 positive)", reference=0.0,
    )
    return rate, small, sentiment


def make_report(profile: str = "analyst") -> Report:
    rate, small, sentiment = _charts()
    findings = Section(
        id="key-findings", title="Key findings",
        blocks=(
            BulletList(items=(
                "BBC News names the perpetrators' origin in its own voice in 1 of 1 articles "
                "(n = 1: a single article).",
                "The Independent refers to abuse in the home in 1 of 2 articles; the phrase is "
                "quoted from a police officer, not the paper's own voice.",
                f"{HOSTILE_OUTLET} has the most negative mean tone (−0.60, 95% interval −0.90 "
                "to −0.30, n = 3).",
            )),
            Paragraph("Small samples: no outlet has more than 40 articles.", kind="finding"),
        ),
    )
    glance = Section(id="at-a-glance", title="At a glance", blocks=(_glance_table(),))
    ethnicity = Section(
        id="frame-ethnicity", title="Ethnicity and origin", page_break=True,
        blocks=(
            Paragraph("How often each outlet refers to the ethnicity or origin of the men "
                      "convicted, and in whose voice."),
            rate,
            QuoteGroup(title="BBC News", quotes=(QUOTES[1],), note="1 article"),
            QuoteGroup(title="The Yorkshire Post", quotes=(QUOTES[2],)),
            QuoteGroup(title=HOSTILE_OUTLET, quotes=(QUOTES[3],), note="hostile <b>note</b>"),
            QuoteGroup(title="Evening Gazette", quotes=(QUOTES[4],)),
        ),
        subsections=(
            Section(id="frame-ethnicity/domestic", title="Abuse in the home",
                    blocks=(small, QuoteGroup(title="The Independent", quotes=(QUOTES[0],)))),
        ),
    )
    compare = Section(
        id="side-by-side", title="Side by side",
        blocks=(
            Callout(title="What is a frame?", kind="definition", paragraphs=(
                "Entman (1993): to frame is to select some aspects of a perceived reality and "
                "make them more salient, so as to promote a problem definition, a causal "
                "interpretation, a moral evaluation and a treatment recommendation.",
                "A frame is not bias: every report selects.")),
            SideBySide(title="Who the perpetrators were", columns=(
                QuoteGroup(title="BBC News", quotes=(QUOTES[1],)),
                QuoteGroup(title="The Yorkshire Post", quotes=(QUOTES[2],)),
                QuoteGroup(title="The Independent", quotes=(QUOTES[0],)),
            )),
            Callout(title="Content note", kind="warning", paragraphs=(
                "This report quotes news coverage of the sexual exploitation of children.",)),
        ),
    )
    sentiment_section = Section(
        id="sentiment", title="Tone",
        blocks=(sentiment, Callout(title="What VADER cannot do", kind="note", paragraphs=(
            "On news editorials VADER correlates r = 0.49 with human ratings.",)),
                BulletList(items=("First question?", "Second question?"), ordered=True)),
    )
    methods = Section(id="methods", title="Methods and limitations", blocks=(
        Paragraph("z = d / sqrt(var), with a0 = 1000.", kind="small-print"),))
    audit = Section(id="audit", title="Audit appendix", page_break=True, blocks=(_audit_table(),))
    return Report(
        profile=profile,  # type: ignore[arg-type]
        title="How outlets framed the Rotherham child sexual exploitation scandal: a comparison "
        "of 25 titles, 2014-2022",
        cover=Cover(
            title="How outlets framed the Rotherham child sexual exploitation scandal",
            subtitle="A comparison of 25 titles, 2014-2022",
            generated="2026-11-22",
            scope=("312 articles, 190,944 words", "25 outlets", "2014-08 to 2022-02",
                   "Lexicons: ethnicity 1.0, domestic 1.0"),
            scope_table=Table(caption="Scope", columns=("Outlet", "Articles", "Words"),
                              rows=(("The Independent", "2", "1,204"), ("BBC News", "1", "640")),
                              numeric=(False, True, True)),
        ),
        sections=(findings, glance, ethnicity, compare, sentiment_section, methods, audit),
        reproducibility="framing 0.1.0; corpus 3f2a9c; lexicons a1b2c3, 0f9e8d; "
        "command: framing report corpus/rotherham",
        author="framing test suite",
        subject="Framing of the Rotherham scandal",
        keywords=("framing", "Rotherham", "media studies"),
        quotes=QUOTES,
    )
