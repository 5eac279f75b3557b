"""Charts, timeline graphic and diagrams: their numbers are the data's, their text
alternatives are in the page's language; sharing tags per page and language."""

from __future__ import annotations

import html
import re

import pytest

from macros.render.formatting import with_unit
from macros.model.outcomes import outcomes

from conftest import site_pages  # noqa: E402

pytestmark = pytest.mark.site  # runs again with an extra report (see conftest)

LANGS = {"zh": "", "en": "en/"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def page(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def svgs(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<svg class="rr-chart[^"]*" id="([^"]+)".*?</svg>', text, re.S)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_before_after_chart_shows_the_data(built_site, dataset, lang):
    items = outcomes(dataset)
    compare = svgs(page(built_site, LANGS[lang] + "compare/"))
    for item in items:
        q = item.fact.quantity
        report_page = svgs(page(built_site, LANGS[lang] + item.fact.report_id + "/"))
        for svg in (compare[f"chart-{item.fact.id}"], report_page[f"chart-{item.fact.id}"]):
            values = [float(v) for v in re.findall(r'data-value="([^"]+)"', svg)]
            assert values == [q.before, q.after]
            widths = [float(w) for w in re.findall(r'<rect class="rr-chart__bar[^"]*" x="0" y="[^"]+" width="([^"]+)"', svg)]
            assert widths[0] / widths[1] == pytest.approx(max(q.before, 1e-9) / q.after, rel=0.02) or min(widths) == 2.0
            text = html.unescape(svg)
            assert with_unit(q.before, lang, q.unit) in text and with_unit(q.after, lang, q.unit) in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_graphic_has_a_title_and_description_in_the_page_language(built_site, lang):
    found = 0
    for url in site_pages():
        for chart_id, svg in svgs(page(built_site, LANGS[lang] + url)).items():
            found += 1
            assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
            assert ('role="group"' in svg) == ("<a " in svg) and ('role="img"' in svg) == ("<a " not in svg)
            title = re.search(rf'<title id="{chart_id}-title">([^<]+)</title>', svg).group(1)
            desc = re.search(rf'<desc id="{chart_id}-desc">([^<]+)</desc>', svg).group(1)
            assert title.strip() and desc.strip()
            if lang == "zh":
                assert CJK.search(title) and CJK.search(desc), chart_id
            else:
                assert not CJK.search(title), (chart_id, title)
    assert found >= 4 + 1 + 2  # outcome charts, the timeline, two diagrams


def test_timeline_graphic_holds_every_dated_entry(built_site, dataset):
    svg = svgs(page(built_site, "en/timeline/"))["timeline-graphic"]
    dated = [f for f in dataset.facts.values() if f.date]
    assert svg.count("<circle class=\"rr-chart__dot") == len(dated) + len(dataset.reports)
    for fact in dated:
        assert f"#{fact.id}" in svg


@pytest.mark.parametrize("lang", LANGS)
def test_diagrams_are_drawn_from_their_facts(built_site, dataset, lang):
    for diagram in dataset.diagrams:
        svg = html.unescape(svgs(page(built_site, LANGS[lang] + diagram.report_id + "/"))[diagram.id])
        for node in (diagram.root,) + diagram.branches:
            assert f"#{node.fact}" in svg
            for fact_id in node.items:
                fact = dataset.fact(fact_id)
                name = (fact.title or fact.text).get(lang)
                assert name[:8] in svg.replace("</tspan><tspan", "").replace("\n", "") or name.split()[0] in svg


@pytest.mark.parametrize("lang", LANGS)
def test_pages_carry_sharing_tags_in_their_language(built_site, dataset, lang):
    for url in site_pages():
        text = page(built_site, LANGS[lang] + url)
        assert f'<meta property="og:locale" content="{"zh_CN" if lang == "zh" else "en_US"}">' in text
        description = re.search(r'<meta property="og:description" content="([^"]+)">', text).group(1)
        # In the page's language: Chinese, or English that may gloss a term in Chinese (局区合一).
        share_of_chinese = len(CJK.findall(description)) / len(description)
        assert share_of_chinese > 0.3 if lang == "zh" else share_of_chinese < 0.1, (url, description)
        assert re.search(r'<meta name="description" content="[^"]+">', text)
    for report in dataset.reports:
        report_page = html.unescape(page(built_site, LANGS[lang] + f"{report.id}/"))
        assert f'content="{report.summary.get(lang)}"' in report_page


def test_print_editions_exist_for_each_report_and_language(built_site, dataset):
    for lang, prefix in LANGS.items():
        for report in dataset.reports:
            text = page(built_site, f"{prefix}print/{report.id}/")
            assert all(f'id="{f.id}"' in text for f in report.all_facts())
            assert 'class="rr-print-cover"' in text
            assert "print/" + report.id in page(built_site, f"{prefix}{report.id}/")


def test_a_wrapped_diagram_item_has_one_bullet():
    from macros.render import charts

    svg = str(charts.tree("t", "T", "D", charts.Box("Root"), [charts.Box("Branch", ("a long item that must wrap over more than one line in the box", "short"))]))
    assert svg.count('class="rr-chart__bullet"') == 2
