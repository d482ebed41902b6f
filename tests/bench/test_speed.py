"""make bench's memory measure: PSS and RSS of a process tree, read from /proc."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.speed import _tree_memory

needs_proc = pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="no /proc/<pid>/smaps_rollup")


@needs_proc
def test_memory_of_a_process_tree_counts_children_and_shared_pages_once() -> None:
    alone = _tree_memory(os.getpid())
    assert 0 < alone.pss <= alone.rss
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        for _ in range(50):  # until the child has started and shows in /proc
            both = _tree_memory(os.getpid())
            if both.rss > alone.rss:
                break
            time.sleep(0.05)
        assert both.rss > alone.rss and both.pss <= both.rss
    finally:
        child.kill()
        child.wait()


def test_memory_of_a_gone_process_is_zero() -> None:
    assert _tree_memory(2**22 + 12345) == (0, 0)
