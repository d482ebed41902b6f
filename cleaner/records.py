"""The documents inside shards: checking a raw record, its id and its output name.

A JSON Lines record is an object with ``id`` (string or integer; absent: its 0-based line
number), ``html`` or ``text`` (a string; ``html`` is cleaned as a page, ``text`` as plain
text; ``html`` wins when both are there), optional ``url`` (string) and ``metadata``
(object, copied into the sidecar as ``source_metadata``). A WARC record's id is its
``WARC-Record-ID``, its url the ``WARC-Target-URI``, its content the HTTP payload decoded
like a raw file (BOM, UTF-8, the HTTP charset, the page's charset, detection).

Reason codes of rejected records (stable, as ``code: detail``): ``bad-json`` (not JSON, not
UTF-8, not an object), ``bad-type`` (a field of the wrong type), ``no-content`` (neither
``text`` nor ``html``), ``duplicate-id`` (an earlier record of the shard has the id),
``too-large``, ``bad-payload`` (WARC: a broken content encoding) and those of raw files
(``empty``, ``binary``, ``undecodable``).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .reader import RawDocument, Rejected, document_from_bytes
from .shards import RawRecord

MAX_NAME_CHARS = 80
HASH_CHARS = 8
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class RecordRejected(Rejected):
    """A record that cannot be cleaned; ``id`` when it could be read."""

    def __init__(self, code: str, detail: str = "", id: str | None = None) -> None:
        super().__init__(code, detail)
        self.id = id


@dataclass(frozen=True, slots=True)
class Record:
    """A checked record: its identity, where it came from, and its decoded content."""

    index: int
    offset: int
    id: str
    url: str | None
    metadata: dict[str, Any] | None
    doc: RawDocument


def parse_record(raw: RawRecord, kind: str, max_bytes: int) -> Record:
    """Check and decode one raw record; raises :class:`RecordRejected`."""
    if raw.problem:
        code, _, detail = raw.problem.partition(": ")
        raise RecordRejected(code, detail, raw.id)
    if kind == "warc":
        rid = raw.id or str(raw.index)
        doc = _document(raw.data, "html", rid, raw.charset)
        return Record(raw.index, raw.offset, rid, raw.url, raw.metadata, doc)
    obj = _json_object(raw.data)
    rid = _record_id(obj.get("id"), raw.index)
    fields = {k: obj.get(k) for k in ("html", "text", "url")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise RecordRejected("bad-type", f"{name} must be a string, not {type(value).__name__}", rid)
    metadata = obj.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise RecordRejected("bad-type", f"metadata must be an object, not {type(metadata).__name__}", rid)
    fmt = "html" if fields["html"] is not None else "text"
    content = fields[fmt]
    if content is None:
        raise RecordRejected("no-content", "neither text nor html", rid)
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordRejected("undecodable", f"lone surrogate in {fmt} ({exc.reason})", rid) from exc
    if len(data) > max_bytes:
        raise RecordRejected("too-large", f"{len(data)} bytes, limit {max_bytes}", rid)
    return Record(raw.index, raw.offset, rid, fields["url"], metadata, _document(data, fmt, rid))


def record_id(raw: RawRecord, kind: str) -> str | None:
    """The id of a raw record, without checking the rest of it (``None`` if unreadable)."""
    if kind == "warc":
        return raw.id or str(raw.index)
    try:
        return _record_id(_json_object(raw.data).get("id"), raw.index)
    except RecordRejected:
        return None


def _json_object(line: bytes) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise RecordRejected("bad-json", _short(exc)) from exc
    if not isinstance(obj, dict):
        raise RecordRejected("bad-json", f"not a JSON object but {type(obj).__name__}")
    return obj


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _record_id(value: Any, index: int) -> str:
    if value is None:
        return str(index)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise RecordRejected("bad-type", f"id must be a non-empty string or an integer, not {value!r:.60}")
    return str(value)


def _document(data: bytes, fmt: str, rid: str, charset: str | None = None) -> RawDocument:
    suffix = ".html" if fmt == "html" else ".txt"
    try:
        return document_from_bytes(data, suffix, hashlib.sha256(data).hexdigest(), len(data), charset, fmt)
    except RecordRejected:
        raise
    except Rejected as exc:
        raise RecordRejected(exc.code, exc.detail, rid) from exc


def record_rel(shard: str, rid: str | None, index: int) -> str:
    """The report's name of a record: ``<shard path>#<id>`` (``#<index>`` when no id is known)."""
    return f"{shard}#{rid if rid is not None else index}"


def _hash(rid: str) -> str:
    return hashlib.sha256(rid.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def safe_name(rid: str) -> str:
    """A file-name-safe form of an id (before collisions are looked at).

    Characters outside ``A-Z a-z 0-9 . _ -`` become ``_``; ``.``, ``_`` and ``-`` are
    trimmed from both ends (no hidden names); at most 80 characters are kept. When any of
    this changed the id, ``-`` and 8 hex digits of the id's SHA-256 are appended.
    """
    base = _UNSAFE.sub("_", rid).strip("._-")[:MAX_NAME_CHARS] or "record"
    return base if base == rid else f"{base}-{_hash(rid)}"


def assign_names(ids: list[str]) -> list[str]:
    """Output names of a shard's ids (all different), unique also when case is ignored.

    Ids whose safe names collide case-insensitively all get the hash suffix (those that
    have it already keep theirs); a clash that remains then (practically never) is
    resolved by appending the position in ``ids``.
    """
    names = [safe_name(rid) for rid in ids]
    counts = Counter(n.casefold() for n in names)
    names = [
        f"{n}-{_hash(rid)}" if counts[n.casefold()] > 1 and n == rid else n for n, rid in zip(names, ids)
    ]
    seen: set[str] = set()
    out = []
    for i, name in enumerate(names):
        while name.casefold() in seen:
            name = f"{name}-{i}"
        seen.add(name.casefold())
        out.append(name)
    return out
