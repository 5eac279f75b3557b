"""Say what a YAML syntax error means for the person who made it.

The parser's own words ("did not find expected key", "mapping values are not allowed in
this context") name a state of the parser, often on the line after the slip. Editors type
in a browser, where the usual slips are a line indented one space off, a tab, a colon inside
a text, or an unclosed quotation mark. This module looks at the lines themselves and, where
it recognises one of these, says which line to change and how. It runs only when parsing
has failed, so a valid file never meets it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?:- +)?([^\s:#\"'{\[][^:#]*?|\"[^\"]*\"|'[^']*'):(?: |$)")


@dataclass
class _Level:
    indent: int
    dash: bool        # a level of list items (`- …`), or of keys
    line: int         # the first line at this level
    first: str        # what that line starts with, for messages: `zh:` or `- id: …`
    owner: int        # the line of the key this block belongs to (0: the top of the file)
    owner_key: str
    owner_indent: int = 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key(content: str) -> str | None:
    match = _KEY.match(content)
    return match.group(1).strip("\"'") if match else None


def _opens_block(content: str) -> bool:
    """`key:` with nothing after it (or `- key:`): the next lines are its block."""
    body = content.split(" #", 1)[0].rstrip()
    return body.endswith(":")


def _block_scalar(content: str) -> bool:
    return bool(re.search(r":\s*[|>][-+]?\s*$", content))


def _shown(content: str) -> str:
    key = _key(content)
    if key is None:
        return f"`{content[:30]}`"
    return f"`- {key}: …`" if content.startswith("-") else f"`{key}:`"


def _where(level: _Level) -> str:
    return f"under `{level.owner_key}:` (line {level.owner})" if level.owner else "at the top of the file"


def indentation_slip(lines: list[str], until: int) -> str | None:
    """The first line, up to `until` (1-based), whose indentation fits no open block, with
    what to do about it; None if the indentation is consistent."""
    stack: list[_Level] = [_Level(0, False, 1, "", 0, "")]
    opener: tuple[int, str, int] | None = None  # (line, key, indent) of a `key:` awaiting its block
    scalar_indent: int | None = None
    # A `key:` whose block never came, because the line after it was not indented under it:
    # (the opener, and that line's number, content and indent).
    orphan: tuple[tuple[int, str, int], int, str, int] | None = None
    previous = 0  # the last line with content
    for number, raw in enumerate(lines[:until + 1], start=1):
        content = raw.strip()
        if not content or content.startswith("#") or content.startswith("---"):
            continue
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            return f"line {number} starts with a tab; YAML needs spaces: replace the tab with spaces"
        indent = _indent(raw)
        if scalar_indent is not None:
            if indent > scalar_indent:
                continue  # inside a block of text (`|` or `>`)
            scalar_indent = None
        dash = content.startswith("- ") or content == "-"
        if opener is not None and (indent > opener[2] or (dash and indent == opener[2])):
            stack.append(_Level(indent, dash, number, _shown(content), opener[0], opener[1], opener[2]))
            orphan = None
        else:
            legal = [level for level in stack if level.indent == indent and level.dash == dash]
            if not legal:
                return (_first_line_of_block(orphan, previous, number, content, indent)
                        or _first_line_off(stack[-1], previous, number, content, indent, dash)
                        or _misplaced(number, content, indent, dash, stack))
            while stack[-1] is not legal[-1]:
                stack.pop()
            orphan = (opener, number, content, indent) if opener is not None and not dash else None
        opener = None
        previous = number
        if dash:
            rest = content[1:].lstrip()
            if _key(rest) is not None:
                inner = indent + (len(content) - len(rest))
                stack.append(_Level(inner, False, number, f"`{_key(rest)}:`", 0, ""))
                key_indent = inner
            else:
                key_indent = indent
        else:
            key_indent = indent
        key = _key(content[1:].lstrip() if dash else content)
        if key is not None and _opens_block(content):
            opener = (number, key, key_indent)
        elif key is not None and _block_scalar(content):
            scalar_indent = key_indent
    return None


def _first_line_of_block(orphan, previous: int, number: int, content: str, indent: int) -> str | None:
    """`key:` followed by a line that should have been its first line but was not indented
    under it, and then the rest of the block at the right depth: the slip is that first line."""
    if orphan is None:
        return None
    (owner_line, owner_key, owner_indent), line, first, first_indent = orphan
    if line != previous or indent <= owner_indent:
        return None
    return (f"{_shown(first)} on line {line} is indented {first_indent} spaces; indent it {indent} spaces so that it sits "
            f"under `{owner_key}:` (line {owner_line}), in line with {_shown(content)} on line {number}")


def _first_line_off(level: _Level, previous: int, number: int, content: str, indent: int, dash: bool) -> str | None:
    """A block's first line a space off and its second line at the house depth (two spaces
    under its key): the slip is the first line, not the second."""
    if (level.line != previous or not level.owner or dash or level.dash
            or indent != level.owner_indent + 2 or level.indent == indent):
        return None
    return (f"{level.first} on line {level.line} is indented {level.indent} spaces; indent it {indent} spaces so that it sits "
            f"under `{level.owner_key}:` (line {level.owner}), in line with {_shown(content)} on line {number}")


def _misplaced(number: int, content: str, indent: int, dash: bool, stack: list[_Level]) -> str:
    candidates = [level for level in stack if level.dash == dash] or stack
    # The nearest open block; on a tie, the deeper one (a slip of one space to the left).
    target = min(candidates, key=lambda level: (abs(level.indent - indent), -level.indent))
    spaces = "space" if target.indent == 1 else "spaces"
    if dash:
        return (f"the list item {_shown(content)} on line {number} is indented {indent} spaces; indent it {target.indent} {spaces}, "
                f"in line with the other items {_where(target)}, such as line {target.line}")
    place = f" so that it sits {_where(target)}," if target.owner else ""
    return (f"{_shown(content)} on line {number} is indented {indent} spaces; indent it {target.indent} {spaces}{place} "
            f"in line with {target.first} on line {target.line}")


def _unclosed_quote(lines: list[str], until: int) -> str | None:
    # A quoted text runs on until its closing mark, so the parser stops far below the slip:
    # look from the top (the house layout never breaks a text over lines).
    for number in range(1, until + 1):
        if number > len(lines):
            break
        content = lines[number - 1].split(" #", 1)[0]
        key = _key(content.strip().lstrip("- "))
        value = content.split(":", 1)[1].strip() if key is not None and ":" in content else ""
        if value[:1] in ("\"", "'") and (len(value) < 2 or value[-1] != value[0]):
            return f"the quotation mark that opens the text on line {number} is not closed; add a closing {value[0]} at the end of the text"
    return None


def _colon_in_text(lines: list[str], line: int) -> str | None:
    if not 1 <= line <= len(lines):
        return None
    content = lines[line - 1].strip()
    key = _key(content.lstrip("- "))
    if key is None:
        return None
    value = content.lstrip("- ").split(":", 1)[1].strip()
    if value and value[0] not in "\"'{[" and ": " in value:
        return (f"the text after `{key}:` on line {line} holds a colon followed by a space, which YAML reads as a new key; "
                f"put the whole text in quotation marks: {key}: \"…\"")
    return None


def explain(text: str, line: int, parser_says: str) -> str | None:
    """A plain explanation of the syntax error the parser reported at `line`, or None."""
    lines = text.splitlines()
    if "mapping values are not allowed" in parser_says:
        for candidate in (line, line - 1):
            hint = _colon_in_text(lines, candidate)
            if hint:
                return hint
    return indentation_slip(lines, line) or _unclosed_quote(lines, line)
