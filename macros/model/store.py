"""Load and validate the data once per process, and again only when a data file changes.

mkdocs-static-i18n builds the site once per language, calling `define_env` each time, and
`mkdocs serve` rebuilds on every edit in one long process: a fingerprint of the data
files' sizes and modification times decides whether the cached result still holds.
"""

from __future__ import annotations

from pathlib import Path

from .dataset import Dataset
from .load import load_dataset
from ..data.yamlsource import Problem

_cache: dict[Path, tuple[tuple, tuple[Dataset | None, list[Problem]]]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    entries = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def load_cached(data_dir: Path, project_root: Path | None = None) -> tuple[Dataset | None, list[Problem]]:
    key = data_dir.resolve()
    fingerprint = _fingerprint(key)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    result = load_dataset(data_dir, project_root)
    _cache[key] = (fingerprint, result)
    return result


class DataProblems(Exception):
    """The data has mistakes; the message lists each as file:line: field: message."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built:\n{lines}")


def load_or_raise(data_dir: Path, project_root: Path | None = None) -> Dataset:
    dataset, problems = load_cached(data_dir, project_root)
    if problems or dataset is None:
        raise DataProblems(problems)
    return dataset
