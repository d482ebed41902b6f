"""User rules: phrases and regular expressions from a TOML file, to remove or to always keep.

A rules file (``--rules FILE``, or ``[[rules]]`` tables in ``cleaner.toml``) holds entries::

    [[rules]]
    name = "mysite-promo"      # letters, digits, "-", "_": the span's rule is "user.mysite-promo"
    category = "ad"            # one of the categories
    action = "remove"          # or "keep" (the line is never removed by any later rule)
    phrase = "Shop our store"  # or regex = "..." (exactly one of the two)
    match = "line"             # phrases only: "line" (default), "start" or "contains"
    site = "example.com"       # optional: only pages of this site
    path = "news/**"           # optional: only documents whose path (relative to RAW) matches

Invalid entries raise ``ValueError`` naming the file, the entry's line and the problem.
Regular expressions with nested unbounded quantifiers (``(a+)+``, ``(.*)*``) are refused,
and user regexes are only searched in lines of at most :data:`MAX_REGEX_LINE` characters.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .document import CATEGORIES

try:  # the regex parser moved in Python 3.11; both names work there
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MAX_REGEX_LINE = 2000
KEYS = {"name", "category", "action", "phrase", "regex", "match", "site", "path"}
ACTIONS = ("remove", "keep")
MATCHES = ("line", "start", "contains")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_REPEATS = {"max_repeat", "min_repeat", "possessive_repeat"}


@dataclass(frozen=True, slots=True)
class UserRule:
    """One validated user rule, with the file and line it came from."""

    name: str
    category: str
    action: str = "remove"
    phrase: str = ""
    regex: str = ""
    match: str = "line"
    site: str = ""
    path: str = ""
    file: str = ""
    line: int = 0

    @property
    def rule(self) -> str:
        """The rule name recorded in ``removed``: ``user.<name>``."""
        return f"user.{self.name}"

    @property
    def evidence(self) -> str:
        """Where the rule is written: ``file:line``."""
        return f"{self.file}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (part of the resolved configuration)."""
        return asdict(self)


def load_rules_file(path: str | Path) -> tuple[UserRule, ...]:
    """The ``[[rules]]`` of a TOML file; ``ValueError`` for a bad file or rule."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the rules file {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    return parse_rules(data, text, str(path))


def parse_rules(data: dict[str, Any], text: str, file: str) -> tuple[UserRule, ...]:
    """Validate the ``rules`` array of parsed TOML ``data`` (``text`` gives line numbers)."""
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError(f"{file}: 'rules' must be an array of tables ([[rules]])")
    lines = _entry_lines(text)
    rules: list[UserRule] = []
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else 0
        rules.append(_validated(entry, file, line))
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise ValueError(f"{file}:{rule.line}: rule {rule.name!r}: the name is used twice")
        seen.add(rule.name)
    return tuple(rules)


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) of each ``[[rules]]`` header, in order."""
    return [no for no, raw in enumerate(text.splitlines(), 1) if re.match(r"^\s*\[\[\s*rules\s*\]\]", raw)]


def _validated(entry: dict[str, Any], file: str, line: int) -> UserRule:
    where = f"{file}:{line}: rule {entry.get('name', '?')!r}"
    problem = _problem(entry)
    if problem:
        raise ValueError(f"{where}: {problem}")
    rule = UserRule(**{k: entry[k] for k in KEYS if k in entry}, file=file, line=line)
    if rule.regex:
        problem = regex_problem(rule.regex)
        if problem:
            raise ValueError(f"{where}: {problem}")
    return rule


def _problem(entry: dict[str, Any]) -> str | None:
    """What is wrong with one entry's keys and values, or ``None``."""
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        return f"unknown keys {unknown} (allowed: {sorted(KEYS)})"
    if any(not isinstance(v, str) for v in entry.values()):
        return "every value must be a string"
    if not _NAME_RE.match(entry.get("name", "")):
        return "'name' is required: letters, digits, '-' and '_'"
    if entry.get("category") not in CATEGORIES:
        return f"unknown category {entry.get('category')!r} (one of: {', '.join(CATEGORIES)})"
    if entry.get("action", "remove") not in ACTIONS:
        return f"'action' must be 'remove' or 'keep', not {entry['action']!r}"
    if bool(entry.get("phrase")) == bool(entry.get("regex")):
        return "give exactly one of 'phrase' and 'regex'"
    if entry.get("match", "line") not in MATCHES or ("match" in entry and "regex" in entry):
        return f"'match' applies to phrases only and is one of {', '.join(MATCHES)}"
    return None


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` is refused (invalid, or liable to catastrophic backtracking)."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    if _nested_repeat(parsed, inside=False):
        return "regular expression has nested repetition like (a+)+ or (.*)*, which can take forever"
    return None


def _nested_repeat(items: Any, inside: bool) -> bool:
    """Whether an unbounded repeat occurs inside another repeat of the parsed pattern."""
    for op, arg in items:
        name = str(op).lower()
        if name in _REPEATS:
            low, high, sub = arg
            unbounded = high == sre_parse.MAXREPEAT or high > 100
            if unbounded and inside:
                return True
            if _nested_repeat(sub, inside or unbounded):
                return True
        elif name == "branch":
            if any(_nested_repeat(b, inside) for b in arg[1]):
                return True
        elif name in ("subpattern", "atomic_group"):
            sub = arg if name == "atomic_group" else arg[-1]
            if _nested_repeat(sub, inside):
                return True
        elif name in ("assert", "assert_not"):
            if _nested_repeat(arg[1], inside):
                return True
    return False


@lru_cache(maxsize=1024)
def compiled(pattern: str) -> re.Pattern[str]:
    """The compiled regex of a (validated) user rule."""
    return re.compile(pattern)


def matches(rule: UserRule, text: str) -> bool:
    """Whether ``rule``'s phrase or regex matches one line's ``text``."""
    from .phrases import SHORT_WORDS, norm_line  # late: phrases imports config, which imports us

    if rule.regex:
        return len(text) <= MAX_REGEX_LINE and compiled(rule.regex).search(text.strip()) is not None
    line, phrase = norm_line(text), norm_line(rule.phrase)
    if not line or not phrase:
        return False
    if rule.match == "line":
        return line == phrase
    padded = f" {line} "
    if rule.match == "start":
        return padded.startswith(f" {phrase} ")
    return len(line.split(" ")) <= SHORT_WORDS and f" {phrase} " in padded


def applies(rule: UserRule, path: str, url: str = "") -> bool:
    """Whether ``rule``'s ``site``/``path`` limits let it apply to this document."""
    if rule.path and not glob_match(rule.path, path):
        return False
    return not rule.site or site_match(rule.site, path, url)


def site_match(site: str, path: str, url: str = "") -> bool:
    """The page's URL host, or a folder of its path, is ``site`` or a subdomain of it."""
    site = site.lower().strip(".")
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.lower()).split("/")[0].split(":")[0]
    names = [host] + [part.lower() for part in path.split("/")[:-1]]
    return any(n == site or n.endswith("." + site) for n in names if n)


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            ch = pattern[i]
            out.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Glob on a ``/`` path: ``*`` within a folder, ``**`` across folders, ``?`` one character."""
    return _glob_re(pattern).match(path) is not None
