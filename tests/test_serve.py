"""`make serve` with invalid data: the dev server still answers, every page lists the data's
problems (file:line: field: message), the site comes back once the data is fixed, and a
mistake made while serving shows the same way."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import MKDOCS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
from project import copy_project  # noqa: E402

WAIT = 120  # seconds, for each thing the server must do


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(base: str, path: str, wanted: str, deadline: float) -> str:
    """The page at `path` once it holds `wanted` (polling, never past the deadline)."""
    page = ""
    while True:
        try:
            page = urllib.request.urlopen(base + path, timeout=5).read().decode("utf-8")
            if wanted in page:
                return page
        except OSError:
            pass
        assert time.time() < deadline, f"{path} did not show {wanted!r} in time; last seen:\n{page[-2000:]}"
        time.sleep(0.5)


@contextlib.contextmanager
def serving(project, log_path):
    """`mkdocs serve --strict` on the project, its output in `log_path`; yields the base URL."""
    port = free_port()
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(MKDOCS), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)


def test_serve_shows_data_problems_in_the_page_and_recovers_when_fixed(tmp_path):
    project = copy_project(tmp_path / "project")
    report = project / "data" / "reports" / "xingu.yaml"
    good = report.read_text(encoding="utf-8")
    assert good.count("value: 354000000\n") == 1
    line = good[: good.index("value: 354000000")].count("\n") + 1
    report.write_text(good.replace("value: 354000000\n", "value: 3.54亿\n"), encoding="utf-8")

    with serving(project, tmp_path / "serve.log") as base:
        problem = f"data/reports/xingu.yaml:{line}: "
        for path in ("", "en/xingu/"):
            page = wait_for(base, path, "The data has problems", time.time() + WAIT)
            assert "数据有问题" in page
            assert problem in page and "expected a number" in page and "3.54亿" in page
            assert "reloads by itself" in page
            assert "livereload" in page  # mkdocs serve's script, which brings the site back
            assert 'id="xingu-tax-revenue"' not in page

        report.write_text(good, encoding="utf-8")
        page = wait_for(base, "en/xingu/", 'id="xingu-tax-revenue"', time.time() + WAIT)
        assert "The data has problems" not in page
        home = wait_for(base, "", "改革", time.time() + WAIT)
        assert "数据有问题" not in home

        # And a mistake made while serving a good site shows too, rather than stalling the rebuild.
        report.write_text(good.replace("value: 354000000\n", "value: 3.54亿\n"), encoding="utf-8")
        page = wait_for(base, "en/xingu/", "The data has problems", time.time() + WAIT)
        assert problem in page


def test_a_saved_data_file_rebuilds_the_preview_once(tmp_path):
    """The preview watches the system's file events, which also report every file a build
    opens and closes; only changes may start a rebuild, or each rebuild would start another."""
    project = copy_project(tmp_path / "project")
    ui = project / "data" / "ui.yaml"
    original = ui.read_text(encoding="utf-8")
    assert "en: Link to this fact}" in original
    log_path = tmp_path / "serve.log"
    with serving(project, log_path) as base:
        wait_for(base, "en/", "</html>", time.time() + WAIT)
        ui.write_text(original.replace("en: Link to this fact}", "en: Link to this fact (saved)}"), encoding="utf-8")
        try:
            wait_for(base, "en/xingu/", "Link to this fact (saved)", time.time() + WAIT)
        except AssertionError:
            raise AssertionError(log_path.read_text(encoding="utf-8")[-3000:]) from None
        time.sleep(5)  # long enough for a second rebuild to have started, if one were coming
        text = log_path.read_text(encoding="utf-8")
        assert text.count("Detected file changes") == 1 and text.count("Building documentation") == 2, text[-3000:]
