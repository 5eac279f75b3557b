"""The data's history for readers, in one language: the Changes page, the "revised" line on
fact cards, the release named in the footer, on the data page and in citations.

Works from a `History` (macros/edit/history.py), whose values are already written as the
site writes them in each language; everything from the data or from git (notes) is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import links
from .escaping import heading_markdown, text_html
from .formatting import format_count, format_date
from .reports import COLON, LIST_SEPARATOR, META_SEPARATOR, SEPARATOR, Page
from ..data.interface import fill
from ..model.dataset import Dataset, PartialDate

if TYPE_CHECKING:  # plain data from the edit layer; only its attributes are read here
    from ..edit.history import History, Release

CHANGES_PAGE = "changes"
UNRELEASED_ANCHOR = "unreleased"
FEED = {"zh": "changes.zh.atom", "en": "changes.en.atom"}  # at the site's root, beside changes.json
CHANGES_JSON = links.CHANGES_JSON


def day(release: Release, lang: str) -> str:
    return format_date(PartialDate(release.date.year, release.date.month, release.date.day), lang)


def release_downloads(tag: str) -> str:
    """Where a release's downloads stay: `downloads/v1.2.0/`."""
    return f"{links.DOWNLOADS}/{tag}/"


def entry_anchor(release: Release | None, fact_id: str) -> str:
    """A change's id on the Changes page: the release's, then the fact's id in that release."""
    return f"{release.anchor if release else UNRELEASED_ANCHOR}--{fact_id}"


def changes_url(lang: str, anchor: str = "") -> str:
    return links.page_url(lang, CHANGES_PAGE) + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------------------
# Lines that name the release

def footer_line(dataset: Dataset, history: History, lang: str) -> str:
    """Plain text for the footer: `Data release v1.2.0 (November 30, 2026)`, and the
    unreleased changes if any; "" without releases."""
    release = history.latest
    if release is None:
        return ""
    line = fill(dataset.ui["site.release"].get(lang), release.tag, day(release, lang))
    if history.unreleased is not None:
        line += ("，" if lang == "zh" else ", ") + fill(dataset.ui["site.unreleased"].get(lang), release.tag)
    return line


def revised_lines(dataset: Dataset, history: History, lang: str) -> dict[str, Markup]:
    """For each current fact changed since its first release: "Revised in v1.2.0 (date):
    Value was 3.54亿元", linked to its entry on the Changes page (links marked, see `links`)."""
    ui = dataset.ui
    lines = {}
    for fact_id, revision in history.revisions.items():
        release = revision.release
        if release is None:
            head = fill(ui["history.revised_unreleased"].get(lang), history.latest.tag)
        else:
            head = fill(ui["history.revised"].get(lang), release.tag, day(release, lang))
        was = LIST_SEPARATOR[lang].join(
            fill(ui["history.field_was"].get(lang), ui[f"field.{item.field}"].get(lang), item.old[lang])
            for item in revision.change.fields if item.old is not None)
        href = links.rooted(changes_url(lang, entry_anchor(release, revision.change.fact_id)))
        lines[fact_id] = Markup('<a href="{}">{}</a>{}{}').format(href, head, COLON[lang] if was else "", text_html(was, lang) if was else "")
    return lines


def release_view(dataset: Dataset, history: History, lang: str) -> dict | None:
    """What a citation names: the release, its date, and its downloads (site-relative)."""
    release = history.latest
    if release is None:
        return None
    # The folder has no index page: the citation names its Data Package descriptor, which lists its files.
    return {"tag": release.tag, "date": day(release, lang), "iso": release.date.isoformat(),
            "downloads": release_downloads(release.tag) + links.DATAPACKAGE}


def data_release(dataset: Dataset, history: History, lang: str, url: str) -> Markup:
    """The data page's paragraph: the current release and its date, unreleased changes, and
    links to the Changes page and to this release's downloads."""
    page = Page(dataset, lang, url)
    release = history.latest
    changes = Markup('<a href="{}">{}</a>').format(page.href(changes_url(lang)), page.t("page.changes"))
    space, stop = ("", "。") if lang == "zh" else (" ", ".")
    if release is None:
        first = escape(page.t("data.release_none"))
    else:
        first = escape(fill(page.t("data.release"), release.tag, day(release, lang)))
        if history.unreleased is not None:
            unreleased = Markup('<a href="{}">{}</a>').format(
                page.href(changes_url(lang, UNRELEASED_ANCHOR)), fill(page.t("changes.unreleased"), release.tag))
            first += Markup(space) + unreleased + stop
    out = Markup('<p class="rr-release">{}{}{}{}{}{}</p>').format(first, space, page.t("data.changes"), space, changes, stop)
    if release is not None:
        out += Markup("\n") + _release_files(page, release.tag)
    return page.finish(out)


def _release_files(page: Page, tag: str) -> Markup:
    files = [links.JSON_DOWNLOAD, links.CSV_DOWNLOAD, links.DATAPACKAGE]
    items = Markup(escape(SEPARATOR[page.lang])).join(
        Markup('<a href="{}"><code>{}</code></a>').format(page.href(release_downloads(tag) + name), name) for name in files)
    return Markup('<p class="rr-release__files">{}{}{}</p>').format(page.t("changes.downloads") + f" {tag}", COLON[page.lang], items)


# ---------------------------------------------------------------------------
# The Changes page

def _fact_href(page: Page, history: History, release: Release | None, fact_id: str, dataset: Dataset) -> str | None:
    now = history.current_id(release, fact_id)
    if now is None or now not in dataset.facts:
        return None
    return page.href(links.fact_url(page.lang, dataset.fact(now).report_id, now))


def _entries(page: Page, history: History, release: Release | None, changes) -> list[dict]:
    lang = page.lang
    entries = []
    for change in changes.facts:
        entries.append({
            "id": entry_anchor(release, change.fact_id),
            "status": change.status,
            "status_label": page.t(f"changes.status.{change.status}"),
            "title": text_html(change.title[lang], lang),
            "fact_id": change.fact_id,
            "href": _fact_href(page, history, release, change.fact_id, page.dataset) if change.status != "removed" else None,
            "fields": [{
                "label": page.t(f"field.{item.field}"),
                "old": text_html(item.old[lang], lang) if item.old is not None else None,
                "new": text_html(item.new[lang], lang) if item.new is not None else None,
            } for item in change.fields],
        })
    return entries


def _counts(page: Page, changes) -> str:
    return fill(page.t("changes.counts"), *(format_count(changes.count(s), page.lang) for s in ("changed", "added", "removed")))


def changes_page(dataset: Dataset, history: History, lang: str, url: str) -> str:
    """The whole Changes page, as Markdown with HTML blocks: a heading per release (with a
    stable id, `v1-2-0`), its note, its counts, its downloads and every fact it changed."""
    page = Page(dataset, lang, url)
    title = page.t("page.changes")
    feeds = [
        {"href": page.href(FEED[lang]), "label": page.t("changes.feed"), "type": "application/atom+xml"},
        {"href": page.href(CHANGES_JSON), "label": page.t("changes.json"), "type": "application/json"},
    ]
    out = [f"# {heading_markdown(title, lang)}", page.render("changes_intro.html", feeds=feeds)]
    if not history.releases:
        out.append(page.render("changes_release.html", note="", files=None, paragraphs=[page.t("changes.none")], entries=[]))
    latest = history.latest
    if latest is not None and history.unreleased is not None:
        heading = fill(page.t("changes.unreleased"), latest.tag)
        out.append(f"## {heading_markdown(heading, lang)} {{ #{UNRELEASED_ANCHOR} }}")
        out.append(page.render("changes_release.html", note="", files=None,
                               paragraphs=[page.t("changes.unreleased_note"), _counts(page, history.unreleased)],
                               entries=_entries(page, history, None, history.unreleased)))
    for release in history.releases:
        heading = f"{release.tag}{META_SEPARATOR}{day(release, lang)}"
        out.append(f"## {heading_markdown(heading, lang)} {{ #{release.anchor} }}")
        if release.problem:
            paragraphs, entries = [page.t("changes.unreadable")], []
        elif release.changes is None:
            paragraphs, entries = [fill(page.t("changes.first"), format_count(release.facts, lang))], []
        elif not release.changes.facts:
            paragraphs, entries = [page.t("changes.nothing")], []
        else:
            paragraphs, entries = [_counts(page, release.changes)], _entries(page, history, release, release.changes)
        files = _release_files(page, release.tag) if release.tag in history.datasets else None
        out.append(page.render("changes_release.html", note=release.note, paragraphs=paragraphs,
                               files=files, entries=entries))
    return page.finish("\n\n".join(out) + "\n")
