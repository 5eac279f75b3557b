"""`make fmt`: rewrite the data files to one canonical form, keeping comments.

Round-trip YAML (ruamel) keeps comments, key order and quoting; what it normalises is
layout: two-space indentation, list dashes indented under their key, spacing inside
`{ }`, no line wrapping, one final newline, and the first line naming the file's JSON
Schema for editors' YAML plugins. `--check` only reports: the checks fail on a file that
is not canonical, so formatting never drifts between editors. Formatting is idempotent.
"""

from __future__ import annotations

import difflib
import io
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..data.jsonschemas import schema_for_data_file
from ..data.schema import STILL_MATCHES
from ..data.yamlsource import Problem

SCHEMA_LINE = "# yaml-language-server: $schema="


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def schema_line(relative: str) -> str | None:
    """The schema comment for a file at `relative` under data/ (a path from the file to schemas/)."""
    name = schema_for_data_file(relative)
    if name is None:
        return None
    depth = relative.count("/") + 1  # data/ itself, plus any subfolder
    return f"{SCHEMA_LINE}{'../' * depth}schemas/{name}.schema.json"


def _drop_marks(node) -> int:
    """Remove every `en_still_matches` mark (recorded in the fingerprints by then)."""
    removed = 0
    if isinstance(node, dict):
        if STILL_MATCHES in node and "en" in node:
            del node[STILL_MATCHES]
            removed += 1
        for value in node.values():
            removed += _drop_marks(value)
    elif isinstance(node, list):
        for value in node:
            removed += _drop_marks(value)
    return removed


def canonical(text: str, relative: str, drop_marks: bool = False) -> str:
    """The canonical form of a data file's text. Raises YAMLError on invalid YAML.
    With `drop_marks`, the editors' `en_still_matches` marks go too."""
    lines = text.splitlines()
    if lines and lines[0].startswith(SCHEMA_LINE):
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
    yaml = _yaml()
    document = yaml.load(body)
    if drop_marks:
        _drop_marks(document)
    out = io.StringIO()
    yaml.dump(document, out)
    result = out.getvalue()
    line = schema_line(relative)
    return f"{line}\n{result}" if line else result


def layout_differences(text: str, relative: str) -> list[int]:
    """The lines (1-based) where each run of layout differences from the canonical form
    starts, so that a message can point at the line itself. Empty for a canonical file or
    one that does not parse (the validator reports that)."""
    try:
        wanted = canonical(text, relative)
    except YAMLError:
        return []
    if wanted == text:
        return []
    have_lines, want_lines = text.splitlines(), wanted.splitlines()
    matcher = difflib.SequenceMatcher(a=have_lines, b=want_lines, autojunk=False)
    starts = []
    for tag, i1, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            starts.append(min(i1 + 1, max(len(have_lines), 1)))
    if not text.endswith("\n") or text.endswith("\n\n"):
        starts.append(max(len(have_lines), 1))
    return sorted(set(starts))


def data_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob("*.yaml"))


def layout_problems(data_dir: Path, shown_dir: str, fix_hint: str) -> list[Problem]:
    """One problem per run of layout differences, at its own line."""
    problems = []
    for path in data_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        for line in layout_differences(path.read_text(encoding="utf-8"), relative):
            problems.append(Problem(f"{shown_dir}/{relative}", line, "(layout)",
                                    f"spacing or indentation here differs from the house style; {fix_hint}"))
    return problems


def not_canonical(data_dir: Path) -> list[str]:
    """Files under data_dir whose text differs from their canonical form (invalid YAML is
    left to the validator, which reports it with its line)."""
    stale = []
    for path in data_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            if canonical(text, relative) != text:
                stale.append(relative)
        except YAMLError:
            continue
    return stale


def update_lock(data_dir: Path) -> bool:
    """Bring the translation fingerprints up to date. Only valid data has fingerprints."""
    from ..model import translations
    from ..model.load import load_dataset

    dataset, problems = load_dataset(data_dir, data_dir.parent)
    if dataset is None:
        print("translation fingerprints not updated: the data has problems (run `make check`)")
        return False
    _, updated = translations.status(dataset, translations.read_lock(data_dir))
    path = data_dir / translations.LOCK_NAME
    text = translations.render_lock(updated)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        print(f"updated {data_dir.as_posix()}/{translations.LOCK_NAME}")
    return True


def tidy_citation(data_dir: Path) -> None:
    """CITATION.cff beside data/: the reports' issuers as authors, the latest release."""
    from ..model.load import load_dataset
    from .citationfile import NAME, tidy_file
    from .history import release_tags

    root = data_dir.resolve().parent
    dataset, _ = load_dataset(data_dir, root)
    if dataset is not None and tidy_file(root, dataset, release_tags(root)[0]):
        print(f"updated {NAME}")


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.edit.fmt [--check] [--keep-going] [DATA_DIR]`. `--keep-going` (the pull
    request's tidy step) exits 0 when the data has mistakes: the check names those."""
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    keep_going = "--keep-going" in args
    rest = [a for a in args if not a.startswith("--")]
    data_dir = Path(rest[0]) if rest else Path("data")
    if check:
        problems = layout_problems(data_dir, data_dir.as_posix().rstrip("/"), "run `make fmt` to tidy it")
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    # Fingerprints first: they read the editors' `en_still_matches` marks, which the
    # formatting then removes (only once recorded, so a mark is never lost).
    recorded = update_lock(data_dir)
    if recorded:
        tidy_citation(data_dir)
    failed = 0 if recorded else 1
    for path in data_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            formatted = canonical(text, relative, drop_marks=recorded)
        except YAMLError as error:
            print(f"{data_dir.as_posix()}/{relative}: not formatted, the YAML does not parse: {error}".splitlines()[0])
            failed = 1
            continue
        if formatted != text:
            path.write_text(formatted, encoding="utf-8")
            print(f"formatted {data_dir.as_posix()}/{relative}")
    return 0 if keep_going else failed


if __name__ == "__main__":
    sys.exit(main())
