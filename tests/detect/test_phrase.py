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


def test_start_phrase_matches_when_punctuation_follows_it() -> None:
    from cleaner.phrases import load_phrasebook

    book = load_phrasebook(("pl",))
    hit = book.match("Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *")
    assert hit is not None and (hit.category, hit.kind) == ("comments", "start")
    assert book.match("Twój adres e-mailowy zostanie opublikowany w stopce.") is None


def test_label_glued_to_a_paragraph_is_not_a_label_line() -> None:
    """ "Filed under: News" goes; the same label glued to the article's first paragraph (a
    rendering artefact) leaves the line alone: over 160 characters after the colon."""
    glued = "Filed under: Latest News " + paragraphs(1)[0] + " " + paragraphs(2)[1]
    got = decisions([*paragraphs(2), "Filed under: Latest News", glued, *paragraphs(2)], stop_before="keep.title")
    assert got["Filed under: Latest News"] == ("navigation", "phrase.regex")
    assert glued not in got


def test_start_phrases_are_found_as_by_trying_every_prefix() -> None:
    """``_prefix`` tries only as many words as the phrases under the first word have; it
    must find what trying every prefix (stripped of trailing punctuation) finds."""
    import re

    from cleaner.phrases import MAX_PREFIX_WORDS, PhraseBook, load_phrasebook, norm_line

    book: PhraseBook = load_phrasebook(("de", "en"))
    edge = re.compile(r"^[\W_]+|[\W_]+$")

    def brute(line: str):
        words = norm_line(line).split(" ")
        for n in range(min(len(words), MAX_PREFIX_WORDS), 0, -1):
            key = " ".join(words[:n])
            hit = book.prefixes.get(key) or book.prefixes.get(edge.sub("", key))
            if hit:
                return hit
        return None

    lines = [
        "Subscribe! Get the newsletter", "Klick, um auf Facebook zu teilen", "Folgen Sie uns auf: Twitter",
        "Read more: » the story", "Posted in News, Sport", "subscribe - - now", "Related: a b c",
        "Alle Beiträge von Anna Muster ansehen", "The council met on Tuesday evening.", "_x_ y",
    ]
    phrases = [key for key in book.prefixes][:300]
    lines += [f"{p}: and then some words" for p in phrases] + [f"{p}! x" for p in phrases]
    for line in lines:
        assert book._prefix(norm_line(line).split(" "))[0] == brute(line), line


def test_a_row_of_link_labels_each_a_phrase_goes_as_a_row() -> None:
    """"Printer-friendly version | Send to friend" is two whole-line phrases in a row: it goes as ``phrase.row``,
    with the category most labels have; a row with one label that is no phrase stays."""
    rows = ["Printer-friendly version | Send to friend", "Advertise | AdChoices", "News | Weather | The river crossing"]
    got = decisions([*paragraphs(2), *rows, *paragraphs(2, 2)], stop_before="keep.title")
    assert got[rows[0]] == ("share", "phrase.row")
    assert got[rows[1]][1] == "phrase.row"
    assert rows[2] not in got


def test_a_row_names_every_labels_evidence() -> None:
    from cleaner.phrases import load_phrasebook

    hit = load_phrasebook(("de",)).match("Startseite · Anmelden · Newsletter")
    assert hit is not None and (hit.category, hit.kind) == ("navigation", "row")
    assert len(hit.evidence.split()) == 3 and all(e.startswith("de/") for e in hit.evidence.split())
