"""Helpers for rule tests: a detection context from plain lines."""
from __future__ import annotations

from cleaner.blocks import text_lines
from cleaner.config import Config
from cleaner.detect import Context, detect
from cleaner.pipeline import prepare_context

PARAGRAPH = (
    "The council met on Tuesday evening to discuss the proposal, and members said that the "
    "plan would change how the town spends its money over the next {n} years."
)


def paragraphs(n: int = 4, first: int = 0) -> list[str]:
    """Article paragraphs: long, sentence-like lines (``first`` > 0: others than those before)."""
    return [PARAGRAPH.format(n=first + i + 2) for i in range(n)]


def context(lines: list[str], config: Config | None = None, **kw) -> Context:
    """A fresh detection context (no rule run yet) for ``lines``."""
    text = "\n".join(lines) + "\n"
    return prepare_context(text_lines(text), config or Config(), frozenset(), False, **kw)


def decisions(lines: list[str], config: Config | None = None, stop_before: str | None = None) -> dict[str, tuple[str, str]]:
    """``{line text: (category, rule)}`` for every removed line, after the whole detection."""
    ctx = detect(context(lines, config), stop_before=stop_before)
    return {ctx.lines[i].text: (d.category, d.rule) for i, d in ctx.decided.items()}
