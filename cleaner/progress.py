"""Progress of a long pass: a redrawn bar on a terminal, periodic log lines elsewhere.

On a terminal (the stream's ``isatty()``) one line is redrawn in place, a few times a
second: ``clean [#####.....] 1200/10000 85.3 docs/s ETA 1:43``. Elsewhere (CI, pipes,
files) a plain line is written every ``every_s`` seconds and once at the end, as log
lines should be. Passes of at most one document, and quiet runs, show nothing.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

LOG_EVERY_S = 5.0
REDRAW_EVERY_S = 0.1
BAR_WIDTH = 24


def _duration(seconds: float) -> str:
    """``1:05:09`` / ``3:07`` for a number of seconds."""
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts documents done in one pass and shows it on ``stream`` (default: stderr).

    ``total`` may be ``None`` when it is not known in advance (new shards being scanned):
    the count and the rate are shown then, without bar or ETA.
    """

    def __init__(
        self, label: str, total: int | None, quiet: bool = False, stream: TextIO | None = None,
        every_s: float = LOG_EVERY_S, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.every_s = every_s
        self.n = 0
        self.started = clock()
        self.shown_n: int | None = None
        self.enabled = not quiet and (total is None or total > 1)
        self.tty = self.enabled and _isatty(self.stream)
        self.last = self.started if not self.tty else self.started - REDRAW_EVERY_S

    def advance(self, n: int = 1) -> None:
        """``n`` more documents done; redraw or log when it is time."""
        self.n += n
        if not self.enabled:
            return
        now = self.clock()
        if now - self.last >= (REDRAW_EVERY_S if self.tty else self.every_s):
            self.last = now
            self._show(now, final=False)

    def close(self) -> None:
        """Show the final state (and end the terminal line), unless a log line just did."""
        if not self.enabled or (not self.n and self.shown_n is None):
            return
        if self.tty or self.shown_n != self.n:
            self._show(self.clock(), final=True)

    def line(self, now: float) -> str:
        """The progress text at time ``now`` (without line control)."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.n / elapsed
        if self.total is None:
            return f"{self.label}: {self.n} docs, {rate:.1f} docs/s"
        share = min(1.0, self.n / self.total) if self.total else 1.0
        left = self.total - self.n
        eta = _duration(left / rate) if rate > 0 and left > 0 else ("0:00" if left <= 0 else "?")
        counts = f"{self.n}/{self.total} {rate:.1f} docs/s ETA {eta}"
        if self.tty:
            filled = int(share * BAR_WIDTH)
            return f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {counts}"
        return f"{self.label}: {self.n}/{self.total} ({int(100 * share)}%), {rate:.1f} docs/s, ETA {eta}"

    def _show(self, now: float, final: bool) -> None:
        text = self.line(now)
        try:
            if self.tty:
                self.stream.write(f"\r{text}\x1b[K" + ("\n" if final else ""))
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: progress is not worth failing for
            self.enabled = False
        self.shown_n = self.n

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
