"""Author bios that close an article: "Jane Doe is a professor of law at …".

A bio names the author and what they do, and comes after the article's last paragraph (the
"about the author" note of op-eds, guest posts and blogs). The same sentence at the top of a
page introduces a guest author and belongs to the text, and inside the article it describes
someone the story is about: so a line of that shape goes only when no article paragraph
follows it. The shapes are phrase data, per language (``rules/<lang>/bio_lines.txt``).
"""
from __future__ import annotations

from ..phrases import load_patterns, norm_line
from ..regexindex import index_of
from .base import Context

#: A bio is a short paragraph; a longer line is article text whatever it starts with.
BIO_MAX_WORDS = 80


def closing_bios(ctx: Context) -> None:
    """Remove bio-shaped kept lines that follow the article's paragraphs and are followed by
    none (:meth:`~cleaner.detect.base.Context.protected` lines still kept)."""
    prose = [i for i in range(len(ctx.lines)) if ctx.open(i) and ctx.protected(i)]
    shapes = load_patterns(ctx.languages, "bio_lines")
    if not prose or not shapes:
        return
    index = index_of(shapes)  # tries only the shapes whose words the line holds
    bios = [i for i in range(prose[0] + 1, len(ctx.lines))
            if ctx.open(i) and ctx.feats[i].words <= BIO_MAX_WORDS
            and index.first_match(norm_line(ctx.lines[i].text)) is not None]
    last_paragraph = max(set(prose) - set(bios), default=-1)
    for i in bios:
        if i > last_paragraph:
            ctx.decide(i, "author_bio", "author_bio.closing", evidence=f"after line {last_paragraph}")
