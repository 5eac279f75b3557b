"""Links in the built site that lead nowhere.

MkDocs checks the links it writes from Markdown, not those in raw HTML, and most of this
site's links are raw HTML written by the renderers (fact cards, tables, the printable
editions). A link to a page that was never made (a report's printable edition whose stub
was missing, say) passed `mkdocs build --strict`; this check makes it fail the build.
Anchors are checked by the tests; this looks at pages and files only, and is fast.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# href and src of tags; the HTML is ours, quoted with double quotes.
LINK = re.compile(r'<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"', re.IGNORECASE)


def _target(site: Path, page: Path, url: str, base_path: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another origin, or an anchor on the same page
    if parts.path.startswith("/"):  # from the host's root: the site sits at `base_path`
        if not parts.path.startswith(base_path):
            return site / "__outside__" / parts.path.lstrip("/")
        path = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
    else:
        base = page.parent.relative_to(site).as_posix()
        path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path.startswith(".."):
        return site / "__outside__" / path  # above the site's root: never there
    target = site / path
    return target / "index.html" if url.split("?")[0].split("#")[0].endswith("/") or target.is_dir() else target


def broken_links(site: Path, site_url: str = "/") -> list[str]:
    """`page: url` for every link or resource in the built pages whose target is missing.
    `site_url` tells where the site sits on its host, for links written from the root."""
    base_path = (urlsplit(site_url).path or "/").rstrip("/") + "/"
    broken = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for url in LINK.findall(text):
            target = _target(site, page, url.replace("&amp;", "&"), base_path)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(site).as_posix()}: {url}")
    return broken
