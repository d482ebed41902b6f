"""Hard-wrapped paragraphs are joined into blocks that keep exact offsets."""
from __future__ import annotations

from cleaner.blocks import text_lines, wrap_width
from cleaner.spans import split_lines

WRAPPED = """Site menu
Home
It has been suggested in this newsgroup in response to my question about the
origin of the number that it has its roots in the old practice of numerology
and in the magic squares that the ancients devised for each of the planets.

This is the school of thought that I agree with, and it is easy enough to
check the sums for yourself with a pencil and a sheet of squared paper.
The sum of all numbers from one to thirty-six is, of course, the number.
A short closing line.
Another paragraph follows here and it is also wrapped at the same width so
that the detector sees enough lines of the same length to call it wrapped.
"""


def test_wrapped_document_is_detected() -> None:
    lines = text_lines(WRAPPED)
    assert wrap_width(lines) is None  # blocks are no longer all near the width
    joined = [l for l in lines if "\n" in l.text]
    assert joined and joined[0].text.startswith("It has been suggested")
    assert joined[0].text.endswith("each of the planets.")


def test_blocks_keep_offsets() -> None:
    for line in text_lines(WRAPPED):
        assert WRAPPED[line.start : line.end] == line.text


def test_unwrapped_text_is_left_alone() -> None:
    text = "".join(f"Paragraph {i} is one long line of text that ends here.\n" for i in range(12))
    assert [l.text for l in text_lines(text)] == text.splitlines()


def test_a_paragraph_far_over_the_width_stands_alone() -> None:
    """A page dumped one block per line can look wrapped (many headlines of one length);
    its long paragraphs are not wrapped lines and are never joined with the next line."""
    long = "This paragraph is one long line, " * 12 + "and it ends here."
    text = WRAPPED.replace("A short closing line.", long + "\nTags")
    lines = text_lines(text)
    assert wrap_width(split_lines(text)) is not None
    assert long in [l.text for l in lines] and "Tags" in [l.text for l in lines]


def _groups(text: str) -> list[str]:
    """The joined blocks of ``text``, by their words (layout blanks left out)."""
    return [" ".join(l.text.split()) for l in text_lines(text) if l.text.strip()]


def test_white_space_around_lines_does_not_change_the_blocks() -> None:
    """Trailing blanks, indents and tabs are layout: a line with a few words and trailing
    blanks is not a wordy line, and a line's length is that of its text."""
    trailing = "\n".join(line + "   " if line else line for line in WRAPPED.split("\n"))
    indented = "\n".join("\t" + line if line else line for line in WRAPPED.split("\n"))
    assert _groups(trailing) == _groups(WRAPPED) == _groups(indented)
    assert wrap_width(split_lines(trailing)) == wrap_width(split_lines(WRAPPED))


HEADLINES = [
    "Government Announces Infrastructure Investments", "Regional Hospitals Report Staffing Shortages",
    "Universities Reconsider International Admissions", "Manufacturers Anticipate Semiconductor Recovery",
    "Conservationists Celebrate Wetland Restoration", "Investigators Examine Warehouse Explosion",
    "Commuters Welcome Overnight Railway Services", "Researchers Discover Unexpected Glacier Melting",
    "Farmers Struggle Through Prolonged Drought", "Councillors Postpone Controversial Redevelopment",
]


def test_short_lines_with_trailing_blanks_are_not_a_wrapped_paragraph() -> None:
    """A list of four-word headlines near one width stays a list, with or without trailing
    blanks (counting spaces, the blanks once made each headline look like a wrapped line)."""
    for tail in ("", "   ", "\t "):
        text = "".join(f"{h}{tail}\n" for h in HEADLINES)
        assert wrap_width(split_lines(text)) is None
        assert [l.text.strip() for l in text_lines(text)] == HEADLINES


SHORT_ARTICLE = """Home
News
Sport
Weather
Contact us
Council backs the new transport plan
The council met on Tuesday evening to discuss the proposal, and members said
that the plan would change how the town spends its money over the next ten
years, with new cycle lanes, more frequent buses and a lower speed limit in
the old town, and with a second round of public consultation that will run
until the end of the summer holidays.
Related stories
Share this article
"""


def test_a_short_wrapped_article_amid_short_lines_is_joined() -> None:
    """Too few wordy lines for the share test, but lines go on in mid-sentence, in lower
    case, on the next line: the paragraph is wrapped and becomes one block."""
    lines = text_lines(SHORT_ARTICLE)
    assert wrap_width(split_lines(SHORT_ARTICLE)) is not None
    joined = [l.text for l in lines if "\n" in l.text]
    assert len(joined) == 1 and joined[0].startswith("The council met") and joined[0].endswith("summer holidays.")
    assert [l.text for l in lines if "\n" not in l.text][:5] == ["Home", "News", "Sport", "Weather", "Contact us"]


def test_lines_followed_by_a_new_block_are_not_wrapped() -> None:
    """The same shape, but each long line is followed by one that starts a new block (a
    capital letter): a page dump, left alone."""
    dump = "\n".join(line[:1].upper() + line[1:] for line in SHORT_ARTICLE.split("\n"))
    assert wrap_width(split_lines(dump)) is None
    assert len(text_lines(dump)) == len(split_lines(dump))


def test_a_line_whose_next_word_would_have_fitted_ends_its_paragraph() -> None:
    """A wrapper breaks a line only where the next word does not fit: a sentence that ends
    short of the width, above a heading whose first word would have fitted, ends its
    paragraph (here 57 columns of 78, above "{ 53 comments… }"), while a line broken before a
    word too long for the rest of the width goes on."""
    text = (
        "If Obama wins, fuel efficiency regulations for cars and emissions limits for\n"
        "power stations will be locked in, and there will be hope for more in the\n"
        "future. If Romney wins, they will be repealed or not enforced. That's enough\n"
        "reason for me to hope that Nate Silver's odds are right.\n"
        "{ 53 comments... read them below or add one }\n"
        "Tim Worstall at 11:06 am\n"
        "And that emissions reduction. How much of that is regulation and how much the\n"
        "switch from coal to shale gas? I'm under the impression that a goodly part of\n"
        "it is the latter, and the rest is the recession, which cut the demand too.\n"
    )
    blocks = [l.text for l in text_lines(text)]
    assert blocks[0].endswith("odds are right.") and blocks[0].count("\n") == 3
    assert blocks[1] == "{ 53 comments... read them below or add one }"
    assert blocks[3].startswith("And that emissions") and blocks[3].count("\n") == 2


def test_a_stray_link_under_a_wrapped_paragraph_stands_alone() -> None:
    """A paragraph's last line that ends a sentence at the width is not joined with a short
    line that opens in lower case and ends without a sentence's mark ("zurück zur
    Startseite"): no sentence opens so, it is a link left under the text. A line that opens
    in lower case but ends a sentence still goes on the paragraph."""
    body = WRAPPED.rstrip("\n").split("\n")
    width = max(len(l) for l in body)
    line = ("A sentence that runs on to the width of this wrapped text " * 2)[: width - 1].rstrip() + "."
    for follower, alone in (("back to the home page", True), ("and to every beach.", False)):
        doc = "\n".join([*body[:-1], line, follower]) + "\n"
        blocks = [l.text for l in text_lines(doc)]
        assert (follower in blocks) is alone, (follower, blocks[-2:])
