"""The pull request's tidy step: tidy the data files of a checkout (layout, translation
fingerprints, the editors' `en_still_matches` marks, CITATION.cff), commit the result as the
bot, and say whether it did.

`make tidy-commit [TIDY_DIR=dir] [BASE=sha]`. The pull-request workflow checks the pull
request's branch out into TIDY_DIR and runs this with the default branch's own code, so that
no code of a pull request runs in the job that holds a token able to push. A pull request
that also changes that code (the formatter, the schema) is its author's to tidy with
`make fmt`: tidying it with the default branch's formatter could undo what it changes, so it
is left as it is (its layout is reported as warnings, never as a red check). Writes
`changed=true|false` to $GITHUB_OUTPUT when it is set; the workflow then pushes the commit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

AUTHOR = ["-c", "user.name=reform-reports-bot", "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com"]
TIDIED = ["data", "CITATION.cff"]
# What the tidy step's behaviour depends on: a pull request that changes any of it is not
# tidied with the default branch's version.
TIDY_CODE = ["macros", "tools", "Makefile", "schemas", "requirements.txt", "requirements-dev.txt"]
MESSAGE = ("Tidy data files (automatic): layout, translation fingerprints, CITATION.cff\n\n"
           "Made by the pull request's tidy step (make tidy); no fact or text changed.")
CODE = Path(__file__).resolve().parent.parent


def git(cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def tidy_changes(cwd: str | Path = ".") -> list[str]:
    status = git(cwd, "status", "--porcelain", "--", *TIDIED).stdout
    return [line[3:] for line in status.splitlines() if line.strip()]


def changes_tidy_code(cwd: str | Path, base: str) -> list[str]:
    """The files of the tidy step's own code that the checkout changes since `base`."""
    return [name for name in git(cwd, "diff", "--name-only", base, "HEAD", "--", *TIDY_CODE).stdout.splitlines() if name]


def tidy(cwd: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "macros.edit.fmt", "--keep-going", str(Path(cwd).resolve() / "data")],
                   cwd=CODE, check=True)


def commit(cwd: str | Path = ".") -> bool:
    changed = tidy_changes(cwd)
    if changed:
        git(cwd, "add", "--", *[p for p in TIDIED if os.path.exists(os.path.join(cwd, p))])
        git(cwd, *AUTHOR, "commit", "--quiet", "-m", MESSAGE)
    return bool(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", nargs="?", default=".")
    parser.add_argument("--base", help="the commit the pull request starts from")
    args = parser.parse_args(argv)
    code_changed = changes_tidy_code(args.checkout, args.base) if args.base else []
    if code_changed:
        print("not tidied: this pull request changes the tidy step's own code (" + ", ".join(code_changed)
              + "); its author runs `make fmt`")
        changed = False
    else:
        tidy(args.checkout)
        files = tidy_changes(args.checkout)
        changed = commit(args.checkout)
        print("tidied and committed: " + ", ".join(files) if changed else "nothing to tidy")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as out:
            out.write(f"changed={'true' if changed else 'false'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
