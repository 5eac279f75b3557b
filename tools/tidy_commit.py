"""Commit what the tidy step changed under data/ and in CITATION.cff, as the bot, and say whether it did.

Run by `make tidy-commit` in the pull-request workflow after `make tidy`; the workflow then
pushes the commit to the pull request's branch. Writes `changed=true|false` to
$GITHUB_OUTPUT when it is set.
"""

from __future__ import annotations

import os
import subprocess
import sys

AUTHOR = ["-c", "user.name=reform-reports-bot", "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com"]
TIDIED = ["data", "CITATION.cff"]
MESSAGE = ("Tidy data files (automatic): layout, translation fingerprints, CITATION.cff\n\n"
           "Made by the pull request's tidy step (make tidy); no fact or text changed.")


def tidy_changes(cwd: str = ".") -> list[str]:
    status = subprocess.run(["git", "status", "--porcelain", "--", *TIDIED], cwd=cwd, check=True,
                            capture_output=True, text=True).stdout
    return [line[3:] for line in status.splitlines() if line.strip()]


def commit(cwd: str = ".") -> bool:
    changed = tidy_changes(cwd)
    if changed:
        subprocess.run(["git", "add", "--", *[p for p in TIDIED if os.path.exists(os.path.join(cwd, p))]], cwd=cwd, check=True)
        subprocess.run(["git", *AUTHOR, "commit", "--quiet", "-m", MESSAGE], cwd=cwd, check=True)
    return bool(changed)


def main() -> int:
    files = tidy_changes()
    changed = commit()
    print("tidied and committed: " + ", ".join(files) if changed else "nothing to tidy")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as out:
            out.write(f"changed={'true' if changed else 'false'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
