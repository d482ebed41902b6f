"""User rules: a TOML file of phrases and regexes to remove or keep, per site or folder."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .pages import PARAGRAPHS, news_text, write

from cleaner.cli import main
from cleaner.config import Config
from cleaner.pipeline import clean_lines, clean_text
from cleaner.blocks import text_lines
from cleaner.runner import run
from cleaner.userrules import MAX_REGEX_LINE, glob_match, load_rules_file, matches, site_match

PROMO = "Buy the Courier mug in our shop today"
DOC = "\n".join([PROMO, *PARAGRAPHS, "Advertisement", "Share this:"]) + "\n"


def rules(tmp_path: Path, body: str, name: str = "rules.toml") -> Path:
    return write(tmp_path / name, body)


def clean(text: str, config: Config, path: str = ""):
    return clean_lines(text, text_lines(text), config, path=path)


def test_remove_rule_names_category_rule_and_origin(tmp_path) -> None:
    f = rules(tmp_path, f'# my site\n[[rules]]\nname = "mug"\ncategory = "ad"\nphrase = "{PROMO}"\n')
    result = clean_text(DOC, Config().with_rules(f))
    span = result.removed[0]
    assert (span.category, span.rule, span.evidence) == ("ad", "user.mug", f"{f}:2")
    assert PROMO not in result.text


def test_regex_and_start_and_contains(tmp_path) -> None:
    f = rules(tmp_path, """
[[rules]]
name = "rx"
category = "other"
regex = "^Buy the \\\\w+ mug"
[[rules]]
name = "start"
category = "share"
phrase = "share this"
match = "start"
""")
    result = clean_text(DOC, Config().with_rules(f))
    assert {s.rule for s in result.removed} >= {"user.rx", "user.start"}
    rule = load_rules_file(f)[0]
    assert not matches(rule, "Buy the " + "x" * MAX_REGEX_LINE + " mug")  # long lines are skipped


def test_keep_rule_protects_a_line(tmp_path) -> None:
    assert "Advertisement" not in clean_text(DOC).text
    f = rules(tmp_path, '[[rules]]\nname = "keep-ad"\ncategory = "ad"\naction = "keep"\nphrase = "advertisement"\n')
    result = clean_text(DOC, Config().with_rules(f))
    assert "Advertisement" in result.text
    assert all("Advertisement" not in result.source[s.start : s.end] for s in result.removed)


def test_site_and_path_limits(tmp_path) -> None:
    f = rules(tmp_path, f"""
[[rules]]
name = "news-only"
category = "ad"
phrase = "{PROMO}"
path = "news/**"
[[rules]]
name = "site"
category = "other"
phrase = "{PARAGRAPHS[0]}"
site = "example.com"
""")
    config = Config().with_rules(f)
    assert PROMO not in clean(DOC, config, "news/2024/a.txt").text
    assert PROMO in clean(DOC, config, "blogs/a.txt").text
    assert PARAGRAPHS[0] in clean(DOC, config, "news/a.txt").text
    assert PARAGRAPHS[0] not in clean(DOC, config, "www.example.com/a.txt").text
    assert site_match("example.com", "x.txt", "https://news.example.com/a") and not site_match("example.com", "x/y.txt")
    assert glob_match("news/**", "news/a/b.txt") and glob_match("*.txt", "a.txt") and not glob_match("*.txt", "a/b.txt")


@pytest.mark.parametrize("body, problem", [
    ('name = "a"\ncategory = "adverts"\nphrase = "x"', "unknown category"),
    ('name = "a"\ncategory = "ad"', "exactly one of 'phrase' and 'regex'"),
    ('name = "a"\ncategory = "ad"\nphrase = "x"\nregex = "y"', "exactly one of 'phrase' and 'regex'"),
    ('name = "a"\ncategory = "ad"\nregex = "(unclosed"', "invalid regular expression"),
    ('name = "a"\ncategory = "ad"\nphrase = "x"\ncolour = "red"', "unknown keys ['colour']"),
    ('name = "a"\ncategory = "ad"\nphrase = "x"\naction = "drop"', "'action' must be"),
    ('category = "ad"\nphrase = "x"', "'name' is required"),
])
def test_invalid_rules_name_file_and_line(tmp_path, body, problem) -> None:
    good = '[[rules]]\nname = "ok"\ncategory = "ad"\nphrase = "fine"\n\n'
    f = rules(tmp_path, good + "[[rules]]\n" + body + "\n")
    with pytest.raises(ValueError) as err:
        load_rules_file(f)
    assert str(err.value).startswith(f"{f}:6: rule ") and problem in str(err.value)


def test_duplicate_names_and_bad_toml(tmp_path) -> None:
    f = rules(tmp_path, '[[rules]]\nname = "a"\ncategory = "ad"\nphrase = "x"\n' * 2)
    with pytest.raises(ValueError, match=r"rules.toml:5: rule 'a': the name is used twice"):
        load_rules_file(f)
    with pytest.raises(ValueError, match="not valid TOML"):
        load_rules_file(rules(tmp_path, "[[rules]\n", "bad.toml"))


@pytest.mark.parametrize("pattern", ["(a+)+$", "(.*)*x", "(\\\\w+\\\\s?)+$"])
def test_catastrophic_regex_is_rejected_fast(tmp_path, pattern) -> None:
    f = rules(tmp_path, f'[[rules]]\nname = "slow"\ncategory = "ad"\nregex = "{pattern}"\n')
    started = time.monotonic()
    with pytest.raises(ValueError, match=r"rules.toml:1: rule 'slow': .*nested repetition"):
        load_rules_file(f)
    assert time.monotonic() - started < 1


def test_rules_in_config_file_and_fingerprint(tmp_path) -> None:
    f = rules(tmp_path, '[cleaner]\nprotect_words = 12\n\n[[rules]]\nname = "mug"\ncategory = "ad"\nphrase = "mug"\nmatch = "contains"\n', "cleaner.toml")
    config = Config.load(f)
    assert config.user_rules[0].line == 4 and config.user_rules[0].rule == "user.mug"
    assert config.fingerprint() != Config().fingerprint()
    assert Config.from_dict(config.to_dict()) == config


def test_editing_the_rules_file_recleans(tmp_path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", DOC)
    write(raw / "b.txt", news_text())
    f = rules(tmp_path, '[[rules]]\nname = "mug"\ncategory = "ad"\nphrase = "nothing like this"\n')
    first = run(raw, out, Config().with_rules(f), quiet=True)
    assert first["summary"]["cleaned"] == 2
    assert run(raw, out, Config().with_rules(f), quiet=True)["summary"]["skipped"] == 2
    rules(tmp_path, f'[[rules]]\nname = "mug"\ncategory = "ad"\nphrase = "{PROMO}"\n')
    third = run(raw, out, Config().with_rules(f), quiet=True)
    assert third["summary"]["cleaned"] == 2
    sidecar = json.loads((out / "a.json").read_text())
    assert sidecar["removed"][0]["rule"] == "user.mug" and sidecar["config"]["user_rules"][0]["name"] == "mug"


def test_cli_rules_option(tmp_path, capsys) -> None:
    doc = write(tmp_path / "raw" / "news" / "a.txt", DOC)
    f = rules(tmp_path, f'[[rules]]\nname = "mug"\ncategory = "ad"\nphrase = "{PROMO}"\npath = "news/*"\n')
    assert main(["explain", str(doc), "--rules", str(f), "--raw", str(tmp_path / "raw")]) == 0
    assert f"[ad:user.mug] {PROMO}" in capsys.readouterr().out
    bad = rules(tmp_path, '[[rules]]\nname = "x"\ncategory = "nope"\nphrase = "y"\n', "bad.toml")
    assert main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "--rules", str(bad)]) == 2
    assert f"{bad}:1: rule 'x': unknown category" in capsys.readouterr().err
