"""The user's rules (``[[rules]]`` in a TOML file, see :mod:`cleaner.userrules`)."""
from __future__ import annotations

from ..userrules import UserRule, applies, matches
from .base import Context


def user_rules(ctx: Context) -> None:
    """Keep rules first (their lines are never removed), then remove rules, in file order.

    A removed line gets rule ``user.<name>`` and the rule's ``file:line`` as evidence.
    Rules named in ``disabled_rules`` (``user.<name>``) do not run.
    """
    active = [
        r for r in ctx.config.user_rules
        if r.rule not in ctx.config.disabled_rules and applies(r, ctx.path, ctx.url)
    ]
    if not active:
        return
    for rule in (r for r in active if r.action == "keep"):
        _keep(ctx, rule)
    for rule in (r for r in active if r.action == "remove"):
        for i, line in enumerate(ctx.lines):
            if ctx.open(i) and matches(rule, line.text):
                ctx.decide(i, rule.category, rule.rule, evidence=rule.evidence)


def _keep(ctx: Context, rule: UserRule) -> None:
    for i, line in enumerate(ctx.lines):
        if i not in ctx.kept and matches(rule, line.text):
            ctx.kept[i] = rule.rule
