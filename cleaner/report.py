"""The run report: what happened to every raw file, and the totals, written into CLEAN."""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .outputs import REPORT_NAME, STATE_DIR, atomic_write, dumps, remove_temp_files
from .discover import Outcome

STATUSES = ("cleaned", "skipped", "rejected", "failed", "timeout")


def stale_outputs(clean: Path, keep: set[str]) -> list[str]:
    """Remove our outputs (sidecar and text) whose stem is not in ``keep``; their stems.

    Only sidecars we wrote (JSON objects with ``cleaner_version`` and ``removed``) are
    touched; other files in CLEAN, hidden ones and ``.cleaner/`` are left alone. Folders
    emptied by the removal are removed too.
    """
    gone: list[str] = []
    if not clean.is_dir():
        return gone
    top = os.fspath(clean)
    for dirpath, dirnames, filenames in os.walk(top):
        prefix = os.path.relpath(dirpath, top).replace(os.sep, "/") + "/" if dirpath != top else ""
        if not prefix and STATE_DIR in dirnames:
            dirnames.remove(STATE_DIR)
        for name in filenames:
            if not name.endswith(".json") or name.startswith(".") or prefix + name[:-5] in keep:
                continue
            sidecar = Path(dirpath, name)
            if not _is_sidecar(sidecar):
                continue
            sidecar.with_suffix(".txt").unlink(missing_ok=True)
            sidecar.unlink()
            gone.append(prefix + name[:-5])
    for stem in gone:
        _remove_empty_folders((clean / stem).parent, clean)
    return sorted(gone)


def _remove_empty_folders(folder: Path, clean: Path) -> None:
    """Remove ``folder`` and its parents up to ``clean`` while they are empty."""
    while folder != clean and folder.is_relative_to(clean):
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove)
            return
        folder = folder.parent


def _is_sidecar(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "cleaner_version" in data and "removed" in data


def summarize(outcomes: list[Outcome]) -> dict[str, Any]:
    """Counts per status and characters removed per category."""
    status = Counter(o.status for o in outcomes)
    removed: Counter[str] = Counter()
    for o in outcomes:
        removed.update(o.removed_chars)
    return {
        "documents": len(outcomes),
        **{s: status.get(s, 0) for s in STATUSES},
        "chars_in": sum(o.chars_in for o in outcomes),
        "chars_out": sum(o.chars_out for o in outcomes),
        "removed_chars": dict(sorted(removed.items())),
    }


def format_summary(summary: dict[str, Any], report_path: Path) -> str:
    """The human summary printed at the end of a run."""
    processed = summary["cleaned"] + summary["skipped"]
    lines = [
        f"processed {processed} (cleaned {summary['cleaned']}, up to date {summary['skipped']}), "
        f"rejected {summary['rejected']}, failed {summary['failed']}, timed out {summary['timeout']}",
        f"characters: {summary['chars_in']} in, {summary['chars_out']} out",
    ]
    if summary["removed_chars"]:
        parts = ", ".join(f"{k} {v}" for k, v in summary["removed_chars"].items())
        lines.append(f"removed per category: {parts}")
    if summary.get("shards"):
        left = ", ".join(f"{n} {k}" for k, n in summary["records_left_out"].items()) or "none"
        errors = f", {summary['shard_errors']} not read to the end" if summary["shard_errors"] else ""
        lines.append(f"shards: {summary['shards']} (records left out: {left}{errors})")
    if summary.get("stale_removed"):
        lines.append(f"removed {len(summary['stale_removed'])} out-of-date outputs (raw file gone or not cleaned)")
    lines.append(f"report: {report_path}")
    return "\n".join(lines)


def finish_report(
    raw: Path, clean: Path, config: Config, fingerprint: str,
    outcomes: list[Outcome], started: float, shards: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Remove stale outputs, write ``CLEAN/.cleaner/report.json`` and return the report.

    Stale outputs are those of raw files that are gone, and of raw files that were not
    cleaned this time (rejected, failed, timed out: their old outputs no longer match
    them), so CLEAN holds exactly the documents reported ``cleaned`` or ``skipped`` (records
    of shards alike: a record that left its shard loses its outputs). Temporary files left
    by an interrupted run are removed too. ``shards``: per shard, the records read, those
    left out (``not-response``, ``not-html``, ``blank-line``) and the error that stopped it.
    """
    outcomes = sorted(outcomes, key=lambda o: o.rel)
    summary = summarize(outcomes)
    shards = shards or {}
    left_out: Counter[str] = Counter()
    for info in shards.values():
        left_out.update(info.get("skipped") or {})
    summary["shards"] = len(shards)
    summary["records_left_out"] = dict(sorted(left_out.items()))
    summary["shard_errors"] = sum(1 for info in shards.values() if info.get("error"))
    keep = {o.out for o in outcomes if o.status in ("cleaned", "skipped") and o.out}
    summary["stale_removed"] = stale_outputs(clean, keep)
    remove_temp_files(clean)
    report = {
        "cleaner_version": __version__,
        "raw": str(raw),
        "clean": str(clean),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 3),
        "config": config.to_dict(),
        "config_fingerprint": fingerprint,
        "summary": summary,
        "documents": [o.to_json() for o in outcomes],
        "shards": dict(sorted(shards.items())),
    }
    path = clean / STATE_DIR / REPORT_NAME
    atomic_write(path, dumps(report))
    report["path"] = str(path)
    return report
