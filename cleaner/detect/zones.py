"""Structure rules: the main content region, and the header and footer zones around it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..phrases import load_patterns
from ..words import CJK_RUN_RE
from .base import Context

TITLE_LOOKBACK = 30
TITLE_MIN_OVERLAP = 0.5
#: A title candidate's score: words shared with the text, less this for each line between.
TITLE_DISTANCE_COST = 0.2
#: A candidate that recurs on the page (in its recent posts, a breadcrumb) counts its words this often.
TITLE_REPEAT_WEIGHT = 2
#: The text's own first line is its title only when it is this short (a headline, not a lead).
TITLE_FIRST_LINE_WORDS = 17
#: A candidate longer than this many words is more likely a lead or a teaser than the headline.
TITLE_LONG_WORDS = 14


@dataclass(frozen=True, slots=True)
class TitleTerms:
    """How :func:`title_line` weighs candidates: ``min_words`` words of three letters or more at
    least; ``long_cost`` off the score for each word beyond ``TITLE_LONG_WORDS``."""

    min_words: int
    long_cost: float


#: The title ``keep.title`` protects: three words at least, since a protected line also shields
#: its neighbours, and two-word lines are menu entries as often ("Real Estate", "Off Duty").
PROTECTED_TITLE = TitleTerms(min_words=3, long_cost=0.0)
#: The title the sidecar names (:func:`reported_title`): a short headline counts ("Kleine
#: Schafskunde"), and a long line above the text is more likely its lead.
REPORTED_TITLE = TitleTerms(min_words=2, long_cost=2.0)
#: Short lines (a byline, maybe split: "By" / "Jane Doe" / "The Star-Ledger") that may stand between
#: a headline and its dateline, and their words at most.
BYLINE_LINES = 3
BYLINE_WORDS = 8
BYLINE_NAME_WORDS = 5
#: Words that open a byline before the writer's name ("by Joseph Dickerson, Filed under: …",
#: "Par Kab Niang", "von Anna Berger | 12.03.2026"), in the languages of the phrase lists;
#: Italian "di" and "da" in lower case only: capitalised, they open a surname in a headline
#: ("Da Silva wins …", "Di Maio says …").
BYLINE_MARKERS = frozenset({"by", "von", "par", "por", "door", "av", "af", "przez", "oleh"})
BYLINE_MARKERS_LOWER = frozenset({"di", "da"})
INSIDE_MAX_RUN = 15
EDGE_RUN = 8
STEM_CHARS = 4
_WORD_RE = re.compile(r"\w{3,}")
#: Marks a title may open with: a quote ("'We had no idea': …", „…", «…»), a bracket.
OPENING_MARKS = "\"'“‘„‚«‹「『¿¡(["


def line_value(ctx: Context, i: int) -> float:
    """Evidence that line ``i`` is article text (positive) or page furniture (negative)."""
    f = ctx.feats[i]
    if f.blank:
        return 0.0
    if i in ctx.decided:
        return -2.0
    if f.good():
        return float(f.words)
    return -(1.0 + 0.5 * min(f.words, 10))


def main_region(ctx: Context) -> tuple[int, int] | None:
    """The run of lines with the most article evidence (maximum-sum subarray), or ``None``."""
    if ctx.region is None:
        best, best_span = 0.0, None
        run, run_start = 0.0, 0
        for i in range(len(ctx.lines)):
            value = line_value(ctx, i)
            if run <= 0:
                run, run_start = 0.0, i
            run += value
            if run > best:
                best, best_span = run, (run_start, i)
        ctx.region = best_span or (-1, -1)
    return None if ctx.region == (-1, -1) else ctx.region


def _words(text: str) -> set[str]:
    """A line's words of three letters or more, cut to their first ``STEM_CHARS`` letters
    (a crude stem: "autobusy" and "autobusów", "council" and "councils" then agree); in
    Chinese or Japanese, written without spaces, the pairs of adjacent characters instead
    ("消费券" gives "消费", "费券"), which a title and its text share as they share words."""
    text = text.lower()
    out = {w[:STEM_CHARS] for w in _WORD_RE.findall(CJK_RUN_RE.sub(" ", text))}
    for run in CJK_RUN_RE.findall(text):
        out.update(run[k : k + 2] for k in range(len(run) - 1))
    return out


def title_line(ctx: Context, start: int, terms: TitleTerms = PROTECTED_TITLE) -> int | None:
    """The article's title among the lines just before the main region, or its first line.

    The title is a heading-like line whose words (of three letters or more, compared by their
    first letters: :func:`_words`) mostly recur in the article's text (headlines of other
    stories share few words with this one), at least ``terms.min_words``, and no date. It opens
    with a letter or digit, or a quote mark before one (:data:`OPENING_MARKS`). Of such lines,
    the title has the most words in common with the text, less ``TITLE_DISTANCE_COST`` for each
    line between it and the text: a photo's caption right above the text shares fewer words
    than the headline above it, and a site's motto further up is further; less
    ``terms.long_cost`` for each word beyond ``TITLE_LONG_WORDS`` (a lead). A line that recurs
    on the page (in a list of recent posts, as a breadcrumb's last step) counts its words
    ``TITLE_REPEAT_WEIGHT`` times. The text's first line is a candidate too, if of at most
    ``TITLE_FIRST_LINE_WORDS`` words, by the words it shares with the lines after it.

    With no such line, the nearest heading-like line is the title when a dateline follows it
    (:func:`_above_dateline`): a headline over its date and byline, whatever its words. A
    byline (:func:`_byline_start`, :func:`_in_split_byline`) shares the text's words (the
    writer's name recurs) but is never the title.
    """
    region = main_region(ctx) or (start, start)
    dates = load_patterns(ctx.languages, "comment_dates")
    after = _words("\n".join(ctx.lines[k].text for k in range(start + 1, region[1] + 1) if k not in ctx.decided))
    body = after | (_words(ctx.lines[start].text) if start not in ctx.decided else set())
    repeats = Counter(line.text.strip() for line in ctx.lines)
    best: tuple[float, int] | None = None
    nearest: int | None = None  # the nearest heading-like line: -1 when no dateline follows it
    for i in range(start, max(-1, start - 1 - TITLE_LOOKBACK), -1):
        words = _heading_words(ctx, i, dates, terms.min_words)
        if not words or _byline_start(ctx.lines[i].text) or _in_split_byline(ctx, i, dates):  # a byline's name recurs
            continue
        if i == start and ctx.feats[i].words > TITLE_FIRST_LINE_WORDS:  # a caption or a lead
            continue
        shared = len(words & (after if i == start else body))  # the text's first line is not its own evidence
        if shared >= TITLE_MIN_OVERLAP * len(words):
            weight = TITLE_REPEAT_WEIGHT if repeats[ctx.lines[i].text.strip()] > 1 else 1
            score = shared * weight - TITLE_DISTANCE_COST * (start - i) - terms.long_cost * max(0, ctx.feats[i].words - TITLE_LONG_WORDS)
            best = max(best or (score, i), (score, i), key=lambda c: c[0])  # the nearer on a tie
        elif nearest is None and i < start and not _byline_shaped(ctx.lines[i].text):
            nearest = i if _above_dateline(ctx, i, dates) else -1
    if best is not None:
        return best[1]
    return nearest if nearest is not None and nearest >= 0 else None


def reported_title(ctx: Context) -> int | None:
    """The title the sidecar names: :func:`title_line` again once every rule has run, above
    the main region's first prose line (the region then holds the article, and the lines
    between its start and its first paragraph, a headline among them, are candidates too);
    else the line ``keep.title`` protected."""
    ctx.region = None  # the decisions since the last rule
    region = main_region(ctx)
    if region is not None:
        first = next((i for i in range(region[0], region[1] + 1) if ctx.protected(i)), region[0])
        title = title_line(ctx, first, REPORTED_TITLE)
        if title is not None:
            return title
    return next((i for i, rule in ctx.kept.items() if rule == "keep.title"), None)


def _heading_words(ctx: Context, i: int, dates: tuple[re.Pattern[str], ...], min_words: int) -> set[str]:
    """The words (:func:`_words`) of line ``i`` if it is shaped like a headline (open,
    ``min_words`` to 25 words, mostly letters, no sentence, label or ellipsis end, no date), at
    least ``min_words``; else none."""
    f = ctx.feats[i]
    text = ctx.lines[i].text.strip()
    if i in ctx.decided or ctx.matches[i] is not None or not min_words <= f.words <= 25:
        return set()
    if f.alpha_ratio < 0.6 or text.endswith((".", ":", "…")) or not text.lstrip(OPENING_MARKS)[:1].isalnum():
        return set()
    if any(rx.search(text.lower()) for rx in dates):  # a byline or dateline
        return set()
    words = _words(text)
    return words if len(words) >= min_words else set()


def _byline_shaped(text: str) -> bool:
    """A short word and a name ("By Tom Reyes", "von Anna Berger", "Por Ana Souza"): at most
    ``BYLINE_NAME_WORDS`` words, the first of at most four letters, the others capitalised."""
    words = text.split()
    return 2 <= len(words) <= BYLINE_NAME_WORDS and len(words[0]) <= 4 and all(w[:1].isupper() for w in words[1:])


def _byline_start(text: str) -> bool:
    """A byline however long: a byline word and a capitalised name ("by Joseph Dickerson ,
    Filed under: Fan Productions"); "By the Numbers: …" is a headline."""
    words = text.split()
    marker = len(words) >= 3 and (words[0].casefold() in BYLINE_MARKERS or words[0] in BYLINE_MARKERS_LOWER)
    return marker and words[1][:1].isupper() and words[2][:1].isupper()


def _in_split_byline(ctx: Context, i: int, dates: tuple[re.Pattern[str], ...]) -> bool:
    """Line ``i`` is in a byline split over lines: right under a byline word alone on its line
    ("By" / "ROD NORDLAND"), or under that and one more line, with the byline's date right
    after it ("By" / "Jarrett Renshaw" / "The Star-Ledger" / "on October 31, 2012"): the
    writer's name or their paper."""
    j = i
    for above in range(2):
        j = ctx.neighbour(j, -1)
        if j is None:
            return False
        word = ctx.lines[j].text.strip().rstrip(":")
        if word.casefold() in BYLINE_MARKERS or word in BYLINE_MARKERS_LOWER:
            after = ctx.neighbour(i, 1)
            return above == 0 or (after is not None and any(rx.search(ctx.lines[after].text.lower()) for rx in dates))
    return False


def _above_dateline(ctx: Context, i: int, dates: tuple[re.Pattern[str], ...]) -> bool:
    """A dateline ("Published 12 October 2026 by Anna") follows line ``i``, with at most
    ``BYLINE_LINES`` short lines ("By Anna Smith") before it: ``i`` is a headline."""
    after = [k for k in range(i + 1, min(len(ctx.lines), i + 1 + 2 * (BYLINE_LINES + 1))) if not ctx.feats[k].blank]
    for k in after[: BYLINE_LINES + 1]:
        if any(rx.search(ctx.lines[k].text.lower()) for rx in dates):
            return True
        if ctx.feats[k].words > BYLINE_WORDS or ctx.feats[k].good():
            return False
    return False


def keep_title(ctx: Context) -> None:
    """Protect the article's title (:func:`title_line`) from the structural rules after it."""
    region = main_region(ctx)
    if region is not None:
        title = title_line(ctx, region[0])
        if title is not None:
            ctx.kept[title] = "keep.title"


def outside_region(ctx: Context) -> None:
    """Short lines before the main region (header) or after it (footer) are navigation."""
    region = main_region(ctx)
    if region is None:
        return
    start, end = region
    for i in list(range(start)) + list(range(end + 1, len(ctx.lines))):
        if ctx.protected(i) or ctx.lines[i].in_main:
            continue
        zone = "header" if i < start else "footer"
        ctx.decide(i, ctx.hint(i, "navigation"), "zone.outside", evidence=zone)


def _good_inside(ctx: Context, region: tuple[int, int]) -> list[int]:
    return [i for i in range(region[0], region[1] + 1) if i not in ctx.decided and ctx.feats[i].good()]


def _headline(ctx: Context, i: int) -> bool:
    """Headline-shaped: 3 to 14 words, mostly capitalised, no sentence end."""
    f = ctx.feats[i]
    return 3 <= f.words <= 14 and f.upper_initial_ratio >= 0.6 and not f.terminal


def _link_list(ctx: Context, run: list[int]) -> bool:
    """A run of three or more headline-shaped lines (capitalised words, no sentence end)."""
    return len(run) >= 3 and sum(_headline(ctx, j) for j in run) >= 0.6 * len(run)


def keep_inside(ctx: Context) -> None:
    """Shield short lines between article paragraphs: subheadings, lists, short quotes.

    Inside the main region, the open lines of a run of at most ``INSIDE_MAX_RUN`` lines
    between two article paragraphs are shielded, unless the run looks like a list of
    headlines: the line model then needs its higher, prose-line threshold to remove them.
    """
    region = main_region(ctx)
    if region is None:
        return
    good = _good_inside(ctx, region)
    for a, b in zip(good, good[1:]):
        run = [i for i in range(a + 1, b) if ctx.open(i)]
        if b - a - 1 <= INSIDE_MAX_RUN and run and not _link_list(ctx, run):
            ctx.shielded.update(run)
    _shield_edges(ctx, region, good)


def _open_run(ctx: Context, start: int, stop: int, step: int) -> list[int]:
    """Open lines from ``start`` towards ``stop`` until a decided line (at most EDGE_RUN)."""
    run: list[int] = []
    for i in range(start, stop, step):
        if i in ctx.decided or len(run) >= EDGE_RUN:
            break
        if ctx.open(i):
            run.append(i)
    return run


def _shield_edges(ctx: Context, region: tuple[int, int], good: list[int]) -> None:
    """The article's edges: the deck under the title, and the short lines closing the article."""
    title = next((i for i, rule in ctx.kept.items() if rule == "keep.title"), None)
    if title is not None and good:
        deck = _open_run(ctx, title + 1, good[0], 1)
        if not _link_list(ctx, deck):  # other stories' headlines under the title are no deck
            ctx.shielded.update(deck)
    if good:
        tail = _open_run(ctx, good[-1] + 1, len(ctx.lines), 1)
        if not _link_list(ctx, tail):
            ctx.shielded.update(tail)


#: Lines in a run that ``zone.gap`` removes amid removed lines, and words per line, at most.
GAP_LINES = 3
GAP_WORDS = 6
_DIGIT_RE = re.compile(r"\d")


def _gap_line(ctx: Context, i: int, region: tuple[int, int]) -> bool:
    """A short line outside ``region`` that is no headline (three or more words, mostly
    capitalised: a title the title rule missed), no sentence (it ends in no full stop,
    question or exclamation mark) and holds no digit (a dateline, a byline's date)."""
    f = ctx.feats[i]
    return (ctx.open(i) and not region[0] <= i <= region[1] and f.words <= GAP_WORDS and not ctx.protected(i)
            and not f.terminal and not _headline(ctx, i) and not _DIGIT_RE.search(ctx.lines[i].text))


def _removed_pair(ctx: Context, i: int | None, step: int) -> bool:
    """Line ``i`` and the next non-blank line past it (``step``) were both removed."""
    if i is None or i not in ctx.decided:
        return False
    return ctx.neighbour(i, step) in ctx.decided


def outside_gaps(ctx: Context) -> None:
    """Outside the main region, a run of at most ``GAP_LINES`` short lines amid removed lines
    (two right above it and two right below) goes with them (the category of the line above):
    a blogroll's entries that the line model left ("marginalia" amid removed "MondoWeiss",
    "Pickled Politics"). Not in HTML, where the DOM and trafilatura have placed such lines."""
    region = main_region(ctx)
    if region is None or ctx.is_html:
        return
    i = 0
    while i < len(ctx.lines):
        if not _gap_line(ctx, i, region):
            i += 1
            continue
        run, down = [i], ctx.neighbour(i, 1)
        while down is not None and len(run) <= GAP_LINES and _gap_line(ctx, down, region):
            run.append(down)
            down = ctx.neighbour(down, 1)
        up = ctx.neighbour(i, -1)
        if len(run) <= GAP_LINES and _removed_pair(ctx, up, -1) and _removed_pair(ctx, down, 1):
            for j in run:
                ctx.decide(j, ctx.hint(j, ctx.decided[up].category), "zone.gap", evidence=f"lines {up},{down}")
        i = run[-1] + 1
