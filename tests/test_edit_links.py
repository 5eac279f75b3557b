"""The "suggest a correction" link on every fact card: GitHub's web editor opened at the
fact's line in its report's data file when the site knows its repository; none when it does not."""

from __future__ import annotations

import sys

from conftest import ROOT, run_mkdocs_build
from macros.render import reports as render
from macros.render.datafiles import edit_url

sys.path.insert(0, str(ROOT / "tools"))
from project import copy_project  # noqa: E402

REPO = "https://github.com/example/reform-reports"
FACT = "xingu-tax-revenue"


def line_in_file(fact_id: str) -> int:
    """The 1-based line of the fact's `- id:` item, read from the file itself."""
    lines = (ROOT / "data" / "reports" / "xingu.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == f"- id: {fact_id}")


def test_the_model_knows_where_a_fact_is_written(dataset):
    fact = dataset.fact(FACT)
    assert fact.data_file == "data/reports/xingu.yaml"
    assert fact.line == line_in_file(FACT)


def test_a_fact_moved_to_another_line_is_still_the_same_fact(dataset):
    from dataclasses import replace

    fact = dataset.fact(FACT)
    assert replace(fact, line=fact.line + 3) == fact


def test_edit_urls():
    assert edit_url(REPO + "/", "data/ui.yaml") == f"{REPO}/edit/main/data/ui.yaml"
    assert edit_url(REPO, "data/reports/xingu.yaml", 12) == f"{REPO}/edit/main/data/reports/xingu.yaml#L12"
    assert edit_url("", "data/reports/xingu.yaml", 12) == ""


def card(dataset, lang: str, repo_url: str) -> str:
    page = render.Page(dataset, lang, "en/xingu/" if lang == "en" else "xingu/", repo_url)
    return str(render.fact_html(dataset.fact(FACT), page, level=4, home=True))


def test_the_card_links_to_the_editor_at_the_fact_line_when_the_repository_is_known(dataset):
    href = f"{REPO}/edit/main/data/reports/xingu.yaml#L{line_in_file(FACT)}"
    zh, en = card(dataset, "zh", REPO), card(dataset, "en", REPO)
    assert f'<a class="rr-suggest" href="{href}" aria-label="提出修改: 全口径税收">提出修改</a>' in zh
    assert f'<a class="rr-suggest" href="{href}" aria-label="Suggest a correction: Total tax revenue">Suggest a correction</a>' in en
    # Inside the card's footer, beside the permalink.
    assert zh.index("<footer") < zh.index("rr-suggest") < zh.index("rr-permalink") < zh.index("</footer>")


def test_no_link_without_a_repository(dataset):
    for lang in ("zh", "en"):
        assert "rr-suggest" not in card(dataset, lang, "")
        assert "/edit/" not in card(dataset, lang, "")


def test_a_build_with_a_repository_links_every_fact_to_its_line(tmp_path, dataset):
    from htmlscan import scan

    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site, env={"REPO_URL": REPO})
    assert result.returncode == 0, result.stderr[-3000:]

    for folder, text in (("", "提出修改"), ("en/", "Suggest a correction")):
        for report in dataset.reports:
            page = (site / folder / report.id / "index.html").read_text(encoding="utf-8")
            links = [attrs for tag, attrs in scan(page).links if tag == "a" and attrs.get("class") == "rr-suggest"]
            # One link per fact, at its line, each with its own accessible name.
            assert sorted(a["href"] for a in links) == sorted(
                edit_url(REPO, f"data/reports/{report.id}.yaml", fact.line) for fact in report.all_facts())
            assert len({a["aria-label"] for a in links}) == len(links)
            assert all(a["aria-label"].startswith(f"{text}: ") for a in links)
            assert page.count(f">{text}</a>") == len(links)
            # The page-level "edit the data" link stays.
            assert f'href="{REPO}/edit/main/data/reports/{report.id}.yaml"' in page
        xingu = (site / folder / "xingu" / "index.html").read_text(encoding="utf-8")
        assert f'href="{REPO}/edit/main/data/reports/xingu.yaml#L{line_in_file(FACT)}"' in xingu

    # Links to github.com are navigation, not resources loaded from another origin.
    from test_site import test_no_resource_from_another_origin

    test_no_resource_from_another_origin(site)
