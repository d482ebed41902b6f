"""The shared benchmark sets: where they are, their page ids, inputs and gold annotations."""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .metrics import Shingles, shingles

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SETS: tuple[str, ...] = ("trafilatura", "dragnet-train", "cleaneval-dev")
MODES: tuple[str, ...] = ("text", "html")
SUFFIX: dict[str, str] = {"text": ".txt", "html": ".html.gz"}


def bench_root() -> Path:
    """``$CLEANER_BENCH`` or ``../shared/bench`` next to the project root."""
    env = os.environ.get("CLEANER_BENCH")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "bench"


def read_text(path: Path) -> str:
    """A UTF-8 file's text ('' when the file is missing)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


MANGLED_BOM = "\ufffd\ufffd"
#: Dragnet's separator between a page's article and its comments ("!@#$%^&*()  COMMENTS").
#: Seven gold files (27, 39, 42, 158, 248, R136, R162) still hold their comments after it and
#: have no comments file: what follows it is the page's comments, not its article.
COMMENTS_SEPARATOR = "!@#$%^&*()"


def read_gold(path: Path) -> str:
    """A gold or comments file, repairing the few UTF-16 files stored with a mangled BOM.

    Four Dragnet gold files are UTF-16-LE whose byte-order mark became two U+FFFD when the
    set was converted; read as UTF-8 they hold one-letter "words", which no output matches.
    """
    text = read_text(path)
    if text.startswith(MANGLED_BOM) and "\x00" in text[:64]:
        raw = path.read_bytes()
        start = len(MANGLED_BOM.encode("utf-8"))
        return raw[start:].decode("utf-16-le", errors="replace")
    return text


@dataclass
class BenchSet:
    """One benchmark set: its folder and the page ids evaluated (sorted)."""

    name: str
    path: Path
    ids: list[str]
    _gold_shingles: dict[str, Shingles] = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str:
        """``"snippets"`` (trafilatura set) or ``"gold"`` (gold article texts)."""
        return "snippets" if (self.path / "snippets.json").is_file() else "gold"

    def input_path(self, mode: str, page_id: str) -> Path:
        """The raw input of a page for ``mode`` (text dump or gzipped HTML)."""
        return self.path / mode / f"{page_id}{SUFFIX[mode]}"

    def inputs(self, mode: str) -> list[tuple[str, Path]]:
        """``(id, input path)`` of every page, in id order."""
        return [(i, self.input_path(mode, i)) for i in self.ids]

    def gold(self, page_id: str) -> str:
        """The gold article text of a page ('' for the snippet set), without the comments a
        few Dragnet gold files still hold (see :data:`COMMENTS_SEPARATOR`)."""
        return read_gold(self.path / "gold" / f"{page_id}.txt").split(COMMENTS_SEPARATOR, 1)[0]

    def gold_shingles(self, page_id: str) -> Shingles:
        """Shingles of the gold text (computed once per page)."""
        if page_id not in self._gold_shingles:
            self._gold_shingles[page_id] = shingles(self.gold(page_id))
        return self._gold_shingles[page_id]

    def comments(self, page_id: str) -> str:
        """The page's user comments ('' when it has none): its comments file, or what follows
        :data:`COMMENTS_SEPARATOR` in its gold file."""
        text = read_gold(self.path / "comments" / f"{page_id}.txt")
        if text:
            return text
        after = read_gold(self.path / "gold" / f"{page_id}.txt").partition(COMMENTS_SEPARATOR)[2]
        label, _, rest = after.strip().partition("\n")
        return rest if label.strip().isupper() else after  # the separator's label ("COMMENTS")

    @cached_property
    def snippets(self) -> dict[str, dict[str, Any]]:
        """``{id: {with, without, comments, url}}`` of the snippet set."""
        return json.loads((self.path / "snippets.json").read_text(encoding="utf-8"))


def page_ids(set_dir: Path) -> list[str]:
    """Sorted ids of a set (from its ``text/`` folder)."""
    suffix = SUFFIX["text"]
    names = (p.name for p in (set_dir / "text").iterdir())
    return sorted(n[: -len(suffix)] for n in names if n.endswith(suffix))


def load_set(name: str, root: Path | None = None, limit: int | None = None) -> BenchSet:
    """The set ``name`` under ``root`` (default :func:`bench_root`), first ``limit`` ids."""
    path = (root or bench_root()) / name
    if not path.is_dir():
        raise FileNotFoundError(f"benchmark set not found: {path}")
    ids = page_ids(path)
    return BenchSet(name, path, ids[:limit] if limit else ids)


def is_complete(bset: BenchSet, mode: str) -> bool:
    """Whether the set's ids are all of the pages of its ``mode`` folder."""
    return len(bset.ids) == len(page_ids(bset.path)) and (bset.path / mode).is_dir()


def stage_inputs(bset: BenchSet, mode: str, dest: Path) -> Path:
    """A RAW folder holding exactly the set's pages for ``mode``.

    The set's own folder when all pages are evaluated; otherwise copies of the selected
    pages in ``dest`` (copies, not links: the cleaner refuses links that leave RAW).
    """
    if is_complete(bset, mode):
        return bset.path / mode
    shutil.rmtree(dest, ignore_errors=True)  # our own staging folder: no pages of an older run
    dest.mkdir(parents=True)
    for page_id, src in bset.inputs(mode):
        shutil.copyfile(src, dest / src.name)
    return dest
