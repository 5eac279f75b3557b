"""How to cite a report, in each language: a plain-text reference and a BibTeX entry.

The Chinese reference follows GB/T 7714 (the Chinese national standard for references);
the English one an author–date style. Both name this site's page, where the report's text
was read, and, once the data has releases, the release cited and where its data stays
(`release`: tag, ISO date and the absolute address of its downloads).
"""

from __future__ import annotations

from babel.dates import format_date

from .formatting import babel_locale
from ..model.dataset import Report

_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$"}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(ch, ch) for ch in text)


def plain(report: Report, lang: str, url: str, release: dict | None = None) -> str:
    day = report.published
    if lang == "zh":
        edition = f" 数据版本 {release['tag']}（{release['iso']}）: {release['url']}." if release else ""
        return f"{report.credit.zh}. {report.title.zh}[EB/OL]. ({day.isoformat()}). 改革报告网站整理本: {url}.{edition}"
    date = format_date(day, format="long", locale=babel_locale(lang))
    edition = f" Data release {release['tag']} ({release['iso']}): {release['url']}." if release else ""
    return (f"{report.credit.en}. {day.year}. “{report.title.en}” [{report.title.zh}]. "
            f"Published {date}, in Chinese. Reform Reports edition: {url}.{edition}")


def bibtex(report: Report, lang: str, url: str, release: dict | None = None) -> str:
    day = report.published
    title = report.title.zh if lang == "zh" else report.title.en
    author = report.credit.get(lang)
    note = "中文" if lang == "zh" else f"In Chinese: {report.title.zh}"
    fields = [
        ("author", "{" + bibtex_escape(author) + "}"),
        ("title", "{" + bibtex_escape(title) + "}"),
        ("year", str(day.year)),
        ("month", str(day.month)),
        ("day", str(day.day)),
        ("language", "chinese"),
        ("note", bibtex_escape(note)),
        ("url", url),
    ]
    if release:
        fields.append(("version", bibtex_escape(release["tag"])))
        fields.append(("howpublished", bibtex_escape(("数据: " if lang == "zh" else "Data: ") + release["url"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{report.id}{day.year},\n{body}\n}}"
