"""Shared helpers of the robustness suite: snapshots, outcomes, running the CLI."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from cleaner.document import Span
from cleaner.reader import read_raw
from cleaner.pipeline import prepare
from cleaner.spans import replay

ROOT = Path(__file__).resolve().parents[2]
REPORT = ".cleaner/report.json"


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Hash of every file (links as their target path) under ``root``, by relative path."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if (here / d).relative_to(root).as_posix() not in skip]
        for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_file() and os.access(path, os.R_OK):
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = f"mode:{path.lstat().st_mode:o}"
    return out


def outcome(doc: dict[str, Any]) -> str:
    """``cleaned``, ``rejected:<code>``, ... of one report entry."""
    if doc["status"] == "rejected":
        return "rejected:" + (doc["reason"] or "").split(":")[0]
    return doc["status"]


def replays(raw: Path, clean: Path, out: str) -> bool:
    """Does the sidecar of ``out`` replay on its raw file to its ``.txt``?"""
    data = json.loads((clean / f"{out}.json").read_text(encoding="utf-8"))
    source = prepare(read_raw(raw / data["source"], data["config"]["max_bytes"]))[0]
    spans = [Span(e["start"], e["end"], e["category"], e["rule"]) for e in data["removed"]]
    return replay(source, spans) == (clean / f"{out}.txt").read_text(encoding="utf-8")


def outputs(clean: Path) -> dict[str, bytes]:
    """Every file under CLEAN except ``.cleaner/`` (run report and state hold timings)."""
    return {
        p.relative_to(clean).as_posix(): p.read_bytes()
        for p in sorted(clean.rglob("*"))
        if p.is_file() and not p.relative_to(clean).as_posix().startswith(".cleaner/")
    }


def cli_env(seed: str = "0") -> dict[str, str]:
    """The environment for a ``python -m cleaner`` subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
    return env


def cli_command(raw: Path, clean: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *extra, "run", str(raw), str(clean), "--jobs", str(jobs), "--quiet"]


def run_cli(raw: Path, clean: Path, jobs: int = 1, seed: str = "0", *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m cleaner run RAW CLEAN`` in a fresh process (cwd: the project root)."""
    return subprocess.run(
        cli_command(raw, clean, jobs, *extra), cwd=raw.parent, env=cli_env(seed),
        capture_output=True, text=True, timeout=300,
    )
