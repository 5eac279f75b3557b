"""Which data files a page's facts come from, and links to edit them.

Editors go from a page to its data: each page lists the files behind it, linking to the
repository's editor when the site knows its repository (`repo_url`).
"""

from __future__ import annotations

from ..model.dataset import Dataset

BRANCH = "main"


def files_for(dataset: Dataset, block: str, report_id: str | None = None) -> list[str]:
    reports = [f"data/reports/{r.id}.yaml" for r in dataset.reports]
    if block == "report":
        return [f"data/reports/{report_id}.yaml"]
    if block == "reports":
        return reports
    if block == "comparison":
        return ["data/comparison.yaml", *reports]
    if block == "themes":
        return ["data/themes.yaml", *reports]
    if block == "glossary":
        return ["data/glossary.yaml"]
    if block == "all":
        return [*reports, "data/comparison.yaml", "data/themes.yaml", "data/glossary.yaml", "data/units.yaml", "data/ui.yaml"]
    raise ValueError(f"unknown block {block!r}")


def edit_url(repo_url: str, path: str, line: int = 0) -> str:
    """The repository's web editor opened on a file (at `line`, when given); "" when the
    site does not know its repository."""
    base = (repo_url or "").rstrip("/")
    if not base:
        return ""
    return f"{base}/edit/{BRANCH}/{path}" + (f"#L{line}" if line else "")


def data_files_view(dataset: Dataset, paths: list[str], lang: str, repo_url: str) -> dict:
    """What the theme shows: a label and, per file, its path and an edit link (or none)."""
    return {
        "label": dataset.ui["edit_data"].get(lang),
        "files": [{"path": path, "href": edit_url(repo_url, path)} for path in paths],
    }
