"""`CITATION.cff` at the repository's root (GitHub's "Cite this repository") kept in step
with the data by the machine, like the data files' layout.

Its bookkeeping is tidied, never asked of an editor: the authors name every report's publisher
or contributor (so adding a report stays one data file), and the version and date name the latest
release (a tag `vX.Y.Z`, created on GitHub's Releases page) unless the file already names a
later one being prepared. `make fmt`, the pull request's tidy step and the deploy's tidy step
write them; `make check` reports them as layout (warnings under CI). Only a file that is not
readable YAML is a mistake for a person. Without releases (a tarball, a shallow clone, no tags
yet) only the authors are kept.
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


def _author(report) -> str:
    return f"{report.credit.zh} ({report.credit.en})"


def _names(data: dict) -> str:
    return " ".join(str(a.get("name", "")) for a in data.get("authors") or [] if isinstance(a, dict))


def _load(text: str):
    """The file's mapping, or a Problem when it is not one."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return Problem(NAME, mark.line + 1 if mark else 0, NAME, f"this is not valid YAML ({getattr(error, 'problem', error)}); "
                       "fix it in the file (keys such as `version: 1.2.0`, one per line)")
    if not isinstance(data, dict):
        return Problem(NAME, 1, NAME, "the file must be a mapping of keys (cff-version, title, version, …)")
    return data


def _released(value):
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _behind(data: dict, latest: Tag | None) -> bool:
    """Whether the file names an older release than the latest (a later one is being prepared)."""
    if latest is None:
        return False
    version = _version(data.get("version", ""))
    if version is None or version < latest.version:
        return True
    return version == latest.version and _released(data.get("date-released")) != latest.date


def citation_mistakes(project_root: Path, tags: list[Tag]) -> list[Problem]:
    """What a person must fix in CITATION.cff: a file the machine cannot read, or none at all
    once there are releases."""
    path = project_root / NAME
    if not path.exists():
        if not tags:
            return []
        return [Problem(NAME, 0, NAME, f"there is no {NAME}; restore it (GitHub's “Cite this repository” reads it): "
                        "the tidy step then keeps its authors and release up to date")]
    loaded = _load(path.read_text(encoding="utf-8"))
    return [loaded] if isinstance(loaded, Problem) else []


def citation_problems(project_root: Path, dataset: Dataset, tags: list[Tag], fix_hint: str) -> list[Problem]:
    """Bookkeeping the tidy step does (`tidied`), each at its line: a report's publisher or contributor
    missing from the authors; a version and date behind the latest release (a release is
    created on GitHub's Releases page; the deploy's tidy step then records it here)."""
    path = project_root / NAME
    latest = tags[0] if tags else None
    if not path.exists():
        return []  # a mistake once there are releases (`citation_mistakes`)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    data = _load(text)
    if isinstance(data, Problem):
        return []
    problems = []
    names = _names(data)
    for report in dataset.reports:
        if report.credit.zh not in names and report.credit.en not in names:
            problems.append(Problem(NAME, _line(lines, "authors"), "authors",
                                    f"no author names {report.credit.zh} ({report.credit.en}), who issued the report "
                                    f"`{report.id}`; {fix_hint}"))
    if _behind(data, latest):
        problems.append(Problem(NAME, _line(lines, "version"), "version",
                                f"names version {data.get('version')} of {data.get('date-released')}, but the latest data "
                                f"release is {latest.name} of {latest.date.isoformat()}; {fix_hint}"))
    return problems


_TOP_LEVEL = re.compile(r"^[^\s#-]")


def _set_key(lines: list[str], key: str, value: str) -> list[str]:
    number = _line(lines, key)
    if number:
        return lines[:number - 1] + [f"{key}: {value}"] + lines[number:]
    return lines + [f"{key}: {value}"]


def tidied(text: str, dataset: Dataset, tags: list[Tag]) -> str:
    """The file with its bookkeeping done, everything else as the editors wrote it: every
    report's publisher or contributor among the authors (added before the other authors, this project),
    and the latest release's version and date when the file names an older one."""
    data = _load(text)
    if isinstance(data, Problem):
        return text
    lines = text.splitlines()
    names = _names(data)
    missing = [f'  - name: "{_author(r)}"' for r in dataset.reports
               if r.credit.zh not in names and r.credit.en not in names]
    if missing:
        start = _line(lines, "authors")
        if not start:
            lines += ["authors:", *missing]
        else:
            end = next((n for n in range(start, len(lines)) if _TOP_LEVEL.match(lines[n])), len(lines))
            entries = [n for n in range(start, end) if lines[n].lstrip().startswith("- ")]
            issuers = {r.credit.zh for r in dataset.reports} | {r.credit.en for r in dataset.reports}
            others = [n for n in entries if not any(name in lines[n] for name in issuers)]
            at = others[0] if others else end
            lines = lines[:at] + missing + lines[at:]
    latest = tags[0] if tags else None
    if _behind(data, latest):
        lines = _set_key(lines, "version", latest.name.removeprefix("v"))
        lines = _set_key(lines, "date-released", latest.date.isoformat())
    return "\n".join(lines) + "\n"


def tidy_file(project_root: Path, dataset: Dataset, tags: list[Tag]) -> bool:
    """Write the tidied CITATION.cff; whether it changed."""
    path = project_root / NAME
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    new = tidied(text, dataset, tags)
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False
