"""Read YAML into plain Python values that remember where each value stood.

Editors must be told the line of a mistake, so the loader keeps a line for every
mapping key and list item. Duplicate keys, which PyYAML would silently collapse
to the last one, are reported instead.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamlhints import explain


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, at one place."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class LocatedDict(dict):
    """A mapping that knows the line of itself and of each of its keys."""

    line: int = 0
    flow: bool = False  # written inline, {key: value, ...}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}


class LocatedList(list):
    """A list that knows the line of itself and of each item."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_lines: list[int] = []


def line_of(container, key=None) -> int:
    """The 1-based line of `container[key]`, or of the container itself."""
    if key is not None:
        if isinstance(container, LocatedDict) and key in container.key_lines:
            return container.key_lines[key]
        if isinstance(container, LocatedList) and isinstance(key, int) and key < len(container.item_lines):
            return container.item_lines[key]
    return getattr(container, "line", 0)


# libyaml's parser when PyYAML has it (ten times faster on these files); the constructors,
# which record lines, are Python either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_BASE_LOADER):
    """A safe loader whose mappings and sequences carry line numbers."""

    def __init__(self, stream, problems: list[Problem], file: str):
        super().__init__(stream)
        self._problems = problems
        self._file = file


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode, deep: bool = False):
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.flow = bool(node.flow_style)
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            loader._problems.append(
                Problem(loader._file, line, key, f"the key `{key}` appears twice in the same block (first on line {result.key_lines[key]}); keep one")
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode, deep: bool = False):
    result = LocatedList()
    result.line = node.start_mark.line + 1
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.item_lines.append(child.start_mark.line + 1)
    return result


def _construct_timestamp(loader: _LocatingLoader, node: yaml.ScalarNode):
    # PyYAML raises a bare ValueError, without a line, for an impossible date such as
    # 2021-13-20. Keep the text instead: the schema then reports it at its line.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LocatingLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _bad_character(text: str, file: str, error: yaml.reader.ReaderError) -> Problem:
    # libyaml counts the position in bytes, PyYAML in characters: find the character itself.
    found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
    line = text[:found].count("\n") + 1 if found >= 0 else 0
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else str(error.character)
    return Problem(file, line, "(syntax)", f"the file holds a character YAML does not allow ({code}); delete it or retype the line")


def parse_yaml(text: str, file: str) -> tuple[object, list[Problem]]:
    """Parse YAML text. Returns the value (None on a syntax error) and the problems found."""
    problems: list[Problem] = []
    try:
        loader = _LocatingLoader(text, problems, file)  # the reader checks characters here
    except yaml.reader.ReaderError as error:
        return None, [_bad_character(text, file, error)]
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = error.problem or str(error)
        hint = explain(text, line, what)
        if hint:
            # The explanation names the line to change, which may be above the parser's.
            named = re.search(r"\bline (\d+)", hint)
            return None, [Problem(file, int(named.group(1)) if named else line, "(syntax)", hint)]
        return None, [Problem(file, line, "(syntax)", f"YAML syntax error: {what}; check indentation, colons and quotation marks on this line or the one above")]
    except yaml.reader.ReaderError as error:
        return None, [_bad_character(text, file, error)]
    except yaml.YAMLError as error:
        return None, [Problem(file, 0, "(syntax)", f"YAML syntax error: {error}")]
    except (ValueError, TypeError, RecursionError) as error:
        # Constructors can fail without a position (a tag applied to the wrong value, say).
        return None, [Problem(file, 0, "(syntax)", f"cannot read this YAML: {error}")]
    finally:
        loader.dispose()
    return value, problems


def read_yaml(path: Path, shown_as: str) -> tuple[object, list[Problem]]:
    """Read and parse a YAML file; `shown_as` is the path used in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(shown_as, 0, "(file)", "the file is not UTF-8 text; save it as UTF-8")]
    except OSError as error:
        return None, [Problem(shown_as, 0, "(file)", f"cannot read the file: {error.strerror}")]
    return parse_yaml(text, shown_as)


def is_date(value) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
