"""Shared fixtures: the project under test, its data set, a scratch data directory, and one
strict build of its site per test session.

The project under test is the checkout itself, or, when REFORM_EXTRA_REPORTS names report
files (paths separated by spaces), a copy of it with those reports added as data files and
nothing else: `make test` runs the site-level tests (marked `site`) both ways, so they must
hold for whatever reports the data holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.model.load import load_dataset  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from project import copy_project  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
EXTRA_REPORTS = [ROOT / name for name in os.environ.get("REFORM_EXTRA_REPORTS", "").split() if name]


def with_extra_reports(project: Path) -> Path:
    for report in EXTRA_REPORTS:
        shutil.copy(report, project / "data" / "reports" / report.name)
    return project


def copy_of_project(destination: Path) -> Path:
    """A copy of the project under test, for builds that must not touch the checkout."""
    return with_extra_reports(copy_project(destination))


# Made once, when the tests are collected: test parameters (the pages) depend on its data.
PROJECT = copy_of_project(Path(tempfile.mkdtemp(prefix="reform-tests-")) / "project") if EXTRA_REPORTS else ROOT
SITE_DATA, _problems = load_dataset(PROJECT / "data", PROJECT)
assert SITE_DATA is not None, "\n".join(map(str, _problems))


def site_pages(print_editions: bool = False) -> list[str]:
    """Every page of the site under test, as a path under a language root."""
    reports = [f"{report.id}/" for report in SITE_DATA.reports]
    themes = [f"themes/{theme.id}/" for theme in SITE_DATA.themes]
    pages = ["", *reports, "compare/", "themes/", *themes, "timeline/", "glossary/", "data/", "about/"]
    return pages + ([f"print/{report.id}/" for report in SITE_DATA.reports] if print_editions else [])


def run_mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build a project the way `make site` does, in a subprocess, as a user would."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dataset():
    """The data set of the project under test."""
    return SITE_DATA


class ScratchData(type(Path())):
    """A data directory path with a `write(relative, text)` helper."""

    def write(self, relative: str, text: str) -> Path:
        path = self / relative
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def data_dir(tmp_path: Path):
    """A scratch data directory holding the real units and interface strings, and a
    `write(name, text)` helper to add report files to it."""
    directory = ScratchData(tmp_path / "data")
    (directory / "reports").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "units.yaml", directory / "units.yaml")
    shutil.copy(ROOT / "data" / "ui.yaml", directory / "ui.yaml")
    return directory


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site of the project under test, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(PROJECT, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="module")
def site_server(built_site):
    """The built site served on a free loopback port; yields its base URL."""
    from screenshots import serve

    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (or $CHROMIUM), driven by Playwright."""
    from playwright.sync_api import sync_playwright
    from screenshots import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# The near-copy scores of the Chinese texts (tests/test_sources.py), shown after the run.
_NEAR_COPY_SCORES: list[float] = []


@pytest.fixture(scope="session")
def near_copy_report() -> list[float]:
    return _NEAR_COPY_SCORES


def pytest_terminal_summary(terminalreporter):
    scores = _NEAR_COPY_SCORES
    if not scores:
        return
    bands = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]
    counts = ", ".join(f"{low:.1f}–{min(high, 1.0):.1f}: {sum(low <= s < high for s in scores)}" for low, high in bands)
    terminalreporter.write_line(f"near-copy scores of {len(scores)} Chinese texts (25+ characters): "
                                f"max {max(scores):.2f}, median {sorted(scores)[len(scores) // 2]:.2f}; {counts}")
