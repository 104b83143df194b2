"""Outlet furniture: what an outlet prints in many of its articles, found across them.

A newsletter prompt, "Story Continued Below", a copyright line or a sign-off repeated in a
large share of one outlet's articles is the outlet's page furniture, not its reporting; left
in, it becomes the outlet's "most distinctive" term. `remove_furniture` finds it when the
corpus is read, for every reader, removes it from the analysed text and says what it removed
(`Furniture`: listed by `framing corpus info`, counted in a warning, named in the report's
methods).

What is found, per outlet (in the body; of a headline, only a label in capitals such as
"OPINION:" that opens many of the outlet's headlines):

- Lines: a line repeated in at least `required_articles(n)` of the outlet's n articles
  (MIN_ARTICLES, and MIN_SHARE of them). Lines are compared with case, digits ("2019" =
  "2020"), web and e-mail addresses, @handles and white space aside.
- Opening runs: at most PREFIX_WORDS words that begin lines in that many articles and are
  followed by a capitalised word ("Story Continued Below", "Media playback is unsupported on
  your device", "JUST WATCHED"). A line that does not end like a sentence (a caption, a
  label, a video teaser) goes whole with its run; from a sentence only the run goes, and
  what follows is looked at again (ROUNDS times), so a run behind a run is found too.
- Text without line breaks (many datasets flatten each article into one line) is cut into
  sentences, which stand for lines: a repeated sentence goes, an opening run is cut from
  its sentence. This finds what lines find when the line breaks are gone.
- In every article, found by their form, not by repetition: a dateline at the start of the
  text ("WASHINGTON (Reuters) -", "(CNN) --", "MOSCOW, March 19. /TASS/.", "NEW YORK -"); a
  credit at its end ("The Associated Press contributed to this report.", "Contributing:
  ...", "Reporting by ..."), both moved into the article's metadata (`dateline`, `credit`);
  and picture captions: a line ending in a picture credit in brackets ("... (Jonathan
  Ernst/Reuters)", "(Photo: Andy Wong/AP)") or that is only a credit ("Paul Zimmerman/Getty
  Images"); without line breaks only the bracketed credit goes.

What is not furniture, however often it repeats:

- A passage that is mostly quoted speech (at least QUOTED_SHARE of its words inside
  quotation marks): a statement quoted in many articles because it is news. Unless it
  stands between lines of furniture (a sidebar of quotes from other stories).
- A passage that the other outlets print too: when at least half of the other outlets
  with MIN_ARTICLES articles or more have it in at least 1/SHARED_LIFT of the share of
  articles this outlet has it in, it is shared text (a slogan, a stock phrase of the
  story), not this outlet's furniture.
- An opening run that the outlet also uses inside sentences (in more than MID_SHARE as many
  articles as it opens lines in), unless it is a label (a colon follows it); or that one
  word mostly follows ("The United" + "States"): it is part of the sentence, not something
  put before it. A short run of common words is not furniture: a run must hold a word that
  is not a stop word, and it must pass these tests.
- The text of copies: identical articles count once, and an article that would lose more
  than COPY_SHARE of its text is taken as a copy of others (a second edition, an update)
  and has no say in what repeats.

Every line (sentence) is hashed once and counted per outlet with numpy; opening runs are
worked out only for lines whose first word begins lines in many articles. The work grows
with the text; an outlet's counts are compared with the others' only for the passages it
may remove.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice

import numpy as np

from framing.types import Article, Furniture, FurnitureKind

MIN_ARTICLES = 3  # an outlet needs this many articles for anything to repeat across them
MIN_SHARE = 0.01  # ... and a passage must be in at least this share of them
SHARED_LIFT = 4.0
QUOTED_SHARE = 0.5
COPY_SHARE = 0.6
PREFIX_WORDS = 10
MID_SHARE = 0.1
NEXT_WORD_SHARE = 0.5
ROUNDS = 3  # a run found before a sentence can hide a further run: look again, this often
_NORMALISED_LINE = 160  # longer lines are compared as they are (long furniture is verbatim)
_EXAMINED_ARTICLES = 200  # how an opening run is used is seen in this many of the articles
_CAPTION_WORDS = 80
_OPENING_CHARS = 200  # an opening run of PREFIX_WORDS words is in the first characters

_HAS_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"[^\S\n]+")
_FIRST_WORDS = re.compile(r"(?m)^[^\w\n]*(\w*)")  # one per line, maybe empty
_DIGIT_RUN = re.compile(r"\d+")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_ENDS = frozenset('.!?\u2026"\u201d')
_QUICK_ENDS = frozenset('.\u201d"')
_CLOSES = frozenset("'\u2019\u00bb)]")
_SENTENCE_END = re.compile(r"""(?:[.!?\u2026]['"\u2019\u201d\u00bb)\]]*|["\u201d])$""")
# A sentence ends at . ! ? or an ellipsis (and closing quotes or brackets) before a space and
# a capital, a digit or an opening quote, unless the word before is an abbreviation. So,
# for finding furniture in text without line breaks, do a colon, a dash and asterisks.
_SENTENCE_BREAK = re.compile(
    r"""(?:(?P<stop>[.!?\u2026:*\u2014]+)(?P<close>\s?['"\u2019\u201d\u00bb)\]])*
         # or the end of an embedded tweet: "— Jane Doe (@jane) June 3, 2019"
         |\(@\w+\)\s+[A-Z][a-z]+\.?\s\d{1,2},\s\d{4}
       )\s+(?=["\u201c\u2018'(\[]?[A-Z0-9])""", re.VERBOSE)
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st sen rep gov gen lt col sgt capt maj cmdr adm jr sr prof rev hon pres supt
det insp no vol jan feb mar apr aug sep sept oct nov dec u.s u.k u.n d.c e.g i.e etc vs
inc corp co ltd mt ft ave blvd rd""".split())  # noqa: SIM905


# --- datelines and credits ---------------------------------------------------------------

_AGENCIES = (r"Reuters(?:\s+Health)?|AP|AFP|CNN|CNNMoney|CNN\s+Business|TASS|UPI|Xinhua|dpa|DPA"
             r"|Bloomberg|CNSNews\.com|RNS|JTA|Sputnik|ANI|PTI|IANS|EFE|ANSA|Kyodo|Yonhap|AAP"
             r"|BNO|Associated\s+Press|Agence\s+France-Presse")
_CAPS_PLACE = r"[A-Z][A-Z.'\u2019-]+[A-Z.](?:[ /-][A-Z][A-Z.'\u2019-]*[A-Z.])*"
# Capitals before a dash that are no place: labels ("FILE -", "UPDATE --") and acronyms.
_NO_PLACE = (r"(?!(?:FILE|UPDATED?|BREAKING|EXCLUSIVE|GOP|COVID|WATCH|ANALYSIS|OPINION|EDITOR"
             r"|NOTE|PHOTOS?|VIDEO|LIVE|DEVELOPING|URGENT|LATEST|CORRECTION|CLARIFICATION"
             r"|REVIEW|INTERVIEW|TRANSCRIPT|PODCAST|RELATED|ICYMI|SPOILER|WARNING|NEW|MORE"
             r"|ALSO|FACT|EDITORIAL|COMMENTARY|POLL|REPORT|NOTICE|FBI|CIA|NATO|USA|NFL|NBA)\b)")
_MIXED_PLACE = r"[A-Z][\w.'\u2019-]*(?:,?\s[A-Z][\w.'\u2019-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,2})?"
_DAY = (r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
        r"(?:,\s*\d{4})?\.?)?")
_DASH = r"(?:--?|\u2014|\u2013)"
_DATELINE = re.compile(rf"""
    (?P<dateline>
        (?:(?:{_CAPS_PLACE}|{_MIXED_PLACE}){_REGION}{_DAY}\s*)?\((?:{_AGENCIES})\)
      | {_CAPS_PLACE}{_REGION}{_DAY}\s*/(?:TASS|Xinhua|BelTA|Itar-Tass)/\.?
      | {_NO_PLACE}{_CAPS_PLACE}{_REGION}{_DAY}(?=\s*{_DASH}\s*["\u201c\u2018']?[A-Z0-9])
    )
    \s*(?:{_DASH}\s*)?""", re.VERBOSE)
# A credit line: "... contributed to this report (from Nicosia)." anywhere in the text;
# "Jane Doe contributed.", "Contributing: ...", "Reporting by ..." among its last lines.
_CONTRIBUTED = (r"""[^\n]{0,200}?\b[Cc]ontributed\s+(?:to\s+(?:this|the)\s+(?:report|article|story)
                                        |reporting)(?:\s+(?:from|in)\s+[^.\n]{1,60})?""")
_STRICT_CREDIT = re.compile(rf"""[\s*\u2022\u2981\u00b7\u2013\u2014-]*{_CONTRIBUTED}[.\s]*""",
                            re.VERBOSE)
_CREDIT = re.compile(rf"""[\s*\u2022\u2981\u00b7\u2013\u2014-]*(?:
      {_CONTRIBUTED}
    | (?:[A-Z][\w.'\u2019-]*,?\s(?:and\s)?){{1,6}}contributed
    | (?i:contributing\s*:|(?:additional\s+)?(?:reporting|writing|editing)\s+by\b)[^\n]{{1,300}}
    | \((?i:(?:additional\s+)?(?:reporting|writing|editing)\s+by\b)[^\n]{{1,300}}\)
    )[.\s]*""", re.VERBOSE)
_CREDIT_WORDS = 45
_DATELINE_LINES = 3  # the dateline is looked for at the start of the first lines
_DATELINE_CHARS = 400  # in text without line breaks: this far in


_PICTURE_AGENCIES = (
    r"Getty(?:\s+Images)?(?:\s+for\s+[^()]{1,40})?|AP(?:\s+Photo)?|AFP|Reuters|EPA|PA"
    r"(?:\s+(?:Wire|Media|Archive))?|Alamy|Shutterstock|Rex(?:\s+Features)?|Bloomberg|iStock"
    r"|Handout|WireImage|NurPhoto|Sipa(?:\s+USA)?|Zuma(?:\s+Press)?|Anadolu(?:\s+Agency)?"
    r"|Corbis|Pool|UPI|Xinhua|CQ\s+Roll\s+Call")
# Who else credits a picture after a photographer's name: "Jane Doe/NPR".
_PICTURE_SOURCES = _PICTURE_AGENCIES + r"|NPR|Landov|The\s+Washington\s+Post|NBC\s+News"
# A line ending in its picture credit in brackets: "... (Jonathan Ernst/Reuters)", "(AP
# Photo/Evan Vucci, File)", "(Photo: Andy Wong/AP)", "(Image source: Fox News)".
_CAPTION_CREDIT = re.compile(
    rf"""\((?:(?:Photo|Photograph|Picture|Image|Video)s?(?:\s+(?:by|source|credit|illustration))?\s*:[^()]{{1,80}}
           |(?:Photo|Image)s?\s+courtesy\b[^()]{{1,80}}
           |(?:{_PICTURE_AGENCIES})\s+(?:photo|image)s?\s*:[^()]{{1,80}}
           |(?:[^()]{{0,60}}[/,]\s*)?(?:{_PICTURE_AGENCIES})(?:\s*[/,][^()]{{0,60}})?
          )\)\s*$""", re.VERBOSE | re.IGNORECASE)
# The words of a picture gallery's or a caption's buttons, or an audio player's: a line that
# holds them is one.
_CAPTION_WIDGET = re.compile(r"\b(?:[Hh]ide|[Ss]how|[Tt]oggle) [Cc]aption\b"
                             r"|\bListen(?:\s*\u00b7)?(?:\s*[\d:]+)*\s*$")  # an audio player
# A caption's markup opening its line: "Image caption ...", "Image copyright AP Image
# caption ...", "Media playback is unsupported on your device Media caption ...".
_CAPTION_MARKUP = re.compile(r"\b(?:Image|Media|Video) caption\b")
_CAPTION_MARKUP_OPENINGS = ("Image", "Media", "Video", "Copyright")
_CAPTION_MARKUP_AT = 60


def _caption_widget(bare: str) -> re.Match | None:
    """The words that make a line a gallery's, a caption's or an audio player's, if any."""
    markup = (_CAPTION_MARKUP.search(bare, 0, _CAPTION_MARKUP_AT + 13)
              if bare.startswith(_CAPTION_MARKUP_OPENINGS) else None)
    return markup if markup is not None else _CAPTION_WIDGET.search(bare)
# A caption that ends in a credit after a colon: "... WSJ's Jerry Seib explains. Photo: AP".
_CAPTION_LABEL = re.compile(
    r"(?:^|\s)(?:Photos?|Photograph|Image|Video|Illustration)\s*:\s*[^!?:]{1,70}$")
# A line that is only a picture credit: "Paul Zimmerman/WireImage/Getty Images", "The
# Washington Post via Getty Images, FILE", "Image source: Twitter screenshot".
_CREDIT_ONLY = re.compile(
    rf"""(?:(?:Photo|Picture|Image)(?:graph)?(?:\s+credit)?\s*[:,]?\s*)?
         (?:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){{0,4}}\s*(?:/|\s+via\s+)\s*)*
         (?:{_PICTURE_AGENCIES})(?:\s*/\s*[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){{0,3}})*
         (?:,\s*FILE)?\s*
       | (?:Photo|Picture|Image|Video)s?\s+(?:source|credit)s?\s*:\s*[^\n]{{1,80}}""", re.VERBOSE)
# A caption that ends in a credit without brackets: "... on June 12. Chip Somodevilla/Getty
# Images", "... in Syria. | J. Scott Applewhite/AP Photo".
_CAPTION_TAIL = re.compile(
    rf"""\s(?:[A-Z][\w.'\u2019-]*\s){{0,3}}[A-Z][\w.'\u2019-]*/(?:[\w.'\u2019 -]{{1,40}}/)*
         (?:{_PICTURE_SOURCES})(?:\s+via\s+Getty\s+Images)?(?:,\s*FILE)?\s*$""", re.VERBOSE)
# Promotion: a link to another story ("<headline> Read more"), a sign-off ("Follow Jane Doe
# on Twitter @jdoe"), or, inside a paragraph, "(RELATED: <headline>)".
_READ_MORE = ("Read more", "Read More", "READ MORE", "Read more:", "READ MORE:")
_FOLLOW = re.compile(r"[\s\u2014\u2013-]*Follow\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}on\s+"
                     r"(?:Twitter|Facebook|Instagram|X|Parler|Gab|Periscope|Threads)\b")
_INLINE_PROMO = re.compile(r"\s?\((?:RELATED|READ MORE|SEE ALSO|WATCH|Related|Read more|See also)"
                           r"\s*:[^()\n]{1,200}\)")
# Where a caption or a promotion may end (looked at closely by _marked_line).
_BRACKET_END = re.compile(r"\)[ \t]*$", re.MULTILINE)
_READ_MORE_END = re.compile(r"(?:Read [Mm]ore|READ MORE):?[ \t]*$", re.MULTILINE)
# A label in capitals before a colon that opens a headline: "OPINION: ...", "WATCH: ...".
_HEADLINE_LABEL = re.compile(r"([A-Z][A-Z'\u2019&/ -]{1,30}[A-Z])\s*:\s+(?=\S)")
_INLINE_OPENING = re.compile(r"\((?:RELATED|Related|READ|Read|SEE|See|WATCH)")
_PROMO_WORDS = 40


class _Marks:
    """What an article's form gives away: its dateline, credit lines, captions (their
    credits) and promotions, and how many words of each kind went."""

    __slots__ = ("dateline", "credits", "captions", "promos", "words")

    def __init__(self) -> None:
        self.dateline = ""
        self.credits: list[str] = []
        self.captions: list[str] = []
        self.promos: list[str] = []
        self.words: dict[str, int] = {}

    def add(self, kind: str, words: int) -> None:
        self.words[kind] = self.words.get(kind, 0) + words


_NO_MARKS = _Marks()


def strip_marked(text: str) -> tuple[str, _Marks]:
    """The text without its dateline, credit lines, picture captions and promotions, and
    those (what `remove_furniture` removes from any article by its form)."""
    marks = _Marks()
    if "\n" not in text:
        return _strip_flat(text, marks)[0], marks
    text = _strip_inline(text, marks)
    lines = text.split("\n")
    gone, cut, ends = _mark_lines(text, lines, marks)
    if not gone and not cut and not ends:
        return text, marks
    kept: list[str | None] = [None if n in gone else line for n, line in enumerate(lines)]
    for number in cut.keys() | ends.keys():
        kept[number] = lines[number][cut.get(number, 0):ends.get(number)]
    return _rebuild(kept), marks


def _mark_lines(text: str, lines: Sequence[str], marks: _Marks,
                candidates: Sequence[int] | None = None
                ) -> tuple[set[int], dict[int, int], dict[int, int]]:
    """The lines that go by their form (captions, promotions, credit lines); where the line
    with the dateline starts once it is cut off, and where lines end once a picture credit
    is cut off their end (number -> offset in the line). `candidates`: the lines worth a
    look, when known (see _read)."""
    gone: set[int] = set()
    cut: dict[int, int] = {}
    ends: dict[int, int] = {}
    seen = 0
    for number, line in enumerate(lines):
        if not line or line.isspace():
            continue
        seen += 1
        bare = line.lstrip()
        match = _DATELINE.match(bare)
        if match and bare[match.end():].strip():
            marks.dateline = " ".join(match.group("dateline").split())
            marks.add("dateline", len(_WORD.findall(marks.dateline)))
            cut[number] = len(line) - len(bare) + match.end()
            break
        if seen >= _DATELINE_LINES:
            break
    if candidates is None:
        bounds = np.array(list(accumulate((len(line) + 1 for line in lines), initial=0)))
        short = [n for n, line in enumerate(lines) if 0 < len(line) <= _NORMALISED_LINE]
        looked = [n for n, line in enumerate(lines)
                  if len(line) > _NORMALISED_LINE and line[-1] not in _QUICK_ENDS]
        candidates = _hinted(text, lines, bounds, short, looked)
    credits: list[tuple[int, str]] = []
    for number in candidates:
        line = lines[number]
        bare = line.strip()
        kind = (_marked_line(bare) if len(line) <= 600 else
                "gallery" if ("aption" in bare or "Listen" in bare)
                and _caption_widget(bare) else None)
        if kind == "gallery" or kind == "caption" and _caption_widget(bare):
            marks.captions.append(_caption_widget(bare).group())  # type: ignore[union-attr]
            marks.add("caption", len(_WORD.findall(bare)))
            gone.add(number)
            continue
        words = len(_WORD.findall(bare)) if kind else 0
        if kind == "caption" and words > _CAPTION_WORDS or kind is None and (
                bare.endswith(")")):
            # A caption too long to tell from a paragraph: only its bracketed credit goes.
            match = _CAPTION_CREDIT.search(bare)
            if match is not None:
                credit = " ".join(match.group().split())
                marks.captions.append(credit)
                marks.add("caption", len(_WORD.findall(credit)))
                ends[number] = len(line[:line.rstrip().rfind("(")].rstrip())
            continue
        if kind is None:
            continue
        if words > {"caption": _CAPTION_WORDS, "promo": _PROMO_WORDS}.get(kind, _CREDIT_WORDS):
            continue
        if kind == "caption":
            match = (None if _CREDIT_ONLY.fullmatch(bare) else _CAPTION_CREDIT.search(bare)
                     or _CAPTION_LABEL.search(bare) or _CAPTION_TAIL.search(bare))
            marks.captions.append(" ".join((match.group() if match else bare).split()))
        elif kind == "promo":
            marks.promos.append(bare)
        else:
            credits.append((number, bare))
        marks.add(kind, words)
        gone.add(number)
    # Credit lines at the end ("Jane Doe contributed.", "Contributing: ..."); the first line
    # never is one: it would be the whole text.
    at_end = 0
    for number in range(len(lines) - 1, 0, -1):
        line = lines[number]
        if not line or line.isspace() or number in gone:
            continue
        if (at_end < 3 and len(line) <= 400 and _CREDIT.fullmatch(line)
                and len(line.split()) <= _CREDIT_WORDS):
            credits.append((number, line.strip()))
            marks.add("credit", len(_WORD.findall(line)))
            gone.add(number)
            at_end += 1
            continue
        break
    marks.credits.extend(text for _, text in sorted(credits))
    return gone, cut, ends


def _hinted(text: str, lines: Sequence[str], bounds: np.ndarray, short: Sequence[int],
            looked: Sequence[int]) -> list[int]:
    """The lines that may be a caption, a promotion or a credit, found quickly: lines
    ending in a bracket or "Read more", lines mentioning a contribution or opening with
    "Follow", short lines with a credit's marks, and long lines that do not end like a
    sentence (`short` and `looked`)."""
    starts = bounds.tolist()
    at = {match.start() for match in _BRACKET_END.finditer(text)}
    if "Read" in text or "READ" in text:
        at.update(match.start() for match in _READ_MORE_END.finditer(text))
    for word in ("ontributed", "Follow", "aption", "Listen"):
        found = text.find(word)
        while found >= 0:
            at.add(found)
            found = text.find(word, found + len(word))
    hinted = {bisect_right(starts, position) - 1 for position in at}
    hinted.update([n for n in short if "/" in (line := lines[n]) or ":" in line
                   or "Getty" in line or "Reuters" in line or "AP" in line or "AFP" in line
                   or "source" in line])
    hinted.update(looked)
    return sorted(hinted)


def _marked_line(bare: str) -> str | None:
    """"caption", "promo" or "credit" when a line is one by its form, else None."""
    if ("aption" in bare or "Listen" in bare) and _caption_widget(bare):
        return "caption"
    if bare.endswith(")"):
        return "caption" if _CAPTION_CREDIT.search(bare) else None
    if bare.endswith(_READ_MORE):
        return "promo"
    if bare.startswith(("Follow", "\u2014", "-")) and _FOLLOW.match(bare):
        return "promo"
    if "ontributed" in bare and _STRICT_CREDIT.fullmatch(bare):
        return "credit"
    if len(bare) < 160 and ("/" in bare or "Getty" in bare or "Reuters" in bare
                            or "AP" in bare or "AFP" in bare or "source" in bare) and (
            _CREDIT_ONLY.fullmatch(bare)):
        return "caption"
    if ":" in bare[-80:] and _CAPTION_LABEL.search(bare):
        return "caption"
    if "/" in bare[-80:] and _CAPTION_TAIL.search(bare):
        return "caption"
    return None


def _strip_inline(text: str, marks: _Marks) -> str:
    if not _INLINE_OPENING.search(text):
        return text
    return _cut(_INLINE_PROMO, text, marks, "promo", marks.promos)


def _cut(pattern: re.Pattern[str], text: str, marks: _Marks, kind: str,
         kept: list[str]) -> str:
    """The text without the matches of `pattern`, each kept in `kept` (spaces made single)
    and its words counted as `kind`."""
    found = [" ".join(m.group().split()) for m in pattern.finditer(text)]
    if not found:
        return text
    kept.extend(found)
    marks.add(kind, sum(len(_WORD.findall(f)) for f in found))
    return pattern.sub("", text)


def _strip_credits(text: str, marks: _Marks) -> str:
    credits: list[str] = []
    end = _content_end(text, len(text))
    while len(credits) < 3:
        start = text.rfind("\n", 0, end) + 1
        if start == 0:
            break  # the first line is never a credit: it would be the whole text
        line = text[start:end]
        if len(line) > 400 or not _CREDIT.fullmatch(line) or len(line.split()) > _CREDIT_WORDS:
            break
        credits.append(line.strip())
        end = _content_end(text, start)
    if not credits:
        return text
    marks.credits[:0] = reversed(credits)
    marks.add("credit", sum(len(_WORD.findall(c)) for c in credits))
    return text[:end]


def _content_end(text: str, end: int) -> int:
    """Where text[:end] ends once trailing white space is left out."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _strip_flat(text: str, marks: _Marks) -> tuple[str, list[tuple[int, int]]]:
    """Text without line breaks without its dateline, bracketed picture credits, inline
    promotions and credit sentences at its end; and the spans of its sentences."""
    for match in _DATELINE.finditer(text, 0, _DATELINE_CHARS):
        start = match.start()
        # After a caption, only a dateline that names its place: "(AP)" alone could be
        # a source in a sentence.
        if start == 0 or (text[start - 1].isspace() and text[start] != "("):
            if not text[match.end():].strip():
                break
            marks.dateline = " ".join(match.group("dateline").split())
            marks.add("dateline", len(_WORD.findall(marks.dateline)))
            text = text[:start] + text[match.end():]
            break
    if ")" in text:
        text = _strip_inline(_strip_flat_captions(text, marks), marks)
    credits: list[str] = []
    spans = _sentences(text)
    while len(credits) < 3 and len(spans) >= 2:
        start, end = spans[-1]
        last = text[start:end]
        if len(last.split()) > _CREDIT_WORDS or not _CREDIT.fullmatch(last):
            break
        credits.append(last.strip())
        text = text[:start].rstrip()
        spans = _sentences(text)
    if credits:
        marks.credits[:0] = reversed(credits)
        marks.add("credit", sum(len(_WORD.findall(c)) for c in credits))
    return text, spans


_BRACKETED_CREDIT = re.compile(
    rf"""\s*\((?:(?:Photo|Photograph|Picture|Image)s?(?:\s+(?:by|source|credit))?\s*:[^()]{{1,80}}
              |(?:[^()]{{0,60}}/\s*)(?:{_PICTURE_AGENCIES})(?:\s*[/,][^()]{{0,60}})?
              |(?:AP\s+Photo|Getty\s+Images)(?:\s*[/,][^()]{{0,60}})?
             )\)""", re.VERBOSE | re.IGNORECASE)


def _strip_flat_captions(text: str, marks: _Marks) -> str:
    """Without line breaks a caption cannot be told from the text: only its bracketed
    credit goes ("(Jonathan Ernst/Reuters)", "(Photo: Andy Wong/AP)")."""
    return _cut(_BRACKETED_CREDIT, text, marks, "caption", marks.captions)


def _rebuild(lines: Sequence[str | None]) -> str:
    """The lines joined again without those removed (None), and without the blank line a
    removal would leave beside another; no blank line at either end."""
    removed = [n for n, line in enumerate(lines) if line is None]
    drop = set(removed)
    for number in removed:
        # After a run of removed lines, a blank line that a blank line before them
        # already stands for goes too.
        after = number + 1
        if after in drop or after >= len(lines):
            continue
        before = number - 1
        while before >= 0 and before in drop:
            before -= 1
        line = lines[after]
        if line is not None and not line.strip() and (
                before < 0 or not (lines[before] or "").strip()):
            drop.add(after)
    kept = [line for n, line in enumerate(lines) if n not in drop]
    start, end = 0, len(kept)
    while start < end and not kept[start].strip():  # type: ignore[union-attr]
        start += 1
    while end > start and not kept[end - 1].strip():  # type: ignore[union-attr]
        end -= 1
    return "\n".join(kept[start:end])  # type: ignore[arg-type]


# --- units: lines (sentences) and the runs of words that open them ----------------------

def _ends_like_sentence(text: str) -> bool:
    tail = text[-6:].rstrip()
    if not tail:
        return False
    last = tail[-1]
    return last in _ENDS or (last in _CLOSES and bool(_SENTENCE_END.search(tail)))


def _line_key(line: str) -> int:
    """The hash lines are compared by: case, digits, web and e-mail addresses, @handles and
    white space aside. A long line is compared as it is: long furniture repeats verbatim."""
    if len(line) > _NORMALISED_LINE:
        return hash(line)
    return hash(_normalise(line).strip())


def _normalise(text: str) -> str:
    """Lower case, addresses as "@", numbers as "0", white space as one space (line breaks
    kept, so that lines joined, normalised and split are each normalised)."""
    text = text.casefold()
    if "@" in text or "://" in text or "www." in text:
        text = _ADDRESS.sub("@", text)
    if _HAS_DIGIT.search(text):
        text = _DIGIT_RUN.sub("0", text)
    if "  " in text or "\t" in text or "\xa0" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of text without line breaks (a sentence ends at . ! ? before
    a capital, a digit or a quote, the word before not an abbreviation or an initial unless
    a closing quote follows the stop)."""
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[max(start, match.start() - 12):match.start()].split()
        word = before[-1].rstrip(".").casefold() if before else ""
        if (match.group("stop") == "." and match.group("close") is None
                and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()
                                                and word != "i"))):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _opening_word(text: str, start: int, end: int) -> str:
    """The first word of text[start:end] as _openings puts it in a run ("" if none)."""
    word = _WORD.search(text, start, min(end, start + _OPENING_CHARS))
    if word is None:
        return ""
    lowered = word.group().casefold()
    return lowered if lowered.isalpha() else _DIGIT_RUN.sub("0", lowered)


def _openings(text: str, start: int, end: int, stop: frozenset[str]) -> list[tuple[int, int]]:
    """(key, end of run) of the opening runs of text[start:end] that a capitalised word, a
    number or a colon follows, shortest first: "Story Continued Below The president ..."
    gives "Story", "Story Continued", "Story Continued Below". Runs of stop words and
    numbers alone are left out."""
    found = []
    run = ""
    only_stop = True
    run_end = start
    head = text[start:min(end, start + _OPENING_CHARS)]
    for m, word in enumerate(islice(_WORD.finditer(head), PREFIX_WORDS + 1)):
        written = word.group()
        if m:
            if not only_stop and (written[0].isupper() or written[0].isdigit()
                                  or ":" in text[run_end:start + word.start()]):
                found.append((hash(("run", run)), run_end))
            run += " "
        lowered = written.casefold()
        only_stop = only_stop and (lowered in stop or not lowered.isalpha())
        run += lowered if lowered.isalpha() else _DIGIT_RUN.sub("0", lowered)
        run_end = start + word.end()
    return found


@dataclass
class _Article:
    """One article's units: per line (per sentence, in text without line breaks) the hash
    of what is left of it (0 once gone or blank), its length, and where it starts; `heads`:
    the hash of the first word of those whose first word is no stop word; `openings`: the
    opening runs of those whose first word begins lines in many of the outlet's articles."""

    index: int
    lines: bool  # True: the body keeps its line breaks
    keys: np.ndarray
    lengths: np.ndarray
    heads: dict[int, int]
    length: int
    bounds: np.ndarray  # where each line (sentence) starts, and where the last one ends
    starts: dict[int, int] = field(default_factory=dict)  # number -> start after a dateline
    ends: dict[int, int] = field(default_factory=dict)  # number -> end before a photo credit
    openings: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)  # lines (sentences) with furniture found
    gone: set[int] = field(default_factory=set)  # lines gone by their form (captions ...)
    cuts: dict[int, int] = field(default_factory=dict)  # number -> start, once a run is cut

    def span(self, number: int) -> tuple[int, int]:
        """Where what is left of line (sentence) `number` is in the body."""
        end = self.ends.get(number) or int(self.bounds[number + 1])
        if self.lines and number not in self.ends:
            end -= 1  # the line break
        start = self.cuts.get(number) or self.starts.get(number, int(self.bounds[number]))
        return start, end


def _head(body: str, start: int, end: int, stop: frozenset[str]) -> int | None:
    """The hash of the first word of body[start:end] (as _read finds it), if it is no stop
    word or number (a run of furniture begins with a word of its own)."""
    first = _FIRST_WORDS.match(_normalise(body[start:min(end, start + 60)]))
    word = first.group(1) if first else ""
    return None if not word or word in stop or word.isdigit() else hash(("first", word))


def _read(index: int, text: str, stop: frozenset[str]) -> tuple[_Article, _Marks, str]:
    """An article's units and marks, and the body they are in: the text itself when it has
    line breaks (what goes by its form is marked in the profile: `gone`, `starts`), else
    the text without its dateline, credits and bracketed credits, cut into sentences."""
    marks = _Marks()
    if "\n" not in text:
        body, spans = _strip_flat(text, marks)
        return _sentence_profile(index, body, spans, stop), marks, body
    body = _strip_inline(text, marks)
    lines = body.split("\n")
    lengths = list(map(len, lines))
    # As _line_key does for long lines (short ones below); 0 for blank lines.
    keys = [hash(line) if line else 0 for line in lines]
    short = [n for n, size in enumerate(lengths) if 0 < size <= _NORMALISED_LINE]
    looked = [n for n, (line, size) in enumerate(zip(lines, lengths, strict=True))
              if size > _NORMALISED_LINE and line[-1] not in _QUICK_ENDS]
    bounds = np.zeros(len(lines) + 1, dtype=np.int64)
    np.cumsum(np.array(lengths, dtype=np.int64) + 1, out=bounds[1:])
    gone, cut, cut_ends = _mark_lines(body, lines, marks,
                                      _hinted(body, lines, bounds, short, looked))
    starts = {n: int(bounds[n]) + offset for n, offset in cut.items()}
    ends = {n: int(bounds[n]) + offset for n, offset in cut_ends.items()}
    heads: dict[int, int] = {}
    # Short lines, normalised together: one call for all, not one per line.
    if short:
        normalised = _normalise("\n".join([lines[n] for n in short]))
        for number, line, first in zip(short, map(str.strip, normalised.split("\n")),
                                       _FIRST_WORDS.findall(normalised), strict=True):
            keys[number] = hash(line) if line else 0
            if first and first not in stop and not first.isdigit():
                heads[number] = hash(("first", first))
    for number in looked:  # long lines that do not end like a sentence
        if not _ends_like_sentence(lines[number]):
            head = _head(body, int(bounds[number]), int(bounds[number + 1]) - 1, stop)
            if head is not None:
                heads[number] = head
    for number in starts.keys() | ends.keys():  # a line without its dateline or credit
        start = starts.get(number, int(bounds[number]))
        end = ends.get(number, int(bounds[number + 1]) - 1)
        keys[number] = _line_key(body[start:end])
        head = _head(body, start, end, stop)
        heads.pop(number, None)
        if head is not None:
            heads[number] = head
    for number in gone:
        keys[number] = 0
        heads.pop(number, None)
    profile = _Article(index, True, np.array(keys, dtype=np.int64),
                       np.array(lengths, dtype=np.int64), heads, len(body), bounds,
                       starts=starts, ends=ends, gone=gone)
    return profile, marks, body


def _sentence_profile(index: int, body: str, spans: Sequence[tuple[int, int]],
                      stop: frozenset[str]) -> _Article:
    """The units of text without line breaks: its sentences (`spans`)."""
    keys: list[int] = []
    lengths: list[int] = []
    heads: dict[int, int] = {}
    for number, (start, end) in enumerate(spans):
        keys.append(_line_key(body[start:end]))
        lengths.append(end - start)
        head = _head(body, start, end, stop)
        if head is not None:
            heads[number] = head
    # Sentences follow each other: each ends where the next starts (see _sentence_spans).
    bounds = np.array([start for start, _ in spans] + [spans[-1][1] if spans else 0],
                      dtype=np.int64)
    return _Article(index, False, np.array(keys, dtype=np.int64),
                    np.array(lengths, dtype=np.int64), heads, len(body), bounds)


# --- finding ------------------------------------------------------------------------------

@dataclass
class _Outlet:
    name: str
    members: list[int]  # indices of its distinct articles
    copies: dict[int, int] = field(default_factory=dict)  # an identical article -> member
    profiles: list[_Article] = field(default_factory=list)
    hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    df: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    found: dict[int, FurnitureKind] = field(default_factory=dict)  # key -> kind
    quoted: set[int] = field(default_factory=set)  # repeated quotations: kept, unless ...
    rejected: set[int] = field(default_factory=set)
    shares: dict[int, float] = field(default_factory=dict)  # of the keys others look up
    deferred: set[int] = field(default_factory=set)  # runs seen inside sentences so far
    new_words: list[str] = field(default_factory=list)  # of the furniture found last
    examined_text: dict[bool, tuple[str, list[int]]] = field(default_factory=dict)
    samples: dict[int, tuple[str, bool, bool]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.members)

    def frequent(self) -> np.ndarray:
        return self.hashes[self.df >= required_articles(self.size)]

    def examined(self, bodies: Sequence[str], stop: frozenset[str], *,
                 folded: bool) -> tuple[str, list[int]]:
        """Up to _EXAMINED_ARTICLES of its articles, evenly spread, without the furniture
        found so far, joined by blank lines (lower-cased if `folded`), with where each
        begins."""
        if folded not in self.examined_text:
            step = max(1, len(self.profiles) // _EXAMINED_ARTICLES)
            sample = self.profiles[::step]
            cleaner = _Cleaner(self, bodies, stop)
            parts = [cleaner.clean(profile, [], hit, [])
                     for profile, hit in zip(sample, _hits(sample, self.found), strict=True)]
            if folded:
                parts = [part.casefold() for part in parts]
            offsets, at = [], 0
            for part in parts:
                offsets.append(at)
                at += len(part) + 2
            self.examined_text[folded] = ("\n\n".join(parts), offsets)
        return self.examined_text[folded]


def required_articles(n_articles: int) -> int:
    """In how many of an outlet's articles a passage must be to be its furniture."""
    return max(MIN_ARTICLES, math.ceil(MIN_SHARE * n_articles - 1e-9))


def remove_furniture(articles: Sequence[Article]) -> tuple[list[Article], tuple[Furniture, ...]]:
    """The articles without their outlets' furniture, and what was removed (see the module
    docstring)."""
    from framing.features.terms import stop_words

    stop = stop_words()
    outlets = _outlets(articles)
    bodies: list[str] = [""] * len(articles)
    all_marks: list[_Marks] = [_NO_MARKS] * len(articles)
    for outlet in outlets.values():
        for index in outlet.members:
            profile, all_marks[index], bodies[index] = _read(index, articles[index].text, stop)
            outlet.profiles.append(profile)
        for index, member in outlet.copies.items():
            all_marks[index], bodies[index] = all_marks[member], bodies[member]
    eligible = [o for o in outlets.values() if o.size >= MIN_ARTICLES]
    counted, judged = eligible, eligible
    for _ in range(ROUNDS):
        for outlet in counted:
            _count(outlet, bodies, stop)
        _look_up_shares(eligible, counted)
        judged = [outlet for outlet in judged if _judge(outlet, eligible, bodies, stop)]
        # What a run found hid (the rest of a sentence it opens) and what it made look like
        # a sentence's words (a run also seen inside lines found since) is looked at again.
        counted = [outlet for outlet in judged if _next_round(outlet, bodies, stop)]
        if not judged:
            break

    removed: dict[tuple[str, int], list] = {}  # (outlet, key) -> [text, articles, words]
    cleaned_bodies = list(bodies)
    for outlet in outlets.values():
        _remove(outlet, bodies, stop, cleaned_bodies, removed)
    for k, body in enumerate(cleaned_bodies):
        if body is not bodies[k] and all_marks[k] is not _NO_MARKS and "\n" in body:
            # What the furniture hid at the end may be a credit line.
            cleaned_bodies[k] = _strip_credits(body, all_marks[k])
    headlines = _headlines_without_labels(outlets, articles, removed)
    return (_cleaned(articles, cleaned_bodies, headlines, all_marks),
            _found(articles, eligible, removed, all_marks))


def _headlines_without_labels(outlets: dict[str, _Outlet], articles: Sequence[Article],
                              removed: dict) -> list[str]:
    """Headlines without the label in capitals that opens many of an outlet's headlines
    ("OPINION: ...", "EXCLUSIVE: ..."); the labels go into `removed` too."""
    headlines = [article.headline for article in articles]
    for outlet in outlets.values():
        if outlet.size < MIN_ARTICLES:
            continue
        everyone = outlet.members + list(outlet.copies)
        labels = Counter(match.group(1) for k in outlet.members
                         if (match := _HEADLINE_LABEL.match(headlines[k])))
        frequent = {label for label, n in labels.items()
                    if n >= required_articles(outlet.size)}
        for k in sorted(everyone):
            match = _HEADLINE_LABEL.match(headlines[k])
            if match and match.group(1) in frequent:
                entry = removed.setdefault((outlet.name, hash(("label", match.group(1)))),
                                           [match.group(1) + ":", 0, 0])
                entry[1] += 1
                entry[2] += len(_WORD.findall(match.group(1)))
                headlines[k] = headlines[k][match.end():]
    return headlines


def _cleaned(articles: Sequence[Article], bodies: Sequence[str], headlines: Sequence[str],
             all_marks: Sequence[_Marks]) -> list[Article]:
    cleaned = []
    for article, body, headline, marks in zip(articles, bodies, headlines, all_marks,
                                              strict=True):
        changes: dict[str, object] = {}
        if body != article.text:
            changes["text"] = body
        if headline != article.headline:
            changes["headline"] = headline
        meta = {key: value for key, value in (("dateline", marks.dateline),
                                              ("credit", " | ".join(marks.credits))) if value}
        if meta:
            changes["meta"] = {**article.meta, **meta}
        cleaned.append(dataclasses.replace(article, **changes) if changes else article)
    return cleaned


def _found(articles: Sequence[Article], eligible: Sequence[_Outlet], removed: dict,
           all_marks: Sequence[_Marks]) -> tuple[Furniture, ...]:
    """What was removed, per outlet: each repeated passage or headline label, and the
    datelines, credits, captions and promotions (each kind once, with its most frequent
    form)."""
    totals = Counter(a.outlet for a in articles)
    kinds = {(o.name, key): kind for o in eligible for key, kind in o.found.items()}
    kinds.update({(o.name, key): "line" for o in eligible for key in o.quoted})
    found = [Furniture(name, kinds.get((name, key), "run"), text, n, totals[name], words)
             for (name, key), (text, n, words) in removed.items()]
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counts: Counter[tuple[str, str]] = Counter()
    words: Counter[tuple[str, str]] = Counter()
    for article, marks in zip(articles, all_marks, strict=True):
        for kind, texts in (("dateline", [marks.dateline] if marks.dateline else []),
                            ("credit", marks.credits), ("caption", marks.captions),
                            ("promo", marks.promos)):
            if texts:
                forms[(article.outlet, kind)].update(texts)
                counts[(article.outlet, kind)] += 1
                words[(article.outlet, kind)] += marks.words.get(kind, 0)
    for (name, kind), texts in forms.items():
        found.append(Furniture(name, kind, texts.most_common(1)[0][0],  # type: ignore[arg-type]
                               counts[(name, kind)], totals[name], words[(name, kind)]))
    found.sort(key=lambda f: (f.outlet.casefold(), f.outlet, -f.articles, f.kind, f.text))
    return tuple(found)


def _outlets(articles: Sequence[Article]) -> dict[str, _Outlet]:
    """Each outlet with its articles, an identical text counted once."""
    outlets: dict[str, _Outlet] = {}
    first: dict[str, dict[str, int]] = defaultdict(dict)
    for k, article in enumerate(articles):
        outlet = outlets.setdefault(article.outlet, _Outlet(article.outlet, []))
        member = first[article.outlet].setdefault(article.text, k)
        if member == k:
            outlet.members.append(k)
        else:
            outlet.copies[k] = member
    return outlets


def _count(outlet: _Outlet, bodies: Sequence[str], stop: frozenset[str]) -> None:
    """How many of the outlet's articles have each unit; articles that are mostly units
    found in others (copies) are not counted."""
    need = required_articles(outlet.size)
    # Opening runs only where the first word begins lines in many articles.
    first_hashes, first_df = _df(
        np.repeat(np.arange(len(outlet.profiles)), [len(p.heads) for p in outlet.profiles]),
        np.fromiter((h for p in outlet.profiles for h in p.heads.values()), dtype=np.int64))
    opening_words = set(first_hashes[first_df >= need].tolist())
    for profile in outlet.profiles:
        body = bodies[profile.index]
        for number, head in profile.heads.items():
            if head in opening_words and number not in profile.openings:
                start, end = profile.span(number)
                profile.openings[number] = _openings(body, start, end, stop)
    n = len(outlet.profiles)
    keys = np.concatenate([p.keys for p in outlet.profiles])
    owner = np.repeat(np.arange(n), [p.keys.size for p in outlet.profiles])
    runs = [(k, key) for k, p in enumerate(outlet.profiles)
            for found in p.openings.values() for key, _ in found]
    unit_owner = np.concatenate([owner, np.array([k for k, _ in runs], dtype=np.int64)])
    units = np.concatenate([keys, np.array([key for _, key in runs], dtype=np.int64)])
    outlet.hashes, outlet.df = _df(unit_owner, units)
    frequent = outlet.frequent()
    if not frequent.size:
        return
    lengths = np.concatenate([p.lengths for p in outlet.profiles])
    covered = np.bincount(owner, weights=np.where(np.isin(keys, frequent), lengths, 0),
                          minlength=n)
    sizes = np.array([max(p.length, 1) for p in outlet.profiles])
    copies = np.flatnonzero(covered > COPY_SHARE * sizes)
    if copies.size:
        kept = ~np.isin(unit_owner, copies)
        outlet.hashes, outlet.df = _df(unit_owner[kept], units[kept])


def _df(owner: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (0 aside) and in how many articles (`owner`) each is."""
    keep = units != 0
    units, owner = units[keep], owner[keep]
    order = np.lexsort((owner, units))
    units, owner = units[order], owner[order]
    new = np.ones(units.size, dtype=bool)
    new[1:] = (units[1:] != units[:-1]) | (owner[1:] != owner[:-1])
    units = units[new]  # one per article, still sorted
    if not units.size:
        return units, units
    starts = np.flatnonzero(np.r_[True, units[1:] != units[:-1]])
    return units[starts], np.diff(np.r_[starts, units.size])


def _look_up_shares(eligible: Sequence[_Outlet], looked_at: Sequence[_Outlet]) -> None:
    """Each outlet's share of articles for every key that an outlet looked at may keep."""
    keys = np.unique(np.concatenate([o.frequent() for o in looked_at]
                                    or [np.zeros(0, dtype=np.int64)]))
    for outlet in eligible:
        at = np.searchsorted(outlet.hashes, keys)
        inside = at < outlet.hashes.size
        present = np.zeros(keys.size, dtype=bool)
        present[inside] = outlet.hashes[at[inside]] == keys[inside]
        outlet.shares = dict(zip(keys[present].tolist(),
                                 (outlet.df[at[present]] / outlet.size).tolist(), strict=True))


def _judge(outlet: _Outlet, eligible: Sequence[_Outlet], bodies: Sequence[str],
           stop: frozenset[str]) -> bool:
    """Add the outlet's frequent units that pass the checks to `found`; True if any."""
    need = required_articles(outlet.size)
    many = outlet.df >= need
    frequent_df = dict(zip(outlet.hashes[many].tolist(), outlet.df[many].tolist(), strict=True))
    frequent = [h for h in frequent_df
                if h not in outlet.found and h not in outlet.rejected and h not in outlet.quoted]
    if not frequent:
        return False
    samples = _samples(outlet, set(frequent), bodies)
    others = [o for o in eligible if o is not outlet]
    found_before = set(outlet.found)
    # Shorter runs first: a longer run that an accepted one begins adds nothing (a line it
    # begins goes whole; in a sentence, what follows the run is looked at in the next round).
    # But a run that a longer one extends in nearly as many articles stands for it: where
    # the next word is always the same, the run has not ended ("Story Continued" + "Below").
    # Ties by the text, not by its hash: hash() of a string differs from run to run.
    order = sorted(frequent, key=lambda h: (len(samples[h][0]), samples[h][0]) if h in samples
                   else (0, ""))
    words = {key: _run_words(samples[key][0]) for key in order
             if key in samples and samples[key][1]}
    accepted = [_run_words(text) for text, is_run, _ in
                _samples(outlet, {k for k, kind in outlet.found.items() if kind == "run"},
                         bodies).values() if is_run]
    added = False
    for key in order:
        sample = samples.get(key)
        if sample is None:
            outlet.rejected.add(key)
            continue
        text, is_run, from_lines = sample
        if not is_run and not _has_own_word(text, stop):
            outlet.rejected.add(key)  # "Why?", "1.": no furniture, however often
            continue
        if is_run and any(words[key].startswith(shorter + " ") for shorter in accepted):
            outlet.rejected.add(key)
            continue
        if is_run and any(longer.startswith(words[key] + " ") and other not in outlet.rejected
                          and frequent_df[other] >= 0.9 * frequent_df[key]
                          for other, longer in words.items()):
            continue  # the longer run is judged instead
        if _shared(key, outlet, others):
            outlet.rejected.add(key)
            continue
        if is_run and key in outlet.deferred and not any(
                words[key] in found for found in outlet.new_words):
            continue  # no furniture found since holds it: judged as before
        if is_run and not _opens_lines(outlet, text, bodies, stop, frequent_df[key] * min(
                1.0, _EXAMINED_ARTICLES / outlet.size)):
            outlet.deferred.add(key)  # judged again if furniture found later holds it
            continue

        if quoted_share(text) >= QUOTED_SHARE:
            outlet.quoted.add(key)
            continue
        if is_run:
            accepted.append(_run_words(text))
        outlet.found[key] = "line" if from_lines and not is_run else "run"
        added = True
    outlet.new_words = [_run_words(text) for key, (text, _, _) in
                        _samples(outlet, set(outlet.found) - found_before, bodies).items()]
    if added:
        outlet.examined_text.clear()
    return added


def _has_own_word(text: str, stop: frozenset[str]) -> bool:
    """Whether the text has a word of letters that is no stop word."""
    return any(word.isalpha() and word not in stop for word in _WORD.findall(text.casefold()))


def _run_words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _samples(outlet: _Outlet, keys: set[int], bodies: Sequence[str]):
    """key -> (its text in the first article that has it, an opening run?, from lines?),
    for the keys an article of the outlet has (kept: texts do not change)."""
    known = outlet.samples
    missing = {key for key in keys if key not in known}
    if missing:
        wanted = np.fromiter(missing, dtype=np.int64, count=len(missing))
        everything = np.concatenate([p.keys for p in outlet.profiles])
        owners = np.repeat(np.arange(len(outlet.profiles)),
                           [p.keys.size for p in outlet.profiles])
        bounds = np.cumsum([0] + [p.keys.size for p in outlet.profiles])
        at = np.flatnonzero(np.isin(everything, wanted))
        for where in at.tolist():  # the first article first
            key = int(everything[where])
            if key in missing and key not in known:
                profile = outlet.profiles[owners[where]]
                start, end = profile.span(where - int(bounds[owners[where]]))
                known[key] = (bodies[profile.index][start:end].strip(), False, profile.lines)
        runs = missing - known.keys()
        for profile in outlet.profiles if runs else ():
            for number, found in profile.openings.items():
                for run_key, run_end in found:
                    if run_key in runs:
                        start = profile.span(number)[0]
                        known[run_key] = (bodies[profile.index][start:run_end].strip(), True,
                                          profile.lines)
                        runs.discard(run_key)
            if not runs:
                break
    return {key: known[key] for key in keys if key in known}


def _shared(key: int, outlet: _Outlet, others: Sequence[_Outlet]) -> bool:
    """Whether at least half of the other outlets print it nearly as often (see the module
    docstring): then it is the story's text, not this outlet's furniture."""
    if not others:
        return False
    bar = outlet.shares.get(key, 0.0) / SHARED_LIFT
    return 2 * sum(other.shares.get(key, 0.0) >= bar for other in others) >= len(others)


def _opens_lines(outlet: _Outlet, run: str, bodies: Sequence[str], stop: frozenset[str],
                 expected: float) -> bool:
    """Whether an opening run of words stands before lines rather than in sentences: in at
    most MID_SHARE as many articles inside a sentence as at the start of a line or sentence
    (unless a colon follows it: a label), and followed by many different words (none in
    more than NEXT_WORD_SHARE of its openings, stop words aside). Looked at in up to
    _EXAMINED_ARTICLES of the
    outlet's articles (`expected` of which it should open), without the furniture found so
    far; a run in capitals is looked for in capitals."""
    capitals = run.isupper()
    words = _WORD.findall(run if capitals else run.casefold())
    if not words:
        return False
    text, offsets = outlet.examined(bodies, stop, folded=not capitals)
    parts = [r"\d+" if word.isdigit() else re.escape(word) for word in words]
    pattern = re.compile(parts[0] + "".join(r"\W+" + part for part in parts[1:])
                         + r"(?!\w)([^\w\n]*)(\w*)")
    opening: set[int] = set()
    inside: set[int] = set()
    following: Counter[str] = Counter()
    labels = 0
    # A run that common words begin is soon seen inside sentences: stop looking then.
    enough = MID_SHARE * expected + 3
    for match in pattern.finditer(text):
        at = match.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue  # inside a longer word
        article = bisect_right(offsets, at) - 1
        before = text[max(offsets[article], at - 6):at]
        if at == offsets[article] or "\n" in before or _ends_like_sentence(before):
            opening.add(article)
            labels += ":" in match.group(1)
            word = match.group(2).casefold()
            if word not in stop:  # "The" may begin whatever follows
                following[word] += 1
        else:
            inside.add(article)
            if len(inside) > enough and 2 * labels < len(opening):
                return False
    if not opening:
        return False
    label = 2 * labels >= len(opening)
    return ((label or len(inside) <= MID_SHARE * len(opening))
            and (not following
                 or following.most_common(1)[0][1] <= NEXT_WORD_SHARE * following.total()))


_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d", '"': '"'}


def quoted_share(text: str) -> float:
    """The share of the words of `text` that stand inside quotation marks (“...”, "...",
    «...», ‘...’; an unclosed opening mark runs to the end)."""
    inside = in_word = False
    closer = ""
    counted = total = 0
    for k, char in enumerate(text):
        if not inside:
            opener = _OPENERS.get(char)
            if opener is None and char == "\u2018" and (k == 0 or not text[k - 1].isalnum()):
                opener = "\u2019"
            if opener is not None:
                inside, closer, in_word = True, opener, False
                continue
        elif (char == closer or (closer == "\u201d" and char == '"')) and (
                closer != "\u2019" or k + 1 == len(text) or not text[k + 1].isalnum()):
            inside = in_word = False
            continue
        if char.isalnum():
            if not in_word:
                total += 1
                counted += inside
            in_word = True
        else:
            in_word = False
    return counted / total if total else 0.0


def _next_round(outlet: _Outlet, bodies: Sequence[str], stop: frozenset[str]) -> bool:
    """Cut the runs found from the sentences they open, so that what follows is looked at
    in the next round; lines found whole are counted no more. True if a run was cut."""
    found = outlet.found
    hits = _hits(outlet.profiles, found)
    cut_any = False
    for profile, hit in zip(outlet.profiles, hits, strict=True):
        if not hit and not profile.openings:
            continue
        body = bodies[profile.index]
        keys = profile.keys
        for number in hit:
            keys[number] = 0
            profile.heads.pop(number, None)
            profile.openings.pop(number, None)
            profile.touched.add(number)
        for number, runs in list(profile.openings.items()):
            run_end = max((end for key, end in runs if key in found), default=None)
            if run_end is None:
                continue
            start, end = profile.span(number)
            del profile.openings[number]
            profile.heads.pop(number, None)
            profile.touched.add(number)
            if profile.lines and (number in profile.ends
                                  or not _ends_like_sentence(body[start:end])):
                keys[number] = 0  # a caption or label line: it goes whole
                continue
            rest = _skip_space(body, run_end, end)
            profile.cuts[number] = rest
            if rest >= end:
                keys[number] = 0
                continue
            keys[number] = _line_key(body[rest:end])
            profile.lengths[number] = end - rest
            head = _head(body, rest, end, stop)
            if head is not None:
                profile.heads[number] = head
            cut_any = True
    return cut_any


def _hits(profiles: Sequence[_Article], keys: Iterable[int]) -> list[list[int]]:
    """Per article, the lines (sentences) whose key is one of `keys`."""
    wanted = np.fromiter(keys, dtype=np.int64)
    everything = np.concatenate([p.keys for p in profiles]) if profiles else wanted[:0]
    bounds = np.cumsum([0] + [p.keys.size for p in profiles])
    at = np.flatnonzero(np.isin(everything, wanted))
    owner = np.searchsorted(bounds, at, side="right") - 1
    hits: list[list[int]] = [[] for _ in profiles]
    for k, number in zip(owner.tolist(), (at - bounds[owner]).tolist(), strict=True):
        hits[k].append(number)
    return hits


def _skip_space(text: str, start: int, end: int) -> int:
    """Where the text after a removed run resumes: its next word or opening mark."""
    while start < end and not (text[start].isalnum() or text[start] in "\"“‘'(["):
        start += 1
    return start


# --- removing -----------------------------------------------------------------------------

def _remove(outlet: _Outlet, bodies: Sequence[str], stop: frozenset[str],
            cleaned: list[str], removed: dict) -> None:
    """Put each of the outlet's articles without its furniture into `cleaned`, and add what
    went to `removed` ((outlet, key) -> [text as first seen, articles, words])."""
    cleaner = _Cleaner(outlet, bodies, stop)
    done: dict[int, tuple[str, list[tuple[int, str]]]] = {}  # member -> (body, what went)
    found_hits = _hits(outlet.profiles, outlet.found)
    quoted_hits = (_hits(outlet.profiles, outlet.quoted) if outlet.quoted
                   else [[]] * len(outlet.profiles))
    for profile, hit, quoted in zip(outlet.profiles, found_hits, quoted_hits, strict=True):
        went: list[tuple[int, str]] = []
        done[profile.index] = (cleaner.clean(profile, went, hit, quoted), went)
    for index, member in [(i, i) for i in outlet.members] + list(outlet.copies.items()):
        body, went = done[member]
        cleaned[index] = body
        seen: set[int] = set()
        for key, text in went:
            entry = removed.setdefault((outlet.name, key), [" ".join(text.split()), 0, 0])
            if key not in seen:
                entry[1] += 1
                seen.add(key)
            entry[2] += len(_WORD.findall(text))


class _Cleaner:
    """Takes an outlet's furniture found so far out of its articles."""

    def __init__(self, outlet: _Outlet, bodies: Sequence[str], stop: frozenset[str]) -> None:
        self.outlet, self.bodies, self.stop = outlet, bodies, stop
        self.found_keys = np.fromiter(outlet.found, dtype=np.int64, count=len(outlet.found))
        self.quoted_keys = np.fromiter(outlet.quoted, dtype=np.int64, count=len(outlet.quoted))
        self._endings: dict[str, int] | None = None
        self._openers: set[str] | None = None

    def openers(self) -> set[str]:
        """The first words of the runs found (see _trim)."""
        if self._openers is None:
            runs = {key for key, kind in self.outlet.found.items() if kind == "run"}
            self._openers = {_opening_word(text, 0, len(text)) for text, is_run, _
                             in _samples(self.outlet, runs, self.bodies).values() if is_run}
        return self._openers

    def clean(self, profile: _Article, went: list[tuple[int, str]],
              hit: Sequence[int] | None = None, quoted: Sequence[int] | None = None) -> str:
        """The profile's body without the furniture; what went is added to `went`. `hit`
        and `quoted`: its lines whose key is found or quoted, when known."""
        outlet, body = self.outlet, self.bodies[profile.index]
        if not outlet.found:
            if not profile.lines or not (profile.gone or profile.starts or profile.ends):
                return body
            return _remove_lines(body, profile, set(), set(), {}, set(), self.stop, went)
        if hit is None:
            hit = np.flatnonzero(np.isin(profile.keys, self.found_keys)).tolist()
        # Where furniture may be: lines found whole, runs found since the last round, and
        # lines changed in the rounds (lines gone by their form go in any case).
        where = set(hit)
        where.update(n for n, runs in profile.openings.items()
                     if any(key in outlet.found for key, _ in runs))
        where |= profile.touched
        if not profile.lines:
            if self._endings is None:
                self._endings = _endings(outlet, self.bodies)
            return _remove_sentences(body, _sentence_spans(profile), outlet.found,
                                     self.openers(), self._endings, self.stop, went)
        if quoted is None:
            quoted = (np.flatnonzero(np.isin(profile.keys, self.quoted_keys)).tolist()
                      if self.quoted_keys.size else [])
        return _remove_lines(body, profile, where, set(quoted), outlet.found, self.openers(),
                             self.stop, went)


def _endings(outlet: _Outlet, bodies: Sequence[str]) -> dict[str, int]:
    """The words of each whole line or sentence found (of 3 words or more) -> its key."""
    endings = {}
    for key, (text, is_run, _) in _samples(outlet, set(outlet.found), bodies).items():
        words = _run_words(text)
        if not is_run and words.count(" ") >= 2:
            endings[words] = key
    return endings


def _trim(body: str, start: int, end: int, found, openers: set[str], stop: frozenset[str], *,
          lines: bool, went: list[tuple[int, str]], caption: bool = False) -> int | None:
    """What is left of body[start:end] once its furniture is cut from its start: the new
    start, or None when nothing is left (the whole line or sentence is furniture, or a run
    opens a line that does not end like a sentence). `openers`: the first words of the
    runs in `found` (a piece that another word opens needs no look for them)."""
    for _ in range(ROUNDS + 1):
        if start >= end:
            return None
        piece = body[start:end]
        key = _line_key(piece)
        if key in found:
            went.append((key, piece))
            return None
        if _opening_word(body, start, end) not in openers:
            return start
        runs = [(k, run_end) for k, run_end in _openings(body, start, end, stop) if k in found]
        if not runs:
            return start
        if lines and (caption or not _ends_like_sentence(piece)):
            went.append((runs[0][0], piece))
            return None
        key, run_end = runs[-1]
        went.append((key, body[start:run_end]))
        start = _skip_space(body, run_end, end)
    return start


def _remove_lines(body: str, profile: _Article, where: set[int], quoted: set[int], found,
                  openers: set[str], stop: frozenset[str], went: list[tuple[int, str]]) -> str:
    """The body without its furniture: the lines gone by their form, the dateline, and
    what `found` holds in the lines `where`; `quoted` are the lines that are repeated
    quotations. Line k is body[bounds[k]:bounds[k + 1] - 1]."""
    if not where and not profile.gone and not profile.starts and not profile.ends:
        return body
    bounds = profile.bounds
    lines: list[str | None] = list(body.split("\n"))
    for number in profile.gone:
        lines[number] = None
    changed = bool(profile.gone)
    for number in sorted(where | profile.starts.keys() | profile.ends.keys()):
        if number in profile.gone:
            continue
        at = profile.starts.get(number, int(bounds[number]))
        end = profile.ends.get(number, int(bounds[number + 1]) - 1)
        # (A line that ended in a picture credit is a caption, whatever it ends with now.)
        start = _trim(body, at, end, found, openers, stop, lines=True, went=went,
                      caption=number in profile.ends) if found else at
        if start != bounds[number] or number in profile.ends:
            lines[number] = None if start is None else body[start:end]
            changed = True
    if changed and quoted:
        _sandwich(lines, quoted, went)
    return _rebuild(lines) if changed else body


def _sandwich(lines: list[str | None], quoted: set[int], went: list[tuple[int, str]]) -> None:
    """Remove the repeated quotations (lines `quoted`) that stand between removed lines, or
    a removed line and an end of the text: a sidebar of quotes from other stories."""
    changed = True
    while changed:
        changed = False
        text_lines = [n for n, line in enumerate(lines) if line is None or line.strip()]
        last = len(text_lines) - 1
        for k, number in enumerate(text_lines):
            line = lines[number]
            if line is None or number not in quoted:
                continue
            before = k > 0 and lines[text_lines[k - 1]] is None
            after = k < last and lines[text_lines[k + 1]] is None
            if (before or after) and (before or k == 0) and (after or k == last):
                went.append((_line_key(line), line))
                lines[number] = None
                changed = True


def _sentence_spans(profile: _Article) -> list[tuple[int, int]]:
    """The spans of the sentences of a profile of text without line breaks, as _sentences
    found them (none is blank, so none was left out between two others)."""
    bounds = profile.bounds.tolist()
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _remove_sentences(body: str, spans: Sequence[tuple[int, int]], found, openers: set[str],
                      endings: dict[str, int], stop: frozenset[str],
                      went: list[tuple[int, str]]) -> str:
    """Text without line breaks without its furniture (`spans`: its sentences). A sentence
    may also end with a whole furniture sentence (`endings`: its words -> key) that no stop
    set apart from it ("... November 1, 2017 Sign up for Daily Newsletters ...")."""
    parts = []
    longest = max((ending.count(" ") for ending in endings), default=0) + 1
    last_words = {ending.rsplit(" ", 1)[-1] for ending in endings}
    for start, end in spans:
        rest = _trim(body, start, end, found, openers, stop, lines=False, went=went)
        if rest is None:
            continue
        if endings:
            tail = _tail(body, rest, end, endings, longest, last_words)
            if tail is not None:
                went.append((endings[_run_words(body[tail:end])], body[tail:end]))
                end = tail
        parts.append(body[rest:end].rstrip() + " ")
    return "".join(parts).strip()


_TAIL_CHARS = 32  # the last word of a sentence is looked for in its last characters


def _tail(body: str, start: int, end: int, endings: dict[str, int], longest: int,
          last_words: set[str]) -> int | None:
    """Where a furniture sentence of `endings` (of at most `longest` words, ending in one
    of `last_words`) ends body[start:end], if one does (at a word boundary, after some
    other text)."""
    # Most sentences end in a word that no furniture sentence ends in (unless the last word
    # found begins where the characters looked in begin: it may be longer).
    near = max(start, end - _TAIL_CHARS)
    last = list(_WORD.finditer(body, near, end))[-1:]
    if last and (last[0].start() > near or near == start) and (
            last[0].group().casefold() not in last_words):
        return None
    words = list(_WORD.finditer(body, start, end))[-longest - 1:]
    tail = ""
    for k in range(len(words) - 1, 0, -1):
        tail = words[k].group().casefold() + (" " + tail if tail else "")
        if tail in endings:
            return words[k].start()
    return None


def furniture_warning(furniture: Sequence[Furniture], chars_before: int,
                      chars_after: int) -> str:
    """One line saying how much was removed, for Corpus.warnings."""
    outlets = len({f.outlet for f in furniture})
    words = sum(f.words for f in furniture)
    share = 1 - chars_after / chars_before if chars_before else 0.0
    return (f"outlet furniture removed: {words:,} words ({share:.1%} of the text) in "
            f"{len(furniture):,} repeated passages, datelines, credit lines and captions of "
            f"{outlets} outlet{'s' if outlets != 1 else ''}; `framing corpus info` lists "
            "them, --keep-furniture keeps them")
