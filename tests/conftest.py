"""Shared fixtures: the project's paths, the real data set, a scratch data directory,
and one strict build of the real site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.model.load import load_dataset  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"


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
    data, problems = load_dataset(ROOT / "data", ROOT)
    assert problems == [], "\n".join(map(str, problems))
    return data


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
    """The real site, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="module")
def site_server(built_site):
    """The built site served on a free loopback port; yields its base URL."""
    sys.path.insert(0, str(ROOT / "tools"))
    from screenshots import serve

    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (or $CHROMIUM), driven by Playwright."""
    sys.path.insert(0, str(ROOT / "tools"))
    from playwright.sync_api import sync_playwright
    from screenshots import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
