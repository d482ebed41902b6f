"""Cleaning one raw file of a batch: up-to-date check, cleaning, atomic outputs."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import __version__
from .outputs import atomic_write, dumps, removed_chars, sidecar
from .pipeline import clean_lines, clean_rendered
from .reader import read_raw
from .runner import Outcome, prepare


def _up_to_date(sidecar_path: Path, text_path: Path, expect: dict[str, str]) -> dict | None:
    """The existing sidecar if every field of ``expect`` has the same value in it.

    ``expect`` holds the raw file's name and hash, the cleaner version and the
    fingerprints of the configuration and of the corpus lines.
    """
    if not (sidecar_path.is_file() and text_path.is_file()):
        return None
    try:
        old = json.loads(sidecar_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(old, dict):
        return None
    return old if all(old.get(k) == v for k, v in expect.items()) else None


def clean_job(job: Any, state: dict[str, Any], corpus_fp: str) -> Outcome:
    """Clean ``job`` (a :class:`cleaner.runner.Job`) into the CLEAN folder of ``state``.

    A document whose outputs are up to date is skipped (status ``skipped``, outputs left
    untouched). Otherwise the clean text and then the sidecar are written atomically.
    """
    clean: Path = state["clean"]
    text_path = clean / f"{job.out}.txt"
    sidecar_path = clean / f"{job.out}.json"
    fps = {"config_fingerprint": state["fp"], "corpus_fingerprint": corpus_fp}
    config = state["config"]
    raw = read_raw(state["raw"] / job.rel, config.max_bytes)
    expect = {"source": job.rel, "sha256": raw.sha256, "cleaner_version": __version__, **fps}
    old = _up_to_date(sidecar_path, text_path, expect)
    if old is not None:
        return Outcome(job.rel, "skipped", None, job.out, old.get("removed_chars", {}),
                       old.get("chars_in", 0), old.get("chars_out", 0), old.get("language"))
    source, lines, tree = prepare(raw)
    if raw.format == "html":
        result = clean_rendered(source, lines, tree, config, state["repeated"], path=job.rel)
    else:
        result = clean_lines(source, lines, config, state["repeated"], path=job.rel)
    data = sidecar(job.rel, raw, result, config, fps)
    atomic_write(text_path, result.text)
    atomic_write(sidecar_path, dumps(data))
    return Outcome(job.rel, "cleaned", None, job.out, removed_chars(result),
                   len(result.source), len(result.text), result.metadata.get("language"))
