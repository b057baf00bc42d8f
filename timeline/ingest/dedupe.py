"""Exact and near-duplicate documents (one wire story, several outlets) -> one document each.

Exact copies are found by hashing the news text (the body less its excluded spans, with
whitespace and case folded). Near-duplicates are found with MinHash signatures of word
5-grams in a locality-sensitive hash index (datasketch), so the cost grows with the number
of documents, not with its square. A group of copies is kept once: the earliest published
copy, which lists the others in `also_published_by`; each dropped copy is reported.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from datasketch import LeanMinHash, MinHash, MinHashLSH

from timeline.types import Document, Problem, Republication

_WORD = re.compile(r"\w+")
_SHINGLE = 5
_PERMUTATIONS = 128
DEFAULT_THRESHOLD = 0.7
# Below this many words a text is too short to call a near-duplicate with any confidence.
_MIN_WORDS = 20


def news_text(document: Document) -> str:
    """The body without its excluded spans."""
    pieces, position = [], 0
    for span in sorted(document.excluded, key=lambda s: s.start):
        pieces.append(document.text[position : span.start])
        position = max(position, span.end)
    pieces.append(document.text[position:])
    return "".join(pieces)


def _words(document: Document) -> list[str]:
    return _WORD.findall(news_text(document).casefold())


@cache
def _template() -> MinHash:
    """Its random permutations are drawn once: drawing them is most of a MinHash's set-up cost."""
    return MinHash(num_perm=_PERMUTATIONS, seed=1)


def _signature(words: list[str]) -> LeanMinHash:
    shingles = {" ".join(words[i : i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}
    # crc32 is a C function: hashing the shingles costs a fraction of datasketch's sha1 default.
    template = _template()
    minhash = MinHash(
        num_perm=_PERMUTATIONS, hashfunc=zlib.crc32, permutations=template.permutations, scheme=template.scheme
    )
    minhash.update_batch(list(shingles))
    return LeanMinHash(minhash)


@dataclass
class _Group:
    members: list[tuple[int, float]]  # (document index, similarity to the member it matched)


def deduplicate(
    documents: Sequence[Document], threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[Document], list[Problem]]:
    """One document per story, in the input order, and a warning for each copy dropped."""
    groups: dict[int, _Group] = {}  # first member's index -> group
    group_of: dict[int, int] = {}
    exact: dict[str, int] = {}
    index = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
    signatures: dict[int, LeanMinHash] = {}
    for position, document in enumerate(documents):
        words = _words(document)
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()
        if digest in exact:
            _join(groups, group_of, group_of[exact[digest]], position, 1.0)
            continue
        exact[digest] = position
        if len(words) < _MIN_WORDS:
            _start(groups, group_of, position)
            continue
        signature = _signature(words)
        match = _best_match(index, signatures, signature, threshold)
        if match is None:
            _start(groups, group_of, position)
            index.insert(str(position), signature)
            signatures[position] = signature
        else:
            other, similarity = match
            _join(groups, group_of, group_of[other], position, similarity)
    kept: list[Document] = []
    problems: list[Problem] = []
    for first in sorted(groups):
        document, dropped = _merge([(documents[i], s) for i, s in groups[first].members])
        kept.append(document)
        problems.extend(dropped)
    return kept, problems


def _start(groups: dict[int, _Group], group_of: dict[int, int], position: int) -> None:
    groups[position] = _Group([(position, 1.0)])
    group_of[position] = position


def _join(groups: dict[int, _Group], group_of: dict[int, int], group: int, position: int, similarity: float) -> None:
    groups[group].members.append((position, similarity))
    group_of[position] = group


def _best_match(
    index: MinHashLSH, signatures: dict[int, LeanMinHash], signature: LeanMinHash, threshold: float
) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for key in index.query(signature):
        similarity = signature.jaccard(signatures[int(key)])
        if similarity >= threshold and (best is None or similarity > best[1]):
            best = (int(key), similarity)
    return best


def _timestamp(document: Document) -> float:
    return document.published.timestamp() if document.published else 0.0


def _merge(members: list[tuple[Document, float]]) -> tuple[Document, list[Problem]]:
    """The earliest published copy, listing the others; a warning for each of the others."""
    if len(members) == 1:
        return members[0][0], []
    order = sorted(
        range(len(members)),
        key=lambda i: (members[i][0].published is None, _timestamp(members[i][0]), i),
    )
    keeper = members[order[0]][0]
    copies = [members[i] for i in order[1:]]
    republications = tuple(
        Republication(
            id=copy.id, origin=copy.origin, outlet=copy.outlet, url=copy.url,
            published=copy.published, similarity=round(similarity, 3),
        )
        for copy, similarity in copies
    )
    problems = [
        Problem(
            origin=copy.origin,
            severity="warning",
            message=(
                f"{'an exact copy' if similarity == 1.0 else f'a near-duplicate ({similarity:.0%} alike)'} "
                f"of {keeper.origin}; read once, as {keeper.id!r}, with this source listed as another outlet"
            ),
        )
        for copy, similarity in copies
    ]
    return keeper.model_copy(update={"also_published_by": keeper.also_published_by + republications}), problems
