"""A copy of the project's site sources in a scratch folder, for builds that must not touch
the checkout (tests of broken or hostile data, benchmarks at larger scale)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "macros", "overrides", "docs", "data", "schemas", "CITATION.cff")


def copy_project(destination: Path, source_root: Path = ROOT) -> Path:
    destination.mkdir(parents=True)
    for name in PARTS:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, destination / name)
    return destination
