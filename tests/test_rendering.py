"""Rendering: data text reaches HTML escaped, never as markup and never as a template;
English pages mark Chinese runs as Chinese; headings keep stable ids."""

from __future__ import annotations

from dataclasses import replace

import markdown
import pytest

from macros.render import reports as render
from macros.render.escaping import heading_markdown, text_html
from macros.model.dataset import Text

PAYLOAD = '<script>alert(1)</script> {{ 7*7 }} {% raw %} *bold* | pipe & "quote"'


def test_text_is_escaped():
    html = str(text_html(PAYLOAD, "zh"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html  # shown literally, never evaluated


def test_chinese_runs_in_english_text_are_marked():
    html = str(text_html("the “bureau–zone integration” (局区合一) reform under 成委厅〔2020〕15号", "en"))
    assert '<span lang="zh">局区合一</span>' in html
    assert '<span lang="zh">成委厅〔2020〕15号</span>' in html


def test_chinese_pages_do_not_wrap_chinese():
    assert "<span" not in str(text_html("局区合一", "zh"))


def test_heading_text_cannot_inject_markdown_or_html():
    rendered = markdown.markdown(f"## {heading_markdown(PAYLOAD, 'en')} {{ #safe-id }}", extensions=["attr_list"])
    assert "<script>" not in rendered
    assert "<strong>" not in rendered and "<em>" not in rendered
    assert 'id="safe-id"' in rendered
    assert "*bold*" in rendered


def poisoned(dataset):
    """The real data set with a payload in one fact's every text."""
    report = dataset.reports[0]
    section = report.sections[0]
    fact = section.all_facts()[0]
    bad = Text(zh=PAYLOAD, en=PAYLOAD)
    fact = replace(fact, text=bad, title=bad, caveat=bad)
    section = replace(section, facts=(fact,), parts=(), title=bad, intro=bad)
    report = replace(report, sections=(section,), summary=bad, short_title=bad, headline=())
    facts = {**dataset.facts, fact.id: fact}
    return replace(dataset, reports=(report,) + dataset.reports[1:], facts=facts), report.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_payload_in_every_text_comes_out_escaped(dataset, lang):
    data, report_id = poisoned(dataset)
    page_markdown = render.report_page(data, report_id, lang, f"{'en/' if lang == 'en' else ''}{report_id}/")
    html = markdown.markdown(page_markdown, extensions=["attr_list", "toc"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html  # still there: never evaluated as a template


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_page_has_every_fact_with_its_anchor(dataset, lang):
    for report in dataset.reports:
        page = render.report_page(dataset, report.id, lang, f"{report.id}/")
        for fact in report.all_facts():
            assert f'id="{fact.id}"' in page
        for section in report.sections:
            assert f"{{ #{section.id} }}" in page


def test_report_html_blocks_survive_markdown(dataset):
    """Markdown would end a raw HTML block at a blank line and mangle the rest."""
    page = render.report_page(dataset, "xingu", "en", "en/xingu/")
    html = markdown.markdown(page, extensions=["attr_list", "toc"])
    assert html.count("<article") == len(dataset.report("xingu").all_facts())
    assert "<p>&lt;" not in html and "<pre>" not in html


def test_english_fact_shows_chinese_original_title_for_documents(dataset):
    documents = [f for f in dataset.report("xingu").all_facts() if f.kind == "document"]
    page = render.report_page(dataset, "xingu", "en", "en/xingu/")
    for doc in documents:
        assert f'<span class="rr-original" lang="zh">{doc.title.zh}</span>' in page


def test_links_are_relative_to_the_page(dataset):
    cards = str(render.report_cards(dataset, "en", "en/"))
    assert 'href="../en/xingu/"' in cards and 'href="../en/shuangliu/"' in cards
    zh_cards = str(render.report_cards(dataset, "zh", ""))
    assert 'href="xingu/"' in zh_cards


def test_the_same_fact_card_serves_every_page_with_its_own_links(dataset):
    report_page = render.report_page(dataset, "xingu", "en", "en/xingu/")
    print_page = render.print_page(dataset, "xingu", "en", "en/print/xingu/")
    assert 'href="../../en/glossary/#' in report_page and 'href="../../../en/glossary/#' in print_page
    assert "\ue000" not in report_page + print_page


def test_headline_card_flags_a_figure_the_source_leaves_uncertain(dataset):
    report = dataset.report("xingu")
    uncertain = [fid for fid in report.headline if dataset.fact(fid).caveat]
    assert uncertain, "the industry-scale headline carries a caveat"
    cards = str(render.headline_figures(dataset, "xingu", "en", "en/xingu/"))
    assert cards.count('class="rr-card__caveat"') == len(uncertain)


def test_citation_code_keeps_braces_visible_but_not_as_template_syntax():
    from macros.render.escaping import code_html

    html = str(code_html("author = {{Office}}, title = {关于}", "en"))
    assert "{{" not in html and "&#123;&#123;Office&#125;&#125;" in html
    assert '<span lang="zh">关于</span>' in html


def test_heading_text_keeps_quotes_as_characters():
    assert heading_markdown("Chengdu Xingu's “reform”", "en") == "Chengdu Xingu's “reform”"
