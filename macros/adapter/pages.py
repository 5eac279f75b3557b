"""Pages and navigation made from the data: a report is one data file.

For each report the site needs four pages: its page and its printable edition, in Chinese
(`<id>.md`, `print/<id>.md`) and English (`<id>.en.md`, `print/<id>.en.md`). They are made
here, at build time, never written to `docs/`; the navigation lists the reports, in their
`order`, after the home page.

mkdocs-static-i18n (1.3) rebuilds every page file from `docs_dir` in its own `on_files`
(priority -100), so a page that exists only in memory would lose its content there. The
generated files therefore claim their place in `docs_dir` (their `abs_src_path`) before it
runs, and get their content back after it, with a second `on_files` hook at a lower
priority. A file of the same name in `docs/` wins: an editor may still write a page by hand.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from ..model.dataset import Dataset

PRINT_FRONT_MATTER = "---\nhide:\n  - navigation\n  - toc\nsearch:\n  exclude: true\n---\n\n"
LANGUAGE_SUFFIX = {"zh": "", "en": ".en"}


def report_ids(dataset: Dataset | None, data_dir: Path) -> list[str]:
    """The reports' ids in order; while the data has problems (under `mkdocs serve`, whose
    pages then list them), the report files' names, so their pages still answer."""
    if dataset is not None:
        return [report.id for report in dataset.reports]
    return sorted(path.stem for path in (data_dir / "reports").glob("*.yaml"))


CHANGES_PAGE = "changes.md"  # the data's releases and what each changed (macros/render/changes.py)


def generated_pages(report_ids: list[str], theme_ids: tuple[str, ...] = ()) -> dict[str, str]:
    """Every generated page: its path under docs/ and its Markdown (a macro call). Each theme
    has a page too, under themes/, reached from the themes page; the Changes page lists the
    data's releases."""
    pages = {f"changes{suffix}.md": "{{ changes_page() }}\n" for suffix in LANGUAGE_SUFFIX.values()}
    pages |= {f"themes/{theme_id}{suffix}.md": f'{{{{ theme_page("{theme_id}") }}}}\n'
             for theme_id in theme_ids for suffix in LANGUAGE_SUFFIX.values()}
    for report_id in report_ids:
        for suffix in LANGUAGE_SUFFIX.values():
            pages[f"{report_id}{suffix}.md"] = f'{{{{ report_page("{report_id}") }}}}\n'
            pages[f"print/{report_id}{suffix}.md"] = f'{PRINT_FRONT_MATTER}{{{{ print_page("{report_id}") }}}}\n'
    return pages


def navigation(report_ids: list[str], written: list) -> list:
    """The navigation: the hand-written `nav:` of mkdocs.yml with the reports, in order,
    after its first entry (the home page), and the Changes page after the data page (or last)."""
    reports = [f"{report_id}.md" for report_id in report_ids]
    rest = [entry for entry in written if entry not in reports and entry != CHANGES_PAGE]
    at = rest.index("data.md") + 1 if "data.md" in rest else len(rest)
    rest = rest[:at] + [CHANGES_PAGE] + rest[at:]
    return rest[:1] + reports + rest[1:]


def add_generated(files, config, pages: dict[str, str]) -> None:
    """Before mkdocs-static-i18n: add each page that `docs/` does not hold."""
    from mkdocs.structure.files import File

    for uri, content in pages.items():
        if files.get_file_from_path(uri) is not None:
            continue
        generated = File.generated(config, uri, content=content)
        generated.abs_src_path = os.path.join(config["docs_dir"], uri)  # where i18n looks for it
        files.append(generated)


def restore_content(files, pages: dict[str, str]) -> None:
    """After mkdocs-static-i18n: give the files it rebuilt their content again."""
    for file in files:
        content = pages.get(file.src_uri)
        if content is not None and not os.path.exists(file.abs_src_path or ""):
            file.content_string = content


def apply_site_texts(config, texts: dict[str, dict[str, str]]) -> None:
    """The default language's texts into the configuration, the others into
    mkdocs-static-i18n's per-language settings, which it applies to each language's build.
    Escaped here: the theme prints both as they are (the description into an attribute,
    the copyright as HTML), and they come from data."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    default = next((language.locale for language in languages if language.default), "zh")
    for key, value in texts.get(default, {}).items():
        config[key] = html.escape(value)
    for language in languages:
        if language.locale != default:
            for key, value in texts.get(language.locale, {}).items():
                language[key] = html.escape(value)
