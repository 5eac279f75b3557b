"""The pages' generated HTML kept out of Python-Markdown's way.

A page's macros write Markdown (headings, which make the table of contents) around blocks
of HTML (fact cards, tables, charts): about nine tenths of a report page. Python-Markdown
reads every raw HTML block with its HTML parser only to put it back unchanged, which was
about a third of a build, and of every rebuild under `mkdocs serve`. So each complete
block an HTML renderer made goes into Markdown as a one-line placeholder (an HTML comment,
which Markdown passes through) and comes back once Markdown is done (`release`, in the
`on_page_content` hook), before anything else reads the page.
"""

from __future__ import annotations

import itertools
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS
from markupsafe import Markup

_held: dict[str, str] = {}
_keys = itertools.count()
_PLACEHOLDER = re.compile(r"<!--rr-held-(\d+)-->")
_BLANK_LINE = re.compile(r"(\n[ \t]*\n)")
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[\s>]")


def _whole_block(chunk: str) -> bool:
    """A chunk between blank lines that is one HTML element of a block-level kind, opened
    at the start of the line (as Markdown takes raw HTML) and closed at its end."""
    start = _START.match(chunk)
    return bool(start) and start.group(1).lower() in BLOCK_LEVEL_ELEMENTS and chunk.rstrip().endswith(f"</{start.group(1)}>")


def hold(markdown_text):
    """The text with each whole HTML block replaced by its placeholder (of the same type:
    Markup stays Markup)."""
    chunks = _BLANK_LINE.split(str(markdown_text))
    for index in range(0, len(chunks), 2):  # odd places hold the blank lines themselves
        chunk = chunks[index]
        if _whole_block(chunk):
            key = str(next(_keys))
            _held[key] = chunk
            chunks[index] = f"<!--rr-held-{key}-->"
    held = "".join(chunks)
    return type(markdown_text)(held) if isinstance(markdown_text, Markup) else held


def release(html: str) -> str:
    """The page's HTML with every placeholder replaced by its block again."""
    return _PLACEHOLDER.sub(lambda match: _held.pop(match.group(1), match.group(0)), html)


def restored(text: str) -> str:
    """The text with every placeholder's block in place, the blocks still held (for tools
    that read the Markdown the macros wrote, such as the benchmark's bare build)."""
    return _PLACEHOLDER.sub(lambda match: _held.get(match.group(1), match.group(0)), text)
