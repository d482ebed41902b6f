"""Comments under their writers' names, with no other furniture (``comments.commenters``).

Many comment templates print a commenter's name on a line of its own over the comment's
text, and a text dump may keep nothing else of them: no "says:", no date, no "Reply"
(``{ 131 comments }`` / "Gibbo" / text / "Robert" / text …). :mod:`.comments` needs such
furniture, so these sections stay whole. This rule takes them when their shape is plain: a
comment heading that the phrase lists removed, then, within ``LEAD_LINES`` lines, at least
``MIN_NAMES`` names, each a short line over prose and each within ``COMMENT_LINES`` lines
of the last, that fit the heading (:func:`_plausible`): as many as it counts, or, with no
count, a name that comes again. A comment longer than ``COMMENT_LINES`` ends the run unless
the next name is one the run has had (:func:`_name_again`). Under a bare "Comments" (an
article's tab) or "Comments (2)" (closing a post on a blog's front page), subheadings over
paragraphs have the same shape; the count or the missing repeat keeps them. A second
comment heading in the run ends it.
"""
from __future__ import annotations

import re

from ..phrases import PhraseBook
from .base import Context
from .comments import heading_count
from .zones import main_region

#: Words and characters a commenter's name line has at most ("Bill Eisenhauer", "h4rm0ny").
NAME_WORDS = 4
NAME_CHARS = 40
#: Share of a name's characters that are letters at least.
NAME_LETTERS = 0.5
#: Lines from a name to the prose it heads (a date or a salutation may come between).
NAME_TO_TEXT = 3
#: Non-blank lines from the heading to the first name ("Post a comment", "Login to comment").
LEAD_LINES = 3
#: Non-blank lines of one comment at most: a longer run without a name is no comment section.
COMMENT_LINES = 12
#: Non-blank lines of a long comment at most, which the section goes on over when the next
#: name is one it has had ("DerKrieger" over a long letter, then "DerKrieger" again).
LONG_COMMENT_LINES = 40
MIN_NAMES = 3
_END_PUNCTUATION = tuple(".!?:;,)…\"'”’")
#: A link to the commenter's site before the name.
_SITE_RE = re.compile(r"^https?://\S+\s+")


def _heading(ctx: Context, i: int) -> bool:
    d = ctx.decided.get(i)
    return d is not None and d.category == "comments" and d.rule.startswith("phrase.")


def _name(ctx: Context, i: int) -> bool:
    """A short line that is no sentence and no phrase, and mostly letters: a commenter's name
    or handle ("NFreak007"), not a vote count or a date ("Sep 25, 2019 at 12:22"). A link to
    the commenter's site may come first ("http://www.example.com Jane Doe", as Disqus prints)."""
    f, text = ctx.feats[i], ctx.lines[i].text.strip()
    words, alpha = f.words, f.alpha_ratio
    site = _SITE_RE.match(text)
    if site:
        text = text[site.end():]
        words, alpha = len(text.split()), sum(c.isalpha() for c in text) / max(1, len(text))
    return (ctx.open(i) and 1 <= words <= NAME_WORDS and len(text) <= NAME_CHARS and ctx.matches[i] is None
            and not text.endswith(_END_PUNCTUATION) and not ctx.protected(i) and alpha >= NAME_LETTERS)


def _name_text(ctx: Context, i: int) -> str:
    """A name line's name, to compare: without the link before it, in any case."""
    return _SITE_RE.sub("", ctx.lines[i].text.strip(), count=1).casefold()


def _prose(ctx: Context, i: int) -> bool:
    return ctx.open(i) and (ctx.feats[i].good() or ctx.protected(i))


def _after(ctx: Context, i: int, count: int) -> list[int]:
    """The next ``count`` non-blank lines after ``i``."""
    out: list[int] = []
    j = ctx.neighbour(i, 1)
    while j is not None and len(out) < count:
        out.append(j)
        j = ctx.neighbour(j, 1)
    return out


def _opens_comment(ctx: Context, i: int) -> bool:
    """A name with prose within ``NAME_TO_TEXT`` lines under it, and no name between (then
    that one is the name: "By" / "Jeremy Glass" / text; a date or "Michael," may stand between)."""
    if not _name(ctx, i):
        return False
    for j in _after(ctx, i, NAME_TO_TEXT):
        if _prose(ctx, j):
            return True
        if ctx.feats[j].words > 2 * NAME_WORDS or _heading(ctx, j) or _name(ctx, j):
            return False
    return False


def _names(ctx: Context, head: int) -> list[int]:
    """The names of the comments under heading ``head``, in order (empty if none starts
    within ``LEAD_LINES`` lines)."""
    names: list[int] = []
    since = 0  # non-blank lines since the last name (or the heading)
    j = ctx.neighbour(head, 1)
    while j is not None:
        if since >= (COMMENT_LINES if names else LEAD_LINES):
            j = _name_again(ctx, j, names)  # past a long comment, a name seen before goes on
            if j is None:
                break
        if _heading(ctx, j) and names:
            break
        if _opens_comment(ctx, j):
            names.append(j)
            since = 0
        else:
            since += 1
        j = ctx.neighbour(j, 1)
    return names


def _name_again(ctx: Context, j: int, names: list[int]) -> int | None:
    """The next comment's name from line ``j`` on, past the rest of a long comment (up to
    ``LONG_COMMENT_LINES`` lines in all), if it is one of ``names`` (a conversation: the
    writer answers the long comment); else ``None``."""
    seen = {_name_text(ctx, k) for k in names}
    for _ in range(LONG_COMMENT_LINES - COMMENT_LINES):
        if j is None or _heading(ctx, j):
            return None
        if _opens_comment(ctx, j):
            return j if _name_text(ctx, j) in seen else None
        j = ctx.neighbour(j, 1)
    return None


def _last_comment_end(ctx: Context, name: int) -> int:
    """The last line of the comment under ``name``: its prose, and short lines within it."""
    end = name
    for j in _after(ctx, name, COMMENT_LINES):
        if _prose(ctx, j):
            end = j
        elif _heading(ctx, j) or ctx.feats[j].words > 2 * NAME_WORDS or j in ctx.decided:
            break
    return end


def _plausible(ctx: Context, head: int, names: list[int]) -> bool:
    """Names that fit the heading's count ("19 Responses": from half as many to a quarter
    more, and two, as some names stand in the comments' text), or, under a heading with no
    count, a name that comes again (a conversation: the author answers)."""
    n = heading_count(ctx.lines[head].text)
    if n is not None:
        return n / 2 <= len(names) <= n * 1.25 + 2
    seen = [_name_text(ctx, k) for k in names]
    return len(set(seen)) < len(seen)


def commenter_sections(ctx: Context, heads: PhraseBook) -> None:
    """Remove each comment section of names over their comments' text (module docstring).
    A heading that also heads link lists (``heads``: "Most commented") is no section's."""
    region = main_region(ctx)
    if region is None:
        return
    first = next((i for i in range(region[0], region[1] + 1) if ctx.protected(i)), region[0])
    i = first + 1
    while i < len(ctx.lines):
        names = _names(ctx, i) if _heading(ctx, i) and heads.match(ctx.lines[i].text) is None else []
        if len(names) < MIN_NAMES or not _plausible(ctx, i, names):
            i += 1
            continue
        end = _last_comment_end(ctx, names[-1])
        for j in range(i + 1, end + 1):
            ctx.decide(j, "comments", "comments.commenters", evidence=f"heading line {i}, {len(names)} names")
        i = end + 1
