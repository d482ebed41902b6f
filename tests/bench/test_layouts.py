"""``bench/layouts.py``: the text dumps rewritten as other scrapers write them."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.data import load_set  # noqa: E402
from bench.layouts import LAYOUTS, WIDTH, blank_lines, evaluate_layouts, wrapped, wrapped_tight  # noqa: E402
from bench.report import layout_table  # noqa: E402

DUMP = "Home\n" + "The council met on Tuesday evening to discuss the proposal for the town. " * 3 + "\nShare\n"


def test_layouts_keep_every_word_and_change_only_white_space() -> None:
    for layout in LAYOUTS.values():
        assert layout(DUMP).split() == DUMP.split()
    assert blank_lines(DUMP) == "Home\n\n" + DUMP.split("\n")[1] + "\n\nShare\n\n"
    assert all(len(line) <= WIDTH for line in wrapped(DUMP).split("\n"))
    assert "\n\n" in wrapped(DUMP) and "\n\n" not in wrapped_tight(DUMP).rstrip("\n")
    assert len(wrapped_tight(DUMP).split("\n")) > len(DUMP.split("\n"))


def test_every_layout_is_cleaned_and_scored(tmp_path: Path) -> None:
    root = tmp_path / "bench"
    for folder, text in (("text", DUMP), ("gold", DUMP.split("\n")[1])):
        (root / "tiny" / folder).mkdir(parents=True)
        (root / "tiny" / folder / "p1.txt").write_text(text, encoding="utf-8")
    bset = load_set("tiny", root)
    seen: list[str] = []

    def clean_folder(raw: Path, clean: Path) -> dict:
        seen.append((raw / "p1.txt").read_text(encoding="utf-8"))
        shutil.copytree(raw, clean)
        return {}

    def read(b, clean: Path) -> dict[str, str]:
        return {"p1": (clean / "p1.txt").read_text(encoding="utf-8").replace("Home", "").replace("Share", "")}

    rows = evaluate_layouts(bset, tmp_path / "work", clean_folder, read)
    assert [r["layout"] for r in rows] == list(LAYOUTS)
    assert seen == [layout(DUMP) for layout in LAYOUTS.values()]
    assert all(r["summary"]["f1"] == 1.0 for r in rows)  # same words, whatever the layout
    table = layout_table({"layouts": rows})
    assert table.count("\n") == len(LAYOUTS) + 1 and "1.000/1.000/1.000" in table
