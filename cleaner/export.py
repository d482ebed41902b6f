"""Export CLEAN as a Dolma corpus: gzipped JSON Lines shards of documents and attributes.

Layout under OUT (shards of ``shard_docs`` documents, sorted by id, ``cleaner-00000.jsonl.gz``...):

- ``documents/``: the clean documents: ``id`` (the output stem, ``a/b`` for
  ``clean/a/b.txt``), ``text`` (the clean text), ``source`` (``"cleaner"``), ``added`` (the
  sidecar's modification time, so an unchanged CLEAN exports to identical bytes),
  ``created`` (the page's date when known, else ``added``) and ``metadata`` (the sidecar's
  fields in a fixed schema, :mod:`cleaner.dolma`; the resolved configuration is stored
  once, in the manifest, under its fingerprint).
- ``source/documents/``: the same ids with ``text`` = the source that offsets refer to (the
  decoded raw file, or an HTML page's block rendering), rebuilt from RAW and checked.
- ``source/attributes/cleaner/``: per document ``cleaner__<category>`` span lists
  ``[start, end, score]`` into that source, one key per category (empty lists included), and
  ``cleaner__whitespace``: the white space that the replay's normalisation drops. Dolma's
  mixer deleting all of these spans from the source documents gives the clean text exactly.
- ``dolma-mix.json``: a ``dolma mix`` configuration applying every span to the source set
  (``dolma -c OUT/dolma-mix.json mix`` writes the clean texts to ``OUT/mixed/``).
- ``cleaner-export.json``: the manifest (counts, shards, skipped documents, configurations).

A document whose ``.txt`` does not match its sidecar (``text_sha256``) is skipped with a
warning; one whose raw file is missing or changed is left out of the source set only.
Every shard is written to a temporary file and renamed; the manifest is written last.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import __version__, dolma
from .config import Config
from .outputs import STATE_DIR, TMP_PREFIX, atomic_write
from .spans import replay

SHARD_PREFIX = "cleaner-"
SHARD_RE = re.compile(rf"^{SHARD_PREFIX}\d{{5,}}\.jsonl\.gz$")
MANIFEST = "cleaner-export.json"
MIXER_CONFIG = "dolma-mix.json"
DEFAULT_SHARD_DOCS = 10_000

Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"cleaner export: {message}", file=sys.stderr)


class ShardWriter:
    """Parallel gzipped JSON Lines shards (documents and their attributes) with one name.

    Every folder gets ``cleaner-NNNNN.jsonl.gz`` files that hold the same documents in the
    same order; a shard is written to a temporary file and renamed when complete.
    """

    def __init__(self, folders: list[Path], shard_docs: int) -> None:
        self.folders = folders
        self.shard_docs = max(1, shard_docs)
        self.names: list[str] = []
        self.count = 0
        self._open: list[tuple[Any, Any, str, Path]] = []
        self._in_shard = 0

    def write(self, *records: dict[str, Any]) -> None:
        """Write one document's records, one per folder (in the folders' order)."""
        if not self._open:
            self._start()
        for (gz, _fh, _tmp, _path), record in zip(self._open, records):
            gz.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.count += 1
        self._in_shard += 1
        if self._in_shard >= self.shard_docs:
            self.close()

    def _start(self) -> None:
        name = f"{SHARD_PREFIX}{len(self.names):05d}.jsonl.gz"
        self.names.append(name)
        self._in_shard = 0
        for folder in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".jsonl.gz", dir=folder)
            fh = os.fdopen(fd, "wb")
            if hasattr(os, "fchmod"):  # the usual permissions, not mkstemp's private ones
                mask = os.umask(0o022)
                os.umask(mask)
                os.fchmod(fd, 0o666 & ~mask)
            gz = gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0)  # reproducible bytes
            self._open.append((gz, fh, tmp, folder / name))

    def close(self) -> None:
        """Finish the current shard: flush, sync and rename each file into place."""
        for gz, fh, _tmp, _path in self._open:
            gz.close()
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for _gz, _fh, tmp, path in self._open:
            os.replace(tmp, path)
        self._open = []

    def abort(self) -> None:
        """Drop the shard being written (after an error)."""
        for gz, fh, tmp, _path in self._open:
            for closing in (gz.close, fh.close):
                try:
                    closing()
                except (OSError, ValueError):
                    pass
            Path(tmp).unlink(missing_ok=True)
        self._open = []

    def remove_stale(self) -> None:
        """Delete ``cleaner-*`` shards of an earlier export that this one did not write."""
        for folder in self.folders:
            if folder.is_dir():
                for path in folder.iterdir():
                    if SHARD_RE.match(path.name) and path.name not in self.names and path.is_file():
                        path.unlink()


def sidecars(clean: Path) -> Iterator[tuple[str, Path]]:
    """``(id, sidecar path)`` of every sidecar under ``clean``, sorted by id."""
    found = []
    for path in clean.rglob("*.json"):
        rel = path.relative_to(clean)
        if rel.parts[0] == STATE_DIR or any(p.startswith(".") for p in rel.parts):
            continue
        found.append((rel.with_suffix("").as_posix(), path))
    yield from sorted(found)


def load_document(doc_id: str, sidecar_path: Path) -> tuple[dict[str, Any], str]:
    """The sidecar and clean text of ``doc_id``; ``ValueError`` saying why it is unusable."""
    try:
        data = json.loads(sidecar_path.read_text(encoding="utf-8"))
        text_bytes = sidecar_path.with_suffix(".txt").read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read: {exc.strerror or exc}") from exc
    if not isinstance(data, dict) or not {"source", "removed", "text_sha256"} <= set(data):
        raise ValueError("not a cleaner sidecar")
    if hashlib.sha256(text_bytes).hexdigest() != data["text_sha256"]:
        raise ValueError("the clean text does not match its sidecar (text_sha256); rerun make clean")
    return data, text_bytes.decode("utf-8")


def rebuild_source(raw: Path, data: dict[str, Any], text: str, reader: Any = None) -> str:
    """The source of a sidecar (a raw file's or a shard record's), read from RAW and checked.

    ``reader`` is a :class:`cleaner.sources.SourceReader` kept open across calls (records of
    one shard are then read with the shard opened once).
    """
    from .pipeline import prepare
    from .sources import SourceReader

    recorded = (data.get("config") or {}).get("max_bytes") or Config().max_bytes
    limit = max(int(recorded), os.stat(raw / data["source"]).st_size)
    if reader is None:
        with SourceReader() as own:
            doc = own.document(raw, data, limit)
    else:
        doc = reader.document(raw, data, limit)
    if doc.sha256 != data["sha256"]:
        raise ValueError(f"raw file {data['source']} changed since it was cleaned")
    source = prepare(doc)[0]
    if replay(source, dolma.spans(data)) != text:
        raise ValueError(f"replaying the sidecar of {data['source']} does not give the clean text")
    return source


def check_out(clean: Path, out: Path, raw: Path | None) -> None:
    """Raise ``ValueError`` unless OUT lies apart from CLEAN and RAW."""
    if not clean.is_dir():
        raise ValueError(f"CLEAN folder not found: {clean}")
    o = out.resolve()
    for name, folder in (("CLEAN", clean), ("RAW", raw)):
        if folder is not None:
            f = folder.resolve()
            if o == f or o.is_relative_to(f) or f.is_relative_to(o):
                raise ValueError(f"OUT ({out}) and {name} ({folder}) must be separate folders, neither inside the other")


def export(
    clean: Path, out: Path, raw: Path | None = Path("raw"),
    shard_docs: int = DEFAULT_SHARD_DOCS, warn: Warn = _stderr,
) -> dict[str, Any]:
    """Export the outputs in ``clean`` as Dolma shards in ``out``; return the manifest.

    ``raw=None`` (or a missing RAW folder, with a warning) writes no source set. Documents
    with an empty clean text are left out of both sets (listed under ``empty``).
    """
    check_out(clean, out, raw)
    if raw is not None and not raw.is_dir():
        warn(f"RAW folder {raw} not found: no source set (source/) written")
        raw = None
    docs = ShardWriter([out / "documents"], shard_docs)
    src = ShardWriter([out / "source" / "documents", out / "source" / "attributes" / "cleaner"], shard_docs)
    manifest: dict[str, Any] = {
        "cleaner_version": __version__, "added": "modification time of each sidecar",
        "documents": 0, "source_documents": None, "empty": [], "skipped": [],
        "source_skipped": [], "whitespace_inexact": [], "configs": {},
    }
    from .sources import SourceReader

    reader = SourceReader()
    try:
        for doc_id, path in sidecars(clean):
            try:
                data, text = load_document(doc_id, path)
                added = dolma.dolma_time(path.stat().st_mtime)
                record = dolma.document(doc_id, text, data, added)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # Unicode errors too
                why = f"{type(exc).__name__}: {exc}" if isinstance(exc, (KeyError, TypeError)) else str(exc)
                warn(f"{doc_id}: skipped: {why}")
                manifest["skipped"].append({"id": doc_id, "reason": why})
                continue
            if not text:
                manifest["empty"].append(doc_id)
                continue
            fp = data.get("config_fingerprint")
            if fp and isinstance(data.get("config"), dict):
                manifest["configs"].setdefault(fp, data["config"])
            docs.write(record)
            if raw is not None:
                _write_source(src, raw, reader, doc_id, data, text, added, manifest, warn)
        docs.close()
        src.close()
    except BaseException:
        docs.abort()
        src.abort()
        raise
    finally:
        reader.close()
    docs.remove_stale()
    src.remove_stale()
    manifest["documents"] = docs.count
    manifest["source_documents"] = src.count if raw is not None else None
    manifest["shards"] = docs.names
    manifest["source_shards"] = src.names
    mixer = out / MIXER_CONFIG
    if raw is not None:
        config = dolma.mixer_config(str((out / "source" / "documents").resolve()), str((out / "mixed").resolve()))
        atomic_write(mixer, json.dumps(config, indent=1) + "\n")
    else:
        mixer.unlink(missing_ok=True)
    atomic_write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


def _write_source(
    src: ShardWriter, raw: Path, reader: Any, doc_id: str, data: dict[str, Any], text: str,
    added: str, manifest: dict[str, Any], warn: Warn,
) -> None:
    from .reader import Rejected

    try:
        source = rebuild_source(raw, data, text, reader)
        removed = dolma.spans(data)
        source, ws = dolma.dolma_source(source, removed, text)
    except (OSError, ValueError, KeyError, TypeError, Rejected) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        warn(f"{doc_id}: left out of the source set: {why}")
        manifest["source_skipped"].append({"id": doc_id, "reason": why})
        return
    if ws is None:
        manifest["whitespace_inexact"].append(doc_id)
    src.write(dolma.source_document(doc_id, source, data, added), dolma.attributes(doc_id, removed, ws))
