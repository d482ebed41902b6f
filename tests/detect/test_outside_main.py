"""Rule ``html.outside_main``: blocks trafilatura left out of the main text."""
from __future__ import annotations

from cleaner.blocks import text_lines
from cleaner.config import Config
from cleaner.detect import detect
from cleaner.pipeline import prepare_context

from .conftest import paragraphs

SLIDE = (
    "The new bridge opened to walkers and cyclists on Saturday, and the first people across "
    "it said that the view of the old harbour was worth the long wait of {n} years."
)


def _decided(blocks: list[tuple], tags: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """Rules up to ``html.outside_main`` on rendered blocks ``(text, in_main, DOM hint)``,
    or ``(text, in_main, DOM hint, DOM word)`` where the word is not the hint itself;
    ``tags``: a block's text -> its HTML tag (else ``p``)."""
    text = "".join(f"{b[0]}\n" for b in blocks)
    lines = text_lines(text)
    for line, (t, in_main, hint, *word) in zip(lines, blocks):
        line.in_main, line.hint, line.hint_word = in_main, hint, word[0] if word else hint
        line.tag = (tags or {}).get(t, "p")
    ctx = detect(prepare_context(lines, Config(), frozenset(), True), stop_before="keep.inside")
    return {ctx.lines[i].text: (d.category, d.rule) for i, d in ctx.decided.items()}


def test_prose_amid_main_is_left_to_the_model_unless_hinted_as_boilerplate() -> None:
    article = [(p, True, "") for p in paragraphs(4)]
    hints = ["", "caption", "share", "comments", "navigation", "author_bio"]
    amid = {h: SLIDE.format(n=i + 2) for i, h in enumerate(hints)}
    blocks = article[:2] + [(t, False, h) for h, t in amid.items()] + article[2:]
    got = _decided(blocks)
    for hint in ("", "caption", "share"):
        assert amid[hint] not in got, hint
    assert got[amid["comments"]] == ("comments", "html.outside_main")
    assert got[amid["navigation"]] == ("navigation", "html.outside_main")
    assert got[amid["author_bio"]] == ("author_bio", "html.outside_main")


def test_prose_before_or_after_main_and_short_blocks_go() -> None:
    before, after = SLIDE.format(n=1), SLIDE.format(n=9)
    article = [(p, True, "") for p in paragraphs(3)]
    blocks = [(before, False, ""), *article, ("Harbour walk pictures", False, ""), (after, False, "caption")]
    got = _decided(blocks)
    assert got[before] == ("navigation", "html.outside_main")
    assert got[after] == ("caption", "html.outside_main")
    assert got["Harbour walk pictures"] == ("navigation", "html.outside_main")


def test_a_sentence_amid_main_is_left_to_the_model_as_prose_is() -> None:
    """An interview's question is a short sentence that trafilatura may leave out between the
    answers it keeps; a short line that is no sentence (a credit, a player's buttons) goes, and
    so does a sentence in a block whose DOM names it (a ``figcaption``)."""
    answers = [(p, True, "") for p in paragraphs(4)]
    question = "What was on your mind when you left the hospital?"
    caption = "Striking members of the union outside the college last week."
    blocks = [*answers[:2], (question, False, ""), ("Sound on Sound off Play Pause", False, ""),
              ("Dress and jewellery: Dolce & Gabbana", False, ""), (caption, False, "caption"), *answers[2:]]
    got = _decided(blocks)
    assert question not in got
    assert got[caption] == ("caption", "html.outside_main")
    assert got["Sound on Sound off Play Pause"] == ("navigation", "html.outside_main")
    assert got["Dress and jewellery: Dolce & Gabbana"] == ("navigation", "html.outside_main")


def test_prose_amid_main_in_a_header_is_left_to_the_model() -> None:
    """A ``<header>`` hints at navigation, but prose in one amid the main text is the
    article's lead or a subheading's paragraph: the model decides. A site header's
    short lines and a ``<nav>``'s prose still go."""
    article = [(p, True, "") for p in paragraphs(4)]
    lead, menu = SLIDE.format(n=3), SLIDE.format(n=4)
    blocks = [("Home News Sport", False, "navigation", "header"), *article[:1], (lead, False, "navigation", "header"),
              *article[1:3], (menu, False, "navigation", "nav"), *article[3:]]
    got = _decided(blocks)
    assert lead not in got
    assert got["Home News Sport"][1] == "html.outside_main"
    assert got[menu] == ("navigation", "html.outside_main")


TITLE = "Harbour bridge opens to walkers"


def test_prose_between_the_h1_and_the_main_text_is_a_lead_left_to_the_model() -> None:
    """trafilatura often leaves out an article's lead (standfirst): prose between the
    ``<h1>`` and its first main block, past a byline or a date, is left to the model. A
    captioned block there goes; so does prose above a main text that starts with its own
    heading (the ``<h1>`` is then the site's) or far above it."""
    lead, caption = SLIDE.format(n=5), SLIDE.format(n=6)
    article = [(p, True, "") for p in paragraphs(3)]
    blocks = [("Home News Sport", False, "navigation"), (TITLE, False, ""), (lead, False, ""),
              ("By Ann Lee", False, ""), ("12 May 2021", False, ""), (caption, False, "caption"), *article]
    got = _decided(blocks, {TITLE: "h1"})
    assert lead not in got
    assert got[caption] == ("caption", "html.outside_main")
    assert got["Home News Sport"][1] == "html.outside_main"

    heading = [(TITLE, True, ""), *article]
    got = _decided([("Site of the day", False, ""), (lead, False, ""), *heading], {"Site of the day": "h1", TITLE: "h2"})
    assert got[lead] == ("navigation", "html.outside_main")

    menu = [(f"Section {n}", False, "") for n in range(8)]
    got = _decided([(TITLE, False, ""), (lead, False, ""), *menu, *article], {TITLE: "h1"})
    assert got[lead] == ("navigation", "html.outside_main")


def test_a_heading_under_the_title_in_its_header_is_the_subtitle() -> None:
    """``<header><h1>title</h1><h2>subtitle</h2></header>``: trafilatura takes the title and
    leaves the subtitle out; it is left to the model. An unboxed heading under an ``<h1>``
    that trafilatura took for the title is more often a blog's tagline under its name: it goes,
    as do a label too short for a subtitle and a subtitle-like heading lower down."""
    subtitle = "Walkers get a direct way across the harbour after ten years"
    article = [(p, True, "") for p in paragraphs(3)]
    header = [(TITLE, True, "navigation", "header"), (subtitle, False, "navigation", "header")]
    got = _decided([*header, *article], {TITLE: "h1", subtitle: "h2"})
    assert subtitle not in got

    tagline = "Notes on bridges, harbours and the people who cross them"
    got = _decided([(TITLE, True, ""), (tagline, False, ""), *article], {TITLE: "h1", tagline: "h2"})
    assert got[tagline] == ("navigation", "html.outside_main")

    got = _decided([header[0], ("Press release 89/2022", False, "navigation", "header"), *article], {TITLE: "h1", "Press release 89/2022": "h2"})
    assert got["Press release 89/2022"] == ("navigation", "html.outside_main")  # too short for a subtitle

    got = _decided([*header[:1], *article[:1], header[1], *article[1:]], {TITLE: "h1", subtitle: "h2"})
    assert got[subtitle] == ("navigation", "html.outside_main")  # not under the title
