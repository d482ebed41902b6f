"""Which of many regular expressions can match a line: cheap tests before the searches.

The phrase lists hold hundreds of patterns; searching a line with each would cost more than
all other phrase matching. :class:`RegexIndex` narrows them down, exactly: a pattern is left
out only when it cannot match. Two tests, both read off the pattern by the standard parser:

* a *required literal* (:func:`required_literals`): every match contains one of a few
  strings, so a line holding none of them is skipped;
* for an anchored pattern (``^…``) without one, the *first character* it can match
  (:func:`may_start`): a line is tried only when its first character can start a match.

The required literals are found in one pass (:func:`literal_scan`): a pattern of their trie,
tried at every position of the line, gives the longest literal starting there, and the
literals it starts with are found with it; half the time of testing each literal in turn.
(Joining the anchored patterns into one "screen" pattern per first character saves a few
microseconds a line but costs a third of a second of compiling per process: not worth it.)

Lines are normalised (:func:`cleaner.phrases.norm_line`: lower case), so literals are compared
lower-cased; the patterns themselves still decide, case-insensitively. A few lower-case
letters match others case-insensitively that lower-casing does not join (Turkish dotless
"ı" and "i", long "ſ" and "s", Greek final "ς" and "σ"): literals and lines are compared with
each such class folded to one letter (:func:`folded`), so that no pattern is skipped that
would have matched.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

#: Required literals shorter than this are not worth a test before the search.
MIN_LITERAL = 2
#: ... nor are sets of more alternatives than this (testing each costs more than the search).
MAX_ALTERNATIVES = 4


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """Each letter that the ``re`` engine matches case-insensitively with another lower-case
    letter (its table of extra cases), mapped to the smallest of its class."""
    try:
        from re._casefix import _EXTRA_CASES  # the engine's own table (private, hence the guard)
    except ImportError:  # pragma: no cover - another Python: i/ı and s/ſ, the common ones
        _EXTRA_CASES = {0x69: (0x131,), 0x73: (0x17F,), 0x131: (0x69,), 0x17F: (0x73,)}
    table: dict[int, int] = {}
    for code, others in _EXTRA_CASES.items():
        rep = min(code, *others)
        for member in (code, *others):
            if member != rep:
                table[member] = rep
    return table


def folded(text: str) -> str:
    """``text`` (lower case) with the letters of each extra case class made one (see the
    module docstring); ASCII text is returned as it is."""
    return text if text.isascii() else text.translate(_fold_table())


@dataclass(frozen=True, slots=True)
class RegexIndex:
    """How to find the patterns that can match a line (see the module docstring).

    ``anchored`` lists the anchored patterns without a required literal; ``by_literal`` maps
    each required literal to the patterns needing it or a literal it starts with (what is
    found when :func:`literal_scan` finds it); ``always`` lists the patterns with neither
    test. ``first`` remembers, per first character, the anchored patterns it can start.
    """

    patterns: tuple[re.Pattern[str], ...]
    anchored: tuple[int, ...]
    scan: re.Pattern[str] | None
    by_literal: dict[str, tuple[int, ...]]
    always: tuple[int, ...]
    first: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, patterns: tuple[re.Pattern[str], ...]) -> RegexIndex:
        anchored, always = [], []
        by_literal: dict[str, list[int]] = {}
        for k, rx in enumerate(patterns):
            needs = required_literals(rx)
            if needs is None:
                (anchored if _anchored(rx) else always).append(k)
            for lit in needs or ():
                by_literal.setdefault(lit, []).append(k)
        found = {lit: tuple(sorted({k for head, ks in by_literal.items() if lit.startswith(head) for k in ks}))
                 for lit in by_literal}
        return cls(patterns, tuple(anchored), literal_scan(by_literal), found, tuple(always))

    def candidates(self, norm: str) -> list[int]:
        """Indices, in order, of the patterns that may match ``norm`` (a non-empty normalised
        line); none of the others can."""
        found = set(self.always)
        starts = self.first.get(norm[0])
        if starts is None:  # worked out once per character
            starts = self.first[norm[0]] = tuple(k for k in self.anchored if may_start(self.patterns[k], norm[0]))
        found.update(starts)
        if self.scan is not None:
            for lit in set(self.scan.findall(folded(norm))):
                found.update(self.by_literal[lit])
        return sorted(found)

    def first_match(self, norm: str) -> int | None:
        """Index of the first pattern that ``norm`` (a normalised line) matches, or ``None``."""
        order = self.candidates(norm) if norm else range(len(self.patterns))
        return next((k for k in order if self.patterns[k].search(norm)), None)


def literal_scan(literals: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern whose ``findall`` on a line gives, for each position where one of
    ``literals`` starts, the longest one starting there (``None`` for no literals).

    A lookahead, so matches may overlap; the literals are a trie (one branch per next
    character, an optional group where a literal ends and a longer one goes on), so each
    position costs a few character tests, and the greedy groups find the longest literal.
    """
    trie: dict[str, dict] = {}
    for lit in literals:
        node = trie
        for ch in lit:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(f"(?=({_trie_pattern(trie)}))") if trie else None


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=64)
def index_of(patterns: tuple[re.Pattern[str], ...]) -> RegexIndex:
    """The index of a tuple of patterns (remembered: rule files load as the same tuples; a
    tuple of patterns is slow to hash, so look it up once per document, not per line)."""
    return RegexIndex.build(patterns)


@lru_cache(maxsize=4096)
def _anchored(rx: re.Pattern[str]) -> bool:
    """Whether every match of ``rx`` starts at the line start (it begins with ``^``)."""
    from re import _constants as c

    data = _parsed(rx)
    if rx.flags & re.MULTILINE or data is None:
        return False
    return bool(data) and data[0] == (c.AT, c.AT_BEGINNING)


@lru_cache(maxsize=4096)
def _parsed(rx: re.Pattern[str]) -> list | None:
    """The standard parser's items of ``rx`` (``None`` if it cannot parse them)."""
    from re import _parser  # the standard parser (private, hence the guard)

    try:
        return list(_parser.parse(rx.pattern, rx.flags).data)
    except Exception:
        return None


@lru_cache(maxsize=1 << 16)
def may_start(rx: re.Pattern[str], ch: str) -> bool:
    """Whether a match of ``rx`` may begin with character ``ch`` (``False`` only when none can).

    Read off the parsed pattern: its first consuming item (zero-width items and optional
    ones are looked through); what this does not know (classes, back-references...) may start.
    """
    data = _parsed(rx)
    if data is None:
        return True
    starts, empty = _seq_starts(data, ch, rx.flags)
    return starts or empty  # a match of nothing at the start (``^(x)?``) fits any line


def _seq_starts(items: list, ch: str, flags: int) -> tuple[bool, bool]:
    """``(may start with ch, may match the empty string)`` for a parsed sequence."""
    for op, av in items:
        starts, empty = _item_starts(op, av, ch, flags)
        if starts:
            return True, False
        if not empty:
            return False, False
    return False, True


def _item_starts(op, av, ch: str, flags: int) -> tuple[bool, bool]:
    from re import _constants as c

    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return False, True
    if op is c.LITERAL:
        return _same_char(av, ch, flags), False
    if op is c.SUBPATTERN:
        return _seq_starts(list(av[3].data), ch, av[1] | flags)
    if op is c.BRANCH:
        results = [_seq_starts(list(b.data), ch, flags) for b in av[1]]
        return any(s for s, _ in results), any(e for _, e in results)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        starts, empty = _seq_starts(list(av[2].data), ch, flags)
        return starts, empty or av[0] == 0
    return True, True  # a class, any character, a group reference...: it may


@lru_cache(maxsize=1 << 14)
def _same_char(code: int, ch: str, flags: int) -> bool:
    """Whether the literal ``chr(code)`` matches ``ch`` under ``flags`` (the engine decides)."""
    return re.fullmatch(re.escape(chr(code)), ch, flags & (re.IGNORECASE | re.ASCII)) is not None


@lru_cache(maxsize=4096)
def required_literals(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match must contain, or ``None`` if unknown.

    Remembered per pattern: the phrase books of several language sets share patterns.

    A cheap test before the search (a line holding none of them cannot match), read off
    the pattern by the standard parser: the most selective of its mandatory literal runs.
    """
    data = _parsed(rx)
    try:
        needs = _needs(data) if data is not None else None
    except Exception:  # a construct the reading does not know: no test
        needs = None
    if needs is None:
        return None
    useful = [alts for alts in needs if len(alts) <= MAX_ALTERNATIVES and min(map(len, alts)) >= MIN_LITERAL]
    if not useful:
        return None
    return tuple(sorted(folded(a) for a in max(useful, key=lambda alts: min(len(a) for a in alts))))


def _needs(items: list) -> list[frozenset[str]]:
    """Mandatory requirements of a parsed sequence: each a set of alternative literals."""
    from re import _constants as c

    needs: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            needs.append(frozenset([run]))
            run = ""
        if op is c.SUBPATTERN:
            needs += _needs(list(av[3].data))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            needs += _needs(list(av[2].data))
        elif op is c.BRANCH:
            options = [_needs(list(b.data)) for b in av[1]]
            if all(options):
                needs.append(frozenset().union(*(max(o, key=lambda a: min(map(len, a))) for o in options)))
    if run:
        needs.append(frozenset([run]))
    return needs
