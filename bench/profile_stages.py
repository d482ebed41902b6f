"""Where the time goes: a sampling profile (pyinstrument) of the cleaner on pages, by stage.

Runs in one process on ``pages`` pages of a set (text dumps and HTML), through the same calls
as a batch run (read, prepare, clean), and reports each stage's share of the cleaning time
(the time under the stage's function; stages may nest, so shares need not add up to 1).
A sampling profiler, unlike cProfile, does not slow down code that makes many small calls
more than the rest, so the shares are those of a normal run.
"""
from __future__ import annotations

from pathlib import Path

#: stage -> (module file suffix, function name) whose cumulative time is the stage's.
#: Seconds between two samples.
SAMPLE_SECONDS = 0.001
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
    "model trees": ("cleaner/detect/model.py", "_walk_rows"),
    "model explanations": ("cleaner/detect/model.py", "contributions"),
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
    from pyinstrument import Profiler

    _work(files[:2])  # imports and caches out of the way
    profiler = Profiler(interval=SAMPLE_SECONDS)
    profiler.start()
    _work(files)
    root = profiler.stop().root_frame()
    if root is None or root.time <= 0:
        return {}
    shares = {}
    for stage, (suffix, name) in STAGES.items():
        seconds = _time_under(root, suffix, name)
        if seconds:
            shares[stage] = round(seconds / root.time, 3)
    return shares


def _time_under(root, suffix: str, name: str) -> float:
    """Time of the frames of function ``name`` (file ending in ``suffix``), outermost only."""
    total, stack = 0.0, [root]
    while stack:
        frame = stack.pop()
        if frame.function == name and (frame.file_path or "").endswith(suffix):
            total += frame.time
        else:
            stack.extend(frame.children)
    return total


def profile(html_pages: list[Path], text_pages: list[Path]) -> dict[str, dict[str, float]]:
    """Stage shares for both modes, each in a fresh process: the same pages in the other mode
    would have filled the caches (phrase matches, line features) and hidden their cost."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        text = pool.submit(stage_shares, text_pages).result()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        html = pool.submit(stage_shares, html_pages).result()
    return {"text": text, "html": html}


def markdown(shares: dict[str, dict[str, float]]) -> str:
    """A table: stage, share of text mode, share of HTML mode."""
    stages = [s for s in STAGES if any(s in m for m in shares.values())]
    rows = [f"| {s} | {shares['text'].get(s, 0):.0%} | {shares['html'].get(s, 0):.0%} |" for s in stages]
    return ("| stage (pyinstrument, time under it) | text mode | HTML mode |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
