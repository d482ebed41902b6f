"""Language identification with langdetect, made deterministic (fixed seed).

langdetect runs through :mod:`cleaner.langfast`: the same answers, about three times sooner.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: Characters of a document's longest lines that langdetect reads.
SAMPLE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 code (or ``None``), its probability, and why it is ``None``."""

    code: str | None
    confidence: float | None
    reason: str | None = None


@lru_cache(maxsize=16)
def detect_language(text: str, seed: int = 0, min_chars: int = 20) -> LanguageGuess:
    """Identify the language of ``text`` (its first ``SAMPLE_CHARS`` letters are enough).

    Remembered for the last few texts: a document's sample before and after cleaning is
    often the same (its longest lines are kept), and is then only read once.
    """
    sample = " ".join(text.split())[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < min_chars:
        return LanguageGuess(None, None, "too short")
    from langdetect.lang_detect_exception import LangDetectException

    from .langfast import detect_langs

    try:
        best = detect_langs(sample, seed)[0]
    except LangDetectException:
        return LanguageGuess(None, None, "undetectable")
    code = best.lang.split("-")[0]
    return LanguageGuess(code, round(best.prob, 4))


def prose_sample(lines: list[str], limit: int = SAMPLE_CHARS) -> str:
    """The longest lines of a page, up to ``limit`` characters: a sample for the language."""
    out: list[str] = []
    total = 0
    for line in sorted(lines, key=len, reverse=True):
        if total >= limit:
            break
        out.append(line)
        total += len(line)
    return "\n".join(out)
