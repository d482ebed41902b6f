"""The raw document behind a sidecar, read again: a raw file, or a record of a shard.

For ``cleaner verify``, the audit report and exports. A record's sidecar says where the
record sits (``record_offset``, the byte offset in the decompressed shard) and what it is
(``id``, ``sha256``); a :class:`SourceReader` keeps the last shard open (a gzipped one
decompressed once into a temporary file), so reading all records of a shard, in any
order, reads the shard once.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from .reader import RawDocument, Rejected, read_raw
from .records import Record, parse_record, record_id
from .shards import RawRecord, ShardInfo, ShardTruncated, iter_records, open_shard, shard_kind, warc_records

COPY_BLOCK = 1 << 20


class SourceReader:
    """Reads sidecars' raw documents; use as a context manager (or call :meth:`close`)."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._fh: BinaryIO | None = None

    def document(self, raw: Path, data: dict[str, Any], max_bytes: int) -> RawDocument:
        """The raw document of the sidecar ``data`` under the RAW folder ``raw``.

        Raises :class:`Rejected` when it cannot be read (``changed`` when the record at the
        recorded place is another one) and ``KeyError``/``TypeError`` for a malformed sidecar.
        """
        path = raw / data["source"]
        if "record" not in data:
            return read_raw(path, max_bytes)
        return self.record(path, data, max_bytes).doc

    def record(self, path: Path, data: dict[str, Any], max_bytes: int) -> Record:
        """The record of the sidecar ``data`` in the shard at ``path``."""
        kind = shard_kind(path.name)
        if kind is None:
            raise Rejected("changed", f"{path.name} is not a shard")
        fh = self._open(path)
        try:
            fh.seek(int(data["record_offset"]))
            raw = _read_one(fh, kind, int(data["record"]), int(data["record_offset"]), max_bytes)
        except (OSError, ShardTruncated, EOFError, ValueError) as exc:
            raise Rejected("unreadable", f"record {data['record']}: {exc}") from exc
        if raw is None:
            raise Rejected("changed", f"no record {data['record']} at byte {data['record_offset']} any more")
        rec = parse_record(raw, kind, max_bytes)
        if rec.id != data["id"]:
            raise Rejected("changed", f"record {data['record']} now has the id {rec.id!r}")
        return rec

    def _open(self, path: Path) -> BinaryIO:
        if self._fh is not None and self._path == path:
            return self._fh
        self.close()
        try:
            if path.name.lower().endswith(".gz"):
                self._fh = _decompressed(path)
            else:
                self._fh = open(path, "rb")
        except OSError as exc:
            raise Rejected("unreadable", exc.strerror or str(exc)) from exc
        self._path = path
        return self._fh

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = self._path = None

    def __enter__(self) -> "SourceReader":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def read_any(path: Path, max_bytes: int) -> tuple[RawDocument, str | None, bool]:
    """A raw file, or a record named ``SHARD#ID`` (``raw/crawl.warc.gz#<urn:uuid:…>``).

    Returns the document, its url (a record's) and whether it was a record. An existing
    file is always read as such, ``#`` in its name or not. Raises :class:`Rejected`
    (``not-found`` for an id the shard does not hold).
    """
    shard, sep, rid = str(path).rpartition("#")
    kind = shard_kind(Path(shard).name) if sep else None
    if kind is None or path.exists():
        return read_raw(path, max_bytes), None, False
    info = ShardInfo()
    for raw in iter_records(Path(shard), kind, max_bytes, info):
        if record_id(raw, kind) == rid:
            rec = parse_record(raw, kind, max_bytes)
            return rec.doc, rec.url, True
    if info.error:
        code, _, detail = info.error.partition(": ")
        raise Rejected(code, detail)
    raise Rejected("not-found", f"no record with the id {rid!r} in {shard}")


def _decompressed(path: Path) -> BinaryIO:
    """A temporary file holding the decompressed shard (as much as can be read)."""
    tmp = tempfile.TemporaryFile()
    try:
        with open_shard(path) as src:
            while chunk := src.read1(COPY_BLOCK):  # read1: a break loses only its last chunk
                tmp.write(chunk)
    except (ShardTruncated, EOFError, OSError, ValueError):
        pass  # a truncated shard: its records before the break are still there
    except BaseException:
        tmp.close()
        raise
    return tmp  # type: ignore[return-value]


def _read_one(fh: BinaryIO, kind: str, index: int, offset: int, max_bytes: int) -> RawRecord | None:
    """The record starting at ``fh``'s position (its index and offset as given)."""
    if kind == "jsonl":
        line = fh.readline(max_bytes + 1)
        if not line.strip():
            return None
        problem = None if len(line) <= max_bytes or line.endswith(b"\n") else "too-large: the line is too long"
        return RawRecord(index, offset, b"" if problem else line, problem=problem)
    info = ShardInfo()
    for raw in warc_records(fh, max_bytes, info):
        raw.index, raw.offset = index, offset
        return raw
    return None
