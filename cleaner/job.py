"""Cleaning one document of a batch: up-to-date check, cleaning, atomic outputs.

A document is a raw file (:func:`clean_job`) or a record of a shard (:func:`clean_record`);
both end in :func:`_clean_document`.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from . import __version__
from .discover import Outcome
from .prepcache import take
from .outputs import atomic_write, dumps, leaves_folder, removed_chars, sidecar
from .reader import RawDocument, read_raw

#: Sidecar fields of a record that describe where it sits in its shard, not its content:
#: when only these changed, the sidecar is updated and the record is not cleaned again.
PLACE_FIELDS = ("record", "record_offset", "source_metadata")


def _up_to_date(sidecar_path: Path, text_path: Path, expect: dict[str, Any]) -> dict | None:
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
    unsafe = _unsafe(job.rel, state["clean"], job.out)
    if unsafe is not None:
        return unsafe
    raw = read_raw(state["raw"] / job.rel, state["config"].max_bytes)
    return _clean_document(job.rel, job.out, raw, state, corpus_fp, {"source": job.rel}, {})


def clean_record(
    raw_record: Any, kind: str, shard: str, rid: str, out: str, corpus_fp: str, state: dict[str, Any]
) -> Outcome:
    """Clean one record (a :class:`cleaner.shards.RawRecord`) of the shard ``shard``.

    As :func:`clean_job`, with the record's place in the sidecar: ``record`` (its index),
    ``id``, ``record_offset``, ``source_url`` (the record's url, also ``url`` when given)
    and ``source_metadata``. Raises :class:`cleaner.records.RecordRejected`.
    """
    from .records import RecordRejected, parse_record, record_rel

    rel = record_rel(shard, rid, raw_record.index)
    unsafe = _unsafe(rel, state["clean"], out)
    if unsafe is not None:
        return unsafe
    rec = parse_record(raw_record, kind, state["config"].max_bytes)
    if rec.id != rid:
        raise RecordRejected("changed", "the shard changed during the run", rid)
    identity = {"source": shard, "id": rec.id, "source_url": rec.url}
    place = {"record": rec.index, "record_offset": rec.offset, "source_metadata": rec.metadata}
    return _clean_document(rel, out, rec.doc, state, corpus_fp, identity, place, rec.url)


def _unsafe(rel: str, clean: Path, out: str) -> Outcome | None:
    if leaves_folder(clean, clean / f"{out}.txt"):
        why = f"unsafe-output: {out}.txt would be written outside CLEAN (a linked folder)"
        return Outcome(rel, "rejected", why)
    return None


def clean_raw(
    raw: RawDocument, config: Any, repeated: frozenset[int] = frozenset(), path: str = "",
    url: str | None = None, prepared: tuple[str, Any, dict[str, Any]] | None = None,
) -> Any:
    """Clean a read document (a :class:`cleaner.pipeline.CleanResult`); ``url``: a record's,
    for user rules' sites and trafilatura; ``path``: relative to RAW (a record's: its shard's);
    ``prepared``: the page as the corpus pass left it (:mod:`cleaner.prepcache`)."""
    from .pipeline import clean_marked, clean_prepared, prepare

    if prepared is not None:
        return clean_marked(*prepared, config, repeated, url, path)
    return clean_prepared(raw.format, prepare(raw), config, repeated, path=path, url=url)


def _clean_document(
    rel: str, out: str, raw: RawDocument, state: dict[str, Any], corpus_fp: str,
    identity: dict[str, Any], place: dict[str, Any], url: str | None = None,
) -> Outcome:
    """Skip (outputs up to date) or clean one decoded document and write its outputs.

    ``identity`` (``source``...) must match an existing sidecar for it to be up to date;
    ``place`` (a record's position in its shard) is only refreshed in it.
    """
    clean: Path = state["clean"]
    text_path, sidecar_path = clean / f"{out}.txt", clean / f"{out}.json"
    fps = {"config_fingerprint": state["fp"], "corpus_fingerprint": corpus_fp}
    config = state["config"]
    expect = {**identity, "sha256": raw.sha256, "cleaner_version": __version__, **fps}
    old = _up_to_date(sidecar_path, text_path, expect)
    if old is not None:
        if any(old.get(k) != v for k, v in place.items()):
            try:
                atomic_write(sidecar_path, dumps({**old, **place}))
            except OSError as exc:
                return Outcome(rel, "failed", f"write-error: {exc.strerror or exc} (writing {sidecar_path.parent})")
        return Outcome(rel, "skipped", None, out, old.get("removed_chars", {}),
                       old.get("chars_in", 0), old.get("chars_out", 0), old.get("language"))
    prepared = take(state.get("prepared"), rel, raw.sha256)
    result = clean_raw(raw, config, state["repeated"], identity["source"], url, prepared)
    data = sidecar(identity["source"], raw, result, config, fps)
    if place:
        data = {"source": identity["source"], "record": place["record"], "id": identity["id"],
                "record_offset": place["record_offset"], **data}
        data["url"] = url or data.get("url")
        data["source_url"] = url
        data["source_metadata"] = place["source_metadata"]
    failed = _write_outputs(rel, sidecar_path, dumps(data), text_path, result.text)
    if failed is not None:
        return failed
    return Outcome(rel, "cleaned", None, out, removed_chars(result),
                   len(result.source), len(result.text), result.metadata.get("language"))
