"""Building corpus shards for the tests: JSON Lines (optionally gzipped) and WARC (warcio)."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

from .pages import write


def jsonl(records: list[dict[str, Any] | str]) -> str:
    """JSON Lines: dicts dumped, strings (broken lines) kept as they are."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def write_jsonl(path: Path, records: list[dict[str, Any] | str], gz: bool | None = None) -> Path:
    """Write a JSONL shard (gzipped when ``path`` ends in ``.gz``, with a fixed mtime)."""
    data = jsonl(records).encode("utf-8")
    if path.name.endswith(".gz") if gz is None else gz:
        data = gzip.compress(data, mtime=0)
    return write(path, data)


def warc_bytes(records: list[tuple], gz: bool = True) -> bytes:
    """A WARC file: each record ``("response", url, content_type, body bytes)`` or
    ``("request", url)`` or ``("metadata", url, text)``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for rec in records:
        kind, url = rec[0], rec[1]
        if kind == "response":
            headers = StatusAndHeaders("200 OK", [("Content-Type", rec[2])], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(rec[3]), http_headers=headers)
        elif kind == "request":
            headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
        else:
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(rec[2].encode()),
                                               warc_content_type="text/plain")
        writer.write_record(record)
    return buf.getvalue()


def warc_ids(data: bytes) -> list[tuple[str, str, str]]:
    """``(type, WARC-Record-ID, target URI)`` of every record of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    for rec in ArchiveIterator(io.BytesIO(data)):
        out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Record-ID"), rec.rec_headers.get_header("WARC-Target-URI")))
    return out
