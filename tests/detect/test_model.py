"""The learned line model: loading, inference, explanations, and its rule in the pipeline."""
from __future__ import annotations

import json
import math

import pytest

from cleaner.config import Config
from cleaner.detect.linefeatures import FEATURES
from cleaner.detect.model import MODEL_PATH, load_model, model_from_dict

from .conftest import decisions, paragraphs


def test_shipped_model_matches_the_features() -> None:
    model = load_model()
    assert model is not None and model.features == FEATURES and model.feature.shape[0] > 10


def test_scores_and_explanation_of_a_stump_and_a_deeper_tree() -> None:
    stump = {"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    deep = {"feature": [1, 0, 0, 0, 0], "threshold": [0.5, 0.5, 0, 0, 0], "left": [1, 3, -1, -1, -1],
            "right": [2, 4, -1, -1, -1], "value": [0.0, -1.0, 1.0, -1.5, -0.5]}
    data = {"features": list(FEATURES), "init": 0.0, "learning_rate": 1.0, "trees": [stump, deep]}
    model = model_from_dict(data)
    low, high = [0.0] * len(FEATURES), [1.0] * len(FEATURES)
    p, contrib = model.score([low, high])
    assert p[0] == pytest.approx(1 / (1 + math.exp(-3.5)))  # logit -2 - 1.5
    assert p[1] == pytest.approx(1 / (1 + math.exp(3.0)))  # logit 2 + 1
    assert model.explain(contrib[0]) == [(FEATURES[0], -2.5), (FEATURES[1], -1.0)]
    assert model.explain(contrib[1]) == []


def test_explanations_of_many_rows_at_once_equal_one_by_one() -> None:
    """``explain_rows`` sorts all rows at once; each row's answer is what sorting that row
    alone gives (ties in the features' order), also when hidden features (the HTML ones, for a
    text document) sit among the strongest."""
    import numpy as np

    def one(row: np.ndarray, hide: frozenset[str]) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        for f in np.argsort(row, kind="stable").tolist():
            if len(out) == 3 or row[f] >= 0:
                break
            if FEATURES[f] not in hide:
                out.append((FEATURES[f], round(float(row[f]), 2)))
        return out

    model = load_model()
    rng = np.random.default_rng(0)
    contrib = rng.normal(size=(50, len(FEATURES))).round(1)  # ties and zeros included
    hide = frozenset(FEATURES[-6:])
    contrib[:, -6:] -= 5.0
    many = model.explain_rows(contrib, hide=hide)
    assert many == [one(row, hide) for row in contrib]
    assert model.explain(contrib[0], hide=hide) == many[0]
    assert all(len(top) == 3 and not {name for name, _ in top} & hide for top in many)


def test_stale_model_is_refused() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        model_from_dict(data)


def test_menu_removed_by_the_model_with_score_and_evidence() -> None:
    menu = ["Weather", "Traffic", "Lottery results", "Horoscopes", "Puzzles", "Jobs", "Dating"]
    got = decisions([*menu, *paragraphs(6), *menu])
    removed = [t for t in menu if t in got]
    assert removed and all(got[t][1] == "model.line" for t in removed)
    assert not set(paragraphs(6)) & set(got)


def test_model_off_uses_the_fallback_rules() -> None:
    menu = ["Weather", "Traffic", "Lottery results", "Horoscopes", "Puzzles"]
    got = decisions([*menu, *paragraphs(6)], Config(line_model=False))
    assert {rule for _cat, rule in got.values()} <= {"zone.outside", "phrase.line", "phrase.start", "phrase.regex", "phrase.contains"}
    assert got["Horoscopes"] == ("navigation", "zone.outside")


def test_scoring_in_chunks_gives_the_same_scores(monkeypatch) -> None:
    """A huge page is scored ``CHUNK_ROWS`` rows at a time, with the same results."""
    import numpy as np

    from cleaner.detect import model as model_module

    shipped = load_model()
    rows = np.random.default_rng(0).random((50, len(FEATURES)))
    whole_p, whole_c = shipped.score(rows)
    monkeypatch.setattr(model_module, "CHUNK_ROWS", 7)
    chunked_p, chunked_c = shipped.score(rows)
    assert np.array_equal(whole_p, chunked_p) and np.array_equal(whole_c, chunked_c)
    assert np.array_equal(shipped.probability(rows), whole_p)


def test_explanations_from_leaves_equal_the_walks(monkeypatch) -> None:
    """Contributions read off the leaves a row reached are the walk's, to the bit, in both
    stages; beyond ``CHUNK_ROWS`` rows no leaves are kept and the rows are walked again."""
    import numpy as np

    from cleaner.detect import model as model_module
    from cleaner.detect.stacking import SECOND_FEATURES

    shipped = load_model()
    rng = np.random.default_rng(1)
    for stage, width in ((shipped, len(FEATURES)), (shipped.stack, len(SECOND_FEATURES))):
        rows = rng.random((40, width)) * rng.choice([1.0, 5.0, 50.0], size=(40, width))
        p, contributions = stage.score(rows)
        q, leaves = stage.probability_and_leaves(rows)
        assert np.array_equal(p, q) and np.array_equal(stage.contributions(rows, leaves), contributions)
    monkeypatch.setattr(model_module, "CHUNK_ROWS", 7)
    assert shipped.probability_and_leaves(rows[:, : len(FEATURES)])[1] is None


def test_a_huge_page_keeps_no_leaves_and_explains_the_same(monkeypatch) -> None:
    import numpy as np

    from cleaner.detect import model as model_module
    from cleaner.detect.model import score_lines

    shipped = load_model()
    rows = np.random.default_rng(2).random((30, len(FEATURES))) * 20
    decided = np.zeros(30, dtype=bool)
    small = score_lines(shipped, rows, decided)
    monkeypatch.setattr(model_module, "CHUNK_ROWS", 7)
    huge = score_lines(shipped, rows, decided)
    assert huge.first_leaves is None and huge.last_leaves is None
    assert np.array_equal(small.first, huge.first) and np.array_equal(small.last, huge.last)
    for stage in (shipped, shipped.stack):
        assert np.array_equal(small.explain_rows(stage, [0, 5, 29]), huge.explain_rows(stage, [0, 5, 29]))


def test_a_bio_the_model_removes_is_named_author_bio_not_its_neighbours_category() -> None:
    # The bio sits among navigation and share lines; the model removes it before the
    # author_bio rule sees it, and its shape (bio_lines.txt) names its category.
    bio = "Tomas is a travel writer based in Porto. He has written for several magazines and loves old trams."
    tail = ["Tags: travel, trams", "Share this:", "Facebook", "Twitter", "Related",
            "Why the trams of Lisbon are yellow", "The best day trips from Porto", "About Tomas Silva",
            bio, "View all posts by Tomas Silva", "← Previous Post", "Next Post →"]
    got = decisions([*paragraphs(6), *tail])
    assert got[bio] == ("author_bio", "model.line")
    assert got["Share this:"][0] == "share"



def test_a_removed_run_takes_the_category_of_the_phrase_heading_it() -> None:
    """Tags under "Tags:" are navigation, though share buttons stand just above the heading;
    a "Follow" button heads nothing, nor does a heading over a line the model keeps."""
    from cleaner.detect import detect
    from cleaner.detect.model import _heading_category

    from .conftest import context

    lines = [*paragraphs(4), "Share", "Facebook", "Tags:", "Płock", "bridges", "Follow", "Jane Doe"]
    ctx = detect(context(lines), stop_before="model.line")
    assert (ctx.decided[5].category, ctx.decided[6].category, ctx.decided[9].category) == ("share", "navigation", "share")
    removing = {7, 8, 10}
    assert [_heading_category(ctx, i, removing) for i in (7, 8)] == ["navigation", "navigation"]
    assert _heading_category(ctx, 10, removing) == ""  # under "Follow"
    assert _heading_category(ctx, 8, {8}) == ""  # "Płock" is kept: "bridges" has no heading
    far = detect(context(["Tags:", *[f"tag{n}" for n in range(20)]]), stop_before="model.line")
    assert _heading_category(far, 15, set(range(1, 21))) == "navigation"
    assert _heading_category(far, 16, set(range(1, 21))) == ""  # beyond HEADING_REACH
