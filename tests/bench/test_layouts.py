"""``bench/layouts.py``: the text dumps rewritten as other scrapers write them."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.data import load_set  # noqa: E402
from bench.layouts import WIDTH, blank_lines, evaluate_layouts, layouts, markdown, reader_text, wrapped, wrapped_tight  # noqa: E402
from bench.report import layout_table  # noqa: E402

DUMP = "Home\n" + "The council met on Tuesday evening to discuss the proposal for the town. " * 3 + "\nShare\n"


def test_layouts_keep_every_word_and_change_only_white_space(tmp_path: Path) -> None:
    dump = tmp_path / "p1.txt"
    dump.write_text(DUMP, encoding="utf-8")
    for layout in layouts()[:4]:
        assert layout.write(None, "p1", dump).split() == DUMP.split()
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

    chosen = layouts()[:4]
    rows = evaluate_layouts(bset, tmp_path / "work", clean_folder, read, chosen)
    assert [r["layout"] for r in rows] == [layout.name for layout in chosen]
    assert seen == [DUMP, blank_lines(DUMP), wrapped(DUMP), wrapped_tight(DUMP)]
    assert all(r["summary"]["f1"] == 1.0 for r in rows)  # same words, whatever the layout
    table = layout_table({"layouts": rows})
    assert table.count("\n") == len(chosen) + 1 and "1.000/1.000/1.000" in table


PAGE = ("<html><head><script>var tracking = 1;</script><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><img src='logo.png' alt='Logo'>"
        "<p>The council met on <em>Tuesday</em> to discuss the <a href='/plan'>transport plan</a>.</p></body></html>")


def test_markdown_layouts_come_from_the_html_and_are_scored_as_read() -> None:
    import pytest

    pytest.importorskip("markdownify")
    assert [l.name for l in layouts()][4:] == ["Markdown (markdownify; scored as read)",
                                               f"Markdown wrapped at {WIDTH} (scored as read)"]
    md = markdown(PAGE)
    assert "[transport plan](/plan)" in md and "[Home](/)" in md and "tracking" not in md and "color" not in md
    seen = reader_text(md)
    assert "transport plan" in seen and "(/plan)" not in seen and "logo.png" not in seen and "_" not in seen
    assert seen.split()[:2] == ["Home", "News"]
    long = PAGE.replace("to discuss the", "to discuss, at length and with many members speaking, the")
    assert all(len(line) <= WIDTH for line in markdown(long, wrap=True).split("\n") if "](" not in line)
