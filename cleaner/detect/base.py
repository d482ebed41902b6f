"""The detection context shared by all rules."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..config import Config
from ..document import Decision, Line
from ..features import Features
from ..phrases import PhraseMatch


@dataclass(slots=True)
class Context:
    """Everything a rule may look at, and the decisions taken so far."""

    lines: list[Line]
    feats: list[Features]
    matches: list[PhraseMatch | None]
    config: Config
    languages: tuple[str, ...] = ()
    is_html: bool = False
    repeated: frozenset[int] = frozenset()
    decided: dict[int, Decision] = field(default_factory=dict)
    kept: dict[int, str] = field(default_factory=dict)
    #: Kept lines whose end goes (a photo credit): line -> (characters at its end, decision).
    tails: dict[int, tuple[int, Decision]] = field(default_factory=dict)
    shielded: set[int] = field(default_factory=set)
    region: tuple[int, int] | None = None
    path: str = ""  # the document's path relative to RAW (user rules' ``path``/``site``)
    url: str = ""  # HTML: the page's URL when known (user rules' ``site``)
    title: str = ""  # HTML: the page's title from its metadata, when known

    def protected(self, i: int) -> bool:
        """A long, sentence-like line: article text unless the evidence is strong."""
        return self.feats[i].prose(self.config.protect_words)

    def open(self, i: int) -> bool:
        """Not yet decided, not kept by a keep rule, and not blank."""
        return i not in self.decided and i not in self.kept and not self.feats[i].blank

    def neighbour(self, i: int, step: int) -> int | None:
        """The nearest non-blank line from line ``i`` (``step`` -1 up, 1 down), if any."""
        j = i + step
        while 0 <= j < len(self.lines) and self.feats[j].blank:
            j += step
        return j if 0 <= j < len(self.lines) else None

    def hint(self, i: int, default: str) -> str:
        """The category a line's own words or DOM hint at, else ``default``."""
        match = self.matches[i]
        if match:
            return match.category
        return self.lines[i].hint or default

    def decide(self, i: int, category: str, rule: str, score: float = 1.0, evidence: str = "") -> None:
        """Remove line ``i`` as ``category`` by ``rule`` unless a rule already decided it."""
        if self.open(i):
            self.decided[i] = Decision(category, rule, score, evidence)


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A registered rule: its stable name, what it does, and the function.

    ``fallback`` rules run only when the learned line model is off or not shipped.
    """

    name: str
    doc: str
    fn: Callable[[Context], None]
    html_only: bool = False
    fallback: bool = False
