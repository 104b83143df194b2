"""framing on an existing Dask cluster (`--dask ADDRESS`, `dask=`): the one module that
imports `distributed`, and only when asked to.

What runs where:

- The workers read the corpus when it is in shards they can reach (a glob of JSON Lines or
  Parquet files, or a folder of them: framing.corpus.shards). Each shard is read by one
  worker and kept there, in memory, as a partition of articles. Any other corpus is read
  here and sent to the workers in partitions, with the tasks that analyse them (so that the
  work of a lost worker can be run again).
- The workers analyse chunks of a partition (framing.features.compute.run_chunk, what the
  local pool runs: every per-article feature) and count their terms. The counts are added
  up on the cluster, a few at a time, in a tree (framing.features.terms.merge_counts), so
  that this process receives the corpus's term counts per outlet, never a token list.
- This process, the client, holds each article's metadata and results (sentences with their
  scores, mentions, quotations packed in arrays: what the tables list), looks them up in the
  feature cache and stores them, assembles the Features in article order (means, intervals,
  rates), scores the distinctive terms, builds the report and writes every file. Of a corpus
  the workers read it never holds every text: its articles are framing.held.HeldArticle,
  whose texts are fetched by id for the passages the report quotes, the quoted words of
  quotes.csv are fetched a slice of rows at a time as it is written, and searches over many
  texts (a term's passages, the content note) run on the workers.

The same input gives the same tables, byte for byte, as a run on one machine: each article
is analysed on its own, term counts add up exactly however the corpus is split, and all
that depends on order (means, bootstrap intervals, rankings, ties) is computed here, from
the results in article order.
"""

from __future__ import annotations

import contextlib
import logging
import operator
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.corpus import ReadOptions
from framing.errors import CorpusError, FramingError, located
from framing.features.compute import (
    CHUNK_ARTICLES,
    Chunk,
    chunk_size,
    chunks_of_work,
    run_chunk,
)
from framing.held import HeldArticle, add_excerpts, held_article
from framing.types import Article, ArticleResult, Corpus, Lexicon, PublishedDate, Section

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10  # how long to wait for a scheduler to answer
REDUCE_FAN_IN = 8  # term counts added up at a time, in the tree on the cluster
INTERNED = 64  # metadata values up to this long are kept once, however many articles have them
LOCAL = re.compile(r"local(?::(\d+))?")
READING = "Reading the shards on the cluster"
Progress = Callable[[str, int | None, int | None], None]
CLOSED = ("the texts of these articles were held on a Dask cluster that is closed now; read "
          "what you need of them while it is open")


def parse_address(address: str) -> tuple[str, int | None]:
    """("local", workers or None) for `local` / `local:N`; (address, None) for a scheduler's
    address (`tcp://host:port`, or `host:port`). FramingError for anything else."""
    text = address.strip()
    local = LOCAL.fullmatch(text)
    if local:
        workers = int(local.group(1)) if local.group(1) else None
        if workers == 0:
            raise FramingError(f"--dask {address}: a local cluster needs 1 worker or more")
        return "local", workers
    if re.fullmatch(r"(?:[a-z]+://)?[^\s/:]+(?::\d+)?", text):
        return text, None
    raise FramingError(f"--dask {address}: give a scheduler's address (tcp://host:8786), "
                       "`local` or `local:N` (a cluster of N workers on this machine)")


@contextlib.contextmanager
def connect(address: str, *, timeout: float | None = None) -> Iterator[Cluster]:
    """A Cluster on the scheduler at `address`, or on a new LocalCluster (`local`,
    `local:N`), closed (with the local cluster) when the block ends. An unreachable
    scheduler is a FramingError that says what to check."""
    target, workers = parse_address(address)
    timeout = CONNECT_SECONDS if timeout is None else timeout
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise FramingError(f"--dask {address}: Dask is not installed here; install it with "
                           "pip install 'framing[dask]'") from None
    with contextlib.ExitStack() as stack:
        if target == "local":
            local = stack.enter_context(LocalCluster(
                n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                dashboard_address=":0"))
            client = stack.enter_context(Client(local, set_as_default=False))
        else:
            try:
                client = Client(target, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError) as error:
                reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
                raise FramingError(
                    f"--dask {address}: no Dask scheduler answered within {timeout:g} s "
                    f"({reason}); check that the scheduler is running, that the address and "
                    "port are those it printed ('Scheduler at: tcp://...'), and that this "
                    "machine can reach it") from None
            stack.enter_context(client)
        _check_versions(client, address)
        cluster = Cluster(client)
        try:
            yield cluster
        finally:
            cluster.closed = True


def _check_versions(client, address: str) -> None:
    """The workers must run the framing this process runs: its results are theirs."""
    from framing.version import __version__

    found = client.run(_framing_version)
    others = sorted({f"{version}" for version in found.values() if version != __version__})
    if others:
        raise FramingError(f"--dask {address}: the workers run framing {', '.join(others)}, "
                           f"this is framing {__version__}; install the same version on both")


def _framing_version() -> str:
    from framing.version import __version__

    return __version__


@dataclass(frozen=True)
class ShardSummary:
    """What a worker tells the client of the shard it read: every article's metadata (no
    text), and what framing.corpus.load.ReadPart holds besides the articles."""

    rows: list[tuple]  # per kept article: see _summary
    read: list[tuple[str, str]]
    left_out: dict[str, int]
    mojibake: list[tuple[str, str, str]]
    warnings: list[str]


class Cluster:
    """A session on a Dask cluster. It reads shards on the workers (`load`), runs the
    chunks of compute() there (a runner, as framing.features.compute.LocalRunner is) and
    fetches held articles' texts (a framing.held.TextSource)."""

    def __init__(self, client, *, partitions: int | None = None) -> None:
        self.client = client
        self.partitions = partitions  # how many partitions a corpus read here is sent in
        self._shards: list = []  # futures of the shards the workers hold (ReadPart each)
        self.closed = False
        self._sums = _Sums(client)
        self._dates: dict[PublishedDate, PublishedDate] = {}  # held articles of a day share one

    @property
    def n_workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    # --- reading ---------------------------------------------------------------------

    def load(self, source, *, options: ReadOptions, progress: Progress | None = None
             ) -> Corpus | None:
        """The corpus of `source`, read by the workers, when it is in shards
        (framing.corpus.shards.shard_files); None when it is not (then read it here)."""
        from framing.corpus.folder import CorpusDescription, read_corpus_description
        from framing.corpus.load import ReadPart, corpus_of
        from framing.corpus.shards import is_pattern, pattern_name, shard_files

        files = shard_files(source)
        if files is None:
            return None
        path = Path(source)
        if is_pattern(source):
            description, warnings, name = CorpusDescription(), [], pattern_name(str(source))
        else:
            description, warnings = read_corpus_description(path)
            name = description.name or path.resolve().name
        aliases = {**description.aliases, **options.outlet_aliases}
        shards = [self.client.submit(_read_shard, str(file.resolve()), options, aliases,
                                     pure=False) for file in files]
        summaries = [self.client.submit(_summary, shard, pure=False) for shard in shards]
        first = len(self._shards)
        self._shards.extend(shards)
        parts = []
        if progress:
            progress(READING, 0, len(summaries))
        for k in range(len(summaries)):  # each summary made into held articles as it comes
            summary = self._gather(summaries[k])
            summaries[k] = None
            parts.append(ReadPart(self._held(summary.rows, first + k), summary.read,
                                  summary.left_out, summary.mojibake, summary.warnings))
            del summary
            if progress:
                progress(READING, k + 1 + sum(f.done() for f in summaries[k + 1:]),
                         len(summaries))
        if not any(part.articles for part in parts):
            raise CorpusError(located(path, "no article with text in its files; " + next(
                (w for part in parts for w in part.warnings), "check the files")))
        return corpus_of(parts, description=description, options=options, path=path,
                         name=name, warnings=warnings, held=True)

    def _held(self, rows: list[tuple], shard: int) -> list[HeldArticle]:
        held = []
        intern = sys.intern  # outlets and metadata repeat: one string each, not one an article
        metas: dict[tuple, dict[str, str]] = {}
        for index, (article_id, outlet, published, headline, author, url, meta, source,
                    sections, digest) in enumerate(rows):
            meta = {intern(key): intern(value) if len(value) <= INTERNED else value
                    for key, value in meta.items()}
            meta = metas.setdefault(tuple(meta.items()), meta)  # equal ones shared
            held.append(held_article(
                id=article_id, outlet=intern(outlet),
                published=self._dates.setdefault(published, published) if published else None,
                headline=headline,
                author=intern(author) if len(author) <= INTERNED else author, url=url,
                meta=meta, source=source,
                sections=tuple(Section(*section) for section in sections),
                content_digest=digest, held_by=self, where=(shard, index)))
        return held

    def _gather(self, futures) -> list:
        from distributed import KilledWorker

        try:
            return self.client.gather(futures)
        except KilledWorker as error:
            task = error.args[0] if error.args else "a task"
            raise FramingError(f"Dask workers died running {task} several times (out of "
                               "memory?); give them more memory or use smaller shards") from None

    # --- the runner compute() uses ----------------------------------------------------

    def prepare_cache(self, articles: Sequence[Article], cache) -> None:
        """The cache keys of held articles, worked out where their texts are."""
        held = _by_shard(articles)
        if not held:
            return
        futures = {shard: self.client.submit(_keys_of, self._shards[shard],
                                             [j for _, j in places], cache.salt, pure=False)
                   for shard, places in held.items()}
        keys: list[str | None] = [None] * len(articles)
        for shard, found in zip(futures, self._gather(list(futures.values())), strict=True):
            for (i, _), key in zip(held[shard], found, strict=True):
                keys[i] = key
        cache.remember_keys(articles, [key if key is not None else cache.key(article)
                                       for key, article in zip(keys, articles, strict=True)])

    def chunks(self, articles: Sequence[Article], analyse: Sequence[int],
               count: Sequence[int]) -> list[Chunk]:
        """The work in chunks of one partition each: those of a held article's shard, or
        consecutive articles (in `partitions` parts when asked, else as the local pool's)."""
        to_analyse, to_count = set(analyse), set(count)
        work = sorted(to_analyse | to_count)
        if work and isinstance(articles[work[0]], HeldArticle):
            chunks = []
            for places in _by_shard([articles[i] for i in work]).values():
                indices = [work[k] for k, _ in places]
                chunks += chunks_of_work(len(articles), [i for i in indices if i in to_analyse],
                                         [i for i in indices if i in to_count],
                                         size=CHUNK_ARTICLES)
            return sorted(chunks, key=lambda chunk: min(chunk.analyse + chunk.count))
        size = (-(-len(work) // self.partitions) if self.partitions and work
                else chunk_size(len(work), self.n_workers))
        return chunks_of_work(len(articles), analyse, count, size=max(1, size))

    @contextlib.contextmanager
    def running(self, articles: Sequence[Article], chunks: Sequence[Chunk], *,
                lexicons: Sequence[Lexicon], roles, cached: Mapping[int, ArticleResult]
                ) -> Iterator[Iterator]:
        """Each chunk's run_chunk result, in order; its term counts stay on the cluster,
        added up there as the chunks are done (`total` gives the sum). The chunks all start
        at once. `roles`: the compiled roles lexicon, or None."""
        client = self.client
        tools = client.submit(_lexicons, tuple(lexicons), roles, pure=False)
        self._sums = _Sums(client)
        outputs: list = []
        for chunk in chunks:
            part, local = self._partition(articles, chunk)
            out = client.submit(_analyse_chunk, part, local, tools, pure=False)
            outputs.append(client.submit(operator.itemgetter(0), out, pure=False))
            if chunk.count:
                self._sums.add(client.submit(operator.itemgetter(1), out, pure=False))
        self._excerpts_of_cached(articles, cached)

        def in_order() -> Iterator[tuple[list[ArticleResult], object]]:
            for k, chunk in enumerate(chunks):
                results, outputs[k] = outputs[k], None  # they leave the workers once here
                chunk_results, excerpts = self._gather(results)
                del results
                for i, found in zip(chunk.analyse, excerpts, strict=True):
                    add_excerpts(articles[i], found)
                yield chunk_results, (ON_CLUSTER if chunk.count else None)

        try:
            yield in_order()
        finally:
            outputs.clear()
            for article in articles:  # the Mentions made of them hold the words of mentions
                if isinstance(article, HeldArticle):
                    article.__dict__.pop("_excerpts", None)

    def _partition(self, articles: Sequence[Article], chunk: Chunk):
        """(what the chunk's task reads: a shard on the cluster, or the articles
        themselves; the chunk with indices into it)."""
        indices = sorted(set(chunk.analyse) | set(chunk.count))
        first = articles[indices[0]]
        if isinstance(first, HeldArticle):
            shard = first.__dict__["_where"][0]
            local = {i: articles[i].__dict__["_where"][1] for i in indices}
            return self._shards[shard], Chunk(tuple(local[i] for i in chunk.analyse),
                                              tuple(local[i] for i in chunk.count))
        position = {i: k for k, i in enumerate(indices)}
        return (tuple(articles[i] for i in indices),
                Chunk(tuple(position[i] for i in chunk.analyse),
                      tuple(position[i] for i in chunk.count)))

    def _excerpts_of_cached(self, articles: Sequence[Article],
                            cached: Mapping[int, ArticleResult]) -> None:
        """The words of each mention of the held articles whose results were cached."""
        wanted = {i: _spans(result) for i, result in cached.items()
                  if isinstance(articles[i], HeldArticle) and result.mentions}
        found = self.excerpts([articles[i] for i in wanted], list(wanted.values()))
        for (i, spans), words in zip(wanted.items(), found, strict=True):
            add_excerpts(articles[i], dict(zip(spans, words, strict=True)))

    def terms(self, counted: Sequence, *, top: int, keep: bool):
        """(the distinctive terms, the term counts or None) of the term counts summed on the
        cluster and those here (stored in the cache). Unless the counts are to be kept or
        some are here, the terms are scored on the worker that holds the sum: this process
        receives the top terms only."""
        from framing.features.terms import count_terms, merge_counts, score_terms

        here = [part for part in counted if part is not ON_CLUSTER]
        if len(here) == len(counted):
            counts = merge_counts(here) if here else count_terms([])
            return score_terms(counts, top=top), counts
        total = self._sums.total()
        if not keep and not here:
            return self._gather(self.client.submit(score_terms, total, top=top,
                                                   pure=False)), None
        counts = merge_counts([*here, self._gather(total)])
        return score_terms(counts, top=top), counts

    # --- texts, for framing.held ------------------------------------------------------

    def texts(self, articles: Sequence[HeldArticle]) -> list[tuple[str, str]]:
        """(standfirst, body) of each held article, fetched from its shard."""
        return self._per_shard(articles, _texts_at, ())

    def excerpts(self, articles: Sequence[HeldArticle], spans: Sequence[Sequence[tuple[int, int]]]
                 ) -> list[list[str]]:
        """The words at `spans` of each held article, in order, fetched from its shard. The
        offsets go in arrays: a scheduler keeps a task's arguments a while, and quotes.csv
        asks for millions of them."""
        if self.closed:
            raise FramingError(CLOSED)
        held = _by_shard(articles)
        futures = []
        for shard, places in held.items():
            counts = array("i", (len(spans[k]) for k, _ in places))
            offsets = array("i", (n for k, _ in places for span in spans[k] for n in span))
            futures.append(self.client.submit(
                _excerpts_at, self._shards[shard], array("i", (j for _, j in places)), counts,
                offsets, pure=False))
        found: list = [None] * len(articles)
        for places, texts in zip(held.values(), self._gather(futures), strict=True):
            at = 0
            for k, _ in places:
                found[k] = texts[at:at + len(spans[k])]
                at += len(spans[k])
        return found

    def matching(self, articles: Sequence[HeldArticle], pattern: re.Pattern[str]
                 ) -> list[bool]:
        """Whether `pattern` is found in each held article's analysed text, searched there."""
        return self._per_shard(articles, _matching_at, (pattern,))

    def _per_shard(self, articles: Sequence[HeldArticle], task, arguments: tuple) -> list:
        if self.closed:
            raise FramingError(CLOSED)
        held = _by_shard(articles)
        futures = [self.client.submit(task, self._shards[shard], [j for _, j in places],
                                      *arguments, pure=False)
                   for shard, places in held.items()]
        found: list = [None] * len(articles)
        for places, values in zip(held.values(), self._gather(futures), strict=True):
            for (k, _), value in zip(places, values, strict=True):
                found[k] = value
        return found


ON_CLUSTER = "term counts on the cluster"  # what compute() is given for a chunk's counts


class _Sums:
    """Term counts added up on the cluster as the chunks are done: each REDUCE_FAN_IN counts
    of a level are merged into one of the next level (a tree), so that the workers hold a
    few counts at a time, not one per chunk. Sums are exact: the shape of the tree changes
    nothing."""

    def __init__(self, client) -> None:
        self.client = client
        self.levels: list[list] = []

    def add(self, counts, level: int = 0) -> None:
        if len(self.levels) == level:
            self.levels.append([])
        self.levels[level].append(counts)
        if len(self.levels[level]) == REDUCE_FAN_IN:
            merged = self.client.submit(_merge, self.levels[level], pure=False)
            self.levels[level] = []
            self.add(merged, level + 1)

    def total(self):
        """A future of the sum of every counts added."""
        rest = [counts for level in self.levels for counts in level]
        while len(rest) > 1:
            rest = [self.client.submit(_merge, rest[k:k + REDUCE_FAN_IN], pure=False)
                    for k in range(0, len(rest), REDUCE_FAN_IN)]
        self.levels = []
        return rest[0]


def _by_shard(articles: Sequence[Article]) -> dict[int, list[tuple[int, int]]]:
    """The held articles' (position in `articles`, index in the shard), by shard."""
    groups: dict[int, list[tuple[int, int]]] = {}
    for k, article in enumerate(articles):
        if isinstance(article, HeldArticle):
            shard, index = article.__dict__["_where"]
            groups.setdefault(shard, []).append((k, index))
    return groups


def _spans(result: ArticleResult) -> list[tuple[int, int]]:
    """The (start, end) of each mention of an article's results: the words the Mentions
    hold. (The quotations' words are fetched as the quotes table is written: `excerpts`.)"""
    return [(row[3], row[4]) for row in result.mentions]


# --- what runs on the workers ----------------------------------------------------------


def _read_shard(path: str, options: ReadOptions, aliases: Mapping[str, str]):
    """Read one shard as framing.corpus.load reads a file of a corpus: a ReadPart."""
    from framing.corpus.load import read_file, read_part

    articles, warnings = read_file(Path(path), options=options)
    return read_part(articles, aliases=aliases, options=options, warnings=warnings)


def _summary(part) -> ShardSummary:
    rows = [(a.id, a.outlet, a.published, a.headline, a.author, a.url, dict(a.meta), a.source,
             tuple((s.name, s.start, s.end) for s in a.sections), a.content_digest)
            for a in part.articles]
    return ShardSummary(rows, list(part.read), dict(part.left_out), list(part.mojibake),
                        list(part.warnings))


def _lexicons(lexicons: tuple[Lexicon, ...], roles) -> tuple:
    return lexicons, roles


# id((lexicons, roles)) -> ((lexicons, roles), compiled lexicons, VADER scorer)
_TOOLS: dict[int, tuple[object, object, object]] = {}


def _tools(run: tuple):
    """The compiled lexicons, the VADER scorer and the compiled roles, made once per worker
    for the (lexicons, roles) of a run (a worker keeps that object while it works on it)."""
    from framing.features.mentions import compile_lexicons
    from framing.features.sentiment import VaderScorer

    found = _TOOLS.get(id(run))
    if found is None or found[0] is not run:
        _TOOLS.clear()
        found = _TOOLS[id(run)] = (run, compile_lexicons(run[0]), VaderScorer())
    return found[1], found[2], run[1]


def _articles(part) -> Sequence[Article]:
    return part if isinstance(part, tuple) else part.articles


def _analyse_chunk(part, chunk: Chunk, run: tuple):
    """((results, excerpts of each result's mentions and quotations), term counts) of a
    chunk; `run` is (the lexicons, the compiled roles or None)."""
    articles = _articles(part)
    compiled, scorer, roles = _tools(run)
    results, counts = run_chunk(articles, chunk, compiled=compiled, scorer=scorer, roles=roles)
    excerpts = [{span: articles[i].excerpt(*span) for span in _spans(result)}
                for i, result in zip(chunk.analyse, results, strict=True)]
    for i in {*chunk.analyse, *chunk.count}:  # the joined copy of the text, made on the way
        articles[i].__dict__.pop("analysed_text", None)
    return (results, excerpts), counts


def _merge(parts):
    from framing.features.terms import merge_counts

    return merge_counts(list(parts))


def _keys_of(part, indices: list[int], salt: bytes) -> list[str]:
    from framing.features.cache import content_key

    articles = _articles(part)
    return [content_key(salt, articles[j]) for j in indices]


def _excerpts_at(part, indices: array, counts: array, offsets: array) -> list[str]:
    """The words at the spans of the articles at `indices`: `counts[k]` spans of the k-th,
    each a (start, end) pair of `offsets`, in order."""
    articles = _articles(part)
    found, at = [], 0
    for j, count in zip(indices, counts, strict=True):
        article = articles[j]
        for _ in range(count):
            found.append(article.excerpt(offsets[at], offsets[at + 1]))
            at += 2
    return found


def _texts_at(part, indices: list[int]) -> list[tuple[str, str]]:
    articles = _articles(part)
    return [(articles[j].standfirst, articles[j].text) for j in indices]


def _matching_at(part, indices: list[int], pattern: re.Pattern[str]) -> list[bool]:
    articles = _articles(part)
    return [pattern.search(articles[j].analysed_text) is not None for j in indices]
