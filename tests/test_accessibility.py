"""axe-core on every page, in both languages and both palettes: no serious or critical
violation. axe-core comes from npm at the version package-lock.json pins (`make test`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, site_pages

sys.path.insert(0, str(ROOT / "tools"))
from screenshots import chromium_path  # noqa: E402

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
if not Path(chromium_path()).exists() or not AXE.exists():
    pytest.skip("Chromium or axe-core missing: run `make browser`", allow_module_level=True)


pytestmark = pytest.mark.site
PAGES = site_pages(print_editions=True)
LANGS = {"zh": "", "en": "en/"}


@pytest.fixture(scope="module")
def base(site_server):
    return site_server


def serious_violations(browser, url: str, scheme: str) -> list[str]:
    # The site's CSP allows no injected script; the test browser may bypass it to add axe.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    context.close()
    return [json.dumps(v, ensure_ascii=False) for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_or_critical_accessibility_violations(browser, base, lang, scheme):
    found = {}
    for path in PAGES:
        violations = serious_violations(browser, base + LANGS[lang] + path, scheme)
        if violations:
            found[path or "/"] = violations
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)[:6000]
