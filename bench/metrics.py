"""Pure scoring functions: shingle P/R/F1, snippet P/R/F1 and comment leak.

Definitions follow ``../shared/bench/README.md`` (see ``bench/README.md`` for the details
and the conventions chosen where the README is silent). Nothing here reads files.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE_N = 4
_TOKEN_RE = re.compile(r"\w+")

Shingles = Counter  # Counter[tuple[str, ...]]


def tokenize(text: str) -> list[str]:
    """Lower-case ``\\w+`` word tokens of ``text``."""
    return _TOKEN_RE.findall(text.lower())


def shingles(text: str, n: int = SHINGLE_N) -> Shingles:
    """Multiset of the ``n``-token shingles of ``text``.

    A text with fewer than ``n`` (but at least one) tokens yields a single shingle made of
    all its tokens, as in the ScrapingHub benchmark's ``evaluate.py``; an empty text none.
    """
    tokens = tokenize(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def matched(a: Shingles, b: Shingles) -> int:
    """Size of the multiset intersection of two shingle multisets."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[key]) for key, count in a.items() if key in b)


@dataclass(frozen=True, slots=True)
class PageScore:
    """Shingle counts of one page: ``matched`` of ``predicted`` vs ``gold``."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """matched/predicted; 0 for an empty prediction (1 if the gold is empty too)."""
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        """matched/gold; 1 for an empty gold."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of this page's precision and recall."""
        return harmonic(self.precision, self.recall)


def harmonic(p: float, r: float) -> float:
    """Harmonic mean of ``p`` and ``r`` (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def page_score(prediction: str, gold: str) -> PageScore:
    """Shingle counts of ``prediction`` against ``gold`` for one page."""
    pred, ref = shingles(prediction), shingles(gold)
    return PageScore(matched(pred, ref), sum(pred.values()), sum(ref.values()))


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall, F1 and the number of pages (or snippets) behind them."""

    precision: float
    recall: float
    f1: float
    n: int

    def as_dict(self) -> dict[str, float | int]:
        """JSON form, rounded to 6 decimals (tables round once more, to 3)."""
        return {
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
            "n": self.n,
        }


def aggregate_pages(scores: Iterable[PageScore]) -> PRF:
    """Average P and R over all pages (each weighs the same); F1 = harmonic mean of the averages.

    A page with an empty gold counts too, with R = 1 and P = 1 only if the prediction is
    empty as well (this reproduces the shared README's CleanEval figures).
    """
    pages = list(scores)
    if not pages:
        return PRF(0.0, 0.0, 0.0, 0)
    p = sum(s.precision for s in pages) / len(pages)
    r = sum(s.recall for s in pages) / len(pages)
    return PRF(p, r, harmonic(p, r), len(pages))


def collapse_ws(text: str) -> str:
    """Runs of whitespace collapsed to one space, ends stripped."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """Snippet test outcomes: ``with`` found (tp) / missed (fn), ``without`` found (fp) / absent (tn)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn
        )

    @property
    def errors(self) -> int:
        """Misses plus false hits."""
        return self.fn + self.fp


def found_snippets(prediction: str, snippets: Sequence[str]) -> list[bool]:
    """For each snippet, whether it occurs (whitespace-collapsed) in ``prediction``."""
    text = collapse_ws(prediction)
    return [collapse_ws(s) in text for s in snippets]


def snippet_counts(prediction: str, with_: Sequence[str], without: Sequence[str]) -> SnippetCounts:
    """Snippet test outcomes of one page."""
    hits = found_snippets(prediction, with_)
    false_hits = found_snippets(prediction, without)
    return SnippetCounts(
        tp=sum(hits),
        fn=len(hits) - sum(hits),
        fp=sum(false_hits),
        tn=len(false_hits) - sum(false_hits),
    )


def snippet_prf(counts: SnippetCounts) -> PRF:
    """Corpus-level P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN)."""
    tp, fp, fn = counts.tp, counts.fp, counts.fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return PRF(p, r, f1, tp + fn + fp + counts.tn)


def comment_leak(prediction: str, gold: str, comments: str) -> tuple[int, int]:
    """``(leaked, total)`` comment shingles of one page (see :func:`leaked_shingles`)."""
    return leaked_shingles(shingles(prediction), shingles(gold), shingles(comments))


def leaked_shingles(pred: Shingles, gold: Shingles, comments: Shingles) -> tuple[int, int]:
    """``(leaked, total)`` comment shingles, from shingle multisets.

    A comment shingle is leaked when the prediction holds it more often than the gold
    article does (so a phrase shared by article and comments is not charged to the
    comments when only the article's copy was kept).
    """
    leaked = sum(min(n, max(0, pred[k] - gold[k])) for k, n in comments.items() if k in pred)
    return leaked, sum(comments.values())


def leak_share(pairs: Iterable[tuple[int, int]]) -> float | None:
    """Leaked over total, summed over pages; ``None`` when there is nothing to leak."""
    leaked = total = 0
    for a, b in pairs:
        leaked += a
        total += b
    return leaked / total if total else None
