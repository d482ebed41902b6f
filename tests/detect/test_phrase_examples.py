"""Every language's phrase lists on example lines (``data/phrase_examples.txt``): boilerplate
lines match with the expected category, article sentences with the same words match nothing;
and the same interface labels in every language (``data/ui_labels.tsv``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.phrases import load_phrasebook

EXAMPLES = Path(__file__).parent / "data" / "phrase_examples.txt"


def _examples() -> list[tuple[str, str, str]]:
    rows = []
    for raw in EXAMPLES.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            lang, want, line = (part.strip() for part in raw.split("|", 2))
            rows.append((lang, want, line))
    return rows


@pytest.mark.parametrize("lang,want,line", _examples(), ids=lambda v: str(v)[:40])
def test_phrase_example(lang: str, want: str, line: str) -> None:
    hit = load_phrasebook((lang,)).match(line)
    if want == "keep":
        assert hit is None, f"article sentence matched {hit}"
        assert load_phrasebook((lang,), ("list_heads",)).match(line) is None
        return
    if want == "list_heads":
        hit = load_phrasebook((lang,), ("list_heads",)).match(line)
    assert hit is not None and hit.category == want, f"got {hit}"
    assert hit.evidence.startswith(f"{lang}/"), hit.evidence


def test_examples_cover_every_language_with_phrase_lists() -> None:
    from cleaner.phrases import available_languages

    covered = {lang for lang, _want, _line in _examples()}
    assert covered >= set(available_languages()) - {"en"}  # English has its own rule tests


UI_LABELS = Path(__file__).parent / "data" / "ui_labels.tsv"


def _ui_labels() -> list[tuple[str, str, str, str]]:
    rows = []
    for raw in UI_LABELS.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            concept, categories, *cells = raw.split("\t")
            rows += [(concept, categories, *cell.split(":", 1)) for cell in cells]
    return rows


@pytest.mark.parametrize("concept,categories,lang,label", _ui_labels(), ids=lambda v: str(v)[:30])
def test_an_interface_label_matches_its_own_languages_lists(concept: str, categories: str, lang: str, label: str) -> None:
    """The same label ("Close", "Load more", "Older posts") in each language's lists, with the
    category the concept takes (``data/ui_labels.tsv``)."""
    hit = load_phrasebook((lang,)).match(label)
    assert hit is not None and hit.category in categories.split("|"), f"{concept}: got {hit}"
    assert hit.evidence.startswith(f"{lang}/"), hit.evidence
