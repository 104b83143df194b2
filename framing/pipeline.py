"""The jobs the CLI runs, as library calls: load, compute, select evidence, build, write."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.corpus import ReadOptions
from framing.errors import FramingError, ReportError, terminal_safe
from framing.runtime import Later, collector_paused, in_background
from framing.types import Corpus, Features

PROFILES = ("analyst", "handout")
# From this many sentences on, the report's data tables are made by a second process.
TABLES_BESIDE_SENTENCES = 200_000


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
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    where: tuple[str, ...] = ()
    cache: bool = True
    quiet: bool = False
    command: str = ""
    review: tuple[Path, ...] = ()  # review files whose decisions are applied


def _say(message: str, *, quiet: bool) -> None:
    if not quiet:
        print(terminal_safe(message), file=sys.stderr)


@contextlib.contextmanager
def _progress(label: str, *, quiet: bool) -> Iterator:
    """A rich progress bar on stderr; yields a `progress(done, total)` callback."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def load_corpus(source: Path | None, options: ReadOptions, *, quiet: bool = True) -> Corpus:
    from framing.corpus import load

    corpus = load(source, options=options)
    for warning in corpus.warnings[:20]:
        _say(f"warning: {warning}", quiet=quiet)
    if len(corpus.warnings) > 20:
        _say(f"warning: ... and {len(corpus.warnings) - 20} more (framing corpus info lists them)",
             quiet=quiet)
    return corpus


def compute_features(
    corpus: Corpus, *, lexicons: Path | None, cache: bool, quiet: bool,
    process: Later | None = None,
) -> Features:
    with computing_features(corpus, lexicons=lexicons, cache=cache, quiet=quiet,
                            process=process) as (_, finish):
        return finish()


@contextlib.contextmanager
def terms_process(*, cache: bool) -> Iterator[Later | None]:
    """With the cache, a process for the terms of a few articles added to a cached corpus
    (framing.features.compute.terms_process_for_later), forked before the corpus is read,
    for `computing_features`; else None."""
    if not cache or (os.cpu_count() or 1) < 2:
        yield None
        return
    from framing.features.compute import terms_process_for_later

    with terms_process_for_later() as later:
        yield later


@contextlib.contextmanager
def computing_features(
    corpus: Corpus, *, lexicons: Path | None, cache: bool, quiet: bool,
    process: Later | None = None,
) -> Iterator[tuple[Features, Callable[[], Features]]]:
    """framing.features.compute.computing with the lexicons, the cache and a progress bar:
    the Features before their distinctive terms, and `finish()` for the whole Features.
    `process` is from `terms_process`."""
    from framing.features.compute import computing
    from framing.lexicons import load_lexicons

    loaded = load_lexicons(lexicons)
    feature_cache = None
    if cache:
        from framing.cache import FeatureCache

        feature_cache = FeatureCache(loaded)
    try:
        with _progress("Analysing articles", quiet=quiet) as progress, computing(
                corpus, lexicons=loaded, cache=feature_cache, progress=progress,
                terms_process=process) as computed:
            yield computed
    finally:
        if feature_cache is not None:
            if feature_cache.warning:
                _say(f"warning: {feature_cache.warning}", quiet=quiet)
            feature_cache.close()


def run_features(
    source: Path | None,
    *,
    read_options: ReadOptions,
    out_dir: Path,
    lexicons: Path | None = None,
    cache: bool = True,
    quiet: bool = False,
    retain: list | None = None,
    review: Sequence[Path] = (),
) -> list[Path]:
    """`framing features`: the five CSV tables in `out_dir`.

    `retain`, if given, gets the job's corpus and features, and the collector is left
    paused (see `run_report`)."""
    from framing.atomic import write_files_atomically
    from framing.features.tables import TABLES, table_contents

    check_writable(out_dir)
    decisions = read_review(review)
    with collector_paused(resume=retain is None), terms_process(cache=cache) as process:
        corpus = load_corpus(source, read_options, quiet=quiet)
        # The tables but terms.csv are made while the terms are scored; on a big corpus
        # sentences.csv, the biggest, by a second process meanwhile.
        with computing_features(corpus, lexicons=lexicons, cache=cache, quiet=quiet,
                                process=process) as (early, finish):
            early = reviewed(early, decisions, quiet=quiet)  # terms.csv needs no review
            beside = len(early.sentences) >= TABLES_BESIDE_SENTENCES
            here = [name for name in TABLES
                    if name != "terms.csv" and not (beside and name == "sentences.csv")]
            with (in_background(table_contents, early, out_dir, names=["sentences.csv"])
                  if beside else contextlib.nullcontext()) as sentences:
                contents = table_contents(early, out_dir, names=here)
                features = finish()
                contents |= table_contents(features, out_dir, names=["terms.csv"])
                if beside:
                    contents |= sentences.result()
        if retain is not None:
            retain.extend([corpus, features, contents])
        return write_files_atomically({out_dir / name: contents[out_dir / name]
                                       for name in TABLES})


def run_report(request: ReportRequest, *, retain: list | None = None) -> list[Path]:
    """`framing report`: PDF, HTML and data tables; returns the paths written.

    `retain`, if given, gets the job's corpus, features and report: millions of objects
    that a caller about to end the process (the CLI) need not have freed one by one; and
    the cyclic collector is left paused, so that it does not walk them (and the layout's
    garbage) before the process ends."""
    from framing.atomic import write_files_atomically
    from framing.evidence import select
    from framing.features.tables import table_contents
    from framing.report.build import build
    from framing.report.html import render_html, write_html
    from framing.report.pdf import render_pdf
    from framing.selection import select_articles

    if request.profile not in PROFILES:
        raise ReportError(f"--profile {request.profile!r}: choose one of {', '.join(PROFILES)}")
    if request.pdf.suffix.lower() != ".pdf":
        raise ReportError(f"{request.pdf}: the report is a PDF; give -o a name ending in .pdf")
    for path in (request.pdf, request.html, request.data):
        if path is not None:
            check_writable(path)
    decisions = read_review(request.review)
    # Every stage makes millions of objects that hold no cycles (articles, features,
    # WeasyPrint's boxes): the collector would only walk them again and again.
    with collector_paused(resume=retain is None):
        with terms_process(cache=request.cache) as process:
            corpus = load_corpus(request.source, request.read_options, quiet=request.quiet)
            corpus = select_articles(corpus, outlets=request.outlets, since=request.since,
                                     until=request.until, where=request.where)
            features = compute_features(corpus, lexicons=request.lexicons,
                                        cache=request.cache, quiet=request.quiet,
                                        process=process)
            features = reviewed(features, decisions, quiet=request.quiet)
        # Big data tables are made by a second process while this one lays out the report;
        # they are written last, so a failed PDF leaves the earlier tables as they were.
        tables_beside = (request.data is not None
                         and len(features.sentences) >= TABLES_BESIDE_SENTENCES)
        with (in_background(table_contents, features, request.data) if tables_beside
              else contextlib.nullcontext()) as tables:
            evidence = select(features)
            report = build(features, evidence, profile=request.profile, title=request.title,
                           command=request.command)
            if retain is not None:
                retain.extend([corpus, features, report])
            written: list[Path] = []
            with _progress("Rendering the PDF", quiet=request.quiet):
                html = render_html(report)  # one render for the PDF and the HTML file
                written.append(render_pdf(report, request.pdf, html=html))
            if request.html is not None:
                written.append(write_html(report, request.html, html=html))
            if request.data is not None:
                contents = tables.result() if tables_beside else table_contents(features,
                                                                                request.data)
                written.extend(write_files_atomically(contents))
        return written


# --- review decisions (framing.review): read before the long work, so that a bad file
# stops the job at once; applied to the Features right after they are computed.


def read_review(paths: Sequence[Path]) -> tuple | None:
    """The review files of `--review`, read (framing.review.read_review_files); None without."""
    if not paths:
        return None
    from framing.review import read_review_files

    return read_review_files(paths)


def reviewed(features: Features, files: tuple | None, *, quiet: bool) -> Features:
    """`features` with the decisions of `files` applied (framing.review.apply_decisions),
    what was applied and what was not said on stderr; `features` as they are without files."""
    if files is None:
        return features
    from framing.review import apply_decisions
    from framing.review.stats import excluded

    features = apply_decisions(features, files)
    review = features.review
    for warning in review.warnings[:20]:
        _say(f"warning: {warning}", quiet=quiet)
    if len(review.warnings) > 20:
        _say(f"warning: ... and {len(review.warnings) - 20} more", quiet=quiet)
    _say(f"review: {len(review.judged)} of {len(review.mentions)} mentions reviewed; "
         f"{len(excluded(review))} judged not relevant left out of the counts", quiet=quiet)
    return features


def check_writable(path: Path) -> None:
    """Fail early, before the long work, when the output folder cannot be written."""
    folder = path if path.suffix == "" else path.parent
    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        raise FramingError(f"{folder}: cannot write here; choose another place with -o")
