"""Canonical formatting (idempotent, keeps comments) and stale-translation detection."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from conftest import ROOT
from macros.edit import check
from macros.edit import fmt
from macros.model import translations
from macros.model.dataset import Text
from macros.model.load import load_dataset

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal_report.yaml").read_text(encoding="utf-8")

MESSY = """# A comment that must survive.
id: sample
order:    9
title:
    zh: 示例报告     # trailing comment
    en: "A sample report"
tags: {zh: 甲,en: B}
sections:
- id: sample-main
  facts:
  -   id: sample-revenue
"""


def test_canonical_form_normalises_layout_and_keeps_comments_and_quotes():
    out = fmt.canonical(MESSY, "reports/sample.yaml")
    assert out.startswith("# yaml-language-server: $schema=../../schemas/report.schema.json\n# A comment that must survive.\n")
    assert "order: 9\n" in out
    assert re.search(r'title:\n  zh: 示例报告 +# trailing comment\n  en: "A sample report"\n', out)
    assert "tags: {zh: 甲, en: B}\n" in out
    assert "sections:\n  - id: sample-main\n    facts:\n      - id: sample-revenue\n" in out


def test_formatting_is_idempotent():
    once = fmt.canonical(MESSY, "reports/sample.yaml")
    assert fmt.canonical(once, "reports/sample.yaml") == once
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        relative = path.relative_to(ROOT / "data").as_posix()
        first = fmt.canonical(path.read_text(encoding="utf-8"), relative)
        assert fmt.canonical(first, relative) == first, relative


def test_schema_line_points_from_the_file_to_its_schema():
    assert fmt.schema_line("units.yaml") == "# yaml-language-server: $schema=../schemas/units.schema.json"
    assert fmt.schema_line("reports/x.yaml") == "# yaml-language-server: $schema=../../schemas/report.schema.json"


def test_make_fmt_rewrites_and_the_check_then_passes(data_dir):
    data_dir.write("reports/sample.yaml", MINIMAL.replace("order: 9", "order:   9"))
    assert fmt.not_canonical(data_dir) != []
    assert fmt.main([str(data_dir)]) == 0
    assert fmt.not_canonical(data_dir) == []
    assert (data_dir / translations.LOCK_NAME).exists()


def _with_layout_slip(data_dir) -> int:
    """A tidy sample report with one layout slip; returns the slip's line."""
    data_dir.write("reports/sample.yaml", MINIMAL)
    fmt.main([str(data_dir)])
    path = data_dir / "reports" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("order: 9", "order:   9"), encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line == "order: 9")


def test_on_a_terminal_the_check_fails_on_a_layout_slip_at_its_own_line(data_dir, capsys, monkeypatch):
    line = _with_layout_slip(data_dir)
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.delenv("CI", raising=False)
    assert check.main(["data"]) == 1
    assert f"data/reports/sample.yaml:{line}: (layout): spacing or indentation here differs from the house style; run `make fmt`" in capsys.readouterr().out


def test_under_ci_a_layout_slip_is_a_warning_the_pull_request_tidies(data_dir, capsys, monkeypatch):
    line = _with_layout_slip(data_dir)
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setenv("CI", "true")
    assert check.main(["data"]) == 0
    out = capsys.readouterr().out
    assert f"data/reports/sample.yaml:{line}: (layout): spacing or indentation here differs from the house style; the pull request tidies this by itself, nothing to do (warning)" in out


def dataset_with(dataset, fact_id: str, text: Text):
    facts = dict(dataset.facts)
    facts[fact_id] = replace(facts[fact_id], text=text)
    reports = tuple(
        replace(r, sections=tuple(
            replace(s, facts=tuple(facts[f.id] for f in s.facts),
                    parts=tuple(replace(p, facts=tuple(facts[f.id] for f in p.facts)) for p in s.parts))
            for s in r.sections))
        for r in dataset.reports
    )
    return replace(dataset, reports=reports, facts=facts)


def test_a_changed_chinese_text_with_unchanged_english_is_stale(dataset):
    _, lock = translations.status(dataset, {})
    fact = dataset.fact("xingu-tax-revenue")
    edited = dataset_with(dataset, fact.id, Text(fact.text.zh + "（修订）", fact.text.en))
    stale, updated = translations.status(edited, lock)
    assert stale == {"xingu-tax-revenue.text"}
    assert updated["xingu-tax-revenue.text"] == lock["xingu-tax-revenue.text"]  # kept until the English follows


def test_updating_the_english_clears_the_stale_mark(dataset):
    _, lock = translations.status(dataset, {})
    fact = dataset.fact("xingu-tax-revenue")
    edited = dataset_with(dataset, fact.id, Text(fact.text.zh + "（修订）", fact.text.en + " (revised)"))
    stale, updated = translations.status(edited, lock)
    assert stale == set()
    assert updated["xingu-tax-revenue.text"]["zh"] == translations.fingerprint(fact.text.zh + "（修订）")


def test_stale_texts_are_named_by_the_check_and_marked_on_the_english_page(tmp_path, capsys, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    fmt.main([str(project / "data")])
    report = project / "data" / "reports" / "xingu.yaml"
    text = report.read_text(encoding="utf-8")
    dataset, _ = load_dataset(project / "data", project)
    zh = dataset.fact("xingu-tax-revenue").text.zh
    report.write_text(text.replace(zh, zh + "（修订）", 1), encoding="utf-8")
    monkeypatch.chdir(project)
    assert check.main(["data"]) == 0  # a warning, not a failure: the site still builds
    out = capsys.readouterr().out
    lines = report.read_text(encoding="utf-8").splitlines()
    fact_line = next(i for i, l in enumerate(lines, 1) if l.strip() == "- id: xingu-tax-revenue")
    en_line = next(i for i, l in enumerate(lines, 1) if i > fact_line and l.strip().startswith("en:") and lines[i - 3].strip() == "text:")
    assert f"data/reports/xingu.yaml:{en_line}: xingu-tax-revenue › text › en: the Chinese of this text changed and its English did not" in out
    assert "add the line `en_still_matches: true` under `en:`" in out
    dataset, _ = load_dataset(project / "data", project)
    from macros.render import reports as render
    page = render.report_page(dataset, "xingu", "en", "en/xingu/")
    card = page[page.index('id="xingu-tax-revenue"'):]
    assert 'class="rr-stale"' in card[:card.index("</article>")]
    assert 'class="rr-stale"' not in render.report_page(dataset, "xingu", "zh", "xingu/")


def test_a_checked_english_text_can_be_accepted_without_rewording(dataset):
    _, lock = translations.status(dataset, {})
    fact = dataset.fact("xingu-tax-revenue")
    edited = dataset_with(dataset, fact.id, Text(fact.text.zh + "（修订）", fact.text.en))
    assert translations.status(edited, lock)[0] == {"xingu-tax-revenue.text"}
    accepted, unknown = translations.accept(edited, lock, ["xingu-tax-revenue.text.en", "nonesuch.text.en"])
    assert unknown == ["nonesuch.text"]
    assert translations.status(edited, accepted)[0] == set()
