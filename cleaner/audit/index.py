"""The overview page, the paged document list and the list of rejected and failed files."""
from __future__ import annotations

from urllib.parse import quote

from .collect import Audit, DocInfo
from .layout import esc, legend, page, pct, table
from .svg import bar_chart, stacked_chart

PAGE_SIZE = 200
FIRST = 20
TOP_LINES = 30


def doc_link(out: str, anchor: str = "", label: str | None = None) -> str:
    """A link from the report folder to a document's page."""
    target = esc(quote(f"doc/{out}.html") + (f"#{anchor}" if anchor else ""))
    return f'<a href="{target}">{esc(label if label is not None else out)}</a>'


def _glance(audit: Audit) -> str:
    t = audit.totals
    rows = [
        ["documents processed", f"{t['processed']:,}"], ["rejected", f"{t['rejected']:,}"],
        ["failed or timed out", f"{t['failed']:,}"], ["characters in", f"{t['chars_in']:,}"],
        ["characters kept", f"{t['chars_out']:,}"],
        ["characters removed", f"{t['removed']:,} ({pct(t['removed'], t['chars_in'])})"],
    ]
    return "<h2>The corpus at a glance</h2>" + table(["", ""], [[esc(a), b] for a, b in rows], {1})


def _charts(audit: Audit) -> str:
    langs = sorted(audit.languages.items(), key=lambda kv: -kv[1]["docs"])
    cats = lambda c: {k: v for k, v in c.items() if k not in ("docs", "chars_in", "chars_out")}  # noqa: E731
    rows = [("all", audit.totals["chars_in"], dict(audit.categories))]
    rows += [(lang, c["chars_in"], cats(c)) for lang, c in langs]
    lang_rows = [
        [esc(lang), f"{c['docs']:,}", f"{c['chars_in']:,}", f"{c['chars_out']:,}", pct(sum(cats(c).values()), c["chars_in"])]
        for lang, c in langs
    ]
    return (
        "<h2>Removed characters per category</h2>" + legend() + bar_chart(dict(audit.categories), "removed characters per category")
        + "<h2>Per language</h2>" + stacked_chart(rows, "removed share per language and category")
        + table(["language", "documents", "chars in", "chars kept", "removed"], lang_rows, {1, 2, 3, 4})
    )


def _rules(audit: Audit) -> str:
    rows = []
    for st in sorted(audit.rules.values(), key=lambda s: -s.chars):
        examples = "<br>".join(
            f'{doc_link(out, f"s{start}", out)}: <span class="ex">{esc(text.strip()[:120])}</span>'
            for out, start, text in st.examples
        )
        origin = "<br>".join(f"<code>{esc(o)}</code>" for o in sorted(st.origins)[:5])
        cats = ", ".join(f"{esc(c)} {n:,}" for c, n in st.categories.most_common())
        rows.append([f"<code>{esc(st.name)}</code>", cats, f"{st.spans:,}", f"{st.chars:,}", f"{st.docs:,}", origin, examples])
    head = ["rule", "categories (spans)", "spans", "characters", "documents", "from (user rules)", "examples"]
    return "<h2>Rules</h2>" + table(head, rows, {2, 3, 4})


def _lines(audit: Audit) -> str:
    rows = [
        [f"{n:,}", f'<mark class="cat-{esc(audit.line_cats[text])}">{esc(audit.line_cats[text])}</mark>', esc(text)]
        for text, n in audit.lines.most_common(TOP_LINES)
    ]
    return "<h2>Most frequent removed lines</h2>" + table(["times", "category", "line"], rows, {0})


def doc_rows(docs: list[DocInfo]) -> list[list[str]]:
    """Table rows for a list of documents."""
    return [
        [doc_link(d.out, label=d.source), esc(d.title[:80]), esc(d.language), esc(d.format), f"{d.chars_in:,}",
         f"{d.removed:,}", pct(d.removed, d.chars_in), f"{d.spans:,}"]
        for d in docs
    ]


DOC_HEAD = ["document", "title", "language", "format", "chars in", "removed", "share", "spans"]


def _first(audit: Audit) -> str:
    most = sorted((d for d in audit.docs if d.removed), key=lambda d: (-d.share, d.out))[:FIRST]
    none = [d for d in audit.docs if not d.removed]
    problems = audit.problems
    return (
        "<h2>Documents to look at first</h2><h3>Highest share removed (possible over-removal)</h3>"
        + table(DOC_HEAD, doc_rows(most), {4, 5, 6, 7})
        + f"<h3>Nothing removed ({len(none):,})</h3>" + table(DOC_HEAD, doc_rows(none[:FIRST]), {4, 5, 6, 7})
        + f"<h3>Rejected, failed or timed out ({len(problems):,})</h3>" + problem_table(problems[:FIRST])
        + '<p><a href="problems.html">all of them</a> · <a href="documents-1.html">every document</a></p>'
    )


def problem_table(docs: list[dict]) -> str:
    """Rejected, failed and timed-out files with their reasons."""
    rows = [[esc(d.get("rel", "")), esc(d.get("status", "")), esc(d.get("reason") or "")] for d in docs]
    return table(["raw file", "status", "reason"], rows)


def index_page(audit: Audit) -> str:
    """The overview page."""
    body = _glance(audit) + _charts(audit) + _rules(audit) + _lines(audit) + _first(audit)
    return page("Cleaner audit", body, "")


def document_pages(audit: Audit) -> list[str]:
    """The list of every document, :data:`PAGE_SIZE` per page (at least one page)."""
    docs = sorted(audit.docs, key=lambda d: d.out)
    count = max(1, -(-len(docs) // PAGE_SIZE))
    pages = []
    for n in range(1, count + 1):
        near = sorted({1, count, *range(max(1, n - 5), min(count, n + 5) + 1)})
        nav = " ".join(f'<a href="documents-{k}.html">{k}</a>' if k != n else f"<b>{k}</b>" for k in near)
        chunk = docs[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]
        body = f"<p>{len(docs):,} documents. Pages: {nav}</p>" + table(DOC_HEAD, doc_rows(chunk), {4, 5, 6, 7})
        pages.append(page(f"Documents (page {n} of {count})", body, ""))
    return pages


def problems_page(audit: Audit) -> str:
    """Every rejected, failed or timed-out raw file."""
    return page("Rejected and failed files", problem_table(audit.problems), "")
