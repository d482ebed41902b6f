"""The corpus pass: lines repeated across documents (as CCNet counts paragraph hashes).

A line's key is its text lower-cased, digits replaced by 0, punctuation and extra spaces
removed, hashed (blake2b, so keys are the same in every process and run). Each document
counts a key once. A key seen in at least ``min_docs`` documents is *repeated*.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"[\W_]+")
MIN_KEY_CHARS = 2


def line_key(text: str) -> int | None:
    """The normalised hash of a line, or ``None`` for lines too short to count."""
    norm = _PUNCT_RE.sub(" ", _DIGIT_RE.sub("0", text.lower())).strip()
    if len(norm) < MIN_KEY_CHARS:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "big")


def document_keys(lines: Iterable[str]) -> set[int]:
    """The distinct line keys of one document."""
    keys = {line_key(t) for t in lines}
    keys.discard(None)
    return keys  # type: ignore[return-value]


class LineCounter:
    """Counts, per line key, how many documents contain it."""

    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()

    def add(self, keys: Iterable[int]) -> None:
        """Count one document's distinct keys."""
        self.counts.update(keys)

    def repeated(self, min_docs: int) -> frozenset[int]:
        """Keys seen in at least ``min_docs`` documents (none when ``min_docs`` is 0)."""
        if min_docs <= 0:
            return frozenset()
        return frozenset(k for k, n in self.counts.items() if n >= min_docs)
