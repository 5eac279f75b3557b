"""Hostile data: every text of the data replaced by HTML, script and template payloads,
built strictly. Nothing of it may reach a page as markup, script or template."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import run_mkdocs_build
from conftest import SITE_DATA, copy_of_project

pytestmark = pytest.mark.site
PAYLOAD = """"'><script>alert("pwned")</script><img src=x onerror=alert(1)></title><svg onload=alert(2)> {{ 7*7 }} {% if 1 %}T{% endif %} *md* | a & b <!-- c -->"""
MARKERS = ("alert(", "onerror", "onload")


def poison(node, counter: list[int], placeholders: dict[str, int] | None = None, key: str = ""):
    """Replace every {zh, en} text with the payload (numbered, so glossary forms stay distinct)."""
    if isinstance(node, dict):
        if set(node) >= {"zh", "en"} and all(isinstance(node[k], str) for k in ("zh", "en")):
            counter[0] += 1
            hashes = " #" * (placeholders or {}).get(key, 0)
            for lang in ("zh", "en"):
                node[lang] = f"{PAYLOAD} {lang}{counter[0]}{hashes}"
            return
        for k, value in node.items():
            poison(value, counter, placeholders, k if placeholders is not None else key)
    elif isinstance(node, list):
        for item in node:
            poison(item, counter, placeholders, key)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from macros.data.interface import REQUIRED_UI_KEYS

    project = copy_of_project(tmp_path_factory.mktemp("hostile") / "project")
    yaml = YAML(typ="rt")
    yaml.width = 4096
    counter = [0]
    for path in sorted((project / "data").rglob("*.yaml")):
        if path.name == "units.yaml":
            continue  # patterns, not texts
        data = yaml.load(path.read_text(encoding="utf-8"))
        poison(data, counter, REQUIRED_UI_KEYS if path.name == "ui.yaml" else None)
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    assert counter[0] > 500
    site = project.parent / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


class _Executable(HTMLParser):
    """Finds markup the payload could have produced: scripts, event handlers, stray tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "pwned" in data:
            self.found.append(f"<script>{data[:40]}")


def test_no_payload_reaches_any_page_as_markup(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        parser = _Executable()
        parser.feed(text)
        assert parser.found == [], (path, parser.found[:3])
        # Every payload character that is markup arrives escaped: no raw `<script>alert`.
        assert '<script>alert("pwned")' not in text and "<svg onload" not in text, path
        # Templates were never run: the payload's {{ 7*7 }} is not 49 and no 'T' stands alone for the {% if %}.
        assert "pwned" not in text or "7*7" in html.unescape(text).replace("&#123;", "{").replace("&#125;", "}"), path


def report_pages(site):
    for report in SITE_DATA.reports:
        yield site / "en" / report.id / "index.html"
        yield site / report.id / "index.html"


def test_payload_is_shown_as_text(hostile_site):
    for path in report_pages(hostile_site):
        page = path.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page or "&lt;script&gt;alert(\"pwned\")&lt;/script&gt;" in page, path


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.content: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("property") or attributes.get("name")
        if tag == "meta" and name:
            self.content[name] = attributes.get("content") or ""


def test_attributes_hold_the_whole_payload_as_text(hostile_site):
    """A title or description that broke out of its attribute would arrive cut short."""
    for path in report_pages(hostile_site):
        parser = _Meta()
        parser.feed(path.read_text(encoding="utf-8"))
        for name in ("og:title", "og:description", "description"):
            assert '"\'><script>alert("pwned")</script><img src=x onerror=alert(1)></title>' in parser.content[name], (path, name)


def test_downloads_hold_the_payload_as_data(hostile_site):
    data = json.loads((hostile_site / "downloads" / "reform-reports.json").read_text(encoding="utf-8"))
    assert data["facts"][0]["text"]["zh"].startswith(PAYLOAD)
