"""A page's metadata from its ``<head>``: title, author, date, site name and URL.

The fast default: what the page declares in ``<meta>`` and ``<link>`` tags (Open Graph,
Twitter cards, Dublin Core, schema.org ``itemprop``), else its single ``<h1>`` or ``<title>``
for the title and a ``<time datetime>`` for the date. trafilatura's own metadata search
(bylines, JSON-LD, date heuristics) is several times slower than its text extraction; it is
used instead when ``Config.trafilatura_metadata`` is on.
"""
from __future__ import annotations

import re
from typing import Any

FIELDS = ("title", "author", "date", "sitename", "url")
_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "title", "headline", "parsely-title"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "byl", "sailthru.author", "twitter:creator"),
    "date": (
        "article:published_time", "og:published_time", "datepublished", "date", "dc.date",
        "dc.date.issued", "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date",
        "article:modified_time", "datemodified",
    ),
    "sitename": ("og:site_name", "application-name", "twitter:site"),
    "url": ("og:url", "twitter:url"),
}
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»:]|-{1,2}|::)\s+")
_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WS_RE = re.compile(r"\s+")
MAX_CHARS = 500


def _clean(value: Any) -> str | None:
    text = _WS_RE.sub(" ", str(value or "")).strip()
    return text[:MAX_CHARS] or None


def _meta_tags(tree) -> dict[str, str]:
    """Lower-cased ``name``/``property``/``itemprop`` of each ``<meta>``, first value wins."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = _clean(el.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in out:
                out[key] = content
    return out


def _title(tree, tags: dict[str, str]) -> str | None:
    declared = next((tags[n] for n in _NAMES["title"] if n in tags), None)
    if declared:
        return declared
    headings = [_clean(h.text_content()) for h in tree.iter("h1")]
    headings = [h for h in headings if h]
    if len(headings) == 1:
        return headings[0]
    title = next((_clean(t.text_content()) for t in tree.iter("title")), None)
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _date(tree, tags: dict[str, str]) -> str | None:
    values = [tags[n] for n in _NAMES["date"] if n in tags]
    values += [t.get("datetime", "") for t in tree.iter("time")]
    for value in values:
        found = _DATE_RE.search(value)
        if found:
            year, month, day = (int(g) for g in found.groups())
            if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _url(tree, tags: dict[str, str]) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and _clean(link.get("href")):
            return _clean(link.get("href"))
    return next((tags[n] for n in _NAMES["url"] if n in tags), None)


def head_metadata(tree) -> dict[str, str | None]:
    """Title, author, date (``YYYY-MM-DD``), site name and URL as the page declares them."""
    meta: dict[str, str | None] = dict.fromkeys(FIELDS)
    if tree is None or not hasattr(tree, "iter"):
        return meta
    tags = _meta_tags(tree)
    meta["title"] = _title(tree, tags)
    meta["author"] = next((tags[n] for n in _NAMES["author"] if n in tags and "://" not in tags[n]), None)
    meta["date"] = _date(tree, tags)
    meta["sitename"] = next((tags[n] for n in _NAMES["sitename"] if n in tags), None)
    meta["url"] = _url(tree, tags)
    return meta
