"""Context rules: decide a line by its neighbours, its list, or the rest of the corpus."""
from __future__ import annotations

import re

from ..document import HEADING_TAGS, Line
from ..phrases import load_patterns, load_phrasebook
from ..words import word_re
from .base import Context
from .zones import main_region

LIST_MAX = 15
LIST_MIN = 2
SHORT_WORDS = 6
REPEATED_INSIDE_WORDS = 3
CAPTION_MAX_WORDS = 25
#: Words besides its date a dateline has at most ("Published", "Updated on", "Atualizado há 2 horas").
DATELINE_OTHER_WORDS = 4
AMID_MAIN_REMOVED_HINTS = frozenset({"comments", "navigation", "author_bio"})
#: DOM words whose hint does not remove prose amid the main text (an article's own header).
AMID_MAIN_WEAK_WORDS = frozenset({"header"})
#: Lines from the page's last ``<h1>`` above trafilatura's main text to that text within
#: which a prose block is the article's lead (standfirst), left to the line model.
LEAD_WINDOW = 8
#: Words a heading under the article's title needs to be its subtitle (:func:`_subtitle`).
SUBTITLE_WORDS = 5


def _title_like(ctx: Context, i: int) -> bool:
    """A headline's shape: at most 16 words, no full stop at the end (nor a CJK one), and no
    prose unless a question ("What causes these lines in my photos?": a Q&A site's list)."""
    f, text = ctx.feats[i], ctx.lines[i].text.rstrip()
    question = text.endswith(("?", "？"))
    return 1 <= f.words <= 16 and (not ctx.protected(i) or question) and not text.endswith((".", "。"))


def _list_items(ctx: Context, head: int) -> list[int]:
    """The headline-shaped lines right under list heading ``head`` (at most ``LIST_MAX``)."""
    run = []
    for i in range(head + 1, min(len(ctx.lines), head + 1 + LIST_MAX)):
        if ctx.feats[i].blank:
            continue
        if i in ctx.decided or not _title_like(ctx, i):
            break
        run.append(i)
    return run


def _closed(ctx: Context, i: int) -> bool:
    """Line ``i`` ends the page or comes right before a removed line: a list of one headline
    ("Most read" over its one story, then the copyright line) ends there."""
    j = ctx.neighbour(i, 1)
    return j is None or j in ctx.decided


def link_lists(ctx: Context) -> None:
    """Headline lists under a list heading ("Related articles", ``rules/<lang>/list_heads.txt``).

    A heading that is the whole line (a ``[line]`` phrase, or a ``[regex]`` one: those match
    whole lines) goes even with no list under it: its one teaser may be too short a list, or
    the list may have been removed already. A list has ``LIST_MIN`` headlines, or one that a
    removed line or the page's end closes (:func:`_closed`).
    """
    heads = load_phrasebook(ctx.languages, ("list_heads",))
    for head, line in enumerate(ctx.lines):
        match = heads.match(line.text) if ctx.feats[head].words <= 8 else None
        if match is None:
            continue
        if match.kind in ("line", "regex") and not ctx.protected(head):
            ctx.decide(head, "navigation", "navigation.list", evidence=f"list heading {match.evidence}")
        run = _list_items(ctx, head)
        if len(run) >= LIST_MIN or run and _closed(ctx, run[-1]):
            for i in run:
                ctx.decide(i, ctx.hint(i, "navigation"), "navigation.list", evidence=f"heading line {head}")


def repeated_lines(ctx: Context) -> None:
    """Lines seen in several documents of the corpus (CCNet-style), unless prose.

    Inside the main region only very short lines go: a headline repeated in other pages'
    link lists is this page's own title or subheading.
    """
    region = main_region(ctx) or (-1, -1)
    for i in sorted(ctx.repeated):
        inside = region[0] <= i <= region[1]
        if ctx.protected(i) or ctx.lines[i].in_main or (inside and ctx.feats[i].words > REPEATED_INSIDE_WORDS):
            continue
        ctx.decide(i, ctx.hint(i, "navigation"), "corpus.repeated")


def between_removed(ctx: Context) -> None:
    """A short line whose neighbours above and below were both removed goes with them."""
    changed = True
    while changed:
        changed = False
        for i in range(len(ctx.lines)):
            f = ctx.feats[i]
            if not ctx.open(i) or f.words > SHORT_WORDS or ctx.protected(i) or ctx.lines[i].in_main:
                continue
            up, down = ctx.neighbour(i, -1), ctx.neighbour(i, 1)
            if up in ctx.decided and (down is None or down in ctx.decided):
                category = ctx.hint(i, ctx.decided[up].category)
                ctx.decide(i, category, "context.between", evidence=f"lines {up},{down}")
                changed = True


def outside_main_html(ctx: Context) -> None:
    """HTML blocks that trafilatura left out of the main text.

    Removed, except a prose block or an unhinted sentence (an interview's question) that lies amid
    trafilatura's main text (between its first and last block), which is left to the line
    model: trafilatura sometimes drops an article paragraph or question there, even one in a
    "caption" or "share" box (slideshows, embeds). A prose
    block whose DOM hints at comments, navigation or an author bio is removed all the same
    (``AMID_MAIN_REMOVED_HINTS``): prose there is a reader's comment, a teaser or a bio. Not
    so a ``header`` (``AMID_MAIN_WEAK_WORDS``): prose in one amid the main text is the
    article's lead, under its title. An unhinted prose block between the article's
    ``<h1>`` and the main text is its lead too (:func:`_lead_lines`), and a heading
    right under a main-text ``<h1>`` its subtitle (:func:`_subtitle`): both are left to the
    model.
    """
    main = [i for i, line in enumerate(ctx.lines) if line.in_main]
    first, last = (main[0], main[-1]) if main else (-1, -1)
    lead = _lead_lines(ctx, first)
    for i, line in enumerate(ctx.lines):
        if line.in_main is not False:
            continue
        amid = first < i < last and (ctx.protected(i) or _plain_sentence(ctx, i)) and _amid_kept(line)
        if amid or _subtitle(ctx, i) or ctx.protected(i) and i in lead and _lead_kept(line):
            continue
        evidence = f"dom:{line.hint_word}" if line.hint else "not in main text"
        ctx.decide(i, ctx.hint(i, "navigation"), "html.outside_main", evidence=evidence)


def _plain_sentence(ctx: Context, i: int) -> bool:
    """A sentence in a block with no DOM hint (an interview's question); not a caption's."""
    return not ctx.lines[i].hint and ctx.feats[i].good()


def _subtitle(ctx: Context, i: int) -> bool:
    """A heading right under the article's title (an ``<h1>`` of the main text) in a
    ``header`` (``<header><h1>…</h1><h2>…</h2></header>``): the article's subtitle
    (standfirst), which trafilatura leaves out with the title; at least ``SUBTITLE_WORDS``
    words (a number or a section label there is no subtitle). An unboxed heading there is
    more often a blog's tagline under its name (an ``<h1>`` that trafilatura took for the
    title): it goes."""
    line, above = ctx.lines[i], ctx.lines[i - 1] if i else None
    return (
        above is not None and above.in_main is True and above.tag == "h1"
        and line.tag in HEADING_TAGS and line.hint_word in AMID_MAIN_WEAK_WORDS
        and ctx.feats[i].words >= SUBTITLE_WORDS
    )


def _amid_kept(line: Line) -> bool:
    return line.hint not in AMID_MAIN_REMOVED_HINTS or line.hint_word in AMID_MAIN_WEAK_WORDS


def _lead_kept(line: Line) -> bool:
    return not line.hint or line.hint_word in AMID_MAIN_WEAK_WORDS


def _lead_lines(ctx: Context, first: int) -> range:
    """The lines between the article's ``<h1>`` and trafilatura's first main block, where
    prose with no DOM hint (or a ``header`` one) is the article's lead (standfirst), which
    trafilatura often leaves out.

    Only when the ``<h1>`` lies within ``LEAD_WINDOW`` lines above that block, and the block
    is not a heading itself (then trafilatura found the article's own title, and an ``<h1>``
    above it is the site's: prose there is its tagline). A captioned block is not a lead.
    """
    if first <= 0 or ctx.lines[first].tag in HEADING_TAGS:
        return range(0)
    for i in range(first - 1, max(-1, first - 1 - LEAD_WINDOW), -1):
        if ctx.lines[i].tag == "h1":
            return range(i + 1, first)
    return range(0)


def caption_before_credit(ctx: Context) -> None:
    """A short line right above a photo credit ("Photo: …") is that photo's caption.

    Not a line that ends like a sentence: a credit often closes an article, and the line
    above it is then the article's last sentence (a missed caption costs less). Nor a
    dateline ("Published 14 October 2026": :func:`dateline`), which is no caption.
    """
    dates = load_patterns(ctx.languages, "comment_dates")
    for i, d in sorted(ctx.decided.items()):
        if d.category != "caption" or not d.rule.startswith("phrase."):
            continue
        j = ctx.neighbour(i, -1)
        if j is None or not ctx.open(j):
            continue
        f = ctx.feats[j]
        if 0 < f.words <= CAPTION_MAX_WORDS and not f.terminal and not dateline(ctx.lines[j].text, dates):
            ctx.decide(j, "caption", "caption.before_credit", evidence=f"credit line {i}")


def dateline(text: str, dates: tuple[re.Pattern[str], ...]) -> bool:
    """A line that is a date and at most ``DATELINE_OTHER_WORDS`` other words ("Published
    14 October 2026", "20/11/2026 10h32 Atualizado há 2 horas"): ``dates`` are the
    languages' ``comment_dates`` patterns, searched in the lower-cased line."""
    rest, found = text.lower(), False
    for rx in dates:
        rest, n = rx.subn(" ", rest)
        found = found or n > 0
    return found and len(word_re().findall(rest)) <= DATELINE_OTHER_WORDS


def no_words(ctx: Context) -> None:
    """Lines with no letter or digit at all (separators like "|", "»", "* * *")."""
    for i, f in enumerate(ctx.feats):
        if f.words == 0:
            ctx.decide(i, ctx.hint(i, "other"), "line.no_words")


#: A feedback widget's answer buttons ("Yes", "No (4)", "Ja", "Nein", "👍"), in the languages
#: of the phrase lists; they follow the widget's question.
_ANSWER_RE = re.compile(
    r"^(?:yes|no|ja|nein|oui|non|sí|si|sim|não|nao|tak|nie|nee|да|нет|так|ні|evet|hayır|ya|tidak"
    r"|có|không|ναι|όχι|igen|nem|ano|kyllä|ei|nej|是|否|はい|いいえ|예|아니요|👍|👎)"
    r"(?:\s*\(\d+\))?$",
    re.IGNORECASE,
)
#: Answer lines under a question at most (yes, no, and "not sure" or a count line).
ANSWERS_MAX = 3


def feedback_answers(ctx: Context) -> None:
    """The answer buttons under a removed feedback question ("Was this article helpful?" /
    "Yes" / "No"): a word alone answers it, and goes with it (its category). An interview's
    "Yes." under a question that stays is left alone: only a question a phrase removed counts."""
    for q, d in sorted(ctx.decided.items()):
        if not d.rule.startswith("phrase.") or not ctx.lines[q].text.rstrip().endswith("?"):
            continue
        i = q
        for _ in range(ANSWERS_MAX):
            i = ctx.neighbour(i, 1)
            if i is None or not ctx.open(i) or not _ANSWER_RE.match(ctx.lines[i].text.strip()):
                break
            ctx.decide(i, d.category, "context.feedback", evidence=f"answer to line {q}")


#: A count alone on its line ("(12)"): the post count of a category or archive widget's link,
#: which a text dump puts on a line of its own under the link.
_COUNT_LINE_RE = re.compile(r"^\(\d{1,6}\)$")


def count_lines(ctx: Context) -> None:
    """A count alone on its line ("(12)") under a removed line goes with it (its category):
    it counts that line's link ("Recipes", "May 2012"). Under a kept line it stays."""
    for i, line in enumerate(ctx.lines):
        if not ctx.open(i) or not _COUNT_LINE_RE.match(line.text.strip()):
            continue
        up = ctx.neighbour(i, -1)
        d = ctx.decided.get(up) if up is not None else None
        if d is not None:
            ctx.decide(i, d.category, "context.count", evidence=f"count of line {up}")


#: A number alone on its line ("3.", "12"): a list's number or a counter of a widget whose
#: label is on the line before or after it.
_NUMBER_LINE_RE = re.compile(r"^(\d{1,6})[.)]?$")
#: Lines counting up by one that make a numbered list's numbers (:func:`number_lines`).
NUMBER_RUN = 3


def _number(ctx: Context, i: int) -> int | None:
    match = _NUMBER_LINE_RE.match(ctx.lines[i].text.strip()) if ctx.open(i) else None
    return int(match.group(1)) if match else None


def _number_run(ctx: Context, i: int) -> list[int]:
    """The open number lines from ``i`` down that count up by one ("1.", "2.", "3.")."""
    run = [i]
    j = ctx.neighbour(i, 1)
    while j is not None and _number(ctx, j) == _number(ctx, run[-1]) + 1:
        run.append(j)
        j = ctx.neighbour(j, 1)
    return run


def number_lines(ctx: Context) -> None:
    """Numbers alone on their lines whose labels went.

    A run of at least ``NUMBER_RUN`` lines counting up by one ("1." … "5."), with a removed
    line (or the page's edge) right above or below it, is a most-read list's numbers whose
    headlines went (navigation); one in the article's text, a table's ranks, has kept lines on
    both sides. A single number with removed lines right above and below is a like or
    comment count between teasers and buttons: it takes the category of the line above.
    """
    i = 0
    while i < len(ctx.lines):
        if _number(ctx, i) is None:
            i += 1
            continue
        run = _number_run(ctx, i)
        up, down = ctx.neighbour(run[0], -1), ctx.neighbour(run[-1], 1)
        gone_up, gone_down = up is None or up in ctx.decided, down is None or down in ctx.decided
        if len(run) >= NUMBER_RUN and (gone_up or gone_down):
            for j in run:
                ctx.decide(j, "navigation", "context.numbers", evidence=f"numbered lines {run[0]}-{run[-1]}")
        elif len(run) == 1 and up is not None and down is not None and gone_up and gone_down:
            ctx.decide(i, ctx.decided[up].category, "context.numbers", evidence=f"lines {up},{down}")
        i = run[-1] + 1
