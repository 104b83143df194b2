"""Property-based checks with hostile characters (zero-width, bidi controls, odd line
breaks, emoji, combining marks) that tests/test_text.py and tests/features/test_compute.py
leave out: sentences per paragraph of a whole article (headline, standfirst, body, split
section by section), a file's bytes through the reader to the CSV tables, and the CLI's
one-line errors."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.cli import _one_line
from framing.corpus import load
from framing.features.compute import compute
from framing.features.output_tables import write_tables
from framing.lexicons import load_lexicons
from framing.text import article_units
from framing.types import Article

LEXICONS = load_lexicons()
PIECES = [
    "abuse in the home", "mainly Asian men", "ignored", "grooming gangs", "Mr. ", "U.S. ",
    "e.g. ", ". ", "? ", "! ", "… ", " ", "\n", "\n\n", "\n \n", "\r\n", "\r", "\t",
    "\u00a0", "\u202f", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069",
    "“", "”", "‘", "’", "'", '"', "«", "»", "(", ")",
    "😀", "👩\u200d👧", "🇬🇧", "👍🏽", "é", "e\u0301", "ß", "İ", "ſ", "Ω", "中文", "العربية",
    "עברית", "<script>", "=cmd", "-", "—", "http://x.example/a.png", "file:///etc/passwd",
]
# What may be in a text file without it being taken for binary (C0 controls are refused).
_FILE_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"))
PART = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=14).map(
    "".join)
FILE_PART = st.lists(st.one_of(st.sampled_from(PIECES), st.text(_FILE_CHARS, max_size=5)),
                     max_size=14).map("".join)


def non_space(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace()}


@settings(max_examples=300, deadline=None)
@given(headline=PART, standfirst=PART, body=PART)
def test_article_sentences_cover_each_paragraph_of_each_section(headline, standfirst, body):
    item = Article(id="a", outlet="X", published=None, headline=headline,
                   standfirst=standfirst, text=body)
    text = item.analysed_text
    units = article_units(item)
    sections = [(s.start, s.end) for s in item.sections]
    for start, end in units.paragraphs:
        assert text[start:end] == text[start:end].strip() != ""
        assert any(s <= start and end <= e for s, e in sections), (start, end)
    previous = 0
    for start, end in units.sentences:
        assert previous <= start < end
        assert text[start:end] == text[start:end].strip()
        previous = end
    for p_start, p_end in units.paragraphs:
        inside = [(s, e) for s, e in units.sentences if p_start <= s and e <= p_end]
        covered = set().union(*(range(s, e) for s, e in inside)) if inside else set()
        assert covered >= non_space(text, p_start, p_end), text[p_start:p_end]
    in_some = sum(1 for s, e in units.sentences
                  if any(p <= s and e <= q for p, q in units.paragraphs))
    assert in_some == len(units.sentences)  # no sentence crosses a paragraph


def expected_body(raw: str) -> str:
    """What the reader should make of a body: newlines normalised, zero-width spaces, word
    joiners and byte-order marks dropped, blank lines at the start and the end removed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    for char in "\u200b\u2060\ufeff":
        text = text.replace(char, "")
    lines = text.split("\n")
    while lines and not lines[0].strip(" \t"):
        lines.pop(0)
    return "\n".join(lines).rstrip()


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=FILE_PART)
def test_a_files_text_reaches_the_tables_with_exact_offsets(tmp_path_factory, body):
    expected = expected_body(body)
    assume(expected)
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.md").write_bytes(
        ("---\noutlet: X\nheadline: Headline\n---\n" + body).encode("utf-8"))
    corpus = load(folder)
    (item,) = corpus.articles
    analysed = "Headline\n\n" + expected
    assert item.analysed_text == analysed
    out = folder / "tables"
    write_tables(compute(corpus, lexicons=LEXICONS, workers=1), out)
    for mention in rows((out / "mentions.csv").read_bytes()):
        assert analysed[int(mention["start"]):int(mention["end"])] == mention["text"]
    covered: set[int] = set()
    for sentence in rows((out / "sentences.csv").read_bytes()):
        start, end = int(sentence["start"]), int(sentence["end"])
        assert analysed[start:end] == analysed[start:end].strip() != ""
        covered.update(range(start, end))
    assert covered >= non_space(analysed, 0, len(analysed))


@given(st.text())
def test_error_lines_stay_one_line(message):
    line = _one_line(message)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert all(char.isprintable() or char == "\t" for char in line)
    if all(char.isprintable() for char in message):
        assert line == message
