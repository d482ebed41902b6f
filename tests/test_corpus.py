"""The corpus pass's counting: line keys and how many documents hold each."""
from __future__ import annotations

from cleaner.corpus import LineCounter, document_keys, line_key
from cleaner.state import pack_keys


def test_keys_fold_case_digits_and_punctuation() -> None:
    assert line_key("Home | News") == line_key("home news") and line_key("Page 2 of 9") == line_key("page 7 of 1")
    assert line_key("   ") is None
    assert document_keys(["Home", "home", "", "Contact us"]) == {line_key("Home"), line_key("Contact us")}


def test_counts_and_repeated_from_plain_and_packed_keys() -> None:
    counter = LineCounter()
    counter.add([1, 2, 3])
    counter.add(pack_keys([2, 3, 2**64 - 1]))  # as the state stores them
    counter.add({3})
    counter.add(pack_keys([]))
    assert counter.counts == {1: 1, 2: 2, 3: 3, 2**64 - 1: 1}
    assert counter.repeated(2) == {2, 3} and counter.repeated(3) == {3} and counter.repeated(0) == frozenset()
    assert LineCounter().repeated(1) == frozenset()
