"""Per-line features used by the structural and context rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .document import Line, without_invisible

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
#: Lines whose features are remembered per process.
MEMO_LINES = 20_000
_TERMINAL = ('.', '!', '?', '…', '"', '”', "'", '’', '»', '«', ')', '。', '！', '？', ':', ';')
#: ISO 639-1 code -> jusText stoplist name (jusText ships the stoplists).
_STOPLISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian",
    "ro": "Romanian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian",
    "el": "Greek", "ca": "Catalan", "hr": "Croatian", "sl": "Slovenian", "lt": "Lithuanian",
    "lv": "Latvian", "et": "Estonian", "id": "Indonesian", "vi": "Vietnamese", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi",
}


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """jusText's stoplist for a language code (English when unknown or missing)."""
    import justext  # deferred: only the text rules need it

    name = _STOPLISTS.get(lang or "en", "English")
    try:
        return frozenset(justext.get_stoplist(name))
    except (ValueError, KeyError, OSError):
        return frozenset(justext.get_stoplist("English"))


@dataclass(frozen=True, slots=True)
class Features:
    """What the rules look at on one line."""

    words: int
    chars: int
    stop_ratio: float
    terminal: bool
    alpha_ratio: float
    upper_initial_ratio: float

    @property
    def blank(self) -> bool:
        return self.chars == 0

    def prose(self, min_words: int) -> bool:
        """Reads like a sentence of running text: long enough, stopwords, punctuation."""
        return self.words >= min_words and self.stop_ratio >= 0.2 and (
            self.terminal or self.words >= 2 * min_words
        )

    def good(self) -> bool:
        """Running text: a sentence (terminal punctuation, stopwords) or a long paragraph."""
        sentence = self.words >= 5 and self.terminal and self.stop_ratio >= 0.2
        return sentence or (self.chars >= 100 and self.stop_ratio >= 0.25) or self.prose(12)


def line_features(line: Line, stops: frozenset[str]) -> Features:
    """Compute :class:`Features` for one line."""
    return text_features(line.text, stops)


@lru_cache(maxsize=MEMO_LINES)
def text_features(text: str, stops: frozenset[str]) -> Features:
    """:class:`Features` of a line's text (remembered: menus and footers repeat in a corpus)."""
    text = without_invisible(text).strip()
    words = _WORD_RE.findall(text)
    n = len(words)
    if not n:
        return Features(0, len(text), 0.0, False, 0.0, 0.0)
    stop = sum(map(stops.__contains__, map(str.lower, words)))
    alpha = len(_NOT_LETTER_RE.sub("", text))
    upper = sum(1 for w in words if w[0].isupper())
    return Features(
        words=n,
        chars=len(text),
        stop_ratio=stop / n,
        terminal=text.endswith(_TERMINAL),
        alpha_ratio=alpha / max(1, len(text)),
        upper_initial_ratio=upper / n,
    )
