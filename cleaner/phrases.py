"""Phrase lists: data files of boilerplate phrases, grouped by language and category.

Each ``rules/<lang>/<category>.txt`` holds one phrase per line under a section header
that says how it matches a line (after :func:`norm_line`):

``[line]``      the whole line is the phrase;
``[start]``     the line starts with the phrase (whole words);
``[contains]``  the phrase occurs (whole words) in a short line (at most ``SHORT_WORDS`` words);
``[regex]``     a Python regular expression, searched in the normalised line.

``#`` starts a comment. Matching is case-insensitive and ignores punctuation around the line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import RULES_DIR
from .document import CATEGORIES

KINDS = ("line", "start", "contains", "regex")
SHORT_WORDS = 15
MAX_PREFIX_WORDS = 10
MAX_NGRAM = 8
SCREEN_MAX_CHARS = 300
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")
_WS_RE = re.compile(r"\s+")


def norm_line(text: str) -> str:
    """Lower-case, NFKC, plain quotes, single spaces, no punctuation at either end."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _EDGE_RE.sub("", _WS_RE.sub(" ", text)).strip()


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Which phrase matched: its category, kind and ``file:line`` evidence."""

    category: str
    kind: str
    evidence: str


@dataclass(slots=True)
class PhraseBook:
    """All phrases of some languages, indexed for fast matching."""

    exact: dict[str, PhraseMatch] = field(default_factory=dict)
    prefixes: dict[str, PhraseMatch] = field(default_factory=dict)
    ngrams: dict[str, PhraseMatch] = field(default_factory=dict)
    regexes: list[tuple[re.Pattern[str], PhraseMatch]] = field(default_factory=list)
    _any_regex: re.Pattern[str] | None = None

    def add_file(self, path: Path, category: str) -> None:
        """Add one phrase file (see the module docstring for its format)."""
        kind = "line"
        rel = f"{path.parent.name}/{path.name}"
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
            if not text:
                continue
            if text.startswith("[") and text.endswith("]") and text[1:-1] in KINDS:
                kind = text[1:-1]
                continue
            match = PhraseMatch(category, kind, f"{rel}:{no}")
            if kind == "regex":
                self.regexes.append((re.compile(text, re.IGNORECASE), match))
                self._any_regex = None
                continue
            key = norm_line(text)
            table = {"line": self.exact, "start": self.prefixes, "contains": self.ngrams}[kind]
            table.setdefault(key, match)

    def match(self, text: str) -> PhraseMatch | None:
        """The first matching phrase for a line: exact, then prefix, regex, contained."""
        norm = norm_line(text)
        if not norm:
            return None
        hit = self.exact.get(norm)
        if hit:
            return hit
        words = norm.split(" ")
        for n in range(min(len(words), MAX_PREFIX_WORDS), 0, -1):
            hit = self.prefixes.get(" ".join(words[:n]))
            if hit:
                return hit
        if self.regexes and (len(norm) > SCREEN_MAX_CHARS or self._screen().search(norm)):
            for rx, hit in self.regexes:
                if rx.search(norm):
                    return hit
        if len(words) <= SHORT_WORDS:
            return self._contained(words)
        return None

    def _screen(self) -> re.Pattern[str]:
        """All regexes as one alternation: one search tells whether any of them matches.

        Used on lines up to ``SCREEN_MAX_CHARS`` only: joined, anchored patterns lose the
        engine's anchoring shortcut, which costs more than it saves on long lines.
        """
        if self._any_regex is None:
            joined = "|".join(f"(?:{rx.pattern})" for rx, _ in self.regexes)
            try:
                self._any_regex = re.compile(joined, re.IGNORECASE)
            except re.error:  # a pattern that cannot be joined: screen nothing out
                self._any_regex = re.compile("")
        return self._any_regex

    def _contained(self, words: list[str]) -> PhraseMatch | None:
        words = [_EDGE_RE.sub("", w) for w in words]
        for n in range(min(MAX_NGRAM, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                hit = self.ngrams.get(" ".join(words[i : i + n]))
                if hit:
                    return hit
        return None


def available_languages() -> tuple[str, ...]:
    """Languages that have a phrase folder."""
    return tuple(sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir()))


@lru_cache(maxsize=32)
def load_phrasebook(languages: tuple[str, ...], names: tuple[str, ...] = CATEGORIES) -> PhraseBook:
    """The phrase book of files ``rules/<lang>/<name>.txt`` (missing ones skipped), cached.

    With the default ``names`` every category file is read, each under its category; other
    names (``list_heads``) build a book whose matches carry that name as their category.
    """
    book = PhraseBook()
    for lang in languages:
        for name in names:
            path = RULES_DIR / lang / f"{name}.txt"
            if path.is_file():
                book.add_file(path, name)
    return book


@lru_cache(maxsize=32)
def load_patterns(languages: tuple[str, ...], name: str) -> tuple[re.Pattern[str], ...]:
    """Regular expressions of ``rules/<lang>/<name>.txt`` (one per line, ``#`` comments)."""
    out: list[re.Pattern[str]] = []
    for lang in languages:
        path = RULES_DIR / lang / f"{name}.txt"
        if path.is_file():
            for raw in path.read_text(encoding="utf-8").splitlines():
                if raw.strip() and not raw.lstrip().startswith("#"):
                    out.append(re.compile(raw.strip(), re.IGNORECASE))
    return tuple(out)
