"""The JSON Schemas editors' YAML plugins use agree with the validator: on a corpus of good
and bad documents, both accept or both reject. The committed schemas are the generated ones."""

from __future__ import annotations

import datetime
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from macros.data import jsonschemas
from macros.data.schema import Where
from macros.data.yamlsource import parse_yaml

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal_report.yaml").read_text(encoding="utf-8")


def as_json(value):
    """YAML as a YAML-aware editor sees it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def validator_accepts(name: str, text: str) -> bool:
    raw, problems = parse_yaml(text, "corpus.yaml")
    assert raw is not None, problems
    node = jsonschemas.SCHEMAS[name][0]
    return not (problems or node.check(raw, Where("corpus.yaml", "", 1)))


def schema_accepts(name: str, text: str) -> bool:
    validator = jsonschema.Draft202012Validator(jsonschemas.document(name), format_checker=jsonschema.FormatChecker())
    raw, _ = parse_yaml(text, "corpus.yaml")  # an impossible date stays a string, as in an editor
    return validator.is_valid(as_json(raw))


def edit(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new)


FIGURE_TAIL = "        quantity:\n          value: 354000000\n          unit: yuan\n"
CORPUS = [
    # (case, schema, text, valid)
    ("minimal report", "report", MINIMAL, True),
    ("before and after", "report", edit("value: 354000000", "before: 20\n          after: 0.5\n          stated_change: -98\n          better: lower"), True),
    ("range", "report", edit("value: 354000000", "min: 1.5\n          max: 2"), True),
    ("year-only date", "report", edit("date: 2021-01-20", 'date: "2018"'), True),
    ("year as a number", "report", edit("date: 2021-01-20", "date: 2018"), True),
    ("month date", "report", edit("date: 2021-01-20", 'date: "2020-03"'), True),
    ("publication time", "report", edit("published: 2021-05-04", 'published: 2021-05-04\npublished_time: "09:29"'), True),
    ("inline text", "report", edit("short_title:\n  zh: 示例\n  en: Sample\n", "short_title: {zh: 示例, en: Sample}\n"), True),
    ("missing English", "report", edit("  en: A sample report\n", ""), False),
    ("blank Chinese", "report", edit("zh: 示例收入。", 'zh: "  "'), False),
    ("unknown key", "report", edit("        title:\n          zh: 收入", "        titel:\n          zh: 收入"), False),
    ("unknown kind", "report", edit("kind: figure", "kind: figures"), False),
    ("figure without quantity", "report", edit(FIGURE_TAIL, ""), False),
    ("number with a Chinese unit", "report", edit("value: 354000000", "value: 3.54亿"), False),
    ("value and before", "report", edit("value: 354000000", "value: 1\n          before: 2"), False),
    ("before without after", "report", edit("value: 354000000", "before: 2\n          better: lower"), False),
    ("before and after without a direction", "report", edit("value: 354000000", "before: 20\n          after: 0.5"), False),
    ("stated change on a single value", "report", edit("value: 354000000", "value: 1\n          stated_change: 5"), False),
    ("event without a date", "report", edit("        date: 2021-01-20\n", ""), False),
    ("impossible date", "report", edit("published: 2021-05-04", "published: 2021-13-04"), False),
    ("time without quotes", "report", edit("published: 2021-05-04", "published: 2021-05-04\npublished_time: 9:29"), False),
    ("id with capitals", "report", edit("id: sample-launch", "id: Sample-Launch"), False),
    ("paragraph zero", "report", edit("paragraph: 1\n      - id: sample-launch", "paragraph: 0\n      - id: sample-launch"), False),
    ("answers on an event", "report", edit("related: [sample-revenue]", "answers: [sample-revenue]"), False),
    ("empty headline", "report", edit("headline:\n  - sample-revenue\n", "headline: []\n"), False),
    ("section with nothing", "report", MINIMAL[:MINIMAL.index("    facts:\n      - id: sample-revenue")], False),
    ("units: pattern", "units", 'day:\n  zh: "#天"\n  en: {one: "# day", other: "# days"}\n', True),
    ("units: no placeholder", "units", 'day:\n  zh: "天"\n  en: "# days"\n', False),
    ("units: plural without other", "units", 'day:\n  zh: "#天"\n  en: {one: "# day"}\n', False),
    ("ui: both languages", "ui", "source: {zh: 出处, en: Source}\n", True),
    ("ui: one language", "ui", "source: {zh: 出处}\n", False),
    ("comparison: cells", "comparison", "reports: [a, b]\ndimensions:\n  - id: compare-x\n    title: {zh: 甲, en: A}\n    cells:\n      a: {text: {zh: 甲, en: A}, facts: [a-1]}\n      b: {not_stated: true}\n", True),
    ("comparison: not stated with text", "comparison", "reports: [a, b]\ndimensions:\n  - id: compare-x\n    title: {zh: 甲, en: A}\n    cells:\n      a: {not_stated: true, text: {zh: 甲, en: A}}\n", False),
    ("comparison: text without facts", "comparison", "reports: [a, b]\ndimensions:\n  - id: compare-x\n    title: {zh: 甲, en: A}\n    cells:\n      a: {text: {zh: 甲, en: A}}\n", False),
    ("themes: one", "themes", "themes:\n  - id: theme-x\n    title: {zh: 甲, en: A}\n    summary: {zh: 甲, en: A}\n    facts: [a-1, b-1]\n", True),
    ("themes: one fact", "themes", "themes:\n  - id: theme-x\n    title: {zh: 甲, en: A}\n    summary: {zh: 甲, en: A}\n    facts: [a-1]\n", False),
    ("glossary: term", "glossary", "terms:\n  - id: term-x\n    term: {zh: 甲, en: A}\n    also: {en: [As]}\n    definition: {zh: 甲, en: A}\n", True),
    ("glossary: unknown language", "glossary", "terms:\n  - id: term-x\n    term: {zh: 甲, en: A}\n    also: {fr: [Le A]}\n    definition: {zh: 甲, en: A}\n", False),
    ("glossary: no definition", "glossary", "terms:\n  - id: term-x\n    term: {zh: 甲, en: A}\n", False),
]


@pytest.mark.parametrize("case, name, text, valid", CORPUS, ids=[c[0] for c in CORPUS])
def test_schema_and_validator_agree(case, name, text, valid):
    assert validator_accepts(name, text) is valid
    assert schema_accepts(name, text) is valid


def real_data_files():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        relative = path.relative_to(ROOT / "data").as_posix()
        name = jsonschemas.schema_for_data_file(relative)
        if name:
            yield pytest.param(name, path, id=relative)


@pytest.mark.parametrize("name, path", list(real_data_files()))
def test_every_real_data_file_passes_its_schema(name, path):
    text = path.read_text(encoding="utf-8")
    assert validator_accepts(name, text)
    assert schema_accepts(name, text)


def test_min_above_max_is_a_validator_only_check():
    """JSON Schema cannot compare two values; the validator does. Documented, not hidden."""
    text = edit("value: 354000000", "min: 3\n          max: 2")
    assert not validator_accepts("report", text)
    assert schema_accepts("report", text)


def test_committed_schemas_are_the_generated_ones():
    for name in jsonschemas.SCHEMAS:
        committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == jsonschemas.rendered(name), f"run `make schemas`: schemas/{name}.schema.json is stale"
