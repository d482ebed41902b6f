"""Author bios that close an article: "Jane Doe is a professor of law at …".

A bio names the author and what they do, and comes after the article's last paragraph (the
"about the author" note of op-eds, guest posts and blogs). The same sentence at the top of a
page introduces a guest author and belongs to the text, and inside the article it describes
someone the story is about: so a line of that shape goes only when no article paragraph
follows it. The shapes are phrase data, per language (``rules/<lang>/bio_lines.txt``).
"""
from __future__ import annotations

from ..phrases import load_patterns, norm_line
from .base import Context

#: A bio is a short paragraph; a longer line is article text whatever it starts with.
BIO_MAX_WORDS = 80


def _bio_shaped(ctx: Context, i: int) -> bool:
    if not ctx.open(i) or ctx.feats[i].words > BIO_MAX_WORDS:
        return False
    text = norm_line(ctx.lines[i].text)
    return any(rx.search(text) for rx in load_patterns(ctx.languages, "bio_lines"))


def closing_bios(ctx: Context) -> None:
    """Remove bio-shaped kept lines that follow the article's paragraphs and are followed by
    none (:meth:`~cleaner.detect.base.Context.protected` lines still kept)."""
    prose = [i for i in range(len(ctx.lines)) if ctx.open(i) and ctx.protected(i)]
    if not prose:
        return
    bios = [i for i in range(prose[0] + 1, len(ctx.lines)) if _bio_shaped(ctx, i)]
    later_prose = set(prose) - set(bios)
    last_paragraph = max(later_prose, default=-1)
    for i in bios:
        if i > last_paragraph:
            ctx.decide(i, "author_bio", "author_bio.closing", evidence=f"after line {last_paragraph}")
