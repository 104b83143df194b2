"""framing.cluster: the analysis on a Dask cluster gives the tables of a local run, byte for
byte, however the corpus is split; shards are read by the workers, whose texts stay there;
a worker lost mid-run changes nothing; an unreachable scheduler is one line."""

from __future__ import annotations

import dataclasses
import filecmp
import gzip
import json
import os
import random
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import ReadOptions, load
from framing.corpus.load import FURNITURE_DONE
from framing.features.compute import compute
from framing.features.output_tables import TABLES, table_contents
from framing.lexicons import load_lexicons
from framing.paths import DEFAULT_CORPUS
from framing.types import Corpus, PackedQuotations

distributed = pytest.importorskip("distributed")

from framing import cluster as cluster_module  # noqa: E402
from framing import pipeline  # noqa: E402
from framing.held import HeldArticle  # noqa: E402

runner = CliRunner()
LEXICONS = load_lexicons()
PROJECT = Path(__file__).resolve().parents[1]


def new_cluster(workers: int = 2):
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                    dashboard_address=":0")


@pytest.fixture(scope="module")
def dask_address():
    """A LocalCluster of 2 worker processes for the module's tests; its scheduler's address."""
    with new_cluster() as local:
        yield local.scheduler_address


@pytest.fixture
def session(dask_address):
    with cluster_module.connect(dask_address) as cluster:
        yield cluster


def copies(n: int) -> Corpus:
    """The bundled corpus n times over, each copy's articles with ids of their own."""
    bundled = load(DEFAULT_CORPUS)
    articles = [dataclasses.replace(a, id=f"{a.id}-{k}", meta={**a.meta, "copy": str(k)})
                for k in range(n) for a in bundled.articles]
    return dataclasses.replace(bundled, articles=tuple(articles))


def write_shards(corpus: Corpus, folder: Path, n: int, *, marked: bool = True) -> str:
    """The corpus as n JSON Lines shards in `folder`, marked as free of outlet furniture
    (as `framing corpus import --shards` marks them; the copies of one article would all be
    furniture); their glob."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(corpus.articles) // n)
    for k in range(n):
        with (folder / f"part-{k:02d}.jsonl").open("w", encoding="utf-8") as file:
            for a in corpus.articles[k * size:(k + 1) * size]:
                file.write(json.dumps({
                    "id": a.id, "outlet": a.outlet, "date": str(a.published or ""),
                    "headline": a.headline, "standfirst": a.standfirst, "text": a.text,
                    "author": a.author, "url": a.url, **a.meta,
                    **(dict([FURNITURE_DONE]) if marked else {})}) + "\n")
    return str(folder / "part-*.jsonl")


def tables(features) -> dict[str, bytes]:
    return {path.name: data for path, data in table_contents(features, Path("t")).items()}


def same_files(one: Path, other: Path) -> None:
    for name in TABLES:
        assert filecmp.cmp(one / name, other / name, shallow=False), name


@pytest.mark.parametrize("partitions", [1, 2, 7, 20])
def test_partitions_change_no_byte_of_the_tables(session, tmp_path, partitions):
    corpus = copies(8)
    local = tables(compute(corpus, lexicons=LEXICONS, workers=1))
    session.partitions = partitions  # a corpus read here, sent in that many partitions
    assert tables(compute(corpus, lexicons=LEXICONS, runner=session)) == local
    # shards the workers read: as many partitions as files
    pattern = write_shards(corpus, tmp_path / "shards", partitions)
    held = session.load(pattern, options=ReadOptions())
    assert all(isinstance(a, HeldArticle) for a in held.articles)
    from_shards = load(pattern)
    on_cluster = compute(held, lexicons=LEXICONS, runner=session)
    assert isinstance(on_cluster.quotations, PackedQuotations)  # not an object a quotation
    here = compute(from_shards, lexicons=LEXICONS, workers=1)
    assert on_cluster.quotations == here.quotations
    assert tables(on_cluster) == tables(here)


def test_bundled_corpus_tables_are_those_of_the_local_run(dask_address, tmp_path):
    local = runner.invoke(app, ["features", "-o", str(tmp_path / "local"), "--no-cache"])
    assert local.exit_code == 0, local.output
    on_cluster = runner.invoke(app, ["features", "-o", str(tmp_path / "dask"), "--no-cache",
                                     "--dask", dask_address])
    assert on_cluster.exit_code == 0, on_cluster.output
    same_files(tmp_path / "local", tmp_path / "dask")


def test_allsides_sample_tables_are_those_of_the_local_run(dask_address, shared_data,
                                                           tmp_path):
    source = shared_data / "allsides" / "articles.jsonl.gz"
    if not source.is_file():
        pytest.skip("no AllSides corpus")
    with gzip.open(source, "rt", encoding="utf-8") as file:
        lines = [line for line in file if line.strip()]
    sample = random.Random(1).sample(lines, 2000)
    (tmp_path / "sample.jsonl").write_text("".join(sample), encoding="utf-8")
    folder = tmp_path / "shards"  # as users make them: furniture removed, then split
    imported = runner.invoke(app, ["corpus", "import", str(tmp_path / "sample.jsonl"), "-o",
                                   str(folder), "--shards", "4"])
    assert imported.exit_code == 0, imported.output
    pattern = str(folder / "part-*.parquet")
    local = runner.invoke(app, ["features", pattern, "-o", str(tmp_path / "local"),
                                "--no-cache"])
    assert local.exit_code == 0, local.output
    on_cluster = runner.invoke(app, ["features", pattern, "-o", str(tmp_path / "dask"),
                                     "--no-cache", "--dask", dask_address])
    assert on_cluster.exit_code == 0, on_cluster.output
    same_files(tmp_path / "local", tmp_path / "dask")


def test_shards_with_furniture_not_removed_need_keep_furniture(dask_address, tmp_path):
    pattern = write_shards(copies(2), tmp_path / "shards", 2, marked=False)
    refused = runner.invoke(app, ["features", pattern, "-o", str(tmp_path / "no"),
                                  "--no-cache", "--dask", dask_address])
    assert refused.exit_code == 1 and refused.output.count("\n") == 1
    assert "--shards N" in refused.output and "--keep-furniture" in refused.output
    assert not (tmp_path / "no").exists()
    for where, more in (("local", []), ("dask", ["--dask", dask_address])):
        kept = runner.invoke(app, ["features", pattern, "-o", str(tmp_path / where),
                                   "--no-cache", "--keep-furniture", *more])
        assert kept.exit_code == 0, kept.output
    same_files(tmp_path / "local", tmp_path / "dask")


def test_a_worker_killed_mid_run_changes_nothing(tmp_path):
    pattern = write_shards(copies(40), tmp_path / "shards", 4)
    local = pipeline.run_features(pattern, read_options=ReadOptions(),
                                  out_dir=tmp_path / "local", cache=False)
    killed: list[int] = []
    with new_cluster() as local_cluster, distributed.Client(local_cluster) as client:
        workers = sorted(client.run(os.getpid).values())

        def progress(stage, done, total):
            if stage == pipeline.ANALYSING and done and not killed:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

        result = pipeline.run_features(pattern, read_options=ReadOptions(),
                                       out_dir=tmp_path / "dask", cache=False,
                                       progress=progress, dask=local_cluster.scheduler_address)
        assert killed and result.corpus.articles[0].id == local.corpus.articles[0].id
    same_files(tmp_path / "local", tmp_path / "dask")


def test_the_report_fetches_only_the_texts_it_quotes(dask_address, tmp_path):
    from framing.reporting.html import render_html

    pattern = write_shards(copies(20), tmp_path / "shards", 3)
    local = pipeline.compute_features(load(pattern), cache=False)
    with pipeline.cluster_session(dask_address) as cluster:
        corpus = cluster.load(pattern, options=ReadOptions())
        features = pipeline.compute_features(corpus, cache=False, dask=cluster)
        handout = pipeline.build_report(features, profile="handout")
        fetched = {a.id for a in corpus.articles if "text" in a.__dict__}
        analyst = pipeline.build_report(features)  # its audit appendix quotes every mention
    assert all(isinstance(a, HeldArticle) for a in corpus.articles)
    assert {quote.article_id for quote in handout.quotes} <= fetched
    assert len(fetched) < len(corpus.articles) / 2
    assert render_html(analyst) == render_html(pipeline.build_report(local))
    assert render_html(handout) == render_html(pipeline.build_report(local, profile="handout"))


def test_the_feature_cache_works_as_locally(dask_address, tmp_path):
    pattern = write_shards(copies(4), tmp_path / "shards", 2)
    cache = tmp_path / "cache"
    local = pipeline.compute_features(load(pattern), cache=cache)
    seen = []
    with pipeline.cluster_session(dask_address) as cluster:
        held = cluster.load(pattern, options=ReadOptions())
        again = pipeline.compute_features(held, cache=cache, dask=cluster,
                                          progress=lambda done, total: seen.append(done))
        assert tables(again) == tables(local)  # the quoted words are fetched from the cluster
    assert seen[0] == len(held.articles)  # every article's results came from the cache


def test_progress_comes_from_the_cluster(dask_address, tmp_path):
    pattern = write_shards(copies(2), tmp_path / "shards", 3)
    stages = []
    pipeline.run_features(pattern, read_options=ReadOptions(), out_dir=tmp_path / "out",
                          cache=False, dask=dask_address,
                          progress=lambda stage, done, total: stages.append((stage, done, total)))
    assert stages[0] == (pipeline.CONNECTING, None, None)
    assert (cluster_module.READING, 3, 3) in stages
    assert stages[-1] == (pipeline.ANALYSING, 10, 10)


def test_analyse_with_dask_gives_the_same_tables(dask_address):
    import framing

    corpus = framing.load()
    local = framing.analyse(corpus, cache=False, workers=1)
    assert framing.analyse(corpus, cache=False, dask=dask_address).terms.equals(local.terms)
    with distributed.Client(dask_address, set_as_default=False) as client:  # a Gateway's, say
        assert framing.analyse(corpus, cache=False, dask=client).mentions.equals(
            local.mentions)
        assert client.status == "running"  # left open: it is the caller's


def test_an_unreachable_scheduler_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(cluster_module, "CONNECT_SECONDS", 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(app, ["features", "-o", str(tmp_path), "--dask",
                                 f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: --dask tcp://127.0.0.1:{port}: no Dask scheduler answered within 1 s")
    assert "check that the scheduler is running" in lines[0]
    assert not (tmp_path / "outlets.csv").exists()


@pytest.mark.parametrize("address", ["local:0", "not an address"])
def test_a_bad_address_is_one_line(address, tmp_path):
    result = runner.invoke(app, ["features", "-o", str(tmp_path), "--dask", address])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: --dask {address}")


def test_without_dask_dask_is_not_imported(tmp_path):
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from framing.corpus import ReadOptions\n"
            "from framing.pipeline import run_features\n"
            f"run_features(None, read_options=ReadOptions(), out_dir=Path({str(tmp_path)!r}),"
            " cache=False)\n"
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')]\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT)
