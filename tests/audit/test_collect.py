"""The audit's statistics, gathered from a cleaned corpus's sidecars and run report."""
from __future__ import annotations

import json

from cleaner.audit.collect import Audit, read_report, sidecars


def collected(clean) -> Audit:
    report = read_report(clean)
    audit = Audit(report)
    for out, data in sidecars(clean, report, skip=clean / "audit"):
        audit.add(out, data)
    return audit


def test_totals_match_the_sidecars(corpus) -> None:
    _raw, clean, _index = corpus
    audit = collected(clean)
    datas = [json.loads(p.read_text()) for p in clean.rglob("*.json") if ".cleaner" not in p.parts]
    assert audit.totals["processed"] == len(datas) == 5
    assert audit.totals["chars_in"] == sum(d["chars_in"] for d in datas)
    assert audit.totals["chars_out"] == sum(d["chars_out"] for d in datas)
    assert audit.totals["removed"] == sum(sum(d["removed_chars"].values()) for d in datas)
    assert audit.totals["rejected"] == 1 and audit.problems[0]["rel"] == "empty.txt"


def test_rules_lines_and_languages(corpus) -> None:
    audit = collected(corpus[1])
    line = audit.rules["phrase.line"]
    assert line.spans >= 4 and line.docs >= 3 and 0 < len(line.examples) <= 3
    assert audit.lines["Advertisement"] >= 3 and audit.line_cats["Advertisement"] == "ad"
    assert audit.languages["en"]["docs"] == 5
    nothing = [d.out for d in audit.docs if not d.removed]
    assert nothing == ["essay"]


def test_without_report_the_sidecars_are_found(corpus, tmp_path) -> None:
    _raw, clean, _index = corpus
    report = {}
    outs = [out for out, _data in sidecars(clean, report, skip=clean / "audit")]
    assert sorted(outs) == ["essay", "hostile", "news/a", "news/b", "site/page"]


def test_no_json_in_the_report_folder(corpus) -> None:
    _raw, clean, index = corpus
    assert index == clean / "audit" / "index.html"
    assert not list((clean / "audit").rglob("*.json"))
