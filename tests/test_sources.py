"""The data against the two sources: nothing printed in a source is lost, and no
sentence of a source is pasted into the data.

The sources live in ../shared/sources (beside the checkout); these tests are skipped
where that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|‘[^’]*’")
LONGEST_SHARED_RUN = 19  # characters; official names and slogans belong in quotation marks

pytestmark = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")


def source_content(report) -> str:
    """The report's text without page furniture (see shared/sources/README.md)."""
    lines = (SOURCES / report.source_file).read_text(encoding="utf-8").splitlines()
    if report.id == "shuangliu":
        # The page was captured twice; the first copy runs up to the editor's line.
        end = next(i for i, line in enumerate(lines) if "责任编辑" in line)
        return "\n".join(lines[2:end])
    return "\n".join(line for line in lines[1:] if "图片已损坏" not in line)


def numbers_in_data(report) -> set[str]:
    """Every way the report's data can account for a number printed in the source."""
    found: set[str] = set()

    def add(value):
        found.add(f"{value:g}" if isinstance(value, float) else str(value))

    for fact in report.all_facts():
        q = fact.quantity
        if q:
            for value in q.numbers().values():
                add(abs(value))
                if q.unit.key == "yuan":
                    add(abs(value) / 100_000_000)  # printed in 亿元
        if fact.date:
            d = fact.date
            add(d.year)
            if d.month:
                add(d.month)
                # The capture lost 年/月: 2020324日 is 2020-03-24, 325日 is 03-25.
                add(f"{d.month}{d.day or ''}")
                add(f"{d.year}{d.month}{d.day or ''}")
            if d.day:
                add(d.day)
        for text in (fact.text, fact.title, fact.number, fact.caveat):
            if text:
                found.update(NUMBER.findall(text.zh))
    published = report.published
    found.update({str(published.year), f"{published.month:02d}", f"{published.day:02d}"})
    if report.published_time:
        found.update(report.published_time.split(":"))
    return found


def test_every_number_printed_in_a_source_is_in_the_data(dataset):
    for report in dataset.reports:
        accounted = numbers_in_data(report)
        missing = [n for n in NUMBER.findall(source_content(report)) if n not in accounted]
        assert missing == [], f"{report.id}: numbers in the source that no fact holds: {missing}"


def zh_texts(dataset):
    """Every Chinese text written for this site, with where it stands and which report it
    speaks for (None: it spans reports). Official names (titles of documents and bodies, the
    reports' own titles) and the source's own headings, cited as labels, are not ours to word."""
    for report in dataset.reports:
        yield report.id, "summary", report.summary.zh
        if report.source_notes:
            yield report.id, "source.notes", report.source_notes.zh
        for section in report.sections:
            yield report.id, f"{section.id}.title", section.title.zh
            if section.intro:
                yield report.id, f"{section.id}.intro", section.intro.zh
            for part in section.parts:
                yield report.id, f"{part.id}.title", part.title.zh
                if part.intro:
                    yield report.id, f"{part.id}.intro", part.intro.zh
        if report.document_type:
            yield report.id, "document_type", report.document_type.zh
        for fact in report.all_facts():
            for name in ("text", "caveat", "place", "reading"):
                value = getattr(fact, name)
                if value:
                    yield report.id, f"{fact.id}.{name}", value.zh
            if fact.title and fact.kind not in ("document", "body"):  # those titles are official names
                yield report.id, f"{fact.id}.title", fact.title.zh
    for dimension in dataset.dimensions:
        for cell in dimension.cells:
            if cell.text:
                yield None, f"{dimension.id}.{cell.report_id}", cell.text.zh
            if cell.reading:
                yield None, f"{dimension.id}.{cell.report_id}.reading", cell.reading.zh
    for theme in dataset.themes:
        yield None, f"{theme.id}.summary", theme.summary.zh
        if theme.reading:
            yield None, f"{theme.id}.reading", theme.reading.zh
    for term in dataset.terms:
        yield None, f"{term.id}.definition", term.definition.zh
        if term.reading:
            yield None, f"{term.id}.reading", term.reading.zh
    for diagram in dataset.diagrams:
        yield diagram.report_id, f"{diagram.id}.title", diagram.title.zh
        for number, node in enumerate((diagram.root, *diagram.branches)):
            yield diagram.report_id, f"{diagram.id}.node{number}", node.label.zh
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.suffixes == [".md"]:  # the Chinese pages; page.en.md are the English
            for number, line in enumerate(page.read_text(encoding="utf-8").split("---", 2)[-1].splitlines(), start=1):
                if line.strip() and "{{" not in line and not line.startswith("#"):
                    yield None, f"docs/{page.name}:{number}", line


NEAR_COPY_LIMIT = 0.8
NEAR_COPY_MIN_LENGTH = 25  # characters, quoted names left out
SHINGLE = 4


def near_copy_score(text: str, source: str) -> tuple[float, int]:
    """The share of a text's characters covered by 4-character sequences that also occur in
    the source, and the text's length; quoted official names and titles (“…”, 《…》) and white
    space left out. A sentence copied with a few characters changed still scores high."""
    own = re.sub(r"\s+", "", QUOTED.sub("", text))
    source = re.sub(r"\s+", "", source)
    shingles = {source[i:i + SHINGLE] for i in range(len(source) - SHINGLE + 1)}
    covered = [False] * len(own)
    for i in range(len(own) - SHINGLE + 1):
        if own[i:i + SHINGLE] in shingles:
            covered[i:i + SHINGLE] = [True] * SHINGLE
    return (sum(covered) / len(own) if own else 0.0), len(own)


def test_near_copy_measure_catches_a_sentence_with_a_few_characters_changed():
    source = "成都芯谷发展服务局作为执行机构，负责园区开发建设、运营管理和产业发展等工作。"
    near_copy = "成都芯谷发展服务局是执行机构，负责园区开发建设、运营管理与产业发展等工作。"
    own_words = "园区的日常建设、运营和产业培育，由新设的法定机构承担执行职责。"
    assert near_copy_score(near_copy, source)[0] >= NEAR_COPY_LIMIT
    assert near_copy_score(own_words, source)[0] < 0.3
    assert near_copy_score("“成都芯谷发展服务局”负责执行", source)[1] == len("负责执行")  # quoted names left out


def test_no_chinese_text_is_a_near_copy_of_a_source(dataset, near_copy_report):
    sources = {report.id: source_content(report) for report in dataset.reports}
    both = "\n".join(sources.values())
    copied = []
    for report_id, where, text in zh_texts(dataset):
        score, length = near_copy_score(text, sources[report_id] if report_id else both)
        if length >= NEAR_COPY_MIN_LENGTH:
            near_copy_report.append(score)
            if score >= NEAR_COPY_LIMIT:
                copied.append(f"{report_id or 'cross-report'}/{where}: {score:.2f}: {text}")
    assert copied == [], "write these in your own words (quote only official names):\n" + "\n".join(copied)
