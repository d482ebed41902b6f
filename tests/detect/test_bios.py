"""Author bios after the article (``cleaner/detect/bios.py``): ``author_bio.closing``."""
from __future__ import annotations

from cleaner.detect import detect
from cleaner.detect.bios import closing_bios

from .conftest import context, paragraphs

BIO = "Jane Doe is a professor of urban planning at the University of Leeds and the author of two books on rivers."
GERMAN = [
    "Der Gemeinderat hat am Dienstagabend über den neuen Radweg entlang der Bahnlinie beraten und ihn mit großer Mehrheit beschlossen.",
    "Die Bauarbeiten sollen im Frühjahr beginnen, und die Stadt rechnet mit Kosten von rund zwei Millionen Euro für den ganzen Abschnitt.",
    "Anwohner hatten sich in einer Versammlung vor allem Sorgen um die Parkplätze gemacht, die an der Straße wegfallen werden.",
]


def _bios(lines: list[str]) -> dict[int, tuple[str, str, str]]:
    ctx = context(lines)
    closing_bios(ctx)
    return {i: (d.category, d.rule, d.evidence) for i, d in ctx.decided.items()}


def test_a_bio_after_the_last_paragraph_goes() -> None:
    lines = [*paragraphs(3), BIO, "Share this story"]
    assert _bios(lines) == {3: ("author_bio", "author_bio.closing", "after line 2")}


def test_the_same_bio_above_the_article_introduces_a_guest_author_and_stays() -> None:
    assert _bios([BIO, *paragraphs(3)]) == {}


def test_a_bio_shaped_sentence_inside_the_article_stays() -> None:
    lines = [*paragraphs(2), BIO, *paragraphs(2, 2)]
    assert _bios(lines) == {}


def test_a_closing_sentence_about_him_or_her_stays() -> None:
    """A pronoun is not a name: the article's last sentence about its subject."""
    lines = [*paragraphs(3), "She is the author of three books on the history of the town's rivers and bridges."]
    assert _bios(lines) == {}


def test_a_first_person_bio_goes() -> None:
    lines = [*paragraphs(3), "I'm Sam Lee, a freelance reporter based in Glasgow who writes about housing and transport."]
    assert _bios(lines) == {3: ("author_bio", "author_bio.closing", "after line 2")}


def test_german_bios_use_the_german_shapes() -> None:
    bio = "Jana Muster ist Professorin für Stadtplanung an der Universität Kassel und schreibt über Verkehr."
    lines = [*GERMAN, bio]
    ctx = context(lines)
    assert "de" in ctx.languages
    closing_bios(ctx)
    assert {i: (d.category, d.rule) for i, d in ctx.decided.items()} == {3: ("author_bio", "author_bio.closing")}


def test_a_page_without_article_paragraphs_is_left_alone() -> None:
    assert _bios([BIO, "Share this story", "Read more"]) == {}


def test_the_rule_runs_in_the_pipeline_and_can_be_disabled() -> None:
    """In the rule table (the line model, which runs before it, is off here so that the bio
    reaches it); ``disabled_rules`` switches it off."""
    from cleaner.config import Config

    lines = [*paragraphs(4), BIO]
    on = detect(context(lines, Config(disabled_rules=("model.line",))))
    assert (on.decided[4].category, on.decided[4].rule) == ("author_bio", "author_bio.closing")
    off = detect(context(lines, Config(disabled_rules=("author_bio.closing", "model.line"))))
    assert 4 not in off.decided
