"""The jobs as library calls: what `framing report` writes, whichever process makes it."""

from __future__ import annotations

import json
import os

from framing import pipeline
from framing.features import tables
from framing.pipeline import ReportRequest, run_report
from framing.report import pdf


class StandInDocument:
    """A laid-out document that writes a fixed PDF, so no layout is needed."""

    def write_pdf(self, target=None, **options):
        with open(target, "wb") as stream:
            stream.write(b"%PDF-1.7\n%%EOF\n")


def test_tables_made_beside_the_pdf_are_the_tables_made_after_it(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "layout_html", lambda html: StandInDocument())

    def report(name: str) -> dict[str, bytes]:
        request = ReportRequest(pdf=tmp_path / name / "r.pdf", html=tmp_path / name / "r.html",
                                data=tmp_path / name / "data", cache=False, quiet=True)
        written = run_report(request)
        assert [path.name for path in written] == ["r.pdf", "r.html", *tables.TABLES]
        return {path.name: path.read_bytes() for path in written if path.suffix == ".csv"}

    after = report("after")
    parent, make = os.getpid(), tables.table_contents

    def in_another_process(*args):
        assert os.getpid() != parent, "the tables were made in the parent process"
        return make(*args)

    monkeypatch.setattr(pipeline, "TABLES_BESIDE_SENTENCES", 1)
    monkeypatch.setattr(tables, "table_contents", in_another_process)
    assert report("beside") == after


def test_sentences_made_beside_the_other_tables_are_the_table_made_with_them(tmp_path,
                                                                             monkeypatch):
    from framing.corpus import ReadOptions
    from framing.pipeline import run_features

    def features(name: str) -> dict[str, bytes]:
        written = run_features(None, read_options=ReadOptions(), out_dir=tmp_path / name,
                               cache=False, quiet=True)
        return {path.name: path.read_bytes() for path in written}

    alone = features("alone")
    parent, make = os.getpid(), tables.table_contents
    log = tmp_path / "made.jsonl"

    def noting_the_process(features, out_dir, **options):
        with log.open("a") as stream:  # the child's calls are not seen in this process
            stream.write(json.dumps([os.getpid() != parent, sorted(options["names"])]) + "\n")
        return make(features, out_dir, **options)

    monkeypatch.setattr(pipeline, "TABLES_BESIDE_SENTENCES", 1)
    monkeypatch.setattr(tables, "table_contents", noting_the_process)
    assert features("beside") == alone
    made = [json.loads(line) for line in log.read_text().splitlines()]
    assert [True, ["sentences.csv"]] in made
    assert all(names != ["sentences.csv"] for beside, names in made if not beside)


def test_features_add_articles_in_the_terms_process_forked_before_reading(tmp_path,
                                                                          monkeypatch):
    """With the cache, `framing features` forks the process for the terms of added articles
    before it reads the corpus, and that process does their work: same tables."""
    from framing.corpus import ReadOptions
    from framing.features import compute as compute_module
    from framing.pipeline import run_features
    from tests.features.test_compute import small_corpus

    rows = [{"id": a.id, "outlet": a.outlet, "headline": a.headline, "text": a.text}
            for a in small_corpus(30).articles]
    for name, part in (("most", rows[:28]), ("all", rows)):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in part), encoding="utf-8")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(compute_module, "POOL_THRESHOLD", 10)
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    parent, steps = os.getpid(), []
    fork, read, add = (compute_module.terms_process_for_later, pipeline.load_corpus,
                       compute_module._add_and_score)

    def added_beside(stored, *args, **kwargs):
        if os.getpid() != parent:
            (tmp_path / "added beside").touch()
        return add(stored, *args, **kwargs)

    monkeypatch.setattr(compute_module, "terms_process_for_later",
                        lambda: steps.append("fork") or fork())
    monkeypatch.setattr(pipeline, "load_corpus", lambda *a, **k: steps.append("read") or read(
        *a, **k))
    monkeypatch.setattr(compute_module, "_add_and_score", added_beside)

    def features(name: str, *, cache: bool = True) -> dict[str, bytes]:
        written = run_features(tmp_path / f"{name}.jsonl", read_options=ReadOptions(),
                               out_dir=tmp_path / f"out-{name}-{cache}", cache=cache,
                               quiet=True)
        return {path.name: path.read_bytes() for path in written}

    features("most")
    assert not (tmp_path / "added beside").exists()
    assert features("all") == features("all", cache=False)
    assert (tmp_path / "added beside").exists()
    assert steps == ["fork", "read", "fork", "read", "read"]


def test_the_report_runs_with_the_collector_paused_and_restores_it(tmp_path, monkeypatch):
    import gc

    from framing import evidence
    from framing.report import build

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
        run_report(ReportRequest(pdf=tmp_path / "r.pdf", cache=False, quiet=True))
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert seen == [False, False]


def test_a_job_that_retains_its_objects_leaves_the_collector_paused(tmp_path, monkeypatch):
    """The CLI ends the process after the job: collecting the job's objects first is waste."""
    import gc

    from framing.corpus import ReadOptions
    from framing.pipeline import run_features

    monkeypatch.setattr(pdf, "layout_html", lambda html: StandInDocument())
    was = gc.isenabled()
    try:
        gc.enable()
        retained: list = []
        run_report(ReportRequest(pdf=tmp_path / "r.pdf", cache=False, quiet=True),
                   retain=retained)
        assert not gc.isenabled()
        assert [type(kept).__name__ for kept in retained] == ["Corpus", "Features", "Report"]
        gc.enable()
        run_features(None, read_options=ReadOptions(), out_dir=tmp_path / "f", cache=False,
                     quiet=True, retain=[])
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
