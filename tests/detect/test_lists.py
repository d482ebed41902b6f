"""Numbered lists (``cleaner/detect/lists.py``): an article's list under its paragraph is
kept as a whole; a list under a heading is not."""
from __future__ import annotations

from cleaner.config import Config
from cleaner.detect.lists import numbered_lists

from .conftest import context, decisions, paragraphs

NAV = ["Home", "News", "Sport", "Music", "Contact"]
TRACKS = [
    "1. In The Dirt - S. Carey",
    "2. What We Gained in the Fire - Mynabirds",
    "3. Travelling Woman - Bat For Lashes",
    "4. I Don't Want Love - The Antlers",
    "5. Done with Love - The Whispertown 2000",
    "6. Buckets of Rain - Neko Case",
    "7. Orchids - Maria Taylor",
    "8. Slowness - Calexico",
]
FOOTER = ["Related posts", "Subscribe to our newsletter", "Privacy Policy", "Terms of Use"]


def _page(items: list[str], lead_in: str = "Here is the whole playlist, track by track:") -> list[str]:
    return [*NAV, "Autumn songs for a rainy evening", *paragraphs(2), lead_in, *items, *paragraphs(2, 2), *FOOTER]


def _kept(lines: list[str]) -> set[str]:
    """The lines the rule keeps, on its own."""
    ctx = context(lines)
    numbered_lists(ctx)
    return {ctx.lines[i].text for i, rule in ctx.kept.items() if rule == "keep.numbered"}


def test_a_numbered_list_under_a_colon_is_kept_whole() -> None:
    """Short capitalised items read like menu links to the line model: without the rule it
    takes some of them, with it none."""
    got = decisions(_page(TRACKS))
    assert not set(TRACKS) & set(got)
    without = decisions(_page(TRACKS), Config(disabled_rules=frozenset({"keep.numbered"})))
    assert any(without.get(t) == ("navigation", "model.line") for t in TRACKS)


def test_the_items_are_kept_under_a_sentence_too() -> None:
    assert set(TRACKS) <= _kept(_page(TRACKS, "These are the songs that carried us through the rainy autumn of last year."))


def test_a_numbered_list_under_a_heading_is_not_kept() -> None:
    """A most-read list's numbers sit under its heading, not under a paragraph."""
    assert not set(TRACKS) & _kept(_page(TRACKS, "Most Read Stories"))


def test_items_may_have_descriptions_between_them() -> None:
    items = [
        "1. Preheat the oven",
        "Set it to 200 degrees and put the rack in the middle.",
        "2. Slice the peppers",
        "3. Roast them",
        "Turn them once, after ten minutes.",
        "4. Serve",
    ]
    numbered = {t for t in items if t[0].isdigit()}
    assert numbered <= _kept(_page(items, "Method:"))


def test_a_list_needs_three_items_counting_up_from_one() -> None:
    assert not _kept(_page(["1. Preheat the oven", "2. Slice the peppers"], "Method:")) & {"1. Preheat the oven"}
    skipped = ["1. Preheat the oven", "3. Slice the peppers", "4. Roast them"]
    assert not set(skipped) & _kept(_page(skipped, "Method:"))
    late = ["2. Slice the peppers", "3. Roast them", "4. Serve"]
    assert not set(late) & _kept(_page(late, "Method:"))
