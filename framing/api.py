"""The library's front door: load a corpus, analyse it, make a report.

    import framing
    corpus = framing.load("corpus/rotherham")     # a path, or a pandas DataFrame
    features = framing.analyse(corpus)            # .outlets .articles .quotes ... DataFrames
    framing.report(features, profile="handout").write_pdf("out/handout.pdf")

A periodic report: `framing.analyse(corpus, period="2024-Q3", trend="quarter")` describes
2024-Q3 and compares it with 2024-Q2 (`compare=` picks another baseline); its `.changes` and
`.periods` tables, and the report made from it, carry the changes and the trend.

Nothing here prints. Warnings found while reading are in `corpus.warnings`; those of the
feature cache go to the `framing` logger (`logging.basicConfig()` shows them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from framing.corpus import ReadOptions
from framing.errors import ReportError
from framing.types import Corpus, Features, Lexicon

if TYPE_CHECKING:
    import pandas

    from framing.features.roles import Roles
    from framing.reporting.structure import Report


def load(
    source: str | Path | pandas.DataFrame | None = None,
    *,
    text_column: str | None = None,
    outlet_column: str | None = None,
    date_column: str | None = None,
    headline_column: str | None = None,
    url_column: str | None = None,
    id_column: str | None = None,
    outlet_aliases: Mapping[str, str] | None = None,
    all_languages: bool = False,
    keep_furniture: bool = False,
) -> Corpus:
    """Read a corpus: a folder of articles, a table file, saved web pages, or a DataFrame
    with one article a row (None: the bundled corpus). The column options are the CLI's;
    `outlet_aliases` maps spellings to outlets ({"Fox Online News": "Fox News"});
    `all_languages` keeps articles not in English; `keep_furniture` keeps each outlet's
    page furniture in the text (the CLI's --all-languages and --keep-furniture)."""
    from framing.corpus import load as load_corpus

    options = ReadOptions(text_column=text_column, outlet_column=outlet_column,
                          date_column=date_column, headline_column=headline_column,
                          url_column=url_column, id_column=id_column,
                          outlet_aliases=dict(outlet_aliases or {}),
                          all_languages=all_languages, keep_furniture=keep_furniture)
    return load_corpus(source, options=options)


def analyse(
    corpus: Corpus,
    *,
    lexicons: str | Path | Sequence[Lexicon] | None = None,
    roles: str | Path | Roles | None = None,
    cache: bool | str | Path = True,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    review: Sequence[str | Path] = (),
    period: str | None = None,
    compare: str | None = None,
    trend: str | None = None,
    dask=None,
) -> Analysis:
    """Every feature of `corpus`: distinctive terms, sentiment, lexicon frames, quotations.

    `lexicons`: a folder of lexicon files (None: the bundled ones) or loaded lexicons.
    `roles`: the roles lexicon that gives quoted speakers their roles: a YAML file (None: the
    bundled lexicons/roles/roles.yaml) or one framing.features.roles.load_roles compiled.
    `cache`: True for the feature cache in its default folder, a folder, or False.
    `progress(done, total)` is called as articles are analysed.
    `review`: review files (framing review export, decisions filled in): mentions judged not
    relevant leave every count; what was not applied is in `features.features.review`.
    `period`: a reporting period ("2024", "2024-Q3", "2024-07", "2024-07..2024-09"): the
    tables then describe its articles, and `.periods` and `.changes` compare it with
    `compare` (None: the period of the same length before it; "none": no comparison).
    `trend`: "month", "quarter" or "year": `.periods` gets a row per outlet and period.
    `dask`: analyse the articles on a Dask cluster: a scheduler's address
    ("tcp://host:8786"), "local" / "local:N" for a cluster of N workers started here, or a
    distributed.Client (a Dask Gateway cluster's `get_client()`); needs
    `pip install "framing[dask]"`. The results are the same as without it.
    """
    from framing.pipeline import compute_features, read_review

    cache_option = cache if isinstance(cache, bool) else Path(cache)
    lexicon_option = Path(lexicons) if isinstance(lexicons, str) else lexicons
    roles_option = Path(roles) if isinstance(roles, str) else roles
    decisions = read_review([Path(path) for path in review])
    return Analysis(compute_features(corpus, lexicons=lexicon_option, roles=roles_option,
                                     cache=cache_option, workers=workers, progress=progress,
                                     review=decisions, period=period, compare=compare,
                                     trend=trend, dask=dask))


def report(features: Analysis | Features, *, profile: str = "analyst", title: str | None = None
           ) -> ReportDocument:
    """The comparative report of `features` ("analyst" or "handout"), to be written with
    `write_pdf` and `write_html`."""
    from framing.pipeline import PROFILES, build_report

    if profile not in PROFILES:
        raise ReportError(f"profile {profile!r}: choose one of {', '.join(PROFILES)}")
    if isinstance(features, Analysis):
        features = features.features
    return ReportDocument(build_report(features, profile=profile, title=title))


@dataclass(frozen=True)
class ReportDocument:
    """A report ready to be written: `report` is its structure (sections, tables, quotes)."""

    report: Report

    @cached_property
    def html(self) -> str:
        """The report as one standalone HTML document (what the PDF is laid out from)."""
        from framing.reporting.html import render_html

        return render_html(self.report)

    def write_pdf(self, path: str | Path) -> Path:
        """Write the PDF to `path`, whole or not at all; the path."""
        from framing.reporting.pdf import render_pdf

        return render_pdf(self.report, Path(path), html=self.html)

    def write_html(self, path: str | Path) -> Path:
        """Write the HTML file to `path`, whole or not at all; the path."""
        from framing.reporting.html import write_html

        return write_html(self.report, Path(path), html=self.html)


@dataclass(frozen=True)
class Analysis:
    """What `analyse` found: the data tables as pandas DataFrames (the same columns and
    values as the CSV files `framing features` writes) and `features`, the records the
    report is built from."""

    features: Features
    _tables: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def corpus(self) -> Corpus:
        return self.features.corpus

    def table(self, name: str) -> pandas.DataFrame:
        """One table by name: outlets, articles, terms, mentions, sentences, quotes, periods
        or changes."""
        from framing.features.output_tables import TABLES, dataframe

        key = name.removesuffix(".csv")
        if f"{key}.csv" not in TABLES:
            raise KeyError(f"no table {name!r}; there are: "
                           f"{', '.join(t.removesuffix('.csv') for t in TABLES)}")
        if key not in self._tables:
            self._tables[key] = dataframe(TABLES[f"{key}.csv"](self.features))
        return self._tables[key]

    @property
    def outlets(self) -> pandas.DataFrame:
        return self.table("outlets")

    @property
    def articles(self) -> pandas.DataFrame:
        return self.table("articles")

    @property
    def terms(self) -> pandas.DataFrame:
        return self.table("terms")

    @property
    def mentions(self) -> pandas.DataFrame:
        return self.table("mentions")

    @property
    def sentences(self) -> pandas.DataFrame:
        return self.table("sentences")

    @property
    def quotes(self) -> pandas.DataFrame:
        """Every quotation with its speaker, role and cue (quotes.csv)."""
        return self.table("quotes")

    @property
    def periods(self) -> pandas.DataFrame:
        """One row per outlet and period (empty without a period or a trend)."""
        return self.table("periods")

    @property
    def changes(self) -> pandas.DataFrame:
        """One row per outlet and measure: the change since the baseline (empty without)."""
        return self.table("changes")

    def write_tables(self, folder: str | Path) -> list[Path]:
        """Write the CSV files into `folder`; their paths."""
        from framing.features.output_tables import write_tables

        return write_tables(self.features, Path(folder))
