"""The in-memory API: ``cleaner.clean_document`` on :class:`cleaner.Document`."""
from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import Document
from cleaner.reader import Rejected

ARTICLE = ("The council met on Tuesday evening to discuss the proposal, and members said that the "
           "plan would change how the town spends its money over the next ten years.")
TEXT = f"Home\nNews\n{ARTICLE}\nAdvertisement\nLeave a Reply\n"
PAGE = (f"<html><head><title>Council</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Council votes</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
        f"<footer>Advertisement</footer></body></html>")


def test_text_document_is_cleaned_like_clean_text_and_keeps_id_and_metadata() -> None:
    doc = Document("a1", TEXT, {"source": "crawl-7"})
    out = cleaner.clean_document(doc)
    assert out.id == "a1" and out.metadata["source"] == "crawl-7"
    assert out.text == cleaner.clean_text(TEXT).text and ARTICLE in out.text
    side = out.metadata["cleaner"]
    assert side["format"] == "text" and side["offsets"]
    removed = {(r["text"], r["category"], r["rule"]) for r in side["removed"]}
    assert ("Advertisement\n", "ad", "phrase.line") in removed
    assert ("Leave a Reply\n", "comments", "phrase.line") in removed
    kept = "".join(TEXT[a:b] for a, b in _gaps(side["removed"], len(TEXT)))
    assert kept == out.text  # the record replays exactly to the output
    assert doc.text == TEXT and "cleaner" not in doc.metadata  # the input is not changed


def test_html_document_sniffed_or_named_by_metadata() -> None:
    out = cleaner.clean_document(Document("p", PAGE))
    assert out.metadata["cleaner"]["format"] == "html"
    assert out.text == cleaner.clean_html(PAGE).text and ARTICLE in out.text
    as_text = cleaner.clean_document(Document("p", PAGE, {"format": "text"}))
    assert as_text.metadata["cleaner"]["format"] == "text"


def test_empty_document_is_rejected() -> None:
    with pytest.raises(Rejected):
        cleaner.clean_document(Document("e", "  \n"))


def _gaps(removed: list[dict], size: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for r in sorted(removed, key=lambda r: r["start"]):
        out.append((pos, r["start"]))
        pos = r["end"]
    return [*out, (pos, size)]


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError):
        cleaner.clean_document(Document("x", "plain text here"), fmt="xml")


def _decisions(text: str) -> list[tuple[str, str, str]]:
    result = cleaner.clean_text(text)
    return [(result.source[s.start:s.end].strip(), s.category, s.rule) for s in result.removed]


@pytest.mark.parametrize("name", ["news/council-vote.txt", "blogs/allotment-diary.txt", "de/zwetschgendatschi.txt",
                                  "landing/business-section.txt", "pl/autobusy-nocne.txt"])
def test_blank_lines_between_blocks_change_no_decision(name: str) -> None:
    """One scrape writes a page one block per line, another puts a blank line between blocks:
    the same lines are removed, by the same rules, and the article reads the same."""
    text = (Path(__file__).parents[1] / "raw" / name).read_text(encoding="utf-8")
    spaced = "\n\n".join(text.split("\n"))
    assert _decisions(spaced) == _decisions(text)
    assert cleaner.clean_text(spaced).text.split() == cleaner.clean_text(text).text.split()


def test_warm_up_loads_what_the_first_document_would() -> None:
    """A worker warms up before its first document's time limit starts (else a short limit
    times out the first document while the line model and language profiles load)."""
    import subprocess
    import sys

    code = (
        "from cleaner.config import Config\n"
        "from cleaner.detect.model import load_model\n"
        "from cleaner.language import detect_language\n"
        "from cleaner.pipeline import warm_up\n"
        "assert load_model.cache_info().currsize == 0\n"
        "warm_up(Config()); warm_up(Config())\n"
        "print(load_model.cache_info().currsize, detect_language.cache_info().misses, warm_up.cache_info().hits)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "1" and int(out[1]) >= 1 and out[2] == "1"


def test_a_page_flattened_to_one_line_is_not_removed_by_the_phrase_its_menu_starts_with() -> None:
    """A scraper that joined a page into one line: "Skip to main content" opens it, but the
    line holds the article; over ``phrase_max_words`` words no phrase matches it, and it stays."""
    flat = " ".join(["Skip to main content Home News Sports", *[ARTICLE] * 6, "Leave a Reply"])
    assert len(flat.split()) > cleaner.Config().phrase_max_words
    result = cleaner.clean_text(flat + "\n")
    assert result.removed == [] and result.text == flat + "\n"
    short = cleaner.clean_text("Skip to main content Home News Sports\n" + ARTICLE + "\n")
    assert [(s.category, s.rule) for s in short.removed][:1] == [("navigation", "phrase.start")]


def test_phrase_max_words_is_a_setting() -> None:
    flat = " ".join(["Skip to main content Home News Sports", *[ARTICLE] * 6])
    result = cleaner.clean_text(flat + "\n", cleaner.Config(phrase_max_words=1000))
    assert [(s.category, s.rule) for s in result.removed] == [("navigation", "phrase.start")]
    with pytest.raises(ValueError):
        cleaner.Config(phrase_max_words=0)
