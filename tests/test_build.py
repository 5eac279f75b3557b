"""Whole builds as a user runs them: broken data stops the build with file:line messages, no
traceback, and nothing published. (Adding a report: test_reports_as_data.py.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, run_mkdocs_build
from conftest import copy_of_project as copy_project


def test_broken_data_stops_the_build_with_file_and_line_and_publishes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    report = project / "data" / "reports" / "xingu.yaml"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    # Break two things: a number typed with its Chinese unit, and a misspelled key.
    value_line = next(i for i, line in enumerate(lines) if line.strip().startswith("value:"))
    lines[value_line] = lines[value_line].split("value:")[0] + "value: 3.54亿\n"
    kind_line = next(i for i, line in enumerate(lines) if line.strip().startswith("kind:"))
    lines[kind_line] = lines[kind_line].replace("kind:", "knd:")
    report.write_text("".join(lines), encoding="utf-8")

    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"data/reports/xingu.yaml:{value_line + 1}: " in output and "expected a number" in output
    assert f"data/reports/xingu.yaml:{kind_line + 1}: " in output and "unknown key `knd`" in output
    assert not (site / "index.html").exists()


def test_make_check_reports_problems_and_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    units = project / "data" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace('  zh: "#天"\n', ""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.edit.check", "data"], cwd=project, capture_output=True, text=True,
                            env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "data/units.yaml:" in result.stdout and "day: the unit has no `zh`" in result.stdout
    assert "Traceback" not in result.stderr


def test_make_check_passes_on_the_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.edit.check", "data"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("data OK: 2 reports")


@pytest.mark.parametrize("env_name", ["GITHUB_ACTIONS"])
def test_check_emits_github_annotations_in_actions(tmp_path, env_name):
    project = copy_project(tmp_path / "project")
    ui = project / "data" / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8").replace("source: {zh: 出处, en: Source}\n", ""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.edit.check", "data"], cwd=project, capture_output=True, text=True,
                            env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin", env_name: "true"})
    assert "::error file=data/ui.yaml,line=1,title=Data check::(top): the interface string `source` is missing" in result.stdout


def test_data_is_loaded_and_validated_once_for_both_language_builds(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.model import store

    calls = []
    real_load = store.load_dataset
    monkeypatch.setattr(store, "load_dataset", lambda *args, **kwargs: calls.append(args) or real_load(*args, **kwargs))
    monkeypatch.setattr(store, "_cache", {})
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site" / "en" / "xingu" / "index.html").exists()
    assert len(calls) == 1


def test_make_serve_pages_have_live_reload_and_no_policy_blocking_it(tmp_path):
    """The published site carries a Content-Security-Policy; the dev server's pages must not,
    or the browser would block the live-reload script it injects."""
    import os
    import socket
    import time
    import urllib.request

    from conftest import MKDOCS

    project = copy_project(tmp_path / "project")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=project,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/xingu/", timeout=5).read().decode("utf-8")
                break
            except OSError:
                assert time.time() < deadline, "mkdocs serve did not answer"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "livereload" in page
    assert "Content-Security-Policy" not in page
    assert 'id="xingu-tax-revenue"' in page
