"""Outlet names: from a URL's domain, and merged across spellings by aliases."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

# Registered domain -> outlet name, for outlets whose name is not obvious from the domain
# or that publish under several domains.
KNOWN_OUTLETS: Mapping[str, str] = {
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "independent.co.uk": "The Independent",
    "yorkshirepost.co.uk": "The Yorkshire Post",
    "breitbart.com": "Breitbart",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "thetimes.co.uk": "The Times",
    "thetimes.com": "The Times",
    "dailymail.co.uk": "Daily Mail",
    "mirror.co.uk": "Daily Mirror",
    "thesun.co.uk": "The Sun",
    "express.co.uk": "Daily Express",
    "standard.co.uk": "Evening Standard",
    "ft.com": "Financial Times",
    "sky.com": "Sky News",
    "itv.com": "ITV News",
    "channel4.com": "Channel 4 News",
    "examinerlive.co.uk": "Huddersfield Examiner",
    "thestar.co.uk": "The Star (Sheffield)",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "usatoday.com": "USA Today",
    "foxnews.com": "Fox News",
    "cnn.com": "CNN",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "huffingtonpost.co.uk": "HuffPost",
    "bloomberg.com": "Bloomberg",
    "latimes.com": "Los Angeles Times",
    "theatlantic.com": "The Atlantic",
    "vox.com": "Vox",
    "aljazeera.com": "Al Jazeera",
    "economist.com": "The Economist",
    "newstatesman.com": "New Statesman",
    "spectator.co.uk": "The Spectator",
}

# Second-level labels under which names are registered (bbc.co.uk, abc.net.au, ...).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc", "me", "news"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def outlet_from_url(url: str) -> str:
    """The outlet a URL belongs to: a well-known name, else the registered domain; "" if none.

    `https://www.bbc.co.uk/news/x` and `https://www.bbc.com/news/x` are both "BBC News";
    `https://example.org/a` is "example.org".
    """
    host = _host(url)
    if not host:
        return ""
    if host in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[host]
    domain = registered_domain(host)
    return KNOWN_OUTLETS.get(domain, domain)


def registered_domain(host: str) -> str:
    """`www.bbc.co.uk` -> `bbc.co.uk`; `edition.cnn.com` -> `cnn.com`."""
    labels = host.lower().strip(".").split(".")
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _host(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    if "." not in host:
        return ""
    return host.removeprefix("www.")


def alias_key(name: str) -> str:
    """How spellings are compared: case-folded, whitespace collapsed."""
    return _SPACES.sub(" ", name).strip().casefold()


def alias_table(aliases: Mapping[str, str]) -> dict[str, str]:
    """Aliases keyed by `alias_key`; each canonical name also maps to itself."""
    table = {alias_key(canonical): canonical.strip() for canonical in aliases.values()}
    for spelling, canonical in aliases.items():
        table[alias_key(spelling)] = canonical.strip()
    return table


def apply_aliases(name: str, aliases: Mapping[str, str]) -> str:
    """The canonical outlet name for `name` ("fox  online news" -> "Fox News"), else `name`.

    Matching ignores case and runs of whitespace. Names without an alias come back with
    their whitespace tidied.
    """
    tidy = _SPACES.sub(" ", name).strip()
    if not aliases:
        return tidy
    return alias_table(aliases).get(alias_key(tidy), tidy)
