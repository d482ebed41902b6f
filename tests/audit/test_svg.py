"""Colours of the audit charts (``cleaner/audit/svg.py``) and the terminal view (``cleaner/show.py``)."""
from __future__ import annotations


def test_every_category_has_its_own_colour() -> None:
    from cleaner.audit.svg import COLORS
    from cleaner.document import CATEGORIES
    from cleaner.show import COLORS as TERMINAL

    assert set(CATEGORIES) <= COLORS.keys() and set(CATEGORIES) <= TERMINAL.keys()
    assert len(set(COLORS.values())) == len(COLORS) and len(set(TERMINAL.values())) == len(TERMINAL)
