"""A small cleaned corpus with an audit report, shared by the audit tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from ..pages import PARAGRAPHS, news_html, news_text, write

from cleaner.audit import write_audit
from cleaner.config import Config
from cleaner.runner import run

HOSTILE = [
    "Hostile <script>alert(1)</script> page",
    "A line with </textarea> and <img src=x onerror=alert(1)> inside.",
    '<script>document.title="pwned"</script>',
    *PARAGRAPHS,
    "Advertisement",
    "Share this:",
]


@pytest.fixture(scope="package")
def corpus(tmp_path_factory) -> tuple[Path, Path, Path]:
    """``(raw, clean, index.html)`` of a cleaned corpus: text, HTML, hostile, empty and clean files."""
    base = tmp_path_factory.mktemp("audit")
    raw, clean = base / "raw", base / "clean"
    write(raw / "news" / "a.txt", news_text())
    write(raw / "news" / "b.txt", news_text("harbour"))
    write(raw / "site" / "page.html", news_html())
    write(raw / "hostile.txt", "\n".join(HOSTILE) + "\n")
    write(raw / "essay.txt", "\n".join(PARAGRAPHS) + "\n")
    write(raw / "empty.txt", "")
    run(raw, clean, Config(), jobs=1, quiet=True)
    return raw, clean, write_audit(clean)
