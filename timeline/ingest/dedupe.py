"""Exact and near-duplicate documents (one wire story, several outlets) -> one document each.

Exact copies are found by hashing the news text (the body less its excluded spans, with
whitespace and case folded). Near-duplicates are found with MinHash signatures of word
5-grams in a locality-sensitive hash index (datasketch), so the cost grows with the number
of documents, not with its square. A group of copies is kept once: its first copy in input
order, which lists the others in `also_published_by`; each dropped copy is reported.

Detection streams (`DuplicateIndex`): a document is checked against those before it, and can
be analysed at once, without waiting for the rest of the input; only its `Fingerprint` is
kept. The first copy, not the earliest published, is kept for that reason: knowing the
earliest would mean holding every document until the input ends. Input order is the user's
to choose (name the wire's folder first).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from timeline.types import Document, Problem, Republication

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash

# datasketch is imported where it is used: it brings scipy, half a second that commands
# which read no documents (`timeline tag`, `timeline --version`) should not wait for.

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
    from datasketch import MinHash

    return MinHash(num_perm=_PERMUTATIONS, seed=1)


def _signature(words: list[str]) -> LeanMinHash:
    shingles = {" ".join(words[i : i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}
    from datasketch import LeanMinHash, MinHash

    # crc32 is a C function: hashing the shingles costs a fraction of datasketch's sha1 default.
    template = _template()
    minhash = MinHash(
        num_perm=_PERMUTATIONS, hashfunc=zlib.crc32, permutations=template.permutations, scheme=template.scheme
    )
    minhash.update_batch(list(shingles))
    return LeanMinHash(minhash)


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs of a document: no text, so it is cheap to keep and send."""

    digest: str  # of the folded news text: equal for exact copies
    signature: LeanMinHash | None  # None when the text is too short to compare


def fingerprint(document: Document) -> Fingerprint:
    """A pure function of the document: it runs where the document is read (a worker)."""
    words = _words(document)
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()
    return Fingerprint(digest, _signature(words) if len(words) >= _MIN_WORDS else None)


@dataclass(frozen=True)
class Original:
    """A document kept as the first of its story, as duplicate messages name it."""

    id: str
    origin: str


@dataclass(frozen=True)
class Duplicate:
    of: Original
    similarity: float  # 1.0 for an exact copy


class DuplicateIndex:
    """Streaming duplicate detection: each document is checked against the originals seen
    before it (exact digest, then MinHash LSH), and becomes one itself when it repeats none.

    A story's first copy in input order is its original, so a document can be passed on as
    soon as it is checked. Copies are compared with originals only (a copy of a copy is
    caught through their shared original), as one story's copies all resemble its first one.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        from datasketch import MinHashLSH

        self._exact: dict[str, int] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
        self._signatures: list[LeanMinHash | None] = []
        self._originals: list[Original] = []

    def check(self, original: Original, fingerprint: Fingerprint) -> Duplicate | None:
        """The original `fingerprint` repeats, or None (and it is remembered as an original)."""
        if (position := self._exact.get(fingerprint.digest)) is not None:
            return Duplicate(self._originals[position], 1.0)
        signature = fingerprint.signature
        if signature is not None and (match := self._best_match(signature)) is not None:
            return Duplicate(self._originals[match[0]], match[1])
        position = len(self._originals)
        self._originals.append(original)
        self._exact[fingerprint.digest] = position
        self._signatures.append(signature)
        if signature is not None:
            self._lsh.insert(position, signature)
        return None

    def _best_match(self, signature: LeanMinHash) -> tuple[int, float] | None:
        """The most similar original above the threshold; the earliest one on a tie."""
        best: tuple[int, float] | None = None
        for position in sorted(self._lsh.query(signature)):
            other = self._signatures[position]
            assert other is not None  # only signed originals are in the LSH index
            similarity = float(signature.jaccard(other))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (position, similarity)
        return best


def republication(copy: Document, similarity: float) -> Republication:
    return Republication(
        id=copy.id, origin=copy.origin, outlet=copy.outlet, url=copy.url,
        published=copy.published, similarity=round(similarity, 3),
    )


def duplicate_problem(copy: Document, duplicate: Duplicate) -> Problem:
    kind = "an exact copy" if duplicate.similarity == 1.0 else f"a near-duplicate ({duplicate.similarity:.0%} alike)"
    return Problem(
        origin=copy.origin,
        severity="warning",
        message=(
            f"{kind} of {duplicate.of.origin}; read once, as {duplicate.of.id!r}, "
            "with this source listed as another outlet"
        ),
    )

