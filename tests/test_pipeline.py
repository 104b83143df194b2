"""The jobs as library calls: what they write, what they report, and that they never print."""

from __future__ import annotations

import gc
import logging

from framing.corpus import ReadOptions
from framing.features.output_tables import TABLES
from framing.pipeline import ReportRequest, run_features, run_report
from framing.reporting import pdf


class StandInDocument:
    """A laid-out document that writes a fixed PDF, so no layout is needed."""

    def write_pdf(self, target=None, **options):
        with open(target, "wb") as stream:
            stream.write(b"%PDF-1.7\n%%EOF\n")


def test_report_writes_pdf_html_and_the_tables_last(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "layout_html", lambda html: StandInDocument())
    stages = []
    request = ReportRequest(pdf=tmp_path / "r.pdf", html=tmp_path / "r.html",
                            data=tmp_path / "data", cache=False)
    result = run_report(request, progress=lambda stage, done, total: stages.append(
        (stage, done, total)), on_loaded=lambda corpus: stages.append(len(corpus.articles)))
    assert [path.name for path in result.written] == ["r.pdf", "r.html", *TABLES]
    assert type(result.report).__name__ == "Report" and result.corpus is result.features.corpus
    assert stages[0] == 5 and stages[-1] == ("Rendering the PDF", None, None)
    assert ("Analysing articles", 5, 5) in stages
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_the_jobs_run_with_the_collector_paused_and_restore_it(tmp_path, monkeypatch):
    from framing import evidence
    from framing.reporting import build

    seen = []
    select, make = evidence.select, build.build
    monkeypatch.setattr(pdf, "layout_html", lambda html: StandInDocument())
    monkeypatch.setattr(evidence, "select",
                        lambda *a, **k: seen.append(gc.isenabled()) or select(*a, **k))
    monkeypatch.setattr(build, "build",
                        lambda *a, **k: seen.append(gc.isenabled()) or make(*a, **k))
    was = gc.isenabled()
    gc.enable()
    try:
        run_report(ReportRequest(pdf=tmp_path / "r.pdf", cache=False))
        assert gc.isenabled()
        run_features(None, read_options=ReadOptions(), out_dir=tmp_path / "f", cache=False,
                     on_loaded=lambda corpus: seen.append(gc.isenabled()))
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert seen == [False, False, False]


def test_cache_warnings_are_logged_not_printed(tmp_path, caplog, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="framing"):
        result = run_features(None, read_options=ReadOptions(), out_dir=tmp_path / "f",
                              cache=blocked)
    assert len(result.written) == len(TABLES)
    assert any("feature cache not used" in record.getMessage() for record in caplog.records)
    assert capsys.readouterr() == ("", "")
