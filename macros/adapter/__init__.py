"""The only code that knows MkDocs: the mkdocs-macros environment (`env`), MkDocs hooks
(`hooks`) and the pages and navigation made from the data (`pages`). Replace this layer,
and nothing else, to move to another generator."""
