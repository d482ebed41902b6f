"""Phrase rules: a line that matches a boilerplate phrase of the data files."""
from __future__ import annotations

from collections.abc import Callable

from .base import Context


def phrase_rule(kind: str) -> Callable[[Context], None]:
    """The rule that removes lines matched by phrases of one kind (``line``, ``start``, …)."""

    def rule(ctx: Context) -> None:
        name = f"phrase.{kind}"
        for i, match in enumerate(ctx.matches):
            if match is not None and match.kind == kind:
                ctx.decide(i, match.category, name, evidence=match.evidence)

    rule.__name__ = f"phrase_{kind}"
    return rule
