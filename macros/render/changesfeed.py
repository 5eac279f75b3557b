"""The data's history as files: `changes.json` (both languages) and one Atom feed per
language (RFC 4287), carrying what the Changes page shows.

Deterministic: times come from the releases (tags), never from the clock; a feed without
releases takes its `updated` time from SOURCE_DATE_EPOCH (or the epoch).
"""

from __future__ import annotations

import datetime
import json
import os
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape, quoteattr

from . import links
from .changes import FEED, changes_url, day, entry_anchor, release_downloads
from .formatting import format_count
from ..data.interface import fill
from ..model.dataset import Dataset

if TYPE_CHECKING:
    from ..edit.history import History, Release

LANGS = ("zh", "en")


def _absolute(site_url: str, path: str) -> str:
    """A site-relative path made absolute where the site knows its address; else relative
    to the site's root (the feed then names the site's own paths)."""
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def _fact_urls(history: History, release: Release | None, fact_id: str, dataset: Dataset, site_url: str) -> dict | None:
    now = history.current_id(release, fact_id)
    if now is None or now not in dataset.facts:
        return None
    return {lang: _absolute(site_url, links.fact_url(lang, dataset.fact(now).report_id, now)) for lang in LANGS}


def _changes_record(history: History, release: Release | None, changes, dataset: Dataset, site_url: str) -> list[dict]:
    return [{
        "id": change.fact_id,
        "report": change.report_id,
        "status": change.status,
        "title": change.title,
        "url": _fact_urls(history, release, change.fact_id, dataset, site_url) if change.status != "removed" else None,
        "changes_url": {lang: _absolute(site_url, changes_url(lang, entry_anchor(release, change.fact_id))) for lang in LANGS},
        "fields": [{"field": item.field, "old": item.old, "new": item.new} for item in change.fields],
    } for change in (changes.facts if changes else ())]


def changes_json(dataset: Dataset, history: History, site_url: str = "") -> str:
    """Every release, newest first, with every fact it changed: field, old and new value as
    the site writes them, per language. `unreleased` holds the changes since the newest."""
    latest = history.latest
    data = {
        "latest": latest.tag if latest else None,
        "unreleased": None if history.unreleased is None else {
            "since": latest.tag,
            "facts": _changes_record(history, None, history.unreleased, dataset, site_url),
        },
        "releases": [{
            "version": release.tag.removeprefix("v"),
            "tag": release.tag,
            "date": release.date.isoformat(),
            "note": release.note,
            "first": release.changes is None and not release.problem,
            "facts_count": release.facts,
            "readable": not release.problem,
            "downloads": _absolute(site_url, release_downloads(release.tag)) if release.tag in history.datasets else None,
            "url": {lang: _absolute(site_url, changes_url(lang, release.anchor)) for lang in LANGS},
            "facts": _changes_record(history, release, release.changes, dataset, site_url),
        } for release in history.releases],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------------------
# Atom

def _time(value: datetime.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _fallback_time() -> str:
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_html(dataset: Dataset, history: History, release: Release, lang: str, site_url: str) -> str:
    """The entry's content: the release's note and its changes, as escaped HTML."""
    ui = dataset.ui
    parts = []
    if release.note:
        parts.append(f"<p>{xml_escape(release.note)}</p>")
    if release.changes is None:
        parts.append(f"<p>{xml_escape(fill(ui['changes.first'].get(lang), format_count(release.facts, lang)))}</p>")
    for change in release.changes.facts if release.changes else ():
        title = xml_escape(change.title[lang])
        urls = _fact_urls(history, release, change.fact_id, dataset, site_url) if change.status != "removed" else None
        head = f'<a href="{xml_escape(urls[lang])}">{title}</a>' if urls else title
        rows = "".join(
            f"<li>{xml_escape(ui['field.' + item.field].get(lang))}: "
            f"{xml_escape(item.old[lang]) if item.old else '—'} → {xml_escape(item.new[lang]) if item.new else '—'}</li>"
            for item in change.fields)
        parts.append(f"<h3>{head} ({xml_escape(ui['changes.status.' + change.status].get(lang))})</h3><ul>{rows}</ul>")
    return "".join(parts)


def _feed_id(site_url: str, lang: str, anchor: str = "") -> str:
    """An entry's permanent id: its address on the Changes page where the site has one,
    else a URN that names the release."""
    if site_url:
        return _absolute(site_url, changes_url(lang, anchor))
    return f"urn:reform-reports:changes:{lang}" + (f":{anchor}" if anchor else "")


def atom_feed(dataset: Dataset, history: History, lang: str, site_url: str = "") -> str:
    """One entry per release, newest first."""
    ui = dataset.ui
    title = f"{ui['page.changes'].get(lang)} · {ui['site.name'].get(lang)}"
    updated = _time(history.latest.date) if history.latest else _fallback_time()
    page = _absolute(site_url, changes_url(lang))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr("zh-CN" if lang == "zh" else "en")}>',
        f"  <id>{xml_escape(_feed_id(site_url, lang))}</id>",
        f"  <title>{xml_escape(title)}</title>",
        f"  <subtitle>{xml_escape(ui['changes.description'].get(lang))}</subtitle>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(page)}/>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(_absolute(site_url, FEED[lang]))}/>",
        f"  <author><name>{xml_escape(ui['site.name'].get(lang))}</name></author>",
    ]
    for release in history.releases:
        link = _absolute(site_url, changes_url(lang, release.anchor))
        lines += [
            "  <entry>",
            f"    <id>{xml_escape(_feed_id(site_url, lang, release.anchor))}</id>",
            f"    <title>{xml_escape(release.tag + ' · ' + day(release, lang))}</title>",
            f"    <updated>{_time(release.date)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            f"    <content type=\"html\">{xml_escape(_entry_html(dataset, history, release, lang, site_url))}</content>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"

