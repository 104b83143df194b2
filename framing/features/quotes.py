"""Who speaks: an article's quotations, each with its speaker, the speaker's role and its cue.

Rules over the text layer's units (framing.text.TextUnits), no statistical model:

1. Each quoted span is read in its *stretch*: the sentence(s) around it, found on the
   paragraph with every quotation masked, so that a full stop inside a quotation ends nothing.
2. Its attribution is, in this order: a speech verb right after it with its subject
   (`"...," she said`, `"...," said Mr Smith, a spokesman for X`, `"...," the report added`);
   the first speech verb before it in the stretch that has a subject (`X said: "..."`,
   `X told Y that "..."`, `X, chair of the inquiry, said the "..."`); "according to X"
   anywhere in the stretch; a sentence ending in a colon just before it (`She said:` then the
   quotation in the next paragraph); the speaker of the quotation it continues (the next
   sentence, or a quote paragraph right after an attributed one: British quotes over several
   paragraphs). Failing all these, a quoted word or short phrase inside a sentence is a scare
   quote, and anything else is direct and "unattributed".
3. The speaker is the subject as the article writes it: a name, resolved to the fullest form
   of that name in the article ("Jay" -> "Professor Alexis Jay"); a description ("a police
   spokesman", "the report") as written, or the named person it refers to when one with that
   description was named in the two paragraphs before ("the minister"), or named at the start
   of the paragraph after a lede that describes them; a pronoun, resolved to
   the most recent compatible named person (he/she) or organisation (it/they) within two
   paragraphs before, else "unattributed". Appositions (", chair of the inquiry,"), titles
   ("Senator") and organisations ("the NSPCC") give the role, from the roles lexicon; a speaker
   keeps one role across an article.
4. A sentence with "according to X" and no quotation is a claim of kind according_to.

Everything is offsets into `article.analysed_text`. docs/quotations.md has the method.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from framing.features.roles import OTHER, Roles
from framing.paths import PACKAGE_DIR
from framing.text import ABBREVIATIONS, TextUnits, word_count
from framing.types import Article, Quotation, Span

UNATTRIBUTED = "unattributed"
SCARE_MAX_WORDS = 4  # most words of a scare quote (in quotation marks, with no speech act)
PARAGRAPHS_BACK = 2  # how far back a pronoun or a description looks for its person
SURNAME_MENTIONS = 5  # mentions of a surname read for its fullest form (the first give it)
GIVEN_NAMES = PACKAGE_DIR / "data" / "given_names.txt"

_MARKS = frozenset("\"'“”‘’«»")
_MASK = "\x01"


# --- words ----------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Speech verbs, in the forms that attribute speech. Nouns that double as base forms ("report",
# "call", "note") are left out in that form only.
SPEECH_VERBS = _words("""
    say says said saying tell tells told telling add adds added adding write writes wrote
    writing tweet tweets tweeted tweeting posted stated explain explains explained explaining
    noted noting argue argues argued arguing claimed claiming insist insists insisted insisting
    warn warns warned warning ask asks asked asking reply replies replied replying respond
    responds responded responding continued acknowledge acknowledges acknowledged admit admits
    admitted admitting announce announces announced announcing declare declares declared
    declaring concede concedes conceded complain complains complained complaining recall
    recalls recalled recalling remarked observed suggest suggests suggested suggesting agree
    agrees agreed confirm confirms confirmed countered testify testifies testified testifying
    urge urges urged urging predict predicts predicted promised vowed stressed stresses
    emphasise emphasises emphasised emphasize emphasizes emphasized describe describes
    described describing called calling quipped joked shouted cried wondered lamented boasted
    allege alleges alleged accused maintains maintained reported reports found finds concluded
    concludes heard reads recounted recounts revealed reveals demanded pleaded denied denies
    branded dubbed labelled labeled slammed blasted texted emailed mused fumed scoffed
    retorted cautioned estimated identified identifies claims opined opines remarking stating
    observing answering answered quipping joking""")
# Verbs that take a later quotation of a sentence from the speaker of an earlier one ("Miller
# said ... while Sanders called it 'sad'"); not participles (", adding:") nor verbs that are
# often adjectives ("the agreement agreed with May").
_NEARER_VERBS = _words("""say says said tell tells told call calls called reply replies
    replied respond responds responded write writes wrote tweet tweets tweeted ask asks asked
    add adds added concede concedes conceded insist insists insisted warn warns warned""")
# Verbs that may come before their subject after a quotation: `"...," said Mr Smith`.
INVERTED_VERBS = _words("""
    said says added adds wrote writes explained continued asked recalled noted argued warned
    insisted replied tweeted declared remarked observed countered concluded stated
    acknowledged conceded""")
# Capitalised forms read as verbs (headlines in title case: "Trump Says ...").
_TITLE_CASE_VERBS = _words("""
    Say Says Said Tells Told Warns Warned Admits Insists Urges Slams Blasts Vows Writes Wrote
    Tweets Tweeted Asks Denies Confirms Declares Argues Explains""")
_PASSIVE = _words("is was were are be been being get got")
_COURT = _words("court courts jury jurors trial inquest hearing tribunal")

PRONOUN_GENDER = {"he": "m", "she": "f", "they": None, "it": None}
_NOT_SPEAKERS = _words("i we you me us there this that these those what which who whom")
_DETERMINERS = _words("""the a an his her their its our my your one another some several
    many two three four both each every any no""")
_ARTICLES = _words("a an")
# Determiners of a description that does not point at one known person ("a spokesman").
_UNNAMING = _DETERMINERS - _words("the his her their its our my your")
# Words between a subject and its verb: "he also said", "Smith on Tuesday said".
_SKIP_BEFORE_VERB = _words("""also later then previously has had have would will could can
    may might did does do should must reportedly allegedly once again recently earlier further
    simply just only never not even still repeatedly publicly privately quickly flatly often
    always yesterday today tonight on last this Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday week month year night morning afternoon evening""")
# Words that end a subject read backwards from its verb.
_BOUNDARY = _words("""that when while as after before because since if and but or nor so
    though although than where whether whereas until unless according by with without is was
    were are be been being has had have do does did will would can could may might must should
    not also what how why whom whose once however meanwhile instead """)
_CONNECTORS = _words("of for in at from on into with to")
# Boundary words that are also names: "Theresa May", "Will Brown" (capitalised, beside a
# capitalised word, they are part of the name).
_NAME_BOUNDARIES = _words("May Will")
_PARTICLES = _words("de van von der den la le bin al da di du")
_ORG_CONNECTORS = _words("of for and & into on the")  # in a name, they make it a body's
_NAME_STOPS = frozenset(",:;\"“”‘’")  # a word ending in one of these is no part of a name after it
_NAME_CONNECTORS = _words("of for and & into on the de van von der den la le bin al da di du")
_INTRO = _words("""in on at after before during following speaking writing asked when while as
    but and however meanwhile separately also earlier later yesterday today last since
    although though if according by with without under from for""")
# Words opening a phrase between a subject and its verb that is no part of the subject.
_INTERPOSED = _words("""in on at during after before following speaking writing appearing
    talking testifying responding addressing interviewed asked reached contacted""")
_INTERPOSED_STOPS = _words("that which who whom whose to and but or ( )")  # a clause, not a phrase
_RELATIVE = _words("who which whose")
# Titles that stay with a name when it is shown ("Professor Alexis Jay", "Sen. Ted Cruz").
DISPLAY_TITLES = _words("""Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron
    Sen Senator Rep Representative Gov Governor President Judge Justice Det Detective Insp
    Inspector Supt Superintendent Sgt Sergeant Cllr Councillor Mayor Rev Reverend Father Bishop
    Archbishop Cardinal Pope Rabbi Imam Gen General Col Colonel Capt Captain Lt Maj Major Adm
    Admiral Sheriff Ambassador Chancellor Commissioner Congressman Congresswoman King Queen Prince
    Princess Duke Duchess Dean""")
# Words of a title that are not part of the name after them ("Home Secretary Jack Straw").
TITLE_WORDS = DISPLAY_TITLES | _words("""Vice Prime Minister Secretary Chief Constable Deputy
    Assistant Acting Former Leader Speaker Chairman Chairwoman Chair Director Coach Officer
    Spokesman Spokeswoman Spokesperson Attorney MP MEP MSP QC KC PC DC DS DI DCI DCS Home
    Foreign Justice Health Education Shadow Executive Press Labour Conservative Democrat
    Republican Democratic Senate House Council Police Crime Commissioner""")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "baron": "m", "king": "m", "prince": "m",
                     "duke": "m", "father": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f",
                     "dame": "f", "baroness": "f", "queen": "f", "princess": "f", "duchess": "f",
                     "congressman": "m", "congresswoman": "f"}
_NOUN_GENDER = {"spokesman": "m", "spokeswoman": "f", "man": "m", "woman": "f", "mother": "f",
                "father": "m", "wife": "f", "husband": "m", "daughter": "f", "son": "m",
                "girl": "f", "boy": "m", "sister": "f", "brother": "m", "chairman": "m",
                "chairwoman": "f", "congressman": "m", "congresswoman": "f", "businessman": "m",
                "businesswoman": "f", "grandmother": "f", "grandfather": "m", "mum": "f",
                "mom": "f", "dad": "m", "aunt": "f", "uncle": "m", "widow": "f", "policeman": "m",
                "policewoman": "f", "councilman": "m", "councilwoman": "f"}
# Head nouns of descriptions of people (a pronoun may refer to them).
_PERSON_NOUNS = _words("""spokesman spokeswoman spokesperson officer officers minister
    secretary senator congressman congresswoman governor mayor president chairman chairwoman
    chair director judge prosecutor lawyer attorney solicitor barrister professor expert
    researcher analyst victim survivor mother father parent wife husband daughter son girl
    boy woman man sister brother commissioner constable detective inspector superintendent
    sergeant councillor leader source official aide adviser advisor campaigner activist
    witness resident neighbour neighbor friend teacher doctor worker manager executive
    chief head author candidate lawmaker member representative politician MP pope pontiff
    cardinal archbishop bishop priest rabbi imam sheriff ambassador""")
# Words that make a capitalised name an organisation or a document, not a person.
_ORG_WORDS = _words("""Police Constabulary Council Service Services Commission Committee
    Department Office Ministry Inquiry Agency Association Party University College Court
    Board Trust Union Bureau Administration Government Authority Institute Foundation Society
    Centre Center Group Network Campaign Charity Commissioner's Times News Post Guardian
    Telegraph Independent BBC Mail Herald Journal Review Report Church Company Corporation
    Inc Ltd Corp Corps Force Forces Parliament Congress Senate House Assembly Watch Fund Council's
    Children's Home Department's Prosecution""")
# Job words that may stand before a name ("Democratic strategist Jim Manley").
_JOB_NOUNS = _PERSON_NOUNS - _words("man woman girl boy son daughter friend") | _words("""
    strategist consultant pollster adviser advisor aide spokesman spokeswoman spokesperson
    analyst economist columnist commentator organizer organiser founder president""")
# Heads of descriptions of bodies and documents ("The report made ..."): what "it" may be.
_BODY_NOUNS = _words("""report review inquiry council government police court study statement
    department ministry agency committee commission charity company group organisation
    organization board office force service authority administration campaign party school
    university hospital trust union bureau letter document survey poll analysis complaint
    lawsuit indictment filing memo watchdog regulator network firm bank newspaper""")
# Capitalised words that start sentences and are not names.
_NOT_NAMES = _words("""The A An It He She They We I In On At After But And However This That
    These Those There When While As If For With By From Some Many Most More Other Others
    What Why How Its His Her Their Our One Two Three Last Next Since Until Because Although
    Though Yet So Still Even Also Then Now Today Yesterday Meanwhile Instead""")
# Where a person may be named: a title, two capitalised words, or a capitalised word
# starting a sentence (other than the usual openings). Looked for before reading closely.
_MAYBE_NAMED = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Sen|Senator|Rep|Gov|"
    r"Governor|President|Judge)\b|[A-Z][\w'’\-]+[ \t]+[A-Z][\w'’\-]+|"
    r"(?:^|[.!?][\"”’)]*\s+|\n)(?!(?:The|A|An|It|He|She|They|We|I|In|But|And|This|That|"
    r"There|Its|His|Her|Their)\b)[A-Z]", re.MULTILINE)
_HEAD_NOUNS = _PERSON_NOUNS | _BODY_NOUNS | _words("""official officials spokesperson source
    sources aide aides staffer staffers adviser advisers""")
_TIME_WORDS = _words("""January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday spring summer autumn fall winter""") | frozenset(
    str(year) for year in range(1900, 2051))
_APPOSITIONS = frozenset(("relative", "party", "age", "paren", "desc", "place"))
_NON_SOURCES = _words("""plan plans schedule script tradition custom form design type size
    age need needs merit rank law rules""")
_SCARE_LEAD = re.compile(
    r"(?:so-called|so called|the\s+(?:term|phrase|word|words|label|slogan|nickname)|"
    r"known\s+as|nicknamed|dubbed|termed|self-styled|self-described|quote-unquote)\s*$",
    re.IGNORECASE)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_TOKEN = re.compile(r"\x01+|[^\W_][\w'’&.\-]*|[^\s\w]")
_PARTY = re.compile(r"[RDI]-[A-Z][A-Za-z.]*(?:-[A-Z][A-Za-z.]*)?\Z")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}s?\Z")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’\-]*(?:(?:[ \t]+(?:of|for|and|the|on|in|&))*[ \t]+"
                              r"[A-Z][\w'’\-]*){2,}")
_ACRONYM_WORD = re.compile(r"(?<![\w&])[A-Z][A-Z&]{1,7}(?![\w&])")
_APPOSITION = re.compile(r"\s*(?:,\s*|\()([^,;.()\x01]{1,100})(?:\)|(?=[,.]))")
# A relative clause in a description: "a parent who took part in ..." is a parent.
_RELATIVE_CUT = re.compile(r"\s+(?:who|whom|whose|which|that)\b")
# A relative clause that says what someone is or does: "who leads on child abuse for X",
# "who is the charity's director"; not "who has dined with X".
_ROLE_CLAUSE = re.compile(
    r"(?:who|which)\s+(?:(?:also|now|currently|formerly|previously|once)\s+)?(?:"
    r"(?:is|was|has\s+been|had\s+been|became|becomes)\s+(?:(?:also|now|currently|still)\s+)?"
    r"(?:a|an|the|its|their|his|her|on|[A-Z]\w*)|(?:co-)?(?:leads|led|heads|headed|chairs|chaired)|"
    r"runs|ran|"
    r"directs|directed|manages|managed|oversees|oversaw|represents|represented|founded|"
    r"co-founded|serves|served|works|worked|teaches|taught|speaks\s+for|spoke\s+for|sits|sat|"
    r"advises|advised|campaigns|campaigned|studies|studied|researches|researched)\b")
_POSSESSIVE = re.compile(r"['’]s?\Z")
# A description set off before a name ("both the White House spokeswoman, Sarah Sanders, and"),
# not a place or time ("At the White House, Smith said").
_BEFORE_NAME = re.compile(r"(?:\A|[.!?,;:]\s+|\b(?:[Aa]nd|[Bb]oth|[Bb]ut|[Aa]s|said|says)\s+)"
                          r"((?:the|a|an)\s+(?:[^,.;:\"“”\n—–\- ]+[ \t]+){0,7}[a-z][a-z\-]+),"
                          r"[ \t]+\Z")
# Whose description it is ("Biden's campaign co-chairman"), and a relation to someone else
# ("an ally of", "a Bush appointee"), whose role is not the described person's.
_OWNER = re.compile(r"[A-Z][\w.\-]*(?:[ \t]+[A-Z][\w.\-]*){0,3}['’]s[ \t]+")
_RELATION = re.compile(r"\b(?:ally|allies|appointee|appointees|friend|friends|critic|critics|"
                       r"rival|rivals|opponent|opponents|supporter|supporters|admirer|confidant|"
                       r"confidante|biographer|wife|husband|girlfriend|boyfriend|mistress|"
                       r"fianc[ée]e?|nephew|niece|cousin|son-in-law|daughter-in-law)\b"
                       r"(?:([ \t]+(?:of|to))\b|\Z)")
_TAIL_PRONOUN = re.compile(r"(he|she|they|it)\s+(?:also\s+)?(said|says|added|adds|told|tells|"
                           r"wrote|writes|explained|continued|argued|noted|insisted|warned|"
                           r"tweeted|asked|replied|declared|recalled|stated)(?![\w\-])")
_TAIL_LEAD = re.compile(r"[,—–\-\s]*")
_SPACES = re.compile(r"\s*")
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)")
_COURT_BEFORE = re.compile(r"((?:the|a|an)\s+)?(\w+)\s+(?:was|were)\s+$", re.IGNORECASE)
_EXPANSION = re.compile(r"((?:[A-Z][\w'’\-]*(?:\s+(?:of|for|and|into|on|the|&))*\s+)*"
                        r"[A-Z][\w'’\-]*)\Z")
# "Professor Alexis Jay led the inquiry": a body a person leads describes them.
_LEADS = re.compile(r"\s+(?:led|leads|chaired|chairs|heads|headed)\s+(the\s+(?:[\w'’\-]+\s+)"
                    r"{0,3}?(?:inquiry|review|investigation|commission|committee|council|"
                    r"department|charity|agency|board|panel|report))\b")
# An apposition after a name, up to a comma or the sentence's end: "Sarah Champion, the MP for
# Rotherham,", "said Jim Hodges, South Carolina's last Democratic governor.", "Kathleen Hall
# Jamieson, Director of the Annenberg Public Policy Center".
_AFTER_NAME = re.compile(
    r",\s+(?:((?!(?:and|or|but|including|in|on|to|as|after|before|while|when)\b)"
    r"[a-z][^,.;:\"“”—–]{1,100}),|"
    r"((?:the|a|an|who|which)\b[^,.;:\x01\"“”—–]{1,100}|"
    r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+of[ \t]+[^,.;:\x01\"“”—–]{1,100}|"
    r"[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*){0,2}['’]s[ \t]+[^,.;:\x01\"“”—–]{1,100})"
    r"(?:,|\.(?=\s|\Z)))")
# Where a person works, after their name elsewhere in the article: "Victor Smetacek at the
# Alfred Wegener Institute", "Mark Krikorian of the Center for Immigration Studies".
_AFFILIATION = re.compile(r"[ \t]+((?:at|of|from)[ \t]+(?:the[ \t]+)?[A-Z][\w'’&\-]*"
                          r"(?:[ \t]+(?:[A-Z][\w'’&\-]*|of|for|and|on|the|&)){0,8})")
# A person named at a sentence's start (its subject) and one named with a title anywhere:
# (title, name), read without the tokenizer.
_PERSON_TITLES = (r"Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Sen|Senator|Rep|Gov|"
                  r"Governor|President|Judge|Mayor|Sheriff|Ambassador|Congressman|Congresswoman|Pope|"
                  r"Cardinal|Archbishop|Bishop|Rabbi|Rev|Reverend")
_NAME_WORDS = (r"[A-Z][\w'’\-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+(?:(?:de|van|von|der|den|la|le|da|di|du)"
               r"[ \t]+)*(?!(?:" + _PERSON_TITLES + r")\.)[A-Z][\w'’\-]+){0,2}")
def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation of `words`, as a trie (fast to scan)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + walk(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return walk(trie)


_VERB = re.compile(r"(?<![\w\-’'])" + _trie_regex(SPEECH_VERBS | _TITLE_CASE_VERBS)
                   + r"(?![\w\-])")


_PEOPLE_HEADS = _trie_regex(_words("""report review inquiry council government police court
    study statement department ministry agency committee commission charity company group
    board office force service authority administration campaign party spokesman
    spokeswoman spokesperson officer official source aide lawyer attorney judge prosecutor
    minister secretary senator governor mayor president woman man mother father victim
    survivor"""))
_PEOPLE = re.compile(
    r"(?<![\w\-’'])(?=[A-Z])(?:(?P<desc>(?:The|A|An)[ \t]+(?:[\w'’\-]+[ \t]+){0,2}(?:"
    + _PEOPLE_HEADS + r"))(?![\w\-])|(?:(?P<title>" + _PERSON_TITLES + r")\.?[ \t]+)?(?P<name>"
    + _NAME_WORDS + r")(?![\w\-]))")
_OPENINGS = _words("But And However Meanwhile Now Yet")
# A speech verb right after a name: its speaker, wherever in the sentence ("In a tweet on
# Sunday, Trump said").
_OBJECT_BEFORE = _words("to with at from in on into by about against than")  # "close to Trump"
_SAYS_NEXT = re.compile(r"[ \t]+(?:said|says|told|tells|wrote|writes|tweeted|added|adds|asked|"
                        r"replied|noted|notes|explained|explains|argued|argues|insisted|"
                        r"insists|warned|warns|recalled|recalls|acknowledged|admitted|"
                        r"suggested|suggests|points[ \t]+out|pointed[ \t]+out)(?![\w\-])")
_OPENING_MARKS = frozenset(" \t\"“”’)(")



@functools.cache
def given_names() -> dict[str, str]:
    """Lower-cased given name -> "m" or "f" (data/given_names.txt)."""
    names = {}
    for line in GIVEN_NAMES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, sex = line.split()
            names[name] = sex
    return names


def _bare(word: str) -> str:
    """A token without a final full stop (kept for initials and abbreviations like U.S.)."""
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1]:
        return word[:-1]
    return word


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


# --- references to speakers -------------------------------------------------------------------


@dataclass(slots=True)
class _Ref:
    """Words that name a speaker at one place: a pronoun, a name or a description."""

    kind: str  # "pronoun", "name" or "desc"
    start: int  # offsets in the analysed text
    end: int
    text: str  # as written
    name: tuple[str, ...] = ()  # a name's own words ("Alexis", "Jay"), without titles
    title: str = ""  # a title shown with the name ("Professor")
    described: list[str] = field(default_factory=list)  # appositions and the like
    titled: list[str] = field(default_factory=list)  # before the name: "former Home Secretary"
    person: bool | None = None  # None: not known
    gender: str | None = None


@dataclass(slots=True)
class _Speaker:
    """A resolved speaker: the name shown, the key of its entity, and what it is."""

    shown: str
    key: str
    person: bool | None
    gender: str | None
    named: bool
    role_texts: list[tuple[int, str]] = field(default_factory=list)  # (priority, text)
    role: str | None = None  # decided once all its quotations are found
    surname: str = ""  # a named person's: other mentions of it may give a title


@dataclass(slots=True)
class _Attribution:
    speaker: _Speaker | None  # None: a pronoun that could not be resolved
    cue: str
    cue_start: int | None
    cue_end: int | None
    ref: _Ref | None


@dataclass(slots=True)
class _Record:
    start: int
    end: int
    kind: str
    attribution: _Attribution | None
    paragraph: int  # index into units.paragraphs
    position: int  # where the speaker is named (for "most recent")


# --- the finder -------------------------------------------------------------------------------


def find_quotations(article: Article, *, units: TextUnits, roles: Roles) -> tuple[Quotation, ...]:
    """Every quotation of `article` with its speaker, role and cue, in text order.

    `units` are the article's text units (framing.text.article_units(article)); `roles` a
    compiled roles lexicon (framing.features.roles.load_roles()). Offsets index
    `article.analysed_text`: `analysed_text[q.span.start:q.span.end]` is the quotation, and
    `analysed_text[q.cue_start:q.cue_end]` its cue.
    """
    return tuple(Quotation(Span(article.id, row[0], row[1]), *row[2:])
                 for row in quotation_rows(article, units=units, roles=roles))


def quotation_rows(article: Article, *, units: TextUnits, roles: Roles) -> tuple[tuple, ...]:
    """find_quotations as plain tuples, the fields of each Quotation after its span: (start,
    end, kind, speaker, role, cue, cue_start, cue_end, paragraph, speaker_start, speaker_end,
    words) (what framing.types.ArticleResult holds and the feature cache stores)."""
    text = article.analysed_text
    if not units.quoted and _ACCORDING.search(text) is None:
        return ()
    return _Finder(article.id, text, units, roles).run()


class _Finder:
    def __init__(self, article_id: str, text: str, units: TextUnits, roles: Roles) -> None:
        self.article_id = article_id
        self.text = text
        self.units = units
        self.roles = roles
        self.records: list[_Record] = []
        self.speakers: dict[str, _Speaker] = {}
        self.mentions: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        self.masked: dict[int, str] = {}
        self.resolved: dict[int, _Speaker] = {}
        self.people: dict[int, list[tuple[int, int, _Speaker | _Ref]]] = {}
        self.named: dict[tuple, _Speaker] = {}
        self.initials: list[tuple[str, list[str]]] | None = None

    # -- driving ----------------------------------------------------------------------------

    def run(self) -> tuple[tuple, ...]:
        units, text = self.units, self.text
        by_paragraph: dict[int, list[tuple[int, int]]] = {}
        for span in units.quoted:
            by_paragraph.setdefault(units.paragraph_index(span[0]), []).append(span)
        for index, (p_start, p_end) in enumerate(units.paragraphs):
            spans = by_paragraph.get(index, [])
            if spans:
                self._paragraph(index, p_start, p_end, spans)
            if text.find("ccording to", p_start, p_end) >= 0:
                self._according_claims(index, p_start, p_end, spans)
        self._identified_after_lede()
        self.records.sort(key=lambda r: (r.start, r.end))
        return tuple(self._row(r) for r in self.records)

    def _row(self, record: _Record) -> tuple:
        attribution = record.attribution
        if record.kind == "scare":
            speaker = role = cue = ""
            cue_start = cue_end = speaker_start = speaker_end = None
        else:
            speaker_start = speaker_end = None
            if attribution is None:
                speaker, role, cue, cue_start, cue_end = UNATTRIBUTED, UNATTRIBUTED, "", None, None
            else:
                cue, cue_start = attribution.cue, attribution.cue_start
                cue_end = attribution.cue_end
                if attribution.ref is not None and attribution.cue != "continuation":
                    speaker_start, speaker_end = attribution.ref.start, attribution.ref.end
                if attribution.speaker is None:
                    speaker, role = UNATTRIBUTED, UNATTRIBUTED
                else:
                    speaker = attribution.speaker.shown
                    role = self._role(attribution.speaker)
        body = self.units.body_start
        return (record.start, record.end, record.kind, speaker, role, cue, cue_start, cue_end,
                record.paragraph - body + 1 if record.paragraph >= body else 0, speaker_start,
                speaker_end, word_count(self.text[record.start:record.end]))

    def _role(self, speaker: _Speaker) -> str:
        """One role per speaker across the article: descriptions first, then titles."""
        entity = self.speakers.get(speaker.key, speaker)
        if entity.role is None:
            def role_of(text: str) -> str | None:
                return self.roles.role_of(self._spelt_out(_describing(text)))

            texts = sorted(entity.role_texts, key=_priority)
            role = next((r for p, t in texts if p < 2 and (r := role_of(t))), None)
            if role is None:
                later = [item for item in texts if item[0] >= 2]
                if entity.surname:
                    # The titles and appositions of the name's other mentions ("President
                    # Trump") come before the name itself.
                    mentions = self.mentions.get(entity.surname)
                    if mentions is None:
                        mentions = self.mentions[entity.surname] = \
                            self._surname_mentions(entity.surname)
                    # Only mentions that may be this person: "Javier Vega" is not "Marie Vega".
                    own = [w for w in entity.key.split()
                           if _bare(w).capitalize() not in DISPLAY_TITLES]
                    later = sorted(later + [(2, piece) for _, _, words, apposition, before
                                            in mentions
                                            if len(words) < 2 or len(own) < 2
                                            or _same_first([w.lower() for w in words], own)
                                            for piece in (apposition, before) if piece],
                                   key=_priority)
                role = next((r for _, t in later if (r := role_of(t))), None)
            entity.role = role or OTHER
        return entity.role

    def _identified_after_lede(self) -> None:
        """Delayed identification, the news lede that describes its speaker and names them
        next ("South Yorkshire's Police and Crime Commissioner says ... 'not jump to
        conclusions'." then "Dr Alan Billings has spoken out ..."): the quotations of a
        described person in the headline, standfirst and first paragraph are the person
        who opens the second paragraph, when nobody is named before them and their own
        titles give no other role. The description then gives their role."""
        units, text = self.units, self.text
        second = units.body_start + 1
        if second >= len(units.paragraphs):
            return
        # Only a description that points at one person ("the chairman of ...", "X's Police
        # and Crime Commissioner", a headline's "Police chief"): "a senior aide" and "a
        # mother" are sources the article does not name, whoever comes next.
        described = [record for record in self.records
                     if record.paragraph < second and record.attribution is not None
                     and (speaker := record.attribution.speaker) is not None
                     and not speaker.named and speaker.person
                     and speaker.shown.split()[0].lower() not in _UNNAMING]
        if not described or any(_names(found) for k in range(second)
                                for *_, found in self._people_in(k)):
            return
        people = self._people_in(second)
        p_start = units.paragraphs[second][0]
        if not people or text[p_start:people[0][0]].strip():
            return
        person = self._speaker_of(people[0][2])
        if not person.named or not person.person:
            return

        def roles_of(texts: Iterable[tuple[int, str]]) -> set[str]:
            return {role for priority, piece in texts if priority < 2
                    and (role := self.roles.role_of(self._spelt_out(_describing(piece))))}

        own = roles_of(person.role_texts)
        merged: set[int] = set()
        for record in described:
            speaker = record.attribution.speaker
            if speaker is person:
                continue  # quotations of one sentence share an attribution: done already
            if own and not roles_of(speaker.role_texts) <= own:
                continue  # "Senator X" is not the lede's "police chief"
            if speaker.gender and person.gender and speaker.gender != person.gender:
                continue
            if id(speaker) not in merged:
                merged.add(id(speaker))
                person.role_texts.extend([item for item in speaker.role_texts if item[0] < 2])
            record.attribution.speaker = person

    # -- one paragraph ------------------------------------------------------------------------

    def _mask(self, index: int, p_start: int, p_end: int,
              spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
        """The paragraph with each quotation and its marks masked, and the masked regions."""
        text = self.text
        regions = []
        pieces = []
        cursor = p_start
        for start, end in spans:
            m_start = start - 1 if start > p_start and text[start - 1] in _MARKS else start
            m_end = end + 1 if end < p_end and text[end] in _MARKS else end
            regions.append((m_start, m_end))
            pieces.append(text[cursor:m_start])
            pieces.append(_MASK * (m_end - m_start))
            cursor = m_end
        pieces.append(text[cursor:p_end])
        masked = "".join(pieces)
        self.masked[index] = masked
        return masked, regions

    def _boundaries(self, p_start: int, p_end: int, masked: str,
                    regions: Sequence[tuple[int, int]],
                    spans: Sequence[tuple[int, int]]) -> list[int]:
        """Sentence starts in the paragraph that no quotation hides: Punkt's, less those
        inside a quotation or before a lower-case word, plus the start after a quotation that
        ends a sentence ("... ready." Next ...)."""
        sentences = self.units.sentences
        first = bisect_left(sentences, (p_start, -1))
        last = bisect_left(sentences, (p_end, -1))
        starts = [p_start]
        for s_start, _ in sentences[first + 1:last]:
            char = masked[s_start - p_start]
            if char == _MASK:
                if any(r0 < s_start < r1 for r0, r1 in regions):
                    continue
            elif char.islower() or char in "—–-":
                continue
            starts.append(s_start)
        for (start, end), (_, m_end) in zip(spans, regions, strict=True):
            if end > start and self.text[end - 1] in ".!?" and m_end < p_end:
                rest = masked[m_end - p_start:]
                stripped = rest.lstrip()
                if stripped and (stripped[0].isupper() or stripped[0] == _MASK):
                    starts.append(m_end + len(rest) - len(stripped))
        return sorted(set(starts))

    def _paragraph(self, index: int, p_start: int, p_end: int,
                   spans: list[tuple[int, int]]) -> None:
        masked, regions = self._mask(index, p_start, p_end, spans)
        starts = self._boundaries(p_start, p_end, masked, regions, spans)
        # Stretches: from the sentence start before a quotation to the one after it.
        stretches: list[list] = []
        for k, (m_start, m_end) in enumerate(regions):
            s = starts[bisect_right(starts, m_start) - 1]
            after = bisect_left(starts, m_end)
            e = starts[after] if after < len(starts) else p_end
            if stretches and s < stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], e)
                stretches[-1][2].append(k)
            else:
                stretches.append([s, e, [k]])
        for s, e, members in stretches:
            lead = [s, None]  # how far the stretch was searched for a lead, and what was found
            for position, k in enumerate(members):
                self._quotation_in(index, p_start, p_end, masked, s, e, spans, regions, members,
                                   position, k, lead)

    def _quotation_in(self, index, p_start, p_end, masked, s, e, spans, regions, members,
                      position, k, lead) -> None:
        start, end = spans[k]
        m_start, m_end = regions[k]
        text = self.text
        following = regions[members[position + 1]][0] if position + 1 < len(members) else e
        attribution = None
        if not _SCARE_LEAD.search(masked, max(0, m_start - p_start - 30), m_start - p_start) or \
                len(text[start:end].split()) > SCARE_MAX_WORDS:
            attribution = (self._tail(index, p_start, masked, start, end, m_end, following)
                           or self._stretch_lead(index, p_start, masked, m_start, lead)
                           or self._according(index, p_start, masked, s, e))
        else:
            self._add(start, end, "scare", None, index, start)
            return
        before = masked[s - p_start:m_start - p_start].rstrip()
        opens_sentence = not before
        if attribution is None and before.endswith(":"):  # `Police chief: "..."`
            attribution = self._colon_lead(index, p_start, masked, s, s + len(before) - 1)
        elif attribution is None and opens_sentence:
            attribution = self._colon_before(index, p_start, masked, s)
            if attribution is None:
                attribution = self._continued(index, p_start, m_start)
            if attribution is None:
                attribution = self._reported_before(index, p_start, masked, s)
        if attribution is None:
            lead = masked[s - p_start:m_start - p_start].strip()
            tail = masked[m_end - p_start:e - p_start].strip(" \t\n.,;:!?")
            words = len(text[start:end].split())
            if words <= SCARE_MAX_WORDS and (lead or tail) and not self._is_sentence(start, end) \
                    and text[end - 1] not in ",!?":  # "It's a good day," is said, not scare
                self._add(start, end, "scare", None, index, start)
                return
        self._add(start, end, "direct", attribution, index,
                  attribution.ref.start if attribution and attribution.ref
                  and attribution.cue != "continuation" else start)

    def _is_sentence(self, start: int, end: int) -> bool:
        """Whether the quoted words read as a sentence of their own ("Yes, sir.")."""
        quoted = self.text[start:end].rstrip()
        return bool(quoted) and quoted[0].isupper() and quoted[-1] in ".!?"

    def _add(self, start, end, kind, attribution, index, position) -> None:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1  # `exploitation “.`: a space before a misplaced mark
        self.records.append(_Record(start, end, kind, attribution, index, position))

    # -- attributions -------------------------------------------------------------------------

    def _tail(self, index, p_start, masked, start, end, m_end, limit) -> _Attribution | None:
        """`"...," she said` / `"...," said Mr Smith` / `"...", according to X`."""
        last = self.text[end - 1] if end > start else ""
        if m_end >= limit:
            return None
        at = _SPACES.match(masked, m_end - p_start, limit - p_start).end()
        if at >= limit - p_start:
            return None
        after = masked[at]
        if not (last in ",?!—–-…:" or after in ",—–-" or (last == "." and after.islower())):
            return None  # nothing invites a speech verb after it
        dash = at + p_start if after in "—–-" else None
        at = _TAIL_LEAD.match(masked, at, limit - p_start).end()
        offset = at + p_start
        stripped = masked[at:limit - p_start]
        if dash is not None and not _VERB.search(stripped[:160]):
            # `"..." — Canadian Prime Minister Justin Trudeau`: a name after a dash, alone
            ref = self._np_forward(index, p_start, masked, offset, limit)
            if ref is not None and ref.kind != "pronoun" and not masked[
                    ref.end - p_start:limit - p_start].strip(" \t\n.,;)") or (
                    ref is not None and ref.described and ref.kind == "name"):
                return self._attribution(index, ref, "dash", dash, dash + 1)
            return None
        simple = _TAIL_PRONOUN.match(stripped)
        if simple:  # `"...," she said`: the common case, without parsing
            ref = _Ref("pronoun", offset, offset + simple.end(1), simple.group(1))
            return self._attribution(index, ref, simple.group(2), offset + simple.start(2),
                                     offset + simple.end(2))
        according = _ACCORDING.match(stripped)
        if according:
            return self._according_at(index, p_start, masked, offset, offset + according.end(),
                                      limit)
        verb = _VERB.search(masked, offset - p_start, min(limit, offset + 160) - p_start)
        if verb is None:
            return None
        v_start, v_end = verb.start() + p_start, verb.end() + p_start
        word = verb.group()
        if v_start == offset:  # "said Mr Smith"
            if word.lower() not in INVERTED_VERBS:
                return None
            ref = self._np_forward(index, p_start, masked, v_end, limit)
            if ref is None:
                return None
            return self._attribution(index, ref, word, v_start, v_end)
        between = masked[offset - p_start:v_start - p_start]
        if _MASK in between or _ends_sentence(between):
            return None
        if self._passive(masked, p_start, v_start):
            return self._court(index, p_start, masked, offset, v_start, v_end, word)
        ref = self._subject(index, p_start, masked, offset, v_start, whole=True)
        if ref is None:
            return None
        return self._attribution(index, ref, word, v_start, v_end)

    def _stretch_lead(self, index, p_start, masked, m_start, lead) -> _Attribution | None:
        """`_lead` for each quotation of a stretch, searching each stretch of text once: the
        nearest attribution before the quotation wins (`Miller said Sanders was hurling
        "grenades" while Sanders called it "sad"`)."""
        if lead[0] < m_start:
            nearer = self._lead(index, p_start, masked, lead[0], m_start)
            lead[0] = m_start
            # A participle (", adding:") or reported speech goes on with the stretch's speaker.
            if nearer is not None and (lead[1] is None or (
                    nearer.cue.lower() in _NEARER_VERBS and not _reported(self.text, nearer))):
                lead[1] = nearer
        found = lead[1]
        return found if found is not None and found.cue_start < m_start else None

    def _lead(self, index, p_start, masked, s, m_start) -> _Attribution | None:
        """The first speech verb before the quotation, in its stretch, that has a subject."""
        for verb in _VERB.finditer(masked, s - p_start, m_start - p_start):
            v_start, v_end = verb.start() + p_start, verb.end() + p_start
            word = verb.group()
            after = masked[v_end - p_start:v_end - p_start + 4]
            if after.startswith(" by"):  # "asked by X": passive
                continue
            if self._passive(masked, p_start, v_start):
                court = self._court(index, p_start, masked, s, v_start, v_end, word)
                if court is not None:
                    return court
                continue
            before = masked[s - p_start:v_start - p_start].rstrip()
            if before and before.rsplit(None, 1)[-1].lower() in _DETERMINERS:
                continue  # "in a tweet", "a chilling warning": a noun
            if word.lower() in INVERTED_VERBS and (not before or before.endswith(",")):
                # `Basically, adds The Washington Post, "..."`, `It is off base, says Jonathan
                # Bydlak. "..."`: the subject after the verb (a clause before the comma, and
                # the name ending the sentence; not `Moore, a judge, said Bush "..."`)
                ref = self._np_forward(index, p_start, masked, v_end, m_start + p_start)
                if ref is not None and ref.kind != "pronoun" and (
                        len(before.split()) <= 2 or self._ends_inversion(masked, p_start, ref)):
                    return self._attribution(index, ref, word, v_start, v_end)
            ref = self._subject(index, p_start, masked, s, v_start)
            if ref is not None:
                return self._attribution(index, ref, word, v_start, v_end)
        return None

    def _ends_inversion(self, masked: str, p_start: int, ref: _Ref) -> bool:
        """Whether the subject after an inverted verb ends its sentence or clause (", says
        Jonathan Bydlak." / "says Mr. Watts:"): a name, not a day, before punctuation."""
        if ref.text in _TIME_WORDS or ref.kind != "name":
            return False
        rest = masked[ref.end - p_start:ref.end - p_start + 200]
        for piece in ref.described:  # its appositions: ", director of the project,"
            at = rest.find(piece)
            if at >= 0:
                rest = rest[at + len(piece):]
        return rest.lstrip()[:1] in (".", ":", ";", "")

    def _passive(self, masked: str, p_start: int, v_start: int) -> bool:
        before = masked[max(0, v_start - p_start - 12):v_start - p_start].split()
        return bool(before) and before[-1].lower() in _PASSIVE

    def _court(self, index, p_start, masked, lo, v_start, v_end, word) -> _Attribution | None:
        """"the court was told", "jurors were told", "a court heard": the court speaks."""
        if word not in ("told", "heard"):
            return None
        before = masked[max(lo, v_start - 40) - p_start:v_start - p_start]
        found = _COURT_BEFORE.search(before)
        if not found or found.group(2).lower() not in _COURT:
            return None
        r_start = v_start - len(before) + found.start()
        r_end = v_start - len(before) + found.end(2)
        ref = _Ref("desc", r_start, r_end, self.text[r_start:r_end], person=False)
        ref.described.append(ref.text)
        return self._attribution(index, ref, word, v_start - len(before) + found.end(2) + 1,
                                 v_end, cue=self.text[r_end:v_end].strip())

    def _according(self, index, p_start, masked, s, e) -> _Attribution | None:
        if masked.find("ccording to", s - p_start, e - p_start) < 0:
            return None
        found = _ACCORDING.search(masked, s - p_start, e - p_start)
        if found is None:
            return None
        return self._according_at(index, p_start, masked, found.start() + p_start,
                                  found.end() + p_start, e)

    def _according_at(self, index, p_start, masked, c_start, np_start, limit):
        ref = self._np_forward(index, p_start, masked, np_start, limit)
        if ref is None or ref.text.split()[-1].lower() in _NON_SOURCES:
            return None
        cue_end = c_start + len("according to")
        return self._attribution(index, ref, "according to", c_start, cue_end)

    def _colon_before(self, index, p_start, masked, s) -> _Attribution | None:
        """The sentence before ends in a colon: `She said:` (maybe at the end of the
        paragraph before) introduces the quotation."""
        before = masked[:s - p_start].rstrip()
        if before:
            if not before.endswith(":"):
                return None
            lo = self._sentence_start(p_start + len(before) - 1, p_start)
            return self._colon_lead(index, p_start, masked, lo, p_start + len(before) - 1)
        if index == 0 or index - 1 < self.units.body_start and index >= self.units.body_start:
            return None
        q_start, q_end = self.units.paragraphs[index - 1]
        previous = self.masked.get(index - 1) or self.text[q_start:q_end]
        trimmed = previous.rstrip()
        if not trimmed.endswith(":"):
            return None
        colon = q_start + len(trimmed) - 1
        lo = self._sentence_start(colon, q_start)
        return self._colon_lead(index - 1, q_start, previous, lo, colon)

    def _colon_lead(self, index, p_start, masked, lo, colon) -> _Attribution | None:
        found = self._lead(index, p_start, masked, lo, colon)
        if found is not None:
            return found
        ref = self._subject(index, p_start, masked, lo, colon, whole=True)
        if ref is None or ref.kind == "desc" and self.roles.role_of(ref.text) is None:
            return None
        return self._attribution(index, ref, "colon", colon, colon + 1)

    def _reported_before(self, index, p_start, masked, s) -> _Attribution | None:
        """The sentence before, in the same paragraph, reports what someone said ("..., she
        predicted.") and the quotation opens the next one: the same speaker goes on."""
        if s <= p_start or self.records and self.records[-1].paragraph == index:
            return None  # the first sentence, or a quotation before it in the paragraph
        lo = self._sentence_start(s - 1, p_start)
        found = self._lead(index, p_start, masked, lo, s) if lo < s else None
        if found is None or found.speaker is None or _reported(self.text, found):
            return None
        return found

    def _sentence_start(self, offset: int, p_start: int) -> int:
        sentences = self.units.sentences
        k = bisect_right(sentences, (offset, float("inf"))) - 1
        return max(sentences[k][0], p_start) if k >= 0 else p_start

    def _continued(self, index, p_start, m_start) -> _Attribution | None:
        """The quotation opens its sentence and the last quotation before it, in this
        paragraph or at the end of the one before, is attributed: the same speaker goes on."""
        for record in reversed(self.records):
            if record.paragraph == index or (record.paragraph == index - 1
                                             and m_start == p_start):
                if record.kind != "direct":
                    continue
                if record.attribution is None or record.attribution.speaker is None:
                    return None
                before = record.attribution
                return _Attribution(before.speaker, "continuation", None, None, before.ref)
            break
        return None

    def _attribution(self, index, ref: _Ref, cue_word: str, c_start: int, c_end: int,
                     cue: str | None = None) -> _Attribution:
        speaker = self._resolve(index, ref)
        return _Attribution(speaker, (cue or cue_word).lower(), c_start, c_end, ref)

    # -- according to, on its own -----------------------------------------------------------

    def _according_claims(self, index, p_start, p_end, spans) -> None:
        """Sentences with "according to X" and no quotation: claims of kind according_to."""
        masked = self.masked.get(index)
        if masked is None:
            masked = self.text[p_start:p_end]
        for found in _ACCORDING.finditer(masked):
            at = found.start() + p_start
            s_start, s_end = self._sentence(at, p_start, p_end)
            if any(q_start < s_end and s_start < q_end for q_start, q_end in spans):
                continue
            attribution = self._according_at(index, p_start, masked, at, found.end() + p_start,
                                              s_end)
            if attribution is not None:
                self._add(s_start, s_end, "according_to", attribution, index,
                          attribution.ref.start if attribution.ref else at)

    def _sentence(self, offset: int, p_start: int, p_end: int) -> tuple[int, int]:
        sentences = self.units.sentences
        k = bisect_right(sentences, (offset, float("inf"))) - 1
        if k < 0:
            return p_start, p_end
        return max(sentences[k][0], p_start), min(sentences[k][1], p_end)

    # -- noun phrases -------------------------------------------------------------------------

    def _tokens(self, masked: str, p_start: int, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return [(m.start() + p_start, m.end() + p_start, m.group())
                for m in _TOKEN.finditer(masked, lo - p_start, hi - p_start)]

    def _subject(self, index, p_start, masked, lo, v_start, *, whole=False) -> _Ref | None:
        """The subject of the verb at `v_start`, read backwards: a pronoun, or a name or
        description with its appositions ("Sarah Champion, the MP for Rotherham,").
        `whole`: the subject must take up everything from `lo` (after a quotation)."""
        tokens = self._tokens(masked, p_start, max(lo, v_start - 150), v_start)
        # A participle after a comma ("..., saying") takes its clause's subject.
        participle = bool(tokens) and tokens[-1][2] == "," and \
            masked[v_start - p_start:v_start - p_start + 12].split()[0].endswith("ing")
        while tokens and (tokens[-1][2] in _SKIP_BEFORE_VERB or
                          (tokens[-1][2].islower() and tokens[-1][2].endswith("ly")
                           and len(tokens[-1][2]) > 4)):
            tokens.pop()
        comma = bool(tokens) and tokens[-1][2] == ","
        if comma:
            tokens.pop()
        if participle and not whole:
            opener = self._sentence_subject(p_start, masked, lo, v_start)
            if opener is not None:  # "Pelosi, D-Calif., also praised it, calling it"
                return opener
        if not tokens:
            return None
        segments: list[list[tuple[int, int, str]]] = [[]]
        consumed_all = True
        for token in reversed(tokens):
            word = token[2]
            if word == ",":
                if len(segments) == 4:
                    consumed_all = False
                    break
                segments.append([])
                continue
            if word[0] == _MASK or word in ";:—–\"“”‘’.!?":
                consumed_all = False
                break
            segments[-1].append(token)
        if not segments[-1]:
            consumed_all = consumed_all and len(segments) == 1
        segments = [seg[::-1] for seg in segments if seg]
        if not segments:
            return None
        first = segments[0]
        if len(first) == 1 and first[0][2].lower() in PRONOUN_GENDER:
            if whole and len(tokens) > 1:
                return None
            return _Ref("pronoun", first[0][0], first[0][1], first[0][2])
        kinds = [self._segment_kind(seg) for seg in segments]
        for k in range(len(segments) - 1):
            if kinds[k] == "name" and len(segments[k + 1]) >= 2 \
                    and segments[k + 1][-2][2] in ("in", "of", "at", "from") \
                    and segments[k + 1][-1][2][:1].isupper():
                kinds[k] = "place"  # "his golf club in Bedminster, New Jersey,": a place
        if len(kinds) > 1 and kinds[0] == "clause" and kinds[1] != "clause" \
                and _interposed(first, comma=comma):
            # "Gross, speaking at a press conference Wednesday, said": how, not who
            segments, kinds, first = segments[1:], kinds[1:], segments[1]
        relative = next((k for k in range(1, len(kinds) - 1) if kinds[k] == "relative"), None)
        if kinds[0] == "clause" and first[0][2].lower() in _PASSIVE | _words("had has have") \
                and relative is not None and kinds[relative + 1] in ("name", "desc"):
            # "Mark Kelly, whose wife, Gabrielle Giffords, was injured ..., testified": the
            # relative clause's verb is not the subject's; the name before "whose" is
            segments, kinds = segments[relative + 1:], kinds[relative + 1:]
            first = segments[0]
        second = kinds[1] if len(kinds) > 1 else None
        named = next((k for k, kind in enumerate(kinds) if kind not in _APPOSITIONS), None)
        if named is not None and named >= 2 and kinds[named] == "name":
            chosen = named  # "Sen. Lindsey Graham, R-S.C., chairman of the committee,"
        elif kinds[0] in ("relative", "party", "age", "paren", "place") \
                and second in ("name", "desc"):
            chosen = 1
        elif kinds[0] == "desc" and second == "name":
            chosen = 1  # "Sarah Champion, the MP for Rotherham,"
        elif kinds[0] == "desc" and second == "desc" and first[0][2].lower() in _ARTICLES:
            chosen = 1  # "the group's leader, a former officer,"
        elif kinds[0] == "name" and second == "name" and not self._personish(first) \
                and self._personish(segments[1]):
            chosen = 1  # "Lindsey Graham, Judiciary Committee Chairman,"
        elif kinds[0] in ("name", "desc"):
            chosen = 0
        else:
            if whole or kinds[0] not in ("np", "clause"):
                return None
            if participle:  # its clause's subject or nobody, not the object before it
                return self._clause_subject(first) if kinds[0] == "clause" else None
            return self._np_tail(first)  # "After the trial the Crown Prosecution Service"
        if whole:
            extra = len(segments) - 1 - chosen
            if not consumed_all or extra > 1 or (extra == 1 and not (
                    kinds[chosen + 1] == "desc" and self._starts_clean(segments[chosen + 1]))):
                return None
        subject = segments[chosen]
        if participle and kinds[chosen] == "desc" and not self._starts_clean(subject):
            return None  # "..., also praised Trump's announcement, calling it": an object
        ref = self._np_tail(subject) if kinds[chosen] == "desc" else self._name_ref(subject)
        if ref is None:
            return None
        for k in range(chosen):
            ref.described.append(self._segment_text(segments[k]))
        # A description before a name: "The charity's strategy director, Lisa Harker,".
        if chosen + 1 < len(segments) and kinds[chosen + 1] == "desc" and ref.kind == "name" \
                and self._starts_clean(segments[chosen + 1]):
            ref.described.append(self._segment_text(segments[chosen + 1]))
        return ref

    def _sentence_subject(self, p_start, masked, lo, v_start) -> _Ref | None:
        """The subject of the sentence a participle ("..., saying") goes on from: the
        pronoun or name that opens it (after an opening word or an introductory phrase
        and its comma), with or without appositions; None when it opens otherwise."""
        start = max(lo, self._sentence_start(v_start, p_start))
        tokens = self._tokens(masked, p_start, start, v_start)
        if tokens and tokens[0][2] in _OPENINGS:
            tokens = tokens[1:]
        if tokens and tokens[0][2].lower() in _INTRO:
            comma = next((k for k, token in enumerate(tokens) if token[2] == ","), None)
            if comma is None:
                return None
            tokens = tokens[comma + 1:]
        segment = []
        for token in tokens:
            if token[2] in ",;:—–\"“”‘’()" or token[2][0] == _MASK:
                break
            segment.append(token)
        if len(segment) < 2 and not (segment and segment[0][2].lower() in ("he", "she")):
            return None
        if len(segment) < len(tokens) and tokens[len(segment)][2] == "," and all(
                token[2][:1].isupper() or token[2] == "." or token[2] in _NAME_CONNECTORS
                for token in segment):
            # "House Minority Leader Nancy Pelosi, D-Calif., also praised ..."
            return self._name_ref(segment) if self._segment_kind(segment) == "name" else None
        ref = self._clause_subject(segment)
        if ref is None or ref.text.split()[0] in _TIME_WORDS or (
                len(ref.name) == 1 and not ref.title and not re.search(
                    r"[a-z,;]\s+" + re.escape(ref.name[0]) + r"(?![\w\-])", self.text)):
            return None  # "Hours later ...": a lone capitalised word named nowhere else
        return ref

    def _clause_subject(self, segment) -> _Ref | None:
        """The subject opening a clause: a pronoun or a name (with its titles) before its
        first boundary word or lower-case word ("Pelosi had refused", "Texas Gov. Rick Perry
        has been", "She pushed back"); None when the clause opens otherwise."""
        if len(segment) > 2 and segment[0][2] in _OPENINGS:
            segment = segment[1:]  # "But Kelly defended ..., saying"
        words = [t[2] for t in segment]
        if words[0].lower() in ("he", "she", "they") and len(words) > 1:
            return _Ref("pronoun", segment[0][0], segment[0][1], words[0])
        end = 0
        while end < len(words) and (words[end][:1].isupper() or words[end] == "."
                                    or _name_part(words, end)):
            end += 1
        if end == 0 or end == len(words) or words[0] in _NOT_NAMES:
            return None
        # "Apple chief executive Tim Cook has", "House Democratic campaign chief Rep. Steve
        # Israel shrugged": a job before a person's name belongs to the subject.
        for k in range(end + 1, min(end + 4, len(words))):
            if not words[k - 1].islower() or words[k - 1] in _BOUNDARY:
                break
            if _bare(words[k - 1]) not in _JOB_NOUNS:
                continue
            later = k
            while later < len(words) and (words[later][:1].isupper() or words[later] == "."):
                later += 1
            if later > k and self._personish(segment[k:later]):
                end = later
                break
        phrase = segment[:end]
        if self._segment_kind(phrase) != "name":
            return None
        return self._name_ref(phrase)

    def _personish(self, segment) -> bool:
        """Whether a name segment names a person: a title or a given name before a surname."""
        words = [_bare(t[2]) for t in segment if t[2] != "."]
        if any(w in DISPLAY_TITLES for w in words):
            return True
        run = self._final_run(words)
        return len(run) >= 2 and run[-2].lower() in given_names()

    def _starts_clean(self, segment) -> bool:
        return segment[0][2].lower() in _DETERMINERS or segment[0][2].endswith(("'s", "’s"))

    def _segment_text(self, segment) -> str:
        return self.text[segment[0][0]:segment[-1][1]]

    def _segment_kind(self, segment) -> str:
        """name, desc (a noun phrase), relative (who...), party (R-Texas), age (45), paren,
        clause (has a boundary word: a clause, not a noun phrase) or np."""
        words = [t[2] for t in segment]
        first = words[0].lower()
        if first in _RELATIVE:
            return "relative"
        if len(words) == 1 and _PARTY.match(words[0]):
            return "party"
        if len(words) == 1 and words[0].isdigit():
            return "age"
        if words[0] == "(":
            return "paren"
        if words[-1] == ")" and "(" in words:  # "... Abuse (IICSA)": the name before it
            words = words[:words.index("(")]
        if first in _INTRO:
            return "clause"
        last = len(words) - 1
        for k, w in enumerate(words):
            lower = w.lower()
            if lower in _BOUNDARY and not (lower == "and" and 0 < k < last
                                           and words[k - 1][:1].isupper()
                                           and words[k + 1][:1].isupper()) \
                    and not _name_part(words, k):
                return "clause"
        if not words[-1][:1].isupper():
            return "desc"
        run = self._name_run(words)
        before_run = len(words) - len(run) - 1
        if before_run > 0 and words[before_run] in ("the", "The"):
            before_run -= 1  # "chairman of the Houston Texans"
        if len(run) < len(words) and before_run >= 0 \
                and words[before_run].lower() in _CONNECTORS:
            return "desc"  # "chief constable of Norfolk Constabulary"
        if len(run) >= 2 and run[-2].lower() in given_names() and run[-2][0].isupper():
            return "name"  # "... Mike Pompeo", "Nicola Blackwood"
        for k, word in enumerate(words[:-1]):
            if _bare(word) in TITLE_WORDS and words[k + 1].lower() in _CONNECTORS:
                return "desc"  # "Conservative MP for Rother Valley"
        return "name"

    def _name_run(self, words: Sequence[str]) -> list[str]:
        """The final run, over connectors between capitalised words ("Inquiry into Child")."""
        k = _run_start(words, len(words))
        while k >= 2 and words[k - 1].lower() in _NAME_CONNECTORS and words[k - 2][:1].isupper():
            k = _run_start(words, k - 1)
        return list(words[k:])

    def _final_run(self, words: Sequence[str]) -> list[str]:
        """The capitalised words at the end of a phrase, connectors inside it allowed."""
        return list(words[_run_start(words, len(words)):])

    def _np_tail(self, segment) -> _Ref | None:
        """The noun phrase at the end of a segment: "After the trial the Crown Prosecution
        Service" -> "the Crown Prosecution Service"; "The judge in the case"."""
        k = len(segment) - 1
        if k > 0 and segment[k][2].lower() in ("he", "she", "they"):
            return _Ref("pronoun", segment[k][0], segment[k][1], segment[k][2])  # "... he"
        if k > 0 and segment[k][2].lower() in _RELATIVE | {"that"}:
            k -= 1  # "a police officer who warned": the officer
            segment = segment[:k + 1]
        start = len(segment)
        while k >= 0:
            word = segment[k][2]
            lower = word.lower()
            if lower in _DETERMINERS:
                start = k
                if k >= 2 and segment[k - 1][2].lower() in _CONNECTORS \
                        and self._nounish(segment[k - 2][2]):
                    k -= 1
                    continue
                break
            if lower in ("and", "&") and start < len(segment) and not _capitalised(word) \
                    and any(segment[j][2].lower() in _DETERMINERS and all(
                        self._nounish(t[2]) and not _capitalised(t[2])
                        for t in segment[j + 1:k]) for j in range(max(0, k - 3), k)):
                start = k  # "the police and crime commissioner"
                k -= 1
                continue
            if lower in _CONNECTORS and start < len(segment) \
                    and _bare(segment[start][2]) in _TIME_WORDS:
                segment = segment[:k]  # "A review in December found": the review
                start = k
                k -= 1
                continue
            if lower in _CONNECTORS or lower in ("and", "&"):
                if start < len(segment) and k > 0 and (
                        (_capitalised(segment[start][2]) and _capitalised(segment[k - 1][2]))
                        or (lower in _CONNECTORS and self._nounish(segment[k - 1][2])
                            and lower not in ("and", "&"))):
                    start = k
                    k -= 1
                    continue
                break
            if (lower in _BOUNDARY or lower in _SKIP_BEFORE_VERB and not _capitalised(word)
                    or word[0] in "(),") and not _name_part([t[2] for t in segment], k):
                break
            start = k
            k -= 1
        if start >= len(segment):
            return None
        # A phrase cannot start with a connector.
        while start < len(segment) and segment[start][2].lower() in _CONNECTORS:
            start += 1
        if start >= len(segment):
            return None
        phrase = segment[start:]
        words = [t[2] for t in phrase]
        if words[-1].lower() in _DETERMINERS or (len(words) == 1 and
                                                 words[0].lower() in _NOT_SPEAKERS):
            return None
        if words[-1].lower() in PRONOUN_GENDER and len(words) == 1:
            return _Ref("pronoun", phrase[0][0], phrase[0][1], words[0])
        if _capitalised(words[-1]) and self._segment_kind(phrase) == "name":
            return self._name_ref(phrase)
        return self._desc_ref(phrase)

    def _nounish(self, word: str) -> bool:
        lower = word.lower()
        return (_capitalised(word) or (word.isalpha() and lower not in _BOUNDARY
                                       and lower not in _DETERMINERS
                                       and lower not in _CONNECTORS
                                       and lower not in _SKIP_BEFORE_VERB))

    def _works_at(self, name, connector: str) -> bool:
        """Whether `connector` after the words `name` starts where a person works, which
        describes them ("Matt Bennett *of* the centrist group Third Way"), rather than
        continuing a name ("Secretary *of* State")."""
        return connector in ("of", "at", "from", "with") and len(name) >= 2 \
            and _bare(name[-1][2]) not in TITLE_WORDS and self._personish(name)

    def _desc_ref(self, phrase) -> _Ref:
        where = next((k for k, token in enumerate(phrase[:5])
                      if self._works_at(phrase[:k], token[2])), None)
        if where is not None and all(_capitalised(token[2]) for token in phrase[:where]):
            # "Mark Krikorian of the Center for Immigration Studies said"
            ref = self._name_ref(phrase[:where])
            if ref is not None and ref.kind == "name":
                ref.described.append(self.text[phrase[where][0]:phrase[-1][1]])
                return ref
        last = phrase[-1]
        if last[2].endswith(".") and len(last[2]) > 2 and "." not in last[2][:-1]:
            phrase = [*phrase[:-1], (last[0], last[1] - 1, last[2][:-1])]  # ends a sentence
        text = self.text[phrase[0][0]:phrase[-1][1]]
        head = _bare(phrase[-1][2]).lower()
        ref = _Ref("desc", phrase[0][0], phrase[-1][1], text)
        # The head of "the judge in the case" is "judge": the word before a connector.
        words = [t[2].lower() for t in phrase]
        for k, word in enumerate(words):
            if word in _CONNECTORS and k > 0:
                head = _bare(words[k - 1])
                break
        ref.person = head in _PERSON_NOUNS or head.rstrip("s") in _PERSON_NOUNS
        ref.gender = _NOUN_GENDER.get(head)
        ref.described.append(text)
        return ref

    def _name_ref(self, phrase) -> _Ref | None:
        """A name with the words before it: "former Home Secretary Jack Straw", "the NSPCC",
        "Professor Alexis Jay", "The Independent Inquiry into Child Sexual Abuse (IICSA)"."""
        tokens = list(phrase)
        paren = None
        if tokens and tokens[-1][2] == ")":
            opening = max((k for k, t in enumerate(tokens) if t[2] == "("), default=None)
            if opening is None:
                return None
            paren = tokens[opening + 1:-1]
            tokens = tokens[:opening]
            if not tokens:
                return None
        words = [t[2] for t in tokens]
        run = self._name_run(words)
        if not run:
            return self._desc_ref(phrase)
        first = len(words) - len(run)
        # The name proper: the run after its last title word.
        name_at = first
        for j in range(first, len(words)):
            if _bare(words[j]) in TITLE_WORDS or words[j].lower() in ("the",):
                name_at = j + 1
        if name_at >= len(words):
            return self._desc_ref(phrase)
        name_at += _given_start(words[name_at:])  # "Special Counsel Henry Kerner"
        name_tokens = tokens[name_at:]
        place: list = []
        for j in range(1, len(name_tokens) - 1):
            if name_tokens[j][2] in ("of", "for", "from") and (
                    (name_at > first and _bare(words[name_at - 1]) in DISPLAY_TITLES)
                    or (j >= 2 and name_tokens[0][2].lower() in given_names())):
                # "Sen. Ron Wyden of Oregon", "Konni Burton of Colleyville": the name ends.
                place = name_tokens[j:]
                name_tokens = name_tokens[:j]
                break
        if name_tokens[-1][2].endswith(".") and len(name_tokens[-1][2]) > 2 \
                and "." not in name_tokens[-1][2][:-1]:
            last = name_tokens[-1]  # "said Mr. Booker." ends a sentence
            name_tokens = [*name_tokens[:-1], (last[0], last[1] - 1, last[2][:-1])]
        name_words = [_POSSESSIVE.sub("", w) if i == len(name_tokens) - 1 else w
                      for i, w in enumerate(t[2] for t in name_tokens)]
        name_words = [w for w in name_words if w]
        if not name_words or name_words[0].lower() in _NAME_CONNECTORS:
            return self._desc_ref(phrase)
        if len(name_words) == 1 and name_words[0] in _PAGE_WORDS:
            return None  # "... MORE (I-Vt.) said": a web page's link text, no name
        title = ""
        if name_at > first and _bare(words[name_at - 1]) in DISPLAY_TITLES and not (
                name_at - 2 >= first and _bare(words[name_at - 2]) in TITLE_WORDS):
            title = words[name_at - 1]
        start = tokens[name_at - 1][0] if title else tokens[name_at][0]
        end = name_tokens[-1][0] + len(name_tokens[-1][2])
        text = self.text[start:end]
        if _POSSESSIVE.search(text) and text[-2:] in ("’s", "'s"):
            text, end = text[:-2], end - 2
        ref = _Ref("name", start, end, text, name=tuple(name_words), title=title)
        before = tokens[:name_at - 1] if title else tokens[:name_at]
        before = [t for t in before if t[2].lower() != "the"]
        if before:
            ref.titled.append(self.text[before[0][0]:before[-1][1]])
        if title:
            ref.titled.append(f"{title} {name_words[0]}")  # "Justice Clarence": a judge
        if place:
            ref.described.append(self.text[place[0][0]:place[-1][1]])
        if paren:
            inside = " ".join(t[2] for t in paren)
            if len(paren) == 1 and _PARTY.match(paren[0][2]):
                ref.described.append(inside)
        self._classify_name(ref)
        return ref

    def _classify_name(self, ref: _Ref) -> None:
        words = ref.name
        lower_title = _bare(ref.title).lower()
        if any(w in _ORG_WORDS for w in words) or (len(words) == 1 and _ACRONYM.match(words[0])):
            ref.person = False
            return
        if lower_title:
            ref.person = True
            ref.gender = _HONORIFIC_GENDER.get(lower_title)
        sex = given_names().get(words[0].lower()) if len(words) > 1 else None
        if sex is not None:
            ref.person = True
            ref.gender = ref.gender or sex

    def _np_forward(self, index, p_start, masked, lo, limit) -> _Ref | None:
        """The noun phrase starting at `lo`: after "according to" or an inverted verb
        ("said Sen. Ted Cruz, R-Texas, in a statement")."""
        tokens = self._tokens(masked, p_start, lo, min(limit, lo + 300))
        phrase = []
        where = ""
        for k, token in enumerate(tokens):
            word = token[2]
            lower = word.lower()
            if word[0] in _MASK + ",;:.!?—–()\"“”‘’" or word in ("-",):
                break
            if lower in _RELATIVE or (lower in _BOUNDARY and lower not in ("and",)
                                      and not _name_part([t[2] for t in tokens], k)):
                break
            if lower == "and" and not (phrase and _capitalised(phrase[-1][2]) and
                                       k + 1 < len(tokens) and _capitalised(tokens[k + 1][2])):
                break
            if lower in _CONNECTORS:
                if not phrase:
                    break
                if self._works_at(phrase, lower):  # "said Matt Bennett of the group Third Way"
                    rest = masked[token[0] - p_start:min(limit, token[0] + 120) - p_start]
                    tail = re.split(r"[,.;:()\x01\"“”]", rest, maxsplit=1)[0].strip()
                    if tail:
                        where = tail
                    break
                after = tokens[k + 1][2] if k + 1 < len(tokens) else ""
                name_so_far = all(_capitalised(t[2]) for t in phrase)
                if not after or not (_capitalised(after) or after.lower() in _DETERMINERS):
                    break
                if name_so_far and lower not in ("of", "for", "at"):
                    break
            elif phrase and _capitalised(phrase[-1][2]) and not _capitalised(word) \
                    and word[0].isalpha() and not (phrase[0][2].lower() in _DETERMINERS
                                                   and _bare(word) in _HEAD_NOUNS) \
                    and not phrase[-1][2].endswith(("'s", "’s")):
                break  # "Smith three years ago": a name ends at a lower-case word
            elif word[0].isdigit() and phrase and phrase[-1][2].lower() not in _DETERMINERS:
                break
            phrase.append(token)
        while phrase and (phrase[-1][2].lower() in _CONNECTORS | _DETERMINERS):
            phrase.pop()
        if not phrase:
            return None
        if len(phrase) == 1 and phrase[0][2].lower() in PRONOUN_GENDER:
            return _Ref("pronoun", phrase[0][0], phrase[0][1], phrase[0][2])
        if len(phrase) == 1 and phrase[0][2].lower() in _NOT_SPEAKERS:
            return None
        # A parenthesis or appositions after the phrase: "(D-N.Y.)", ", a spokesman for X,".
        end = phrase[-1][1]
        ref = (self._name_ref(phrase) if _capitalised(phrase[-1][2])
               and self._segment_kind(phrase) == "name" else self._desc_ref(phrase))
        if ref is None:
            return None
        if where:
            ref.described.append(where)
        rest = masked[end - p_start:min(limit, end + 160) - p_start]
        position = 0
        while (piece := _APPOSITION.match(rest, position)) is not None:
            position = piece.end()
            content = piece.group(1).strip()
            lead = content.split()[0].lower() if content.split() else ""
            if lead in _DETERMINERS or lead in _RELATIVE or _PARTY.match(content) \
                    or (content and not _capitalised(content) and lead not in _INTRO):
                ref.described.append(content)
            else:
                break
        return ref

    # -- resolution ---------------------------------------------------------------------------

    def _resolve(self, index: int, ref: _Ref) -> _Speaker | None:
        if ref.kind == "name" and len(ref.name) == 1 and not ref.title and not ref.person \
                and not _ACRONYM.match(ref.text) \
                and self._sentence_start(ref.start, 0) == ref.start \
                and self.roles.role_of(ref.text.lower()) is not None:
            ref.kind, ref.person = "desc", False  # "Police said", "Inquiry identifies"
            ref.text = ref.text[0].lower() + ref.text[1:]
            ref.described.append(ref.text)
            return self._described(index, ref)
        if ref.kind == "pronoun":
            return self._pronoun(index, ref)
        if ref.kind == "name":
            return self._named(ref)
        return self._described(index, ref)

    def _entity(self, key: str, shown: str, person, gender, named) -> _Speaker:
        speaker = self.speakers.get(key)
        if speaker is None:
            speaker = self.speakers[key] = _Speaker(shown, key, person, gender, named)
        else:
            if speaker.person is None:
                speaker.person = person
            if speaker.gender is None:
                speaker.gender = gender
        return speaker

    def _named(self, ref: _Ref) -> _Speaker:
        """A name, in the fullest form the article gives it."""
        memo = (ref.name, ref.title, ref.person, ref.gender)
        speaker = self.named.get(memo)
        if speaker is not None:
            speaker.role_texts.extend([(0, text) for text in ref.described]
                                      + [(1, text) for text in ref.titled])
            return speaker
        speaker = self.named[memo] = self._name_speaker(ref)
        return speaker

    def _name_speaker(self, ref: _Ref) -> _Speaker:
        name, title, person, gender = ref.name, ref.title, ref.person, ref.gender
        role_texts = [(0, text) for text in ref.described] + [(1, text) for text in ref.titled]
        after = _apposition(self.text, ref.end)
        if after and not ref.described:  # "Sarah Champion, the MP for Rotherham, spoke"
            role_texts.append((0, after))
        if person is False and len(name) == 1 and _ACRONYM.match(name[0]):
            expansion = self._acronym(name[0])
            if expansion:
                shown = expansion
                role_texts.append((0, expansion))
            else:
                shown = name[0]
            role_texts.append((2, shown))
            speaker = self._entity(shown.lower(), shown, False, None, True)
            speaker.role_texts.extend(role_texts)
            return speaker
        if person is not False and len(name) == 1:
            fuller = self._fullest(name, gender)
            if fuller is not None:
                full_title, full_name, apposition, full_person, full_gender, before = fuller
                if len(full_name) > len(name) or (len(full_name) == len(name) and full_title
                                                   and not title):
                    name, title = full_name, full_title or (title if len(full_name) == len(name)
                                                            else "")
                if apposition:
                    role_texts.append((0, apposition))
                if before:  # "Chicago Board of Education President David"
                    role_texts.append((1, f"{before} {full_name[0]}"))
                person = person or full_person
                gender = gender or full_gender
        if person and gender is None and len(name) > 1:
            gender = given_names().get(name[0].lower())
        shown = " ".join(((title,) if title else ()) + tuple(name))
        # The name itself last: an organisation's ("West Mercia Police"), or a person the
        # roles lexicon knows by name.
        role_texts.append((3, " ".join(name) if person is not False else shown))
        key = " ".join(name).lower() if person else shown.lower()
        speaker = self._entity(key, shown, person, gender, True)
        if person is not False:
            speaker.surname = name[-1]
        if len(shown) > len(speaker.shown) and speaker.shown.split()[-1] == shown.split()[-1]:
            speaker.shown = shown
        speaker.role_texts.extend(role_texts)
        return speaker

    def _spelt_out(self, text: str) -> str:
        """`text` with each acronym the article spells out followed by its expansion ("CTU
        President" -> "CTU (Chicago Teachers Union) President"): its words give the role."""
        if not _ACRONYM_WORD.search(text):
            return text
        return _ACRONYM_WORD.sub(
            lambda m: f"{m.group()} ({expansion})" if self.roles.role_of(m.group()) is None
            and (expansion := self._acronym(m.group()) or self._initials(m.group()))
            else m.group(), text)

    def _initials(self, acronym: str) -> str | None:
        """Capitalised words of the article whose initials spell `acronym` ("Chicago Teachers
        Union" for CTU), small connectors between them allowed; None when there are none."""
        if len(acronym) < 3 or "&" in acronym:
            return None
        if self.initials is None:  # the runs of capitalised words, read once: (initials, words)
            self.initials = []
            for run in _CAPITALISED_RUN.finditer(self.text):
                words = run.group().split()
                capitals = [w for w in words if w[:1].isupper()]
                self.initials.append(("".join(w[0] for w in capitals), words))
        letters = acronym.rstrip("s")
        for initials, words in self.initials:
            at = initials.find(letters)
            if at >= 0:
                capitals = [k for k, w in enumerate(words) if w[:1].isupper()]
                return " ".join(words[capitals[at]:capitals[at + len(letters) - 1] + 1])
        return None

    def _acronym(self, acronym: str) -> str | None:
        """"Independent Inquiry into Child Sexual Abuse" for IICSA, from "... (IICSA)"."""
        at = self.text.find(f"({acronym})")
        if at < 0:
            return None
        before = self.text[max(0, at - 120):at].rstrip()
        found = _EXPANSION.search(before)
        if not found:
            return None
        expansion = re.sub(r"^(?:The|the)\s+", "", found.group(1))
        return " ".join(expansion.split())

    def _fullest(self, name: tuple[str, ...], gender: str | None = None):
        """The fullest mention of a person's name in the article, of the same sex when that is
        known ("Mr Matthews" is not "Ruth Matthews"): (title, name words, apposition after it,
        is a person, gender), or None."""
        surname = name[-1]
        mentions = self.mentions.get(surname)
        if mentions is None:
            mentions = self.mentions[surname] = self._surname_mentions(surname)
        best = None
        for _, title, words, apposition, before in mentions:
            owner = max((k + 1 for k, word in enumerate(words[:-1])
                         if word.endswith(("'s", "’s"))), default=0)
            if owner:  # "NPR's Tamara": the name is after the possessive
                title, words = "", words[owner:]
            if len(words) < len(name) and not title:
                continue
            if len(name) > 1 and not _same_first(words, name):
                continue
            if len(words) == 1 and len(name) == 1 and not title:
                continue
            if gender is not None:
                sex = (_HONORIFIC_GENDER.get(_bare(title).lower()) if title else None) or (
                    given_names().get(words[0].lower()) if len(words) > 1 else None)
                if sex is not None and sex != gender:
                    continue
            score = (len(words), bool(title))
            if best is None or score > best[0]:
                best = (score, title, words, apposition, before)
        if best is None:
            if len(name) == 1 and name[0].lower() in given_names():
                surnames = {found.group(1) for found in re.finditer(
                    r"(?<![\w\-])" + re.escape(name[0]) + r"[ \t]+([A-Z][\w'’\-]+)", self.text)}
                if len(surnames) == 1:  # "Tamara said" after "NPR's Tamara Keith"
                    return self._fullest((name[0], surnames.pop()), gender)
            return None
        _, title, words, apposition, before = best
        person = bool(title) or any(_bare(w) in DISPLAY_TITLES for w in before.split()) or (
            len(words) > 1 and words[0].lower() in given_names())
        gender = _HONORIFIC_GENDER.get(_bare(title).lower()) if title else None
        if gender is None and len(words) > 1:
            gender = given_names().get(words[0].lower())
        if not person:
            return None
        return title, words, apposition, person, gender, before

    def _surname_mentions(self, surname: str):
        """Each mention of `surname` with the capitalised words before it: (offset, title
        shown, name words, apposition after it, title words before it)."""
        text = self.text
        found = []
        at = text.find(surname)
        size = len(surname)
        while at >= 0 and len(found) < SURNAME_MENTIONS:
            end = at + size
            if (at and (text[at - 1].isalnum() or text[at - 1] in "-’'")) or \
                    (end < len(text) and (text[end].isalnum() or text[end] == "-")):
                at = text.find(surname, end)
                continue
            words = []
            if at and text[at - 1] == " ":
                before = text[max(0, at - 80):at]
                before = before[before.rfind("\n") + 1:]
                for word in reversed(before.split(" ")[-7:-1]):
                    if not word or not (word[0].isupper() or word in _PARTICLES
                                        or word in ("of", "for") and words
                                        or word in _JOB_NOUNS or self._job_word(word)) \
                            or word in ("The", "A", "An") or word[-1] in _NAME_STOPS \
                            or (word.endswith(".") and _bare(word) not in DISPLAY_TITLES
                                and len(word) > 2):
                        break
                    words.append(word)
                while words and words[-1] in ("of", "for"):
                    words.pop()  # "Board of Education President": a connector inside only
                words.reverse()
            title = ""
            name_at = 0
            for k, word in enumerate(words):
                if word[:1].islower():  # a job word ("strategist") is never part of the name
                    name_at, title = k + 1, ""
                elif _bare(word) in TITLE_WORDS:
                    name_at = k + 1
                    title = word if _bare(word) in DISPLAY_TITLES and not (
                        k and _bare(words[k - 1]) in TITLE_WORDS) else ""  # Attorney General
            shift = _given_start(words[name_at:] + [surname]) if name_at < len(words) else 0
            if shift:
                name_at += shift
                title = ""
            name_words = tuple(words[name_at:]) + (surname,)
            if not any(w.lower() in _ORG_CONNECTORS or w in _ORG_WORDS for w in name_words):
                before = " ".join(words[:name_at])
                if not before:  # "the White House spokeswoman, Sarah Sanders,"
                    name_start = at - sum(len(word) + 1 for word in words)
                    ahead = _BEFORE_NAME.search(text, max(0, name_start - 100), name_start)
                    before = ahead.group(1) if ahead else ""
                after = _apposition(text, end)
                if not after and len(name_words) > 1:
                    works = _AFFILIATION.match(text, end, end + 120)
                    after = works.group(1) if works else ""
                found.append((at, title, name_words, after, before))
            at = text.find(surname, end)
        return found

    def _job_word(self, word: str) -> bool:
        """Whether a lower-case word before a name says what the person is, by the roles
        lexicon ("endocrinologist Robert Lustig", "counsel Robert Mueller")."""
        return word.isalpha() and word.islower() and self.roles.role_of(word) is not None

    def _described(self, index: int, ref: _Ref, *, resolve: bool = True) -> _Speaker:
        """A description as written, or the named person it stands for ("the minister")."""
        words = ref.text.split()
        definite = resolve and words[0].lower() == "the" and len(words) <= 6
        head = _bare(words[-1]).lower()
        plural = head.endswith("s") and head[:-1] in _PERSON_NOUNS  # "the doctors": not one
        # "the group's president" is someone of that group, not a president named before
        # ("the nation's top expert", "the state's governor" may be)
        owned = any(word.endswith(("'s", "’s")) and word[:-2].lower() not in _PLACES_OWN
                    for word in words[1:-1])
        if definite and ref.person and not plural and not owned:
            near = self._candidates(index, ref.start)
            for _, found in reversed(near):
                candidate = self._speaker_of(found)
                if candidate.named and candidate.person and any(
                        head in _title_words(text) for _, text in candidate.role_texts):
                    return candidate
            if head in _FORMAL_TITLES:
                titled = self._only_titled(head, ref)  # further back: "the senator"
                if titled is not None:
                    return titled
        if definite and ref.person is not True and head in _GROUP_NOUNS \
                and not any(word[:1].isupper() for word in words[1:]):
            body = self._body_before(index, ref)
            if body is not None:  # "The Club for Growth urged ... 'the group said'"
                body.role_texts.append((0, ref.text))
                return body
        text = " ".join(ref.text.split())
        if text[:1].isupper() and words[0].lower() in _DETERMINERS:
            text = text[0].lower() + text[1:]
        speaker = self._entity(text.lower(), text, ref.person, ref.gender, False)
        speaker.role_texts.extend((0, piece) for piece in ref.described)
        return speaker

    def _body_before(self, index: int, ref: _Ref) -> _Speaker | None:
        """The organisation named as the subject opening the sentence before the one of
        `ref` (in its paragraph or ending the one before): "The Club for Growth urged ...
        / '...,' the group said"; None when that sentence opens otherwise, or with a
        person."""
        sentences = self.units.sentences
        k = bisect_right(sentences, (ref.start, float("inf"))) - 1
        own = self._sentence_start(ref.start, self.units.paragraphs[index][0])
        while k >= 0 and sentences[k][0] >= own:
            k -= 1  # the sentence of the description (its quotation may open it)
        if k < 0 or sentences[k][0] < self.units.paragraphs[max(0, index - 1)][0]:
            return None
        start, end = sentences[k]
        found = _OPENING_BODY.match(self.text, start, end)
        if found is None:
            return None
        words = found.group(1).split()
        if len(words) == 1 and not _ACRONYM.match(words[0]) or words[0] in _NOT_NAMES \
                or words[0].lower() in given_names() or any(
                    _bare(word) in TITLE_WORDS or word in _TIME_WORDS for word in words):
            return None  # "Republicans blamed", "Mr. McAllister said": no body's name
        body = _Ref("name", found.start(1), found.end(1), found.group(1), name=tuple(words),
                    person=False)
        return self._named(body)

    def _only_titled(self, head: str, ref: _Ref) -> _Speaker | None:
        """The one named person before `ref` in the article with `head` among their titles
        ("the senator": the only senator named so far, however far back); None when there
        is none or more than one."""
        found: dict[str, _Speaker] = {}
        earlier = [record.attribution.speaker for record in self.records
                   if record.position < ref.start and record.attribution
                   and record.attribution.speaker]
        for _, item in self._people_between(0, ref.start):
            if isinstance(item, _Ref) and item.kind == "name" and any(
                    head in _title_words(text) for text in (*item.titled, *item.described)):
                earlier.append(self._speaker_of(item))
        for candidate in earlier:
            if candidate.named and candidate.person \
                    and (ref.gender is None or candidate.gender in (None, ref.gender)) \
                    and any(head in _title_words(text) for _, text in candidate.role_texts):
                found[candidate.key] = candidate
        return next(iter(found.values())) if len(found) == 1 else None

    def _pronoun(self, index: int, ref: _Ref) -> _Speaker | None:
        """The most recent compatible named person (he, she) or body (it, they) within two
        paragraphs before; an unnamed one ("a spokeswoman") when no named one is there."""
        pronoun = ref.text.lower()
        gender = PRONOUN_GENDER.get(pronoun)

        maybe: list[_Speaker] = []  # a named one that may be a person: "Zach Moffatt"

        def compatible(candidate: _Speaker) -> bool:
            if pronoun in ("he", "she"):
                if candidate.person is None and not maybe \
                        and _maybe_person(candidate.shown, self.text):
                    maybe.append(candidate)
                return candidate.person is True and candidate.gender in (None, gender)
            if candidate.person is True:
                return pronoun == "they" and not candidate.named
            return candidate.person is False

        lowest = self.units.paragraphs[max(0, index - PARAGRAPHS_BACK)][0]
        spoke: tuple[int, _Speaker] | None = None
        unnamed: tuple[int, _Speaker] | None = None
        oldest = index - PARAGRAPHS_BACK
        for record in reversed(self.records):
            if record.paragraph < oldest:
                break  # records come paragraph by paragraph
            speaker = record.attribution.speaker if record.attribution else None
            if speaker is None or record.kind == "scare" \
                    or not lowest <= record.position < ref.start:
                continue
            if compatible(speaker):
                if speaker.named:
                    spoke = (record.position, speaker)
                    break
                unnamed = unnamed or (record.position, speaker)
        # Someone named after the last compatible speaker is more recent.
        since = spoke[0] + 1 if spoke else lowest
        if spoke and _MAYBE_NAMED.search(self.text, since, ref.start) is None:
            return spoke[1]  # nobody named in between
        # Paragraph by paragraph back from the pronoun: the nearest named person ends it.
        paragraphs = self.units.paragraphs
        for k in range(index, max(0, index - PARAGRAPHS_BACK) - 1, -1):
            lo, hi = max(paragraphs[k][0], since), min(paragraphs[k][1], ref.start)
            if lo >= hi:
                continue
            people = self._people_between(lo, hi)
            for i in range(len(people) - 1, -1, -1):
                position, found = people[i]
                if isinstance(found, _Ref) and (found.person is False or (
                        gender and found.gender and found.gender != gender)):
                    continue  # not a match whatever its fullest form
                candidate = self._speaker_of(found)
                if compatible(candidate):
                    if candidate.named:
                        # The sentence's subject before its objects: "Dolan nearly endorsed
                        # Gov. Jeb Bush. 'I like Jeb Bush a lot,' he said."
                        opening = self._sentence_start(position, paragraphs[k][0])
                        for earlier_position, earlier in people[:i]:
                            if earlier_position < opening or isinstance(earlier, _Ref) and (
                                    earlier.person is False or (gender and earlier.gender
                                                                and earlier.gender != gender)):
                                continue
                            subject = self._speaker_of(earlier)
                            if subject.named and compatible(subject):
                                return subject
                        return candidate
                    if unnamed is None or position > unnamed[0]:
                        unnamed = (position, candidate)
        if spoke:
            return spoke[1]
        if maybe:
            return maybe[0]
        return unnamed[1] if unnamed else None

    def _speaker_of(self, found: _Speaker | _Ref) -> _Speaker:
        """A candidate, resolved when first needed (a name's fullest form costs a search)."""
        if isinstance(found, _Speaker):
            return found
        speaker = self.resolved.get(id(found))
        if speaker is None:
            speaker = self.resolved[id(found)] = self._named(found)
        return speaker

    def _candidates(self, index: int, before: int) -> list[tuple[int, _Speaker | _Ref]]:
        """Speakers and named people in this paragraph (up to `before`) and the two before:
        (position, speaker), in text order."""
        lowest = self.units.paragraphs[max(0, index - PARAGRAPHS_BACK)][0]
        found: list[tuple[int, _Speaker | _Ref]] = [
            (record.position, record.attribution.speaker) for record in self.records
            if lowest <= record.position < before and record.attribution
            and record.attribution.speaker]
        found.extend(self._people_between(lowest, before))
        found.sort(key=lambda item: item[0])
        return found

    def _people_between(self, lo: int, hi: int) -> list[tuple[int, _Speaker | _Ref]]:
        """People and bodies named between `lo` and `hi`, in text order: the subjects of
        sentences ("Taylor said", "The report made", "A spokeswoman confirmed") and people
        named with a title anywhere (each paragraph read once, by _people_in)."""
        paragraphs = self.units.paragraphs
        k = self.units.paragraph_index(lo)
        people: list[tuple[int, _Speaker | _Ref]] = []
        while k < len(paragraphs) and paragraphs[k][0] < hi:
            people.extend((start, found) for start, end, found in self._people_in(k)
                          if lo <= start and end <= hi)
            k += 1
        return people

    def _people_in(self, k: int) -> list[tuple[int, int, _Speaker | _Ref]]:
        """The people and bodies of paragraph `k` (see _people_between), with where each
        starts and ends; found by one regular expression, without the tokenizer, once."""
        people = self.people.get(k)
        if people is not None:
            return people
        people = self.people[k] = []
        text = self.text
        p_start, p_end = self.units.paragraphs[k]
        given = given_names()
        masked = self.masked.get(k)
        for found in _PEOPLE.finditer(text, p_start, p_end):
            start = found.start()
            if masked is not None and masked[start - p_start] == _MASK:
                continue  # a name inside a quotation is the speaker's words, not the article's
            name = found.group("name")
            if name:
                title = found.group("title")
                if not title:
                    words = name.split()
                    if words[0] in _NOT_NAMES:
                        if len(words) < 3 or words[1].lower() not in given:
                            continue
                        start = found.start("name") + len(words[0]) + 1  # "For Liz Wilson"
                        if text[start - 1] not in " \t" or masked is not None \
                                and masked[start - p_start] == _MASK:
                            continue
                        ref = self._named_at(start, found.end("name"))
                        if ref is not None:
                            people.append((ref.start, ref.end, ref))
                        continue
                    if (len(words) < 2 or words[0].lower() not in given) \
                            and not _opens(text, start) and not self._says_next(found, words):
                        continue  # a person anywhere needs a title, a given name or a verb
                ref = self._person(found, "name", "title" if title else "")
                if ref is not None:
                    people.append((ref.start, ref.end, ref))
            elif found.group("desc") and _opens(text, start):
                end = found.end("desc")
                words = text[start:end].split()
                ref = _Ref("desc", start, end, text[start:end])
                head = words[-1].lower()
                ref.person = head in _PERSON_NOUNS
                ref.gender = _NOUN_GENDER.get(head)
                ref.described.append(ref.text)
                people.append((start, end, self._described(
                    k, ref, resolve=ref.person and words[0] == "The")))
        return people

    def _says_next(self, found: re.Match, words: Sequence[str]) -> bool:
        """Whether a name inside a sentence is the subject of a speech verb right after it
        ("In a tweet, Trump said"), not a title's last words ("Police and Crime
        Commissioner says"), an organisation, nor an object ("a source close to Trump
        said")."""
        if not _SAYS_NEXT.match(self.text, found.end("name")):
            return False
        before = self.text[max(0, found.start() - 6):found.start()].split()
        last = _bare(words[-1])
        return not (before and before[-1] in _OBJECT_BEFORE) \
            and last not in TITLE_WORDS and last not in _ORG_WORDS

    def _named_at(self, start: int, end: int) -> _Ref | None:
        """A person named by the words from `start` to `end` (no title), or None."""
        found = re.compile(r"(?P<name>.+)", re.DOTALL).match(self.text, start, end)
        return self._person(found, "name", "") if found else None

    def _person(self, found: re.Match, group: str, title_group: str) -> _Ref | None:
        """A person matched by _PEOPLE, as a name to resolve when needed (None: not a
        person)."""
        words = found.group(group).split()
        if words[-1].endswith(("’s", "'s")):
            words[-1] = words[-1][:-2]
        title = found.group(title_group) if title_group else ""
        if title and self.text.startswith(".", found.end(title_group)):
            title += "."  # shown as written: "Sen. Wendy Davis"
        start = found.start(title_group or group)
        end = found.end(group)
        shift = 0 if title else _given_start(words)
        if shift:  # "Mayor Tom Moffatt": the words before the given name describe him
            lead = words[:shift]
            words = words[shift:]
            start = self.text.index(words[0], start + len(" ".join(lead)))
        ref = _Ref("name", start, end, self.text[start:end], name=tuple(words), title=title,
                   titled=[f"{title} {words[0]}"] if title else [])
        if shift:
            ref.titled.append(" ".join((*lead, words[0])))  # "Chief Justice John": a judge
        elif not title:  # "Justice minister James Cartlidge": the words before it, in its sentence
            before = self.text[max(0, start - 40):start].split("\n")[-1]
            before = _SENTENCE_END.split(before)[-1].split()[-3:]
            if before:
                ref.titled.append(" ".join(before))
        self._classify_name(ref)
        return ref if ref.person is not False else None


def _run_start(words: Sequence[str], end: int) -> int:
    """Where the run of capitalised words (and particles inside it: "van", "de") that ends
    at `end` starts."""
    k = end - 1
    while k >= 0:
        word = words[k]
        if not (word[:1].isupper() or (k < end - 1 and word.lower() in _PARTICLES)):
            break
        k -= 1
    return k + 1


# Abbreviated titles and the words a description uses for them ("Sen. Davis": the senator).
_TITLE_NOUNS = {"sen": "senator", "rep": "representative", "gov": "governor", "prof": "professor",
                "supt": "superintendent", "det": "detective", "insp": "inspector",
                "sgt": "sergeant", "cllr": "councillor", "gen": "general", "col": "colonel",
                "capt": "captain", "lt": "lieutenant", "rev": "reverend"}


# Words of a web page's links and buttons left in the text, never a speaker's name (The
# Hill's hover cards end "... MORE (D-N.Y.)").
_PAGE_WORDS = _words("MORE READ WATCH RELATED ADVERTISEMENT VIDEO PHOTOS LISTEN SUBSCRIBE SHARE")
# Possessives that do not make a description another body's ("the nation's 43rd president").
_PLACES_OWN = _words("nation country state city county america")
# Heads of descriptions that stand for an organisation named just before ("the group").
_GROUP_NOUNS = _words("""group organisation organization company firm union charity coalition
    association foundation network newspaper campaign""")
# A sentence that opens with an organisation's name and a verb ("The Club for Growth urged").
_OPENING_BODY = re.compile(r"(?:The[ \t]+)?([A-Z][\w'’&.\-]*(?:[ \t]+(?:(?:of|for|to|and|on|the|&)"
                           r"[ \t]+)*[A-Z][\w'’&.\-]*)*)[ \t]+(?:has[ \t]+|had[ \t]+|also[ \t]+)?"
                           r"[a-z]+(?:ed|s)\b")
# Titles a description may use for the one person of the article who holds it, however far
# back they were named ("the senator"); not roles many people have ("the leader").
_FORMAL_TITLES = _words("""senator representative congressman congresswoman governor president
    mayor judge sheriff pope cardinal archbishop bishop rabbi ambassador chancellor""")


def _title_words(text: str) -> set[str]:
    """The lower-cased words of a title or description, abbreviations spelt out."""
    words = text.lower().replace(".", " ").split()
    return {*words, *(_TITLE_NOUNS[w] for w in words if w in _TITLE_NOUNS)}


def _apposition(text: str, end: int) -> str:
    """The apposition or "led the inquiry" after a name ending at `end`, or ""; not a clause
    that reports speech ("Smith, officials said,")."""
    found = _AFTER_NAME.match(text, end, end + 140) or _LEADS.match(text, end, end + 120)
    if found is None:
        return ""
    apposition = next((group for group in found.groups() if group), "")
    words = apposition.split()
    return "" if any(_bare(word).lower() in SPEECH_VERBS for word in words) else apposition


def _describing(text: str) -> str:
    """The words of a description that may give a role: a relative clause after a noun is
    cut ("a parent who took part in a school protest" -> "a parent") unless it says what
    someone is or does ("who leads the inquiry", "who is now an analyst"), and only such a
    clause counts on its own."""
    if text[:3] in ("who", "whi"):
        return text if _ROLE_CLAUSE.match(text) else ""
    words = text.split(None, 1)
    first = words[0] if words else ""
    if first.endswith("ing") and first.islower() and len(first) > 5:
        return ""  # "speaking from the State Department": what they did, not what they are
    related = _RELATION.search(text)
    if related is not None:  # "an ally of President Trump", "Trump supporter": not Trump's role
        if related.group(1):
            text = text[:related.start()]
        else:  # "a former Trump campaign adviser and Bannon friend": the adviser
            conjunct = text.rfind(" and ", 0, related.start())
            text = text[:conjunct] if conjunct > 0 else ""
    owner = _OWNER.match(text)
    if owner is not None and owner.end() < len(text):
        # "President Donald Trump's first nominee to the court": the nominee's words first,
        # the owner's only when they name no role ("President Obama's Deputy National
        # Security Advisor"; "Facebook's vice president for integrity" names none).
        text = f"{text[owner.end():]} / {text[:owner.end()]}"
    cut = _RELATIVE_CUT.search(text)
    if cut is None:
        return text
    clause = text[cut.start():].lstrip()
    return text[:cut.start()] + (" " + clause if _ROLE_CLAUSE.match(clause) else "")


def _maybe_person(shown: str, text: str) -> bool:
    """Whether a name whose sex the given names do not tell may still be a person's: two or
    three capitalised words, none of them a title's, an organisation's or a time's, and the
    last one alone elsewhere in the article, as people are named ("Zach Moffatt" ...
    "Moffatt told ABC")."""
    words = shown.split()
    if not 2 <= len(words) <= 3 or words[0] in _NOT_NAMES or words[0].endswith("ly") \
            or words[0].lower() in _BOUNDARY | _INTRO | _words("whatever whoever") or any(
            not (w[:1].isupper() and w.isalpha()) or w.isupper() or w in _ORG_WORDS
            or w in TITLE_WORDS or w in _TIME_WORDS for w in words):
        return False
    surname = words[-1]
    return text.count(surname) > text.count(f"{words[-2]} {surname}")


def _given_start(words: Sequence[str]) -> int:
    """Where a person's name starts in capitalised words that open with others ("Special
    Counsel Henry Kerner", "Mayor Tom Moffatt"): at the first given name, when no word before
    it is one and a surname follows it; 0 when the words open with a given name or have none."""
    given = given_names()
    if any(word in _ORG_WORDS for word in words):
        return 0  # "Los Angeles Times"
    for k, word in enumerate(words[:-1]):
        if word.lower() in given:
            return k if words[k + 1][:1].isupper() else 0
    return 0


def _name_part(words: Sequence[str], k: int) -> bool:
    """Whether words[k], a boundary word such as "May" or "Will", is part of a name here:
    capitalised, with a capitalised word beside it ("Theresa May", "Will Brown")."""
    if words[k] not in _NAME_BOUNDARIES:
        return False
    return (k > 0 and words[k - 1][:1].isupper() and words[k - 1].lower() not in _BOUNDARY
            and words[k - 1] not in _NOT_NAMES) or (
        k + 1 < len(words) and words[k + 1][:1].isupper())


def _names(found: _Speaker | _Ref) -> bool:
    """Whether a person or body found in the text is named (not only described)."""
    return found.named if isinstance(found, _Speaker) else found.kind == "name"


def _priority(item: tuple[int, str]) -> int:
    return item[0]


def _opens(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (after quotation marks, brackets, or
    "But", "And", "However"...)."""
    lo = max(0, start - 12)
    at = start
    while at > lo and text[at - 1] in _OPENING_MARKS:
        at -= 1
    if at > lo and text[at - 1] == ",":
        at -= 1
    if at > lo and text[at - 1] not in ".!?\n":  # the usual case: a word before it
        space = max(text.rfind(" ", lo, at), text.rfind("\t", lo, at),
                    text.rfind("\n", lo, at))
        if text[space + 1:at] not in _OPENINGS:
            return False
    before = text[lo:start].rstrip(" \t\"“”’)(")
    if before.endswith(","):
        before = before[:-1]
    return not before or before[-1] in ".!?\n" or (
        before.rsplit(None, 1)[-1] in _OPENINGS and (
            len(before.split()) < 2 or before.rsplit(None, 2)[-2][-1:] in ".!?"))


def _reported(text: str, attribution: _Attribution) -> bool:
    """Whether an attribution is speech reported by another speaker, its subject opening
    a "that" clause ("asserting that union leaders said ..."), or an aside ("as CNN
    reported")."""
    ref = attribution.ref
    if ref is None:
        return False
    before = text[max(0, ref.start - 6):ref.start].rstrip()
    return before.endswith(" that") or before.endswith(" as")  # "..., as CNN reported,"


def _interposed(segment, *, comma: bool) -> bool:
    """Whether a phrase after a subject and a comma, before its verb, says how or where
    they spoke ("speaking at a press conference", "in a statement", "reacting to the
    reports"), not who they are. Without a comma before the verb, only a phrase naming
    nobody ("X, in a 2015 op-ed said", not "..., after Attorney General Eric Holder said")."""
    words = [token[2] for token in segment]
    if not 2 <= len(words) <= 12 or any(word in _INTERPOSED_STOPS for word in words):
        return False
    if comma:
        return words[0] in _INTERPOSED or (words[0].islower() and words[0].endswith("ing")
                                           and len(words[0]) > 5)
    return words[0] in _INTERPOSED and not any(word[:1].isupper() for word in words[1:])


def _ends_sentence(text: str) -> bool:
    """Whether `text` has a sentence-ending mark (not the full stop of "Mr." or "J.")."""
    for found in _SENTENCE_END.finditer(text):
        if text[found.start()] == ".":
            word = text[:found.start()].rsplit(None, 1)[-1] if text[:found.start()].strip() else ""
            if len(word) == 1 or word.lower() in ABBREVIATIONS or word in DISPLAY_TITLES:
                continue
        return True
    return False


def _same_first(words: Sequence[str], name: Sequence[str]) -> bool:
    """Whether two names agree on their first word (or its initial)."""
    a, b = words[0].rstrip("."), name[0].rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
