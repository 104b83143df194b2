"""The bundled corpus against the raw seeds it was built from (skipped without the seeds).

Each seed line is either furniture (listed here by hand, as SOURCES.md describes it), a
byline or dateline (now in the front matter), or article text, every sentence of which
must be in the corpus file's headline, standfirst or body.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

from framing.corpus import ReadOptions, load
from framing.corpus.importer import import_corpus
from framing.corpus.writer import LOG_FILE
from framing.paths import PROJECT_DIR
from framing.types import PublishedDate

CORPUS = PROJECT_DIR / "corpus" / "rotherham"
SOURCES = PROJECT_DIR / "corpus" / "rotherham-sources.yaml"
SEEDS = Path(os.environ.get("FRAMING_SEEDS", PROJECT_DIR.parent / "shared" / "seeds"))
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")

INDEPENDENT_FURNITURE = [
    "Stay up to date with notifications from The Independent",
    "Notifications can be managed in browser preferences.",
    "Thank you for registering",
    "Please refresh the page or navigate to another page on the site to be automatically "
    "logged inPlease refresh your browser to be logged in",
]
# Per seed: lines that are page furniture, and lines that moved into the front matter.
FURNITURE = {
    "000_8f3dbaba5e1a4760.txt": INDEPENDENT_FURNITURE + [
        "Children walk down a street in Rotherham, South Yorkshire",
        "Children walk down a street in Rotherham, South Yorkshire (Getty Images)",
    ],
    "001_c1d95ea496159634.txt": [
        "image captionProfessor Alexis Jay said she was certain abuse was taking place in other "
        "parts of the country",
        "image source, Christopher Furlong / Getty",
        "Related Internet Links",
        "The BBC is not responsible for the content of external sites.",
    ],
    "002_f714f5bd3ecb2427.txt": [
        "Dr Alan Billings, South Yorkshire Police and Crime Commissioner" * 2,
        "Dr Alan Billings, South Yorkshire Police and Crime Commissioner",
        "Hide Ad",
        "Read More",
        "Andrew Gale suspended by Yorkshire CCC over historic racist tweets",
    ],
    "003_7182767bb5f1f0d1.txt": INDEPENDENT_FURNITURE + [
        "Professor Alexis Jay discusses child abuse in Rotherham in 2014 archive footage",
        "The report said that perpetrators in high-profile cases, such as Rotherham (pictured), "
        "had been South Asian men but it is impossible to know whether some groups are "
        "overrepresented nationally because of poor data",
        "The report said that perpetrators in high-profile cases, such as Rotherham (pictured), "
        "had been South Asian men but it is impossible to know whether some groups are "
        "overrepresented nationally because of poor data (PA)",
    ],
    "004_7e0adae89380ecd8.txt": [
        "child grooming scandal",
        "Christopher Furlong/Getty Images",
        "Follow Simon Kent on Twitter: or e-mail to: skent@breitbart.com",
        "COMMENTS",
        "Please let us know if you're having issues with commenting.",
    ],
}
FRONT_MATTER_LINES = {
    "000_8f3dbaba5e1a4760.txt": {"Ian Johnston": "author",
                                 "Thursday 16 October 2014 06:40 BST": "published_time"},
    "003_7182767bb5f1f0d1.txt": {"Lizzie Dearden": "author",
                                 "Home Affairs Editor": "author_role",
                                 "Tuesday 01 February 2022 15:14 EST": "published_time"},
}
# Strings that must appear in no article (SOURCES.md's furniture and what it would poison).
NEVER = ["Hide Ad", "racist tweets", "Andrew Gale", "Getty", "(PA)", "image caption",
         "image source", "Read More", "COMMENTS", "Notifications", "Thank you for registering",
         "Please refresh", "Related Internet Links", "external sites", "Follow Simon Kent",
         "commenting", "child grooming scandal", "archive footage", "Children walk down",
         "CommissionerDr"]
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def corpus_files() -> dict[str, tuple[dict, str]]:
    """Seed file name -> (front matter, analysed text), parsed without the reader."""
    files = {}
    for path in sorted(CORPUS.glob("*.md")):
        head, body = path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
        fields = yaml.safe_load(head)
        text = "\n\n".join(p for p in (fields["headline"], fields["standfirst"], body) if p)
        files[fields["source_file"]] = (fields, text)
    return files


@needs_seeds
def test_every_seed_has_its_corpus_file():
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(corpus_files()) == seeds == sorted(FURNITURE)


@needs_seeds
@pytest.mark.parametrize("seed", sorted(FURNITURE))
def test_every_sentence_kept_and_no_furniture(seed):
    fields, text = corpus_files()[seed]
    corpus_text = normalised(text)
    corpus_lines = {normalised(line) for line in text.split("\n")}
    raw_lines = [normalised(line) for line in (SEEDS / seed).read_text(encoding="utf-8")
                 .split("\n")]
    furniture = {normalised(line) for line in FURNITURE[seed]}
    moved = FRONT_MATTER_LINES.get(seed, {})
    checked = 0
    for line in raw_lines:
        if not line:
            continue
        if line in furniture:
            assert line not in corpus_lines, f"furniture left in: {line!r}"
            continue
        if line in moved:
            assert line not in corpus_lines
            assert fields[moved[line]], f"{line!r} should be in the front matter"
            continue
        for sentence in SENTENCE_END.split(line):
            assert normalised(sentence) in corpus_text, f"sentence lost: {sentence!r}"
            checked += 1
    assert checked >= 10
    for string in NEVER:
        assert string not in text, f"furniture {string!r} in {seed}"


@needs_seeds
def test_front_matter_lines_carry_their_values():
    files = corpus_files()
    assert files["000_8f3dbaba5e1a4760.txt"][0]["author"] == "Ian Johnston"
    assert files["000_8f3dbaba5e1a4760.txt"][0]["published_time"] == "06:40 BST"
    assert files["003_7182767bb5f1f0d1.txt"][0]["author_role"] == "Home Affairs Editor"
    assert files["003_7182767bb5f1f0d1.txt"][0]["published_time"] == "15:14 EST"


def test_bundled_corpus_loads_with_outlets_dates_and_precision():
    corpus = load(CORPUS)
    assert corpus.name == "rotherham" and len(corpus.articles) == 5
    assert {outlet: len(articles) for outlet, articles in corpus.by_outlet().items()} == {
        "BBC News": 1, "Breitbart": 1, "The Independent": 2, "The Yorkshire Post": 1}
    dates = {(a.outlet, a.published) for a in corpus.articles}
    assert dates == {
        ("The Independent", PublishedDate(dt.date(2014, 10, 16), "day")),
        ("BBC News", PublishedDate(dt.date(2014, 8, 1), "month", approximate=True)),
        ("The Yorkshire Post", PublishedDate(dt.date(2021, 11, 1), "month", approximate=True)),
        ("The Independent", PublishedDate(dt.date(2022, 2, 1), "day")),
        ("Breitbart", PublishedDate(dt.date(2015, 8, 27), "day")),
    }
    notes = {a.outlet: a.meta.get("date_note") for a in corpus.articles if a.published.approximate}
    assert notes == {"BBC News": "about the 27th; the page shows no date",
                     "The Yorkshire Post": "about the 9th; the page shows no date"}
    standfirsts = {a.id: bool(a.standfirst) for a in corpus.articles}
    assert sum(standfirsts.values()) == 2  # the two Independent articles
    assert all(a.headline and a.text and a.url for a in corpus.articles)
    assert "approximate" in corpus.description and set(corpus.outlet_notes) == {
        "BBC News", "Breitbart", "The Independent", "The Yorkshire Post"}


@needs_seeds
def test_the_import_command_reproduces_the_bundled_corpus(tmp_path):
    description = yaml.safe_load((CORPUS / "corpus.yaml").read_text(encoding="utf-8"))
    written = import_corpus(SEEDS, tmp_path / "rotherham", read_options=ReadOptions(),
                            metadata=SOURCES, rules=None, name="rotherham",
                            description=description["description"])
    assert sorted(p.name for p in written) == sorted(p.name for p in CORPUS.glob("*.md"))
    for name in [p.name for p in written] + ["corpus.yaml"]:
        assert (tmp_path / "rotherham" / name).read_bytes() == (CORPUS / name).read_bytes(), name
    fresh = yaml.safe_load((tmp_path / "rotherham" / LOG_FILE).read_text(encoding="utf-8"))
    bundled = yaml.safe_load((CORPUS / LOG_FILE).read_text(encoding="utf-8"))
    assert fresh["articles"] == bundled["articles"] and fresh["files"] == bundled["files"]
