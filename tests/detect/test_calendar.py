"""Calendar widgets (``cleaner/detect/calendar.py``): a month's day numbers, one to a line."""
from __future__ import annotations

import cleaner
from cleaner.spans import replay

from .conftest import paragraphs

RULE = ("navigation", "navigation.calendar")


def _removed(lines: list[str]) -> tuple[str, dict[int, tuple[str, str]]]:
    """The cleaned text and, per input line number, the (category, rule) that removed it."""
    text = "\n".join(lines) + "\n"
    result = cleaner.clean_text(text)
    assert result.text == replay(text, result.removed)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return result.text, {starts.index(s.start): (s.category, s.rule) for s in result.removed if s.start in starts}


def test_a_month_grid_goes_with_its_heads_and_the_days_around_it() -> None:
    heads = ["M", "T", "W", "T", "F", "S", "S", "« May"]
    grid = ["30", "31", *[str(d) for d in range(1, 31)], "1", "2", "3"]
    lines = [*paragraphs(3), "Archive", *heads, *grid, "Proudly written on a small laptop"]
    text, removed = _removed(lines)
    first = lines.index("M")
    for n in range(first, first + len(heads) + len(grid)):
        assert removed[n] == RULE, lines[n]
    for paragraph in paragraphs(3):
        assert paragraph in text


def test_zero_padded_days_in_another_language() -> None:
    lines = [*paragraphs(3), "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So", *[f"{d:02d}" for d in range(1, 29)]]
    _, removed = _removed(lines)
    assert all(removed[n] == RULE for n in range(3, len(lines)))


def test_shorter_runs_and_tables_stay() -> None:
    """A page list "1 2 3" or a table's numbered column is no month."""
    years = ["Year", "2018", "2019", "2020", "2021"]
    week = [str(d) for d in range(1, 15)]
    lines = [*paragraphs(2), *years, *paragraphs(1, first=5), *week, *paragraphs(1, first=9)]
    _, removed = _removed(lines)
    assert RULE not in removed.values()
