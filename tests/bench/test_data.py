"""``bench/data.py``: reading the benchmark sets, with their data fixes."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.data import load_set  # noqa: E402


def test_a_gold_file_that_still_holds_its_comments_is_split_at_dragnets_separator(tmp_path: Path) -> None:
    """Seven Dragnet gold files keep the page's comments after "!@#$%^&*()  COMMENTS" and have
    no comments file: the article is what comes before, the comments what follows the label."""
    root = tmp_path / "bench"
    for folder in ("text", "gold", "comments"):
        (root / "tiny" / folder).mkdir(parents=True)
    article, comments = "The council met on Tuesday.\n\n", "Jane July 2, 2012\n\nGreat post!\n"
    (root / "tiny" / "text" / "p1.txt").write_text("x", encoding="utf-8")
    (root / "tiny" / "gold" / "p1.txt").write_text(f"{article}!@#$%^&*()  COMMENTS\n\n{comments}", encoding="utf-8")
    (root / "tiny" / "text" / "p2.txt").write_text("x", encoding="utf-8")
    (root / "tiny" / "gold" / "p2.txt").write_text(article, encoding="utf-8")
    (root / "tiny" / "comments" / "p2.txt").write_text(comments, encoding="utf-8")
    bset = load_set("tiny", root)
    assert bset.gold("p1") == article and bset.comments("p1").strip() == comments.strip()
    assert bset.gold("p2") == article and bset.comments("p2") == comments
