"""Where outputs go, what a sidecar holds, and writing files atomically."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import Config
from .reader import RawDocument

if TYPE_CHECKING:  # the pipeline (numpy, the model) is imported only where documents are cleaned
    from .pipeline import CleanResult

STATE_DIR = ".cleaner"
REPORT_NAME = "report.json"
TMP_PREFIX = ".tmp-"
OFFSETS = {
    "text": "characters of the decoded raw text",
    "html": "characters of the page's block rendering (cleaner render FILE)",
}


def output_stem(rel: PurePosixPath) -> PurePosixPath:
    """``a/b.html.gz`` -> ``a/b``: the output name without format extensions."""
    return PurePosixPath(output_stem_str(rel.as_posix()))


def output_stem_str(rel: str) -> str:
    """:func:`output_stem` on a POSIX path string (no ``pathlib``: discovery calls it per file)."""
    folder, _, name = rel.rpartition("/")
    if name.lower().endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # pathlib's suffix rule
    return f"{folder}/{stem}" if folder else stem


def leaves_folder(folder: Path, path: Path) -> bool:
    """Would writing ``path`` land outside ``folder`` (a linked subfolder, ``..``)?"""
    return not path.parent.resolve().is_relative_to(folder.resolve())


def atomic_write(path: Path, data: str, durable: bool = False) -> None:
    """Write ``data`` (UTF-8, line ends as given) to ``path`` all at once.

    The data goes to a temporary ``.tmp-*`` file in the same folder, renamed over ``path``:
    readers (and a later run, after the process was killed) see the old file or the new
    one, never a part. On any error the temporary file is removed and ``path`` is left as it
    was. The file gets the usual permissions (``0o666`` less the umask), not the private
    ones of ``mkstemp``. ``durable`` also flushes it to the disk before the rename (against
    a power loss); per-document outputs skip that, as it costs more than cleaning them:
    the run state is written durably after ``os.sync()`` (see :func:`cleaner.state.save_state`),
    and an output not yet on disk is found out by its sidecar's checks and cleaned again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_temp_files(clean: Path) -> list[str]:
    """Delete ``.tmp-*`` files left in ``clean`` by an interrupted run; their names."""
    if not clean.is_dir():
        return []
    gone = []
    for dirpath, _dirnames, filenames in os.walk(clean):
        for name in filenames:
            tmp = Path(dirpath, name)
            if name.startswith(TMP_PREFIX) and tmp.is_file() and not tmp.is_symlink():
                tmp.unlink(missing_ok=True)
                gone.append(tmp.relative_to(clean).as_posix())
    return sorted(gone)


def removed_chars(result: CleanResult) -> dict[str, int]:
    """Characters removed per category."""
    counts: Counter[str] = Counter()
    for span in result.removed:
        counts[span.category] += span.end - span.start
    return dict(sorted(counts.items()))


def sidecar(
    rel: str, raw: RawDocument, result: CleanResult, config: Config, fingerprints: dict[str, str]
) -> dict[str, Any]:
    """The sidecar of one cleaned document."""
    meta = result.metadata
    return {
        "source": rel,
        "sha256": raw.sha256,
        "bytes": raw.bytes,
        "format": raw.format,
        "encoding": raw.encoding,
        "repairs": [*raw.repairs, *meta.get("repairs", ())],  # decoding's, and an HTML rendering's
        "language": meta.get("language"),
        "language_confidence": meta.get("language_confidence"),
        "language_reason": meta.get("language_reason"),
        "title": meta.get("title"),
        "author": meta.get("author"),
        "date": meta.get("date"),
        "site": meta.get("sitename"),
        "url": meta.get("url"),
        "offsets": OFFSETS[raw.format],
        "chars_in": len(result.source),
        "chars_out": len(result.text),
        "text_sha256": hashlib.sha256(result.text.encode("utf-8")).hexdigest(),
        "removed_chars": removed_chars(result),
        "removed": [s.to_json(result.source) for s in result.removed],
        "flagged": [s.to_json(result.source) for s in result.flagged],
        "phrase_languages": meta.get("phrase_languages", []),
        "cleaner_version": __version__,
        "config": config.to_dict(),
        **fingerprints,
    }


def dumps(data: dict[str, Any]) -> str:
    """Stable JSON for outputs: our own field order, UTF-8, one line, newline at the end.

    One line, because only then does Python's fast C encoder run; ``cleaner show`` and the
    audit report are the views for people.
    """
    return json.dumps(data, ensure_ascii=False) + "\n"
