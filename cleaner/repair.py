"""Repairs that are part of decoding a plain-text document: mojibake, and invisible characters.

:func:`repair_text` first undoes mojibake (:func:`repair_mojibake`), then brings the text to
the form an HTML page's rendering has (:func:`cleaner.document.shown`): without soft hyphens,
zero-width spaces, word joiners and BOMs (a browser does not show them, and they split words
for the tools downstream: "Veröf\u00adfent\u00adlichung"), in Unicode NFC.

Scraped text often holds UTF-8 that some tool read as Windows-1252 or Latin-1 ("VerÃ¶ffentlichung",
"a leg up â€” in", "SayunÂ´s") or Windows-1252 punctuation left as C1 control characters. ftfy
(``fix_and_explain``) undoes exactly that, and says what it did; only its encoding fixes are
used here (no quote uncurling, no HTML unescaping, no normalisation by ftfy: the text is otherwise the
page's). ftfy costs milliseconds a document, so a cheap search for the marks of mojibake (a
UTF-8 lead byte read as a letter, followed by a continuation byte read as one; a C1 control)
decides whether it runs; about one document in thirty on the benchmark pages has such marks.

The repaired text is what offsets count, and the sidecar's ``repairs`` lists the steps, so
decoding the same bytes again gives the same text (``cleaner verify`` does). Only plain-text
documents are repaired: an HTML page's source is many times its text (searching it would cost
more than the rest of decoding), and its rendering is matched against trafilatura's reading of
the unrepaired page.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .document import shown_explained

#: A UTF-8 lead byte seen as Latin-1/Windows-1252 (Â..ô) followed by a continuation byte seen so
#: (\x80-\xbf, or the Windows-1252 letters and punctuation at 0x80-0x9f); or a C1 control.
_PAIR = (
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_C1 = "[\u0080-\u009f]"
MARKS = re.compile(f"{_PAIR}|{_C1}")
#: The two halves of :data:`MARKS`: two searches read a text faster than one with an alternation.
_PAIR_RE, _C1_RE = re.compile(_PAIR), re.compile(_C1)


def has_marks(text: str) -> bool:
    """Whether ``text`` has a mark of mojibake (:data:`MARKS`)."""
    return not text.isascii() and bool(_C1_RE.search(text) or _PAIR_RE.search(text))


@lru_cache(maxsize=1)
def _fixer_config():
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=True,
    )


def repair_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with its mojibake undone, and ftfy's steps: one entry per distinct way a line
    was fixed, its steps space-separated (``"encode:sloppy-windows-1252 decode:utf-8"``,
    ``"apply:decode_inconsistent_utf8"``); ``(text, ())`` when nothing changed.

    Only the lines with marks go through ftfy (it reads a text line by line anyway): most of a
    document is not read twice."""
    if not has_marks(text):
        return text, ()
    lines = text.split("\n")
    steps: dict[str, None] = {}
    for k, line in enumerate(lines):
        if MARKS.search(line):
            fixed, done = _fix_line(line)
            if done:
                lines[k] = fixed
                steps[" ".join(done)] = None
    return ("\n".join(lines), tuple(steps)) if steps else (text, ())


def _fix_line(line: str) -> tuple[str, tuple[str, ...]]:
    from ftfy import fix_and_explain

    try:
        fixed, steps = fix_and_explain(line, config=_fixer_config())
    except Exception:  # ftfy on a text it cannot read: keep the line as decoded
        return line, ()
    if fixed == line or (line.strip() and not fixed.strip()):
        return line, ()
    return fixed, tuple(f"{op}:{arg}" for op, arg in steps or ())


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """A plain-text document's text as cleaned: :func:`repair_mojibake`, then as an HTML
    rendering holds text (:func:`cleaner.document.shown_explained`: without invisible
    characters, ``"remove:invisible"``, and in NFC, ``"normalize:NFC"``); with the steps."""
    text, steps = repair_mojibake(text)
    text, shown_steps = shown_explained(text)
    return text, (*steps, *shown_steps)
