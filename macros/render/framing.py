"""Words about the site as a whole that depend on which reports it holds: the description
search engines and link previews show, the sources credit in the footer, and the list of
reports in running text. Made from the data, so that adding or removing a report changes
them too; the patterns are interface strings (data/ui.yaml), the lists are Babel's."""

from __future__ import annotations

from babel.lists import format_list

from ..data.interface import fill
from ..model.dataset import Dataset
from .formatting import babel_locale

LANGUAGES = ("zh", "en")


def titles(dataset: Dataset, lang: str) -> str:
    """The reports' short titles as one phrase: 成都芯谷法定机构改革和…, … and …."""
    return format_list([r.short_title.get(lang) for r in dataset.reports], locale=babel_locale(lang))


def site_texts(dataset: Dataset, release_lines: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """Per language: the site's description and its sources credit, followed (in the footer)
    by the data release, where `release_lines` gives one per language."""
    texts = {}
    for lang in LANGUAGES:
        sources = format_list([fill(dataset.ui["site.source_item"].get(lang), r.credit.get(lang), str(r.published.year))
                               for r in dataset.reports], locale=babel_locale(lang))
        texts[lang] = {
            "site_description": fill(dataset.ui["site.description"].get(lang), titles(dataset, lang)),
            "copyright": fill(dataset.ui["site.sources"].get(lang), sources),
        }
        if release_lines and release_lines.get(lang):
            texts[lang]["copyright"] += " · " + release_lines[lang]
    return texts
