"""Recipes: an ingredient list (or a nutrition table) is a run of quantity lines, and stays."""
from __future__ import annotations

import re

from ..phrases import load_patterns
from .base import Context

#: Quantity lines a run needs ("125 g", "2 EL Öl", "1 1/2 cups flour"): three or more.
MIN_QUANTITIES = 3
#: Lines at most between two quantity lines of one run (an ingredient on its own line after its
#: quantity, a "For the icing:" heading).
MAX_GAP = 2
#: Words a line of the run has at most (an ingredient, not a paragraph of the method).
MAX_WORDS = 12
RULE = "keep.ingredients"
#: A bare count on its own line ("2" above "Eier (Größe M)").
_COUNT_RE = re.compile(r"^\d{1,3}$")
#: What a quantity line may start with besides a digit: a fraction, "ca.", "approx.", "about",
#: "etwa", "circa" (the patterns' optional prefix).
_FRACTIONS = frozenset("½¼¾⅓⅔⅛")
_WORD_STARTS = frozenset({"ca", "ap", "ab", "et", "ci"})
_PRICE_RE = re.compile(r"[€$£¥₹]|\b(eur|usd|chf|gbp)\b", re.I)


def keep_ingredients(ctx: Context) -> None:
    """Keep a recipe's ingredient list: a run of ``MIN_QUANTITIES`` lines or more that start with
    a quantity and a unit (``rules/<lang>/quantities.txt``), at most ``MAX_GAP`` lines apart,
    with the lines between them, the one after the last when that holds only a quantity
    ("1 Pck." then "Backpulver") and the one above the first when it ends with a colon ("For
    the dough:"). Short ingredient lines look like menu items to the other rules; the units
    tell them apart. Lines a rule removed already and phrase-list lines ("Print", "Add to
    shopping list") are not kept, nor a second copy of a list that stands above it on the page
    (it goes as a duplicate). Removes nothing.
    """
    patterns = load_patterns(ctx.languages, "quantities")
    if not patterns:
        return
    units = {i for i, line in enumerate(ctx.lines) if _quantity(line.text, patterns) and _short(ctx, i)}
    if len(units) < MIN_QUANTITIES:
        return
    counts = {i for i, line in enumerate(ctx.lines) if line.text[:4].strip().isdigit() and _COUNT_RE.match(line.text.strip())}
    for run in _runs(sorted(units | counts), units):
        if _copy(ctx, run):  # a page's second copy of the list: doc.duplicate's to remove
            continue
        first = run[0] - (1 if run[0] and ctx.lines[run[0] - 1].text.rstrip().endswith(":") else 0)
        last = run[-1] + (1 if _quantity_only(ctx.lines[run[-1]].text, patterns) else 0)
        for i in range(first, min(last, len(ctx.lines) - 1) + 1):
            if ctx.open(i) and ctx.matches[i] is None and _short(ctx, i):
                ctx.kept[i] = RULE


def _quantity(text: str, patterns) -> bool:
    """A line that starts with a quantity and a unit, and is no price ("0,75 l (22,52 €/l)": a
    shop's list of products). Most lines fail on their first character, before any pattern."""
    text = text.strip()
    if not (text[:1].isdigit() or text[:1] in _FRACTIONS or text[:2].lower() in _WORD_STARTS):
        return False
    return not _PRICE_RE.search(text) and any(rx.match(text) for rx in patterns)


def _quantity_only(text: str, patterns) -> bool:
    """A quantity with no ingredient after it on the line ("125 g", "1 Pck.")."""
    text = text.strip()
    return any((m := rx.match(text)) and not any(c.isalpha() for c in text[m.end():]) for rx in patterns)


def _short(ctx: Context, i: int) -> bool:
    return 0 < ctx.feats[i].words <= MAX_WORDS


def _runs(quantities: list[int], units: set[int]) -> list[list[int]]:
    """Groups of quantity lines at most ``MAX_GAP`` lines apart, with ``MIN_QUANTITIES`` or more
    that have a unit (a bare count, "2" above "Eier", bridges a gap but does not count)."""
    runs: list[list[int]] = []
    for i in quantities:
        if runs and i - runs[-1][-1] <= MAX_GAP + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    trimmed = [_trim(run, units) for run in runs]
    return [run for run in trimmed if sum(i in units for i in run) >= MIN_QUANTITIES]


def _trim(run: list[int], units: set[int]) -> list[int]:
    """``run`` from its first to its last line with a unit (bare counts at its ends go)."""
    found = [k for k, i in enumerate(run) if i in units]
    return run[found[0] : found[-1] + 1] if found else []


def _copy(ctx: Context, run: list[int]) -> bool:
    """Whether the run's first ``MIN_QUANTITIES`` lines stand in the same order above it."""
    key = [ctx.lines[i].text.strip() for i in range(run[0], min(run[0] + MIN_QUANTITIES, len(ctx.lines)))]
    texts = [line.text.strip() for line in ctx.lines[: run[0]]]
    return any(texts[j : j + len(key)] == key for j in range(len(texts) - len(key) + 1))
