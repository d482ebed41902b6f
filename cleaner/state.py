"""What the last run knew about each raw file, so a rerun redoes only what changed.

Kept in ``CLEAN/.cleaner/state.json`` (written atomically at the end of a run). Per raw file:
its size and modification time when it was read, its line keys (for the corpus pass), and
the fingerprints and outcome of its outputs. A file whose size and modification time are
unchanged is not read again in the corpus pass (its keys come from here), and is skipped
without being read at all when its configuration and corpus fingerprints are also unchanged
and its outputs exist: make's rule, with the corpus pass made incremental. Anything
unreadable or from another version is ignored: the run then simply does the full work.

A shard (:mod:`cleaner.shards`) is one entry too, the unit of change: besides its stat it
keeps what reading it found (``shard``: record count, skipped records, error, the size
limit it was read with) and one :class:`RecordState` per record (its id, output, line keys,
corpus fingerprint and outcome), so an unchanged shard is skipped without being read.
"""
from __future__ import annotations

import base64
import json
import os
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .outputs import STATE_DIR, atomic_write

STATE_NAME = "state.json"
FORMAT = 3


@dataclass(slots=True)
class RecordState:
    """The last run's record of one document of a shard (``id``/``out`` unknown: rejected)."""

    index: int
    id: str | None
    out: str | None
    keys: list[int] | None
    corpus_fingerprint: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class FileState:
    """The last run's record of one raw file (``records``/``shard``: of a shard only)."""

    size: int
    mtime_ns: int
    keys: list[int] | None
    config_fingerprint: str = ""
    corpus_fingerprint: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)
    records: list[RecordState] | None = None
    shard: dict[str, Any] | None = None


def stat_key(path: Path) -> tuple[int, int] | None:
    """``(size, mtime_ns)`` of a file, or ``None`` when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _pack(keys: list[int] | None) -> str | None:
    """Line keys as base64 of little-endian uint64s (compact, quick to load)."""
    return None if keys is None else base64.b64encode(array("Q", keys).tobytes()).decode("ascii")


def _unpack(packed: str | None) -> list[int] | None:
    if packed is None:
        return None
    keys = array("Q")
    keys.frombytes(base64.b64decode(packed))
    return keys.tolist()


def load_state(clean: Path) -> dict[str, FileState]:
    """The state of the last run in ``clean`` (empty when missing, broken or outdated)."""
    try:
        data = json.loads((clean / STATE_DIR / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("cleaner_version") != __version__:
        return {}
    try:
        return {rel: _file_state(entry) for rel, entry in data.get("files", {}).items()}
    except (TypeError, ValueError, KeyError, AttributeError):
        return {}


def _file_state(entry: dict[str, Any]) -> FileState:
    records = entry.get("records")
    if records is not None:
        records = [
            RecordState(r["i"], r["id"], r["out"], _unpack(r["keys"]), r["fp"], r["outcome"]) for r in records
        ]
    return FileState(**{**entry, "keys": _unpack(entry.get("keys")), "records": records})


def _entry(st: FileState) -> dict[str, Any]:
    """The JSON form of one file's state (built by hand: ``asdict`` deep-copies the keys)."""
    entry = {
        "size": st.size, "mtime_ns": st.mtime_ns, "keys": _pack(st.keys),
        "config_fingerprint": st.config_fingerprint, "corpus_fingerprint": st.corpus_fingerprint,
        "outcome": st.outcome,
    }
    if st.records is not None:
        entry["shard"] = st.shard
        entry["records"] = [
            {"i": r.index, "id": r.id, "out": r.out, "keys": _pack(r.keys), "fp": r.corpus_fingerprint,
             "outcome": r.outcome}
            for r in st.records
        ]
    return entry


def save_state(clean: Path, files: dict[str, FileState]) -> None:
    """Write the state for the next run."""
    entries = {rel: _entry(st) for rel, st in sorted(files.items())}
    data = {"cleaner_version": __version__, "format": FORMAT, "files": entries}
    atomic_write(clean / STATE_DIR / STATE_NAME, json.dumps(data, separators=(",", ":")) + "\n")


def unchanged(old: FileState | None, now: tuple[int, int] | None) -> bool:
    """The file has the size and modification time it had when last read."""
    return old is not None and now is not None and (old.size, old.mtime_ns) == now


def outputs_exist(clean: Path, out: str) -> bool:
    """Both outputs of a document are in place."""
    return (clean / f"{out}.txt").is_file() and (clean / f"{out}.json").is_file()
