"""Gathering the audit's statistics from CLEAN: the run report and the sidecars."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..outputs import REPORT_NAME, STATE_DIR

EXAMPLES = 3
LINE_KEY_CHARS = 200
PROBLEM_STATUSES = ("rejected", "failed", "timeout")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class DocInfo:
    """One cleaned document, as listed in the report."""

    out: str
    source: str
    title: str
    language: str
    format: str
    chars_in: int
    chars_out: int
    removed: int
    spans: int

    @property
    def share(self) -> float:
        """Share of the source's characters that was removed."""
        return self.removed / self.chars_in if self.chars_in else 0.0


@dataclass(slots=True)
class RuleStats:
    """What one rule removed across the corpus."""

    name: str
    spans: int = 0
    chars: int = 0
    docs: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, int, str]] = field(default_factory=list)  # (out, start, text)
    origins: set[str] = field(default_factory=set)  # user rules: file:line


@dataclass(slots=True)
class Audit:
    """The corpus at a glance, per rule, per language, and the documents."""

    report: dict[str, Any]
    docs: list[DocInfo] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)
    languages: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    rules: dict[str, RuleStats] = field(default_factory=dict)
    lines: Counter[str] = field(default_factory=Counter)
    line_cats: dict[str, str] = field(default_factory=dict)

    @property
    def problems(self) -> list[dict[str, Any]]:
        """Documents rejected, failed or timed out, with their reasons (from the run report)."""
        return [d for d in self.report.get("documents", []) if d.get("status") in PROBLEM_STATUSES]

    def add(self, out: str, data: dict[str, Any]) -> DocInfo:
        """Count one sidecar in."""
        removed = data.get("removed", [])
        lang = data.get("language") or "unknown"
        chars = sum(int(v) for v in data.get("removed_chars", {}).values())
        doc = DocInfo(out, str(data.get("source", out)), data.get("title") or "", lang, data.get("format", ""),
                      int(data.get("chars_in", 0)), int(data.get("chars_out", 0)), chars, len(removed))
        self.docs.append(doc)
        per_lang = self.languages[lang]
        per_lang.update({"docs": 1, "chars_in": doc.chars_in, "chars_out": doc.chars_out})
        for category, n in data.get("removed_chars", {}).items():
            self.categories[category] += int(n)
            per_lang[category] += int(n)
        seen: set[str] = set()
        for span in removed:
            self._add_span(out, span, seen)
        return doc

    def _add_span(self, out: str, span: dict[str, Any], seen: set[str]) -> None:
        name = span.get("rule", "?")
        stats = self.rules.setdefault(name, RuleStats(name))
        stats.spans += 1
        stats.chars += span["end"] - span["start"]
        stats.categories[span.get("category", "other")] += 1
        if name not in seen:
            seen.add(name)
            stats.docs += 1
            if len(stats.examples) < EXAMPLES:
                stats.examples.append((out, span["start"], span.get("text", "")))
        if name.startswith("user.") and span.get("evidence"):
            stats.origins.add(span["evidence"])
        key = _WS.sub(" ", span.get("text", "")).strip()[:LINE_KEY_CHARS]
        if key:
            self.lines[key] += 1
            self.line_cats.setdefault(key, span.get("category", "other"))

    @property
    def totals(self) -> dict[str, int]:
        """Documents and characters over the whole corpus."""
        problems = Counter(d.get("status") for d in self.problems)
        return {
            "processed": len(self.docs),
            "rejected": problems["rejected"],
            "failed": problems["failed"] + problems["timeout"],
            "chars_in": sum(d.chars_in for d in self.docs),
            "chars_out": sum(d.chars_out for d in self.docs),
            "removed": sum(self.categories.values()),
        }


def read_report(clean: Path) -> dict[str, Any]:
    """``CLEAN/.cleaner/report.json``, or ``{}`` when there is none."""
    path = clean / STATE_DIR / REPORT_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sidecars(clean: Path, report: dict[str, Any], skip: Path | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(output stem, sidecar)`` of every cleaned document, in path order.

    The run report's documents when there is a report; else every sidecar-like JSON file
    under ``clean`` (outside ``.cleaner/``, hidden files and ``skip``, the report folder).
    """
    if report.get("documents"):
        outs = sorted(d["out"] for d in report["documents"] if d.get("status") in ("cleaned", "skipped") and d.get("out"))
    else:
        outs = sorted(_sidecar_stems(clean, skip))
    for out in outs:
        try:
            data = json.loads((clean / f"{out}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "removed" in data:
            yield out, data


def _sidecar_stems(clean: Path, skip: Path | None) -> Iterator[str]:
    for path in clean.rglob("*.json"):
        rel = path.relative_to(clean)
        if rel.parts[0] == STATE_DIR or rel.name.startswith("."):
            continue
        if skip is not None and path.resolve().is_relative_to(skip.resolve()):
            continue
        yield rel.with_suffix("").as_posix()
