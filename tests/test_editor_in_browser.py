"""Play the editor who has only a browser: raw text edits to a copy of the project, as
GitHub's web editor makes them (no make fmt, no fingerprints), then what the pull-request
workflow runs (`make check` under CI, `make tidy-commit`, `make diff`), and what it says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SITE_DATA

sys.path.insert(0, str(ROOT / "tools"))
from project import copy_project  # noqa: E402

FACT = "xingu-tax-revenue"
TEXT = SITE_DATA.fact(FACT).text  # as the data has it today
VENV = ROOT / ".venv"


def run(project, *args, ci: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITHUB_OUTPUT")}
    if ci:
        env["CI"] = "true"
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def make(project, target: str, *extra: str, ci: bool = True) -> subprocess.CompletedProcess:
    # The checkout's virtualenv, so that make installs nothing in the copy.
    return run(project, "make", "-s", "--no-print-directory", target, f"VENV={VENV}", *extra, ci=ci)


@pytest.fixture
def project(tmp_path):
    """A copy of the project in a git repository of its own, committed as main has it."""
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)  # times kept: make must find the virtualenv current
    shutil.copytree(ROOT / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "main"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    return project


def web_edit(project, replace) -> None:
    """Change xingu.yaml's text the way the web editor does, and commit it ("Commit changes"):
    the file as typed, nothing else."""
    path = project / "data" / "reports" / "xingu.yaml"
    text = path.read_text(encoding="utf-8")
    changed = replace(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=editor", "-c", "user.email=e@example.org", "commit", "-q", "-am", "Update xingu.yaml"],
                   cwd=project, check=True, capture_output=True)


def fact_block(text: str) -> str:
    """The fact's whole lines, from its `- id:` line to the line before the next item."""
    start = text.rindex("\n", 0, text.index(f"- id: {FACT}\n")) + 1
    end = text.rindex("\n", 0, text.index("- id:", start + len(FACT) + 8)) + 1
    return text[start:end]


def test_a_web_edit_of_both_languages_is_green_and_tidied_without_any_local_tool(project):
    def both_languages(text):
        block = fact_block(text)
        edited = (block.replace(f"zh: {TEXT.zh}", "zh: 成都芯谷各类税收合计。")
                  .replace(f"en: {TEXT.en}", "en: Taxes of every kind collected in Chengdu Xingu."))
        return text.replace(block, edited)
    web_edit(project, both_languages)

    check = make(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "translation fingerprints to record" in check.stdout and "(warning)" in check.stdout
    assert "error" not in check.stdout.lower()

    diff = make(project, "diff", "BASE=HEAD~1")
    assert diff.returncode == 0, diff.stderr
    assert f"`{FACT}`" in diff.stdout and "成都芯谷各类税收合计" in diff.stdout and "Taxes of every kind" in diff.stdout

    tidy = make(project, "tidy-commit")
    assert tidy.returncode == 0, tidy.stdout + tidy.stderr
    assert "tidied and committed: data/translations.lock.json" in tidy.stdout
    clean = make(project, "check", ci=False)  # even a terminal's strict check is clean now
    assert clean.returncode == 0 and "warning" not in clean.stdout, clean.stdout
    again = make(project, "tidy-commit")
    assert "nothing to tidy" in again.stdout  # idempotent


def test_a_pasted_fact_with_off_layout_is_green_and_the_tidy_restores_the_house_layout(project):
    def paste(text):
        block = fact_block(text)
        pasted = (block.replace(f"id: {FACT}", f"id: {FACT}-copy", 1)
                  .replace("kind: figure", "kind:   figure")
                  .replace("value: 354000000", "value: 354000000   ")
                  .replace("title:\n", "title:    \n", 1))
        pasted += "\n\n"  # blank lines left over from pasting
        return text.replace(block, pasted + block, 1)
    web_edit(project, paste)

    check = make(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    layout = [line for line in check.stdout.splitlines() if "(layout)" in line]
    assert layout and all(line.endswith("nothing to do (warning)") for line in layout)
    assert all(":1:" not in line and ":0:" not in line for line in layout)  # at their own lines

    tidy = make(project, "tidy-commit")
    assert "tidied and committed" in tidy.stdout, tidy.stdout + tidy.stderr
    tidied = (project / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8")
    assert "kind:   figure" not in tidied and f"- id: {FACT}-copy\n" in tidied
    assert make(project, "check", ci=False).returncode == 0
    assert "nothing to tidy" in make(project, "tidy-commit").stdout


def test_a_wrong_value_gives_one_clear_message_and_the_tidy_leaves_it_to_the_editor(project):
    web_edit(project, lambda text: text.replace("value: 354000000\n", "value: 3.54亿元\n", 1))
    check = make(project, "check")
    assert check.returncode != 0
    errors = [line for line in check.stdout.splitlines() if "(warning)" not in line and line.strip()]
    assert len(errors) == 1, check.stdout
    assert f"{FACT} › quantity › value: expected a number, found the text “3.54亿元”" in errors[0]
    assert errors[0].startswith("data/reports/xingu.yaml:")
    tidy = make(project, "tidy-commit")
    assert tidy.returncode == 0 and "nothing to tidy" in tidy.stdout  # a person decides the value


def test_english_that_still_matches_is_accepted_in_the_browser_with_a_mark(project):
    def chinese_only(text):
        block = fact_block(text)
        return text.replace(block, block.replace(f"zh: {TEXT.zh}", f"zh: {TEXT.zh}（总额）"))
    web_edit(project, chinese_only)
    check = make(project, "check")
    assert check.returncode == 0
    assert f"{FACT} › text › en: the Chinese of this text changed and its English did not" in check.stdout

    def mark(text):
        block = fact_block(text)
        en = next(line for line in block.splitlines() if line.strip() == f"en: {TEXT.en}")
        indent = en[: len(en) - len(en.lstrip())]
        return text.replace(block, block.replace(en + "\n", f"{en}\n{indent}en_still_matches: true\n"))
    web_edit(project, mark)
    check = make(project, "check")
    assert check.returncode == 0 and "changed and its English did not" not in check.stdout, check.stdout

    assert "tidied and committed" in make(project, "tidy-commit").stdout
    tidied = (project / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8")
    assert "en_still_matches" not in tidied  # recorded in the fingerprints, the line removed
    clean = make(project, "check", ci=False)
    assert clean.returncode == 0 and "warning" not in clean.stdout, clean.stdout


def _branch(project, tmp_path):
    """The pull request's branch, checked out beside the default branch's code, as the
    workflow's tidy job has them."""
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, check=True, capture_output=True, text=True).stdout.strip()
    branch = tmp_path / "pull-request"
    subprocess.run(["git", "clone", "-q", str(project), str(branch)], check=True, capture_output=True)
    return branch, base


def _last_author(checkout) -> str:
    return subprocess.run(["git", "log", "-1", "--format=%an"], cwd=checkout, check=True, capture_output=True, text=True).stdout.strip()


def untidy(text):
    block = fact_block(text)
    return text.replace(block, block.replace("kind: figure", "kind:   figure").replace(f"zh: {TEXT.zh}", f"zh: {TEXT.zh}（总额）")
                        .replace(f"en: {TEXT.en}", f"en: {TEXT.en} (in total)"), 1)


def test_the_workflow_tidies_the_branch_with_the_default_branchs_code(project, tmp_path):
    branch, base = _branch(project, tmp_path)
    web_edit(branch, untidy)
    tidy = make(project, "tidy-commit", f"TIDY_DIR={branch}", f"TIDY_BASE={base}")
    assert "tidied and committed" in tidy.stdout, tidy.stdout + tidy.stderr
    assert _last_author(branch) == "reform-reports-bot"
    assert "kind:   figure" not in (branch / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8")
    lock = (branch / "data" / "translations.lock.json").read_text(encoding="utf-8")
    assert lock != (project / "data" / "translations.lock.json").read_text(encoding="utf-8")  # the new Chinese recorded
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    assert status == ""  # the code's own checkout is untouched
    assert make(branch, "check", ci=False).returncode == 0


def test_a_branch_that_changes_the_tidy_code_is_left_to_its_author(project, tmp_path):
    branch, base = _branch(project, tmp_path)
    fmt = branch / "macros" / "edit" / "fmt.py"
    fmt.write_text(fmt.read_text(encoding="utf-8") + "\n# a change to the formatter\n", encoding="utf-8")
    web_edit(branch, untidy)  # commits the formatter's change too (commit -a)
    tidy = make(project, "tidy-commit", f"TIDY_DIR={branch}", f"TIDY_BASE={base}")
    assert tidy.returncode == 0 and "not tidied" in tidy.stdout and "macros/edit/fmt.py" in tidy.stdout, tidy.stdout
    assert _last_author(branch) == "editor"
