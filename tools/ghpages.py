"""Lay out the `gh-pages` branch: the published site at its root, one preview per open pull
request under `previews/pr-<number>/`.

GitHub Pages serves the branch as it is, so a reviewer opens a pull request's preview with
one click, at an address that shows which pull request it is. Publishing the main site keeps
the previews; publishing a preview touches only its own folder; `prune` removes the previews
of pull requests that are closed (a scheduled workflow runs it daily).

    python3 tools/ghpages.py site SITE_DIR PAGES_DIR
    python3 tools/ghpages.py preview SITE_DIR PAGES_DIR NUMBER
    python3 tools/ghpages.py prune PAGES_DIR      # asks GitHub which pull requests are open

With `--push`, the change is committed to the checked-out branch in PAGES_DIR and pushed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PREVIEWS = "previews"
KEEP = {".git", PREVIEWS, ".nojekyll", "CNAME"}
PREVIEW_NAME = re.compile(r"^pr-(\d+)$")


def _replace_tree(source: Path, target: Path, keep: set[str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in target.iterdir():
        if entry.name in keep:
            continue
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in source.iterdir():
        if entry.is_symlink():
            continue  # a built site has none; never follow one out of the artifact
        destination = target / entry.name
        shutil.copytree(entry, destination, symlinks=False) if entry.is_dir() else shutil.copy2(entry, destination)


def publish_site(site: Path, pages: Path) -> None:
    """The main site at the root; the previews and the branch's own files stay."""
    _replace_tree(site, pages, KEEP)
    (pages / ".nojekyll").touch()  # serve folders as they are (Jekyll would hide some)


def publish_preview(site: Path, pages: Path, number: int) -> Path:
    if number <= 0:
        raise ValueError("a pull request number is positive")
    target = pages / PREVIEWS / f"pr-{number}"
    _replace_tree(site, target, set())
    (pages / ".nojekyll").touch()
    return target


def previews(pages: Path) -> dict[int, Path]:
    folder = pages / PREVIEWS
    found = {}
    for entry in folder.iterdir() if folder.is_dir() else []:
        match = PREVIEW_NAME.match(entry.name)
        if match and entry.is_dir():
            found[int(match.group(1))] = entry
    return found


def prune(pages: Path, open_numbers: set[int]) -> list[int]:
    """Remove the previews of pull requests not in `open_numbers`; returns their numbers."""
    removed = []
    for number, folder in sorted(previews(pages).items()):
        if number not in open_numbers:
            shutil.rmtree(folder)
            removed.append(number)
    return removed


def _open_pull_requests() -> set[int]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from github_pr import github_request

    request = github_request(os.environ["GITHUB_TOKEN"])
    repository = os.environ["GITHUB_REPOSITORY"]
    numbers, page = set(), 1
    while True:
        batch = request("GET", f"/repos/{repository}/pulls?state=open&per_page=100&page={page}", None) or []
        numbers |= {int(pr["number"]) for pr in batch}
        if len(batch) < 100:
            return numbers
        page += 1


def commit_and_push(pages: Path, message: str) -> bool:
    """Commit everything in the branch's folder and push it; False when nothing changed."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=pages, check=True, capture_output=True, text=True).stdout

    git("add", "--all", ".")
    if not git("status", "--porcelain"):
        return False
    git("-c", "user.name=reform-reports-bot", "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com",
        "commit", "--quiet", "-m", message)
    git("push", "--quiet", "origin", "HEAD")
    return True


def main(argv: list[str]) -> int:
    push = "--push" in argv
    argv = [a for a in argv if a != "--push"]
    if len(argv) == 3 and argv[0] == "site":
        pages = Path(argv[2])
        publish_site(Path(argv[1]), pages)
        message = "Publish the site"
    elif len(argv) == 4 and argv[0] == "preview":
        pages = Path(argv[2])
        print(publish_preview(Path(argv[1]), pages, int(argv[3])))
        message = f"Preview of pull request #{int(argv[3])}"
    elif len(argv) == 2 and argv[0] == "prune":
        pages = Path(argv[1])
        removed = prune(pages, _open_pull_requests())
        print(f"removed the previews of closed pull requests: {', '.join(f'#{n}' for n in removed) or 'none'}")
        message = f"Remove previews of closed pull requests: {', '.join(f'#{n}' for n in removed)}"
    else:
        print(__doc__)
        return 2
    if push:
        print("pushed" if commit_and_push(pages, message) else "nothing to push")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
