"""Context rules (``cleaner/detect/context.py``): captions above a credit, headline lists, feedback
answers and counts, decided by the lines around them."""
from __future__ import annotations

from .conftest import context, decisions, paragraphs


def test_a_short_line_above_a_photo_credit_is_its_caption() -> None:
    lines = [*paragraphs(2), "The new footbridge over the river at dusk", "Photo: Jane Smith/Reuters", *paragraphs(2)]
    got = decisions(lines)
    assert got["The new footbridge over the river at dusk"] == ("caption", "caption.before_credit")
    assert got["Photo: Jane Smith/Reuters"][0] == "caption"


def test_a_sentence_above_a_photo_credit_stays() -> None:
    """A credit often closes an article: the sentence above it is the article's last one,
    and a sentence is worth more than a missed caption."""
    last = "The ministry did not immediately return a request for comment."
    lines = [*paragraphs(3), last, "Photo credit: Jane Smith/Flickr"]
    got = decisions(lines)
    assert last not in got
    assert got["Photo credit: Jane Smith/Flickr"][0] == "caption"


def test_a_dateline_above_a_photo_credit_is_no_caption() -> None:
    """A date with a word or two ("Published 14 October 2026") above a credit is the
    article's date, not the photo's caption: it stays, as datelines do; a caption that
    names a date is still one."""
    date = "Published 14 October 2026"
    got = decisions(["Interview by Tom Reyes", date, "Photo: City of Rotterdam", *paragraphs(3)])
    assert date not in got and got["Photo: City of Rotterdam"][0] == "caption"
    caption = "Volunteers fill sandbags on the quay in Rotterdam on 14 October 2026"
    got = decisions([*paragraphs(2), caption, "Photo: City of Rotterdam", *paragraphs(2)])
    assert got[caption] == ("caption", "caption.before_credit")


def test_the_title_over_a_photo_credit_is_no_caption() -> None:
    """A headline with the lead picture's credit right under it: keep.title runs before the
    caption rule, so the title stays and only the credit goes."""
    body = [
        "The swimmers will meet again in London, where both are favourites for the medley and the relay finals.",
        "Their rivalry has driven both to world records, the coach said, and neither will give an inch this summer.",
        "The medley final is on the first Saturday of the games, and the relay final follows a week later.",
    ]
    title = "Swimming rivalry will continue in London this summer"
    got = decisions(["Sports", title, "Jane Smith / Getty Images", *body])
    assert title not in got and got["Jane Smith / Getty Images"][0] == "caption"


def test_a_list_of_questions_under_a_list_heading_goes() -> None:
    """A Q&A site's "Hot Network Questions": headlines that end in a question mark, some long
    enough to read as prose, are still a list."""
    questions = [
        "Can Christians have a right to defend themselves?",
        "What causes these squiggly lines in my photos and on my sensor?",
        "In the US, were clover lawns common until a supposed smear campaign by a weedkiller?",
    ]
    got = decisions([*paragraphs(3), "Hot Network Questions", *questions])
    assert all(got[q] == ("navigation", "navigation.list") for q in questions)


def test_a_list_of_one_headline_goes_when_a_removed_line_or_the_end_closes_it() -> None:
    """"Most read" over its one story, then the copyright line; a single line under a list
    heading that the article goes on after stays."""
    closed = decisions([*paragraphs(3), "Most Read", "Storm knocks out power to thousands", "© 2026 The Valley Herald. All rights reserved."])
    assert closed["Storm knocks out power to thousands"] == ("navigation", "navigation.list")
    at_end = decisions([*paragraphs(3), "Most Read", "Storm knocks out power to thousands"])
    assert at_end["Storm knocks out power to thousands"] == ("navigation", "navigation.list")
    open_ = decisions([*paragraphs(3), "Most Read", "Storm knocks out power to thousands", *paragraphs(2, 3)])
    assert open_.get("Storm knocks out power to thousands", ("", ""))[1] != "navigation.list"


def test_the_answers_under_a_removed_feedback_question_go_with_it() -> None:
    got = decisions([*paragraphs(3), "Was this article helpful?", "Yes", "No (4)", "Contact support"])
    assert got["Yes"] == got["No (4)"] == ("other", "context.feedback")


def test_an_interview_answer_under_a_kept_question_stays() -> None:
    """"Yes." answers the interviewer's question, which no phrase removes."""
    got = decisions([*paragraphs(2), "Did you expect the council to approve the plan so quickly?", "Yes.", *paragraphs(2, 2)])
    assert "Yes." not in got


def test_a_count_under_a_removed_line_goes_with_it_and_one_under_a_kept_line_stays() -> None:
    """A category widget's "Recipes" / "(12)": the count takes its link's category; "(2)"
    under a kept line (an equation's number, a wrapped sentence's end) stays."""
    from cleaner.detect.context import count_lines

    ctx = context([*paragraphs(2), "E = mc²", "(2)", "Categories", "Recipes", "(12)", "Travel", " (3) "])
    for i, category in ((4, "navigation"), (5, "navigation"), (7, "share")):
        ctx.decide(i, category, "model.line")
    count_lines(ctx)
    got = {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items() if d.rule == "context.count"}
    assert got == {6: ("navigation", "context.count", "count of line 5"), 8: ("share", "context.count", "count of line 7")}


def test_list_numbers_whose_headlines_went_go_and_a_tables_ranks_stay() -> None:
    """A most-read list's numbers ("1." … "4.") left under the article once their headlines
    went, and a like count between removed teasers, go; a results table's ranks amid kept
    cells stay, and so do two numbers over a removed line (too short a run to be a list)."""
    from cleaner.detect.context import number_lines

    ctx = context([*paragraphs(2), "1.", "2.", "3.", "4.", "Most popular", "Storm hits coast", "12", "Like Tweet",
                   "Team", "5.", "6.", "7.", "Aalen", "1", "2", "Sign up"])
    for i in (6, 7, 9, 15):
        ctx.decide(i, "navigation", "model.line")
    number_lines(ctx)
    got = {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items() if d.rule == "context.numbers"}
    run = ("navigation", "context.numbers", "numbered lines 2-5")
    assert got == {2: run, 3: run, 4: run, 5: run, 8: ("navigation", "context.numbers", "lines 7,9")}
