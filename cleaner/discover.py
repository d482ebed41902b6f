"""Finding the work under RAW: raw files (one document each) and shards (many documents)."""
from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .shards import shard_kind


@dataclass(frozen=True, slots=True)
class Job:
    """One raw file: its path relative to RAW, and its output stem relative to CLEAN.

    For a shard (``kind`` ``"jsonl"`` or ``"warc"``), ``out`` is the folder its documents'
    outputs go into (``a/crawl.warc.gz`` -> ``a/crawl``).
    """

    rel: str
    out: str
    kind: str | None = None


@dataclass(slots=True)
class Outcome:
    """What happened to one document (a raw file, or a record of a shard)."""

    rel: str
    status: str  # cleaned | skipped | rejected | failed | timeout
    reason: str | None = None
    out: str | None = None
    removed_chars: dict[str, int] = field(default_factory=dict)
    chars_in: int = 0
    chars_out: int = 0
    language: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


def discover(raw: Path) -> tuple[list[Job], list[Outcome]]:
    """Every regular file under ``raw``, and the files refused up front.

    Hidden names (``.*``) are skipped silently and are not in the report. Refused, with a
    reason: links that leave RAW, linked folders (not followed), what is not a regular file,
    names with a line break, and output collisions (two raw files that would write the same
    output, compared case-insensitively, an output that would also be a folder, two shards
    with the same output folder, a raw file's output inside a shard's output folder).
    """
    jobs, refused, _stats = discover_with_stats(raw)
    return jobs, refused


def discover_with_stats(raw: Path) -> tuple[list[Job], list[Outcome], dict[str, tuple[int, int] | None]]:
    """:func:`discover`, plus ``(size, mtime_ns)`` of every job's file (``None`` when it cannot be read)."""
    found, refused, stats = _walk(raw)
    jobs = [Job(rel, out, shard_kind(rel.rpartition("/")[2])) for rel, out in found]
    clash = _colliding(jobs)
    refused += [
        Outcome(job.rel, "rejected", f"output-collision: {clash[job.rel].format(out=job.out)}")
        for job in jobs
        if job.rel in clash
    ]
    return [job for job in jobs if job.rel not in clash], sorted(refused, key=lambda o: o.rel), stats


def _walk(raw: Path) -> tuple[list[tuple[str, str]], list[Outcome], dict[str, tuple[int, int] | None]]:
    """``(rel, output stem)`` of every acceptable file, the refused ones, and their stats.

    Plain strings and one ``lstat`` per file: this runs over every file on every run.
    """
    from .outputs import output_stem_str

    root = raw.resolve()
    top = os.fspath(raw)
    found: list[tuple[str, str]] = []
    refused: list[Outcome] = []
    stats: dict[str, tuple[int, int] | None] = {}
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        here = Path(dirpath)
        prefix = os.path.relpath(dirpath, top).replace(os.sep, "/") + "/" if dirpath != top else ""
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            dirnames.remove(name)
            refused.append(Outcome(prefix + name, "rejected", _refusal(here / name, root) or _LINKED_DIR))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            rel = prefix + name
            full = os.path.join(dirpath, name)
            try:
                st = os.lstat(full)
            except OSError:
                st = None
            if st is not None and stat.S_ISREG(st.st_mode) and "\n" not in name and "\r" not in name:
                reason = None
                stats[rel] = (st.st_size, st.st_mtime_ns)
            else:
                reason = _refusal(Path(full), root)
                stats[rel] = _stat(full)
            if reason:
                refused.append(Outcome(rel, "rejected", reason))
            else:
                found.append((rel, output_stem_str(rel)))
    return found, refused, stats


def _stat(path: str) -> tuple[int, int] | None:
    """``(size, mtime_ns)`` of a file, or ``None`` when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


_LINKED_DIR = "linked-folder: links to folders are not followed"


def _colliding(jobs: list[Job]) -> dict[str, str]:
    """The jobs whose outputs clash (by ``rel``), each with a reason template (``{out}``).

    Compared case-insensitively. A raw file writes the files ``out.txt`` and ``out.json``;
    a shard writes into the folder ``out/``, which must be its own.
    """
    counts = Counter(j.out.casefold() for j in jobs if j.kind is None)
    shard_dirs = Counter(j.out.casefold() for j in jobs if j.kind is not None)
    single_dirs = {p for o in counts for p in _parents(o)}
    nested = {p for d in shard_dirs for p in _parents(d)}
    folders = single_dirs | nested | set(shard_dirs)
    clash: dict[str, str] = {}
    for j in jobs:
        o = j.out.casefold()
        if j.kind is None:
            if counts[o] > 1:
                clash[j.rel] = "another raw file also maps to {out}.txt"
            elif f"{o}.txt" in folders or f"{o}.json" in folders:
                clash[j.rel] = "{out}.txt or {out}.json would also be a folder of outputs"
            elif any(p in shard_dirs for p in _parents(o)):
                clash[j.rel] = "{out} would be inside the output folder of a shard"
        elif shard_dirs[o] > 1:
            clash[j.rel] = "another shard also writes its documents into {out}/"
        elif o.endswith((".txt", ".json")) and o.rsplit(".", 1)[0] in counts:
            clash[j.rel] = "{out}/ would also be the output file of a raw file"
        elif o in single_dirs:
            clash[j.rel] = "raw files also write outputs into {out}/"
        elif o in nested or any(p in shard_dirs for p in _parents(o)):
            clash[j.rel] = "{out}/ and the output folder of another shard are nested"
    return clash


def _parents(path: str) -> list[str]:
    """``a/b/c`` -> ``["a/b", "a"]``."""
    out = []
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        out.append(path)
    return out


def _refusal(path: Path, root: Path) -> str | None:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return "symlink-outside: the link points outside RAW"
    if path.is_dir():
        return None
    if not path.is_file():
        return "not-a-file: not a regular file"
    if "\n" in path.name or "\r" in path.name:
        return "bad-name: line break in the file name"
    return None
