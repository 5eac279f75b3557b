"""Load the data directory, check all of it, and build the model.

`load_dataset` never raises for a mistake in the data: it returns every problem it
found, each with file, line and field, and builds the model only when there are none.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import dataset as model

from . import build as modelbuild

from . import translations
from ..data.crosscheck import CrossChecker
from ..data.schema import COMPARISON, DIAGRAMS, GLOSSARY, REPORT, THEMES, UI, UNITS, Where
from ..data.yamlsource import Problem, read_yaml

# Files a site may do without: a single-report site has nothing to compare.
OPTIONAL_FILES = {"comparison.yaml": COMPARISON, "themes.yaml": THEMES, "glossary.yaml": GLOSSARY, "diagrams.yaml": DIAGRAMS}


def _display(path: Path, root: Path) -> str:
    """A path as an editor would type it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# Files read and checked, by name, schema and content: the data's releases (macros/edit/
# history.py) differ from each other in a file or two, and each of the others is parsed and
# checked once. Bounded, oldest out first. The parsed values are only ever read.
_CHECKED: dict[tuple[str, int, str], tuple[object, list[Problem]]] = {}
_CHECKED_LIMIT = 64


def _read_checked(path: Path, shown: str, node) -> tuple[object, list[Problem]]:
    if not path.exists():
        return None, [Problem(shown, 0, "(file)", "the file is missing")]
    try:
        key = (shown, id(node), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        key = None  # read_yaml says what is wrong
    if key in _CHECKED:
        raw, problems = _CHECKED[key]
        return raw, list(problems)
    raw, problems = read_yaml(path, shown)
    if raw is None and not problems:
        result = None, [Problem(shown, 1, "(file)", "the file is empty")]
    elif raw is None:
        result = None, problems
    else:
        result = raw, problems + node.check(raw, Where(shown, "", 1))
    if key is not None:
        _CHECKED[key] = (result[0], list(result[1]))
        while len(_CHECKED) > _CHECKED_LIMIT:
            del _CHECKED[next(iter(_CHECKED))]
    return result


def source_captures(project_root: Path) -> set[str] | None:
    """The file names of the source captures (`shared/sources/` beside the project, as in
    development and CI), or None where they are not at hand (a published copy, a test's
    scratch project): then a report's `source.file` cannot be checked."""
    folder = project_root.resolve().parent / "shared" / "sources"
    if not folder.is_dir():
        return None
    return {path.name for path in folder.iterdir() if path.is_file() and path.name != "README.md"}


def load_dataset(data_dir: Path, project_root: Path | None = None, stale: bool = True) -> tuple[model.Dataset | None, list[Problem]]:
    """Read and check everything under `data_dir`. Returns (dataset or None, problems).
    With `stale` false, English texts are not compared with the translation lock (the data
    of a past release, whose changes are listed, not its pending translations)."""
    root = project_root or data_dir.parent
    problems: list[Problem] = []

    def read(name: str, node):
        raw, found = _read_checked(data_dir / name, _display(data_dir / name, root), node)
        problems.extend(found)
        return (raw if not found else None), _display(data_dir / name, root)

    units_raw, _ = read("units.yaml", UNITS)
    ui_raw, ui_shown = read("ui.yaml", UI)
    optional = {
        name: read(name, node) if (data_dir / name).exists() else (None, None)
        for name, node in OPTIONAL_FILES.items()
    }

    report_files = sorted((data_dir / "reports").glob("*.yaml"))
    if not report_files:
        problems.append(Problem(_display(data_dir / "reports", root), 0, "(folder)", "no report files (*.yaml) found"))
    reports_raw = []
    for path in report_files:
        raw, shown = read(f"reports/{path.name}", REPORT)
        if raw is not None:
            reports_raw.append((path.stem, shown, raw))

    checker = CrossChecker()
    if units_raw is not None:
        checker.reports(reports_raw, units_raw, source_captures(root))
    if ui_raw is not None:
        checker.ui(ui_shown, ui_raw)
    # Reports go by their file's name: an `id` that differs from it is reported once, there.
    report_ids = [stem for stem, _, raw in sorted(reports_raw, key=lambda r: r[2]["order"])]
    # Every report file's id, read or not: a report with mistakes of its own must not also
    # make the files that name it report "not a report id" (one mistake, one message).
    known_report_ids = report_ids + sorted({path.stem for path in report_files} - set(report_ids))
    checker.known_reports = known_report_ids
    comparison_raw, comparison_shown = optional["comparison.yaml"]
    themes_raw, themes_shown = optional["themes.yaml"]
    glossary_raw, glossary_shown = optional["glossary.yaml"]
    diagrams_raw, diagrams_shown = optional["diagrams.yaml"]
    if comparison_raw is not None:
        checker.comparison(comparison_shown, comparison_raw, known_report_ids, {stem: raw for stem, _, raw in reports_raw})
    if themes_raw is not None:
        checker.themes(themes_shown, themes_raw)
    if glossary_raw is not None:
        checker.glossary(glossary_shown, glossary_raw)
    if diagrams_raw is not None:
        checker.diagrams(diagrams_shown, diagrams_raw, {stem: raw for stem, _, raw in reports_raw}, known_report_ids)
    all_reports_read = len(reports_raw) == len(report_files)
    checker.resolve(all_reports_read)
    if themes_raw is not None and all_reports_read:
        checker.themes_span_reports(themes_shown, themes_raw, report_ids)
    problems += checker.problems
    if problems:
        return None, _sorted(problems)

    unit_map = modelbuild.units(units_raw)
    reports = tuple(sorted((modelbuild.report(raw, unit_map) for _, _, raw in reports_raw), key=lambda r: r.order))
    ui = {key: modelbuild.text(value) for key, value in ui_raw.items()}
    dataset = modelbuild.dataset(
        reports, unit_map, ui,
        modelbuild.dimensions(comparison_raw),
        modelbuild.themes(themes_raw),
        modelbuild.terms(glossary_raw),
        modelbuild.diagrams(diagrams_raw),
    )
    if not stale:
        return dataset, []
    pending, _ = translations.status(dataset, translations.read_lock(data_dir))
    return replace(dataset, stale=frozenset(pending)), []


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line, p.field))
