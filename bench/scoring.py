"""Score one system's outputs on a benchmark set: per-page records, then the set summary."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .data import BenchSet
from .metrics import (
    PageScore,
    SnippetCounts,
    aggregate_pages,
    found_snippets,
    leak_share,
    leaked_shingles,
    matched,
    shingles,
    snippet_counts,
    snippet_prf,
)

Record = dict[str, Any]


def score_gold_page(bset: BenchSet, page_id: str, prediction: str) -> Record:
    """Shingle scores of one page (plus its comment leak when it has comments)."""
    pred, gold = shingles(prediction), bset.gold_shingles(page_id)
    score = PageScore(matched(pred, gold), sum(pred.values()), sum(gold.values()))
    record: Record = {
        "id": page_id,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "counts": [score.matched, score.predicted, score.gold],
    }
    comments = bset.comments(page_id)
    if comments.strip():
        record["comment_leak"] = list(leaked_shingles(pred, gold, shingles(comments)))
    return record


def score_snippet_page(bset: BenchSet, page_id: str, prediction: str) -> Record:
    """Snippet outcomes of one page: counts, missed ``with`` and found ``without`` snippets."""
    item = bset.snippets[page_id]
    counts = snippet_counts(prediction, item["with"], item["without"])
    hits = found_snippets(prediction, item["with"])
    false_hits = found_snippets(prediction, item["without"])
    comment_hits = found_snippets(prediction, item.get("comments", []))
    return {
        "id": page_id,
        "tp": counts.tp,
        "fn": counts.fn,
        "fp": counts.fp,
        "tn": counts.tn,
        "missed": [s for s, ok in zip(item["with"], hits) if not ok],
        "false_hits": [s for s, ok in zip(item["without"], false_hits) if ok],
        "comment_leak": [sum(comment_hits), len(comment_hits)],
    }


def score_page(bset: BenchSet, page_id: str, prediction: str) -> Record:
    """The page record for the set's kind of gold."""
    if bset.kind == "snippets":
        return score_snippet_page(bset, page_id, prediction)
    return score_gold_page(bset, page_id, prediction)


def score_pages(bset: BenchSet, predictions: Mapping[str, str]) -> list[Record]:
    """Records of every page of the set (a missing prediction counts as empty)."""
    return [score_page(bset, i, predictions.get(i, "")) for i in bset.ids]


def summarize(kind: str, records: Sequence[Record]) -> dict[str, Any]:
    """Set-level P/R/F1 and comment leak from page records."""
    leaks = [tuple(r["comment_leak"]) for r in records if r.get("comment_leak", [0, 0])[1]]
    if kind == "snippets":
        total = sum((SnippetCounts(r["tp"], r["fn"], r["fp"], r["tn"]) for r in records), SnippetCounts())
        out = snippet_prf(total).as_dict()
        out.update(tp=total.tp, fn=total.fn, fp=total.fp, tn=total.tn)
    else:
        out = aggregate_pages(PageScore(*r["counts"]) for r in records).as_dict()
    share = leak_share(leaks)
    out["comment_leak"] = None if share is None else round(share, 4)
    out["comment_pages"] = len(leaks)
    return out


def compact(kind: str, records: Sequence[Record]) -> dict[str, list[float]]:
    """Per-page scores for the JSON: ``[P, R, F1]`` or ``[tp, fn, fp]`` per id."""
    if kind == "snippets":
        return {r["id"]: [r["tp"], r["fn"], r["fp"]] for r in records}
    return {r["id"]: [round(r[k], 4) for k in ("precision", "recall", "f1")] for r in records}
