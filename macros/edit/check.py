"""`python -m macros.edit.check [DATA_DIR]`: check the data alone, as `make check` does.

Prints every problem as `file:line: field: message` and exits 1 if there is any. Two kinds
of finding are kept apart:

- **mistakes** a person must decide on (a wrong value, a missing language, a broken
  reference, a duplicate id): always errors;
- **bookkeeping** the machine does itself (layout, translation fingerprints): errors on a
  terminal, where `make fmt` fixes them, but only warnings under CI (`CI=true`), where the
  pull request's tidy step fixes them, so they never turn a pull request red.

English texts that lag behind a change to their Chinese are warnings: the site still builds
and marks them. In GitHub Actions every line also becomes an annotation on the pull request.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..model import translations
from .citationfile import citation_mistakes, citation_problems
from .history import release_tags
from .fmt import layout_problems
from ..data.schema import SEP, STILL_MATCHES
from ..model.load import load_dataset
from ..data.yamlsource import Problem


def annotation(problem: Problem, level: str = "error") -> str:
    message = f"{problem.field}: {problem.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    line = f",line={problem.line}" if problem.line else ""
    return f"::{level} file={problem.file}{line},title=Data check::{message}"


def _line_matching(lines: list[str], pattern: re.Pattern, start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index
    return None


def locate(data_dir: Path, key: str, shown_dir: str, language: str | None = None) -> tuple[str, int]:
    """The file and line of the text with this key (`xingu-tax-revenue.text`, `ui.source`):
    its `en:` (or `zh:`) line where it can be found, else its field's, else its owner's."""
    owner, *steps = key.split(".")
    if owner == "ui":
        candidates = [data_dir / "ui.yaml"]
        owner_pattern = re.compile(rf"^{re.escape(steps[0])}:") if steps else None
        steps = []
    else:
        candidates = sorted(data_dir.rglob("*.yaml"))
        owner_pattern = re.compile(rf"^\s*(-\s+)?id:\s*{re.escape(owner)}\s*$")
    for path in candidates:
        lines = path.read_text(encoding="utf-8").splitlines()
        found = _line_matching(lines, owner_pattern) if owner_pattern else None
        if found is None:
            continue
        for step in [s for s in steps if not s.isdigit()] + ([language] if language else []):
            nested = _line_matching(lines, re.compile(rf"^\s*(-\s+)?{re.escape(step)}:"), found + 1)
            if nested is None:
                break
            found = nested
        return f"{shown_dir}/{path.relative_to(data_dir).as_posix()}", found + 1
    return f"{shown_dir}/{translations.LOCK_NAME}", 0


def _field(key: str, language: str | None = None) -> str:
    return SEP.join(key.split(".") + ([language] if language else []))


def stale_warnings(dataset, data_dir: Path, shown_dir: str) -> list[Problem]:
    warnings = []
    for key in sorted(dataset.stale):
        file, line = locate(data_dir, key, shown_dir, "en")
        warnings.append(Problem(file, line, _field(key, "en"),
                                "the Chinese of this text changed and its English did not: update the English "
                                "(the English page marks it “Translation pending” until then); if the English still says "
                                f"the same, add the line `{STILL_MATCHES}: true` under `en:`, indented like it "
                                f"(in a one-line text, add it inside the braces: `{{zh: …, en: …, {STILL_MATCHES}: true}}`)"))
    return warnings


def fingerprint_problems(dataset, data_dir: Path, shown_dir: str, fix_hint: str) -> list[Problem]:
    """Texts whose fingerprints `make fmt` would record or drop, one message per owner."""
    current = translations.read_lock(data_dir)
    _, updated = translations.status(dataset, current)
    changed = {key for key in set(current) | set(updated) if current.get(key) != updated.get(key)}
    owners: dict[str, list[str]] = {}
    for key in sorted(changed):
        owners.setdefault(key if key.startswith("ui.") else key.split(".")[0], []).append(key)
    problems = []
    lock_file = f"{shown_dir}/{translations.LOCK_NAME}"
    lock_text = (data_dir / translations.LOCK_NAME).read_text(encoding="utf-8").splitlines() \
        if (data_dir / translations.LOCK_NAME).exists() else []
    for owner, keys in owners.items():
        if any(key in updated for key in keys):
            file, line = locate(data_dir, keys[0], shown_dir)
            what = "new or changed texts" if len(keys) > 1 else "a new or changed text"
        else:  # only texts that no longer exist: their entries in the lock go
            file = lock_file
            quoted = f'"{keys[0]}": {{'
            line = next((n for n, text in enumerate(lock_text, start=1) if text.strip() == quoted), 0)
            what = "texts that no longer exist" if len(keys) > 1 else "a text that no longer exists"
        problems.append(Problem(file, line, _field(owner), f"translation fingerprints to record for {what} "
                                f"({', '.join(_field(k) for k in keys)}); {fix_hint}"))
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    shown_dir = data_dir.as_posix().rstrip("/")
    in_ci = os.environ.get("CI") == "true"
    fix_hint = "the pull request tidies this by itself, nothing to do" if in_ci else "run `make fmt` to tidy it"
    dataset, mistakes = load_dataset(data_dir, Path.cwd())
    # A file that cannot be read has one message, its mistake; its layout waits until then.
    unreadable = {m.file for m in mistakes if m.field in ("(syntax)", "(file)")}
    bookkeeping = [p for p in layout_problems(data_dir, shown_dir, fix_hint) if p.file not in unreadable]
    warnings = []
    tags = release_tags(Path.cwd())[0]
    if dataset is not None:
        bookkeeping += fingerprint_problems(dataset, data_dir, shown_dir, fix_hint)
        warnings = stale_warnings(dataset, data_dir, shown_dir)
        # CITATION.cff: its authors and the latest release (tags from git; none in a tarball).
        bookkeeping += citation_problems(Path.cwd(), dataset, tags, fix_hint)
    mistakes = mistakes + citation_mistakes(Path.cwd(), tags)
    errors = mistakes + ([] if in_ci else bookkeeping)
    notices = ([] if not in_ci else bookkeeping) + warnings
    for problem in errors:
        print(problem)
    for warning in notices:
        print(f"{warning} (warning)")
    # Annotations once per run: later steps that check again (a build, the tests) set
    # DATA_CHECK_ANNOTATIONS=0, or each message would show on its line several times.
    if os.environ.get("GITHUB_ACTIONS") == "true" and os.environ.get("DATA_CHECK_ANNOTATIONS") != "0":
        for problem in errors:
            print(annotation(problem))
        for warning in notices:
            print(annotation(warning, "warning"))
    if errors:
        fix = "Fix them and run `make check` again." if not in_ci else "Fix them in the files named; the check runs again on every change."
        print(f"\n{len(errors)} problem(s) found. {fix}", file=sys.stderr)
        return 1
    facts = sum(len(r.all_facts()) for r in dataset.reports)
    print(f"data OK: {len(dataset.reports)} reports, {facts} facts, {len(dataset.units)} units"
          + (f"; {len(warnings)} English text(s) to update" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
