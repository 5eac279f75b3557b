"""`make fmt`: rewrite the data files to one canonical form, keeping comments.

Round-trip YAML (ruamel) keeps comments, key order and quoting; what it normalises is
layout: two-space indentation, list dashes indented under their key, spacing inside
`{ }`, no line wrapping, one final newline, and the first line naming the file's JSON
Schema for editors' YAML plugins. `--check` only reports: the checks fail on a file that
is not canonical, so formatting never drifts between editors. Formatting is idempotent.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .jsonschemas import schema_for_data_file

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


def canonical(text: str, relative: str) -> str:
    """The canonical form of a data file's text. Raises YAMLError on invalid YAML."""
    lines = text.splitlines()
    if lines and lines[0].startswith(SCHEMA_LINE):
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
    yaml = _yaml()
    out = io.StringIO()
    yaml.dump(yaml.load(body), out)
    result = out.getvalue()
    line = schema_line(relative)
    return f"{line}\n{result}" if line else result


def data_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob("*.yaml"))


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
    from . import translations
    from .validate import load_dataset

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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    rest = [a for a in args if a != "--check"]
    data_dir = Path(rest[0]) if rest else Path("data")
    if check:
        stale = not_canonical(data_dir)
        for relative in stale:
            print(f"{data_dir.as_posix()}/{relative}:1: (format): not in the canonical form; run `make fmt` to rewrite it")
        return 1 if stale else 0
    failed = 0
    for path in data_files(data_dir):
        relative = path.relative_to(data_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            formatted = canonical(text, relative)
        except YAMLError as error:
            print(f"{data_dir.as_posix()}/{relative}: not formatted, the YAML does not parse: {error}".splitlines()[0])
            failed = 1
            continue
        if formatted != text:
            path.write_text(formatted, encoding="utf-8")
            print(f"formatted {data_dir.as_posix()}/{relative}")
    if not update_lock(data_dir):
        failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
