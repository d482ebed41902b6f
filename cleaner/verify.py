"""Replay audit: every sidecar in CLEAN must replay, from RAW, to its clean text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import Config
from .document import Span
from .outputs import STATE_DIR
from .reader import Rejected
from .pipeline import prepare
from .sources import SourceReader
from .spans import replay


def verify_one(raw_path: Path, sidecar_path: Path, config: Config, reader: SourceReader | None = None) -> str | None:
    """``None`` when the sidecar replays exactly to its ``.txt``, else what is wrong.

    Checks: the raw file (or a shard's record: ``raw_path`` is then the shard) is unchanged
    (SHA-256), every removed and flagged span's text is the source's text at its offsets,
    and replaying the removed spans on the source gives the ``.txt`` byte for byte. The
    size limit is the larger of ``config``'s and the one recorded in the sidecar, so a file
    cleaned under a larger limit can still be checked.
    """
    data = json.loads(sidecar_path.read_text(encoding="utf-8"))
    limit = max(config.max_bytes, int(data.get("config", {}).get("max_bytes", 0)))
    name = data["source"] if "record" not in data else f"{data['source']}#{data['id']}"
    if reader is None:
        with SourceReader() as own:
            raw = own.document(raw_path.parent, {**data, "source": raw_path.name}, limit)
    else:
        raw = reader.document(raw_path.parent, {**data, "source": raw_path.name}, limit)
    if raw.sha256 != data["sha256"]:
        return f"{name}: raw file changed since it was cleaned"
    source = prepare(raw)[0]
    problem = _span_texts(source, data["removed"] + data.get("flagged", []))
    if problem:
        return f"{name}: {problem}"
    spans = [Span(r["start"], r["end"], r["category"], r["rule"]) for r in data["removed"]]
    with open(sidecar_path.with_suffix(".txt"), encoding="utf-8", newline="") as fh:
        expected = fh.read()
    if replay(source, spans) != expected:
        return f"{name}: replay differs from the clean text"
    return None


def _span_texts(source: str, entries: list[dict[str, Any]]) -> str | None:
    for entry in entries:
        start, end = entry["start"], entry["end"]
        if source[start:end] != entry["text"]:
            return f"span {start}:{end} text differs"
    return None


def verify_tree(raw: Path, clean: Path, config: Config) -> tuple[list[str], int]:
    """Check every sidecar under ``clean``; ``(problems, documents checked)``.

    Hidden files and ``.cleaner/`` are not sidecars. A sidecar that cannot be checked
    (unreadable, malformed, its raw file missing or now rejected) is a problem too. The
    records of a shard are read from it in one pass (:class:`cleaner.sources.SourceReader`).
    """
    problems: list[str] = []
    checked = 0
    with SourceReader() as reader:
        for sidecar in sorted(clean.rglob("*.json")):
            rel = sidecar.relative_to(clean)
            if rel.parts[0] == STATE_DIR or rel.name.startswith("."):
                continue
            try:
                source = json.loads(sidecar.read_text(encoding="utf-8"))["source"]
                problem = verify_one(raw / source, sidecar, config, reader)
            except (OSError, ValueError, KeyError, TypeError, AttributeError, Rejected) as exc:
                problem = f"{rel.as_posix()}: cannot verify: {exc}"
            checked += 1
            if problem:
                problems.append(problem)
    return problems, checked
