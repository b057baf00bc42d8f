"""Sentences and tokens of a document body, with offsets into `Document.text`.

Lines are split first (news bodies put one paragraph, or one sentence, per line), excluded spans
(boilerplate, update stamps) are cut out, and syntok splits what is left into sentences. Each
sentence keeps its paragraph (blank-line separated block) and line, which the narrative-time rules
use, and its tokens, which every later rule works on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from syntok import segmenter

from timeline.types import Span

# Words (with inner apostrophes, hyphens and the dots of "U.S."), numbers, or one other character.
_TOKEN = re.compile(
    r"[^\W\d_]+(?:[.][^\W\d_]+)+\.?"  # U.S., p.m.
    r"|[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*(?:[’']s\b)?"  # words, A380, e-mail, Trump's
    r"|\d+(?:[.,:]\d+)*%?"  # 4:32, 3.5, 1,000
    r"|-{2,}"  # a dash typed as hyphens: one token, as "—" is
    r"|\S"
)
_POSSESSIVE_ENDINGS = ("'s", "’s")
# A sentence end followed by more text: the only place where a line may hold two sentences.
_INNER_END = re.compile(r"[.!?…;:][\"”’'»)\]]*\s+\S")
# A plain sentence end: a lower-case word of two letters or more, its stop, closing quotes or
# brackets, then a capital or a digit after the space.
_PLAIN_END = re.compile(r"\b[a-z]{2,}([.!?]+[\"”’'»)\]]*)(?=\s+[\"“‘«(]?[A-Z0-9])")
_OPEN_QUOTES = frozenset("“«„")
_CLOSE_QUOTES = frozenset("”»")
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
# How far ahead (in characters) the mark that closes a quotation left open at a line end is
# looked for.
_QUOTE_REACH = 2000


class Token(NamedTuple):
    """A token and the word facts every rule asks about, computed once when it is made.
    (A named tuple: documents have many tokens, and tuples are the cheapest to make.)"""

    text: str
    start: int  # offset in the document body
    end: int
    in_quote: bool = False
    lower: str = ""
    bare: str = ""  # the word without a possessive ending: "Trump's" -> "Trump"
    is_word: bool = False
    is_capitalised: bool = False  # a capital first letter, or a brand's ("iPhone", "eBay")
    is_possessive: bool = False

    @classmethod
    def of(cls, text: str, start: int, end: int, in_quote: bool = False) -> Token:
        first = text[:1]
        possessive = text.endswith(_POSSESSIVE_ENDINGS) and len(text) > 2
        return tuple.__new__(cls, (
            text, start, end, in_quote, text.lower(),
            text[:-2] if possessive else text,
            first.isalpha(),
            first.isupper() or (first.islower() and len(text) > 2 and text[1].isupper()),
            possessive,
        ))


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # position among the document's sentences
    start: int
    end: int
    text: str
    paragraph: int  # blank-line separated block
    line: int
    first_in_line: bool
    tokens: tuple[Token, ...]
    opens_in_quote: bool  # the sentence starts inside a quotation begun earlier


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, paragraph) of each non-blank line."""
    paragraph = 0
    position = 0
    blank_run = False
    for raw in text.splitlines(keepends=True):
        end = position + len(raw.rstrip("\r\n"))
        if raw.strip():
            if blank_run:
                paragraph += 1
            blank_run = False
            yield position, end, paragraph
        else:
            blank_run = True
        position += len(raw)


def _subtract(start: int, end: int, excluded: Sequence[Span]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside every excluded span."""
    parts = [(start, end)]
    for span in excluded:
        if span.end <= start or span.start >= end:
            continue
        parts = [
            piece
            for a, b in parts
            for piece in ((a, min(b, span.start)), (max(a, span.end), b))
            if piece[1] > piece[0]
        ]
    return parts


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    cuts = _plain_cuts(chunk)
    if cuts is not None:
        # Every sentence end in the line is plain (a lower-case word, then a capital): no
        # abbreviation or initial for the segmenter to weigh, so the line is cut right here.
        for a, b in zip([0, *cuts], [*cuts, len(chunk)], strict=True):
            piece = chunk[a:b]
            stripped = piece.strip()
            if stripped:
                first = start + a + piece.index(stripped)
                yield first, first + len(stripped)
        return
    for paragraph in segmenter.analyze(chunk):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            a = start + first.offset
            b = start + last.offset + len(last.value)
            if b > a:
                yield a, b


def _plain_cuts(chunk: str) -> list[int] | None:
    """Where a line splits into sentences when all its sentence ends are plain (offsets
    just past each end), or None when some end needs the segmenter's judgement."""
    plain = [(m.start(1), m.end()) for m in _PLAIN_END.finditer(chunk)]
    inner = [m.start() for m in _INNER_END.finditer(chunk.rstrip())]
    if [start for start, _ in plain] != inner:
        return None
    return [end for _, end in plain]


def tokenize(text: str, offset: int = 0, quote_open: bool = False) -> tuple[list[Token], bool]:
    """Tokens of `text` (offsets shifted by `offset`), marking those inside quotation marks.

    Returns the tokens and whether a quotation is still open at the end. Straight double quotes
    toggle; curly ones open and close.
    """
    tokens: list[Token] = []
    inside = quote_open
    for match in _TOKEN.finditer(text):
        value = match.group()
        if value in _OPEN_QUOTES or (value == '"' and not inside):
            inside = True
            tokens.append(Token.of(value, offset + match.start(), offset + match.end(), True))
            continue
        if value in _CLOSE_QUOTES or (value == '"' and inside):
            tokens.append(Token.of(value, offset + match.start(), offset + match.end(), True))
            inside = False
            continue
        tokens.append(Token.of(value, offset + match.start(), offset + match.end(), inside))
    return tokens, inside


def split(text: str, excluded: Sequence[Span] = ()) -> list[Sentence]:
    """The sentences of a document body, outside its excluded spans, in order."""
    sentences: list[Sentence] = []
    excluded = sorted(excluded, key=lambda s: s.start)
    still_open = False
    for line_number, (line_start, line_end, paragraph) in enumerate(_lines(text)):
        quote_open = still_open and _closed_ahead(text, line_start)
        first = True
        for part_start, part_end in _subtract(line_start, line_end, excluded):
            for a, b in _sentence_spans(text, part_start, part_end):
                tokens, still_open = tokenize(text[a:b], a, quote_open)
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        start=a,
                        end=b,
                        text=text[a:b],
                        paragraph=paragraph,
                        line=line_number,
                        first_in_line=first,
                        tokens=tuple(tokens),
                        opens_in_quote=quote_open,
                    )
                )
                quote_open = still_open
                first = False
        still_open = quote_open
    return sentences


def _closed_ahead(text: str, start: int) -> bool:
    """A quotation left open at the end of a line goes on into the line at `start`: the first
    quotation mark ahead closes one ("... a home run.\"", "... into the cloud,\" said Jobs").
    Text with one sentence per line breaks a quotation over lines so; a new paragraph of a
    quotation opens again with a mark of its own, and then the line starts a quotation."""
    found = _QUOTE_MARK.search(text, start, start + _QUOTE_REACH)
    if found is None:
        return False
    mark = found.group()
    if mark != '"':
        return mark in _CLOSE_QUOTES
    before = text[found.start() - 1] if found.start() > 0 else " "
    after = text[found.end()] if found.end() < len(text) else " "
    return not before.isspace() and not after.isalnum()  # glued to the words it ends
