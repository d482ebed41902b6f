"""Property-based invariants of the document cleaner on generated documents (hypothesis)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.pipeline import clean_html, clean_text
from cleaner.reader import Rejected, document_from_bytes

from .fuzz import ARTICLE, check, html_documents, text_documents

CONFIG = Config()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text_documents())
def test_text_replays_exactly_and_spans_are_disjoint(doc: str) -> None:
    check(clean_text(doc, CONFIG))


@FAST
@given(html_documents())
def test_html_replays_exactly_and_spans_are_disjoint(doc: str) -> None:
    check(clean_html(doc, CONFIG))


def _facts(result) -> tuple:
    return result.source, result.text, result.removed, result.flagged, result.metadata


@settings(max_examples=20, deadline=None)
@given(st.one_of(text_documents().map(lambda d: (d, False)), html_documents().map(lambda d: (d, True))))
def test_cleaning_is_deterministic(case: tuple[str, bool]) -> None:
    doc, is_html = case
    clean = clean_html if is_html else clean_text
    assert _facts(clean(doc, CONFIG)) == _facts(clean(doc, CONFIG))


@settings(max_examples=30, deadline=None)
@given(text_documents())
def test_cleaning_a_clean_output_again_removes_no_article_text(doc: str) -> None:
    first = clean_text(doc, CONFIG)
    again = clean_text(first.text, CONFIG)
    for paragraph in ARTICLE:
        if paragraph in first.text:
            assert paragraph in again.text


@pytest.mark.xfail(strict=True, reason="known limit: the model is not idempotent on a tiny page whose only "
                   "paragraph in another language opens it (found by hypothesis; see the session notes)")
def test_second_pass_keeps_a_foreign_language_paragraph_opening_a_tiny_page() -> None:
    doc = f"{ARTICLE[2]}\nHome\nNews\n\nNews\n{ARTICLE[0]}\n"
    first = clean_text(doc, CONFIG)
    assert ARTICLE[2] in first.text
    assert ARTICLE[2] in clean_text(first.text, CONFIG).text



_PIECES = st.sampled_from([
    "Grüße aus Köln. ".encode(), "Grüße aus Köln. ".encode("cp1252"), b"\x92s ", b"\x93x\x94 ",
    "Zażółć gęślą jaźń ".encode(), "Привет, мир ".encode("cp1251"), b"\xed\xa0\x80", b"\xc3", b"plain text ",
    b'<meta charset="iso-8859-1">', b"<meta charset=utf-8>", b"<p>", b"\x00", b"\xff\xfe",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.binary(max_size=40)), max_size=30), st.sampled_from([".txt", ".html"]))
def test_any_bytes_decode_the_same_way_twice_or_are_rejected(parts: list[bytes], suffix: str) -> None:
    """Mixed encodings, stray bytes, lone surrogates, NULs: decoding gives text (no escaped
    surrogate left) or a :class:`Rejected`, and the same bytes always give the same text."""
    data = b"".join(parts)
    try:
        doc = document_from_bytes(data, suffix, "x", len(data))
    except Rejected:
        return
    assert doc == document_from_bytes(data, suffix, "x", len(data))
    assert not any("\udc80" <= c <= "\udcff" for c in doc.text)
