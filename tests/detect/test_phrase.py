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


def test_required_literals_never_skip_a_match() -> None:
    import re

    from cleaner.phrases import load_phrasebook, norm_line, required_literals

    assert required_literals(re.compile("^(?!x)(Ab|cd)e")) == ("ab", "cd")
    assert required_literals(re.compile(r"^[\w.'-]+( [\w.'-]+){0,3} says:")) == (" says:",)
    assert required_literals(re.compile("^(the )?word")) == ("word",)
    assert required_literals(re.compile(r"^\d+$")) is None
    book = load_phrasebook(("en", "de"))
    lines = [
        "Photo: Jane Doe / Reuters", "All rights reserved 2024", "Posted by admin on May 3, 2021",
        "The council said the photo was taken in May.", "Advertisement - scroll to continue",
        "Copyright © 2023 Example Media Ltd.", "Sponsored by Acme", "Weiterlesen", "Continue reading below",
        "Mary Smith says: 3 June 2020 at 9:15", "Jane Doe is a staff writer at the Herald.",
    ]
    for line in lines:
        norm = norm_line(line)
        for rx, _hit in book.regexes:
            needs = required_literals(rx)
            if rx.search(norm):
                assert needs is None or any(n in norm for n in needs), (rx.pattern, line)


def test_regex_index_finds_the_first_matching_pattern_in_file_order() -> None:
    """The literal index and the anchored screen only skip patterns that cannot match."""
    import re

    from cleaner.phrases import PhraseBook, PhraseMatch, _anchored, norm_line

    assert _anchored(re.compile("^(a|b)c")) and _anchored(re.compile("(?:^a)"))
    assert not _anchored(re.compile("^a|b")) and not _anchored(re.compile("(^a)"))
    patterns = [r"^\d+ comments$", r"^(share|tweet)( \| (share|tweet))+$", r"\bsays:", r"\d+$", r"^[a-z]+ says: \d+", r"^a|b"]
    book = PhraseBook()
    book.regexes = [(re.compile(p, re.IGNORECASE), PhraseMatch("other", "regex", f"t:{k}")) for k, p in enumerate(patterns)]
    lines = ["12 comments", "Share | Tweet", "Jane says: 12", "Bob says: hi", "page 3", "xyz", "a", "cab", "12 comments 3"]
    for line in lines:
        norm = norm_line(line)
        want = next((hit for rx, hit in book.regexes if rx.search(norm)), None)
        assert book._first_regex(norm) == want, line


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
        assert book._prefix(norm_line(line).split(" ")) == brute(line), line
