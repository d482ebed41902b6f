"""Phrase rules: each kind of phrase match, with its category and evidence."""
from __future__ import annotations

from .conftest import decisions, paragraphs


def test_whole_line_phrases() -> None:
    got = decisions(["Advertisement", *paragraphs(), "Share this:", "Leave a Reply"], stop_before="keep.title")
    assert got["Advertisement"] == ("ad", "phrase.line")
    assert got["Share this:"] == ("share", "phrase.line")
    assert got["Leave a Reply"] == ("comments", "phrase.line")


def test_start_phrase_on_a_long_line() -> None:
    line = "Sign up for our daily newsletter and get the top stories in your inbox every morning."
    got = decisions([*paragraphs(2), line, *paragraphs(2)], stop_before="keep.title")
    assert got[line][0] == "subscribe" and got[line][1].startswith("phrase.")


def test_article_sentences_with_boilerplate_words_are_kept() -> None:
    traps = [
        "The company said it would share its findings with the regulator next week.",
        "Residents can comment on the plans until the end of April, the council said.",
        "The newsletter, founded in 1990 by two retired teachers, now reaches 4,000 homes.",
    ]
    got = decisions([*paragraphs(2), *traps, *paragraphs(2)])
    assert not set(traps) & set(got)


def test_german_phrases_apply_to_german_text() -> None:
    body = [
        "Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, dass die Parkplätze "
        f"an der Uferstraße im nächsten Jahr durch einen Radweg ersetzt werden sollen ({i})."
        for i in range(4)
    ]
    got = decisions(["Anzeige", *body, "Artikel teilen"], stop_before="keep.title")
    assert got["Anzeige"] == ("ad", "phrase.line")
    assert got["Artikel teilen"][0] == "share"


def test_evidence_names_the_phrase_file() -> None:
    from cleaner.detect import detect

    from .conftest import context

    ctx = detect(context(["Advertisement", *paragraphs()]), stop_before="keep.title")
    assert ctx.decided[0].evidence.startswith("en/ad.txt:")
