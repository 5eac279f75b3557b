"""Pages that span the reports: comparison, outcome figures, peers, timeline, themes, glossary.

Like `render`, each function works out plain view data and hands it to a template.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from . import charts

from . import links
from .escaping import heading_markdown
from .formatting import babel_locale, format_change_percent, format_date, format_quantity, signed, with_unit
from ..data.interface import fill
from ..model.dataset import Dataset, PartialDate
from ..model.outcomes import outcomes
from .reports import COLON, LIST_SEPARATOR, Page, facts_block, outcome_chart, term_matcher


def _report_heads(page: Page, report_ids: list[str]) -> list[dict]:
    return [
        {
            "id": report.id,
            "href": page.href(links.page_url(page.lang, report.id)),
            "title": page.text(report.short_title),
            "year": format_date(PartialDate(report.published.year), page.lang),
            # What kind of document it is: a success story published by a government reads
            # differently from a study that names its own difficulties.
            "document_type": page.text(report.document_type) if report.document_type else None,
        }
        for report in (page.dataset.report(r) for r in report_ids)
    ]


def comparison_table(dataset: Dataset, lang: str, url: str):
    page = Page(dataset, lang, url)
    rows = []
    for dimension in dataset.dimensions:
        cells = []
        for cell in dimension.cells:
            if cell.text is None:
                cells.append({"stated": False})
            else:
                cells.append({
                    "stated": True,
                    "text": page.text(cell.text, mark_terms=True, key=f"{dimension.id}.{cell.report_id}"),
                    "facts": [page.fact_link(fact_id) for fact_id in cell.facts],
                    "reading": page.text(cell.reading, key=f"{dimension.id}.{cell.report_id}.reading") if cell.reading else None,
                })
        rows.append({"id": dimension.id, "title": page.text(dimension.title), "cells": cells})
    columns = [cell.report_id for cell in dataset.dimensions[0].cells] if dataset.dimensions else []
    return page.finish(page.render("comparison.html", reports=_report_heads(page, columns), rows=rows))


def outcome_table(dataset: Dataset, lang: str, url: str):
    page = Page(dataset, lang, url)
    locale = babel_locale(lang)
    rows = []
    for item in outcomes(dataset):
        q = item.fact.quantity
        if item.percentage_points:
            absolute = fill(page.t("percentage_points"), format_decimal(abs(item.absolute), locale=locale))
        else:
            absolute = with_unit(abs(item.absolute), lang, q.unit)
        stated = None
        if item.stated is not None:
            stated = format_change_percent(item.stated, lang)
        rows.append({
            "report": page.text(dataset.report(item.fact.report_id).short_title),
            "link": page.fact_link(item.fact.id),
            "before": with_unit(q.before, lang, q.unit),
            "after": with_unit(q.after, lang, q.unit),
            "absolute": signed(item.absolute, absolute),
            # A share changes in points (the absolute column); a percent of a percent misleads.
            "relative": page.t("outcome.not_applicable") if item.percentage_points else format_change_percent(item.relative, lang),
            "better": page.t(f"better.{q.better}"),
            "improved": page.t("outcome.improved" if item.improved else "outcome.worsened"),
            "stated": stated,
            "matches": item.stated_matches,
            "caveat": item.fact.caveat is not None,
        })
    return page.finish(page.render("outcomes.html", rows=rows))


def outcome_charts(dataset: Dataset, lang: str, url: str):
    """Every before/after figure as a small chart; the table below holds the same numbers."""
    page = Page(dataset, lang, url)
    figures = [
        {"chart": outcome_chart(item.fact, page), "link": page.fact_link(item.fact.id),
         "report": page.text(dataset.report(item.fact.report_id).short_title)}
        for item in outcomes(dataset)
    ]
    return page.finish(page.render("outcome_charts.html", figures=figures))


def peers_table(dataset: Dataset, lang: str, url: str):
    page = Page(dataset, lang, url)
    rows = [
        {
            "link": page.fact_link(fact.id),
            "original": fact.title.zh if lang != "zh" else None,
            "place": page.text(fact.place),
            "text": page.text(fact.text, mark_terms=True),
            "report": page.text(dataset.report(fact.report_id).short_title),
        }
        for report in dataset.reports
        for fact in report.all_facts()
        if fact.kind == "peer"
    ]
    return page.finish(page.render("peers.html", rows=rows))


def timeline(dataset: Dataset, lang: str, url: str):
    """Every dated fact of every report, and each report's publication, in date order."""
    page = Page(dataset, lang, url)
    entries = []
    for report in dataset.reports:
        published = PartialDate(report.published.year, report.published.month, report.published.day)
        entries.append((published, 0, {
            "publication": True,
            "date": format_date(published, lang),
            "iso": published.iso(),
            "kind": page.t("timeline.published"),
            "link": {"href": page.href(links.page_url(lang, report.id)), "label": page.text(report.short_title)},
            "report": page.text(report.short_title),
        }))
        for fact in report.all_facts():
            if fact.date:
                entries.append((fact.date, 1, {
                    "publication": False,
                    "date": format_date(fact.date, lang),
                    "iso": fact.date.iso(),
                    "kind": page.t(f"kind.{fact.kind}"),
                    "link": page.fact_link(fact.id),
                    "report": page.text(report.short_title),
                }))
    # A date known only to the year sorts before the dated events of that year.
    entries.sort(key=lambda e: (e[0].year, e[0].month or 0, e[0].day or 0, e[1]))
    years: list[dict] = []
    for when, _, entry in entries:
        if not years or years[-1]["year"] != when.year:
            years.append({"year": when.year, "label": format_date(PartialDate(when.year), lang), "entries": []})
        years[-1]["entries"].append(entry)
    graphic = charts.timeline(
        "timeline-graphic",
        page.t("timeline.title"),
        fill(page.t("timeline.desc"), format_decimal(len(entries), locale=babel_locale(lang)),
             years[0]["label"] if years else "", years[-1]["label"] if years else ""),
        [
            charts.TimelineEvent(when.year, entry["date"], str(entry["link"]["label"].striptags()),
                                 entry["link"]["href"], "publication" if entry["publication"] else "event")
            for when, _, entry in entries
        ],
    )
    return page.finish(page.render("timeline.html", years=years, graphic=graphic))


def theme_chart(theme, page: Page):
    """The reports side by side on the theme's figure: when each report gives exactly one
    single-value figure in a shared unit, unless the theme says its figures are not comparable;
    else None."""
    if not theme.comparable:
        return None
    figures = [page.dataset.fact(f) for f in theme.facts]
    figures = [f for f in figures if f.quantity is not None and f.quantity.shape == "value"]
    by_unit: dict[str, dict[str, list]] = {}
    for fact in figures:
        by_unit.setdefault(fact.quantity.unit.key, {}).setdefault(fact.report_id, []).append(fact)
    comparable = [per_report for per_report in by_unit.values()
                  if len(per_report) >= 2 and all(len(facts) == 1 for facts in per_report.values())]
    if not comparable:
        return None
    lang = page.lang
    ordered = [report.id for report in page.dataset.reports]
    facts = sorted((facts[0] for facts in comparable[0].values()), key=lambda f: ordered.index(f.report_id))
    bars = [
        charts.Bar(
            page.dataset.report(f.report_id).short_title.get(lang),
            f.quantity.value,
            format_quantity(f.quantity, lang, page.dataset.ui).main,
            "a",
            page.href(links.fact_url(lang, f.report_id, f.id)),
        )
        for f in facts
    ]
    desc = LIST_SEPARATOR[lang].join(f"{b.label}{COLON[lang]}{b.shown}" for b in bars)
    return charts.bar_chart(f"chart-{theme.id}", theme.title.get(lang), desc, bars)


def _theme_summary(theme, page: Page):
    return page.render("theme_summary.html", summary=page.text(theme.summary, mark_terms=True, key=f"{theme.id}.summary"),
                       reading=page.text(theme.reading, key=f"{theme.id}.reading") if theme.reading else None,
                       chart=theme_chart(theme, page))


def _facts_by_report(dataset: Dataset, theme):
    for report in dataset.reports:
        facts = tuple(dataset.fact(f) for f in theme.facts if dataset.fact(f).report_id == report.id)
        if facts:
            yield report, facts


def themes_index(dataset: Dataset, lang: str, url: str) -> str:
    """Every theme: a heading with its old anchor, what links the reports, and links to its
    facts and to its own page. The fact cards live on the theme's page: all of them on one
    page made it too heavy for a phone."""
    page = Page(dataset, lang, url)
    out = []
    for theme in dataset.themes:
        out.append(f"## {heading_markdown(theme.title.get(lang), lang)} {{ #{theme.id} }}")
        out.append(_theme_summary(theme, page))
        reports = [{"title": page.text(report.short_title), "facts": [page.fact_link(f.id) for f in facts]}
                   for report, facts in _facts_by_report(dataset, theme)]
        out.append(page.render("theme_entry.html", reports=reports, href=page.href(links.theme_url(lang, theme.id)),
                               label=fill(page.t("theme.open"), theme.title.get(lang))))
    return page.finish("\n\n".join(out) + "\n")


def theme_page(dataset: Dataset, theme_id: str, lang: str, url: str, repo_url: str = "") -> str:
    """One theme: what links the reports, then each report's facts on it, as cards."""
    page = Page(dataset, lang, url, repo_url)
    theme = dataset.theme(theme_id)
    out = [f"# {heading_markdown(theme.title.get(lang), lang)}", _theme_summary(theme, page)]
    for report, facts in _facts_by_report(dataset, theme):
        out.append(f"## {heading_markdown(report.short_title.get(lang), lang)} {{ #{theme.id}-{report.id} }}")
        out.append(facts_block(facts, None, page, level=3, home=False))
    return page.finish("\n\n".join(out) + "\n")


def _page_texts(dataset: Dataset, lang: str) -> list[tuple[str, str, list[str]]]:
    """(page stem, page title, texts marked on that page) for every page that marks terms."""
    pages = []
    for report in dataset.reports:
        texts = [report.summary.get(lang)]
        for section in report.sections:
            texts += [x.get(lang) for x in [section.intro, *(p.intro for p in section.parts)] if x]
        texts += [f.text.get(lang) for f in report.all_facts()]
        pages.append((report.id, report.short_title.get(lang), texts))
    ui = dataset.ui
    if dataset.dimensions:
        texts = [c.text.get(lang) for d in dataset.dimensions for c in d.cells if c.text]
        pages.append((links.COMPARE_PAGE, ui["page.compare"].get(lang), texts))
    if dataset.themes:
        pages.append((links.THEMES_PAGE, ui["page.themes"].get(lang), [t.summary.get(lang) for t in dataset.themes]))
    return pages


def glossary_list(dataset: Dataset, lang: str, url: str):
    page = Page(dataset, lang, url)
    matcher = term_matcher(dataset.terms, lang)
    used_on: dict[str, list[dict]] = {}
    for stem, title, texts in _page_texts(dataset, lang):
        counts: dict[str, int] = {}
        for text in texts:
            for term_id in matcher.found(text):
                counts[term_id] = counts.get(term_id, 0) + 1
        for term_id, count in counts.items():
            used_on.setdefault(term_id, []).append({
                "href": page.href(links.page_url(lang, stem)),
                "title": title,
                "count": fill(page.t("glossary.entries"), format_decimal(count, locale=babel_locale(lang))),
            })
    terms = sorted(dataset.terms, key=lambda t: t.term.en.lower()) if lang == "en" else dataset.terms
    entries = [
        {
            "id": term.id,
            "zh": term.term.zh,
            "en": term.term.en,
            "definition": page.text(term.definition, key=f"{term.id}.definition"),
            "reading": page.text(term.reading, key=f"{term.id}.reading") if term.reading else None,
            "used_on": used_on.get(term.id, []),
        }
        for term in terms
    ]
    return page.finish(page.render("glossary.html", entries=entries, lang=lang))

