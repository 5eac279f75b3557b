"""A Content-Security-Policy for each built page: nothing from another origin.

Material puts three small scripts inline in every page (reading the saved palette, setting
the base URL, opening a linked tab); one holds the page's relative base, so they differ
from page to page. Each page's policy allows exactly its own inline scripts by their
SHA-256 hashes, and nothing else but files from the site itself. No inline style is
needed: charts and diagrams are styled by classes.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(html: str) -> list[str]:
    """`'sha256-…'` sources for the page's executable inline scripts (data blocks excluded)."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        if any(f'type="{kind}"' in match.group("attrs") for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)
