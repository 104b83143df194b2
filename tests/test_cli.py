"""The CLI end to end on small corpora written to tmp_path; asserts the files written."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.paths import DEFAULT_CORPUS

runner = CliRunner()


def write_article(folder, name, *, outlet, published, headline, body, standfirst=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        "---\n"
        f'outlet: "{outlet}"\n'
        f'published: "{published}"\n'
        f'headline: "{headline}"\n'
        f'standfirst: "{standfirst}"\n'
        "---\n" + body + "\n",
        encoding="utf-8",
    )


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "corpus"
    write_article(
        folder,
        "a1",
        outlet="Daily One",
        published="2020-01-02",
        headline="Council failings",
        body="The council ignored warnings.\n\nMr Smith said: “It was a cover-up.”",
    )
    write_article(
        folder,
        "a2",
        outlet="Daily One",
        published="2020-02-03",
        headline="Inquiry opens",
        body="An inquiry into the failings opened today.\n\nVictims welcomed it.",
    )
    write_article(
        folder,
        "b1",
        outlet="Weekly Two",
        published="2020-01",
        headline="Gangs jailed",
        body="Five men were jailed for abuse.\n\nThe judge praised the survivors' courage.",
    )
    return folder


def test_help_is_fast_to_reach_and_has_short_flag():
    result = runner.invoke(app, ["-h"])
    assert result.exit_code == 0
    assert "report" in result.output and "features" in result.output


def test_features_writes_six_tables(small_corpus, tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(
        app, ["features", str(small_corpus), "-o", str(out), "--no-cache", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.csv",
        "mentions.csv",
        "outlets.csv",
        "quotes.csv",
        "sentences.csv",
        "terms.csv",
    ]
    outlets = pd.read_csv(out / "outlets.csv")
    assert list(outlets["outlet"]) == ["Daily One", "Weekly Two"]
    assert list(outlets["articles"]) == [2, 1]


def test_missing_corpus_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["corpus", "info", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error:")
    assert "nope" in result.output
    assert "Traceback" not in result.output


def test_bad_outlet_alias_syntax(small_corpus):
    result = runner.invoke(app, ["corpus", "info", str(small_corpus), "--outlet-alias", "x"])
    assert result.exit_code == 1
    assert "Spelling=Outlet" in result.output


def test_report_writes_pdf_html_and_data(small_corpus, tmp_path):
    pdf = tmp_path / "out" / "r.pdf"
    result = runner.invoke(
        app, ["report", str(small_corpus), "-o", str(pdf), "--no-cache", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (
        (tmp_path / "out" / "r.html")
        .read_text(encoding="utf-8")
        .lstrip()
        .startswith("<!DOCTYPE html>")
    )
    assert (tmp_path / "out" / "r-data" / "mentions.csv").exists()


def test_report_rejects_unknown_profile(small_corpus, tmp_path):
    result = runner.invoke(
        app, ["report", str(small_corpus), "-o", str(tmp_path / "r.pdf"), "--profile", "poster"]
    )
    assert result.exit_code == 1
    assert "analyst, handout" in result.output
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(not DEFAULT_CORPUS.exists(), reason="bundled corpus not built")
def test_corpus_info_on_bundled_corpus():
    result = runner.invoke(app, ["corpus", "info"])
    assert result.exit_code == 0, result.output
    for outlet in ("The Independent", "BBC News", "The Yorkshire Post", "Breitbart"):
        assert outlet in result.output


def test_ctrl_c_while_the_cli_starts_up_is_one_line_and_code_130(monkeypatch, capsys):
    import builtins

    import framing.__main__ as entry

    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "framing.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == (
        "error: interrupted (Ctrl-C) while starting; nothing was written\n")


@pytest.mark.parametrize("command", [["report"], ["features"], ["kwic", "x"], ["corpus", "info"],
                                     ["corpus", "validate"], ["corpus", "import"]])
def test_commands_that_read_a_corpus_take_all_languages(command):
    result = runner.invoke(app, [*command, "-h"], terminal_width=200)
    assert result.exit_code == 0
    assert "--all-languages" in result.output


def test_corpus_info_on_an_export_shows_languages_and_all_languages_keeps_them(tmp_path):
    from tests.corpus.exports.builders import FactivaArticle, factiva_html

    german = FactivaArticle(
        headline="Jamaika-Ende", fields=("254 words", "25 November 2017",
                                         "Süddeutsche Zeitung", "SDDZ", "German", "(c) SZ"),
        paragraphs=("Bei der Bundestagswahl vor zwei Monaten wurden Vertreter sechs "
                    "verschiedener Parteien in den Bundestag gewählt.",),
        document_id="SDDZ000020171125edbp0006f")
    path = tmp_path / "mixed.html"
    path.write_text(factiva_html([FactivaArticle(), german]), encoding="utf-8")
    result = runner.invoke(app, ["corpus", "info", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 article, 1 outlet" in result.output
    assert ("Languages: English 1; left out: German 1 (--all-languages keeps them)"
            in result.output)
    everything = runner.invoke(app, ["corpus", "info", str(path), "--all-languages"])
    assert "2 articles, 2 outlets" in everything.output
    assert "Languages: English 1, German 1" in everything.output
    only_german = tmp_path / "german.html"
    only_german.write_text(factiva_html([german]), encoding="utf-8")
    refused = runner.invoke(app, ["corpus", "info", str(only_german)])
    assert refused.exit_code == 1
    assert refused.output.startswith(f"error: {only_german}: no article in English")
