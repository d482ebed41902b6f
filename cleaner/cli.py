"""Command line: ``cleaner run|show|explain|render|verify|audit|export|rules`` (also ``python -m cleaner``).

Exit status: 0 success; 1 ``run``: a document failed by an internal error (rejected
inputs alone do not count), ``verify``: a problem was found; 2 usage or setup errors
(missing folders, bad configuration, a file that cannot be read).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_CONFIG = "cleaner.toml"


def _config(path: str | None):
    """The configuration from ``path`` (or ``./cleaner.toml``); ``ValueError`` when unusable."""
    from .config import Config

    if path is None and Path(DEFAULT_CONFIG).is_file():
        path = DEFAULT_CONFIG
    try:
        return Config.load(path)
    except OSError as exc:
        raise ValueError(f"cannot read the configuration {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ValueError(f"bad configuration {path}: {exc}") from exc


def _with_rules(args: argparse.Namespace):
    """The configuration plus the user rules of ``--rules FILE`` (``ValueError`` if bad)."""
    config = _config(args.config)
    return config.with_rules(args.rules) if getattr(args, "rules", None) else config


def _rel_path(file: Path, raw: str) -> str:
    """``file`` relative to the RAW folder when inside it, else as given (for user rules)."""
    try:
        return file.resolve().relative_to(Path(raw).resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _clean_file(path: Path, config, rel: str = ""):
    """Read and clean one file (or a shard's record, ``SHARD#ID``) on its own (no corpus
    pass): ``(raw, result)``."""
    from .job import clean_raw
    from .sources import read_any

    raw, url, is_record = read_any(path, config.max_bytes)
    return raw, clean_raw(raw, config, path=rel.rpartition("#")[0] if is_record else rel, url=url)


def cmd_run(args: argparse.Namespace) -> int:
    from .report import format_summary
    from .runner import run

    raw, clean = Path(args.raw), Path(args.clean)
    config = _with_rules(args)
    jobs = args.jobs if args.jobs > 0 else os.cpu_count() or 1
    report = run(raw, clean, config, jobs=jobs, quiet=args.quiet)  # ValueError: bad folders
    print(format_summary(report["summary"], Path(report["path"])))
    return 1 if report["summary"]["failed"] else 0


def cmd_show(args: argparse.Namespace) -> int:
    from .reader import Rejected
    from .show import render_marked

    config = _with_rules(args)
    try:
        _raw, result = _clean_file(Path(args.file), config, _rel_path(Path(args.file), args.raw))
    except (Rejected, OSError) as exc:
        print(f"cleaner: {args.file}: {exc}", file=sys.stderr)
        return 2
    color = sys.stdout.isatty() if args.color == "auto" else args.color == "always"
    sys.stdout.write(render_marked(result, color=color, removed_only=args.removed_only))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import write_audit

    clean = Path(args.clean)
    if not clean.is_dir():
        print(f"cleaner: CLEAN folder not found: {clean}", file=sys.stderr)
        return 2
    index = write_audit(clean, Path(args.out) if args.out else None)
    print(f"audit report: {index}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    raw = None if args.no_source else Path(args.raw)
    if args.shard_docs < 1:
        raise ValueError("--shard-docs must be at least 1")
    manifest = export(Path(args.clean), Path(args.out), raw, shard_docs=args.shard_docs)  # ValueError: folders
    sources = manifest["source_documents"]
    print(
        f"exported {manifest['documents']} documents in {len(manifest['shards'])} shards to {args.out}/documents"
        + (f"; source set: {sources} documents with attributes" if sources is not None else "; no source set")
        + (f"; skipped {len(manifest['skipped'])}" if manifest["skipped"] else "")
    )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .reader import Rejected
    from .pipeline import prepare
    from .sources import read_any

    try:
        raw = read_any(Path(args.file), _config(args.config).max_bytes)[0]
    except (Rejected, OSError) as exc:
        print(f"cleaner: {args.file}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(prepare(raw)[0])
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .verify import verify_tree

    raw, clean = Path(args.raw), Path(args.clean)
    config = _config(args.config)
    for name, folder in (("RAW", raw), ("CLEAN", clean)):
        if not folder.is_dir():
            print(f"cleaner: {name} folder not found: {folder}", file=sys.stderr)
            return 2
    problems, checked = verify_tree(raw, clean, config)
    for problem in problems:
        print(problem)
    print(f"verified {checked} documents, {len(problems)} problems")
    return 1 if problems else 0


def cmd_rules(_args: argparse.Namespace) -> int:
    from .detect import RULES
    from .document import CATEGORIES
    from .markdown import MARKUP_DOC, MARKUP_RULE

    print("categories: " + ", ".join(CATEGORIES))
    for spec in RULES:
        print(f"{spec.name:20} {spec.doc}{' (HTML only)' if spec.html_only else ''}")
    print(f"{MARKUP_RULE:20} {MARKUP_DOC}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept free of heavy imports so ``--help`` is fast)."""
    config_help = f"TOML configuration file (default: ./{DEFAULT_CONFIG} if present)"
    parser = argparse.ArgumentParser(
        prog="cleaner", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--config", help=config_help)
    common = argparse.ArgumentParser(add_help=False)  # --config also after the subcommand
    common.add_argument("--config", default=argparse.SUPPRESS, help=config_help)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", parents=[common], help="clean every file under RAW into CLEAN")
    p.add_argument("raw")
    p.add_argument("clean")
    p.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.add_argument("--rules", help="TOML file of user rules ([[rules]] tables)")
    p.set_defaults(fn=cmd_run)
    for name in ("show", "explain"):
        p = sub.add_parser(name, parents=[common], help="show one file with its removed parts marked by category")
        p.add_argument("file", help="a raw file, or a record of a shard as SHARD#ID")
        p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
        p.add_argument("--removed-only", action="store_true", help="print only the removed lines")
        p.add_argument("--rules", help="TOML file of user rules ([[rules]] tables)")
        p.add_argument("--raw", default="raw", help="RAW folder that user rules' path globs are relative to")
        p.set_defaults(fn=cmd_show)
    p = sub.add_parser(
        "render", parents=[common], help="print the text that offsets refer to (HTML: its block rendering)"
    )
    p.add_argument("file", help="a raw file, or a record of a shard as SHARD#ID")
    p.set_defaults(fn=cmd_render)
    p = sub.add_parser("verify", parents=[common], help="check that every sidecar in CLEAN replays to its clean text")
    p.add_argument("raw")
    p.add_argument("clean")
    p.set_defaults(fn=cmd_verify)
    p = sub.add_parser("audit", parents=[common], help="write the HTML audit report of CLEAN (CLEAN/audit/index.html)")
    p.add_argument("clean")
    p.add_argument("--out", help="report folder (default: CLEAN/audit)")
    p.set_defaults(fn=cmd_audit)
    p = sub.add_parser(
        "export", parents=[common], help="write CLEAN as Dolma shards: OUT/documents, OUT/source/{documents,attributes}"
    )
    p.add_argument("clean")
    p.add_argument("out")
    p.add_argument("--shard-docs", type=int, default=10_000, help="documents per shard (default 10000)")
    p.add_argument("--raw", default="raw", help="RAW folder, to rebuild the source set (default: raw)")
    p.add_argument("--no-source", action="store_true", help="write only OUT/documents (no source set)")
    p.set_defaults(fn=cmd_export)
    p = sub.add_parser("rules", parents=[common], help="list the categories and rule names")
    p.set_defaults(fn=cmd_rules)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cleaner`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except BrokenPipeError:  # e.g. `cleaner show FILE | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
        return 0
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except (ValueError, OSError) as exc:  # configuration and folder errors
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
