"""Reading raw files: size limit, gzip, format detection and careful decoding.

Decoding order: a byte-order mark; strict UTF-8; UTF-8 with a few stray windows-1252 bytes
(:func:`_utf8_mixed`); the charset of the HTTP header (records of WARC shards); for HTML the
charset the page declares, read as a browser reads it (WHATWG labels: ``iso-8859-1`` is
windows-1252); then charset-normalizer's best guess.
Binary content is rejected, never guessed into text. :func:`document_from_bytes` does all
of it for bytes from anywhere (a file, a shard's record).
"""
from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from .repair import repair_text

#: Plain text unless it starts like a page (Markdown is text: :mod:`cleaner.markdown`).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: What an in-memory document's format may be given as (``auto``: sniffed).
FORMATS = ("auto", "text", "html")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.I)
#: Legacy encodings common on the web; others (mac_*, DOS code pages) need clearer evidence.
WEB_ENCODINGS = frozenset(
    "cp1252 latin_1 iso8859_15 cp1251 koi8_r koi8_u cp1250 iso8859_2 cp1253 iso8859_7 cp1254 "
    "cp1255 cp1256 cp1257 gb18030 gb2312 gbk big5 shift_jis cp932 euc_jp euc_kr cp949 tis_620 "
    "cp874 iso8859_5 iso8859_9 utf_16 utf_32 ascii utf_8".split()
)
RARE_PENALTY = 0.2
_WESTERN_CHARS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœŒ"
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a0«»°·©®§£¿¡"
)
#: What the sidecar's ``encoding`` says of UTF-8 with stray windows-1252 bytes.
MIXED_UTF8 = "utf-8+cp1252"
#: WHATWG Encoding Standard: labels a browser reads with a superset (Python codec names).
_WHATWG = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
           "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932"}
_C1_AS_CP1252 = {b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xA0)}
_ESCAPED_RE = re.compile("[\udc80-\udcff]")
_ESCAPED_AS_CP1252 = {0xDC00 + b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0x100)}
_HTML_START_RE = re.compile(r"^\s*(<!doctype\s+html|<html[\s>])", re.I)
_TAG_RE = re.compile(r"<(!--|!doctype|/?[a-zA-Z][a-zA-Z0-9:-]*[\s/>])", re.I)
_HTML_SNIFF_RE = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<!--)|<(html|body|div|p|head)[\s>]", re.I)


class Rejected(Exception):
    """The file cannot be cleaned; ``reason`` says why (a stable short code and details)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A decoded raw file and the facts the sidecar records about it."""

    text: str
    format: str
    encoding: str
    sha256: str
    bytes: int
    repairs: tuple[str, ...] = ()  # repair steps (:mod:`cleaner.repair`), part of decoding


def logical_suffix(path: Path) -> str:
    """The extension that says the format, ``.gz`` set aside (``a.html.gz`` -> ``.html``)."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).suffix.lower()


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise Rejected("bad-gzip", str(exc)) from exc
    if len(out) > limit:
        raise Rejected("too-large", f"more than {limit} bytes once decompressed")
    return out


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 of mostly Latin text (a NUL in every other byte)."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 16 or any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.01 * len(other):
            return name
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head and head.count(b"\x00") > len(head) // 10:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) // 20


def decode(data: bytes, is_html: bool, charset: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for raw bytes; raises :class:`Rejected` when hopeless.

    ``charset`` is what a transport header declares (HTTP's ``Content-Type``): tried after
    strict UTF-8 (valid multi-byte UTF-8 is stronger evidence than a server default) and
    before the page's own declaration.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _utf8_mixed(data)
    if mixed is not None:
        return mixed, MIXED_UTF8
    m = _CHARSET_RE.search(data[:4096]) if is_html else None
    for label in (charset, m.group(1).decode("ascii", "replace") if m else None):
        try:
            codec = _web_codec(label) if label else ""
            if codec:
                return _decode_web(data, codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    return _western(data) or _guess(data)


def _web_codec(label: str) -> str:
    """The codec a browser reads a charset label with (the WHATWG Encoding Standard maps
    ``iso-8859-1``, ``latin1`` and ``ascii`` to windows-1252, and a few others likewise)."""
    name = codecs.lookup(label).name
    return _WHATWG.get(name, name)


def _decode_web(data: bytes, codec: str) -> str:
    """``data`` in ``codec``; windows-1252's five undefined bytes read as Latin-1 (as browsers do)."""
    if codec == "cp1252":
        return data.decode("latin-1").translate(_C1_AS_CP1252)
    return data.decode(codec)


def _utf8_mixed(data: bytes) -> str | None:
    """UTF-8 with stray single bytes, each read as windows-1252, when its valid multi-byte
    characters outnumber them: a UTF-8 page with a pasted Windows quote or Latin-1 letter
    ("Motion\\x92s", "Mitgef\\xfchl"). A browser shows U+FFFD there, and the whole page in
    another encoding would be mojibake. ``None`` for text in another encoding (its bytes
    rarely form valid UTF-8)."""
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_RE.findall(text))
    valid = len(text) - len(text.encode("ascii", "ignore")) - bad
    return text.translate(_ESCAPED_AS_CP1252) if valid > bad else None


def _western(data: bytes) -> tuple[str, str] | None:
    """cp1252 when every non-ASCII character it gives is a Latin letter or web punctuation."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = {c for c in text if ord(c) > 127}
    return (text, "cp1252") if extra and extra <= _WESTERN_CHARS else None


def _guess(data: bytes) -> tuple[str, str]:
    """charset-normalizer's candidates, with the web's common legacy encodings preferred."""
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))
    if not candidates:
        raise Rejected("undecodable", "no text encoding fits these bytes")
    best = min(candidates, key=lambda m: m.chaos + (0.0 if m.encoding in WEB_ENCODINGS else RARE_PENALTY))
    codec = _WHATWG.get(codecs.lookup(best.encoding).name)
    if codec:  # Latin-1 is read as windows-1252, as a browser would
        try:
            return _decode_web(data, codec), codec
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def _is_html(text: str, suffix: str) -> bool:
    """HTML by name (when it has at least one tag) or by content.

    A ``.txt`` file must start like a page; a file with another extension is sniffed more
    loosely; an ``.html`` file with no tag at all is plain text under the wrong name.
    """
    if suffix in HTML_SUFFIXES:
        return _TAG_RE.search(text) is not None
    sniff = _HTML_START_RE if suffix in TEXT_SUFFIXES else _HTML_SNIFF_RE
    return sniff.search(text[:2048]) is not None


def _decode_checked(data: bytes, is_html: bool, charset: str | None = None) -> tuple[str, str]:
    """:func:`decode`, after BOM-less UTF-16 and binary content are told apart."""
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and not _looks_binary(text.encode("utf-8")):
            return text, utf16
    if _looks_binary(data):
        raise Rejected("binary", "not text (control bytes)")
    return decode(data, is_html, charset)


def read_raw(path: Path, max_bytes: int) -> RawDocument:
    """Read, gunzip, check and decode one raw file.

    Every way a file can be unfit (unreadable, too large, empty, binary, broken gzip,
    undecodable) raises :class:`Rejected`; other exceptions are internal errors.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Rejected("too-large", f"{size} bytes, limit {max_bytes}")
        raw = path.read_bytes()
    except OSError as exc:
        raise Rejected("unreadable", exc.strerror or str(exc)) from exc
    if len(raw) > max_bytes:  # grew since stat
        raise Rejected("too-large", f"{len(raw)} bytes, limit {max_bytes}")
    digest = hashlib.sha256(raw).hexdigest()
    data = _gunzip(raw, max_bytes) if path.name.lower().endswith(".gz") else raw
    return document_from_bytes(data, logical_suffix(path), digest, len(raw))


def document_from_bytes(
    data: bytes, suffix: str, sha256: str, size: int, charset: str | None = None, fmt: str | None = None
) -> RawDocument:
    """Check and decode content bytes (already gunzipped) into a :class:`RawDocument`.

    ``suffix`` is the logical extension that hints the format (``.html``, ``.txt``);
    ``sha256`` and ``size`` are what the sidecar records of the raw bytes; ``charset`` a
    transport header's; ``fmt`` forces the format (``"html"``/``"text"``) instead of sniffing.
    Raises :class:`Rejected` (empty, binary, undecodable).
    """
    if not data.strip():
        raise Rejected("empty", "no content")
    is_html = fmt == "html" if fmt else suffix not in TEXT_SUFFIXES
    text, encoding = _decode_checked(data, is_html, charset)
    if not text.strip():
        raise Rejected("empty", "only white space")
    fmt = fmt or ("html" if _is_html(text, suffix) else "text")
    text, repairs = repair_text(text) if fmt == "text" else (text, ())
    return RawDocument(text, fmt, encoding, sha256, size, repairs)


def check_format(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`, else ``ValueError``."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    return fmt


class TextDocument(Protocol):
    """An in-memory document: :class:`cleaner.Document`, or datatrove's (the same fields)."""

    id: str
    text: str
    metadata: dict[str, Any]


def document_suffix(doc: TextDocument, path_key: str = "path") -> str:
    """The name suffix that hints a document's format, as for a raw file (``""`` if none)."""
    path = doc.metadata.get(path_key)
    if isinstance(path, str) and path:
        return logical_suffix(PurePosixPath(path))  # type: ignore[arg-type]
    return ".warc" if doc.metadata.get("url") else ""  # an unknown suffix: sniffed for tags


def raw_document(doc: TextDocument, fmt: str = "auto", path_key: str = "path", max_bytes: int = 0) -> RawDocument:
    """The :class:`RawDocument` of an in-memory document.

    Its text, as UTF-8 bytes, goes through the checks and decoding of a raw file
    (:func:`document_from_bytes`): :class:`Rejected` for empty, binary-looking and too large
    documents, a byte-order mark dropped, the format (``metadata["format"]`` or ``fmt``)
    sniffed when ``"auto"``: a ``path`` in the metadata hints it by its suffix, a ``url``
    marks a web page, else the text is sniffed for tags.
    """
    check_format(fmt)
    data = (doc.text or "").encode("utf-8", "replace")  # "replace": a lone surrogate
    if max_bytes and len(data) > max_bytes:
        raise Rejected("too-large", f"{len(data)} bytes, limit {max_bytes}")
    given = doc.metadata.get("format")
    if fmt == "auto" and given in ("text", "html"):
        fmt = given
    forced = None if fmt == "auto" else fmt
    digest = hashlib.sha256(data).hexdigest()
    return document_from_bytes(data, document_suffix(doc, path_key), digest, len(data), fmt=forced)

