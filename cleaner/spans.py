"""Splitting text into lines, and applying (replaying) removal spans.

The clean text is defined as ``normalize(delete(source, removed))``: delete every removed
span from the source, then normalise white space (:func:`normalize`). :func:`replay` is that
definition; the pipeline produces its output through it, so the sidecar always replays exactly.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .document import Line, Span

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into lines (``\\n``, ``\\r\\n`` and lone ``\\r`` end a line)."""
    if "\r" not in text:
        return _split_newlines(text)
    lines: list[Line] = []
    pos = 0
    n = len(text)
    for m in _LINE_RE.finditer(text):
        if m.start() == n and lines:
            break
        chunk = m.group()
        stop = m.end()
        end = stop - (2 if chunk.endswith("\r\n") else 1 if chunk.endswith(("\n", "\r")) else 0)
        lines.append(Line(len(lines), pos, end, stop, text[pos:end]))
        pos = stop
        if stop >= n:
            break
    return lines


def _split_newlines(text: str) -> list[Line]:
    """:func:`split_lines` of a text whose only line ends are ``\\n`` (the usual case)."""
    parts = text.split("\n")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()
    lines: list[Line] = []
    pos, n = 0, len(text)
    for i, part in enumerate(parts):
        end = pos + len(part)
        stop = min(end + 1, n)
        lines.append(Line(i, pos, end, stop, part))
        pos = stop
    return lines


def normalize(text: str) -> str:
    """The documented white-space step of replay.

    Line ends become ``\\n``; trailing white space is cut from each line; runs of more
    than one blank line become one; leading and trailing blank lines go; a non-empty
    result ends with exactly one ``\\n``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUN_RE.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


def check_spans(spans: Sequence[Span], length: int) -> None:
    """Raise ``ValueError`` unless spans are sorted, in bounds and do not overlap."""
    prev = 0
    for s in spans:
        if not (prev <= s.start <= s.end <= length):
            raise ValueError(f"bad span {s.start}:{s.end} (previous end {prev}, length {length})")
        prev = s.end


def delete(source: str, spans: Iterable[Span]) -> str:
    """``source`` with every span cut out (spans sorted and disjoint)."""
    out: list[str] = []
    pos = 0
    for s in spans:
        out.append(source[pos : s.start])
        pos = s.end
    out.append(source[pos:])
    return "".join(out)


def replay(source: str, removed: Sequence[Span]) -> str:
    """Reproduce the clean text from the source and its removed spans."""
    check_spans(removed, len(source))
    return normalize(delete(source, removed))
