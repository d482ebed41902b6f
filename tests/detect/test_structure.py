"""Title protection, separator lines, link lists, and the fallback zone rules."""
from __future__ import annotations

from cleaner.config import Config

from .conftest import decisions, paragraphs

MENU = ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel"]
TITLE = "Council votes to turn the parking along the river into a cycle lane"


def test_title_is_kept_and_menu_goes() -> None:
    body = [p.replace("proposal", "cycle lane along the river") for p in paragraphs(5)]
    got = decisions([*MENU, TITLE, *body], Config(line_model=False))
    assert TITLE not in got
    assert got["Sport"] == ("navigation", "zone.outside")


def test_separator_lines() -> None:
    got = decisions([*paragraphs(2), "* * *", *paragraphs(2)], stop_before="comments.section")
    assert got["* * *"] == ("other", "line.no_words")


def test_related_list_under_heading() -> None:
    heads = ["How the bypass was built", "Ten years of the market square", "Mayor opens the new bridge"]
    got = decisions([*paragraphs(4), "Related articles", *heads], stop_before="html.outside_main")
    assert got["Related articles"][0] == "navigation"
    assert all(got[h] == ("navigation", "navigation.list") for h in heads)


def test_fallback_footer_zone() -> None:
    got = decisions([*paragraphs(5), "About us", "Contact", "Jobs", "Archive"], Config(line_model=False))
    assert got["Jobs"] == ("navigation", "zone.outside")
