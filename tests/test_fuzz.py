"""Property-based fuzzing of the loader and validator: whatever an editor saves, the result
is a valid model or a list of clean problems (file, line, field, message), never an
exception and never a traceback."""

from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from macros.model.load import load_dataset
from macros.data.yamlsource import Problem, parse_yaml

MINIMAL_TEXT = (Path(__file__).parent / "fixtures" / "minimal_report.yaml").read_text(encoding="utf-8")
MINIMAL = yaml.safe_load(MINIMAL_TEXT)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.dates(min_value=datetime.date(1, 1, 1)),
    st.sampled_from(["zh", "en", "figure", "yuan", "intro", "sample-revenue", "2021-13-40", "#", "{{ x }}"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(list(MINIMAL) + ["zh", "en", "value", "facts"])), inner, max_size=4),
), max_leaves=20)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_clean(dataset, problems: list[Problem]):
    assert (dataset is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file and isinstance(problem.line, int) and problem.line >= 0
        assert problem.field and problem.message and "Traceback" not in problem.message


@FUZZ
@given(st.text(max_size=400))
def test_any_text_parses_or_gives_problems(text):
    value, problems = parse_yaml(text, "fuzz.yaml")
    for problem in problems:
        assert problem.file == "fuzz.yaml" and problem.line >= 0 and problem.message
    try:
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the parser the loader uses
    except yaml.YAMLError:
        assert value is None and problems, "PyYAML rejects this text; the editor must be told"
    except ValueError:
        assert problems or value is not None  # an impossible date: kept as text for the schema to report


def data_dir_with(tmp_path: Path, report_text: str) -> Path:
    directory = tmp_path / "data"
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "reports").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "units.yaml", directory / "units.yaml")
    shutil.copy(ROOT / "data" / "ui.yaml", directory / "ui.yaml")
    (directory / "reports" / "sample.yaml").write_text(report_text, encoding="utf-8")
    return directory


@FUZZ
@given(values)
def test_any_yaml_structure_as_a_report_gives_a_model_or_clean_problems(tmp_path_factory, value):
    text = yaml.safe_dump(value, allow_unicode=True)
    directory = data_dir_with(tmp_path_factory.mktemp("fuzz"), text)
    assert_clean(*load_dataset(directory, directory.parent))


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from paths(child, prefix + (index,))


ALL_PATHS = [p for p in paths(MINIMAL) if p]


@FUZZ
@given(st.sampled_from(ALL_PATHS), values, st.booleans())
def test_any_mutation_of_a_valid_report_gives_a_model_or_clean_problems(tmp_path_factory, path, replacement, delete):
    report = copy.deepcopy(MINIMAL)
    parent = report
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    directory = data_dir_with(tmp_path_factory.mktemp("mutant"), yaml.safe_dump(report, allow_unicode=True))
    assert_clean(*load_dataset(directory, directory.parent))
