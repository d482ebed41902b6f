"""cleaner: boilerplate-stripping corpus cleaner with an auditable record of every removal."""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config
from .document import CATEGORIES, Document, Span
from .pipeline import CleanResult, clean_html, clean_text
from .spans import replay

__all__ = [
    "CATEGORIES", "CleanResult", "Config", "Document", "Span",
    "__version__", "clean_html", "clean_text", "replay",
]
