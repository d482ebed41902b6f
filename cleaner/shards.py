"""Corpus shards: files holding many documents (JSON Lines, WARC), read as a stream.

This module only cuts a shard into raw records, in the main process, so that their
cleaning can be spread over the workers in batches (see :mod:`cleaner.records` for what a
record holds and how it is checked). Reading never raises: a shard that cannot be read to
its end (broken or truncated gzip, a broken WARC) stops with ``ShardInfo.error`` set, and
the records read until then are yielded as usual.

* ``*.jsonl``, ``*.jsonl.gz``: one record per line (blank lines are no records); a
  record's index is its 0-based line number, its offset the line's byte offset in the
  (decompressed) shard. A line longer than ``max_bytes`` is not kept in memory: it becomes
  a ``too-large`` record.
* ``*.warc``, ``*.warc.gz`` (read with ``warcio``): ``response`` records whose HTTP
  ``Content-Type`` is HTML; a record's index is its position among all WARC records of the
  file, its offset where it starts (in the decompressed stream). Other records are counted
  in ``ShardInfo.skipped`` (``not-response``, ``not-html``) and left out.
"""
from __future__ import annotations

import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

SHARD_SUFFIXES = {".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".warc": "warc", ".warc.gz": "warc"}
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
READ_BLOCK = 1 << 20


def shard_kind(name: str) -> str | None:
    """``"jsonl"`` or ``"warc"`` for a shard's file name, else ``None``."""
    low = name.lower()
    return next((kind for suffix, kind in SHARD_SUFFIXES.items() if low.endswith(suffix)), None)


@dataclass(slots=True)
class RawRecord:
    """One record as cut from a shard, not yet checked (that happens in a worker).

    ``data`` is the JSON line (JSONL) or the HTTP payload, content-decoded (WARC).
    ``problem`` is a rejection found while reading (``too-large: ...``).
    """

    index: int
    offset: int
    data: bytes
    id: str | None = None
    url: str | None = None
    charset: str | None = None
    metadata: dict[str, Any] | None = None
    problem: str | None = None


@dataclass(slots=True)
class ShardInfo:
    """What reading one shard found besides its records."""

    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "skipped": dict(sorted(self.skipped.items())), "error": self.error}


class ShardTruncated(Exception):
    """The shard's gzip stream ends early (raised instead of ``EOFError``, which warcio hides)."""


class _StrictGzip(io.RawIOBase):
    """A gzip stream that raises :class:`ShardTruncated` instead of ending quietly."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._gz = gzip.GzipFile(fileobj=fh)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._gz.close()
            self._fh.close()
        super().close()

    def readinto(self, buf: Any) -> int:
        try:  # read1: what one chunk gives, so that a break loses only its last chunk
            data = self._gz.read1(len(buf))
        except EOFError as exc:
            raise ShardTruncated(str(exc)) from exc
        buf[: len(data)] = data
        return len(data)


def open_shard(path: Path, buffered: bool = True) -> BinaryIO:
    """The shard's decompressed byte stream; gzip errors surface when reading.

    Unbuffered, a read returns what one gzip chunk gives (a short read) and the error
    comes with the next read, so a reader that buffers itself (warcio) gets every byte
    before a break; a buffered read would lose the whole block.
    """
    fh = open(path, "rb")
    if not path.name.lower().endswith(".gz"):
        return fh
    raw = _StrictGzip(fh)
    return io.BufferedReader(raw, READ_BLOCK) if buffered else raw  # type: ignore[return-value]


def iter_records(path: Path, kind: str, max_bytes: int, info: ShardInfo) -> Iterator[RawRecord]:
    """Every record of the shard at ``path``, in order; problems go to ``info``."""
    try:
        with open_shard(path, buffered=kind == "jsonl") as fh:
            reader = jsonl_records(fh, max_bytes, info) if kind == "jsonl" else warc_records(fh, max_bytes, info)
            for record in reader:
                info.records += 1
                yield record
    except (ShardTruncated, EOFError) as exc:
        info.error = f"bad-gzip: the shard ends early ({exc})"
    except (gzip.BadGzipFile, zlib.error) as exc:
        info.error = f"bad-gzip: {exc}"
    except OSError as exc:
        info.error = f"unreadable: {exc.strerror or exc}"
    except Exception as exc:  # warcio's parse errors, and anything else a broken file provokes
        info.error = f"bad-{kind}: {type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: Exception, limit: int = 200) -> str:
    """The first line of an error message, at most ``limit`` characters."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else "unreadable")[:limit]


def jsonl_records(fh: BinaryIO, max_bytes: int, info: ShardInfo) -> Iterator[RawRecord]:
    index = offset = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        start = offset
        offset += len(line)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            offset += _skip_line(fh)
            yield RawRecord(index, start, b"", problem=f"too-large: the line is longer than {max_bytes} bytes")
        elif line.strip():
            yield RawRecord(index, start, line)
        else:
            info.skipped["blank-line"] += 1
        index += 1


def _skip_line(fh: BinaryIO) -> int:
    """Read past the rest of an over-long line; the bytes skipped."""
    skipped = 0
    while True:
        more = fh.readline(READ_BLOCK)
        skipped += len(more)
        if not more or more.endswith(b"\n"):
            return skipped


def content_type(value: str | None) -> tuple[str, str | None]:
    """``(mime type, charset)`` of a ``Content-Type`` header value."""
    if not value:
        return "", None
    m = _CHARSET_RE.search(value)
    return value.split(";", 1)[0].strip().lower(), (m.group(1) if m else None)


def warc_records(fh: BinaryIO, max_bytes: int, info: ShardInfo) -> Iterator[RawRecord]:
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(fh)
    records.INC_RECORD = ""  # warcio prints a warning per misplaced record boundary: counted instead
    try:
        yield from _warc_records(records, max_bytes, info)
    finally:
        if records.err_count:
            info.skipped["bad-record-boundary"] += records.err_count


def _warc_records(records: Any, max_bytes: int, info: ShardInfo) -> Iterator[RawRecord]:
    for index, rec in enumerate(records):
        offset = records.offset  # where this record starts (warcio sets it past the last one)
        if rec.rec_type != "response":
            info.skipped["not-response"] += 1
            continue
        mime, charset = content_type(rec.http_headers.get_header("Content-Type") if rec.http_headers else None)
        if mime not in HTML_TYPES:
            info.skipped["not-html"] += 1
            continue
        payload, problem = _payload(rec, max_bytes)
        while rec.raw_stream.read(READ_BLOCK):  # the rest of the record, to see that it is whole
            pass
        if getattr(rec.raw_stream, "limit", 0) > 0:  # less content than its Content-Length
            info.error = f"truncated: WARC record {index} is cut short"
            return
        headers = rec.rec_headers
        metadata = {
            "warc_date": headers.get_header("WARC-Date"),
            "http_status": rec.http_headers.get_statuscode(),
            "content_type": rec.http_headers.get_header("Content-Type"),
        }
        yield RawRecord(
            index, offset, payload, headers.get_header("WARC-Record-ID"), headers.get_header("WARC-Target-URI"),
            charset, metadata, problem,
        )


def _payload(rec: Any, max_bytes: int) -> tuple[bytes, str | None]:
    """The record's HTTP payload (transfer- and content-decoded), or why it is not usable."""
    try:
        data = rec.content_stream().read(max_bytes + 1)
    except ShardTruncated:
        raise
    except Exception as exc:  # a broken Content-Encoding: this record only
        return b"", f"bad-payload: {type(exc).__name__}: {_first_line(exc)}"
    if len(data) > max_bytes:
        return b"", f"too-large: more than {max_bytes} bytes"
    return data, None
