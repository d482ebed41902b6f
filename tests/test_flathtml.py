"""The flat renderer's text check: letters and digits counted fast, as ``str.isalnum`` does."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.flathtml import letters

_TRICKY = "aZ09_ -<>/é中ٳ²½\u0301\u200b\ud800\U0001d400"


@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=40))
def test_letters_counts_what_isalnum_holds_for(text: str) -> None:
    assert letters(text) == sum(map(str.isalnum, text))


def test_letters_of_markup() -> None:
    assert letters("<p>Über 3 Äpfel_!</p> 中文") == len("pÜber3Äpfelp中文")
