"""A small HTML scanner for build tests (stdlib only): ids, links, resources, and text
with the language it is in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass
class Scan:
    html_lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, dict]] = field(default_factory=list)  # (tag, attrs) with href or src
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href of <link rel=alternate>
    switcher: dict[str, str] = field(default_factory=dict)  # hreflang -> href of the language menu
    content_text: list[tuple[str, str]] = field(default_factory=list)  # (lang, text) inside .md-content
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, in_content)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs_list):
        attrs = {k: v or "" for k, v in attrs_list}
        parent_lang, parent_content = (self.stack[-1][1], self.stack[-1][2]) if self.stack else ("", False)
        lang = attrs.get("lang", parent_lang)
        in_content = parent_content or "md-content" in attrs.get("class", "").split()
        if tag == "html":
            self.scan.html_lang = attrs.get("lang", "")
        if "id" in attrs:
            self.scan.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.scan.ids.add(attrs["name"])
        if "href" in attrs or "src" in attrs:
            self.scan.links.append((tag, attrs))
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.scan.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "md-select__link" in attrs.get("class", ""):
            self.scan.switcher[attrs.get("hreflang", "")] = attrs["href"]
        if tag not in VOID:
            self.stack.append((tag, lang, in_content))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self.parts.append(data)
        if self.stack and self.stack[-1][2] and data.strip():
            self.scan.content_text.append((self.stack[-1][1], data))


def scan(html: str) -> Scan:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.scan.text = "".join(parser.parts)
    return parser.scan
