"""A generator of hard inputs: every file the web and the file system can throw at a RAW.

:func:`write_hostile` writes them into a RAW folder (and one file outside it, for links) and
returns what each must become: ``"cleaned"``, ``"rejected:<code>"``, or a set of acceptable
outcomes (for files whose fate depends on the machine, e.g. permissions when run as root).
Nothing is copied: every byte is generated here.
"""
from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from ..pages import news_html, news_text, write

ARTICLE = (
    "The harbour authority published its annual report on Monday, and the figures show that "
    "freight traffic grew for the third year in a row despite the long winter storms.\n"
)
RUSSIAN = "Городской совет в понедельник утвердил новый план развития набережной и парков.\n" * 6
CHINESE = "市议会周一批准了新的河岸发展计划，工程将于明年春天开始，预计两年内完成。\n" * 6
JAPANESE = "市議会は月曜日に新しい川岸の開発計画を承認し、工事は来年の春に始まる予定です。\n" * 6
FRENCH = "Le café était très animé ce matin, déjà plein à craquer avant l'été.\n" * 6
RTL = "مجلس المدينة وافق يوم الاثنين على خطة جديدة لتطوير الواجهة البحرية والحدائق العامة.\n" \
      "מועצת העיר אישרה ביום שני תוכנית חדשה לפיתוח חוף הים והפארקים הציבוריים.\n" * 3
COMBINING = "Z\u0351\u0352a\u0300\u0301l\u0334g\u0335o\u0336 text with ca\u0301fe\u0301 and n\u0303o\u0303.\n" * 8
EMOJI = "The festival 🎉🎆 drew families 👨‍👩‍👧‍👦 from every town 🏙️, and flags 🇫🇷🇩🇪 flew. 🙂\n" * 6
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    + "]><html><body><p>&lol9;</p><p>" + ARTICLE + "</p></body></html>"
)

Outcome = str | frozenset[str]


def _rand_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _bad_utf8() -> bytes:
    return ARTICLE.encode() + b"\xff\xfe\xc3\x28 broken \xe2\x82 bytes\n" + ARTICLE.encode()


def small_inputs() -> dict[str, tuple[bytes, Outcome]]:
    """Name -> (bytes, expected outcome) of every small hard input."""
    return {
        "binary.txt": (_rand_bytes(4096), "rejected:binary"),
        "binary-png.html": (b"\x89PNG\r\n\x1a\n" + _rand_bytes(2048), "rejected:binary"),
        "empty.txt": (b"", "rejected:empty"),
        "blank.html": (b" \n\t\r\n", "rejected:empty"),
        "nul-bytes.txt": (ARTICLE.encode() * 3 + b"a\x00b\n", "cleaned"),
        "invalid-utf8.txt": (_bad_utf8(), "cleaned"),
        "utf16-bom.txt": (("\ufeff" + ARTICLE * 3).encode("utf-16-le"), "cleaned"),
        "utf16-be-bom.txt": (("\ufeff" + ARTICLE * 3).encode("utf-16-be"), "cleaned"),
        "utf16-no-bom.txt": ((ARTICLE * 3).encode("utf-16-le"), "cleaned"),
        "cp1252.txt": (FRENCH.encode("cp1252"), "cleaned"),
        "koi8r.txt": (RUSSIAN.encode("koi8-r"), "cleaned"),
        "gb18030.txt": (CHINESE.encode("gb18030"), "cleaned"),
        "shift-jis.txt": (JAPANESE.encode("shift_jis"), "cleaned"),
        "mojibake.txt": (FRENCH.encode("utf-8").decode("cp1252").encode("utf-8"), "cleaned"),
        "crlf.txt": (news_text().replace("\n", "\r\n").encode(), "cleaned"),
        "lone-cr.txt": (news_text().replace("\n", "\r").encode(), "cleaned"),
        "deep.html": (("<div>" * 100_000 + ARTICLE + "</div>" * 100_000).encode(), "cleaned"),
        "deep-unclosed.html": (("<div><span>" * 20_000 + ARTICLE).encode(), "cleaned"),
        "unclosed.html": (b"<html><body><p>Unclosed <b>bold <i>italic <div>" + ARTICLE.encode(), "cleaned"),
        "billion-laughs-xml.xml": (BILLION_LAUGHS.encode(), "cleaned"),
        "billion-laughs.html": (BILLION_LAUGHS.encode(), "cleaned"),
        "all-script.html": (b"<html><body><script>" + b"var a = 1;\n" * 500 + b"</script></body></html>", "cleaned"),
        "rtl.txt": (RTL.encode(), "cleaned"),
        "combining.txt": (COMBINING.encode(), "cleaned"),
        "emoji.txt": (EMOJI.encode(), "cleaned"),
        "name with spaces.txt": (news_text(" with spaces").encode(), "cleaned"),
        "ünïcödé 名前 ☃.txt": (news_text(" in unicode").encode(), "cleaned"),
        "new\nline.txt": (news_text().encode(), "rejected:bad-name"),
        "carriage\rreturn.txt": (news_text().encode(), "rejected:bad-name"),
        "page.html": (news_html().encode(), "cleaned"),
        "good.txt": (news_text().encode(), "cleaned"),
    }


def _unreadable(raw: Path) -> Outcome:
    path = write(raw / "unreadable.txt", news_text(" unreadable"))
    path.chmod(0)
    # root reads it anyway: then it is simply cleaned
    return frozenset({"rejected:unreadable", "cleaned"})


def _links(raw: Path, outside: Path) -> dict[str, Outcome]:
    target = write(outside / "secret.txt", news_text(" outside"))
    (outside / "dir").mkdir(exist_ok=True)
    write(outside / "dir" / "inner.txt", news_text(" in a linked folder"))
    (raw / "link-inside.txt").symlink_to("good.txt")
    (raw / "link-outside.txt").symlink_to(target)
    (raw / "link-dangling.txt").symlink_to(raw / "no-such-file.txt")
    (raw / "linked-dir").symlink_to(outside / "dir", target_is_directory=True)
    return {
        "link-inside.txt": "cleaned",
        "link-outside.txt": "rejected:symlink-outside",
        "link-dangling.txt": frozenset({"rejected:not-a-file", "rejected:symlink-outside"}),
        "linked-dir": "rejected:symlink-outside",
    }


def _fifo(raw: Path) -> dict[str, Outcome]:
    if not hasattr(os, "mkfifo"):
        return {}
    os.mkfifo(raw / "pipe.txt")
    return {"pipe.txt": "rejected:not-a-file"}


def write_hostile(raw: Path, outside: Path) -> dict[str, Outcome]:
    """Write every small hard input into ``raw`` (links may point into ``outside``)."""
    expected: dict[str, Outcome] = {}
    for name, (data, outcome) in small_inputs().items():
        write(raw / name, data)
        expected[name] = outcome
    expected["unreadable.txt"] = _unreadable(raw)
    expected |= _links(raw, outside)
    expected |= _fifo(raw)
    return expected


#: Huge inputs, written on their own (slow tests): name -> (writer, max_bytes to use).
def huge_line(path: Path) -> Path:
    """A 10 MB single line of words."""
    return write(path, ("word " * 2_000_000).encode())


def many_lines(path: Path, n: int = 100_000) -> Path:
    """``n`` short lines."""
    return write(path, "".join(f"short line number {i}\n" for i in range(n)).encode())


def over_limit(path: Path, limit: int) -> Path:
    """A file one byte over ``limit``."""
    return write(path, b"a" * (limit + 1))


HUGE: dict[str, Callable[[Path], Path]] = {"huge-line.txt": huge_line, "many-lines.txt": many_lines}
