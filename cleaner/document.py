"""The small data types every stage shares: documents, lines and removal spans."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

#: The categories of boilerplate that phrase lists, DOM hints and the line model name (each
#: has a phrase file per language, ``rules/<lang>/<category>.txt``; the model has a feature per one).
PHRASE_CATEGORIES: tuple[str, ...] = (
    "ad",
    "subscribe",
    "author_bio",
    "comments",
    "navigation",
    "share",
    "legal",
    "caption",
    "other",
)
#: The fixed category vocabulary (documented in the README): the above, and ``duplicate``
#: (a repeat of a line kept elsewhere in the document, ``doc.duplicate``).
CATEGORIES: tuple[str, ...] = (*PHRASE_CATEGORIES, "duplicate")
#: The HTML tags of headings (a rendered line's ``tag``).
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: ``str.translate`` table deleting the characters a browser does not show: soft hyphen,
#: zero-width space, word joiner, BOM (not the zero-width (non-)joiners: they shape scripts
#: and emoji). An HTML rendering leaves them out, as trafilatura does; the rules read every
#: line without them (they split words: "Kom\u00admen\u00adtare").
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")


def without_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE` characters (searched first: ``translate`` copies)."""
    return text.translate(INVISIBLE) if not text.isascii() and _INVISIBLE_RE.search(text) else text


def shown(text: str) -> str:
    """Text as an HTML rendering holds it: without :data:`INVISIBLE` characters, and in NFC
    (composed: "o" + combining diaeresis becomes "ö"), as trafilatura writes its text."""
    return shown_explained(text)[0]


def shown_explained(text: str) -> tuple[str, tuple[str, ...]]:
    """:func:`shown`, and its steps: ``"remove:invisible"``, ``"normalize:NFC"`` (those that
    changed the text)."""
    if text.isascii():
        return text, ()
    steps: tuple[str, ...] = ()
    if _INVISIBLE_RE.search(text):  # translate() reads every character: only when needed
        text, steps = text.translate(INVISIBLE), ("remove:invisible",)
    if not unicodedata.is_normalized("NFC", text):
        text, steps = unicodedata.normalize("NFC", text), (*steps, "normalize:NFC")
    return text, steps


@dataclass(slots=True)
class Document:
    """One document: an id, its text and free metadata (as datatrove's ``Document``)."""

    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Span:
    """A removed (or flagged) piece of the source: ``source[start:end]``.

    ``evidence`` names what triggered the rule (a phrase file and line, a feature score),
    never a free-form reason; ``rule`` is a stable registered name.
    """

    start: int
    end: int
    category: str
    rule: str
    score: float = 1.0
    evidence: str = ""

    def to_json(self, source: str) -> dict[str, Any]:
        """The sidecar form of the span, with the removed text."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "rule": self.rule,
            "score": round(self.score, 3),
            "text": source[self.start : self.end],
        }
        if self.evidence:
            out["evidence"] = self.evidence
        return out


@dataclass(slots=True)
class Line:
    """One line (block) of the source with its character offsets.

    ``start``/``end`` delimit the line's content, ``stop`` lies after its line terminator.
    ``text`` is what detection reads: ``source[start:end]``, or for a Markdown document the
    visible text of that content (:mod:`cleaner.markdown`).
    The HTML fields are filled only for rendered HTML (see :mod:`cleaner.html`).
    """

    index: int
    start: int
    end: int
    stop: int
    text: str
    tag: str = ""
    hint: str = ""
    hint_word: str = ""
    link_density: float = 0.0
    in_main: bool | None = None


@dataclass(slots=True)
class Decision:
    """A rule's verdict on one line: remove it as ``category``, by ``rule``."""

    category: str
    rule: str
    score: float = 1.0
    evidence: str = ""
