"""Photo credits and copyright lines (``cleaner/detect/credits.py``): ``caption.credit_line``, and
``caption.credit_tail`` for a credit closing a kept line."""
from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect.credits import credit_lines, credit_tails
from cleaner.pipeline import clean_text

from .conftest import context, decisions, paragraphs

GERMAN = [
    "Der Gemeinderat hat am Dienstagabend über den neuen Radweg entlang der Bahnlinie beraten und ihn mit großer Mehrheit beschlossen.",
    "Die Bauarbeiten sollen im Frühjahr beginnen, und die Stadt rechnet mit Kosten von rund zwei Millionen Euro für den ganzen Abschnitt.",
]
SPANISH = [
    "El pleno del ayuntamiento aprobó el martes por la noche el nuevo carril bici junto a la vía del tren, con una amplia mayoría.",
    "Las obras comenzarán en primavera y el ayuntamiento calcula que costarán unos dos millones de euros en todo el tramo.",
]


def _tails(lines: list[str]) -> dict[int, tuple[str, str, str, str]]:
    ctx = context(lines)
    credit_tails(ctx)
    return {i: (ctx.lines[i].text[-n:], d.category, d.rule, d.evidence) for i, (n, d) in ctx.tails.items()}


@pytest.mark.parametrize(
    "caption, credit",
    [
        ("Mitt Romney makes his concession speech in Boston.", " Photograph: Getty Images"),
        ("Barack Obama and Michael Bloomberg in 2008.", " Photograph: Diane Bondareff/AP"),
        ("Tom Watson MP at the committee hearing", " (Photo: AFP)"),
        ("Usain Bolt wins the 100m final in London, Sunday, Aug. 5, 2012.", " (AP Photo/Luca Bruno)"),
        ("A beach home destroyed by Hurricane Sandy in Charlestown, RI.", " Photo courtesy of Erin Diaz"),
        ("The prime minister greets the visiting delegation", " (Picture by Kenmore Bynoe.)"),
        ("A view of the eclipse from Clifton Beach in Queensland.", " Credit: Ian Musgrave."),
        ("Radfahren am Almkanal in Salzburg", " © Österreich Werbung / Ulli Cecerle-Uitz"),
        # a dot inside a name (a domain, a licence's version) does not end the credit
        ("Oil pumps at sunset in the desert.", " Image: TebNad/Shutterstock.com"),
        ("Volunteers fill sandbags on the quay.", " Photo: Timur | flickr | CC BY 2.0"),
    ],
)
def test_the_credit_closing_a_caption_goes_and_the_caption_stays(caption: str, credit: str) -> None:
    lines = [*paragraphs(2), caption + credit, *paragraphs(2, first=2)]
    evidence = f"credit: {credit.strip()}"
    assert _tails(lines) == {2: (credit, "caption", "caption.credit_tail", evidence)}


@pytest.mark.parametrize(
    "line",
    [
        "The board discussed the law of copyright and fair use at length with the members.",
        "Pictures by children from the local school were shown in the town hall last week.",
        "She thanked the volunteers and gave credit to the whole team (credit to Capt. John!)",
        "Mitt Romney makes his concession speech. Photograph: the crowd cheers as he leaves the stage, said our reporter.",
        "Photo: Getty Images",  # a credit alone is the phrase lists' (whole line), not a tail
        "Two chairs. Photo: AP",  # too little caption before it to tell
    ],
)
def test_prose_and_lone_credits_keep_their_ends(line: str) -> None:
    assert _tails([*paragraphs(2), line, *paragraphs(2, first=2)]) == {}


def test_german_and_spanish_credits_and_agency_formats() -> None:
    de = [*GERMAN, "Freiwillige helfen bei der Evakuierung der Altstadt. Foto: Galli/Malteser",
          "Die Übertragungszeiten der großen Turniere im Überblick (Foto: Getty)"]
    assert {i: t[0] for i, t in _tails(de).items()} == {2: " Foto: Galli/Malteser", 3: " (Foto: Getty)"}
    es = [*SPANISH, "Dmitri Murátov, periodista ruso y Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
          "Los periodos de vacaciones durante el año escolar. Foto: Andina"]
    assert {i: t[0] for i, t in _tails(es).items()} == {2: " (REUTERS/Denis Balibouse)", 3: " Foto: Andina"}


def test_only_the_credit_is_removed_and_the_span_replays() -> None:
    """The removed span covers the credit alone (not the line end): the caption stays in the
    clean text, and the sidecar's spans replay to it exactly."""
    caption = "Mitt Romney makes his concession speech in Boston."
    text = "\n".join([*paragraphs(2), caption + " Photograph: Getty Images", *paragraphs(2, first=2)]) + "\n"
    result = clean_text(text)
    [span] = [s for s in result.removed if s.rule == "caption.credit_tail"]
    assert text[span.start : span.end] == " Photograph: Getty Images" and span.category == "caption"
    assert caption + "\n" in result.text and "Getty" not in result.text


def test_a_removed_line_is_not_also_cut_and_a_disabled_rule_cuts_nothing() -> None:
    text = "\n".join([*paragraphs(3), "Photo: Getty Images", "Sign up for our newsletter. Photo: AFP"]) + "\n"
    rules = {s.rule for s in clean_text(text).removed}
    assert "caption.credit_tail" not in rules
    text = "\n".join([*paragraphs(2), "Mitt Romney makes his concession speech. Photograph: Getty Images"]) + "\n"
    off = Config(disabled_rules=("caption.credit_tail",))
    assert "Getty" in clean_text(text, off).text and "Getty" not in clean_text(text).text


@pytest.mark.parametrize(
    "line, category",
    [
        ("© Hermann Bredehorst", "caption"),
        ("© dpa | Kay Nietfeld", "caption"),
        ("©Volkswagen AG / Porsche Holding", "caption"),
        ("© picture alliance/dpa | Annette Riedl", "caption"),
        ("ⓒ 연합뉴스", "caption"),
        ("© 2021 Example Media Ltd. Impressum & Datenschutz", "legal"),
        ("©2012 Neojaponisme", "legal"),
        ("© The Associated Press, 2012", "legal"),
        ("© Example Technology News for Geeks | Privacy Policy | Legal Disclaimer | Mobile Site", "legal"),
    ],
)
def test_a_line_opened_by_a_copyright_sign_is_a_credit_or_a_notice(line: str, category: str) -> None:
    got = decisions([*paragraphs(2), "A view of the harbour at dawn", line, *paragraphs(2, first=2)])
    assert got[line] == (category, "caption.credit_line")
    assert not set(paragraphs(2)) & set(got) and not set(paragraphs(2, first=2)) & set(got)


@pytest.mark.parametrize(
    "line",
    [
        "(c) the council shall publish the plan within thirty days of the vote on it.",  # a list item
        "The © sign marks a copyright, and the council's logo carries one on every page.",
        "©",  # no words: the separators' rule decides
        "© " + " ".join(["word"] * 21),  # longer than a credit or a notice
    ],
)
def test_other_lines_with_a_copyright_sign_are_not_credit_lines(line: str) -> None:
    ctx = context([*paragraphs(2), line, *paragraphs(2, first=2)])
    credit_lines(ctx)
    assert ctx.decided == {}
