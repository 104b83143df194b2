"""How well framing attributes quotations, against a hand annotation (issue 33).

    python benchmarks/quote_validation.py annotation.csv
    python benchmarks/quote_validation.py annotation.csv second-annotator.csv
    python benchmarks/quote_validation.py annotation.csv --corpus corpus/rotherham \\
        --failures-csv failures.csv --json figures.json

The annotation is a CSV file holding no article text: one row per quotation with the columns
article_id, start, end, kind (direct / scare / according_to), speaker, role, annotator, note.
`start` and `end` are the offsets of the quotation (its words, without the quotation marks)
in the article's analysed text as framing loads the corpus (headline, blank line, standfirst,
blank line, body) as printed, with each outlet's furniture kept (the annotation was made on
that text): `framing.load(corpus, keep_furniture=True)`, by default
../shared/data/allsides/articles.jsonl.gz
(or $FRAMING_SHARED_DATA/allsides). `speaker` is the speaker as the article names them, or
"unattributed"; several acceptable forms may be given separated by " | " ("IICSA | the
inquiry"). `role` is a role of the roles lexicon, "other" or "unattributed".

Each annotated quotation is matched to the engine's quotation in the same article whose span
overlaps it most (ties: the earlier). On the annotated *direct* quotations of the first file:

- coverage: those the engine attributes to a speaker (not "unattributed"), of all of them;
- speaker accuracy: of those attributed, the ones whose speaker is the annotated one;
- role accuracy: of those attributed, the ones with the annotated role (and, beside it, the
  role agreement over all annotated direct quotations, "unattributed" counting as a role and
  a quotation the engine did not find as a miss);
- per outlet, the share of direct quotations by role in the hand annotation and by the
  engine on the same quotations (and on all the engine's direct quotations in the annotated
  articles), and the largest gap in percentage points;
- the failures, each with its article id, offsets, what was expected and what came out.

With a second file (another annotator's, blind to the first), the agreement between the two
annotators on the direct quotations both annotated (matched by overlap): Cohen's kappa on
role and percent agreement on speaker.

Speakers are compared normalised: case, punctuation, a leading article ("the", "a") and
titles (Mr, Ms, Dr, Prof, Sen., President, ...) are ignored. A shorter or longer form of a
name counts as the same speaker only when it names the same person: the surnames are equal,
the given names or initials present in both agree, and nothing known of the two says
otherwise (a title or a given name of the other sex: "Mr Matthews" is not "Ruth Matthews").
An acronym equals its expansion ("IICSA" and "Independent Inquiry into Child Sexual Abuse").
Descriptions ("a police spokesman") must be equal once normalised; give the forms you accept
with " | ".
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.features.quotes import DISPLAY_TITLES, UNATTRIBUTED, given_names  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("FRAMING_SHARED_DATA") or HERE.parent.parent / "shared" / "data"
            ) / "allsides" / "articles.jsonl.gz"
COLUMNS = ("article_id", "start", "end", "kind", "speaker", "role", "annotator", "note")
KINDS = ("direct", "scare", "according_to")
LARGE_OUTLET = 30  # annotated direct quotations from which an outlet's shares are compared


class AnnotationError(Exception):
    """A mistake in an annotation file: `file:line: what is wrong`."""


@dataclass(frozen=True)
class Annotated:
    """One row of an annotation file."""

    article_id: str
    start: int
    end: int
    kind: str
    speaker: str
    role: str
    annotator: str
    note: str
    file: str
    line: int


@dataclass(frozen=True)
class Failure:
    article_id: str
    start: int
    end: int
    problem: str  # "not attributed", "speaker", "role", "not found"
    expected: str
    got: str


@dataclass
class Figures:
    """What the validation measured (printed, or written as JSON)."""

    articles: int
    outlets: int
    annotated: int  # rows in the first file
    direct: int  # annotated direct quotations
    hand_unattributed: int  # of them, those the annotator left unattributed
    found: int  # direct quotations matched to an engine quotation
    attributed: int  # matched, and attributed by the engine (not "unattributed")
    speaker_right: int
    role_right: int
    role_right_all: int  # over every annotated direct quotation
    outlets_shares: list[dict] = field(default_factory=list)
    agreement: dict | None = None
    failures: list[Failure] = field(default_factory=list)

    @property
    def coverage(self) -> float | None:
        return self.attributed / self.direct if self.direct else None

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_right / self.attributed if self.attributed else None

    @property
    def role_accuracy(self) -> float | None:
        return self.role_right / self.attributed if self.attributed else None

    @property
    def role_agreement_all(self) -> float | None:
        return self.role_right_all / self.direct if self.direct else None


# --- reading -----------------------------------------------------------------------------


def read_annotation(path: Path) -> list[Annotated]:
    """The rows of an annotation file; AnnotationError (file:line) for any mistake."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AnnotationError(f"{path}: cannot read it ({error})") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AnnotationError(f"{path}:1: no column {', '.join(missing)}; the columns are "
                              f"{', '.join(COLUMNS)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        where = f"{path}:{line}"
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            raise AnnotationError(f"{where}: start and end must be whole numbers (offsets in "
                                  "the analysed text)") from None
        if not 0 <= start < end:
            raise AnnotationError(f"{where}: start {start} and end {end} do not make a span")
        kind = (row["kind"] or "").strip()
        if kind not in KINDS:
            raise AnnotationError(f"{where}: kind {kind!r}: use one of {', '.join(KINDS)}")
        article_id = (row["article_id"] or "").strip()
        if not article_id:
            raise AnnotationError(f"{where}: no article_id")
        rows.append(Annotated(article_id, start, end, kind, (row["speaker"] or "").strip(),
                              (row["role"] or "").strip(), (row["annotator"] or "").strip(),
                              (row["note"] or "").strip(), str(path), line))
    return rows


# --- speakers ----------------------------------------------------------------------------

_TITLES = {t.casefold() for t in DISPLAY_TITLES} | {"the", "a", "an"}
_MALE = {"mr", "sir", "lord", "baron", "king", "prince", "duke", "father", "congressman"}
_FEMALE = {"mrs", "ms", "miss", "lady", "dame", "baroness", "queen", "princess", "duchess",
           "congresswoman"}
_SMALL_WORDS = {"of", "for", "into", "the", "and", "on", "in", "&"}


def _words(speaker: str) -> list[str]:
    text = unicodedata.normalize("NFKC", speaker).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", text.casefold())


def _parts(speaker: str) -> tuple[list[str], str | None]:
    """A speaker's words without leading titles and articles, and its sex when a title or
    a given name says it ("m", "f", or None)."""
    words = _words(speaker)
    sex = None
    while words and words[0] in _TITLES:
        if words[0] in _MALE:
            sex = "m"
        elif words[0] in _FEMALE:
            sex = "f"
        words = words[1:]
    if sex is None and len(words) > 1:
        sex = given_names().get(words[0])
    return words, sex


def _acronym_of(short: list[str], long: list[str]) -> bool:
    if len(short) != 1 or len(long) < 2:
        return False
    initials = "".join(w[0] for w in long if w not in _SMALL_WORDS)
    return short[0] == initials


def _is_name(speaker: str) -> bool:
    """A name ("Jack Straw", "former Home Secretary Jack Straw", "the NSPCC"), not a
    description ("a police spokesman"): it ends in a capitalised word."""
    words = speaker.split()
    return bool(words) and words[-1][:1].isupper()


def same_speaker(expected: str, got: str) -> bool:
    """Whether the engine's speaker `got` names the annotated `expected` (which may list
    acceptable forms separated by " | "); see the module docstring for the rule."""
    return any(_same_one(form.strip(), got.strip()) for form in expected.split("|"))


def _same_one(expected: str, got: str) -> bool:
    if not expected or not got:
        return False
    if expected.casefold() == UNATTRIBUTED or got.casefold() == UNATTRIBUTED:
        return expected.casefold() == got.casefold()
    a, sex_a = _parts(expected)
    b, sex_b = _parts(got)
    if not a or not b:
        return False
    if a == b:
        return True
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    if not (_is_name(expected) and _is_name(got)):
        return False  # descriptions must be equal
    if a[-1] != b[-1]:
        return False  # another surname
    if sex_a and sex_b and sex_a != sex_b:
        return False  # "Mr Matthews" is not "Ruth Matthews"
    # The shorter form's other words (given names, initials) must come, in order, among the
    # longer form's: "Donald Trump" in "Donald J. Trump", "Jack Straw" in "Home Secretary
    # Jack Straw", "J. Smith" in "John Smith"; not "Mary Smith" in "John Smith".
    short, long = sorted((a[:-1], b[:-1]), key=len)
    rest = iter(long)
    return all(any(_same_word(word, other) for other in rest) for word in short)


def _same_word(x: str, y: str) -> bool:
    """The same word, or an initial and a word it begins."""
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


# --- matching ----------------------------------------------------------------------------


def best_match(start: int, end: int, candidates: Sequence) -> object | None:
    """The candidate (anything with .span.start/.span.end, or .start/.end) whose span
    overlaps [start, end) most; ties: the earlier; None when none overlaps."""
    best, best_overlap = None, 0
    for candidate in candidates:
        span = getattr(candidate, "span", candidate)
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > best_overlap:
            best, best_overlap = candidate, overlap
    return best


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels; None without pairs, 1.0 when both always agree
    on one label."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


# --- the validation ----------------------------------------------------------------------


def validate(rows: Sequence[Annotated], corpus, *, roles=None,
             second: Sequence[Annotated] = ()) -> Figures:
    """Compare the engine with `rows` (the first annotator's) on `corpus`'s articles; with
    `second`, the agreement between the two annotators."""
    from framing.features.quotes import find_quotations
    from framing.features.roles import load_roles
    from framing.text import article_units

    roles = roles if roles is not None else load_roles()
    articles = {a.id: a for a in corpus.articles}
    wanted = {r.article_id for r in (*rows, *second)}
    missing = sorted(wanted - set(articles))
    if missing:
        raise AnnotationError(f"{len(missing)} annotated article(s) not in the corpus: "
                              f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}; "
                              "give the corpus the annotation was made on with --corpus")
    for row in (*rows, *second):
        length = len(articles[row.article_id].analysed_text)
        if row.end > length:
            raise AnnotationError(f"{row.file}:{row.line}: end {row.end} is past the end of "
                                  f"article {row.article_id} ({length} characters)")
    found = {aid: find_quotations(articles[aid], units=article_units(articles[aid]),
                                  roles=roles) for aid in sorted(wanted)}
    direct = [r for r in rows if r.kind == "direct"]
    figures = Figures(
        articles=len({r.article_id for r in rows}),
        outlets=len({articles[r.article_id].outlet for r in rows}),
        annotated=len(rows), direct=len(direct),
        hand_unattributed=sum(r.speaker.casefold() == UNATTRIBUTED for r in direct),
        found=0, attributed=0, speaker_right=0, role_right=0, role_right_all=0)
    engine_roles: list[str] = []
    for row in direct:
        match = best_match(row.start, row.end, found[row.article_id])
        expected = f"{row.speaker} ({row.role})"
        if match is None:
            engine_roles.append("(not found)")
            figures.failures.append(Failure(row.article_id, row.start, row.end, "not found",
                                            expected, "no quotation"))
            continue
        figures.found += 1
        got = f"{match.speaker or '-'} ({match.role or match.kind})"
        role = match.role if match.kind == "direct" else UNATTRIBUTED
        engine_roles.append(role)
        figures.role_right_all += role == row.role
        if match.kind != "direct" or match.speaker == UNATTRIBUTED:
            if row.speaker.casefold() != UNATTRIBUTED:  # unattributed by both is no failure
                figures.failures.append(Failure(row.article_id, row.start, row.end,
                                                "not attributed", expected, got))
            continue
        figures.attributed += 1
        speaker_right = same_speaker(row.speaker, match.speaker)
        figures.speaker_right += speaker_right
        figures.role_right += match.role == row.role
        if not speaker_right or match.role != row.role:
            problem = "speaker" if not speaker_right else "role"
            if not speaker_right and match.role != row.role:
                problem = "speaker and role"
            figures.failures.append(Failure(row.article_id, row.start, row.end, problem,
                                            expected, got))
    figures.outlets_shares = _outlet_shares(direct, engine_roles, found, articles)
    if second:
        figures.agreement = agreement(rows, second)
    return figures


def _shares(roles: Iterable[str]) -> dict[str, float]:
    counts = Counter(roles)
    total = sum(counts.values())
    return {role: counts[role] / total for role in sorted(counts)} if total else {}


def _outlet_shares(direct, engine_roles, found, articles) -> list[dict]:
    by_outlet: dict[str, list[tuple[str, str]]] = {}
    for row, engine in zip(direct, engine_roles, strict=True):
        by_outlet.setdefault(articles[row.article_id].outlet, []).append((row.role, engine))
    result = []
    for outlet in sorted(by_outlet, key=str.casefold):
        pairs = by_outlet[outlet]
        hand = _shares(h for h, _ in pairs)
        same = _shares(e for _, e in pairs)
        named = _shares(e for _, e in pairs if e not in (UNATTRIBUTED, "(not found)"))
        ids = {aid for aid, quotations in found.items() if articles[aid].outlet == outlet}
        everything = _shares(q.role for aid in ids for q in found[aid] if q.kind == "direct")
        roles = sorted(set(hand) | set(same) | set(everything))
        gap = max((abs(hand.get(r, 0) - same.get(r, 0)) for r in roles), default=0.0)
        gap_all = max((abs(hand.get(r, 0) - everything.get(r, 0)) for r in roles), default=0.0)
        named_roles = [r for r in roles if r != UNATTRIBUTED]
        gap_named = max((abs(hand.get(r, 0) - named.get(r, 0)) for r in named_roles),
                        default=0.0)
        result.append({"outlet": outlet, "n": len(pairs), "hand": hand, "engine": same,
                       "engine_attributed": named, "engine_all": everything,
                       "points_apart": 100 * gap, "points_apart_all": 100 * gap_all,
                       "points_apart_attributed": 100 * gap_named})
    return result


def agreement(first: Sequence[Annotated], second: Sequence[Annotated]) -> dict:
    """Cohen's kappa on role and percent agreement on speaker, over the direct quotations
    both annotated (matched by overlap)."""
    a_direct = [r for r in first if r.kind == "direct"]
    b_by_article: dict[str, list[Annotated]] = {}
    for row in second:
        if row.kind == "direct":
            b_by_article.setdefault(row.article_id, []).append(row)
    pairs = []
    for row in a_direct:
        other = best_match(row.start, row.end, [_Spanned(r) for r in
                                                b_by_article.get(row.article_id, [])])
        if other is not None:
            pairs.append((row, other.row))
    speakers_agree = sum(same_speaker(a.speaker, b.speaker) or same_speaker(b.speaker, a.speaker)
                         for a, b in pairs)
    kappa = cohen_kappa([(a.role, b.role) for a, b in pairs])
    return {"first": _annotators(first), "second": _annotators(second), "both": len(pairs),
            "role_kappa": kappa,
            "role_agreement": (sum(a.role == b.role for a, b in pairs) / len(pairs)
                               if pairs else None),
            "speaker_agreement": speakers_agree / len(pairs) if pairs else None}


@dataclass(frozen=True)
class _Spanned:
    row: Annotated

    @property
    def start(self) -> int:
        return self.row.start

    @property
    def end(self) -> int:
        return self.row.end


def _annotators(rows: Sequence[Annotated]) -> str:
    return ", ".join(sorted({r.annotator for r in rows if r.annotator})) or "(unnamed)"


# --- output ------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def report(figures: Figures, *, failures: int = 50) -> str:
    """The figures as text."""
    lines = [
        f"Annotated: {figures.annotated} quotations ({figures.direct} direct) in "
        f"{figures.articles} articles from {figures.outlets} outlets; the annotator left "
        f"{figures.hand_unattributed} direct quotation(s) unattributed.",
        f"Found by the engine (overlapping spans): {figures.found} of {figures.direct}.",
        f"Coverage: {_pct(figures.coverage)} ({figures.attributed} of {figures.direct} "
        "annotated direct quotations attributed to a speaker).",
        f"Speaker accuracy: {_pct(figures.speaker_accuracy)} ({figures.speaker_right} of "
        f"{figures.attributed} attributed).",
        f"Role accuracy: {_pct(figures.role_accuracy)} ({figures.role_right} of "
        f"{figures.attributed} attributed); over all annotated direct quotations "
        f"(unattributed as a role, a miss as wrong): {_pct(figures.role_agreement_all)} "
        f"({figures.role_right_all} of {figures.direct}).",
        "",
        "Role shares per outlet (direct quotations; hand / engine on the same quotations / "
        "engine on those of them it attributes (the report's shares) / engine on all its "
        "direct quotations in these articles):",
    ]
    for row in figures.outlets_shares:
        roles = sorted(set(row["hand"]) | set(row["engine"]) | set(row["engine_all"]))
        large = "" if row["n"] >= LARGE_OUTLET else f", fewer than {LARGE_OUTLET}: small"
        lines.append(f"  {row['outlet']} (n = {row['n']}{large}): {row['points_apart']:.1f} "
                     f"points apart at most ({row['points_apart_attributed']:.1f} of the "
                     f"attributed, {row['points_apart_all']:.1f} on all)")
        for role in roles:
            lines.append(f"    {role:14} {100 * row['hand'].get(role, 0):5.1f}  "
                         f"{100 * row['engine'].get(role, 0):5.1f}  "
                         f"{100 * row['engine_attributed'].get(role, 0):5.1f}  "
                         f"{100 * row['engine_all'].get(role, 0):5.1f}")
    if figures.agreement is not None:
        a = figures.agreement
        lines += ["", f"Agreement between annotators ({a['first']} / {a['second']}), on the "
                  f"{a['both']} direct quotations both annotated: Cohen's kappa on role "
                  f"{'n/a' if a['role_kappa'] is None else format(a['role_kappa'], '.3f')} "
                  f"(raw agreement {_pct(a['role_agreement'])}); speaker agreement "
                  f"{_pct(a['speaker_agreement'])}."]
    lines += ["", f"Failures: {len(figures.failures)}"
              + (f" (the first {failures} listed)" if len(figures.failures) > failures else "")]
    lines.append("  article_id\tstart\tend\tproblem\texpected\tgot")
    lines += [f"  {f.article_id}\t{f.start}\t{f.end}\t{f.problem}\t{f.expected}\t{f.got}"
              for f in figures.failures[:failures]]
    return "\n".join(lines)


def write_failures(figures: Figures, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(("article_id", "start", "end", "problem", "expected", "got"))
        writer.writerows((f.article_id, f.start, f.end, f.problem, f.expected, f.got)
                         for f in figures.failures)


def as_json(figures: Figures) -> dict:
    data = asdict(figures)
    data.update(coverage=figures.coverage, speaker_accuracy=figures.speaker_accuracy,
                role_accuracy=figures.role_accuracy,
                role_agreement_all=figures.role_agreement_all)
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotation", type=Path, help="the annotation CSV (no article text)")
    parser.add_argument("second", type=Path, nargs="?",
                        help="a second annotator's CSV, for their agreement")
    parser.add_argument("--corpus", default=str(DATA),
                        help="the corpus the offsets point into (any source framing reads)")
    parser.add_argument("--roles", type=Path, help="a roles lexicon (default: the bundled one)")
    parser.add_argument("--failures", type=int, default=50, help="failures printed")
    parser.add_argument("--failures-csv", type=Path, help="write every failure here")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = parser.parse_args(argv)

    import framing
    from framing.errors import FramingError
    from framing.features.roles import load_roles

    try:
        first = read_annotation(args.annotation)
        second = read_annotation(args.second) if args.second else []
        roles = load_roles(args.roles)
        corpus = framing.load(args.corpus, keep_furniture=True)
        figures = validate(first, corpus, roles=roles, second=second)
    except (AnnotationError, FramingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(report(figures, failures=args.failures))
    if args.failures_csv:
        write_failures(figures, args.failures_csv)
    if args.json:
        args.json.write_text(json.dumps(as_json(figures), indent=2, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
