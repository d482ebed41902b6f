"""Repeated lines within a document (``cleaner/detect/duplicates.py``): ``doc.duplicate`` and
``doc.truncated_copy``."""
from __future__ import annotations

from cleaner.config import Config
from cleaner.detect import detect
from cleaner.detect.duplicates import _completes, _names_page, duplicate_lines, truncated_copies
from cleaner.document import Decision
from cleaner.pipeline import clean_text

from .conftest import context, paragraphs

STORY = [
    "Flood barrier opens a year late",
    "The barrier on the east bank was finished in March, a year later than planned, after the contractor ran out of steel.",
    "Engineers tested the gates twice this week and said they closed in under four minutes.",
    "Residents of the riverside streets will no longer need sandbags, the council said.",
]
TEASERS = ["Council approves the new bus lanes on Main Street", "Storm closes the ferry to the island for two days"]


def _removed(lines: list[str], **kw) -> dict[int, tuple[str, str, str]]:
    ctx = detect(context(lines, **kw))
    return {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items()}


def test_a_second_copy_of_the_article_goes_and_names_the_first() -> None:
    """A print or mobile copy after the article: every later copy goes, the first stays."""
    lines = [*STORY, "Print this article", *STORY[1:]]
    got = _removed(lines)
    for k, line in enumerate(STORY[1:], start=1):
        assert k not in got
        assert got[len(STORY) + k] == ("duplicate", "doc.duplicate", f"copy of line {k}"), line


def test_a_single_repeated_paragraph_goes() -> None:
    """A paragraph (``DUPLICATE_LONG_WORDS`` words or more) pasted twice goes on its own."""
    lines = [*paragraphs(2), STORY[1], *paragraphs(2, 2), STORY[1], *paragraphs(1, 4)]
    got = _removed(lines)
    assert 2 not in got
    assert got[5][:2] == ("duplicate", "doc.duplicate")


def test_a_run_of_repeated_headlines_goes() -> None:
    """Teasers of other stories, listed twice (amid the text and after it)."""
    lines = [*paragraphs(2), *TEASERS, *paragraphs(2, 2), *TEASERS]
    got = _removed(lines)
    assert 2 not in got and 3 not in got
    assert got[6] == ("duplicate", "doc.duplicate", "copy of line 2")
    assert got[7] == ("duplicate", "doc.duplicate", "copy of line 3")


def test_a_single_repeated_heading_or_refrain_stays() -> None:
    """A table of contents and its sections' headings; a chorus line: part of the text."""
    heading = "Why the bridge closed early this winter"
    refrain = "And the river rolls on to the sea"
    lines = ["Repairs to the old bridge, explained", "Contents", heading, "How the repairs will be paid for",
             *paragraphs(2), heading, *paragraphs(2, 2), refrain, *paragraphs(1, 4), refrain, *paragraphs(1, 5)]
    got = _removed(lines)
    assert all(rule != "doc.duplicate" for _, rule, _ in got.values())


def test_short_lines_do_not_count() -> None:
    lines = [*paragraphs(1), "Mix the flour and salt", "Add the water", *paragraphs(2, 1), "Mix the flour and salt",
             "Add the water", *paragraphs(1, 3)]
    got = _removed(lines)
    assert all(rule != "doc.duplicate" for _, rule, _ in got.values())


def test_a_repeat_of_the_page_title_goes_on_its_own() -> None:
    """The share box or the next-story links repeat the headline of the page's <title>."""
    lines = [STORY[0], *STORY[1:], *paragraphs(2), STORY[0], *paragraphs(1, 2)]
    got = _removed(lines, title=f"{STORY[0]} | The Riverside Gazette")
    assert 0 not in got
    assert got[6] == ("duplicate", "doc.duplicate", "copy of line 0")


def test_the_title_matches_around_a_site_name() -> None:
    assert _names_page("Flood barrier opens | Gazette", "Flood barrier opens")
    assert _names_page("Gazette - Flood barrier opens", "Flood barrier opens")
    assert _names_page("Flood barrier opens", " Flood  barrier opens ")
    assert not _names_page("Flood barrier opens late", "Flood barrier opens")
    assert not _names_page("", "Flood barrier opens")


def test_a_first_copy_another_rule_removed_leaves_the_later_one() -> None:
    """Only kept lines count: the copy that survives is the one the reader gets."""
    lines = [*STORY[1:], *paragraphs(2), *STORY[1:]]
    ctx = context(lines)
    for i in range(3):
        ctx.decided[i] = Decision("navigation", "zone.outside")
    duplicate_lines(ctx)
    assert all(ctx.decided.get(i) is None for i in range(5, 8))


def test_disabled_or_kept_by_category() -> None:
    text = "\n".join([*STORY, *paragraphs(2), *STORY[1:]]) + "\n"
    on = clean_text(text)
    assert on.text.count(STORY[1]) == 1
    assert {(s.category, s.rule) for s in on.removed} >= {("duplicate", "doc.duplicate")}
    off = clean_text(text, Config(disabled_rules=("doc.duplicate",)))
    assert off.text.count(STORY[1]) == 2
    flagged = clean_text(text, Config(keep_categories=("duplicate",)))
    assert flagged.text.count(STORY[1]) == 2
    assert [s.rule for s in flagged.flagged] == ["doc.duplicate"] * 3


def test_a_copied_block_takes_its_short_lines_with_it() -> None:
    """A short line repeated inside a copied block goes with it; alone it would stay."""
    block = ["Budget vote", STORY[1], STORY[2]]
    lines = [*paragraphs(1), *block, *paragraphs(2, 1), *block]
    got = _removed(lines)
    assert not {1, 2, 3} & got.keys()
    assert got[6] == ("duplicate", "doc.duplicate", "copy of line 1")
    assert got[7][:2] == got[8][:2] == ("duplicate", "doc.duplicate")


def test_an_article_line_repeated_after_the_article_goes() -> None:
    """After the main text (the region of article evidence) a repeat of one of its lines is
    page furniture: a related-stories list or a share box quoting the headline."""
    heading = "Why the new flood barrier opened a year late"
    lines = [*paragraphs(1), heading, *STORY[1:], *paragraphs(2, 1), "Posted in Local News", heading]
    got = _removed(lines)
    assert 1 not in got
    assert got[8] == ("duplicate", "doc.duplicate", "copy of line 1")


def test_the_title_matches_whatever_its_quotes() -> None:
    """The <title> and the page's headline often differ in quote marks and end punctuation."""
    headline = 'Flood barrier opens "a year late"'
    lines = [headline, *STORY[1:], *paragraphs(2), headline, *paragraphs(1, 2)]
    got = _removed(lines, title="Flood barrier opens \u201ca year late\u201d | The Gazette")
    assert got[6] == ("duplicate", "doc.duplicate", "copy of line 0")
    assert _names_page("Site \u2013 It\u2019s late!", "It's late")


def _teaser(line: str, words: int, end: str = "…") -> str:
    """The first ``words`` words of ``line``, the last cut to three letters, and an ellipsis."""
    cut = line.split()[:words]
    return " ".join([*cut[:-1], cut[-1][:3]]) + end


def test_a_cut_teaser_above_its_story_goes_and_names_the_full_line() -> None:
    """A meta description or teaser before the lead breaks off; the full paragraph stays."""
    lines = [STORY[0], _teaser(STORY[1], 9), *STORY[1:], *paragraphs(2)]
    got = _removed(lines)
    assert got[1] == ("duplicate", "doc.truncated_copy", "cut copy of line 2")
    assert 2 not in got


def test_cut_copies_after_the_story_go_whatever_their_ellipsis() -> None:
    """A related list or a social post quoting a paragraph: "...", "[…]", "(...)" too."""
    tail = [_teaser(STORY[2], 7, " ..."), _teaser(STORY[3], 8, " […]"), _teaser(STORY[1], 12, "(...)")]
    lines = [*STORY, *paragraphs(2), *tail]
    got = _removed(lines)
    assert [got.get(i) for i in (6, 7, 8)] == [
        ("duplicate", "doc.truncated_copy", "cut copy of line 2"),
        ("duplicate", "doc.truncated_copy", "cut copy of line 3"),
        ("duplicate", "doc.truncated_copy", "cut copy of line 1"),
    ]
    assert not {1, 2, 3} & got.keys()


def test_a_cut_line_without_its_full_text_stays() -> None:
    """A sentence that trails off, a teaser of another story, a short cut, the headline's words
    again trailing off (the writer's ellipsis: nothing was cut): nothing says more, or too few
    words to tell."""
    lines = [*STORY, "And then, as the water rose over the last of the sandbags, the street went quiet…",
             "Council approves the new bus lanes on Main Street and…", "The barrier on the east…",
             STORY[0] + "…", *paragraphs(2)]
    ctx = context(lines)
    truncated_copies(ctx)
    assert ctx.decided == {}


def test_only_kept_lines_count_as_the_full_text() -> None:
    """When another rule removed the full line, its teaser is all the reader gets: it stays."""
    lines = [*STORY, *paragraphs(2), _teaser(STORY[2], 8)]
    ctx = context(lines)
    ctx.decided[2] = Decision("navigation", "zone.outside")
    truncated_copies(ctx)
    assert 6 not in ctx.decided


def test_completes_compares_words_and_a_cut_last_word() -> None:
    full = "the barrier on the east bank was finished".split()
    assert _completes("the barrier on the east ba".split(), full)
    assert _completes("the barrier on the east bank was".split(), full)
    assert not _completes(full, full)
    assert not _completes("the barrier on the west bank".split(), full)
    assert not _completes([*full, "in"], full)


def test_a_cut_copy_names_the_fullest_line() -> None:
    """Teasers cut at two lengths above the paragraph: both go, and both name the paragraph."""
    lines = [STORY[0], _teaser(STORY[1], 7), _teaser(STORY[1], 11), *STORY[1:], *paragraphs(2)]
    got = _removed(lines)
    assert got[1] == got[2] == ("duplicate", "doc.truncated_copy", "cut copy of line 3")


def test_words_are_counted_with_their_marks() -> None:
    """A Hindi line of five words is too short to tell, though ``\\w+`` would cut its words at
    their vowel signs into more pieces."""
    lines = [*paragraphs(2), "नगर परिषद ने बैठक की…", "नगर परिषद ने बैठक की और नई सड़क के लिए पैसे मंज़ूर किए।"]
    ctx = context(lines)
    truncated_copies(ctx)
    assert ctx.decided == {}
