"""`python -m macros.check [DATA_DIR]`: check the data alone, as `make check` does.

Prints every problem as `file:line: field: message` and exits 1 if there is any: schema and
reference errors, files not in canonical form, an outdated translations lock. English texts
that lag behind a change to their Chinese are named as warnings: the site still builds and
marks them. In GitHub Actions the same lines also become annotations on the pull request.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from . import translations
from .fmt import not_canonical
from .validate import load_dataset
from .yamlsource import Problem


def annotation(problem: Problem, level: str = "error") -> str:
    message = f"{problem.field}: {problem.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    line = f",line={problem.line}" if problem.line else ""
    return f"::{level} file={problem.file}{line},title=Data check::{message}"


def locate(data_dir: Path, key: str, shown_dir: str) -> tuple[str, int]:
    """The file and line where the text with this key is defined (its owner's id, or its ui key)."""
    owner = key.split(".")[0]
    if owner == "ui":
        pattern = re.compile(rf"^{re.escape(key[3:])}:")
        candidates = [data_dir / "ui.yaml"]
    else:
        pattern = re.compile(rf"^\s*(-\s+)?id:\s*{re.escape(owner)}\s*$")
        candidates = sorted(data_dir.rglob("*.yaml"))
    for path in candidates:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.match(line):
                return f"{shown_dir}/{path.relative_to(data_dir).as_posix()}", number
    return f"{shown_dir}/{translations.LOCK_NAME}", 0


def stale_warnings(dataset, data_dir: Path, shown_dir: str) -> list[Problem]:
    warnings = []
    for key in sorted(dataset.stale):
        file, line = locate(data_dir, key, shown_dir)
        warnings.append(Problem(file, line, f"{key}.en", "the Chinese changed since this English was written; "
                                "update the English (the English page marks it until then), then run `make fmt`; "
                                f"if the English still says the same, run `python -m macros.translations accept {key}.en`"))
    return warnings


def lock_problems(dataset, data_dir: Path, shown_dir: str) -> list[Problem]:
    _, updated = translations.status(dataset, translations.read_lock(data_dir))
    path = data_dir / translations.LOCK_NAME
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current != translations.render_lock(updated):
        return [Problem(f"{shown_dir}/{translations.LOCK_NAME}", 0, "(fingerprints)",
                        "the translation fingerprints are out of date; run `make fmt` and commit the file")]
    return []


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    shown_dir = data_dir.as_posix().rstrip("/")
    dataset, problems = load_dataset(data_dir, Path.cwd())
    problems += [Problem(f"{shown_dir}/{relative}", 1, "(format)", "not in the canonical form; run `make fmt` to rewrite it")
                 for relative in not_canonical(data_dir)]
    warnings = []
    if dataset is not None:
        problems += lock_problems(dataset, data_dir, shown_dir)
        warnings = stale_warnings(dataset, data_dir, shown_dir)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
    for warning in warnings:
        print(f"{warning} (warning)")
    if in_actions:
        for problem in problems:
            print(annotation(problem))
        for warning in warnings:
            print(annotation(warning, "warning"))
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix them and run `make check` again.", file=sys.stderr)
        return 1
    facts = sum(len(r.all_facts()) for r in dataset.reports)
    print(f"data OK: {len(dataset.reports)} reports, {facts} facts, {len(dataset.units)} units"
          + (f"; {len(warnings)} English text(s) to update" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
