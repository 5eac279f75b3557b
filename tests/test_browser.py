"""The built site in a real browser (Debian's Chromium, driven by Playwright): pages load
cleanly, the language switcher keeps the page, search stays in its language, tooltips and
links work, and nothing breaks the layout of a 375 px phone."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SITE_DATA, site_pages

sys.path.insert(0, str(ROOT / "tools"))
from screenshots import chromium_path  # noqa: E402

if not Path(chromium_path()).exists():
    pytest.skip("Chromium missing: run `make browser`", allow_module_level=True)


pytestmark = pytest.mark.site
PAGES = site_pages(print_editions=True)
LANGS = {"zh": "", "en": "en/"}
MAX_ELEMENTS = 1400
# What a reader downloads only on opening search (index, worker, language files) or the
# language switcher (sitemaps).
ON_DEMAND = ("search_index.json", "/workers/search.", "/lunr/", "sitemap.xml")


@pytest.fixture(scope="module")
def base(site_server):
    return site_server


def visit(browser, url: str, width: int = 1280, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_loads_without_console_errors_or_failed_requests(browser, base, lang):
    for path in PAGES:
        page, problems = visit(browser, base + LANGS[lang] + path)
        assert problems == [], (path, problems)
        assert page.evaluate("document.documentElement.lang") == lang
        # Ids stay unique once Material's scripts have named the code blocks (the cite blocks).
        duplicates = page.evaluate("""() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                                        return ids.filter((id, i) => ids.indexOf(id) !== i); }""")
        assert duplicates == [], (path, duplicates)
        # Lighthouse marks pages above 1,400 elements as slow to lay out on a phone.
        elements = page.evaluate("document.getElementsByTagName('*').length")
        assert elements <= MAX_ELEMENTS, (path, elements)
        page.close()


@pytest.mark.parametrize("path", ["", *[f"{r.id}/" for r in SITE_DATA.reports], "compare/", "glossary/"])
def test_language_switcher_lands_on_the_same_page(browser, base, path):
    for lang, other in (("zh", "en"), ("en", "zh")):
        page, _ = visit(browser, base + LANGS[lang] + path)
        page.hover(".md-header__option .md-select")
        page.click(f"a.md-select__link[hreflang={other}]")
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == "/" + LANGS[other] + path
        assert page.evaluate("document.documentElement.lang") == other
        page.close()


def search(browser, base: str, lang: str, query: str) -> list[str]:
    page, problems = visit(browser, base + LANGS[lang])
    page.click(".md-search__input")
    page.keyboard.type(query, delay=30)  # as a reader types: Material listens to key events;
    page.keyboard.press("End")             # Chinese arrives by an input method, which ends on a key
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    page.close()
    assert problems == []
    return [urlsplit(h).path for h in hrefs]


def on_demand_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if any(part in url for part in ON_DEMAND)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_downloads_search_only_when_the_reader_opens_it(browser, base, lang):
    report = SITE_DATA.reports[0].id
    for path in ("", f"{report}/"):
        page = browser.new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + LANGS[lang] + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        assert on_demand_requests(requests) == [], (path, requests)
        page.close()
    # Opened, it works: the index arrives and a search finds the report's title.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + LANGS[lang], wait_until="networkidle")
    assert on_demand_requests(requests) == []
    page.click(".md-search__input")
    page.keyboard.type(SITE_DATA.report(report).short_title.get(lang), delay=30)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert any(f"/{LANGS[lang]}search/search_index.json" in url for url in requests), requests
    assert not any("sitemap.xml" in url for url in requests), requests
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_search_opens_from_the_phone_search_button_and_the_keyboard_shortcut(browser, base, lang):
    page = browser.new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(base + LANGS[lang], wait_until="networkidle")
    page.tap("label.md-header__button[for=__search]")
    page.keyboard.type(SITE_DATA.reports[0].short_title.get(lang), delay=30)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + LANGS[lang], wait_until="networkidle")
    page.keyboard.press("s")
    page.keyboard.type(SITE_DATA.reports[0].short_title.get(lang), delay=30)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.close()


def test_a_page_opened_from_a_search_result_highlights_the_words_at_once(browser, base):
    report = SITE_DATA.reports[0]
    word = max(re.findall(r"[A-Za-z]+", report.short_title.get("en")), key=len)
    page = browser.new_page()
    page.goto(f"{base}en/{report.id}/?h={word}", wait_until="networkidle")
    page.wait_for_selector(".md-content mark[data-md-highlight]", state="attached", timeout=15000)
    page.close()


def test_the_language_switcher_fetches_its_sitemaps_only_when_used(browser, base):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "en/", wait_until="networkidle")
    assert not any("sitemap.xml" in url for url in requests)
    page.hover(".md-header__option .md-select")
    page.wait_for_timeout(500)
    assert any("sitemap.xml" in url for url in requests), requests
    page.close()


@pytest.mark.parametrize("lang, query, expected", [
    ("zh", "局区合一", "/shuangliu/"),
    ("zh", "企业咖啡时", "/shuangliu/"),
    ("en", "bureau–zone integration", "/en/shuangliu/"),
    ("en", "Enterprise Coffee Time", "/en/shuangliu/"),
])
def test_search_finds_key_terms_in_pages_of_its_own_language_only(browser, base, lang, query, expected):
    paths = search(browser, base, lang, query)
    assert any(p.startswith(expected) for p in paths), paths
    if lang == "zh":
        assert not any(p.startswith("/en/") for p in paths), paths
    else:
        assert all(p.startswith("/en/") for p in paths), paths


@pytest.mark.parametrize("lang, query, expected", [
    ("zh", "企业咖啡时", "/shuangliu/"),
    ("zh", "局区合一", "/shuangliu/"),
    ("en", "Enterprise Coffee Time", "/en/shuangliu/"),
])
def test_every_result_holds_every_word_of_the_query(browser, base, built_site, lang, query, expected):
    """A whole glossary term typed alone is searched whole (Material's worker cut it into
    shorter pieces: 企业咖啡时 found every page with 企业), and every word must appear."""
    paths = {path for path in search(browser, base, lang, query)}
    assert expected in paths
    for path in paths:
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).lower()
        assert all(word in text for word in query.lower().split()), (path, query)



def _figures_as_readers_type_them() -> list[tuple[str, str, str]]:
    """(language, query, report) for the first figure the site writes in 亿 / million: the
    number and its scale word, as a reader would type it (3.54亿, 354 million)."""
    from macros.render.formatting import format_quantity

    for fact in SITE_DATA.facts.values():
        if fact.quantity is None or fact.quantity.shape != "value":
            continue
        zh = re.match(r"[\d.]+亿", format_quantity(fact.quantity, "zh", SITE_DATA.ui).main)
        en = re.match(r"[\d.]+ (?:million|billion)", format_quantity(fact.quantity, "en", SITE_DATA.ui).main)
        if zh and en:
            return [("zh", zh.group(0), fact.report_id), ("en", en.group(0), fact.report_id)]
    return []


@pytest.mark.parametrize("lang, query, report", _figures_as_readers_type_them())
def test_a_figure_is_found_as_the_site_writes_it(browser, base, lang, query, report):
    paths = search(browser, base, lang, query)
    assert any(path.startswith(f"/{LANGS[lang]}{report}/") for path in paths), (query, paths)


@pytest.mark.parametrize("lang, report", [(lang, report.id) for lang in LANGS for report in SITE_DATA.reports])
def test_every_report_is_found_by_its_title_in_its_own_language(browser, base, lang, report):
    title = SITE_DATA.report(report).short_title.get(lang)
    paths = search(browser, base, lang, title)
    assert any(p.startswith(f"/{LANGS[lang]}{report}/") for p in paths), (title, paths)
    assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_show_a_tooltip_and_link_to_their_entry(browser, base, lang):
    report = SITE_DATA.reports[0].id
    page, problems = visit(browser, base + LANGS[lang] + f"{report}/")
    term = page.locator("a.rr-term").first
    term.scroll_into_view_if_needed()
    definition = term.get_attribute("data-tip")
    assert definition and term.get_attribute("title") is None  # no tooltip of Material's to mount
    term.hover()
    tooltip = page.locator("[role=tooltip]#rr-tip")
    tooltip.wait_for(state="visible", timeout=2000)
    assert tooltip.inner_text().strip() == definition
    assert term.get_attribute("aria-describedby") == "rr-tip"
    page.mouse.move(0, 0)
    page.wait_for_timeout(100)
    assert not tooltip.is_visible()
    href = term.get_attribute("href")
    term.click()
    page.wait_for_load_state("load")
    fragment = href.split("#")[1]
    assert urlsplit(page.url).fragment == fragment
    assert page.locator(f"[id='{fragment}']").is_visible()
    assert problems == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_glossary_tooltip_shows_on_keyboard_focus_and_escape_hides_it(browser, base, lang):
    page, problems = visit(browser, base + LANGS[lang] + "compare/")
    term = page.locator("a.rr-term").first
    term.focus()
    tooltip = page.locator("#rr-tip")
    tooltip.wait_for(state="visible", timeout=2000)
    assert tooltip.inner_text().strip() == term.get_attribute("data-tip")
    box, tip = term.bounding_box(), tooltip.bounding_box()
    assert tip["y"] >= box["y"] + box["height"] and tip["x"] >= 0 and tip["x"] + tip["width"] <= page.viewport_size["width"]
    page.keyboard.press("Escape")
    assert not tooltip.is_visible() and term.get_attribute("aria-describedby") is None
    assert problems == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_wider_than_a_375px_phone(browser, base, lang):
    for path in PAGES:
        page, _ = visit(browser, base + LANGS[lang] + path, width=375)
        overflow = page.evaluate("""() => {
            const width = document.documentElement.clientWidth;
            const wide = [];
            for (const el of document.querySelectorAll('.md-content table, .md-content svg, .md-content .rr-fact, .md-content figure, .md-content pre')) {
                const box = el.getBoundingClientRect();
                const scroller = el.closest('.rr-table-wrap, pre');
                if (box.right > width + 1 && !(scroller && scroller !== el)) wide.push(el.tagName + '.' + el.className.baseVal ?? el.className);
            }
            return {page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
        }""")
        assert overflow["page"] <= 0 and overflow["wide"] == [], (path, overflow)
        page.close()
