"""Cleaning one raw file of a batch: up-to-date check, cleaning, atomic outputs."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import __version__
from .outputs import atomic_write, dumps, leaves_folder, removed_chars, sidecar
from .pipeline import clean_prepared
from .reader import read_raw
from .runner import Outcome, prepare


def _up_to_date(sidecar_path: Path, text_path: Path, expect: dict[str, str]) -> dict | None:
    """The existing sidecar if every field of ``expect`` has the same value in it.

    ``expect`` holds the raw file's name and hash, the cleaner version and the
    fingerprints of the configuration and of the corpus lines. The clean text must also
    be the one the sidecar was written with (``text_sha256``): a run killed between
    writing the sidecar and the text leaves an older text beside a newer sidecar.
    """
    if not (sidecar_path.is_file() and text_path.is_file()):
        return None
    try:
        old = json.loads(sidecar_path.read_text(encoding="utf-8"))
        if not isinstance(old, dict) or not all(old.get(k) == v for k, v in expect.items()):
            return None
        text_hash = hashlib.sha256(text_path.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return None
    return old if old.get("text_sha256") == text_hash else None


def _write_outputs(rel: str, sidecar_path: Path, sidecar_data: str, text_path: Path, text: str) -> Outcome | None:
    """Write the sidecar, then the text; on an OS error (disk full...) remove both.

    Returns the ``failed`` outcome of a write error (with its reason), ``None`` on success.
    """
    try:
        atomic_write(sidecar_path, sidecar_data)
        atomic_write(text_path, text)
    except OSError as exc:
        for path in (sidecar_path, text_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        why = exc.strerror or str(exc)
        return Outcome(rel, "failed", f"write-error: {why} (writing {text_path.parent})")
    return None


def clean_job(job: Any, state: dict[str, Any], corpus_fp: str) -> Outcome:
    """Clean ``job`` (a :class:`cleaner.runner.Job`) into the CLEAN folder of ``state``.

    A document whose outputs are up to date is skipped (status ``skipped``, outputs left
    untouched). Otherwise the sidecar and then the clean text are written, each atomically:
    an interrupted run never leaves a text without its sidecar, and a sidecar whose text is
    missing or older (``text_sha256``) is not up to date, so the next run redoes it.
    """
    clean: Path = state["clean"]
    text_path = clean / f"{job.out}.txt"
    sidecar_path = clean / f"{job.out}.json"
    fps = {"config_fingerprint": state["fp"], "corpus_fingerprint": corpus_fp}
    config = state["config"]
    if leaves_folder(clean, text_path):
        why = f"unsafe-output: {job.out}.txt would be written outside CLEAN (a linked folder)"
        return Outcome(job.rel, "rejected", why)
    raw = read_raw(state["raw"] / job.rel, config.max_bytes)
    expect = {"source": job.rel, "sha256": raw.sha256, "cleaner_version": __version__, **fps}
    old = _up_to_date(sidecar_path, text_path, expect)
    if old is not None:
        return Outcome(job.rel, "skipped", None, job.out, old.get("removed_chars", {}),
                       old.get("chars_in", 0), old.get("chars_out", 0), old.get("language"))
    result = clean_prepared(raw.format, prepare(raw), config, state["repeated"], path=job.rel)
    data = sidecar(job.rel, raw, result, config, fps)
    failed = _write_outputs(job.rel, sidecar_path, dumps(data), text_path, result.text)
    if failed is not None:
        return failed
    return Outcome(job.rel, "cleaned", None, job.out, removed_chars(result),
                   len(result.source), len(result.text), result.metadata.get("language"))
