"""From the model to page content, for one language.

Python works out what to show (view models of plain strings); small Jinja templates in
`templates/` lay it out. The Jinja environment here is our own, with autoescaping on:
every data value is escaped, and none is ever rendered as a template.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import charts

from . import citation

from . import links
from .datafiles import edit_url
from .escaping import code_html, heading_markdown, one_html_block, text_html
from .formatting import format_change, format_change_percent, format_clock_time, plain_number, format_count, format_date, format_quantity, with_unit
from ..data.interface import fill
from ..model.dataset import Dataset, Fact, PartialDate, Report, Section, Term
from ..model.outcomes import outcome
from .terms import TermMatcher, matcher_for

TEMPLATES = Path(__file__).parent / "templates"
SEPARATOR = {"zh": "，", "en": ", "}
COLON = {"zh": "：", "en": ": "}
LIST_SEPARATOR = {"zh": "；", "en": "; "}
META_SEPARATOR = " · "
TITLED_ORIGINAL_KINDS = ("document", "body")


_CACHE: dict = {"dataset": None, "entries": {}}


def _cache_for(dataset: Dataset) -> dict:
    """Rendered pieces that do not depend on the page (links are marked, see `links`), kept
    for the data set they were made from; a new data set (an edit under `make serve`)
    starts afresh."""
    if _CACHE["dataset"] is not dataset:
        _CACHE["dataset"], _CACHE["entries"] = dataset, {}
    return _CACHE["entries"]


@lru_cache(maxsize=8)
def term_matcher(terms: tuple[Term, ...], lang: str) -> TermMatcher:
    return matcher_for(terms, lang)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


class Page:
    """What a renderer needs to know about the page it writes into. `repo_url`, the site's
    repository (empty when it has none), gives fact cards their "suggest a correction" link."""

    def __init__(self, dataset: Dataset, lang: str, url: str, repo_url: str = "", history: dict | None = None):
        self.dataset = dataset
        self.lang = lang
        self.url = url
        self.repo_url = repo_url
        # From the data's releases (macros/render/changes.py), when known: "revised" lines by
        # fact id (`revised`) and the release citations name (`release`).
        self.revised = (history or {}).get("revised", {})
        self.release = (history or {}).get("release")

    def t(self, key: str) -> str:
        return self.dataset.ui[key].get(self.lang)

    def text(self, value, mark_terms: bool = False, key: str | None = None) -> Markup:
        """Data text as safe HTML; with `mark_terms`, glossary terms link to their entry.
        With `key`, an English text that lags behind its revised Chinese is marked."""
        cache = _cache_for(self.dataset)
        cache_key = ("text", value, self.lang, mark_terms)
        if cache_key not in cache:
            cache[cache_key] = self._text(value, mark_terms)
        html = cache[cache_key]
        if key and self.lang != "zh" and key in self.dataset.stale:
            html += Markup(' <span class="rr-stale">{}</span>').format(self.t("stale"))
        return html

    def _text(self, value, mark_terms: bool) -> Markup:
        raw = value.get(self.lang)
        if not mark_terms or not self.dataset.terms:
            return text_html(raw, self.lang)
        pieces = []
        for segment, term in term_matcher(self.dataset.terms, self.lang).segments(raw):
            html = text_html(segment, self.lang)
            if term is None:
                pieces.append(html)
            else:
                # The definition shows as a tooltip (assets/term-tips.js), not as a `title`: Material
                # would mount a tooltip of its own for each title as the page loads.
                pieces.append(Markup('<a class="rr-term" href="{}" data-tip="{}">{}</a>').format(
                    self.href(links.term_url(self.lang, term.id)), term.definition.get(self.lang), html))
        return Markup("").join(pieces)

    def href(self, site_url: str) -> str:
        return links.rooted(site_url)

    def finish(self, output):
        """The page's output with its links resolved (see `links.ROOT_MARK`)."""
        resolved = links.resolve(str(output), self.url)
        return Markup(resolved) if isinstance(output, Markup) else resolved

    def fact_link(self, fact_id: str) -> dict:
        fact = self.dataset.fact(fact_id)
        return {"href": self.href(links.fact_url(self.lang, fact.report_id, fact_id)), "label": self.text(fact_name(fact))}

    def render(self, template: str, **context) -> Markup:
        html = _environment().get_template(template).render(t=self.t, separator=SEPARATOR[self.lang], colon=COLON[self.lang], **context)
        return Markup(one_html_block(html))


# ---------------------------------------------------------------------------
# Facts

def _source_place(fact: Fact, page: Page) -> str:
    place = fill(page.t("source.paragraph"), format_count(fact.source.paragraph, page.lang))
    if fact.source.point:
        place += SEPARATOR[page.lang] + fill(page.t("source.point"), format_count(fact.source.point, page.lang))
    return place


def fact_name(fact: Fact):
    """A fact's short name, for links and lists: its title, or else its text."""
    return fact.title or fact.text


def _fact_view(fact: Fact, page: Page, home: bool = True) -> dict:
    """A fact card. At `home` (its report's page) the card carries the fact's anchor; a copy
    elsewhere (a theme) links back to it instead, so ids stay unique."""
    lang = page.lang
    report = page.dataset.report(fact.report_id)
    answers = fact.answers
    answered_by = page.dataset.answered_by.get(fact.id, ())
    related = [r for r in dict.fromkeys(fact.related + page.dataset.referenced_by.get(fact.id, ())) if r not in answers + answered_by]
    view = {
        "id": fact.id,
        "anchor": home,
        "permalink": f"#{fact.id}" if home else page.href(links.fact_url(lang, fact.report_id, fact.id)),
        "kind": fact.kind,
        "title": page.text(fact.title, key=f"{fact.id}.title") if fact.title else None,
        "original_title": None,
        "text": page.text(fact.text, mark_terms=True, key=f"{fact.id}.text"),
        "place": page.text(fact.place) if fact.place else None,
        "date": format_date(fact.date, lang) if fact.date else None,
        "date_iso": fact.date.iso() if fact.date else None,
        "quantity": format_quantity(fact.quantity, lang, page.dataset.ui) if fact.quantity else None,
        "quantity_value": _machine_value(fact),
        "chart": outcome_chart(fact, page) if fact.quantity and fact.quantity.shape == "change" else None,
        "number": page.text(fact.number) if fact.number else None,
        "original_number": None,
        "issuer": page.text(fact.issuer) if fact.issuer else None,
        "caveat": page.text(fact.caveat, key=f"{fact.id}.caveat") if fact.caveat else None,
        "reading": page.text(fact.reading, key=f"{fact.id}.reading") if fact.reading else None,
        # Links run both ways: what this fact names, and what names it.
        "related": [page.fact_link(ref) for ref in related],
        "answers": [page.fact_link(ref) for ref in answers],
        "answered_by": [page.fact_link(ref) for ref in answered_by],
        "themes": [
            {"href": page.href(links.theme_url(lang, theme_id)), "label": page.text(page.dataset.theme(theme_id).title)}
            for theme_id in page.dataset.themes_of.get(fact.id, ())
        ],
        # On its report's page the report is the page's own title; a copy elsewhere names it.
        "report_title": None if home else report.short_title.get(lang),
        "source_section": page.text(fact.source.section_label),
        "source_place": _source_place(fact, page),
        "plain_label": fact_name(fact).get(lang),
        # GitHub's web editor at the fact's line, for editors who have only a browser.
        "suggest": edit_url(page.repo_url, fact.data_file, fact.line) if fact.data_file else "",
        # Its latest revision since its first release, and its former id (links to it still land here).
        "revised": page.revised.get(fact.id) if home else None,
        "former_id": fact.predecessor if home else None,
    }
    if lang != "zh":
        # An English reader who wants the official name gets it beside the translation.
        if fact.title and fact.kind in TITLED_ORIGINAL_KINDS:
            view["original_title"] = fact.title.zh
        if fact.number:
            view["number"] = fact.number.en
            view["original_number"] = fact.number.zh
    return view


def outcome_chart(fact: Fact, page: Page) -> Markup:
    """Before and after as two bars, labelled in the page's language."""
    q = fact.quantity
    result = outcome(fact)
    lang = page.lang
    before, after = with_unit(q.before, lang, q.unit), with_unit(q.after, lang, q.unit)
    change = format_quantity(q, lang, page.dataset.ui).change
    relative = fill(page.t("chart.change"), format_change(result, lang, page.dataset.ui))
    note = relative + (SEPARATOR[lang] + fill(page.t("chart.stated"), change) if change else "")
    colon = COLON[lang]
    desc = SEPARATOR[lang].join([
        f"{page.t('outcome.before')}{colon}{before}",
        f"{page.t('outcome.after')}{colon}{after}",
        note,
    ])
    bars = [
        charts.Bar(page.t("outcome.before"), q.before, before, "before"),
        charts.Bar(page.t("outcome.after"), q.after, after, "after"),
    ]
    return charts.bar_chart(f"chart-{fact.id}", fact.title.get(lang), desc, bars, note)


def _machine_value(fact: Fact) -> str:
    q = fact.quantity
    if q is None:
        return ""
    numbers = q.numbers()
    numbers.pop("stated_change", None)
    return "/".join(plain_number(value) for value in numbers.values())


def _groups(facts: tuple[Fact, ...]) -> list[dict]:
    """Consecutive figures share a grid of cards; other facts stand in a list. Order is kept."""
    groups: list[dict] = []
    for fact in facts:
        figures = fact.kind == "figure"
        if groups and groups[-1]["figures"] == figures:
            groups[-1]["facts"].append(fact)
        else:
            groups.append({"figures": figures, "facts": [fact]})
    return groups


def fact_html(fact: Fact, page: Page, level: int, home: bool) -> Markup:
    """One fact card, rendered once per language, heading level and place (home or copy)."""
    cache = _cache_for(page.dataset)
    key = ("fact", fact.id, page.lang, level, home, page.repo_url, page.revised.get(fact.id))
    if key not in cache:
        cache[key] = page.render("fact.html", fact=_fact_view(fact, page, home), level=level)
    return cache[key]


def facts_block(facts: tuple[Fact, ...], intro, page: Page, level: int, home: bool = True, intro_key: str | None = None) -> Markup:
    groups = [{"figures": g["figures"], "facts": [fact_html(f, page, level, home) for f in g["facts"]]} for g in _groups(facts)]
    intro_html = page.text(intro, mark_terms=True, key=intro_key) if intro else None
    return page.render("facts.html", intro=intro_html, groups=groups, level=level)


# ---------------------------------------------------------------------------
# Report pages

def _heading(level: int, text, anchor: str, page: Page) -> str:
    return f"{'#' * level} {heading_markdown(text.get(page.lang), page.lang)} {{ #{anchor} }}"


def diagram_figure(diagram, page: Page) -> Markup:
    """A structure diagram: its root box and branches, each listing its facts."""
    lang = page.lang

    def item_line(fact_id: str) -> str:
        fact = page.dataset.fact(fact_id)
        name = fact_name(fact).get(lang)
        if fact.quantity:
            return fill(page.t("diagram.figure"), name, format_quantity(fact.quantity, lang, page.dataset.ui).main)
        return name

    def box(node) -> charts.Box:
        return charts.Box(
            title=node.label.get(lang),
            lines=tuple(item_line(f) for f in node.items),
            href=page.href(links.fact_url(lang, page.dataset.fact(node.fact).report_id, node.fact)),
            relation=node.relation.get(lang) if node.relation else "",
        )

    root, branches = box(diagram.root), [box(b) for b in diagram.branches]
    colon = COLON[lang]
    desc = SEPARATOR[lang].join(
        [root.title] + [f"{b.title}（{b.relation}）{colon}{LIST_SEPARATOR[lang].join(b.lines)}" if lang == "zh"
                        else f"{b.title} ({b.relation}){colon}{LIST_SEPARATOR[lang].join(b.lines)}" for b in branches]
    )
    svg = charts.tree(diagram.id, diagram.title.get(lang), desc, root, branches)
    return page.render("diagram.html", title=page.text(diagram.title), svg=svg)


def _diagrams_at(place_id: str, page: Page) -> list[Markup]:
    return [diagram_figure(d, page) for d in page.dataset.diagrams if d.section_id == place_id]


def _section_markdown(section: Section, page: Page) -> list[str]:
    out = [_heading(2, section.title, section.id, page)]
    if section.facts or section.intro:
        out.append(facts_block(section.facts, section.intro, page, level=3, intro_key=f"{section.id}.intro"))
    out.extend(_diagrams_at(section.id, page))
    for part in section.parts:
        out.append(_heading(3, part.title, part.id, page))
        out.append(facts_block(part.facts, part.intro, page, level=4, intro_key=f"{part.id}.intro"))
        out.extend(_diagrams_at(part.id, page))
    return out


def _report_view(report: Report, page: Page) -> dict:
    lang = page.lang
    return {
        "id": report.id,
        "href": page.href(links.page_url(lang, report.id)),
        "short_title": page.text(report.short_title),
        "official_title": report.title.zh,
        "title_translation": page.text(report.title) if lang != "zh" else None,
        # Who the source names: a publisher, or (供稿) a contributor; labelled accordingly.
        "credit_label": page.t("publisher" if report.publisher else "contributor"),
        "credit": page.text(report.credit),
        "document_type": page.text(report.document_type) if report.document_type else None,
        "published": format_date(PartialDate(report.published.year, report.published.month, report.published.day), lang),
        "published_at": _published_at(report, page),
        "published_iso": report.published.isoformat(),
        "summary": page.text(report.summary, mark_terms=True, key=f"{report.id}.summary"),
        "source_file": report.source_file,
        "source_notes": page.text(report.source_notes) if report.source_notes else None,
        "facts_count": fill(page.t("facts_count"), format_count(len(report.all_facts()), lang)),
    }


def _published_at(report: Report, page: Page) -> str:
    """The publication date, with the time of day where the source gives one."""
    day = format_date(PartialDate(report.published.year, report.published.month, report.published.day), page.lang)
    if not report.published_time:
        return day
    return fill(page.t("date_time"), day, format_clock_time(report.published_time, page.lang))


def report_page(dataset: Dataset, report_id: str, lang: str, url: str, site_url: str = "/", repo_url: str = "",
                history: dict | None = None) -> str:
    """The whole body of a report's page, as Markdown with HTML blocks. `history`: see `Page`."""
    page = Page(dataset, lang, url, repo_url, history)
    report = dataset.report(report_id)
    view = _report_view(report, page)
    view["print_href"] = page.href(links.print_url(lang, report_id))
    out = [
        f"# {heading_markdown(report.short_title.get(lang), lang)}",
        page.render("report_meta.html", report=view),
        _cite_block(report, page, site_url),
        headline_figures(dataset, report_id, lang, url),
    ]
    for section in report.sections:
        out.extend(_section_markdown(section, page))
    return page.finish("\n\n".join(out) + "\n")


def print_page(dataset: Dataset, report_id: str, lang: str, url: str, site_url: str = "/", repo_url: str = "",
               history: dict | None = None) -> str:
    """The printable edition: a title page (titles, publisher, date, source, citation, the
    address of the online page), then the whole report."""
    page = Page(dataset, lang, url, repo_url, history)
    report = dataset.report(report_id)
    online = site_url.rstrip("/") + "/" + links.page_url(lang, report_id)
    cover = page.render(
        "print_cover.html",
        report=_report_view(report, page),
        citation=text_html(citation.plain(report, lang, online, _cited_release(page, site_url)), lang),  # Chinese titles marked lang="zh"
        online=online,
    )
    out = [f"# {heading_markdown(report.short_title.get(lang), lang)}", cover, headline_figures(dataset, report_id, lang, url)]
    for section in report.sections:
        out.extend(_section_markdown(section, page))
    return page.finish("\n\n".join(out) + "\n")


# ---------------------------------------------------------------------------
# Home and overview blocks

def headline_figures(dataset: Dataset, report_id: str, lang: str, url: str) -> Markup:
    page = Page(dataset, lang, url)
    report = dataset.report(report_id)
    figures = []
    for fact_id in report.headline:
        fact = dataset.fact(fact_id)
        formatted = format_quantity(fact.quantity, lang, dataset.ui)
        figures.append({
            "href": page.href(links.fact_url(lang, report.id, fact.id)),
            "main": formatted.main,
            "change": formatted.change,
            "label": page.text(fact.title or fact.text),
            "uncertain": fact.caveat is not None,
        })
    return page.finish(page.render("headline.html", figures=figures, label=page.t("headline")))


def report_cards(dataset: Dataset, lang: str, url: str) -> Markup:
    page = Page(dataset, lang, url)
    reports = []
    for report in dataset.reports:
        view = _report_view(report, page)
        view["headline"] = headline_figures(dataset, report.id, lang, url)
        reports.append(view)
    return page.finish(page.render("report_cards.html", reports=reports))


def caveat_list(dataset: Dataset, lang: str, url: str) -> Markup:
    """Every place where a source's capture is damaged, with how the site reads it."""
    page = Page(dataset, lang, url)
    reports = []
    for report in dataset.reports:
        caveats = [
            {
                "href": page.href(links.fact_url(lang, report.id, fact.id)),
                "label": page.text(fact_name(fact)),
                "caveat": page.text(fact.caveat),
            }
            for fact in report.all_facts()
            if fact.caveat
        ]
        if caveats:
            reports.append({"id": report.id, "short_title": page.text(report.short_title), "caveats": caveats})
    return page.finish(page.render("caveats.html", reports=reports))


# ---------------------------------------------------------------------------
# Citing and downloading

def _cited_release(page: Page, site_url: str) -> dict | None:
    """The release a citation names, with its downloads' absolute address (None: no release)."""
    if not page.release:
        return None
    return {**page.release, "url": site_url.rstrip("/") + "/" + page.release["downloads"]}


def _cite_block(report: Report, page: Page, site_url: str, named: bool = False) -> Markup:
    absolute = site_url.rstrip("/") + "/" + links.page_url(page.lang, report.id)
    label = page.t("cite.title")
    if named:
        label = fill(page.t("cite.named"), report.short_title.get(page.lang))
    release = _cited_release(page, site_url)
    # A single figure is cited by its permalink: the report's first headline figure shows how.
    example = report.headline[0] if report.headline else next((f.id for f in report.all_facts()), None)
    fact_note = None
    if example:
        permalink = site_url.rstrip("/") + "/" + links.fact_url(page.lang, report.id, example)
        fact_note = fill(page.t("cite.fact"), permalink)
    return page.render(
        "cite.html",
        id=report.id,
        label=label,
        plain=code_html(citation.plain(report, page.lang, absolute, release), page.lang),
        bibtex=code_html(citation.bibtex(report, page.lang, absolute, release), page.lang),
        release=Markup('<a href="{}">{}</a>').format(page.href(release["downloads"]), fill(page.t("cite.release"), release["tag"], release["date"], release["url"])) if release else None,
        fact_note=fact_note,
    )


def citations(dataset: Dataset, lang: str, url: str, site_url: str = "/", history: dict | None = None) -> Markup:
    page = Page(dataset, lang, url, history=history)
    return page.finish(Markup("\n").join(_cite_block(report, page, site_url, named=True) for report in dataset.reports))


def downloads(dataset: Dataset, lang: str, url: str) -> Markup:
    page = Page(dataset, lang, url)
    files = [
        {"href": page.href(links.download_url(links.JSON_DOWNLOAD)), "name": links.JSON_DOWNLOAD, "what": page.t("downloads.json")},
        {"href": page.href(links.download_url(links.CSV_DOWNLOAD)), "name": links.CSV_DOWNLOAD, "what": page.t("downloads.csv")},
        {"href": page.href(links.download_url(links.DATAPACKAGE)), "name": links.DATAPACKAGE, "what": page.t("downloads.datapackage")},
        {"href": page.href(links.CHANGES_JSON), "name": links.CHANGES_JSON, "what": page.t("downloads.changes")},
    ]
    from ..data.jsonschemas import SCHEMAS

    schemas = [{"href": page.href(links.download_url(f"schemas/{name}.schema.json")), "name": f"{name}.schema.json"} for name in SCHEMAS]
    versions = Markup('\n<p class="rr-downloads__versions">{}</p>').format(page.t("downloads.versioned"))
    return page.finish(page.render("downloads.html", files=files, schemas=schemas) + versions)
