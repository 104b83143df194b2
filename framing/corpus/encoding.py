"""Reading text files whatever their encoding, and refusing files that are not text.

UTF-8 (with or without a byte-order mark) is tried first, then UTF-16/32 with a BOM; any
other bytes go to charset-normalizer, and the caller is told which encoding was used so it
can warn. Newlines come back as `\\n` only.
"""

from __future__ import annotations

import codecs
import gzip
import re
from pathlib import Path

from framing.errors import CorpusError, located

UTF8 = "utf-8"

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = {  # what a binary file most likely is, for the error message
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.odt file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PAR1": "a Parquet table",
    b"SQLite format 3": "an SQLite database",
}
# C0 control characters that never occur in text (tab, newlines, form feed and escape do).
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.01
_WINDOWS_1252_FAMILY = ("cp1252", "latin_1", "iso8859_15")
_UNLIKELY_FOR_NEWS = ("cp437", "cp775", "cp85", "cp86", "cp1257", "mac_", "iso8859_4", "iso8859_10")
_NAMES = {
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "utf_16": "UTF-16",
}


def read_text(path: Path) -> tuple[str, str]:
    """Return `(text, encoding)` of a text file; `.gz` files are decompressed first.

    `encoding` is `"utf-8"` for UTF-8 with or without BOM, `"utf-16"`/`"utf-32"` for files
    with those BOMs, else the encoding charset-normalizer detected (e.g. `"cp1252"`); use
    `encoding_warning` to tell the user about the latter. Raises CorpusError for a missing
    or unreadable file and for binary files.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(located(path, "no such file or folder")) from None
    except OSError as error:
        raise CorpusError(located(path, f"cannot be read ({error.strerror or error})")) from None
    if path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise CorpusError(
                located(path, f"is not a valid gzip file ({error}); re-compress it or unzip it")
            ) from None
    return decode_bytes(raw, source=path)


def decode_bytes(raw: bytes, *, source: object) -> tuple[str, str]:
    """Decode `raw` as `read_text` does; `source` names the origin in error messages."""
    text, encoding = _decode(raw, source)
    if text and _looks_binary(text):
        raise _binary_error(source, raw)
    return normalise_newlines(text), encoding


def encoding_warning(source: object, encoding: str) -> str | None:
    """A warning when a file was not UTF-8 (or UTF-16/32 with a BOM), else None."""
    if encoding in (UTF8, "utf-16", "utf-32"):
        return None
    return located(
        source,
        f"not UTF-8; read as {_NAMES.get(encoding, encoding)} (detected). Check accented "
        "letters and quotation marks, or save the file as UTF-8",
    )


# Invisible characters that only get in the way of matching words: zero-width space, word
# joiner and a byte-order mark inside the text. (Zero-width joiners and non-joiners stay:
# emoji and Persian need them; so do right-to-left marks.)
INVISIBLE = "\u200b\u2060\ufeff"
_REMOVE_INVISIBLE = str.maketrans("", "", INVISIBLE)
# UTF-8 read as Windows-1252 or Latin-1: "â€™" for "’", "Ã©" for "é", "Â£" for "£".
_MOJIBAKE = re.compile(
    "â€[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
    "|Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
    "|Â[\u00a0-\u00bf]"
)


def remove_invisible(text: str) -> str:
    """`text` without zero-width spaces, word joiners and stray byte-order marks."""
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        return text.translate(_REMOVE_INVISIBLE)
    return text


def mojibake(text: str) -> str | None:
    """The first sequence in `text` that looks like UTF-8 decoded as Windows-1252 (mojibake,
    e.g. "â€™" where "’" was meant), or None."""
    if "â" not in text and "Ã" not in text and "Â" not in text:
        return None
    match = _MOJIBAKE.search(text)
    return match.group() if match else None


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, source: object) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                raise _binary_error(source, raw) from None
            return text, (UTF8 if codec == "utf-8-sig" else codec)
    if b"\x00" in raw:
        raise _binary_error(source, raw)
    try:
        return raw.decode(UTF8), UTF8
    except UnicodeDecodeError:
        pass
    return _detect(raw, source)


def _detect(raw: bytes, source: object) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    if any(raw.startswith(signature) for signature in _SIGNATURES):
        raise _binary_error(source, raw)
    results = from_bytes(raw)
    best = results.best()
    if best is None:
        raise _binary_error(source, raw)
    text, encoding = str(best), best.encoding
    # Western news text that is not UTF-8 is nearly always Windows-1252 (or Latin-1, its
    # subset). On short samples the detector often prefers a DOS, Mac or Baltic code page
    # instead, or a Central European one that scores the same or decodes the bytes alike.
    try:
        as_cp1252 = raw.decode("cp1252")
    except UnicodeDecodeError:
        return text, encoding
    cp1252_ties = any(
        match.encoding == "cp1252" and match.chaos <= best.chaos for match in results
    )
    if (
        encoding in _WINDOWS_1252_FAMILY
        or cp1252_ties
        or encoding.startswith(_UNLIKELY_FOR_NEWS)
        or as_cp1252 == text
    ):
        return as_cp1252, "cp1252"
    return text, encoding


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for char in sample if char in _CONTROL)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _binary_error(source: object, raw: bytes) -> CorpusError:
    kind = next(
        (name for signature, name in _SIGNATURES.items() if raw.startswith(signature)), None
    )
    what = f"looks like a binary file ({kind}), not text" if kind else (
        "looks like a binary file, not text"
    )
    return CorpusError(
        located(source, f"{what}; remove it from the folder or convert it to plain text (UTF-8)")
    )
