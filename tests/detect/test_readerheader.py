"""A reader service's header (``cleaner/detect/readerheader.py``): metadata, not text."""
from __future__ import annotations

import cleaner
from cleaner.spans import replay

from .conftest import paragraphs

HEADER = [
    "Title: Council backs the new cycle lanes",
    "",
    "URL Source: https://example.org/news/cycle-lanes",
    "",
    "Published Time: 2026-03-02T08:00:00Z",
    "",
    "Markdown Content:",
]


def _removed(text: str) -> dict[str, tuple[str, str]]:
    result = cleaner.clean_text(text)
    assert result.text == replay(text, result.removed)
    return {text[s.start:s.end].strip(): (s.category, s.rule) for s in result.removed}


def test_the_header_goes_and_fills_the_title_url_and_date() -> None:
    body = ["[Home](https://example.org/) [News](https://example.org/news)", "# Council backs the new cycle lanes",
            *paragraphs(3), "[Privacy](https://example.org/privacy)"]
    text = "\n".join([*HEADER, *body]) + "\n"
    removed = _removed(text)
    for line in (HEADER[0], HEADER[2], HEADER[4], HEADER[6]):
        assert removed[line] == ("other", "markdown.reader_header")
    result = cleaner.clean_text(text)
    assert result.metadata["title"] == "Council backs the new cycle lanes"
    assert result.metadata["url"] == "https://example.org/news/cycle-lanes"
    assert result.metadata["date"] == "2026-03-02T08:00:00Z"
    assert "# Council backs the new cycle lanes" in result.text  # the page's own heading stays


def test_the_header_ends_its_block_in_wrapped_markdown() -> None:
    """The page's first line follows "Markdown Content:" with no blank line: it is not
    joined to the header, and stays a line of its own."""
    first = "The council met on Tuesday, and the vote on the cycle lanes was close."
    text = "\n".join([*HEADER, first, "", *paragraphs(3)]) + "\n"
    removed = _removed(text)
    assert removed["Markdown Content:"] == ("other", "markdown.reader_header")
    assert first not in removed and not any(first in k for k in removed)


def test_no_header_without_its_end_or_its_title() -> None:
    for lines in (HEADER[:5], HEADER[2:]):
        text = "\n".join([*lines, *paragraphs(3)]) + "\n"
        assert all(rule != "markdown.reader_header" for _, rule in _removed(text).values())
        assert cleaner.clean_text(text).metadata.get("url") is None


def test_an_html_page_has_no_reader_header() -> None:
    """The rule reads text documents only: a page's head gives its metadata."""
    html = "<html><body><p>Title: Council backs the new cycle lanes</p><p>URL Source: https://example.org/x</p>" \
           "<p>Markdown Content:</p>" + "".join(f"<p>{p}</p>" for p in paragraphs(3)) + "</body></html>"
    result = cleaner.clean_html(html)
    assert all(s.rule != "markdown.reader_header" for s in result.removed)
    assert result.metadata.get("url") != "https://example.org/x"
