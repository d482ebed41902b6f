"""Photo credits and copyright lines: a line that opens with a copyright sign, and the credit
that closes a kept line (only the credit goes, not the caption before it)."""
from __future__ import annotations

import re

from ..document import Decision
from ..phrases import load_patterns
from .base import Context

_WORD_RE = re.compile(r"\w+")

#: Words of caption a credit needs before it (a line that is only a credit is the phrase
#: lists' to remove, whole).
CAPTION_MIN_WORDS = 3
#: Words a credit has at most, its label included ("(Photo credit: RAFA RIVAS/AFP/Getty Images)"
#: has 7): more is a sentence ("Photograph: the crowd cheers as he leaves the stage, …").
CREDIT_MAX_WORDS = 9
#: Characters at a line's end searched for a credit (longer than any credit the lists match).
TAIL_CHARS = 120
RULE = "caption.credit_tail"
#: Signs that open a photo credit or a copyright notice ("© Jane Doe / dpa", "ⓒ 2021 Foo").
#: Not "(c)": it also numbers the third item of a list.
COPYRIGHT_SIGNS = ("©", "ⓒ")
#: Words a line opened by a copyright sign has at most (an agency, a photographer, a site's
#: name and its legal links).
CREDIT_LINE_MAX_WORDS = 20
#: A year: with one, the line is a copyright notice (legal), without, a photo credit (when
#: it is no longer than one: ``CREDIT_MAX_WORDS``).
_YEAR_RE = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
LINE_RULE = "caption.credit_line"


def credit_lines(ctx: Context) -> None:
    """Remove the lines that open with a copyright sign: a photo credit ("© Jane Doe /
    Reuters", category ``caption``) or, with a year or more words than a credit has
    (``CREDIT_MAX_WORDS``), a copyright notice ("© 2021 Example Ltd", "© Example News |
    Privacy Policy | Legal Disclaimer | Contact", ``legal``). A sentence of the article does
    not start with the sign.

    The phrase lists cannot see it: lines are compared without the symbols at their ends.
    """
    for i, line in enumerate(ctx.lines):
        text = line.text.lstrip()
        words = ctx.feats[i].words
        if ctx.open(i) and text.startswith(COPYRIGHT_SIGNS) and 0 < words <= CREDIT_LINE_MAX_WORDS:
            year = _YEAR_RE.search(text)
            category = "legal" if year or words > CREDIT_MAX_WORDS else "caption"
            ctx.decide(i, category, LINE_RULE, evidence=f"{text[0]} {year.group()}" if year else text[0])


def credit_tails(ctx: Context) -> None:
    """Remove the photo credit that closes a kept line (``rules/<lang>/credit_tails.txt``):
    "… makes his concession speech. Photograph: Getty Images", "… (AP Photo/Evan Vucci)".

    The caption stays: it says what the picture shows. Only lines no rule removed or kept are
    read, after every other rule, and only a credit of at most ``CREDIT_MAX_WORDS`` words with
    ``CAPTION_MIN_WORDS`` words before it.
    """
    patterns = load_patterns(ctx.languages, "credit_tails")
    if not patterns:
        return
    for i, line in enumerate(ctx.lines):
        if i in ctx.decided or i in ctx.kept or ctx.feats[i].words <= CAPTION_MIN_WORDS:
            continue
        text = line.text.rstrip()
        offset = max(0, len(text) - TAIL_CHARS)
        for rx in patterns:
            m = rx.search(text, offset)
            if m and _credit_shaped(text, m):
                evidence = f"credit: {m.group().strip()[:60]}"
                ctx.tails[i] = (len(line.text) - m.start(), Decision("caption", RULE, 1.0, evidence))
                break


def _credit_shaped(text: str, m: re.Match[str]) -> bool:
    """Caption enough before the match, and few enough words in it."""
    return len(text[: m.start()].split()) >= CAPTION_MIN_WORDS and len(_WORD_RE.findall(m.group())) <= CREDIT_MAX_WORDS
