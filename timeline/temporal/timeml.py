"""TimeML: writing tagged text as TimeML, and reading TimeML documents (TempEval-3 style).

Reading follows the TempEval-3 conventions: the document creation time is the TIMEX3 whose
functionInDocument is CREATION_TIME; the text is everything between <TEXT> and </TEXT> with
the inline tags removed and character entities decoded; gold offsets index that text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline.types import Timex

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^\s=>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ATTRIBUTE = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class TimeMLError(ValueError):
    """A TimeML document that cannot be read; the message names the problem."""


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def _attributes(raw: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTRIBUTE.finditer(raw)}


def _dct(source: str) -> str:
    for m in _TAG.finditer(source):
        if m.group(2) == "TIMEX3" and not m.group(1):
            attributes = _attributes(m.group(3))
            if attributes.get("functionInDocument") == "CREATION_TIME" and attributes.get("value"):
                return attributes["value"]
    raise TimeMLError("no document creation time (a TIMEX3 with functionInDocument=\"CREATION_TIME\")")


def parse_timeml(source: str, name: str = "<string>") -> TimeMLDocument:
    """The DCT, the plain text of <TEXT> and the gold TIMEX3s in it."""
    opening = re.search(r"<TEXT(?:\s[^>]*)?>", source)
    closing = source.rfind("</TEXT>")
    if opening is None or closing < opening.end():
        raise TimeMLError("no <TEXT> ... </TEXT> element")
    dct = _dct(source)
    body = source[opening.end() : closing]
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[position : m.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if not open_timexes:
                raise TimeMLError(f"</TIMEX3> without an opening tag at character {m.start()} of <TEXT>")
            start, attributes = open_timexes.pop()
            timexes.append(_gold(start, length, "".join(pieces), attributes))
        elif not m.group(4):
            open_timexes.append((length, _attributes(m.group(3))))
    pieces.append(html.unescape(body[position:]))
    if open_timexes:
        raise TimeMLError("a <TIMEX3> is never closed")
    text = "".join(pieces)
    return TimeMLDocument(name, dct, text, tuple(sorted(timexes, key=lambda t: t.start)))


def _gold(start: int, end: int, text: str, attributes: dict[str, str]) -> GoldTimex:
    return GoldTimex(
        start=start,
        end=end,
        text=text[start:end],
        type=attributes.get("type", ""),
        value=attributes.get("value", ""),
        mod=attributes.get("mod"),
    )


def read_timeml(path: Path) -> TimeMLDocument:
    try:
        source = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise TimeMLError(f"{path}: not UTF-8 text") from exc
    try:
        return parse_timeml(source, path.stem)
    except TimeMLError as exc:
        raise TimeMLError(f"{path}: {exc}") from exc


def to_timeml(text: str, timexes: list[Timex], reference: date | datetime | str | None = None) -> str:
    """A TimeML document: the DCT (when known) and the text with inline TIMEX3 tags."""
    dct = _reference_value(reference)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>"]
    if dct:
        out.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>'
        )
    body: list[str] = []
    position = 0
    for number, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < position:
            continue
        body.append(escape(text[position : t.start]))
        body.append(f"<TIMEX3 {_timex_attributes(number, t)}>{escape(text[t.start : t.end])}</TIMEX3>")
        position = t.end
    body.append(escape(text[position:]))
    out.append("<TEXT>" + "".join(body) + "</TEXT>")
    out.append("</TimeML>")
    return "\n".join(out) + "\n"


def _timex_attributes(number: int, t: Timex) -> str:
    relative = t.anchor is not None and t.anchor.kind != "none"
    attributes = {"tid": f"t{number}", "type": t.type, "value": t.value}
    for name in ("mod", "quant", "freq"):
        if getattr(t, name):
            attributes[name] = getattr(t, name)
    attributes["temporalFunction"] = "true" if relative else "false"
    if relative and t.anchor is not None and t.anchor.kind == "publication":
        attributes["anchorTimeID"] = "t0"
    return " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items())


def _reference_value(reference: date | datetime | str | None) -> str | None:
    if reference is None:
        return None
    if isinstance(reference, str):
        return reference
    return reference.isoformat()
