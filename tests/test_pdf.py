"""`make pdf`: a PDF per report per language, whose text holds the report's figures and
whose fonts, Chinese included, are embedded."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.render.formatting import format_date, format_quantity

pytestmark = pytest.mark.site  # runs again with an extra report (see conftest)

sys.path.insert(0, str(ROOT / "tools"))
pdf_tool = pytest.importorskip("pdf")

if not Path(pdf_tool.CHROMIUM).exists() or not shutil.which("fc-list"):
    pytest.skip("Chromium or fontconfig missing: run `make browser`", allow_module_level=True)


@pytest.fixture(scope="module")
def pdfs(built_site, dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    pdf_tool.make_pdfs(built_site, out, [r.id for r in dataset.reports])
    return out


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_pdf_holds_its_reports_figures_and_dates_as_text(pdfs, dataset, lang):
    for report in dataset.reports:
        text = re.sub(r"\s+", " ", pdf_text(pdfs / pdf_tool.pdf_name(report.id, lang)))
        compact = text.replace(" ", "")
        for fact in report.all_facts():
            if fact.quantity:
                main = format_quantity(fact.quantity, lang, dataset.ui).main
                assert main.replace(" ", "") in compact, (report.id, fact.id, main)
            if fact.date:
                assert format_date(fact.date, lang).replace(" ", "") in compact, (report.id, fact.id)
        assert report.title.zh.replace(" ", "") in compact


def test_chinese_text_reads_as_ideographs_not_radicals(pdfs, dataset):
    text = pdf_text(pdfs / pdf_tool.pdf_name("xingu", "zh"))
    assert not re.search("[\u2e80-\u2fdf]", text)
    assert "月" in text and "成都芯谷" in text


def test_every_font_is_embedded(pdfs, dataset):
    for path in pdfs.glob("*.pdf"):
        for page in PdfReader(str(path)).pages:
            for ref in page["/Resources"].get("/Font", {}).values():
                font = ref.get_object()
                if font["/Subtype"] == "/Type3":
                    assert "/CharProcs" in font  # glyphs drawn in the file itself
                    continue
                descendant = font.get("/DescendantFonts")
                descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"].get_object()
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (path.name, font.get("/BaseFont"))
