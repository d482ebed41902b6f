"""Lines, normalisation and replay: the invariant that the sidecar replays to the output."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Line, Span
from cleaner.spans import check_spans, delete, normalize, replay, split_lines


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb", "a\rb\r\n\nc", "", "x", "\n\n"])
def test_split_lines_covers_text(text: str) -> None:
    lines = split_lines(text)
    assert "".join(text[l.start : l.stop] for l in lines) == text
    for line in lines:
        assert line.text == text[line.start : line.end]
        assert "\n" not in line.text and "\r" not in line.text


@given(st.text(alphabet=st.sampled_from("ab \n\u2028\x0b\x85é"), max_size=30))
def test_split_lines_fast_path_equals_the_general_one(text: str) -> None:
    """Texts without ``\\r`` take a fast path; it must split exactly as the general one."""
    general = split_lines(text.replace("\n", "\r\n"))  # same lines, other line ends
    fast = split_lines(text)
    assert [l.text for l in fast] == [l.text for l in general]
    assert fast == _general(text)


def _general(text: str) -> list:
    from cleaner import spans

    lines = []
    pos, n = 0, len(text)
    for m in spans._LINE_RE.finditer(text):
        if m.start() == n and lines:
            break
        stop = m.end()
        end = stop - (1 if m.group().endswith("\n") else 0)
        lines.append(Line(len(lines), pos, end, stop, text[pos:end]))
        pos = stop
        if stop >= n:
            break
    return lines


def test_split_lines_line_ends() -> None:
    lines = split_lines("one\r\ntwo\rthree\nfour")
    assert [l.text for l in lines] == ["one", "two", "three", "four"]
    assert [l.stop - l.end for l in lines] == [2, 1, 1, 0]


def test_normalize_documented_steps() -> None:
    assert normalize("\n\n a  \r\n\r\n\r\nb\t\n\n") == " a\n\nb\n"
    assert normalize("  \n \n") == ""


def test_replay_removes_spans_and_normalises() -> None:
    src = "Menu\nTitle here\nBody text.\nShare\n"
    spans = [Span(0, 5, "navigation", "x"), Span(27, 33, "share", "y")]
    assert replay(src, spans) == "Title here\nBody text.\n"
    assert delete(src, spans) == "Title here\nBody text.\n"


def test_overlapping_or_unsorted_spans_are_refused() -> None:
    with pytest.raises(ValueError):
        check_spans([Span(0, 5, "ad", "r"), Span(3, 6, "ad", "r")], 10)
    with pytest.raises(ValueError):
        check_spans([Span(0, 11, "ad", "r")], 10)
