"""The line model's second stage: stacking features and the two-stage model."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from cleaner.detect import detect
from cleaner.detect import model as model_module
from cleaner.detect.linefeatures import FEATURES
from cleaner.detect.model import MODEL_PATH, load_model, model_from_dict, score_lines
from cleaner.detect.stacking import SECOND_FEATURES, STACK_FEATURES, stack_vectors

from .conftest import context, paragraphs

COL = {name: k for k, name in enumerate(SECOND_FEATURES)}


def _rows(words: list[int]) -> np.ndarray:
    x = np.zeros((len(words), len(FEATURES)))
    x[:, FEATURES.index("log_words")] = np.log1p(words)
    return x


def test_shipped_model_has_a_second_stage() -> None:
    model = load_model()
    assert model is not None and model.stack is not None
    assert model.stack.features == SECOND_FEATURES == (*FEATURES, *STACK_FEATURES)


def test_windows_skip_blank_lines_and_count_decided_lines_as_boilerplate() -> None:
    x = _rows([5, 0, 20, 3, 8])
    p = np.array([0.2, 0.9, 0.1, 0.7, 0.4])
    decided = np.array([False, False, False, True, False])
    s = stack_vectors(x, p, decided)
    assert s.shape == (5, len(SECOND_FEATURES))
    assert np.array_equal(s[:, : len(FEATURES)], x)
    assert s[2, COL["first_p"]] == 0.1
    assert s[2, COL["prev_p"]] == 0.2 and s[2, COL["next_p"]] == 1.0  # the blank line skipped, decided = 1
    assert s[2, COL["mean1_p"]] == pytest.approx(0.6) and s[2, COL["max1_p"]] == 1.0
    assert s[0, COL["prev_p"]] == 1.0  # before the page counts as boilerplate
    assert s[1, COL["first_p"]] == 0.9 and not s[1, len(FEATURES) + 1:].any()  # blank: only its own p
    assert s[2, COL["p_over_page_min"]] == 0.0 and s[2, COL["p_rank"]] == 0.0  # the page's surest article line


def test_soft_region_is_the_run_the_first_stage_keeps() -> None:
    x = _rows([3, 3, 30, 25, 2, 3, 3])
    p = np.array([0.9, 0.8, 0.1, 0.2, 0.45, 0.9, 0.95])
    s = stack_vectors(x, p, np.zeros(7, dtype=bool))
    assert s[:, COL["in_soft_region"]].tolist() == [0, 0, 1, 1, 1, 0, 0]
    assert s[0, COL["dist_soft_region"]] == pytest.approx(2 / 30)
    assert s[0, COL["soft_region_words"]] == pytest.approx(math.log1p(57))
    assert s[0, COL["page_kept_words"]] == pytest.approx(57 / 69)


def test_empty_page() -> None:
    assert stack_vectors(np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0, dtype=bool)).shape == (0, len(SECOND_FEATURES))


def test_one_stage_model_scores_as_before() -> None:
    stump = {"feature": [0, 0, 0], "threshold": [1.0, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    model = model_from_dict({"features": list(FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [stump]})
    x = _rows([1, 4])
    s = score_lines(model, x, np.zeros(2, dtype=bool))
    assert s.last_model is model and np.allclose(s.first, model.score(x)[0]) and np.array_equal(s.last, s.first)


def test_decided_and_blank_lines_are_not_scored() -> None:
    stump = {"feature": [0, 0, 0], "threshold": [1.0, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    model = model_from_dict({"features": list(FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [stump]})
    s = score_lines(model, _rows([1, 0, 4]), np.array([True, False, False]))
    assert s.first[0] == 1.0 and s.first[1] == 1.0 and s.first[2] == pytest.approx(1 / (1 + math.exp(2.0)))


def test_second_stage_decides_on_the_first_stage_probability() -> None:
    first = {"feature": [0, 0, 0], "threshold": [1.0, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    k = COL["first_p"]
    second = {"feature": [k, 0, 0], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, 3.0, -3.0]}
    data = {"features": list(FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [first],
            "stack": {"features": list(SECOND_FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [second]}}
    model = model_from_dict(data)
    s = score_lines(model, _rows([1, 4]), np.zeros(2, dtype=bool))
    p, last = s.last, s.last_model
    assert last is model.stack and s.first[0] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert p[0] == pytest.approx(1 / (1 + math.exp(-3.0)))  # first stage: p = 0.88 -> boilerplate
    assert p[1] == pytest.approx(1 / (1 + math.exp(3.0)))
    assert last.explain(last.score(s.last_rows[:1])[1][0]) == [("first_p", -3.0)]
    assert np.allclose(last.probability(s.last_rows), p)


def test_stale_second_stage_is_refused() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["stack"]["features"] = data["stack"]["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        model_from_dict(data)


def test_a_prose_line_goes_only_when_both_stages_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    always = {"feature": [0, 0, 0], "threshold": [-1.0, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1]}
    first = {**always, "value": [0.0, 0.0, -5.0]}  # every line: boilerplate (p = 0.993)
    second = {**always, "value": [0.0, 0.0, 5.0]}  # every line: article
    data = {"features": list(FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [first],
            "stack": {"features": list(SECOND_FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [second]}}
    monkeypatch.setattr(model_module, "load_model", lambda: model_from_dict(data))
    menu = ["Weather", "Traffic", "Lottery results"]
    ctx = detect(context([*menu, *paragraphs(3)]))
    got = {ctx.lines[i].text: d for i, d in ctx.decided.items()}
    assert set(got) == set(menu)  # the prose lines: the second stage says article
    assert all(d.rule == "model.line" and d.evidence == "log_words-5.0" for d in got.values())
    assert got["Weather"].score == pytest.approx(1 / (1 + math.exp(-5.0)))


def test_menu_removed_by_the_stacked_model_with_evidence() -> None:
    menu = ["Weather", "Traffic", "Lottery results", "Horoscopes", "Puzzles", "Jobs", "Dating"]
    ctx = detect(context([*menu, *paragraphs(6), *menu]))
    removed = [d for i, d in ctx.decided.items() if ctx.lines[i].text in menu]
    assert removed and all(d.rule == "model.line" and d.category == "navigation" for d in removed)
    names = {part.rsplit("+", 1)[0].rsplit("-", 1)[0] for d in removed for part in d.evidence.split()}
    assert names <= set(SECOND_FEATURES)
    assert not any(ctx.lines[i].text in paragraphs(6) for i in ctx.decided)
