"""JSON Schemas of the data files, generated from `schema` (one definition, no second copy).

`python -m macros.data.jsonschemas` writes them to schemas/; `--check` fails if the committed
files differ from what the definitions give. Each data file names its schema on its first
line (`# yaml-language-server: $schema=…`), so VS Code's YAML extension flags mistakes while
an editor types. A few checks need the whole data set (unique ids, references, a stated
change against its figures) and exist only in the validator.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import schema

SCHEMAS = {
    "report": (schema.REPORT, "A report: its metadata, sections, parts and facts (data/reports/<id>.yaml)."),
    "units": (schema.UNITS, "Units of measure and how each language writes them (data/units.yaml)."),
    "ui": (schema.UI, "Interface strings in Chinese and English (data/ui.yaml)."),
    "comparison": (schema.COMPARISON, "The reforms side by side (data/comparison.yaml)."),
    "themes": (schema.THEMES, "Themes shared by the reports (data/themes.yaml)."),
    "glossary": (schema.GLOSSARY, "Terms of art (data/glossary.yaml)."),
    "diagrams": (schema.DIAGRAMS, "Structure diagrams drawn from facts (data/diagrams.yaml)."),
}


def schema_for_data_file(relative: str) -> str | None:
    """The schema name for a path under data/, such as `reports/xingu.yaml`."""
    if relative.startswith("reports/") and relative.endswith(".yaml"):
        return "report"
    name = relative.removesuffix(".yaml")
    return name if name in SCHEMAS else None


def document(name: str) -> dict:
    node, title = SCHEMAS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": title,
        **node.json_schema(),
    }


def rendered(name: str) -> str:
    return json.dumps(document(name), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path("schemas")
    if "--check" in args:
        stale = [name for name in SCHEMAS if not (out / f"{name}.schema.json").exists()
                 or (out / f"{name}.schema.json").read_text(encoding="utf-8") != rendered(name)]
        for name in stale:
            print(f"schemas/{name}.schema.json: out of date with macros/data/schema.py; run `make schemas`")
        return 1 if stale else 0
    out.mkdir(exist_ok=True)
    for name in SCHEMAS:
        (out / f"{name}.schema.json").write_text(rendered(name), encoding="utf-8")
        print(f"wrote schemas/{name}.schema.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
