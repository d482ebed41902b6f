"""cleaner: boilerplate-stripping corpus cleaner with an auditable record of every removal."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from .config import Config
from .document import CATEGORIES, Document, Span
from .spans import replay

__all__ = [
    "CATEGORIES", "CleanResult", "Config", "Document", "Span",
    "__version__", "clean_document", "clean_html", "clean_text", "replay",
]
_PIPELINE = frozenset({"CleanResult", "clean_document", "clean_html", "clean_text"})


def __getattr__(name: str) -> Any:
    """The pipeline (and numpy, the model) is imported on first use: ``cleaner --help`` starts fast."""
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
