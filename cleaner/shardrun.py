"""The shards of a batch run: scan, up-to-date check, record batches for the pool, state.

A shard is the unit of change. Pass 1 scans a shard that is new or changed: every record
is checked, its id read and its line keys collected, in batches run by the workers; ids
are then deduplicated (the first record with an id wins) and given output names
(:func:`cleaner.records.assign_names`). An unchanged shard (same size and modification time,
read with the same size limit) is not scanned: its records' ids, names and keys come from
the state. It is skipped whole, without being read, when the configuration and every
record's corpus fingerprint are unchanged and every cleaned record's outputs exist.
Otherwise pass 2 streams it again and sends its records in batches to the workers, where
each record is cleaned, or found up to date by its sidecar, like a raw file.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config
from .discover import Job, Outcome
from .records import RecordRejected, assign_names, parse_record, record_rel
from .repeated import CorpusLines, contributor
from .shards import RawRecord, ShardInfo, iter_records
from .state import FileState, Keys, RecordState, outputs_exist, pack_keys, unchanged

RECORDS_PER_BATCH = 16
BATCH_BYTES = 8 << 20
DONE = ("cleaned", "skipped")


@dataclass(slots=True)
class ScanBatch:
    """Records of one shard for pass 1."""

    rel: str
    kind: str
    records: list[RawRecord]


@dataclass(slots=True)
class CleanBatch:
    """Records of one shard for pass 2: ``(raw record, id, output stem, corpus fingerprint)``."""

    rel: str
    kind: str
    items: list[tuple[RawRecord, str, str, str]]


ScanResult = tuple[int, "str | None", "str | None", "str | None", "str | None"]


def scan_records(batch: ScanBatch, state: dict[str, Any]) -> tuple[str, list[ScanResult]]:
    """Pass 1 in a worker: ``(index, id, keys, status, reason)`` of each record.

    ``status`` is ``None`` for a record to clean, else its final status (``rejected``; a
    ``timeout`` or ``failed`` before its id was known).
    """
    scan = [_scan_one(raw, batch.kind, batch.rel, state["config"], state.get("prepared")) for raw in batch.records]
    return batch.rel, scan


def _scan_one(raw: RawRecord, kind: str, shard: str, config: Config, prepared: Path | None) -> ScanResult:
    from .prepcache import scan_keys
    from .runner import TimeLimitExceeded, time_limit

    rid = None
    try:
        with time_limit(config.time_limit_s):
            rec = parse_record(raw, kind, config.max_bytes)
            rid = rec.id
            keys = None
            if config.repeated_min_docs:
                key = record_rel(shard, rid, raw.index)
                keys = pack_keys(scan_keys(rec.doc, config, prepared, key, rec.url))
        return raw.index, rid, keys, None, None
    except RecordRejected as exc:
        return raw.index, exc.id, None, "rejected", str(exc)
    except TimeLimitExceeded:
        why = "timeout", f"timeout: more than {config.time_limit_s} s"
    except Exception as exc:  # an internal error
        why = "failed", f"error: {type(exc).__name__}: {exc}"
    return (raw.index, rid, None, None, None) if rid is not None else (raw.index, None, None, *why)


def clean_records(batch: CleanBatch, state: dict[str, Any]) -> tuple[str, list[tuple[int, Outcome]]]:
    """Pass 2 in a worker: the outcome of each record (the time limit applies to each)."""
    from .job import clean_record
    from .runner import guarded

    out = []
    for raw, rid, stem, corpus_fp in batch.items:
        rel = record_rel(batch.rel, rid, raw.index)
        work = lambda: clean_record(raw, batch.kind, batch.rel, rid, stem, corpus_fp, state)  # noqa: E731
        out.append((raw.index, guarded(rel, work)))
    return batch.rel, out


def batched(records: Iterable[Any], size_of: Any = len) -> Iterator[list[Any]]:
    """Records in lists of at most ``RECORDS_PER_BATCH`` records or about ``BATCH_BYTES``."""
    batch: list[Any] = []
    size = 0
    for record in records:
        batch.append(record)
        size += size_of(record)
        if len(batch) >= RECORDS_PER_BATCH or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class ShardRun:
    """Every shard of one run, from the scan to the state."""

    def __init__(
        self, raw: Path, jobs: list[Job], old: dict[str, FileState], stats: dict[str, Any],
        config: Config, fingerprint: str,
    ) -> None:
        self.raw, self.jobs, self.old, self.stats = raw, jobs, old, stats
        self.config, self.fingerprint = config, fingerprint
        self.entries: dict[str, list[RecordState]] = {}
        self.infos: dict[str, dict[str, Any]] = {}
        self.scans: dict[str, dict[int, ScanResult]] = {}
        self.fresh: set[str] = set()
        self.by_index: dict[str, dict[int, RecordState]] = {}
        self.to_clean = 0
        self.rescan: list[Job] = []
        for job in jobs:
            st = old.get(job.rel)
            if self._reusable(st, stats[job.rel]):
                self.entries[job.rel] = st.records
                self.infos[job.rel] = st.shard
            else:
                self.rescan.append(job)

    def _reusable(self, st: FileState | None, now: Any) -> bool:
        """Can the state's records stand for the shard's (not read again)?"""
        if st is None or st.records is None or not st.shard or not unchanged(st, now):
            return False
        if st.shard.get("max_bytes") != self.config.max_bytes:
            return False
        if self.config.repeated_min_docs and not st.shard.get("keys"):
            return False
        return not any(r.id is None and r.outcome.get("status") in ("timeout", "failed") for r in st.records)

    # --- pass 1 ---------------------------------------------------------------------------

    def expected_scan(self) -> int | None:
        """Records the scan will see (from the last run), ``None`` when a shard is new."""
        counts = [self.old[j.rel].shard.get("records") if j.rel in self.old and self.old[j.rel].shard else None
                  for j in self.rescan]
        return None if None in counts else sum(counts)  # type: ignore[arg-type]

    def scan_tasks(self) -> Iterator[tuple[str, ScanBatch]]:
        """Pass 1 tasks: the records of every shard to scan, in batches (read lazily)."""
        for job in self.rescan:
            info = ShardInfo()
            self.scans[job.rel] = {}
            records = iter_records(self.raw / job.rel, job.kind, self.config.max_bytes, info)
            for batch in batched(records, lambda r: len(r.data)):
                yield "records", ScanBatch(job.rel, job.kind, batch)
            keys = bool(self.config.repeated_min_docs)
            self.infos[job.rel] = {**info.to_json(), "max_bytes": self.config.max_bytes, "keys": keys}

    def take_scan(self, result: tuple[str, list[ScanResult]]) -> None:
        rel, scans = result
        self.scans[rel].update((s[0], s) for s in scans)

    def finish_scan(self) -> None:
        """Ids deduplicated and output names assigned for every scanned shard."""
        for job in self.rescan:
            entries: list[RecordState] = []
            first: dict[str, int] = {}
            for index, rid, keys, status, reason in (self.scans[job.rel][i] for i in sorted(self.scans[job.rel])):
                if status is None and rid in first:
                    status, reason = "rejected", f"duplicate-id: record {first[rid]} has the same id"
                    keys = None
                elif status is None:
                    first[rid] = index
                outcome = {} if status is None else Outcome(record_rel(job.rel, rid, index), status, reason).to_json()
                entries.append(RecordState(index, rid, None, keys, "", outcome))
            valid = [e for e in entries if not e.outcome]
            for entry, name in zip(valid, assign_names([e.id for e in valid])):
                entry.out = f"{job.out}/{name}"
            self.entries[job.rel] = entries
        self.scans.clear()

    def all_keys(self) -> Iterator[Keys]:
        """The line keys of every record that counts as a document of the corpus."""
        for entries in self.entries.values():
            for entry in entries:
                if entry.keys and entry.out is not None:
                    yield entry.keys

    def contributors(self) -> list[str]:
        """The names of the records whose keys are counted (see :mod:`cleaner.repeated`)."""
        return [
            contributor(f"{rel}#{entry.index}", self.stats[rel])
            for rel, entries in self.entries.items()
            for entry in entries
            if entry.keys and entry.out is not None
        ]

    # --- pass 2 ---------------------------------------------------------------------------

    def plan(self, corpus: CorpusLines, clean: Path) -> None:
        """Decide which shards are skipped whole, and which records go to pass 2."""
        rescanned = {job.rel for job in self.rescan}
        for job in self.jobs:
            entries = self.entries[job.rel]
            reused = job.rel not in rescanned  # keys and fingerprints from the state
            new_fps = [
                corpus.fingerprint(e.keys, e.corpus_fingerprint if reused else None) if e.out is not None else ""
                for e in entries
            ]
            st = self.old.get(job.rel)
            fresh = (
                reused and st is not None and st.config_fingerprint == self.fingerprint
                and all(_fresh(e, fp, clean) for e, fp in zip(entries, new_fps))
            )
            if fresh:
                self.fresh.add(job.rel)
                continue
            for entry, fp in zip(entries, new_fps):
                entry.corpus_fingerprint = fp
                if entry.out is not None:
                    entry.outcome = {}
                    self.to_clean += 1
            self.by_index[job.rel] = {e.index: e for e in entries if not e.outcome}

    def clean_tasks(self) -> Iterator[tuple[str, CleanBatch]]:
        """Pass 2 tasks: the records to clean of every shard not skipped, in batches."""
        for job in self.jobs:
            if job.rel in self.fresh:
                continue
            todo = dict(self.by_index[job.rel])
            items = self._items(job, todo)
            for batch in batched(items, lambda item: len(item[0].data)):
                yield "records", CleanBatch(job.rel, job.kind, batch)
            for entry in todo.values():  # the shard lost records since the scan
                why = "changed: the shard changed during the run"
                entry.outcome = Outcome(record_rel(job.rel, entry.id, entry.index), "rejected", why).to_json()

    def _items(self, job: Job, todo: dict[int, RecordState]) -> Iterator[tuple[RawRecord, str, str, str]]:
        if not todo:
            return
        for raw in iter_records(self.raw / job.rel, job.kind, self.config.max_bytes, ShardInfo()):
            entry = todo.pop(raw.index, None)
            if entry is not None:
                yield raw, entry.id, entry.out, entry.corpus_fingerprint
            if not todo:
                return

    def take(self, result: tuple[str, list[tuple[int, Outcome]]]) -> None:
        rel, outcomes = result
        for index, outcome in outcomes:
            self.by_index[rel][index].outcome = outcome.to_json()

    # --- results --------------------------------------------------------------------------

    def outcomes(self) -> list[Outcome]:
        """Every record's outcome (``skipped`` for a shard skipped whole), and shard errors."""
        out = []
        for job in self.jobs:
            skip = job.rel in self.fresh
            for entry in self.entries[job.rel]:
                status = entry.outcome.get("status")
                out.append(Outcome(**{**entry.outcome, "status": "skipped" if skip and status in DONE else status}))
            error = (self.infos.get(job.rel) or {}).get("error")
            if error:
                out.append(Outcome(job.rel, "rejected", error))
        return out

    def state(self) -> dict[str, FileState]:
        """State entries of the shards, for the next run."""
        state = {}
        for job in self.jobs:
            now = self.stats[job.rel]
            if job.rel in self.fresh:
                state[job.rel] = self.old[job.rel]
            elif now is not None:
                state[job.rel] = FileState(now[0], now[1], None, self.fingerprint, "", {},
                                           self.entries[job.rel], self.infos[job.rel])
        return state

    def report(self) -> dict[str, dict[str, Any]]:
        """Per shard: records read, records left out (by kind), and the error if any."""
        return {
            job.rel: {k: self.infos[job.rel].get(k) for k in ("records", "skipped", "error")} for job in self.jobs
        }


def _fresh(entry: RecordState, fp: str, clean: Path) -> bool:
    """Up to date: rejected by the scan (no output name), or cleaned with outputs in place."""
    if entry.out is None:
        return True
    return entry.outcome.get("status") in DONE and fp == entry.corpus_fingerprint and outputs_exist(clean, entry.out)
