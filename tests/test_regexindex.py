"""The regex index skips only patterns that cannot match (required literals, first characters)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.phrases import PhraseBook, PhraseMatch, available_languages, load_phrasebook, norm_line
from cleaner.regexindex import RegexIndex, _anchored, literal_scan, may_start, required_literals

from .detect.conftest import paragraphs

#: Lines that the phrase patterns of several languages match (and some they must not).
LINES = [
    "Photo: Jane Doe / Reuters", "All rights reserved 2024", "Posted by admin on May 3, 2021",
    "The council said the photo was taken in May.", "Advertisement - scroll to continue",
    "Copyright © 2023 Example Media Ltd.", "Sponsored by Acme", "Weiterlesen", "Continue reading below",
    "Mary Smith says: 3 June 2020 at 9:15", "Jane Doe is a staff writer at the Herald.", "12 comments",
    "Tags: politics, economy", "Home » News » World", "« Previous 1 2 3 4 Next »", "3 shares", "12:45",
    "Share | Tweet | Email", "Foto: dpa", "Kommentare (3)", "Ähnliche Artikel", "İstanbul'da bir gün",
    "Lire aussi : le dossier", "Leia também", "Zobacz także", "AP Photo/John Smith", "ß-Test", "Ǆemal",
    "3 YANIT", "12 YORUMLARI", "TÜM HAKLARI SAKLIDIR", "ΣΧΌΛΙΑ",
]


def test_required_literals_of_patterns() -> None:
    assert required_literals(re.compile("^(?!x)(Ab|cd)e")) == ("ab", "cd")
    assert required_literals(re.compile(r"^[\w.'-]+( [\w.'-]+){0,3} says:")) == (" says:",)
    assert required_literals(re.compile("^(the )?word")) == ("word",)
    assert required_literals(re.compile(r"^\d+$")) is None


def test_letters_the_engine_joins_but_lower_casing_does_not_are_folded() -> None:
    """Turkish "ı" matches "i" case-insensitively: an all-caps "3 YANIT" lower-cases to
    "3 yanit", which the pattern's "yanıt" matches, so its literal must not skip it."""
    rx = re.compile(r"^(\d+|bir) (yorum|yanıt)$", re.IGNORECASE)
    index = RegexIndex.build((rx,))
    assert index.first_match(norm_line("3 YANIT")) == 0 and index.first_match(norm_line("3 yanıt")) == 0
    assert index.first_match(norm_line("3 cevap")) is None


def test_anchored_patterns() -> None:
    assert _anchored(re.compile("^(a|b)c")) and _anchored(re.compile("(?:^a)"))
    assert not _anchored(re.compile("^a|b")) and not _anchored(re.compile("(^a)"))


@pytest.mark.parametrize(
    ("pattern", "yes", "no"),
    [
        ("^(tags?|labels?) ", "tl", "ax1"),
        ("^((previous|«) )?(next|last)", "p«nl", "ax1"),  # an optional part: what follows may start
        ("^(?!x)(ab|cd)", "ac", "xb"),  # the lookahead is looked through (a superset)
        ("^(x)?", "ab1", ""),  # may match nothing: any first character
        ("^[\\w .'-]{1,50} / (getty|ap)", "a1é", ""),  # a class: it may
        ("^(?i:k)elvin", "kK\u212a", "x"),
    ],
)
def test_first_characters_a_pattern_may_start_with(pattern: str, yes: str, no: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    assert all(may_start(rx, ch) for ch in yes)
    assert not any(may_start(rx, ch) for ch in no)


@pytest.mark.parametrize("language", available_languages())
def test_candidates_never_skip_a_matching_pattern(language: str) -> None:
    """Every shipped pattern that matches a line (the search decides) is among its candidates."""
    book = load_phrasebook((language, "en"))
    index = RegexIndex.build(tuple(rx for rx, _ in book.regexes))
    lines = LINES + paragraphs(3) + _phrase_examples()
    for line in lines:
        norm = norm_line(line)
        if not norm:
            continue
        wanted = [k for k, (rx, _) in enumerate(book.regexes) if rx.search(norm)]
        assert set(wanted) <= set(index.candidates(norm)), line


def test_first_matching_pattern_in_file_order() -> None:
    patterns = [r"^\d+ comments$", r"^(share|tweet)( \| (share|tweet))+$", r"\bsays:", r"\d+$", r"^[a-z]+ says: \d+", r"^a|b"]
    book = PhraseBook()
    book.regexes = [(re.compile(p, re.IGNORECASE), PhraseMatch("other", "regex", f"t:{k}")) for k, p in enumerate(patterns)]
    lines = ["12 comments", "Share | Tweet", "Jane says: 12", "Bob says: hi", "page 3", "xyz", "a", "cab", "12 comments 3"]
    for line in lines:
        norm = norm_line(line)
        want = next((hit for rx, hit in book.regexes if rx.search(norm)), None)
        assert book._first_regex(norm) == want, line


def _phrase_examples() -> list[str]:
    """The example lines of ``tests/detect/data/phrase_examples.txt`` (boilerplate and keeps)."""
    path = Path(__file__).parent / "detect" / "data" / "phrase_examples.txt"
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.split("|", 2)[-1].strip()
        if text and not text.startswith("#"):
            out.append(text)
    return out


@pytest.mark.parametrize("name", ["comment_meta", "comment_dates"])
def test_first_match_of_a_rule_file_equals_trying_every_pattern(name: str) -> None:
    from cleaner.phrases import load_patterns
    from cleaner.regexindex import index_of

    lines = LINES + [
        "Jane Doe says:", "Reply", "March 3, 2021 at 9:15 pm", "12. März 2021 um 09:15 Uhr", "Antworten",
        "Report as abusive", "said...", "Log in to Reply", "3 days ago", "", "il y a 2 jours",
    ]
    for language in available_languages():
        patterns = load_patterns((language, "en"), name)
        for line in lines:
            norm = norm_line(line)
            want = next((k for k, rx in enumerate(patterns) if rx.search(norm)), None)
            assert index_of(patterns).first_match(norm) == want, (language, line)


#: Literals that start alike, end alike, overlap and hold pattern syntax ("c)", "a.b").
SCAN_LITERALS = ("ad", "ads", "advert", "dv", "vert", "er", "c)", "a.b", " to ", "to", "o t", "ss")


def _found(literals: tuple[str, ...], text: str) -> set[str]:
    """The literals :func:`literal_scan` reports, with those they start with."""
    scan = literal_scan(literals)
    return {lit for longest in scan.findall(text) for lit in literals if longest.startswith(lit)}


@given(st.text(alphabet="adverts toc).b", max_size=40))
def test_literal_scan_finds_every_literal_a_line_holds(text: str) -> None:
    assert _found(SCAN_LITERALS, text) == {lit for lit in SCAN_LITERALS if lit in text}


def test_literal_scan_gives_the_longest_literal_at_each_position() -> None:
    assert literal_scan(SCAN_LITERALS).findall("go to it") == ["o t", " to ", "to"]
    assert literal_scan(SCAN_LITERALS).findall("adverts") == ["advert", "dv", "vert", "er"]
    assert literal_scan(()) is None
