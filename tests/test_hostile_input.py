"""Broken input end to end through the CLI: encodings, odd characters, odd structure,
missing or contradictory metadata, broken lexicons.

Each case either works with the right text and offsets, or stops with one line
`error: <file>[:<line>]: what is wrong; what to do` and exit code 1, writing nothing.
Mojibake already in a file ("â€™") is kept as it is, so quotes stay verbatim, and a
warning names the file; zero-width spaces, word joiners and stray byte-order marks are
dropped when a corpus is read (as `framing corpus import` drops them), since they hide
words from the lexicons. Helpers here are shared by the other tests/test_hostile_*.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

runner = CliRunner()

TABLES = ("articles.csv", "changes.csv", "mentions.csv", "outlets.csv", "periods.csv",
          "quotes.csv", "sentences.csv", "terms.csv")
# Lexicon terms (bundled lexicons) that every test article ends with, so offsets are checked
# after whatever odd characters come first.
TAIL = "The council ignored abuse in the home."
TAIL_MENTIONS = {"ignored", "abuse in the home"}
OTHER = ("---\noutlet: Weekly Two\npublished: \"2020-01\"\nheadline: Gangs jailed\n---\n"
         "Five men were jailed for the abuse of girls.\n")


# --------------------------------------------------------------------------- helpers


def front_matter(*, outlet="Daily One", headline="Council failings", published="2020-01-02",
                 extra="") -> str:
    return (f'---\noutlet: "{outlet}"\npublished: "{published}"\nheadline: "{headline}"\n'
            f"{extra}---\n")


def write_article(folder: Path, name: str, body: str, *, encoding="utf-8", **fields) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes((front_matter(**fields) + body + "\n").encode(encoding))
    return path


def corpus_with(tmp_path: Path, files: dict[str, bytes | str], *, other=True) -> Path:
    """A corpus folder holding `files` (and, unless told not to, a second outlet's article)."""
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    if other:
        (folder / "other.md").write_text(OTHER, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def invoke(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


def features(corpus: Path, out: Path, *more: object, quiet: bool = True):
    return invoke("features", corpus, "-o", out, "--no-cache", *(["--quiet"] if quiet else []),
                  *more)


def assert_no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}")
    assert "Traceback" not in result.output


def assert_one_line_error(result, *words: str, code: int = 1) -> str:
    """Exit `code`, exactly one line on stderr starting `error: `, holding every word."""
    assert_no_traceback(result)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def read_table(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()), f"{path.name} has no byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256), to compare before and after."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def temporary_files(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.name.endswith((".tmp", ".old"))]


def assert_offsets(out: Path, expected: dict[str, str]) -> None:
    """mentions.csv and sentences.csv point into `expected` (article id -> analysed text):
    mention text is exactly the slice; sentences are trimmed, ordered and cover every
    non-space character."""
    for row in read_table(out / "mentions.csv"):
        if row["article_id"] in expected:
            text = expected[row["article_id"]]
            assert text[int(row["start"]):int(row["end"])] == row["text"], row
    covered: dict[str, set[int]] = {key: set() for key in expected}
    last_end: dict[str, int] = dict.fromkeys(expected, 0)
    for row in read_table(out / "sentences.csv"):
        if row["article_id"] not in expected:
            continue
        text, start, end = expected[row["article_id"]], int(row["start"]), int(row["end"])
        assert last_end[row["article_id"]] <= start < end <= len(text), row
        piece = text[start:end]
        assert piece == piece.strip(), (row, piece)
        covered[row["article_id"]].update(range(start, end))
        last_end[row["article_id"]] = end
    for key, text in expected.items():
        missing = {i for i, char in enumerate(text) if not char.isspace()} - covered[key]
        assert not missing, (key, sorted(missing)[:10])


def mention_texts(out: Path, article_id: str) -> set[str]:
    return {row["text"] for row in read_table(out / "mentions.csv")
            if row["article_id"] == article_id}


# --------------------------------------------------------------------------- encodings

ENCODED = {
    # case: (headline, body, encoding, newline)
    "latin-1": ("Café naïve", "Le garçon a mangé à la crèche; Größe, Übermaß.\n\n" + TAIL,
                "latin-1", "\n"),
    "windows-1252 smart quotes": (
        "The council’s “appalling” failures — a report",
        "Survivors said: “It was abuse in the home.” The council’s officers… ignored it.\n\n"
        + TAIL, "cp1252", "\r\n"),
    "utf-16 with bom": ("Zürich – Ελλάδα – Москва", "Survivors’ voices: naïve façade.\n\n" + TAIL,
                        "utf-16", "\r\n"),
}


@pytest.mark.parametrize("case", list(ENCODED))
def test_encoded_files_are_decoded_with_right_offsets(tmp_path, case):
    headline, body, encoding, newline = ENCODED[case]
    raw = (front_matter(headline=headline) + body + "\n").replace("\n", newline)
    corpus = corpus_with(tmp_path, {"a.md": raw.encode(encoding)})
    out = tmp_path / "out"
    result = features(corpus, out, quiet=False)
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    articles = {row["id"]: row for row in read_table(out / "articles.csv")}
    assert articles["a"]["headline"] == headline
    assert_offsets(out, {"a": f"{headline}\n\n{body}"})
    assert mention_texts(out, "a") >= TAIL_MENTIONS
    if encoding != "utf-16":  # a guessed encoding is named, so the user can check it
        assert f"{corpus / 'a.md'}: not UTF-8; read as" in result.stderr


def test_smart_quotes_in_windows_1252_still_mark_quoted_speech(tmp_path):
    headline, body, encoding, _newline = ENCODED["windows-1252 smart quotes"]
    corpus = corpus_with(tmp_path, {"a.md": (front_matter(headline=headline) + body).encode(
        encoding)})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    voices = {(row["text"], row["voice"]) for row in read_table(out / "mentions.csv")
              if row["article_id"] == "a"}
    # “It was abuse in the home.” is quoted; the tail sentence is the outlet's own voice.
    assert ("abuse in the home", "quoted") in voices
    assert ("abuse in the home", "own") in voices


def test_mojibake_is_kept_verbatim_and_named_in_a_warning(tmp_path):
    headline = "The councilâ€™s report"
    body = "Officers said â€œnothing could be doneâ€\x9d and Ã© for é.\n\n" + TAIL
    corpus = corpus_with(tmp_path, {"a.md": front_matter(headline=headline) + body})
    out = tmp_path / "out"
    result = features(corpus, out, quiet=False)
    assert result.exit_code == 0, result.output
    articles = {row["id"]: row for row in read_table(out / "articles.csv")}
    assert articles["a"]["headline"] == headline  # not repaired: quotes stay verbatim
    assert_offsets(out, {"a": f"{headline}\n\n{body}"})
    warning = next(line for line in result.stderr.splitlines() if "mis-decoded" in line)
    assert str(corpus / "a.md") in warning and "'â€œ'" in warning and "UTF-8" in warning


def test_importing_mojibake_keeps_it_and_notes_it(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("The councilâ€™s report\n\nOfficers ignored it.\n",
                                  encoding="utf-8")
    metadata = tmp_path / "meta.csv"
    metadata.write_text("file,outlet,headline\npage.txt,Daily One,A report\n", encoding="utf-8")
    result = invoke("corpus", "import", raw, "-o", tmp_path / "out", "--metadata", metadata)
    assert result.exit_code == 0, result.output
    imported = (tmp_path / "out" / "daily-one-a-report.md").read_text(encoding="utf-8")
    assert "The councilâ€™s report" in imported
    log = (tmp_path / "out" / ".import-log.yaml").read_text(encoding="utf-8")
    assert "page.txt: looks mis-decoded" in log


def test_zero_width_characters_are_dropped_so_terms_are_found(tmp_path):
    headline = "Zero\u200bwidth\u2060 headline"
    body = "Survivors said it was abuse\u200b in the\ufeff home.\n\n" + TAIL
    corpus = corpus_with(tmp_path, {"a.md": front_matter(headline=headline) + body})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    visible = f"{headline}\n\n{body}"
    for char in "\u200b\u2060\ufeff":
        visible = visible.replace(char, "")
    assert_offsets(out, {"a": visible})
    found = [row for row in read_table(out / "mentions.csv")
             if row["article_id"] == "a" and row["text"] == "abuse in the home"]
    assert len(found) == 2  # the hidden one in the first sentence too


def test_right_to_left_text_and_marks_keep_their_offsets(tmp_path):
    headline = "Survivors speak \u202bشهادات الناجين\u202c out"
    body = ("\u200fהעדויות were heard. \u202eA reversed run\u202c and \u2067isolated\u2069 "
            "text.\n\n" + TAIL)
    corpus = corpus_with(tmp_path, {"a.md": front_matter(headline=headline) + body})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    articles = {row["id"]: row for row in read_table(out / "articles.csv")}
    assert articles["a"]["headline"] == headline
    assert_offsets(out, {"a": f"{headline}\n\n{body}"})
    assert mention_texts(out, "a") >= TAIL_MENTIONS


def test_emoji_and_non_breaking_spaces(tmp_path):
    headline = "Survivors 💔 speak out 👩‍👧"
    body = ("Flags 🇬🇧 and skin tones 👍🏽 first. Officers\u00a0ignored the\u202fwarnings.\n\n"
            "It was abuse\u00a0in\u00a0the home, 😡 they said.\n\n" + TAIL)
    corpus = corpus_with(tmp_path, {"a.md": front_matter(headline=headline) + body})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    assert_offsets(out, {"a": f"{headline}\n\n{body}"})
    # A no-break space is white space to the lexicons, and is kept in the quoted text.
    assert "abuse\u00a0in\u00a0the home" in mention_texts(out, "a")


def test_very_long_lines(tmp_path):
    words = " ".join(["survivors"] * 100_000)  # one 1 MB line, no full stop
    unbroken = "x" * 500_000  # one 500 kB "word"
    body = f"{words}\n\n{unbroken} ignored.\n\n{TAIL}"
    corpus = corpus_with(tmp_path, {"a.md": front_matter() + body})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    assert_offsets(out, {"a": f"Council failings\n\n{body}"})
    assert mention_texts(out, "a") >= TAIL_MENTIONS


def test_a_5_mb_article(tmp_path):
    sentence = "The committee met on Tuesday and discussed the budget for the new library. "
    filler = (sentence * (5_000_000 // len(sentence) + 1))[:5_000_000].rstrip()
    body = f"{filler}\n\n{TAIL}"
    corpus = corpus_with(tmp_path, {"a.md": front_matter() + body})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    assert_offsets(out, {"a": f"Council failings\n\n{body}"})
    sentences = [row for row in read_table(out / "sentences.csv") if row["article_id"] == "a"]
    assert len(sentences) == 1 + filler.count(". ") + 1 + 1  # headline, filler, its last, tail
    assert mention_texts(out, "a") >= TAIL_MENTIONS


# --------------------------------------------------------------------------- structure


def test_empty_file_among_articles_is_skipped_and_named(tmp_path):
    corpus = corpus_with(tmp_path, {"a.md": front_matter() + TAIL, "empty.md": b""})
    out = tmp_path / "out"
    result = features(corpus, out, quiet=False)
    assert result.exit_code == 0, result.output
    assert f"{corpus}: 1 empty file skipped (empty.md)" in result.stderr
    assert sorted(row["id"] for row in read_table(out / "articles.csv")) == ["a", "other"]


def test_a_folder_of_empty_files_is_an_error(tmp_path):
    corpus = corpus_with(tmp_path, {"a.md": b"", "b.txt": b"  \n\n"}, other=False)
    result = features(corpus, tmp_path / "out")
    assert_one_line_error(result, str(corpus), "no readable article", "2 files with no "
                          "article text")
    assert not (tmp_path / "out").exists()


BINARY = {
    "png named .md": ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    "pdf named .md": ("scan.md", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
    "docx named .txt": ("notes.txt", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "a ZIP archive"),
    "nul bytes": ("dump.txt", b"---\noutlet: X\n---\n\x00\x01\x02\x03 binary", "binary"),
}


@pytest.mark.parametrize("case", list(BINARY))
def test_a_binary_file_among_the_articles_stops_the_run(tmp_path, case):
    name, payload, kind = BINARY[case]
    corpus = corpus_with(tmp_path, {"a.md": front_matter() + TAIL, name: payload})
    before = tree(corpus)
    result = features(corpus, tmp_path / "out")
    assert_one_line_error(result, str(corpus / name), kind, "remove it from the folder")
    assert not (tmp_path / "out").exists()
    assert tree(corpus) == before


def test_an_article_with_no_words(tmp_path):
    corpus = corpus_with(tmp_path, {"a.md": front_matter(headline="") + "— … — 💔 ***"})
    out = tmp_path / "out"
    assert features(corpus, out).exit_code == 0
    row = next(r for r in read_table(out / "articles.csv") if r["id"] == "a")
    assert (row["words"], row["sentences"]) == ("0", "1")
    assert_offsets(out, {"a": "— … — 💔 ***"})
    info = invoke("corpus", "info", corpus)
    assert info.exit_code == 0
    assert "1 article with no words in the text" in info.output and "(e.g. a)" in info.output


def test_raw_text_with_nothing_but_furniture_imports_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("Advertisement\n\nHide Ad\n\n", encoding="utf-8")
    metadata = tmp_path / "meta.csv"
    metadata.write_text("file,outlet,headline\npage.txt,Daily One,H\n", encoding="utf-8")
    result = invoke("corpus", "import", raw, "-o", tmp_path / "out", "--metadata", metadata)
    assert_one_line_error(result, str(raw), "no article to import",
                          "no article text left after removing furniture")
    assert not (tmp_path / "out").exists()


def test_duplicate_ids_in_front_matter_name_both_files(tmp_path):
    corpus = corpus_with(tmp_path, {"a.md": front_matter(extra="id: same\n") + TAIL,
                                    "b.md": front_matter(extra="id: same\n") + "Other text."})
    result = features(corpus, tmp_path / "out")
    assert_one_line_error(result, str(corpus / "a.md"), str(corpus / "b.md"), "'same'",
                          "must be unique")
    assert not (tmp_path / "out").exists()


def test_duplicate_ids_in_a_table_name_both_lines(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text("id,outlet,text\nx1,One,First text.\nx2,Two,Second.\nx1,Two,Third.\n",
                     encoding="utf-8")
    result = features(table, tmp_path / "out")
    assert_one_line_error(result, f"{table}:2", f"{table}:4", "'x1'", "--id-column")


# --------------------------------------------------------------------------- metadata


def test_missing_and_contradictory_metadata_are_warnings_naming_the_file(tmp_path):
    corpus = corpus_with(tmp_path, {
        "future.md": front_matter(published="2999-01-01") + TAIL,
        "garbled.md": front_matter(published="the day after") + TAIL,
        "impossible.md": "---\noutlet: X\npublished: 2014-02-30\n---\n" + TAIL,  # YAML date
        "no-outlet.md": "---\nheadline: H\n---\n" + TAIL,
        "url-only.md": "---\nurl: https://www.bbc.co.uk/news/x\n---\n" + TAIL,
        "mismatch.md": front_matter(outlet="BBC News",
                                    extra="url: https://www.dailymail.co.uk/x\n") + TAIL,
    })
    out = tmp_path / "out"
    result = features(corpus, out, quiet=False)
    assert result.exit_code == 0, result.output
    warnings = result.stderr
    assert f"{corpus / 'future.md'}: date '2999-01-01' is in the future" in warnings
    assert f"{corpus / 'garbled.md'}: cannot read the date 'the day after'" in warnings
    assert f"{corpus / 'impossible.md'}: '2014-02-30' is not a real date" in warnings
    assert f"{corpus / 'no-outlet.md'}: no outlet and no url; add `outlet:`" in warnings
    assert f"{corpus / 'url-only.md'}: no outlet; took 'BBC News' from the url" in warnings
    articles = {row["id"]: row for row in read_table(out / "articles.csv")}
    assert [articles[key]["published"] for key in ("future", "garbled", "impossible")] == [
        "", "", ""]
    assert articles["no-outlet"]["outlet"] == "(unknown outlet)"
    assert articles["url-only"]["outlet"] == "BBC News"
    assert articles["mismatch"]["outlet"] == "BBC News"  # the metadata is kept as given
    info = invoke("corpus", "validate", corpus)
    assert info.exit_code == 0, info.output  # warnings, not errors
    assert ("outlet and URL disagree: 1 article with a URL on another outlet's site "
            f"({corpus / 'mismatch.md'}: outlet 'BBC News', URL on dailymail.co.uk "
            "(Daily Mail))") in info.output


def test_alias_spellings_of_one_outlet_are_not_a_contradiction(tmp_path):
    corpus = corpus_with(tmp_path, {
        "a.md": front_matter(outlet="Independent",
                             extra="url: https://www.independent.co.uk/news/x\n") + TAIL,
        "b.md": front_matter(outlet="BBC", extra="url: https://www.bbc.com/news/y\n") + TAIL,
    })
    info = invoke("corpus", "info", corpus)
    assert info.exit_code == 0 and "disagree" not in info.output


@pytest.mark.parametrize(("front", "words"), [
    ("outlet: " + "[" * 3000 + "]" * 3000, "nested more than 100 levels deep"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcdefg", "bcdefgh",
                                                                          strict=True)),
     "more than 100,000 values once aliases"),
    ("a: &a [*a]", "refers to a value that contains it"),
    ("outlet: [unclosed", "front matter is not valid YAML"),
    ("outlet: !!python/object/apply:os.system ['echo hi']", "could not determine a constructor"),
])
def test_hostile_front_matter_is_a_one_line_error(tmp_path, front, words):
    corpus = corpus_with(tmp_path, {"a.md": f"---\n{front}\n---\n{TAIL}\n"})
    result = features(corpus, tmp_path / "out")
    assert_one_line_error(result, f"{corpus / 'a.md'}:", words)


def test_a_file_name_with_a_line_break_cannot_split_the_error_line(tmp_path):
    corpus = corpus_with(tmp_path, {"bad\nname\x1b[2J.md": "---\noutlet: [x\n---\nBody.\n"})
    result = features(corpus, tmp_path / "out")
    line = assert_one_line_error(result, "front matter is not valid YAML")
    assert "bad\\nname\\x1b[2J.md" in line



@pytest.mark.parametrize("command", ["info", "features"])
def test_terminal_escapes_and_bidi_controls_in_names_reach_the_terminal_as_escapes(
        tmp_path, command):
    # An outlet name that would clear the screen and reverse the text after it, in a file
    # whose name holds an escape code and whose headline is missing (a warning naming it).
    article = '---\noutlet: "Evil\\e[2J\\u202eNews"\n---\n' + TAIL + "\n"
    corpus = corpus_with(tmp_path, {"odd\x1b[1mname.md": article})
    result = (invoke("corpus", "info", corpus) if command == "info"
              else features(corpus, tmp_path / "out", quiet=False))
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b" in result.output  # shown, as an escape
    if command == "info":
        assert "Evil\\x1b[2J\\u202eNews" in result.output


# --------------------------------------------------------------------------- lexicons

LEXICON = """\
name: sample
description: A sample lexicon.
categories:
  - name: people
  - name: words
terms:
  people:
    - Asian men
  words:
    - TERM
"""
BAD_LEXICONS = {
    "invalid YAML": (LEXICON.replace("  - name: words", "  - name: [words"), 6,
                     "invalid YAML"),
    "invalid regex": (LEXICON.replace("    - TERM", "    - regex: 'child (prostitute'"), 10,
                      "invalid regular expression: missing )"),
    "catastrophic backtracking": (LEXICON.replace("    - TERM", "    - regex: '(a+)+$'"), 10,
                                  "prone to catastrophic backtracking"),
    "duplicate term across categories": (LEXICON.replace("    - TERM", "    - asian  MEN"), 10,
                                         "'asian men' is already a term at line 8"),
    "control character": (LEXICON.replace("TERM", "TE\x07RM"), 10,
                          "control characters are not allowed (character U+0007)"),
}


@pytest.mark.parametrize("case", list(BAD_LEXICONS))
@pytest.mark.parametrize("command", ["features", "lexicons"])
def test_broken_lexicons_name_file_and_line(tmp_path, case, command):
    text, line, words = BAD_LEXICONS[case]
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "sample.yaml").write_text(text, encoding="utf-8")
    if command == "features":
        corpus = corpus_with(tmp_path, {"a.md": front_matter() + TAIL})
        result = features(corpus, tmp_path / "out", "--lexicons", folder)
    else:
        result = invoke("lexicons", "list", "--lexicons", folder)
    assert_one_line_error(result, f"sample.yaml:{line}: ", words)
    assert not (tmp_path / "out").exists()


def test_the_documented_duplicate_rule_allows_the_same_words_in_another_context(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "sample.yaml").write_text(LEXICON.replace(
        "    - TERM", "    - term: Asian men\n      followed_by: [in cars]"), encoding="utf-8")
    corpus = corpus_with(tmp_path, {"a.md": front_matter() + "Asian men in cars. Asian men."})
    out = tmp_path / "out"
    assert features(corpus, out, "--lexicons", folder).exit_code == 0
    rows = [r for r in read_table(out / "mentions.csv") if r["article_id"] == "a"]
    # Matches do not overlap: the longest match at a place wins, the earlier term on ties.
    assert [(r["category"], r["start"]) for r in rows] == [("people", "18"), ("people", "37")]
