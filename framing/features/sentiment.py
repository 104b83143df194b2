"""Sentence sentiment with VADER (Hutto & Gilbert 2014), offline, and outlet summaries.

`VaderScorer` re-implements nltk's `nltk.sentiment.vader.SentimentIntensityAnalyzer`
(compound score only) and returns the same numbers to the last digit, several times
faster. The lexicon is `vader_lexicon.txt` from the vaderSentiment package (a declared
dependency), read from the installed package: nothing is downloaded.

What makes it faster, without changing a number:
- nltk strips punctuation from each token by building, for every sentence, a dict of all
  17 punctuation marks before and after every word. The rule that dict encodes is local
  to a token (a token loses one listed mark before it, or after it, when the rest holds
  no punctuation and has two or more characters), so it is applied per token and cached.
- every token's lowercase form, lexicon valence, booster value, negation and capitals
  are looked up once per distinct token (a process-level cache);
- a sentence with no lexicon word scores 0.0 without running the rules, and a lexicon
  word with no booster, negation, "least", "never", "so", "this" or idiom word near it
  keeps its valence without them (nltk's checks would add 0.0 to it at most);
- repeated sentences (bylines, boilerplate) are scored once (an LRU memo).
Every rule and every floating-point operation is nltk's, in nltk's order, including its
quirks: a repeated token is scored in the context of its first occurrence, "never" and
idioms are matched case-sensitively, and a preceding lexicon word blocks the booster,
negation and idiom checks at that distance. Valences of 0 are left out of the sum, which
changes no float sum. Checked in tests/features/test_sentiment.py against nltk itself.

Outlet scores: the mean of article means, with a seeded 95% percentile bootstrap interval
over articles (`outlet_sentiment`).
"""

from __future__ import annotations

import math
import string
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import compress
from operator import itemgetter

from framing.types import OutletSentiment

LEXICON_PACKAGE = "vaderSentiment"
LEXICON_RESOURCE = "vader_lexicon.txt"
NEGATIVE_THRESHOLD = -0.05
"""A sentence with compound <= -0.05 counts as negative (VADER's own convention)."""

# nltk's VaderConstants, copied so that scoring does not import nltk.
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74
ALPHA = 15

NEGATE = frozenset([
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't",
    "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt",
    "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't",
    "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope",
    "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt",
    "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without",
    "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
])

_BOOSTERS_UP = [
    "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly",
    "deeply", "effing", "enormously", "entirely", "especially", "exceptionally",
    "extremely", "fabulously", "flipping", "flippin", "fricking", "frickin", "frigging",
    "friggin", "fully", "fucking", "greatly", "hella", "highly", "hugely", "incredibly",
    "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really",
    "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously", "uber",
    "unbelievably", "unusually", "utterly", "very",
]
_BOOSTERS_DOWN = [
    "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little",
    "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sorta",
    "sortof", "sort-of", "just enough", "kind of", "sort of",
]
BOOSTERS: Mapping[str, float] = {
    **dict.fromkeys(_BOOSTERS_UP, B_INCR),
    **dict.fromkeys(_BOOSTERS_DOWN, B_DECR),
}

SPECIAL_CASE_IDIOMS: Mapping[str, float] = {
    "the shit": 3,
    "the bomb": 3,
    "bad ass": 1.5,
    "yeah right": -2,
    "cut the mustard": 2,
    "kiss of death": -1.5,
    "hand to mouth": -2,
}
# Every idiom and two-word booster holds one of these words (all their words but the
# common "the", "of" and "to"): without one near a lexicon word, no idiom can match there.
_IDIOM_MARKERS = frozenset(
    word for phrase in [*SPECIAL_CASE_IDIOMS, *BOOSTERS] if " " in phrase
    for word in phrase.split() if word not in ("the", "of", "to")
)
_SO_THIS = ("so", "this")

PUNC_LIST = (".", "!", "?", ",", ";", ":", "-", "'", '"',
             "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?")
_PUNC_AFFIXES = frozenset(PUNC_LIST)
_PUNCTUATION = string.punctuation
_DELETE_PUNCTUATION = str.maketrans("", "", _PUNCTUATION)

# Per-token facts, by index: word, lowercase, in lexicon, valence, ALL CAPS, booster value
# (None if not a booster), negating word, idiom marker, scored (a lexicon word that is not
# a booster: the only tokens whose valence can be non-zero), modifier (a token that can
# change the valence of a lexicon word up to three tokens after it).
(_WORD, _LOW, _IN_LEX, _VALENCE, _UPPER, _BOOSTER, _NEGATES, _IDIOM, _SCORED,
 _MODIFIER) = range(10)
_word, _low, _upper, _idiom, _scored, _modifier = (
    itemgetter(k) for k in (_WORD, _LOW, _UPPER, _IDIOM, _SCORED, _MODIFIER))
TOKEN_CACHE_LIMIT = 500_000
MEMO_SIZE = 1 << 16


def lexicon_text() -> str:
    """The text of vaderSentiment's vader_lexicon.txt, from the installed package."""
    from importlib.resources import files

    return files(LEXICON_PACKAGE).joinpath(LEXICON_RESOURCE).read_text(encoding="utf-8")


def parse_lexicon(text: str) -> dict[str, float]:
    """Word -> mean valence, parsed as nltk's `make_lex_dict` does (trailing newline aside)."""
    lexicon: dict[str, float] = {}
    for line in text.rstrip("\n").split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


@cache
def default_lexicon() -> Mapping[str, float]:
    return parse_lexicon(lexicon_text())


def strip_token(token: str) -> str:
    """nltk's SentiText rule for a token of two or more characters: drop one listed
    punctuation mark before or after a word that holds no other punctuation."""
    rest = token.lstrip(_PUNCTUATION)
    lead = len(token) - len(rest)
    trail = len(token) - len(token.rstrip(_PUNCTUATION))
    if lead and not trail:
        core, affix = rest, token[:lead]
    elif trail and not lead:
        core, affix = token[:-trail], token[-trail:]
    else:
        return token
    if (affix in _PUNC_AFFIXES and len(core) > 1
            and len(core.translate(_DELETE_PUNCTUATION)) == len(core)):
        return core
    return token


def vader_tokens(text: str) -> list[str]:
    """nltk's SentiText.words_and_emoticons: the tokens VADER scores."""
    return [strip_token(token) for token in text.split() if len(token) > 1]


class VaderScorer:
    """nltk's VADER compound score, exactly, and fast. One instance per process is enough."""

    def __init__(self, lexicon: Mapping[str, float] | None = None, *,
                 memo_size: int = MEMO_SIZE) -> None:
        self.lexicon: Mapping[str, float] = default_lexicon() if lexicon is None else lexicon
        self.memo_size = memo_size
        self._tokens = _TokenFacts(self.lexicon)
        self.compound = lru_cache(maxsize=memo_size)(self._compound)
        self.compound.__doc__ = "The compound score of `sentence`, rounded to 4 places."

    def __getstate__(self) -> dict:  # caches stay behind when sent to another process
        return {"lexicon": dict(self.lexicon), "memo_size": self.memo_size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lexicon"], memo_size=state["memo_size"])

    def compound_many(self, sentences: Iterable[str]) -> list[float]:
        compound = self.compound
        return [compound(sentence) for sentence in sentences]

    def _compound(self, sentence: str) -> float:
        tokens = list(filter(None, map(self._tokens.__getitem__, sentence.split())))
        if not any(map(_scored, tokens)):
            return 0.0  # no lexicon word (other than boosters): every valence is 0

        n = len(tokens)
        capitals = sum(map(_upper, tokens))
        cap_diff = 0 < n - capitals < n
        words = list(map(_word, tokens))
        lows = list(map(_low, tokens))
        but_at = lows.index("but") if "but" in lows else None

        sentiments: list[float] = []
        for position in compress(range(n), map(_scored, tokens)):
            # nltk scores every occurrence of a token in the context of its first one.
            i = words.index(words[position])
            if i < n - 1 and lows[i] == "kind" and lows[i + 1] == "of":
                continue
            item = tokens[i]
            valence = item[_VALENCE]
            if item[_UPPER] and cap_diff:
                valence = valence + C_INCR if valence > 0 else valence - C_INCR
            # Without a modifier before it or an idiom around it, nltk's checks leave the
            # valence as it is (adding 0.0 to it at most).
            if (any(map(_modifier, tokens[i - 3 if i > 3 else 0:i]))
                    or any(map(_idiom, tokens[i:i + 3]))):
                valence = _valence(tokens, words, i, valence, cap_diff)
            if but_at is not None:
                if position < but_at:
                    valence = valence * 0.5
                elif position > but_at:
                    valence = valence * 1.5
            if valence != 0:  # zeros change no sum (nltk adds them)
                sentiments.append(valence)
        if not sentiments:
            return 0.0

        sum_s = float(sum(sentiments))
        if sum_s > 0:
            sum_s += _punctuation_emphasis(sentence)
        elif sum_s < 0:
            sum_s -= _punctuation_emphasis(sentence)
        return round(sum_s / math.sqrt((sum_s * sum_s) + ALPHA), 4)


class _TokenFacts(dict):
    """Raw token -> facts tuple (empty for one-character tokens, which nltk drops)."""

    def __init__(self, lexicon: Mapping[str, float]) -> None:
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, raw: str) -> tuple:
        if len(raw) < 2:
            facts: tuple = ()
        else:
            word = strip_token(raw)
            low = word.lower()
            booster = BOOSTERS.get(low)
            in_lexicon = low in self.lexicon
            negates = low in NEGATE or "n't" in low
            idiom = word in _IDIOM_MARKERS
            modifier = (booster is not None or negates or idiom or low == "least"
                        or word in ("never", "so", "this"))
            facts = (word, low, in_lexicon, self.lexicon.get(low), word.isupper(), booster,
                     negates, idiom, in_lexicon and booster is None, modifier)
        if len(self) >= TOKEN_CACHE_LIMIT:
            self.clear()
        self[raw] = facts
        return facts


def _valence(tokens: list[tuple], words: list[str], i: int, valence: float,
             cap_diff: bool) -> float:
    """nltk's sentiment_valence for the lexicon word at index i, from its valence with
    capitals counted."""
    for start_i in range(3):
        if i <= start_i:
            break
        before = tokens[i - (start_i + 1)]
        if before[_IN_LEX]:
            continue
        # nltk's scalar_inc_dec
        scalar = 0.0
        if before[_BOOSTER] is not None:
            scalar = before[_BOOSTER]
            if valence < 0:
                scalar *= -1
            if before[_UPPER] and cap_diff:
                if valence > 0:
                    scalar += C_INCR
                else:
                    scalar -= C_INCR
        if start_i == 1 and scalar != 0:
            scalar = scalar * 0.95
        if start_i == 2 and scalar != 0:
            scalar = scalar * 0.9
        valence = valence + scalar
        # nltk's _never_check
        if start_i == 0:
            if before[_NEGATES]:
                valence = valence * N_SCALAR
        elif start_i == 1:
            if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
                valence = valence * 1.5
            elif before[_NEGATES]:
                valence = valence * N_SCALAR
        else:
            if (words[i - 3] == "never" and words[i - 2] in _SO_THIS
                    or words[i - 1] in _SO_THIS):
                valence = valence * 1.25
            elif before[_NEGATES]:
                valence = valence * N_SCALAR
            if any(map(_idiom, tokens[i - 3:i + 3])):
                valence = _idioms_check(valence, words, i)
    # nltk's _least_check
    if i > 0:
        previous = tokens[i - 1]
        if not previous[_IN_LEX] and previous[_LOW] == "least" and (
            i == 1 or tokens[i - 2][_LOW] not in ("at", "very")
        ):
            valence = valence * N_SCALAR
    return valence


def _idioms_check(valence: float, words: list[str], i: int) -> float:
    """nltk's _idioms_check, for i >= 3 (the only case nltk reaches)."""
    onezero = f"{words[i - 1]} {words[i]}"
    twoonezero = f"{words[i - 2]} {words[i - 1]} {words[i]}"
    twoone = f"{words[i - 2]} {words[i - 1]}"
    threetwoone = f"{words[i - 3]} {words[i - 2]} {words[i - 1]}"
    threetwo = f"{words[i - 3]} {words[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in SPECIAL_CASE_IDIOMS:
            valence = SPECIAL_CASE_IDIOMS[sequence]
            break
    if len(words) - 1 > i:
        zeroone = f"{words[i]} {words[i + 1]}"
        if zeroone in SPECIAL_CASE_IDIOMS:
            valence = SPECIAL_CASE_IDIOMS[zeroone]
    if len(words) - 1 > i + 1:
        zeroonetwo = f"{words[i]} {words[i + 1]} {words[i + 2]}"
        if zeroonetwo in SPECIAL_CASE_IDIOMS:
            valence = SPECIAL_CASE_IDIOMS[zeroonetwo]
    if threetwo in BOOSTERS or twoone in BOOSTERS:
        valence = valence + B_DECR
    return valence


def _punctuation_emphasis(text: str) -> float:
    """nltk's amplifier for up to four "!" and for two or more "?"."""
    ep_amplifier = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_amplifier + qm_amplifier


@cache
def default_scorer() -> VaderScorer:
    """The process's scorer (shares its caches across calls)."""
    return VaderScorer()


def compound_scores(sentences: Sequence[str]) -> list[float]:
    """VADER compound score of each sentence, as nltk gives it."""
    return default_scorer().compound_many(sentences)


def is_negative(compound: float, *, threshold: float = NEGATIVE_THRESHOLD) -> bool:
    return compound <= threshold


def article_score(compounds: Sequence[float]) -> float | None:
    """Mean compound score of an article's sentences; None for an article without any."""
    if not compounds:
        return None
    return math.fsum(compounds) / len(compounds)


def outlet_sentiment(
    article_scores: Mapping[str, Sequence[tuple[float, int, int]]],
    *,
    seed: int = 0,
    resamples: int = 2000,
) -> tuple[OutletSentiment, ...]:
    """Per outlet: mean of its article scores with a 95% percentile bootstrap interval over
    articles, and the share of negative sentences.

    `article_scores` maps outlet -> (article mean, sentences, negative sentences) for each
    article that has sentences; negative sentences are those `is_negative` calls so
    (compound <= NEGATIVE_THRESHOLD). Outlets without articles are left out; outlets are
    sorted by name, case-insensitively. Each outlet's resampling is seeded from `seed` and
    the outlet's name, and its articles are taken in sorted order, so an outlet's interval
    depends only on its own articles. With one article every resample is that article and
    the interval is the mean itself: show n beside it.
    """
    results = []
    for outlet in sorted(article_scores, key=lambda name: (name.casefold(), name)):
        rows = sorted(article_scores[outlet])
        if not rows:
            continue
        for mean, n_sentences, n_negative in rows:
            if n_sentences < 1 or not 0 <= n_negative <= n_sentences or math.isnan(mean):
                raise ValueError(
                    f"outlet {outlet!r}: an article row ({mean}, {n_sentences}, {n_negative})"
                    " needs a mean, at least one sentence and 0 <= negatives <= sentences")
        means = [row[0] for row in rows]
        sentences = sum(row[1] for row in rows)
        negatives = sum(row[2] for row in rows)
        low, high = bootstrap_interval(means, seed=_outlet_seed(seed, outlet),
                                       resamples=resamples)
        results.append(OutletSentiment(
            outlet=outlet,
            mean=math.fsum(means) / len(means),
            ci_low=low,
            ci_high=high,
            n_articles=len(means),
            n_sentences=sentences,
            share_negative=negatives / sentences,
        ))
    return tuple(results)


def _outlet_seed(seed: int, outlet: str) -> list[int]:
    return [seed, zlib.crc32(outlet.encode("utf-8"))]


# Resample this many values at a time at most, to bound memory for large outlets.
_BOOTSTRAP_BLOCK = 1 << 22


def bootstrap_interval(values: Sequence[float], *, seed: int | Sequence[int] = 0,
                       resamples: int = 2000, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of `values` (numpy's linear percentile)."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    n = len(data)
    if n == 0:
        raise ValueError("bootstrap of no values")
    if n == 1:
        return float(data[0]), float(data[0])
    rng = np.random.default_rng(seed)
    block = max(1, _BOOTSTRAP_BLOCK // n)
    boot = np.empty(resamples)
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        boot[start:stop] = data[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail])
    return float(low), float(high)


def nltk_reference_analyzer():
    """nltk's own SentimentIntensityAnalyzer with vaderSentiment's lexicon: the reference
    VaderScorer is tested and benchmarked against (imports nltk)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    class _Reference(SentimentIntensityAnalyzer):
        def __init__(self, text: str) -> None:  # nltk's loader only takes nltk_data paths
            self.lexicon_file = text
            self.lexicon = self.make_lex_dict()
            self.constants = VaderConstants()

    return _Reference(lexicon_text().rstrip("\n"))
