"""Batch runs: every file under RAW cleaned into CLEAN, in two passes over the corpus.

Pass 1 reads every document and collects its line keys (:mod:`cleaner.corpus`); pass 2
cleans each document knowing which of its lines repeat across the corpus. A document whose
raw bytes, cleaner version, configuration (rule files included) and repeated lines are all
unchanged since its sidecar was written is skipped. RAW is only ever read.

The worker pool runs tasks, each a batch of documents: a few raw files, or a run of
records of one shard (:mod:`cleaner.shardrun` cuts shards into batches, so one big shard
keeps every core busy).
"""
from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import Config
from .discover import Job, Outcome, discover, discover_with_stats
from .prepcache import close_folder, open_folder, scan_keys
from .progress import Progress
from .reader import Rejected, read_raw
from .repeated import CorpusLines, contributor, corpus_fingerprint
from .state import pack_keys

__all__ = ["Job", "Outcome", "discover", "run", "check_folders", "time_limit", "corpus_fingerprint"]

_NOTHING = object()
#: Tasks in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4


# Worker state: set by _init in each worker process (or in-process for one job).
_STATE: dict[str, Any] = {}


def _init(
    raw: str, clean: str, config: Config, repeated: frozenset[int], fingerprint: str, prepared: str | None = None
) -> None:
    _STATE.update(raw=Path(raw), clean=Path(clean), config=config, repeated=repeated, fp=fingerprint,
                  prepared=Path(prepared) if prepared else None)


def _keys(job: Job) -> tuple[str, str | None]:
    try:
        with time_limit(_STATE["config"].time_limit_s):
            raw = read_raw(_STATE["raw"] / job.rel, _STATE["config"].max_bytes)
            keys = scan_keys(raw, _STATE["config"], _STATE["prepared"], job.rel)
    except Exception:  # rejected, broken or too slow: pass 2 reports it
        return job.rel, None
    return job.rel, pack_keys(keys)  # compact (8 bytes a key) while the corpus pass goes on


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


def guarded(rel: str, fn: Callable[[], Outcome]) -> Outcome:
    """``fn()`` under the time limit; a timeout, rejection or internal error as its outcome."""
    limit = _STATE["config"].time_limit_s
    try:
        with time_limit(limit):
            return fn()
    except TimeLimitExceeded:
        return Outcome(rel, "timeout", f"timeout: more than {limit} s")
    except Rejected as exc:
        return Outcome(rel, "rejected", str(exc))
    except Exception as exc:  # an internal error: reported, and the batch goes on
        return Outcome(rel, "failed", f"error: {type(exc).__name__}: {exc}")


def _clean(task: tuple[Job, str]) -> Outcome:
    from .job import clean_job

    job, corpus_fp = task
    return guarded(job.rel, lambda: clean_job(job, _STATE, corpus_fp))


def _scan_task(task: tuple[str, Any]) -> tuple[str, Any]:
    """Pass 1 of one batch: line keys of raw files, or the scan of a shard's records."""
    if task[0] == "files":
        return "files", [_keys(job) for job in task[1]]
    from .shardrun import scan_records

    return "records", scan_records(task[1], _STATE)


def _clean_task(task: tuple[str, Any]) -> tuple[str, Any]:
    """Pass 2 of one batch: outcomes of raw files, or of a shard's records."""
    from .pipeline import warm_up

    warm_up(_STATE["config"])
    if task[0] == "files":
        return "files", [_clean(item) for item in task[1]]
    from .shardrun import clean_records

    return "records", clean_records(task[1], _STATE)


def pool_map(fn: Callable[[Any], Any], tasks: Iterable[Any], jobs: int, init_args: tuple) -> Iterator[Any]:
    """``fn`` over ``tasks`` (consumed lazily) in ``jobs`` worker processes, results in order.

    At most ``IN_FLIGHT_PER_WORKER * jobs`` tasks are submitted ahead of the results
    taken, so a task generator that reads a huge shard never runs far ahead.
    """
    tasks = iter(tasks)
    first = next(tasks, _NOTHING)
    if first is _NOTHING:  # no pool to start
        return
    tasks = _chain([first], tasks)
    if jobs <= 1:
        _init(*init_args)
        yield from map(fn, tasks)
        return
    ctx = multiprocessing.get_context("fork")
    pending: deque[Any] = deque()
    with ctx.Pool(jobs, initializer=_init, initargs=init_args) as pool:
        for task in tasks:
            pending.append(pool.apply_async(fn, (task,)))
            if len(pending) >= IN_FLIGHT_PER_WORKER * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def file_batches(items: list[Any], jobs: int) -> Iterator[tuple[str, list[Any]]]:
    """Raw files (or their tasks) in batches: big enough to be cheap, small enough to balance.

    About 32 batches a worker (64 files at most): a run ends when its last batch does, and
    a worker without a batch waits meanwhile, on average half a batch's time.
    """
    size = max(1, min(64, len(items) // (jobs * 32) or 1))
    for start in range(0, len(items), size):
        yield "files", items[start : start + size]


def run(raw: Path, clean: Path, config: Config, jobs: int = 1, quiet: bool = False) -> dict[str, Any]:
    """Clean every file under ``raw`` into ``clean``; return (and write) the run report.

    Incremental (see :mod:`cleaner.state`): unchanged files are neither read again for the
    corpus pass nor cleaned again, unless the configuration or their repeated lines changed.
    Raises ``ValueError`` when the folders overlap (see :func:`check_folders`).
    """
    from .state import load_state

    started = time.time()
    check_folders(raw, clean)
    todo, outcomes, stats = discover_with_stats(raw)
    old = load_state(clean)
    prepared = open_folder(clean) if config.repeated_min_docs else None
    try:
        return _run(raw, clean, config, jobs, quiet, started, todo, outcomes, stats, old, prepared)
    finally:
        close_folder(prepared)


def _run(raw, clean, config, jobs, quiet, started, todo, outcomes, stats, old, prepared) -> dict[str, Any]:
    """:func:`run` after discovery, with the run's folder of prepared pages."""
    from .report import finish_report
    from .shardrun import ShardRun
    from .state import save_state

    fingerprint = config.fingerprint()
    files = [job for job in todo if job.kind is None]
    shards = ShardRun(raw, [job for job in todo if job.kind is not None], old, stats, config, fingerprint)
    folder = str(prepared) if prepared else None
    base = (str(raw), str(clean), config, frozenset(), fingerprint, folder)
    keys, stored = _corpus_pass(files, shards, old, stats, config, jobs, base, quiet)
    corpus = _corpus_lines(files, keys, stats, shards, old.meta, config)
    fps = {job.rel: corpus.fingerprint(keys.get(job.rel), stored.get(job.rel)) for job in files}
    skipped, tasks = _up_to_date(files, old, stats, fps, fingerprint, clean)
    outcomes += [Outcome(**{**old[job.rel].outcome, "status": "skipped"}) for job in skipped]
    shards.plan(corpus, clean)
    results: list[Outcome] = []
    if tasks or shards.to_clean:
        init = (str(raw), str(clean), config, corpus.repeated, fingerprint, folder)
        results = _clean_pass(tasks, shards, jobs, init, quiet)
    outcomes += results + shards.outcomes()
    state = {job.rel: old[job.rel] for job in skipped}
    state.update(_new_state(tasks, results, stats, keys, fingerprint))
    state.update(shards.state())
    meta = corpus.meta()
    if meta != old.meta or len(state) != len(old) or any(old.get(rel) is not st for rel, st in state.items()):
        save_state(clean, state, meta)  # else nothing changed: no need to write it again
    return finish_report(raw, clean, config, fingerprint, outcomes, started, shards.report())


def _corpus_lines(files, keys, stats, shards, old_meta, config) -> CorpusLines:
    """The repeated lines of this run's corpus (raw files' keys and shards' records')."""
    names = [contributor(job.rel, stats[job.rel]) for job in files if keys.get(job.rel)]
    names += shards.contributors()

    def all_keys() -> Iterator[Any]:
        yield from keys.values()
        yield from shards.all_keys()

    return CorpusLines(config.repeated_min_docs, old_meta, names, all_keys)


def _clean_pass(tasks, shards, jobs, init, quiet) -> list[Outcome]:
    """Pass 2: clean the raw files' tasks and the shards' records; the files' outcomes."""
    results: list[Outcome] = []
    work = _chain(file_batches(tasks, jobs), shards.clean_tasks())
    total = len(tasks) + shards.to_clean
    _drive("clean", total, work, _clean_task, (jobs, init, quiet), results.extend, shards.take)
    return results


def _drive(label, total, work, fn, pool_args, take_files, take_records) -> None:
    """Run a pass's batches over the pool; hand each result to its taker; show progress."""
    jobs, init, quiet = pool_args
    progress = Progress(label, total, quiet)
    for kind, batch in pool_map(fn, work, jobs, init):
        (take_files if kind == "files" else take_records)(batch)
        progress.advance(len(batch) if kind == "files" else len(batch[1]))
    progress.close()


def _chain(*parts: Iterable[Any]) -> Iterator[Any]:
    for part in parts:
        yield from part


def _corpus_pass(files, shards, old, stats, config, jobs, base, quiet) -> tuple[dict[str, Any], dict[str, str]]:
    """Line keys of every raw file (from the state when unchanged, else read), and the
    corpus fingerprints stored with the keys taken from the state; the scan of every
    changed shard (its records' ids and keys) goes into ``shards``."""
    from .state import unchanged

    keys: dict[str, Any] = {}
    stored: dict[str, str] = {}
    scan: list[Job] = []
    if config.repeated_min_docs:
        for job in files:
            st = old.get(job.rel)
            if unchanged(st, stats[job.rel]) and st.keys is not None:
                keys[job.rel] = st.keys  # as stored (packed): unpacked only if needed
                stored[job.rel] = st.corpus_fingerprint
            else:
                scan.append(job)
    expected = shards.expected_scan()
    total = None if expected is None else len(scan) + expected
    work = _chain(file_batches(scan, jobs), shards.scan_tasks())
    _drive("scan", total, work, _scan_task, (jobs, base, quiet), keys.update, shards.take_scan)
    shards.finish_scan()
    return keys, stored


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
            if doc_keys is not None and not isinstance(doc_keys, str):
                doc_keys = sorted(doc_keys)
            state[job.rel] = FileState(now[0], now[1], doc_keys, fingerprint, corpus_fp, outcome.to_json())
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
