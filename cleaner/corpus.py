"""The corpus pass: lines repeated across documents (as CCNet counts paragraph hashes).

A line's key is its text lower-cased, digits replaced by 0, punctuation and extra spaces
removed, hashed (blake2b, so keys are the same in every process and run). Each document
counts a key once. A key seen in at least ``min_docs`` documents is *repeated*.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile(r"[\W_]+")
MIN_KEY_CHARS = 2


@lru_cache(maxsize=1 << 16)
def line_key(text: str) -> int | None:
    """The normalised hash of a line, or ``None`` for lines too short to count (remembered
    for recent lines: menus and footers repeat across a corpus)."""
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
    """Counts, per line key, how many documents contain it.

    The keys are kept as arrays of 64-bit integers (8 bytes a key of a document) and counted
    at the end by sorting (numpy), not in a dictionary: a large corpus's keys fit in memory.
    """

    FLUSH = 1 << 20

    def __init__(self) -> None:
        self._chunks: list[Any] = []
        self._pending: list[int] = []

    def add(self, keys: Iterable[int] | str) -> None:
        """Count one document's distinct keys (or their packed form, as the state stores them)."""
        if isinstance(keys, str):
            import base64

            import numpy as np

            self._chunks.append(np.frombuffer(base64.b64decode(keys), dtype="<u8"))
            return
        self._pending.extend(keys)
        if len(self._pending) >= self.FLUSH:
            self._flush()

    def _flush(self) -> None:
        import numpy as np

        if self._pending:
            self._chunks.append(np.array(self._pending, dtype=np.uint64))
            self._pending = []

    def unique_counts(self) -> tuple[Any, Any]:
        """Every key once (sorted, numpy ``uint64``) and the number of documents holding it."""
        import numpy as np

        self._flush()
        if not self._chunks:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(self._chunks), return_counts=True)

    @property
    def counts(self) -> dict[int, int]:
        """``{key: documents}`` (as a dictionary: for small corpora and for writing out)."""
        keys, counts = self.unique_counts()
        return dict(zip(keys.tolist(), counts.tolist()))

    def repeated(self, min_docs: int) -> frozenset[int]:
        """Keys seen in at least ``min_docs`` documents (none when ``min_docs`` is 0)."""
        if min_docs <= 0:
            return frozenset()
        keys, counts = self.unique_counts()
        return frozenset(keys[counts >= min_docs].tolist())
