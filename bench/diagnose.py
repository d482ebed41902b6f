"""Where our cleaner loses quality: rules behind lost gold text, and the worst pages."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .metrics import Shingles, collapse_ws, matched, shingles
from .scoring import Record

EXCERPT_CHARS = 200
WORST_PAGES = 10


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Whitespace-collapsed text cut to ``limit`` characters."""
    text = collapse_ws(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def rule_counts(removed: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Rule name -> number of removed spans, most frequent first."""
    return dict(Counter(span.get("rule", "?") for span in removed).most_common())


@dataclass
class GoldLoss:
    """Gold shingles missing from the output, attributed to the removed spans holding them."""

    by_rule: Counter = field(default_factory=Counter)
    worst_span: dict[str, Any] | None = None
    lost: int = 0


def gold_loss(removed: Sequence[dict[str, Any]], pred: Shingles, gold: Shingles) -> GoldLoss:
    """Attribute the page's lost gold shingles to rules; keep the span that lost the most.

    A lost shingle is charged to the first removed span that contains it (never twice);
    shingles that straddle two spans or were never in the input stay unattributed.
    """
    lost = gold - pred
    result = GoldLoss(lost=sum(lost.values()))
    best = (0, 0)
    for span in removed:
        text = span.get("text", "")
        span_sh = shingles(text)
        hit = matched(span_sh, lost)
        if not hit:
            continue
        lost -= Counter({k: min(n, lost[k]) for k, n in span_sh.items() if k in lost})
        rule = span.get("rule", "?")
        result.by_rule[rule] += hit
        if (hit, len(text)) > best:
            best = (hit, len(text))
            result.worst_span = {"rule": rule, "category": span.get("category"),
                                 "lost_shingles": hit, "text": excerpt(text)}
    return result


def kept_non_gold(prediction: str, gold: Shingles) -> dict[str, Any] | None:
    """The output line with the most shingles that are not in the gold (kept boilerplate)."""
    best: tuple[int, str] = (0, "")
    for line in prediction.splitlines():
        line_sh = shingles(line)
        extra = sum(line_sh.values()) - matched(line_sh, gold)
        if extra > best[0]:
            best = (extra, line)
    return {"extra_shingles": best[0], "text": excerpt(best[1])} if best[0] else None


def snippet_rule(snippet: str, removed: Sequence[dict[str, Any]]) -> str | None:
    """The rule of the removed span that holds a missed snippet (or its start or end)."""
    target = collapse_ws(snippet)
    probes = [target] + ([target[:20], target[-20:]] if len(target) > 20 else [])
    for probe in probes:
        for span in removed:
            if probe in collapse_ws(span.get("text", "")):
                return span.get("rule", "?")
    return None


def gold_page_detail(record: Record, prediction: str, gold: Shingles,
                     removed: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Worst-page entry of a gold-set page: scores, rules fired, lost and kept text."""
    loss = gold_loss(removed, shingles(prediction), gold)
    return {
        "id": record["id"],
        "precision": round(record["precision"], 4),
        "recall": round(record["recall"], 4),
        "f1": round(record["f1"], 4),
        "rules": rule_counts(removed),
        "lost_gold": loss.worst_span,
        "kept_non_gold": kept_non_gold(prediction, gold),
    }


def snippet_page_detail(record: Record, removed: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Worst-page entry of a snippet-set page: counts, misses with their rule, false hits."""
    return {
        "id": record["id"],
        **{k: record[k] for k in ("tp", "fn", "fp", "tn")},
        "rules": rule_counts(removed),
        "missed": [{"snippet": s, "rule": snippet_rule(s, removed)} for s in record["missed"]],
        "false_hits": record["false_hits"],
    }


def worst_records(kind: str, records: Sequence[Record], k: int = WORST_PAGES) -> list[Record]:
    """The ``k`` pages with the lowest F1 (gold sets) or the most misses + false hits."""
    if kind == "snippets":
        ranked = sorted(records, key=lambda r: (-(r["fn"] + r["fp"]), -r["fn"], r["id"]))
        return [r for r in ranked[:k] if r["fn"] + r["fp"]]
    return sorted(records, key=lambda r: (r["f1"], r["id"]))[:k]
