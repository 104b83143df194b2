"""From a Corpus to Features: per-article analysis (in a process pool), then per-outlet tables.

Per article: sentences with VADER scores, lexicon mentions, word count. These are cached
by content (see framing.cache), so a periodic run that adds a few articles pays for those.
Per outlet: sentiment with bootstrap intervals, frame rates, distinctive terms. Term counts
are made in parts (whole outlets) by the same pool, beside the articles' analysis, and the
counts of an earlier run's articles are taken from the cache, so only added ones are counted.
The terms are scored as soon as the counts are in, while the pool analyses the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from framing.runtime import (
    Later,
    collector_paused,
    fork_pool,
    in_background,
    in_background_later,
    in_thread,
)
from framing.types import (
    Article,
    ArticleFeatures,
    Corpus,
    Features,
    Lexicon,
    Mention,
    ScoredSentences,
    SentenceScores,
    Span,
)

if TYPE_CHECKING:
    from framing.features.terms import TermCounts

NEGATIVE = -0.05
# Below this many articles a process pool costs more than it saves.
POOL_THRESHOLD = 200
CHUNK_ARTICLES = 100
TERM_PART_ARTICLES = 2000  # fewest articles worth a term-counting job of their own


@dataclass(frozen=True)
class ArticleResult:
    """What one article contributes, without its id (so it can be cached by content).

    `sentences` are (start, end, compound) rows, kept as ScoredSentences."""

    words: int
    sentences: ScoredSentences
    # lexicon, category, term, start, end, voice, paragraph, sentence, position
    mentions: tuple[tuple[str, str, str, int, int, str, int, int, str], ...]

    def __post_init__(self) -> None:
        if not isinstance(self.sentences, ScoredSentences):
            object.__setattr__(self, "sentences", ScoredSentences(self.sentences))


def analyse_article(article: Article, compiled, scorer) -> ArticleResult:
    """Sentences, sentiment, mentions and words of one article's analysed text."""
    from framing.features.mentions import find_mentions
    from framing.text import article_units, word_count

    text = article.analysed_text
    # Sections split on their own: a body with single-newline paragraphs keeps them.
    units = article_units(article)
    compounds = array("d", scorer.compound_many([text[s:e] for s, e in units.sentences]))
    sentences = ScoredSentences.from_columns(array("q", [s for s, _ in units.sentences]),
                                             array("q", [e for _, e in units.sentences]),
                                             compounds)
    mentions = tuple(
        (m.lexicon, m.category, m.term, m.span.start, m.span.end, m.voice, m.paragraph,
         m.sentence, m.position)
        for m in find_mentions(article, compiled, units=units)
    )
    return ArticleResult(words=word_count(text), sentences=sentences, mentions=mentions)


def _term_parts(articles: Sequence[Article], n_workers: int) -> list[list[int]]:
    """Articles whose terms are counted as separate jobs: whole outlets, in outlet order.

    Parts that share no outlet merge without any sorting (terms.merge_counts).
    """
    from framing.features.terms import outlet_order

    n_parts = max(1, min(n_workers, len(articles) // TERM_PART_ARTICLES))
    by_outlet: dict[str, list[int]] = {}
    size: dict[str, int] = {}
    for i, article in enumerate(articles):
        by_outlet.setdefault(article.outlet, []).append(i)
        size[article.outlet] = (size.get(article.outlet, 0) + len(article.headline)
                                + len(article.standfirst) + len(article.text))
    total = sum(size.values()) or 1
    parts: list[list[int]] = [[]]
    done = 0
    for outlet in sorted(by_outlet, key=outlet_order):
        if parts[-1] and done >= len(parts) * total / n_parts:
            parts.append([])
        parts[-1].extend(by_outlet[outlet])
        done += size[outlet]
    return [sorted(part) for part in parts if part]


# State shared with forked workers: set before the pool starts, read-only afterwards.
_SHARED: dict[str, object] = {}


def _analyse_chunk(indices: Sequence[int]) -> list[tuple[int, ArticleResult]]:
    articles: Sequence[Article] = _SHARED["articles"]  # type: ignore[assignment]
    compiled, scorer = _SHARED["compiled"], _SHARED["scorer"]
    return [(i, analyse_article(articles[i], compiled, scorer)) for i in indices]


def _count_job(indices: Sequence[int]):
    from framing.features.terms import count_terms

    articles: Sequence[Article] = _SHARED["term_articles"]  # type: ignore[assignment]
    return count_terms(documents([articles[i] for i in indices]))


def documents(articles: Iterable[Article]) -> list[tuple[str, str]]:
    """(outlet, analysed text) of each article: what distinctive terms are counted from.

    Made only where counted (the workers, on a large corpus): the analysed texts of a whole
    corpus would be a second copy of it in memory."""
    return [(article.outlet, article.analysed_text) for article in articles]


def _interleave(chunks: list, extra: list) -> list:
    """`extra` jobs spread evenly over the first 80% of `chunks` (the tail stays short)."""
    jobs = list(chunks)
    for k, job in reversed(list(enumerate(extra))):
        jobs.insert(round(k * 0.8 * len(chunks) / max(len(extra), 1)), job)
    return jobs


def _worker_count(workers: int | None) -> int:
    return max(1, workers if workers is not None else (os.cpu_count() or 1))


def compute(
    corpus: Corpus,
    *,
    lexicons: Sequence[Lexicon],
    cache=None,
    workers: int | None = None,
    seed: int = 0,
    top_terms: int = 50,
    progress: Callable[[int, int], None] | None = None,
) -> Features:
    """Compute every feature of `corpus`. Deterministic: same input, same Features.

    `cache` is a framing.cache.FeatureCache (or None); `progress(done, total)` is called
    as articles are analysed.
    """
    with computing(corpus, lexicons=lexicons, cache=cache, workers=workers, seed=seed,
                   top_terms=top_terms, progress=progress) as (_, finish):
        return finish()


@contextlib.contextmanager
def computing(
    corpus: Corpus,
    *,
    lexicons: Sequence[Lexicon],
    cache=None,
    workers: int | None = None,
    seed: int = 0,
    top_terms: int = 50,
    progress: Callable[[int, int], None] | None = None,
    terms_process: Later | None = None,
) -> Iterator[tuple[Features, Callable[[], Features]]]:
    """`compute` in two steps: yields the Features without their distinctive terms, and
    `finish()`, which waits for the terms and returns the whole Features.

    `terms_process`, from `terms_process_for_later`, is used (or stopped) instead of one
    forked here.

    On a large corpus the terms are scored beside the analysis (by a thread, or by a second
    process when a few articles are added to stored counts): what needs no terms (the other
    tables) can be made in the block while they are still being scored.
    """
    with collector_paused():
        yield from _compute(corpus, lexicons=lexicons, cache=cache, workers=workers, seed=seed,
                            top_terms=top_terms, progress=progress, terms_process=terms_process)


def _compute(corpus, *, lexicons, cache, workers, seed, top_terms, progress, terms_process
             ) -> Iterator[tuple[Features, Callable[[], Features]]]:
    from framing.features.mentions import compile_lexicons
    from framing.features.sentiment import VaderScorer
    from framing.features.terms import merge_counts, score_terms

    articles = corpus.articles
    results: list[ArticleResult | None] = [None] * len(articles)  # those analysed by this run
    n_workers = _worker_count(workers)
    # On a large corpus the terms are scored beside the other work (see `computing`).
    background = n_workers > 1 and len(articles) >= POOL_THRESHOLD

    def store_results() -> None:
        analysed = [(article, result) for article, result in zip(articles, results, strict=True)
                    if result is not None]
        if cache is not None and analysed:
            cache.put_many(analysed)

    with contextlib.ExitStack() as stack:
        # The process that adds a few articles to stored counts (the caller's, or forked
        # now), made before they are looked for: it imports scikit-learn meanwhile.
        later = terms_process
        if later is None and background and cache is not None:
            later = stack.enter_context(terms_process_for_later())
        # Term counts of an earlier run's articles, if this run has them all: count the rest.
        items = cache.term_items(articles) if cache is not None else None
        found = cache.find_term_counts(items) if cache is not None else None
        beside = None  # a few articles added to stored counts: all their terms' work
        if (later is not None and background and found is not None
                and found[1].size < TERM_PART_ARTICLES):
            beside = later(found[0], documents(articles[i] for i in found[1].tolist()),
                           store=cache.term_counts_file(items), top=top_terms)
            stored, term_articles, parts = None, [], []
        else:
            if later is not None:
                later.stop()  # not needed
            stored = cache.get_term_counts(items) if found is not None else None
            uncounted = range(len(articles)) if stored is None else stored[1].tolist()
            term_articles = [articles[i] for i in uncounted]
            parts = _term_parts(term_articles, n_workers)
        # Made once the terms' process, if any, has started: it needs none of them.
        compiled = compile_lexicons(lexicons)
        scorer = VaderScorer()
        # Cached results stay encoded until assembled: decoded after the workers fork, they
        # are new memory, not pages shared with the workers (which this process would copy as
        # it touched them).
        encoded = cache.fetch_many(articles) if cache is not None else {}
        todo = [i for i in range(len(articles)) if i not in encoded]
        if progress:
            progress(len(articles) - len(todo), len(articles))

        def cached(i: int) -> ArticleResult:
            result = cache.decode(encoded.pop(i))
            if result is None:  # a damaged entry: analysed again, and stored again
                result = results[i] = analyse_article(articles[i], compiled, scorer)
            return result

        def total_counts(counted: list) -> TermCounts:
            return merge_counts(([stored[0]] if stored is not None else []) + counted)

        def counted_and_scored(counted: list) -> tuple[TermCounts, tuple]:
            term_counts = total_counts(counted)
            return term_counts, score_terms(term_counts, top=top_terms)

        assembled, counted, scoring = _analyse_and_assemble(
            corpus, lexicons, results, todo, cached, parts, term_articles, compiled=compiled,
            scorer=scorer, n_workers=n_workers, seed=seed, progress=progress,
            count_here=beside is None and (stored is None or bool(term_articles)),
            then_score=counted_and_scored if background and beside is None else None)
        early = Features(**assembled, terms=())
        if beside is not None:
            store_results()

            def stored_and_scored() -> tuple:
                terms, warning, stored_now = beside.result()
                if terms is None:  # the stored counts were damaged: all are counted here
                    terms, _, stored_now = _add_and_score(
                        None, (), store=cache.term_counts_file(items), top=top_terms,
                        everything=articles)
                if warning:
                    cache.warning = warning
                if stored_now:
                    cache.add_term_set(items)
                return terms

            yield early, _finisher(early, stored_and_scored)
            return

    store_counts = cache is not None and items is not None and (stored is None
                                                                or bool(term_articles))
    if scoring is not None:  # scored beside the analysis, by a thread of this process
        store_results()
        yield early, _finisher(early, lambda: scoring.result()[1])
        if store_counts:
            cache.put_term_counts(items, scoring.result()[0])
        return
    term_counts = total_counts(counted)
    with (in_background(score_terms, term_counts, top=top_terms) if background
          else contextlib.nullcontext()) as scored:
        if store_counts:
            cache.put_term_counts(items, term_counts)
        store_results()
        yield early, _finisher(early, scored.result if background
                               else lambda: score_terms(term_counts, top=top_terms))


def _finisher(early: Features, terms: Callable[[], Sequence]) -> Callable[[], Features]:
    """`finish` for `computing`: the Features with the terms `terms()` gives (asked once)."""
    done: list[Features] = []

    def finish() -> Features:
        if not done:
            done.append(dataclasses.replace(early, terms=tuple(terms())))
        return done[0]

    return finish


def _analyse_and_assemble(corpus, lexicons, results, todo, cached, parts, term_articles, *,
                          compiled, scorer, n_workers, seed, progress, count_here, then_score
                          ) -> tuple[dict, list, Future | None]:
    """Analyse the articles of `todo` into `results` and count the terms of each part of
    `term_articles` (by a process pool on a large corpus), assembling the articles in order
    meanwhile, those not in `todo` from `cached(index)`.

    Gives the assembled fields, the term counts (none unless `count_here`) and, when a pool
    is used and `then_score` given, a Future for `then_score(counts)`: a thread calls it
    as soon as the last count is in, while the pool analyses the rest (the counts are then
    not in the list)."""
    from framing.features.mentions import outlet_frames
    from framing.features.sentiment import outlet_sentiment
    from framing.features.terms import count_terms

    articles = corpus.articles
    pending: dict[int, Future] = {}  # article index -> the job analysing it
    counting: list[Future] = []
    counted: list = []
    scoring: Future | None = None
    # The workers stop once their jobs are done: their memory is given back.
    with contextlib.ExitStack() as stack:
        if n_workers > 1 and (len(todo) >= POOL_THRESHOLD or len(parts) > 1):
            from framing.features.terms import stop_words

            stop_words()  # made once, before the workers fork
            _SHARED.update(articles=articles, compiled=compiled, scorer=scorer,
                           term_articles=term_articles)
            stack.callback(_SHARED.clear)
            # The workers' collector skips the objects inherited (frozen) from this process.
            pool = stack.enter_context(fork_pool(n_workers, start=gc.enable))
            chunks = [todo[k:k + CHUNK_ARTICLES] for k in range(0, len(todo), CHUNK_ARTICLES)]
            for kind, job in _interleave([("analyse", chunk) for chunk in chunks],
                                         [("count", part) for part in parts]):
                if kind == "count":
                    counting.append(pool.submit(_count_job, job))
                else:
                    future = pool.submit(_analyse_chunk, job)
                    pending.update(dict.fromkeys(job, future))
            if then_score is not None:
                # Scoring is mostly numpy (and importing scikit-learn): done beside the
                # analysis, it is no longer a tail of this stage.
                # The jobs are handed over, not left to the closure: `counting` is emptied
                # below, maybe before the thread first looks at it.
                scoring = in_thread(lambda jobs: then_score([f.result() for f in jobs]),
                                    counting)
                counting = []
        else:
            for done, i in enumerate(todo, start=len(articles) - len(todo) + 1):
                results[i] = analyse_article(articles[i], compiled, scorer)
                if progress and (done % 50 == 0 or done == len(articles)):
                    progress(done, len(articles))
            if count_here:
                counted = [count_terms(documents(term_articles))]

        # The articles are assembled in order while the workers analyse the rest.
        assembled = _assemble(corpus, lexicons, _in_order(results, todo, pending, cached,
                                                          progress),
                              seed=seed, outlet_frames=outlet_frames,
                              outlet_sentiment=outlet_sentiment)
        counted += [future.result() for future in counting]
    return assembled, counted, scoring


def terms_process_for_later():
    """A process for adding a few articles to stored term counts (in_background_later),
    importing scikit-learn until it is given them: fork it before reading a big corpus, so
    that its memory is not this process's, and pass it to `computing`."""
    return in_background_later(_add_and_score, prepare=_prepare_scoring)


def _prepare_scoring() -> None:
    """Import what scoring terms needs: scikit-learn alone takes over a second."""
    import scipy.sparse  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401


def _add_and_score(stored: Path | None, added: Sequence[tuple[str, str]], *, store: Path,
                   top: int, everything: Sequence[Article] | None = None):
    """Stored term counts plus those of the `added` documents, scored: run in a second
    process, which also writes the sum to `store` for the next run.

    Returns (terms, warning or None, whether the sum was stored). When the stored file
    cannot be read (or `stored` is None), the articles of `everything` are counted instead;
    without them, the terms are None, with the warning.
    """
    from framing.cache import TERM_FILE_ERRORS, read_term_counts, write_term_counts
    from framing.features.terms import count_terms, merge_counts, score_terms

    warning, parts = None, None
    if stored is not None:
        try:
            parts = [read_term_counts(stored)]
        except TERM_FILE_ERRORS as error:
            warning = f"{stored}: term counts not read ({error})"
    as_stored = parts is not None and not added  # then the stored file holds these counts
    if parts is None:
        if everything is None:
            return None, warning, False
        parts = [count_terms(documents(everything))]
    elif added:
        parts.append(count_terms(added))
    counts = merge_counts(parts)
    # Written by a thread while the terms are scored (writing a file lets go of the GIL).
    with ThreadPoolExecutor(1) as thread:
        writing = None if as_stored else thread.submit(write_term_counts, store, counts)
        terms = score_terms(counts, top=top)
        written = False
        if writing is not None:
            try:
                writing.result()
                written = True
            except OSError as error:
                warning = f"{store}: term counts not written ({error})"
    return terms, warning, written


def _in_order(results: list, todo: Sequence[int], pending: dict[int, Future],
              cached: Callable[[int], ArticleResult], progress) -> Iterator[ArticleResult]:
    """Each article's result, in order: those of `todo` from `results`, waiting for the job
    of those still being analysed (in `pending`); the others from `cached`."""
    to_analyse = set(todo)
    done, total = len(results) - len(pending), len(results)
    for i, result in enumerate(results):
        if i not in to_analyse:
            result = cached(i)
        elif result is None:
            finished = pending[i].result()
            for j, analysed in finished:
                results[j] = analysed
            done += len(finished)
            if progress:
                progress(done, total)
            result = results[i]
        yield result


def _assemble(corpus, lexicons, results, *, seed, outlet_frames, outlet_sentiment) -> dict:
    """Every field of the Features but the terms."""
    article_rows: list[ArticleFeatures] = []
    scored_by_article: list[ScoredSentences] = []
    mentions: list[Mention] = []
    words_by_article: dict[str, int] = {}
    outlet_words: dict[str, int] = {}
    by_outlet_scores: dict[str, list[tuple[float, int, int]]] = {}
    lexicon_names = [lexicon.name for lexicon in lexicons]

    for article, result in zip(corpus.articles, results, strict=True):
        article_id = article.id
        scored = result.sentences
        scored_by_article.append(scored)
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
        mean = None
        if scored:
            compounds = scored.compounds
            mean = sum(compounds) / len(compounds)
            negative = sum(compound <= NEGATIVE for compound in compounds)
            by_outlet_scores.setdefault(article.outlet, []).append(
                (mean, len(compounds), negative))
        article_rows.append(ArticleFeatures(
            article_id=article_id, outlet=article.outlet, words=result.words,
            sentiment=mean, n_sentences=len(scored), mentions=counts,
        ))
        words_by_article[article_id] = result.words
        outlet_words[article.outlet] = outlet_words.get(article.outlet, 0) + result.words

    sentiment = outlet_sentiment(by_outlet_scores, seed=seed)
    frames = outlet_frames(corpus, lexicons, mentions, words=words_by_article)
    return dict(
        corpus=corpus,
        lexicons=tuple(lexicons),
        articles=tuple(article_rows),
        sentences=SentenceScores(tuple(article.id for article in corpus.articles),
                                 tuple(scored_by_article)),
        mentions=tuple(mentions),
        sentiment=tuple(sentiment),
        frames=tuple(frames),
        outlet_words=dict(sorted(outlet_words.items())),
    )
