"""Detection: rules that decide which lines are boilerplate, kept apart from applying them.

Each rule is a small function registered under a stable name in :data:`RULES` (an immutable
table, run in its order). A rule looks at a :class:`Context` and calls :meth:`Context.decide`
for the lines it removes; the first decision on a line wins. ``Config.disabled_rules``
switches rules off by name.
"""
from __future__ import annotations

from .base import Context, RuleSpec
from .registry import RULES, detect, rule_names

__all__ = ["Context", "RuleSpec", "RULES", "detect", "rule_names"]
