"""A report is one data file: adding `data/reports/<id>.yaml`, and nothing else, publishes it
everywhere in both languages; removing it leaves no link to it; a link to a page that does
not exist fails the strict build; the MkDocs-facing code stays in one layer."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_of_project, run_mkdocs_build
from macros.adapter import pages
from macros.model.load import load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "testpark.yaml"
REPORT = "testpark"
LANGS = {"zh": "", "en": "en/"}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_with_report(tmp_path_factory):
    """The project with the fixture report added as its one data file, built strictly."""
    base = tmp_path_factory.mktemp("third")
    project = copy_of_project(base / "project")
    shutil.copy(FIXTURE, project / "data" / "reports" / f"{REPORT}.yaml")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    result = run_mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert [p for p in after if p not in before] == []  # the build wrote nothing into the project
    dataset, _ = load_dataset(project / "data", project)
    return base / "site", dataset, project


def test_the_report_data_file_is_all_a_new_report_needs(site_with_report):
    site, dataset, project = site_with_report
    assert not list((project / "docs").rglob(f"{REPORT}*"))  # no stub, no page written by hand
    assert f"{REPORT}.md" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    report = dataset.report(REPORT)
    for lang, prefix in LANGS.items():
        text = page(site, f"{prefix}{REPORT}/")
        assert all(f'id="{fact.id}"' in text for fact in report.all_facts())
        assert report.short_title.get(lang) in text
        printed = page(site, f"{prefix}print/{REPORT}/")
        assert 'class="rr-print-cover"' in printed and f'id="{REPORT}-coordination-share"' in printed
        assert f"print/{REPORT}/" in text  # the report page links to its printable edition


def test_the_navigation_lists_the_reports_in_their_order(site_with_report):
    site, dataset, _ = site_with_report
    for prefix in LANGS.values():
        home = page(site, prefix)
        nav = home[home.index('class="md-nav md-nav--primary"'):]
        positions = [nav.index(f'href="{r.id}/"') for r in dataset.reports]
        assert positions == sorted(positions)
        assert nav.index('href="compare/"') > positions[-1]


def test_home_timeline_outcomes_and_downloads_include_the_report(site_with_report):
    site, dataset, _ = site_with_report
    report = dataset.report(REPORT)
    for lang, prefix in LANGS.items():
        home = page(site, prefix)
        assert f'href="{REPORT}/"' in home and report.short_title.get(lang) in home  # its card
        assert f"#{REPORT}-coordination-share" in home  # its headline figure
        timeline = page(site, f"{prefix}timeline/")
        assert f"#{REPORT}-opening" in timeline and f"#{REPORT}-charter" in timeline
        compare = page(site, f"{prefix}compare/")
        assert f"#{REPORT}-coordination-share" in compare  # the before/after table
    data = json.loads((site / "downloads" / "reform-reports.json").read_text(encoding="utf-8"))
    assert any(f["id"] == f"{REPORT}-rec-rules" for f in data["facts"])
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "reform-reports-facts.csv").read_text(encoding="utf-8-sig"))))
    assert sum(row["id"].startswith(f"{REPORT}-") for row in rows) == len(report.all_facts())


def test_the_sources_credit_names_every_report(site_with_report):
    site, dataset, _ = site_with_report
    for lang, prefix in LANGS.items():
        about = page(site, f"{prefix}about/")
        footer = html.unescape(about[about.index("md-copyright"):])
        for report in dataset.reports:
            assert report.credit.get(lang) in footer


def test_removing_the_report_file_leaves_no_link_to_it(site_with_report, tmp_path):
    _, _, project = site_with_report
    (project / "data" / "reports" / f"{REPORT}.yaml").unlink()
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (site / REPORT).exists() and not (site / "print" / REPORT).exists()
    mentions = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv")
                and re.search(rf"\b{REPORT}\b", p.read_text(encoding="utf-8", errors="replace"))]
    assert mentions == []


def test_a_strict_build_fails_on_a_link_to_a_page_that_does_not_exist(tmp_path):
    project = copy_of_project(tmp_path / "project")
    (project / "docs" / "about.md").write_text(
        (project / "docs" / "about.md").read_text(encoding="utf-8") + '\n<p><a href="../print/nowhere/">打印版</a></p>\n',
        encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "about/index.html: ../print/nowhere/" in result.stdout + result.stderr


def test_generated_pages_and_navigation_come_from_the_data(dataset):
    generated = pages.generated_pages(pages.report_ids(dataset, ROOT / "data"))
    for report in dataset.reports:
        assert generated[f"{report.id}.md"] == generated[f"{report.id}.en.md"] == f'{{{{ report_page("{report.id}") }}}}\n'
        assert f'{{{{ print_page("{report.id}") }}}}' in generated[f"print/{report.id}.md"]
    nav = pages.navigation(pages.report_ids(dataset, ROOT / "data"), ["index.md", "compare.md", "about.md"])
    assert nav == ["index.md", *[f"{r.id}.md" for r in dataset.reports], "compare.md", "about.md", "changes.md"]
    assert pages.navigation([], ["index.md", "data.md", "about.md"]) == ["index.md", "data.md", "changes.md", "about.md"]
    assert generated["changes.md"] == generated["changes.en.md"] == "{{ changes_page() }}\n"


def test_only_the_adapter_imports_mkdocs():
    offenders = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if "adapter" in path.relative_to(ROOT / "macros").parts:
            continue
        if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_a_report_naming_a_source_capture_that_does_not_exist_is_a_mistake(tmp_path):
    sources = tmp_path / "shared" / "sources"
    sources.mkdir(parents=True)
    (sources / "testpark.txt").write_text("text", encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copy(FIXTURE, project / "data" / "reports" / f"{REPORT}.yaml")
    for name in ("000_94e01ad601ffea42.txt", "002_9548cf7dbd4195e3.txt"):
        (sources / name).write_text("text", encoding="utf-8")
    assert load_dataset(project / "data", project)[1] == []
    report = project / "data" / "reports" / f"{REPORT}.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("file: testpark.txt", "file: testpark.text"), encoding="utf-8")
    problems = [str(p) for p in load_dataset(project / "data", project)[1]]
    assert len(problems) == 1 and "there is no source capture `testpark.text`; did you mean `testpark.txt`?" in problems[0]
