"""Page metadata from the head: declared tags first, then the page's own headings."""
from __future__ import annotations

from cleaner.html import parse
from cleaner.htmlmeta import head_metadata


def test_declared_tags() -> None:
    page = parse(
        "<html><head><title>Ignored | Site</title>"
        '<meta property="og:title" content="  Harbour  reopens after storm ">'
        '<meta name="author" content="Ann Lee">'
        '<meta property="article:published_time" content="2024-03-07T09:30:00Z">'
        '<meta property="og:site_name" content="Coast News">'
        '<link rel="canonical" href="https://example.org/harbour">'
        "</head><body><h1>Other</h1><p>Text.</p></body></html>"
    )
    assert head_metadata(page) == {
        "title": "Harbour reopens after storm", "author": "Ann Lee", "date": "2024-03-07",
        "sitename": "Coast News", "url": "https://example.org/harbour",
    }


def test_single_h1_then_title_tag() -> None:
    h1 = parse("<html><head><title>A | B</title></head><body><h1>The real headline</h1></body></html>")
    assert head_metadata(h1)["title"] == "The real headline"
    title = parse("<html><head><title>Council votes on the new budget | Town Herald</title></head>"
                  "<body><h1>One</h1><h1>Two</h1><time datetime='2023-11-02'>2 Nov</time></body></html>")
    meta = head_metadata(title)
    assert meta["title"] == "Council votes on the new budget" and meta["date"] == "2023-11-02"


def test_nothing_declared_or_no_tree() -> None:
    empty = {"title": None, "author": None, "date": None, "sitename": None, "url": None}
    assert head_metadata(parse("<p>Just a paragraph.</p>")) == empty
    assert head_metadata(None) == empty
    bad_date = parse('<html><head><meta name="date" content="2024-13-45"></head><body></body></html>')
    assert head_metadata(bad_date)["date"] is None
