"""``bench/goldonly.py``: the gold files (pure article text) cleaned, and what went."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.data import load_set  # noqa: E402
from bench.goldonly import evaluate_gold_only  # noqa: E402
from bench.report import gold_only_table  # noqa: E402

GOLD = {"p1": "The council met on Tuesday.\nSEE ALSO: Bridge closed\n", "p2": "Rain fell all day.\n", "p3": "  \n"}
COMMENTS = "!@#$%^&*()  COMMENTS\nJane July 2, 2012\nGreat post!\n"


def _set(tmp_path: Path):
    root = tmp_path / "bench"
    for folder in ("text", "gold"):
        (root / "tiny" / folder).mkdir(parents=True)
    for page_id, gold in GOLD.items():
        (root / "tiny" / "text" / f"{page_id}.txt").write_text("Home\n" + gold, encoding="utf-8")
        (root / "tiny" / "gold" / f"{page_id}.txt").write_text(gold + (COMMENTS if page_id == "p2" else ""), encoding="utf-8")
    return load_set("tiny", root)


def test_the_gold_files_are_cleaned_and_every_removed_character_is_counted_by_rule(tmp_path: Path) -> None:
    staged: list[str] = []

    def clean_folder(raw: Path, clean: Path) -> dict:
        """A stand-in cleaner: removes every "SEE ALSO" line, as phrase.start would."""
        clean.mkdir(parents=True)
        for src in sorted(raw.glob("*.txt")):
            staged.append(src.name)
            text = src.read_text(encoding="utf-8")
            start = text.find("SEE ALSO")
            removed = [] if start < 0 else [{"start": start, "end": len(text), "rule": "phrase.start"}]
            (clean / f"{src.stem}.json").write_text(json.dumps({"chars_in": len(text), "removed": removed}))
        return {}

    row = evaluate_gold_only(_set(tmp_path), tmp_path / "work", clean_folder)
    assert staged == ["p1.txt", "p2.txt"]  # an empty gold file is not a document
    assert (tmp_path / "work" / "gold-tiny-raw" / "p2.txt").read_text(encoding="utf-8") == GOLD["p2"]  # no comments
    see_also = len("SEE ALSO: Bridge closed\n")
    total = len(GOLD["p1"]) + len(GOLD["p2"])
    assert row["set"] == "tiny" and row["chars_in"] == total
    assert row["by_rule"] == {"phrase.start": see_also} and row["removed_chars"] == see_also
    assert row["removed_share"] == round(see_also / total, 4)
    assert row["worst_pages"][0] == {"id": "p1", "removed_share": round(see_also / len(GOLD["p1"]), 4)}
    assert row["worst_pages"][1] == {"id": "p2", "removed_share": 0.0}
    table = gold_only_table({"gold_only": [row]})
    assert table.count("\n") == 2 and "`phrase.start`" in table and "`p1`" in table


def test_no_table_without_gold_sets() -> None:
    assert gold_only_table({"runs": []}) == ""
