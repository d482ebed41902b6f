"""Write an evaluation's results: ``<stem>.json`` (everything) and ``<stem>.md`` (for people)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SYSTEMS: tuple[str, ...] = ("cleaner", "no cleaning", "C4 lines", "jusText", "trafilatura")
METRIC = {"snippets": "snippet", "gold": "shingle"}
TOP_RULES = 8


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for a table ('–' when missing)."""
    return "\u2013" if value is None else f"{value:.{digits}f}"


def prf_cell(summary: dict[str, Any] | None) -> str:
    """``P/R/F1`` of one system (empty cell when it was not run)."""
    if not summary:
        return ""
    return "/".join(fmt(summary[k]) for k in ("precision", "recall", "f1"))


def row_label(run: dict[str, Any]) -> str:
    return f"{run['set']} ({METRIC[run['kind']]})"


def targets_of(results: dict[str, Any], run: dict[str, Any]) -> tuple[str, str]:
    """The row's target labels and whether each is met."""
    mine = [t for t in results["targets"] if (t["set"], t["mode"]) == (run["set"], run["mode"])]
    labels = ", ".join(t["target"] for t in mine)
    met = ", ".join({True: "yes", False: "**NO**", None: "?"}[t["met"]] for t in mine)
    return labels, met


def main_table(results: dict[str, Any]) -> str:
    """Rows = set x mode, columns = systems (P/R/F1), then our targets."""
    head = ["set (metric)", "mode", *SYSTEMS, "target (ours)", "met"]
    lines = [_row(head), _row(["---"] * len(head))]
    for run in results["runs"]:
        cells = [prf_cell(run["systems"].get(s)) for s in SYSTEMS]
        lines.append(_row([row_label(run), run["mode"], *cells, *targets_of(results, run)]))
    return "\n".join(lines)


def leak_table(results: dict[str, Any]) -> str:
    """Share of comment shingles (dragnet) or comment snippets (trafilatura) kept, per system."""
    runs = [r for r in results["runs"] if r["systems"]["cleaner"].get("comment_pages")]
    if not runs:
        return ""
    head = ["set", "mode", "pages with comments", *SYSTEMS]
    lines = [_row(head), _row(["---"] * len(head))]
    for run in runs:
        cells = [fmt(run["systems"][s]["comment_leak"]) if s in run["systems"] else "" for s in SYSTEMS]
        lines.append(_row([run["set"], run["mode"], str(run["systems"]["cleaner"]["comment_pages"]), *cells]))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def header(results: dict[str, Any]) -> str:
    """One paragraph: version, date, pages, duration."""
    pages = ", ".join(f"{name} {n}" for name, n in results["pages"].items())
    sample = f" (first {results['limit']} ids per set: a sample)" if results["limit"] else ""
    return (
        f"cleaner {results['cleaner_version']} \u00b7 {results['date']} \u00b7 pages: {pages}{sample} "
        f"\u00b7 {results['duration_s'] / 60:.1f} min \u00b7 `{results['command']}`"
    )


def summary_markdown(results: dict[str, Any]) -> str:
    """Header, the main table and the comment-leak table."""
    parts = [
        header(results),
        "Cells are precision/recall/F1: snippet metric for `trafilatura`, shingle metric for "
        "the gold sets (see `bench/README.md`). jusText runs on the row's input.",
        main_table(results),
    ]
    leaks = leak_table(results)
    if leaks:
        parts += ["Comment leak (share of comment shingles / comment snippets left in the output; lower is better):", leaks]
    layouts = layout_table(results)
    if layouts:
        parts += ["Layouts: the same pages as other scrapers write them (`bench/layouts.py`), our cleaner:", layouts]
    gold = gold_only_table(results)
    if gold:
        parts += ["Pure article text: each set's gold files cleaned as plain text (`bench/goldonly.py`); "
                  "whatever goes is text the cleaner might take from an article (the gold files hold a "
                  "little boilerplate too, so this is an upper bound):", gold]
    titles = titles_table(results)
    if titles:
        parts += ["Titles: the sidecar's title from each page's text dump against the title the HTML page "
                  "declares (`bench/titles.py`; a page that declares only its site's name makes even the "
                  "right headline disagree, so this is a lower bound):", titles]
    return "\n\n".join(parts) + "\n"


def titles_table(results: dict[str, Any]) -> str:
    """Per set: pages cleaned in both modes, titles declared and found, and agreeing."""
    rows = results.get("titles") or []
    if not rows:
        return ""
    lines = [_row(["set", "pages", "HTML title declared", "text title found", "text title agrees"]), _row(["---"] * 5)]
    for row in rows:
        share = fmt(row["agree"] / row["declared"]) if row["declared"] else ""
        lines.append(_row([row["set"], str(row["pages"]), str(row["declared"]), str(row["found"]),
                           f"{row['agree']} ({share} of declared)"]))
    return "\n".join(lines)


def gold_only_table(results: dict[str, Any]) -> str:
    """Share of the gold files' characters removed, the rules that removed most, worst pages."""
    rows = results.get("gold_only") or []
    if not rows:
        return ""
    lines = [_row(["set", "characters", "removed", "by rule (characters)", "most removed"]), _row(["---"] * 5)]
    for row in rows:
        worst = ", ".join(f"`{p['id']}` {fmt(p['removed_share'])}" for p in row["worst_pages"][:3])
        lines.append(_row([row["set"], str(row["chars_in"]), fmt(row["removed_share"], 4),
                           rules_text(row["by_rule"], 4), worst]))
    return "\n".join(lines)


def layout_table(results: dict[str, Any]) -> str:
    """P/R/F1 and comment leak of the cleaner per layout of the text dumps."""
    rows = results.get("layouts") or []
    if not rows:
        return ""
    lines = [_row(["set", "layout", "cleaner", "comment leak"]), _row(["---"] * 4)]
    for row in rows:
        lines.append(_row([row["set"], row["layout"], prf_cell(row["summary"]), fmt(row["summary"]["comment_leak"])]))
    return "\n".join(lines)


def loss_section(run: dict[str, Any]) -> str:
    """The rules that cost our cleaner the most gold text on one set and mode."""
    unit = "`with` snippets missed" if run["kind"] == "snippets" else "gold shingles lost"
    lines = [f"| rule | {unit} | share of all | pages |", "| --- | --- | --- | --- |"]
    for item in run["loss_by_rule"][:TOP_RULES]:
        lines.append(_row([f"`{item['rule']}`", str(item["lost"]), fmt(item["share"]), str(item["pages"])]))
    return "\n".join(lines) if run["loss_by_rule"] else "(nothing lost)"


def rules_text(rules: dict[str, int], limit: int = 6) -> str:
    items = list(rules.items())
    text = ", ".join(f"`{r}`\u00d7{n}" for r, n in items[:limit])
    return text + (f", +{len(items) - limit} more" if len(items) > limit else "") if items else "none"


def worst_item(kind: str, page: dict[str, Any]) -> str:
    """One worst page as a Markdown list item."""
    if kind == "snippets":
        head = f"- `{page['id']}` missed {page['fn']}, false hits {page['fp']} \u2014 rules: {rules_text(page['rules'])}"
        misses = [f"  - missed ({m['rule'] or 'not in a removed span'}): \u201c{m['snippet']}\u201d" for m in page["missed"]]
        hits = [f"  - kept: \u201c{s}\u201d" for s in page["false_hits"]]
        return "\n".join([head, *misses, *hits])
    head = (f"- `{page['id']}` P {fmt(page['precision'])} R {fmt(page['recall'])} F1 {fmt(page['f1'])} "
            f"\u2014 rules: {rules_text(page['rules'])}")
    lines = [head]
    if page["lost_gold"]:
        lost = page["lost_gold"]
        lines.append(f"  - lost gold (`{lost['rule']}`, {lost['lost_shingles']} shingles): \u201c{lost['text']}\u201d")
    if page["kept_non_gold"]:
        kept = page["kept_non_gold"]
        lines.append(f"  - kept non-gold ({kept['extra_shingles']} shingles): \u201c{kept['text']}\u201d")
    return "\n".join(lines)


def run_details(run: dict[str, Any]) -> str:
    """Run facts, loss by rule and worst pages of one set and mode."""
    facts = run["run"]
    status = ", ".join(f"{k} {facts[k]}" for k in ("cleaned", "failed", "timeout", "rejected", "missing_outputs") if k in facts)
    skipped = "; ".join(f"`{d['rel']}` {d['status']} ({d['reason']})" for d in facts.get("not_cleaned", []))
    return "\n\n".join([
        f"### {run['set']} \u00b7 {run['mode']}",
        f"Cleaner run: {fmt(facts.get('seconds'), 1)} s (config {facts.get('config_fingerprint')}); {status}." + (f" Not cleaned: {skipped}." if skipped else ""),
        "Where gold text is lost (removed spans holding it, by rule):",
        loss_section(run),
        "Worst pages:",
        "\n".join(worst_item(run["kind"], p) for p in run["worst"]) or "(none)",
    ])


def full_markdown(results: dict[str, Any]) -> str:
    """The whole ``.md`` report."""
    title = "# Evaluation of the cleaner" + (" (sample)" if results["limit"] else "")
    details = "\n\n".join(run_details(r) for r in results["runs"])
    return f"{title}\n\n{summary_markdown(results)}\n## Losses and worst pages (our cleaner)\n\n{details}\n"


def write(results: dict[str, Any], out: Path, stem: str) -> list[Path]:
    """Write ``<out>/<stem>.json`` and ``<out>/<stem>.md``; their paths."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / f"{stem}.json", out / f"{stem}.md"
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md_path.write_text(full_markdown(results), encoding="utf-8")
    return [json_path, md_path]
