"""Replay audit: every sidecar in CLEAN must replay, from RAW, to its clean text."""
from __future__ import annotations

import json
from pathlib import Path

from .config import Config
from .document import Span
from .outputs import STATE_DIR
from .reader import read_raw
from .runner import prepare
from .spans import replay


def verify_one(raw_path: Path, sidecar_path: Path, config: Config) -> str | None:
    """``None`` when the sidecar replays exactly to its ``.txt``, else what is wrong."""
    data = json.loads(sidecar_path.read_text(encoding="utf-8"))
    raw = read_raw(raw_path, config.max_bytes)
    if raw.sha256 != data["sha256"]:
        return f"{data['source']}: raw file changed since it was cleaned"
    source = prepare(raw)[0]
    spans = [Span(r["start"], r["end"], r["category"], r["rule"]) for r in data["removed"]]
    for span, entry in zip(spans, data["removed"]):
        if source[span.start : span.end] != entry["text"]:
            return f"{data['source']}: span {span.start}:{span.end} text differs"
    expected = sidecar_path.with_suffix(".txt").read_text(encoding="utf-8")
    if replay(source, spans) != expected:
        return f"{data['source']}: replay differs from the clean text"
    return None


def verify_tree(raw: Path, clean: Path, config: Config) -> tuple[list[str], int]:
    """Check every sidecar under ``clean``; ``(problems, documents checked)``."""
    problems: list[str] = []
    checked = 0
    for sidecar in sorted(clean.rglob("*.json")):
        if sidecar.relative_to(clean).parts[0] == STATE_DIR:
            continue
        try:
            source = json.loads(sidecar.read_text(encoding="utf-8"))["source"]
            problem = verify_one(raw / source, sidecar, config)
        except (OSError, ValueError, KeyError) as exc:
            problem = f"{sidecar}: cannot verify: {exc}"
        checked += 1
        if problem:
            problems.append(problem)
    return problems, checked
