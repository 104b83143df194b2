"""The report's "Who speaks" section: each outlet's quoted sources by role, its most quoted
people with a verbatim quote each, and the frames in the outlets' own voice against each
role's. Presentation only: the counting is framing.features.sources."""

from __future__ import annotations

from collections.abc import Sequence

from framing.evidence import Evidence
from framing.features.quotes import UNATTRIBUTED
from framing.features.sources import (
    OWN_VOICE,
    SCARE,
    frames_by_voice,
    outlet_sources,
    outlet_speakers,
    role_names,
)
from framing.reporting.findings import (
    MIN_QUOTATIONS,
    SMALL_SAMPLE,
    OutletFacts,
    role_counts,
    who_speaks_findings,
)
from framing.reporting.structure import (
    Block,
    Chart,
    Paragraph,
    QuoteGroup,
    Section,
    Series,
    Table,
)
from framing.reporting.wording import decimal, lexicon_label, number, percent, plural
from framing.types import Features

SPEAKER_OUTLETS = 12  # outlets whose most quoted people are listed and quoted
SPEAKERS_LISTED = 3  # people listed per outlet
VOICE_OUTLETS = 12  # outlets given rows in the table of frames by voice
MIN_VOICE_WORDS = 200  # fewer words in a voice: its mentions are counted, no rate is given

# How the attribution was checked. The lead fills in the figures from docs/validation.md.
VALIDATION = (
    "Validation (docs/validation.md): against hand coding of AllSides articles from six US "
    "news outlets, on 30 articles coded by coders blind to the rules and to each other "
    "(273 direct quotations, measured before any rule was made from them), the rules name a "
    "speaker for 81.0% of direct quotations; of those, the speaker is right for 82.4% and "
    "the role for 73.3% (on 42 earlier articles, 511 quotations partly used to make the "
    "rules: 83.2%, 90.8% and 84.2%). Role shares are of the quotations with a speaker; in "
    "outlets with at least 30 coded quotations they were 4 to 25 percentage points from "
    "the hand-coded shares at the worst role: read them as indicative. Coders agreed on "
    "173 of 175 roles and on 97% of speakers of the quotations coded twice.")


def who_speaks_section(features: Features, evidence: Evidence, *,
                       facts: dict[str, OutletFacts], shown: Sequence[str],
                       pooled: Sequence[str]) -> Section | None:
    """The section, or None when quotations were not looked for (no roles lexicon).

    `shown` are the outlets drawn one by one in charts, `pooled` the rest (drawn as one)."""
    if features.roles is None:
        return None
    roles = role_names(features)
    sources = outlet_sources(features)
    total = sum(s.quotations for s in sources.values())
    blocks: list[Block] = [Paragraph(
        "A direct quotation is words in quotation marks that an article gives as someone's. "
        "Each one is attributed to its speaker as the article names them (a pronoun or a "
        "description such as \"the minister\" is resolved to the person named just before), "
        "and the speaker is given a role from the roles lexicon: "
        + "; ".join(f"{c.name} ({_lower_first(c.description.rstrip('.'))})"
                    for c in features.roles.categories if c.description)
        + ". A speaker the article names without any of the lexicon's titles, jobs or "
        "organisations is \"other\"; quoted words the article does not attribute are "
        "\"unattributed\". Scare quotes (a word or phrase in quotation marks with no speaker) "
        "and claims made \"according to\" someone are not counted here.")]
    blocks.append(Paragraph(" ".join(who_speaks_findings(features)), kind="finding"))
    if not total:
        return Section("who-speaks", "Who speaks", tuple(blocks), page_break=True)
    blocks.append(_roles_chart(sources, roles, shown, pooled))
    blocks.append(_roles_table(sources, roles, facts))
    blocks.extend(_speaker_blocks(features, evidence, facts))
    blocks.extend(_voice_blocks(features, facts))
    return Section("who-speaks", "Who speaks", tuple(blocks), page_break=True)


def _lower_first(text: str) -> str:
    """A sentence's first word in lower case, unless it is an acronym: the rest as written
    ("Ministers, MPs" -> "ministers, MPs")."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]


def _roles_chart(sources, roles: Sequence[str], shown: Sequence[str],
                 pooled: Sequence[str]) -> Chart:
    """Each outlet's attributed direct quotations by role (see OutletSources.share)."""
    rows: list[tuple[str, dict[str, int]]] = [
        (outlet, dict(sources[outlet].by_role)) for outlet in shown]
    if pooled:
        merged: dict[str, int] = {}
        for outlet in pooled:
            for role, count in sources[outlet].by_role.items():
                merged[role] = merged.get(role, 0) + count
        rows.append((plural(len(pooled), "other outlet"), merged))
    named = [role for role in roles if role != UNATTRIBUTED]
    used = [role for role in named if any(counts.get(role) for _, counts in rows)]
    attributed = [sum(counts.get(role, 0) for role in named) for _, counts in rows]
    categories = tuple(f"{name} (n = {number(n)})"
                       for (name, _), n in zip(rows, attributed, strict=True))
    series = tuple(Series(role, tuple(100 * counts.get(role, 0) / n if n else 0.0
                                      for (_, counts), n in zip(rows, attributed, strict=True)))
                   for role in used)
    alt = "; ".join(f"{name}: " + (", ".join(
        f"{role} {percent(counts[role] / n)}" for role in used if counts.get(role))
        if n else "no attributed quotation") + f" (n = {n}; "
        f"{counts.get(UNATTRIBUTED, 0)} unattributed)"
        for (name, counts), n in list(zip(rows, attributed, strict=True))[:12])
    small = [n for n in attributed if 0 < n < MIN_QUOTATIONS]
    return Chart(
        id="who-speaks-roles",
        kind="stacked",
        title="Whose words each outlet quotes",
        caption=("The share of each outlet's attributed direct quotations by the speaker's "
                 "role; n is the number of them. Quotations left unattributed are not in the "
                 "bars (how many are left differs between outlets, and would otherwise make "
                 "every role look smaller): the table below gives their share. "
                 + (f"Shares of fewer than {MIN_QUOTATIONS} quotations ({len(small)} of the "
                    f"bars) describe those few quotations only. " if small else "")
                 + ("The outlets with fewest articles are pooled." if pooled else "")).strip(),
        alt=f"Stacked bar chart of attributed direct quotations by role, per outlet. {alt}.",
        categories=categories,
        series=series,
        x_label="% of the outlet's attributed direct quotations",
    )


def _roles_table(sources, roles: Sequence[str], facts: dict[str, OutletFacts]) -> Table:
    used = [role for role in roles if any(s.by_role.get(role) for s in sources.values())]
    rows = []
    listed = [o for o in facts if sources[o].quotations] if len(facts) > 40 else list(facts)
    for outlet in listed:
        s = sources[outlet]
        rows.append((outlet, number(s.quotations), number(s.quoted_words),
                     f"{s.articles_with} of {s.articles}",
                     *(("–" if s.share(role) is None else  # none to share: no quotation
                        f"{percent(s.share(role))} ({s.by_role.get(role, 0)})") for role in used)))
    note = ("Quotations: direct quotations (scare quotes and \"according to\" claims aside); "
            "articles quoting: the outlet's articles with at least one. "
            "Each role column: the share of the outlet's attributed direct quotations (those "
            "with a speaker), with their number in brackets; unattributed: the share of all "
            f"its direct quotations. Fewer than {MIN_QUOTATIONS} quotations: the shares "
            "describe those quotations, not the outlet's habits. Every quotation, with its "
            "speaker, role and "
            "cue, is in the data tables' quotes.csv.")
    if len(listed) < len(facts):
        note += f" {plural(len(facts) - len(listed), 'outlet')} without a quotation are not listed."
    return Table(
        caption="Direct quotations by the speaker's role",
        columns=("Outlet", "Quotations", "Quoted words", "Articles quoting", *used),
        rows=tuple(rows),
        numeric=(False, True, True, True, *([True] * len(used))),
        note=note,
        kind="wide",
    )


def _speaker_blocks(features: Features, evidence: Evidence,
                    facts: dict[str, OutletFacts]) -> list[Block]:
    speakers = outlet_speakers(features)
    if not speakers:
        return [Paragraph("No direct quotation is attributed to a named person or "
                          "organisation.", kind="small-print")]
    by_size = sorted(speakers, key=lambda o: (-facts[o].articles, -facts[o].words,
                                              o.casefold()))[:SPEAKER_OUTLETS]
    rows = []
    groups: list[Block] = []
    for outlet in sorted(by_size, key=str.casefold):
        listed = speakers[outlet][:SPEAKERS_LISTED]
        rows.extend((outlet, s.speaker, s.role, number(s.quotations), number(s.articles))
                    for s in listed)
        quotes = tuple(evidence.speakers[(outlet, s.speaker)] for s in listed
                       if (outlet, s.speaker) in evidence.speakers)
        if quotes:
            few = facts[outlet].articles < SMALL_SAMPLE
            groups.append(QuoteGroup(
                title=outlet, quotes=quotes,
                note=(f"Its most quoted named people and organisations "
                      f"({facts[outlet].sample})"
                      + ("; from so few articles this is the order within them, not a "
                         "ranking of the outlet's sources." if few else ".")
                      + " Each quote is the quotation's own words.")))
    note = ("Named speakers only (a person or an organisation by name; descriptions such as "
            "\"a police spokesman\" and unattributed quotations are left out), ordered by the "
            "number of articles quoting them, then of quotations. A name is shown in the "
            "fullest form the article gives it.")
    if len(by_size) < len(speakers):
        note += (f" The {len(by_size)} outlets with most articles are listed; every "
                 "quotation's speaker is in quotes.csv.")
    table = Table(caption="Most quoted people and organisations",
                  columns=("Outlet", "Speaker", "Role", "Quotations", "Articles"),
                  rows=tuple(rows), numeric=(False, False, False, True, True), note=note)
    return [table, *groups]


def _voice_cell(mentions: int, words: int) -> str:
    if words < MIN_VOICE_WORDS:
        return number(mentions) if mentions else "–"
    return f"{number(mentions)} ({decimal(1000 * mentions / words)})"


def _voice_blocks(features: Features, facts: dict[str, OutletFacts]) -> list[Block]:
    if not features.lexicons:
        return []
    by_outlet = frames_by_voice(features)
    lexicons = [lx.name for lx in features.lexicons]
    # The corpus as a whole: each voice's words and mentions summed over outlets.
    totals: dict[str, tuple[int, dict[str, int]]] = {}
    for rows in by_outlet.values():
        for row in rows:
            words, counts = totals.get(row.voice, (0, {}))
            merged = dict(counts)
            for name, n in row.mentions.items():
                merged[name] = merged.get(name, 0) + n
            totals[row.voice] = (words + row.words, merged)
    order = [OWN_VOICE, *role_names(features), SCARE]
    corpus_rows = tuple(
        (_voice_name(voice), number(totals[voice][0]),
         *(_voice_cell(totals[voice][1].get(name, 0), totals[voice][0]) for name in lexicons))
        for voice in order if voice in totals)
    columns = ("Voice", "Words", *(lexicon_label(name) for name in lexicons))
    numeric = (False, True, *([True] * len(lexicons)))
    note = ("Each cell: mentions of the frame's terms in that voice, and in brackets per 1,000 "
            "words of it. Own voice: the outlets' words outside quotation marks; a role: the "
            "words of the direct quotations of speakers with that role; scare quotes: words in "
            f"quotation marks with no speaker. Fewer than {number(MIN_VOICE_WORDS)} words: the "
            "mentions are counted but no rate is given.")
    blocks: list[Block] = [
        Paragraph("How often each frame appears in the outlets' own words and in the words "
                  "they quote, by the role of the speaker. A frame that appears mostly in "
                  "quotations is one the outlet reports others using; the rate per 1,000 words "
                  "compares voices of different sizes."),
        Table(caption="Frames in each voice, all outlets", columns=columns, rows=corpus_rows,
              numeric=numeric, note=note, kind="wide")]
    if len(facts) > 1:
        chosen = sorted(facts, key=lambda o: (-facts[o].articles, -facts[o].words,
                                              o.casefold()))[:VOICE_OUTLETS]
        rows = []
        for outlet in sorted(chosen, key=str.casefold):
            for row in by_outlet.get(outlet, []):
                if row.voice == SCARE and not row.mentions:
                    continue
                rows.append((outlet, _voice_name(row.voice), number(row.words),
                             *(_voice_cell(row.mentions.get(name, 0), row.words)
                               for name in lexicons)))
        outlet_note = "As in the table above, per outlet."
        if len(chosen) < len(facts):
            outlet_note += f" The {len(chosen)} outlets with most articles are shown."
        blocks.append(Table(caption="Frames in each voice, by outlet",
                            columns=("Outlet", *columns), rows=tuple(rows),
                            numeric=(False, *numeric), note=outlet_note, kind="wide"))
    return blocks


def _voice_name(voice: str) -> str:
    if voice in (OWN_VOICE, SCARE):
        return voice
    return f"quoted: {voice}"


def roles_methods(features: Features) -> tuple[list[str], list[Block]]:
    """(Methods bullets, blocks after them) on the attribution and the roles lexicon."""
    if features.roles is None:
        return [], []
    roles = features.roles
    counts = role_counts(features)
    bullets = [
        "Who speaks: every span in quotation marks is read in its sentence. Its speaker is the "
        "subject of a speech verb (said, told, added, wrote, according to, a court heard, ...) "
        "after or before it, or of a sentence ending in a colon just before it; a quotation "
        "that goes on from the previous one, or from speech reported in the sentence before, "
        "keeps its speaker. A name is shown in the fullest form the article gives it (\"Jay\" "
        "-> \"Professor Alexis Jay\"); \"he\", \"she\", \"it\" and \"they\" and "
        "descriptions such as \"the minister\" are resolved to the most recent compatible "
        "person or body named within two paragraphs (a formal title such as \"the senator\" "
        "also further back, when one person holds it; \"the group\" to the organisation "
        "named just before), and left \"unattributed\" when there is none, never guessed. "
        "Role shares are of the quotations with a speaker. A word or short phrase in "
        "quotation marks with no speech act is a scare quote, with no speaker. The speaker's "
        "role comes from the roles lexicon's terms in what the article says of them "
        "(appositions, titles, organisations); one speaker keeps one role in an article. "
        "Rules only: no statistical model (docs/quotations.md).",
        VALIDATION,
    ]
    by_role: dict[str, list[str]] = {}
    for term in roles.terms:
        by_role.setdefault(term.category, []).append(term.text)
    rows = tuple((c.name, number(counts.get(c.name, 0)), "; ".join(by_role.get(c.name, [])))
                 for c in roles.categories)
    table = Table(
        caption=(f"Roles lexicon {roles.name} (version {roles.version}, "
                 f"{roles.fingerprint or 'no fingerprint'}): {plural(len(roles.terms), 'term')}"),
        columns=("Role", "Quotations", "Terms"),
        rows=rows,
        numeric=(False, True, False),
        note=("Quotations: direct quotations given the role in this corpus. A speaker with none "
              "of these terms is \"other\" (" + number(counts.get("other", 0)) + "); "
              "quotations with no speaker are \"unattributed\" ("
              + number(counts.get("unattributed", 0)) + ")."),
    )
    return bullets, [table]
