"""`python -m macros.check [DATA_DIR]`: validate the data alone, as `make check` does.

Prints every problem as `file:line: field: message` and exits 1 if there is any. In
GitHub Actions the same lines also become annotations on the pull request.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .validate import load_dataset


def annotation(problem) -> str:
    message = f"{problem.field}: {problem.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    line = f",line={problem.line}" if problem.line else ""
    return f"::error file={problem.file}{line},title=Data check::{message}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    dataset, problems = load_dataset(data_dir, Path.cwd())
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(annotation(problem))
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix them and run `make check` again.", file=sys.stderr)
        return 1
    facts = sum(len(r.all_facts()) for r in dataset.reports)
    print(f"data OK: {len(dataset.reports)} reports, {facts} facts, {len(dataset.units)} units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
