"""The audit report in a real browser: headless Debian chromium renders it from the file system."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium not found: browser tests skipped (apt-get install chromium; .ci/run does it)",
)


def browse(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless chromium on ``page`` with a throw-away profile."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def dom(tmp_path: Path, page: Path) -> str:
    """The page's DOM after rendering (scripts, if any, would have run)."""
    proc = browse(tmp_path, page, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_index_renders_with_chart(corpus, tmp_path) -> None:
    text = dom(tmp_path, corpus[2])
    assert re.search(r'<svg[^>]*class="chart-categories"', text)
    chart = text[text.index('class="chart-categories"') :]
    assert ">ad</text>" in chart and ">navigation</text>" in chart and "<rect" in chart
    assert "<title>Cleaner audit</title>" in text and "The corpus at a glance" in text


def test_document_page_has_highlights(corpus, tmp_path) -> None:
    text = dom(tmp_path, corpus[1] / "audit" / "doc" / "news" / "a.html")
    assert re.search(r'<mark id="s\d+" class="cat-ad" data-rule="phrase.line"', text)
    assert 'class="cat-navigation"' in text and 'class="legend"' in text


def test_hostile_page_renders_as_text(corpus, tmp_path) -> None:
    text = dom(tmp_path, corpus[1] / "audit" / "doc" / "hostile.html")
    assert "<title>Document hostile.txt</title>" in text  # document.title="pwned" did not run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "&lt;/textarea&gt;" in text
    assert "<script" not in text and "<img" not in text and "<textarea" not in text


def test_screenshot(corpus, tmp_path) -> None:
    shot = tmp_path / "index.png"
    proc = browse(tmp_path, corpus[2], f"--screenshot={shot}", "--window-size=1200,1600")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
