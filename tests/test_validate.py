"""The validator: every kind of mistake an editor can make is reported with its file,
line and field, all at once, and never as a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.model.load import load_dataset

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal_report.yaml").read_text(encoding="utf-8")


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def problems_for(data_dir, text: str, name: str = "sample.yaml") -> list[str]:
    data_dir.write(f"reports/{name}", text)
    dataset, problems = load_dataset(data_dir, data_dir.parent)
    assert (dataset is None) == bool(problems)
    return [str(p) for p in problems]


def test_minimal_report_is_valid(data_dir):
    assert problems_for(data_dir, MINIMAL) == []


def test_missing_english_text_names_file_line_and_field(data_dir):
    text = MINIMAL.replace("          en: Sample revenue.\n", "")
    problems = problems_for(data_dir, text)
    line = line_number(text, "        text:")
    assert problems == [f"data/reports/sample.yaml:{line}: sample-revenue › text: English text is missing; add a line `en: …` under this key"]


def test_empty_chinese_text_is_reported_at_its_line(data_dir):
    text = MINIMAL.replace("zh: 示例收入。", 'zh: ""')
    problems = problems_for(data_dir, text)
    line = line_number(text, 'zh: ""')
    assert problems == [f"data/reports/sample.yaml:{line}: sample-revenue › text › zh: Chinese text is empty; write it"]


def test_plain_string_where_both_languages_are_needed(data_dir):
    text = MINIMAL.replace("short_title:\n  zh: 示例\n  en: Sample\n", "short_title: 示例\n")
    [problem] = problems_for(data_dir, text)
    assert problem.startswith(f"data/reports/sample.yaml:{line_number(text, 'short_title')}: short_title: give this text in both languages")


def test_unknown_key_suggests_the_close_one(data_dir):
    text = MINIMAL.replace("        title:\n          zh: 收入", "        titel:\n          zh: 收入")
    problems = problems_for(data_dir, text)
    assert f"data/reports/sample.yaml:{line_number(text, 'titel')}: sample-revenue › titel: unknown key `titel` in a fact; did you mean `title`?" in problems


def test_wrong_kind_lists_the_allowed_ones(data_dir):
    text = MINIMAL.replace("kind: figure", "kind: figures")
    [problem] = problems_for(data_dir, text)
    assert f"sample.yaml:{line_number(text, 'kind: figures')}: sample-revenue › kind:" in problem
    assert "did you mean `figure`?" in problem


def test_number_written_with_chinese_unit_is_refused(data_dir):
    text = MINIMAL.replace("value: 354000000", "value: 3.54亿")
    [problem] = problems_for(data_dir, text)
    assert f":{line_number(text, 'value: 3.54亿')}: sample-revenue › quantity › value: expected a number" in problem
    assert "no 亿" in problem


def test_bad_date_is_reported(data_dir):
    text = MINIMAL.replace("date: 2021-01-20", "date: 2021-13-20")
    [problem] = problems_for(data_dir, text)
    assert f":{line_number(text, 'date: 2021-13-20')}: sample-launch › date: expected a date" in problem


def test_partial_dates_are_accepted(data_dir):
    for value in ('"2018"', "2018", '"2020-03"'):
        assert problems_for(data_dir, MINIMAL.replace("date: 2021-01-20", f"date: {value}")) == []


def test_figure_without_quantity_is_reported(data_dir):
    text = MINIMAL.replace("        quantity:\n          value: 354000000\n          unit: yuan\n", "")
    problems = problems_for(data_dir, text)
    assert any("sample-revenue: a `figure` fact needs a `quantity`" in p for p in problems)


def test_quantity_needs_one_shape(data_dir):
    text = MINIMAL.replace("value: 354000000", "value: 354000000\n          before: 1")
    [problem] = problems_for(data_dir, text)
    assert "sample-revenue › quantity: give exactly one of" in problem


def test_before_without_after(data_dir):
    text = MINIMAL.replace("value: 354000000", "before: 20")
    [problem] = problems_for(data_dir, text)
    assert "add `after`" in problem


def test_unknown_unit_is_reported(data_dir):
    text = MINIMAL.replace("unit: yuan", "unit: dollars")
    [problem] = problems_for(data_dir, text)
    assert f":{line_number(text, 'unit: dollars')}: sample-revenue › quantity › unit: unknown unit `dollars`" in problem


def test_duplicate_id_names_the_first_place(data_dir):
    text = MINIMAL.replace("id: sample-launch", "id: sample-revenue")
    problems = problems_for(data_dir, text)
    first = line_number(text, "id: sample-revenue", 1)
    second = line_number(text, "id: sample-revenue", 2)
    assert problems == [f"data/reports/sample.yaml:{second}: sample-revenue › id: the id `sample-revenue` is already used at data/reports/sample.yaml:{first}; ids must be unique"]


def test_duplicate_key_is_not_silently_dropped(data_dir):
    text = MINIMAL.replace("published: 2021-05-04", "published: 2021-05-04\npublished: 2021-05-05")
    [problem] = problems_for(data_dir, text)
    assert problem.startswith(f"data/reports/sample.yaml:{line_number(text, 'published: 2021-05-05')}: published: the key `published` appears twice")


def test_reference_to_missing_fact(data_dir):
    text = MINIMAL.replace("related: [sample-revenue]", "related: [sample-revenu]")
    [problem] = problems_for(data_dir, text)
    assert f":{line_number(text, 'related')}: sample-launch › related › item 1: no fact has the id `sample-revenu`" in problem


def test_headline_must_be_a_figure(data_dir):
    text = MINIMAL.replace("  - sample-revenue\nsections", "  - sample-launch\nsections")
    [problem] = problems_for(data_dir, text)
    assert "headline › item 1: `sample-launch` has no quantity" in problem


def test_source_section_must_exist(data_dir):
    text = MINIMAL.replace("section: intro\n          paragraph: 1\n      - id: sample-launch", "section: \"9.9\"\n          paragraph: 1\n      - id: sample-launch")
    [problem] = problems_for(data_dir, text)
    assert "sample-revenue › source › section: `9.9` is not a section of this report's source; use one of: intro" in problem


def test_report_id_must_match_file_name(data_dir):
    [problem] = problems_for(data_dir, MINIMAL, name="other.yaml")
    assert problem.startswith(f"data/reports/other.yaml:{line_number(MINIMAL, 'id: sample')}: id: the id `sample` must equal the file name `other`")


def test_yaml_syntax_error_gives_line_not_traceback(data_dir):
    text = MINIMAL.replace("  en: A sample report", "  en: A sample: report: broken")
    [problem] = problems_for(data_dir, text)
    assert problem.startswith(f"data/reports/sample.yaml:{line_number(text, 'broken')}: (syntax): the text after `en:`")
    assert "put the whole text in quotation marks" in problem


def test_every_error_is_reported_at_once(data_dir):
    text = (MINIMAL.replace("kind: figure", "kind: figures")
            .replace("date: 2021-01-20", "date: yesterday")
            .replace("          en: Sample revenue.\n", ""))
    data_dir.write("reports/broken.yaml", "id: broken\norder: [1\n")
    problems = problems_for(data_dir, text)
    fields = [p.split(": ")[1] for p in problems]
    assert "sample-revenue › kind" in fields
    assert "sample-launch › date" in fields
    assert "sample-revenue › text" in fields
    assert any(p.startswith("data/reports/broken.yaml:") for p in problems)


@pytest.mark.parametrize("garbage", ["", "just a sentence", "- a\n- list\n", "42", "id: [", "\t- tab"])
def test_any_garbage_gives_problems_not_exceptions(data_dir, garbage):
    problems = problems_for(data_dir, garbage)
    assert problems and all(p.startswith("data/reports/sample.yaml:") for p in problems)


def test_missing_interface_string_is_reported(data_dir):
    ui = (data_dir / "ui.yaml").read_text(encoding="utf-8")
    (data_dir / "ui.yaml").write_text(ui.replace("caveat: {zh: 原文存疑, en: Uncertain in the source}\n", ""), encoding="utf-8")
    problems = problems_for(data_dir, MINIMAL)
    assert any(p.startswith("data/ui.yaml:1: (top): the interface string `caveat` is missing") for p in problems)


def test_interface_string_with_wrong_placeholders(data_dir):
    ui = (data_dir / "ui.yaml").read_text(encoding="utf-8")
    (data_dir / "ui.yaml").write_text(ui.replace('range: {zh: "#—#", en: "#–#"}', 'range: {zh: "#—#", en: "to"}'), encoding="utf-8")
    [problem] = problems_for(data_dir, MINIMAL)
    assert "range › en: this text must hold 2 `#` placeholder(s)" in problem


def test_real_data_is_valid(dataset):
    assert {r.id for r in dataset.reports} == {"shuangliu", "xingu"}


def test_publication_time_must_be_quoted_hours_and_minutes(data_dir):
    assert problems_for(data_dir, MINIMAL.replace("published: 2021-05-04", 'published: 2021-05-04\npublished_time: "09:29"')) == []
    text = MINIMAL.replace("published: 2021-05-04", "published: 2021-05-04\npublished_time: 9.29")
    [problem] = problems_for(data_dir, text)
    assert f":{line_number(text, 'published_time')}: published_time: expected a time written" in problem


def test_comma_inside_inline_text_gets_a_hint(data_dir):
    text = MINIMAL.replace("short_title:\n  zh: 示例\n  en: Sample\n", "short_title: {zh: 示例, en: One, two}\n")
    [problem] = problems_for(data_dir, text)
    assert "short_title › two: unknown language `two`" in problem
    assert "put a text that holds a comma in quotation marks" in problem


def test_a_control_character_is_reported_at_its_line(data_dir):
    text = MINIMAL.replace("zh: 示例收入。", "zh: 示例\x08收入。")
    [problem] = problems_for(data_dir, text)
    line = line_number(text, "\x08")
    assert problem.startswith(f"data/reports/sample.yaml:{line}: (syntax): the file holds a character YAML does not allow (U+0008)")
