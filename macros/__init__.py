"""Reform Reports: the site generator's code, in layers (each imports only those above it).

- `data/`    read and check the data files: YAML that remembers lines, the schema, checks
             across files, plain explanations of YAML slips, JSON Schemas for editors;
- `model/`   the checked data as immutable objects: build, load once, translation
             fingerprints, before/after arithmetic;
- `render/`  HTML and text for each language: Babel formatting, escaping, links, pages,
             charts, downloads, citations, the page policy;
- `edit/`    what editors and the pull-request workflow run: check, fmt, diff, suggestions;
- `adapter/` the only code that knows MkDocs: the mkdocs-macros environment, hooks, and the
             pages and navigation generated from the data.

This file is what mkdocs-macros loads (`module_name: macros`). It only forwards to the
adapter, and lazily, so that importing the core never loads the adapter or MkDocs.
"""


def define_env(env):
    from .adapter.env import define_env as define
    return define(env)


def on_pre_page_macros(env):
    from .adapter.env import on_pre_page_macros as hook
    return hook(env)


def on_post_page_macros(env):
    from .adapter.env import on_post_page_macros as hook
    return hook(env)


def on_post_build(env):
    from .adapter.env import on_post_build as hook
    return hook(env)
