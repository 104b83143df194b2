"""`framing review summary` and `framing review agreement`: what review files say.

Both read review files alone (keys and decisions suffice: the key names the lexicon, the
category and the term). Summary: per lexicon and category, the mentions reviewed, relevant,
not relevant and unclear, and the precision with its Wilson interval; and the terms most
often judged not relevant, each with the exclusion that would remove them, worked out from
the passages when the files have them. Agreement: Krippendorff's alpha (nominal), the share
of agreeing pairs, n and the confusion table, over the mentions coded by two reviewers or
more, overall and per lexicon. A reviewer is named by the reviewer column, or else by the
file's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import ReviewError
from framing.review.files import JUDGEMENTS, ReviewFile, ReviewRow
from framing.review.keys import parse_key, term_hash
from framing.review.stats import Tally, confusion, nominal_alpha, pairwise_agreement, tally
from framing.types import Judgement, Lexicon

TERMS_SHOWN = 5  # per lexicon, the terms most often judged not relevant
# An exclusion is suggested when it removes this many not-relevant mentions or more: a phrase
# seen once is that passage's words, not a pattern.
EXCLUSION_EVIDENCE = 2
_MARKED = re.compile(r"\[\[(.+?)\]\]")
_WORD_AFTER = re.compile(r"[ \t]+([^\W_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W_][\w'’-]*)[ \t]+$")


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], numeric: int = 1) -> list[str]:
    """Plain-text columns; all but the first `numeric` columns right-aligned."""
    rows = [list(header)] + [list(row) for row in rows]
    widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
    return ["  ".join(cell.ljust(w) if k < numeric else cell.rjust(w)
                      for k, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


# --- decisions per mention --------------------------------------------------------------


@dataclass(frozen=True)
class Judged:
    """The decisions of the files on one key, combined as when applied."""

    key: str
    lexicon: str
    category: str
    term: str  # the label when the files or the lexicons give it; else "term <hash>"
    decision: Judgement
    rows: tuple[ReviewRow, ...]

    @property
    def conflict(self) -> bool:
        return len({row.decision for row in self.rows}) > 1


def _term_labels(lexicons: Sequence[Lexicon]) -> dict[tuple[str, str], str]:
    return {(lx.name, term_hash(t.text)): t.text for lx in lexicons for t in lx.terms}


def judged_mentions(files: Sequence[ReviewFile], *,
                    lexicons: Sequence[Lexicon] = ()) -> list[Judged]:
    """Each key decided in `files`, its decisions combined (disagreeing ones: unclear)."""
    labels = _term_labels(lexicons)
    rows: dict[str, list[ReviewRow]] = {}
    for review in files:
        for row in review.decided:
            rows.setdefault(row.key, []).append(row)
    judged = []
    for key, found in rows.items():
        parts = parse_key(key)
        assert parts is not None  # read_review_file lets no other key through
        verdicts = {row.decision for row in found}
        term = (next((row.extra["term"] for row in found if row.extra.get("term")), None)
                or labels.get((parts.lexicon, parts.term)) or f"term {parts.term}")
        judged.append(Judged(key, parts.lexicon, parts.category, term,
                             found[0].decision if len(verdicts) == 1 else "unclear",  # type: ignore[arg-type]
                             tuple(found)))
    return sorted(judged, key=lambda j: (j.lexicon, j.category, j.term, j.key))


# --- summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermAdvice:
    """A term judged not relevant, and the exclusion (a phrase around it) that would remove
    the most of those mentions and none judged relevant."""

    lexicon: str
    category: str
    term: str
    tally: Tally
    exclusion: str | None
    removes: int  # of the not-relevant mentions
    passages: int  # not-relevant mentions with a passage to look at


@dataclass(frozen=True)
class Summary:
    files: tuple[str, ...]
    categories: tuple[tuple[str, str, Tally], ...]  # (lexicon, category or "", tally)
    terms: tuple[TermAdvice, ...]
    conflicts: int


def _contexts(passage: str) -> set[str]:
    """The phrases of the marked match and the word before or after it ("white paper")."""
    marked = _MARKED.search(passage)
    if marked is None:
        return set()
    matched = " ".join(marked.group(1).split())
    found = set()
    if after := _WORD_AFTER.match(passage, marked.end()):
        found.add(f"{matched} {after.group(1)}")
    if before := _WORD_BEFORE.search(passage[:marked.start()]):
        found.add(f"{before.group(1)} {matched}")
    return found


def _passage(judged: Judged) -> str | None:
    return next((row.extra["passage"] for row in judged.rows if row.extra.get("passage")), None)


def _advice(lexicon: str, category: str, term: str, found: Sequence[Judged]) -> TermAdvice:
    wrong = [j for j in found if j.decision == "not_relevant"]
    right = [j for j in found if j.decision == "relevant"]
    spoilt = {phrase.casefold() for j in right if (p := _passage(j)) for phrase in _contexts(p)}
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    with_passage = 0
    for j in wrong:
        if (p := _passage(j)) is None:
            continue
        with_passage += 1
        for phrase in _contexts(p):
            folded = phrase.casefold()
            if folded not in spoilt:
                counts[folded] = counts.get(folded, 0) + 1
                shown.setdefault(folded, phrase)
    best = min((f for f in counts if counts[f] >= EXCLUSION_EVIDENCE),
               key=lambda f: (-counts[f], f), default=None)
    return TermAdvice(lexicon, category, term, tally(j.decision for j in found),
                      shown[best] if best else None, counts[best] if best else 0, with_passage)


def summarise(files: Sequence[ReviewFile], *, lexicons: Sequence[Lexicon] = (),
              top: int = TERMS_SHOWN) -> Summary:
    """Per lexicon (category "") and category the decisions; per lexicon the `top` terms
    most often judged not relevant, with advice. `lexicons` name the terms of files that
    have no term column."""
    judged = judged_mentions(files, lexicons=lexicons)
    categories: list[tuple[str, str, Tally]] = []
    terms: list[TermAdvice] = []
    for lexicon in sorted({j.lexicon for j in judged}):
        of_lexicon = [j for j in judged if j.lexicon == lexicon]
        categories.append((lexicon, "", tally(j.decision for j in of_lexicon)))
        for category in sorted({j.category for j in of_lexicon}):
            categories.append((lexicon, category, tally(j.decision for j in of_lexicon
                                                        if j.category == category)))
        by_term: dict[tuple[str, str], list[Judged]] = {}
        for j in of_lexicon:
            by_term.setdefault((j.category, j.term), []).append(j)
        advice = [_advice(lexicon, category, term, found)
                  for (category, term), found in by_term.items()
                  if any(j.decision == "not_relevant" for j in found)]
        advice.sort(key=lambda a: (-a.tally.not_relevant, a.tally.relevant, a.term))
        terms.extend(advice[:top])
    return Summary(files=tuple(f.path for f in files), categories=tuple(categories),
                   terms=tuple(terms), conflicts=sum(j.conflict for j in judged))


def _interval(t: Tally) -> str:
    if t.interval is None:
        return "–"
    low, high = t.interval
    return f"{_pct(low)}-{_pct(high)}"


def format_summary(summary: Summary) -> str:
    if not summary.categories:
        return "No decisions in " + ", ".join(summary.files) + " (every decision cell is blank)."
    rows = [(lexicon if not category else f"  {category}", str(t.reviewed), str(t.relevant),
             str(t.not_relevant), str(t.unclear), _pct(t.precision), _interval(t))
            for lexicon, category, t in summary.categories]
    lines = [f"Review decisions in {len(summary.files)} file(s): " + ", ".join(summary.files), ""]
    lines += _table(("lexicon / category", "reviewed", "relevant", "not relevant", "unclear",
                     "precision", "95% CI"), rows)
    lines += ["", "Precision: relevant among the mentions decided relevant or not relevant "
              "(unclear ones aside); 95% Wilson interval."]
    if summary.conflicts:
        lines.append(f"{summary.conflicts} mention(s) with disagreeing decisions count as "
                     "unclear (framing review agreement compares the reviewers).")
    if summary.terms:
        lines += ["", "Terms most often judged not relevant (framing lexicons show NAME lists "
                  "the exclusions a lexicon has):"]
        for advice in summary.terms:
            t = advice.tally
            lines.append(f"  {advice.lexicon} / {advice.category}: {advice.term}: "
                         f"{t.not_relevant} not relevant, {t.relevant} relevant, "
                         f"{t.unclear} unclear")
            if advice.exclusion is not None:
                lines.append(f"    exclusion {advice.exclusion!r} would remove {advice.removes} "
                             f"of the {t.not_relevant} not relevant and none judged relevant")
            elif advice.passages:
                lines.append("    no word beside it recurs in its not-relevant mentions and "
                             "never in the relevant: read them (framing kwic), then narrow "
                             "the term (preceded_by / followed_by) or drop it")
            else:
                lines.append("    (no passages in the files: summarise the exported files, "
                             "which have them, for a suggested exclusion)")
    return "\n".join(lines)


# --- agreement --------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementScope:
    """Agreement over the mentions of one lexicon ("" for all) coded twice or more."""

    lexicon: str
    units: int
    alpha: float | None
    agreement: float | None
    confusion: tuple[tuple[str, str, tuple[tuple[int, ...], ...]], ...]  # coder pairs


@dataclass(frozen=True)
class Agreement:
    coders: tuple[str, ...]
    values: tuple[str, ...]
    overall: AgreementScope
    lexicons: tuple[AgreementScope, ...]
    warnings: tuple[str, ...]


def coder_of(row: ReviewRow) -> str:
    """The reviewer column, or else the review file's name."""
    return row.reviewer.strip() or Path(row.file).stem


def agreement(files: Sequence[ReviewFile]) -> Agreement:
    """Agreement between the reviewers of `files` (see the module's docstring). A reviewer
    who gives one mention two different decisions is reported; that mention's decision of
    theirs is left out. ReviewError with fewer than two reviewers or no mention coded twice."""
    units: dict[str, dict[str, Judgement]] = {}
    spoilt: dict[tuple[str, str], list[ReviewRow]] = {}
    seen: dict[tuple[str, str], ReviewRow] = {}
    for review in files:
        for row in review.decided:
            coder = coder_of(row)
            first = seen.setdefault((row.key, coder), row)
            if first.decision != row.decision:
                spoilt.setdefault((row.key, coder), [first]).append(row)
            units.setdefault(row.key, {})[coder] = row.decision  # type: ignore[assignment]
    warnings = []
    for (key, coder), rows in spoilt.items():
        del units[key][coder]
        warnings.append(f"{coder} gives {key} different decisions ("
                        + "; ".join(f"{r.file}:{r.line} {r.decision}" for r in rows)
                        + "): left out of the agreement")
    coders = sorted({coder for values in units.values() for coder in values})
    if len(coders) < 2:
        raise ReviewError(
            f"{', '.join(f.path for f in files)}: agreement needs the decisions of two reviewers "
            f"or more, and these files have {len(coders)} ({', '.join(coders) or 'none'}); a "
            "reviewer is named by the reviewer column, or else by the file's name")
    coded = {key: values for key, values in units.items() if len(values) >= 2}
    if not coded:
        raise ReviewError(f"{', '.join(f.path for f in files)}: no mention was decided by two "
                          "reviewers; give files of the same mentions (the same sample)")
    values = tuple(v for v in JUDGEMENTS if any(v in c.values() for c in coded.values()))

    def scope(lexicon: str, keys: list[str]) -> AgreementScope:
        part = {key: coded[key] for key in keys}
        tables = tuple((a, b, tuple(map(tuple, confusion(part, a, b, values))))
                       for a, b in _pairs(coders, part))
        return AgreementScope(lexicon, len(part), nominal_alpha(part),
                              pairwise_agreement(part), tables)

    by_lexicon: dict[str, list[str]] = {}
    for key in coded:
        by_lexicon.setdefault(parse_key(key).lexicon, []).append(key)  # type: ignore[union-attr]
    return Agreement(tuple(coders), values, scope("", sorted(coded)),
                     tuple(scope(lx, sorted(keys)) for lx, keys in sorted(by_lexicon.items())),
                     tuple(warnings))


def _pairs(coders: Sequence[str], units) -> list[tuple[str, str]]:
    """Pairs of coders who both coded some unit."""
    return [(a, b) for k, a in enumerate(coders) for b in coders[k + 1:]
            if any(a in values and b in values for values in units.values())]


def _alpha(value: float | None) -> str:
    return "undefined (one value only)" if value is None else f"{value:.3f}"


def format_agreement(result: Agreement) -> str:
    overall = result.overall
    lines = [f"Reviewers: {', '.join(result.coders)}",
             f"Mentions decided by two reviewers or more: n = {overall.units}",
             f"Krippendorff's alpha (nominal): {_alpha(overall.alpha)}",
             f"Agreement: {_pct(overall.agreement)} of pairs of decisions"]
    for a, b, table in overall.confusion:
        lines += ["", f"{a} (rows) against {b} (columns):"]
        lines += _table(("", *result.values),
                        [(value, *map(str, row)) for value, row in zip(result.values, table,
                                                                         strict=True)])
    lines += ["", "Per lexicon:"]
    lines += _table(("lexicon", "n", "alpha", "agreement"),
                    [(s.lexicon, str(s.units), _alpha(s.alpha) if s.alpha is not None else "–",
                      _pct(s.agreement)) for s in result.lexicons])
    for scope in result.lexicons:
        for a, b, table in scope.confusion:
            lines += ["", f"{scope.lexicon}: {a} (rows) against {b} (columns):"]
            lines += _table(("", *result.values),
                            [(value, *map(str, row)) for value, row in zip(result.values, table,
                                                                             strict=True)])
    return "\n".join(lines)
