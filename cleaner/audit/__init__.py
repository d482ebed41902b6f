"""The audit report: static HTML pages that show what the cleaner removed, read from CLEAN.

``CLEAN/audit/index.html`` (overview, chart, rules, frequent lines, documents to look at
first), ``documents-N.html`` (every document, paged), ``problems.html`` (rejected and failed
files) and ``doc/<output stem>.html`` (one page per document). No network, no external
asset, no JSON (so nothing in it looks like a sidecar to ``cleaner run``).
"""
from __future__ import annotations

from pathlib import Path

from ..sources import SourceReader
from .collect import Audit, read_report, sidecars
from .index import document_pages, index_page, problems_page
from .pages import document_page

AUDIT_DIR = "audit"
MARKER = ".cleaner-audit"


def prepare_out(out: Path) -> None:
    """Create the report folder, or empty the pages of an earlier report in it.

    A folder that exists, is not empty and was not written by us is refused.
    """
    if out.exists() and not out.is_dir():
        raise ValueError(f"audit: {out} is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ValueError(f"audit: {out} is not empty and holds no earlier audit report: choose another --out")
    if out.is_dir():
        for old in sorted(out.rglob("*.html"), reverse=True):
            old.unlink()
        for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by cleaner audit; its *.html files are replaced on every run\n")


def raw_folder(report: dict, clean: Path) -> Path | None:
    """The RAW folder of the run report (relative paths tried from here and beside CLEAN)."""
    raw = report.get("raw")
    if not raw:
        return None
    path = Path(raw)
    for candidate in (path, clean.parent / path) if not path.is_absolute() else (path,):
        if candidate.is_dir():
            return candidate.resolve()
    return path


def write_audit(clean: Path, out: Path | None = None) -> Path:
    """Write the audit report of ``clean`` into ``out`` (default ``CLEAN/audit``); its index."""
    out = out or clean / AUDIT_DIR
    prepare_out(out)
    report = read_report(clean)
    raw = raw_folder(report, clean)
    audit = Audit(report)
    with SourceReader() as reader:  # keeps a shard open while its records' pages are written
        for stem, data in sidecars(clean, report, skip=out):
            audit.add(stem, data)
            target = out / "doc" / f"{stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            root = "../" * (stem.count("/") + 1)
            raw_path = raw / str(data.get("source", "")) if raw is not None and data.get("source") else None
            page = document_page(stem, data, raw_path, clean, target.parent, root, reader)
            target.write_text(page, encoding="utf-8")
    for n, text in enumerate(document_pages(audit), 1):
        (out / f"documents-{n}.html").write_text(text, encoding="utf-8")
    (out / "problems.html").write_text(problems_page(audit), encoding="utf-8")
    index = out / "index.html"
    index.write_text(index_page(audit), encoding="utf-8")
    return index
