"""Talk to GitHub for the pull-request workflows: what a run is about, and posting its
results. Standard library only, so the privileged workflow runs it without installing
anything.

Security model (GitHub's "preventing pwn requests"): the pull request's own code runs only in
`pull-request.yml`, with a read-only token; it writes its results (a comment, suggestions, a
built site) as artifacts. `pull-request-publish.yml` runs this file from the default branch,
never the pull request's code, and treats those artifacts as untrusted data: the pull
request number must name an open pull request whose head is the commit that was checked,
suggestions may touch only `data/`, and the comment is posted as text.

    python3 tools/github_pr.py context            # in pull-request.yml: outputs for later steps
    python3 tools/github_pr.py pages-url          # in deploy.yml: the site's address
    python3 tools/github_pr.py publish REPORT_DIR # in pull-request-publish.yml: comment + suggestions
    python3 tools/github_pr.py may-preview REPORT_DIR  # … and whether to publish the preview
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Callable

MARKER = "<!-- reform-reports:data-changes -->"          # as in macros/edit/datadiff.py
NO_CHANGES_MARKER = "<!-- reform-reports:no-changes -->"
MAX_COMMENT = 65000  # GitHub refuses comments longer than 65,536 characters
API = "https://api.github.com"

Request = Callable[[str, str, dict | None], object]


def github_request(token: str) -> Request:
    def request(method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{API}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "reform-reports-bot"})
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None
    return request


def pages_url(repository: str, override: str = "") -> str:
    """The address GitHub Pages gives the repository (or the one configured), ending in /."""
    if override:
        return override.rstrip("/") + "/"
    owner, name = repository.split("/", 1)
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{name.lower()}/"
    return f"https://{owner.lower()}.github.io/{name}/"


def preview_url(repository: str, number: int, override: str = "") -> str:
    return f"{pages_url(repository, override)}previews/pr-{number}/"


# -- context: in the unprivileged workflow -------------------------------------------------

def context(event_name: str, event: dict, repository: str, request: Request | None, pages: str = "") -> dict:
    """Which pull request a run checks, from its event: a `pull_request` event names it; a
    `workflow_dispatch` run (started again after the tidy commit) finds it by its branch."""
    if event_name == "pull_request":
        pr = event["pull_request"]
    elif event_name == "workflow_dispatch" and request is not None:
        owner = repository.split("/")[0]
        branch = event.get("ref", "").removeprefix("refs/heads/")
        found = request("GET", f"/repos/{repository}/pulls?state=open&head={owner}:{branch}", None) or []
        if not found:
            return {}
        pr = found[0]
    else:
        return {}
    number = int(pr["number"])
    return {
        "number": number,
        "base_sha": pr["base"]["sha"],
        "head_sha": pr["head"]["sha"],
        "fork": pr["head"]["repo"]["full_name"] != repository if pr["head"].get("repo") else True,
        "preview_url": preview_url(repository, number, pages),
    }


# -- publish: in the privileged workflow ---------------------------------------------------

class Refused(Exception):
    """The artifact does not match the run it claims to come from."""


def verified_pull_request(request: Request, repository: str, report: dict, head_sha: str) -> dict:
    number = report.get("number")
    if not isinstance(number, int) or number <= 0:
        raise Refused(f"no valid pull request number in the report: {number!r}")
    pr = request("GET", f"/repos/{repository}/pulls/{number}", None)
    if pr["head"]["sha"] != head_sha:
        raise Refused(f"pull request #{number} has moved on from {head_sha[:7]}; a newer run will report")
    if pr["state"] != "open":
        raise Refused(f"pull request #{number} is not open")
    return pr


def upsert_comment(request: Request, repository: str, number: int, body: str) -> str:
    """Post the changes comment, or update the one posted before (found by its marker). A
    pull request that changes no data gets no comment."""
    body = body if body.startswith(MARKER) else f"{MARKER}\n{body}"
    if len(body) > MAX_COMMENT:
        body = body[:MAX_COMMENT] + "\n\n… (shortened: the full list is in the run's `pr-report` artifact)"
    page = 1
    while True:
        comments = request("GET", f"/repos/{repository}/issues/{number}/comments?per_page=100&page={page}", None) or []
        for comment in comments:
            if comment.get("body", "").startswith(MARKER) and comment.get("user", {}).get("type") == "Bot":
                request("PATCH", f"/repos/{repository}/issues/comments/{comment['id']}", {"body": body})
                return "updated"
        if len(comments) < 100:
            break
        page += 1
    if NO_CHANGES_MARKER in body:
        return "not posted (no data changed)"
    request("POST", f"/repos/{repository}/issues/{number}/comments", {"body": body})
    return "posted"


def safe_suggestions(comments: list) -> list[dict]:
    """Only well-formed suggestions on data files pass."""
    kept = []
    for comment in comments if isinstance(comments, list) else []:
        if not isinstance(comment, dict):
            continue
        path, line = comment.get("path"), comment.get("line")
        if not (isinstance(path, str) and path.startswith("data/") and ".." not in path and isinstance(line, int) and line > 0):
            continue
        entry = {"path": path, "line": line, "side": "RIGHT", "body": str(comment.get("body", ""))[:20000]}
        if isinstance(comment.get("start_line"), int) and 0 < comment["start_line"] < line:
            entry.update(start_line=comment["start_line"], start_side="RIGHT")
        kept.append(entry)
    return kept


def post_suggestions(request: Request, repository: str, number: int, head_sha: str, comments: list[dict]) -> int:
    """One review holding the suggestions not already posted on this pull request."""
    existing = request("GET", f"/repos/{repository}/pulls/{number}/comments?per_page=100", None) or []
    seen = {(c.get("path"), c.get("line"), c.get("body")) for c in existing}
    fresh = [c for c in comments if (c["path"], c["line"], c["body"]) not in seen]
    if fresh:
        request("POST", f"/repos/{repository}/pulls/{number}/reviews", {
            "commit_id": head_sha, "event": "COMMENT", "comments": fresh,
            "body": "The layout of these lines can be tidied automatically; accept the suggestions below. / "
                    "以下各行的格式可以自动整理，接受下面的建议即可。"})
    return len(fresh)


def publish(report_dir: Path, repository: str, head_sha: str, request: Request) -> list[str]:
    report = json.loads((report_dir / "meta.json").read_text(encoding="utf-8"))
    pr = verified_pull_request(request, repository, report, head_sha)
    number = pr["number"]
    done = []
    comment = report_dir / "comment.md"
    if comment.exists():
        body = comment.read_text(encoding="utf-8")
        if not preview_allowed(pr, repository):
            body += (f"\n\n> 预览在维护者加上 `{PREVIEW_LABEL}` 标签后发布。 / The preview is published once a maintainer "
                     f"adds the `{PREVIEW_LABEL}` label (this pull request comes from a fork).\n")
        done.append(f"comment {upsert_comment(request, repository, number, body)}")
    suggestions = report_dir / "suggestions.json"
    is_fork = (pr["head"].get("repo") or {}).get("full_name") != repository
    if is_fork and suggestions.exists():
        comments = safe_suggestions(json.loads(suggestions.read_text(encoding="utf-8")).get("comments"))
        done.append(f"{post_suggestions(request, repository, number, head_sha, comments)} suggestion(s) posted")
    return done


PREVIEW_LABEL = "preview"


def preview_allowed(pr: dict, repository: str) -> bool:
    """A preview puts the pull request's built pages on the site's own address. A branch of
    this repository is written by someone trusted already; a fork's pages are published only
    once a maintainer has read the change and added the `preview` label (which the fork's
    author cannot add)."""
    if (pr["head"].get("repo") or {}).get("full_name") == repository:
        return True
    return any(label.get("name") == PREVIEW_LABEL for label in pr.get("labels", []))


def _write_outputs(values: dict) -> None:
    target = os.environ.get("GITHUB_OUTPUT")
    lines = [f"{key}={str(value).lower() if isinstance(value, bool) else value}" for key, value in values.items()]
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main(argv: list[str]) -> int:
    repository = os.environ["GITHUB_REPOSITORY"]
    token = os.environ.get("GITHUB_TOKEN", "")
    request = github_request(token) if token else None
    if argv[:1] == ["pages-url"]:
        _write_outputs({"url": pages_url(repository, os.environ.get("PAGES_URL", ""))})
        return 0
    if argv[:1] == ["context"]:
        event = json.loads(Path(os.environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
        found = context(os.environ["GITHUB_EVENT_NAME"], event, repository, request, os.environ.get("PAGES_URL", ""))
        _write_outputs(found or {"number": ""})
        if found:
            Path("pr-report").mkdir(exist_ok=True)
            Path("pr-report/meta.json").write_text(json.dumps(found) + "\n", encoding="utf-8")
        return 0
    if argv[:1] == ["may-preview"] and len(argv) == 2 and request is not None:
        report = json.loads((Path(argv[1]) / "meta.json").read_text(encoding="utf-8"))
        try:
            pr = verified_pull_request(request, repository, report, os.environ["HEAD_SHA"])
        except Refused as error:
            print(f"no preview: {error}")
            _write_outputs({"allowed": False, "number": ""})
            return 0
        allowed = preview_allowed(pr, repository)
        if not allowed:
            print(f"no preview: pull request #{pr['number']} comes from a fork; a maintainer adds the `{PREVIEW_LABEL}` label to publish it")
        _write_outputs({"allowed": allowed, "number": pr["number"]})
        return 0
    if argv[:1] == ["publish"] and len(argv) == 2 and request is not None:
        try:
            for line in publish(Path(argv[1]), repository, os.environ["HEAD_SHA"], request):
                print(line)
        except Refused as error:
            print(f"not published: {error}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
