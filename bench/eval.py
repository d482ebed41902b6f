"""``python -m bench.eval``: score our cleaner and the baselines on ``../shared/bench``.

Our cleaner runs through its CLI (``python -m cleaner run RAW CLEAN --jobs N``) on a whole
set at once, as a user would; the baselines run in a process pool on the same pages.
Results go to ``bench/results/eval.{json,md}`` (``eval-sample.*`` for partial runs).
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import report
from .baselines import run_baselines
from .data import MODES, PROJECT_ROOT, SETS, BenchSet, bench_root, load_set, read_text, stage_inputs
from .goldonly import evaluate_gold_only
from .layouts import evaluate_layouts
from .diagnose import gold_loss, gold_page_detail, snippet_page_detail, snippet_rule, worst_records
from .metrics import shingles
from .scoring import Record, compact, score_pages, summarize
from .targets import check_all
from .titles import title_agreement

DEFAULT_OUT = PROJECT_ROOT / "bench" / "results"
#: The set whose text dumps are also scored in other layouts (gold text, comments).
LAYOUT_SET = "dragnet-train"
NOT_REMOVED = "(not in a removed span)"


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- running our cleaner -------------------------------------------------------------


def cleaner_command() -> list[str]:
    """``$CLEANER_CMD`` (shell-split) or ``<this python> -m cleaner``."""
    env = os.environ.get("CLEANER_CMD")
    return shlex.split(env) if env else [sys.executable, "-m", "cleaner"]


def run_cleaner(raw: Path, clean: Path, jobs: int) -> dict[str, Any]:
    """Run ``cleaner run RAW CLEAN --jobs N`` from the project root; its run facts."""
    cmd = [*cleaner_command(), "run", str(raw), str(clean), "--jobs", str(jobs)]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    facts = _run_report(clean)
    # Exit status 1 with a run report: some documents failed, the others are usable.
    if proc.returncode != 0 and not (proc.returncode == 1 and facts):
        raise RuntimeError(f"cleaner exited with {proc.returncode}: {shlex.join(cmd)}\n{proc.stdout}")
    facts.update(seconds=round(seconds, 2), returncode=proc.returncode)
    return facts


def _run_report(clean: Path) -> dict[str, Any]:
    """Version, configuration fingerprint and status counts from the cleaner's run report."""
    try:
        data = json.loads((clean / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    summary = data.get("summary", {})
    keys = ("documents", "cleaned", "rejected", "failed", "timeout")
    problems = [d for d in data.get("documents", []) if d.get("status") not in ("cleaned", "skipped")]
    return {
        "cleaner_version": data.get("cleaner_version"),
        "config_fingerprint": data.get("config_fingerprint"),
        **{k: summary[k] for k in keys if k in summary},
        "not_cleaned": [{k: d.get(k) for k in ("rel", "status", "reason")} for d in problems[:20]],
    }


def read_outputs(bset: BenchSet, clean: Path) -> tuple[dict[str, str], list[str]]:
    """Our clean texts by page id, and the ids that have no output."""
    texts = {i: read_text(clean / f"{i}.txt") for i in bset.ids}
    missing = [i for i in bset.ids if not (clean / f"{i}.txt").is_file()]
    return texts, missing


def removed_spans(clean: Path, page_id: str) -> list[dict[str, Any]]:
    """The ``removed`` spans of a page's sidecar (empty when it has none)."""
    try:
        data = json.loads((clean / f"{page_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("removed") or [])


# --- diagnosing our cleaner's losses ------------------------------------------------------


def page_loss(bset: BenchSet, record: Record, text: str, clean: Path) -> Counter[str]:
    """Rule -> gold shingles (snippet set: ``with`` snippets) of one page lost in its spans."""
    if bset.kind == "snippets":
        if not record["missed"]:
            return Counter()
        removed = removed_spans(clean, record["id"])
        return Counter(snippet_rule(s, removed) or NOT_REMOVED for s in record["missed"])
    if record["recall"] >= 1:
        return Counter()
    removed = removed_spans(clean, record["id"])
    return gold_loss(removed, shingles(text), bset.gold_shingles(record["id"])).by_rule


def loss_by_rule(bset: BenchSet, records: Sequence[Record], texts: dict[str, str], clean: Path) -> list[dict[str, Any]]:
    """Per rule, the gold lost in the spans it removed, over the whole set, largest first."""
    lost: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    for record in records:
        by_rule = page_loss(bset, record, texts[record["id"]], clean)
        lost.update(by_rule)
        pages.update(by_rule.keys())
    if bset.kind == "snippets":
        total = sum(r["tp"] + r["fn"] for r in records)
    else:
        total = sum(r["counts"][2] for r in records)
    return [
        {"rule": rule, "lost": n, "share": round(n / total, 4) if total else 0.0, "pages": pages[rule]}
        for rule, n in lost.most_common()
    ]


def worst_pages(bset: BenchSet, records: Sequence[Record], texts: dict[str, str], clean: Path) -> list[dict[str, Any]]:
    """Details of the worst pages of our cleaner on the set."""
    details = []
    for record in worst_records(bset.kind, records):
        removed = removed_spans(clean, record["id"])
        if bset.kind == "snippets":
            details.append(snippet_page_detail(record, removed))
        else:
            gold = bset.gold_shingles(record["id"])
            details.append(gold_page_detail(record, texts[record["id"]], gold, removed))
    return details


# --- one set in one mode -------------------------------------------------------------


def evaluate_cleaner(bset: BenchSet, mode: str, work: Path, jobs: int) -> dict[str, Any]:
    """Run our cleaner on the set in ``mode`` and score it, with its diagnostics."""
    raw = stage_inputs(bset, mode, work / f"{bset.name}-{mode}-raw")
    clean = work / f"{bset.name}-{mode}-clean"
    log(f"{bset.name} {mode}: cleaner on {len(bset.ids)} pages")
    facts = run_cleaner(raw, clean, jobs)
    texts, missing = read_outputs(bset, clean)
    records = score_pages(bset, texts)
    return {
        "summary": summarize(bset.kind, records),
        "run": {**facts, "missing_outputs": len(missing), "missing_ids": missing[:20]},
        "loss_by_rule": loss_by_rule(bset, records, texts, clean),
        "worst": worst_pages(bset, records, texts, clean),
        "pages": compact(bset.kind, records),
    }


def evaluate_baselines(bset: BenchSet, mode: str, jobs: int) -> dict[str, dict[str, Any]]:
    """Summaries of every baseline of ``mode`` on the set."""
    log(f"{bset.name} {mode}: baselines")
    outputs = run_baselines(mode, bset.inputs(mode), jobs)
    return {name: summarize(bset.kind, score_pages(bset, preds)) for name, preds in outputs.items()}


def evaluate_run(bset: BenchSet, mode: str, work: Path, jobs: int, baselines: bool) -> dict[str, Any]:
    """Everything measured for one set in one mode."""
    started = time.monotonic()
    ours = evaluate_cleaner(bset, mode, work, jobs)
    systems = {"cleaner": ours.pop("summary")}
    if baselines:
        systems.update(evaluate_baselines(bset, mode, jobs))
    seconds = round(time.monotonic() - started, 1)
    log(f"{bset.name} {mode}: done in {seconds} s")
    return {"set": bset.name, "kind": bset.kind, "mode": mode, "pages": len(bset.ids),
            "systems": systems, "seconds": seconds, **ours}


def no_cleaning_f1(bset: BenchSet, runs: Sequence[dict[str, Any]]) -> float:
    """F1 of the uncleaned text dumps (from the runs when measured there)."""
    for run in runs:
        if (run["set"], run["mode"]) == (bset.name, "text") and "no cleaning" in run["systems"]:
            return run["systems"]["no cleaning"]["f1"]
    dumps = {i: read_text(path) for i, path in bset.inputs("text")}
    return summarize(bset.kind, score_pages(bset, dumps))["f1"]


# --- the command -------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated sets (default: {','.join(SETS)})")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated input modes (default: text,html)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N page ids (sorted) of each set")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the cleaner and the baselines (default: 2)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results folder (default: bench/results)")
    parser.add_argument("--name", default=None, help="results file stem (default: eval, or eval-sample for partial runs)")
    parser.add_argument("--no-baselines", action="store_true", help="score only our cleaner")
    parser.add_argument("--keep", type=Path, default=None, help="keep the cleaner's outputs in this folder (default: a deleted temp dir)")
    parser.add_argument("--bench", type=Path, default=None, help="benchmark root (default: $CLEANER_BENCH or ../shared/bench)")
    args = parser.parse_args(argv)
    args.sets = _choices(parser, "--sets", args.sets, SETS)
    args.modes = _choices(parser, "--modes", args.modes, MODES)
    return args


def _choices(parser: argparse.ArgumentParser, option: str, value: str, allowed: Sequence[str]) -> list[str]:
    """Split a comma list and check its items."""
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        parser.error(f"{option}: unknown {', '.join(bad) or 'empty list'} (choose from {', '.join(allowed)})")
    return items


def result_stem(args: argparse.Namespace) -> str:
    """``eval`` for the full run (all sets, both modes, all pages, baselines), else ``eval-sample``."""
    if args.name:
        return args.name
    full = args.limit is None and args.sets == list(SETS) and args.modes == list(MODES) and not args.no_baselines
    return "eval" if full else "eval-sample"


def evaluate(args: argparse.Namespace, work: Path, command: Sequence[str] = ()) -> dict[str, Any]:
    """Run every requested set and mode; the full results document."""
    started = time.monotonic()
    root = args.bench or bench_root()
    sets = [load_set(name, root, args.limit) for name in args.sets]
    runs = [evaluate_run(b, m, work, args.jobs, not args.no_baselines) for b in sets for m in args.modes]
    layouts = [row for b in sets if b.name == LAYOUT_SET and "text" in args.modes
               for row in _layouts(b, work, args.jobs)]
    gold_only = [_gold_only(b, work, args.jobs) for b in sets if b.kind == "gold" and "text" in args.modes]
    references = {b.name: no_cleaning_f1(b, runs) for b in sets if b.name == "cleaneval-dev"}
    titles = [row for b in sets if (row := title_agreement(work, b.name)) is not None]
    version = next((r["run"].get("cleaner_version") for r in runs if r["run"].get("cleaner_version")), None)
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cleaner_version": version,
        "command": shlex.join(["python", "-m", "bench.eval", *command]),
        "bench": os.path.relpath(root, PROJECT_ROOT),
        "limit": args.limit,
        "jobs": args.jobs,
        "pages": {b.name: len(b.ids) for b in sets},
        "duration_s": round(time.monotonic() - started, 1),
        "targets": check_all(runs, references),
        "runs": runs,
        "layouts": layouts,
        "gold_only": gold_only,
        "titles": titles,
    }


def _layouts(bset: BenchSet, work: Path, jobs: int) -> list[dict[str, Any]]:
    """The cleaner on the set's text dumps in every layout (:mod:`bench.layouts`)."""
    log(f"{bset.name} text: cleaner on every layout")
    return evaluate_layouts(bset, work, lambda raw, clean: run_cleaner(raw, clean, jobs),
                            lambda b, clean: read_outputs(b, clean)[0])


def _gold_only(bset: BenchSet, work: Path, jobs: int) -> dict[str, Any]:
    """The cleaner on the set's gold files: pure article text (:mod:`bench.goldonly`)."""
    log(f"{bset.name}: cleaner on the gold files")
    return evaluate_gold_only(bset, work, lambda raw, clean: run_cleaner(raw, clean, jobs))


def evaluate_in_workdir(args: argparse.Namespace, command: Sequence[str]) -> dict[str, Any]:
    """:func:`evaluate` in ``--keep DIR`` or in a temporary folder deleted afterwards."""
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return evaluate(args, args.keep.resolve(), command)
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        return evaluate(args, Path(tmp), command)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: evaluate, write the results, print the table."""
    command = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(command)
    try:
        results = evaluate_in_workdir(args, command)
    except (FileNotFoundError, RuntimeError) as exc:
        log(f"error: {exc}")
        return 2
    paths = report.write(results, args.out, result_stem(args))
    print(report.summary_markdown(results))
    log("wrote " + ", ".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
