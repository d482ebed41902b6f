"""The quality targets of the issue, checked against an evaluation's results."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The reference some targets compare to: the no-cleaning F1 of the text dumps.
REFERENCE = "no-cleaning text F1"


@dataclass(frozen=True, slots=True)
class Target:
    """Our cleaner's ``metric`` on ``set``/``mode`` must reach ``threshold`` (or the reference)."""

    set: str
    mode: str
    metric: str = "f1"
    threshold: float | None = None  # None: the set's no-cleaning text F1

    def label(self) -> str:
        name = "R" if self.metric == "recall" else "F1"
        bound = f"{self.threshold:.2f}" if self.threshold is not None else REFERENCE
        return f"{name} \u2265 {bound}"


TARGETS: tuple[Target, ...] = (
    Target("dragnet-train", "text", "f1", 0.85),
    Target("dragnet-train", "text", "recall", 0.95),
    Target("trafilatura", "text", "f1", 0.88),
    Target("dragnet-train", "html", "f1", 0.93),
    Target("trafilatura", "html", "f1", 0.94),
    Target("cleaneval-dev", "text", "f1", None),
    Target("cleaneval-dev", "html", "f1", None),
)


def check(target: Target, runs: Sequence[dict[str, Any]], reference: float | None) -> dict[str, Any] | None:
    """The target's outcome, or ``None`` when its set/mode was not evaluated."""
    run = next((r for r in runs if (r["set"], r["mode"]) == (target.set, target.mode)), None)
    if run is None:
        return None
    bound = target.threshold if target.threshold is not None else reference
    value = run["systems"]["cleaner"][target.metric]
    label = target.label()
    if target.threshold is None and bound is not None:
        label += f" ({bound:.3f})"
    return {
        "set": target.set,
        "mode": target.mode,
        "metric": target.metric,
        "target": label,
        "bound": None if bound is None else round(bound, 4),
        "value": value,
        "met": None if bound is None else value >= bound,
    }


def check_all(runs: Sequence[dict[str, Any]], references: dict[str, float]) -> list[dict[str, Any]]:
    """Outcomes of every target whose set/mode was evaluated (references: set -> F1)."""
    results = (check(t, runs, references.get(t.set)) for t in TARGETS)
    return [r for r in results if r is not None]
