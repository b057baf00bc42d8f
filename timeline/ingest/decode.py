"""Bytes -> text: UTF-8 first, a detected encoding otherwise, and a clear refusal for binary data."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# How much of a file is inspected for NUL bytes and control characters.
_SNIFF = 8192
# A text with more unprintable characters than this share is not text.
_MAX_CONTROL_SHARE = 0.02


class DecodeError(ValueError):
    """The bytes are not usable text; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    detected: bool  # True when the encoding was guessed, not UTF-8 or declared by a BOM


_WEB_DEFAULT = "cp1252"
# C0 and C1 control characters other than the whitespace ones.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a file's bytes, or raise `DecodeError` with a message for the user.

    `declared` is the encoding the content names itself (an HTML meta charset), tried first.
    """
    if not data.strip():
        raise DecodeError("empty file: there is no text to read; add the article text or remove the file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(Decoded(data.decode(encoding), encoding, detected=False))
    if b"\x00" in data[:_SNIFF]:
        raise DecodeError("binary file, not text (it contains NUL bytes); pass text, Markdown, HTML or JSON Lines")
    if declared and (codec := _codec(declared)):
        try:
            return _checked(Decoded(data.decode(codec), codec, detected=False))
        except UnicodeDecodeError:
            pass  # the declaration is wrong; fall back to UTF-8 and detection
    try:
        return _checked(Decoded(data.decode("utf-8-sig"), "utf-8", detected=False))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    best = _best_guess(data)
    if best is None:
        raise DecodeError(
            f"not UTF-8 (byte {first_bad} is {data[first_bad]:#04x}) and no other text encoding fits; "
            "convert the file to UTF-8"
        )
    return _checked(Decoded(str(best), best.encoding, detected=True))


def _codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are windows-1252.
    return _WEB_DEFAULT if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def _best_guess(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best match; among equally good ones, windows-1252.

    Short Western texts often fit several single-byte encodings equally well; windows-1252
    is the legacy encoding the web falls back to (WHATWG), so it is the likeliest.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and _WEB_DEFAULT in match.could_be_from_charset:
            return match
    return best


def _checked(decoded: Decoded) -> Decoded:
    sample = decoded.text[:_SNIFF]
    control = len(_CONTROL.findall(sample))
    if sample and control / len(sample) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file, not text (it is full of control characters); pass text, Markdown, HTML or JSON Lines")
    if not decoded.text.strip():
        raise DecodeError("empty file: there is no text to read; add the article text or remove the file")
    return decoded


def encoding_note(decoded: Decoded) -> str | None:
    """The warning to give when the encoding had to be guessed."""
    if not decoded.detected:
        return None
    return f"not UTF-8; read as {decoded.encoding} (detected), so check the text and convert the file to UTF-8"
