"""Dolma records of cleaned documents: documents, source documents and span attributes.

The documents' ``metadata`` has a fixed schema (every field always present, never null:
``""``, ``0`` or ``0.0`` when unknown), so that readers which infer column types from the
first rows (Hugging Face ``datasets``, Arrow) read every shard alike; :func:`hf_features`
spells the schema out for ``datasets.load_dataset(..., features=...)``.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from .document import CATEGORIES, Span
from .spans import delete

DOLMA_SOURCE = "cleaner"
WHITESPACE_KEY = "cleaner__whitespace"
_LONE_CR_RE = re.compile(r"\r(?!\n)")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")

#: The documents' metadata fields (the sidecar's, less the resolved ``config``) by type. A
#: shard record's ``id``, ``record`` (its index), ``record_offset``, ``source_url`` and
#: ``source_metadata`` (as a JSON string: its shape is the user's) are ``""``/``-1`` for files.
STR_FIELDS = (
    "source", "id", "sha256", "format", "encoding", "language", "language_reason", "title",
    "author", "date", "site", "url", "source_url", "offsets", "text_sha256", "cleaner_version",
    "config_fingerprint", "corpus_fingerprint", "source_metadata",
)
INT_FIELDS = ("bytes", "chars_in", "chars_out", "record", "record_offset")
FLOAT_FIELDS = ("language_confidence",)
SPAN_FIELDS = ("removed", "flagged")


def dolma_time(timestamp: float) -> str:
    """``2024-05-01T12:00:00.000Z``: a POSIX time as ISO 8601 UTC, as Dolma writes it."""
    when = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def page_time(date: str | None) -> str:
    """A page date (``2021-03-03``, as trafilatura gives it) in Dolma's form, or ``""``."""
    if not date or not _DATE_RE.match(date):
        return ""
    try:
        when = datetime.fromisoformat(date)
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return when.isoformat(timespec="milliseconds") + "Z"


def _span(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "start": int(entry["start"]), "end": int(entry["end"]), "category": str(entry["category"]),
        "rule": str(entry["rule"]), "score": float(entry.get("score", 1.0)),
        "text": str(entry.get("text", "")), "evidence": str(entry.get("evidence", "")),
    }


def metadata(sidecar: dict[str, Any]) -> dict[str, Any]:
    """The fixed-schema ``metadata`` of a document from its sidecar."""
    meta: dict[str, Any] = {}
    for key in STR_FIELDS:
        value = sidecar.get(key)
        if key == "date":
            value = page_time(value)
        elif key == "source_metadata" and value is not None:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        meta[key] = "" if value is None else str(value)
    for key in INT_FIELDS:
        value = sidecar.get(key)
        meta[key] = int(value) if value is not None else -1 if key.startswith("record") else 0
    for key in FLOAT_FIELDS:
        meta[key] = float(sidecar.get(key) or 0.0)
    chars = sidecar.get("removed_chars") or {}
    meta["removed_chars"] = {c: int(chars.get(c, 0)) for c in CATEGORIES}
    for key in SPAN_FIELDS:
        meta[key] = [_span(e) for e in sidecar.get(key) or []]
    meta["phrase_languages"] = [str(x) for x in sidecar.get("phrase_languages") or []]
    meta["repairs"] = [str(x) for x in sidecar.get("repairs") or []]
    return meta


def document(doc_id: str, text: str, sidecar: dict[str, Any], added: str) -> dict[str, Any]:
    """One Dolma document of the clean set; ``created`` is the page's date, else ``added``."""
    meta = metadata(sidecar)
    return {
        "id": doc_id, "text": text, "source": DOLMA_SOURCE, "added": added,
        "created": meta["date"] or added, "metadata": meta,
    }


def source_document(doc_id: str, source: str, sidecar: dict[str, Any], added: str) -> dict[str, Any]:
    """One Dolma document of the source set: ``text`` is what the spans' offsets count."""
    created = page_time(sidecar.get("date")) or added
    meta = {"source": str(sidecar["source"]), "id": str(sidecar.get("id") or ""),
            "format": str(sidecar.get("format") or ""), "offsets": str(sidecar.get("offsets") or "")}
    return {"id": doc_id, "text": source, "source": DOLMA_SOURCE, "added": added, "created": created, "metadata": meta}


def spans(sidecar: dict[str, Any]) -> list[Span]:
    """The removed spans of a sidecar."""
    return [Span(r["start"], r["end"], r["category"], r["rule"], r.get("score", 1.0)) for r in sidecar["removed"]]


def attributes(doc_id: str, removed: list[Span], whitespace: list[tuple[int, int]] | None) -> dict[str, Any]:
    """The attributes record: ``cleaner__<category>`` spans (every category) and white space."""
    attrs: dict[str, list[list[float | int]]] = {f"cleaner__{c}": [] for c in CATEGORIES}
    for s in removed:
        attrs.setdefault(f"cleaner__{s.category}", []).append([s.start, s.end, float(s.score)])
    attrs[WHITESPACE_KEY] = [[a, b, 1.0] for a, b in whitespace or []]
    return {"id": doc_id, "source": DOLMA_SOURCE, "attributes": attrs}


def mixer_config(source_documents: str, output: str) -> dict[str, Any]:
    """A ``dolma mix`` configuration that deletes every span: it writes the clean texts.

    ``source_documents`` is the ``.../source/documents`` folder (the attributes are found by
    Dolma's rule: ``/documents/`` becomes ``/attributes/cleaner/`` in each path).
    """
    keys = [f"cleaner__{c}" for c in CATEGORIES] + [WHITESPACE_KEY]
    return {
        "streams": [{
            "name": "cleaner",
            "documents": [f"{source_documents.rstrip('/')}/*.jsonl.gz"],
            "attributes": ["cleaner"],
            "output": {"path": output, "max_size_in_bytes": 1_000_000_000, "discard_fields": ["attributes"]},
            "span_replacement": [{"span": f"$.attributes.{k}", "min_score": 0.0, "replacement": ""} for k in keys],
        }],
        "processes": 1,
    }


def dolma_source(source: str, removed: list[Span], text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The source text for the source set and the white-space spans that make deletion exact.

    Lone ``\\r`` become ``\\n`` and a final ``\\n`` is added when missing (no offset moves),
    unless that would change the replay. The white-space spans are ``None`` when no set of
    deletions gives ``text`` exactly (mixed line ends around a removal).
    """
    from .spans import replay

    fixed = _LONE_CR_RE.sub("\n", source)
    if fixed and not fixed.endswith("\n"):
        fixed += "\n"
    if fixed != source and replay(fixed, removed) != text:
        fixed = source
    return fixed, whitespace_spans(fixed, removed, text)


def whitespace_spans(source: str, removed: list[Span], text: str) -> list[tuple[int, int]] | None:
    """Spans of ``source`` outside ``removed`` whose deletion turns ``delete`` into ``replay``.

    Mirrors :func:`cleaner.spans.normalize` on the kept characters: the ``\\r`` of ``\\r\\n``,
    trailing white space of each line, blank lines beyond one, leading and trailing blank
    lines go (one final ``\\n`` stays). ``None`` if the result would not be ``text``.
    """
    pos: list[int] = []
    prev = 0
    for s in removed:
        pos.extend(range(prev, s.start))
        prev = s.end
    pos.extend(range(prev, len(source)))
    chars = [source[p] for p in pos]
    keep: list[int] = []  # indexes into pos and chars
    line: list[int] = []
    for i, c in enumerate(chars):
        if c == "\r" and i + 1 < len(chars) and chars[i + 1] == "\n":
            continue
        if c == "\r":
            return None  # a lone CR would have to become LF: not a deletion
        if c == "\n":
            while line and chars[line[-1]].isspace():
                line.pop()
            keep.extend(line)
            keep.append(i)
            line = []
        else:
            line.append(i)
    while line and chars[line[-1]].isspace():
        line.pop()
    keep.extend(line)
    out: list[int] = []
    newlines = 0
    for i in keep:
        newlines = newlines + 1 if chars[i] == "\n" else 0
        if newlines <= 2:
            out.append(i)
    first = next((k for k, i in enumerate(out) if chars[i] != "\n"), len(out))
    last = next((k for k in range(len(out) - 1, -1, -1) if chars[out[k]] != "\n"), -1)
    if last < first:
        out = []
    elif last + 1 < len(out):
        out = out[first : last + 2]
    else:
        return None  # a final LF would have to be inserted
    if "".join(chars[i] for i in out) != text:
        return None
    kept = {pos[i] for i in out}
    runs: list[tuple[int, int]] = []
    for p in pos:
        if p not in kept:
            if runs and runs[-1][1] == p:
                runs[-1] = (runs[-1][0], p + 1)
            else:
                runs.append((p, p + 1))
    return runs


def deleted(source: str, record: dict[str, Any]) -> str:
    """What Dolma's mixer gives: ``source`` with every span of an attributes record deleted."""
    cut = sorted((a, b) for values in record["attributes"].values() for a, b, _score in values)
    return delete(source, [Span(a, b, "other", "") for a, b in cut])


def hf_features() -> Any:
    """The documents' schema as Hugging Face ``datasets.Features`` (imports ``datasets``)."""
    from datasets import Features, Value

    span = {k: Value("int64") for k in ("start", "end")}
    span.update({k: Value("string") for k in ("category", "rule")})
    span.update(score=Value("float64"), text=Value("string"), evidence=Value("string"))
    meta: dict[str, Any] = {k: Value("string") for k in STR_FIELDS}
    meta.update({k: Value("int64") for k in INT_FIELDS})
    meta.update({k: Value("float64") for k in FLOAT_FIELDS})
    meta["removed_chars"] = {c: Value("int64") for c in CATEGORIES}
    meta.update({k: [span] for k in SPAN_FIELDS})
    meta["phrase_languages"] = [Value("string")]
    meta["repairs"] = [Value("string")]
    top = {k: Value("string") for k in ("id", "text", "source", "added", "created")}
    return Features({**top, "metadata": meta})
