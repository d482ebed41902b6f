"""Words of a line in any script: what the line features count.

Two families of scripts need more than Python's ``\\w+``:

* *Scripts with combining vowel signs* (Devanagari, Bengali, Tamil, Thai...): ``\\w`` leaves
  out combining marks, so it cuts a word at every vowel sign ("हिन्दी" became "ह", "न", "द"):
  a Hindi or Bengali sentence counted about three times its words and matched no stopword of
  its language's list. :func:`word_re` adds the marks (and the zero-width joiners these
  scripts write inside words) to the word class. A Latin word in NFC has no combining mark,
  so its tokens are unchanged.
* *Scripts written without spaces* (Chinese, Japanese, Thai): a ``\\w`` run is a whole clause,
  so an article paragraph counted a handful of "words" and no stopword, and read as a menu.
  Their words are estimated from their characters (:data:`CJK_CHARS_PER_WORD`,
  :data:`THAI_CHARS_PER_WORD`), and their stopwords are the entries of the language's list
  found inside the run, the longest first (``cleaner/stoplists/zh.txt``, ``ja.txt``: single
  function characters; ``th.txt``: function words), each as one word.
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

#: Characters of Chinese or Japanese text per word (a segmenter's average: a word of running
#: text is one or two characters, a function word one).
CJK_CHARS_PER_WORD = 1.5
#: Code points scanned for combining marks: the Basic Multilingual Plane (every major living
#: script). A class that reaches beyond it cannot be compiled to a lookup table: ``findall``
#: would take two and a half times as long on every line.
_MARK_SCAN = 0x10000
#: Han ideographs, Hiragana, Katakana (full and half width): scripts written without spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f"
#: Characters of Thai text per word (its words are mostly one or two syllables of two to
#: four letters and marks each).
THAI_CHARS_PER_WORD = 4.0
#: The Thai block: letters, vowel signs and tone marks (its digits are ``\\d``).
_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"
_SPACELESS_RE = re.compile(f"[{_CJK}{_THAI}]")
_RUN_RE = re.compile(f"[{_CJK}]+|[{_THAI}]+")
#: A run of Chinese or Japanese characters.
CJK_RUN_RE = re.compile(f"[{_CJK}]+")
_THAI_RE = re.compile(f"[{_THAI}]")
_DIGITS_RE = re.compile(r"[\d_]+")


@lru_cache(maxsize=1)
def word_re() -> re.Pattern[str]:
    """``\\w`` and combining marks (and ZWNJ, ZWJ) in runs: one match per word.

    Built on first use from the Unicode database (a scan of 65,536 code points, once per
    process)."""
    ranges: list[list[int]] = []
    for code in range(_MARK_SCAN):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile(f"[\\w{marks}\u200c\u200d]+")


def count_words(text: str, stops: frozenset[str]) -> tuple[int, int, int, int]:
    """``(words, stopwords, capitalised words, letters)`` of ``text`` (see the module
    docstring). Letters are the words' characters but digits and ``_``: a vowel sign counts
    as a letter, as its word's other characters do."""
    words = word_re().findall(text)
    letters = len(_DIGITS_RE.sub("", "".join(words)))
    if text.isascii() or not _SPACELESS_RE.search(text):
        stop = sum(map(stops.__contains__, map(str.lower, words)))
        return len(words), stop, sum(1 for w in words if w[0].isupper()), letters
    n = stop = upper = 0
    inside = _inside_re(stops)
    for word in words:
        runs = _RUN_RE.findall(word)
        if not runs:
            n += 1
            stop += word.lower() in stops
            upper += word[0].isupper()
            continue
        rest = _RUN_RE.sub(" ", word).split()  # letters or digits between the runs
        n += len(rest)
        upper += sum(1 for w in rest if w[0].isupper())
        for run in runs:
            per_word = THAI_CHARS_PER_WORD if _THAI_RE.match(run) else CJK_CHARS_PER_WORD
            estimate = math.ceil(len(run) / per_word)
            n += estimate
            stop += min(estimate, len(inside.findall(run))) if inside else 0
    return n, stop, upper, letters


@lru_cache(maxsize=8)
def _inside_re(stops: frozenset[str]) -> re.Pattern[str] | None:
    """The stoplist's entries written in a script without spaces, to be found inside a run:
    longer entries first (Thai "ขณะที่" before "ที่"), single characters as one class; in a
    fixed order, so that every process compiles the same pattern from a set."""
    entries = [w for w in stops if w and all(_SPACELESS_RE.match(c) for c in w)]
    if not entries:
        return None
    longer = sorted((w for w in entries if len(w) > 1), key=lambda w: (-len(w), w))
    single = "".join(re.escape(w) for w in sorted(entries) if len(w) == 1)
    parts = [*map(re.escape, longer), *([f"[{single}]"] if single else [])]
    return re.compile("|".join(parts))
