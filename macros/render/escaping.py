"""Turning data text into safe HTML and Markdown.

Text from data is plain text. It is escaped on its way out, so a `<script>` in a YAML
value shows as the characters `<script>`, and a `*` stays a `*`.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A run of Chinese: starts and ends with a CJK character or CJK punctuation, and may hold
# digits, quotation marks and joiners inside (成委厅〔2020〕15号, “2+2”).
_CJK_RUN = re.compile(rf"[{_CJK}](?:[{_CJK}0-9“”‘’+·—\-]*[{_CJK}])?")


def text_html(text: str, lang: str) -> Markup:
    """Escape text for HTML. On a non-Chinese page, mark Chinese runs as Chinese.

    Screen readers and fonts need to know a run is Chinese: `<span lang="zh">局区合一</span>`.
    """
    escaped = str(escape(text))
    if lang != "zh":
        escaped = _CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', escaped)
    return Markup(escaped)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^=])")


def heading_markdown(text: str, lang: str) -> str:
    """Text for a Markdown heading: escaped for HTML, with Markdown's specials neutralised.

    The heading stays Markdown (not raw HTML) so it reaches the table of contents. Only
    &, < and > are escaped: the heading's text becomes the page title, which the theme
    escapes again inside attributes ("Xingu&#39;s" would show there as such).
    """
    escaped = html.escape(text, quote=False)
    # Backslash-escape Markdown punctuation outside the entities escape() produced.
    parts = re.split(r"(&[#a-zA-Z0-9]+;)", escaped)
    neutral = "".join(p if p.startswith("&") and p.endswith(";") else _MARKDOWN_SPECIALS.sub(r"\\\1", p) for p in parts)
    if lang != "zh":
        neutral = _CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', neutral)
    return neutral


def one_html_block(html: str) -> str:
    """Markdown ends a raw HTML block at a blank line: drop blank lines inside the block."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def code_html(text: str, lang: str) -> Markup:
    """Text for a <pre><code> block (a citation). Braces become character references: a
    BibTeX entry is full of `{{`, and a built page must hold no `{{`, the sign of template
    syntax that escaped rendering. The reader sees, and copies, the same characters."""
    return Markup(str(text_html(text, lang)).replace("{", "&#123;").replace("}", "&#125;"))
