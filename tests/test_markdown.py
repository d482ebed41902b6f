"""Markdown scrapes (``cleaner/markdown.py``): lines are judged by their visible text."""
from __future__ import annotations

from dataclasses import replace

import pytest

import cleaner
from cleaner.blocks import text_lines
from cleaner.config import Config
from cleaner.markdown import is_markdown, starts_block, visible_text
from cleaner.pipeline import clean_lines
from cleaner.spans import replay

ARTICLE = [
    "The council met on Tuesday evening to discuss the proposal, and members said that the plan "
    "would change how the town spends its money over the [next ten years](https://example.org/plan).",
    "Residents who spoke at the meeting were divided: some welcomed the new cycle lanes, while "
    "others worried about the loss of parking spaces on the **high street**.",
    "The final vote is expected next month, after a second round of public consultation that "
    "will run until the end of the summer holidays.",
]
MENU = ["Home", "News", "Sport", "Weather", "Contact"]
PAGE = "\n\n".join([
    *(f"* [{item}](https://example.org/{item.lower()})" for item in MENU),
    "![Example Gazette logo](https://example.org/logo.png)",
    "# Council backs the new transport plan",
    *ARTICLE,
    "Share this article: [Facebook](https://facebook.com/share) [Twitter](https://twitter.com/share)",
    "## Leave a Reply",
    "Your email address will not be published.",
]) + "\n"


@pytest.mark.parametrize("line, seen", [
    ("[Home](https://a.org/) [News](https://a.org/news)", "Home News"),
    ("![logo](https://a.org/logo.png)", ""),
    ("## A heading with **bold** and _emphasis_ in snake_case", "A heading with bold and emphasis in snake_case"),
    ("* [An item](https://a.org/i) \\- with an escape", "An item - with an escape"),
    ("> a quoted line", "a quoted line"),
    (":   a definition (a <dd>)", "a definition (a <dd>)"),
    (": suite d'une phrase française", ": suite d'une phrase française"),
    ("Ratio 3:2 holds", "Ratio 3:2 holds"),
    ("---|---", ""),
    ("[1]: https://a.org/ref", ""),
    ("   ", "   "),
])
def test_visible_text(line: str, seen: str) -> None:
    assert visible_text(line) == seen


def test_markdown_is_told_from_a_page_dump() -> None:
    assert is_markdown(PAGE)
    dump = "Home\nNews\n" + "\n".join(a.replace("[next ten years](https://example.org/plan)", "next ten years")
                                      for a in ARTICLE) + "\n"
    assert not is_markdown(dump)
    assert not is_markdown("See [this](https://a.org) and [that](https://b.org).\n")  # two links


def test_a_markdown_page_is_cleaned_by_what_it_shows() -> None:
    result = cleaner.clean_text(PAGE)
    assert result.text == replay(PAGE, result.removed)  # offsets are the Markdown source's
    removed = {PAGE[s.start:s.end].strip(): (s.category, s.rule) for s in result.removed}
    for item in ("Home", "Contact"):  # menu words the phrase lists know, behind their URLs
        assert removed[f"* [{item}](https://example.org/{item.lower()})"] == ("navigation", "phrase.line")
    assert removed["## Leave a Reply"] == ("comments", "phrase.line")
    assert removed["Your email address will not be published."][0] == "comments"
    assert removed["Share this article: [Facebook](https://facebook.com/share) [Twitter](https://twitter.com/share)"][0] == "share"
    for paragraph in ARTICLE:  # kept as written, links and emphasis included
        assert paragraph in result.text
    assert "# Council backs the new transport plan" in result.text


def test_the_markup_changes_no_decision() -> None:
    """Read as visible text, the page written as Markdown and the same page dumped as plain
    text (one block per line) get the same decisions, line by line; what Markdown adds is
    each line's link density (left out here)."""
    dump = "".join(v + "\n" for v in (visible_text(l) for l in PAGE.split("\n")) if v.strip())
    lines = [replace(line, link_density=0.0) for line in text_lines(PAGE)]
    as_md, as_dump = clean_lines(PAGE, lines, Config()), cleaner.clean_text(dump)

    def decisions(source: str, spans) -> list[tuple[str, str, str]]:
        return [(visible_text(source[s.start:s.end].strip()), s.category, s.rule) for s in spans]

    detected = [s for s in as_md.removed if s.rule != "markdown.markup"]  # the logo: no text
    assert decisions(PAGE, detected) == decisions(dump, as_dump.removed)


def _wrapped(words: list[str], width: int = 78) -> list[str]:
    """``words`` filled into lines of at most ``width`` characters, as html2text wraps."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def test_wrapped_markdown_is_joined_into_paragraphs() -> None:
    """html2text wraps at 78 columns but never breaks a URL, so link lines run far past the
    width: the width is the one most lines end just below. A link broken over a line end
    reads as its text."""
    paragraphs = [a.split() * 2 for a in ARTICLE]
    related = [f"* [Related story number {n} about the transport plan and the town](https://example.org/"
               f"news/2024/{n}/council-transport-plan-related-story-number-{n}.html)" for n in range(8)]
    text = "\n\n".join(["\n".join(_wrapped(p)) for p in paragraphs] + related) + "\n"
    lines = [l for l in text_lines(text) if l.text.strip()]
    assert is_markdown(text)
    assert sum(len(line) > 100 for line in text.split("\n")) == len(related)
    assert len(lines) == len(paragraphs) + len(related)  # each paragraph joined into one block
    assert lines[0].text == visible_text(" ".join(paragraphs[0]))
    assert "https" not in lines[0].text and "next ten years" in lines[0].text


def test_a_line_of_markup_alone_goes_as_markdown_markup() -> None:
    """An image or a rule holds no text: it goes, as its own rule, which config can disable."""
    rule_line = "* * *"
    page = PAGE.replace("# Council backs", f"{rule_line}\n\n# Council backs")
    result = cleaner.clean_text(page)
    removed = {page[s.start:s.end].strip(): (s.category, s.rule) for s in result.removed}
    assert removed["![Example Gazette logo](https://example.org/logo.png)"] == ("other", "markdown.markup")
    assert removed[rule_line] == ("other", "markdown.markup")
    assert result.text == replay(page, result.removed) and "![" not in result.text
    kept = cleaner.clean_text(page, Config(disabled_rules=("markdown.markup",)))
    assert "![Example Gazette logo]" in kept.text
    assert all(s.rule != "markdown.markup" for s in kept.removed)


def test_plain_text_has_no_markup_lines() -> None:
    text = "Home\n\n   \n" + ARTICLE[2] + "\n* * *\n"
    assert not is_markdown(text)
    assert all(s.rule != "markdown.markup" for s in cleaner.clean_text(text).removed)


def test_a_line_of_brackets_costs_linear_time() -> None:
    """Odd input (a blob of brackets) must not stall the run: each "[" starts a bounded scan
    (unbounded, 40,000 of them took seconds, and the time grew with the square)."""
    import time

    start = time.perf_counter()
    for blob in ("[" * 200_000, "[a](" * 50_000, "![x](" + "(" * 200_000):
        is_markdown(blob)
        visible_text(blob)
    assert time.perf_counter() - start < 5


def test_links_with_parentheses_and_references() -> None:
    line = "See [Foo (bar)](https://en.wikipedia.org/wiki/Foo_(bar)) and ![x](y.png) the [report][1]"
    assert visible_text(line) == "See Foo (bar) and the report"


WRAPPED_MD = """## Council backs the plan

The council met on Tuesday evening to discuss the proposal, and members said
that the plan would change how the town spends its money over the next ten
years, as the
[transport report of the town council](https://example.org/documents/2024/transport-report.pdf)
explains in detail, with new cycle lanes and more frequent buses in the old town.

  * [Home](https://example.org/)
  * [News](https://example.org/news)

Residents who spoke at the meeting were divided: some welcomed the new cycle
lanes, while others worried about the loss of parking spaces on the high
street, and the final vote is expected next month after a second round of
public consultation.
"""


def test_wrapped_markdown_paragraphs_follow_markdowns_rule() -> None:
    """A paragraph runs to a blank line or a line that starts a block: the short line before
    a link that moved whole to the next line does not end it; each list item is a block."""
    blocks = [l.text for l in text_lines(WRAPPED_MD) if l.text.strip()]
    assert blocks[0] == "Council backs the plan"
    assert blocks[1].startswith("The council met") and blocks[1].endswith("in the old town.")
    assert "transport report of the town council explains" in blocks[1]
    assert blocks[2:4] == ["Home", "News"]
    assert blocks[4].startswith("Residents") and blocks[4].endswith("public consultation.")
    assert len(blocks) == 5


COMMENTS_MD = """\
[12](#comment-12 "Permalink to this comment") [Jane Roe](https://example.org/jane) 11.06.12 at 10:45 pm
:   I read the report too, and the part about the parking spaces was the most
    convincing for me, whatever the council says about the market square.

[13](#comment-13 "Permalink to this comment") John Doe 11.06.12 at 11:25 pm
:   Thanks for the link.
"""


def test_a_definition_starts_its_own_block_in_wrapped_markdown() -> None:
    """``:   text`` (a ``<dd>``, as markdownify writes it: here a comment under its author
    line) is a block of its own: joined with the line above, the author line would read as
    the start of a long paragraph, not as a comment's furniture."""
    blocks = [l.text for l in text_lines(WRAPPED_MD + "\n" + COMMENTS_MD) if l.text.strip()][5:]
    assert blocks[0] == "12 Jane Roe 11.06.12 at 10:45 pm"
    assert blocks[1].startswith("I read the report") and blocks[1].endswith("the market square.")
    assert blocks[2:] == ["13 John Doe 11.06.12 at 11:25 pm", "Thanks for the link."]
    assert not starts_block(": suite d'une phrase française, coupée avant ses deux-points")


def test_lines_carry_their_link_density() -> None:
    lines = {l.text: l.link_density for l in text_lines(PAGE) if l.text.strip()}
    assert lines["Home"] == 1.0 and lines["Contact"] == 1.0
    assert 0 < lines[visible_text(ARTICLE[0])] < 0.1  # one link in a long paragraph
    assert lines[visible_text(ARTICLE[2])] == 0.0
    assert all(l.link_density == 0.0 for l in text_lines("Home\n" + ARTICLE[2] + "\n"))  # plain text


def test_model_evidence_may_name_link_density_in_markdown_only() -> None:
    from cleaner.detect.model import _hidden
    from cleaner.detect.linefeatures import HTML_FEATURES
    from cleaner.pipeline import prepare_context

    def hidden(text: str) -> frozenset[str]:
        return _hidden(prepare_context(text_lines(text), Config(), frozenset(), False))

    assert hidden(PAGE) == HTML_FEATURES - {"link_density"}
    assert hidden("Home\n" + ARTICLE[2] + "\n") == HTML_FEATURES


def test_a_setext_underline_is_markup_alone() -> None:
    """A heading's "===" underline starts no paragraph and holds no text: like a "---" one,
    it goes as markup, and the heading above it stays a line of its own."""
    page = PAGE.replace("# Council backs the new transport plan", "Council backs the new transport plan\n======================")
    assert page != PAGE and starts_block("======================")
    result = cleaner.clean_text(page)
    removed = {page[s.start:s.end].strip(): (s.category, s.rule) for s in result.removed}
    assert removed["======================"] == ("other", "markdown.markup")
    assert "Council backs the new transport plan" in result.text
