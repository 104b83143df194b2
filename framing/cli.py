"""The `framing` command line: a thin typer layer over the library.

Every command parses its options, calls the library and prints. Only here does a
`FramingError` become a one-line `error: ...` on stderr with exit code 1.
"""

from __future__ import annotations

import contextlib
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
# The corpus, features and report of the last job, kept until the process ends: freeing
# their millions of objects one by one is work the system does at once (__main__).
_RETAINED: list = []
corpus_app = typer.Typer(help="Read, check and import article corpora.", context_settings=CONTEXT)
lexicons_app = typer.Typer(help="Inspect the frame lexicons.", context_settings=CONTEXT)
app.add_typer(corpus_app, name="corpus")
app.add_typer(lexicons_app, name="lexicons")

READER = "Reading the corpus"

CorpusArg = Annotated[
    Path | None,
    typer.Argument(
        help="A folder of article files, a CSV/JSONL/Parquet table or saved web pages. "
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
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the feature cache.")
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


def _retained() -> list:
    """Where a job leaves what it made: emptied of the last job's first. A job given it
    also leaves the cyclic collector paused: the process ends next (framing.__main__)."""
    _RETAINED.clear()
    return _RETAINED


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
        keep_furniture=keep_furniture,
    )


def _load(source: Path | None, options, *, quiet: bool = True):
    from framing.corpus import load

    return load(source, options=options)


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
    keep_furniture: KeepFurniture = False,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write the comparative report: PDF, the same as HTML, and the data tables."""
    with _user_errors():
        from framing.pipeline import ReportRequest, run_report

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            keep_furniture,
        )
        written = run_report(
            ReportRequest(
                source=corpus,
                read_options=options,
                pdf=output,
                html=None if no_html else (html or output.with_suffix(".html")),
                data=None if no_data else (data or output.with_name(output.stem + "-data")),
                profile=profile,
                title=title,
                lexicons=lexicons,
                outlets=tuple(outlet or ()),
                since=since,
                until=until,
                where=tuple(where or ()),
                cache=not no_cache,
                quiet=quiet,
                command=_command_line(),
            ),
            retain=_retained(),
        )
    for path in written:
        typer.echo(terminal_safe(f"wrote {path}"))


@app.command()
def features(
    corpus: CorpusArg = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the CSV tables.")
    ] = Path("out/features"),
    lexicons: LexiconsOpt = None,
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
    keep_furniture: KeepFurniture = False,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Compute terms, sentiment and lexicon frames; write them as CSV tables."""
    with _user_errors():
        from framing.pipeline import run_features

        options = _read_options(
            text_column,
            outlet_column,
            date_column,
            headline_column,
            url_column,
            id_column,
            outlet_alias,
            keep_furniture,
        )
        written = run_features(
            corpus,
            read_options=options,
            out_dir=output,
            lexicons=lexicons,
            cache=not no_cache,
            quiet=quiet,
            retain=_retained(),
        )
    for path in written:
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
            keep_furniture,
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
            keep_furniture,
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
            keep_furniture,
        )
        findings = inspect(_load(corpus, options))
    typer.echo(terminal_safe(format_report(findings)))
    if findings.errors:
        typer.echo(f"error: {len(findings.errors)} problem(s) found", err=True)
        raise typer.Exit(1)


@corpus_app.command("import")
def corpus_import(
    source: Annotated[Path, typer.Argument(help="Raw articles: a folder, a file or a table.")],
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
    text_column: TextColumn = None,
    outlet_column: OutletColumn = None,
    date_column: DateColumn = None,
    headline_column: HeadlineColumn = None,
    url_column: UrlColumn = None,
    id_column: IdColumn = None,
    outlet_alias: OutletAlias = None,
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
        )
        written = import_corpus(
            source,
            output,
            read_options=options,
            metadata=metadata,
            rules=rules,
            name=name,
            description=description,
        )
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
