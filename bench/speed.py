"""``make bench``: how fast the cleaner is, measured in one run on the same pages.

Everything runs through the CLI (``python -m cleaner run``), as users run it, on pages of
``../shared/bench/dragnet-train`` copied into a temporary folder (enlarged by repetition
where a bigger corpus is needed; each copy gets its own name). Measured:

* HTML mode on one worker, against ``trafilatura.extract(include_comments=False)`` alone on
  one core, on the same pages: docs/s, MB/s and their ratio;
* text mode on one worker (the text dumps of the same pages), as a ratio to HTML mode;
* scaling: text mode with 1 worker and with all workers, on the text dumps repeated to
  ``--scaling-docs`` documents (default 1,200: a run's fixed start-up costs, paid once per
  process, would otherwise weigh as much as the documents);
* a no-op rerun of ``--noop-docs`` documents (default 10,000);

The per-mode runs (the first three) are repeated ``REPEATS`` times, interleaved, and the
fastest of each counts, as ``timeit`` does: on a shared machine speed drifts by 20% and more.
* peak memory of the largest run (the cleaner process and its workers): PSS added up over the
  processes (each page counted once), and RSS added up (an upper bound).

Results: ``bench/results/speed.json`` and ``speed.md`` (committed).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
SET = "dragnet-train"
#: Pages profiled (in one process, pyinstrument) for the table of where the time goes.
PROFILE_PAGES = 150


def _copy(pages: list[Path], dest: Path, repeat: int = 1, gunzip: bool = False) -> int:
    """Copy pages into ``dest`` (``repeat`` times, renamed); return the bytes copied."""
    dest.mkdir(parents=True)
    total = 0
    for r in range(repeat):
        for page in pages:
            name = page.name[:-3] if gunzip else page.name
            data = gzip.decompress(page.read_bytes()) if gunzip else page.read_bytes()
            (dest / f"r{r}-{name}").write_bytes(data)
            total += len(data)
    return total


class Memory(NamedTuple):
    """Memory of a process tree (KiB): RSS and PSS, each added up over the processes."""

    rss: int
    pss: int


def _cleaner(raw: Path, clean: Path, jobs: int) -> tuple[float, Memory]:
    """Seconds of one ``cleaner run`` and the peak memory (KiB) of its processes.

    The peaks are of the whole run, sampled every ``SAMPLE_S`` from ``/proc``: the PSS of the
    cleaner and its workers added up (each page counted once: a page that forked workers share
    with the parent is split between them), and their RSS added up (an upper bound: a shared
    page counts in every process that maps it). Where ``/proc`` cannot tell, both are the
    largest process's RSS.
    """
    cmd = [sys.executable, "-m", "cleaner", "run", str(raw), str(clean), "--jobs", str(jobs), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    peak = Memory(0, 0)
    while proc.poll() is None:
        peak = Memory(*map(max, peak, _tree_memory(proc.pid)))
        time.sleep(SAMPLE_S)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    largest = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, Memory(max(peak.rss, largest), peak.pss or largest)


SAMPLE_S = 0.1
#: Runs of each per-mode measurement (interleaved; the best counts).
REPEATS = 3


def _tree_memory(pid: int) -> Memory:
    """RSS and PSS (KiB) of a process and all its descendants, added up (0 where ``/proc``
    cannot tell; PSS from ``smaps_rollup``, Linux 4.14 and later)."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            kib = {line[:3]: int(line.split()[1]) for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
                   if line.startswith(("Rss:", "Pss:"))}
            rss, pss = rss + kib.get("Rss", 0), pss + kib.get("Pss", 0)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return Memory(rss, pss)


def _trafilatura(pages: list[Path]) -> float:
    """Seconds for ``trafilatura.extract`` on every page, one core, in a fresh process."""
    code = (
        "import sys, time, trafilatura\n"
        "pages = [open(p, 'rb').read() for p in sys.argv[1:]]\n"
        "start = time.perf_counter()\n"
        "for html in pages: trafilatura.extract(html, include_comments=False)\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *map(str, pages)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _rate(docs: int, size: int, seconds: float) -> dict[str, float]:
    return {"docs": docs, "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 2),
            "mb_per_s": round(size / 1e6 / seconds, 3)}


def measure(pages: int, noop_docs: int, jobs: int, work: Path, memory_docs: int = 0, scaling_docs: int = 1200) -> dict:
    """All measurements (see the module docstring)."""
    html_pages = sorted((BENCH / SET / "html").glob("*.html.gz"))[:pages]
    text_pages = [BENCH / SET / "text" / (p.name[:-8] + ".txt") for p in html_pages]
    html_raw, text_raw = work / "html", work / "text"
    html_bytes = _copy(html_pages, html_raw, gunzip=True)
    text_bytes = _copy(text_pages, text_raw)
    n = len(html_pages)
    scale_raw = work / "scale"
    scale_bytes = _copy(text_pages, scale_raw, max(1, -(-scaling_docs // len(text_pages))))
    scale_docs = sum(1 for _ in scale_raw.iterdir())
    traf = html_s = text1_s = scale1_s = scalen_s = float("inf")
    mem_html = Memory(0, 0)
    for r in range(REPEATS):  # interleaved, best of each: the machine's speed drifts
        traf = min(traf, _trafilatura(sorted(html_raw.iterdir())))
        seconds, mem = _cleaner(html_raw, work / f"out-html{r}", 1)
        html_s, mem_html = min(html_s, seconds), Memory(*map(max, mem_html, mem))
        text1_s = min(text1_s, _cleaner(text_raw, work / f"out-text1-{r}", 1)[0])
        scale1_s = min(scale1_s, _cleaner(scale_raw, work / f"out-scale1-{r}", 1)[0])
        scalen_s = min(scalen_s, _cleaner(scale_raw, work / f"out-scalen-{r}", jobs)[0])
    big_raw = work / "big"
    big_bytes = _copy(text_pages, big_raw, max(1, -(-noop_docs // len(text_pages))))
    big_docs = sum(1 for _ in big_raw.iterdir())
    full_s, mem_big = _cleaner(big_raw, work / "out-big", jobs)
    noop_s, _ = _cleaner(big_raw, work / "out-big", jobs)
    shutil.rmtree(work / "out-big")
    memory = {}
    if memory_docs:
        mem_raw = work / "memory"
        mem_bytes = _copy(text_pages, mem_raw, max(1, -(-memory_docs // len(text_pages))))
        mem_s, mem_mem = _cleaner(mem_raw, work / "out-memory", jobs)
        mem_docs = sum(1 for _ in mem_raw.iterdir())
        memory = {"memory_run": _rate(mem_docs, mem_bytes, mem_s), "memory_run_mem": mem_mem}
    html = _rate(n, html_bytes, html_s)
    text1 = _rate(n, text_bytes, text1_s)
    from .profile_stages import profile

    stages = profile(html_pages[:PROFILE_PAGES], text_pages[:PROFILE_PAGES])
    return {
        "stages": stages,
        "set": SET, "pages": n, "workers": jobs, "cpu_count": os.cpu_count(),
        "html_mode_1_worker": html,
        "trafilatura_extract_1_core": _rate(n, html_bytes, traf),
        "text_mode_1_worker": text1,
        "scaling_text_1_worker": _rate(scale_docs, scale_bytes, scale1_s),
        "scaling_text_all_workers": _rate(scale_docs, scale_bytes, scalen_s),
        "corpus_run": _rate(big_docs, big_bytes, full_s),
        "noop_rerun": {"docs": big_docs, "seconds": round(noop_s, 2)},
        **({"memory_run": memory["memory_run"]} if memory else {}),
        "peak_pss_mb": _megabytes("pss", mem_html, mem_big, memory.get("memory_run_mem")),
        "peak_rss_mb": _megabytes("rss", mem_html, mem_big, memory.get("memory_run_mem")),
        "ratios": {
            "html_vs_trafilatura_docs_per_s": round(traf / html_s, 3),
            "text_vs_html_docs_per_s": round(html_s / text1_s, 3),
            "scaling_all_vs_1_worker": round(scale1_s / scalen_s, 3),
        },
    }


def _megabytes(kind: str, html: Memory, corpus: Memory, memory_run: Memory | None) -> dict[str, int]:
    runs = {"html_mode": html, "corpus_run": corpus, **({"memory_run": memory_run} if memory_run else {})}
    return {name: round(getattr(m, kind) / 1024) for name, m in runs.items()}


TARGETS = [
    ("HTML mode vs trafilatura.extract alone (docs/s)", "html_vs_trafilatura_docs_per_s", 1.0),
    ("text mode vs HTML mode (docs/s)", "text_vs_html_docs_per_s", 5.0),
    ("all workers vs 1 worker", "scaling_all_vs_1_worker", 1.7),
]


def markdown(r: dict) -> str:
    """The results as a short Markdown report."""
    rows = [f"| {label} | {r['ratios'][key]} | ≥ {target} | {'yes' if r['ratios'][key] >= target else '**NO**'} |"
            for label, key, target in TARGETS]
    noop = r["noop_rerun"]
    rows.append(f"| no-op rerun of {noop['docs']} documents (s) | {noop['seconds']} | < 3 | "
                f"{'yes' if noop['seconds'] < 3 else '**NO**'} |")
    run = "memory_run" if "memory_run" in r else "corpus_run"
    pss, rss = r["peak_pss_mb"][run], r["peak_rss_mb"][run]
    rows.append(f"| peak memory of the {r[run]['docs']}-document text run, all processes, shared pages once "
                f"(PSS, MB) | {pss} | < 1024 | {'yes' if pss < 1024 else '**NO**'} |")
    rows.append(f"| the same, RSS added up over the processes (shared pages counted in each; MB) | {rss} | | |")
    rates = "\n".join(f"| {k} | {v['docs']} | {v['docs_per_s']} | {v['mb_per_s']} |" for k, v in r.items()
                      if isinstance(v, dict) and "docs_per_s" in v)
    from .profile_stages import markdown as stage_table

    stages = ""
    if "stages" in r:
        stages = (f"\n## Where the time goes\n\nShare of the cleaning time per stage, {PROFILE_PAGES} pages in one "
                  "process under pyinstrument, a sampling profiler (no corpus pass: HTML pages are parsed and rendered here, "
                  "once; stages nest).\n\n" + stage_table(r["stages"]))
    return (f"# Speed of the cleaner\n\n{r['date']} · {r['pages']} pages of `{r['set']}` · "
            f"{r['workers']} workers on {r['cpu_count']} cores · `python -m bench.speed`\n\n"
            "| measure | value | target | met |\n| --- | --- | --- | --- |\n" + "\n".join(rows) +
            "\n\n| run | docs | docs/s | MB/s |\n| --- | --- | --- | --- |\n" + rates + stages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="pages for the per-mode rates")
    parser.add_argument("--noop-docs", type=int, default=10_000, help="corpus size for the no-op rerun")
    parser.add_argument("--memory-docs", type=int, default=50_000,
                        help="text corpus size for the peak-memory run (0: use the no-op corpus)")
    parser.add_argument("--scaling-docs", type=int, default=1200, help="text corpus size for 1 vs all workers")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)
    if not (BENCH / SET).is_dir():
        print(f"bench: {BENCH / SET} not found (set CLEANER_BENCH)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="cleaner-speed-"))
    try:
        result = measure(args.pages, args.noop_docs, args.jobs, work, args.memory_docs, args.scaling_docs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "speed.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (out / "speed.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
