"""The one configuration object: frozen, typed, with documented defaults.

A configuration is read from a TOML file's ``[cleaner]`` table (``cleaner.toml`` in the
working directory when present, or ``--config FILE``). Its resolved form (:meth:`Config.to_dict`)
and a fingerprint that also covers the shipped rule data files go into every sidecar.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .document import CATEGORIES
from .userrules import UserRule, load_rules_file, parse_rules

RULES_DIR = Path(__file__).parent / "rules"
MODELS_DIR = Path(__file__).parent / "models"
STOPLISTS_DIR = Path(__file__).parent / "stoplists"


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting of a cleaning run.

    Attributes:
        keep_categories: categories detected but kept in the text (still listed in the
            sidecar under ``flagged``), e.g. ``["comments"]`` for a user who wants comments.
        disabled_rules: rule names (as in ``removed[].rule``) that are not run.
        max_bytes: raw files larger than this are rejected, not read.
        protect_words: a line of at least this many words that reads like prose is
            article text unless the evidence against it is strong.
        phrase_max_words: a line of more words is never matched by the phrase lists: a
            boilerplate phrase opens or fills a notice (the longest cookie notices have
            some 120 words), and a longer line that starts like one is a page flattened to
            one line ("Skip to content Home News … the article …"), which must not go whole.
        repeated_min_docs: a line seen in at least this many documents of the corpus
            counts as repeated (the corpus pass); 0 switches the pass off.
        use_trafilatura: for HTML, let trafilatura's main-text extraction vote.
        trafilatura_metadata: for HTML, take title, author, date, site and URL from
            trafilatura's metadata search (bylines, JSON-LD, date heuristics) rather than
            from the page's ``<meta>`` tags alone; several times slower per page.
        language_min_chars: shorter clean texts get ``language: null``.
        langdetect_seed: fixed seed that makes langdetect deterministic.
        extra_languages: phrase-list languages always applied besides the detected one.
        time_limit_s: a document that takes longer is reported as timed out (0: no limit).
        line_model: use the shipped learned line model (rule ``model.line``); off, the
            hand-written fallback rules (``zone.outside``, ``corpus.repeated``,
            ``context.between``) decide instead.
        model_threshold: boilerplate probability at which the model removes a line (set to
            favour recall: a kept ad line costs less than a lost article line).
        model_threshold_prose: the same for protected (long, sentence-like) lines.
        model_threshold_shielded: the same for short lines that rule ``keep.inside``
            shields (between article paragraphs, under the title, closing the article).
        user_rules: the user's rules (:mod:`cleaner.userrules`), from ``[[rules]]`` tables of
            the configuration file and from ``--rules FILE``; part of the fingerprint.
    """

    keep_categories: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    max_bytes: int = 50_000_000
    protect_words: int = 12
    phrase_max_words: int = 150
    repeated_min_docs: int = 3
    use_trafilatura: bool = True
    trafilatura_metadata: bool = False
    language_min_chars: int = 20
    langdetect_seed: int = 0
    extra_languages: tuple[str, ...] = ("en",)
    time_limit_s: float = 60.0
    line_model: bool = True
    model_threshold: float = 0.7
    model_threshold_prose: float = 0.9
    model_threshold_shielded: float = 0.9
    user_rules: tuple[UserRule, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.keep_categories) - set(CATEGORIES)
        if unknown:
            raise ValueError(f"unknown categories in keep_categories: {sorted(unknown)}")
        if self.max_bytes <= 0 or self.protect_words <= 0 or self.phrase_max_words <= 0 or self.repeated_min_docs < 0:
            raise ValueError("max_bytes, protect_words and phrase_max_words must be positive, repeated_min_docs >= 0")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Config":
        """Build from a mapping (as read from TOML); unknown keys are an error."""
        names = {f.name: f for f in fields(cls)}
        unknown = set(data) - set(names)
        if unknown:
            raise ValueError(f"unknown configuration keys: {sorted(unknown)}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        if "user_rules" in values:  # the resolved form written by to_dict()
            try:
                values["user_rules"] = tuple(UserRule(**r) for r in values["user_rules"])
            except TypeError as exc:
                raise ValueError(f"bad user_rules: {exc}") from exc
        return cls(**values)

    @classmethod
    def load(cls, path: str | Path | None) -> "Config":
        """Read ``[cleaner]`` and ``[[rules]]`` from a TOML file; ``None`` gives defaults."""
        if path is None:
            return cls()
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        data = tomllib.loads(text)
        config = cls.from_dict(data.get("cleaner", {}))
        return config.with_rules(parse_rules(data, text, str(path))) if "rules" in data else config

    def with_rules(self, rules: tuple[UserRule, ...] | str | Path) -> "Config":
        """This configuration plus user rules (or those of a rules file); names must differ."""
        if isinstance(rules, (str, Path)):
            rules = load_rules_file(rules)
        merged = self.user_rules + tuple(rules)
        names = [r.name for r in merged]
        dup = next((r for i, r in enumerate(merged) if r.name in names[:i]), None)
        if dup is not None:
            raise ValueError(f"{dup.file}:{dup.line}: rule {dup.name!r}: the name is used twice")
        return replace(self, user_rules=merged)

    def to_dict(self) -> dict[str, Any]:
        """The resolved configuration, JSON-ready."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def fingerprint(self) -> str:
        """Hash of the resolved configuration, of every shipped rule and model file, and of
        the cleaner's code (:func:`code_digest`): what decides a document's output."""
        h = hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode())
        h.update(data_digest().encode())
        h.update(code_digest().encode())
        return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of the cleaner's Python sources (once per process): an edited checkout of the
    same version cleans differently, so its outputs are not up to date."""
    package = Path(__file__).parent
    return _hash_files(sorted(package.rglob("*.py")), package)


@lru_cache(maxsize=1)
def data_digest() -> str:
    """Hash of every shipped rule, stoplist and model file, once per process: a process loads
    its rule lists once too, so the fingerprint names the rules it cleans with, and the
    document API, which fingerprints every document, does not read 300 files each time."""
    return _hash_files(list(_data_files()), RULES_DIR.parent)


def _data_files() -> tuple[Path, ...]:
    """The shipped rule, stoplist and model files."""
    return tuple(sorted(RULES_DIR.rglob("*.txt")) + sorted(STOPLISTS_DIR.glob("*.txt")) + sorted(MODELS_DIR.glob("*.json")))


def _hash_files(paths: list[Path], root: Path) -> str:
    """Hash of files' names (relative to ``root``) and bytes, in the given order."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
