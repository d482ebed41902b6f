"""Where the time goes: cProfile of the cleaner on a sample of pages, by stage.

Runs in one process on ``pages`` pages of a set (text dumps and HTML), through the same calls
as a batch run (read, prepare, clean), and reports each stage's share of the cleaning time
(cumulative time of the stage's function; stages may nest, so shares need not add up to 1).
"""
from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

#: stage -> (module file suffix, function name) whose cumulative time is the stage's.
STAGES: dict[str, tuple[str, str]] = {
    "read and decode": ("cleaner/reader.py", "read_raw"),
    "parse and render HTML": ("cleaner/pipeline.py", "prepare"),
    "trafilatura's vote": ("cleaner/html.py", "extract_main"),
    "page metadata": ("cleaner/htmlmeta.py", "head_metadata"),
    "language (langdetect)": ("cleaner/language.py", "detect_language"),
    "phrase lists": ("cleaner/phrases.py", "match"),
    "line features": ("cleaner/features.py", "line_features"),
    "rules (all, with the model)": ("cleaner/detect/registry.py", "detect"),
    "model features": ("cleaner/detect/linefeatures.py", "line_vectors"),
    "model trees": ("cleaner/detect/model.py", "score"),
    "comment sections": ("cleaner/detect/comments.py", "comment_sections"),
    "replay": ("cleaner/spans.py", "replay"),
}


def _work(files: list[Path]) -> None:
    from cleaner.config import Config
    from cleaner.pipeline import clean_prepared
    from cleaner.reader import read_raw
    from cleaner.pipeline import prepare

    config = Config()
    for path in files:
        raw = read_raw(path, config.max_bytes)
        clean_prepared(raw.format, prepare(raw), config)


def stage_shares(files: list[Path]) -> dict[str, float]:
    """Share of the profiled time spent in each stage (see :data:`STAGES`)."""
    _work(files[:2])  # imports and caches out of the way
    profiler = cProfile.Profile()
    profiler.runcall(_work, files)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for (_f, _l, _n), (_cc, _nc, tt, _ct, _callers) in stats.items())
    shares = {}
    for stage, (suffix, name) in STAGES.items():
        cum = sum(ct for (f, _l, n), (_cc, _nc, _tt, ct, _c) in stats.items() if n == name and f.endswith(suffix))
        if cum:
            shares[stage] = round(cum / total, 3)
    return shares


def profile(html_pages: list[Path], text_pages: list[Path]) -> dict[str, dict[str, float]]:
    """Stage shares for both modes."""
    return {"text": stage_shares(text_pages), "html": stage_shares(html_pages)}


def markdown(shares: dict[str, dict[str, float]]) -> str:
    """A table: stage, share of text mode, share of HTML mode."""
    stages = [s for s in STAGES if any(s in m for m in shares.values())]
    rows = [f"| {s} | {shares['text'].get(s, 0):.0%} | {shares['html'].get(s, 0):.0%} |" for s in stages]
    return ("| stage (cProfile, cumulative) | text mode | HTML mode |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
