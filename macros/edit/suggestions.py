"""The tidy step's changes as review suggestions, for pull requests that cannot be pushed to.

A pull request from a fork cannot receive the tidy commit (its workflow has no write token
there, by design). Instead, each run of lines that `make fmt` would change becomes a review
comment holding a GitHub suggestion, which the editor accepts with one click. GitHub takes
suggestions only on lines the pull request's diff shows, so anything elsewhere is listed as
left over (the tidy step on main takes care of it after the merge). The editors'
`en_still_matches` marks are kept: they are recorded by that later tidy step, and removing
them here would lose them.

`python -m macros.edit.suggestions --base REF [--out FILE]` writes the suggestions as JSON.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from ruamel.yaml.error import YAMLError

from .fmt import canonical

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
BODY = ("Tidy layout (automatic suggestion): click “Commit suggestion” to accept it; nothing else changes.\n"
        "自动整理格式的建议：点击“Commit suggestion”即可接受，内容不变。")


@dataclass(frozen=True)
class Suggestion:
    """A review comment replacing lines `start_line`..`line` of `path` with `replacement`."""

    path: str
    start_line: int
    line: int
    replacement: str

    def review_comment(self) -> dict:
        comment = {"path": self.path, "line": self.line, "side": "RIGHT",
                   "body": f"{BODY}\n\n```suggestion\n{self.replacement}```"}
        if self.start_line != self.line:
            comment.update(start_line=self.start_line, start_side="RIGHT")
        return comment


def commentable_lines(diff: str) -> dict[str, set[int]]:
    """Per file, the lines of the new version that a unified diff shows (changed or context)."""
    lines: dict[str, set[int]] = {}
    path = None
    for row in diff.splitlines():
        if row.startswith("+++ "):
            path = row[6:] if row.startswith("+++ b/") else None
            continue
        match = HUNK.match(row)
        if match and path:
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.setdefault(path, set()).update(range(start, start + count))
    return lines


def suggestions_for(path: str, before: str, after: str, commentable: set[int]) -> tuple[list[Suggestion], list[int]]:
    """Suggestions turning `before` into `after`, and the lines of changes that could not
    be suggested (outside the diff GitHub shows)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    suggestions, left_over = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # an insertion: rewrite the line above it together with what comes after it
            if i1 == 0:
                left_over.append(1)
                continue
            i1, j1 = i1 - 1, j1 - 1
        start, end = i1 + 1, i2
        if all(line in commentable for line in range(start, end + 1)):
            replacement = "".join(new[j1:j2])
            if replacement and not replacement.endswith("\n"):
                replacement += "\n"
            suggestions.append(Suggestion(path, start, end, replacement))
        else:
            left_over.append(start)
    return suggestions, left_over


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def collect(base: str, root: Path) -> dict:
    """Suggestions for every data file the pull request changes (`base...HEAD`)."""
    diff = _git("diff", "--unified=3", "--no-color", f"{base}...HEAD", "--", "data", cwd=root)
    shown = commentable_lines(diff)
    suggestions, left_over = [], []
    for path, lines in sorted(shown.items()):
        if not path.endswith(".yaml"):
            continue
        file = root / path
        text = file.read_text(encoding="utf-8")
        try:
            wanted = canonical(text, Path(path).relative_to("data").as_posix())
        except YAMLError:
            continue  # the check reports it; nothing to tidy until it parses
        found, rest = suggestions_for(path, text, wanted, lines)
        suggestions += found
        left_over += [{"path": path, "line": line} for line in rest]
    return {"comments": [s.review_comment() for s in suggestions], "left_over": left_over,
            "suggestions": [asdict(s) for s in suggestions]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.edit.suggestions")
    parser.add_argument("--base", required=True, help="the git ref the pull request is compared with")
    parser.add_argument("--out", help="write the JSON here instead of printing it")
    args = parser.parse_args(argv)
    try:
        result = collect(args.base, Path.cwd())
    except subprocess.CalledProcessError as error:
        print(f"cannot compare with {args.base}: {error.stderr.strip()}", file=sys.stderr)
        return 2
    text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
