"""The corpus pass's result: which lines repeat, and each document's corpus fingerprint.

Counting every document's line keys and fingerprinting each document against the
repeated set costs seconds on a large corpus, so both are skipped when they cannot have
changed. The state's ``meta`` keeps a digest of the *contributors* (every document whose
keys were counted, by path, record index and file stat) and a digest of the repeated set.
When the contributors and ``repeated_min_docs`` are the same as last run, the repeated set
is the same (a file's keys only change with its stat), so it is only counted when pass 2
has something to clean; when its digest is the same, a document whose keys came from the
state keeps the fingerprint stored with them.
"""
from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from .corpus import LineCounter
from .state import Keys, unpack_keys


def corpus_fingerprint(keys: Iterable[int] | None, repeated: frozenset[int]) -> str:
    """Hash of the document's lines that repeat across the corpus (for up-to-date checks)."""
    mine = sorted(repeated.intersection(keys)) if keys and repeated else []
    return hashlib.sha256(",".join(map(str, mine)).encode()).hexdigest()[:16]


def contributor(name: str, stat: tuple[int, int] | None) -> str:
    """How a document whose keys are counted is named in the contributors' digest."""
    return f"{name}\0{stat[0] if stat else -1}\0{stat[1] if stat else -1}"


class CorpusLines:
    """The repeated lines of one run, counted only when needed."""

    def __init__(
        self, min_docs: int, old_meta: dict[str, Any], contributors: list[str],
        all_keys: Callable[[], Iterable[Keys]],
    ) -> None:
        self.min_docs = min_docs
        self.old = old_meta
        self.contributors = hashlib.sha256("\n".join(sorted(contributors)).encode()).hexdigest()[:32]
        self._all_keys = all_keys
        self._repeated: frozenset[int] | None = None
        self._digest: str | None = None
        self.same_corpus = (
            old_meta.get("contributors") == self.contributors and old_meta.get("min_docs") == min_docs
            and isinstance(old_meta.get("repeated"), str)
        )

    @property
    def repeated(self) -> frozenset[int]:
        """Keys of the lines in at least ``min_docs`` documents (counted on first use)."""
        if self._repeated is None:
            counter = LineCounter()
            for keys in self._all_keys():
                counter.add(keys if keys is not None else ())
            self._repeated = counter.repeated(self.min_docs)
        return self._repeated

    @property
    def digest(self) -> str:
        """Digest of the repeated set (the last run's when the corpus is the same)."""
        if self._digest is None:
            same = self.same_corpus
            self._digest = self.old["repeated"] if same else _digest(self.repeated)
        return self._digest

    @property
    def unchanged(self) -> bool:
        """The repeated set is the one of the last run."""
        return self.digest == self.old.get("repeated")

    def fingerprint(self, keys: Keys, stored: str | None = None) -> str:
        """The document's corpus fingerprint; ``stored`` (kept with keys from the state) when still valid."""
        if stored is not None and self.unchanged:
            return stored
        return corpus_fingerprint(unpack_keys(keys), self.repeated)

    def meta(self) -> dict[str, Any]:
        """What the next run compares with."""
        return {"min_docs": self.min_docs, "contributors": self.contributors, "repeated": self.digest}


def _digest(repeated: frozenset[int]) -> str:
    return hashlib.sha256(array("Q", sorted(repeated)).tobytes()).hexdigest()[:32]
