"""Baseline cleaners scored next to ours on the same pages.

Text mode (input: the text dump): no cleaning, C4's line filter, jusText over the lines.
HTML mode (input: the raw page): jusText and ``trafilatura.extract``. Every baseline maps
one page to its cleaned text; :func:`run_baselines` runs them over a set with a process pool.
"""
from __future__ import annotations

import gzip
import html
import logging
from collections.abc import Callable, Sequence
from multiprocessing import Pool
from pathlib import Path

Baseline = Callable[[bytes], str]

#: Line endings C4 accepts as the end of a sentence.
C4_END_MARKS = (".", "!", "?", '"', "\u201d", "'")
#: Substrings that make C4 drop a line (lower-cased test).
C4_BAD_SUBSTRINGS = ("javascript", "lorem ipsum")
C4_MIN_WORDS = 3


def no_cleaning(raw: bytes) -> str:
    """The text dump as is."""
    return raw.decode("utf-8", errors="replace")


def c4_keep_line(line: str) -> bool:
    """C4's line rule: 3+ words, terminal punctuation, no "javascript"/"lorem ipsum"."""
    line = line.strip()
    if len(line.split()) < C4_MIN_WORDS or not line.endswith(C4_END_MARKS):
        return False
    lower = line.lower()
    return not any(bad in lower for bad in C4_BAD_SUBSTRINGS)


def c4_lines(raw: bytes) -> str:
    """The dump's lines that pass :func:`c4_keep_line`."""
    lines = no_cleaning(raw).splitlines()
    return "\n".join(line.strip() for line in lines if c4_keep_line(line))


def _justext(document: str | bytes) -> str:
    """jusText's non-boilerplate paragraphs (English stoplist), one per line."""
    import justext

    try:
        paragraphs = justext.justext(document, justext.get_stoplist("English"))
    except Exception:  # jusText raises on empty or unparsable documents
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def justext_text(raw: bytes) -> str:
    """jusText on the text dump, each line wrapped in ``<p>`` (HTML-escaped)."""
    lines = no_cleaning(raw).splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines if line.strip())
    return _justext(f"<html><body>\n{body}</body></html>")


def justext_html(raw: bytes) -> str:
    """jusText on the page's HTML bytes."""
    return _justext(gzip.decompress(raw))


def trafilatura_html(raw: bytes) -> str:
    """``trafilatura.extract(html, include_comments=False)`` ('' when it finds nothing)."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(gzip.decompress(raw), include_comments=False) or ""
    except Exception:
        return ""


TEXT_BASELINES: dict[str, Baseline] = {
    "no cleaning": no_cleaning,
    "C4 lines": c4_lines,
    "jusText": justext_text,
}
HTML_BASELINES: dict[str, Baseline] = {
    "jusText": justext_html,
    "trafilatura": trafilatura_html,
}
BASELINES: dict[str, dict[str, Baseline]] = {"text": TEXT_BASELINES, "html": HTML_BASELINES}


def _run_page(task: tuple[str, Path]) -> dict[str, str]:
    """All baselines of ``mode`` on one input file (a pool task)."""
    mode, path = task
    raw = path.read_bytes()
    return {name: fn(raw) for name, fn in BASELINES[mode].items()}


def run_baselines(mode: str, inputs: Sequence[tuple[str, Path]], jobs: int) -> dict[str, dict[str, str]]:
    """``{system: {page id: text}}`` for every baseline of ``mode`` on ``(id, path)`` inputs."""
    tasks = [(mode, path) for _, path in inputs]
    if jobs > 1:
        with Pool(jobs) as pool:
            results = pool.map(_run_page, tasks, chunksize=4)
    else:
        results = [_run_page(task) for task in tasks]
    out: dict[str, dict[str, str]] = {name: {} for name in BASELINES[mode]}
    for (page_id, _), texts in zip(inputs, results):
        for name, text in texts.items():
            out[name][page_id] = text
    return out
