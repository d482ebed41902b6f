"""The line-model trainer: snippet labels, and the export the package scores with."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.train_lines import _gold_labels, _snippet_labels, _keys, export, page_fold, page_id, page_rows
from cleaner.corpus import document_keys
from cleaner.detect.linefeatures import FEATURES
from cleaner.detect.model import model_from_dict


def test_snippet_labels_mark_only_the_lines_holding_a_snippet() -> None:
    lines = ["The  article sentence here.", "Subscribe to our newsletter", "Menu", "", "both a good b bad"]
    label, weight = _snippet_labels(lines, ["article sentence", "a good"], ["newsletter", "b bad"])
    assert label.tolist() == [1, 0, 0, 0, 0]
    assert weight[0] == pytest.approx(2.0) and weight[1] == pytest.approx(np.sqrt(4))
    assert weight[2] == weight[3] == weight[4] == 0  # unlabelled, blank, and both kinds


def test_gold_labels_need_the_line_words_in_order() -> None:
    label, weight = _gold_labels(["Hello world!", "world hello", "Footer"], "Intro. Hello, world! More.")
    assert label.tolist() == [1, 0, 0] and weight.tolist() == pytest.approx([np.sqrt(2), np.sqrt(2), 1.0])


def test_text_and_html_forms_of_a_page_share_a_fold() -> None:
    assert page_id(Path("a.b.de-x.html.gz")) == "a.b.de-x"
    assert page_fold(Path("t/a.b.de-x.txt")) == page_fold(Path("h/a.b.de-x.html.gz"))


def test_exported_model_scores_like_scikit_learn() -> None:
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    x = rng.random((600, len(FEATURES)))
    y = (x[:, 0] + 0.5 * x[:, 3] + 0.2 * rng.random(600) > 0.9).astype(int)
    fitted = ensemble.HistGradientBoostingClassifier(max_iter=20, max_depth=4, random_state=0).fit(x, y)
    model = model_from_dict(export(fitted, FEATURES, "test"))
    p, contributions = model.score(x[:50])
    assert np.allclose(p, fitted.predict_proba(x[:50])[:, 0])
    assert np.allclose(model.probability(x[:50]), p)
    assert contributions.shape == (50, len(FEATURES))


ARTICLE = ("The council met on Tuesday to discuss the new budget for the coming year. "
           "Members agreed that the library should stay open on Sundays from now on.")


@pytest.mark.parametrize("name,body", [
    ("page.txt", f"Home\n\nSubscribe to our newsletter\n\n{ARTICLE}\n\nShare on Facebook\n"),
    ("page.html", f"<html><body><nav>Home</nav><article><p>{ARTICLE}</p></article>"
                  "<footer>Subscribe to our newsletter</footer></body></html>"),
])
def test_page_rows_gives_one_row_per_line_in_both_modes(tmp_path: Path, name: str, body: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    page = page_rows((path, ("gold", ARTICLE), frozenset()))
    assert page is not None and page["x"].shape[1] == len(FEATURES)
    n = page["x"].shape[0]
    assert len(page["y"]) == len(page["train"]) == len(page["decided"]) == n
    article = [i for i in range(n) if page["y"][i] == 1]
    assert article and all(page["train"][i] for i in article)  # the article's line trains the model
    assert page["decided"].any()  # the phrase rules took the newsletter prompt before the model


def test_keys_are_the_corpus_pass_keys_of_the_page_lines(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"Home\n\n{ARTICLE}\n", encoding="utf-8")
    assert _keys(path) == document_keys(["Home", ARTICLE])
    assert _keys(tmp_path / "missing.txt") == set()
