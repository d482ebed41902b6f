"""Comment sections: from a comment heading over the comments, while comment evidence goes on.

Evidence comes in three strengths:

* HEADING: a line matching a ``comments`` phrase ("Leave a Reply", "3 Responses", "Comments");
* STRONG furniture (``rules/<lang>/comment_meta.txt``): "X says:", "2 days ago", "Reply"
  (not on a line that ends with one full stop: "'Nuff said." is a sentence);
* WEAK furniture (``rules/<lang>/comment_dates.txt``): a short line with a date or time.

A chain starts at a heading that lies after the article's first prose line (the main region's),
or at strong furniture, and goes on to the next evidence line while it is near (``MAX_GAP`` lines); a
heading that follows a chain not yet valid starts a chain of its own (a quote's "X wrote:" in
the article must not swallow the comment heading after it). Prose
between two evidence lines is a comment's text only after furniture; after a heading it means
the article goes on, so the chain ends, unless strong furniture follows ("12 Comments / text /
by X on 3 May. Reply"), or weak furniture after one line. A chain is a section when it holds ``MIN_EVIDENCE``
lines and starts at a heading, or holds ``MIN_HEADLESS`` strong furniture lines. A section
also takes the prose after its last line (the last comment's text) when it has the shape of
real comments: strong furniture, or weak furniture that follows prose. Article text that resumes after it stays.
Such a section also goes on over a long comment (up to ``MAX_COMMENT_LINES`` lines) to the next
furniture line of the kind it has already repeated (same strength and pattern), or to a
commenter's header it has had (two furniture lines in a row, "Jane says:" over its date) that
comes again within ``HEADER_LINES`` lines, or, when the first comment is the long one, to
the next furniture of its kind under a heading that counts the comments
(:func:`_first_long`). When the main region is the comments themselves
(they outweigh a short article, or an article with no paragraph), a heading above it starts
a section too (:func:`_region_sections`). A chain that
holds no text yet (an action bar: "Comment … Report") ends where prose and a link list's
heading follow it (:func:`comment_sections`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..phrases import PhraseBook, norm_line
from ..regexindex import RegexIndex, index_of
from .base import Context
from .zones import keep_title, main_region

HEADING, WEAK, STRONG = 0, 1, 2
MAX_GAP = 12
MAX_PROSE_GAP = 4
MAX_COMMENT_LINES = 40
MIN_EVIDENCE = 2
MIN_HEADLESS = 3
#: Lines at most between a heading above the page's first prose line and the strong
#: furniture under it ("111 Responses" / "1" / "Jane Says:"), for :func:`_opens_on_furniture`.
OPENING_LINES = 2
FURNITURE_MAX_WORDS = 12
#: Lines (from the furniture after a long comment) searched for a commenter's header that the
#: section has had: the comment's last lines (a dated link, a reply link), then the next
#: commenter's name and date.
HEADER_LINES = 5
#: An embedded post's signature ("— Jane Doe (@jane) March 16, 2020", as Twitter/X embeds end):
#: name and date like a comment's, but part of the article; never comment evidence.
EMBED_SIGNATURE_RE = re.compile(r"\(@\w{1,15}\)\s.{0,30}\d{4}$")

#: A whitespace-separated token of numbers alone ("8,", "2012", "5:21", "30.10.2012").
_NUMBER_TOKEN_RE = re.compile(r"(?<!\S)[\d.,:/\-]+(?!\S)")
_DIGITS_RE = re.compile(r"\d+")
#: A heading's count: leading ("19 Responses", "{ 131 comments }") or in closing brackets
#: ("Comments (2)"); not a number inside it ("… through the RSS 2.0 feed").
_COUNT_RE = re.compile(r"^\W*(\d+)\b|\((\d+)\)\W*$")

Patterns = tuple[re.Pattern[str], ...]
Evidence = tuple[int, int, int]  # (line, strength, which pattern matched: -1 for a heading)


def _short(words: int, text: str) -> bool:
    """Short enough for comment furniture: at most ``FURNITURE_MAX_WORDS`` words, the numbers
    of a date or time not counted ("Aug 8, 2012 5:21 PM" has four in a commenter's line); only
    numbers standing alone, not those inside a word or a link ("…/2012/10/30/title-of-post")."""
    if words <= FURNITURE_MAX_WORDS:
        return words > 0
    numbers = sum(len(_DIGITS_RE.findall(token)) for token in _NUMBER_TOKEN_RE.findall(text))
    return words - numbers <= FURNITURE_MAX_WORDS


def _strength(ctx: Context, i: int, strong: RegexIndex, weak: RegexIndex) -> tuple[int, int] | None:
    f = ctx.feats[i]
    if _short(f.words, ctx.lines[i].text):
        text = ctx.lines[i].text
        norm = norm_line(text)
        if EMBED_SIGNATURE_RE.search(norm):
            return None
        sentence = _ends_sentence(text)
        for strength, index in ((STRONG, strong), (WEAK, weak)):
            if strength == STRONG and sentence:
                continue
            k = index.first_match(norm)
            if k is None and text.rstrip().endswith(":"):
                k = index.first_match(norm + ":")  # a label: "Posted by:" over its name
            if k is not None:
                return strength, k
    return (HEADING, -1) if _comment_heading(ctx, i) else None


def _ends_sentence(text: str) -> bool:
    """A line that ends with one full stop, with no label (colon) in it, is a sentence
    ("'Nuff said.", "Well said."), never a commenter line ("Kevin said:", "Jane said...") or
    an action link. A comment's title keeps its stop ("Re: I wish he had won."); a time's
    "a.m." is weak furniture, not affected."""
    text = text.rstrip()
    return text.endswith(".") and not text.endswith("..") and ":" not in text


def _prose_between(ctx: Context, a: int, b: int) -> int:
    return sum(1 for i in range(a + 1, b) if ctx.protected(i))


def _never(_line: int) -> bool:
    return False


def _near(ctx: Context, prev: Evidence, item: Evidence, breaks: Callable[[int], bool] = _never) -> bool:
    between = sum(1 for j in range(prev[0] + 1, item[0]) if not ctx.feats[j].blank)
    prose = _prose_between(ctx, prev[0], item[0])
    if prose and any(map(breaks, range(prev[0] + 1, item[0]))):
        return False
    if prev[1] != HEADING:
        allowed = MAX_PROSE_GAP
    else:
        allowed = {STRONG: MAX_PROSE_GAP, WEAK: 1, HEADING: 0}[item[1]]
    return between <= MAX_GAP and prose <= allowed


def _long_comment(
    ctx: Context, chain: list[Evidence], item: Evidence, upcoming: list[Evidence], ahead: list[Evidence]
) -> bool:
    """Furniture that follows a long comment's text and repeats the section's (the next
    comment of the same section): of a kind the section has repeated (same strength and
    pattern), or, with the ``upcoming`` evidence right after it, a commenter's header the
    section has had ("Jane schreibt:" over its date: :func:`_headers`). Not in a chain with
    several headings (a blog's front page has a "Comments (2)" link under each post), unless
    they are one action bar that each comment repeats ("Reply to This Parent Share") in a
    chain with strong furniture; the item may then be that bar again. The first comment may
    be the long one (:func:`_first_long`)."""
    same = _repeats(ctx, chain, item)
    between = sum(1 for j in range(chain[-1][0] + 1, item[0]) if not ctx.feats[j].blank)
    repeats = same >= MIN_EVIDENCE or bool(_headers(upcoming) & _headers(chain))
    shape = chain if repeats else chain + [item]
    return ((repeats or same == 1 and _first_long(ctx, chain, item, ahead)) and _few_headings(ctx, chain)
            and between <= MAX_COMMENT_LINES and _valid(chain) and _has_comment_shape(ctx, shape))


def _first_long(ctx: Context, chain: list[Evidence], item: Evidence, ahead: list[Evidence]) -> bool:
    """The section's first comment was long: its heading counts comments ("20 Comments"), the
    item is of the kind of the section's one furniture line so far (the next commenter's
    date, as the first's), and the same kind comes again near it (``ahead``: the evidence
    after it), so the comments go on. A blog's front page, whose posts are as long as that
    first comment, has no such third date near the second."""
    return _counts_comments(ctx, chain) and any(e[1:] == item[1:] and _near(ctx, item, e) for e in ahead)


def _counts_comments(ctx: Context, chain: list[Evidence]) -> bool:
    """The chain's heading, or a comment heading right above it ("20 Comments" over "Post a
    comment"), counts two comments or more."""
    if chain[0][1] != HEADING:
        return False
    up = ctx.neighbour(chain[0][0], -1)
    heads = [chain[0][0]] + ([up] if up is not None and _comment_heading(ctx, up) else [])
    return any((heading_count(ctx.lines[h].text) or 0) >= MIN_EVIDENCE for h in heads)


def heading_count(text: str) -> int | None:
    """The number of comments a comment heading counts, if it counts them (:data:`_COUNT_RE`)."""
    match = _COUNT_RE.search(text)
    return int(match.group(1) or match.group(2)) if match else None


def _comment_heading(ctx: Context, i: int) -> bool:
    """Line ``i`` matches a comment heading phrase ("3 Responses", "Leave a Reply")."""
    match = ctx.matches[i]
    return match is not None and match.category == "comments"


def _repeats(ctx: Context, chain: list[Evidence], item: Evidence) -> int:
    """How often the chain has had ``item``'s kind: furniture of the same strength and pattern,
    or, for a heading, the same heading after the section's own (an action bar: "ReplyDelete")."""
    if item[1] != HEADING:
        return sum(1 for _, s, k in chain if (s, k) == item[1:])
    text = norm_line(ctx.lines[item[0]].text)
    return sum(1 for j, s, _k in chain[1:] if s == HEADING and norm_line(ctx.lines[j].text) == text)


def _few_headings(ctx: Context, chain: list[Evidence]) -> bool:
    """At most one heading; or headings that all come before the comments' text (a
    trackbacks' heading, then the comments': "{ 1 trackback }" … "{ 7 comments }"); or, after
    the section's own, one heading's text again and again (an action bar: "ReplyDelete"), with
    one other heading at most (Blogger's "Replies" over a thread), in a chain with strong
    furniture."""
    lines = [j for j, s, _k in chain[1:] if s == HEADING]
    if len(lines) + (chain[0][1] == HEADING) <= 1 or _prose_between(ctx, chain[0][0], lines[-1]) == 0:
        return True
    counts = Counter(norm_line(ctx.lines[j].text) for j in lines).most_common()
    bar = len(counts) == 1 or counts[0][1] >= MIN_EVIDENCE and len(lines) - counts[0][1] <= 1
    return bar and any(s == STRONG for _, s, _k in chain)


def _headers(items: list[Evidence]) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    """The kinds (strength, pattern) of each two furniture lines that follow each other
    directly: a commenter's header (name line, then date; or a reply link, then the next name)."""
    return {(a[1:], b[1:]) for a, b in zip(items, items[1:]) if HEADING not in (a[1], b[1]) and b[0] == a[0] + 1}


def _valid(chain: list[Evidence]) -> bool:
    if chain[0][1] == HEADING:
        return len(chain) >= MIN_EVIDENCE
    return sum(1 for _, s, _k in chain if s == STRONG) >= MIN_HEADLESS


def _chains(
    ctx: Context, evidence: list[Evidence], first: int, breaks: Callable[[int], bool] = _never
) -> list[list[Evidence]]:
    """The valid chains of ``evidence``. ``breaks`` applies while a chain holds no text yet (a
    bar of comment words and buttons: the text after it, up to a link list's heading, is the
    article's); not once it holds comments' text (``texted``, kept as chains grow)."""
    chains: list[list[Evidence]] = []
    texted: list[bool] = []
    for n, item in enumerate(evidence):
        if item[0] <= first:
            continue
        fresh_heading = item[1] == HEADING and chains and not _valid(chains[-1])
        upcoming = [e for e in evidence[n : n + HEADER_LINES] if e[0] - item[0] < HEADER_LINES]
        if chains and not fresh_heading and (
            _near(ctx, chains[-1][-1], item, _never if texted[-1] else breaks)
            or _long_comment(ctx, chains[-1], item, upcoming, evidence[n + 1 : n + 1 + HEADER_LINES])
        ):
            texted[-1] = texted[-1] or _prose_between(ctx, chains[-1][-1][0], item[0]) > 0
            chains[-1].append(item)
        elif item[1] != WEAK or (chains and _valid(chains[-1])):
            chains.append([item])
            texted.append(False)
    return [c for c in chains if _valid(c)]


def _has_comment_shape(ctx: Context, chain: list[Evidence]) -> bool:
    """Strong furniture, or furniture that follows prose: comments, not a byline."""
    return any(s == STRONG or (s == WEAK and _prose_between(ctx, chain[0][0], i)) for i, s, _k in chain[1:])


def _list_heading(ctx: Context, heads: PhraseBook | None) -> Callable[[int], bool]:
    """Whether line ``j`` is a link list's heading ("Related topics", ``list_heads.txt``)."""
    memo: dict[int, bool] = {}

    def check(j: int) -> bool:
        if j not in memo:
            memo[j] = heads is not None and ctx.feats[j].words <= 8 and heads.match(ctx.lines[j].text) is not None
        return memo[j]

    return check


def comment_sections(ctx: Context, strong: Patterns, weak: Patterns, heads: PhraseBook | None = None) -> None:
    """Mark every line of each comment section as ``comments``.

    A link list's heading (``heads``: "Related topics") between two evidence lines, with
    prose between them too, ends a chain that holds no text yet: such a chain is an action
    bar ("Comment … Report"), and over the heading it would take the article's lead after the
    bar, up to the related stories' times. (A section that holds comments, or a list of
    stories with their "Comments" counts, runs on over one as before.)"""
    region = main_region(ctx)
    if region is None:
        return
    first = next((i for i in range(region[0], region[1] + 1) if ctx.protected(i)), region[0])
    lead = next((i for i in range(first) if ctx.protected(i)), first)  # the page's first prose line
    heading_above = any(_comment_heading(ctx, i) for i in range(lead))
    evidence = _evidence(ctx, -1 if heading_above else lead, (index_of(strong), index_of(weak)))
    breaks = _list_heading(ctx, heads)
    for chain in _chains(ctx, evidence, first, breaks):
        _mark(ctx, chain)
    sections = _region_sections(ctx, evidence, region, (lead, first), breaks)
    titles = [i for i, rule in ctx.kept.items() if rule == "keep.title"]
    for chain in sections:
        for i in titles:  # the title was picked above a region of comments: pick it again
            if chain[0][0] <= i <= chain[-1][0]:
                del ctx.kept[i]
        _mark(ctx, chain)
    if sections and "keep.title" not in ctx.kept.values():
        ctx.region = None
        keep_title(ctx)


def _evidence(ctx: Context, first: int, indexes: tuple[RegexIndex, RegexIndex]) -> list[Evidence]:
    """The evidence lines after line ``first``."""
    found = ((i, _strength(ctx, i, *indexes)) for i in range(first + 1, len(ctx.lines)))
    return [(i, *strength) for i, strength in found if strength is not None]


def _mark(ctx: Context, chain: list[Evidence]) -> None:
    """Remove a valid chain's lines, and the last comment's text after it if it has the shape."""
    start, end = chain[0][0], chain[-1][0]
    if _has_comment_shape(ctx, chain):
        while end + 1 < len(ctx.lines) and (ctx.feats[end + 1].blank or ctx.protected(end + 1)):
            end += 1
    for i in range(start, end + 1):
        ctx.decide(i, "comments", "comments.section", evidence=f"heading line {start}")


def _region_sections(
    ctx: Context, evidence: list[Evidence], region: tuple[int, int], prose: tuple[int, int],
    breaks: Callable[[int], bool],
) -> list[list[Evidence]]:
    """A comment section that is the main region itself: the comments outweigh a short article,
    or one made of a list. Its chain starts at a comment heading above the region's first
    prose line and runs on to the region's end, and the page's first prose line lies above
    the heading (``prose``: that line, the region's first; ``breaks``: the link lists'
    headings, as for :func:`_chains`). Not when the chain's first
    furniture is an article's byline under a comment link (:func:`_byline_first`). A heading
    above the page's first prose line starts one too when strong comment furniture follows
    it at once (:func:`_opens_on_furniture`): the article has no paragraph at all (a photo
    and its caption), so the first prose line is a comment's."""
    lead, first = prose
    below = _chains(ctx, evidence, lead, breaks) if lead < first else []
    above = ([c for c in _chains(ctx, evidence, -1, breaks) if c[0][0] < lead and _opens_on_furniture(ctx, c)]
             if evidence and evidence[0][0] < lead else [])
    return [c for c in below + above
            if c[0][1] == HEADING and c[0][0] < first and c[-1][0] >= region[1] - MAX_GAP
            and not _byline_first(ctx, c) and _has_comment_shape(ctx, c)]


def _opens_on_furniture(ctx: Context, chain: list[Evidence]) -> bool:
    """Strong comment furniture right under the chain's heading (at most ``OPENING_LINES``
    lines between, none of them prose), and ``MIN_HEADLESS`` strong furniture lines in the
    chain ("111 Responses" / "1" / "Jane Says:"); not a menu's "Comments" link far above a
    byline ("by Jane Doe on June 29, 2012": weak furniture)."""
    if len(chain) < 2 or chain[1][1] != STRONG:
        return False
    between = sum(1 for j in range(chain[0][0] + 1, chain[1][0]) if not ctx.feats[j].blank)
    return (between <= OPENING_LINES and _prose_between(ctx, chain[0][0], chain[1][0]) == 0
            and sum(1 for _, s, _k in chain if s == STRONG) >= MIN_HEADLESS)


def _byline_first(ctx: Context, chain: list[Evidence]) -> bool:
    """Whether the chain's first furniture is followed by prose and then another heading: the
    furniture is an article's byline ("Written by Jane Doe on 24/10/12", shaped like a
    commenter's line) under a comment link, the prose is the article, and the heading its
    comment section's ("Comments (4)")."""
    return len(chain) > 2 and chain[2][1] == HEADING and _prose_between(ctx, chain[1][0], chain[2][0]) > 0
