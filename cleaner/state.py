"""What the last run knew about each raw file, so a rerun redoes only what changed.

Kept in ``CLEAN/.cleaner/state.json`` (written atomically at the end of a run). Per raw file:
its size and modification time when it was read, its line keys (for the corpus pass), and
the fingerprints and outcome of its outputs. A file whose size and modification time are
unchanged is not read again in the corpus pass (its keys come from here), and is skipped
without being read at all when its configuration and corpus fingerprints are also unchanged
and its outputs exist: make's rule, with the corpus pass made incremental. Anything
unreadable or from another version or code (:func:`~cleaner.config.code_digest`) is ignored:
the run then simply does the full work.

A shard (:mod:`cleaner.shards`) is one entry too, the unit of change: besides its stat it
keeps what reading it found (``shard``: record count, skipped records, error, the size
limit it was read with) and one :class:`RecordState` per record (its id, output, line keys,
corpus fingerprint and outcome), so an unchanged shard is skipped without being read.

Line keys stay packed (base64 text, as stored) until something needs them
(:func:`unpack_keys`): a run with nothing to do never unpacks them. ``State.meta`` keeps
what the corpus pass found (:mod:`cleaner.repeated`).
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
from .config import code_digest
from .outputs import STATE_DIR, atomic_write

STATE_NAME = "state.json"
FORMAT = 3


Keys = list[int] | str | None  # line keys, or still packed (base64), or none


@dataclass(slots=True)
class RecordState:
    """The last run's record of one document of a shard (``id``/``out`` unknown: rejected)."""

    index: int
    id: str | None
    out: str | None
    keys: Keys
    corpus_fingerprint: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class FileState:
    """The last run's record of one raw file (``records``/``shard``: of a shard only)."""

    size: int
    mtime_ns: int
    keys: Keys
    config_fingerprint: str = ""
    corpus_fingerprint: str = ""
    outcome: dict[str, Any] = field(default_factory=dict)
    records: list[RecordState] | None = None
    shard: dict[str, Any] | None = None


class State(dict):
    """The files' states by path relative to RAW, and ``meta``: facts about the whole run."""

    def __init__(self, files: dict[str, FileState] | None = None, meta: dict[str, Any] | None = None) -> None:
        super().__init__(files or {})
        self.meta: dict[str, Any] = meta or {}


def pack_keys(keys: Keys) -> str | None:
    """Line keys as base64 of little-endian uint64s (compact, quick to load)."""
    if keys is None or isinstance(keys, str):
        return keys
    return base64.b64encode(array("Q", keys).tobytes()).decode("ascii")


def unpack_keys(keys: Keys) -> list[int] | None:
    """Line keys as a list (unpacking the stored form when needed; other collections as given)."""
    if not isinstance(keys, str):
        return keys
    unpacked = array("Q")
    unpacked.frombytes(base64.b64decode(keys))
    return unpacked.tolist()


def load_state(clean: Path) -> State:
    """The state of the last run in ``clean`` (empty when missing, broken or outdated)."""
    try:
        data = json.loads((clean / STATE_DIR / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return State()
    if not isinstance(data, dict) or data.get("cleaner_version") != __version__ or data.get("code") != code_digest():
        return State()
    try:
        files = {rel: _file_state(entry) for rel, entry in data.get("files", {}).items()}
        meta = data.get("meta") or {}
        if not isinstance(meta, dict) or any(not isinstance(k, (str, type(None))) for k in _packed(files)):
            raise TypeError("bad state")
        return State(files, meta)
    except (TypeError, ValueError, KeyError, AttributeError):
        return State()


def _packed(files: dict[str, FileState]) -> list[Any]:
    return [st.keys for st in files.values()] + [r.keys for st in files.values() for r in st.records or ()]


def _file_state(entry: dict[str, Any]) -> FileState:
    records = entry.get("records")
    if records is not None:
        records = [RecordState(r["i"], r["id"], r["out"], r["keys"], r["fp"], r["outcome"]) for r in records]
    return FileState(**{**entry, "records": records})


def _entry(st: FileState) -> dict[str, Any]:
    """The JSON form of one file's state (built by hand: ``asdict`` deep-copies the keys)."""
    entry = {
        "size": st.size, "mtime_ns": st.mtime_ns, "keys": pack_keys(st.keys),
        "config_fingerprint": st.config_fingerprint, "corpus_fingerprint": st.corpus_fingerprint,
        "outcome": st.outcome,
    }
    if st.records is not None:
        entry["shard"] = st.shard
        entry["records"] = [
            {"i": r.index, "id": r.id, "out": r.out, "keys": pack_keys(r.keys), "fp": r.corpus_fingerprint,
             "outcome": r.outcome}
            for r in st.records
        ]
    return entry


def save_state(clean: Path, files: dict[str, FileState], meta: dict[str, Any] | None = None) -> None:
    """Write the state for the next run, after the outputs it lists are on the disk.

    Outputs are written without a flush each (:func:`cleaner.outputs.atomic_write`); one
    ``os.sync()`` here makes them durable before the state that vouches for them.
    """
    entries = {rel: _entry(st) for rel, st in sorted(files.items())}
    data = {"cleaner_version": __version__, "code": code_digest(), "format": FORMAT, "meta": meta or {}, "files": entries}
    if hasattr(os, "sync"):
        os.sync()
    atomic_write(clean / STATE_DIR / STATE_NAME, json.dumps(data, separators=(",", ":")) + "\n", durable=True)


def unchanged(old: FileState | None, now: tuple[int, int] | None) -> bool:
    """The file has the size and modification time it had when last read."""
    return old is not None and now is not None and (old.size, old.mtime_ns) == now


def outputs_exist(clean: Path, out: str) -> bool:
    """Both outputs of a document are in place (strings, not ``pathlib``: called per document)."""
    base = os.path.join(clean, out)
    return os.path.isfile(base + ".txt") and os.path.isfile(base + ".json")
