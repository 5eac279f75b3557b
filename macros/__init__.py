"""The macros module of mkdocs-macros-plugin.

`define_env` only wires the plain-Python core (load, validate, format, render) into
MkDocs: it reads which language is being built and which page is being rendered, and
passes both on. Nothing here knows about facts.
"""

from __future__ import annotations

from pathlib import Path

from . import crosspages, render
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

    @env.macro
    def report_page(report_id: str) -> str:
        return render.report_page(dataset, report_id, lang(), url())

    @env.macro
    def report_cards() -> str:
        return render.report_cards(dataset, lang(), url())

    @env.macro
    def headline_figures(report_id: str) -> str:
        return render.headline_figures(dataset, report_id, lang(), url())

    @env.macro
    def caveat_list() -> str:
        return render.caveat_list(dataset, lang(), url())

    @env.macro
    def comparison_table() -> str:
        return crosspages.comparison_table(dataset, lang(), url())

    @env.macro
    def outcome_table() -> str:
        return crosspages.outcome_table(dataset, lang(), url())

    @env.macro
    def peers_table() -> str:
        return crosspages.peers_table(dataset, lang(), url())

    @env.macro
    def timeline() -> str:
        return crosspages.timeline(dataset, lang(), url())

    @env.macro
    def themes_page() -> str:
        return crosspages.themes_page(dataset, lang(), url())

    @env.macro
    def glossary_list() -> str:
        return crosspages.glossary_list(dataset, lang(), url())


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
