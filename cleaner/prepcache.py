"""Pages prepared in the corpus pass, kept on disk for the cleaning pass.

Pass 1 must render every changed HTML page to count its lines; everything else the page
needs that does not depend on the corpus (its metadata, trafilatura's vote on its lines) is
done right then too, and the rendered, marked lines are stored in a folder of the run
(``CLEAN/.cleaner/prepared-*``). Pass 2 takes them back instead of parsing and rendering the
page again. An entry is used once, only for the same raw bytes (sha256), and deleted; the
folder is removed when the run ends, and folders left by a killed run are removed by the
next one. Any problem with the folder only means the page is prepared again.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from dataclasses import fields
from typing import Any

from .config import Config
from .corpus import document_keys
from .document import Line
from .reader import RawDocument

PREFIX = "prepared-"


def open_folder(clean: Path) -> Path | None:
    """A new, empty folder for this run's entries (old runs' folders are removed first)."""
    from .outputs import STATE_DIR

    base = clean / STATE_DIR
    try:
        for old in base.glob(f"{PREFIX}*"):
            shutil.rmtree(old, ignore_errors=True)
        base.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=PREFIX, dir=base))
    except OSError:
        return None


def close_folder(folder: Path | None) -> None:
    """Remove the run's folder and what is left in it."""
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _entry(folder: Path, key: str) -> Path:
    return folder / hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()


def scan_keys(raw: RawDocument, config: Config, folder: Path | None, key: str, url: str | None = None) -> list[int]:
    """Pass 1 of one document: its line keys; an HTML page is also prepared and stored."""
    from .pipeline import mark_html
    from .pipeline import prepare

    source, lines, tree, repairs = prepare(raw)
    keys = sorted(document_keys(line.text for line in lines))
    if folder is not None and raw.format == "html":
        meta = mark_html(lines, tree, config, url, repairs)
        entry = [raw.sha256, source, [_line_row(line) for line in lines], meta]
        try:
            _entry(folder, key).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        except OSError:  # a full disk...: pass 2 prepares the page again
            pass
    return keys


def take(folder: Path | None, key: str, sha256: str) -> tuple[str, list[Line], dict[str, Any]] | None:
    """The stored ``(source, lines, metadata)`` of a page with these bytes, removed from the folder."""
    if folder is None:
        return None
    path = _entry(folder, key)
    try:
        sha, source, rows, meta = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
        lines = [Line(*row) for row in rows]
    except (OSError, ValueError, TypeError):
        return None
    return (source, lines, meta) if sha == sha256 else None


def _line_row(line: Line) -> list[Any]:
    """A line as a JSON row (:class:`~cleaner.document.Line` fields in order)."""
    return [getattr(line, name) for name in _LINE_FIELDS]


_LINE_FIELDS = tuple(f.name for f in fields(Line))
