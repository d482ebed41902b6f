"""``comments.commenters`` (``cleaner/detect/commenters.py``): comments under their writers'
names, with no other furniture, under a comment heading."""
from __future__ import annotations

from .conftest import decisions, paragraphs

COMMENTS = [
    "Gibbo", "Brilliant! I only had a few reservations about the new version and you have managed to answer them all.",
    "Robert", "I am not seeing the update appear in my dashboard yet, neither in the main one nor in the theme's.",
    "Chris Pearson", "It will show up within the next day: your site only looks for updates once every day.",
]


def _stop_before_model(lines: list[str]) -> dict[str, tuple[str, str]]:
    return decisions(lines, stop_before="model.line")


def test_names_over_comments_under_a_counted_heading_are_a_comment_section() -> None:
    got = _stop_before_model([*paragraphs(4), "{ 3 comments }", *COMMENTS])
    assert got["{ 3 comments }"] == ("comments", "phrase.regex")
    for line in COMMENTS:
        assert got[line] == ("comments", "comments.commenters")
    assert not any(p in got for p in paragraphs(4))


def test_without_a_count_a_name_must_come_again() -> None:
    """Under a bare "Comments" (an article's tab, a front page's link) three short lines over
    prose may be anything; a commenter who answers is a conversation."""
    answer = ["Gibbo", "Thanks for the quick answer, it showed up this morning and works as described."]
    tab = _stop_before_model([*paragraphs(4), "Comments", *COMMENTS, *paragraphs(2, 4)])
    assert not any(rule == "comments.commenters" for _, rule in tab.values())
    talk = _stop_before_model([*paragraphs(4), "Comments", *COMMENTS, *answer])
    assert {line for line, (_, rule) in talk.items() if rule == "comments.commenters"} == {*COMMENTS, *answer}


def test_subheadings_under_a_posts_comment_count_are_the_next_post() -> None:
    """A blog's front page: "Comments (2)" closes one post; the next post's subheadings over
    its paragraphs outnumber the two comments it counts, so they stay."""
    post = ["Laptop", paragraphs(1)[0], "Kubuntu", paragraphs(1, 1)[0], "Networking", paragraphs(1, 2)[0],
            "Kirksville", paragraphs(1, 3)[0], "Travel", paragraphs(1, 4)[0]]
    got = _stop_before_model([*paragraphs(3, 5), "Comments (2)", *post])
    assert not any(line in got for line in post)


def test_a_link_lists_heading_is_no_comment_heading() -> None:
    """"Most commented" heads other stories with their writers' names, not comments."""
    teasers = ["Steven Baxter", "Could the anti-BBC witch hunt be payback for the inquiry into the press?",
               "Steven Baxter", "Porn never did me any harm, says the columnist in a long piece today.",
               "Steve Baxter", "Yes, he is absurdly thin-skinned, but aren't most writers in the end?"]
    got = _stop_before_model([*paragraphs(4), "Most commented", *teasers])
    assert not any(rule == "comments.commenters" for _, rule in got.values())


def test_a_qa_pages_answers_under_their_vote_counts_stay() -> None:
    """"2 Answers" heads the answers, each under its vote count ("22"), with the comments'
    signatures and dates ("– Tony M" / "Sep 25, 2019 at 12:22") further down: a count or a
    date is no name, so no name opens the run and the answers stay."""
    answers = [
        "Sorted by: Reset to default", "22", "I don't quite agree with the other two answers.",
        "Even in English, the phrase is usually not the past tense of a state but the passive voice of the verb.",
        "Earthling", "4", "I found this answer very helpful except that it does not address the question's last part.",
        "– Tony M", "Sep 25, 2019 at 12:22", "@TonyM Exactly, the other form is simply not correct in this context.",
        "– Earthling", "Sep 27, 2019 at 0:14", "Is the rule dependent on the verb? I saw two sentences that were both valid.",
        "– YNG", "Jan 8, 2020 at 11:18",
    ]
    got = _stop_before_model([*paragraphs(4), "2 Answers", *answers])
    assert not any(rule == "comments.commenters" for _, rule in got.values())


LETTER = [
    "I am writing to you as a reader of many years, and as someone who has followed this story from the start.",
    "The first thing that struck me was how little the council said about the cost of the new bridge in its report.",
    "The second was that nobody seems to have asked the people who live on the river what they want from it.",
    "I have lived by the water for thirty years, and I have seen three plans like this one come and go again.",
    "Each of them promised a quicker way into town, and each of them was dropped when the money ran out in the end.",
    "This time the money is there, we are told, but the plan still says nothing about the path along the bank.",
    "That path is what most of us use every day, and a bridge that cuts it in two would be worse than no bridge.",
    "I would ask the council to publish the full plans before the vote, so that we can all see what is proposed.",
    "I would also ask them to hold the meeting in the evening, when those of us who work can come and listen.",
    "Thank you for printing this, and for reporting on the plans so carefully over the last months and years.",
    "With best wishes from the river bank, where we will all be waiting to see what the council does next.",
    "P.S. I have sent the same letter to the mayor and to each member of the council, by post and by email.",
    "P.P.S. If any of your readers would like to sign it too, they can find a copy at the library this week.",
    "And if the council says no again, we will simply write again, as we have done for thirty years now.",
]


def test_a_long_comment_is_passed_over_when_its_writer_answers_again() -> None:
    """A comment longer than ``COMMENT_LINES`` ends the run, unless the next name is one the
    section has had: a conversation goes on over the long letter."""
    lines = [*paragraphs(4), "Comments", "Gibbo", COMMENTS[1], "DerKrieger", *LETTER,
             "DerKrieger", "And one more thing: the vote is next Tuesday, so there is still time to write.",
             "Robert", "Thanks for the letter, I will send one too."]
    got = _stop_before_model(lines)
    assert got["DerKrieger"] == ("comments", "comments.commenters")
    assert all(got[line] == ("comments", "comments.commenters") for line in LETTER)
    assert got["Thanks for the letter, I will send one too."] == ("comments", "comments.commenters")


def test_after_a_long_run_a_new_name_does_not_go_on() -> None:
    """Past a run longer than a comment, a name the section has not had is more likely a
    subheading over the article's next part: the run ends, and with two names it is none."""
    lines = [*paragraphs(4), "Comments", "Gibbo", COMMENTS[1], "DerKrieger", *LETTER,
             "Robert", "Thanks for the letter, I will send one too.", "Gibbo", COMMENTS[1]]
    got = _stop_before_model(lines)
    assert not any(rule == "comments.commenters" for _, rule in got.values())


def test_a_link_to_the_commenters_site_may_come_before_the_name() -> None:
    """Disqus prints the commenter's site before the name ("http://www.example.com Jane")."""
    names = ["http://www.riverbank.org Gibbo", "Robert", "http://gibbo.example.com/ Gibbo"]
    lines = [*paragraphs(4), "Comments", names[0], COMMENTS[1], names[1], COMMENTS[3], names[2], COMMENTS[5]]
    got = _stop_before_model(lines)
    assert all(got[name] == ("comments", "comments.commenters") for name in names)
