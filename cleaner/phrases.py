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
MEMO_LINES = 50_000
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
    _screens: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None
    _firsts: dict[str, int] | None = None
    _memo: dict[str, PhraseMatch | None] = field(default_factory=dict)

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
            else:
                key = norm_line(text)
                table = {"line": self.exact, "start": self.prefixes, "contains": self.ngrams}[kind]
                table.setdefault(key, match)
        self._screens = self._firsts = None
        self._memo.clear()

    def match(self, text: str) -> PhraseMatch | None:
        """The first matching phrase for a line: exact, then prefix, regex, contained.

        Results are remembered per line text (menus and footers repeat across a corpus).
        """
        try:
            return self._memo[text]
        except KeyError:
            pass
        if len(self._memo) >= MEMO_LINES:
            self._memo.clear()
        hit = self._memo[text] = self._match(text)
        return hit

    def _match(self, text: str) -> PhraseMatch | None:
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
        if self.regexes and self._screened(norm):
            for rx, hit in self.regexes:
                if rx.search(norm):
                    return hit
        if len(words) <= SHORT_WORDS:
            return self._contained(words)
        return None

    def _screened(self, norm: str) -> bool:
        """Whether any regex may match: one search of all of them joined.

        Patterns anchored at the line start are joined apart and tried with ``match`` (at
        the start only): joined with the others they would be tried at every position.
        """
        if self._screens is None:
            self._screens = _screens([rx for rx, _ in self.regexes])
        anchored, loose = self._screens
        return bool((anchored and anchored.match(norm)) or (loose and loose.search(norm)))

    def _contained(self, words: list[str]) -> PhraseMatch | None:
        """The longest contained phrase (leftmost among equals)."""
        if self._firsts is None:
            self._firsts = {}
            for key in self.ngrams:
                first, n = key.split(" ")[0], key.count(" ") + 1
                self._firsts[first] = max(n, self._firsts.get(first, 0))
        words = [_EDGE_RE.sub("", w) for w in words]
        starts = [(i, self._firsts[w]) for i, w in enumerate(words) if w in self._firsts]
        for n in range(min(MAX_NGRAM, len(words)), 0, -1):
            for i, longest in starts:
                if n <= longest and i + n <= len(words):
                    hit = self.ngrams.get(" ".join(words[i : i + n]))
                    if hit:
                        return hit
        return None


def _anchored(rx: re.Pattern[str]) -> bool:
    """Does the pattern only match at the start (a leading ``^`` outside any alternation)?"""
    from re import _constants, _parser  # the standard parser; private, hence the guard

    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        return bool(parsed.data) and parsed.data[0] == (_constants.AT, _constants.AT_BEGINNING)
    except Exception:
        return False


def _screens(regexes: list[re.Pattern[str]]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The anchored and the other patterns, each joined into one (``None`` when none)."""
    groups: tuple[list[str], list[str]] = ([], [])
    for rx in regexes:
        groups[0 if _anchored(rx) else 1].append(f"(?:{rx.pattern})")
    out = []
    for group in groups:
        try:
            out.append(re.compile("|".join(group), re.IGNORECASE) if group else None)
        except re.error:  # cannot be joined: screen nothing out
            out.append(re.compile(""))
    return out[0], out[1]


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
