"""Which language an article is written in, offline, with py3langid.

py3langid (a maintained fork of Lui & Baldwin's langid.py, 97 languages) ships its model in
the wheel (4.6 MB, numpy its only dependency), so nothing is downloaded, and it classifies a
thousand characters in about half a millisecond. The larger neural or n-gram detectors are
more accurate on a sentence or two, but a news article gives plenty of text, and lingua's
wheel alone is 96 MB.

The lexicons and VADER are English, so `load` leaves out articles in other languages unless
told to keep them (`ReadOptions.all_languages`): see `split_by_language`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from framing.types import Article

LANGUAGE = "language"  # the Article.meta key: an ISO 639-1 code such as "en"
ANALYSED = "en"
SAMPLE_CHARACTERS = 1000  # of the body, after the headline and standfirst
MIN_LETTERS = 20  # fewer letters than this: too little text to tell

NAMES: Mapping[str, str] = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ko": "Korean", "la": "Latin",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian", "nl": "Dutch",
    "nn": "Norwegian", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}
_CODES_BY_NAME = {name.casefold(): code for code, name in NAMES.items()}
_CODES_BY_NAME.update({"englisch": "en", "deutsch": "de", "german": "de", "eng": "en",
                       "deu": "de", "ger": "de", "kor": "ko", "zho": "zh", "chi": "zh",
                       "jpn": "ja", "fra": "fr", "fre": "fr", "spa": "es"})
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("en", "de", "ko"), or ""
    when it holds too few letters to tell."""
    sample = text[:SAMPLE_CHARACTERS * 2]
    if len(_LETTER.findall(sample[:400])) < MIN_LETTERS and len(
            _LETTER.findall(sample)) < MIN_LETTERS:
        return ""
    return _identifier().classify(sample)[0]


def article_language(headline: str, standfirst: str, body: str) -> str:
    """The language of an article, from its headline, standfirst and the start of its body."""
    return detect_language("\n".join((headline, standfirst, body[:SAMPLE_CHARACTERS])))


def language_code(value: str) -> str:
    """A language as given in metadata ("en", "EN", "en-GB", "English", "eng") as an ISO
    639-1 code; unknown names come back lower-cased."""
    text = value.strip()
    if not text:
        return ""
    key = text.casefold()
    if key in _CODES_BY_NAME:
        return _CODES_BY_NAME[key]
    primary = re.split(r"[-_]", key, maxsplit=1)[0]
    return primary if len(primary) == 2 else key


def language_name(code: str) -> str:
    """"German" for "de"; the code itself when the name is not known."""
    return NAMES.get(code, code or "unknown")


def split_by_language(
    articles: Sequence[Article], *, keep: str = ANALYSED
) -> tuple[list[Article], Counter[str]]:
    """The articles in language `keep` (and those whose language is not known), and how many
    of the others there are per language."""
    kept: list[Article] = []
    left_out: Counter[str] = Counter()
    for article in articles:
        code = language_code(article.meta.get(LANGUAGE, ""))
        if code and code != keep:
            left_out[code] += 1
        else:
            kept.append(article)
    return kept, left_out


def language_counts(counts: Mapping[str, int]) -> str:
    """"German 59, Korean 3": the most frequent first, ties by name."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], language_name(item[0])))
    return ", ".join(f"{language_name(code)} {n:,}" for code, n in ordered)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)
