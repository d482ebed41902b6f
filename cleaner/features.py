"""Per-line features used by the structural and context rules."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .config import STOPLISTS_DIR
from .document import Line, without_invisible
from .words import count_words

#: Lines whose features are remembered per process.
MEMO_LINES = 20_000
#: Line endings of a sentence (or of a quote or clause closing one), in the scripts of the web:
#: Latin and Greek, CJK (full stops and closing quotes, full width), Indic dandas, the Arabic
#: question mark and Urdu full stop, Armenian, Ethiopic, Myanmar and Khmer full stops.
_TERMINAL = (
    '.', '!', '?', '…', '"', '”', "'", '’', '»', '«', ')', ':', ';',
    '。', '！', '？', '．', '」', '』', '）', '।', '॥', '؟', '۔', '։', '።', '။', '។',
)
#: ISO 639-1 code -> jusText stoplist name (jusText ships the stoplists).
_STOPLISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian",
    "ro": "Romanian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian",
    "el": "Greek", "ca": "Catalan", "hr": "Croatian", "sl": "Slovenian", "lt": "Lithuanian",
    "lv": "Latvian", "et": "Estonian", "id": "Indonesian", "vi": "Vietnamese", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "af": "Afrikaans", "bn": "Bengali",
    "cy": "Welsh", "gu": "Gujarati", "kn": "Kannada", "ko": "Korean", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali", "sq": "Albanian", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "ur": "Urdu",
}


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """The stoplist of a language code: ours (``stoplists/<code>.txt``, for languages jusText
    has none for), else jusText's (English when the language is unknown or has none)."""
    own = STOPLISTS_DIR / f"{lang}.txt"
    if lang and own.is_file():
        lines = own.read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))
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
    n, stop, upper, alpha = count_words(text, stops)
    if not n:
        return Features(0, len(text), 0.0, False, 0.0, 0.0)
    return Features(
        words=n,
        chars=len(text),
        stop_ratio=stop / n,
        terminal=text.endswith(_TERMINAL),
        alpha_ratio=alpha / max(1, len(text)),
        upper_initial_ratio=upper / n,
    )
