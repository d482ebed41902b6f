"""Tables of contents (``cleaner/detect/toc.py``): entries go, the headings they name stay."""
from __future__ import annotations

from cleaner.detect import detect

from .conftest import context, decisions, paragraphs

HEADINGS = ["Making a starter", "Mixing the dough", "Shaping and baking"]


def _page(entries: list[str], headings: list[str] = HEADINGS) -> list[str]:
    sections = [line for k, h in enumerate(headings) for line in (h, *paragraphs(2, first=2 * k))]
    return [*paragraphs(1, first=20), "Table of Contents", *entries, *sections]


def test_entries_go_and_their_headings_are_kept() -> None:
    ctx = detect(context(_page(HEADINGS)))
    for k in range(3):
        entry, heading = 2 + k, 5 + 3 * k
        assert ctx.lines[heading].text.strip() == HEADINGS[k]
        d = ctx.decided[entry]
        assert (d.category, d.rule, d.evidence) == ("navigation", "navigation.toc", f"entry for heading line {heading}")
        assert heading not in ctx.decided and ctx.kept[heading] == "navigation.toc"


def test_numbered_entries_name_unnumbered_headings() -> None:
    got = decisions(_page([f"{k + 1}. {h}" for k, h in enumerate(HEADINGS)]))
    assert all(got[f"{k + 1}. {h}"] == ("navigation", "navigation.toc") for k, h in enumerate(HEADINGS))
    assert not set(HEADINGS) & set(got)


def test_a_menu_printed_twice_is_no_table_of_contents() -> None:
    """The header's menu again in the footer: the copies stand together, with no prose
    between them, so neither is a table of contents."""
    menu = ["Gardening tips", "Seasonal recipes", "Our bakery shop"]
    got = decisions([*menu, *paragraphs(6), *menu])
    assert not any(rule == "navigation.toc" for _, rule in got.values())


def test_two_entries_are_too_few() -> None:
    got = decisions(_page(HEADINGS[:2], HEADINGS[:2]))
    assert not any(rule == "navigation.toc" for _, rule in got.values())


def test_a_section_may_open_with_a_kept_list() -> None:
    """A recipe's "Ingredients" section opens with its list (kept by keep.ingredients), not
    with prose: it still counts as a section the table names."""
    heads = ["Ingredients", "Method", "Tips"]
    lines = [*paragraphs(1, first=20), "Contents", *heads,
             "Ingredients", "250 g butter", "200 g sugar", "400 g flour", "4 eggs",
             "Method", *paragraphs(2), "Tips", *paragraphs(1, first=5)]
    ctx = detect(context(lines))
    assert [ctx.decided[i].rule for i in (2, 3, 4)] == ["navigation.toc"] * 3
    assert all(ctx.kept.get(i) for i in (5, 10, 13)) and not {5, 10, 13} & set(ctx.decided)


def test_a_page_of_many_repeated_lines_takes_linear_time() -> None:
    """A long block printed twice (every line a candidate entry with a later copy, no prose)
    holds no table, and finding so is quick: a failed run is not tried again from within."""
    import time

    from cleaner.detect.toc import tables

    lines = [f"Short line number {i} here" for i in range(20000)]
    ctx = context(lines + lines)
    start = time.perf_counter()
    assert tables(ctx) == []
    assert time.perf_counter() - start < 2.0  # minutes when every line started a run of its own
