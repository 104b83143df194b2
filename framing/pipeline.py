"""The jobs behind `framing features`, `framing report` and `framing review export`, as
library calls.

Nothing here prints: progress goes to a callback, `progress(stage, done, total)` (done and
total None while a stage has no count), warnings to `logging` (the corpus's own findings
are in `Corpus.warnings`); cli.py shows both.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from framing.corpus import ReadOptions
from framing.errors import FramingError, ReportError
from framing.runtime import collector_paused
from framing.types import Corpus, Features, Lexicon

if TYPE_CHECKING:
    from framing.features.roles import Roles
    from framing.review.export import ExportRow

PROFILES = ("analyst", "handout")
Progress = Callable[[str, int | None, int | None], None]
ANALYSING = "Analysing articles"
RENDERING = "Rendering the PDF"
CONNECTING = "Connecting to the Dask cluster"


@dataclass(frozen=True)
class ReportRequest:
    """Everything `framing report` was asked for."""

    source: Path | None = None
    read_options: ReadOptions = field(default_factory=ReadOptions)
    pdf: Path = Path("out/report.pdf")
    html: Path | None = None
    data: Path | None = None
    profile: str = "analyst"
    title: str | None = None
    lexicons: Path | None = None
    roles: Path | None = None  # the roles lexicon (None: the bundled one)
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    where: tuple[str, ...] = ()
    cache: bool = True
    command: str = ""
    review: tuple[Path, ...] = ()  # review files whose decisions are applied
    period: str | None = None  # the reporting period (framing.features.periods)
    compare: str | None = None  # its baseline: None for the period before, "none" for none
    trend: str | None = None  # month, quarter or year
    dask: str | None = None  # a Dask scheduler's address, or local / local:N (framing.cluster)


@dataclass(frozen=True)
class JobResult:
    """What a job wrote, and what it made on the way."""

    written: list[Path]
    corpus: Corpus
    features: Features
    report: object = None


def compute_features(
    corpus: Corpus,
    *,
    lexicons: Path | Sequence[Lexicon] | None = None,
    roles: Path | Roles | None = None,
    cache: bool | Path = True,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    review: tuple | None = None,
    period: str | None = None,
    compare: str | None = None,
    trend: str | None = None,
    dask=None,
) -> Features:
    """framing.features.compute.compute with lexicons loaded from a folder (None: the
    bundled ones), the roles lexicon from a file (None: the bundled one; or compiled, as
    load_roles gives it) and the feature cache (True: the default folder; a Path: that
    folder); `progress(done, total)` as articles are analysed; the decisions of `review`
    (files read_review read) applied. With `period` and/or `trend`
    (framing.features.periods), only the articles they need are analysed, the features
    describe the period's articles and carry the figures per period and the changes since
    `compare` (None: the period before; "none": no baseline). With `dask` (a scheduler's
    address, `local` or `local:N`, a distributed.Client, or an open framing.cluster.Cluster)
    the articles are analysed on that Dask cluster."""
    from framing.features.compute import compute
    from framing.features.periods import analyse_periods, plan_periods
    from framing.features.roles import Roles, load_roles
    from framing.lexicons import load_lexicons

    plan = plan_periods(corpus, period=period, compare=compare, trend=trend)
    if plan is not None:
        corpus = plan.corpus

    loaded = (tuple(lexicons) if lexicons is not None and not isinstance(lexicons, str | Path)
              else load_lexicons(lexicons))
    compiled_roles = roles if isinstance(roles, Roles) else load_roles(roles)
    with contextlib.ExitStack() as stack:
        runner = (stack.enter_context(cluster_session(dask)) if isinstance(dask, str)
                  else _cluster_of_client(dask))
        feature_cache = None
        if cache is not False:
            from framing.features.cache import FeatureCache

            directory = None if cache is True else Path(cache)
            feature_cache = stack.enter_context(FeatureCache(
                loaded, roles=compiled_roles.lexicon, directory=directory))
        features = compute(corpus, lexicons=loaded, roles=compiled_roles, cache=feature_cache,
                           workers=workers, progress=progress, runner=runner)
    if review:
        from framing.review import apply_decisions

        features = apply_decisions(features, review)
    if plan is not None:
        features = analyse_periods(features, plan)
    return features


@contextlib.contextmanager
def cluster_session(address: str | None, progress: Progress | None = None) -> Iterator:
    """A framing.cluster.Cluster on the Dask cluster at `address` (None: no cluster, and
    Dask is not imported), closed when the block ends."""
    if address is None:
        yield None
        return
    from framing.cluster import connect

    if progress:
        progress(CONNECTING, None, None)
    with connect(address) as cluster:
        yield cluster


def _cluster_of_client(dask):
    """A framing.cluster.Cluster for a distributed.Client (a Dask Gateway's, say); `dask`
    itself otherwise (a Cluster, or None)."""
    if dask is not None and hasattr(dask, "scheduler_info") and hasattr(dask, "submit"):
        from framing.cluster import Cluster

        return Cluster(dask)
    return dask


def read_corpus(source, *, options: ReadOptions, cluster=None,
                progress: Progress | None = None) -> Corpus:
    """framing.corpus.load, or, on a cluster and for a corpus in shards, the corpus its
    workers read (its texts stay with them)."""
    from framing.corpus import load

    if cluster is not None:
        corpus = cluster.load(source, options=options, progress=progress)
        if corpus is not None:
            return corpus
    return load(source, options=options)


def read_review(paths: Sequence[Path]) -> tuple | None:
    """The review files of `--review`, read and checked (framing.review.read_review_files),
    before the long work; None without any."""
    if not paths:
        return None
    from framing.review import read_review_files

    return read_review_files(paths)


def run_features(
    source: Path | None,
    *,
    read_options: ReadOptions,
    out_dir: Path,
    lexicons: Path | None = None,
    roles: Path | None = None,
    cache: bool | Path = True,
    progress: Progress | None = None,
    on_loaded: Callable[[Corpus], None] | None = None,
    review: Sequence[Path] = (),
    period: str | None = None,
    compare: str | None = None,
    trend: str | None = None,
    dask: str | None = None,
) -> JobResult:
    """`framing features`: the CSV tables in `out_dir`. `on_loaded(corpus)` is called
    once the corpus is read (the CLI shows its warnings then); the decisions of the
    `review` files are applied; `roles` is the roles lexicon (None: the bundled one);
    `period`, `compare` and `trend` as for compute_features; with `dask`, on that Dask
    cluster (framing.cluster)."""
    from framing.features.output_tables import write_tables
    from framing.features.roles import load_roles

    check_writable(out_dir)
    decisions = read_review(review)
    compiled_roles = load_roles(roles)  # a mistake in it stops the job before the long work
    with collector_paused(), cluster_session(dask, progress) as cluster:
        corpus = read_corpus(source, options=read_options, cluster=cluster, progress=progress)
        if on_loaded:
            on_loaded(corpus)
        features = compute_features(corpus, lexicons=lexicons, roles=compiled_roles,
                                    cache=cache, progress=_stage(progress, ANALYSING),
                                    review=decisions, period=period, compare=compare,
                                    trend=trend, dask=cluster)
        return JobResult(write_tables(features, out_dir), corpus, features)


def run_report(request: ReportRequest, *, progress: Progress | None = None,
               on_loaded: Callable[[Corpus], None] | None = None) -> JobResult:
    """`framing report`: PDF, HTML and data tables; the tables are written last, so that a
    failed PDF leaves the earlier tables as they were. Callbacks as for run_features."""
    from framing.features.output_tables import write_tables
    from framing.features.roles import load_roles
    from framing.reporting.html import render_html, write_html
    from framing.reporting.pdf import render_pdf
    from framing.selection import select_articles

    if request.profile not in PROFILES:
        raise ReportError(f"--profile {request.profile!r}: choose one of {', '.join(PROFILES)}")
    if request.pdf.suffix.lower() != ".pdf":
        raise ReportError(f"{request.pdf}: the report is a PDF; give -o a name ending in .pdf")
    for path in (request.pdf, request.html, request.data):
        if path is not None:
            check_writable(path)
    decisions = read_review(request.review)
    roles = load_roles(request.roles)  # a mistake in it stops the job before the long work
    with collector_paused(), cluster_session(request.dask, progress) as cluster:
        corpus = read_corpus(request.source, options=request.read_options, cluster=cluster,
                             progress=progress)
        if on_loaded:
            on_loaded(corpus)
        corpus = select_articles(corpus, outlets=request.outlets, since=request.since,
                                 until=request.until, where=request.where)
        features = compute_features(corpus, lexicons=request.lexicons, roles=roles,
                                    cache=request.cache, progress=_stage(progress, ANALYSING),
                                    review=decisions, period=request.period,
                                    compare=request.compare, trend=request.trend,
                                    dask=cluster)
        report = build_report(features, profile=request.profile, title=request.title,
                              command=request.command)
        if progress:
            progress(RENDERING, None, None)
        html = render_html(report)  # one render for the PDF and the HTML file
        written = [render_pdf(report, request.pdf, html=html)]
        if request.html is not None:
            written.append(write_html(report, request.html, html=html))
        if request.data is not None:
            written.extend(write_tables(features, request.data))
        return JobResult(written, corpus, features, report)


@dataclass(frozen=True)
class ExportRequest:
    """Everything `framing review export` was asked for."""

    source: Path | None
    output: Path
    read_options: ReadOptions = field(default_factory=ReadOptions)
    lexicons: Path | None = None
    lexicon_names: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    where: tuple[str, ...] = ()
    sample: int | None = None
    seed: int = 0
    force: bool = False
    cache: bool = True


def run_review_export(request: ExportRequest, *, progress=None, on_loaded=None
                      ) -> tuple[Path, list[ExportRow], int]:
    """Read the corpus, find its mentions and write the review file: (its path, the rows
    written, the mentions there were to choose from). `progress(done, total)` as articles are
    analysed; `on_loaded(corpus)` once the corpus is read."""
    from framing.atomic import write_files_atomically
    from framing.corpus import load
    from framing.errors import ReviewError
    from framing.lexicons import load_lexicons
    from framing.review.export import (
        export_csv,
        export_rows,
        has_decisions,
        reading_order,
        stratified_sample,
    )
    from framing.selection import select_articles

    if request.sample is not None and request.sample < 1:
        raise ReviewError(f"--sample {request.sample}: give a number of mentions, 1 or more")
    if request.output.exists() and not request.force and has_decisions(request.output):
        raise ReviewError(f"{request.output}: this review file has decisions in it; write the "
                          "export elsewhere with -o, or give --force to replace it")
    if request.lexicon_names:
        known = sorted(lx.name for lx in load_lexicons(request.lexicons))
        missing = [name for name in request.lexicon_names if name not in known]
        if missing:
            raise ReviewError(f"--lexicon {', '.join(missing)}: no such lexicon; there are: "
                              f"{', '.join(known)}")
    check_writable(request.output)
    corpus = load(request.source, options=request.read_options)
    if on_loaded:
        on_loaded(corpus)
    corpus = select_articles(corpus, outlets=request.outlets, since=request.since,
                             until=request.until, where=request.where)
    features = compute_features(corpus, lexicons=request.lexicons, cache=request.cache,
                                progress=progress)
    everything = export_rows(features, lexicons=request.lexicon_names)
    rows = (stratified_sample(everything, request.sample, seed=request.seed)
            if request.sample is not None else everything)
    rows = sorted(rows, key=reading_order)
    write_files_atomically({request.output: export_csv(features, rows)})
    return request.output, rows, len(everything)


def build_report(features: Features, *, profile: str = "analyst", title: str | None = None,
                 command: str = ""):
    """The Report of `features`: evidence chosen, sections built (nothing rendered yet)."""
    from framing.evidence import select
    from framing.reporting.build import build

    return build(features, select(features), profile=profile, title=title, command=command)


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    return None if progress is None else lambda done, total: progress(stage, done, total)


def check_writable(path: Path) -> None:
    """Fail early, before the long work, when the output folder cannot be written."""
    folder = path if path.suffix == "" else path.parent
    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        raise FramingError(f"{folder}: cannot write here; choose another place with -o")
