"""``cleaner explain FILE``: labels when piped, colour on a terminal, a summary line."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from .pages import news_text, write

ROOT = Path(__file__).resolve().parents[1]


def test_piped_output_has_bracketed_labels_and_summary(tmp_path) -> None:
    doc = write(tmp_path / "a.txt", news_text())
    proc = subprocess.run([sys.executable, "-m", "cleaner", "explain", str(doc)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "[ad:phrase.line] Advertisement" in proc.stdout and "\x1b[" not in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].startswith("-- removed 14 spans (")


def test_terminal_output_is_coloured(tmp_path) -> None:
    doc = write(tmp_path / "a.txt", news_text())
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "explain", str(doc)], cwd=ROOT,
                            stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(master)
    out = b"".join(chunks).decode()
    assert "\x1b[31m[ad:phrase.line] Advertisement\x1b[0m" in out and "-- removed 14 spans" in out
