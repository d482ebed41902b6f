"""HTML input: render a page to block text, and ask trafilatura what its main text is.

:func:`render` turns a page into one line per visible block (the text that ``removed``
offsets refer to), each with the DOM's own signals: the innermost boilerplate hint of its
ancestors' class/id words (``rules/dom.txt``), its tag and its link density.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .config import RULES_DIR
from .document import Line, shown_explained
from .flathtml import RUBY_NOTES, FlatPage, flat_blocks, lost_text
from .repair import repair_mojibake

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul caption center menu option".split()
)
#: Not shown as text: code, metadata, embeds, form fields, and ruby annotations (furigana).
SKIP_TAGS = frozenset(
    "script style noscript template head title svg math iframe object embed canvas select "
    "textarea input meta link base".split()
) | RUBY_NOTES
_SPLIT_RE = re.compile(r"[\W_]+|(?<=[a-z])(?=[A-Z])")
_TOKEN_RE = re.compile(r"\w+")
SHORT_BLOCK_TOKENS = 3
MAIN_SHINGLE_SHARE = 0.6
#: Errors libxml2 logs for one page at most: a full log may hide the depth-limit error.
MAX_LOGGED_ERRORS = 100
#: An XHTML page's XML declaration: lxml refuses a decoded string that declares an encoding.
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*>")
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True, slots=True, eq=False)
class DomHints:
    """Class/id words and tags that hint at a category (``rules/dom.txt``); hashed by identity
    (element hints are remembered per table)."""

    words: dict[str, str]
    tags: dict[str, str]


@lru_cache(maxsize=1)
def dom_hints() -> DomHints:
    """Load ``rules/dom.txt`` once per process."""
    words: dict[str, str] = {}
    tags: dict[str, str] = {}
    table = words
    for raw in (RULES_DIR / "dom.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line == "[tags]":
            table = tags
        elif ":" in line:
            category, names = line.split(":", 1)
            for name in names.split():
                table.setdefault(name.lower(), category.strip())
    return DomHints(words, tags)


def element_hint(tag: str, attrs: dict[str, str], hints: DomHints) -> tuple[str, str]:
    """``(category, word)`` that an element's tag or class/id words hint at, or empty."""
    return _hint_of(tag, attrs.get("class", ""), attrs.get("id", ""), hints)


@lru_cache(maxsize=4096)
def _hint_of(tag: str, classes: str, ident: str, hints: DomHints) -> tuple[str, str]:
    """:func:`element_hint` of a tag, class and id (remembered: a page repeats its classes)."""
    for token in _SPLIT_RE.split(f"{classes} {ident}"):
        category = hints.words.get(token.lower())
        if category:
            return category, token.lower()
    category = hints.tags.get(tag)
    return (category, tag) if category else ("", "")


@dataclass(slots=True)
class _Block:
    parts: list[str]
    link_chars: int
    tag: str
    hint: tuple[str, str]


class _Renderer:
    """Walks the tree once, without recursion (pages may nest very deep).

    ``stack`` holds the open elements' tags and the innermost hint among them and their
    ancestors; ``links`` counts the open ``<a>`` elements.
    """

    def __init__(self, skip: frozenset[str] = SKIP_TAGS) -> None:
        self.skip = skip
        self.noscript: list = []  # the <noscript> elements not shown
        self.hints = dom_hints()
        self.out: list[tuple[str, str, tuple[str, str], float]] = []
        self.stack: list[tuple[str, tuple[str, str]]] = []
        self.links = 0
        self.block = _Block([], 0, "", ("", ""))
        self.steps: dict[str, None] = {}  # what showing the text did (ordered set)

    def flush(self, tag: str, hint: tuple[str, str]) -> None:
        """End the current block (kept if it has text) and start one of ``tag`` and ``hint``."""
        block = self.block
        if block.parts:
            text, steps = shown_explained("".join(block.parts))
            self.steps.update(dict.fromkeys(steps))
            text = " ".join(text.split())
            if text:
                density = min(1.0, block.link_chars / max(1, len(text)))
                self.out.append((text, block.tag, block.hint, density))
        self.block = _Block([], 0, tag, hint)

    def _top(self) -> tuple[str, tuple[str, str]]:
        return self.stack[-1] if self.stack else ("", ("", ""))

    def add(self, text: str | None) -> None:
        if text:
            self.block.parts.append(text)
            if self.links:
                self.block.link_chars += len(text.strip())

    def run(self, root) -> list[tuple[str, str, tuple[str, str], float]]:
        from lxml import etree

        walk = etree.iterwalk(root, events=("start", "end"))
        skipped = None  # the element whose subtree is not shown (its end event still comes)
        for event, el in walk:
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "start":
                if not tag or tag in self.skip or _hidden(el):
                    if tag == "noscript":
                        self.noscript.append(el)
                    walk.skip_subtree()
                    skipped = el
                    continue
                self._open(el, tag)
            elif el is skipped:
                skipped = None
                self.add(el.tail)
            else:
                self._close(el, tag)
        self.flush("", ("", ""))
        return self.out

    def _open(self, el, tag: str) -> None:
        attrs = el.attrib if tag not in ("html", "body") else {}
        hint = element_hint(tag, attrs, self.hints) if attrs or tag in self.hints.tags else ("", "")
        hint = hint if hint[0] else self._top()[1]
        if tag in BLOCK_TAGS:
            self.flush(tag, hint)
        self.stack.append((tag, hint))
        self.links += tag == "a"
        self.add(el.text)

    def _close(self, el, tag: str) -> None:
        if self.stack:
            self.links -= self.stack.pop()[0] == "a"
        if tag in BLOCK_TAGS:
            self.flush(*self._top())
        self.add(el.tail)


def _render_blocks(tree) -> tuple[list[tuple[str, str, tuple[str, str], float]], tuple[str, ...]]:
    """The visible blocks of ``tree``; those of its ``<noscript>`` elements too when these hold
    more text than the rest of the page (see :func:`_noscript_holds_page`). And the steps
    showing their text took (invisible characters left out, NFC)."""
    renderer = _Renderer()
    blocks = renderer.run(tree)
    if renderer.noscript and _noscript_holds_page(renderer.noscript, blocks):
        renderer = _Renderer(SKIP_TAGS - {"noscript"})
        blocks = renderer.run(tree)
    return blocks, tuple(renderer.steps)


def _noscript_holds_page(noscript: list, blocks: list) -> bool:
    """Whether the ``<noscript>`` elements hold more text than the page shows without them.

    A browser that runs scripts shows no ``<noscript>`` content, and pages put only fallbacks
    there ("Please enable JavaScript", a tracking pixel). But libxml2 leaves a ``<noscript>``
    open when an element opened inside it is not closed (``<noscript><div></noscript>``), and
    the rest of the page then lies inside it; and a page built by scripts may carry its whole
    text as a ``<noscript>`` fallback. Either way, that text is the page.
    """
    shown_chars = sum(len(text) for text, *_ in blocks)
    hidden_chars = sum(len("".join(el.itertext())) for el in noscript)
    return hidden_chars > shown_chars


def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_RE.search(el.get("style", "") or ""))


def parse(html: str):
    """Parse HTML leniently with lxml (``None`` when there is nothing to parse).

    When the tree lost most of the page's text (libxml2 drops content nested deeper than
    its depth limit), a :class:`~cleaner.flathtml.FlatPage` is returned instead: it renders
    flat, one line per block, and gives trafilatura no vote.
    """
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(_element_classes())
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION_RE.sub("", html, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    return FlatPage(html) if _may_have_lost_text(tree, parser) and lost_text(tree, html) else tree


@lru_cache(maxsize=1)
def _element_classes():
    """lxml.html's element classes, chosen in C: every element an ``HtmlElement``.

    lxml.html's own lookup runs Python code for every element object lxml creates (for its
    form and input classes, which nothing here uses); a page is walked by us and several
    times by trafilatura, and that lookup cost about 1.3 ms a page.
    """
    import lxml.html
    from lxml import etree

    return etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
    )


def _may_have_lost_text(tree, parser) -> bool:
    """No tree, or libxml2 hit its depth limit (or logged so many errors that it may have).

    Only then is the tree's text compared with the page's (:func:`lost_text`): that crude
    comparison misreads pages whose attributes hold markup (JSON props with ``<p>`` in them).
    """
    from lxml import etree

    log = parser.error_log
    deep = log.filter_types([etree.ErrorTypes.ERR_RESOURCE_LIMIT])
    return tree is None or len(log) >= MAX_LOGGED_ERRORS or bool(deep)


def render(tree) -> tuple[str, list[Line], tuple[str, ...]]:
    """Render a parsed page as block text, one visible block per line, its lines, and the
    repairs made to the text: showing it (``remove:invisible``, ``normalize:NFC``, as for
    plain text), then undoing the page's mojibake (:func:`_repaired`)."""
    shown_steps: tuple[str, ...] = ()
    if isinstance(tree, FlatPage):
        flat, shown_steps = flat_blocks(tree.html, BLOCK_TAGS)
        blocks = [(text, tag, ("", ""), 0.0) for text, tag in flat]
    else:
        blocks, shown_steps = _render_blocks(tree) if tree is not None else ([], ())
    blocks, repairs = _repaired(blocks)
    repairs = (*shown_steps, *(step for step in repairs if step not in shown_steps))
    lines: list[Line] = []
    pos = 0
    for i, (text, tag, hint, density) in enumerate(blocks):
        end = pos + len(text)
        lines.append(Line(i, pos, end, end + 1, text, tag, hint[0], hint[1], density))
        pos = end + 1
    return "".join(f"{t}\n" for t, *_ in blocks), lines, repairs


def _repaired(blocks: list[tuple[str, str, tuple[str, str], float]]) -> tuple[list, tuple[str, ...]]:
    """``blocks`` with the mojibake in their text undone (:func:`cleaner.repair.repair_mojibake`:
    a page that stored UTF-8 read as Windows-1252, "itâ€™s", shows it so), and the steps.

    The page's bytes were decoded right (:mod:`cleaner.reader`); this is text the site
    itself mangled. One search of the rendered text decides whether anything is done."""
    text = "\n".join(block[0] for block in blocks)
    fixed, steps = repair_mojibake(text)
    parts = fixed.split("\n")
    if not steps or len(parts) != len(blocks):
        return blocks, ()
    fixed_blocks, shown_steps = [], {}
    for block, part in zip(blocks, parts):
        if part != block[0]:
            part, more = shown_explained(part)
            shown_steps.update(dict.fromkeys(more))
            part = " ".join(part.split())
        fixed_blocks.append((part or block[0], *block[1:]))
    return fixed_blocks, (*steps, *shown_steps)


def extract_main(
    html, url: str | None = None, with_metadata: bool = False
) -> tuple[str | None, dict[str, str | None]]:
    """trafilatura's main text (without comments) and, if asked, its metadata.

    ``None`` text if it fails; metadata values are ``None`` when not asked for or not found.
    """
    import trafilatura

    meta: dict[str, str | None] = {k: None for k in ("title", "author", "date", "sitename", "url")}
    if isinstance(html, FlatPage):  # no tree lxml can hold: trafilatura would lose it too
        return None, meta
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=with_metadata, include_tables=True
        )
    except Exception:  # trafilatura raises many kinds on odd pages; the page is then ours alone
        return None, meta
    if doc is None:
        return None, meta
    for key in meta if with_metadata else ():
        value = getattr(doc, key, None)
        meta[key] = str(value) if value else None
    return getattr(doc, "text", None), meta


def _tokens(text: str) -> list[str]:
    """Lower-case word tokens, read as trafilatura writes its text: without invisible
    characters (soft hyphens, zero-width spaces: they would split a word) and in NFC."""
    if not text.isprintable():
        text = "".join(c for c in text if c.isprintable() or c.isspace())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _TOKEN_RE.findall(text.lower())


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def mark_main(lines: list[Line], main_text: str, title: str | None = None) -> None:
    """Set ``in_main`` on every line: is its text part of trafilatura's main text?

    Compared on lower-case word tokens, so that spacing and punctuation that trafilatura
    writes differently do not matter. A longer block must occur in the main text, or share
    ``MAIN_SHINGLE_SHARE`` of its word 3-grams with it (trafilatura splits and joins blocks
    differently). A short block (at most ``SHORT_BLOCK_TOKENS`` words: "Home" and "Share"
    occur in any text) must equal one line or table cell of the main text (trafilatura writes
    a table row as ``| cell | cell |``), or continue it: come right after the block before it,
    where that block was found in the main text (a label, a list item or a table cell that
    trafilatura joined with its neighbours). The page title that trafilatura found counts as
    main text too (its text output leaves the title out).
    """
    main_text = repair_mojibake(main_text)[0]  # read as the rendering is (:func:`_repaired`)
    main_tokens = _tokens(main_text)
    haystack = f" {' '.join(main_tokens)} "
    main_lines = {" ".join(_tokens(part)) for line in main_text.splitlines() for part in _cells(line)}
    if title:
        main_lines.add(" ".join(_tokens(title)))
    shingles = _shingles(main_tokens)
    after = -1  # where in ``haystack`` the block before ends, when it was found there
    for line in lines:
        tokens = _tokens(line.text)
        joined = f" {' '.join(tokens)} "
        at = -1
        if not tokens:
            line.in_main = False
        elif after >= 0 and haystack.startswith(joined, after):
            line.in_main, at = True, after
        elif joined[1:-1] in main_lines:
            line.in_main, at = True, haystack.find(joined, max(after, 0))
        elif len(tokens) <= SHORT_BLOCK_TOKENS:
            line.in_main = False
        else:
            at = haystack.find(joined, max(after, 0))
            line.in_main = at >= 0 or joined in haystack or _shares_shingles(tokens, shingles)
        after = at + len(joined) - 1 if at >= 0 else -1


def _shares_shingles(tokens: list[str], shingles: set[tuple[str, ...]]) -> bool:
    mine = _shingles(tokens)
    return len(mine & shingles) >= MAIN_SHINGLE_SHARE * len(mine)


def _cells(line: str) -> list[str]:
    """A line of trafilatura's text, and its cells if it is a table row (``| a | b |``)."""
    return [line, *line.split("|")] if line.lstrip().startswith("|") else [line]
