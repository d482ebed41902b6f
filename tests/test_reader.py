"""Reading raw files: formats, gzip, encodings and rejections."""
from __future__ import annotations

import gzip

import pytest

from cleaner.reader import Rejected, read_raw


def test_utf8_text(tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Grüße aus Köln.\n", encoding="utf-8")
    doc = read_raw(p, 10_000)
    assert (doc.text, doc.format, doc.encoding) == ("Grüße aus Köln.\n", "text", "utf-8")
    assert doc.bytes == len("Grüße aus Köln.\n".encode())


def test_bom_and_utf16(tmp_path) -> None:
    p = tmp_path / "b.txt"
    p.write_bytes("Hello world, this is text.".encode("utf-16"))
    assert read_raw(p, 10_000).text == "Hello world, this is text."


def test_declared_charset_for_html(tmp_path) -> None:
    p = tmp_path / "c.html"
    p.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Grüße</p></body></html>'.encode("latin-1"))
    doc = read_raw(p, 10_000)
    assert doc.format == "html" and "Grüße" in doc.text and doc.encoding == "cp1252"


def test_latin1_label_reads_as_windows_1252_as_browsers_do(tmp_path) -> None:
    """WHATWG: "iso-8859-1" means windows-1252, so 0x80-0x9f are quotes and dashes, not C1 controls."""
    p = tmp_path / "w.html"
    body = "<p>\u201eAnführung\u201c \u2013 it\u2019s here\u2122</p>"
    p.write_bytes(f'<html><head><meta charset="ISO-8859-1"></head><body>{body}</body></html>'.encode("cp1252"))
    doc = read_raw(p, 10_000)
    assert body in doc.text and doc.encoding == "cp1252"
    undefined = tmp_path / "u.html"  # windows-1252 leaves 0x81 undefined: a browser shows U+0081
    undefined.write_bytes(b'<meta charset="latin1"><p>caf\xe9 \x81 \x93x\x94</p>')
    assert "caf\u00e9 \u0081 \u201cx\u201d" in read_raw(undefined, 10_000).text


def test_utf8_with_stray_windows_1252_bytes(tmp_path) -> None:
    """A UTF-8 page with a pasted Windows quote or Latin-1 letter stays UTF-8; the strays are
    read as windows-1252 (not the whole page as another encoding, not U+FFFD)."""
    p = tmp_path / "m.html"
    text = "<meta charset=utf-8><p>Zażółć gęślą jaźń. Research in Motion{q}s phone, Mitgef{u}hl.</p>"
    p.write_bytes(text.format(q="", u="").encode("utf-8").replace(b"Motions", b"Motion\x92s").replace(
        b"Mitgefhl", b"Mitgef\xfchl"))
    doc = read_raw(p, 10_000)
    assert "Zażółć gęślą jaźń. Research in Motion\u2019s phone, Mitgefühl." in doc.text
    assert doc.encoding == "utf-8+cp1252"
    mostly_latin1 = tmp_path / "l.txt"  # more stray bytes than UTF-8 characters: not UTF-8
    mostly_latin1.write_bytes("Grüße, schöne Stühle. ".encode("latin-1") + "ü".encode("utf-8"))
    assert read_raw(mostly_latin1, 10_000).text.startswith("Grüße, schöne Stühle.")


def test_detector_fallback_for_cp1252_text(tmp_path) -> None:
    p = tmp_path / "d.txt"
    p.write_bytes(("Le café était très animé ce matin, déjà plein à craquer. " * 5).encode("cp1252"))
    doc = read_raw(p, 10_000)
    assert "café était très" in doc.text


def test_gzip_and_html_sniffing(tmp_path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(b"<!doctype html><p>Hi there</p>"))
    assert read_raw(p, 10_000).format == "html"
    q = tmp_path / "noext"
    q.write_bytes(b"<!DOCTYPE html><html><body>x</body></html>")
    assert read_raw(q, 10_000).format == "html"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02\x03" * 10, "binary"), (b"x" * 50, "too-large")],
)
def test_rejections(tmp_path, data: bytes, code: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(Rejected) as info:
        read_raw(p, 40)
    assert info.value.code == code


def test_broken_gzip_is_rejected(tmp_path) -> None:
    p = tmp_path / "x.txt.gz"
    p.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(Rejected) as info:
        read_raw(p, 1000)
    assert info.value.code == "bad-gzip"


def test_gzip_bomb_is_limited(tmp_path) -> None:
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 100_000))
    with pytest.raises(Rejected) as info:
        read_raw(p, 10_000)
    assert info.value.code == "too-large" and "decompressed" in info.value.detail


def test_unreadable_file_is_rejected(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    p = tmp_path / "a.txt"
    p.write_text("Some text here.\n")
    def denied(_self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(Rejected) as info:
        read_raw(p, 1000)
    assert str(info.value) == "unreadable: Permission denied"
    with pytest.raises(Rejected, match="unreadable"):
        read_raw(tmp_path / "missing.txt", 1000)


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.html", "Just a sentence saved under the wrong name.\n", "text"),
        ("a.htm", "<p>A fragment</p>\n", "html"),
        ("a.txt", "Text that mentions <p> tags and <div> blocks in passing.\n", "text"),
        ("a.txt", "<p>A fragment saved as text</p>\n", "text"),
        ("a.txt", "  <!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.xml", "<body><p>x</p></body>", "html"),
        ("a.md", "# Title\n\n<div align=center>[Home](https://a.org)</div>\n\nA paragraph.\n", "text"),
        ("a.markdown", "<p>Inline HTML in Markdown</p>\n", "text"),
    ],
)
def test_format_detection(tmp_path, name: str, data: str, fmt: str) -> None:
    p = tmp_path / name
    p.write_text(data, encoding="utf-8")
    assert read_raw(p, 10_000).format == fmt
