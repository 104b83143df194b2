"""`framing review export`: one row per mention, with the passage to judge it by.

A sample (`sample=N`) is stratified by lexicon and, within a lexicon, by outlet:

- across lexicons the N mentions are shared equally (a lexicon with fewer mentions than its
  share gives all of them, and the rest goes to the others), so that every lexicon gets a
  precision estimate of about the same width;
- within a lexicon they are shared among the outlets in proportion to the outlet's mentions
  (largest remainders, ties by outlet name), so every mention of a lexicon has the same
  chance to be drawn and the sample's precision estimates the lexicon's without weights;
- within an outlet, a seeded random draw from its mentions sorted by key: the same corpus
  gives the same sample whatever the order of its articles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.review.files import EXPORT_COLUMNS, review_csv
from framing.review.keys import content_hash, mention_key
from framing.types import Article, Features, Mention, SentenceScores

PASSAGE_WORDS = 40  # words of a long sentence kept either side of the mention
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ExportRow:
    key: str
    mention: Mention
    article: Article


def _sentence_bounds(features: Features) -> Callable[[str, int], tuple[int, int] | None]:
    """(start, end) of an article's sentence, by article id and index."""
    sentences = features.sentences
    if isinstance(sentences, SentenceScores):
        where = {article_id: k for k, article_id in enumerate(sentences.article_ids)}

        def bounds(article_id: str, index: int) -> tuple[int, int] | None:
            k = where.get(article_id)
            rows = sentences.scored[k] if k is not None else None
            if rows is None or not 0 <= index < len(rows):
                return None
            return rows.starts[index], rows.ends[index]

        return bounds
    table = {(s.article_id, s.index): (s.start, s.end) for s in sentences}
    return lambda article_id, index: table.get((article_id, index))


def passage(article: Article, mention: Mention, bounds: tuple[int, int] | None,
            *, words: int = PASSAGE_WORDS) -> str:
    """The mention's sentence, the matched words marked [[like this]], on one line; a long
    sentence cut to `words` words either side (…)."""
    text = article.analysed_text
    start, end = mention.span.start, mention.span.end
    low, high = bounds if bounds is not None else (start, end)
    low, high = min(low, start), max(high, end)
    before = _SPACE.sub(" ", text[low:start]).lstrip().split(" ")
    after = _SPACE.sub(" ", text[end:high]).rstrip().split(" ")
    lead = " ".join(before[-words - 1:]) if len(before) > words + 1 else " ".join(before)
    trail = " ".join(after[:words + 1]) if len(after) > words + 1 else " ".join(after)
    matched = _SPACE.sub(" ", text[start:end])
    return (("… " if len(before) > words + 1 else "") + lead + "[[" + matched + "]]" + trail
            + (" …" if len(after) > words + 1 else ""))


def export_rows(features: Features, *, lexicons: Sequence[str] = (),
                outlets: Sequence[str] = (), sample: int | None = None,
                seed: int = 0) -> list[ExportRow]:
    """The mentions to review (of `lexicons` and `outlets` only, when given), all or a
    stratified sample of `sample` (see the module's docstring), sorted by lexicon, outlet,
    article and offset."""
    articles = {a.id: a for a in features.corpus.articles}
    mentions = features.review.mentions if features.review is not None else features.mentions
    wanted_lexicons, wanted_outlets = set(lexicons), set(outlets)
    hashes: dict[str, str] = {}
    rows = []
    for mention in mentions:
        article = articles[mention.span.article_id]
        if (wanted_lexicons and mention.lexicon not in wanted_lexicons) or (
                wanted_outlets and article.outlet not in wanted_outlets):
            continue
        content = hashes.get(article.id)
        if content is None:
            content = hashes[article.id] = content_hash(article)
        rows.append(ExportRow(mention_key(mention, content=content), mention, article))
    if sample is not None:
        rows = stratified_sample(rows, sample, seed=seed)
    return sorted(rows, key=reading_order)


def reading_order(row: ExportRow) -> tuple:
    """Lexicon by lexicon (a reviewer keeps one frame in mind), then outlet, article, place."""
    return (row.mention.lexicon, row.article.outlet.casefold(), row.article.outlet,
            row.article.id, row.mention.span.start)


def equal_shares(sizes: dict[str, int], total: int) -> dict[str, int]:
    """`total` shared equally among groups of `sizes`, none given more than its size (the
    rest goes to the others); a remainder goes one each to the groups first by name."""
    shares: dict[str, int] = {}
    pending = sorted(sizes, key=lambda name: (sizes[name], name))
    left = min(total, sum(sizes.values()))
    while pending:
        share = left // len(pending)
        smallest = pending[0]
        if sizes[smallest] <= share:
            shares[smallest] = sizes[smallest]
            left -= sizes[smallest]
            pending.pop(0)
            continue
        extra = left - share * len(pending)
        for k, name in enumerate(sorted(pending)):
            shares[name] = share + (1 if k < extra else 0)
        break
    return shares


def proportional_shares(sizes: dict[str, int], total: int) -> dict[str, int]:
    """`total` shared in proportion to `sizes` by largest remainders (ties by name)."""
    whole = sum(sizes.values())
    if not whole:
        return dict.fromkeys(sizes, 0)
    exact = {name: total * size / whole for name, size in sizes.items()}
    shares = {name: int(value) for name, value in exact.items()}
    left = total - sum(shares.values())
    for name in sorted(sizes, key=lambda n: (-(exact[n] - shares[n]), n))[:left]:
        shares[name] += 1
    return shares


def stratified_sample(rows: Sequence[ExportRow], n: int, *, seed: int) -> list[ExportRow]:
    """`n` rows drawn by lexicon, then outlet (see the module's docstring)."""
    strata: dict[str, dict[str, list[ExportRow]]] = {}
    for row in rows:
        strata.setdefault(row.mention.lexicon, {}).setdefault(row.article.outlet, []).append(row)
    per_lexicon = equal_shares({lx: sum(map(len, outlets.values()))
                                for lx, outlets in strata.items()}, n)
    chosen = []
    for lexicon, outlets in sorted(strata.items()):
        shares = proportional_shares({o: len(found) for o, found in outlets.items()},
                                     per_lexicon[lexicon])
        for outlet, found in sorted(outlets.items()):
            ordered = sorted(found, key=lambda r: r.key)
            draw = random.Random(f"{seed}:{lexicon}:{outlet}")
            chosen.extend(draw.sample(ordered, shares[outlet]))
    return chosen


def export_csv(features: Features, rows: Sequence[ExportRow]) -> bytes:
    """The review file: EXPORT_COLUMNS, decisions blank."""
    bounds = _sentence_bounds(features)
    return review_csv(EXPORT_COLUMNS, (
        [row.key, row.article.id, row.article.outlet,
         row.article.published.iso() if row.article.published else "",
         row.mention.lexicon, row.mention.category, row.mention.term, row.mention.voice,
         row.mention.position,
         passage(row.article, row.mention, bounds(row.article.id, row.mention.sentence)),
         "", "", ""]
        for row in rows))


def has_decisions(path: Path) -> bool:
    """Whether `path` is a review file with a decision in it (not to be written over)."""
    from framing.errors import ReviewError
    from framing.review.files import read_review_file

    try:
        return bool(read_review_file(path).decided)
    except ReviewError:
        return False
