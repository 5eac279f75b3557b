"""The macros module of mkdocs-macros-plugin.

`define_env` only wires the plain-Python core (load, validate, format, render) into
MkDocs: it reads which language is being built and which page is being rendered, and
passes both on. Nothing here knows about facts.
"""

from __future__ import annotations

from pathlib import Path

from . import render
from .store import DataProblems, load_or_raise


def define_env(env):
    project = Path(env.project_dir)
    try:
        dataset = load_or_raise(project / "data", project)
    except DataProblems as error:
        # A BuildError subclass: MkDocs prints the message and stops, without a traceback.
        from mkdocs.exceptions import PluginError

        raise PluginError(str(error)) from None

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
