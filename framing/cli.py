"""The `framing` command line: a thin typer layer over the library.

Every command parses its options, calls the library and prints. Only here does a
`FramingError` become a one-line `error: ...` on stderr with exit code 1.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from framing.errors import FramingError, terminal_safe

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    help="Compare how news outlets frame the same story, quoting the articles verbatim.",
    context_settings=CONTEXT,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
# The last job's result (corpus, features, report), kept until the process ends: freeing
# their millions of objects one by one is work the system does at once (framing.__main__).
_LAST_JOB: list = []
WARNINGS_SHOWN = 20
corpus_app = typer.Typer(help="Read, check and import article corpora.", context_settings=CONTEXT)
lexicons_app = typer.Typer(help="Inspect the frame lexicons.", context_settings=CONTEXT)
review_app = typer.Typer(
    help="Judge lexicon mentions: export them, then summarise and compare the decisions "
    "(apply them with --review on features and report).",
    context_settings=CONTEXT, no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
app.add_typer(lexicons_app, name="lexicons")
app.add_typer(review_app, name="review")

READER = "Reading the corpus"

CorpusArg = Annotated[
    Path | None,
    typer.Argument(
        help="A folder of article files, a CSV/JSONL/Parquet table, saved web pages or a "
        "Nexis Uni (.docx), LexisNexis (.txt) or Factiva (.html) export. "
        "Default: the bundled Rotherham corpus.",
        show_default=False,
    ),
]
TextColumn = Annotated[
    str | None,
    typer.Option(help="Table column with the article text.", rich_help_panel=READER),
]
OutletColumn = Annotated[
    str | None,
    typer.Option(help="Table column with the outlet name.", rich_help_panel=READER),
]
DateColumn = Annotated[
    str | None,
    typer.Option(help="Table column with the publication date.", rich_help_panel=READER),
]
HeadlineColumn = Annotated[
    str | None,
    typer.Option(help="Table column with the headline.", rich_help_panel=READER),
]
UrlColumn = Annotated[
    str | None, typer.Option(help="Table column with the URL.", rich_help_panel=READER)
]
IdColumn = Annotated[
    str | None,
    typer.Option(help="Table column with a unique article id.", rich_help_panel=READER),
]
OutletAlias = Annotated[
    list[str] | None,
    typer.Option(
        "--outlet-alias",
        help='Merge outlet spellings: "Fox Online News=Fox News". Repeatable.',
        rich_help_panel=READER,
    ),
]
AllLanguages = Annotated[
    bool,
    typer.Option(
        "--all-languages",
        help="Keep articles that are not in English (left out by default: the lexicons and "
        "VADER read English).",
        rich_help_panel=READER,
    ),
]
KeepFurniture = Annotated[
    bool,
    typer.Option(
        "--keep-furniture",
        help="Keep each outlet's furniture (lines and runs of words repeated across its "
        "articles, datelines, credit lines) in the text; by default it is removed and listed "
        "by `framing corpus info`.",
        rich_help_panel=READER,
    ),
]
LexiconsOpt = Annotated[
    Path | None,
    typer.Option("--lexicons", help="Folder of lexicon YAML files. Default: the bundled ones."),
]
RolesOpt = Annotated[
    Path | None,
    typer.Option("--roles", help="The roles lexicon (YAML) that gives quoted speakers their "
                 "roles. Default: the bundled lexicons/roles/roles.yaml."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
ReviewOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--review",
        help="A review file (framing review export, decisions filled in): mentions judged "
        "not relevant leave every count, rate and quote. Repeatable.",
    ),
]
ReviewFiles = Annotated[
    list[Path], typer.Argument(help="Review files (framing review export, decisions filled in).")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the feature cache.")
]
PERIODS = "Periods"
PeriodOpt = Annotated[
    str | None,
    typer.Option(help="Report on this period only: 2024, 2024-Q3, 2024-07 or a range "
                 "2024-07..2024-09; compared with --compare.", rich_help_panel=PERIODS),
]
CompareOpt = Annotated[
    str | None,
    typer.Option(help="The baseline period for --period (same forms). Default: the period of "
                 "the same length just before; [b]none[/b]: no comparison.",
                 rich_help_panel=PERIODS),
]
TrendOpt = Annotated[
    str | None,
    typer.Option(help="Add trends by [b]month[/b], [b]quarter[/b] or [b]year[/b]: rates per "
                 "outlet and period, and articles per period.", rich_help_panel=PERIODS),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask", metavar="ADDRESS",
        help="Analyse on a Dask cluster: a scheduler's address (tcp://host:8786), or local / "
        "local:N for N workers on this machine. A corpus in shards (a quoted glob such as "
        "'data/part-*.parquet', or a folder of .jsonl/.jsonl.gz/.parquet files) is read by the "
        "workers. Needs pip install 'framing\\[dask]'.",
        show_default=False,
    ),
]


INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def _one_line(message: str) -> str:
    """`message` with line breaks and other control characters shown as escapes, so that a
    file or outlet name cannot break the one-line error or send terminal escape codes."""
    return "".join(char if char.isprintable() or char == "\t" else ascii(char)[1:-1]
                   for char in message)


def _fail(message: str) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)
    raise typer.Exit(1)


def _say(message: str, *, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(terminal_safe(_one_line(message)), err=True)


class _WarningLines(logging.Handler):
    """The library's logged warnings, shown as `warning: ...` lines on stderr."""

    def __init__(self, *, quiet: bool) -> None:
        super().__init__(logging.WARNING)
        self.quiet = quiet

    def emit(self, record: logging.LogRecord) -> None:
        _say(f"warning: {record.getMessage()}", quiet=self.quiet)


def _show_corpus_warnings(corpus, *, quiet: bool) -> None:
    for warning in corpus.warnings[:WARNINGS_SHOWN]:
        _say(f"warning: {warning}", quiet=quiet)
    if len(corpus.warnings) > WARNINGS_SHOWN:
        _say(f"warning: ... and {len(corpus.warnings) - WARNINGS_SHOWN} more (framing corpus "
             "info lists them)", quiet=quiet)


@contextlib.contextmanager
def _job(*, quiet: bool) -> Iterator:
    """A long job: a progress bar on stderr (yields its `progress(stage, done, total)`), the
    library's warnings shown, and the cyclic collector paused until the process ends (its
    first collection would walk the millions of objects the job made, for nothing)."""
    gc.disable()
    handler = _WarningLines(quiet=quiet)
    logger = logging.getLogger("framing")
    logger.addHandler(handler)
    try:
        if quiet:
            yield None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        console = Console(stderr=True)
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                      transient=True, disable=not console.is_terminal) as bar:
            tasks: dict[str, object] = {}

            def progress(stage: str, done: int | None, total: int | None) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=None)
                bar.update(tasks[stage], completed=done or 0, total=total)

            yield progress
    finally:
        logger.removeHandler(handler)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """A FramingError becomes `error: ...` and exit code 1; Ctrl-C one line and code 130.

    Outputs are written to temporary names and renamed into place, so an interrupted run
    leaves the previous files as they were."""
    try:
        yield
    except FramingError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        typer.echo("error: interrupted (Ctrl-C); no file was left half-written and files not "
                   "reached are as they were: run the command again to finish", err=True)
        raise typer.Exit(INTERRUPTED) from None


def _read_options(
    text_column: str | None,
    outlet_column: str | None,
    date_column: str | None,
    headline_column: str | None,
    url_column: str | None,
    id_column: str | None,
    outlet_alias: list[str] | None,
    *,
    all_languages: bool = False,
    keep_furniture: bool = False,
):
    from framing.corpus import ReadOptions

    aliases: dict[str, str] = {}
    for item in outlet_alias or []:
        name, sep, canonical = item.partition("=")
        if not sep or not name.strip() or not canonical.strip():
            raise FramingError(
                f'--outlet-alias "{item}": write it as "Spelling=Outlet", '
                'e.g. "Fox Online News=Fox News"'
            )
        aliases[name.strip()] = canonical.strip()
    return ReadOptions(
        text_column=text_column,
        outlet_column=outlet_column,
        date_column=date_column,
        headline_column=headline_column,
        url_column=url_column,
        id_column=id_column,
        outlet_aliases=aliases,
        all_languages=all_languages,
        keep_furniture=keep_furniture,
    )


def _load(source: Path | None, options):
    from framing.corpus import load

    return load(source, options=options)


def _keep_until_exit(result, *, quiet: bool) -> None:
    """Say what review decisions did, and keep the job's result until the process ends."""
    review = result.features.review
    if review is not None:
        from framing.review.stats import excluded

        for warning in review.warnings[:WARNINGS_SHOWN]:
            _say(f"warning: {warning}", quiet=quiet)
        if len(review.warnings) > WARNINGS_SHOWN:
            _say(f"warning: ... and {len(review.warnings) - WARNINGS_SHOWN} more", quiet=quiet)
        _say(f"review: {len(review.judged)} of {len(review.mentions)} mentions reviewed; "
             f"{len(excluded(review))} judged not relevant left out of the counts", quiet=quiet)
    _LAST_JOB[:] = [result]


def _command_line() -> str:
    return " ".join(["framing", *sys.argv[1:]])


@app.command()
def report(
    corpus: CorpusArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the PDF.")] = Path(
        "out/report.pdf"
    ),
    html: Annotated[
        Path | None,
        typer.Option(help="Where to write the HTML. Default: beside the PDF, as .html."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(help="Folder for the data tables. Default: beside the PDF, <name>-data/."),
    ] = None,
    no_data: Annotated[bool, typer.Option("--no-data", help="Do not write data tables.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write the HTML.")] = False,
    profile: Annotated[
        str, typer.Option(help="[b]analyst[/b] (full report) or [b]handout[/b] (course handout).")
    ] = "analyst",
    title: Annotated[str | None, typer.Option(help="Report title.")] = None,
    lexicons: LexiconsOpt = None,
    roles: RolesOpt = None,
    outlet: Annotated[
        list[str] | None, typer.Option(help="Only these outlets. Repeatable.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before.")] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(help="Only articles whose metadata FIELD=VALUE, e.g. topic=immigration."),
    ] = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    review: ReviewOpt = None,
    period: PeriodOpt = None,
    compare: CompareOpt = None,
    trend: TrendOpt = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
    no_cache: NoCacheOpt = False,
    dask: DaskOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the comparative report: PDF, the same as HTML, and the data tables."""
    with _user_errors(), _job(quiet=quiet) as progress:
        from framing.pipeline import ReportRequest, run_report

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        result = run_report(
            ReportRequest(
                source=corpus,
                read_options=options,
                pdf=output,
                html=None if no_html else (html or output.with_suffix(".html")),
                data=None if no_data else (data or output.with_name(output.stem + "-data")),
                profile=profile,
                title=title,
                lexicons=lexicons,
                roles=roles,
                outlets=tuple(outlet or ()),
                since=since,
                until=until,
                where=tuple(where or ()),
                cache=not no_cache,
                command=_command_line(),
                review=tuple(review or ()),
                period=period,
                compare=compare,
                trend=trend,
                dask=dask,
            ),
            progress=progress,
            on_loaded=lambda corpus: _show_corpus_warnings(corpus, quiet=quiet),
        )
        _keep_until_exit(result, quiet=quiet)
    for path in result.written:
        typer.echo(terminal_safe(f"wrote {path}"))


@app.command()
def features(
    corpus: CorpusArg = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the CSV tables.")
    ] = Path("out/features"),
    lexicons: LexiconsOpt = None,
    roles: RolesOpt = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    review: ReviewOpt = None,
    period: PeriodOpt = None,
    compare: CompareOpt = None,
    trend: TrendOpt = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
    no_cache: NoCacheOpt = False,
    dask: DaskOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Compute terms, sentiment, lexicon frames and quotations; write them as CSV tables."""
    with _user_errors(), _job(quiet=quiet) as progress:
        from framing.pipeline import run_features

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        result = run_features(
            corpus,
            read_options=options,
            out_dir=output,
            lexicons=lexicons,
            roles=roles,
            cache=not no_cache,
            progress=progress,
            on_loaded=lambda corpus: _show_corpus_warnings(corpus, quiet=quiet),
            review=tuple(review or ()),
            period=period,
            compare=compare,
            trend=trend,
            dask=dask,
        )
        _keep_until_exit(result, quiet=quiet)
    for path in result.written:
        typer.echo(terminal_safe(f"wrote {path}"))


@app.command()
def kwic(
    pattern: Annotated[str, typer.Argument(help="A word, phrase or regular expression.")],
    corpus: CorpusArg = None,
    width: Annotated[int, typer.Option(help="Characters of context on each side.")] = 50,
    limit: Annotated[int, typer.Option(help="At most this many lines per outlet.")] = 20,
    regex: Annotated[bool, typer.Option(help="Treat PATTERN as a regular expression.")] = False,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
) -> None:
    """Keyword in context, per outlet."""
    with _user_errors():
        from framing.kwic import format_kwic, kwic_lines

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        loaded = _load(corpus, options)
        lines = kwic_lines(loaded, pattern, width=width, limit=limit, regex=regex)
    typer.echo(terminal_safe(format_kwic(lines, width=width)))


@corpus_app.command("info")
def corpus_info(
    corpus: CorpusArg = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
) -> None:
    """Per outlet: articles, words, date range; and warnings about the data."""
    with _user_errors():
        from framing.corpus.quality import format_report, inspect

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        findings = inspect(_load(corpus, options))
    typer.echo(terminal_safe(format_report(findings)))


@corpus_app.command("validate")
def corpus_validate(
    corpus: CorpusArg = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
) -> None:
    """Check a corpus; exit non-zero when it has errors."""
    with _user_errors():
        from framing.corpus.quality import format_report, inspect

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        findings = inspect(_load(corpus, options))
    typer.echo(terminal_safe(format_report(findings)))
    if findings.errors:
        typer.echo(f"error: {len(findings.errors)} problem(s) found", err=True)
        raise typer.Exit(1)


@corpus_app.command("import")
def corpus_import(
    sources: Annotated[
        list[Path],
        typer.Argument(help="Raw articles (a folder or a file), a table, or news-database "
                       "exports (Nexis Uni .docx, LexisNexis .txt, Factiva .html): one or "
                       "more.", show_default=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write the canonical corpus to.")
    ],
    metadata: Annotated[
        Path | None,
        typer.Option(
            help="CSV or YAML of metadata per source file (file, outlet, published, headline, "
            "standfirst, author, url)."
        ),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(help="YAML of page-furniture rules. Default: the bundled rules."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Corpus name for corpus.yaml.")] = None,
    description: Annotated[
        str | None, typer.Option(help="Corpus description for corpus.yaml.")
    ] = None,
    shards: Annotated[
        int | None,
        typer.Option(min=1, help="Write the articles as N Parquet files (part-00000.parquet, "
                     "...) instead of one file each: shards a Dask cluster's workers read "
                     "(--dask). Each outlet's furniture is removed first, unless "
                     "--keep-furniture."),
    ] = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    all_languages: AllLanguages = False,
    keep_furniture: KeepFurniture = False,
) -> None:
    """Write a canonical folder corpus (front-matter files) from any source, cleaning raw text."""
    with _user_errors():
        from framing.corpus.importer import import_corpus

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            all_languages=all_languages,
            keep_furniture=keep_furniture,
        )
        written = import_corpus(
            sources,
            output,
            read_options=options,
            metadata=metadata,
            rules=rules,
            name=name,
            description=description,
            shards=shards,
        )
    if shards is not None:
        typer.echo(terminal_safe(f"wrote {len(written)} shard(s) to {output}"))
    else:
        typer.echo(terminal_safe(f"wrote {len(written)} article(s) to {output}"))


@lexicons_app.command("list")
def lexicons_list(lexicons: LexiconsOpt = None) -> None:
    """List the lexicons with their categories and term counts."""
    with _user_errors():
        from framing.lexicons import format_lexicon_list, load_lexicons

        loaded = load_lexicons(lexicons)
    typer.echo(terminal_safe(format_lexicon_list(loaded)))


@lexicons_app.command("show")
def lexicons_show(
    name: Annotated[str, typer.Argument(help="Lexicon name, e.g. ethnicity.")],
    lexicons: LexiconsOpt = None,
) -> None:
    """Show one lexicon: its sources, categories, terms, exclusions and suggestions."""
    with _user_errors():
        from framing.lexicons import format_lexicon, load_lexicons

        loaded = {lexicon.name: lexicon for lexicon in load_lexicons(lexicons)}
        if name not in loaded:
            raise FramingError(f"no lexicon named {name!r}; there are: {', '.join(sorted(loaded))}")
    typer.echo(terminal_safe(format_lexicon(loaded[name])))


@review_app.command("export")
def review_export(
    corpus: CorpusArg = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the review file (CSV).")
    ] = Path("out/review.csv"),
    sample: Annotated[
        int | None,
        typer.Option(help="Only a random sample of this many mentions, stratified by lexicon "
                     "and outlet."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the sample.")] = 0,
    lexicon: Annotated[
        list[str] | None, typer.Option(help="Only this lexicon's mentions. Repeatable.")
    ] = None,
    lexicons: LexiconsOpt = None,
    outlet: Annotated[
        list[str] | None, typer.Option(help="Only these outlets. Repeatable.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only articles published on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before.")] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(help="Only articles whose metadata FIELD=VALUE, e.g. topic=immigration."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an output file that has decisions in it.")
    ] = False,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write the lexicon mentions to review as CSV: passage, empty decision, reviewer, note."""
    with _user_errors(), _job(quiet=quiet) as progress:
        from framing.pipeline import ANALYSING, ExportRequest, run_review_export

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
        )
        path, rows, total = run_review_export(ExportRequest(
            source=corpus, output=output, read_options=options, lexicons=lexicons,
            lexicon_names=tuple(lexicon or ()), outlets=tuple(outlet or ()), since=since,
            until=until, where=tuple(where or ()), sample=sample, seed=seed, force=force,
            cache=not no_cache),
            progress=progress and (lambda done, total: progress(ANALYSING, done, total)),
            on_loaded=lambda corpus: _show_corpus_warnings(corpus, quiet=quiet))
    per_lexicon: dict[str, int] = {}
    for row in rows:
        per_lexicon[row.mention.lexicon] = per_lexicon.get(row.mention.lexicon, 0) + 1
    shown = ", ".join(f"{name} {n}" for name, n in sorted(per_lexicon.items()))
    typer.echo(terminal_safe(f"wrote {path}: {len(rows)} of {total} mentions"
                             + (f" ({shown})" if shown else "")))


@review_app.command("summary")
def review_summary(
    files: ReviewFiles,
    lexicons: LexiconsOpt = None,
) -> None:
    """Precision per lexicon and category; the terms most often judged not relevant."""
    with _user_errors():
        from framing.lexicons import load_lexicons
        from framing.review import format_summary, read_review_files, summarise

        loaded = read_review_files(files)
        text = format_summary(summarise(loaded, lexicons=load_lexicons(lexicons)))
    typer.echo(terminal_safe(text))


@review_app.command("agreement")
def review_agreement(files: ReviewFiles) -> None:
    """Agreement between reviewers: Krippendorff's alpha, percent agreement, confusion."""
    with _user_errors():
        from framing.review import agreement, format_agreement, read_review_files

        result = agreement(read_review_files(files))
    for warning in result.warnings:
        typer.echo(terminal_safe(f"warning: {warning}"), err=True)
    typer.echo(terminal_safe(format_agreement(result)))


@review_app.command("strip")
def review_strip(
    file: Annotated[Path, typer.Argument(help="A review file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write it stripped.")],
) -> None:
    """Keep key, decision, reviewer and note only: no article text, fit for a repository."""
    with _user_errors():
        from framing.atomic import write_files_atomically
        from framing.review import read_review_file, stripped_csv

        if output.resolve() == file.resolve():
            raise FramingError(f"{output}: that is the file read; write the stripped copy "
                               "elsewhere with -o")
        review = read_review_file(file)
        write_files_atomically({output: stripped_csv(review)})
    typer.echo(terminal_safe(f"wrote {output}: {len(review.rows)} rows, "
                             f"{len(review.decided)} with a decision"))
