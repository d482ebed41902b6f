"""Example: clean a corpus of JSON Lines or WARC files with datatrove, locally or on a cluster.

Stage 1 (the corpus pass) reads the input and writes each task's line counts; stage 2
(``depends=`` stage 1) reads the input again, cleans every document with
:class:`cleaner.integrations.datatrove.CleanerStep` and writes gzipped JSON Lines::

    python -m cleaner.integrations.datatrove_example INPUT OUTPUT --work WORK \\
        [--reader jsonl|warc] [--tasks N] [--workers N] [--config cleaner.toml] \\
        [--executor local|slurm|ray] [--partition P] [--time 04:00:00]

``INPUT`` holds ``*.jsonl[.gz]`` files (as ``make clean`` reads them: ``{"id", "text" or
"html", "url", "metadata"}`` per line; :func:`~cleaner.integrations.datatrove.shard_adapter`)
or WARC files; ``WORK`` receives the line counts and datatrove's logs (use a fresh one per
corpus: finished tasks are skipped).
Slurm and Ray run the same two pipelines with another executor class; every task must see
the same ``WORK`` folder (a shared file system or an fsspec URL such as ``s3://``).
"""
from __future__ import annotations

import argparse
from typing import Any

from ..config import Config


def reader(kind: str, data: str, glob_pattern: str | None = None) -> Any:
    """datatrove's reader for ``jsonl`` or ``warc`` input."""
    if kind == "warc":
        from datatrove.pipeline.readers import WarcReader

        return WarcReader(data, glob_pattern=glob_pattern)
    from datatrove.pipeline.readers import JsonlReader

    from .datatrove import shard_adapter

    return JsonlReader(data, glob_pattern=glob_pattern, adapter=shard_adapter)


def pipelines(input_path: str, output: str, work: str, kind: str = "jsonl", config: Config | None = None,
              glob_pattern: str | None = None) -> tuple[list[Any], list[Any]]:
    """The two pipelines: ``(line counts, cleaning)``."""
    from datatrove.pipeline.writers import JsonlWriter

    from .datatrove import CleanerLineCounts, CleanerStep

    config = config or Config()
    counts = f"{work.rstrip('/')}/line-counts"
    first = [reader(kind, input_path, glob_pattern), CleanerLineCounts(counts, config=config)]
    second = [reader(kind, input_path, glob_pattern), CleanerStep(config=config, line_counts=counts), JsonlWriter(output)]
    return first, second


def executors(input_path: str, output: str, work: str, kind: str = "jsonl", executor: str = "local",
              tasks: int = 4, workers: int = -1, config: Config | None = None, glob_pattern: str | None = None,
              **cluster: Any) -> tuple[Any, Any]:
    """The two stages as executors of one kind; run the second (it starts or waits for the first).

    ``cluster`` goes to the Slurm executor (``partition``, ``time``, ``cpus_per_task``...) or
    the Ray executor (``cpus_per_task``, ``mem_per_cpu_gb``...).
    """
    first, second = pipelines(input_path, output, work, kind, config, glob_pattern)
    logs = [f"{work.rstrip('/')}/logs/{name}" for name in ("line-counts", "clean")]
    if executor == "local":
        from datatrove.executor import LocalPipelineExecutor

        one = LocalPipelineExecutor(first, tasks=tasks, workers=workers, logging_dir=logs[0])
        return one, LocalPipelineExecutor(second, tasks=tasks, workers=workers, logging_dir=logs[1], depends=one)
    if executor == "slurm":
        from datatrove.executor import SlurmPipelineExecutor

        cluster.setdefault("time", "04:00:00")
        one = SlurmPipelineExecutor(first, tasks=tasks, logging_dir=logs[0], job_name="cleaner-counts", **cluster)
        two = SlurmPipelineExecutor(second, tasks=tasks, logging_dir=logs[1], job_name="cleaner-clean",
                                    depends=one, **cluster)
        return one, two
    if executor == "ray":
        from datatrove.executor import RayPipelineExecutor

        one = RayPipelineExecutor(first, tasks=tasks, workers=workers, logging_dir=logs[0], **cluster)
        return one, RayPipelineExecutor(second, tasks=tasks, workers=workers, logging_dir=logs[1], depends=one, **cluster)
    raise ValueError(f"executor must be local, slurm or ray, not {executor!r}")


def main(argv: list[str] | None = None) -> int:
    """Command line of the example (``--help``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="folder (or fsspec URL) of JSON Lines or WARC files")
    parser.add_argument("output", help="folder for the cleaned JSON Lines (one .jsonl.gz per task)")
    parser.add_argument("--work", required=True, help="folder for the line counts and datatrove's logs")
    parser.add_argument("--reader", choices=("jsonl", "warc"), default="jsonl")
    parser.add_argument("--glob", help="only input files matching this pattern (e.g. '*.jsonl.gz')")
    parser.add_argument("--executor", choices=("local", "slurm", "ray"), default="local")
    parser.add_argument("--tasks", type=int, default=4, help="tasks (input files are spread over them)")
    parser.add_argument("--workers", type=int, default=-1, help="tasks run at once (local, Ray; -1: all)")
    parser.add_argument("--config", help="cleaner TOML configuration ([cleaner] and [[rules]])")
    parser.add_argument("--partition", help="Slurm partition")
    parser.add_argument("--time", default="04:00:00", help="Slurm time limit per task")
    args = parser.parse_args(argv)
    cluster: dict[str, Any] = {}
    if args.executor == "slurm":
        if not args.partition:
            parser.error("--executor slurm needs --partition")
        cluster = {"partition": args.partition, "time": args.time}
    _, second = executors(args.input, args.output, args.work, args.reader, args.executor, args.tasks,
                          args.workers, Config.load(args.config), args.glob, **cluster)
    second.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
