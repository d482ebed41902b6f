"""Every regular expression we ship, and adversarial inputs for catastrophic backtracking."""
from __future__ import annotations

import re

from cleaner.config import RULES_DIR
from cleaner.phrases import KINDS

PATTERN_FILES = ("comment_meta.txt", "comment_dates.txt", "bio_lines.txt")
SIZE = 5000


def shipped_patterns() -> list[tuple[str, str]]:
    """``(file:line, pattern)`` of every ``[regex]`` phrase and comment-pattern line."""
    out: list[tuple[str, str]] = []
    for path in sorted(RULES_DIR.glob("*/*.txt")):
        rel = f"{path.parent.name}/{path.name}"
        kind = "regex" if path.name in PATTERN_FILES else "line"
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if path.name in PATTERN_FILES:
                text = raw.strip() if not raw.lstrip().startswith("#") else ""
            else:
                text = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
            if text.startswith("[") and text.endswith("]") and text[1:-1] in KINDS:
                kind = text[1:-1]
            elif text and kind == "regex":
                out.append((f"{rel}:{no}", text))
    return out


def _literal_words(pattern: str) -> list[str]:
    """Plain words that occur in a pattern (to build near-misses that get far into it)."""
    return [w for w in re.findall(r"[a-zà-ÿ]{3,}", pattern) if w not in ("on", "to")][:6]


def adversarial_inputs(pattern: str, size: int = SIZE) -> list[str]:
    """Long lines of repeated characters and near-misses, some built from the pattern's words."""
    half = size // 2
    base = [
        "a" * size, "a" * size + "!", "1 " * half, ". " * half, "a " * half + "!", "a." * half,
        "-" * size, "'" * size, " " * size + "x", "1/" * half, "1" * size + "x", "a1 " * (size // 3),
        "word " * (size // 5) + "says", "word " * (size // 5) + "says:", "a " * half + "says 1",
        "12 comments " * (size // 12), "x" * size + " says", "a.' -" * (size // 5),
    ]
    for word in _literal_words(pattern):
        base += [(word + " ") * (size // (len(word) + 1)), (word + " a ") * (size // (len(word) + 3)) + "!"]
    return base
