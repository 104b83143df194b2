"""`import_corpus`: raw text with CSV or YAML metadata, skipped files, errors, other sources."""

from __future__ import annotations

import hashlib
import logging

import pytest
import yaml
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import ReadOptions, load
from framing.corpus.importer import import_corpus, read_metadata
from framing.corpus.writer import LOG_FILE
from framing.errors import CorpusError

PAGE = (
    "Stay up to date with notifications from The Independent\n\n"
    "Police warn of more scandals\n\n"
    "A chief constable says the focus was on one model of abuse\n\n"
    "Ian Johnston\nThursday 16 October 2014 06:40 BST\n\n"
    "Tens of thousands of children are victims every year.\n\n"
    "Hide Ad\n\n"
    "“There has been an unhealthy focus,” he said.\n\n"
    "Thank you for registering\n"
)
OTHER = "Rotherham child abuse: Cases in other towns\n\nThe NSPCC said abuse was not unique.\n"
OPTIONS = ReadOptions()


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "one.txt").write_text(PAGE, encoding="utf-8")
    (folder / "two.txt").write_text(OTHER, encoding="utf-8")
    (folder / "SOURCES.md").write_text("# Where these came from\n", encoding="utf-8")
    return folder


def write_yaml(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def fields_of(path):
    head, body = path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_yaml_metadata_import_cleans_and_skips_unlisted(raw, tmp_path, caplog):
    metadata = write_yaml(tmp_path / "meta.yaml", {
        "outlets": {"notes": {"The Independent": "UK news website"}},
        "files": {
            "one.txt": {"outlet": "The Independent", "published": "2014-10-16",
                        "headline": "Police warn of more scandals",
                        "standfirst": "A chief constable says the focus was on one model of abuse",
                        "url": "https://www.independent.co.uk/one.html", "topic": "policing"},
            "two.txt": {"outlet": "BBC News", "published": "2014-08", "date_approximate": True,
                        "date_note": "about the 27th", "standfirst": "", "author": ""},
        },
    })
    before = digests(raw)
    with caplog.at_level(logging.WARNING, logger="framing.corpus.importer"):
        written = import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=metadata,
                                name="demo", description="Two articles.")
    assert digests(raw) == before  # inputs untouched
    assert [p.name for p in written] == ["independent-2014-police-warn-of.md",
                                         "bbc-news-2014-rotherham-child-abuse.md"]
    assert "note: " in caplog.text
    assert "SOURCES.md: skipped: not listed in meta.yaml" in caplog.text
    one, body = fields_of(written[0])
    assert one["author"] == "Ian Johnston"  # from the byline
    assert one["published_time"] == "06:40 BST" and one["topic"] == "policing"
    assert one["standfirst"] == "A chief constable says the focus was on one model of abuse"
    assert body == ("Tens of thousands of children are victims every year.\n\n"
                    "“There has been an unhealthy focus,” he said.\n")
    two, body = fields_of(written[1])
    assert (two["published"], two["date_approximate"], two["date_note"]) == (
        "2014-08", True, "about the 27th")
    assert two["headline"] == "Rotherham child abuse: Cases in other towns"  # from the text
    assert body == "The NSPCC said abuse was not unique.\n"
    corpus = load(tmp_path / "out")
    assert corpus.name == "demo" and corpus.description == "Two articles."
    assert corpus.outlet_notes == {"The Independent": "UK news website"}
    log = yaml.safe_load((tmp_path / "out" / LOG_FILE).read_text(encoding="utf-8"))
    removed = dict((a["source"], a["removed"]) for a in log["articles"])
    assert ["hide-ad", "Hide Ad"] in removed["one.txt"]
    assert ["independent-registration", "Thank you for registering"] in removed["one.txt"]


def test_csv_metadata_and_plain_yaml_mapping_give_the_same_corpus(raw, tmp_path):
    (tmp_path / "meta.csv").write_text(
        "file,outlet,published,date_approximate,headline,author\n"
        "one.txt,The Independent,2014-10-16,false,Police warn of more scandals,Ian Johnston\n",
        encoding="utf-8")
    write_yaml(tmp_path / "meta.yaml", {"one.txt": {
        "outlet": "The Independent", "published": "2014-10-16", "date_approximate": False,
        "headline": "Police warn of more scandals", "author": "Ian Johnston"}})
    from_csv = import_corpus(raw, tmp_path / "a", read_options=OPTIONS,
                             metadata=tmp_path / "meta.csv", name="x", description="")
    from_yaml = import_corpus(raw, tmp_path / "b", read_options=OPTIONS,
                              metadata=tmp_path / "meta.yaml", name="x", description="")
    assert [p.read_text(encoding="utf-8") for p in from_csv] == [
        p.read_text(encoding="utf-8") for p in from_yaml]
    fields, _ = fields_of(from_csv[0])
    # no standfirst key: the line under the headline is taken as the standfirst
    assert fields["standfirst"] == "A chief constable says the focus was on one model of abuse"


def test_metadata_id_and_alias(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"two.txt": {"outlet": "bbc", "id": "my/id"}})
    written = import_corpus(raw, tmp_path / "out",
                            read_options=ReadOptions(outlet_aliases={"bbc": "BBC News"}),
                            metadata=metadata, name=None, description=None)
    fields, _ = fields_of(written[0])
    assert written[0].name == "my-id.md" and fields["id"] == "my/id"
    assert fields["outlet"] == "BBC News" and fields["published"] == ""


def test_listed_file_that_does_not_exist(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"three.txt": {"outlet": "BBC News"}})
    with pytest.raises(CorpusError, match=r"m\.yaml: three\.txt is listed but is not in"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=metadata)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [("name,outlet\none.txt,BBC\n", r"needs a `file` column.*it has: name, outlet"),
     ("file,outlet\none.txt,BBC\none.txt,BBC\n", r"m\.csv:3: one\.txt is listed twice"),
     ("file,outlet,date_approximate\none.txt,BBC,maybe\n", "date_approximate must be true")],
)
def test_bad_csv_metadata(raw, tmp_path, content, message):
    (tmp_path / "m.csv").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=tmp_path / "m.csv")


def test_bad_yaml_metadata(raw, tmp_path):
    (tmp_path / "m.yaml").write_text("one.txt: [outlet\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"m\.yaml:\d+: not valid YAML"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=tmp_path / "m.yaml")
    write_yaml(tmp_path / "m.yaml", {"one.txt": "The Independent"})
    with pytest.raises(CorpusError, match="give its fields as a mapping"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=tmp_path / "m.yaml")
    with pytest.raises(CorpusError, match="no such metadata file"):
        read_metadata(tmp_path / "missing.yaml")


def test_raw_text_without_an_outlet_says_what_to_do(raw, tmp_path):
    with pytest.raises(CorpusError, match=r"one\.txt: no outlet; give the file an `outlet`"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS)


def test_outlet_from_the_url(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"two.txt": {
        "url": "https://www.bbc.co.uk/news/uk-28953549"}})
    written = import_corpus(raw / "two.txt", tmp_path / "out", read_options=OPTIONS,
                            metadata=metadata)
    assert fields_of(written[0])[0]["outlet"] == "BBC News"


def test_folder_mixing_raw_and_front_matter_files(raw, tmp_path):
    (raw / "done.txt").write_text("---\noutlet: BBC News\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="mixes raw text files"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS)
    metadata = write_yaml(tmp_path / "m.yaml", {"done.txt": {"outlet": "BBC News"}})
    with pytest.raises(CorpusError, match="already has YAML front matter"):
        import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=metadata)


def test_refuses_to_write_into_the_source(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"two.txt": {"outlet": "BBC News"}})
    for out in (raw, raw / "corpus"):
        with pytest.raises(CorpusError, match="overlaps the source"):
            import_corpus(raw, out, read_options=OPTIONS, metadata=metadata)


def test_missing_source(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        import_corpus(tmp_path / "nope", tmp_path / "out", read_options=OPTIONS)


def test_front_matter_folder_is_read_by_load_and_its_bodies_cleaned(tmp_path):
    source = tmp_path / "canonical"
    source.mkdir()
    (source / "a.md").write_text(
        "---\noutlet: Some Paper\npublished: 2020-01-02\nheadline: A headline\n---\n"
        "A sentence.\n\nHide Ad\n\nAnother sentence.\n", encoding="utf-8")
    (source / "corpus.yaml").write_text("name: canon\ndescription: Kept.\n", encoding="utf-8")
    written = import_corpus(source, tmp_path / "out", read_options=OPTIONS)
    fields, body = fields_of(written[0])
    assert body == "A sentence.\n\nAnother sentence.\n"
    assert (fields["id"], fields["published"], fields["headline"]) == ("a", "2020-01-02",
                                                                       "A headline")
    assert load(tmp_path / "out").description == "Kept."
    # importing the result again changes nothing: cleaning is idempotent
    again = import_corpus(tmp_path / "out", tmp_path / "out2", read_options=OPTIONS)
    assert again[0].read_text(encoding="utf-8") == written[0].read_text(encoding="utf-8")


def test_metadata_with_a_table_source_is_refused_by_name(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("text,outlet\nBody text.,BBC\n", encoding="utf-8")
    metadata = write_yaml(tmp_path / "m.yaml", {"other.txt": {"outlet": "BBC"}})
    with pytest.raises(CorpusError, match="other.txt is listed but is not in"):
        import_corpus(table, tmp_path / "out", read_options=OPTIONS, metadata=metadata)
    metadata = write_yaml(tmp_path / "m.yaml", {"t.csv": {"outlet": "BBC"}})
    with pytest.raises(CorpusError, match=r"t\.csv: --metadata describes raw text files"):
        import_corpus(table, tmp_path / "out", read_options=OPTIONS, metadata=metadata)


def test_cli_import(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"two.txt": {"outlet": "BBC News"}})
    result = CliRunner().invoke(app, [
        "corpus", "import", str(raw), "-o", str(tmp_path / "out"), "--metadata", str(metadata),
        "--name", "cli", "--description", "From the CLI."])
    assert result.exit_code == 0, result.output
    assert "wrote 1 article(s)" in result.output
    assert load(tmp_path / "out").name == "cli"
    bad = CliRunner().invoke(app, ["corpus", "import", str(raw), "-o", str(tmp_path / "o2")])
    assert bad.exit_code == 1 and "no outlet" in bad.output and "Traceback" not in bad.output


def test_date_and_author_from_the_dateline_when_the_metadata_has_none(raw, tmp_path):
    metadata = write_yaml(tmp_path / "m.yaml", {"one.txt": {"outlet": "The Independent"}})
    written = import_corpus(raw, tmp_path / "out", read_options=OPTIONS, metadata=metadata)
    fields, body = fields_of(written[0])
    assert (fields["published"], fields["date_approximate"]) == ("2014-10-16", False)
    assert (fields["headline"], fields["author"]) == ("Police warn of more scandals",
                                                      "Ian Johnston")
    assert body.startswith("Tens of thousands")


def test_several_exports_make_one_canonical_corpus(tmp_path):
    from tests.corpus.exports.builders import (
        FactivaArticle,
        NexisArticle,
        factiva_html,
        write_nexis_docx,
    )

    nexis = write_nexis_docx(tmp_path / "nexis.docx", [NexisArticle()])
    factiva = tmp_path / "factiva.html"
    factiva.write_text(factiva_html([FactivaArticle()]), encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", "import", str(nexis), str(factiva),
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote 2 article(s)" in result.output
    corpus = load(tmp_path / "out")
    assert corpus.name == "out"
    by_id = {a.id: a for a in corpus.articles}
    assert sorted(by_id) == ["factiva-1", "nexis-1"]
    assert by_id["nexis-1"].outlet == "The Guardian"
    assert by_id["nexis-1"].meta["edition"] == "Final Edition"
    assert by_id["nexis-1"].meta["language"] == "en"
    fields, body = fields_of(tmp_path / "out" / "nexis-1.md")
    assert fields["published"] == "2014-08-27" and fields["author"] == "Helen Pidd"
    assert fields["load_date"] == "August 28, 2014" and "Load-Date" not in body


def test_import_leaves_out_other_languages_unless_asked(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("id,outlet,text,language\na,X,Hello there.,en\nb,X,Hallo.,de\n",
                    encoding="utf-8")
    import_corpus([rows], tmp_path / "en", read_options=OPTIONS)
    assert [a.id for a in load(tmp_path / "en").articles] == ["a"]
    import_corpus([rows], tmp_path / "all", read_options=ReadOptions(all_languages=True))
    everything = load(tmp_path / "all", options=ReadOptions(all_languages=True))
    assert [a.meta["language"] for a in everything.articles] == ["en", "de"]
    assert [a.id for a in load(tmp_path / "all").articles] == ["a"]  # left out at load
