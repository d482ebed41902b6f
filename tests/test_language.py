"""Language identification: deterministic, from a sample of the longest lines."""
from __future__ import annotations

from cleaner.language import detect_language, prose_sample

SAMPLES = [
    "The quick brown fox jumps over the lazy dog. NASA and the BBC reported it on TV.",
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das Änderungen bringt.",
]


def test_language_is_detected_deterministically() -> None:
    assert detect_language(SAMPLES[1] * 3).code == "de"
    assert detect_language(SAMPLES[0] * 3) == detect_language(SAMPLES[0] * 3, seed=0)
    assert detect_language("ok").reason == "too short"


def test_prose_sample_takes_the_longest_lines() -> None:
    assert prose_sample(["a", "a much longer line", "mid line"], limit=10) == "a much longer line"
