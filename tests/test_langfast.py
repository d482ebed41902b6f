"""The fast langdetect detector gives exactly langdetect's answers (languages and probabilities)."""
from __future__ import annotations

from pathlib import Path

import pytest
from langdetect import DetectorFactory
from langdetect import detect_langs as reference
from langdetect.lang_detect_exception import LangDetectException

from cleaner.langfast import detect_langs
from cleaner.language import prose_sample

# Scripts and cases that take langdetect's odd branches: capital words, Vietnamese marks,
# CJK, kana, Hangul, Latin Extended-B and -Additional, Arabic yeh, digits and punctuation only.
TRICKY = [
    "The NASA and BBC reports on TV were read by the UN, the EU and FIFA officials.",
    "Hà Nội là thủ đô của Việt Nam, thành phố lớn thứ hai sau Thành phố Hồ Chí Minh.",
    "東京は日本の首都です。ひらがなとカタカナを使います。人口は約千四百万人です。",
    "서울은 대한민국의 수도이며 가장 큰 도시입니다. 한강이 도시를 가로지릅니다.",
    "Bucureşti şi Timişoara, București și Timișoara: țară, ţară, straße, garçon, ÀÉÎÕÜ.",
    "Ṣọ ẹ̀ ạ ẹ ị ọ ụ ỳ ỹ Ỵ ẞ", "زبان فارسی یکی از زبان‌های هندواروپایی است و در ایران رایج است",
    "Москва — столица России, крупнейший по численности населения город страны.",
    "12345 !!! ??? ... 2024-01-01", "a", "AB", "A B C D", "ÉCOLE NORMALE Supérieure de Paris",
    "Ελληνικά: η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της.",
    "  double  spaces\tand\nnew lines  ", "http://example.com/x?y=1 mail me@example.org now please",
]


def _ours(text: str, seed: int) -> object:
    try:
        return [(x.lang, x.prob) for x in detect_langs(text, seed)]
    except LangDetectException as exc:
        return str(exc)


def _theirs(text: str, seed: int) -> object:
    DetectorFactory.seed = seed
    try:
        return [(x.lang, x.prob) for x in reference(text)]
    except LangDetectException as exc:
        return str(exc)


@pytest.mark.parametrize("seed", [0, 7])
def test_same_answers_as_langdetect_on_tricky_texts(seed: int) -> None:
    for text in TRICKY + [t * 3 for t in TRICKY]:
        assert _ours(text, seed) == _theirs(text, seed), text


def test_same_answers_as_langdetect_on_benchmark_pages(bench: Path) -> None:
    """Samples as the pipeline takes them, from pages of every set (many languages)."""
    texts = []
    for name in ("trafilatura", "dragnet-train", "cleaneval-dev"):
        for path in sorted((bench / name / "text").glob("*.txt"))[::12]:
            texts.append(prose_sample(path.read_text(encoding="utf-8", errors="replace").splitlines()))
    assert len(texts) > 100
    for text in texts:
        assert _ours(text, 0) == _theirs(text, 0), text[:80]
