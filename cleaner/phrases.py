"""Phrase lists: data files of boilerplate phrases, grouped by language and category.

Each ``rules/<lang>/<category>.txt`` holds one phrase per line under a section header
that says how it matches a line (after :func:`norm_line`):

``[line]``      the whole line is the phrase;
``[start]``     the line starts with the phrase (whole words; punctuation may follow it);
``[contains]``  the phrase occurs (whole words) in a short line (at most ``SHORT_WORDS`` words);
``[regex]``     a Python regular expression, searched in the normalised line.

A line that is a row of link labels ("Privacy | Terms | Contact", "Impressum · Datenschutz"),
each of them a whole-line (``[line]``) phrase, matches too, as kind ``row``.

``#`` starts a comment. Matching is case-insensitive and ignores punctuation around the line.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .config import RULES_DIR
from .document import INVISIBLE, PHRASE_CATEGORIES
from .regexindex import RegexIndex

KINDS = ("line", "start", "contains", "regex")
SHORT_WORDS = 15
MAX_PREFIX_WORDS = 10
#: A line of this many words that starts with a navigation ``[start]`` phrase of at most
#: ``LABEL_WORDS`` words (a link label) and ends like a sentence is prose, unless punctuation
#: follows the phrase (``_is_sentence``).
SENTENCE_WORDS = 12
LABEL_WORDS = 3
MAX_NGRAM = 8
MEMO_LINES = 50_000
#: What separates the labels of a row of links (:meth:`PhraseBook._row`), and how many it has at most.
ROW_SEPARATORS = "|·•»›"
_ROW_SPLIT = re.compile(f"[{ROW_SEPARATORS}]")
ROW_MAX_LABELS = 12
NORM_MEMO_LINES = 20_000
#: Plain quotes (the Ukrainian apostrophe "ʼ" too) and spaces; Turkish capital "İ" and
#: dotless "ı" as "i" (``str.lower`` makes "İ" an "i" with a combining dot, and an all-caps
#: "HAKLARI" has no "ı" left to match); no Arabic vowel marks or tatweel, which sites write
#: or leave out at will ("أيضاً" is "أيضا"), and Arabic letters folded as Lucene's Arabic
#: normaliser folds them, for the same reason: alef with hamza or madda as bare alef, alef
#: maksura as yeh, teh marbuta as heh ("إدارة" is "اداره"); Arabic yeh and kaf as the Persian
#: ones, as Lucene's Persian normaliser folds them (Persian sites type either); no zero-width
#: (non-)joiners, which Persian sites write or leave out ("می‌شود" is "میشود"); no invisible
#: characters.
_NORM_TABLE = {
    **str.maketrans({
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
        "\u0130": "i", "\u0131": "i",
        "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0629": "\u0647",
        "\u0649": "\u06cc", "\u064a": "\u06cc", "\u0643": "\u06a9",
    }),
    **dict.fromkeys([0x0640, *range(0x064B, 0x0653), 0x200C, 0x200D]),
    **INVISIBLE,
}


@lru_cache(maxsize=NORM_MEMO_LINES)
def norm_line(text: str) -> str:
    """Lower-case, NFKC, plain quotes, Turkish "İ" and "ı" as "i", Arabic letters folded and
    no vowel marks, no invisible characters, single spaces, no punctuation at either end.

    Remembered for the last ``NORM_MEMO_LINES`` lines: the phrase lists and the comment rules
    both normalise a page's short lines.
    """
    if not text.isascii():  # NFKC and the quote table change no ASCII character
        text = unicodedata.normalize("NFKC", text).translate(_NORM_TABLE)
    return trim_edges(" ".join(text.lower().split()))


def norm_pattern(pattern: str) -> str:
    """A regular expression put in the form of the :func:`norm_line` text it searches: NFKC,
    with the same characters folded or left out (the case is the engine's, ``IGNORECASE``)."""
    return unicodedata.normalize("NFKC", pattern).translate(_NORM_TABLE)


def trim_edges(text: str) -> str:
    """``text`` without the punctuation, symbols and spaces at either end: any character that
    is not a letter, a digit or a combining mark (a Thai or Hindi word may end with a vowel
    sign: "สงวนลิขสิทธิ์", "करें")."""
    if not text or (text[0].isalnum() and text[-1].isalnum()):
        return text
    start, stop = 0, len(text)
    while start < stop and not _in_word(text[start]):
        start += 1
    while stop > start and not _in_word(text[stop - 1]):
        stop -= 1
    return text[start:stop]


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M"


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Which phrase matched: its category, kind and ``file:line`` evidence (a ``row``: each
    label's, space-separated)."""

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
    _index: RegexIndex | None = None
    _firsts: dict[str, int] | None = None
    _heads: dict[str, int] | None = None
    _memo: dict[str, PhraseMatch | None] = field(default_factory=dict)

    def add_file(self, path: Path, category: str) -> None:
        """Add one phrase file (see the module docstring for its format)."""
        rel = f"{path.parent.name}/{path.name}"
        for no, kind, key in entries(path):
            match = PhraseMatch(category, kind, f"{rel}:{no}")
            if kind == "regex":
                self.regexes.append((re.compile(key, re.IGNORECASE), match))
            else:
                table = {"line": self.exact, "start": self.prefixes, "contains": self.ngrams}[kind]
                table.setdefault(key, match)
        self._firsts = self._heads = self._index = None
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
        hit, labelled = self._prefix(words)
        if hit and (labelled or hit.category != "navigation" or not _is_sentence(text, words)):
            return hit
        if self.regexes:
            hit = self._first_regex(norm)
            if hit:
                return hit
        if any(sep in norm for sep in ROW_SEPARATORS):
            hit = self._row(norm)
            if hit:
                return hit
        if len(words) <= SHORT_WORDS:
            return self._contained(words)
        return None

    def _row(self, norm: str) -> PhraseMatch | None:
        """A row of link labels ("advertise | adchoices") each of which is a whole-line phrase:
        the category most of them have (the first one's on a tie), with every label's evidence."""
        labels = [trim_edges(part) for part in _ROW_SPLIT.split(norm)]
        labels = [label for label in labels if label]
        if not 2 <= len(labels) <= ROW_MAX_LABELS:
            return None
        hits = [self.exact.get(label) for label in labels]
        if not all(hits):
            return None
        categories = [hit.category for hit in hits if hit]
        category = max(categories, key=categories.count)  # max keeps the first of equals
        return PhraseMatch(category, "row", " ".join(hit.evidence for hit in hits if hit))

    def _prefix(self, words: list[str]) -> tuple[PhraseMatch | None, bool]:
        """The longest ``[start]`` phrase the line starts with, and whether it surely is one:
        the whole line, punctuation follows it ("Read more: …", "Read more »"), or it is
        longer than a link label ("This entry was posted on …").

        Only as many words are tried as the longest phrase that starts with the line's first
        word has; a key is stripped of trailing punctuation only when it ends with some.
        """
        if self._heads is None:
            self._heads = _longest_by_first_word(self.prefixes)
        first = words[0]
        longest = self._heads.get(first, 0)
        if not first[-1].isalnum():
            longest = max(longest, self._heads.get(trim_edges(first), 0))
        for n in range(min(len(words), longest, MAX_PREFIX_WORDS), 0, -1):
            key = " ".join(words[:n])
            hit = self.prefixes.get(key)
            if hit is None and not key[-1].isalnum():
                hit = self.prefixes.get(trim_edges(key))
            if hit:
                return hit, n == len(words) or not key[-1].isalnum() or n > LABEL_WORDS
        return None, False

    def _first_regex(self, norm: str) -> PhraseMatch | None:
        """The first regex (in file order) that matches, trying only those that can
        (:class:`~cleaner.regexindex.RegexIndex`)."""
        if self._index is None:
            self._index = RegexIndex.build(tuple(rx for rx, _ in self.regexes))
        k = self._index.first_match(norm)
        return None if k is None else self.regexes[k][1]

    def _contained(self, words: list[str]) -> PhraseMatch | None:
        """The longest contained phrase (leftmost among equals)."""
        if self._firsts is None:
            self._firsts = _longest_by_first_word(self.ngrams)
        words = [trim_edges(w) for w in words]
        starts = [(i, self._firsts[w]) for i, w in enumerate(words) if w in self._firsts]
        for n in range(min(MAX_NGRAM, len(words)), 0, -1):
            for i, longest in starts:
                if n <= longest and i + n <= len(words):
                    hit = self.ngrams.get(" ".join(words[i : i + n]))
                    if hit:
                        return hit
        return None


def entries(path: Path) -> Iterator[tuple[int, str, str]]:
    """A phrase file's entries: (line number, kind, key), the key as lines are looked up:
    normalised (:func:`norm_line`), or for a ``[regex]`` entry its pattern in the form of the
    normalised lines it searches (:func:`norm_pattern`)."""
    kind = "line"
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not text:
            continue
        if text.startswith("[") and text.endswith("]") and text[1:-1] in KINDS:
            kind = text[1:-1]
            continue
        yield no, kind, norm_pattern(text) if kind == "regex" else norm_line(text)


def _is_sentence(text: str, words: list[str]) -> bool:
    """A long line that ends like a sentence. One that starts with a navigation ``[start]``
    phrase (a link label: "Read more", "Mehr zum Thema") with no punctuation after it is prose
    that happens to start so ("Read more about the bridge in the archive, the mayor said."):
    a label precedes a headline, which does not end like that. Other categories' start
    phrases (a disclaimer's, a form's) begin whole boilerplate sentences."""
    end = text.rstrip().rstrip("\"'\u201d\u2019\u00bb)")
    return len(words) >= SENTENCE_WORDS and end[-1:] in (".", "!", "?")


def _longest_by_first_word(phrases: Iterable[str]) -> dict[str, int]:
    """For each first word of ``phrases``, the most words a phrase starting with it has."""
    longest: dict[str, int] = {}
    for phrase in phrases:
        first, n = phrase.split(" ")[0], phrase.count(" ") + 1
        longest[first] = max(n, longest.get(first, 0))
    return longest


def available_languages() -> tuple[str, ...]:
    """Languages that have a phrase folder."""
    return tuple(sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir()))


@lru_cache(maxsize=32)
def load_phrasebook(languages: tuple[str, ...], names: tuple[str, ...] = PHRASE_CATEGORIES) -> PhraseBook:
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


@lru_cache(maxsize=512)  # (languages, list name) pairs: a corpus in many languages has hundreds
def load_patterns(languages: tuple[str, ...], name: str, normalised: bool = False) -> tuple[re.Pattern[str], ...]:
    """Regular expressions of ``rules/<lang>/<name>.txt`` (one per line, ``#`` comments).

    ``normalised``: the caller searches :func:`norm_line` text, so the patterns are put in its
    form (:func:`norm_pattern`: NFKC splits Thai "ำ" in two, a Persian ZWNJ is left out);
    otherwise they are taken as written, for raw text."""
    out: list[re.Pattern[str]] = []
    for lang in languages:
        path = RULES_DIR / lang / f"{name}.txt"
        if path.is_file():
            for raw in path.read_text(encoding="utf-8").splitlines():
                if raw.strip() and not raw.lstrip().startswith("#"):
                    text = norm_pattern(raw.strip()) if normalised else raw.strip()
                    out.append(re.compile(text, re.IGNORECASE))
    return tuple(out)
