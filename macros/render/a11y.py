"""Small accessibility repairs to Material's markup, applied to each built page."""

from __future__ import annotations

import re

_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
_PLACEHOLDER = re.compile(r'class="md-search__input"[^>]*placeholder="([^"]+)"|placeholder="([^"]+)"[^>]*class="md-search__input"')


def label_search_dialog(html: str) -> str:
    """Material's search is a dialog without a name; name it after its own field's placeholder
    ("搜索", "Search"), which is in the page's language."""
    match = _PLACEHOLDER.search(html)
    if not match:
        return html
    label = match.group(1) or match.group(2)
    return _SEARCH_DIALOG.sub(lambda m: f'{m.group(1)} aria-label="{label}"', html, count=1)


_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def drop_dangling_toc_label(html: str) -> str:
    """A page that hides its table of contents (the printable editions) has no `__toc` toggle,
    yet Material's navigation keeps a label for it: a label for nothing (Nu HTML Checker)."""
    if 'id="__toc"' in html:
        return html
    return _TOC_LABEL.sub(r"\1", html)
