"""The markup readers' browsers and search engines get: valid HTML by the Nu HTML Checker
(errors from Material's own partials listed, not ours), absolute language alternates when the
site knows its address."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, copy_of_project, run_mkdocs_build, site_pages

pytestmark = pytest.mark.site
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's own markup, which this project neither writes nor overrides (shared/STACK.md 18):
# `autocomplete` on its checkbox toggles.
MATERIAL_ONLY = [re.compile(r"Attribute “autocomplete” is only allowed when the input type is")]


def test_the_nu_html_checker_finds_no_error_in_our_markup(built_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs npm's vnu-jar and Java: `make test` installs both")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(built_site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    ours = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
            if not any(pattern.search(m["message"]) for pattern in MATERIAL_ONLY)]
    assert ours == []
    assert len(list(built_site.rglob("*.html"))) >= 2 * len(site_pages(print_editions=True))  # it read the site


def test_language_alternates_are_absolute_when_the_site_knows_its_address(tmp_path):
    project = copy_of_project(tmp_path / "project")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site, env={"SITE_URL": "https://example.org/reform/"})
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "en" / "compare" / "index.html").read_text(encoding="utf-8")
    alternates = dict((lang, href) for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">', page))
    assert alternates == {"zh": "https://example.org/reform/compare/", "en": "https://example.org/reform/en/compare/",
                          "x-default": "https://example.org/reform/compare/"}
    assert '<link rel="canonical" href="https://example.org/reform/en/compare/">' in page
