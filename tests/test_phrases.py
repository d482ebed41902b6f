"""Phrase-list normalisation: the fast :func:`norm_line` equals its regex definition."""
from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cleaner.config import RULES_DIR
from cleaner.document import INVISIBLE
from cleaner.features import text_features
from cleaner.phrases import entries, norm_line, norm_pattern, trim_edges

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u0130": "i", "\u0131": "i"})
#: Arabic letters as Lucene's Arabic and Persian normalisers fold them: alef forms to bare
#: alef, teh marbuta to heh, alef maksura and Arabic yeh to Persian yeh, Arabic kaf to keheh.
_ARABIC_LETTERS = str.maketrans("آأإةىيك", "اااهییک")
#: Arabic tatweel and vowel marks (fathatan to sukun) and the zero-width (non-)joiners,
#: which the definition deletes.
_ARABIC_MARKS_RE = re.compile("[\u0640\u064b-\u0652\u200c\u200d]")
#: Combining marks (every plane): part of a word, as a Thai or Hindi vowel sign is.
_MARKS = "".join(re.escape(chr(c)) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M")
_EDGE_RE = re.compile(f"^(?:(?![{_MARKS}])[\\W_])+|(?:(?![{_MARKS}])[\\W_])+$")
_WS_RE = re.compile(r"\s+")
#: Characters that stress the fast paths: whitespace of every kind, quotes, case and
#: compatibility forms, punctuation and symbols at the edges.
_TRICKY = "\u0622\u0623\u0625\u0629\u0649\u064a\u0643\u200c\u200d\u064b\u0640\u02bc\u0130\u0131\u0e34\u0e4c\u0947\u0301\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\u3000\u200b\ufeff\u2018\u2019\u201c\u201d" \
    "\u00ad\u2060\u0130\u0131\u017f\u212a\xdf\u1e9e\ufb01\u2460\uff21\xb5\u0345_-.,;:!?()[]\"'\u00a9\u00bb aZ09"


def regex_norm(text: str) -> str:
    """The definition: NFKC, plain quotes (and Turkish "İ", "ı" as "i"), Arabic letters folded,
    no Arabic vowel marks or zero-width (non-)joiners, no invisible characters, lower case,
    single spaces, no ``[\\W_]`` but combining marks at the ends."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_ARABIC_LETTERS).translate(INVISIBLE)
    text = _ARABIC_MARKS_RE.sub("", text).lower()
    return _EDGE_RE.sub("", _WS_RE.sub(" ", text)).strip()


@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=30))
def test_norm_line_equals_its_regex_definition(text: str) -> None:
    assert norm_line(text) == regex_norm(text)


@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=12))
def test_trim_edges_equals_the_edge_regex(text: str) -> None:
    assert trim_edges(text) == _EDGE_RE.sub("", text)


def test_norm_line_examples() -> None:
    assert norm_line("  \u201cShare   this\u201d:\u00a0 ") == "share this"
    assert norm_line("---") == ""
    assert norm_line("\uff21dvertisement") == "advertisement"
    assert norm_line("Alle Kom\u00admen\u00adta\u200bre") == "alle kommentare"
    # a word's last vowel sign and tone mark are part of it (Thai, Hindi), and a Thai SARA AM
    # is decomposed by NFKC, as in the phrase lists' regular expressions
    assert norm_line("© 2569 สงวนลิขสิทธิ์") == "2569 สงวนลิขสิทธิ์"
    assert norm_line("शेयर करें।") == "शेयर करें"
    assert norm_line("TÜM HAKLARI SAKLIDIR") == norm_line("Tüm hakları saklıdır") == "tüm haklari saklidir"
    assert norm_line("İlgili Haberler") == "ilgili haberler"
    assert norm_line("اقرأ أيضاً") == norm_line("اقـرأ أيضا") == "اقرا ایضا"
    assert norm_line("Пов\u02bcязані статті") == "пов'язані статті"
    assert norm_line("คำค้น:") == unicodedata.normalize("NFKC", "คำค้น")


def test_line_features_read_words_without_invisible_characters() -> None:
    """A soft-hyphenated word is one word (and a stopword when it is one)."""
    hyphenated = text_features("Die Ge\u00adschich\u00adte der Stadt be\u00adginnt im Mit\u00adtel\u00adal\u00adter.", frozenset({"die", "der", "im"}))
    assert hyphenated == text_features("Die Geschichte der Stadt beginnt im Mittelalter.", frozenset({"die", "der", "im"}))


def test_no_phrase_file_lists_an_entry_twice() -> None:
    """A repeated entry (after normalisation: "tagi" and "tagi:" are one) is a dead line: the
    first one wins, so the second never shows up as a rule in any sidecar."""
    repeated = []
    for path in sorted(RULES_DIR.glob("*/*.txt")):
        first: dict[tuple[str, str], int] = {}
        for no, kind, key in entries(path):
            if first.setdefault((kind, key), no) != no:
                repeated.append(f"{path.parent.name}/{path.name}:{no} repeats line {first[kind, key]}")
    assert not repeated, repeated


def test_patterns_for_normalised_text_are_normalised_alike(tmp_path, monkeypatch) -> None:
    """NFKC splits Thai "ำ" in two: a pattern written with it matches the normalised line
    only when the pattern is normalised too; raw-text callers get it as written."""
    from cleaner import phrases

    (tmp_path / "th").mkdir()
    (tmp_path / "th" / "comment_meta.txt").write_text("# test\n^ความคิดเห็น \\d+ รายการ$\n^ตอบกลับ คำถาม$\n", encoding="utf-8")
    monkeypatch.setattr(phrases, "RULES_DIR", tmp_path)
    phrases.load_patterns.cache_clear()
    try:
        line = norm_line("ตอบกลับ คำถาม")
        assert "\u0e33" not in line  # NFKC: "ํ" + "า"
        normalised = phrases.load_patterns(("th",), "comment_meta", normalised=True)
        raw = phrases.load_patterns(("th",), "comment_meta")
        assert [bool(rx.search(line)) for rx in normalised] == [False, True]
        assert not any(rx.search(line) for rx in raw)
        assert raw[1].search("ตอบกลับ คำถาม")
    finally:
        phrases.load_patterns.cache_clear()


def test_persian_zwnj_and_its_absence_read_alike() -> None:
    """Persian sites write "می‌شود" with a zero-width non-joiner or without it; a regular
    expression written with it is put in the same form as the lines."""
    assert norm_line("نظرات\u200cکاربران") == norm_line("نظراتکاربران")
    assert re.search(norm_pattern("^دیدگاه\u200cها$"), norm_line("دیدگاهها"))


def test_arabic_spellings_read_alike() -> None:
    """Alef with hamza or madda, teh marbuta and alef maksura are folded (as Lucene's Arabic
    normaliser does), Arabic yeh and kaf read as the Persian ones (as its Persian normaliser
    does), in the lines and in the regular expressions alike."""
    assert norm_line("إدارة الموقع") == norm_line("اداره الموقع") == norm_line("ادارة الموقع")
    assert norm_line("مستشفى") == norm_line("مستشفي")
    assert norm_line("حريم خصوصي") == norm_line("حریم خصوصی")  # Arabic and Persian yeh, kaf
    assert norm_line("اشتراك") == norm_line("اشتراک")
    assert re.search(norm_pattern("^(اقرأ|إقرأ) أيضا$"), norm_line("اقرا ايضاً"))
