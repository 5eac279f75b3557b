"""From page to data, downloads and citation."""

from __future__ import annotations

import csv
import io
import json

import pytest

from macros.render import citation

from macros.render import export
from macros.render.datafiles import data_files_view, files_for

pytestmark = pytest.mark.site  # runs again with an extra report (see conftest)

LANGS = {"zh": "", "en": "en/"}


def test_json_download_holds_every_fact_in_both_languages(dataset):
    data = json.loads(export.dataset_json(dataset))
    assert [f["id"] for f in data["facts"]] == [f.id for r in dataset.reports for f in r.all_facts()]
    tax = next(f for f in data["facts"] if f["id"] == "xingu-tax-revenue")
    assert tax["quantity"] == {"unit": "yuan", "value": 354000000}
    assert set(tax["text"]) == {"zh", "en"} and tax["source"]["section"] == "1"
    assert tax["url"] == {"zh": "xingu/#xingu-tax-revenue", "en": "en/xingu/#xingu-tax-revenue"}
    assert len(data["comparison"]) == len(dataset.dimensions) and len(data["glossary"]) == len(dataset.terms)


def test_csv_download_has_a_row_per_fact_and_survives_a_round_trip(dataset):
    text = export.facts_csv(dataset)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(dataset.facts)
    row = next(r for r in rows if r["id"] == "shuangliu-business-startup-time")
    assert (row["before"], row["after"], row["stated_change"], row["better"], row["unit"]) == ("20", "0.5", "-98", "lower", "day")
    assert row["text_zh"] and row["text_en"] and row["url_en"] == "en/shuangliu/#shuangliu-business-startup-time"


def test_downloads_are_deterministic(dataset):
    assert export.dataset_json(dataset) == export.dataset_json(dataset)
    assert export.facts_csv(dataset) == export.facts_csv(dataset)


@pytest.mark.parametrize("lang", LANGS)
def test_citations_name_publisher_title_date_and_page(dataset, lang):
    report = dataset.report("xingu")
    url = f"https://example.org/{LANGS[lang]}xingu/"
    plain = citation.plain(report, lang, url)
    assert report.credit.get(lang) in plain and url in plain and report.title.zh in plain
    bib = citation.bibtex(report, lang, url)
    assert bib.startswith("@misc{xingu2022,") and "year = {2022}" in bib and f"url = {{{url}}}" in bib


def test_bibtex_escapes_its_specials():
    assert citation.bibtex_escape("R&D 100% {x}_#") == r"R\&D 100\% \{x\}\_\#"


def test_each_page_lists_its_data_files_with_edit_links(dataset):
    view = data_files_view(dataset, files_for(dataset, "report", "xingu"), "en", "https://github.com/org/repo")
    assert view["files"] == [{"path": "data/reports/xingu.yaml", "href": "https://github.com/org/repo/edit/main/data/reports/xingu.yaml"}]
    assert data_files_view(dataset, ["data/themes.yaml"], "zh", "")["files"][0]["href"] == ""


@pytest.mark.parametrize("lang", LANGS)
def test_built_pages_link_to_their_data_and_downloads_exist(built_site, dataset, lang):
    reports = tuple((f"{r.id}/", f"data/reports/{r.id}.yaml") for r in dataset.reports)
    for page, expected in (*reports, ("compare/", "data/comparison.yaml"),
                           ("glossary/", "data/glossary.yaml"), ("themes/", "data/themes.yaml")):
        html = (built_site / LANGS[lang] / page / "index.html").read_text(encoding="utf-8")
        aside = html[html.index('class="rr-data-files"'):]
        assert expected in aside[:aside.index("</aside>")]
    data_page = (built_site / LANGS[lang] / "data" / "index.html").read_text(encoding="utf-8")
    assert "reform-reports.json" in data_page and "report.schema.json" in data_page
    assert all(f'id="cite-{r.id}"' in data_page for r in dataset.reports)
    for name in ("reform-reports.json", "reform-reports-facts.csv", "schemas/report.schema.json"):
        assert (built_site / "downloads" / name).is_file()


def test_every_report_page_has_a_cite_block(built_site, dataset):
    for lang, prefix in LANGS.items():
        for report in dataset.reports:
            html = (built_site / prefix / report.id / "index.html").read_text(encoding="utf-8")
            assert f'id="cite-{report.id}"' in html and f"@misc&#123;{report.id}{report.published.year}," in html
