"""Batch runs: every file under RAW cleaned into CLEAN, in two passes over the corpus.

Pass 1 reads every document and collects its line keys (:mod:`cleaner.corpus`); pass 2
cleans each document knowing which of its lines repeat across the corpus. A document whose
raw bytes, cleaner version, configuration (rule files included) and repeated lines are all
unchanged since its sidecar was written is skipped. RAW is only ever read.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .config import Config
from .corpus import LineCounter, document_keys
from .document import Line
from .reader import RawDocument, Rejected, read_raw
from .blocks import text_lines

PROGRESS_EVERY_S = 5.0


@dataclass(frozen=True, slots=True)
class Job:
    """One raw file: its path relative to RAW, and its output stem relative to CLEAN."""

    rel: str
    out: str


@dataclass(slots=True)
class Outcome:
    """What happened to one raw file."""

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
    output, compared case-insensitively, or an output that would also be a folder).
    """
    found, refused = _walk(raw)
    clash = _colliding([out for _, out in found])
    jobs = [Job(rel, out) for rel, out in found if out.casefold() not in clash]
    refused += [
        Outcome(rel, "rejected", f"output-collision: {clash[out.casefold()].format(out=out)}")
        for rel, out in found
        if out.casefold() in clash
    ]
    return jobs, sorted(refused, key=lambda o: o.rel)


def _walk(raw: Path) -> tuple[list[tuple[str, str]], list[Outcome]]:
    """``(rel, output stem)`` of every acceptable file, and the refused ones."""
    from .outputs import output_stem

    root = raw.resolve()
    found: list[tuple[str, str]] = []
    refused: list[Outcome] = []
    for dirpath, dirnames, filenames in os.walk(raw, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [d for d in dirnames if (here / d).is_symlink()]:
            dirnames.remove(name)
            rel = (here / name).relative_to(raw).as_posix()
            refused.append(Outcome(rel, "rejected", _refusal(here / name, root) or _LINKED_DIR))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            rel = (here / name).relative_to(raw).as_posix()
            reason = _refusal(here / name, root)
            if reason:
                refused.append(Outcome(rel, "rejected", reason))
            else:
                found.append((rel, output_stem(PurePosixPath(rel)).as_posix()))
    return found, refused


_LINKED_DIR = "linked-folder: links to folders are not followed"


def _colliding(outs: list[str]) -> dict[str, str]:
    """Casefolded output stems that clash, each with a reason template (``{out}``)."""
    counts = Counter(o.casefold() for o in outs)
    folders = {p.as_posix() for o in counts for p in PurePosixPath(o).parents}
    clash = {o: "another raw file also maps to {out}.txt" for o, n in counts.items() if n > 1}
    for o in counts:
        if o not in clash and {f"{o}.txt", f"{o}.json"} & folders:
            clash[o] = "{out}.txt or {out}.json would also be a folder of outputs"
    return clash


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


def prepare(raw: RawDocument) -> tuple[str, list[Line], Any]:
    """The text that offsets refer to, its lines, and for HTML the parsed tree."""
    if raw.format == "html":
        from .html import parse, render

        tree = parse(raw.text)
        source, lines = render(tree)
        return source, lines, tree
    return raw.text, text_lines(raw.text), None


# Worker state: set by _init in each worker process (or in-process for one job).
_STATE: dict[str, Any] = {}


def _init(raw: str, clean: str, config: Config, repeated: frozenset[int], fingerprint: str) -> None:
    _STATE.update(raw=Path(raw), clean=Path(clean), config=config, repeated=repeated, fp=fingerprint)


def _keys(job: Job) -> tuple[str, set[int] | None]:
    try:
        with time_limit(_STATE["config"].time_limit_s):
            _source, lines, _tree = prepare(read_raw(_STATE["raw"] / job.rel, _STATE["config"].max_bytes))
    except Exception:  # rejected, broken or too slow: pass 2 reports it
        return job.rel, None
    return job.rel, document_keys(line.text for line in lines)


def corpus_fingerprint(keys: set[int] | None, repeated: frozenset[int]) -> str:
    """Hash of the document's lines that repeat across the corpus (for up-to-date checks)."""
    mine = sorted((keys or set()) & repeated)
    return hashlib.sha256(",".join(map(str, mine)).encode()).hexdigest()[:16]


class TimeLimitExceeded(Exception):
    """Raised inside :func:`time_limit` when the time is up."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise TimeLimitExceeded()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the body after ``seconds``.

    No limit when ``seconds`` is 0, without ``setitimer`` (Windows) or off the main thread
    (signals are delivered to the main thread only).
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _clean(task: tuple[Job, str]) -> Outcome:
    from .job import clean_job

    job, corpus_fp = task
    limit = _STATE["config"].time_limit_s
    try:
        with time_limit(limit):
            return clean_job(job, _STATE, corpus_fp)
    except TimeLimitExceeded:
        return Outcome(job.rel, "timeout", f"timeout: more than {limit} s")
    except Rejected as exc:
        return Outcome(job.rel, "rejected", str(exc))
    except Exception as exc:  # an internal error: reported, and the batch goes on
        return Outcome(job.rel, "failed", f"error: {type(exc).__name__}: {exc}")


def _map(fn: Callable[[Any], Any], items: list[Any], jobs: int, init_args: tuple) -> Iterator[Any]:
    if jobs <= 1 or len(items) <= 1:
        _init(*init_args)
        yield from map(fn, items)
        return
    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(items) // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=_init, initargs=init_args) as pool:
        yield from pool.imap(fn, items, chunksize=chunk)


def _progress(items: Iterable[Any], total: int, label: str, quiet: bool) -> Iterator[Any]:
    last = time.monotonic()
    for n, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if not quiet and (now - last >= PROGRESS_EVERY_S or n == total) and total > 1:
            last = now
            end = "\n" if n == total or not sys.stderr.isatty() else "\r"
            print(f"{label}: {n}/{total} ({100 * n // total}%)", end=end, file=sys.stderr, flush=True)


def run(raw: Path, clean: Path, config: Config, jobs: int = 1, quiet: bool = False) -> dict[str, Any]:
    """Clean every file under ``raw`` into ``clean``; return (and write) the run report.

    Incremental (see :mod:`cleaner.state`): unchanged files are neither read again for the
    corpus pass nor cleaned again, unless the configuration or their repeated lines changed.
    Raises ``ValueError`` when the folders overlap (see :func:`check_folders`).
    """
    from .report import finish_report
    from .state import load_state, save_state, stat_key

    started = time.time()
    check_folders(raw, clean)
    todo, outcomes = discover(raw)
    fingerprint = config.fingerprint()
    old = load_state(clean)
    stats = {job.rel: stat_key(raw / job.rel) for job in todo}
    base = (str(raw), str(clean), config, frozenset(), fingerprint)
    keys = _corpus_keys(todo, old, stats, config, jobs, base, quiet)
    counter = LineCounter()
    for doc_keys in keys.values():
        counter.add(doc_keys or ())
    repeated = counter.repeated(config.repeated_min_docs)
    fps = {job.rel: corpus_fingerprint(keys.get(job.rel), repeated) for job in todo}
    skipped, tasks = _up_to_date(todo, old, stats, fps, fingerprint, clean)
    outcomes += [Outcome(**{**old[job.rel].outcome, "status": "skipped"}) for job in skipped]
    init = (str(raw), str(clean), config, repeated, fingerprint)
    results = list(_progress(_map(_clean, tasks, jobs, init), len(tasks), "clean", quiet))
    outcomes += results
    state = {job.rel: old[job.rel] for job in skipped}
    state.update(_new_state(tasks, results, stats, keys, fingerprint))
    save_state(clean, state)
    return finish_report(raw, clean, config, fingerprint, outcomes, started)


def _corpus_keys(todo, old, stats, config, jobs, base, quiet) -> dict[str, set[int] | None]:
    """Line keys of every document: from the state when unchanged, else read (pass 1)."""
    from .state import unchanged

    if not config.repeated_min_docs:
        return {}
    keys: dict[str, set[int] | None] = {}
    scan = []
    for job in todo:
        st = old.get(job.rel)
        if unchanged(st, stats[job.rel]) and st.keys is not None:
            keys[job.rel] = set(st.keys)
        else:
            scan.append(job)
    for rel, doc_keys in _progress(_map(_keys, scan, jobs, base), len(scan), "scan", quiet):
        keys[rel] = doc_keys
    return keys


def _up_to_date(todo, old, stats, fps, fingerprint, clean) -> tuple[list[Job], list[tuple[Job, str]]]:
    """Split the jobs into those whose outputs are up to date and the tasks to run."""
    from .state import outputs_exist, unchanged

    skipped: list[Job] = []
    tasks: list[tuple[Job, str]] = []
    for job in todo:
        st = old.get(job.rel)
        fresh = (
            unchanged(st, stats[job.rel])
            and st.config_fingerprint == fingerprint
            and st.corpus_fingerprint == fps[job.rel]
            and st.outcome.get("status") in ("cleaned", "skipped")
            and outputs_exist(clean, job.out)
        )
        (skipped.append(job) if fresh else tasks.append((job, fps[job.rel])))
    return skipped, tasks


def _new_state(tasks, results, stats, keys, fingerprint) -> dict[str, Any]:
    """State entries for the documents this run cleaned (or found up to date)."""
    from .state import FileState

    state = {}
    for (job, corpus_fp), outcome in zip(tasks, results):
        now = stats[job.rel]
        if outcome.status in ("cleaned", "skipped") and now is not None:
            doc_keys = keys.get(job.rel)
            state[job.rel] = FileState(
                now[0], now[1], sorted(doc_keys) if doc_keys is not None else None,
                fingerprint, corpus_fp, outcome.to_json(),
            )
    return state


def check_folders(raw: Path, clean: Path) -> None:
    """Raise ``ValueError`` unless RAW is a folder and RAW and CLEAN are apart.

    CLEAN inside RAW would feed outputs back in as inputs (and modify RAW); RAW inside
    CLEAN would expose raw files to the removal of stale outputs.
    """
    if not raw.is_dir():
        raise ValueError(f"RAW folder not found: {raw}")
    r, c = raw.resolve(), clean.resolve()
    if r == c or c.is_relative_to(r) or r.is_relative_to(c):
        raise ValueError(f"RAW ({raw}) and CLEAN ({clean}) must be separate folders, neither inside the other")
