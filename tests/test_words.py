"""Words in every script (cleaner/words.py) and the line features built on them."""
from __future__ import annotations

import math

import pytest

from cleaner.features import stopwords, text_features
from cleaner.words import CJK_CHARS_PER_WORD, THAI_CHARS_PER_WORD, count_words, word_re


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("हिन्दी में समाचार", ["हिन्दी", "में", "समाचार"]),  # Devanagari vowel signs and virama
        ("আজ শনিবার সকাল", ["আজ", "শনিবার", "সকাল"]),  # Bengali
        ("தமிழ் செய்தி", ["தமிழ்", "செய்தி"]),  # Tamil
        ("ภาษาไทย ข่าว", ["ภาษาไทย", "ข่าว"]),  # Thai
        ("cafe\u0301 ouvert", ["cafe\u0301", "ouvert"]),  # a decomposed accent stays in its word
        ("می\u200cخواهم", ["می\u200cخواهم"]),  # Persian: a ZWNJ inside a word
    ],
)
def test_a_word_is_not_cut_at_its_combining_marks(text: str, words: list[str]) -> None:
    assert word_re().findall(text) == words


def test_latin_words_are_tokenised_as_before() -> None:
    text = "Don't miss the 2024 Café-Konzert, über 3.5 km!"
    assert word_re().findall(text) == ["Don", "t", "miss", "the", "2024", "Café", "Konzert", "über", "3", "5", "km"]


def test_chinese_words_are_estimated_from_characters_and_function_characters_count() -> None:
    stops = frozenset({"的", "是"})
    n, stop, upper, _letters = count_words("APP下载：这是新的图书馆", stops)
    # "APP" is a word; the two runs of 2 and 7 characters are about 2 and 5 words
    assert n == 1 + math.ceil(2 / CJK_CHARS_PER_WORD) + math.ceil(7 / CJK_CHARS_PER_WORD)
    assert (stop, upper) == (2, 1)


def test_function_characters_count_at_most_the_words_of_their_run() -> None:
    assert count_words("的的的", frozenset({"的"}))[:3] == (2, 2, 0)


def test_a_hindi_sentence_reads_as_running_text() -> None:
    line = "नगर निगम ने बुधवार को घोषणा की कि शहर के सभी पुस्तकालय अब रात दस बजे तक खुले रहेंगे।"
    f = text_features(line, stopwords("hi"))
    assert f.words == 19 and f.terminal and f.stop_ratio >= 0.3 and f.good()


def test_a_bengali_sentence_reads_as_running_text() -> None:
    line = "শহরের গ্রন্থাগারগুলো এখন থেকে প্রতিদিন রাত দশটা পর্যন্ত খোলা থাকবে বলে জানিয়েছে সিটি কর্পোরেশন।"
    f = text_features(line, stopwords("bn"))
    assert f.terminal and f.stop_ratio > 0 and f.good()


def test_a_chinese_paragraph_reads_as_running_text_and_a_menu_item_does_not() -> None:
    stops = stopwords("zh")
    paragraph = "市图书馆从下个月起将延长开放时间，读者在工作日晚上也可以借书和使用阅览室。馆长表示，这是根据读者的建议作出的决定。"
    assert text_features(paragraph, stops).good()
    menu = text_features("国际新闻", stops)
    assert menu.stop_ratio == 0 and not menu.good()


def test_a_japanese_sentence_reads_as_running_text() -> None:
    line = "市の図書館は来月から、平日の夜も本を借りることができるようになります。"
    assert text_features(line, stopwords("ja")).good()


def test_thai_words_are_estimated_and_function_words_found_inside_a_run_longest_first() -> None:
    stops = frozenset({"ที่", "ขณะที่", "และ"})
    run = "ขณะที่ฝนตกและลมแรง"  # "while it rains and the wind is strong": 18 characters
    n, stop, upper, _letters = count_words(f"{run} 2569", stops)
    assert n == math.ceil(len(run) / THAI_CHARS_PER_WORD) + 1  # and the year
    assert (stop, upper) == (2, 0)  # ขณะที่ (not ที่ inside it) and และ


def test_a_thai_paragraph_reads_as_running_text_and_a_menu_item_does_not() -> None:
    stops = stopwords("th")
    paragraph = (
        "ผู้ที่สนใจเปิดแผงสามารถลงทะเบียนได้ที่สำนักงานเทศบาลในวันและเวลาราชการ "
        "ค่าธรรมเนียมแผงละ 50 บาทต่อครั้ง และทางเทศบาลจะจัดสรรพื้นที่ตามลำดับการสมัคร"
    )
    f = text_features(paragraph, stops)
    assert f.words >= 25 and 0.2 <= f.stop_ratio <= 0.5 and f.good()
    menu = text_features("เทคโนโลยี", stops)
    assert menu.words <= 3 and menu.stop_ratio == 0 and not menu.good()


def test_own_stoplists_serve_languages_jusText_lacks_and_jusText_the_others() -> None:
    assert {"的", "了", "是"} <= stopwords("zh")
    assert {"の", "に", "を"} <= stopwords("ja")
    assert {"และ", "ที่", "การ"} <= stopwords("th")
    assert "এবং" in stopwords("bn") and "এবং" not in stopwords("en")  # Bengali "and"
    assert stopwords("xx") == stopwords("en")  # unknown: English, as before


def test_letters_count_vowel_signs_and_leave_out_digits_as_before() -> None:
    assert count_words("Route 66_a, café!", frozenset())[3] == len("Routecafé") + 1  # the "a"
    hindi = "शहर के पुस्तकालय"
    assert count_words(hindi, frozenset())[3] == len(hindi.replace(" ", ""))
