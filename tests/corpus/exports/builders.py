"""Small exports the tests build themselves: a Nexis Uni .docx (with python-docx), a
Factiva-like page and a LexisNexis text file, shaped like the real ones in
../shared/data/exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

NBSP = "\xa0"
BODY = ("Survivors said the council had ignored their reports for years. The review found "
        "that officers dismissed the girls' accounts and failed to act on repeated warnings.")
MORE = ("The chief executive apologised on Tuesday and said the authority would cooperate "
        "fully with the inquiry, which is expected to report next spring.")


@dataclass
class NexisArticle:
    headline: str = "Council failed abuse survivors, review finds"
    publication: str = "The Guardian (London) - Final Edition"
    date: str = "August 27, 2014 Wednesday"
    byline: str = "By Helen Pidd; Additional reporting by Josh Halliday"
    section: str = "UK NEWS; Pg. 4"
    length: str = "245 words"
    paragraphs: Sequence[str] = (BODY, MORE)
    bold: str = "council"  # a search hit, bold inside the first paragraph
    abstract: str = ""
    load_date: str = "August 28, 2014"
    extra_header: Sequence[str] = ()
    trailer: Sequence[str] = ()  # paragraphs between the body and "Classification"
    label_lines: Sequence[str] = field(default_factory=lambda: ("Language:\xa0ENGLISH",))


def write_nexis_docx(path: Path, articles: Sequence[NexisArticle], *, cover: bool = True) -> Path:
    """A Nexis Uni export as python-docx writes it: an optional cover page, then each
    article's header, "Body", paragraphs, trailer and "End of Document"."""
    import docx

    document = docx.Document()
    if cover:
        for line in ("Date and Time: Friday, 5. July 2019 09:31:00 CEST", "Job Number: 1",
                     f"Documents ({len(articles)})"):
            document.add_paragraph().add_run(line).bold = True
        for number, article in enumerate(articles, start=1):
            document.add_paragraph(f"{number}. {article.headline}")
            for line in ("Client/Matter: -None-", "Search Terms: council",
                         "Search Type: Natural Language", "Narrowed by: "):
                document.add_paragraph().add_run(line).bold = True
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Content Type", "Narrowed by"
        table.cell(1, 0).text, table.cell(1, 1).text = "News", "Sources: The Guardian"
    for article in articles:
        document.add_paragraph(article.headline)
        document.add_paragraph(article.publication)
        for line in article.extra_header:
            document.add_paragraph(line)
        if article.date:
            document.add_paragraph(article.date)
        document.add_paragraph("\nCopyright 2014 Guardian News and Media Limited")
        for label, value in (("Section", article.section), ("Length", article.length),
                             ("Byline", article.byline)):
            if value:
                document.add_paragraph().add_run(f"{label}:{NBSP}{value}").bold = True
        document.add_paragraph().add_run("Body").bold = True
        document.add_paragraph("")
        if article.abstract:
            document.add_paragraph().add_run("ABSTRACT").bold = True
            document.add_paragraph(article.abstract)
            document.add_paragraph().add_run("FULL TEXT").bold = True
        for number, text in enumerate(article.paragraphs):
            paragraph = document.add_paragraph()
            if number == 0 and article.bold and f" {article.bold} " in text:
                before, after = text.split(f" {article.bold} ", 1)
                paragraph.add_run(before + " ")
                paragraph.add_run(article.bold).bold = True
                paragraph.add_run(" " + after)
            else:
                paragraph.add_run(text)
        for text in article.trailer:
            document.add_paragraph(text)
        document.add_paragraph().add_run("Classification").bold = True
        for line in article.label_lines:
            document.add_paragraph().add_run("\n" + line).bold = True
        document.add_paragraph().add_run(f"\nLoad-Date:{NBSP}{article.load_date}").bold = True
        document.add_paragraph().add_run("\nEnd of Document").bold = True
    document.save(str(path))
    return path


@dataclass
class FactivaArticle:
    headline: str = "Is all sexual harassment equal?"
    section: str = "News"
    author: str = "By Kevin Doyle"
    credit: str = ""
    fields: Sequence[str] = ("808 words", "13 November 2017", "Irish Independent", "IINM",
                             "1; National", "13", "English",
                             "(c) 2017 Independent Newspapers Ireland Ltd")
    paragraphs: Sequence[str] = (BODY, MORE)
    headline_class: str = "enHeadline"
    document_id: str = "IINM000020171113edbd0000d"
    tail: Sequence[str] = ("Independent Newspapers Ireland Limited",)


def factiva_html(articles: Sequence[FactivaArticle], *, ui_document: str = "Document") -> str:
    """A Factiva "save as article format" page: scripts, then one div per article."""
    divs = []
    for article in articles:
        parts = [f'<div id="article-{article.document_id}" class="article">'
                 '<div class="article enArticle"><p>']
        if article.section:
            parts.append(f"<div>{article.section}</div>")
        parts.append(f'<div id="hd"><span class="{article.headline_class}">'
                     f"{article.headline}</span></div>")
        if article.author:
            parts.append(f'<div class="author">{article.author}</div>')
        if article.credit:
            parts.append(f"<div>{article.credit}</div>")
        parts += [f"<div>{text}</div>" for text in article.fields]
        parts.append("</p><p></p>")
        for number, text in enumerate(article.paragraphs):
            if number == 0:  # a search hit in bold
                text = text.replace("council", "<b>council</b>", 1)
            parts.append(f'<p class="articleParagraph enarticleParagraph">{text}</p>')
        parts += [f"<p>{text}</p>" for text in article.tail]
        parts.append(f"<p>{ui_document} {article.document_id}</p></div></div>")
        divs.append("".join(parts))
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
            '<title>Factiva</title><style>.articleParagraph{margin:0}</style></head><body>'
            '<div id="contentLeft">' + "\n".join(divs) + "</div></body></html>")


def lexis_txt(records: Sequence[tuple[str, str, str, str, Sequence[str]]], *,
              total: int | None = None) -> str:
    """A classic LexisNexis text export: (publication, date line, headline, byline,
    paragraphs) per record, "N of M DOCUMENTS" before each (M = `total` or the count)."""
    lines = ["", "Download Request: Selected Items: 1-2", "Time Of Request: Friday, March 20, "
             "2018  16:51:31", "", "Terms: (council)", "", ""]
    for number, (publication, date, headline, byline, paragraphs) in enumerate(records, 1):
        lines += [f"{'':31}{number} of {total or len(records)} DOCUMENTS", "", "", "",
                  f"{'':34}{publication}", "", f"{'':28}{date}", f"{'':35}Edition 1;",
                  f"{'':36}Scotland", "", headline, "", f"BYLINE: {byline}", "",
                  "SECTION: NEWS; Pg. 6", "", "LENGTH: 120 words", "", ""]
        for paragraph in paragraphs:
            words, line = paragraph.split(), ""
            for word in words:  # wrapped at 78 columns, as the exports are
                if len(line) + len(word) + 1 > 78:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}".strip()
            lines += [line, ""]
        lines += ["LOAD-DATE: January 11, 2010", "", "LANGUAGE: ENGLISH", "",
                  "GRAPHIC: Council offices in Rotherham", "", "PUBLICATION-TYPE: Newspaper",
                  "", "", f"{'':23}Copyright 2010 NEWS GROUP NEWSPAPERS LTD",
                  f"{'':30}All Rights Reserved", ""]
    return "\r\n".join(lines)
