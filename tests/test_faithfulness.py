"""Only what the report says, and the rest marked: two printed figures are never turned into a
change the report does not claim; a share changes in percentage points; every piece of the
site's own reading is shown as such in both languages; a contributor is not a publisher;
English headings are English; compared documents say what kind they are."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from htmlscan import CJK
from macros.model.dataset import Quantity
from macros.model.outcomes import outcomes
from macros.render.formatting import format_quantity

pytestmark = pytest.mark.site
LANGS = {"zh": "", "en": "en/"}


def page(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def card(text: str, fact_id: str) -> str:
    start = text.index(f'id="{fact_id}"')
    return text[start:text.index("</article>", start)]


def printed_pairs(dataset):
    return [f for f in dataset.facts.values() if f.quantity and f.quantity.shape == "printed"]


def test_two_printed_values_are_shown_as_printed_with_no_change(dataset):
    unit = dataset.units["yuan"]
    printed = Quantity(unit, printed_from=700_000_000, printed_to=65_600_000_000)
    shown = format_quantity(printed, "en", dataset.ui)
    assert shown.main == "700 million yuan → 65.6 billion yuan" and shown.change is None
    assert format_quantity(printed, "zh", dataset.ui).main == "7亿元 → 656亿元"
    fact = next(iter(printed_pairs(dataset)), None) or next(f for f in dataset.facts.values() if f.quantity)
    as_printed = replace(dataset, facts={**dataset.facts, fact.id: replace(fact, quantity=printed)})
    assert fact.id not in {item.fact.id for item in outcomes(as_printed)}


def test_the_xingu_industry_figure_is_a_printed_pair(dataset):
    """No base year and a lost character: the report claims no change (audit, issue 10)."""
    if "xingu" not in {r.id for r in dataset.reports}:
        pytest.skip("a site without the Xingu report")
    assert dataset.fact("xingu-industry-scale").quantity.shape == "printed"


@pytest.mark.parametrize("lang", LANGS)
def test_no_printed_pair_gets_a_computed_change_or_verdict_anywhere(built_site, dataset, lang):
    facts = printed_pairs(dataset)
    compare = page(built_site, LANGS[lang] + "compare/")
    home = page(built_site, LANGS[lang])
    for fact in facts:
        report_card = card(page(built_site, f"{LANGS[lang]}{fact.report_id}/"), fact.id)
        main = format_quantity(fact.quantity, lang, dataset.ui).main
        assert html.unescape(main) in html.unescape(report_card)
        assert "<svg" not in report_card and "rr-figure__change" not in report_card
        assert not re.search(r"[+−]\d[\d,.]*\s?%", report_card)
        shown = re.sub(r"<aside.*?</aside>", "", report_card, flags=re.S)  # notes may explain what is not claimed
        for label in ("outcome.before", "outcome.after", "outcome.improved", "outcome.worsened"):
            assert str(escape(dataset.ui[label].get(lang))) not in shown
        assert f"chart-{fact.id}" not in compare
        assert f"#{fact.id}" not in compare[compare.index('class="rr-outcomes"'):]
        if fact.id in dataset.report(fact.report_id).headline:
            headline = home[home.index(f"#{fact.id}"):]
            assert "rr-figure__change" not in headline[:headline.index("</a>")]


@pytest.mark.parametrize("lang", LANGS)
def test_changes_of_a_percentage_are_shown_in_points_everywhere(built_site, dataset, lang):
    shares = [item for item in outcomes(dataset) if item.percentage_points]
    assert shares, "the data has a before/after share (64% → 25%)"
    compare = page(built_site, LANGS[lang] + "compare/")
    table = compare[compare.index('class="rr-outcomes"'):]
    points = dataset.ui["percentage_points"].get(lang).replace("#", "")
    for item in shares:
        chart = re.search(rf'<svg[^>]*id="chart-{item.fact.id}".*?</svg>', compare, re.S).group(0)
        report_chart = re.search(rf'<svg[^>]*id="chart-{item.fact.id}".*?</svg>',
                                 page(built_site, f"{LANGS[lang]}{item.fact.report_id}/"), re.S).group(0)
        for svg in (chart, report_chart):
            assert points.strip() in html.unescape(svg)
            relative = f"{abs(item.relative):.1f}%"
            assert relative not in svg  # never a percent of a percent
        row = table[table.index(f"#{item.fact.id}"):]
        row = row[:row.index("</tr>")]
        assert points.strip() in html.unescape(row)
        assert str(escape(dataset.ui["outcome.not_applicable"].get(lang))) in row


def readings(dataset):
    """(page, text) for every mark of the site's reading in the data."""
    for fact in dataset.facts.values():
        if fact.reading:
            yield f"{fact.report_id}/", fact.reading
    for dimension in dataset.dimensions:
        for cell in dimension.cells:
            if cell.reading:
                yield "compare/", cell.reading
    for theme in dataset.themes:
        if theme.reading:
            yield f"themes/{theme.id}/", theme.reading
    for term in dataset.terms:
        if term.reading:
            yield "glossary/", term.reading


@pytest.mark.parametrize("lang", LANGS)
def test_every_mark_of_the_sites_reading_renders_marked_in_both_languages(built_site, dataset, lang):
    marks = list(readings(dataset))
    assert marks, "the data marks its own readings (pairings, framings, interpretations)"
    label = str(escape(dataset.ui["reading"].get(lang)))
    for url, reading in marks:
        text = page(built_site, LANGS[lang] + url)
        plain = re.sub(r"<[^>]+>", "", text)
        assert html.unescape(reading.get(lang))[:30] in html.unescape(plain), (url, reading.get(lang))
        shown = [m for m in re.finditer(r'class="rr-reading"[^>]*>(.*?)</(?:aside|p)>', text, re.S)]
        assert any(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).find(html.unescape(reading.get(lang))[:20]) >= 0
                   for m in shown), (url, reading.get(lang))
        assert label in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_contributor_is_not_called_the_publisher(built_site, dataset, lang):
    for report in dataset.reports:
        meta = page(built_site, f"{LANGS[lang]}{report.id}/")
        meta = meta[meta.index('class="rr-meta"'):]
        meta = meta[:meta.index("</dl>")]
        expected = "publisher" if report.publisher else "contributor"
        other = "contributor" if report.publisher else "publisher"
        assert str(escape(dataset.ui[expected].get(lang))) in meta
        assert f"<dt>{escape(dataset.ui[other].get(lang))}</dt>" not in meta
        assert str(escape(report.credit.get(lang))) in meta


@pytest.mark.parametrize("lang", LANGS)
def test_the_comparison_says_what_kind_of_document_each_report_is(built_site, dataset, lang):
    compare = page(built_site, LANGS[lang] + "compare/")
    head = compare[compare.index('class="rr-compare"'):]
    head = head[:head.index("</thead>")]
    compared = {cell.report_id for dimension in dataset.dimensions for cell in dimension.cells}
    for report_id in compared:
        assert str(escape(dataset.report(report_id).document_type.get(lang))) in head


class _Headings(HTMLParser):
    """Text of h1–h4 inside the page content, leaving out anything marked lang="zh"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.zh = 0
        self.stack: list[bool] = []
        self.found: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4"):
            self.depth += 1
            self.current = []
        if self.depth:
            is_zh = attrs.get("lang", "").startswith("zh")
            self.stack.append(is_zh)
            self.zh += is_zh

    def handle_endtag(self, tag):
        if self.depth and self.stack:
            self.zh -= self.stack.pop()
        if tag in ("h1", "h2", "h3", "h4") and self.depth:
            self.depth -= 1
            self.found.append("".join(self.current))

    def handle_data(self, data):
        if self.depth and not self.zh:
            self.current.append(data)


def test_english_headings_carry_no_chinese_except_marked_originals(built_site):
    offending = []
    for path in sorted((built_site / "en").rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        content = text[text.find('class="md-content"'):]
        parser = _Headings()
        parser.feed(content)
        offending += [f"{path.relative_to(built_site)}: {h.strip()}" for h in parser.found if CJK.search(h)]
    assert offending == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_theme_whose_figures_are_not_comparable_gets_no_chart(built_site, dataset, lang):
    """Bars side by side say the figures compare; where the site's own reading says they do
    not (174 and 181 items counted differently), no chart is drawn."""
    not_comparable = [theme for theme in dataset.themes if not theme.comparable]
    assert not_comparable, "the data marks a theme whose figures do not compare"
    index = page(built_site, LANGS[lang] + "themes/")
    for theme in not_comparable:
        assert f"chart-{theme.id}" not in index
        assert f"chart-{theme.id}" not in page(built_site, f"{LANGS[lang]}themes/{theme.id}/")
