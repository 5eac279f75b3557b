"""What changed in the data between two states (`macros.edit.datadiff`): the changes as data,
formatted as the site writes them, the pull-request comment, and the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, SITE_DATA
from macros.edit import datadiff
from macros.edit.datadiff import FieldChange, TextChange, diff_datasets, render_markdown
from macros.model.dataset import Text
from macros.model.load import load_dataset

TAX = "xingu-tax-revenue"
TAX_TEXT_ZH = SITE_DATA.fact(TAX).text.zh  # as the data has it today: editors reword texts
TAX_TEXT_EN = SITE_DATA.fact(TAX).text.en


def edited(tmp_path: Path, *edits: tuple[str, str, str]) -> object:
    """The real data, copied and edited as text (file, old, new: each old must occur once), loaded."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name, old, new in edits:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    dataset, problems = load_dataset(data, tmp_path)
    assert problems == [], "\n".join(map(str, problems))
    return dataset


def only(changes, fact_id):
    found = [change for change in changes.facts if change.fact_id == fact_id]
    assert len(found) == 1, changes
    return found[0]


def field(change, name) -> FieldChange:
    return next(f for f in change.fields if f.field == name)


def without(dataset, fact_id):
    """The data set with one fact taken out of its report (nothing may refer to it)."""
    def keep(facts):
        return tuple(f for f in facts if f.id != fact_id)

    reports = tuple(
        replace(report, sections=tuple(
            replace(section, facts=keep(section.facts), parts=tuple(replace(p, facts=keep(p.facts)) for p in section.parts))
            for section in report.sections))
        for report in dataset.reports
    )
    return replace(dataset, reports=reports, facts={k: v for k, v in dataset.facts.items() if k != fact_id})


def unreferenced(dataset) -> list[str]:
    referenced = {r for f in dataset.facts.values() for r in f.related + f.answers}
    referenced |= {f for t in dataset.themes for f in t.facts} | {f for r in dataset.reports for f in r.headline}
    referenced |= {f for d in dataset.dimensions for c in d.cells for f in c.facts}
    referenced |= {i for d in dataset.diagrams for n in (d.root,) + d.branches for i in (n.fact,) + n.items}
    return [f.id for r in dataset.reports for f in r.all_facts() if f.id not in referenced]


# ---------------------------------------------------------------------------
# The changes, as data


def test_a_changed_figure_is_written_in_both_languages_as_the_site_writes_it(dataset, tmp_path):
    new = edited(tmp_path, ("reports/xingu.yaml", "value: 354000000", "value: 364000000"))
    changes = diff_datasets(dataset, new)
    change = only(changes, TAX)
    assert change.status == "changed" and change.report_id == "xingu"
    assert change.title == {"zh": "全口径税收", "en": "Total tax revenue"}
    assert change.fields == (FieldChange("quantity", {"zh": "3.54亿元", "en": "354 million yuan"},
                                         {"zh": "3.64亿元", "en": "364 million yuan"}),)
    assert changes.texts == () and changes.newly_stale == ()


def test_a_value_written_alike_shows_its_yaml_value_too(dataset, tmp_path):
    new = edited(tmp_path, ("reports/xingu.yaml", "value: 354000000", "value: 354000001"))
    quantity = field(only(diff_datasets(dataset, new), TAX), "quantity")
    assert quantity.old["zh"] == "3.54亿元 (value: 354000000, unit: yuan)"
    assert quantity.new["en"] == "354 million yuan (value: 354000001, unit: yuan)"


def test_a_retranslated_text_changes_in_both_languages_and_is_not_stale(dataset, tmp_path):
    new = edited(tmp_path, ("reports/xingu.yaml", TAX_TEXT_ZH, "成都芯谷的全口径税收。"),
                 ("reports/xingu.yaml", TAX_TEXT_EN, "All tax revenue collected in Chengdu Xingu."))
    changes = diff_datasets(dataset, new)
    assert only(changes, TAX).fields == (FieldChange("text", {"zh": TAX_TEXT_ZH, "en": TAX_TEXT_EN},
                                                     {"zh": "成都芯谷的全口径税收。", "en": "All tax revenue collected in Chengdu Xingu."}),)
    assert changes.newly_stale == ()


def test_a_chinese_only_change_lists_the_english_as_newly_stale(dataset, tmp_path):
    new = edited(tmp_path, ("reports/xingu.yaml", TAX_TEXT_ZH, "成都芯谷的全口径税收。"))
    changes = diff_datasets(dataset, new)
    assert changes.newly_stale == (f"{TAX}.text",)
    markdown = render_markdown(changes, new, dataset)
    assert "### English to update / 待更新的英文" in markdown
    assert f"- `{TAX}.text` — 全口径税收 / Total tax revenue" in markdown
    assert "`en_still_matches: true`" in markdown and "same indentation" in markdown and "相同缩进" in markdown
    assert f"| `text` | {TAX_TEXT_ZH} → 成都芯谷的全口径税收。 | *unchanged* ⚠ *awaiting translation* |" in markdown
    assert "待更新的英文 / English texts now awaiting translation: **1**" in markdown


def test_a_renamed_id_is_one_removed_and_one_added_fact_in_its_place(dataset, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for path in data.rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace(TAX, "xingu-total-tax"), encoding="utf-8")
    new, problems = load_dataset(data, tmp_path)
    assert problems == []
    changes = diff_datasets(dataset, new)
    assert [(c.fact_id, c.status) for c in changes.facts] == [(TAX, "removed"), ("xingu-total-tax", "added")]
    added = changes.facts[1]
    assert field(added, "quantity") == FieldChange("quantity", None, {"zh": "3.54亿元", "en": "354 million yuan"})
    assert [f.field for f in added.fields] == ["kind", "title", "quantity", "text"]


def test_added_and_removed_facts_list_their_main_values_in_report_order(dataset):
    first, last = unreferenced(dataset)[0], unreferenced(dataset)[-1]
    assert dataset.fact(first).report_id != dataset.fact(last).report_id  # one of each report
    changes = diff_datasets(without(dataset, first), without(dataset, last))
    assert [(c.fact_id, c.status) for c in changes.facts] == [(first, "added"), (last, "removed")]
    added, removed = changes.facts
    assert all(f.old is None for f in added.fields) and all(f.new is None for f in removed.fields)
    text = dataset.fact(last).text
    assert field(removed, "text") == FieldChange("text", {"zh": text.zh, "en": text.en}, None)
    assert field(added, "kind").new == {lang: dataset.ui[f"kind.{dataset.fact(first).kind}"].get(lang) for lang in ("zh", "en")}


def test_facts_are_listed_in_report_then_document_order(dataset):
    facts = [f for r in dataset.reports for f in r.all_facts()]
    picked = [facts[-1], facts[0], facts[len(facts) // 2]]
    changed = {f.id: replace(f, caveat=Text("新说明", "A new caveat")) for f in picked}
    new = replace(dataset, facts={**dataset.facts, **changed}, reports=tuple(
        replace(r, sections=tuple(replace(s, facts=tuple(changed.get(f.id, f) for f in s.facts), parts=tuple(
            replace(p, facts=tuple(changed.get(f.id, f) for f in p.facts)) for p in s.parts)) for s in r.sections))
        for r in dataset.reports))
    changes = diff_datasets(dataset, new)
    assert [c.fact_id for c in changes.facts] == [facts[0].id, facts[len(facts) // 2].id, facts[-1].id]
    assert field(changes.facts[0], "caveat") == FieldChange("caveat", None, {"zh": "新说明", "en": "A new caveat"})


def test_a_layout_only_edit_is_no_change(dataset, tmp_path):
    new = edited(
        tmp_path,
        ("reports/xingu.yaml",
         "            title:\n              zh: 全口径税收\n              en: Total tax revenue\n",
         "            # a comment\n            title: {en: \"Total tax revenue\", zh: '全口径税收'}\n"),
        ("reports/xingu.yaml", f"              zh: {TAX_TEXT_ZH}\n", f"              zh: >-\n                {TAX_TEXT_ZH}\n"),
        ("reports/xingu.yaml", "value: 354000000", "value: 354000000.0"),
    )
    changes = diff_datasets(dataset, new)
    assert changes.is_empty
    assert render_markdown(changes, new, dataset) == (
        "<!-- reform-reports:data-changes -->\n<!-- reform-reports:no-changes -->\n没有事实或文本变更。 / No fact or text changed.\n")


def test_comparison_theme_and_ui_texts_are_text_changes_not_fact_changes(dataset):
    dimension = dataset.dimensions[0]
    cell = next(c for c in dimension.cells if c.text)
    theme = dataset.themes[0]
    new = replace(
        dataset,
        ui={**dataset.ui, "kind.figure": Text("数字", "Number"), "source": Text("来源", "Source")},
        themes=(replace(theme, title=Text("新主题", "New theme")),) + dataset.themes[1:],
        dimensions=(replace(dimension, cells=tuple(replace(c, text=Text("甲", "A")) if c is cell else c
                                                   for c in dimension.cells)),) + dataset.dimensions[1:],
    )
    changes = diff_datasets(dataset, new)
    assert changes.facts == ()  # a new label for a kind is one text, not a change of every figure
    assert {c.key for c in changes.texts} == {"ui.kind.figure", "ui.source", f"{theme.id}.title", f"{dimension.id}.{cell.report_id}"}
    assert TextChange("ui.source", {"zh": "出处", "en": "Source"}, {"zh": "来源", "en": "Source"}) in changes.texts
    markdown = render_markdown(changes, new, dataset)
    assert "| `ui.source` | 出处 → 来源 | *unchanged* |" in markdown
    assert "变更的其他文本 / other texts changed: **4**" in markdown


def test_a_units_edit_is_listed_once(dataset):
    yuan = dataset.units["yuan"]
    new = replace(dataset, units={**dataset.units, "yuan": replace(yuan, zh="#块")})
    changes = diff_datasets(dataset, new)
    assert changes.facts == ()
    assert [(c.key, c.old["zh"], c.new["zh"]) for c in changes.texts] == [("units.yuan", "#元 (compact)", "#块 (compact)")]


def test_against_nothing_known_every_fact_is_added():
    new, _ = load_dataset(ROOT / "data", ROOT)
    changes = diff_datasets(None, new)
    assert {c.status for c in changes.facts} == {"added"} and len(changes.facts) == len(new.facts)
    markdown = render_markdown(changes, new)
    assert "No earlier data to compare with" in markdown
    assert len(markdown) <= datadiff.COMMENT_LIMIT and "more not shown (the comment would be too long)" in markdown
    assert "more not shown" not in render_markdown(changes, new, limit=None)


# ---------------------------------------------------------------------------
# Markdown


def test_md_makes_hostile_text_inert():
    out = datadiff._md("a|b <script>alert(1)</script> & `x` *y* [l](u) @someone #12 GH-3\nnext")
    assert out == ("a\\|b &lt;script&gt;alert(1)&lt;/script&gt; &amp; \\`x\\` \\*y\\* \\[l\\](u) "
                   "@\u200dsomeone #\u200d12 GH\u200d-3<br>next")


def test_md_keeps_plain_text_as_it_is():
    assert datadiff._md("全口径税收 3.54亿元 (354 million yuan), 2020年3月") == "全口径税收 3.54亿元 (354 million yuan), 2020年3月"
    assert datadiff._md("a\r\nb\rc") == "a<br>b<br>c"


def test_a_hostile_fact_text_cannot_break_the_comment(dataset):
    fact = dataset.fact(TAX)
    hostile = replace(fact, title=Text("标题|<b>x</b>", "Title @someone"), text=Text("税收|<script>alert(1)</script>\n@someone #1", fact.text.en))
    new = replace(dataset, facts={**dataset.facts, TAX: hostile}, reports=tuple(
        replace(r, sections=tuple(replace(s, facts=tuple(hostile if f.id == TAX else f for f in s.facts), parts=tuple(
            replace(p, facts=tuple(hostile if f.id == TAX else f for f in p.facts)) for p in s.parts)) for s in r.sections))
        for r in dataset.reports))
    markdown = render_markdown(diff_datasets(dataset, new), new, dataset)
    assert "<script>" not in markdown and "<b>" not in markdown and "@someone" not in markdown and "#1" not in markdown
    assert "税收\\|&lt;script&gt;alert(1)&lt;/script&gt;<br>@\u200dsomeone #\u200d1" in markdown
    assert f"#### `{TAX}` 标题\\|&lt;b&gt;x&lt;/b&gt; / Title @\u200dsomeone" in markdown
    for line in markdown.splitlines():
        if line.startswith("| `"):
            assert line.endswith("|") and line.replace("\\|", "").count("|") == 4, line


def test_preview_links_point_to_the_fact_in_both_languages_but_not_for_removed_facts(dataset, tmp_path):
    first, last = unreferenced(dataset)[0], unreferenced(dataset)[-1]
    old, new = without(dataset, first), without(dataset, last)
    markdown = render_markdown(diff_datasets(old, new), new, old, preview_url="https://example.org/pr-7/")
    report = dataset.fact(first).report_id
    assert f"[预览](https://example.org/pr-7/{report}/#{first}) · [Preview](https://example.org/pr-7/en/{report}/#{first})" in markdown
    assert markdown.count("[预览]") == 1  # the removed fact has no page to link to
    assert "[预览]" not in render_markdown(diff_datasets(old, new), new, old)


def test_the_comment_starts_with_its_marker_and_counts_the_changes(dataset, tmp_path):
    new = edited(tmp_path, ("reports/xingu.yaml", "value: 354000000", "value: 364000000"))
    markdown = render_markdown(diff_datasets(dataset, new), new, dataset)
    lines = markdown.splitlines()
    assert lines[0] == "<!-- reform-reports:data-changes -->" and lines[1] == "## Data changes / 数据变更"
    assert "- 变更的事实 / facts changed: **1**" in lines and "- 新增的事实 / facts added: **0**" in lines
    assert "### 成都芯谷法定机构改革 / Chengdu Xingu's statutory-body reform" in lines
    assert f"#### `{TAX}` 全口径税收 / Total tax revenue" in lines
    assert "| field | 中文 | English |" in lines
    assert "| `quantity` | 3.54亿元 → 3.64亿元 | 354 million yuan → 364 million yuan |" in lines


# ---------------------------------------------------------------------------
# The data at a git ref, and the command line


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the real data, committed."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.org")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "data")
    return tmp_path


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros.edit.datadiff", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_command_compares_the_working_tree_with_a_ref(repo):
    path = repo / "data" / "reports" / "xingu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 354000000", "value: 364000000"), encoding="utf-8")
    old, problems = datadiff.dataset_at_ref("HEAD", repo)
    assert problems == [] and old.fact(TAX).quantity.value == 354000000
    result = cli(repo, "--base", "HEAD", "--preview-url", "https://example.org/pr/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!-- reform-reports:data-changes -->\n")
    assert f"`{TAX}` 全口径税收 / Total tax revenue" in result.stdout
    assert "| `quantity` | 3.54亿元 → 3.64亿元 | 354 million yuan → 364 million yuan |" in result.stdout
    assert f"https://example.org/pr/en/xingu/#{TAX}" in result.stdout
    output = repo / "comment.md"
    assert cli(repo, "--base", "HEAD", "--output", str(output)).returncode == 0
    assert output.read_text(encoding="utf-8") == cli(repo, "--base", "HEAD").stdout.replace(
        f"\n[预览](https://example.org/pr/xingu/#{TAX}) · [Preview](https://example.org/pr/en/xingu/#{TAX})\n", "")


def test_a_bad_ref_is_a_readable_error(repo):
    with pytest.raises(ValueError, match="`no-such-branch` is not a commit"):
        datadiff.dataset_at_ref("no-such-branch", repo)
    with pytest.raises(ValueError, match="is not a git ref"):
        datadiff.dataset_at_ref("--output=x", repo)
    (repo / "README").write_text("x")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "readme")
    git(repo, "rm", "-q", "-r", "data")
    git(repo, "commit", "-q", "-m", "no data")
    with pytest.raises(ValueError, match="`HEAD` has no `data/` folder"):
        datadiff.dataset_at_ref("HEAD", repo)
    result = cli(repo, "--base", "no-such-branch", str(ROOT / "data"))
    assert result.returncode == 2 and "outside the current directory" in result.stderr
    shutil.copytree(ROOT / "data", repo / "data")
    result = cli(repo, "--base", "no-such-branch")
    assert result.returncode == 2 and result.stderr.strip() == (
        f"datadiff: `no-such-branch` is not a commit, branch or tag in the repository at {repo}")
    assert "Traceback" not in result.stderr


def value_line(path) -> int:
    """The line of the tax revenue's value (the first `value: 354000000`), as the file has it."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip() in ("value: 354000000", "value: 3.54亿"))


def test_problems_in_the_working_tree_are_listed_instead_of_a_diff(repo):
    path = repo / "data" / "reports" / "xingu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 354000000", "value: 3.54亿"), encoding="utf-8")
    result = cli(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!-- reform-reports:data-changes -->\n## Data changes / 数据变更\n")
    assert "The data has 1 problem(s)" in result.stdout
    line = value_line(path)
    assert f"```text\ndata/reports/xingu.yaml:{line}: " in result.stdout and "“3.54亿”" in result.stdout


def test_a_base_with_problems_is_compared_as_nothing_known(repo):
    path = repo / "data" / "reports" / "xingu.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("value: 354000000", "value: 3.54亿"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(good, encoding="utf-8")
    result = cli(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith(
        "基准 HEAD 的数据有 1 个问题，无法读取。 / The data at HEAD has 1 problem(s) and could not be read "
        f"(first: data/reports/xingu.yaml:{value_line(path)}: ")
    assert "No earlier data to compare with: everything is listed as added." in result.stdout
