"""Layouts: the same pages written the ways other scrapers write them.

The text dumps put one block per line. Other scrapers put a blank line between blocks, wrap
paragraphs at a fixed width (console browsers, mail archives), or write Markdown (html2text,
Firecrawl, Jina Reader). The cleaner should find the same article in each:
``python -m bench.eval`` cleans the Dragnet pages in every layout of :func:`layouts` and
scores them against the same gold (a row per layout in the results). The Markdown layouts
are made from the HTML pages with markdownify (the ``bench`` extra), and their outputs are
scored on the text a reader sees (:func:`reader_text`: link text without URLs, no images).
"""
from __future__ import annotations

import gzip
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data import BenchSet, read_text
from .scoring import score_pages, summarize

WIDTH = 78
# The scoring reads Markdown with its own patterns, not the cleaner's (cleaner.markdown).
_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_UNDERSCORES_RE = re.compile(r"(?<!\w)_+|_+(?!\w)")  # emphasis; \w tokens would keep them


def blank_lines(text: str) -> str:
    """A blank line between blocks."""
    return "\n\n".join(text.split("\n"))


def wrapped(text: str) -> str:
    """Blocks wrapped at :data:`WIDTH` columns, a blank line between blocks (as ``lynx -dump``)."""
    return "\n\n".join(textwrap.fill(line, WIDTH) if line.strip() else line for line in text.split("\n"))


def wrapped_tight(text: str) -> str:
    """Blocks wrapped at :data:`WIDTH` columns, no blank line between them."""
    return "\n".join(textwrap.fill(line, WIDTH) if line.strip() else line for line in text.split("\n"))


def markdown(html: str, wrap: bool = False) -> str:
    """A page as Markdown, as scrapers write it: scripts and styles dropped, then markdownify
    (paragraphs wrapped at :data:`WIDTH` columns when ``wrap``, as html2text does by default)."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
    from markdownify import markdownify

    with warnings.catch_warnings():  # a few pages are XHTML served as HTML: parsed as HTML all the same
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return markdownify(str(soup), heading_style="ATX", wrap=wrap, wrap_width=WIDTH)


def reader_text(text: str) -> str:
    """Markdown output as a reader sees it: link text without URLs, no images, no underscores
    of emphasis (other markup is punctuation, which the scoring's word tokens skip)."""
    return _UNDERSCORES_RE.sub("", _LINK_RE.sub(r"\1", _IMAGE_RE.sub("", text)))


@dataclass(frozen=True)
class Layout:
    """One layout: its name, how a page is written in it, and how its output is read."""

    name: str
    write: Callable[[BenchSet, str, Path], str]  # (set, page id, text input) -> the page
    read: Callable[[str], str] = lambda text: text


def _from_dump(rewrite: Callable[[str], str]) -> Callable[[BenchSet, str, Path], str]:
    return lambda bset, page_id, src: rewrite(read_text(src))


def _from_html(wrap: bool) -> Callable[[BenchSet, str, Path], str]:
    def write(bset: BenchSet, page_id: str, src: Path) -> str:
        page = gzip.decompress(bset.input_path("html", page_id).read_bytes()).decode("utf-8", "replace")
        return markdown(page, wrap)
    return write


def layouts() -> list[Layout]:
    """Every layout; the Markdown ones only when markdownify is installed (``bench`` extra)."""
    out = [
        Layout("one block per line (as dumped)", _from_dump(lambda text: text)),
        Layout("blank line between blocks", _from_dump(blank_lines)),
        Layout(f"wrapped at {WIDTH}, blank line between blocks", _from_dump(wrapped)),
        Layout(f"wrapped at {WIDTH}, no blank lines", _from_dump(wrapped_tight)),
    ]
    try:
        import markdownify  # noqa: F401
    except ImportError:
        return out
    return out + [Layout("Markdown (markdownify; scored as read)", _from_html(False), reader_text),
                  Layout(f"Markdown wrapped at {WIDTH} (scored as read)", _from_html(True), reader_text)]


def stage_layout(bset: BenchSet, layout: Layout, dest: Path) -> Path:
    """A RAW folder of the set's pages written in ``layout`` (``<id>.txt``)."""
    dest.mkdir(parents=True, exist_ok=True)
    for page_id, src in bset.inputs("text"):
        (dest / src.name).write_text(layout.write(bset, page_id, src), encoding="utf-8")
    return dest


def evaluate_layouts(
    bset: BenchSet, work: Path, clean_folder: Callable[[Path, Path], dict[str, Any]],
    read: Callable[[BenchSet, Path], dict[str, str]], chosen: list[Layout] | None = None,
) -> list[dict[str, Any]]:
    """Score the cleaner (``clean_folder(raw, clean)``; ``read`` its outputs) on every layout."""
    rows = []
    for k, layout in enumerate(layouts() if chosen is None else chosen):
        raw = stage_layout(bset, layout, work / f"layout-{k}-raw")
        clean = work / f"layout-{k}-clean"
        clean_folder(raw, clean)
        texts = {page_id: layout.read(text) for page_id, text in read(bset, clean).items()}
        rows.append({"layout": layout.name, "set": bset.name, "summary": summarize(bset.kind, score_pages(bset, texts))})
    return rows
