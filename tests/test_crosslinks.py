"""Links across facts and reports: stated changes checked against their figures,
problems and recommendations, comparison cells, themes, glossary terms."""

from __future__ import annotations

import pytest

from macros.render import reports as render
from macros.model.dataset import Term, Text
from macros.model.outcomes import outcome
from macros.render.terms import matcher_for, search_words
from macros.model.load import load_dataset
from test_validate import MINIMAL, line_number

CHANGE = """      - id: sample-startup-time
        kind: figure
        title: {zh: 开办时间, en: Start-up time}
        text: {zh: 企业开办时间。, en: Time to start a business.}
        quantity:
          before: 20
          after: 0.5
          stated_change: -98
          better: lower
          unit: day
        source: {section: intro, paragraph: 1}
"""
PROBLEM_AND_ANSWER = """      - id: sample-problem
        kind: problem
        title: {zh: 问题, en: A problem}
        text: {zh: 一个问题。, en: A problem.}
        source: {section: intro, paragraph: 1}
      - id: sample-advice
        kind: recommendation
        title: {zh: 建议, en: Advice}
        text: {zh: 一条建议。, en: Advice.}
        answers: [sample-problem]
        source: {section: intro, paragraph: 1}
"""
OTHER = (MINIMAL.replace("id: sample\n", "id: other\n").replace("order: 9", "order: 8")
         .replace("sample-", "other-"))


def with_facts(extra: str) -> str:
    return MINIMAL + extra


def load(data_dir, report: str, **files: str):
    data_dir.write("reports/sample.yaml", report)
    data_dir.write("reports/other.yaml", OTHER)
    for name, text in files.items():
        data_dir.write(f"{name}.yaml", text)
    dataset, problems = load_dataset(data_dir, data_dir.parent)
    return dataset, [str(p) for p in problems]


def test_a_stated_change_that_matches_within_rounding_passes(data_dir):
    dataset, problems = load(data_dir, with_facts(CHANGE))
    assert problems == []
    result = outcome(dataset.fact("sample-startup-time"))
    assert result.relative == pytest.approx(-97.5)
    assert result.absolute == pytest.approx(-19.5)
    assert result.improved and result.stated_matches


def test_a_stated_change_that_disagrees_fails_naming_the_fact(data_dir):
    text = with_facts(CHANGE.replace("stated_change: -98", "stated_change: -90"))
    _, problems = load(data_dir, text)
    line = line_number(text, "stated_change: -90")
    assert problems == [f"data/reports/sample.yaml:{line}: sample-startup-time › quantity › stated_change: fact `sample-startup-time`: "
                        "the stated change -90% does not match 20 → 0.5, which is -97.5%; check the figures against the source"]


def test_before_and_after_need_a_better_direction(data_dir):
    _, problems = load(data_dir, with_facts(CHANGE.replace("          better: lower\n", "")))
    assert any("needs `better: lower` or `better: higher`" in p for p in problems)


def test_problems_show_the_recommendations_that_answer_them(data_dir):
    dataset, problems = load(data_dir, with_facts(PROBLEM_AND_ANSWER))
    assert problems == []
    assert dataset.answered_by["sample-problem"] == ("sample-advice",)
    page = render.report_page(dataset, "sample", "en", "en/sample/")
    problem_card = page[page.index('id="sample-problem"'):page.index('id="sample-advice"')]
    assert 'Answered by' in problem_card and 'href="../../en/sample/#sample-advice"' in problem_card
    assert 'href="../../en/sample/#sample-problem"' in page[page.index('id="sample-advice"'):]


def test_a_recommendation_must_answer_a_problem(data_dir):
    text = with_facts(PROBLEM_AND_ANSWER.replace("answers: [sample-problem]", "answers: [sample-revenue]"))
    _, problems = load(data_dir, text)
    assert any("answers › item 1: `sample-revenue` is a `figure`; a `problem` is expected here" in p for p in problems)


def test_related_links_run_both_ways(data_dir):
    dataset, _ = load(data_dir, MINIMAL)
    assert dataset.referenced_by["sample-revenue"] == ("sample-launch",)
    page = render.report_page(dataset, "sample", "zh", "sample/")
    revenue_card = page[page.index('id="sample-revenue"'):page.index('id="sample-launch"')]
    assert 'href="../sample/#sample-launch"' in revenue_card


COMPARISON = """reports: [sample, other]
dimensions:
  - id: compare-money
    title: {zh: 收入, en: Revenue}
    cells:
      sample:
        text: {zh: 有收入。, en: Revenue is reported.}
        facts: [sample-revenue]
      other:
        not_stated: true
"""


def test_comparison_cells_rest_on_facts_of_their_own_report(data_dir):
    dataset, problems = load(data_dir, MINIMAL, comparison=COMPARISON)
    assert problems == []
    html = str(render_comparison(dataset))
    assert "Not addressed in this report." in html and "#sample-revenue" in html
    _, problems = load(data_dir, MINIMAL, comparison=COMPARISON.replace("facts: [sample-revenue]", "facts: [other-revenue]"))
    assert any("`other-revenue` belongs to the report `other`; use a fact of `sample` here" in p for p in problems)


def render_comparison(dataset):
    from macros.render.crosspages import comparison_table

    return comparison_table(dataset, "en", "en/compare/")


def test_every_report_needs_a_cell_and_not_stated_means_nothing_else(data_dir):
    _, problems = load(data_dir, MINIMAL, comparison=COMPARISON.replace("      other:\n        not_stated: true\n", ""))
    assert any("no cell for the report `other`" in p for p in problems)
    _, problems = load(data_dir, MINIMAL, comparison=COMPARISON.replace("not_stated: true", "not_stated: true\n        facts: [other-revenue]"))
    assert any("a `not_stated` cell has no text or facts" in p for p in problems)


THEMES = """themes:
  - id: theme-money
    title: {zh: 收入, en: Revenue}
    summary: {zh: 两份报告都有收入。, en: Both report revenue.}
    facts: [sample-revenue, other-revenue]
"""


def test_themes_span_reports_and_show_on_fact_cards(data_dir):
    dataset, problems = load(data_dir, MINIMAL, themes=THEMES)
    assert problems == []
    assert dataset.themes_of["other-revenue"] == ("theme-money",)
    page = render.report_page(dataset, "other", "en", "en/other/")
    assert 'href="../../en/themes/theme-money/"' in page
    _, problems = load(data_dir, MINIMAL, themes=THEMES.replace("other-revenue", "sample-launch"))
    assert any("a theme cites facts of at least two reports" in p for p in problems)
    _, problems = load(data_dir, MINIMAL, themes=THEMES.replace("other-revenue", "other-revenu"))
    assert any("facts › item 2: no fact has the id `other-revenu`" in p for p in problems)


GLOSSARY = """terms:
  - id: term-statutory-body
    term: {zh: 法定机构, en: statutory body}
    also: {zh: [], en: [statutory bodies]}
    definition: {zh: 依法设立的公共机构。, en: A public body set up by law.}
  - id: term-bureau-zone
    term: {zh: 局区合一, en: bureau–zone integration}
    definition: {zh: 部门与园区一体运行。, en: Bureaus and zones run as one.}
"""


def test_one_form_cannot_mark_two_terms(data_dir):
    _, problems = load(data_dir, MINIMAL, glossary=GLOSSARY.replace("en: [statutory bodies]", "en: [bureau–zone integration]"))
    assert any("term-bureau-zone: the form “bureau–zone integration” also belongs to `term-statutory-body`" in p for p in problems)


def terms() -> tuple[Term, ...]:
    return (
        Term("term-statutory-body", Text("法定机构", "statutory body"), Text("依法设立。", "Set up by law."), (), ("statutory bodies",)),
        Term("term-bureau-zone", Text("局区合一", "bureau–zone integration"), Text("一体运行。", "Run as one."), ("局区",), ()),
    )


def test_terms_are_found_inside_running_chinese_text_once_each():
    segments = matcher_for(terms(), "zh").segments("成都芯谷推行局区合一改革，后改设法定机构；法定机构依法设立。")
    marked = [text for text, term in segments if term]
    assert marked == ["局区合一", "法定机构"]
    assert "".join(text for text, _ in segments) == "成都芯谷推行局区合一改革，后改设法定机构；法定机构依法设立。"


def test_english_terms_match_whole_words_in_any_case():
    found = matcher_for(terms(), "en").segments("Statutory bodies differ from a statutory bodyguard.")
    assert [(t, term.id) for t, term in found if term] == [("Statutory bodies", "term-statutory-body")]


def test_english_pages_also_find_the_chinese_form():
    found = matcher_for(terms(), "en").segments("the reform (局区合一)")
    assert [t for t, term in found if term] == ["局区合一"]


def test_marked_terms_link_to_the_glossary_with_a_tooltip(data_dir):
    dataset, problems = load(data_dir, MINIMAL.replace("en: Sample revenue.", "en: Revenue of a statutory body & more."), glossary=GLOSSARY)
    assert problems == []
    page = render.report_page(dataset, "sample", "en", "en/sample/")
    assert '<a class="rr-term" href="../../en/glossary/#term-statutory-body" data-tip="A public body set up by law.">statutory body</a> &amp; more.' in page


def test_glossary_terms_feed_the_search_segmenter():
    assert search_words(terms()) == ["法定机构", "局区合一", "局区"]


def test_the_comparison_names_the_reports_it_compares(data_dir):
    _, problems = load(data_dir, MINIMAL, comparison=COMPARISON.replace("reports: [sample, other]", "reports: [sample, nonesuch]"))
    assert any("reports › item 2: `nonesuch` is not a report id" in p for p in problems)


def test_a_term_is_marked_once_per_section_of_a_page():
    from macros.render.terms import first_marks_per_section

    def mark(term: str, text: str) -> str:
        return f'<a class="rr-term" href="../glossary/#term-{term}" data-tip="What {term} means.">{text}</a>'

    page = (f"<p>{mark('a', 'A')} and {mark('b', 'B')}, then {mark('a', 'a again')}.</p>"
            f'<h2 id="next">Next</h2><p>{mark("a", "A")} and {mark("a", "A twice")}</p>')
    assert first_marks_per_section(page) == (
        f"<p>{mark('a', 'A')} and {mark('b', 'B')}, then a again.</p>"
        f'<h2 id="next">Next</h2><p>{mark("a", "A")} and A twice</p>')
