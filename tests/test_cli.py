"""The command line, through ``python -m cleaner`` (subprocess) and ``main()`` (in-process)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from .pages import news_html, news_text, write

import cleaner.job
import cleaner.pipeline
from cleaner.cli import main
from cleaner.detect.registry import rule_names
from cleaner.document import CATEGORIES
from cleaner.pipeline import render_html

ROOT = Path(__file__).resolve().parents[1]
SUBCOMMANDS = ("run", "show", "explain", "render", "verify", "audit", "rules")


def cli(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``python -m cleaner ARGS`` from the project root, output captured (so piped)."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("cli")
    write(base / "news.txt", news_text())
    write(base / "page.html", news_html())
    return base


@pytest.mark.parametrize("args", [("--help",), *((name, "--help") for name in SUBCOMMANDS)])
def test_help(args: tuple[str, ...]) -> None:
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: cleaner")


def test_help_lists_every_subcommand() -> None:
    out = cli("--help").stdout
    assert all(name in out for name in SUBCOMMANDS)


def test_no_subcommand_is_a_usage_error() -> None:
    assert cli().returncode == 2


def test_run_on_missing_raw_exits_2(tmp_path) -> None:
    proc = cli("run", tmp_path / "nope", tmp_path / "clean")
    assert proc.returncode == 2
    assert "RAW folder not found" in proc.stderr and not (tmp_path / "clean").exists()


def test_run_with_clean_inside_raw_exits_2(tmp_path) -> None:
    write(tmp_path / "raw" / "a.txt", news_text())
    proc = cli("run", tmp_path / "raw", tmp_path / "raw" / "out")
    assert proc.returncode == 2 and "separate folders" in proc.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [(None, "cannot read the configuration"), ("[cleaner]\nnope = 1\n", "unknown configuration keys"),
     ("[cleaner\n", "bad configuration")],
)
def test_bad_configuration_exits_2(tmp_path, text: str | None, message: str) -> None:
    config = tmp_path / "cleaner.toml"
    if text is not None:
        config.write_text(text)
    write(tmp_path / "raw" / "a.txt", news_text())
    proc = cli("--config", config, "run", tmp_path / "raw", tmp_path / "clean")
    assert proc.returncode == 2 and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_run_writes_outputs_and_summary(tmp_path) -> None:
    write(tmp_path / "raw" / "news.txt", news_text())
    proc = cli("run", tmp_path / "raw", tmp_path / "clean", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("processed 1 (cleaned 1, up to date 0), rejected 0, failed 0")
    assert (tmp_path / "clean" / "news.txt").is_file()


def test_run_exits_0_when_only_rejections(tmp_path) -> None:
    write(tmp_path / "raw" / "news.txt", news_text())
    write(tmp_path / "raw" / "empty.txt", b"")
    assert main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "--jobs", "1", "-q"]) == 0


def test_run_exits_1_when_a_document_fails(tmp_path, monkeypatch, capsys) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    for name in ("a", "b", "c"):
        write(raw / f"{name}.txt", news_text(f" in part {name}"))
    real = cleaner.pipeline.clean_lines

    def flaky(source: str, *args, **kwargs):
        if "in part b" in source:
            raise RuntimeError("boom")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cleaner.pipeline, "clean_lines", flaky)
    assert main(["run", str(raw), str(clean), "--jobs", "1", "-q"]) == 1
    report = json.loads((clean / ".cleaner" / "report.json").read_text(encoding="utf-8"))
    status = {d["rel"]: (d["status"], d["reason"]) for d in report["documents"]}
    assert status == {
        "a.txt": ("cleaned", None), "b.txt": ("failed", "error: RuntimeError: boom"), "c.txt": ("cleaned", None),
    }
    assert sorted(p.name for p in clean.iterdir() if p.is_file()) == ["a.json", "a.txt", "c.json", "c.txt"]
    assert "failed 1" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["show", "explain"])
def test_show_piped_has_plain_labels(pages, command: str) -> None:
    proc = cli(command, pages / "news.txt")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert "[ad:phrase.line] Advertisement" in lines and "[comments:phrase.regex] Mark says:" in lines


def test_show_color_always(pages) -> None:
    proc = cli("show", pages / "page.html", "--color", "always")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[31m[ad:phrase.line] Advertisement\x1b[0m" in proc.stdout


def test_show_removed_only(pages) -> None:
    lines = cli("show", pages / "news.txt", "--removed-only").stdout.splitlines()
    assert lines[0] == "[navigation:phrase.line] Home" and not any(line.startswith("  ") for line in lines)


def test_show_missing_or_bad_file_exits_2(pages, tmp_path) -> None:
    assert cli("show", tmp_path / "missing.txt").returncode == 2
    write(tmp_path / "empty.txt", b"")
    proc = cli("show", tmp_path / "empty.txt")
    assert proc.returncode == 2 and "empty" in proc.stderr


def test_render_prints_the_block_rendering(pages) -> None:
    proc = cli("render", pages / "page.html")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == render_html(news_html())
    assert proc.stdout.splitlines()[:2] == ["Home", "News"] and "<" not in proc.stdout


def test_render_text_prints_it_unchanged(pages) -> None:
    assert cli("render", pages / "news.txt").stdout == news_text()


def test_rules_lists_every_rule(pages) -> None:
    proc = cli("rules")
    assert proc.returncode == 0
    listed = [line.split()[0] for line in proc.stdout.splitlines()[1:]]
    assert listed == [*rule_names(), "markdown.markup"]  # detection's rules, then Markdown markup
    assert proc.stdout.splitlines()[0] == "categories: " + ", ".join(CATEGORIES)


def test_verify_missing_folder_exits_2(tmp_path) -> None:
    proc = cli("verify", tmp_path / "raw", tmp_path / "clean")
    assert proc.returncode == 2 and "not found" in proc.stderr


def test_verify_finds_a_problem(tmp_path) -> None:
    write(tmp_path / "raw" / "news.txt", news_text())
    assert main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "-j", "1", "-q"]) == 0
    (tmp_path / "clean" / "news.txt").write_text("edited\n", encoding="utf-8")
    proc = cli("verify", tmp_path / "raw", tmp_path / "clean")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "news.txt: replay differs from the clean text", "verified 1 documents, 1 problems",
    ]


def test_config_file_in_working_directory_is_used(tmp_path) -> None:
    (tmp_path / "cleaner.toml").write_text('[cleaner]\nkeep_categories = ["ad"]\n')
    write(tmp_path / "raw" / "news.txt", news_text())
    proc = cli("run", "raw", "clean", "-j", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Advertisement" in (tmp_path / "clean" / "news.txt").read_text(encoding="utf-8")


def test_broken_pipe_is_quiet(tmp_path) -> None:
    big = write(tmp_path / "big.txt", news_text() * 200)  # more output than a pipe holds
    proc = subprocess.run(
        f"{sys.executable} -m cleaner show {big} | head -1",
        shell=True, cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.stdout == "[navigation:phrase.line] Home\n"
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_config_option_after_the_subcommand(tmp_path) -> None:
    config = tmp_path / "keep.toml"
    config.write_text('[cleaner]\nkeep_categories = ["share"]\n')
    write(tmp_path / "raw" / "news.txt", news_text())
    proc = cli("run", tmp_path / "raw", tmp_path / "clean", "-j", "1", "--config", config)
    assert proc.returncode == 0, proc.stderr
    assert "Share this:" in (tmp_path / "clean" / "news.txt").read_text(encoding="utf-8")
    lines = cli("show", tmp_path / "raw" / "news.txt", "--config", config).stdout.splitlines()
    assert "[share:phrase.line] (kept by config) Share this:" in lines


def test_help_and_a_noop_run_import_no_heavy_module(tmp_path) -> None:
    import subprocess
    import sys

    heavy = ("numpy", "trafilatura", "langdetect", "lxml", "justext", "charset_normalizer")
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['cleaner'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('cleaner', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "a.txt").write_text("Advertisement\nThe council met on Tuesday to vote on the plan for the harbour.\n")
    for args in (["--help"], ["run", str(raw), str(clean), "--quiet"]):
        subprocess.run([sys.executable, "-c", probe, *args], check=True, capture_output=True)
    for args in (["--help"], ["run", str(raw), str(clean), "--quiet"]):  # the second run is a no-op
        out = subprocess.run([sys.executable, "-c", probe, *args], check=True, capture_output=True, text=True)
        assert out.stdout.strip().splitlines()[-1] == "[]", (args, out.stdout)
