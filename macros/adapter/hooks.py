"""MkDocs hooks (mkdocs.yml `hooks:`): wiring only, the work is in plain modules.

- every page gets a named search dialog (`a11y`) and, except under `mkdocs serve`, its
  Content-Security-Policy (`csp`);
- English pages search the English index, and after the last build the merged index is
  split per language (`searchsplit`);
- Material looks for `sitemap.xml` beside each page's hreflang alternates (it expects
  language roots, mkdocs-static-i18n gives page addresses): each page folder gets a copy of
  its language's sitemap, so no page logs a failed request;
- under `mkdocs serve`, invalid data no longer fails the rebuild: the pages list the
  problems and reload once they are fixed (`on_startup`, see `macros.adapter.env.define_env`);
  a saved file is seen at once (the system's file events instead of polling, `on_serve`),
  Material's templates are compiled once per process (`on_env`), and links are checked by
  every build but the preview's;
- each report's pages and its place in the navigation come from the data (`pages`), and so
  does the Changes page; the footer names the data release (`changes.footer_line`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.plugins import CombinedEvent, event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# The same module objects mkdocs-macros uses (it loads the package `macros` from the project).
from macros.adapter import env, heldhtml, pages  # noqa: E402
from macros.model.store import load_cached  # noqa: E402
from macros.render import a11y, changes, csp, framing, links, linkcheck, searchfix, searchsplit, terms  # noqa: E402


_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    # A failed rebuild leaves the browser waiting with no word of why; the editor previewing
    # an edit is better served by a page that lists the data's problems. `mkdocs build` (and
    # anything that does not run these hooks, such as an in-process build) still stops.
    env.serve_data_problems(command == "serve")


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _dataset(config):
    """The data set (loaded once per process; None while it has problems)."""
    project = _project(config)
    dataset, _ = load_cached(project / "data", project)
    return dataset


def _report_ids(config) -> list[str]:
    return pages.report_ids(_dataset(config), _project(config) / "data")


def _generated(config) -> dict[str, str]:
    dataset = _dataset(config)
    return pages.generated_pages(_report_ids(config), tuple(t.id for t in dataset.themes) if dataset else ())


class _Changes:
    """Passes on the events that change a file. The system's file events also report files
    opened and closed without a change, which each build does to every file it reads: passed
    on, they would start a rebuild after every rebuild."""

    KINDS = ("created", "modified", "deleted", "moved")

    def __init__(self, handler):
        self.handler = handler

    def dispatch(self, event) -> None:
        if event.event_type in self.KINDS:
            self.handler.dispatch(event)


def on_serve(server, config, builder):
    """`mkdocs serve` looks for changes by polling every half second; the system's own file
    events (inotify on Linux, FSEvents on macOS) report a saved file at once. The paths
    already watched move to the new observer; later ones go there directly."""
    from watchdog.observers import Observer

    class ChangeObserver(Observer):
        def schedule(self, event_handler, path, recursive=False, **options):
            return super().schedule(_Changes(event_handler), path, recursive=recursive, **options)

    watched = list(server._watched_paths)
    server.observer.unschedule_all()
    server.observer = ChangeObserver()
    server._watched_paths, server._watch_refs = {}, {}
    for path in watched:
        server.watch(path)
    return server


def _skip_search_entries(config) -> None:
    """The preview (`mkdocs serve`) indexes no page for search: reading every page's HTML
    for the index was a quarter of each rebuild, and an edit should show in the browser in
    under two seconds. Search in the preview finds nothing; `make site` indexes every page."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    handlers = config.plugins.events.get("page_context", [])
    handlers[:] = [handler for handler in handlers if getattr(handler, "__self__", None) is not search]


def on_config(config):
    """The reports join the navigation after the home page, in their order, and the site's
    description and sources credit name them (this runs before mkdocs-static-i18n's
    on_config, which applies each language's settings)."""
    if _command == "serve":
        _skip_search_entries(config)
    if config.nav:
        config.nav = pages.navigation(_report_ids(config), list(config.nav))
    dataset = _dataset(config)
    if dataset is not None:
        # The footer names the data release (read from git once per process, see `env`).
        history = env.data_history(_project(config), dataset)
        release = {lang: changes.footer_line(dataset, history, lang) for lang in links.LANGUAGE_PREFIX}
        pages.apply_site_texts(config, framing.site_texts(dataset, release))
    return config


@event_priority(0)  # before mkdocs-static-i18n (-100) sorts the pages by language
def _add_generated_pages(files, config):
    pages.add_generated(files, config, _generated(config))
    return files


@event_priority(-150)  # after mkdocs-static-i18n rebuilt the files from docs_dir
def _fill_generated_pages(files, config):
    pages.restore_content(files, _generated(config))
    return files


on_files = CombinedEvent(_add_generated_pages, _fill_generated_pages)


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per process. MkDocs makes a new template
    environment for every build, and mkdocs-static-i18n builds once per language, so
    Material's templates were compiled twice per build, and twice again on every rebuild
    under `mkdocs serve`. Jinja checks each entry against its template's source."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def on_env(env, config, files):
    env.bytecode_cache = _compiled_templates
    return env


def _language(config) -> str:
    return config["theme"]["language"]


def on_page_content(html: str, page, config, files) -> str:
    return heldhtml.release(html)


def on_post_page(output: str, page, config) -> str:
    lang = _language(config)
    if lang != links.DEFAULT_LANGUAGE:
        output = searchsplit.with_language_base(output, links.LANGUAGE_PREFIX[lang])
    output = terms.first_marks_per_section(output)
    output = a11y.label_search_dialog(output)
    output = a11y.drop_dangling_toc_label(output)
    output = links.absolute_alternates(output, page.url, config.get("site_url") or "")
    # `mkdocs serve` injects an inline live-reload script after this point; a policy would
    # block it. The policy is for the published site.
    return output if _command == "serve" else csp.with_policy(output)


_not_found: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    """The not-found page is one file at the site's root, written by each language's build in
    turn: the default language's, which speaks both languages (overrides/404.html), is kept."""
    if template_name == "404.html":
        output = links.alternates_to_home(output, config.get("site_url") or "")
        if _language(config) == links.DEFAULT_LANGUAGE:
            _not_found["page"] = output
        else:
            output = _not_found.get("page", output)
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config) -> None:
    # mkdocs-static-i18n builds the other languages inside the first build's post-build step,
    # flagged `building`; the merged search index exists once that flag is down again.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site = Path(config["site_dir"])
    searchsplit.write_split(site, links.LANGUAGE_PREFIX)
    try:
        searchfix.fix_site(site)
    except ValueError as problem:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(problem)) from None
    # Every build but a preview's checks its links (a preview rebuilds on each save; the
    # strict build of `make site`, the tests and the workflows still check).
    broken = [] if _command == "serve" else linkcheck.broken_links(site, config.get("site_url") or "/")
    if broken:
        from mkdocs.exceptions import PluginError

        shown = "\n".join(f"  {link}" for link in broken[:50])
        more = f"\n  … and {len(broken) - 50} more" if len(broken) > 50 else ""
        raise PluginError(f"{len(broken)} link(s) in the built pages lead to nothing:\n{shown}{more}")
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    for index in site.rglob("index.html"):
        folder = index.parent
        if folder != site and not (folder / "sitemap.xml").exists():
            shutil.copyfile(sitemap, folder / "sitemap.xml")
