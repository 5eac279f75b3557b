"""The macros module of mkdocs-macros-plugin.

`define_env` only wires the plain-Python core (load, validate, format, render) into
MkDocs: it reads which language is being built and which page is being rendered, and
passes both on. Nothing here knows about facts.

Invalid data stops `mkdocs build`. Under `mkdocs serve` (the hooks' `on_startup` calls
`serve_data_problems`), it is shown instead: every page says what is wrong, and live reload
brings the site back once the data is fixed. See `define_env` and `on_post_page_macros`.
"""

from __future__ import annotations

import functools
import html
import logging
from pathlib import Path

from markupsafe import Markup, escape

from . import heldhtml
from ..edit.history import History, history_for
from ..render import changes as history_pages
from ..render import crosspages, framing
from ..render.changesfeed import atom_feed, changes_json
from ..render.datapackage import datapackage_json

from ..render import links

from ..render import reports as render
from ..render.datafiles import data_files_view, files_for
from ..render.export import dataset_json, facts_csv
from ..model.store import DataProblems, load_cached, load_or_raise
from ..render.terms import search_words

_log = logging.getLogger("mkdocs.plugins.reform_reports")

# What this process does with data problems (set by the hooks under `mkdocs serve`), and the
# problems of the data being built (empty when it is valid).
_state: dict = {"show_problems": False, "problems": []}


def serve_data_problems(enabled: bool) -> None:
    """Show data problems in the pages instead of stopping the build (for `mkdocs serve`)."""
    _state["show_problems"] = enabled


def define_env(env):
    """Load the data (once per process, see `store`) and register the macros pages call.

    With invalid data, `mkdocs build` stops here, listing the problems. Under `mkdocs serve`
    the build goes on instead: a failed rebuild leaves the browser waiting with no word of
    why, while a built page can list the problems, and live reload brings the site back once
    they are fixed. The pages still call their macros first, and `on_undefined: strict` fails
    on any name left undefined, so each macro is registered under its own name, writing
    nothing; `on_post_page_macros` then puts the problems in place of every page.
    """
    project = Path(env.project_dir)
    dataset, problems = load_cached(project / "data", project)
    _state["problems"] = problems if dataset is None else []
    if dataset is None and not _state["show_problems"]:
        # A BuildError subclass: MkDocs prints the message and stops, without a traceback.
        from mkdocs.exceptions import PluginError

        raise PluginError(str(DataProblems(problems))) from None

    if dataset is None:
        def macro(function):
            env.macro(lambda *args, **kwargs: "", function.__name__)
            return function

        if problems is not _state.get("logged"):  # once per version of the data, not per language
            _state["logged"] = problems
            # INFO, not a warning: `--strict` would turn a warning into the failed build avoided here.
            _log.info("The data has problems; every page lists them until they are fixed:\n%s", "\n".join(map(str, problems)))
    else:
        def macro(function):
            # The HTML blocks it writes skip Markdown's parser (see `heldhtml`).
            env.macro(functools.wraps(function)(lambda *args, **kwargs: heldhtml.hold(function(*args, **kwargs))), function.__name__)
            return function

        _teach_search_segmenter(search_words(dataset.terms))
        history = data_history(project, dataset)

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
        env.page.meta["rr_data"] = data_files_view(dataset, listed, lang(), repo_url)

    site_url = (env.conf.get("site_url") or "").rstrip("/") + "/"
    # The repository (REPO_URL in mkdocs.yml), for links to its web editor; "" when unknown.
    repo_url = (env.conf.get("extra") or {}).get("repository") or ""

    def describe(title, summary) -> None:
        """The page's title and description from the data, escaped here: Material prints
        the description as it is, and the title unescaped in <title>. (A title left to
        Markdown's table of contents would arrive entity-escaped, Xingu&#39;s.)"""
        if env.page is not None:
            # Set after the macros plugin renders titles as templates (on_post_page_macros):
            # a title from data must never be run as a template.
            env.page.meta[PENDING_TITLE] = html.escape(title.get(lang()), quote=False)
            env.page.meta["description"] = escape(summary.get(lang()))

    views: dict[str, dict] = {}

    def history_view() -> dict:
        """The release citations name and the fact cards' "revised" lines, once per language."""
        if lang() not in views:
            views[lang()] = {"revised": history_pages.revised_lines(dataset, history, lang()),
                             "release": history_pages.release_view(dataset, history, lang())}
        return views[lang()]

    @macro
    def report_page(report_id: str) -> str:
        uses("report", report_id)
        describe(dataset.report(report_id).short_title, dataset.report(report_id).summary)
        return render.report_page(dataset, report_id, lang(), url(), site_url, repo_url, history_view())

    @macro
    def print_page(report_id: str) -> str:
        uses("report", report_id)
        describe(dataset.report(report_id).short_title, dataset.report(report_id).summary)
        return render.print_page(dataset, report_id, lang(), url(), site_url, repo_url, history_view())

    @macro
    def changes_page() -> str:
        """The data's releases, newest first, and every fact each changed."""
        uses("all")
        describe(dataset.ui["page.changes"], dataset.ui["changes.description"])
        return history_pages.changes_page(dataset, history, lang(), url())

    @macro
    def data_release() -> str:
        """The current release, its date and any unreleased changes (the data page)."""
        return history_pages.data_release(dataset, history, lang(), url())

    @macro
    def report_titles() -> str:
        """The reports' short titles as one phrase, for running text."""
        uses("reports")
        return escape(framing.titles(dataset, lang()))

    @macro
    def report_cards() -> str:
        uses("reports")
        return render.report_cards(dataset, lang(), url())

    @macro
    def headline_figures(report_id: str) -> str:
        uses("report", report_id)
        return render.headline_figures(dataset, report_id, lang(), url())

    @macro
    def caveat_list() -> str:
        uses("reports")
        return render.caveat_list(dataset, lang(), url())

    @macro
    def downloads() -> str:
        uses("all")
        return render.downloads(dataset, lang(), url())

    @macro
    def citations() -> str:
        uses("reports")
        return render.citations(dataset, lang(), url(), site_url, history_view())

    @macro
    def comparison_table() -> str:
        uses("comparison")
        return crosspages.comparison_table(dataset, lang(), url())

    @macro
    def outcome_table() -> str:
        uses("reports")
        return crosspages.outcome_table(dataset, lang(), url())

    @macro
    def outcome_charts() -> str:
        uses("reports")
        return crosspages.outcome_charts(dataset, lang(), url())

    @macro
    def peers_table() -> str:
        uses("reports")
        return crosspages.peers_table(dataset, lang(), url())

    @macro
    def timeline() -> str:
        uses("reports")
        return crosspages.timeline(dataset, lang(), url())

    @macro
    def themes_index() -> str:
        uses("themes")
        return crosspages.themes_index(dataset, lang(), url())

    @macro
    def theme_page(theme_id: str) -> str:
        uses("themes")
        theme = dataset.theme(theme_id)
        describe(theme.title, theme.summary)
        return crosspages.theme_page(dataset, theme_id, lang(), url(), repo_url)

    @macro
    def glossary_list() -> str:
        uses("glossary")
        return crosspages.glossary_list(dataset, lang(), url())


PENDING_TITLE = "rr_title"
PROBLEMS_TITLE = "数据有问题 / The data has problems"


def problems_page(problems) -> str:
    """The page `mkdocs serve` shows, in every language, while the data has problems. Plain
    and bilingual: the interface strings may be among what is broken."""
    items = "".join(f"<li><code>{html.escape(' '.join(str(p).split()))}</code></li>" for p in problems)
    return (
        f"# {PROBLEMS_TITLE}\n\n"
        f'<ul class="rr-problems">{items}</ul>\n\n'
        "<p>请修改以上问题并保存，本页会自动刷新。Fix them and save; this page reloads by itself.</p>\n"
    )


def on_post_page_macros(env):
    """Runs after the macros plugin has rendered the page and its title as templates."""
    if _state["problems"]:
        # Replaced after rendering, so the problems (which quote the data) are never run as a template.
        env.markdown = problems_page(_state["problems"])
        env.page.meta.pop(PENDING_TITLE, None)
        env.page.meta["title"] = PROBLEMS_TITLE
        return
    title = env.page.meta.pop(PENDING_TITLE, None)
    if title is not None:
        env.page.meta["title"] = title


def on_pre_page_macros(env):
    """Descriptions written in a page's front matter reach HTML escaped, like data."""
    description = env.page.meta.get("description")
    if description and not isinstance(description, Markup):
        env.page.meta["description"] = escape(description)


_logged_notes: set[str] = set()


def data_history(project: Path, dataset) -> History:
    """The data's releases (read from git once per process); why there are none is said once
    in the log, never as a warning: a tarball or a shallow clone still builds."""
    history = history_for(dataset, project)
    if history.note and history.note not in _logged_notes:
        _logged_notes.add(history.note)
        _log.info("Data releases: %s", history.note)
    return history


def _write_downloads(folder: Path, dataset, version: str, released: str | None, site_url: str, *also: Path) -> None:
    """One state of the data as downloads: JSON, CSV and their Data Package descriptor, in
    `folder` and each of `also`."""
    files = {links.JSON_DOWNLOAD: dataset_json(dataset), links.CSV_DOWNLOAD: facts_csv(dataset),
             links.DATAPACKAGE: datapackage_json(dataset, version, released, site_url)}
    for target in (folder, *also):
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (target / name).write_text(content, encoding="utf-8")


def on_post_build(env):
    """Write the downloads once, at the site's root (the default language's build): the data
    as built, each release's under downloads/vX.Y.Z/ and the newest's under downloads/latest/,
    and the history as changes.json and a feed per language."""
    if env.conf["theme"]["language"] != links.DEFAULT_LANGUAGE or _state["problems"]:
        return
    project = Path(env.project_dir)
    dataset = load_or_raise(project / "data", project)
    history = data_history(project, dataset)
    site = Path(env.conf["site_dir"])
    site_url = env.conf.get("site_url") or ""
    out = site / links.DOWNLOADS
    latest = history.latest
    if latest is None:
        version, released = "0.0.0+unreleased", None
    else:
        version = latest.tag.removeprefix("v") + ("+unreleased" if history.unreleased is not None else "")
        released = latest.date.isoformat() if history.unreleased is None else None
    _write_downloads(out, dataset, version, released, site_url)
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    for schema in sorted((project / "schemas").glob("*.schema.json")):
        (out / "schemas" / schema.name).write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    readable = [release for release in history.releases if release.tag in history.datasets]
    for release in readable:
        latest_too = (out / links.LATEST,) if release is readable[0] else ()
        _write_downloads(out / release.tag, history.datasets[release.tag], release.tag.removeprefix("v"),
                         release.date.isoformat(), site_url, *latest_too)
    if not readable:  # no release: latest/ holds the data as built
        _write_downloads(out / links.LATEST, dataset, version, released, site_url)
    (site / links.CHANGES_JSON).write_text(changes_json(dataset, history, site_url), encoding="utf-8")
    for lang, name in history_pages.FEED.items():
        (site / name).write_text(atom_feed(dataset, history, lang, site_url), encoding="utf-8")


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
