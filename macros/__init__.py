"""The macros module of mkdocs-macros-plugin.

`define_env` only wires the plain-Python core (load, validate, format, render) into
MkDocs: it reads which language is being built and which page is being rendered, and
passes both on. Nothing here knows about facts.
"""

from __future__ import annotations

import html
from pathlib import Path

from markupsafe import Markup, escape

from . import crosspages, links, render
from .datafiles import data_files_view, files_for
from .export import dataset_json, facts_csv
from .store import DataProblems, load_or_raise
from .terms import search_words


def define_env(env):
    project = Path(env.project_dir)
    try:
        dataset = load_or_raise(project / "data", project)
    except DataProblems as error:
        # A BuildError subclass: MkDocs prints the message and stops, without a traceback.
        from mkdocs.exceptions import PluginError

        raise PluginError(str(error)) from None

    _teach_search_segmenter(search_words(dataset.terms))

    def lang() -> str:
        # mkdocs-static-i18n sets the theme language per build (see shared/STACK.md, point 1).
        return env.conf["theme"]["language"]

    def url() -> str:
        return env.page.url if env.page is not None else ""

    def uses(block: str, report_id: str | None = None) -> None:
        """Record, on the page being rendered, which data files its facts come from; the
        theme shows them as "edit the data" links (overrides/main.html)."""
        if env.page is None:
            return
        listed = env.page.meta.setdefault("rr_data_paths", [])
        for path in files_for(dataset, block, report_id):
            if path not in listed:
                listed.append(path)
        env.page.meta["rr_data"] = data_files_view(dataset, listed, lang(), env.conf.get("repo_url") or "")

    site_url = (env.conf.get("site_url") or "").rstrip("/") + "/"

    def describe(report_id: str) -> None:
        """The page's title and description from the data, escaped here: Material prints
        the description as it is, and the title unescaped in <title>. (A title left to
        Markdown's table of contents would arrive entity-escaped, Xingu&#39;s.)"""
        if env.page is not None:
            report = dataset.report(report_id)
            # Set after the macros plugin renders titles as templates (on_post_page_macros):
            # a title from data must never be run as a template.
            env.page.meta[PENDING_TITLE] = html.escape(report.short_title.get(lang()), quote=False)
            env.page.meta["description"] = escape(report.summary.get(lang()))

    @env.macro
    def report_page(report_id: str) -> str:
        uses("report", report_id)
        describe(report_id)
        return render.report_page(dataset, report_id, lang(), url(), site_url)

    @env.macro
    def print_page(report_id: str) -> str:
        uses("report", report_id)
        describe(report_id)
        return render.print_page(dataset, report_id, lang(), url(), site_url)

    @env.macro
    def report_cards() -> str:
        uses("reports")
        return render.report_cards(dataset, lang(), url())

    @env.macro
    def headline_figures(report_id: str) -> str:
        uses("report", report_id)
        return render.headline_figures(dataset, report_id, lang(), url())

    @env.macro
    def caveat_list() -> str:
        uses("reports")
        return render.caveat_list(dataset, lang(), url())

    @env.macro
    def downloads() -> str:
        uses("all")
        return render.downloads(dataset, lang(), url())

    @env.macro
    def citations() -> str:
        uses("reports")
        return render.citations(dataset, lang(), url(), site_url)

    @env.macro
    def comparison_table() -> str:
        uses("comparison")
        return crosspages.comparison_table(dataset, lang(), url())

    @env.macro
    def outcome_table() -> str:
        uses("reports")
        return crosspages.outcome_table(dataset, lang(), url())

    @env.macro
    def outcome_charts() -> str:
        uses("reports")
        return crosspages.outcome_charts(dataset, lang(), url())

    @env.macro
    def peers_table() -> str:
        uses("reports")
        return crosspages.peers_table(dataset, lang(), url())

    @env.macro
    def timeline() -> str:
        uses("reports")
        return crosspages.timeline(dataset, lang(), url())

    @env.macro
    def themes_page() -> str:
        uses("themes")
        return crosspages.themes_page(dataset, lang(), url())

    @env.macro
    def glossary_list() -> str:
        uses("glossary")
        return crosspages.glossary_list(dataset, lang(), url())


PENDING_TITLE = "rr_title"


def on_post_page_macros(env):
    """Runs after the macros plugin has rendered the page and its title as templates."""
    title = env.page.meta.pop(PENDING_TITLE, None)
    if title is not None:
        env.page.meta["title"] = title


def on_pre_page_macros(env):
    """Descriptions written in a page's front matter reach HTML escaped, like data."""
    description = env.page.meta.get("description")
    if description and not isinstance(description, Markup):
        env.page.meta["description"] = escape(description)


def on_post_build(env):
    """Write the downloads once, at the site's root (the default language's build)."""
    if env.conf["theme"]["language"] != links.DEFAULT_LANGUAGE:
        return
    project = Path(env.project_dir)
    dataset = load_or_raise(project / "data", project)
    out = Path(env.conf["site_dir"]) / links.DOWNLOADS
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    (out / links.JSON_DOWNLOAD).write_text(dataset_json(dataset), encoding="utf-8")
    (out / links.CSV_DOWNLOAD).write_text(facts_csv(dataset), encoding="utf-8")
    for schema in sorted((project / "schemas").glob("*.schema.json")):
        (out / "schemas" / schema.name).write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")


def _teach_search_segmenter(words: list[str]) -> None:
    """Material segments Chinese for search with jieba; glossary terms must stay whole
    (局区合一, not 局区 + 合一). jieba's dictionary is process-wide, so this reaches the
    search plugin, which indexes pages after this runs."""
    try:
        import jieba
    except ImportError:  # search then works without Chinese segmentation
        return
    for word in words:
        jieba.add_word(word)
        jieba.suggest_freq(word, tune=True)
