"""From a Corpus to Features: each article analysed, then the per-outlet numbers.

Per article: sentences with VADER scores, lexicon mentions, quotations with their speakers
and roles (framing.features.quotes), word count. These are cached by content
(framing.features.cache), so a periodic run analyses only the articles it adds.
Distinctive terms compare outlets over the whole corpus: the articles' terms are counted
with their analysis, chunk by chunk, and the counts added up (they add up exactly); the
cache keeps the counts of the last runs' articles, so only articles added since are counted.

On a large corpus the chunks go to a pool of processes (framing.runtime.worker_pool), and
the features are assembled in article order as the chunks come back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from framing.held import HeldArticle
from framing.runtime import collector_paused, worker_pool
from framing.types import (
    SENTENCE_TYPECODES,
    Article,
    ArticleFeatures,
    ArticleResult,
    Corpus,
    Features,
    Lexicon,
    Mention,
    Quotation,
    QuotationPacker,
    ScoredSentences,
    SentenceColumns,
    SentenceScores,
    Span,
)

NEGATIVE = -0.05
# Which rules analyse an article (its paragraphs and sentences, sentiment, lexicon mentions,
# quotations and their speakers): part of the feature cache's keys, so that results found by
# other rules are never read. Change it whenever those rules change.
ARTICLE_RULES = "article-5"
POOL_THRESHOLD = 200  # fewer articles to analyse or count: a pool costs more than it saves
CHUNK_ARTICLES = 1000  # articles a job analyses and counts the terms of

Progress = Callable[[int, int], None]


def analyse_article(article: Article, compiled, scorer, roles=None) -> ArticleResult:
    """Sentences, sentiment, mentions, words and (with a compiled roles lexicon, `roles`)
    quotations of one article's analysed text."""
    from framing.features.mentions import find_mentions
    from framing.features.quotes import quotation_rows
    from framing.text import article_units, word_count

    text = article.analysed_text
    # Sections split on their own: a body with single-newline paragraphs keeps them.
    units = article_units(article)
    offsets, scores = SENTENCE_TYPECODES[0], SENTENCE_TYPECODES[2]
    sentences = ScoredSentences(
        array(offsets, [s for s, _ in units.sentences]),
        array(offsets, [e for _, e in units.sentences]),
        array(scores, scorer.compound_many([text[s:e] for s, e in units.sentences])))
    mentions = tuple(
        (m.lexicon, m.category, m.term, m.span.start, m.span.end, m.voice, m.paragraph,
         m.sentence, m.position)
        for m in find_mentions(article, compiled, units=units)
    )
    quotations = quotation_rows(article, units=units, roles=roles) if roles is not None else ()
    return ArticleResult(words=word_count(text), sentences=sentences, mentions=mentions,
                         quotations=quotations)


def documents(articles: Iterable[Article]) -> list[tuple[str, str]]:
    """(outlet, analysed text) of each article: what distinctive terms are counted from."""
    return [(article.outlet, article.analysed_text) for article in articles]


@dataclass(frozen=True)
class Chunk:
    """A job: the articles (by index) to analyse and those whose terms to count."""

    analyse: tuple[int, ...]
    count: tuple[int, ...]


def chunks_of_work(n_articles: int, analyse: Iterable[int], count: Iterable[int], *,
                   size: int) -> list[Chunk]:
    """The work split into chunks of at most `size` articles, in article order."""
    to_analyse, to_count = set(analyse), set(count)
    work = sorted(to_analyse | to_count)
    return [Chunk(tuple(i for i in part if i in to_analyse),
                  tuple(i for i in part if i in to_count))
            for part in (work[k:k + size] for k in range(0, len(work), size))]


def chunk_size(work: int, n_workers: int) -> int:
    """Articles a chunk holds: CHUNK_ARTICLES, or fewer so that each worker gets one (a few
    hundred articles added to a cached corpus are shared too); one chunk for work too small
    for a pool."""
    if work < POOL_THRESHOLD or n_workers < 2:
        return max(1, min(CHUNK_ARTICLES, work))
    return min(CHUNK_ARTICLES, -(-work // n_workers))


def run_chunk(articles: Sequence[Article], chunk: Chunk, *, compiled, scorer, roles=None):
    """(results of the articles of `chunk.analyse`, term counts of those of `chunk.count`,
    or None when it has none)."""
    from framing.features.terms import count_terms

    results = [analyse_article(articles[i], compiled, scorer, roles) for i in chunk.analyse]
    counts = count_terms(documents(articles[i] for i in chunk.count)) if chunk.count else None
    return results, counts


# What the pool's workers read: set before they are forked, so nothing is copied to them.
_WORKER_STATE: dict[str, object] = {}


def _run_chunk_in_worker(chunk: Chunk):
    return run_chunk(_WORKER_STATE["articles"], chunk, compiled=_WORKER_STATE["compiled"],
                     scorer=_WORKER_STATE["scorer"], roles=_WORKER_STATE["roles"])


@contextlib.contextmanager
def chunks_running(articles, chunks, *, compiled, scorer, n_workers,
                   roles=None) -> Iterator[Iterator]:
    """Yields each chunk's run_chunk result, in order, as an iterator. When the work is
    large enough to pay for a pool of processes, they start on every chunk at once, while
    the caller goes on; otherwise each chunk is run here as its result is asked for."""
    work = sum(len(chunk.analyse) + len(chunk.count) for chunk in chunks)
    if n_workers < 2 or len(chunks) < 2 or work < POOL_THRESHOLD:
        yield (run_chunk(articles, chunk, compiled=compiled, scorer=scorer, roles=roles)
               for chunk in chunks)
        return
    from framing.features.terms import stop_words

    stop_words()  # made once, before the workers are forked
    _WORKER_STATE.update(articles=articles, compiled=compiled, scorer=scorer, roles=roles)
    try:
        with worker_pool(n_workers) as pool:
            yield pool.map(_run_chunk_in_worker, chunks)
    finally:
        _WORKER_STATE.clear()


class LocalRunner:
    """How compute() runs chunks by default: here, or on a pool of `workers` processes when
    the work is large enough to pay for one (chunks_running). framing.cluster.Cluster runs
    them on a Dask cluster instead, with the same methods."""

    def __init__(self, workers: int | None = None) -> None:
        self.n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))

    def prepare_cache(self, articles: Sequence[Article], cache) -> None:
        """Nothing to do: the cache works out the articles' keys from their texts."""

    def chunks(self, articles: Sequence[Article], analyse: Sequence[int], count: Sequence[int]
               ) -> list[Chunk]:
        work = len(set(analyse).union(count))
        return chunks_of_work(len(articles), analyse, count,
                              size=chunk_size(work, self.n_workers))

    @contextlib.contextmanager
    def running(self, articles: Sequence[Article], chunks: Sequence[Chunk], *,
                lexicons: Sequence[Lexicon], roles, cached: Mapping[int, ArticleResult]
                ) -> Iterator[Iterator]:
        """Each chunk's run_chunk result, in order (see chunks_running); `roles` is the
        compiled roles lexicon or None."""
        from framing.features.mentions import compile_lexicons
        from framing.features.sentiment import VaderScorer

        compiled, scorer = compile_lexicons(lexicons), VaderScorer()
        with chunks_running(articles, chunks, compiled=compiled, scorer=scorer,
                            n_workers=self.n_workers, roles=roles) as results:
            yield results

    def terms(self, counted: Sequence, *, top: int, keep: bool):
        """(the distinctive terms, the term counts they were scored from) of the term counts
        of the chunks and the stored ones, added up. `keep`: the counts are wanted (for the
        cache); a runner elsewhere may give None otherwise."""
        from framing.features.terms import count_terms, merge_counts, score_terms

        counts = merge_counts(counted) if counted else count_terms([])
        return score_terms(counts, top=top), counts


def compute(
    corpus: Corpus,
    *,
    lexicons: Sequence[Lexicon],
    roles=None,
    cache=None,
    workers: int | None = None,
    seed: int = 0,
    top_terms: int = 50,
    progress: Progress | None = None,
    runner=None,
) -> Features:
    """Compute every feature of `corpus`. Deterministic: same input, same Features.

    `roles` is a compiled roles lexicon (framing.features.roles.load_roles()): each
    article's quotations are found and attributed with it; None leaves quotations out.
    `cache` is a framing.features.cache.FeatureCache (or None), made with the same roles;
    `progress(done, total)` is called as articles are analysed. `runner` runs the chunks of
    work: a LocalRunner of `workers` processes by default, or a framing.cluster.Cluster; the
    Features are the same.
    """
    articles = corpus.articles
    runner = LocalRunner(workers) if runner is None else runner
    with collector_paused():
        if cache is not None:
            runner.prepare_cache(articles, cache)
        cached = cache.get_many(articles) if cache is not None else {}
        outlets = [article.outlet for article in articles]
        items = cache.term_items(articles) if cache is not None else None
        stored = cache.get_term_counts(items, outlets) if cache is not None else None
        to_count = range(len(articles)) if stored is None else stored[1].tolist()
        to_analyse = [i for i in range(len(articles)) if i not in cached]
        chunks = runner.chunks(articles, to_analyse, to_count)
        analysed: dict[int, ArticleResult] = {}
        done = [len(cached)]  # articles whose results are in, for `progress`
        counted = [] if stored is None else [stored[0]]
        with runner.running(articles, chunks, lexicons=lexicons, roles=roles,
                            cached=cached) as results:
            runs = zip(chunks, results, strict=True)

            def next_chunk() -> bool:
                """Take in the next chunk's results; False when none is left."""
                found = next(runs, None)
                if found is None:
                    return False
                chunk, (chunk_results, counts) = found
                analysed.update(zip(chunk.analyse, chunk_results, strict=True))
                if cache is not None and chunk.analyse:
                    cache.put_many([(articles[i], result) for i, result
                                    in zip(chunk.analyse, chunk_results, strict=True)])
                if counts is not None:
                    counted.append(counts)
                done[0] += len(chunk.analyse)
                if progress and chunk.analyse:
                    progress(done[0], len(articles))
                return True

            def in_order() -> Iterator[ArticleResult]:
                """Each article's result, waiting for the chunk of those being analysed; a
                result is let go once given (a corpus on a cluster can be millions)."""
                if progress:
                    progress(done[0], len(articles))
                for i in range(len(articles)):
                    while i not in cached and i not in analysed and next_chunk():
                        pass
                    yield cached.pop(i) if i in cached else analysed.pop(i)

            features = _assemble(corpus, lexicons, in_order(), seed=seed,
                                 roles=roles.lexicon if roles is not None else None)
            while next_chunk():  # those that only count terms, after the last one analysed
                pass
            terms, term_counts = runner.terms(counted, top=top_terms,
                                              keep=cache is not None and bool(to_count))
        features = dataclasses.replace(features, terms=terms)
        if cache is not None and to_count:
            cache.put_term_counts(items, outlets, term_counts)
    return features


def _assemble(corpus: Corpus, lexicons: Sequence[Lexicon], results: Iterable[ArticleResult], *,
              seed: int, roles: Lexicon | None = None) -> Features:
    """The Features of the articles' results (given in article order), without terms."""
    from framing.features.mentions import outlet_frames
    from framing.features.sentiment import outlet_sentiment

    article_rows: list[ArticleFeatures] = []
    scored_by_article = SentenceColumns()
    mentions: list[Mention] = []
    quotations: list[Quotation] = []
    words_by_article: dict[str, int] = {}
    outlet_words: dict[str, int] = {}
    by_outlet_scores: dict[str, list[tuple[float, int, int]]] = {}
    lexicon_names = [lexicon.name for lexicon in lexicons]
    shared_counts: dict[tuple, dict[str, int]] = {}  # equal mention counts, kept once
    # A corpus held on a cluster can be millions of articles: its quotations are packed.
    packer = QuotationPacker() if corpus.articles and isinstance(corpus.articles[0],
                                                                 HeldArticle) else None

    for article, result in zip(corpus.articles, results, strict=True):
        article_id = article.id
        scored = result.sentences
        scored_by_article.add(scored)
        counts = dict.fromkeys(lexicon_names, 0)
        for lexicon, category, term, start, end, voice, paragraph, sentence, position in (
            result.mentions
        ):
            counts[lexicon] = counts.get(lexicon, 0) + 1
            mentions.append(Mention(
                lexicon=lexicon, category=category, term=term,
                span=Span(article_id, start, end), text=article.excerpt(start, end), voice=voice,
                paragraph=paragraph, sentence=sentence, position=position,
            ))
        if packer is not None:
            packer.add(article_id, result.quotations)
        else:
            quotations.extend(Quotation(Span(article_id, row[0], row[1]), *row[2:])
                              for row in result.quotations)
        mean = None
        if len(scored):
            compounds = scored.compounds
            mean = sum(compounds) / len(compounds)
            negative = sum(compound <= NEGATIVE for compound in compounds)
            by_outlet_scores.setdefault(article.outlet, []).append(
                (mean, len(compounds), negative))
        counts = shared_counts.setdefault(tuple(counts.items()), counts)  # one of each
        article_rows.append(ArticleFeatures(
            article_id=article_id, outlet=article.outlet, words=result.words,
            sentiment=mean, n_sentences=len(scored), mentions=counts,
        ))
        words_by_article[article_id] = result.words
        outlet_words[article.outlet] = outlet_words.get(article.outlet, 0) + result.words

    return Features(
        corpus=corpus,
        lexicons=tuple(lexicons),
        articles=tuple(article_rows),
        sentences=SentenceScores(tuple(article.id for article in corpus.articles),
                                 scored_by_article),
        mentions=tuple(mentions),
        terms=(),
        sentiment=tuple(outlet_sentiment(by_outlet_scores, seed=seed)),
        frames=tuple(outlet_frames(corpus, lexicons, mentions, words=words_by_article)),
        outlet_words=dict(sorted(outlet_words.items())),
        quotations=packer.packed() if packer is not None else tuple(quotations),
        roles=roles,
    )
