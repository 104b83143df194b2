"""Review decisions applied to Features: mentions judged not relevant leave every count.

A pure step after framing.features.compute: `apply_decisions(features, files)` matches each
decision's key to a mention (framing.review.keys), leaves the mentions judged not relevant
out of Features.mentions, recounts each article's mentions and each outlet's frames
(framing.features.mentions.outlet_frames, as computed), and keeps every mention with its
decisions in Features.review. So evidence, findings, charts and tables, which read
Features.mentions and Features.frames, leave them out with no change of their own.

How a key finds its mention: among the articles whose text has the key's content hash, the
one whose id has the key's article hash (or, when none has, every one of them: the same text
re-imported under another id), then the mention of the key's lexicon at the key's offsets
(its category and term may have been renamed since). A key whose article is found by id but
whose text has changed is stale: not applied, and reported. Decisions that disagree on a
mention are a conflict, reported with the file and line of each; the mention counts as
unclear.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from framing.errors import ReviewError, located
from framing.review.files import ReviewFile, ReviewRow
from framing.review.keys import article_hash, content_hash, mention_key, parse_key
from framing.types import Article, Decision, Features, Mention, MentionReview, Review

LINES_SHOWN = 5  # line numbers listed in a warning about several rows


def _decision(row: ReviewRow) -> Decision:
    assert row.decision is not None
    return Decision(key=row.key, decision=row.decision, reviewer=row.reviewer, note=row.note,
                    file=row.file, line=row.line)


def _lines(rows: Sequence[ReviewRow]) -> str:
    shown = ", ".join(str(row.line) for row in rows[:LINES_SHOWN])
    return f"line{'s' if len(rows) > 1 else ''} {shown}" + (", ..." if len(rows) > LINES_SHOWN
                                                            else "")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class _Index:
    """The corpus's articles by content and id hash, and its mentions by place."""

    def __init__(self, features: Features, mentions: Sequence[Mention]) -> None:
        self.content = {article.id: content_hash(article) for article in features.corpus.articles}
        self.by_content: dict[str, list[Article]] = {}
        self.by_id: dict[str, list[Article]] = {}
        for article in features.corpus.articles:
            self.by_content.setdefault(self.content[article.id], []).append(article)
            self.by_id.setdefault(article_hash(article.id), []).append(article)
        self.at: dict[tuple[str, str, int, int], Mention] = {
            (m.span.article_id, m.lexicon, m.span.start, m.span.end): m for m in mentions}

    def named(self, rows: Sequence[ReviewRow]) -> str:
        """The articles the rows' keys name by id: "article x", "3 articles: x, y, z"."""
        ids = sorted({a.id for row in rows if (parts := parse_key(row.key))
                      for a in self.by_id.get(parts.article, ())})
        shown = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
        return f"article {shown}" if len(ids) == 1 else f"{len(ids)} articles: {shown}"

    def resolve(self, key: str) -> tuple[str, list[Mention]]:
        """("found", its mentions) or (why not: "stale", "no mention", "not in corpus", [])."""
        parts = parse_key(key)
        if parts is None:  # read_review_file lets none through
            return "not in corpus", []
        same_text = self.by_content.get(parts.content)
        if not same_text:
            return ("stale" if parts.article in self.by_id else "not in corpus"), []
        articles = [a for a in same_text if article_hash(a.id) == parts.article] or same_text
        found = [m for a in articles
                 if (m := self.at.get((a.id, parts.lexicon, parts.start, parts.end)))]
        return ("found", found) if found else ("no mention", [])


_WHY = {
    "stale": ("{n} not applied: the text of their article has changed since it was reviewed "
              "({lines}; {articles}); export its mentions again (framing review export) and "
              "review them"),
    "no mention": ("{n} not applied: no mention of their article is at their key's place "
                   "({lines}): the lexicons have changed since the review, or the keys were "
                   "edited"),
    "not in corpus": ("{n} not applied: their articles are not in this corpus ({lines}): "
                      "reviewed in another selection of it, or since removed"),
}


def match_decisions(features: Features, files: Sequence[ReviewFile]) -> Review:
    """Which mention each decision of `files` judges, and what was not applied.

    ReviewError when a file's keys match no article of the corpus at all (a file from
    another corpus). Decisions left blank are not reviews and are ignored."""
    mentions = features.review.mentions if features.review is not None else features.mentions
    index = _Index(features, mentions)
    judged: dict[Mention, list[Decision]] = {}
    warnings: list[str] = []
    for review in files:
        outcomes: dict[str, list[ReviewRow]] = {}
        for row in review.rows:
            outcome, found = index.resolve(row.key)
            outcomes.setdefault(outcome, []).append(row)
            if row.decision is not None:
                for mention in found:
                    judged.setdefault(mention, []).append(_decision(row))
        if review.rows and not any(outcomes.get(k) for k in ("found", "stale", "no mention")):
            raise ReviewError(located(
                review.path, f"none of its {_count(len(review.rows), 'key', 'keys')} names an "
                "article of this corpus: the file was made from another corpus; export this "
                "corpus's mentions with framing review export",
                line=review.rows[0].line))
        if not review.decided:
            warnings.append(f"{review.path}: no decisions (every decision cell is blank): "
                            "nothing applied from it")
        for why, template in _WHY.items():
            rows = [row for row in outcomes.get(why, []) if row.decision is not None]
            if rows:
                warnings.append(f"{review.path}: " + template.format(
                    n=_count(len(rows), "decision", "decisions"), lines=_lines(rows),
                    articles=index.named(rows)))
    keys = tuple(mention_key(m, content=index.content[m.span.article_id]) for m in mentions)
    reviews: dict[Mention, MentionReview] = {}
    for mention, key in zip(mentions, keys, strict=True):  # conflicts reported in this order
        decisions = judged.get(mention)
        if not decisions:
            continue
        verdicts = {d.decision for d in decisions}
        reviews[mention] = MentionReview(
            decision=decisions[0].decision if len(verdicts) == 1 else "unclear",
            decisions=tuple(decisions))
        if len(verdicts) > 1:
            said = "; ".join(f"{d.file}:{d.line} says {d.decision}" for d in decisions)
            warnings.append(f"conflict on {key} ({mention.span.article_id}, {mention.text!r}): "
                            f"{said}; counted as unclear")
    return Review(files=tuple(review.path for review in files), mentions=tuple(mentions),
                  judged=reviews, content=index.content, warnings=tuple(warnings), keys=keys)


def apply_decisions(features: Features, files: Sequence[ReviewFile]) -> Features:
    """`features` with the mentions judged not relevant left out of every count, rate and
    quote; every mention and its decisions in `.review` (see match_decisions)."""
    return with_review(features, match_decisions(features, files))


def with_review(features: Features, review: Review) -> Features:
    """`features` recounted without the mentions `review` judges not relevant."""
    from framing.features.mentions import outlet_frames

    kept = tuple(m for m in review.mentions
                 if (r := review.judged.get(m)) is None or r.decision != "not_relevant")
    counts: dict[str, dict[str, int]] = {}
    for mention in kept:
        per_article = counts.setdefault(mention.span.article_id, {})
        per_article[mention.lexicon] = per_article.get(mention.lexicon, 0) + 1
    articles = tuple(
        dataclasses.replace(row, mentions={name: counts.get(row.article_id, {}).get(name, 0)
                                           for name in row.mentions})
        for row in features.articles)
    frames = outlet_frames(features.corpus, features.lexicons, kept,
                           words={row.article_id: row.words for row in features.articles})
    return dataclasses.replace(features, mentions=kept, articles=articles, frames=frames,
                               review=review)


def decision_of(features: Features, mention: Mention) -> MentionReview | None:
    """The decisions on `mention`, if reviewed."""
    return features.review.judged.get(mention) if features.review is not None else None


def key_of(review: Review, mention: Mention) -> str:
    """The key of one of the review's mentions."""
    return mention_key(mention, content=review.content[mention.span.article_id])
