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


def test_help_shows_bracketed_words_rich_would_take_for_markup():
    result = runner.invoke(app, ["features", "-h"])
    assert result.exit_code == 0
    assert "pip install 'framing[dask]'" in " ".join(result.output.replace("│", " ").split())


def test_features_writes_the_tables(small_corpus, tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(
        app, ["features", str(small_corpus), "-o", str(out), "--no-cache", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.csv",
        "changes.csv",
        "mentions.csv",
        "outlets.csv",
        "periods.csv",
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


def test_features_with_a_period_and_a_trend_writes_the_periods_and_changes(small_corpus,
                                                                           tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(app, ["features", str(small_corpus), "-o", str(out), "--no-cache",
                                 "--quiet", "--period", "2020-02", "--trend", "month"])
    assert result.exit_code == 0, result.output
    outlets = pd.read_csv(out / "outlets.csv")
    assert list(outlets["outlet"]) == ["Daily One"]  # the period's articles only
    periods = pd.read_csv(out / "periods.csv")
    assert sorted(set(periods["period"])) == ["2020-01", "2020-02"]
    assert len(periods) == 4  # two outlets, two months; Weekly Two's February is empty
    empty = periods[(periods.outlet == "Weekly Two") & (periods.period == "2020-02")].iloc[0]
    assert empty["articles"] == 0 and pd.isna(empty["ethnicity_per_1k"])
    changes = pd.read_csv(out / "changes.csv")
    assert set(changes["period"]) == {"2020-02"} and set(changes["baseline"]) == {"2020-01"}
    assert list(changes.columns) == ["outlet", "measure", "period", "baseline", "value",
                                     "baseline_value", "change", "ci_low", "ci_high", "p", "q",
                                     "flagged"]


def test_report_with_a_period_says_what_changed(small_corpus, tmp_path):
    pdf = tmp_path / "out" / "r.pdf"
    result = runner.invoke(app, ["report", str(small_corpus), "-o", str(pdf), "--no-cache",
                                 "--quiet", "--period", "2020-02", "--compare", "2020-01",
                                 "--trend", "month"])
    assert result.exit_code == 0, result.output
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert "Changes since 2020-01" in html and "Trends by month" in html
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("options", "message"), [
    (["--period", "2020-13"], "--period '2020-13': not a period; write 2024, 2024-Q3"),
    (["--period", "2019"], "--period 2019: no article falls in it"),
    (["--compare", "2020-01"], "needs a period"),
    (["--trend", "weekly"], "--trend 'weekly': choose month, quarter or year"),
])
def test_period_mistakes_are_one_line_errors(small_corpus, tmp_path, options, message):
    result = runner.invoke(app, ["features", str(small_corpus), "-o", str(tmp_path / "t"),
                                 "--no-cache", "--quiet", *options])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and message in result.output
    assert "Traceback" not in result.output


ROLES_FILE = """\
name: my_roles
description: Sources by whether they are in uniform.
categories:
  - name: uniformed
    description: Police and the armed forces.
terms:
  uniformed:
    - "{police|officer|officers|soldier}"
"""


def test_features_with_roles_gives_quoted_speakers_those_roles(small_corpus, tmp_path):
    roles = tmp_path / "my_roles.yaml"
    roles.write_text(ROLES_FILE.replace("{police|officer|officers|soldier}",
                                        "{police|officer|Mr}"), encoding="utf-8")
    out = tmp_path / "tables"
    result = runner.invoke(app, ["features", str(small_corpus), "-o", str(out), "--no-cache",
                                 "--quiet", "--roles", str(roles)])
    assert result.exit_code == 0, result.output
    quotes = pd.read_csv(out / "quotes.csv")
    (row,) = quotes[quotes["kind"] == "direct"].to_dict("records")
    assert (row["speaker"], row["role"], row["cue"]) == ("Mr Smith", "uniformed", "said")
    outlets = pd.read_csv(out / "outlets.csv")
    assert "quotations_uniformed_share" in outlets.columns
    assert "quotations_police_share" not in outlets.columns  # the bundled roles are not used
    default = tmp_path / "default"
    runner.invoke(app, ["features", str(small_corpus), "-o", str(default), "--no-cache",
                        "--quiet"])
    assert pd.read_csv(default / "quotes.csv")["role"].tolist() == ["other"]


def test_report_takes_roles_too(small_corpus, tmp_path):
    roles = tmp_path / "my_roles.yaml"
    roles.write_text(ROLES_FILE, encoding="utf-8")
    result = runner.invoke(app, ["report", str(small_corpus), "-o", str(tmp_path / "r.pdf"),
                                 "--no-cache", "--quiet", "--roles", str(roles)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Who speaks" in html and "uniformed (police and the armed forces)" in html
    assert "Roles lexicon my_roles" in html


@pytest.mark.parametrize("command", ["features", "report"])
def test_a_bad_roles_file_is_a_one_line_error_before_any_work(small_corpus, tmp_path, command):
    roles = tmp_path / "roles.yaml"
    roles.write_text("name: broken\ncategories:\n  - name: police\nterms:\n  police: [\"{a|\"]\n",
                     encoding="utf-8")
    output = tmp_path / ("out.pdf" if command == "report" else "out")
    result = runner.invoke(app, [command, str(small_corpus), "-o", str(output), "--quiet",
                                 "--no-cache", "--roles", str(roles)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {roles}:")
    assert "Traceback" not in result.output and not output.exists()
    missing = runner.invoke(app, [command, str(small_corpus), "-o", str(output), "--quiet",
                                  "--roles", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and missing.output.startswith("error: ")
    assert "nope.yaml" in missing.output
