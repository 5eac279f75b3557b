"""The cross-report pages of the built site: comparison, outcome figures, peers, timeline,
themes, glossary, and the search index's Chinese words."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import escape

from htmlscan import scan
from macros.render.formatting import format_date
from macros.model.outcomes import outcomes

pytestmark = pytest.mark.site  # runs again with an extra report (see conftest)

LANGS = {"zh": "", "en": "en/"}


def page_html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_has_every_dimension_and_every_cell_rests_on_facts(built_site, dataset, lang):
    html = page_html(built_site, LANGS[lang] + "compare/")
    ids = scan(html).ids
    for dimension in dataset.dimensions:
        assert dimension.id in ids
        row = html[html.index(f'id="{dimension.id}"'):]
        row = row[:row.index("</tr>")]
        for cell in dimension.cells:
            if cell.text is None:
                assert dataset.ui["compare.not_stated"].get(lang) in row
            for fact_id in cell.facts:
                assert f"#{fact_id}" in row


@pytest.mark.parametrize("lang", LANGS)
def test_outcome_table_lists_every_before_after_figure_with_recomputed_change(built_site, dataset, lang):
    html = page_html(built_site, LANGS[lang] + "compare/")
    table = html[html.index('class="rr-outcomes"'):]
    table = table[:table.index("</table>")]
    items = outcomes(dataset)
    assert items and all(item.fact.quantity.shape == "change" for item in items)  # before/after only
    assert table.count("<tr>") == len(items) + 1
    for item in items:
        assert f"#{item.fact.id}" in table
    assert ("−97.5%" if lang == "zh" else "−97.5%") in table  # 20 → 0.5 days, recomputed
    assert table.count('class="rr-check"') == sum(1 for i in items if i.stated is not None)


def test_peers_table_holds_exactly_the_three_peers(built_site, dataset):
    peers = [f for f in dataset.facts.values() if f.kind == "peer"]
    assert {f.title.zh for f in peers} == {"深圳前海", "广州南沙", "山东青岛"}
    html = page_html(built_site, "en/compare/")
    table = html[html.index('class="rr-peers"'):html.index("</table>", html.index('class="rr-peers"'))]
    assert table.count("<tr>") == 4
    for fact in peers:
        assert f"#{fact.id}" in table and fact.title.zh in table


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_holds_every_dated_fact_in_date_order(built_site, dataset, lang):
    html = page_html(built_site, LANGS[lang] + "timeline/")
    dated = [f for f in dataset.facts.values() if f.date]
    for fact in dated:
        assert f"#{fact.id}" in html
    isos = re.findall(r'<time datetime="([0-9-]+)"', html)
    assert len(isos) == len(dated) + len(dataset.reports)
    padded = [iso + "-00" * (2 - iso.count("-")) for iso in isos]
    assert padded == sorted(padded)
    for report in dataset.reports:
        assert format_date(type(dated[0].date)(report.published.year, report.published.month, report.published.day), lang) in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_theme_lists_facts_of_two_or_more_reports_and_facts_link_back(built_site, dataset, lang):
    """A theme is what reports share: facts of at least two of them (not necessarily of every
    report: a report that says nothing on a theme is not in it). The themes page keeps each
    theme's anchor (links cited before themes had pages of their own still land) and links to
    the theme's page, which holds its facts as cards."""
    html = page_html(built_site, LANGS[lang] + "themes/")
    ids = scan(html).ids
    for theme in dataset.themes:
        assert theme.id in ids
        assert f'themes/{theme.id}/"' in html
        assert len({dataset.fact(f).report_id for f in theme.facts}) >= 2
        theme_page = page_html(built_site, LANGS[lang] + f"themes/{theme.id}/")
        assert all(f'href="../../{"../" if lang == "en" else ""}{LANGS[lang]}{dataset.fact(f).report_id}/#{f}"' in theme_page
                   for f in theme.facts)
        for fact_id in theme.facts:
            report_page = page_html(built_site, LANGS[lang] + dataset.fact(fact_id).report_id + "/")
            card = report_page[report_page.index(f'id="{fact_id}"'):]
            card = card[:card.index("</article>")]
            assert f"themes/{theme.id}/" in card


@pytest.mark.parametrize("lang", LANGS)
def test_problems_and_recommendations_link_both_ways(built_site, dataset, lang):
    answering = [r for r in dataset.reports if any(f.answers for f in r.all_facts())]
    assert answering, "some report pairs a recommendation with a problem"
    for report in answering:
        _answers_link_both_ways(page_html(built_site, LANGS[lang] + f"{report.id}/"), report, dataset, lang)


def _answers_link_both_ways(html, report, dataset, lang):
    recommendations = [f for f in report.all_facts() if f.kind == "recommendation"]
    problems = [f for f in report.all_facts() if f.kind == "problem" and any(f.id in r.answers for r in recommendations)]
    assert problems
    for problem in problems:
        card = html[html.index(f'id="{problem.id}"'):]
        card = card[:card.index("</article>")]
        assert str(escape(dataset.ui["answered_by"].get(lang))) in card
        assert any(f"#{rec.id}" in card for rec in recommendations if problem.id in rec.answers)
    for rec in recommendations:
        card = html[html.index(f'id="{rec.id}"'):]
        card = card[:card.index("</article>")]
        assert all(f"#{p}" in card for p in rec.answers)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_has_every_term_with_the_pages_that_use_it(built_site, dataset, lang):
    html = page_html(built_site, LANGS[lang] + "glossary/")
    ids = scan(html).ids
    assert len(dataset.terms) >= 12
    for term in dataset.terms:
        assert term.id in ids
        assert term.term.zh in html and term.term.en in html.replace("&#39;", "'")
    for core in ("法定机构", "局区合一", "企业咖啡时", "一肩挑", "主体局"):
        term = next(t for t in dataset.terms if t.term.zh == core)
        entry = html[html.index(f'id="{term.id}"'):]
        entry = entry[:entry.index("</dd>")]
        assert dataset.ui["glossary.used_on"].get(lang) in entry


def test_terms_are_marked_inside_running_chinese_text(built_site):
    html = page_html(built_site, "shuangliu/")
    marked = re.findall(r'<a class="rr-term" href="([^"]+)" data-tip="[^"]+">([^<]+)</a>', html)
    texts = {text for _, text in marked}
    assert "局区合一" in texts or "主体局" in texts
    assert all(href.startswith("../glossary/#term-") for href, _ in marked)
    # inside running text: a marked term with Chinese characters right before it in the same paragraph
    assert re.search(r'[\u4e00-\u9fff]<a class="rr-term"', html)


def test_english_pages_mark_english_renderings(built_site):
    html = page_html(built_site, "en/xingu/")
    assert re.search(r'<a class="rr-term" href="\.\./\.\./en/glossary/#term-[a-z-]+" data-tip="[^"]+">statutory[ -]bod(y|ies)</a>', html, re.IGNORECASE)


def test_chinese_search_keeps_glossary_terms_whole(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chinese = " ".join(doc["text"] for doc in index["docs"] if not doc["location"].startswith("en/"))
    for word in ("局区合一", "企业咖啡时", "法定机构"):
        assert f"\u200b{word}\u200b" in chinese or f"{word}\u200b" in chinese, word
    assert "局区\u200b合一" not in chinese


def test_ids_are_unique_on_every_page(built_site):
    for path in built_site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert duplicates == set(), (path, duplicates)


def test_fact_cards_on_theme_pages_link_to_the_fact_at_home(built_site, dataset):
    theme = dataset.themes[0]
    html = page_html(built_site, f"en/themes/{theme.id}/")
    fact = dataset.fact(theme.facts[0])
    assert f'class="rr-permalink" href="../../../en/{fact.report_id}/#{fact.id}"' in html


def test_no_link_marker_is_left_in_the_site(built_site):
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv"):
            assert "\ue000" not in path.read_text(encoding="utf-8", errors="ignore"), path
