"""One page per document: its source with every removed span highlighted by category."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import Config
from ..reader import Rejected, read_raw
from ..sources import SourceReader
from .layout import esc, href, legend, page, pct, table

HIDDEN_FIELDS = ("removed", "flagged", "config")


def load_source(
    raw_path: Path | None, data: dict[str, Any], reader: SourceReader | None = None
) -> tuple[str | None, str]:
    """The text the sidecar's offsets refer to, or ``None`` and why it is not available.

    ``raw_path`` is the raw file, or the shard of a record; ``reader`` keeps a shard open
    for its next records.
    """
    from ..pipeline import prepare

    if raw_path is None:
        return None, "the run report does not say where RAW is"
    limit = max(Config().max_bytes, int(data.get("config", {}).get("max_bytes", 0)))
    try:
        if "record" in data:
            own = reader or SourceReader()
            try:
                raw = own.record(raw_path, data, limit).doc
            finally:
                if reader is None:
                    own.close()
        else:
            raw = read_raw(raw_path, limit)
    except (OSError, Rejected, KeyError, TypeError, ValueError) as exc:
        return None, f"the raw file cannot be read ({exc})"
    if raw.sha256 != data.get("sha256"):
        return None, "the raw file changed since it was cleaned (its SHA-256 differs)"
    source = prepare(raw)[0]
    if any(source[s["start"] : s["end"]] != s.get("text") for s in data["removed"] + data.get("flagged", [])):
        return None, "the raw file no longer gives the recorded spans"
    return source, ""


def _title(span: dict[str, Any], flagged: bool) -> str:
    parts = [span.get("category", ""), span.get("rule", ""), f"score {span.get('score', '')}"]
    if span.get("evidence"):
        parts.append(span["evidence"])
    return " · ".join(map(str, parts)) + (" · kept by configuration" if flagged else "")


def highlight(source: str, removed: list[dict[str, Any]], flagged: list[dict[str, Any]]) -> str:
    """The escaped source with ``<mark class="cat-…">`` around every span (rule on hover)."""
    spans = sorted([(s, False) for s in removed] + [(s, True) for s in flagged], key=lambda p: p[0]["start"])
    out: list[str] = []
    pos = 0
    for span, is_flagged in spans:
        start, end = max(span["start"], pos), span["end"]
        if end <= start:
            continue
        out.append(esc(source[pos:start]))
        text = source[start:end]
        body = text.rstrip("\r\n")
        cls = f"cat-{span.get('category', 'other')}" + (" flagged" if is_flagged else "")
        out.append(
            f'<mark id="s{span["start"]}" class="{esc(cls)}" data-rule="{esc(span.get("rule", ""))}" '
            f'title="{esc(_title(span, is_flagged))}">{esc(body)}</mark>{esc(text[len(body):])}'
        )
        pos = end
    out.append(esc(source[pos:]))
    return "".join(out)


def span_table(data: dict[str, Any]) -> str:
    """Every removed and flagged span as a table row."""
    rows = []
    for span, flag in [(s, "") for s in data["removed"]] + [(s, "kept by configuration") for s in data.get("flagged", [])]:
        rows.append([
            f'<a href="#s{int(span["start"])}">{int(span["start"])}–{int(span["end"])}</a>',
            f'<mark class="cat-{esc(span.get("category", "other"))}">{esc(span.get("category", ""))}</mark>',
            esc(span.get("rule", "")), esc(span.get("evidence", "")), esc(flag), esc(span.get("text", "").strip()),
        ])
    return table(["offsets", "category", "rule", "evidence", "", "text"], rows)


def metadata(data: dict[str, Any]) -> str:
    """The sidecar's fields (but the spans and the configuration) as a table."""
    rows = []
    for key, value in data.items():
        if key in HIDDEN_FIELDS:
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append([f"<code>{esc(key)}</code>", esc(shown)])
    return table(["field", "value"], rows)


def document_page(
    out: str, data: dict[str, Any], raw_path: Path | None, clean: Path, page_dir: Path, root: str,
    reader: SourceReader | None = None,
) -> str:
    """The whole page of one document (``reader``: see :func:`load_source`)."""
    source, why = load_source(raw_path, data, reader)
    chars_in, removed = int(data.get("chars_in", 0)), sum(int(v) for v in data.get("removed_chars", {}).values())
    links = [f'<a href="{href(clean / f"{out}.txt", page_dir)}">clean text</a>',
             f'<a href="{href(clean / f"{out}.json", page_dir)}">sidecar</a>']
    if raw_path is not None:
        links.insert(0, f'<a href="{href(raw_path, page_dir)}">raw file</a>')
    parts = [
        f"<p>{' · '.join(links)}</p>",
        f"<p>{len(data['removed'])} spans removed, {removed:,} of {chars_in:,} characters ({pct(removed, chars_in)})"
        f"; title: <b>{esc(data.get('title') or '–')}</b>; language {esc(data.get('language') or 'unknown')}.</p>",
        legend(),
    ]
    if source is None:
        parts.append(f'<p class="warn">Source not shown: {esc(why)}. The removed spans as recorded:</p>')
    else:
        parts.append(f'<pre class="doc">{highlight(source, data["removed"], data.get("flagged", []))}</pre>')
    parts += ["<h2>Removed spans</h2>", span_table(data), "<h2>Sidecar</h2>", metadata(data)]
    return page(f"Document {data.get('source', out)}", "\n".join(parts), root)
