"""The built site, as a reader gets it: every page in both languages, every fact at its
anchor with its formatted figure and its source, working links, nothing from another origin."""

from __future__ import annotations

import html
import re
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import site_pages
from htmlscan import CJK, scan
from macros.render.formatting import format_date, format_quantity

pytestmark = pytest.mark.site
PAGES = site_pages(print_editions=True)
LANGS = {"zh": "", "en": "en/"}


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


@pytest.fixture(scope="module")
def pages(built_site):
    scans = {}
    for lang, prefix in LANGS.items():
        for page in PAGES:
            url = prefix + page
            path = page_file(built_site, url)
            assert path.exists(), f"missing page {url or '/'}"
            scans[url] = scan(path.read_text(encoding="utf-8"))
    return scans


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language(pages, lang):
    for page in PAGES:
        assert pages[LANGS[lang] + page].html_lang == lang


SITE_PATH = "/"  # the path of site_url in test builds


def target_path(from_url: str, href: str) -> str:
    """The site-relative path a link on page `from_url` leads to ("." is the site root)."""
    path = urlsplit(href).path
    if not path:
        return posixpath.normpath(from_url or ".")
    if path.startswith(SITE_PATH):
        from_url, path = "", path[len(SITE_PATH):]
    return posixpath.normpath(posixpath.join(from_url or ".", path or "."))


def resolve(from_url: str, href: str) -> str:
    """The page URL a link leads to, as in PAGES: "" for the home page, "xingu/" …"""
    joined = target_path(from_url, href)
    return "" if joined == "." else joined + "/"


@pytest.mark.parametrize("page", PAGES)
def test_hreflang_alternates_and_switcher_point_to_the_same_page(pages, page):
    for lang, prefix in LANGS.items():
        scanned = pages[prefix + page]
        for other, other_prefix in LANGS.items():
            assert resolve(prefix + page, scanned.alternates[other]) == other_prefix + page
            assert resolve(prefix + page, scanned.switcher[other]) == other_prefix + page


def test_the_not_found_page_offers_each_language_home(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page and "找不到这个页面" in page and "Page not found" in page
    scanned = scan(page)
    for lang, prefix in LANGS.items():
        # served at any depth, so root-absolute (or absolute, with SITE_URL)
        assert urlsplit(scanned.alternates[lang]).path == "/" + prefix
        assert urlsplit(scanned.switcher[lang]).path == "/" + prefix


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_section_and_part_has_its_anchor(pages, dataset, lang):
    for report in dataset.reports:
        ids = pages[LANGS[lang] + report.id + "/"].ids
        expected = {f.id for f in report.all_facts()} | {s.id for s in report.sections} | {p.id for s in report.sections for p in s.parts}
        assert expected <= ids, sorted(expected - ids)


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_and_date_is_shown_formatted_for_the_language(built_site, dataset, lang):
    for report in dataset.reports:
        text = html.unescape(page_file(built_site, LANGS[lang] + report.id + "/").read_text(encoding="utf-8"))
        for fact in report.all_facts():
            if fact.quantity:
                formatted = format_quantity(fact.quantity, lang, dataset.ui)
                assert formatted.main in text, (fact.id, formatted.main)
                if formatted.change:
                    assert formatted.change in text
            if fact.date:
                assert format_date(fact.date, lang) in text, fact.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_cites_its_source_and_shows_its_caveat(built_site, dataset, lang):
    for report in dataset.reports:
        source = page_file(built_site, LANGS[lang] + report.id + "/").read_text(encoding="utf-8")
        text = scan(source).text
        for fact in report.all_facts():
            assert fact.source.section_label.get(lang) in text
            if fact.caveat:
                assert fact.caveat.get(lang) in text, fact.id
        assert source.count('class="rr-source"') == len(report.all_facts())


def test_headline_figures_are_on_the_home_page(built_site, dataset):
    for lang, prefix in LANGS.items():
        text = html.unescape(page_file(built_site, prefix).read_text(encoding="utf-8"))
        for report in dataset.reports:
            assert report.title.zh in text
            assert report.credit.get(lang) in text
            for fact_id in report.headline:
                assert format_quantity(dataset.fact(fact_id).quantity, lang, dataset.ui).main in text


def test_english_content_marks_every_chinese_character_as_chinese(pages):
    for page in PAGES:
        unmarked = [text for lang, text in pages["en/" + page].content_text if CJK.search(text) and not lang.startswith("zh")]
        assert unmarked == [], (page, unmarked[:5])


def test_no_macro_or_template_syntax_leaks_into_pages(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, path


LOADING_RELS = {"stylesheet", "icon", "preload", "preconnect", "modulepreload", "manifest", "dns-prefetch"}


def test_no_resource_from_another_origin(built_site):
    for path in built_site.rglob("*.html"):
        scanned = scan(path.read_text(encoding="utf-8"))
        for tag, attrs in scanned.links:
            if tag == "a" or (tag == "link" and not LOADING_RELS & set(attrs.get("rel", "").split())):
                continue  # navigation and metadata (canonical, alternate), not a resource load
            url = attrs.get("href") or attrs.get("src")
            assert not urlsplit(url).netloc, f"{path}: <{tag}> loads {url}"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")
    for path in built_site.rglob("*.css"):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_every_internal_link_and_anchor_resolves(built_site):
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids_cache:
            ids_cache[path] = scan(path.read_text(encoding="utf-8")).ids
        return ids_cache[path]

    broken = []
    for path in built_site.rglob("*.html"):
        page_url = path.parent.relative_to(built_site).as_posix()
        page_url = "" if page_url == "." else page_url + "/"
        for tag, attrs in scan(path.read_text(encoding="utf-8")).links:
            if tag == "link" and "canonical" in attrs.get("rel", ""):
                continue  # absolute, built from site_url
            url = attrs.get("href") or attrs.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            target = built_site / target_path(page_url, url)
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(built_site)}: {url}"
            if not target.exists():
                broken.append(where)
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids_of(target):
                broken.append(f"{where} (no such anchor)")
    assert broken == []


def test_a_plain_build_names_no_local_address(built_site):
    """Built without SITE_URL (a local `make site`, an artifact someone uploads), the site must
    not tell readers to cite localhost: no canonical link, og:url or citation with it."""
    named = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".txt")
             and re.search(r"127\.0\.0\.1|localhost", p.read_text(encoding="utf-8", errors="replace"))]
    assert named == []
