"""Unit tests of bench.metrics and bench.baselines on tiny hand-made inputs (no shared data)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.baselines import c4_keep_line, c4_lines  # noqa: E402
from bench.diagnose import gold_loss, worst_records  # noqa: E402
from bench.metrics import (  # noqa: E402
    PageScore,
    SnippetCounts,
    aggregate_pages,
    comment_leak,
    page_score,
    shingles,
    snippet_counts,
    snippet_prf,
    tokenize,
)


def test_tokenize_lowercases_word_tokens() -> None:
    assert tokenize("Hello, World! Straße_1 — ok") == ["hello", "world", "straße_1", "ok"]


def test_shingles_are_a_multiset_of_4_grams() -> None:
    sh = shingles("a b c d a b c d")
    assert sum(sh.values()) == 5
    assert sh[("a", "b", "c", "d")] == 2


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert shingles("Just two") == Counter({("just", "two"): 1})
    assert shingles("  ... ") == Counter()


def test_page_score_counts_multiset_matches() -> None:
    gold = "one two three four five six"  # 3 shingles
    pred = "one two three four five six seven eight"  # 5 shingles, 3 match
    score = page_score(pred, gold)
    assert (score.matched, score.predicted, score.gold) == (3, 5, 3)
    assert score.precision == pytest.approx(0.6)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(0.75)


def test_repeated_shingle_matches_at_most_gold_count() -> None:
    score = page_score("a b c d a b c d", "a b c d")
    assert (score.matched, score.predicted, score.gold) == (1, 5, 1)


def test_empty_prediction_has_precision_zero() -> None:
    score = page_score("", "one two three four")
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_empty_gold_conventions() -> None:
    assert (PageScore(0, 0, 0).precision, PageScore(0, 0, 0).recall) == (1.0, 1.0)
    assert (PageScore(0, 7, 0).precision, PageScore(0, 7, 0).recall) == (0.0, 1.0)


def test_short_pages_match_only_exactly() -> None:
    assert page_score("Breaking news", "breaking NEWS!").f1 == 1.0
    assert page_score("Breaking news today", "breaking news").f1 == 0.0


def test_aggregate_averages_p_and_r_then_takes_harmonic_mean() -> None:
    pages = [PageScore(3, 5, 3), PageScore(1, 1, 4)]  # P .6, 1 ; R 1, .25
    result = aggregate_pages(pages)
    assert result.precision == pytest.approx(0.8)
    assert result.recall == pytest.approx(0.625)
    assert result.f1 == pytest.approx(2 * 0.8 * 0.625 / 1.425)
    assert result.n == 2


def test_aggregate_of_nothing_is_zero() -> None:
    assert aggregate_pages([]).f1 == 0.0


def test_snippets_collapse_whitespace_and_are_case_sensitive() -> None:
    text = "The  quick\nbrown fox.\nMenu Home"
    counts = snippet_counts(text, ["quick brown", "lazy dog", "The Quick"], ["Menu  Home", "Login"])
    assert counts == SnippetCounts(tp=1, fn=2, fp=1, tn=1)


def test_snippet_prf_sums_over_the_corpus() -> None:
    total = SnippetCounts(tp=3, fn=1, fp=1, tn=5) + SnippetCounts(tp=1, fn=1, fp=0, tn=2)
    result = snippet_prf(total)
    assert (total.tp, total.fn, total.fp, total.tn) == (4, 2, 1, 7)
    assert result.precision == pytest.approx(0.8)
    assert result.recall == pytest.approx(4 / 6)
    assert result.f1 == pytest.approx(8 / 11)


def test_comment_leak_ignores_copies_owed_to_the_article() -> None:
    gold = "w1 w2 w3 w4"
    comments = "w1 w2 w3 w4 c5 c6"  # 3 shingles, one also in the article
    assert comment_leak("w1 w2 w3 w4", gold, comments) == (0, 3)
    assert comment_leak("w1 w2 w3 w4 c5 c6", gold, comments) == (2, 3)
    assert comment_leak("x w1 w2 w3 w4\nw1 w2 w3 w4 c5 c6", gold, comments) == (3, 3)


def test_c4_line_rule() -> None:
    assert c4_keep_line("  This is a sentence.  ")
    assert c4_keep_line("He said \u201cyes\u201d")
    assert not c4_keep_line("Too short.")
    assert not c4_keep_line("No terminal punctuation here")
    assert not c4_keep_line("Please enable JavaScript to view this.")
    assert c4_lines("Home\nThis is kept, surely.\nLorem ipsum dolor sit amet.".encode()) == "This is kept, surely."


def test_gold_loss_charges_each_lost_shingle_once() -> None:
    gold = shingles("a b c d e f g")  # 4 shingles
    pred = shingles("a b c d")  # keeps 1
    removed = [
        {"rule": "r.one", "text": "b c d e f"},  # 2 lost shingles
        {"rule": "r.two", "text": "c d e f g"},  # 2, one already charged to r.one
        {"rule": "r.none", "text": "x y z w"},
    ]
    loss = gold_loss(removed, pred, gold)
    assert loss.lost == 3
    assert loss.by_rule == Counter({"r.one": 2, "r.two": 1})
    assert loss.worst_span is not None and loss.worst_span["rule"] == "r.one"


def test_worst_records_order() -> None:
    gold_records = [{"id": "a", "f1": 0.5}, {"id": "b", "f1": 0.1}, {"id": "c", "f1": 0.9}]
    assert [r["id"] for r in worst_records("gold", gold_records, k=2)] == ["b", "a"]
    snip = [{"id": "a", "fn": 1, "fp": 0}, {"id": "b", "fn": 0, "fp": 2}, {"id": "c", "fn": 0, "fp": 0}]
    assert [r["id"] for r in worst_records("snippets", snip)] == ["b", "a"]
