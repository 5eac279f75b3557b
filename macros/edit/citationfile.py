"""`CITATION.cff` at the repository's root (GitHub's "Cite this repository") kept in step
with the data's latest release: part of the data check (`make check`).

The file names a version and its date. Once a release (tag `vX.Y.Z`) exists, the file must
name that release with its date, or a later one being prepared (an editor sets the next
version in the browser, then creates the release of that number). Its authors must name the
issuing body of every report. Without releases (a tarball, a shallow clone, no tags yet)
only the authors are checked.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .history import TAG, Tag
from ..data.yamlsource import Problem
from ..model.dataset import Dataset

NAME = "CITATION.cff"


def _line(lines: list[str], key: str) -> int:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((number for number, text in enumerate(lines, start=1) if pattern.match(text)), 0)


def _version(value) -> tuple[int, int, int] | None:
    match = TAG.match("v" + str(value).removeprefix("v"))
    return tuple(int(g) for g in match.groups()) if match else None


def citation_problems(project_root: Path, dataset: Dataset, tags: list[Tag]) -> list[Problem]:
    """What to change in CITATION.cff, each with its line. `tags`: the releases, newest first."""
    path = project_root / NAME
    latest = tags[0] if tags else None
    if not path.exists():
        if latest is None:
            return []
        return [Problem(NAME, 0, NAME, f"there is no {NAME}; add one naming the latest data release "
                        f"({latest.name}, {latest.date.isoformat()}), as GitHub's “Cite this repository” reads it")]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(NAME, mark.line + 1 if mark else 0, NAME, f"this is not valid YAML ({getattr(error, 'problem', error)})")]
    problems = []
    if not isinstance(data, dict):
        return [Problem(NAME, 1, NAME, "the file must be a mapping of keys (cff-version, title, version, …)")]
    names = " ".join(str(a.get("name", "")) for a in data.get("authors") or [] if isinstance(a, dict))
    for report in dataset.reports:
        if report.credit.zh not in names and report.credit.en not in names:
            problems.append(Problem(NAME, _line(lines, "authors"), "authors",
                                    f"no author names `{report.credit.zh}` ({report.credit.en}), who issued the report "
                                    f"`{report.id}`; add `- name: \"{report.credit.zh} ({report.credit.en})\"` under `authors:`"))
    if latest is None:
        return problems
    version, released = _version(data.get("version", "")), data.get("date-released")
    want = f"set `version: {latest.name.removeprefix('v')}` and `date-released: {latest.date.isoformat()}`"
    if version is None:
        problems.append(Problem(NAME, _line(lines, "version"), "version",
                                f"`version` must be a release number such as 1.2.0; the latest release is {latest.name}: {want}"))
    elif version < latest.version:
        problems.append(Problem(NAME, _line(lines, "version"), "version",
                                f"says {'.'.join(map(str, version))}, but the latest data release is {latest.name} "
                                f"of {latest.date.isoformat()}: {want}"))
    elif version == latest.version:
        if isinstance(released, str):
            try:
                released = datetime.date.fromisoformat(released)
            except ValueError:
                pass
        if released != latest.date:
            problems.append(Problem(NAME, _line(lines, "date-released"), "date-released",
                                    f"{latest.name} was released on {latest.date.isoformat()}, not {released}: "
                                    f"set `date-released: {latest.date.isoformat()}`"))
    return problems
