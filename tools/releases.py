"""A copy of the project in a git repository of its own, with data releases (tags) made the
way editors make them: edits to data/ committed, the tidy step's fingerprints recorded, a
tag `vX.Y.Z` on main. For tests, screenshots and `tools/bench_history.py`.

`release_repository(destination)` makes three releases and one unreleased change:

- v1.0.0 (annotated, a note): the data as it is;
- v1.1.0 (annotated): a value corrected (xingu-tax-revenue 354 → 364 million yuan) and a
  text reworded, with a layout-only edit that must not show as a change;
- v1.2.0 (lightweight, no note): a fact added, one removed, one renamed (`predecessor`);
- then, unreleased: another value changed on main.

`synthetic_releases(destination, count)` makes `count` releases, each correcting one value.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from project import ROOT, copy_project

TAX = "xingu-tax-revenue"
ADDED = "xingu-tax-revenue-per-entity"
EXTRA = ("CITATION.cff",)


def _git(project: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def _tidy(project: Path) -> None:
    """What the pull request's tidy step does: layout and translation fingerprints."""
    subprocess.run([sys.executable, "-m", "macros.edit.fmt", "data"], cwd=project, check=True, capture_output=True)


def commit(project: Path, message: str, date: str) -> None:
    _tidy(project)
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "--allow-empty", "-m", message, date=date)


def tag(project: Path, name: str, date: str, note: str = "") -> None:
    if note:
        _git(project, "tag", "-a", name, "-m", note, date=date)
    else:
        _git(project, "tag", name, date=date)


def replace_once(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def fact_block(text: str, fact_id: str) -> tuple[int, int]:
    """Start and end offsets of a fact's item (`- id: <id>` and its indented lines)."""
    match = re.search(rf"^( *)- id: {re.escape(fact_id)}\n", text, re.M)
    assert match, fact_id
    indent = match.group(1)
    end = re.compile(rf"^(?!{indent}  |\s*$)", re.M).search(text, match.end())
    return match.start(), end.start() if end else len(text)


def remove_fact(project: Path, relative: str, fact_id: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    start, end = fact_block(text, fact_id)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def init(destination: Path) -> Path:
    project = copy_project(destination)
    for name in EXTRA:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, project / name)
    _git(project, "init", "-q", "-b", "main")
    commit(project, "The data as main has it", "2026-09-01T09:00:00+08:00")
    return project


def _unreferenced(project: Path, report: str, skip: tuple[str, ...]) -> str:
    """A fact of `report` that nothing refers to (safe to remove or rename)."""
    sys.path.insert(0, str(project))
    from macros.model.load import load_dataset

    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None, problems
    referenced = {r for f in dataset.facts.values() for r in f.related + f.answers}
    referenced |= {f for t in dataset.themes for f in t.facts} | {f for r in dataset.reports for f in r.headline}
    referenced |= {f for d in dataset.dimensions for c in d.cells for f in c.facts}
    referenced |= {i for d in dataset.diagrams for n in (d.root,) + d.branches for i in (n.fact,) + n.items}
    return next(f.id for f in dataset.report(report).all_facts() if f.id not in referenced and f.id not in skip)


def release_repository(destination: Path) -> dict:
    """The three releases and the unreleased change described above; returns what was done
    (ids, old and new values) for the tests to check."""
    project = init(destination)
    tag(project, "v1.0.0", "2026-09-01T10:00:00+08:00", "First data release.")
    xingu = "data/reports/xingu.yaml"

    # v1.1.0: a corrected value, a reworded text, and a layout-only edit.
    replace_once(project, xingu, "value: 354000000\n", "value: 364000000\n")
    replace_once(project, xingu, "              zh: 2021年以来成都芯谷新增的市场主体数量。\n",
                 "              zh: 2021年以来在成都芯谷新登记的市场主体数量。\n")
    replace_once(project, xingu, "              en: Market entities (businesses of all kinds) newly registered in Chengdu Xingu since 2021.\n",
                 "              en: Market entities of all kinds newly registered in Chengdu Xingu since 2021.\n")
    replace_once(project, xingu, "              zh: 新增市场主体\n", "              zh: '新增市场主体'\n")  # layout only
    commit(project, "Correct the tax revenue; reword the new market entities", "2026-10-15T09:00:00+08:00")
    tag(project, "v1.1.0", "2026-10-15T10:00:00+08:00", "Tax revenue corrected to 364 million yuan (the source's table).")

    # v1.2.0: a fact added, one removed, one renamed.
    removed = _unreferenced(project, "xingu", (TAX,))
    renamed = _unreferenced(project, "xingu", (TAX, removed))
    remove_fact(project, xingu, removed)
    text = (project / xingu).read_text(encoding="utf-8")
    start, end = fact_block(text, TAX)
    added = (text[start:end].replace(f"- id: {TAX}\n", f"- id: {ADDED}\n")
             .replace("zh: 全口径税收\n", "zh: 全口径税收（另一口径）\n").replace("en: Total tax revenue\n", "en: Total tax revenue (another count)\n"))
    (project / xingu).write_text(text[:end] + added + text[end:], encoding="utf-8")
    indent = re.search(rf"^( *)- id: {re.escape(renamed)}\n", (project / xingu).read_text(encoding="utf-8"), re.M).group(1)
    replace_once(project, xingu, f"{indent}- id: {renamed}\n", f"{indent}- id: {renamed}-renamed\n{indent}  predecessor: {renamed}\n")
    commit(project, "Add, remove and rename facts", "2026-11-20T09:00:00+08:00")
    tag(project, "v1.2.0", "2026-11-20T10:00:00+08:00")

    # Unreleased: a value changed on main after the last release.
    replace_once(project, xingu, "value: 430\n", "value: 431\n")
    commit(project, "Correct the new market entities", "2026-11-25T09:00:00+08:00")
    return {"project": project, "removed": removed, "renamed": renamed, "renamed_to": f"{renamed}-renamed", "added": ADDED}


def synthetic_releases(destination: Path, count: int = 10) -> Path:
    """`count` releases on a copy of the project, each correcting one value (for timing)."""
    project = init(destination)
    value = 354000000
    for index in range(count):
        if index:
            replace_once(project, "data/reports/xingu.yaml", f"value: {value}\n", f"value: {value + 1000000}\n")
            value += 1000000
            commit(project, f"Correction {index}", f"2026-01-{index + 1:02d}T09:00:00+00:00")
        tag(project, f"v1.{index}.0", f"2026-01-{index + 1:02d}T10:00:00+00:00", f"Release {index}")
    return project
