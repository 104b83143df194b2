"""What is in a corpus and what is wrong with it: `framing corpus info` and `validate`.

Per outlet: articles, words, first and last date; the outlet furniture removed when the
corpus was read (framing.corpus.outlet_furniture). Findings: warnings from reading, missing
metadata, date anomalies, exact duplicates (same text once case and whitespace are
ignored) and near-duplicates (syndicated copy: Jaccard similarity of 5-word shingles of at
least 0.8). Errors, which make `validate` fail: no articles, duplicate article ids.

Words are compared without their punctuation (ASCII punctuation, typographic quotes and
dashes, the ellipsis), so that the print and web editions of one story, which differ in
quotation marks ('' and ” , ' and ’) and dashes (-- and —), are found as near-duplicates.

Near-duplicates are found in seconds on tens of thousands of articles: the corpus is read
as bytes with numpy, punctuation bytes are dropped, each word is fingerprinted by its first
8 bytes (ASCII case folded),
5 consecutive fingerprints make a shingle hash (a linear combination, then splitmix64);
a fixed 1/8 of all shingle hashes (chosen by value, so the same shingle is chosen in every
article) form an inverted index whose
shared entries propose candidate pairs, and each candidate pair is then measured on all
its shingles. Everything is deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from framing.corpus.folder import DATE_PROBLEM, UNKNOWN_OUTLET
from framing.corpus.outlets import KNOWN_OUTLETS, outlet_from_url, registered_domain
from framing.types import Article, Corpus, Furniture, PublishedDate

NEAR_DUPLICATE_THRESHOLD = 0.8
SHINGLE_WORDS = 5
EXAMPLES = 5  # article ids quoted per finding
GROUPS_SHOWN = 10  # duplicate groups listed in full

_SAMPLE_BITS = 3  # 1 shingle hash in 2**3 goes into the inverted index
_CANDIDATE_SHARE = 0.5  # sampled Jaccard that makes a pair worth measuring exactly
_MAX_POSTING = 200  # a shingle in more articles than this is boilerplate, not evidence


@dataclass(frozen=True)
class OutletRow:
    """One outlet's line in the corpus summary."""

    outlet: str
    articles: int
    words: int
    first: PublishedDate | None
    last: PublishedDate | None
    undated: int


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles with the same or nearly the same text; `similarity` is the lowest Jaccard.

    `editions` lists the editions of one outlet the group spans, as an export names them
    (Article.meta "publication" and "edition": "The Guardian (London), Final Edition" and
    "Guardian.com"), when there are several: the print and web editions of one story."""

    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    similarity: float
    editions: tuple[str, ...] = ()


@dataclass(frozen=True)
class CorpusFindings:
    """The summary table and what is wrong; `errors` make `framing corpus validate` fail."""

    name: str
    source: str
    articles: int
    words: int
    outlets: tuple[OutletRow, ...]
    exact_duplicates: tuple[DuplicateGroup, ...]
    near_duplicates: tuple[DuplicateGroup, ...]
    warnings: tuple[str, ...]
    errors: tuple[str, ...]
    languages: Mapping[str, int] = field(default_factory=dict)  # of the articles read
    left_out_languages: Mapping[str, int] = field(default_factory=dict)
    furniture: tuple[Furniture, ...] = ()

    @property
    def first(self) -> PublishedDate | None:
        dated = [row.first for row in self.outlets if row.first]
        return min(dated, key=lambda d: d.date) if dated else None

    @property
    def last(self) -> PublishedDate | None:
        dated = [row.last for row in self.outlets if row.last]
        return max(dated, key=lambda d: d.date) if dated else None


def inspect(corpus: Corpus, *, near_threshold: float = NEAR_DUPLICATE_THRESHOLD) -> CorpusFindings:
    """Summarise a corpus per outlet and collect warnings and errors about it."""
    articles = corpus.articles
    words = word_counts([a.text for a in articles])
    rows = _outlet_rows(articles, words)
    warnings = list(corpus.warnings)
    errors = []
    if not articles:
        errors.append(f"{corpus.source or 'the corpus'}: no articles")
    errors += _duplicate_ids(articles)
    warnings += _missing_metadata(articles)
    warnings += _no_words(articles)
    warnings += _date_anomalies(articles)
    warnings += _outlet_url_conflicts(articles)

    exact = exact_duplicate_groups(articles)
    near = near_duplicate_groups(articles, threshold=near_threshold, exact=exact)
    if exact:
        warnings.append(_duplicates_warning(exact, "exact duplicates (same text)"))
    if near:
        warnings.append(_duplicates_warning(
            near, f"near-duplicates (5-word shingle Jaccard >= {near_threshold:g}; "
            "syndicated or lightly edited copies)"))
    return CorpusFindings(
        name=corpus.name,
        source=corpus.source,
        articles=len(articles),
        words=sum(words),
        outlets=tuple(rows),
        exact_duplicates=tuple(exact),
        near_duplicates=tuple(near),
        warnings=tuple(warnings),
        errors=tuple(errors),
        languages=_languages(articles),
        left_out_languages=dict(corpus.left_out_languages),
        furniture=corpus.furniture,
    )


def format_report(findings: CorpusFindings) -> str:
    """The findings as a plain-text report: summary line, per-outlet table, warnings, errors."""
    lines = [f"Corpus: {findings.name or '(unnamed)'}"
             + (f"  ({findings.source})" if findings.source else "")]
    span = ""
    if findings.first and findings.last:
        span = f", {findings.first} to {findings.last}"
    lines.append(f"{_count(findings.articles, 'article')}, "
                 f"{_count(len(findings.outlets), 'outlet')}, {_count(findings.words, 'word')}"
                 f"{span}")
    if findings.languages or findings.left_out_languages:
        lines.append(_languages_line(findings))
    if findings.outlets:
        lines += ["", *_table(findings.outlets)]
    if findings.furniture:
        lines += ["", *furniture_lines(findings.furniture)]
    for title, items in (("Warnings", findings.warnings), ("Errors", findings.errors)):
        if items:
            lines += ["", f"{title} ({len(items)}):"]
            lines += [_bullet(item) for item in items]
    if not findings.warnings and not findings.errors:
        lines += ["", "No problems found."]
    return "\n".join(lines)


def _languages(articles: Sequence[Article]) -> dict[str, int]:
    """Articles per language code, where the language is known (Article.meta["language"])."""
    from framing.corpus.language import LANGUAGE, language_code

    counts: dict[str, int] = defaultdict(int)
    for article in articles:
        code = language_code(article.meta.get(LANGUAGE, ""))
        if code:
            counts[code] += 1
    return dict(sorted(counts.items()))


def _languages_line(findings: CorpusFindings) -> str:
    from framing.corpus.language import language_counts

    known = sum(findings.languages.values())
    line = "Languages: " + (language_counts(findings.languages) if known else "none detected")
    if known < findings.articles:
        line += f", not known {findings.articles - known:,}"
    if findings.left_out_languages:
        line += (f"; left out: {language_counts(findings.left_out_languages)} "
                 "(--all-languages keeps them)")
    return line


FURNITURE_SHOWN = 12  # per outlet; the rest are counted


def furniture_lines(furniture: Sequence[Furniture]) -> list[str]:
    """What was removed as outlet furniture, per outlet, most widespread first: kind, in how
    many of the outlet's articles, words removed, and the text as first printed."""
    by_outlet: dict[str, list[Furniture]] = defaultdict(list)
    for item in furniture:
        by_outlet[item.outlet].append(item)
    lines = [f"Outlet furniture removed from the analysed text ({_count(len(furniture), 'item')}"
             f", {_count(sum(f.words for f in furniture), 'word')}; --keep-furniture keeps "
             "it):"]
    for outlet, items in by_outlet.items():
        items.sort(key=lambda f: (-f.articles, -f.words, f.kind, f.text))
        lines.append(f"  {outlet} ({_count(items[0].outlet_articles, 'article')}):")
        for item in items[:FURNITURE_SHOWN]:
            text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
            lines.append(f"    {item.articles:>6,}  {item.kind:<10}  {item.words:>7,} words  "
                         f"{text}")
        if len(items) > FURNITURE_SHOWN:
            rest = items[FURNITURE_SHOWN:]
            words = _count(sum(f.words for f in rest), "word")
            lines.append(f"    ... and {len(rest)} more ({words})")
    return lines


def word_counts(texts: Sequence[str]) -> list[int]:
    """Words per text: runs of characters other than whitespace."""
    return [len(text.split()) for text in texts]


def exact_duplicate_groups(articles: Sequence[Article]) -> list[DuplicateGroup]:
    """Groups of articles whose texts are equal once case and whitespace are ignored."""
    by_text: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.text.strip():
            by_text[" ".join(article.text.casefold().split())].append(article)
    groups = [_group(members, 1.0) for members in by_text.values() if len(members) > 1]
    return sorted(groups, key=lambda g: (-len(g.article_ids), g.article_ids))


def near_duplicate_groups(
    articles: Sequence[Article],
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    exact: Sequence[DuplicateGroup] = (),
) -> list[DuplicateGroup]:
    """Groups of articles linked by shingle Jaccard >= threshold (exact duplicates excluded).

    A group joins articles connected by such pairs; its `similarity` is the lowest
    Jaccard among those pairs.
    """
    if len(articles) < 2:
        return []
    shingles = _shingles([a.text for a in articles])
    same_text = {}
    for number, group in enumerate(exact):
        for article_id in group.article_ids:
            same_text[article_id] = number
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lowest: dict[int, float] = {}
    for a, b in _candidate_pairs(shingles):
        ida, idb = articles[a].id, articles[b].id
        if ida in same_text and same_text.get(idb) == same_text[ida]:
            continue
        similarity = jaccard(shingles.of(a), shingles.of(b))
        if similarity < threshold:
            continue
        ra, rb = root(a), root(b)
        low = min(similarity, lowest.get(ra, 1.0), lowest.get(rb, 1.0))
        parent[max(ra, rb)] = min(ra, rb)
        lowest[min(ra, rb)] = low
    members: dict[int, list[Article]] = defaultdict(list)
    for i in range(len(articles)):
        if root(i) in lowest:
            members[root(i)].append(articles[i])
    groups = [_group(group, lowest[key]) for key, group in members.items()]
    return sorted(groups, key=lambda g: (-len(g.article_ids), g.article_ids))


def jaccard(a, b) -> float:
    """Jaccard similarity of two sorted arrays of distinct shingle hashes."""
    import numpy as np

    if len(a) == 0 and len(b) == 0:
        return 1.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


# --- shingles -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shingles:
    hashes: object  # uint64 array, all shingles of all texts, text by text
    bounds: object  # int64 array: shingles of text i are hashes[bounds[i]:bounds[i+1]]

    def of(self, i: int):

        return _sorted_counts(self.hashes[self.bounds[i]:self.bounds[i + 1]])[0]


def _shingles(texts: Sequence[str], *, chunk: int = 2000) -> _Shingles:
    """Shingle hashes of every text, computed a chunk of texts at a time (cache-sized)."""
    import numpy as np

    parts, counts = [], []
    for begin in range(0, len(texts), chunk):
        hashes, per_text = _chunk_shingles(texts[begin:begin + chunk])
        parts.append(hashes)
        counts.append(per_text)
    if not parts:
        return _Shingles(np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))
    bounds = np.concatenate(([0], np.cumsum(np.concatenate(counts)))).astype(np.int64)
    return _Shingles(np.concatenate(parts), bounds)


_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD)


def _chunk_shingles(texts: Sequence[str]):
    import numpy as np

    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
    raw = np.frombuffer(b"\n".join(encoded) + b"\n" + b" " * 8, dtype=np.uint8)
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    raw, text_starts = _without_punctuation(raw, text_starts)
    space = raw <= 32
    starts = np.flatnonzero(space[:-1] > space[1:]) + 1  # a space, then a non-space
    if not space[0]:
        starts = np.concatenate(([0], starts))
    owner = np.searchsorted(text_starts, starts, side="right") - 1
    ends = np.flatnonzero(space[1:] > space[:-1]) + 1  # a non-space, then a space
    # Each word is known by its own bytes, ASCII case folded (8-byte unaligned views): a word
    # of up to 8 bytes by all of them, a longer one by its first 8 and its last 8.
    windows = np.ndarray((len(raw) - 7,), dtype="<u8", buffer=raw.data, strides=(1,))
    fold = np.uint64(0x2020202020202020)
    length = (ends - starts).astype(np.uint64)  # raw ends in spaces: every word ends
    own = np.where(length >= 8, np.uint64(0xFFFFFFFFFFFFFFFF),
                   (np.uint64(1) << (np.uint64(8) * np.minimum(length, 7))) - np.uint64(1))
    words = (windows[starts] | fold) & own
    long = length > 8
    with np.errstate(over="ignore"):
        words[long] += (windows[ends[long] - 8] | fold) * np.uint64(_MULTIPLIERS[-1])
    k = SHINGLE_WORDS
    n = len(words) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(len(texts), dtype=np.int64)
    combined = words[:n] * np.uint64(_MULTIPLIERS[0])
    for j in range(1, k):
        combined += words[j:j + n] * np.uint64(_MULTIPLIERS[j])
    valid = owner[:n] == owner[k - 1:]
    return _mix(combined[valid]), np.bincount(owner[:n][valid], minlength=len(texts))


_ASCII_PUNCTUATION = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# The last bytes of the UTF-8 forms of – — ‘ ’ “ ” … (all E2 80 xx).
_TYPOGRAPHIC_LAST_BYTES = (0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6)


def _without_punctuation(raw, text_starts):
    """`raw` without its punctuation bytes, and where each text now starts in it."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[list(_ASCII_PUNCTUATION)] = True
    punctuation = table[raw]
    last = np.zeros(256, dtype=bool)
    last[list(_TYPOGRAPHIC_LAST_BYTES)] = True
    lead = np.flatnonzero((raw[:-2] == 0xE2) & (raw[1:-1] == 0x80) & last[raw[2:]])
    for offset in range(3):
        punctuation[lead + offset] = True
    if not punctuation.any():
        return raw, text_starts
    kept = ~punctuation
    before = np.concatenate(([0], np.cumsum(kept)))
    return raw[kept], before[text_starts]


def _mix(values):
    """The splitmix64 finaliser: spreads every input bit over the whole 64-bit word."""
    import numpy as np

    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def _candidate_pairs(shingles: _Shingles) -> list[tuple[int, int]]:
    """Pairs of texts sharing enough of the sampled shingles to be worth measuring."""
    import numpy as np

    hashes, bounds = shingles.hashes, shingles.bounds
    chosen = np.flatnonzero((hashes >> np.uint64(64 - _SAMPLE_BITS)) == 0)
    owner = (np.searchsorted(bounds, chosen, side="right") - 1).astype(np.uint64)
    # One sort of (hash, owner) packed in 64 bits: the hash loses as many low bits as the
    # owner needs, which merges unrelated shingles only with negligible probability.
    owner_bits = np.uint64(max(1, int(len(bounds)).bit_length()))
    packed = _sorted_counts(((hashes[chosen] >> owner_bits) << owner_bits) | owner)[0]
    sampled_hash = packed >> owner_bits
    sampled_owner = (packed & ((np.uint64(1) << owner_bits) - np.uint64(1))).astype(np.int64)
    sample_size = np.bincount(sampled_owner, minlength=len(bounds) - 1)
    # Runs of equal hashes: the texts sharing that shingle, in ascending order.
    edges = np.flatnonzero(np.diff(sampled_hash)) + 1
    run_starts = np.concatenate(([0], edges))
    sizes = np.diff(np.concatenate((run_starts, [len(sampled_hash)])))
    texts = len(bounds) - 1
    shared_runs = (sizes > 1) & (sizes <= _MAX_POSTING)
    run_starts, sizes = run_starts[shared_runs], sizes[shared_runs]
    by_size = np.argsort(sizes, kind="stable")
    run_starts, sizes = run_starts[by_size], sizes[by_size]
    boundaries = np.flatnonzero(np.diff(sizes)) + 1
    keys = []
    for group in np.split(np.arange(len(sizes)), boundaries):
        if not len(group):
            continue
        size = int(sizes[group[0]])
        members = sampled_owner[run_starts[group][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        keys.append(members[:, first].ravel() * texts + members[:, second].ravel())
    if not keys:
        return []
    pair_keys, shared = _sorted_counts(np.concatenate(keys))
    a, b = pair_keys // texts, pair_keys % texts
    union = sample_size[a] + sample_size[b] - shared
    keep = shared >= _CANDIDATE_SHARE * union
    return list(zip(a[keep].tolist(), b[keep].tolist(), strict=True))


def _sorted_counts(values):
    """Distinct values, sorted, with how often each occurs (np.unique by sorting; faster)."""
    import numpy as np

    values = np.sort(values)
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.flatnonzero(values[1:] != values[:-1]) + 1))
    counts = np.diff(np.concatenate((starts, [len(values)])))
    return values[starts], counts


# --- findings -----------------------------------------------------------------------------


def _outlet_rows(articles: Sequence[Article], words: Sequence[int]) -> list[OutletRow]:
    totals: dict[str, list] = {}
    for article, count in zip(articles, words, strict=True):
        row = totals.setdefault(article.outlet, [0, 0, None, None, 0])
        row[0] += 1
        row[1] += count
        date = article.published
        if date is None:
            row[4] += 1
            continue
        if row[2] is None or date.date < row[2].date:
            row[2] = date
        if row[3] is None or date.date > row[3].date:
            row[3] = date
    rows = [OutletRow(outlet, *values) for outlet, values in totals.items()]
    return sorted(rows, key=lambda r: (-r.articles, r.outlet.casefold(), r.outlet))


def _duplicate_ids(articles: Sequence[Article]) -> list[str]:
    sources: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        sources[article.id].append(article.source or "?")
    return [f"id {article_id!r} is used by {len(found)} articles ({', '.join(found[:EXAMPLES])}); "
            "ids must be unique" for article_id, found in sources.items() if len(found) > 1]


def _missing_metadata(articles: Sequence[Article]) -> list[str]:
    checks = (
        ("no outlet", lambda a: not a.outlet or a.outlet == UNKNOWN_OUTLET),
        ("no date", lambda a: a.published is None),
        ("no headline", lambda a: not a.headline),
        ("empty text", lambda a: not a.text.strip()),
    )
    found = []
    for what, missing in checks:
        ids = [a.id for a in articles if missing(a)]
        if ids:
            found.append(f"missing metadata: {_count(len(ids), 'article')} with {what} "
                         f"({_examples(ids)})")
    return found


def _no_words(articles: Sequence[Article]) -> list[str]:
    """Articles with text but no word in it: no letter or digit (what a word starts with)."""
    ids = [a.id for a in articles if a.text.strip() and not _LETTER_OR_DIGIT.search(a.text)]
    if not ids:
        return []
    return [f"{_count(len(ids), 'article')} with no words in the text, only punctuation, "
            f"symbols or emoji ({_examples(ids)}); they count in no table: check the source"]


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _name_key(name: str) -> str:
    words = re.findall(r"[^\W_]+", name.casefold())
    return " ".join(w for w in words if w not in ("the", "news", "online", "com", "co", "uk"))


def _outlet_url_conflicts(articles: Sequence[Article]) -> list[str]:
    """Articles whose URL is on a well-known outlet's site but name another outlet."""
    known = set(KNOWN_OUTLETS.values())
    conflicts = []
    for article in articles:
        if not article.url or article.outlet == UNKNOWN_OUTLET:
            continue
        owner = outlet_from_url(article.url)
        if owner not in known:
            continue
        mine, theirs = _name_key(article.outlet), _name_key(owner)
        if mine and theirs and (mine in theirs or theirs in mine):
            continue
        conflicts.append(f"{article.source or article.id}: outlet {article.outlet!r}, URL on "
                         f"{registered_domain(urlsplit(article.url).hostname or '')} "
                         f"({owner})")
    if not conflicts:
        return []
    shown = "; ".join(conflicts[:EXAMPLES])
    more = f"; and {len(conflicts) - EXAMPLES:,} more" if len(conflicts) > EXAMPLES else ""
    return [f"outlet and URL disagree: {_count(len(conflicts), 'article')} with a URL on "
            f"another outlet's site ({shown}{more}); check the outlet (syndicated copy?), or "
            "merge two spellings of one outlet with --outlet-alias"]


def _date_anomalies(articles: Sequence[Article]) -> list[str]:
    problems = [(a, a.meta[DATE_PROBLEM]) for a in articles if a.meta.get(DATE_PROBLEM)]
    if not problems:
        return []
    shown = "; ".join(f"{a.id}: {problem}" for a, problem in problems[:EXAMPLES])
    more = f"; and {len(problems) - EXAMPLES} more" if len(problems) > EXAMPLES else ""
    return [f"date anomalies: {_count(len(problems), 'article')} with a date that cannot be "
            f"used, treated as undated ({shown}{more})"]


def _duplicates_warning(groups: Sequence[DuplicateGroup], what: str) -> str:
    articles = sum(len(g.article_ids) for g in groups)
    lines = [f"{_count(len(groups), 'group')} of {what}, {articles} articles in all:"]
    for group in groups[:GROUPS_SHOWN]:
        pairs = [f"{i} ({o})" for i, o in zip(group.article_ids, group.outlets, strict=True)]
        shown = ", ".join(pairs[:EXAMPLES])
        more = f" and {len(pairs) - EXAMPLES} more" if len(pairs) > EXAMPLES else ""
        similarity = "" if group.similarity >= 1.0 else f" [Jaccard >= {group.similarity:.2f}]"
        editions = (f"; editions: {' / '.join(group.editions)}" if group.editions else "")
        lines.append(f"  {shown}{more}{similarity}{editions}")
    if len(groups) > GROUPS_SHOWN:
        rest = groups[GROUPS_SHOWN:]
        lines.append(f"  and {len(rest)} more groups "
                     f"({sum(len(g.article_ids) for g in rest)} articles)")
    return "\n".join(lines)


def _group(members: Sequence[Article], similarity: float) -> DuplicateGroup:
    ordered = sorted(members, key=lambda a: a.id)
    return DuplicateGroup(tuple(a.id for a in ordered), tuple(a.outlet for a in ordered),
                          round(similarity, 4), _editions(ordered))


def _editions(members: Sequence[Article]) -> tuple[str, ...]:
    if len({a.outlet for a in members}) > 1:
        return ()
    names = sorted({_edition(a) for a in members})
    return tuple(names) if len(names) > 1 and all(names) else ()


def _edition(article: Article) -> str:
    publication, edition = article.meta.get("publication", ""), article.meta.get("edition", "")
    return publication if edition in publication else f"{publication}, {edition}".strip(", ")


def _table(rows: Sequence[OutletRow]) -> list[str]:
    width = min(max(len("outlet"), *(len(r.outlet) for r in rows)), 40)
    header = f"{'outlet':<{width}}  {'articles':>8}  {'words':>11}  {'first':<16}  {'last':<16}"
    lines = [header.rstrip(), "-" * len(header.rstrip())]
    for row in rows:
        name = row.outlet if len(row.outlet) <= width else row.outlet[:width - 1] + "…"
        first = str(row.first) if row.first else "-"
        last = str(row.last) if row.last else "-"
        undated = f"  ({row.undated} undated)" if row.undated else ""
        lines.append(f"{name:<{width}}  {row.articles:>8,}  {row.words:>11,}  {first:<16}  "
                     f"{last:<16}{undated}".rstrip())
    return lines


def _bullet(item: str) -> str:
    first, *rest = item.split("\n")
    return "\n".join([f"- {first}", *(f"  {line}" for line in rest)])


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _examples(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:EXAMPLES])
    return f"e.g. {shown}" + (f" and {len(ids) - EXAMPLES:,} more" if len(ids) > EXAMPLES
                             else "")
