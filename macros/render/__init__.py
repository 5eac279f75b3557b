"""Everything a reader sees, per language: Babel formatting, escaping, glossary terms in text,
links, the report pages and cross-report pages (`reports`, `crosspages`, `templates/`),
charts, citations, downloads, the page policy and search-index split. Plain Python: no MkDocs."""
