"""langdetect, same answers, less time: its detector with two hot loops rewritten.

langdetect spends its time in two pure-Python loops: cutting the text into character
n-grams (a method call and a Unicode block lookup per character) and the random-walk trials
that multiply 55 language probabilities per step. :class:`FastDetector` keeps langdetect's
profiles, random sequence and arithmetic, so it returns exactly what ``detect_langs`` would
(``tests/test_langfast.py`` compares them on pages of many languages): the n-grams come from a
flat loop over memoised character normalisations, and each trial step multiplies a numpy
vector, element by element, as langdetect does list item by list item. Sums stay Python's
left-to-right ``sum`` so that every rounding is the same.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory, PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

#: Language-probability vectors kept per process (the n-grams of the pages seen so far).
ROW_CACHE = 10_000
#: Words whose n-grams are kept per process.
WORD_CACHE = 20_000


class _Normalised(dict):
    """``str.translate`` table: each character as ``NGram.normalize`` maps it, memoised."""

    def __missing__(self, code: int) -> str:
        ch = self[code] = NGram.normalize(chr(code))
        return ch


@dataclass(frozen=True, slots=True)
class _Caches:
    """What every detector of a process shares: probability vectors, characters, words."""

    rows: dict[str, np.ndarray] = field(default_factory=dict)
    chars: _Normalised = field(default_factory=_Normalised)
    words: dict[tuple[str, bool], list[str]] = field(default_factory=dict)


class FastDetector(Detector):
    """langdetect's :class:`~langdetect.detector.Detector` with faster, identical internals."""

    def __init__(self, factory: DetectorFactory, caches: _Caches) -> None:
        super().__init__(factory)
        self._rows, self._chars, self._words = caches.rows, caches.chars, caches.words

    def _extract_ngrams(self) -> list[str]:
        """The 1- to 3-grams of the text that the profiles know, in langdetect's order.

        langdetect's n-gram buffer starts afresh at every space, so a word's n-grams depend
        on the word alone (and on whether a space follows it): they are worked out once per
        word and remembered.
        """
        words = self.text.translate(self._chars).split(" ")
        cache = self._words
        out: list[str] = []
        last = len(words) - 1
        for k, word in enumerate(words):
            if word:
                key = (word, k < last)
                grams = cache.get(key)
                if grams is None:
                    if len(cache) >= WORD_CACHE:
                        cache.clear()
                    grams = cache[key] = self._word_ngrams(word + " " if k < last else word)
                out += grams
        return out

    def _word_ngrams(self, word: str) -> list[str]:
        """langdetect's ``NGram.add_char`` loop over one word (normalised) from a fresh buffer."""
        known = self.word_lang_prob_map
        out: list[str] = []
        grams, capital = " ", False
        for ch in word:
            last = grams[-1]
            if len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            capital = ch.isupper() and (last.isupper() or capital)
            if capital:
                continue
            if ch != " " and ch in known:
                out.append(ch)
            if grams[-2:] in known:
                out.append(grams[-2:])
            if len(grams) == 3 and grams in known:
                out.append(grams)
        return out

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        size = len(self.langlist)
        self.langprob = [0.0] * size
        rnd = self.random
        rnd.seed(self.seed)
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability())
            weight = (self.alpha + rnd.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            i = 0
            while True:
                prob *= weight + self._row(rnd.choice(ngrams))
                if i % 5 == 0:
                    prob /= sum(prob.tolist())
                    if prob.max() > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            for j, p in enumerate(prob.tolist()):
                self.langprob[j] += p / self.n_trial

    def _row(self, word: str) -> np.ndarray:
        row = self._rows.get(word)
        if row is None:
            if len(self._rows) >= ROW_CACHE:
                self._rows.clear()
            row = self._rows[word] = np.array(self.word_lang_prob_map[word])
        return row


class _Profiles:
    """langdetect's ``word_lang_prob_map``, each word's row of probabilities worked out when
    first asked for: building all of them up front (about 170,000 lists of 55 floats) took half
    a second of every process's start. Rows hold the same floats, in the same language order."""

    __slots__ = ("_freqs", "_n_words", "_size", "_known")

    def __init__(self, profiles: list[dict], size: int) -> None:
        self._freqs = tuple(p["freq"] for p in profiles)
        self._n_words = tuple(p["n_words"] for p in profiles)
        self._size = size
        self._known: set[str] = set().union(*self._freqs)

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def __getitem__(self, word: str) -> list[float]:
        if word not in self._known:
            raise KeyError(word)
        row = [0.0] * self._size
        length = len(word)
        if 1 <= length <= 3:  # langdetect's add_profile: longer words keep zeros
            for index, (freq, n_words) in enumerate(zip(self._freqs, self._n_words)):
                count = freq.get(word)
                if count is not None:
                    row[index] = 1.0 * count / n_words[length - 1]
        return row


@lru_cache(maxsize=1)
def _factory() -> tuple[DetectorFactory, _Caches]:
    """langdetect's profiles (read once per process, as ``load_profile`` reads them, in the
    same file order) and the caches its detectors share."""
    names = os.listdir(PROFILES_DIRECTORY)
    profiles = []
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if not name.startswith(".") and os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                profiles.append(json.load(fh))
    factory = DetectorFactory()
    factory.langlist = [p["name"] for p in profiles]
    factory.word_lang_prob_map = _Profiles(profiles, len(names))
    return factory, _Caches()


def detect_langs(text: str, seed: int) -> list:
    """``langdetect.detect_langs(text)`` with ``DetectorFactory.seed = seed``, faster."""
    factory, caches = _factory()
    factory.seed = seed
    detector = FastDetector(factory, caches)
    detector.append(text)
    return detector.get_probabilities()
