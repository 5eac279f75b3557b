"""Where pages live, and links between them that work under any site sub-path.

Report `<id>` is published from `docs/<id>.md` / `docs/<id>.en.md`; the default language
is at the site root and English under `en/`. All links are relative (written against a root
marker and resolved per page), so the site works at `/` as well as under a project path such
as `/reform-reports/`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

LANGUAGE_PREFIX = {"zh": "", "en": "en/"}
DEFAULT_LANGUAGE = "zh"
DOWNLOADS = "downloads"
JSON_DOWNLOAD = "reform-reports.json"
CSV_DOWNLOAD = "reform-reports-facts.csv"
DATAPACKAGE = "datapackage.json"  # the Frictionless Data Package descriptor of the two above
CHANGES_JSON = "changes.json"  # every release's changes, at the site's root (macros/render/changesfeed.py)
LATEST = "latest"  # downloads/latest/: the newest release's files (downloads/vX.Y.Z/ keeps each)


def home_url(lang: str) -> str:
    return LANGUAGE_PREFIX[lang]


def page_url(lang: str, page: str) -> str:
    """The site-relative URL of a page stem (`xingu`, `about`) in a language."""
    return f"{LANGUAGE_PREFIX[lang]}{page}/"


# Links are written against this marker for the site's root and resolved once the page is
# done (`resolve`), so the same fact card serves a report page, its printable edition and the
# themes page, and is rendered once. A private-use character: it never occurs in data.
ROOT_MARK = "\ue000"


def rooted(site_url: str) -> str:
    """A link to a site-relative URL, to be resolved for the page it lands on."""
    return ROOT_MARK + site_url


def root_prefix(page_url: str) -> str:
    """From a page (directory URL) back to the site's root: "", "../", "../../"."""
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth


def resolve(text: str, page_url: str) -> str:
    """Every marked link in a page's text, made relative to that page."""
    return text.replace(ROOT_MARK, root_prefix(page_url))


def fact_url(lang: str, report_id: str, fact_id: str) -> str:
    return f"{page_url(lang, report_id)}#{fact_id}"


# Pages that span the reports.
GLOSSARY_PAGE = "glossary"
THEMES_PAGE = "themes"
COMPARE_PAGE = "compare"
TIMELINE_PAGE = "timeline"


def term_url(lang: str, term_id: str) -> str:
    return f"{page_url(lang, GLOSSARY_PAGE)}#{term_id}"


def theme_url(lang: str, theme_id: str) -> str:
    """A theme's own page (the themes page keeps an entry, and the old anchor, for each)."""
    return page_url(lang, f"{THEMES_PAGE}/{theme_id}")
DATA_PAGE = "data"


def download_url(name: str) -> str:
    """Downloads sit once at the site root, shared by both languages."""
    return f"{DOWNLOADS}/{name}"


def print_url(lang: str, report_id: str) -> str:
    """The printable edition of a report: the whole report on one page, without site chrome."""
    return page_url(lang, f"print/{report_id}")


_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def absolute_alternates(html: str, page_url: str, site_url: str) -> str:
    """The page's hreflang alternates as absolute addresses, as search engines expect them,
    where the site knows its address (Material writes them relative)."""
    if not site_url:
        return html
    base = urljoin(site_url.rstrip("/") + "/", page_url)
    return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(base, m.group(2).replace("&amp;", "&")).replace("&", "&amp;") + m.group(3), html)


_LANGUAGE_LINK = re.compile(r'href="[^"]*"( hreflang="([a-z-]+)")')


def alternates_to_home(html: str, site_url: str) -> str:
    """The not-found page's language links and alternates lead to each language's home page.
    The theme renders that page last, with the alternates of whichever page came before it."""
    root = site_url.rstrip("/") + "/" if site_url else "/"
    def home(match: re.Match) -> str:
        lang = match.group(2)
        prefix = LANGUAGE_PREFIX.get(lang, LANGUAGE_PREFIX[DEFAULT_LANGUAGE])
        return f'href="{root}{prefix}"{match.group(1)}'
    return _LANGUAGE_LINK.sub(home, html)
