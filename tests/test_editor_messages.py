"""What an editor reads when a change in GitHub's web editor goes wrong: one message per
mistake, at the line to change, naming the fact and saying what to do."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT
from macros.model.load import load_dataset

FACT = "xingu-tax-revenue"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def edit(project, change) -> tuple[list[str], dict[str, int]]:
    """Apply `change(lines, at)` to xingu.yaml, where `at` gives the 0-based index of the
    named lines of the fact; returns the problems as text and the 1-based line numbers."""
    path = project / "data" / "reports" / "xingu.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {FACT}")
    at = {"id": start}
    for offset, line in enumerate(lines[start + 1:start + 16], start=start + 1):
        key = line.strip().split(":")[0]
        at.setdefault(key if key not in ("zh", "en") else f"{at.get('block', '')}.{key}", offset)
        if line.strip().endswith(":"):
            at["block"] = key
    change(lines, at)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_dataset(project / "data", project)
    return [str(p) for p in problems], {key: index + 1 for key, index in at.items() if key != "block"}


def test_a_field_is_named_by_its_fact_not_by_list_positions(project):
    def change(lines, at):
        lines[at["value"]] = lines[at["value"]].replace("354000000", "3.54亿")
    problems, line = edit(project, change)
    assert problems == [f"data/reports/xingu.yaml:{line['value']}: {FACT} › quantity › value: expected a number, "
                        "found the text “3.54亿” (write digits only: no 亿, 万, %, commas or units)"]


def test_a_mistake_in_a_report_gives_no_knock_on_messages_in_files_that_name_it(project):
    def change(lines, at):
        lines[at["kind"]] = lines[at["kind"]].replace("figure", "figur")
    problems, line = edit(project, change)
    assert problems == [f"data/reports/xingu.yaml:{line['kind']}: {FACT} › kind: the text “figur” is not allowed; "
                        "use one of figure, event, document, body, measure, result, problem, recommendation, recognition, "
                        "practice, context, peer; did you mean `figure`?"]


def test_a_report_that_does_not_parse_gives_one_message(project):
    def change(lines, at):
        lines[at["text.en"]] = " " + lines[at["text.en"]]
    problems, _ = edit(project, change)
    assert len(problems) == 1 and "(syntax)" in problems[0]


def test_a_mistyped_fact_id_gets_a_did_you_mean(project):
    themes = project / "data" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    target = "xingu-delegated-items"
    assert f" {target}," in text
    themes.write_text(text.replace(f" {target},", f" {target[:-1]},", 1), encoding="utf-8")
    _, problems = load_dataset(project / "data", project)
    [problem] = [str(p) for p in problems]
    assert f"no fact has the id `{target[:-1]}`; did you mean `{target}`?" in problem
    assert problem.startswith("data/themes.yaml:")


def test_a_mistyped_report_id_gets_a_did_you_mean_once(project):
    comparison = project / "data" / "comparison.yaml"
    text = comparison.read_text(encoding="utf-8")
    assert "reports: [shuangliu, xingu]" in text
    comparison.write_text(text.replace("reports: [shuangliu, xingu]", "reports: [shuangliu, xingo]", 1), encoding="utf-8")
    _, problems = load_dataset(project / "data", project)
    # One message at the slip, not one more in every dimension for a column that is not there.
    assert [str(p) for p in problems] == ["data/comparison.yaml:3: reports › item 2: `xingo` is not a report id; did you mean `xingu`? "
                                          "(reports: shuangliu, xingu)"]


def _compared_report(project) -> str:
    return yaml.safe_load((project / "data" / "comparison.yaml").read_text(encoding="utf-8"))["reports"][0]


def test_deleting_a_compared_report_says_what_to_remove_at_each_line_once(project):
    """An editor who deletes a report file is told, at each line that still names the report,
    to remove it there (or restore the file), and is not offered another report's fact."""
    removed = _compared_report(project)
    (project / "data" / "reports" / f"{removed}.yaml").unlink()
    _, problems = load_dataset(project / "data", project)
    assert problems
    lines = [(p.file, p.line) for p in problems]
    assert len(lines) == len(set(lines)), "one message per line to change"
    for problem in problems:
        assert f"`{removed}` is not a report id (there is no file data/reports/{removed}.yaml)" in problem.message, problem
        assert "did you mean" not in problem.message and "restore its file" in problem.message, problem
    assert any(p.file == "data/comparison.yaml" and p.field.startswith("reports") for p in problems)


@pytest.mark.parametrize("slip, expected", [
    ("one space less", "`en:` on line {en} is indented 13 spaces; indent it 14 spaces so that it sits under `text:` (line {text}), in line with `zh:` on line {zh}"),
    ("one space more", "`en:` on line {en} is indented 15 spaces; indent it 14 spaces so that it sits under `text:` (line {text}), in line with `zh:` on line {zh}"),
    ("two spaces less", "`en:` on line {en} is not indented under `text:` (line {text}); indent it two more spaces, in line with the other language of that text"),
])
def test_an_indentation_slip_says_which_line_to_indent_under_which_key(project, slip, expected):
    def change(lines, at):
        index = at["text.en"]
        lines[index] = {"one space less": lines[index][1:], "one space more": " " + lines[index],
                        "two spaces less": lines[index][2:]}[slip]
    problems, line = edit(project, change)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/reports/xingu.yaml:{line['text.en']}: ")
    assert expected.format(en=line["text.en"], text=line["text"], zh=line["text.zh"]) in problems[0]
    assert "did you mean" not in problems[0] and "mapping values" not in problems[0]


def test_a_list_item_out_of_line_is_named_with_its_list(project):
    def change(lines, at):
        lines[at["id"]] = " " + lines[at["id"]]
    problems, line = edit(project, change)
    [problem] = problems
    assert f":{line['id']}: (syntax): the list item `- id: …` on line {line['id']} is indented 11 spaces; indent it 10 spaces, in line with the other items under `facts:`" in problem


def test_a_tab_a_colon_in_a_text_and_an_open_quote_are_explained(project):
    def tab(lines, at):
        lines[at["unit"]] = "\t" + lines[at["unit"]].lstrip()
    [problem], line = edit(project, tab)
    assert f":{line['unit']}: (syntax): line {line['unit']} starts with a tab; YAML needs spaces" in problem

    shutil.copy(ROOT / "data" / "reports" / "xingu.yaml", project / "data" / "reports" / "xingu.yaml")

    def colon(lines, at):
        lines[at["text.en"]] += " Note: approximate"
    [problem], line = edit(project, colon)
    assert f"the text after `en:` on line {line['text.en']} holds a colon followed by a space" in problem
    assert 'put the whole text in quotation marks: en: "…"' in problem

    shutil.copy(ROOT / "data" / "reports" / "xingu.yaml", project / "data" / "reports" / "xingu.yaml")

    def quote(lines, at):
        lines[at["title.en"]] = lines[at["title.en"]].replace("en: ", 'en: "', 1)
    [problem], line = edit(project, quote)
    assert f"the quotation mark that opens the text on line {line['title.en']} is not closed" in problem


def test_a_report_id_that_differs_from_its_file_name_gives_one_message(project):
    path = project / "data" / "reports" / "xingu.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nid: xingu\n" in text
    path.write_text(text.replace("\nid: xingu\n", "\nid: xingo\n", 1), encoding="utf-8")
    _, problems = load_dataset(project / "data", project)
    assert [str(p) for p in problems] == ["data/reports/xingu.yaml:2: id: the id `xingo` must equal the file name `xingu`; rename one of them"]


def _dedent(lines, index, spaces=2):
    lines[index] = lines[index][spaces:]


@pytest.mark.parametrize("slip, blamed, expected", [
    # the first line of a block typed at its key's level: the parser stops on the next line
    ("text.zh", "text.zh", "`zh:` on line {text_zh} is indented 12 spaces; indent it 14 spaces so that it sits under `text:` (line {text}), "
                           "in line with `en:` on line {text_en}"),
    ("value", "value", "`value:` on line {value} is indented 12 spaces; indent it 14 spaces so that it sits under `quantity:` (line {quantity}), "
                       "in line with `unit:` on line {unit}"),
    # the last line of a block typed at its parent's level: valid YAML, read as the wrong key
    ("unit", "unit", "`unit:` on line {unit} is not indented under `quantity:` (line {quantity}); indent it two more spaces, "
                     "in line with `value:` on line {value}"),
    ("paragraph", "paragraph", "`paragraph:` on line {paragraph} is not indented under `source:` (line {source}); indent it two more spaces, "
                               "in line with `section:` on line {section}"),
])
def test_a_line_two_spaces_left_of_its_block_is_named_once_with_its_block(project, slip, blamed, expected):
    problems, line = edit(project, lambda lines, at: _dedent(lines, at[slip]))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/reports/xingu.yaml:{line[blamed]}: ")
    assert expected.format(**{key.replace(".", "_"): number for key, number in line.items()}) in problems[0]
    assert "did you mean" not in problems[0] and "has no" not in problems[0]


def test_a_first_line_one_space_short_is_the_line_named(project):
    problems, line = edit(project, lambda lines, at: _dedent(lines, at["text.zh"], 1))
    assert problems == [f"data/reports/xingu.yaml:{line['text.zh']}: (syntax): `zh:` on line {line['text.zh']} is indented 13 spaces; "
                        f"indent it 14 spaces so that it sits under `text:` (line {line['text']}), in line with `en:` on line {line['text.en']}"]


def test_a_block_indented_under_the_block_above_is_told_to_move_left(project):
    def change(lines, at):
        for index in (at["source"], at["section"], at["paragraph"]):
            lines[index] = "  " + lines[index]
    problems, line = edit(project, change)
    assert problems == [f"data/reports/xingu.yaml:{line['source']}: {FACT} › quantity › source: `source:` on line {line['source']} "
                        f"is indented under `quantity:` (line {line['quantity']}), but it belongs to the fact; "
                        "indent it and the lines under it two fewer spaces, in line with `quantity:`"]


@pytest.mark.parametrize("content", ["", "id: xingu\n  kind: [\n"])
def test_a_file_that_cannot_be_read_gets_one_message_and_no_layout_warning(project, content):
    import os
    import subprocess
    import sys
    (project / "data" / "reports" / "xingu.yaml").write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.edit.check", "data"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "CI": "true", "PYTHONPATH": str(ROOT)})
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/reports/xingu.yaml")]
    assert result.returncode == 1 and len(lines) == 1 and "(layout)" not in lines[0], result.stdout
